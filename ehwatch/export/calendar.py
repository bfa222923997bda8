"""An iCalendar file (RFC 5545) with one all-day event per certificate's expiry, and alarms at the
notify days, for a doctor's calendar to import or subscribe to.

Only certificates whose expiry was read from the certificate itself get an event (a date guessed
from a file name would sit in the calendar as if it were sure); a replaced (superseded) keystore
gets none: its successor's date is the one that matters. Alarms ring at 09:00 local time N days
before, and only those still ahead are written (a calendar rings a past alarm as "missed").
Each event's UID is derived from the certificate, so a calendar that re-reads the file updates
events instead of duplicating them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from ehwatch import __version__, fileutil, i18n
from ehwatch.errors import EhwatchError
from ehwatch.export.masking import mask_ssin
from ehwatch.monitor import names
from ehwatch.monitor import status as policy

ALARM_HOUR = 9
MAGIC = b"BEGIN:VCALENDAR"
_STAMP = re.compile(r"^DTSTAMP:.*$", re.MULTILINE)


def calendar_records(records) -> list:
    """Records that get an event: expiry read from the certificate, not replaced by a newer one."""
    return [r for r in records
            if r.not_after is not None and r.expiry_source == "certificate" and r.status != policy.SUPERSEDED]


def _text(value: str) -> str:
    """TEXT escaping (RFC 5545 3.3.11)."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:   # a continuation byte: step back
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74                                   # later lines start with the space
    return "\r\n ".join(parts)


def _trigger(days: int) -> str:
    """Before the all-day event's start (local midnight) so that the alarm rings at 09:00 local time."""
    if days <= 0:
        return f"PT{ALARM_HOUR}H"
    return f"-P{days - 1}DT{24 - ALARM_HOUR}H" if days > 1 else f"-PT{24 - ALARM_HOUR}H"


def _uid(identifier: str, application: str, environment: str, not_after: dt.datetime) -> str:
    seed = f"{identifier}|{application}|{environment}|{not_after.astimezone(dt.UTC).isoformat()}"
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32] + "@ehwatch"


def render(records, *, language: str, notify_days: list[int], mask_ssin_numbers: bool = False,
           now: dt.datetime | None = None) -> str:
    """The whole ``.ics`` text (CRLF line ends)."""
    now = now or dt.datetime.now(dt.UTC)
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    hide = mask_ssin if mask_ssin_numbers else (lambda text: text)
    name = i18n.t("export.calendar.name", language)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//ehwatch//ehwatch {__version__}//{language.upper()}",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"NAME:{_text(name)}", f"X-WR-CALNAME:{_text(name)}",
             "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H"]
    days = sorted({d for d in notify_days if d >= 0}, reverse=True)
    for record in sorted(calendar_records(records), key=lambda r: (r.not_after, str(r.path))):
        local_expiry = record.not_after.astimezone()
        day = local_expiry.date()
        identifier = hide(record.identifier or "") + (f", {record.application}" if record.application else "")
        holder = record.holder or identifier or hide(record.path.name)
        file_name = hide(record.path.name)
        uid = _uid(hide(record.identifier or record.path.name), record.application or "", record.environment,
                   record.not_after)
        description = i18n.t("export.calendar.description", language, identifier=identifier,
                             date=i18n.format_long_date(day, language), time=local_expiry.strftime("%H:%M"),
                             file=file_name)
        lines += ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}", f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{_text(i18n.t('export.calendar.summary', language, holder=holder))}",
                  f"DESCRIPTION:{_text(description)}", "TRANSP:TRANSPARENT", "CATEGORIES:eHealth"]
        midnight = dt.datetime.combine(day, dt.time(0, 0)).astimezone()
        for n in days:
            rings_at = midnight - dt.timedelta(days=n) + dt.timedelta(hours=ALARM_HOUR)
            if rings_at <= now:
                continue
            key = "export.calendar.alarm" if n else "export.calendar.alarm_today"
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY",
                      f"DESCRIPTION:{_text(i18n.t(key, language, holder=holder, days=n))}",
                      f"TRIGGER:{_trigger(n)}", "END:VALARM"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def same_events(a: str, b: str) -> bool:
    """Equal apart from DTSTAMP (rewriting a file only to move its stamp makes every subscriber reload)."""
    return _STAMP.sub("", a) == _STAMP.sub("", b)


def check_output(path: Path) -> None:
    """Refuses a path ehwatch must not replace: a keystore, a folder, a file that is not a calendar."""
    if names.is_keystore_name(path.name):
        raise EhwatchError("export.output_is_keystore", file=str(path))
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(MAGIC) + 3)
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise EhwatchError("export.folder_missing", folder=str(path.parent), section="calendar") from None
        return
    except IsADirectoryError:
        raise EhwatchError("export.output_not_calendar", file=str(path)) from None
    except OSError as exc:
        raise EhwatchError("export.write_failed", file=str(path), detail=exc.strerror or type(exc).__name__) from None
    if head and not head.lstrip(b"\xef\xbb\xbf").startswith(MAGIC):
        raise EhwatchError("export.output_not_calendar", file=str(path))


def write(path: Path, text: str) -> bool:
    """Writes the calendar atomically (temp file, fsync, rename) unless the events are unchanged.
    True when the file was written. The file's permissions are kept (a shared calendar stays shared)."""
    path = Path(path).expanduser()
    check_output(path)
    try:
        old = path.read_bytes().decode("utf-8")
        mode = path.stat().st_mode & 0o777
    except (FileNotFoundError, UnicodeDecodeError):
        old, mode = None, 0o600
    if old is not None and same_events(old, text):
        return False
    try:
        fileutil.replace_own_file(path, text.encode("utf-8"), mode=mode)
    except OSError as exc:
        raise EhwatchError("export.write_failed", file=str(path), detail=exc.strerror or type(exc).__name__) from None
    return True
