"""The whole renewal with real parts: a SoftHSM2 BELPIC token as the eID, the sandbox over TLS as
eHealth, Dovecot as the mailbox; ``ehwatch`` runs in child processes as a user would run it.

A keystore expiring in 20 days → ``ehwatch renew`` → the sandbox produces after a moment and mails →
the watcher wakes the engine → completion → a new keystore that keytool lists with the chain and the
ETK, the ETK active at the sandbox, the old keystore superseded and byte for byte unchanged. Then the
same renewal killed with SIGKILL at every step boundary, and restarted.
"""
from __future__ import annotations

import queue
import threading
import time
from pathlib import Path

import pytest

from ehwatch.core import Core
from ehwatch.renewal import lifecycle as lc
from ehwatch.renewal.engine import Engine
from ehwatch.sandbox.mailer import MailboxSettings
from tests.support.renewal_world import (  # noqa: F401
    HOLDER,
    NEW_PASSWORD,
    OLD_PASSWORD,
    PIN,
    SECRETS_INPUT,
    World,
    check_finished,
    keytool_list,
    sha256,
)
from tests.support.tools import need_tool


@pytest.fixture
def dovecot(tmp_path):
    need_tool("/usr/sbin/dovecot")
    from tests.support.dovecot import Dovecot

    with Dovecot(tmp_path / "imap", security="ssl") as server:
        yield server


@pytest.mark.slow
def test_renewal_end_to_end_with_the_mail(tmp_path, monkeypatch, dovecot):
    mailbox = MailboxSettings(host=dovecot.host, port=dovecot.port, user=dovecot.user, password=dovecot.password,
                              security="ssl", cafile=str(dovecot.cafile))
    handed_over = tmp_path / "handed-over.txt"
    hooks = [f'echo "$EHWATCH_NEW_KEYSTORE|$EHWATCH_OLD_KEYSTORE|$EHWATCH_IDENTIFIER|$EHWATCH_ENVIRONMENT" > "{handed_over}"',
             "exit 3"]   # a failing hook is reported and undoes nothing
    world = World(tmp_path, monkeypatch, "75040404976", mailbox=mailbox, produce_after=2.0, hooks=hooks)
    try:
        proc = world.cli("renew", str(world.old), "--yes", "--accept-conditions", input=SECRETS_INPUT)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "Request sent to eHealth" in proc.stdout
        assert PIN not in proc.stdout + proc.stderr and NEW_PASSWORD not in proc.stdout + proc.stderr
        assert world.renewal().state == lc.State.REQUESTED

        # the watcher, as the daemon runs it: a trusted "produced" mail wakes the engine
        from ehwatch.mail.watcher import MailWatcher

        core = Core.load(world.config)
        engine = Engine(core)
        events: queue.Queue = queue.Queue()
        stop = threading.Event()
        watcher = MailWatcher(core, on_event=events.put)
        thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
        thread.start()
        try:
            deadline = time.monotonic() + 90
            renewal = world.renewal()
            while renewal.state != lc.State.NOTIFYING and time.monotonic() < deadline:
                event = events.get(timeout=max(1, deadline - time.monotonic()))
                if engine.on_mail(event.reading) is not None:
                    renewal = engine.drive(engine.lifecycles.get(renewal.id))
        finally:
            stop.set()
            thread.join(timeout=30)
        renewal = engine.lifecycles.get(renewal.id)
        check_finished(world, renewal)
        new, old, identifier, environment = handed_over.read_text().strip().split("|")
        assert (new, old, identifier, environment) == (renewal.new_keystore, str(world.old.resolve()),
                                                      world.identifier, "acceptance")
        assert renewal.last_error_key == "renewal.hook_failed" and renewal.last_error_params["code"] == 3
        # asking again to renew the old keystore says where the new one is, and sends nothing
        again = world.cli("renew", str(world.old), "--yes", "--accept-conditions", input=SECRETS_INPUT)
        assert again.returncode == 3 and Path(renewal.new_keystore).name in again.stderr
        assert world.sandbox.requests_received("GenerateCertificate") == 1
        # the log holds no secret
        log_text = "".join(p.read_text(errors="replace") for p in Path(core_log_dir()).glob("*.log*"))
        assert PIN + "\n" not in log_text and NEW_PASSWORD not in log_text and OLD_PASSWORD not in log_text
    finally:
        world.close()


def core_log_dir():
    from ehwatch import paths

    return paths.log_dir()


# Every boundary where a crash can happen, in the order a renewal meets them: after each recorded
# transition, and between each side effect and the record that follows it.
BEFORE_SENDING = ["after:awaiting_confirmation", "after:requesting", "requesting:keystore-written"]
AFTER_SENDING = ["after:requested", "after:produced", "after:installing", "installing:written",
                 "after:etk_registering", "etk:key-stored", "etk:completed", "after:etk_activating",
                 "etk:activated", "after:handing_over", "handing_over:hook-recorded", "after:notifying"]


def _killed(proc, point):
    assert proc.returncode == -9, f"{point} was never reached: {proc.stdout}{proc.stderr}"


@pytest.mark.slow
def test_killed_before_the_request_reached_ehealth(tmp_path, monkeypatch):
    """Killed before GenerateCertificate left: after the restart the engine asks eHealth, learns the
    request never arrived, and the user signs again. Then killed just after it left: the restart
    learns from eHealth that it arrived and does not send it again. eHealth receives one request."""
    world = World(tmp_path, monkeypatch, "75040410007", produce_after=0.5)
    try:
        for point in BEFORE_SENDING:
            _killed(world.cli("renew", str(world.old), "--yes", "--accept-conditions", input=SECRETS_INPUT, failpoint=point), point)
            world.cli("complete")                      # the restart: reconcile with eHealth
            renewal = world.renewal()
            assert renewal.state == lc.State.AWAITING_CONFIRMATION, (point, renewal.state)
            assert world.sandbox.requests_received("GenerateCertificate") == 0
        assert sha256(world.old) == world.old_hash
        # and killed right after the request left, before its answer was recorded
        _killed(world.cli("renew", str(world.old), "--yes", "--accept-conditions", input=SECRETS_INPUT, failpoint="requesting:sent"),
                "requesting:sent")
        _complete(world)
    finally:
        world.close()


@pytest.mark.slow
def test_killed_at_every_boundary_after_sending_then_resumed(tmp_path, monkeypatch):
    """The same renewal killed with SIGKILL at each later boundary in turn, restarted each time."""
    ran = tmp_path / "hooks-ran.txt"
    hooks = [f'echo first >> "{ran}"', f'echo second >> "{ran}"']
    world = World(tmp_path, monkeypatch, "75040410014", produce_after=0.5, hooks=hooks)
    try:
        _killed(world.cli("renew", str(world.old), "--yes", "--accept-conditions", input=SECRETS_INPUT, failpoint=AFTER_SENDING[0]),
                AFTER_SENDING[0])
        for point in AFTER_SENDING[1:]:
            deadline = time.monotonic() + 30
            while True:   # until the renewal reaches the point (the sandbox produces after 0.5 s)
                proc = world.cli("complete", str(world.old), failpoint=point)
                if proc.returncode == -9 or time.monotonic() > deadline:
                    break
                time.sleep(0.3)
            _killed(proc, point)
            assert sha256(world.old) == world.old_hash
        _complete(world)
        # each hook ran exactly once across every kill, and the notice is shown after the restarts
        assert ran.read_text().split() == ["first", "second"]
        listed = world.cli("renewals")
        assert world.renewal().new_keystore in listed.stdout and "--acknowledge" in listed.stdout
        done = world.cli("renewals", "--acknowledge")
        assert done.returncode == 0 and world.renewal().state == lc.State.DONE
        assert world.renewal().new_keystore not in world.cli("renewals").stdout
    finally:
        world.close()


def _complete(world: World) -> None:
    deadline = time.monotonic() + 60
    while True:
        proc = world.cli("complete", str(world.old))
        renewal = world.renewal()
        if renewal.state == lc.State.NOTIFYING or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    check_finished(world, renewal)
    assert renewal.new_keystore in proc.stdout          # the hand-over notice names the full path
    assert world.sandbox.requests_received("CompleteETKRegistration") == 1


@pytest.mark.slow
def test_the_daemon_completes_a_renewal_when_the_mail_arrives(tmp_path, monkeypatch, dovecot):
    """``ehwatch run`` (headless) is what lives with the user: it watches the mailbox, and the
    "produced" mail makes it complete the renewal and say which file to use now."""
    from tests.support.daemon_process import DaemonProcess

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.delenv(name, raising=False)
    mailbox = MailboxSettings(host=dovecot.host, port=dovecot.port, user=dovecot.user, password=dovecot.password,
                              security="ssl", cafile=str(dovecot.cafile))
    world = World(tmp_path, monkeypatch, "75040404976", mailbox=mailbox, produce_after=3.0)
    try:
        proc = world.cli("renew", str(world.old), "--yes", "--accept-conditions", input=SECRETS_INPUT)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        with DaemonProcess("--no-tray") as daemon:
            deadline = time.monotonic() + 90
            while world.renewal().state != lc.State.NOTIFYING and time.monotonic() < deadline:
                time.sleep(0.5)
            code, out, err = daemon.stop()
        renewal = world.renewal()
        check_finished(world, renewal)
        assert code == 0, err
        assert f"use this keystore:\n{renewal.new_keystore}" in out    # told, in words, with the full path
        assert "mail produced" in " ".join(e["note"] for e in lc.Lifecycles(Core.load(world.config).store)
                                           .events(renewal.id))                    # woken by the mail
    finally:
        world.close()
