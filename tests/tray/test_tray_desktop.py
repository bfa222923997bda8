"""The tray on a real desktop: Xvfb + trayer + GTK (pystray's gtk back-end), driven with xdotool.

The tray runs in a child process (tray_child.py): GTK binds to one display per process, and it is
how the daemon runs it too (main thread, intents out through a queue).
"""
import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from ehwatch import events
from ehwatch.tray.icon import COLOURS
from tests.support.desktop import Desktop, stop_process, wait_until

CHILD = Path(__file__).with_name("tray_child.py")
MARIE = "/home/dr/ehealth/keystore/SSIN=75040404976 20140616-090423.p12"
JEAN = "/home/dr/ehealth/keystore/SSIN=83100720837 20140214-120715.p12"
SNAPSHOT = {
    "overall": "orange",
    "keystores": [
        {"path": MARIE, "holder": "MARIE DUBOIS", "status": "expiring", "days_left": 20},
        {"path": JEAN, "holder": "JEAN PEETERS", "status": "valid", "days_left": 400},
    ],
}


class TrayProcess:
    """A Tray in a child process: send snapshots, read what it reports (ready, intents)."""

    def __init__(self, desk, lang: str = "fr", backend: str = "auto"):
        self.desk = desk
        self.proc = subprocess.Popen([sys.executable, str(CHILD), lang, backend], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=desk.child_env(), start_new_session=True)
        self.messages: queue.Queue[dict] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.messages.put(json.loads(line))

    def expect(self, key: str, timeout: float = 10) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            try:
                message = self.messages.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"the tray reported no {key!r} within {timeout} s; stderr: "
                                     f"{self.proc.stderr.read() if self.proc.poll() is not None else ''}") from None
            if key in message:
                return message

    def update(self, snapshot: dict) -> None:
        self.proc.stdin.write(json.dumps(snapshot) + "\n")
        self.proc.stdin.flush()
        self.expect("updated")

    def stop(self) -> int:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write("stop\n")
                self.proc.stdin.flush()
                self.proc.wait(10)
            except (BrokenPipeError, subprocess.TimeoutExpired):
                pass
        code = self.proc.poll()
        self.stderr = self.proc.stderr.read() if code is not None else ""
        stop_process(self.proc)
        return code


@pytest.fixture
def tray(desktop):
    started = time.monotonic()
    child = TrayProcess(desktop)
    ready = child.expect("ready")
    child.startup_seconds = time.monotonic() - started
    child.ready = ready
    yield child
    child.stop()
    wait_until(lambda: not desktop.tray_icons(), 5, "the icon to leave the tray")


def docked_icon(desk) -> dict:
    try:
        return wait_until(lambda: [i for i in desk.tray_icons() if i["width"] > 1 and i["height"] > 1], 10,
                          "an icon bigger than 1×1 docked in trayer")[0]
    except AssertionError as exc:
        tree = desk.run("xwininfo", "-root", "-tree").stdout
        raise AssertionError(f"{exc}; docked now: {desk.tray_icons()}\n{tree}") from None


def icon_colour_share(desk, icon, state, tmp_path) -> float:
    """Share of the docked icon's pixels in ``state``'s colour, from a screenshot of the tray."""
    shot = desk.screenshot(tmp_path / f"tray-{state}-{time.monotonic_ns()}.png")
    with Image.open(shot) as screen:
        crop = screen.convert("RGB").crop((icon["x"], icon["y"], icon["x"] + icon["width"],
                                           icon["y"] + icon["height"]))
    raw = crop.tobytes()
    pixels = [raw[i:i + 3] for i in range(0, len(raw), 3)]
    rgb = COLOURS[state][0]
    return sum(all(abs(p[c] - rgb[c]) <= 40 for c in range(3)) for p in pixels) / len(pixels)


def open_menu(desk, icon) -> dict:
    before = {p["id"] for p in desk.mapped_popups()}
    desk.xdotool("mousemove", str(icon["x"] + icon["width"] // 2), str(icon["y"] + icon["height"] // 2),
                 "click", "3")
    return wait_until(lambda: [p for p in desk.mapped_popups() if p["id"] not in before and p["height"] > 100],
                      10, "the tray menu to be mapped")[0]


def test_icon_docks_with_gtk_backend(desktop, tray):
    assert tray.ready == {"ready": True, "backend": "gtk", "docked": True, "fallbacks": []}
    icon = docked_icon(desktop)
    assert icon["width"] >= 16 and icon["height"] >= 16
    assert tray.startup_seconds < 5  # the daemon's target is < 2 s; this includes Python start-up


def test_right_click_shows_menu_with_certificates(desktop, tray, tmp_path):
    tray.update(SNAPSHOT)
    icon = docked_icon(desktop)
    before = desktop.screenshot(tmp_path / "before.png")
    menu = open_menu(desktop, icon)

    def painted():  # the menu window maps before GTK paints it: on a loaded machine, wait for the pixels
        after = desktop.screenshot(tmp_path / "menu.png")
        with Image.open(before) as a, Image.open(after) as b:
            return ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is not None

    wait_until(painted, 10, "the menu on the screen")
    # the menu window covers the changed area and is tall enough for 2 certificates + 8 entries
    assert menu["height"] >= 200 and menu["width"] >= 200
    desktop.xdotool("key", "Escape")
    wait_until(lambda: not [p for p in desktop.mapped_popups() if p["id"] == menu["id"]], 5, "the menu to close")


def test_menu_entry_puts_its_intent_in_the_queue(desktop, tray):
    tray.update(SNAPSHOT)
    icon = docked_icon(desktop)
    open_menu(desktop, icon)
    # keyboard navigation in the GTK menu: MARIE, JEAN, (separator), Check now
    desktop.xdotool("key", "--delay", "80", "Down", "Down", "Down", "Return")
    assert tray.expect("intent") == {"intent": events.CHECK_NOW, "keystore": None}


def test_certificate_submenu_renews_that_keystore(desktop, tray):
    tray.update(SNAPSHOT)
    icon = docked_icon(desktop)
    menu = open_menu(desktop, icon)
    desktop.xdotool("key", "--delay", "120", "Down", "Down", "Right")  # JEAN PEETERS → its submenu
    # GTK opens the submenu after a short delay (longer on a loaded machine): wait for it to be mapped
    wait_until(lambda: [p for p in desktop.mapped_popups() if p["id"] != menu["id"] and p["height"] > 50], 10,
               "the submenu")
    time.sleep(0.2)  # its first item selected: nothing to poll for a selection
    desktop.xdotool("key", "Return")
    assert tray.expect("intent") == {"intent": events.RENEW, "keystore": JEAN}


def test_update_recolours_the_icon(desktop, tray, tmp_path):
    icon = docked_icon(desktop)
    wait_until(lambda: icon_colour_share(desktop, icon, "grey", tmp_path) > 0.15, 5, "the grey icon")
    tray.update(SNAPSHOT)
    wait_until(lambda: icon_colour_share(desktop, icon, "orange", tmp_path) > 0.15, 5, "the orange icon")
    assert icon_colour_share(desktop, icon, "grey", tmp_path) < 0.05
    tray.update(dict(SNAPSHOT, overall="red"))
    wait_until(lambda: icon_colour_share(desktop, icon, "red", tmp_path) > 0.15, 5, "the red icon")


def test_xorg_backend_docks_without_menu(desktop):
    child = TrayProcess(desktop, backend="xorg")
    try:
        ready = child.expect("ready")
        assert ready["backend"] == "xorg" and ready["docked"] is True
        docked_icon(desktop)
    finally:
        child.stop()


def choose_backend_in_child(desk, prelude: str = "", env: dict | None = None):
    """choose_backend() in a fresh process: it initialises GTK, which must not outlive this display."""
    code = (f"{prelude}\nimport json\nfrom ehwatch.tray.app import choose_backend\n"
            "print(json.dumps(choose_backend()))")
    full_env = desk.child_env()
    full_env.pop("PYSTRAY_BACKEND", None)
    full_env.update(env or {})
    proc = subprocess.run([sys.executable, "-c", code], env=full_env, capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_backend_choice_on_a_desktop_with_a_tray_host(desktop):
    assert choose_backend_in_child(desktop) == ["gtk", []]
    assert choose_backend_in_child(desktop, env={"PYSTRAY_BACKEND": "xorg"}) == ["xorg", []]


def test_backend_falls_back_to_xorg_without_pygobject(desktop):
    # PyGObject missing, as on a machine where it could not be installed
    assert choose_backend_in_child(desktop, prelude="import sys; sys.modules['gi'] = None") == \
        ["xorg", ["tray.backend.gtk_missing", "tray.backend.appindicator_missing", "tray.backend.xorg_no_menu"]]


def test_no_display_means_no_tray_with_a_reason(monkeypatch):
    from ehwatch.tray.app import Tray, TrayUnavailable, choose_backend

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "PYSTRAY_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    assert choose_backend() == (None, ["tray.backend.no_display"])
    with pytest.raises(TrayUnavailable) as caught:
        Tray(queue.Queue(), "nl")
    assert caught.value.key == "tray.backend.no_display"
    assert "ehwatch status" in caught.value.message("nl")


def test_mouse_click_in_certificate_submenu(desktop, tray):
    tray.update(SNAPSHOT)
    icon = docked_icon(desktop)
    menu = open_menu(desktop, icon)
    # hover the first line (MARIE DUBOIS): GTK opens its submenu next to it
    desktop.xdotool("mousemove", str(menu["x"] + menu["width"] // 2), str(menu["y"] + 16))
    submenu = wait_until(lambda: [p for p in desktop.mapped_popups()
                                  if p["id"] != menu["id"] and p["height"] > 50], 10, "the submenu")[0]
    # its first line is Renew…: move there first (GTK ignores a click without motion into the item)
    target_x, target_y = submenu["x"] + 40, submenu["y"] + 16
    desktop.xdotool("mousemove", str(target_x), str(target_y + 2))
    desktop.xdotool("mousemove", str(target_x), str(target_y), "click", "1")
    assert tray.expect("intent") == {"intent": events.RENEW, "keystore": MARIE}


def test_tray_without_notification_service_or_bus_starts_and_quits_cleanly(tmp_path):
    with Desktop(notifications=False) as bare:
        for bus in (bare.bus_address, f"unix:path={tmp_path}/no-bus"):
            bare.bus_address = bus  # child_env() hands it to the tray
            child = TrayProcess(bare)
            assert child.expect("ready")["docked"] is True
            assert child.stop() == 0, child.stderr


def test_tooltip_shows_the_nearest_expiry(desktop, tray, tmp_path):
    tray.update(SNAPSHOT)
    icon = docked_icon(desktop)
    desktop.xdotool("mousemove", str(icon["x"] + 2), str(icon["y"] + 2))
    desktop.xdotool("mousemove", str(icon["x"] + icon["width"] // 2), str(icon["y"] + icon["height"] // 2))
    tip = wait_until(lambda: [p for p in desktop.mapped_popups() if p["height"] < 100], 10, "the tooltip")[0]
    # one line of text, wide enough for "ehwatch — MARIE DUBOIS : expire dans 20 jours"
    assert tip["width"] > 250
    desktop.xdotool("mousemove", "10", "700")


NEW = "/home/dr/ehealth/keystore/SSIN=75040404976 20261202-101500.p12"


def test_the_hand_over_notice_stays_in_the_menu_until_acknowledged(desktop, tray, tmp_path):
    """A finished renewal's "use this file" entry is first in the menu; its "done" item acknowledges."""
    tray.update(dict(SNAPSHOT, renewals=[{"state": "notifying", "new_keystore": NEW, "holder": "MARIE DUBOIS",
                                          "identifier": "SSIN=75040404976"}]))
    icon = docked_icon(desktop)
    before = desktop.screenshot(tmp_path / "before-handover.png")
    open_menu(desktop, icon)
    desktop.xdotool("key", "--delay", "120", "Down", "Right")      # the notice → its submenu
    time.sleep(0.4)

    def painted():
        after = desktop.screenshot(tmp_path / "menu-handover.png")
        with Image.open(before) as a, Image.open(after) as b:
            return ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is not None

    wait_until(painted, 10, "the menu on the screen")
    desktop.xdotool("key", "--delay", "120", "Down", "Return")     # Open the folder → Done
    assert tray.expect("intent") == {"intent": events.ACKNOWLEDGE, "keystore": NEW}


# --- issue 13: the menu as the user sees it, in French, Dutch and German --------------------------------
from tests.support.tools import ROOT  # noqa: E402

SHOTS = ROOT / "build" / "screenshots" / "tray"       # kept after the run: looked at while writing this test
LUC = "/home/dr/ehealth/keystore/SSIN=50021014141 20151023-121015.p12"
ANNE = "/home/dr/ehealth/keystore/SSIN=62070814532 20240301-101010.p12"
PENDING = "/home/dr/ehealth/keystore/SSIN=75040404976 20261202-101500.p12"
PRACTICE = {
    "overall": "red",
    "keystores": [
        {"path": MARIE, "holder": "MARIE DUBOIS", "identifier": "SSIN=75040404976", "status": "expiring",
         "days_left": 20},
        {"path": PENDING, "holder": None, "identifier": "SSIN=75040404976", "status": "pending", "days_left": None},
        {"path": JEAN, "holder": "JEAN PEETERS", "identifier": "SSIN=83100720837", "status": "expiring",
         "days_left": 12},
        {"path": LUC, "holder": "LUC JANSSENS", "identifier": "SSIN=50021014141", "status": "expired",
         "days_left": -3},
        {"path": ANNE, "holder": None, "identifier": "SSIN=62070814532", "status": "locked", "days_left": 298},
    ],
    "renewals": [{"state": "requested", "old_keystore": MARIE, "new_keystore": PENDING, "request_number": "4711",
                  "holder": "MARIE DUBOIS", "identifier": "SSIN=75040404976"}],
    "muted": [],
}


def painted_menu(desk, tray, snapshot, name, tmp_path, keys=()):
    """Opens the menu (and, with ``keys``, a submenu), waits for GTK to paint it, keeps a screenshot."""
    tray.update(snapshot)
    icon = docked_icon(desk)
    before = desk.screenshot(tmp_path / f"before-{name}")
    menu = open_menu(desk, icon)
    if keys:
        desk.xdotool("key", "--delay", "120", *keys)
        time.sleep(0.5)                                 # GTK opens submenus after a short delay

    def painted():
        after = desk.screenshot(tmp_path / name)
        with Image.open(before) as a, Image.open(after) as b:
            return ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is not None

    wait_until(painted, 10, "the menu on the screen")
    time.sleep(0.3)
    SHOTS.mkdir(parents=True, exist_ok=True)
    desk.screenshot(SHOTS / name)
    return menu


@pytest.mark.parametrize("lang,under_way", [("fr", "MARIE DUBOIS — renouvellement en cours"),
                                             ("nl", "MARIE DUBOIS — vernieuwing bezig"),
                                             ("de", "MARIE DUBOIS — Erneuerung läuft")])
def test_menu_in_each_language_with_an_expired_one_and_a_renewal_under_way(desktop, tmp_path, lang, under_way):
    from ehwatch.events import Snapshot
    from ehwatch.tray.menu import menu_model

    child = TrayProcess(desktop, lang=lang)
    try:
        child.expect("ready")
        menu = painted_menu(desktop, child, PRACTICE, f"menu-{lang}.png", tmp_path)
        # compact: as narrow as its longest row and short enough for a laptop screen
        assert menu["width"] < 420 and menu["height"] < 520, menu
        desktop.xdotool("key", "Escape")
        wait_until(lambda: not [p for p in desktop.mapped_popups() if p["id"] == menu["id"]], 5, "the menu to close")
        # the renewal under way: its row's submenu says what it waits for (first row after the warning)
        model = menu_model(Snapshot(**PRACTICE), lang)
        rows = [e.label for e in model if not e.separator and e.visible]
        position = rows.index(under_way)
        painted_menu(desktop, child, PRACTICE, f"menu-{lang}-renewal.png", tmp_path,
                     keys=["Down"] * (position + 1) + ["Right"])
        desktop.xdotool("key", "Escape", "Escape")
    finally:
        child.stop()
        wait_until(lambda: not desktop.tray_icons(), 5, "the icon to leave the tray")


def test_mute_and_its_undo_from_the_menu(desktop, tray):
    muted = dict(SNAPSHOT, muted=["SSIN=75040404976 20140616-090423.p12"])
    tray.update(muted)
    icon = docked_icon(desktop)
    open_menu(desktop, icon)
    # MARIE → submenu: Renouveler, Ouvrir le dossier, Enregistrer…, Changer…, (sep), [Me le rappeler demain:
    # greyed while muted, skipped by GTK], Me le rappeler à nouveau
    desktop.xdotool("key", "--delay", "120", "Down", "Right")
    time.sleep(0.4)
    desktop.xdotool("key", "--delay", "120", "Down", "Down", "Down", "Down", "Return")
    assert tray.expect("intent") == {"intent": events.MUTE, "keystore": MARIE}
