"""``ehwatch run`` on a real (private) desktop: Xvfb, D-Bus, trayer as the tray host, dunst as the
notification daemon. What the user sees is read back from dunst (``dunstctl history``) and X."""
from __future__ import annotations

import datetime as dt
import signal
import time

import pytest

from ehwatch import config as config_mod
from ehwatch import secrets
from ehwatch.core import Core
from ehwatch.daemon import Daemon
from ehwatch.events import MUTE, PAUSE_DAY, SNOOZE, Intent
from tests.support.daemon_process import DaemonProcess
from tests.support.desktop import wait_until
from tests.support.keystore_factory import cached_ehealth_keystore

PASSWORD = "ehealth-test"


@pytest.fixture
def keystore(tmp_path):
    """A real keystore (keytool) whose certificate expires in 5 days, its password in the keyring."""
    folder = tmp_path / "keystore"
    path = cached_ehealth_keystore(folder, holder="MARIE DUBOIS", days_valid=5, password=PASSWORD)
    secrets.set_keystore_password(path, PASSWORD)
    return path


def ours(desktop) -> list[dict]:
    return [n for n in desktop.notifications() if n["appname"] == "ehwatch"]


def shown_since(desktop, before: set) -> list[dict]:
    """Our notifications not in ``before`` (dunst 1.9 cannot clear its history: compare ids)."""
    return [n for n in ours(desktop) if n["id"] not in before]


def ids(desktop) -> set:
    return {n["id"] for n in ours(desktop)}


def dialog_windows(desktop) -> list[str]:
    found = desktop.run("xdotool", "search", "--onlyvisible", "--classname", "ehwatch", check=False)
    return found.stdout.split()


def test_threshold_notifies_once_docks_and_renew_action_reaches_the_dispatch(desktop, keystore):
    before = ids(desktop)
    with DaemonProcess("--keystore-dir", str(keystore.parent)) as daemon:
        daemon.wait_log("tray icon ready", timeout=30)
        daemon.wait_log("INFO ehwatch.tray.notify: notification ", timeout=30)
        assert "tray backend: gtk" in daemon.log()
        assert wait_until(desktop.tray_icons, 10, "the icon docked in trayer")

        # The user clicks the notification (dunst's default action): the daemon dispatches a renewal
        # of exactly this keystore, and the renewal starts by asking for confirmation in a dialog.
        assert desktop.run("dunstctl", "count", "displayed").stdout.strip() == "1"
        desktop.run("dunstctl", "action", "0")
        daemon.wait_log(f"intent renew {keystore.name}", timeout=20)
        shown = shown_since(desktop, before)
        assert len(shown) == 1, shown
        assert "days left" in shown[0]["summary"] and "MARIE DUBOIS" in shown[0]["summary"]   # whose (issue 13)
        window = wait_until(lambda: dialog_windows(desktop), 30, "the renewal's confirmation dialog")[0]
        root = str(desktop.x().screen().root.id)
        wait_until(lambda: desktop.run("xdotool", "getwindowfocus", check=False).stdout.strip() not in ("", "1", root),
                   10, f"the dialog {window} to take the keyboard focus")
        desktop.xdotool("key", "Escape")                          # the user changes their mind
        wait_until(lambda: not dialog_windows(desktop), 20, "the dialog to close")

        code, _, err = daemon.stop(signal.SIGTERM)
        assert code == 0, err
        assert daemon.children() == []

    # A restart must not show the same threshold again.
    with DaemonProcess("--keystore-dir", str(keystore.parent)) as again:
        again.wait_log("tray icon ready", timeout=30)
        again.wait_log("INFO ehwatch.daemon: state ", timeout=30)
        code, _, err = again.stop()
        assert code == 0, err
        assert "notification " not in again.log().replace("notification not", "")
    assert len(shown_since(desktop, before)) == 1


def test_a_second_start_shows_the_status_of_the_first(desktop, keystore):
    from tests.support.tools import run_cli

    before = ids(desktop)
    with DaemonProcess("--keystore-dir", str(keystore.parent)) as daemon:
        daemon.wait_log("tray icon ready", timeout=30)
        daemon.wait_log("INFO ehwatch.tray.notify: notification ", timeout=30)
        second = run_cli("run", timeout=60)
        assert second.returncode == 0 and "already running" in second.stdout
        # issue 13: the first shows its status window (one row per certificate, its next step)
        daemon.wait_log("intent show_status", timeout=20)
        window = wait_until(lambda: dialog_windows(desktop), 30, "the status window")[0]
        title = desktop.run("xdotool", "getwindowname", window).stdout.strip()
        assert title == "ehwatch — your eHealth certificates"
        time.sleep(0.5)                                   # Tk takes the focus once mapped
        desktop.run("xdotool", "windowfocus", window, check=False)
        desktop.xdotool("key", "Escape")
        wait_until(lambda: not dialog_windows(desktop), 20, "the status window to close")
        code, _, _ = daemon.stop()
        assert code == 0
    assert len(shown_since(desktop, before)) == 1        # the reminder; the status is a window, not a notification


@pytest.mark.parametrize("choice", [SNOOZE, MUTE, PAUSE_DAY])
def test_snooze_mute_and_pause_keep_the_daemon_quiet(desktop, keystore, choice):
    core = Core(config_mod.Config(), keystore_dirs=[keystore.parent])
    daemon = Daemon(core, use_tray=False)
    daemon.notices.open(None, headless=True)
    before = ids(desktop)
    try:
        daemon.dispatch(Intent(choice, keystore if choice != PAUSE_DAY else None))
        daemon.check()
        assert daemon.records and daemon.records[0].days_left <= 5
        assert shown_since(desktop, before) == []
        if choice == SNOOZE:                                  # a day later it speaks again
            daemon.policy.clock = lambda: dt.datetime.now().timestamp() + 24 * 3600 + 60
            daemon.check()
            assert len(shown_since(desktop, before)) == 1
    finally:
        daemon.notices.close()
        core.close()
