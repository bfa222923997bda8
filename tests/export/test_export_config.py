"""The [metrics] and [calendar] sections, and the textfile's atomic replacement under a reader."""
from __future__ import annotations

import datetime as dt
import threading

import pytest

from ehwatch import config as config_mod
from ehwatch.core import Core
from ehwatch.export import publisher
from ehwatch.monitor.inventory import KeystoreRecord
from tests.export.conftest import promtool_check_metrics
from tests.support.tools import run_cli


def test_config_show_lists_metrics_and_calendar(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[metrics]\ntextfile_dir = "/var/lib/prometheus/node-exporter"\nmask_ssin = true\n'
                    '[calendar]\npath = "~/ehwatch.ics"\n', encoding="utf-8")
    proc = run_cli("--config", str(path), "config", "show", check=True)
    assert '[metrics]\n# node_exporter textfile-collector folder' in proc.stdout
    for line in ('textfile_dir = "/var/lib/prometheus/node-exporter"', 'listen = ""', "mask_ssin = true", 'host = ""',
                 '[calendar]', 'path = "~/ehwatch.ics"'):
        assert line in proc.stdout
    assert config_mod.parse(proc.stdout, path).metrics.textfile_dir == "/var/lib/prometheus/node-exporter"


@pytest.mark.parametrize("value", ["0.0.0.0:9877", "192.168.1.10:9877", ":9877", "127.0.0.1", "127.0.0.1:99999",
                                   "example.org:9877"])
def test_listen_must_be_a_loopback_address_with_a_port(tmp_path, value):
    path = tmp_path / "config.toml"
    path.write_text(f'language = "en"\n\n[metrics]\nlisten = "{value}"\n', encoding="utf-8")
    proc = run_cli("--config", str(path), "config", "show")
    assert proc.returncode == 3
    assert "(line 4, key metrics.listen)" in proc.stderr and "not a loopback address" in proc.stderr
    fr = run_cli("--config", str(path), "--lang", "fr", "config", "show")
    assert "n'est pas une adresse de bouclage" in fr.stderr


@pytest.mark.parametrize("value, address", [("127.0.0.1:9877", ("127.0.0.1", 9877)), ("[::1]:9100", ("::1", 9100)),
                                            ("localhost:9877", ("127.0.0.1", 9877)), ("127.8.0.1:1", ("127.8.0.1", 1))])
def test_loopback_addresses_are_accepted(value, address):
    assert config_mod.listen_address(value) == address


def _records(tmp_path, n: int) -> list[KeystoreRecord]:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return [KeystoreRecord(path=tmp_path / f"SSIN={75040400000 + i} 20240101-101010.p12",
                           identifier=f"SSIN={75040400000 + i}", application=None, holder=f"DOCTOR {i}",
                           environment="production", status="valid", not_before=now - dt.timedelta(days=700),
                           not_after=now + dt.timedelta(days=300 + i), days_left=300 + i,
                           expiry_source="certificate", issuer=None) for i in range(n)]


def test_a_reader_never_sees_half_a_textfile(tmp_path):
    """node_exporter may read at any moment: each read is a whole old file or a whole new one."""
    folder = tmp_path / "textfile"
    folder.mkdir()
    config = config_mod.Config()
    config.metrics.textfile_dir = str(folder)
    core = Core(config, keystore_dirs=[tmp_path])
    pub = publisher.Publisher(core)
    small, large = _records(tmp_path, 2), _records(tmp_path, 300)
    target = folder / publisher.textfile_name(pub.user)
    pub.publish(small, scan_seconds=0.1)
    seen, stop = [], threading.Event()

    def read():
        while not stop.is_set():
            seen.append(target.read_text(encoding="utf-8"))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for i in range(60):
            assert pub.publish(large if i % 2 else small, scan_seconds=0.1) is None
    finally:
        stop.set()
        reader.join()
        core.close()
    assert len(seen) > 20
    kinds = set()
    for text in seen:
        assert text.endswith("\n") and "# TYPE ehwatch_scan_errors_total counter" in text   # whole, to the end
        kinds.add(text.count("ehwatch_certificate_not_after_seconds{"))
    assert kinds <= {2, 300} and len(kinds) == 2
    assert promtool_check_metrics(seen[-1]).returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == [target.name]
