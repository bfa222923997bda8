"""The daemon's voice (actions/notices.py): the status window behind "Open", its choice sent back as
an intent, and the notification that replaces it where no window can open."""
from __future__ import annotations

import queue
import time
from pathlib import Path

import pytest

from ehwatch import config as config_mod
from ehwatch import events
from ehwatch.actions.notices import Notices
from ehwatch.core import Core
from ehwatch.events import Intent, Snapshot
from tests.support.desktop import Desktop, wait_until

LUC = "/home/dr/ehealth/keystore/SSIN=50021014141 20151023-121015.p12"
SNAPSHOT = Snapshot(keystores=[{"path": LUC, "holder": "LUC JANSSENS", "status": "expired", "days_left": -3}])


def test_without_a_window_the_status_is_said_as_before(capsys):
    notices = Notices(Core(config_mod.Config(language="fr")), lambda item: None, lambda: None)
    notices.open(None, headless=True)
    notices.show_status(SNAPSHOT, "ehwatch surveille", "LUC JANSSENS — expiré depuis 3 jours")
    assert capsys.readouterr().out == "ehwatch surveille: LUC JANSSENS — expiré depuis 3 jours\n"


@pytest.fixture
def screen(monkeypatch):
    with Desktop(tray=False, notifications=False) as desk:
        monkeypatch.setenv("DISPLAY", desk.display)
        yield desk


def test_the_status_window_sends_the_chosen_step_as_an_intent(screen):
    put: queue.Queue = queue.Queue()
    notices = Notices(Core(config_mod.Config(language="nl")), put.put, lambda: None)
    notices.headless = False                          # a tray runs: the window, not a notification
    notices.show_status(SNAPSHOT, "ehwatch", "…")
    notices.show_status(SNAPSHOT, "ehwatch", "…")     # a second Open while it is up: still one window
    def windows():
        return screen.windows_titled("ehwatch — uw eHealth-certificaten")

    found = wait_until(windows, 30, "the status window")
    time.sleep(1)
    assert len(windows()) == 1
    time.sleep(0.5)
    screen.run("xdotool", "windowfocus", found[0], check=False)
    screen.xdotool("key", "Return")                   # the first step: request a new certificate
    assert put.get(timeout=20) == Intent(events.REQUEST_NEW, Path(LUC))
