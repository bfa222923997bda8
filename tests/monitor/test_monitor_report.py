"""The status table and texts: every status has its word and its "what to do" in every language."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ehwatch import i18n
from ehwatch.monitor import report
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
    assert "(estimation)" in rows[1] and "broken.p12" in rows[2] and "SSIN=75040404976, APP" in rows[3]
    text = "\n".join(lines)
    assert "Le fichier est vide" in text
    assert "Remplacé par SSIN=75040404976 20251201-101010.p12, valable jusqu'au 10/01/2026." in text
    assert "Aucun mot de passe" not in text               # the locked row says it already
    assert lines[-1].startswith("Le dossier de keystores /gone n'existe pas")


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


def test_days_left_rounds_down_and_estimate_handles_leap_days():
    assert policy.days_left(NOW + dt.timedelta(days=2, hours=23), NOW) == 2
    assert policy.days_left(NOW - dt.timedelta(hours=1), NOW) == -1
    leap = dt.datetime(2024, 2, 29, 9, 0, tzinfo=dt.UTC)
    assert policy.estimate_expiry(leap) == dt.datetime(2027, 2, 28, 9, 0, tzinfo=dt.UTC)
