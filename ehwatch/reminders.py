"""The notification policy: when ehwatch speaks up about a certificate, and when it keeps quiet.

A certificate crossing a threshold (``config.notify_days``, 30/14/7/3/1 days before expiry, and
once more when it has expired) gets one notification per threshold, remembered in the store so a
restart never repeats it. A certificate first seen late (5 days left) gets one notification, not
three: every threshold already crossed is marked at once. The user can snooze one keystore for a
day, mute one for good (a certificate deliberately left to expire), or pause everything for a day;
all three are persisted. A failure the user must act on ignores all three and notifies when it
appears, then once a day while it lasts.

The policy only decides; the daemon shows what it decides and reports back with ``mark_sent``.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ehwatch import i18n

DAY = 24 * 3600
EXPIRED = 0  # the threshold recorded when a certificate has expired

MIGRATIONS = [
    """
    CREATE TABLE reminder_sent (
        certificate TEXT NOT NULL,      -- keystore file name | notAfter: a renewed certificate starts afresh
        threshold INTEGER NOT NULL,
        sent_at REAL NOT NULL,
        PRIMARY KEY (certificate, threshold)
    );
    CREATE TABLE reminder_snooze (keystore TEXT PRIMARY KEY, until REAL NOT NULL);
    CREATE TABLE reminder_mute (keystore TEXT PRIMARY KEY, muted_at REAL NOT NULL);
    CREATE TABLE reminder_pause (id INTEGER PRIMARY KEY CHECK (id = 1), until REAL NOT NULL);
    CREATE TABLE reminder_failure (ident TEXT PRIMARY KEY, last_sent REAL NOT NULL)
    """,
]

# Record statuses that never call for an expiry reminder: the certificate was replaced, or there is
# no certificate yet (a pending request), so its dates mean nothing to the user.
_SILENT_STATUSES = {"superseded", "pending", "replaced", "revoked"}   # revoked: issue 12


@dataclass(frozen=True)
class Reminder:
    """One notification to show: texts by key, so the daemon renders them in the user's language."""

    ident: str                        # what mark_sent records (certificate id, or failure id)
    keystore: Path | None
    title_key: str
    body_key: str
    params: dict = field(default_factory=dict, compare=False, hash=False)
    thresholds: tuple[int, ...] = ()  # thresholds this notification covers (empty for a failure)
    renew_action: bool = False
    urgency: str = "normal"

    def title(self, lang: str | None = None) -> str:
        return i18n.t(self.title_key, lang, **self.params)

    def body(self, lang: str | None = None) -> str:
        return i18n.t(self.body_key, lang, **self.params)


@dataclass(frozen=True)
class Failure:
    """A failure the user must act on (a renewal refused, a mailbox that refuses the login…)."""

    ident: str                        # stable while the same failure lasts, e.g. "mail.login"
    message_key: str
    params: dict = field(default_factory=dict, compare=False, hash=False)
    keystore: Path | None = None


def keystore_key(path: Path | str) -> str:
    """Keystores are remembered by file name, like their passwords: it survives moving the folder."""
    return Path(path).name


def certificate_id(record) -> str:
    return f"{keystore_key(record.path)}|{record.not_after.isoformat()}"


class ReminderPolicy:
    def __init__(self, core, clock=time.time):
        self.core = core
        self.clock = clock
        core.store.migrate("reminders", MIGRATIONS)

    # --- user choices -------------------------------------------------------------------------
    def snooze(self, keystore: Path | str, seconds: float = DAY) -> float:
        until = self.clock() + seconds
        with self.core.store.transaction() as db:
            db.execute("INSERT INTO reminder_snooze(keystore, until) VALUES (?, ?) "
                       "ON CONFLICT(keystore) DO UPDATE SET until = excluded.until", (keystore_key(keystore), until))
        return until

    def mute(self, keystore: Path | str) -> None:
        with self.core.store.transaction() as db:
            db.execute("INSERT OR REPLACE INTO reminder_mute(keystore, muted_at) VALUES (?, ?)",
                       (keystore_key(keystore), self.clock()))

    def unmute(self, keystore: Path | str) -> bool:
        with self.core.store.transaction() as db:
            return db.execute("DELETE FROM reminder_mute WHERE keystore = ?", (keystore_key(keystore),)).rowcount > 0

    def is_muted(self, keystore: Path | str) -> bool:
        return self.core.store.db.execute("SELECT 1 FROM reminder_mute WHERE keystore = ?",
                                          (keystore_key(keystore),)).fetchone() is not None

    def snoozed_until(self, keystore: Path | str) -> float | None:
        row = self.core.store.db.execute("SELECT until FROM reminder_snooze WHERE keystore = ?",
                                         (keystore_key(keystore),)).fetchone()
        return row["until"] if row and row["until"] > self.clock() else None

    def pause_all(self, seconds: float = DAY) -> float:
        until = self.clock() + seconds
        with self.core.store.transaction() as db:
            db.execute("INSERT OR REPLACE INTO reminder_pause(id, until) VALUES (1, ?)", (until,))
        return until

    def resume_all(self) -> None:
        with self.core.store.transaction() as db:
            db.execute("DELETE FROM reminder_pause")

    def paused_until(self) -> float | None:
        row = self.core.store.db.execute("SELECT until FROM reminder_pause WHERE id = 1").fetchone()
        return row["until"] if row and row["until"] > self.clock() else None

    # --- the decision -------------------------------------------------------------------------
    def due(self, records, failures: list[Failure] = ()) -> list[Reminder]:
        """What to show now. Nothing is recorded until ``mark_sent``: a notification that could
        not be shown is offered again at the next check."""
        reminders = [self._failure_reminder(f) for f in failures if self._failure_due(f)]
        if self.paused_until() is None:
            for record in records:
                reminder = self._threshold_reminder(record)
                if reminder is not None:
                    reminders.append(reminder)
        self._forget_solved_failures(failures)
        return reminders

    def mark_sent(self, reminder: Reminder) -> None:
        now = self.clock()
        with self.core.store.transaction() as db:
            if reminder.thresholds:
                db.executemany("INSERT OR IGNORE INTO reminder_sent(certificate, threshold, sent_at) VALUES (?, ?, ?)",
                               [(reminder.ident, t, now) for t in reminder.thresholds])
            else:
                db.execute("INSERT OR REPLACE INTO reminder_failure(ident, last_sent) VALUES (?, ?)",
                           (reminder.ident, now))

    def sent_thresholds(self, record) -> set[int]:
        rows = self.core.store.db.execute("SELECT threshold FROM reminder_sent WHERE certificate = ?",
                                          (certificate_id(record),)).fetchall()
        return {row["threshold"] for row in rows}

    def _thresholds(self) -> list[int]:
        return sorted({d for d in self.core.config.notify_days if d > 0}, reverse=True)

    def _threshold_reminder(self, record) -> Reminder | None:
        days_left = getattr(record, "days_left", None)
        if record.not_after is None or days_left is None or getattr(record, "status", "") in _SILENT_STATUSES:
            return None
        crossed = [t for t in self._thresholds() if days_left <= t]
        if days_left < 0:
            crossed.append(EXPIRED)
        if not crossed:
            return None
        pending = set(crossed) - self.sent_thresholds(record)
        if not pending or self.is_muted(record.path) or self.snoozed_until(record.path) is not None:
            return None
        holder = getattr(record, "holder", None) or keystore_key(record.path)
        params = {"holder": holder, "days": days_left, "date": i18n.format_long_date(record.not_after),
                  "file": keystore_key(record.path)}
        if days_left < 0:
            return Reminder(certificate_id(record), Path(record.path), "reminder.expired.title",
                            "reminder.expired.body", params, tuple(crossed), renew_action=False, urgency="critical")
        body = "reminder.threshold.body_one" if days_left <= 1 else "reminder.threshold.body"
        return Reminder(certificate_id(record), Path(record.path), "reminder.threshold.title", body, params,
                        tuple(crossed), renew_action=True, urgency="critical" if days_left <= 3 else "normal")

    def _failure_due(self, failure: Failure) -> bool:
        row = self.core.store.db.execute("SELECT last_sent FROM reminder_failure WHERE ident = ?",
                                         (failure.ident,)).fetchone()
        return row is None or self.clock() - row["last_sent"] >= DAY

    def _failure_reminder(self, failure: Failure) -> Reminder:
        params = {"problem": i18n.t(failure.message_key, **failure.params)}
        return Reminder(failure.ident, failure.keystore, "reminder.failure.title", "reminder.failure.body", params,
                        urgency="critical")

    def _forget_solved_failures(self, failures: list[Failure]) -> None:
        """A failure that went away and comes back is news again."""
        current = [f.ident for f in failures]
        with self.core.store.transaction() as db:
            if current:
                marks = ",".join("?" * len(current))
                db.execute(f"DELETE FROM reminder_failure WHERE ident NOT IN ({marks})", current)
            else:
                db.execute("DELETE FROM reminder_failure")
