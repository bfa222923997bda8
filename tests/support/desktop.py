"""A private desktop for tests: Xvfb, a D-Bus session bus, a tray host (trayer) and a notification
daemon (dunst), all started here and all stopped at the end (no leftover processes).

Every wait polls a real condition (the tray selection has an owner, the notification name is on the
bus) instead of sleeping: a fixed sleep docked icons at 1×1 once in ten runs on this machine.

Ask for the fixtures (registered in tests/conftest.py)::

    def test_something(desktop):
        desktop.env            # DISPLAY and DBUS_SESSION_BUS_ADDRESS, already set in os.environ
        desktop.tray_icons()   # windows docked in trayer
        desktop.notifications()  # what dunst has shown (dunstctl history)

``desktop_session`` lives for the test module (about one second to start); ``desktop`` applies its
environment to one test. ``Desktop(tray=False, notifications=False)`` gives a bare display and bus.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.support.tools import need_tool

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <!-- Only this (empty) folder: the system's service files would auto-start the real dunst. -->
  <servicedir>{folder}/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

DUNSTRC = """[global]
    monitor = 0
    follow = none
    width = 300
    height = 120
    origin = top-left
    offset = 10x60
    font = Monospace 9
    show_indicators = yes
    sticky_history = yes
    history_length = 50
    mouse_left_click = do_action, close_current
    # The context menu lists the actions through "dmenu": this script stands in for the user picking
    # the line that matches the pattern in {folder}/dmenu-choice (see Desktop.pick_notification_action).
    dmenu = {folder}/dmenu.sh
[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0
"""


DMENU_SCRIPT = """#!/bin/sh
cat > {folder}/dmenu-input
grep -m1 -F -f {folder}/dmenu-choice {folder}/dmenu-input
"""


def wait_until(condition, timeout: float, what: str, interval: float = 0.02):
    """Polls ``condition`` until it returns something truthy; fails the test with ``what`` otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


class Desktop:
    """The processes of one private desktop and the helpers tests use to look at it."""

    def __init__(self, tray: bool = True, notifications: bool = True, size: str = "1024x768"):
        self.want_tray, self.want_notifications, self.size = tray, notifications, size
        self.folder = Path(tempfile.mkdtemp(prefix="ehwatch-desktop-"))
        self.processes: list[subprocess.Popen] = []
        self.display = ""
        self.bus_address = ""
        self._xdisplay = None

    # -- start and stop ---------------------------------------------------------------------------
    @property
    def env(self) -> dict[str, str]:
        return {"DISPLAY": self.display, "DBUS_SESSION_BUS_ADDRESS": self.bus_address}

    def child_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(self.env)
        env.pop("WAYLAND_DISPLAY", None)
        env["XDG_CONFIG_HOME"] = str(self.folder / "config")
        env["XDG_RUNTIME_DIR"] = str(self.folder)
        env["NO_AT_BRIDGE"] = "1"  # GTK would look for the accessibility bus and wait for it
        return env

    def _spawn(self, argv: list[str], **kwargs) -> subprocess.Popen:
        kwargs.setdefault("stdout", subprocess.DEVNULL)
        with open(self.folder / f"{Path(argv[0]).name}.log", "ab") as log:
            kwargs.setdefault("stderr", log)
            proc = subprocess.Popen(argv, start_new_session=True, **kwargs)
        self.processes.append(proc)
        return proc

    def _read_line_from(self, read_fd: int, proc: subprocess.Popen, what: str, timeout: float = 10) -> str:
        """The first line a child writes on a pipe (Xvfb's display number, the bus address)."""
        os.set_blocking(read_fd, False)
        data = b""
        deadline = time.monotonic() + timeout
        while b"\n" not in data:
            if proc.poll() is not None:
                raise AssertionError(f"{what} exited with {proc.returncode} before it was ready")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            try:
                chunk = os.read(read_fd, 4096)
                if chunk:
                    data += chunk
                    continue
            except BlockingIOError:
                pass
            time.sleep(0.01)
        os.close(read_fd)
        return data.split(b"\n", 1)[0].decode().strip()

    def start(self) -> Desktop:
        try:
            self._start_x()
            self._start_bus()
            if self.want_tray:
                self._start_tray_host()
            if self.want_notifications:
                self._start_dunst()
        except BaseException:
            self.stop()
            raise
        return self

    def _start_x(self) -> None:
        xvfb = need_tool("Xvfb")
        read_fd, write_fd = os.pipe()
        proc = self._spawn([xvfb, "-displayfd", str(write_fd), "-screen", "0", f"{self.size}x24",
                            "-nolisten", "tcp", "-noreset"], pass_fds=(write_fd,))
        os.close(write_fd)
        self.display = ":" + self._read_line_from(read_fd, proc, "Xvfb")

    def _start_bus(self) -> None:
        dbus = need_tool("dbus-daemon")
        (self.folder / "services").mkdir()
        config = self.folder / "bus.conf"
        config.write_text(BUS_CONFIG.format(folder=self.folder))
        read_fd, write_fd = os.pipe()
        proc = self._spawn([dbus, f"--config-file={config}", "--nofork", f"--print-address={write_fd}"],
                           pass_fds=(write_fd,))
        os.close(write_fd)
        self.bus_address = self._read_line_from(read_fd, proc, "dbus-daemon")

    def _start_tray_host(self) -> None:
        trayer = need_tool("trayer")
        self._spawn([trayer, "--edge", "top", "--align", "right", "--widthtype", "pixel", "--width", "160",
                     "--height", "32", "--SetDockType", "true", "--transparent", "false", "--tint", "0x404040"],
                    env=self.child_env())
        wait_until(self.tray_selection_owner, 10, "trayer to own _NET_SYSTEM_TRAY_S0")

    def _start_dunst(self) -> None:
        dunst = need_tool("dunst")
        rc = self.folder / "dunstrc"
        rc.write_text(DUNSTRC.format(folder=self.folder))
        script = self.folder / "dmenu.sh"
        script.write_text(DMENU_SCRIPT.format(folder=self.folder))
        script.chmod(0o755)
        self._spawn([dunst, "-config", str(rc)], env=self.child_env())
        wait_until(lambda: self.bus_name_has_owner("org.freedesktop.Notifications"), 10,
                   "dunst to own org.freedesktop.Notifications")

    def stop(self) -> None:
        if self._xdisplay is not None:
            try:
                self._xdisplay.close()
            except Exception:
                pass
            self._xdisplay = None
        for proc in reversed(self.processes):
            stop_process(proc)
        self.processes.clear()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Desktop:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- looking at the desktop -------------------------------------------------------------------
    def x(self):
        """A python-xlib connection to this display (pystray already depends on python-xlib)."""
        if self._xdisplay is None:
            from Xlib import display

            self._xdisplay = display.Display(self.display)
        return self._xdisplay

    def tray_selection_owner(self) -> int:
        """The window that owns the system-tray selection, or 0 while no tray host runs."""
        d = self.x()
        owner = d.get_selection_owner(d.intern_atom("_NET_SYSTEM_TRAY_S0"))
        return 0 if owner in (0, None) else owner.id

    def bus_name_has_owner(self, name: str) -> bool:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection

        bus = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus",
                          interface="org.freedesktop.DBus")
        with open_dbus_connection(bus=self.bus_address) as conn:
            reply = conn.send_and_get_reply(new_method_call(bus, "NameHasOwner", "s", (name,)), timeout=5)
        return bool(reply.body[0])

    def tray_icons(self) -> list[dict]:
        """Windows docked in the tray host: ``{"id", "width", "height", "x", "y"}`` (root coordinates)."""
        d = self.x()
        icons = []
        for win in self._descendants(d.screen().root):
            try:
                info = win.get_property(d.intern_atom("_XEMBED_INFO"), 0, 0, 2)
            except Exception:
                continue
            if info is None:
                continue
            try:
                geo = win.get_geometry()
                attrs = win.get_attributes()
                pos = win.translate_coords(d.screen().root, 0, 0)
            except Exception:
                continue
            if attrs.map_state != 2:  # IsViewable: docked and shown
                continue
            icons.append({"id": win.id, "width": geo.width, "height": geo.height, "x": -pos.x, "y": -pos.y})
        return icons

    def _descendants(self, window):
        try:
            children = window.query_tree().children
        except Exception:
            return
        for child in children:
            yield child
            yield from self._descendants(child)

    def mapped_popups(self) -> list[dict]:
        """Mapped override-redirect windows (GTK menus, tooltips), biggest first."""
        d = self.x()
        found = []
        for win in d.screen().root.query_tree().children:
            try:
                attrs = win.get_attributes()
                geo = win.get_geometry()
            except Exception:
                continue
            if attrs.override_redirect and attrs.map_state == 2 and geo.width > 1 and geo.height > 1:
                found.append({"id": win.id, "width": geo.width, "height": geo.height, "x": geo.x, "y": geo.y})
        return sorted(found, key=lambda w: w["width"] * w["height"], reverse=True)

    def run(self, *argv: str, check: bool = True, timeout: float = 20) -> subprocess.CompletedProcess:
        """A desktop tool (xdotool, xwininfo, import, dunstctl) run against this display and bus."""
        tool = need_tool(argv[0])
        proc = subprocess.run([tool, *argv[1:]], env=self.child_env(), capture_output=True, text=True, errors="replace",
                              timeout=timeout)
        if check and proc.returncode != 0:
            raise AssertionError(f"{' '.join(argv)} exited {proc.returncode}: {proc.stderr.strip()}")
        return proc

    def xdotool(self, *args: str) -> str:
        return self.run("xdotool", *args).stdout

    def windows_titled(self, title: str, classname: str = "ehwatch") -> list[str]:
        """The visible windows of ``classname`` titled ``title``. Tk writes WM_NAME badly for accents;
        xdotool's getwindowname reads _NET_WM_NAME (UTF-8)."""
        found = self.run("xdotool", "search", "--onlyvisible", "--classname", classname, check=False)
        return [window for window in found.stdout.split()
                if self.run("xdotool", "getwindowname", window, check=False).stdout.rstrip("\n") == title]

    def window_titled(self, title: str, classname: str = "ehwatch") -> str | None:
        """The first of ``windows_titled``, or None."""
        return next(iter(self.windows_titled(title, classname)), None)

    def screenshot(self, path: Path, window: str = "root") -> Path:
        """A PNG of the screen (or of one window id) taken with ImageMagick's ``import``."""
        self.run("import", "-window", str(window), str(path))
        return path

    def notifications(self) -> list[dict]:
        """What dunst has displayed or still displays: ``{"id", "summary", "body", "appname", "icon_path"}``."""
        shown = []
        history = json.loads(self.run("dunstctl", "history").stdout or "{}")
        for group in history.get("data", []):
            for entry in group:
                shown.append({name: entry.get(name, {}).get("data") for name in
                              ("id", "summary", "body", "appname", "icon_path")})
        # Notifications still on screen are not in the history yet: close them into it first.
        if self.run("dunstctl", "count", "displayed").stdout.strip() not in ("", "0"):
            self.run("dunstctl", "close-all")
            return self.notifications()
        return shown


    def invoke_notification_default(self) -> None:
        """What a click on the newest notification does: dunst invokes its "default" action."""
        self.run("dunstctl", "action", "0")

    def pick_notification_action(self, label: str) -> str:
        """Opens dunst's context menu of the newest notification and picks the action shown as
        ``label`` (dunst then emits ActionInvoked with that action's key). Returns the menu dunst offered."""
        (self.folder / "dmenu-choice").write_text(label + "\n")
        (self.folder / "dmenu-input").unlink(missing_ok=True)
        self.run("dunstctl", "context")
        return wait_until(lambda: (self.folder / "dmenu-input").exists() and
                          (self.folder / "dmenu-input").read_text(), 10, "dunst's context menu")


def stop_process(proc: subprocess.Popen, timeout: float = 5) -> None:
    """SIGTERM to the child's process group, SIGKILL if it lingers; never leaves a zombie."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout)
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream:
            try:
                stream.close()
            except OSError:
                pass


@pytest.fixture(scope="module")
def desktop_session():
    """Xvfb + D-Bus + trayer + dunst for the whole test module."""
    with Desktop() as desk:
        yield desk


@pytest.fixture
def desktop(desktop_session, monkeypatch):
    """The module's desktop, with DISPLAY and DBUS_SESSION_BUS_ADDRESS set for this test."""
    for name, value in desktop_session.env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("NO_AT_BRIDGE", "1")
    if desktop_session.want_notifications:
        desktop_session.run("dunstctl", "close-all", check=False)
        desktop_session.run("dunstctl", "history-clear", check=False)
    return desktop_session
