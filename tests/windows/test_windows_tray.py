"""The tray of the Windows program under Wine, on a real X desktop (Xvfb + trayer), driven with xdotool.

pystray's win32 icon (Shell_NotifyIcon) is docked by Wine into the X tray through XEmbed; its menu is a
Win32 popup menu (TrackPopupMenuEx); the reminder's balloon is Shell_NotifyIcon's NIF_INFO, which Wine
draws as a balloon window beside the icon. A click on the balloon must send the reminder's Renew: on
Windows, Explorer then sends NIN_BALLOONUSERCLICK to the icon's window. Wine's X11 tray never sends
that message (dlls/winex11.drv/systray.c has no such case: a click only hides its balloon), so after
the real click the test posts that one message to the icon's window from another Windows process,
as Explorer would, and the tray's real message loop must turn it into the Renew intent, once.
Screenshots land in build/windows/screenshots/ (looked at while building this test).
"""
from __future__ import annotations

import json
import queue
import threading
import time
from pathlib import Path

import pytest

from tests.support.desktop import Desktop, wait_until
from tests.windows.wine import BUILD, PYTHON, WinePrefix, winpath

CHILD = Path(__file__).with_name("win_tray_child.py")
SHOTS = BUILD / "screenshots"
# What Explorer does when the user clicks a balloon: the icon's callback message (pystray: WM_USER + 11)
# with NIN_BALLOONUSERCLICK (WM_USER + 5) in lParam.
BALLOON_CLICK = "import ctypes; print(ctypes.windll.user32.PostMessageW({hwnd}, 0x400 + 11, 0, 0x400 + 5))"
MARIE = r"C:\users\docteur\ehealth\keystore\SSIN=75040404976 20140616-090423.p12"
SNAPSHOT = {
    "overall": "orange",
    "keystores": [
        {"path": MARIE, "holder": "MARIE DUBOIS", "status": "expiring", "days_left": 20},
        {"path": r"C:\users\docteur\ehealth\keystore\SSIN=83100720837 20140214-120715.p12",
         "holder": "JEAN PEETERS", "status": "valid", "days_left": 400},
    ],
}


class WindowsTray:
    def __init__(self, prefix: WinePrefix, desk: Desktop, lang: str):
        self.proc = prefix.start([str(PYTHON), winpath(CHILD), lang],
                                 env={"DISPLAY": desk.display, "PYTHONIOENCODING": "utf-8"})
        self.messages: queue.Queue[dict] = queue.Queue()
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").strip()
            self.lines.append(line)
            if line.startswith("{"):
                try:
                    self.messages.put(json.loads(line))
                except ValueError:
                    pass

    def expect(self, key: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            try:
                message = self.messages.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"the Windows tray reported no {key!r} within {timeout} s; its output:\n"
                                     + "\n".join(self.lines[-40:])) from None
            if key in message:
                return message

    def send(self, line: str) -> None:
        self.proc.stdin.write(line.encode("utf-8") + b"\n")
        self.proc.stdin.flush()

    def stop(self) -> None:
        try:
            self.send("stop")
            self.proc.wait(15)
        except Exception:
            self.proc.kill()
            self.proc.wait(10)


@pytest.fixture
def desk():
    d = Desktop(tray=True, notifications=False).start()
    yield d
    d.stop()


@pytest.fixture
def prefix(tmp_path):
    wine = WinePrefix(tmp_path)
    yield wine
    wine.close()


def docked_icon(desk: Desktop) -> dict:
    return wait_until(lambda: [i for i in desk.tray_icons() if i["width"] > 1 and i["height"] > 1], 30,
                      "the win32 icon docked in trayer")[0]


def new_windows(desk: Desktop, before: set[int], min_height: int) -> list[dict]:
    return [p for p in desk.mapped_popups() if p["id"] not in before and p["height"] >= min_height]


def shot(desk: Desktop, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return desk.screenshot(SHOTS / name)


def test_windows_tray_docks_opens_its_menu_sends_intents_and_its_balloon_starts_a_renewal(desk, prefix):
    tray = WindowsTray(prefix, desk, "fr")
    try:
        ready = tray.expect("ready", timeout=90)
        assert ready["backend"] == "win32" and ready["has_menu"], ready
        icon = docked_icon(desk)
        assert icon["width"] >= 16 and icon["height"] >= 16, icon
        tray.send(json.dumps(SNAPSHOT))
        tray.expect("updated")

        # Right click: the Win32 popup menu opens beside the icon.
        before = {p["id"] for p in desk.mapped_popups()}
        desk.xdotool("mousemove", str(icon["x"] + icon["width"] // 2), str(icon["y"] + icon["height"] // 2),
                     "click", "3")
        menu = wait_until(lambda: new_windows(desk, before, 100), 20, "the tray menu to be mapped")[0]
        time.sleep(0.5)
        shot(desk, "windows-tray-menu.png")
        assert menu["width"] >= 120 and menu["height"] >= 150, menu
        # The last entry is "Quitter", at the menu's bottom edge: click it.
        desk.xdotool("mousemove", str(menu["x"] + menu["width"] // 2), str(menu["y"] + menu["height"] - 9))
        time.sleep(0.3)
        desk.xdotool("click", "1")
        assert tray.expect("intent") == {"intent": "quit", "keystore": None}
        wait_until(lambda: not new_windows(desk, before, 100), 10, "the menu to close")

        # The reminder's balloon, then a click on it.
        before = {p["id"] for p in desk.mapped_popups()}
        tray.send("notify " + MARIE)
        assert tray.expect("notified") == {"notified": True}
        balloon = wait_until(lambda: new_windows(desk, before, 20), 20, "the balloon window")[0]
        time.sleep(0.5)
        shot(desk, "windows-tray-balloon.png")
        desk.xdotool("mousemove", str(balloon["x"] + balloon["width"] // 2),
                     str(balloon["y"] + balloon["height"] // 2), "click", "1")
        assert ready["hwnd"], ready
        for _ in range(2):  # the second click finds no pending balloon: no second renewal
            posted = prefix.python("-c", BALLOON_CLICK.format(hwnd=ready["hwnd"]), timeout=60)
            assert posted.returncode == 0 and posted.stdout.strip() == b"1", posted
        assert tray.expect("intent") == {"intent": "renew", "keystore": MARIE}
        time.sleep(1.0)
        tray.send(json.dumps(SNAPSHOT))
        assert "intent" not in tray.expect("updated")
        assert tray.messages.empty(), list(tray.messages.queue)
    finally:
        tray.stop()
