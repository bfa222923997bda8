"""Start-up with several certificates needing the user (issue 13, point 5): ``ehwatch run`` on a real
private desktop (Xvfb, D-Bus, trayer, dunst) shows ONE summary notification naming each holder, never
the same certificate twice, and its "Open" opens the status window. Screenshots of what the user sees
are kept in build/screenshots/tray/ (looked at while writing this test)."""
from __future__ import annotations

import datetime as dt
import signal
import time

import pytest

from ehwatch import i18n, secrets
from tests.support.daemon_process import DaemonProcess
from tests.support.desktop import wait_until
from tests.support.keystore_factory import cached_ehealth_keystore
from tests.support.tools import ROOT

PASSWORD = "ehealth-test"
SHOTS = ROOT / "build" / "screenshots" / "tray"


@pytest.fixture(scope="module")
def desktop_session():
    """The shared private desktop, with dunst showing whole notifications (as a desktop's notification
    server does when the user looks at one) so the screenshot shows the whole summary."""
    from tests.support import desktop as desktop_module

    original = desktop_module.DUNSTRC
    desktop_module.DUNSTRC = original.replace("width = 300", "width = 460").replace("height = 120", "height = 300")
    try:
        with desktop_module.Desktop() as desk:
            yield desk
    finally:
        desktop_module.DUNSTRC = original


@pytest.fixture
def practice(tmp_path):
    """Four keystores: Marie's expires in 5 days, Jean's in 20, Luc's expired 3 days ago (passwords in
    the keyring), and one whose password ehwatch does not know."""
    folder = tmp_path / "keystore"
    for identifier, holder, days in (("SSIN=75040404976", "MARIE DUBOIS", 5), ("SSIN=83100720837", "JEAN PEETERS", 20),
                                     ("SSIN=50021014141", "LUC JANSSENS", -3)):
        path = cached_ehealth_keystore(folder, identifier=identifier, holder=holder, days_valid=days, password=PASSWORD)
        secrets.set_keystore_password(path, PASSWORD)
    cached_ehealth_keystore(folder, identifier="SSIN=62070814532", holder="ANNE WILLEMS", days_valid=300,
                            password="unknown-to-ehwatch")
    return folder


def ours(desktop) -> list[dict]:
    return [n for n in desktop.notifications() if n["appname"] == "ehwatch"]


@pytest.mark.parametrize("lang,title,first_line,open_label,status_title", [
    ("fr", "ehwatch\u00a0: 4 points demandent votre attention",
     "• LUC JANSSENS — expiré le {date}\u00a0: à redemander", "Ouvrir", "ehwatch — vos certificats eHealth"),
    ("nl", "ehwatch: 4 punten vragen uw aandacht", "• LUC JANSSENS — verlopen op {date}: opnieuw aanvragen", "Openen",
     "ehwatch — uw eHealth-certificaten"),
    ("de", "ehwatch: 4 Punkte erfordern Ihre Aufmerksamkeit", "• LUC JANSSENS — abgelaufen am {date}: neu beantragen",
     "Öffnen", "ehwatch — Ihre eHealth-Zertifikate"),
])
def test_start_up_shows_one_summary_and_open_shows_the_status_window(desktop, practice, lang, title, first_line,
                                                                      open_label, status_title):
    SHOTS.mkdir(parents=True, exist_ok=True)
    before = {n["id"] for n in ours(desktop)}
    with DaemonProcess("--keystore-dir", str(practice), env={"LANG": f"{lang}_BE.UTF-8"}) as daemon:
        daemon.wait_log("tray icon ready", timeout=30)
        daemon.wait_log("INFO ehwatch.tray.notify: notification ", timeout=60)
        wait_until(lambda: desktop.run("dunstctl", "count", "displayed").stdout.strip() == "1", 10,
                   "the one notification on the screen")
        desktop.screenshot(SHOTS / f"startup-summary-{lang}.png")
        # "Open" (in dunst's context menu; a click on the notification does the same): the status window
        offered = desktop.pick_notification_action(open_label)
        assert open_label in offered
        daemon.wait_log("intent show_status", timeout=20)
        window = wait_until(lambda: desktop.window_titled(status_title), 30, "the status window")
        desktop.screenshot(SHOTS / f"startup-status-{lang}.png", window)
        time.sleep(0.5)                                   # Tk takes the focus once mapped
        desktop.run("xdotool", "windowfocus", window, check=False)
        desktop.xdotool("key", "Escape")
        wait_until(lambda: not desktop.window_titled(status_title), 20, "the status window to close")
        code, _, err = daemon.stop(signal.SIGTERM)
        assert code == 0, err
    shown = [n for n in ours(desktop) if n["id"] not in before]
    assert len(shown) == 1, shown                                 # one notification, not four
    (summary,) = shown
    assert summary["summary"] == title
    lines = summary["body"].split("\n")
    expired_on = dt.datetime.now(dt.UTC) + dt.timedelta(days=-3)
    assert lines[0] == first_line.format(date=i18n.format_long_date(expired_on.date(), lang))   # most urgent first
    assert lines[1].startswith("• MARIE DUBOIS — ") and lines[2].startswith("• JEAN PEETERS — ")
    assert sum("MARIE DUBOIS" in line for line in lines) == 1 and any("JEAN PEETERS" in line for line in lines)
    assert any("LUC JANSSENS" in line for line in lines) and any("SSIN=62070814532" in line for line in lines)

    # a restart says nothing again: every certificate in the summary was recorded as told
    with DaemonProcess("--keystore-dir", str(practice), env={"LANG": f"{lang}_BE.UTF-8"}) as again:
        again.wait_log("INFO ehwatch.daemon: state ", timeout=60)
        code, _, err = again.stop()
        assert code == 0, err
        assert "notification " not in again.log().replace("notification not", "")
