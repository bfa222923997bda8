"""``ehwatch status --format prometheus`` on real keystores, judged by Debian's ``promtool check metrics``."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from ehwatch import config as config_mod
from ehwatch.core import Core
from ehwatch.export import prometheus, publisher
from ehwatch.monitor import status as policy
from ehwatch.monitor.inventory import KeystoreRecord
from ehwatch.renewal import lifecycle as lc
from tests.export.conftest import promtool_check_metrics
from tests.export.exposition import parse
from tests.support.tools import run_cli


def _labels(sample_key):
    return dict(sample_key[1])


def _by(samples, name, **wanted):
    return {k: v for k, v in samples.items()
            if k[0] == name and all(_labels(k).get(a) == b for a, b in wanted.items())}


def test_status_prometheus_on_a_practice_folder_passes_promtool(practice):
    folder = practice["valid"].parent
    proc = run_cli("status", "--format", "prometheus", "--keystore-dir", str(folder))
    as_json = run_cli("status", "--json", "--keystore-dir", str(folder))
    assert proc.returncode == as_json.returncode == 2, proc.stderr      # an expired certificate: exit 2 both ways
    check = promtool_check_metrics(proc.stdout)
    assert check.returncode == 0 and check.stdout + check.stderr == "", check.stdout + check.stderr

    samples = parse(proc.stdout)
    (scanned_at,) = _by(samples, "ehwatch_last_scan_timestamp_seconds").values()
    records = {Path(k["path"]).name: k for k in json.loads(as_json.stdout)["keystores"]}
    assert _by(samples, "ehwatch_keystores") and list(_by(samples, "ehwatch_keystores").values()) == [len(records)]
    for name, record in records.items():
        status = _by(samples, "ehwatch_certificate_status", keystore=name)
        assert {_labels(k)["status"]: v for k, v in status.items() if v == 1} == {record["status"]: 1.0}, name
        assert len(status) == len(policy.STATUSES)  # one 0/1 series per possible status
        (labels,) = {frozenset((a, b) for a, b in _labels(k).items() if a != "status") for k in status}
        labels = dict(labels)
        assert labels["identifier"] == (record["identifier"] or "") and labels["holder"] == (record["holder"] or "")
        assert labels["environment"] == record["environment"] and labels["host"] and labels["user"]
        not_after = _by(samples, "ehwatch_certificate_not_after_seconds", keystore=name)
        if record["not_after"]:
            expected = dt.datetime.fromisoformat(record["not_after"].replace("Z", "+00:00")).timestamp()
            assert list(not_after.values()) == [expected]
            (expires_in,) = _by(samples, "ehwatch_certificate_expires_in_seconds", keystore=name).values()
            assert abs(expires_in - (expected - scanned_at)) < 120
            # days_left counts Brussels calendar days (issue 13); the metric counts seconds to the same instant
            until = dt.datetime.fromtimestamp(expected, dt.UTC)
            assert record["days_left"] in {policy.days_left(until, dt.datetime.fromtimestamp(t, dt.UTC))
                                           for t in (scanned_at - 120, scanned_at, scanned_at + 120)}
            estimated = list(_by(samples, "ehwatch_certificate_expiry_estimated", keystore=name).values())
            assert estimated == [0.0 if record["expiry_source"] == "certificate" else 1.0]
        else:
            assert not_after == {}                                          # pending: nothing invented
    by_status = {r["status"] for r in records.values()}
    assert {"valid", "expiring", "expired", "pending", "superseded", "locked"} <= by_status


def test_format_json_and_the_json_alias_agree(practice):
    folder = str(practice["valid"].parent)
    alias = run_cli("status", "--json", "--keystore-dir", folder)
    explicit = run_cli("status", "--format", "json", "--keystore-dir", folder)
    assert json.loads(alias.stdout) == json.loads(explicit.stdout)
    table = run_cli("status", "--format", "table", "--keystore-dir", folder)
    assert "SSIN=75040404976" in table.stdout and not table.stdout.startswith("{")
    assert table.returncode == alias.returncode


def test_mask_ssin_leaves_no_national_number(practice, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[metrics]\nmask_ssin = true\nhost = \"cabinet-dubois\"\n", encoding="utf-8")
    proc = run_cli("--config", str(config), "status", "--format", "prometheus", "--keystore-dir",
                   str(practice["valid"].parent))
    assert promtool_check_metrics(proc.stdout).returncode == 0
    for ssin in ("75040404976", "65030355555", "70111100011", "55121212121", "82010112345", "90020200022"):
        assert ssin not in proc.stdout                                      # not in a label, not in a file name
        assert f"SSIN=*******{ssin[-4:]}" in proc.stdout
    assert 'identifier="CBE=0123456789"' in proc.stdout                     # organisation numbers stay
    assert re.search(r'host="cabinet-dubois"', proc.stdout)


def _record(path: Path, holder: str, status="valid", days=100, identifier="SSIN=75040404976") -> KeystoreRecord:
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    not_after = now + dt.timedelta(days=days)
    return KeystoreRecord(path=path, identifier=identifier, application=None, holder=holder,
                          environment="production", status=status, not_before=not_after - dt.timedelta(days=1095),
                          not_after=not_after, days_left=days, expiry_source="certificate", issuer=None)


def test_odd_label_values_are_escaped_and_read_back(tmp_path):
    holder = 'Dr "Q" Back\\slash\nNouvelle ligne — Ëlise'
    records = [_record(tmp_path / "SSIN=75040404976 20240101-101010.p12", holder)]
    text = prometheus.render(prometheus.Exposition(records=records, host='pc "1"', user="marie",
                                                   scan=prometheus.ScanInfo(scans_total=1)))
    assert promtool_check_metrics(text).returncode == 0, promtool_check_metrics(text).stdout
    (key,) = _by(parse(text), "ehwatch_certificate_expires_in_seconds")
    assert _labels(key)["holder"] == holder and _labels(key)["host"] == 'pc "1"'


def test_the_same_file_name_in_two_folders_gives_two_series(tmp_path):
    name = "SSIN=75040404976 20240101-101010.p12"
    records = [_record(tmp_path / "a" / name, "MARIE DUBOIS"), _record(tmp_path / "b" / name, "MARIE DUBOIS")]
    text = prometheus.render(prometheus.Exposition(records=records, host="pc1", user="marie",
                                                   scan=prometheus.ScanInfo(scans_total=1)))
    assert promtool_check_metrics(text).returncode == 0
    keystores = {_labels(k)["keystore"] for k in _by(parse(text), "ehwatch_certificate_expires_in_seconds")}
    assert keystores == {str(tmp_path / "a" / name), str(tmp_path / "b" / name)}


def test_open_renewals_are_exported_with_their_state(tmp_path):
    core = Core(config_mod.Config(), keystore_dirs=[tmp_path])
    try:
        lifecycles = lc.Lifecycles(core.store)
        waiting = lifecycles.create(old_keystore=tmp_path / "SSIN=75040404976 20240101-101010.p12",
                                    identifier="SSIN=75040404976", environment="production", holder="MARIE DUBOIS",
                                    state=lc.State.REQUESTED)
        blocked = lifecycles.create(old_keystore=tmp_path / "SSIN=82010112345 20240101-101010.p12",
                                    identifier="SSIN=82010112345", environment="production", holder="JEAN PEETERS",
                                    state=lc.State.AWAITING_CONFIRMATION)
        lifecycles.transition(blocked, lc.State.PIN_BLOCKED, "test")
        finished = lifecycles.create(old_keystore=tmp_path / "SSIN=55121212121 20210101-101010.p12",
                                     identifier="SSIN=55121212121", environment="production", state=lc.State.REQUESTED)
        lifecycles.transition(finished, lc.State.DONE, "test")
        expo = publisher.exposition(core, [], prometheus.ScanInfo(scans_total=1), host="pc1", user="marie")
        text = prometheus.render(expo)
    finally:
        core.close()
    assert promtool_check_metrics(text).returncode == 0
    samples = parse(text)
    current = {_labels(k)["holder"]: _labels(k)["state"] for k, v in _by(samples, "ehwatch_renewal_state").items()
               if v == 1}
    assert current == {"MARIE DUBOIS": "requested", "JEAN PEETERS": "pin_blocked"}     # the finished one is gone
    needs = {_labels(k)["holder"]: v for k, v in _by(samples, "ehwatch_renewal_needs_user").items()}
    assert needs == {"MARIE DUBOIS": 0.0, "JEAN PEETERS": 1.0}
    assert waiting.id != blocked.id
