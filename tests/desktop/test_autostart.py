"""Start at login: the XDG file is created and removed (HOME and XDG_CONFIG_HOME are per test)."""
from __future__ import annotations

import configparser
import os
import plistlib
import shlex
import sys
from pathlib import Path

from ehwatch.desktop import autostart
from tests.support.tools import run_cli


def autostart_file() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / "ehwatch.desktop"


def test_enable_status_disable_through_the_cli():
    assert run_cli("autostart", "status").returncode == 1
    enabled = run_cli("autostart", "enable", check=True)
    path = autostart_file()
    assert str(path) in enabled.stdout
    entry = configparser.ConfigParser(interpolation=None, strict=False)
    entry.optionxform = str
    entry.read(path, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["X-GNOME-Autostart-enabled"] == "true"
    # it starts the launcher in ~/.local/bin, which starts this installation: a place that does not move
    launcher = Path(os.environ["HOME"]) / ".local" / "bin" / "ehwatch"
    assert shlex.split(desktop["Exec"]) == [str(launcher), "run"]
    assert f"exec {sys.executable} -m ehwatch" in launcher.read_text()
    assert desktop["Comment[fr]"] and desktop["Comment[de]"] and "verloopt" in desktop["Comment[nl]"]

    status = run_cli("autostart", "status", check=True)
    assert "starts at login" in status.stdout
    run_cli("autostart", "enable", check=True)              # twice: still one file, refreshed
    assert [p.name for p in path.parent.iterdir()] == ["ehwatch.desktop"]

    disabled = run_cli("autostart", "disable", check=True)
    assert "no longer" in disabled.stdout and not path.exists()
    assert "not set" in run_cli("autostart", "disable", check=True).stdout
    assert run_cli("autostart", "status").returncode == 1


def test_the_started_command_runs(tmp_path):
    """The Exec line of the autostart file is a command that really starts ehwatch."""
    import subprocess

    autostart.enable()
    command = autostart.enabled_command()
    proc = subprocess.run(command[:-1] + ["--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("ehwatch ")


def test_a_user_disabled_entry_counts_as_off():
    autostart.enable()
    path = autostart_file()
    path.write_text(path.read_text().replace("X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false"))
    assert not autostart.is_enabled()
    assert autostart.toggle() is True and autostart.is_enabled()
    assert autostart.toggle() is False and not path.exists()


def test_paths_with_spaces_are_quoted():
    autostart.enable(["/opt/my apps/ehwatch", "run"])
    assert 'Exec="/opt/my apps/ehwatch" run' in autostart_file().read_text()
    assert autostart.enabled_command() == ["/opt/my apps/ehwatch", "run"]


def test_macos_launch_agent(isolated_home):
    where = autostart.enable(["/Applications/ehwatch.app/Contents/MacOS/ehwatch", "run"], platform="macos")
    path = isolated_home / "Library" / "LaunchAgents" / "be.ehwatch.daemon.plist"
    assert where == str(path)
    with open(path, "rb") as fh:
        plist = plistlib.load(fh)
    assert plist["RunAtLoad"] is True and plist["Label"] == "be.ehwatch.daemon"
    assert plist["ProgramArguments"][-1] == "run"
    assert autostart.is_enabled("macos")
    assert autostart.disable("macos") and not path.exists()
