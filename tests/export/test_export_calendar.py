"""``ehwatch calendar export``: the iCalendar file read back with the ``icalendar`` library."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

from ehwatch.export import calendar
from ehwatch.monitor.inventory import KeystoreRecord
from tests.support.tools import run_cli

NOTIFY_DAYS = [30, 14, 7, 3, 1]


def _records_by_name(folder: Path) -> dict[str, dict]:
    proc = run_cli("status", "--json", "--keystore-dir", str(folder))
    return {Path(r["path"]).name: r for r in json.loads(proc.stdout)["keystores"]}


def _events(data: bytes) -> list:
    parsed = icalendar.Calendar.from_ical(data)
    assert parsed["VERSION"] == "2.0" and parsed["PRODID"].startswith("-//ehwatch//")
    return list(parsed.walk("VEVENT"))


def test_one_event_per_certificate_with_alarms_at_the_notify_days(practice):
    folder = practice["valid"].parent
    proc = subprocess.run([sys.executable, "-m", "ehwatch", "calendar", "export", "--keystore-dir", str(folder)],
                          capture_output=True, timeout=120)                 # bytes: CRLF as written
    assert proc.returncode == 0, proc.stderr
    data = proc.stdout
    assert b"\r\n" in data and all(len(line) <= 75 for line in data.split(b"\r\n"))   # folded lines
    events = _events(data)
    records = _records_by_name(folder)
    # expiry read from the certificate, not replaced: valid, expiring, expired, new, acceptance
    expected = {name for name, r in records.items() if r["expiry_source"] == "certificate" and r["status"] != "superseded"}
    assert {practice[n].name for n in ("valid", "expiring", "expired", "new", "acceptance")} == expected
    assert len(events) == len(expected)
    by_summary = {str(e["SUMMARY"]): e for e in events}
    now = dt.datetime.now().astimezone()
    for name in expected:
        record = records[name]
        not_after = dt.datetime.fromisoformat(record["not_after"].replace("Z", "+00:00")).astimezone()
        (event,) = [e for s, e in by_summary.items() if (record["holder"] or "") in s]
        assert event["DTSTART"].dt == not_after.date()                    # an all-day event on the local date
        assert event["DTEND"].dt == not_after.date() + dt.timedelta(days=1)
        assert name in str(event["DESCRIPTION"]) and record["identifier"] in str(event["DESCRIPTION"])
        alarms = list(event.walk("VALARM"))
        triggers = sorted((-a["TRIGGER"].dt for a in alarms), reverse=True)
        midnight = dt.datetime.combine(not_after.date(), dt.time()).astimezone()
        ahead = [d for d in NOTIFY_DAYS if midnight - dt.timedelta(days=d) + dt.timedelta(hours=9) > now]
        assert triggers == [dt.timedelta(days=d) - dt.timedelta(hours=9) for d in ahead], name
        for alarm in alarms:
            assert alarm["ACTION"] == "DISPLAY" and "renew" in str(alarm["DESCRIPTION"]).lower()
    expiring = [e for e in events if "Luc" in str(e["SUMMARY"]) or "LUC" in str(e["SUMMARY"])][0]
    assert len(list(expiring.walk("VALARM"))) in (2, 3)                   # 10 days left: the 7, 3, 1-day alarms
    expired = [e for e in events if "ANNE" in str(e["SUMMARY"]).upper()][0]
    assert list(expired.walk("VALARM")) == []                             # no alarm rings for the past


def test_output_file_in_french_and_dutch_and_uids_are_stable(practice, tmp_path):
    folder = str(practice["valid"].parent)
    out = tmp_path / "expiry.ics"
    proc = run_cli("--lang", "fr", "calendar", "export", "--output", str(out), "--keystore-dir", folder)
    assert proc.returncode == 0, proc.stderr
    assert "Calendrier enregistré" in proc.stdout and str(out) in proc.stdout
    fr = _events(out.read_bytes())
    assert all(str(e["SUMMARY"]).startswith("Expiration du certificat eHealth de ") for e in fr)
    assert "renouvelez" in out.read_text(encoding="utf-8").lower()
    inode = out.stat().st_ino
    proc = run_cli("--lang", "nl", "calendar", "export", "--output", str(out), "--keystore-dir", folder)
    nl = _events(out.read_bytes())
    assert out.stat().st_ino != inode                                     # replaced by a rename, not rewritten in place
    assert all("verloopt" in str(e["SUMMARY"]) for e in nl)
    assert {str(e["UID"]) for e in fr} == {str(e["UID"]) for e in nl}    # a subscribed calendar updates, no duplicates
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".ehwatch-")] == []


def test_refuses_to_write_over_a_keystore_or_a_file_that_is_not_a_calendar(practice, tmp_path):
    folder = str(practice["valid"].parent)
    keystore = practice["valid"]
    before = keystore.read_bytes()
    proc = run_cli("calendar", "export", "--output", str(keystore), "--keystore-dir", folder)
    assert proc.returncode == 3 and "never writes over a keystore" in proc.stderr
    assert keystore.read_bytes() == before
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    proc = run_cli("--lang", "nl", "calendar", "export", "--output", str(notes), "--keystore-dir", folder)
    assert proc.returncode == 3 and "geen kalenderbestand" in proc.stderr
    assert notes.read_text() == "my notes\n"
    proc = run_cli("calendar", "export", "--output", str(tmp_path / "missing" / "x.ics"), "--keystore-dir", folder)
    assert proc.returncode == 3 and "does not exist" in proc.stderr


def _record(tmp_path, days: int, holder="MARIE DUBOIS", status="valid") -> KeystoreRecord:
    not_after = (dt.datetime.now(dt.UTC) + dt.timedelta(days=days)).replace(microsecond=0)
    return KeystoreRecord(path=tmp_path / "SSIN=75040404976 20240101-101010.p12", identifier="SSIN=75040404976",
                          application=None, holder=holder, environment="production", status=status,
                          not_before=not_after - dt.timedelta(days=1095), not_after=not_after, days_left=days,
                          expiry_source="certificate", issuer=None)


def test_unchanged_events_leave_the_file_alone_and_masking_hides_the_number(tmp_path):
    out = tmp_path / "expiry.ics"
    records = [_record(tmp_path, 200, holder="Dr Ëlise, \"La Hulpe\"; cabinet\\nord")]
    first = calendar.render(records, language="en", notify_days=NOTIFY_DAYS, mask_ssin_numbers=True)
    assert calendar.write(out, first) is True
    stat = out.stat()
    later = calendar.render(records, language="en", notify_days=NOTIFY_DAYS, mask_ssin_numbers=True,
                            now=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5))
    assert later != first and calendar.write(out, later) is False        # only DTSTAMP moved
    assert out.stat().st_ino == stat.st_ino and out.stat().st_mtime_ns == stat.st_mtime_ns
    (event,) = _events(out.read_bytes())
    assert str(event["SUMMARY"]) == 'eHealth certificate of Dr Ëlise, "La Hulpe"; cabinet\\nord expires'
    assert "75040404976" not in out.read_text(encoding="utf-8") and "SSIN=*******4976" in str(event["DESCRIPTION"])
    os.chmod(out, 0o640)
    assert calendar.write(out, calendar.render([_record(tmp_path, 100)], language="en", notify_days=[1])) is True
    assert out.stat().st_mode & 0o777 == 0o640                           # a shared calendar stays shared


@pytest.mark.parametrize("days", [0, 1, 30])
def test_alarm_triggers_ring_at_nine_local_time(tmp_path, days):
    record = _record(tmp_path, 400)
    (event,) = _events(calendar.render([record], language="en", notify_days=[days]).encode())
    (alarm,) = list(event.walk("VALARM"))
    start = dt.datetime.combine(event["DTSTART"].dt, dt.time())
    assert (start + alarm["TRIGGER"].dt).time() == dt.time(9, 0)
    assert (event["DTSTART"].dt - (start + alarm["TRIGGER"].dt).date()).days == days
