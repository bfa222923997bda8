"""Fixtures of the export tests: Debian's promtool and node_exporter, a practice's keystore folder."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ehwatch import secrets
from tests.support.keystores import PASSWORD, place
from tests.support.tools import need_tool

PROMTOOL = "promtool"
NODE_EXPORTER = "prometheus-node-exporter"       # Debian's name for node_exporter


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def promtool_check_metrics(text: str) -> subprocess.CompletedProcess:
    return subprocess.run([need_tool(PROMTOOL), "check", "metrics"], input=text, capture_output=True,
                          text=True, timeout=60)


def http_get(url: str, timeout: float = 10) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status, dict(answer.headers), answer.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode("utf-8")


@pytest.fixture
def practice(tmp_path) -> dict[str, Path]:
    """A practice's folder: valid, expiring, expired, pending, a renewed doctor (old + new) with their
    passwords in the keyring, and one keystore whose password is unknown (locked)."""
    folder = tmp_path / "keystore"
    placed = place(folder, "valid", "expiring", "expired", "pending", "old", "new", "acceptance")
    for path in placed.values():
        secrets.set_keystore_password(path, PASSWORD)
    placed.update(place(folder, "java-legacy"))     # no password stored: locked, expiry estimated
    return placed


class NodeExporter:
    """Debian's node_exporter with only the textfile collector, on 127.0.0.1 and a free port."""

    def __init__(self, textfile_dir: Path):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [need_tool(NODE_EXPORTER), "--collector.disable-defaults", "--collector.textfile",
             f"--collector.textfile.directory={textfile_dir}", f"--web.listen-address=127.0.0.1:{self.port}"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        deadline = time.monotonic() + 20
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"node_exporter exited {self.proc.returncode}: {self.proc.stdout.read()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("node_exporter did not listen within 20 s") from None
                time.sleep(0.05)

    def scrape(self) -> str:
        status, _, body = http_get(f"http://127.0.0.1:{self.port}/metrics")
        assert status == 200, body
        return body

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.communicate()


@pytest.fixture
def node_exporter_for():
    started: list[NodeExporter] = []

    def start(textfile_dir: Path) -> NodeExporter:
        exporter = NodeExporter(textfile_dir)
        started.append(exporter)
        return exporter

    yield start
    for exporter in started:
        exporter.stop()


@pytest.fixture
def no_display(monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.delenv(name, raising=False)


class Prometheus:
    """Debian's Prometheus server with ehwatch's alert rules, scraping ``targets`` every second."""

    def __init__(self, folder: Path, rules: Path, targets: list[str]):
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        config = folder / "prometheus.yml"
        config.write_text(
            "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
            f"rule_files: [{json.dumps(str(rules))}]\n"
            "scrape_configs:\n"
            f"  - job_name: node\n    static_configs: [{{targets: {json.dumps(targets)}}}]\n", encoding="utf-8")
        self.proc = subprocess.Popen(
            [need_tool("prometheus"), f"--config.file={config}", f"--storage.tsdb.path={folder / 'data'}",
             f"--web.listen-address=127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL, stderr=open(folder / "prometheus.log", "w"), start_new_session=True)
        self.log = folder / "prometheus.log"

    def alerts(self) -> list[dict]:
        try:
            status, _, body = http_get(f"http://127.0.0.1:{self.port}/api/v1/alerts", timeout=5)
        except OSError:
            return []
        if status != 200:
            return []
        return json.loads(body)["data"]["alerts"]

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


@pytest.fixture
def prometheus_server():
    started: list[Prometheus] = []

    def start(folder: Path, rules: Path, targets: list[str]) -> Prometheus:
        server = Prometheus(folder, rules, targets)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
