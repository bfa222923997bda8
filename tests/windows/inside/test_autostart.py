"""Start at login on Windows: the ehwatch value under HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run."""
from __future__ import annotations

import subprocess
import sys
import winreg
from pathlib import Path

from winhelpers import run_ehwatch

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


def run_value() -> str | None:
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            return winreg.QueryValueEx(key, "ehwatch")[0]
    except FileNotFoundError:
        return None


def reg_exe_query() -> str:
    """What Windows' own reg.exe reads back (a separate program, not our winreg calls)."""
    proc = subprocess.run(["reg", "query", "HKCU\\" + RUN_KEY, "/v", "ehwatch"], capture_output=True, timeout=60)
    return proc.stdout.decode("mbcs", "replace") if proc.returncode == 0 else ""


def test_launch_command_is_the_windowless_python():
    """No console window at every login: pythonw.exe -m ehwatch run, from this Python's folder."""
    from ehwatch.desktop import autostart

    command = autostart.launch_command()
    assert Path(command[0]) == Path(sys.executable).with_name("pythonw.exe")
    assert command[1:] == ["-m", "ehwatch", "run"]


def test_enable_status_disable_through_the_cli():
    try:
        assert run_value() is None
        off = run_ehwatch("--lang", "nl", "autostart", "status")
        assert off.returncode == 1 and "niet" in off.stdout.decode("utf-8", "replace") + off.stdout.decode("cp1252")
        enabled = run_ehwatch("autostart", "enable")
        assert enabled.returncode == 0, enabled
        value = run_value()
        assert value is not None
        assert subprocess.list2cmdline([str(Path(sys.executable).with_name("pythonw.exe")), "-m", "ehwatch",
                                        "run"]) == value
        assert "pythonw.exe" in reg_exe_query()
        assert "HKEY_CURRENT_USER" in enabled.stdout.decode("ascii", "replace")
        status = run_ehwatch("autostart", "status")
        assert status.returncode == 0 and b"pythonw.exe" in status.stdout
        again = run_ehwatch("autostart", "enable")  # idempotent: still one value, same command
        assert again.returncode == 0 and run_value() == value
        disabled = run_ehwatch("autostart", "disable")
        assert disabled.returncode == 0 and run_value() is None
        assert "ehwatch" not in reg_exe_query()
        twice = run_ehwatch("autostart", "disable")
        assert twice.returncode == 0 and b"nothing to do" in twice.stdout
    finally:
        from ehwatch.desktop import autostart

        autostart.disable()


def test_tray_toggle_flips_the_run_value():
    from ehwatch.desktop import autostart

    try:
        assert autostart.toggle() is True and run_value() is not None
        assert autostart.is_enabled()
        assert autostart.toggle() is False and run_value() is None
    finally:
        autostart.disable()


def test_the_command_survives_a_folder_with_spaces():
    """C:\\Users\\Dr Jan Peeters\\...: the Run value quotes the program so Windows starts the right file."""
    from ehwatch.desktop import autostart

    program = r"C:\Users\Dr Jan Peeters\AppData\Local\Programs\ehwatch\ehwatchw.exe"
    try:
        autostart.enable([program, "run"])
        assert run_value() == f'"{program}" run'
        assert autostart.enabled_command() == [program, "run"]
    finally:
        autostart.disable()
