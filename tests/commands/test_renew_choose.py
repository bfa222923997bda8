"""``ehwatch renew`` without a keystore (issue 13, point 4) and the honest end of a renewal when no
daemon runs (point 9): the keystores due, by holder and days; a number chosen on a terminal; and,
with nobody to complete the renewal, ehwatch started for real when the user says yes."""
from __future__ import annotations

import io
import os
import re
import signal
import sys
import time
from argparse import Namespace

import pytest

from ehwatch import instance, secrets
from ehwatch.commands import renew
from ehwatch.commands._terminal import TerminalUI
from ehwatch.core import Core
from ehwatch.desktop import autostart
from ehwatch.renewal import lifecycle as lc
from tests.support.keystores import PASSWORD, place
from tests.support.renewal_world import SECRETS_INPUT, World
from tests.support.tools import need_tool, run_cli


@pytest.fixture
def dovecot(tmp_path):
    need_tool("/usr/sbin/dovecot")
    from tests.support.dovecot import Dovecot

    with Dovecot(tmp_path / "imap", security="ssl") as server:
        yield server


def folder_of_keystores(tmp_path):
    placed = place(tmp_path / "ks", "valid", "expiring", "expired", "old")
    for path in placed.values():
        secrets.set_keystore_password(path, PASSWORD)
    return placed


def terminal(lang: str, answers: str, monkeypatch) -> TerminalUI:
    """A TerminalUI as on a terminal, the user's typing read from ``answers``."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    out = io.StringIO()
    ui = TerminalUI(lang, stdin=io.StringIO(), out=out)
    ui.interactive = True
    return ui


def test_without_a_terminal_the_due_ones_are_listed_by_holder_and_days(tmp_path):
    placed = folder_of_keystores(tmp_path)
    # calendar days in Brussels: a certificate valid 10 more days shows 9 or 10 depending on the hour
    for lang, words in (("fr", [r"Certificats à renouveler \(2\)\u00a0:", r"LUC JANSSENS, expire dans (9|10) jours",
                                r"PAUL LEROY, expire dans 1[45] jours", "expiré", "ehwatch request --replaces"]),
                        ("nl", [r"Te vernieuwen certificaten \(2\):", r"LUC JANSSENS, verloopt over (9|10) dagen"]),
                        ("de", [r"Zu erneuernde Zertifikate \(2\):", r"LUC JANSSENS, läuft in (9|10) Tagen ab"])):
        proc = run_cli("--lang", lang, "renew", "--keystore-dir", str(tmp_path / "ks"))
        assert proc.returncode == 2, proc.stderr
        for word in words:
            assert re.search(word, proc.stdout), (word, proc.stdout)
        assert proc.stdout.index("LUC JANSSENS") < proc.stdout.index("PAUL LEROY")
        assert "MARIE DUBOIS" not in proc.stdout                  # valid for 400 days: not due
    yes = run_cli("renew", "--yes", "--keystore-dir", str(tmp_path / "ks"))
    assert yes.returncode == 2 and "ehwatch renew KEYSTORE --yes" in yes.stdout
    assert placed["expiring"].name in yes.stdout


def test_nothing_due_says_so_and_exits_0(tmp_path):
    place(tmp_path / "ks", "valid")
    proc = run_cli("--lang", "nl", "renew", "--keystore-dir", str(tmp_path / "ks"))
    assert proc.returncode == 0 and "nu niets te vernieuwen" in proc.stdout


def test_on_a_terminal_a_number_chooses(tmp_path, monkeypatch):
    placed = folder_of_keystores(tmp_path)
    core = Core.load(None, keystore_dirs=[tmp_path / "ks"])
    ui = terminal("fr", "2\n", monkeypatch)
    chosen, code = renew.choose_due(core, ui)
    assert (chosen, code) == (placed["old"], 0)
    shown = ui.out.getvalue()
    assert re.search(r"  1\. LUC JANSSENS, expire dans (9|10) jours", shown) and "  2. PAUL LEROY" in shown
    ui = terminal("fr", "\n", monkeypatch)                      # Enter alone: nothing renewed
    assert renew.choose_due(core, ui) == (None, 1)
    assert "Rien n'a été choisi" in ui.out.getvalue()


@pytest.mark.slow
def test_with_no_daemon_the_end_says_who_completes_and_starts_ehwatch_when_asked(tmp_path, monkeypatch, dovecot):
    from ehwatch.sandbox.mailer import MailboxSettings

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.delenv(name, raising=False)
    mailbox = MailboxSettings(host=dovecot.host, port=dovecot.port, user=dovecot.user, password=dovecot.password,
                              security="ssl", cafile=str(dovecot.cafile))
    world = World(tmp_path, monkeypatch, "75040404976", mailbox=mailbox, produce_after=3.0)
    daemon = None
    try:
        proc = world.cli("--lang", "fr", "renew", str(world.old), "--yes", "--accept-conditions", input=SECRETS_INPUT)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert world.renewal().waiting
        assert "tant que «\u00a0ehwatch run\u00a0» est en cours" in proc.stdout   # no terminal: who completes it, said once
        assert "ehwatch complete" in proc.stdout and "personne ne finalise" not in proc.stdout
        assert not autostart.is_enabled() and not instance.is_running()

        core = Core.load(world.config)
        ui = terminal("fr", "o\n", monkeypatch)                     # "oui" to the offer
        started = []
        real_start = renew.start_daemon
        monkeypatch.setattr(renew, "start_daemon", lambda config=None: started.append(real_start(config)) or started[0])
        renew.completion_offer(core, ui, Namespace(config=None))
        daemon = started[0]
        assert daemon is not None and instance.is_running(), ui.out.getvalue()
        assert autostart.is_enabled()
        assert "tourne en arrière-plan" in ui.out.getvalue()
        deadline = time.monotonic() + 120          # the daemon completes it by itself (eHealth's mail wakes it)
        while world.renewal().state != lc.State.NOTIFYING and time.monotonic() < deadline:
            time.sleep(1)
        assert world.renewal().state == lc.State.NOTIFYING, world.renewal().state
    finally:
        if daemon is not None:
            os.killpg(daemon.pid, signal.SIGTERM)
            daemon.wait(timeout=30)
        world.close()
