"""The status policy: from the facts of each keystore to one word, and from the words to an exit code.

Kept apart from the scan so the tray, notifications and ``ehwatch status`` share one judgement.

Days are calendar days in Brussels time, everywhere (status, tray, notifications, reminders): a
certificate ending on 22 December has 20 days left on 2 December, whatever the hour and whatever this
computer's time zone. ``days_left`` is the one function that counts them. Day 0 is the last day: the
certificate still works until the very instant it ends, so on that day it is ``expiring`` (0 days
left) until that instant, then ``expired`` (still 0 days: "expired today"); the next day it has -1.
``expired`` follows the instant (``not_after <= now``), never the day count. ``expiring`` is "at most
``warn_days`` calendar days left", the same count the reminders' thresholds use.
"""
from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ehwatch.monitor.inventory import KeystoreRecord

VALID = "valid"
EXPIRING = "expiring"
EXPIRED = "expired"
PENDING = "pending"
SUPERSEDED = "superseded"
LOCKED = "locked"
WRONG_PASSWORD = "wrong-password"
UNREADABLE = "unreadable"
REVOKED = "revoked"          # issue 12: revoked through ehwatch, eHealth confirmed (monitor/revoked.py)
STATUSES = (VALID, EXPIRING, EXPIRED, PENDING, SUPERSEDED, LOCKED, WRONG_PASSWORD, UNREADABLE, REVOKED)

CRITICAL = frozenset({EXPIRED, UNREADABLE, WRONG_PASSWORD, REVOKED})   # exit code 2
WARNING = frozenset({EXPIRING, LOCKED})                      # exit code 1
ESTIMATED_VALIDITY_YEARS = 3


class _EuropeanRule(tzinfo):
    """Brussels time by the EU rule (CET, UTC+1; CEST, UTC+2 from 01:00 UTC on the last Sunday of March
    to 01:00 UTC on the last Sunday of October), Belgium's since 1996. Only when the zone database
    cannot be found (a Windows Python without the ``tzdata`` package): a wrong day count is worse
    than an old rule, and a crash at start-up worse still."""

    @staticmethod
    def _last_sunday(year: int, month: int) -> datetime:
        last = datetime(year, month, 31, 1, tzinfo=UTC)
        return last - timedelta(days=(last.weekday() + 1) % 7)

    def _summer(self, moment_utc: datetime) -> bool:
        year = moment_utc.year
        return self._last_sunday(year, 3) <= moment_utc < self._last_sunday(year, 10)

    def utcoffset(self, dt: datetime | None) -> timedelta:
        if dt is None:
            return timedelta(hours=1)
        wall = dt.replace(tzinfo=UTC)       # the hour repeated in October: fold 0 is summer, fold 1 winter
        if dt.fold == 0:
            return timedelta(hours=2 if self._summer(wall - timedelta(hours=2)) else 1)
        return timedelta(hours=1 if not self._summer(wall - timedelta(hours=1)) else 2)

    def dst(self, dt: datetime | None) -> timedelta:
        return self.utcoffset(dt) - timedelta(hours=1)

    def tzname(self, dt: datetime | None) -> str:
        return "CEST" if self.dst(dt) else "CET"

    def fromutc(self, dt: datetime) -> datetime:
        moment = dt.replace(tzinfo=UTC)
        summer = self._summer(moment)
        repeated = not summer and self._summer(moment - timedelta(hours=1))   # the second 02:00-02:59
        return (moment + timedelta(hours=2 if summer else 1)).replace(tzinfo=self, fold=int(repeated))


def _brussels_zone() -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo("Europe/Brussels")   # on Windows from the tzdata package (a dependency there)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        logging.getLogger(__name__).warning("no time zone database: Brussels time by the EU summer-time rule")
        return _EuropeanRule()


BRUSSELS = _brussels_zone()


def brussels_date(moment: datetime) -> date:
    """The calendar date of ``moment`` in Brussels (a naive moment is taken as UTC, as stored)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BRUSSELS).date()


def days_left(not_after: datetime | None, now: datetime) -> int | None:
    """Calendar days in Brussels from today to the expiry's date: 20 from 2 to 22 December, 0 on the
    last day (before and after the instant it ends), negative once that day has passed."""
    if not_after is None:
        return None
    return (brussels_date(not_after) - brussels_date(now)).days


def estimate_expiry(requested_at: datetime | None) -> datetime | None:
    """Without the password: the request date in the file name + 3 years (certificates last ~3 years)."""
    if requested_at is None:
        return None
    try:
        return requested_at.replace(year=requested_at.year + ESTIMATED_VALIDITY_YEARS)
    except ValueError:  # 29 February
        return requested_at.replace(year=requested_at.year + ESTIMATED_VALIDITY_YEARS, day=28)


def certificate_status(not_after: datetime, now: datetime, warn_days: int) -> str:
    """``expired`` from the instant the certificate ends; ``expiring`` while at most ``warn_days``
    calendar days are left (``days_left``); ``valid`` before."""
    if not_after <= now:
        return EXPIRED
    left = days_left(not_after, now)
    if left is not None and left <= warn_days:
        return EXPIRING
    return VALID


def _replacement_key(record: KeystoreRecord) -> tuple[str, str, str] | None:
    if not record.identifier:
        return None
    return (record.identifier.upper(), (record.application or "").upper(), record.environment)


PASSWORD_UNKNOWN = frozenset({LOCKED, WRONG_PASSWORD})


def _older(record: KeystoreRecord, newer: KeystoreRecord) -> bool:
    """``record`` was replaced by ``newer`` (whose certificate is valid now, so its dates are known):
    its certificate ends before ``newer``'s; or, its password unknown, its expiry (estimated, or known
    from an earlier read) ends first, or the request date in its file name comes before ``newer``
    started."""
    assert newer.not_after is not None
    if record.not_after is not None and record.not_after < newer.not_after:
        return True
    if record.status in PASSWORD_UNKNOWN and newer.not_before is not None:
        from ehwatch.monitor import names

        parsed = names.parse_keystore_filename(record.path.name)
        return bool(parsed and parsed.requested_at and parsed.requested_at < newer.not_before)
    return False


def mark_superseded(records: list[KeystoreRecord], now: datetime) -> None:
    """A keystore stops alarming when another one in the scanned folders holds a later certificate,
    valid now, for the same identifier, application and environment.

    Its password need not be known: a locked keystore, or one whose stored password no longer opens
    it, is superseded (nothing to do, no password asked, no reminder) as soon as such a newer
    certificate exists and this one is older — by its certificate's dates when an earlier read left
    them in the cache, else by the request date in its file name. Without any date it stays as it is
    (ehwatch cannot tell which one is older)."""
    best: dict[tuple[str, str, str], KeystoreRecord] = {}
    for record in records:
        key = _replacement_key(record)
        if key is None or record.expiry_source != "certificate" or record.not_after is None:
            continue
        if record.status not in (VALID, EXPIRING) or (record.not_before and record.not_before > now):
            continue
        held = best.get(key)  # every record kept in best has its not_after
        if held is None or held.not_after is None or record.not_after > held.not_after:
            best[key] = record
    for record in records:
        key = _replacement_key(record)
        newer = best.get(key) if key else None
        if newer is None or newer is record or newer.not_after is None:
            continue
        if record.status in (VALID, EXPIRING, EXPIRED, LOCKED, WRONG_PASSWORD) and _older(record, newer):
            record.status = SUPERSEDED
            record.problem = "monitor.problem.superseded_by"
            record.problem_params = {"newer": newer.path.name, "until": newer.not_after}


def exit_code(statuses: Iterable[str], folder_problems: int = 0) -> int:
    """2 if anything is expired, unreadable or has a wrong password; else 1 if anything is expiring
    or locked (or a folder could not be checked); else 0 — Nagios-style."""
    statuses = set(statuses)
    if statuses & CRITICAL:
        return 2
    if statuses & WARNING or folder_problems:
        return 1
    return 0
