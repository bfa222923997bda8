"""The daemon's side of the metrics, in this process: scans counted, a failed scan, the mailbox's state."""
from __future__ import annotations

from ehwatch import config as config_mod
from ehwatch.core import Core
from ehwatch.daemon import Daemon
from ehwatch.errors import EhwatchError
from ehwatch.export import publisher
from tests.export.conftest import promtool_check_metrics
from tests.export.exposition import parse


def _value(text: str, name: str):
    values = [v for k, v in parse(text).items() if k[0] == name]
    return values[0] if values else None


def test_scans_failures_and_the_mailbox_state_reach_the_textfile(tmp_path, capsys):
    folder = tmp_path / "textfile"
    folder.mkdir()
    config = config_mod.Config()
    config.metrics.textfile_dir = str(folder)
    config.mail.host = "imap.example.be"
    daemon = Daemon(Core(config, keystore_dirs=[tmp_path / "keystore"]), use_tray=False)
    daemon.exporter = publisher.Publisher(daemon.core).start_for(daemon.failures)
    target = folder / publisher.textfile_name(daemon.exporter.user)
    try:
        daemon.check()                                          # a real scan of an empty folder
        text = target.read_text()
        assert promtool_check_metrics(text).returncode == 0
        assert _value(text, "ehwatch_scans_total") == 1 and _value(text, "ehwatch_mail_watcher_up") == 1
        scanned_at = _value(text, "ehwatch_last_scan_timestamp_seconds")
        assert scanned_at and _value(text, "ehwatch_last_scan_duration_seconds") >= 0

        daemon._on_mail_problem(EhwatchError("mail.connection_lost", host="imap.example.be", detail="reset"))
        text = target.read_text()
        assert _value(text, "ehwatch_mail_watcher_up") == 0     # at once, not at the next hourly scan
        assert _value(text, "ehwatch_scans_total") == 1         # that was no scan

        assert daemon.exporter.publish(daemon.records, scan_failed=True, mail_up=False) is None
        text = target.read_text()
        assert _value(text, "ehwatch_scan_errors_total") == 1 and _value(text, "ehwatch_scans_total") == 2
        assert _value(text, "ehwatch_last_scan_timestamp_seconds") == scanned_at   # a failed scan is no news

        daemon.failures.pop("mail")                             # the watcher works again
        daemon.check()
        assert _value(target.read_text(), "ehwatch_mail_watcher_up") == 1
    finally:
        daemon.exporter.stop()
        daemon.core.close()


def test_no_mailbox_configured_means_no_mailbox_series(tmp_path):
    config = config_mod.Config()
    config.metrics.textfile_dir = str(tmp_path)
    daemon = Daemon(Core(config, keystore_dirs=[tmp_path / "keystore"]), use_tray=False)
    daemon.exporter = publisher.Publisher(daemon.core).start_for(daemon.failures)
    try:
        daemon.check()
        text = (tmp_path / publisher.textfile_name(daemon.exporter.user)).read_text()
        assert "ehwatch_mail_watcher_up" not in text and _value(text, "ehwatch_keystores") == 0
    finally:
        daemon.core.close()
