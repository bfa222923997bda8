"""Secrets in the OS keyring, and only there.

Keystore passwords are keyed by the keystore's file name (``SSIN=… 20140616-090423.p12``: unique
per request, and it survives moving the folder); mail secrets by account. Every secret read or
written is also handed to the log redactor, so that it can never reach a log file by accident.

``keyring`` is imported on the first secret asked for, not with this module: choosing a backend
reads every installed package's entry points (~30 ms), which ``ehwatch status`` on a warm cache, and
most commands, never need.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ehwatch import logs
from ehwatch.errors import EhwatchError

SERVICE = "ehwatch"


def _account_for_keystore(path: Path | str) -> str:
    return "keystore:" + Path(path).name


def _account_for_mail(username: str, host: str) -> str:
    return f"mail:{username}@{host}"


def _call(name: str, *args):
    """``keyring.<name>(*args)``, its errors turned into ours."""
    import keyring
    import keyring.errors

    try:
        return getattr(keyring, name)(*args)
    except keyring.errors.NoKeyringError:
        raise EhwatchError("keyring.unavailable") from None
    except keyring.errors.PasswordDeleteError:
        return None
    except keyring.errors.KeyringError as exc:
        raise EhwatchError("keyring.failed", detail=type(exc).__name__) from None


def _get(account: str) -> str | None:
    value = _call("get_password", SERVICE, account)
    if value:
        logs.redact(value)
    return value


def _set(account: str, secret: str) -> None:
    logs.redact(secret)
    _call("set_password", SERVICE, account, secret)


def _delete(account: str) -> bool:
    if _call("get_password", SERVICE, account) is None:
        return False
    _call("delete_password", SERVICE, account)
    return True


def keystore_password(path: Path | str) -> str | None:
    return _get(_account_for_keystore(path))


def set_keystore_password(path: Path | str, password: str) -> None:
    _set(_account_for_keystore(path), password)


def forget_keystore_password(path: Path | str) -> bool:
    """True if a password was stored."""
    return _delete(_account_for_keystore(path))


def pending_keystore_password(path: Path | str) -> str | None:
    """A new password chosen for a keystore whose change is not finished (``actions.password``)."""
    return _get("pending:" + _account_for_keystore(path))


def set_pending_keystore_password(path: Path | str, password: str) -> None:
    _set("pending:" + _account_for_keystore(path), password)


def forget_pending_keystore_password(path: Path | str) -> bool:
    return _delete("pending:" + _account_for_keystore(path))


def mail_secret(username: str, host: str) -> str | None:
    return _get(_account_for_mail(username, host))


def set_mail_secret(username: str, host: str, secret: str) -> None:
    _set(_account_for_mail(username, host), secret)


def forget_mail_secret(username: str, host: str) -> bool:
    return _delete(_account_for_mail(username, host))


def backend_name() -> str:
    """Which keyring is in use (for ``ehwatch doctor``); 'none' when there is none."""
    import keyring

    try:
        backend = keyring.get_keyring()
    except Exception:
        return "none"
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    return "none" if "fail" in name.lower() or "null" in name.lower() else name


def __getattr__(name: str) -> Any:
    """``MemoryKeyring`` is made on first use, so that importing this module does not import keyring."""
    if name == "MemoryKeyring":
        global MemoryKeyring
        MemoryKeyring = _memory_keyring_class()
        return MemoryKeyring
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _memory_keyring_class() -> type:
    import keyring.backend

    class MemoryKeyring(keyring.backend.KeyringBackend):
        """A keyring that lives in this process only: for throw-away runs (``ehwatch demo``, benchmarks)
        that must never write to the user's real keyring. Select it with ``keyring.set_keyring``."""

        priority = 1

        def __init__(self):
            super().__init__()
            self._items: dict[tuple[str, str], str] = {}

        def get_password(self, service, username):
            return self._items.get((service, username))

        def set_password(self, service, username, password):
            self._items[(service, username)] = password

        def delete_password(self, service, username):
            self._items.pop((service, username), None)

    return MemoryKeyring
