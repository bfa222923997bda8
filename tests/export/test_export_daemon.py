"""``ehwatch run`` as a user starts it: the textfile node_exporter serves, the alerts Prometheus raises
from it, the calendar file, and the optional /metrics listener."""
from __future__ import annotations

import socket
import time
from pathlib import Path

from ehwatch.export.publisher import current_user, textfile_name
from tests.export.conftest import free_port, http_get, promtool_check_metrics
from tests.export.exposition import parse
from tests.export.test_export_rules import RULES
from tests.support.daemon_process import DaemonProcess, started_and_idle
from tests.support.desktop import wait_until


def _config(tmp_path: Path, **sections: dict) -> Path:
    lines = []
    for section, values in sections.items():
        lines.append(f"[{section}]")
        lines += [f'{key} = "{value}"' if isinstance(value, str) else f"{key} = {str(value).lower()}"
                  for key, value in values.items()]
    path = tmp_path / "config.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _ehwatch_samples(text: str) -> dict:
    return {k: v for k, v in parse(text).items() if k[0].startswith("ehwatch_")}


def test_run_writes_the_textfile_node_exporter_serves_it_and_prometheus_alerts(
        no_display, practice, tmp_path, node_exporter_for, prometheus_server):
    textfile_dir, ics = tmp_path / "textfile", tmp_path / "calendar" / "expiry.ics"
    textfile_dir.mkdir()
    ics.parent.mkdir()
    config = _config(tmp_path, metrics={"textfile_dir": str(textfile_dir), "host": "cabinet-test"},
                     calendar={"path": str(ics)})
    prom = textfile_dir / textfile_name(current_user())
    with DaemonProcess("--no-tray", "--keystore-dir", str(practice["valid"].parent),
                       env={"EHWATCH_CONFIG": str(config)}) as daemon:
        wait_until(lambda: prom.exists(), 60, "the textfile")
        started_and_idle(daemon)
        text = prom.read_text(encoding="utf-8")
        assert oct(prom.stat().st_mode & 0o777) == "0o644"        # node_exporter runs as another user
        assert sorted(p.name for p in textfile_dir.iterdir()) == [prom.name]   # no temp file left behind
        check = promtool_check_metrics(text)
        assert check.returncode == 0, check.stdout + check.stderr
        ours = _ehwatch_samples(text)
        assert any(k[0] == "ehwatch_last_scan_timestamp_seconds" for k in ours)
        assert ("ehwatch_keystores", frozenset({("host", "cabinet-test"), ("user", current_user())})) in ours

        exporter = node_exporter_for(textfile_dir)
        served = exporter.scrape()
        assert promtool_check_metrics(served).returncode == 0
        assert _ehwatch_samples(served) == ours                   # every sample, same labels, same value
        node = parse(served)
        assert node[("node_textfile_scrape_error", frozenset())] == 0
        assert ("node_textfile_mtime_seconds", frozenset({("file", str(prom))})) in node or \
            ("node_textfile_mtime_seconds", frozenset({("file", prom.name)})) in node

        server = prometheus_server(tmp_path / "prometheus", RULES, [f"127.0.0.1:{exporter.port}"])
        # Anne's expired certificate also has a renewal waiting for her: one alert says it, not two
        expected = {("EhealthCertificateExpiresIn30Days", practice["expiring"].name),
                    ("EhealthCertificateExpired", practice["expired"].name)}

        def raised():
            alerts = {(a["labels"]["alertname"], a["labels"].get("keystore")) for a in server.alerts()}
            return alerts if expected <= alerts else None
        try:
            wait_until(raised, 90, "Prometheus to raise the expiry alerts", interval=0.5)
        except AssertionError:
            _, _, rules = http_get(f"http://127.0.0.1:{server.port}/api/v1/rules")
            _, _, up = http_get(f"http://127.0.0.1:{server.port}/api/v1/query?query=up")
            raise AssertionError(f"{server.alerts()}\n{up}\n{rules[:3000]}\n{server.log.read_text()[-2000:]}") from None
        time.sleep(3)                                             # a few more evaluations: nothing else comes
        alerts = server.alerts()
        assert {(a["labels"]["alertname"], a["labels"].get("keystore")) for a in alerts} == expected
        assert {a["state"] for a in alerts} == {"pending"}        # 'for: 15m' has not run out yet
        assert all(a["labels"]["host"] == "cabinet-test" and a["labels"]["job"] == "node" for a in alerts)

        assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")   # the calendar file, kept by the same run
        code, out, err = daemon.stop()
    assert code == 0, err
    assert "Traceback" not in err + daemon.log()


def test_listener_serves_metrics_on_loopback_only_while_running(no_display, practice, tmp_path):
    port = free_port()
    config = _config(tmp_path, metrics={"listen": f"127.0.0.1:{port}"})
    url = f"http://127.0.0.1:{port}"
    with DaemonProcess("--no-tray", "--keystore-dir", str(practice["valid"].parent),
                       env={"EHWATCH_CONFIG": str(config)}) as daemon:
        daemon.wait_log(f"metrics served at http://127.0.0.1:{port}/metrics", 60)

        def scanned():
            status, headers, body = http_get(url + "/metrics")
            return (status, headers, body) if "ehwatch_keystores{" in body else None
        status, headers, body = wait_until(scanned, 60, "metrics after the first scan", interval=0.2)
        assert status == 200 and headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
        check = promtool_check_metrics(body)
        assert check.returncode == 0, check.stdout + check.stderr
        samples = _ehwatch_samples(body)
        statuses = {dict(k[1])["keystore"]: dict(k[1])["status"] for k, v in samples.items()
                    if k[0] == "ehwatch_certificate_status" and v == 1}
        assert statuses[practice["expired"].name] == "expired" and statuses[practice["old"].name] == "superseded"
        assert http_get(url + "/")[0] == 404
        with socket.socket() as other:                            # loopback only: not on the machine's address
            other.settimeout(1)
            address = socket.gethostbyname(socket.gethostname())
            if not address.startswith("127."):
                assert other.connect_ex((address, port)) != 0
        code, _, err = daemon.stop()
    assert code == 0, err
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0          # closed with the daemon


def test_a_taken_port_or_a_missing_folder_is_told_and_the_daemon_carries_on(no_display, practice, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = _config(tmp_path, metrics={"listen": f"127.0.0.1:{port}", "textfile_dir": str(tmp_path / "nowhere")})
        with DaemonProcess("--no-tray", "--keystore-dir", str(practice["valid"].parent),
                           env={"EHWATCH_CONFIG": str(config)}) as daemon:
            started_and_idle(daemon)
            wait_until(lambda: "does not exist" in daemon.log(), 30, "the missing folder in the log")
            code, out, err = daemon.stop()
    assert code == 0, err
    assert f"The metrics cannot be served at 127.0.0.1:{port}" in out         # --no-tray: told on the terminal
    assert f"The folder {tmp_path / 'nowhere'} does not exist" in out
    assert not (tmp_path / "nowhere").exists()                                # never created behind the provider's back
