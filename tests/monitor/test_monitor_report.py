"""The status table and texts: every status has its word and its "what to do" in every language."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ehwatch.monitor import inventory, report
from ehwatch.monitor import status as policy
from ehwatch.monitor.inventory import Inventory, KeystoreRecord
from ehwatch.monitor.scanner import FolderProblem

NOW = dt.datetime(2026, 1, 10, 12, 0, tzinfo=dt.UTC)


def _record(status: str, **kw) -> KeystoreRecord:
    base = dict(path=Path("/ks/SSIN=75040404976 20230105-101010.p12"), identifier="SSIN=75040404976",
                application=None, holder="MARIE DUBOIS", environment="production", status=status,
                not_before=None, not_after=NOW + dt.timedelta(days=20), days_left=20, expiry_source="certificate",
                issuer=None)
    base.update(kw)
    return KeystoreRecord(**base)


@pytest.mark.parametrize("lang", ("fr", "nl", "en"))
@pytest.mark.parametrize("status", policy.STATUSES)
def test_every_status_has_a_word_and_a_next_step(status, lang):
    record = _record(status)
    assert report.status_text(record, lang)
    todo = report.todo_text(record, lang)
    assert todo
    if status in (policy.LOCKED, policy.WRONG_PASSWORD):
        assert str(record.path) in todo


def test_table_lines_up_and_lists_problems():
    records = [
        _record(policy.EXPIRING),
        _record(policy.LOCKED, holder=None, expiry_source="file-name", days_left=1090,
                not_after=NOW + dt.timedelta(days=1090), problem="monitor.problem.no_password"),
        _record(policy.UNREADABLE, path=Path("/ks/broken.p12"), identifier=None, holder=None, not_after=None,
                days_left=None, expiry_source=None, problem="monitor.problem.empty"),
        _record(policy.SUPERSEDED, application="APP", problem="monitor.problem.superseded_by",
                problem_params={"newer": "SSIN=75040404976 20251201-101010.p12", "until": NOW}),
    ]
    inv = Inventory(records, [FolderProblem("/gone", "monitor.folder.missing", {"path": "/gone"})], [Path("/ks")])
    lines = report.table(inv, "fr")
    header, rows = lines[0], lines[1:5]
    state_column = header.index("État")
    assert all(len(r) > state_column for r in rows)
    assert rows[0][state_column:].startswith("expire bientôt")
    assert "(estimée)" in rows[1] and "broken.p12" in rows[2] and "SSIN=75040404976, APP" in rows[3]
    text = "\n".join(lines)
    assert "Le fichier est vide" in text
    assert "Remplacé par SSIN=75040404976 20251201-101010.p12, valable jusqu'au 10/01/2026." in text
    assert "Aucun mot de passe" not in text               # the locked row says it already
    assert lines[-1].startswith("Le dossier des keystores /gone n'existe pas")


def test_empty_inventory_says_where_it_looked():
    lines = report.table(Inventory([], [], [Path("/home/x/ehealth/keystore")]), "nl")
    assert lines == ["Geen keystore gevonden in: /home/x/ehealth/keystore"]


def test_exit_codes():
    assert policy.exit_code([]) == 0
    assert policy.exit_code([policy.VALID, policy.PENDING, policy.SUPERSEDED]) == 0
    assert policy.exit_code([policy.VALID, policy.LOCKED]) == 1
    assert policy.exit_code([policy.EXPIRING]) == 1
    assert policy.exit_code([policy.VALID], folder_problems=1) == 1
    for critical in (policy.EXPIRED, policy.UNREADABLE, policy.WRONG_PASSWORD):
        assert policy.exit_code([policy.EXPIRING, critical]) == 2


BRUSSELS = ZoneInfo("Europe/Brussels")


def _bxl(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BRUSSELS)


def test_days_are_calendar_days_in_brussels():
    """A certificate ending on 22 December has 20 days left on 2 December, at any hour."""
    ends = _bxl(2026, 12, 22, 10, 30)
    for hour, minute in ((0, 0), (0, 1), (9, 0), (10, 31), (23, 59)):
        assert policy.days_left(ends, _bxl(2026, 12, 2, hour, minute)) == 20
    assert policy.days_left(ends, _bxl(2026, 12, 21, 23, 59)) == 1
    assert policy.days_left(ends, _bxl(2026, 12, 22, 0, 0)) == 0
    assert policy.days_left(ends, _bxl(2026, 12, 22, 23, 59)) == 0      # expired today: still day 0
    assert policy.days_left(ends, _bxl(2026, 12, 23, 0, 0)) == -1
    assert policy.days_left(None, NOW) is None


def test_midnight_is_brussels_midnight_not_utc():
    # 23:30 UTC on 21 December is 00:30 on the 22nd in Brussels (winter, UTC+1): the 22nd's date counts
    ends = dt.datetime(2026, 12, 21, 23, 30, tzinfo=dt.UTC)
    assert policy.brussels_date(ends) == dt.date(2026, 12, 22)
    assert policy.days_left(ends, dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.UTC)) == 20
    # 23:30 UTC on 1 December is already 2 December in Brussels: one day fewer than UTC dates say
    assert policy.days_left(ends, dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC)) == 20
    assert policy.days_left(ends, dt.datetime(2026, 12, 1, 22, 59, tzinfo=dt.UTC)) == 21
    # the computer's own zone plays no part: the same instants in another zone give the same count
    tokyo = ZoneInfo("Asia/Tokyo")
    assert policy.days_left(ends.astimezone(tokyo), dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC)
                            .astimezone(tokyo)) == 20
    assert policy.days_left(ends.replace(tzinfo=None), dt.datetime(2026, 12, 1, 22, 59)) == 21   # naive = UTC


def test_days_across_daylight_saving_changes():
    # spring forward (29 March 2026, 02:00 -> 03:00): a 23-hour day still counts as one day
    assert policy.days_left(_bxl(2026, 3, 30, 0, 30), _bxl(2026, 3, 29, 23, 30)) == 1
    assert policy.days_left(_bxl(2026, 3, 30, 0, 30), _bxl(2026, 3, 28, 23, 30)) == 2
    # fall back (25 October 2026, 03:00 -> 02:00): a 25-hour day is one day too
    assert policy.days_left(_bxl(2026, 10, 25, 23, 59), _bxl(2026, 10, 25, 0, 0)) == 0
    assert policy.days_left(_bxl(2026, 10, 26, 0, 0), _bxl(2026, 10, 25, 0, 0)) == 1
    # a certificate ending 10:00 UTC in summer (12:00 Brussels) seen at 23:30 UTC in winter (00:30 next day)
    ends = dt.datetime(2027, 4, 1, 10, 0, tzinfo=dt.UTC)
    assert policy.days_left(ends, dt.datetime(2027, 3, 1, 23, 30, tzinfo=dt.UTC)) == 30   # 2 March in Brussels


def test_status_thresholds_count_the_same_calendar_days():
    ends = _bxl(2026, 12, 22, 10, 30)
    # warn_days = 20: on 2 December (20 days left) at any hour it is expiring; on 1 December valid
    assert policy.certificate_status(ends, _bxl(2026, 12, 2, 0, 0), 20) == policy.EXPIRING
    assert policy.certificate_status(ends, _bxl(2026, 12, 1, 23, 59), 20) == policy.VALID
    # the last day: expiring until the instant passes, then expired, both with 0 days left
    assert policy.certificate_status(ends, _bxl(2026, 12, 22, 10, 29), 20) == policy.EXPIRING
    assert policy.certificate_status(ends, _bxl(2026, 12, 22, 10, 30), 20) == policy.EXPIRED
    assert policy.certificate_status(ends, _bxl(2026, 12, 22, 23, 59), 20) == policy.EXPIRED


def test_the_table_shows_the_brussels_date_days_left_counts_to():
    ends = dt.datetime(2026, 12, 21, 23, 30, tzinfo=dt.UTC)          # 22 December in Brussels
    record = _record(policy.EXPIRING, not_after=ends, days_left=policy.days_left(ends, NOW))
    cells = report.row(record, "fr")
    assert cells[3] == "22/12/2026"


def test_estimate_handles_leap_days():
    leap = dt.datetime(2024, 2, 29, 9, 0, tzinfo=dt.UTC)
    assert policy.estimate_expiry(leap) == dt.datetime(2027, 2, 28, 9, 0, tzinfo=dt.UTC)


# ---- issue 13 point 9: the row of a keystore whose renewal is under way

def _note(state, role="old", request="12345", waiting=True, needs_you=False, ack=False):
    return inventory.RenewalNote(role=role, state=state, waiting=waiting, needs_you=needs_you,
                                 awaiting_acknowledgement=ack, request_number=request,
                                 new_keystore="/ks/SSIN=75040404976 20261202-101010.p12")


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Renewal under way — waiting for eHealth (request 12345)."),
    ("fr", "Renouvellement en cours — en attente d'eHealth (demande 12345)."),
    ("nl", "Vernieuwing bezig — wacht op eHealth (aanvraag 12345)."),
    ("de", "Erneuerung läuft — wartet auf eHealth (Antrag 12345)."),
])
def test_a_renewal_waiting_for_ehealth_replaces_renew_now(lang, expected):
    record = _record(policy.EXPIRING)
    assert "Renew" in report.todo_text(record, "en")
    record.renewal = _note("requested")
    assert report.todo_text(record, lang) == expected
    assert report.row(record, lang)[-1] == expected
    assert record.to_json(lang)["renewal"] == {
        "role": "old", "state": "requested", "waiting": True, "needs_you": False,
        "awaiting_acknowledgement": False, "request_number": "12345",
        "new_keystore": "/ks/SSIN=75040404976 20261202-101010.p12"}


def test_each_kind_of_renewal_has_its_words_on_the_row():
    record = _record(policy.EXPIRING, renewal=_note("requesting", request=None))
    assert report.renewal_text(record, "en") == "Renewal under way — waiting for eHealth."
    record.renewal = _note("installing")
    assert report.renewal_text(record, "fr") == "Renouvellement en cours — installation du certificat."
    record.renewal = _note("refused", waiting=False, needs_you=True)
    assert report.renewal_text(record, "nl") == "Vernieuwing onderbroken (geweigerd door eHealth): zie ehwatch renewals."
    new_row = _record(policy.VALID, renewal=_note("notifying", role="new", waiting=False, ack=True))
    assert "ehwatch renewals --acknowledge" in report.todo_text(new_row, "en")
    record.renewal = _note("notifying", waiting=False, ack=True)        # the old row: nothing to say
    assert report.renewal_text(record, "en") is None
    gone = _record(policy.SUPERSEDED, renewal=_note("requested"))
    assert report.renewal_text(gone, "en") is None and report.todo_text(gone, "en").startswith("Nothing")
    assert _record(policy.EXPIRING).to_json("en")["renewal"] is None


def test_without_a_zone_database_the_eu_rule_gives_the_same_brussels_dates():
    """The fallback (a Windows Python missing tzdata) agrees with the zone database hour by hour."""
    rule = policy._EuropeanRule()
    moment = dt.datetime(2024, 1, 1, 0, 30, tzinfo=dt.UTC)
    while moment < dt.datetime(2031, 1, 1, tzinfo=dt.UTC):
        assert moment.astimezone(rule).date() == moment.astimezone(BRUSSELS).date(), moment
        assert moment.astimezone(rule).utcoffset() == moment.astimezone(BRUSSELS).utcoffset(), moment
        moment += dt.timedelta(minutes=30)
    assert isinstance(policy.BRUSSELS, ZoneInfo)      # here the real database is used


def test_a_python_without_any_zone_database_still_counts_brussels_days():
    """No system zone files and no tzdata package (a broken Windows install): ehwatch starts, and counts
    with the EU rule instead of crashing."""
    import os
    import subprocess
    import sys

    code = ("import sys; sys.modules['tzdata'] = None\n"
            "import datetime as dt\n"
            "from ehwatch.monitor import status\n"
            "print(type(status.BRUSSELS).__name__, status.days_left(dt.datetime(2026, 12, 21, 23, 30, tzinfo=dt.UTC),"
            " dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC)))\n")
    env = {**os.environ, "PYTHONTZPATH": os.devnull + "-no-zones"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["_EuropeanRule", "20"]
