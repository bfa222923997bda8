"""The notification policy: when ehwatch speaks up about a certificate, and when it keeps quiet.

A certificate crossing a threshold (``config.notify_days``, 30/14/7/3/1 days before expiry, and
once more when it has expired) gets one notification per threshold, remembered in the store so a
restart never repeats it. A certificate first seen late (5 days left) gets one notification, not
three: every threshold already crossed is marked at once. The user can snooze one keystore for a
day, mute one for good (a certificate deliberately left to expire), or pause everything for a day;
all three are persisted. A failure the user must act on ignores all three and notifies when it
appears, then once a day while it lasts.

Every notification names whose certificate it is about (the holder, else the identifier) and says
what to do next. Several things due at once (a start-up after a holiday: two certificates expiring,
one expired, a password unknown) are ONE summary (``summarise``): reminders about one keystore merge
first, then one notification counts them, names each holder on a short line, most urgent first, and
offers "Open" (the status window). ``mark_sent`` records everything a notification spoke for, so no
certificate is ever announced twice. Days are ``monitor.status.days_left``'s: calendar days in
Brussels, the same as ``ehwatch status`` and the tray.

The policy only decides; the daemon shows what it decides and reports back with ``mark_sent``.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
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
    """One notification to show: texts by key, so the daemon renders them in the user's language.

    ``lines`` are more (key, params) texts added under the body (what to do next). A summary, or a
    notification that speaks for several things about one keystore, lists what it stands for in
    ``covers``: ``mark_sent`` records them all, so none of them is shown again on its own."""

    ident: str                        # what mark_sent records (certificate id, or failure id)
    keystore: Path | None
    title_key: str
    body_key: str
    params: dict = field(default_factory=dict, compare=False, hash=False)
    thresholds: tuple[int, ...] = ()  # thresholds this notification covers (empty for a failure)
    renew_action: bool = False
    urgency: str = "normal"
    lines: tuple = field(default=(), compare=False, hash=False)
    holder: str | None = None         # whose certificate (None: not about one certificate)
    item_key: str = ""                # the one short line for a summary: "MARIE DUBOIS — expires in 5 days: renew"
    item_params: dict = field(default_factory=dict, compare=False, hash=False)
    covers: tuple[Reminder, ...] = field(default=(), compare=False, hash=False)

    def title(self, lang: str | None = None) -> str:
        return i18n.t(self.title_key, lang, **self.params)

    def body(self, lang: str | None = None) -> str:
        if self.covers and self.ident == SUMMARY:
            items = [c.item(lang) for c in self.covers]
            return "\n".join([*items, *(i18n.t(k, lang, **p) for k, p in self.lines)])
        return "\n".join([i18n.t(self.body_key, lang, **self.params),
                          *(i18n.t(k, lang, **p) for k, p in self.lines)])

    def item(self, lang: str | None = None) -> str:
        """This reminder as one short line of a summary."""
        return i18n.t(self.item_key, lang, **self.item_params) if self.item_key else self.title(lang)

    def all_covered(self) -> list[Reminder]:
        """This reminder and every reminder it speaks for."""
        found = [self]
        for covered in self.covers:
            found += covered.all_covered()
        return found


@dataclass(frozen=True)
class Failure:
    """A failure the user must act on (a renewal refused, a mailbox that refuses the login…)."""

    ident: str                        # stable while the same failure lasts, e.g. "mail.login"
    message_key: str
    params: dict = field(default_factory=dict, compare=False, hash=False)
    keystore: Path | None = None


SUMMARY = "summary"


def keystore_key(path: Path | str) -> str:
    """Keystores are remembered by file name, like their passwords: it survives moving the folder."""
    return Path(path).name


def certificate_id(record) -> str:
    return f"{keystore_key(record.path)}|{record.not_after.isoformat()}"


def days_left_at(record, now: float) -> int | None:
    """Days until the record's expiry: calendar days in Brussels, the same count as ``ehwatch status``
    and the tray (``monitor.status.days_left``). The scan's count when the record has one (the
    daemon reminds right after scanning), else counted at ``now`` (a timestamp)."""
    value = getattr(record, "days_left", None)
    if value is not None:
        return int(value)
    from ehwatch.monitor.status import days_left

    not_after = getattr(record, "not_after", None)
    if not isinstance(not_after, dt.datetime):
        return None
    if not_after.tzinfo is None:
        not_after = not_after.replace(tzinfo=dt.UTC)
    return days_left(not_after, dt.datetime.fromtimestamp(now, dt.UTC))


def _brussels_date(moment):
    """The expiry's date as people in Belgium read it (a certificate ending at 23:30 UTC ends the next day)."""
    if not isinstance(moment, dt.datetime):
        return moment
    from ehwatch.monitor.status import brussels_date

    return brussels_date(moment)


def _identifier_of(path: Path | str) -> str:
    """A keystore whose certificate cannot be read is named by the identifier in its file name
    (``SSIN=75040404976``), else by the file name."""
    from ehwatch.monitor.names import parse_keystore_filename

    parsed = parse_keystore_filename(keystore_key(path))
    return f"{parsed.type}={parsed.id}" if parsed else keystore_key(path)


def _first_sentence(text: str, limit: int = 60) -> str:
    """The first sentence of a problem, for one line of a summary."""
    for mark in (". ", ".\n", " : ", ": "):
        if mark in text:
            text = text[:text.index(mark) + (1 if mark.startswith(".") else 0)]
            break
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _failure_hint(failure: Failure) -> str:
    """What to do next, by the kind of failure (its ident names where it comes from)."""
    key = failure.message_key or ""
    if failure.ident.startswith("record:"):
        if "password" in key:
            return "tray.remind.next.password"
        return "tray.remind.next.file"
    if failure.ident.startswith("renewal:"):
        return "tray.remind.next.renewal"
    if failure.ident.startswith("mail"):
        return "tray.remind.next.mail"
    if failure.ident == "scan":
        return "tray.remind.next.folders"
    return "tray.remind.next.open"


# A failure about one keystore in a summary: one short line by its kind (the whole text is one click away).
_FAILURE_ITEMS = {"tray.remind.next.password": "tray.remind.item.password",
                  "tray.remind.next.file": "tray.remind.item.file",
                  "tray.remind.next.renewal": "tray.remind.item.renewal"}


def _most_urgent_first(reminder: Reminder) -> tuple[int, int]:
    """A summary's order: expired certificates, then the nearest expiries, then other problems."""
    if reminder.item_key == "tray.remind.item.expired":
        return 0, 0
    if reminder.item_key in ("tray.remind.item.today", "tray.remind.item.expiring"):
        return 1, int(reminder.item_params.get("days", 0))
    return (2, 0) if reminder.keystore is not None else (3, 0)


def summarise(reminders: list[Reminder]) -> list[Reminder]:
    """Several reminders at once become one: reminders about the same keystore first merge (the most
    urgent speaks for the others), then, when more than one is left, one summary names every holder
    and offers "Open". Nothing is ever shown twice: a summary covers what it names."""
    merged = merge_by_keystore(reminders)
    if len(merged) <= 1:
        return merged
    merged.sort(key=_most_urgent_first)
    holders = [r.holder for r in merged if r.holder]
    urgency = "critical" if any(r.urgency == "critical" for r in merged) else "normal"
    return [Reminder(SUMMARY, None, "tray.remind.summary.title", "", {"count": len(merged)},
                     urgency=urgency, lines=(("tray.remind.summary.next", {}),), covers=tuple(merged),
                     holder=", ".join(holders) or None)]


def merge_by_keystore(reminders: list[Reminder]) -> list[Reminder]:
    """One reminder per keystore: the most urgent speaks for the others about the same keystore."""
    by_keystore: dict[str, list[Reminder]] = {}
    alone: list[Reminder] = []
    for reminder in reminders:
        if reminder.keystore is None:
            alone.append(reminder)
        else:
            by_keystore.setdefault(keystore_key(reminder.keystore), []).append(reminder)
    merged: list[Reminder] = []
    for group in by_keystore.values():
        group.sort(key=lambda r: (r.thresholds != (), r.urgency != "critical"))   # failures first
        first, rest = group[0], group[1:]
        if rest:
            # the summary's line: the certificate's own words ("expired on …: request a new one") are the clearest
            dated = next((r for r in group if r.thresholds), first)
            first = dataclasses.replace(first, covers=first.covers + tuple(rest), item_key=dated.item_key,
                                        item_params=dated.item_params)
        merged.append(first)
    return merged + alone


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

    def toggle_mute(self, keystore: Path | str) -> bool:
        """The menu's one item: mutes a keystore, or unmutes a muted one (the undo). True when muted now."""
        if self.unmute(keystore):
            return False
        self.mute(keystore)
        return True

    def is_muted(self, keystore: Path | str) -> bool:
        return self.core.store.db.execute("SELECT 1 FROM reminder_mute WHERE keystore = ?",
                                          (keystore_key(keystore),)).fetchone() is not None

    def muted(self) -> list[str]:
        """The muted keystores' file names (the tray shows "remind me again" for them)."""
        return [row["keystore"] for row in self.core.store.db.execute("SELECT keystore FROM reminder_mute")]

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

    def toggle_pause(self, seconds: float = DAY) -> float | None:
        """The menu's pause item: pauses for a day, or resumes when clicked while paused.
        Returns the end of the pause, None when notifications are back."""
        if self.paused_until() is not None:
            self.resume_all()
            return None
        return self.pause_all(seconds)

    def paused_until(self) -> float | None:
        row = self.core.store.db.execute("SELECT until FROM reminder_pause WHERE id = 1").fetchone()
        return row["until"] if row and row["until"] > self.clock() else None

    # --- the decision -------------------------------------------------------------------------
    def due(self, records, failures: list[Failure] = (), renewals=(), together: bool = True) -> list[Reminder]:
        """What to show now, several things at once as one summary (``summarise``). Nothing is recorded
        until ``mark_sent``: a notification that could not be shown is offered again at the next check.
        ``renewals``: the open renewals; a keystore whose renewal is under way gets no "renew" reminder.
        ``together=False`` (a terminal or the journal: no "Open" to click, room for every word): one
        reminder per keystore, each in full, never cut to a summary's line."""
        holders = {keystore_key(r.path): getattr(r, "holder", None) or getattr(r, "identifier", None)
                   for r in records if getattr(r, "path", None)}
        reminders = [self._failure_reminder(f, holders) for f in failures if self._failure_due(f)]
        if self.paused_until() is None:
            underway = {keystore_key(getattr(r, "old_keystore", "") or "") for r in renewals
                        if getattr(r, "waiting", False)}
            for record in records:
                reminder = self._threshold_reminder(record, underway)
                if reminder is not None:
                    reminders.append(reminder)
        self._forget_solved_failures(failures)
        return summarise(reminders) if together else merge_by_keystore(reminders)

    def mark_sent(self, reminder: Reminder) -> None:
        """Records a shown notification and everything it spoke for."""
        now = self.clock()
        with self.core.store.transaction() as db:
            for one in reminder.all_covered():
                if one.ident == SUMMARY:
                    continue
                if one.thresholds:
                    db.executemany("INSERT OR IGNORE INTO reminder_sent(certificate, threshold, sent_at) "
                                   "VALUES (?, ?, ?)", [(one.ident, t, now) for t in one.thresholds])
                else:
                    db.execute("INSERT OR REPLACE INTO reminder_failure(ident, last_sent) VALUES (?, ?)",
                               (one.ident, now))

    def sent_thresholds(self, record) -> set[int]:
        rows = self.core.store.db.execute("SELECT threshold FROM reminder_sent WHERE certificate = ?",
                                          (certificate_id(record),)).fetchall()
        return {row["threshold"] for row in rows}

    def _thresholds(self) -> list[int]:
        return sorted({d for d in self.core.config.notify_days if d > 0}, reverse=True)

    def _threshold_reminder(self, record, underway: set[str] = frozenset()) -> Reminder | None:
        days_left = days_left_at(record, self.clock())
        if record.not_after is None or days_left is None or getattr(record, "status", "") in _SILENT_STATUSES:
            return None
        if days_left >= 0 and keystore_key(record.path) in underway:   # renewal under way: no "renew now"
            return None
        expired = days_left < 0 or getattr(record, "status", "") == "expired"   # day 0 after the instant
        crossed = [t for t in self._thresholds() if days_left <= t]
        if expired:
            crossed.append(EXPIRED)
        if not crossed:
            return None
        pending = set(crossed) - self.sent_thresholds(record)
        if not pending or self.is_muted(record.path) or self.snoozed_until(record.path) is not None:
            return None
        holder = getattr(record, "holder", None) or keystore_key(record.path)
        expiry = _brussels_date(record.not_after)
        if expired:
            params = {"holder": holder, "date": expiry, "file": keystore_key(record.path)}
            return Reminder(certificate_id(record), Path(record.path), "tray.remind.expired.title",
                            "tray.remind.expired.body", params, tuple(crossed), renew_action=False,
                            urgency="critical", holder=holder, item_key="tray.remind.item.expired",
                            item_params={"holder": holder, "date": expiry})
        if days_left == 0:
            title, item = "tray.remind.today.title", "tray.remind.item.today"
            params = {"holder": holder, "date": expiry}
        else:
            title, item = "tray.remind.threshold.title", "tray.remind.item.expiring"
            params = {"days": days_left, "holder": holder, "date": expiry}
        body = "tray.remind.threshold.body_last" if days_left <= 1 else "tray.remind.threshold.body"
        return Reminder(certificate_id(record), Path(record.path), title, body, params,
                        tuple(crossed), renew_action=True, urgency="critical" if days_left <= 3 else "normal",
                        holder=holder, item_key=item, item_params=params)

    def _failure_due(self, failure: Failure) -> bool:
        row = self.core.store.db.execute("SELECT last_sent FROM reminder_failure WHERE ident = ?",
                                         (failure.ident,)).fetchone()
        return row is None or self.clock() - row["last_sent"] >= DAY

    def _failure_reminder(self, failure: Failure, holders: dict[str, str | None] | None = None) -> Reminder:
        """A failure names whose certificate it is about (when it is about one) and what to do next."""
        holder = None
        if failure.keystore is not None:
            holder = (holders or {}).get(keystore_key(failure.keystore)) or _identifier_of(failure.keystore)
        hint = _failure_hint(failure)
        problem = i18n.t(failure.message_key, **failure.params)
        if holder:
            item = _FAILURE_ITEMS.get(hint, "tray.remind.item.problem")
            return Reminder(failure.ident, failure.keystore, "tray.remind.failure.title_holder", failure.message_key,
                            {"holder": holder, **failure.params}, urgency="critical",
                            lines=((hint, {"holder": holder}),), holder=holder, item_key=item,
                            item_params={"holder": holder, "problem": _first_sentence(problem)})
        return Reminder(failure.ident, None, "tray.remind.failure.title", failure.message_key, dict(failure.params),
                        urgency="critical", lines=((hint, {}),), item_key="tray.remind.item.problem_general",
                        item_params={"problem": _first_sentence(problem)})

    def _forget_solved_failures(self, failures: list[Failure]) -> None:
        """A failure that went away and comes back is news again."""
        current = [f.ident for f in failures]
        with self.core.store.transaction() as db:
            if current:
                marks = ",".join("?" * len(current))
                db.execute(f"DELETE FROM reminder_failure WHERE ident NOT IN ({marks})", current)
            else:
                db.execute("DELETE FROM reminder_failure")
