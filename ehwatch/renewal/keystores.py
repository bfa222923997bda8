"""The keystores a renewal reads and writes: the old one (read only, ever) and the new one (ehwatch's
own file, from the placeholder to the certificate and the ETK)."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from ehwatch import secrets
from ehwatch.monitor import names, pkcs12
from ehwatch.renewal.stops import PasswordNeeded, RenewalStopped

AUTH_ALIAS = "authentication"


def cert(der: bytes) -> x509.Certificate:
    return x509.load_der_x509_certificate(der)


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@dataclass
class OpenedKeystore:
    path: Path
    content: pkcs12.KeystoreContent
    subject: names.EhealthSubject
    certificate: bytes          # the authentication leaf (DER)
    pending: bool
    not_after: dt.datetime | None


def open_keystore(path: Path, password: str) -> OpenedKeystore:
    """The old keystore's authentication entry and who it belongs to (from the certificate, else the
    file name while it is only a pending request)."""
    content = pkcs12.read_keystore(Path(path).read_bytes(), password)
    entry = auth_entry(path, content)
    leaf = entry.chain[0]
    pending = names.is_placeholder(leaf)
    subject = None
    not_after = None
    if not pending:
        parsed_cert = cert(leaf)
        subject = names.parse_subject(parsed_cert.subject)
        not_after = parsed_cert.not_valid_after_utc
    if subject is None:
        parsed = names.parse_keystore_filename(Path(path).name)
        if parsed is None and not pending:
            raise RenewalStopped("renewal.not_ehealth", file=Path(path).name)
        subject = names.EhealthSubject(
            identifier=f"{parsed.type}={parsed.id}" if parsed else "", type=parsed.type if parsed else "",
            id=parsed.id if parsed else "", application=parsed.application if parsed else None, holder=None)
    return OpenedKeystore(Path(path), content, subject, leaf, pending, not_after)


def auth_entry(path: Path, content: pkcs12.KeystoreContent) -> pkcs12.KeyEntry:
    """The authentication entry (with at least its own certificate), or the renewal stops: without it
    there is nothing to sign with."""
    entry = content.key(AUTH_ALIAS)
    if entry is None or not entry.chain:
        raise RenewalStopped("renewal.no_authentication_entry", file=Path(path).name)
    return entry


def read_new_keystore(new_keystore: str | None) -> tuple[Path, str, pkcs12.KeystoreContent]:
    """The renewal's own keystore with its password from the keyring."""
    path = Path(new_keystore or "")
    if not new_keystore or not path.exists():
        raise RenewalStopped("renewal.new_keystore_missing", file=path.name)
    password = secrets.keystore_password(path)
    if not password:
        raise PasswordNeeded("renewal.password.unknown", file=path.name)
    try:
        return path, password, pkcs12.read_keystore(path.read_bytes(), password)
    except pkcs12.WrongPassword:
        raise PasswordNeeded("renewal.password.stored_wrong", file=path.name) from None


def free_keystore_name(folder: Path, subject: names.EhealthSubject, environment: str, when: dt.datetime) -> Path:
    """``<TYPE>=<id> <yyyyMMdd-HHmmss>.p12`` for ``when``; the next second if that name is taken."""
    while True:
        path = folder / names.keystore_filename(subject.type, subject.id, subject.application, when, environment)
        if not path.exists():
            return path
        when += dt.timedelta(seconds=1)


def check_folder_writable(folder: Path, room: int = 64 * 1024) -> None:
    """Before the PIN is asked: the new keystore can be written here (a read-only folder or a full
    disk is said now, not after the eID signed). Writes and removes a probe file of ``room`` bytes,
    several times what a new keystore takes."""
    try:
        fd, probe = tempfile.mkstemp(prefix=".ehwatch-probe-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise RenewalStopped("renewal.folder_not_writable", folder=str(folder),
                             detail=exc.strerror or type(exc).__name__) from None
    try:
        try:
            block = memoryview(b"\0" * room)
            while block:                      # a nearly full disk writes short before it refuses
                block = block[os.write(fd, block):]
            os.fsync(fd)
        except OSError as exc:
            raise RenewalStopped("renewal.folder_full", folder=str(folder),
                                 detail=exc.strerror or type(exc).__name__) from None
    finally:
        os.close(fd)
        Path(probe).unlink(missing_ok=True)
