"""The alert rules of ``packaging/prometheus``: valid for ``promtool check rules``, and each alert
proven by ``promtool test rules`` (fires when it must, quiet when it must not)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tests.support.tools import ROOT, need_tool

RULES = ROOT / "packaging" / "prometheus" / "ehwatch-alerts.yml"
RULE_TESTS = ROOT / "packaging" / "prometheus" / "ehwatch-alerts.test.yml"
ALERTS = ("EhealthCertificateExpiresIn30Days", "EhealthCertificateExpiresIn7Days", "EhealthCertificateExpired",
          "EhealthKeystoreUnreadable", "EhwatchRenewalNeedsUser", "EhwatchScanStale", "EhwatchMailWatcherDown")


def promtool(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([need_tool("promtool"), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_rules_are_valid_and_name_the_alerts_of_the_issue():
    check = promtool("check", "rules", str(RULES), cwd=RULES.parent)
    assert check.returncode == 0, check.stdout + check.stderr
    assert f"SUCCESS: {len(ALERTS)} rules found" in check.stdout
    assert tuple(re.findall(r"^\s+- alert: (\w+)$", RULES.read_text(), re.MULTILINE)) == ALERTS


def test_promtool_test_rules_passes():
    result = promtool("test", "rules", RULE_TESTS.name, cwd=RULE_TESTS.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


def test_every_alert_has_a_firing_case_and_a_quiet_case():
    text = RULE_TESTS.read_text()
    for alert in ALERTS:
        cases = re.findall(rf"alertname: {alert}\n\s+exp_alerts:(.*)", text)
        assert any(case.strip() == "[]" for case in cases), f"{alert}: no case where it stays quiet"
        assert any(case.strip() == "" for case in cases), f"{alert}: no case where it fires"


def _without_alert(rules_text: str, alert: str) -> str:
    """The rules file with one alert's rule removed (its lines up to the next rule)."""
    lines, out, skipping = rules_text.splitlines(), [], False
    for line in lines:
        if re.match(r"^\s+- alert: ", line):
            skipping = line.strip() == f"- alert: {alert}"
        if not skipping:
            out.append(line)
    return "\n".join(out) + "\n"


def test_each_alert_is_really_tested(tmp_path):
    """Removing any one alert's rule makes ``promtool test rules`` fail: no alert's test is vacuous."""
    shutil.copy(RULE_TESTS, tmp_path / RULE_TESTS.name)
    for alert in ALERTS:
        (tmp_path / RULES.name).write_text(_without_alert(RULES.read_text(), alert))
        result = promtool("test", "rules", RULE_TESTS.name, cwd=tmp_path)
        assert result.returncode != 0, f"the tests still pass without {alert}"
        assert f"alertname: {alert}" in result.stdout + result.stderr
