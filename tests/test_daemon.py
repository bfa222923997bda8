"""``ehwatch run`` without a display: starts, hands over to a second start, stops cleanly on signals."""
from __future__ import annotations

import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from ehwatch import config as config_mod
from ehwatch import instance
from ehwatch.core import Core
from ehwatch.daemon import Daemon
from ehwatch.events import CHECK_NOW, PAUSE_DAY, Intent
from ehwatch.schedule import folder_signature
from tests.support.daemon_process import DaemonProcess, started_and_idle
from tests.support.tools import run_cli


@pytest.fixture
def no_display(monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_no_tray_runs_headless_and_stops_cleanly(no_display, sig, tmp_path):
    with DaemonProcess("--no-tray", "--keystore-dir", str(tmp_path)) as daemon:
        started_and_idle(daemon)
        assert instance.is_running()
        code, out, err = daemon.stop(sig)
        assert code == 0, err
        assert "no tray icon" in out and "Traceback" not in err + daemon.log()
        assert "ehwatch stopped" in daemon.log()
        assert daemon.children() == []
    assert not instance.is_running()                        # the lock went with the process
    db = sqlite3.connect(Path(os.environ["EHWATCH_HOME"]) / "data" / "state.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert "reminders" in {r[0] for r in db.execute("SELECT component FROM schema_versions")}


def test_tray_requested_without_display_falls_back_with_a_message(no_display, tmp_path):
    with DaemonProcess("--keystore-dir", str(tmp_path)) as daemon:
        started_and_idle(daemon)
        code, out, err = daemon.stop()
    assert code == 0
    assert "No tray icon is possible" in err


def test_second_instance_hands_over_and_exits(no_display, tmp_path):
    with DaemonProcess("--no-tray", "--keystore-dir", str(tmp_path)) as first:
        started_and_idle(first)
        second = run_cli("run", "--no-tray", timeout=60)
        assert second.returncode == 0
        assert "already running" in second.stdout
        first.wait_log("intent show_status")
        assert first.proc.poll() is None                    # the first one carries on
        code, out, _ = first.stop()
    assert code == 0
    assert "ehwatch is watching" in out                     # its status, shown (printed: no tray)


# --- the daemon's parts, in this process -----------------------------------------------------------

def make_daemon(tmp_path) -> Daemon:
    return Daemon(Core(config_mod.Config(), keystore_dirs=[tmp_path]), use_tray=False)


def drain(daemon: Daemon) -> list:
    items = []
    while not daemon.intents.empty():
        items.append(daemon.intents.get())
    return items


def test_a_folder_change_asks_for_a_rescan(tmp_path):
    daemon = make_daemon(tmp_path)
    daemon.schedule.poll_folders()
    assert drain(daemon) == []                              # first look: just remembers
    daemon.schedule.poll_folders()
    assert drain(daemon) == []
    (tmp_path / "SSIN=75040404976 20240101-101010.p12").write_bytes(b"x")
    daemon.schedule.poll_folders()
    assert drain(daemon) == [Intent(CHECK_NOW)]
    assert folder_signature([tmp_path / "missing"]) == ((str(tmp_path / "missing"), None),)


def test_a_wall_clock_jump_catches_up(tmp_path):
    daemon = make_daemon(tmp_path)
    daemon.schedule.check_clock()
    assert drain(daemon) == []
    wall, mono = daemon.schedule._clock_mark
    daemon.schedule._clock_mark = (wall - 3 * 3600, mono)            # 3 hours passed on the wall, none on monotonic
    daemon.schedule.check_clock()
    assert drain(daemon) == [Intent(CHECK_NOW)]


def test_pause_turns_the_icon_grey_and_says_until_when(tmp_path):
    daemon = make_daemon(tmp_path)
    daemon.dispatch(Intent(PAUSE_DAY))
    snapshot = daemon.snapshot()
    assert snapshot.overall == "grey" and snapshot.paused_until > time.time() + 23 * 3600
    assert "paused" in daemon.describe(snapshot)


def test_instance_lock_messages_and_a_stale_socket():
    received = []
    first = instance.InstanceLock(received.append)
    assert first.acquire()
    try:
        assert not instance.InstanceLock(received.append).acquire()
        assert instance.send("show_status")
        for _ in range(100):
            if received:
                break
            time.sleep(0.02)
        assert received == ["show_status"]
    finally:
        first.close()
    assert not instance.send("show_status")                 # nobody listens any more
    socket_path = Path(os.environ["EHWATCH_HOME"]) / "run" / "ehwatch.sock"
    socket_path.write_text("left by a crash")
    again = instance.InstanceLock(received.append)
    assert again.acquire()
    again.close()


def test_start_at_login_toggles_from_the_tray(tmp_path):
    from ehwatch.events import TOGGLE_AUTOSTART

    daemon = make_daemon(tmp_path)
    autostart_file = Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / "ehwatch.desktop"
    daemon.dispatch(Intent(TOGGLE_AUTOSTART))
    assert autostart_file.exists() and daemon.snapshot().autostart is True
    daemon.dispatch(Intent(TOGGLE_AUTOSTART))
    assert not autostart_file.exists() and daemon.snapshot().autostart is False


def test_a_crashed_mail_watcher_is_reported_to_the_user(tmp_path):
    """If the watcher thread dies, the failure reaches the dispatcher (and so the tray)."""
    daemon = make_daemon(tmp_path)

    class Broken:
        def run(self, stop):
            raise RuntimeError("boom")

    daemon.mailbox.watcher = Broken()
    daemon.mailbox.run()
    (item,) = drain(daemon)
    item()
    assert daemon.failures["mail"].message_key == "daemon.mail_stopped"
