"""Start at login: the one place that knows how each OS starts a program with the session.

Linux and macOS start the launcher ``~/.local/bin/ehwatch`` (``launcher.py``), written when start at
login is enabled, so the entry survives the installation moving (the launcher is rewritten instead).
Linux: an XDG autostart ``.desktop`` file in ``$XDG_CONFIG_HOME/autostart`` (every desktop that
follows the XDG spec honours it; ``ehwatch-user.service`` in this folder is offered for systemd
users who prefer a unit). Windows: the ``ehwatch`` value under
``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`` (what the Inno Setup task writes too).
macOS: a LaunchAgent plist in ``~/Library/LaunchAgents`` from the ``ehwatch.plist`` template.
The CLI (``ehwatch autostart``), the tray's "Start at login" and ``ehwatch doctor`` all use it.
"""
from __future__ import annotations

import logging
import os
import plistlib
import shlex
import sys
from pathlib import Path

from ehwatch import fileutil, paths
from ehwatch.errors import EhwatchError

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
VALUE_NAME = "ehwatch"
LAUNCH_AGENT_LABEL = "be.ehwatch.daemon"


def current_platform() -> str:
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


def launch_command() -> list[str]:
    """What starts the daemon at login. Never a console window on Windows: frozen (PyInstaller), the
    windowed ``ehwatchw.exe`` beside the console ``ehwatch.exe``; from a Python install, ``pythonw.exe``
    beside ``python.exe`` (``python.exe -m ehwatch run`` would open a console at every login)."""
    windows = current_platform() == "windows"
    if getattr(sys, "frozen", False):
        if windows:
            windowless = Path(sys.executable).with_name("ehwatchw.exe")
            if windowless.exists():
                return [str(windowless), "run"]
            log.warning("ehwatchw.exe is missing beside %s: start at login will open a console", sys.executable)
        return [sys.executable, "run"]
    if windows:
        pythonw = Path(sys.executable).with_name("pythonw.exe")
        if pythonw.exists():
            return [str(pythonw), "-m", "ehwatch", "run"]
        log.warning("pythonw.exe is missing beside %s: start at login will open a console", sys.executable)
        return [sys.executable, "-m", "ehwatch", "run"]
    from ehwatch.desktop import launcher

    if launcher.current():   # ~/.local/bin/ehwatch: a place that stays when the installation moves
        return [str(launcher.path()), "run"]
    return [sys.executable, "-m", "ehwatch", "run"]


def split_windows_command(line: str) -> list[str]:
    """A command line split as Windows splits it for a program (CommandLineToArgvW's rules)."""
    if current_platform() == "windows":
        import ctypes
        from ctypes import wintypes

        shell32 = ctypes.WinDLL("shell32", use_last_error=True)
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        shell32.CommandLineToArgvW.argtypes = [wintypes.LPCWSTR, ctypes.POINTER(ctypes.c_int)]
        shell32.CommandLineToArgvW.restype = ctypes.POINTER(wintypes.LPWSTR)
        kernel32.LocalFree.argtypes = [wintypes.HLOCAL]
        count = ctypes.c_int(0)
        argv = shell32.CommandLineToArgvW(line, ctypes.byref(count))
        if argv:
            try:
                return [argv[i] for i in range(count.value)]
            finally:
                kernel32.LocalFree(ctypes.cast(argv, ctypes.c_void_p))
    # Elsewhere (tests, doctor on another OS): the common rules: quotes group, backslashes are plain.
    parts, current, quoted, pending = [], "", False, False
    for char in line:
        if char == '"':
            quoted, pending = not quoted, True
        elif char in " \t" and not quoted:
            if current or pending:
                parts.append(current)
            current, pending = "", False
        else:
            current += char
    if current or pending:
        parts.append(current)
    return parts


def _xdg_autostart_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(paths.user_home() / ".config")
    return Path(base) / "autostart" / "ehwatch.desktop"


def _launch_agent_file() -> Path:
    return paths.user_home() / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"


def location(platform: str | None = None) -> str:
    """Where the setting lives, for messages: a file path or the registry key."""
    platform = platform or current_platform()
    if platform == "windows":
        return "HKEY_CURRENT_USER\\" + RUN_KEY + "\\" + VALUE_NAME
    return str(_launch_agent_file() if platform == "macos" else _xdg_autostart_file())


def desktop_entry(command: list[str]) -> str:
    """The autostart file: the packaged ``ehwatch.desktop`` with Exec set to ``command``."""
    lines = []
    for line in (HERE / "ehwatch.desktop").read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + " ".join(_desktop_quote(arg) for arg in command)
        lines.append(line)
    lines.append("X-GNOME-Autostart-enabled=true")
    return "\n".join(lines) + "\n"


def _desktop_quote(arg: str) -> str:
    """Exec quoting of the Desktop Entry spec: double quotes, with \\ " ` $ escaped."""
    if arg and not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`'):
        return arg
    return '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'


def launch_agent(command: list[str]) -> bytes:
    """The LaunchAgent plist: the packaged template with ProgramArguments set to ``command``."""
    with open(HERE / "ehwatch.plist", "rb") as fh:
        plist = plistlib.load(fh)
    plist["Label"] = LAUNCH_AGENT_LABEL
    plist["ProgramArguments"] = list(command)
    return plistlib.dumps(plist)


def _write_own(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fileutil.write_new_file(path, data, mode=0o644)
    except FileExistsError:  # ours from an earlier enable: refresh the command it holds
        fileutil.replace_own_file(path, data, mode=0o644)


def enable(command: list[str] | None = None, platform: str | None = None) -> str:
    """Makes the daemon start with the session; returns ``location()``."""
    platform = platform or current_platform()
    if command is None and platform != "windows" and not getattr(sys, "frozen", False):
        _install_launcher()
    command = command or launch_command()
    try:
        if platform == "windows":
            import subprocess
            import winreg

            with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.SetValueEx(key, VALUE_NAME, 0, winreg.REG_SZ, subprocess.list2cmdline(command))
        elif platform == "macos":
            _write_own(_launch_agent_file(), launch_agent(command))
        else:
            _write_own(_xdg_autostart_file(), desktop_entry(command).encode("utf-8"))
    except OSError as exc:
        raise EhwatchError("autostart.failed", where=location(platform), detail=exc.strerror or str(exc)) from None
    return location(platform)


def _install_launcher() -> None:
    """Start at login starts the launcher in ~/.local/bin (written or refreshed now), not a path inside
    the installation; an ``ehwatch`` there that is not ours is left alone (then the direct command)."""
    from ehwatch.desktop import launcher

    try:
        launcher.install()
    except EhwatchError as exc:
        log.warning("start at login without the launcher: %s", exc)


def disable(platform: str | None = None) -> bool:
    """Stops starting with the session; True if it was enabled."""
    platform = platform or current_platform()
    try:
        if platform == "windows":
            import winreg

            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                    winreg.DeleteValue(key, VALUE_NAME)
                return True
            except FileNotFoundError:
                return False
        path = _launch_agent_file() if platform == "macos" else _xdg_autostart_file()
        try:
            path.unlink()
            return True
        except FileNotFoundError:
            return False
    except OSError as exc:
        raise EhwatchError("autostart.failed", where=location(platform), detail=exc.strerror or str(exc)) from None


def enabled_command(platform: str | None = None) -> list[str] | None:
    """The command that starts at login, or None when autostart is off (or disabled by the user)."""
    platform = platform or current_platform()
    if platform == "windows":
        try:
            import winreg

            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, _ = winreg.QueryValueEx(key, VALUE_NAME)
            return split_windows_command(str(value)) or None
        except (ImportError, OSError):
            return None
    if platform == "macos":
        try:
            with open(_launch_agent_file(), "rb") as fh:
                plist = plistlib.load(fh)
        except (OSError, plistlib.InvalidFileException):
            return None
        return None if plist.get("Disabled") else list(plist.get("ProgramArguments", []))
    try:
        text = _xdg_autostart_file().read_text(encoding="utf-8")
    except OSError:
        return None
    entry = dict(line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#"))
    if entry.get("Hidden", "").lower() == "true" or entry.get("X-GNOME-Autostart-enabled", "true").lower() == "false":
        return None
    return shlex.split(entry.get("Exec", ""))


def is_enabled(platform: str | None = None) -> bool:
    return enabled_command(platform) is not None


def toggle(platform: str | None = None) -> bool:
    """The tray's "Start at login" check mark; returns the new state."""
    if is_enabled(platform):
        disable(platform)
        return False
    enable(platform=platform)
    return True
