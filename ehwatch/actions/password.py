"""Change a keystore's password (the Certificate Manager's "change password"), never losing the original.

1. the original's bytes are copied, byte for byte, to a dated backup beside it (``names.backup_name``:
   the scanner never takes it for a keystore), fsynced, and read back;
2. the change is recorded (the state store: which file, which backup — nothing secret) and the new
   password waits in the keyring as "pending" for that file;
3. the same entries, re-protected with the new password and the same protection scheme, go to a
   temporary file, fsynced, then renamed over the original's name — atomic: the name holds the old
   file or the new one, never neither, and medical software configured with that path keeps working;
4. the keyring's password for the file becomes the new one; the pending entry and the record go.

``resume`` finishes a change a crash interrupted: if the file opens with the pending password the
change happened (step 4 is done again); otherwise the file is still the original, and the pending
password is dropped.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ehwatch import fileutil, secrets
from ehwatch.failpoints import failpoint
from ehwatch.monitor import names
from ehwatch.renewal.stops import Cancelled, PasswordNeeded, RenewalStopped

if TYPE_CHECKING:
    from ehwatch.actions.ui import ActionUI
    from ehwatch.core import Core
    from ehwatch.store import Store

log = logging.getLogger(__name__)

MIGRATIONS = ["""
    CREATE TABLE password_changes (
        keystore TEXT PRIMARY KEY,
        backup TEXT NOT NULL,
        started_at TEXT NOT NULL
    )
"""]


def _table(core: Core) -> Store:
    core.store.migrate("password", MIGRATIONS)
    return core.store


def run(core: Core, ui: ActionUI, args: dict[str, Any]) -> int:
    path = Path(args["keystore"]).resolve()
    resume(core)
    if not path.is_file() or not names.is_keystore_name(path.name):
        ui.tell("cli.renew.no_such_keystore", file=str(path))
        return 2
    original = path.read_bytes()
    old_password = _old_password(path, original, ui)
    from ehwatch.monitor import pkcs12  # the crypto libraries, only when a password changes

    content = pkcs12.read_keystore(original, old_password)
    from ehwatch.renewal.start import ask_new_password

    new_password = ask_new_password(ui)
    if new_password == old_password:
        raise RenewalStopped("password.same")
    if not ui.confirm("password.confirm_change", file=path.name):
        raise Cancelled()
    backup = path.with_name(names.backup_name(path.name, dt.datetime.now(dt.UTC)))
    fileutil.write_new_file(backup, original)
    if hashlib.sha256(backup.read_bytes()).digest() != hashlib.sha256(original).digest():
        raise RenewalStopped("password.backup_failed", file=str(backup))
    failpoint("password:backup-written")
    with _table(core).transaction() as db:
        db.execute("INSERT OR REPLACE INTO password_changes(keystore, backup, started_at) VALUES (?,?,?)",
                   (str(path), str(backup), dt.datetime.now(dt.UTC).isoformat()))
    secrets.set_pending_keystore_password(path, new_password)
    failpoint("password:pending-stored")
    _replace(path, pkcs12.write_keystore(content, new_password, protection=content.protection))
    failpoint("password:replaced")
    resume(core)
    ui.tell("password.changed", file=str(path), backup=backup.name)
    return 0


def resume(core: Core) -> None:
    """Finishes (or forgets) the changes a crash left half done."""
    store = _table(core)
    for row in store.db.execute("SELECT keystore, backup FROM password_changes").fetchall():
        path = Path(row["keystore"])
        pending = secrets.pending_keystore_password(path)
        if pending and path.is_file() and _opens(path, pending):
            secrets.set_keystore_password(path, pending)
            failpoint("password:keyring-updated")
            log.info("password change of %s finished", path.name)
        else:
            log.info("password change of %s did not happen: the original is unchanged", path.name)
        secrets.forget_pending_keystore_password(path)
        with store.transaction() as db:
            db.execute("DELETE FROM password_changes WHERE keystore = ?", (str(path),))


def _opens(path: Path, password: str) -> bool:
    from ehwatch.monitor import pkcs12

    try:
        pkcs12.read_keystore(path.read_bytes(), password, decrypt_keys=False)
        return True
    except pkcs12.WrongPassword:
        return False


def _old_password(path: Path, data: bytes, ui: ActionUI) -> str:
    from ehwatch.monitor import pkcs12

    stored = secrets.keystore_password(path)
    if stored and _opens(path, stored):
        return stored
    for attempt in range(3):
        password = ui.ask_keystore_password(path, retry=attempt > 0 or bool(stored))
        if password is None:
            raise Cancelled()
        try:
            pkcs12.read_keystore(data, password, decrypt_keys=False)
            return password
        except pkcs12.WrongPassword:
            continue
    raise PasswordNeeded("renewal.password.unknown", file=path.name)


def _replace(path: Path, data: bytes) -> None:
    """The new content under the original's name: a temporary file beside it, fsynced, then renamed
    (the one place ehwatch replaces a user's keystore, and only after its backup is safe)."""
    fd, tmp = tempfile.mkstemp(prefix=".ehwatch-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY) if hasattr(os, "O_DIRECTORY") else None
    if dir_fd is not None:
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
