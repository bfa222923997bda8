"""One writer: two ``ehwatch complete`` at once, or a command beside the running daemon, produce exactly
one GetCertificate → install → ETK sequence; a command drives a renewal through the daemon, answering
its questions in the terminal. Real SoftHSM eID, TLS sandbox and ehwatch processes."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from ehwatch.core import Core
from ehwatch.monitor import pkcs12
from ehwatch.renewal import lifecycle as lc
from tests.support.renewal_world import NEW_PASSWORD, PIN, SECRETS_INPUT, World, check_finished


def _notes(world: World, renewal) -> list[str]:
    return [e["note"] for e in lc.Lifecycles(Core.load(world.config).store).events(renewal.id)]


def _requested(world: World) -> None:
    proc = world.cli("renew", str(world.old), "--yes", "--accept-conditions", input=SECRETS_INPUT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert world.renewal().state == lc.State.REQUESTED


def _exactly_one_sequence(world: World) -> None:
    renewal = world.renewal()
    check_finished(world, renewal)
    notes = _notes(world, renewal)
    assert notes.count("certificate delivered") + notes.count("already produced") == 1, notes
    assert notes.count("chain installed") == 1 and notes.count("ETK key stored") == 1, notes
    assert world.sandbox.requests_received("StartETKRegistration") == 1
    assert world.sandbox.requests_received("CompleteETKRegistration") == 1
    assert world.sandbox.requests_received("ActivateETK") == 1
    content = pkcs12.read_keystore(open(renewal.new_keystore, "rb").read(), NEW_PASSWORD)
    assert [k.alias for k in content.keys if k.alias != "authentication"] == [renewal.etk_serial]


def _ehwatch(*args: str, stdin: str | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ehwatch", *args], env=dict(os.environ), text=True,
                            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.slow
def test_two_completes_at_once_complete_once(tmp_path, monkeypatch):
    world = World(tmp_path, monkeypatch, "75040404976", produce_after=0.3)
    try:
        _requested(world)
        time.sleep(0.5)                                   # produced by now
        first, second = _ehwatch("complete"), _ehwatch("complete")
        outputs = [p.communicate(timeout=120) for p in (first, second)]
        assert {first.returncode, second.returncode} <= {0, 1}, outputs
        _exactly_one_sequence(world)
        shown = [out for out, _ in outputs if world.renewal().new_keystore in out]
        assert len(shown) >= 1                            # the hand-over named the new file
    finally:
        world.close()


@pytest.mark.slow
def test_a_command_beside_the_daemon_asks_it(tmp_path, monkeypatch):
    """With ``ehwatch run`` running, ``complete`` does not write itself: the daemon does, once."""
    from tests.support.daemon_process import DaemonProcess, started_and_idle

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.delenv(name, raising=False)
    world = World(tmp_path, monkeypatch, "75040404976", produce_after=3.0)
    try:
        _requested(world)
        with DaemonProcess("--no-tray") as daemon:
            started_and_idle(daemon)
            time.sleep(3.2)                               # produced now; the daemon has not polled yet
            commands = [_ehwatch("complete"), _ehwatch("complete")]
            outputs = [p.communicate(timeout=120) for p in commands]
            daemon.wait_log("a command asks: complete", count=2)
            code, out, err = daemon.stop()
        assert code == 0, err
        assert all(p.returncode in (0, 1) for p in commands), outputs
        _exactly_one_sequence(world)
        assert any(world.renewal().new_keystore in out for out, _ in outputs), outputs
    finally:
        world.close()


@pytest.mark.slow
def test_renew_through_the_running_daemon(tmp_path, monkeypatch):
    """``ehwatch renew`` beside the daemon: the daemon drives the renewal, the terminal answers its
    questions (named answers on stdin here) and shows its progress; the tray's state follows."""
    from tests.support.daemon_process import DaemonProcess, started_and_idle

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.delenv(name, raising=False)
    world = World(tmp_path, monkeypatch, "75040404976", produce_after=0.5)
    try:
        with DaemonProcess("--no-tray") as daemon:
            started_and_idle(daemon)
            renew = _ehwatch("renew", str(world.old), "--yes", "--accept-conditions", stdin=SECRETS_INPUT)
            out, err = renew.communicate(SECRETS_INPUT, timeout=120)
            assert renew.returncode == 0, out + err
            daemon.wait_log("a command asks: renew")
            assert "eHealth's general conditions" in out and "Request sent to eHealth" in out
            assert PIN not in out + err + daemon.log() and NEW_PASSWORD not in daemon.log()
            daemon.wait_log("INFO ehwatch.daemon: state orange", timeout=30)     # the tray's state follows
            time.sleep(0.6)                                                     # produced
            complete = _ehwatch("complete")
            out, err = complete.communicate(timeout=120)
            daemon.wait_log("a command asks: complete")
            code, _daemon_out, err = daemon.stop()
        check_finished(world, world.renewal())
        assert world.renewal().new_keystore in out                # the hand-over notice, in the terminal
        assert world.sandbox.requests_received("GenerateCertificate") == 1
    finally:
        world.close()


@pytest.mark.slow
def test_named_answers_never_reach_another_question(tmp_path, monkeypatch):
    """Without a terminal, a keystore password can never be typed into the eID: the PIN comes only
    from a ``pin=`` line; without one the renewal stops before anything is signed."""
    world = World(tmp_path, monkeypatch, "75040404976")
    try:
        proc = world.cli("renew", str(world.old), "--yes", "--accept-conditions",
                         input=f"{PIN}\nnew_password={NEW_PASSWORD}\nold_password={PIN}\n")
        assert proc.returncode != 0
        assert 'No "pin=…" line' in proc.stdout
        assert world.sandbox.requests_received("GenerateCertificate") == 0
        without_flag = world.cli("renew", str(world.old), "--yes", input=SECRETS_INPUT)
        assert without_flag.returncode != 0 and "--accept-conditions" in without_flag.stdout
        assert world.sandbox.requests_received("GenerateCertificate") == 0
    finally:
        world.close()
