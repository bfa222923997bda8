"""Keystore passwords: checked against the keystore before they are stored in the OS keyring.

Storing a password that does not open the keystore would only turn ``locked`` into
``wrong-password``; so the MAC is verified first (one PBKDF2, no key decrypted).
"""
from __future__ import annotations

from pathlib import Path

from ehwatch import logs, secrets
from ehwatch.errors import EhwatchError
from ehwatch.monitor import pkcs12, scanner


class KeystoreMissing(EhwatchError):
    exit_code = 2

    def __init__(self, path: Path):
        super().__init__("monitor.password.no_file", path=scanner.printable(path))


def check_password(path: Path, password: str) -> None:
    """Raises WrongPassword, NotAKeystore or KeystoreMissing; returns when the password opens it."""
    logs.redact(password)
    path = Path(path)
    try:
        if not path.is_file():
            raise KeystoreMissing(path)
        if path.stat().st_size > scanner.MAX_KEYSTORE_BYTES:
            raise pkcs12.NotAKeystore(detail="size")
        data = path.read_bytes()
    except OSError:
        raise KeystoreMissing(path) from None
    pkcs12.read_keystore(data, password, decrypt_keys=False)


def store_password(path: Path, password: str) -> None:
    """Verifies, then stores; the keyring entry is keyed by the file name (survives moving the folder)."""
    check_password(path, password)
    secrets.set_keystore_password(Path(path), password)


def forget_password(path: Path) -> bool:
    """True if a password was stored."""
    return secrets.forget_keystore_password(Path(path))
