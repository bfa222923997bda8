"""What the watcher remembers between runs: per folder UIDVALIDITY + last UID seen, and the mails
already handled. Together they make each mail handled once, across restarts and across folders
(a notice moved from the spam folder to INBOX gets a new UID but is still the same notice).
Only public facts are stored: folder names, UIDs, kinds, hashes.
"""
from __future__ import annotations

import datetime as dt

from ehwatch.store import Store

MIGRATIONS = [
    """
    CREATE TABLE mail_watermarks (
        account TEXT NOT NULL,
        folder TEXT NOT NULL,
        uidvalidity INTEGER NOT NULL,
        last_uid INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (account, folder)
    );
    CREATE TABLE mail_handled (
        identity TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        folder TEXT NOT NULL,
        uid INTEGER NOT NULL,
        kind TEXT NOT NULL,
        trusted INTEGER NOT NULL,
        handled_at TEXT NOT NULL
    )
    """,
]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class MailState:
    def __init__(self, store: Store, account: str):
        self.store = store
        self.account = account
        store.migrate("mail", MIGRATIONS)

    def watermark(self, folder: str) -> tuple[int, int] | None:
        """(UIDVALIDITY, last UID looked at) or None when the folder was never scanned."""
        row = self.store.db.execute(
            "SELECT uidvalidity, last_uid FROM mail_watermarks WHERE account = ? AND folder = ?",
            (self.account, folder)).fetchone()
        return (row["uidvalidity"], row["last_uid"]) if row else None

    def advance(self, folder: str, uidvalidity: int, last_uid: int) -> None:
        """Moves the watermark forward only (two passes at once never move it back)."""
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO mail_watermarks(account, folder, uidvalidity, last_uid, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(account, folder) DO UPDATE SET "
                "uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, updated_at = excluded.updated_at "
                "WHERE excluded.uidvalidity != mail_watermarks.uidvalidity "
                "OR excluded.last_uid > mail_watermarks.last_uid",
                (self.account, folder, uidvalidity, last_uid, _now()))

    def claim(self, identity: str, folder: str, uid: int, kind: str, trusted: bool) -> bool:
        """True the first time a mail is claimed; False when it was handled before."""
        with self.store.transaction() as db:
            cur = db.execute(
                "INSERT OR IGNORE INTO mail_handled(identity, account, folder, uid, kind, trusted, handled_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (identity, self.account, folder, uid, kind, int(trusted), _now()))
            return cur.rowcount == 1

    def release(self, identity: str) -> None:
        """Forgets a claim whose handling failed, so the next pass tries again."""
        with self.store.transaction() as db:
            db.execute("DELETE FROM mail_handled WHERE identity = ?", (identity,))
