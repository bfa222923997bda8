"""The Windows program as a doctor gets it: the Inno Setup installer (built by packaging/windows/
build-installer.sh: PyInstaller inside the Windows Python, ISCC under Wine) installed silently into a
fresh Wine prefix, started, asked for `status`, then uninstalled.

Wine 8 has no bcryptprimitives.dll (cryptography needs its ProcessPrng): there, and only there, the
test's prefix gets the shim in C:\\windows\\system32, where Windows itself has the real DLL. The
installed program never carries it.
"""
from __future__ import annotations

import shutil
import struct
import time
from pathlib import Path

import pytest

from tests.support.desktop import Desktop, wait_until
from tests.support.keystore_factory import make_ehealth_keystore
from tests.support.tools import need_tool
from tests.windows.wine import BUILD, RUN_KEY, WinePrefix, winpath

INSTALLER_DIR = BUILD / "installer"
UNINSTALL_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\{6E2B7C1A-4F0D-4B8E-9C52-3A1E0D7B5C21}_is1"


def pe_subsystem(exe: Path) -> int:
    """2 = Windows GUI (no console window), 3 = console (IMAGE_OPTIONAL_HEADER.Subsystem)."""
    data = exe.read_bytes()[:4096]
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    assert data[pe:pe + 4] == b"PE\0\0"
    return struct.unpack_from("<H", data, pe + 24 + 68)[0]


@pytest.fixture
def prefix(tmp_path):
    wine = WinePrefix(tmp_path)
    shim = BUILD / "python" / "bcryptprimitives.dll"
    if shim.exists():  # prepare.sh found this Wine without ProcessPrng
        shutil.copyfile(shim, wine.drive_c("windows", "system32", "bcryptprimitives.dll"))
    yield wine
    wine.close()


@pytest.mark.timeout(900)
def test_install_start_status_and_uninstall_leave_only_the_keystores(prefix, tmp_path):
    need_tool("keytool")
    installers = sorted(INSTALLER_DIR.glob("ehwatch-setup-*.exe"))
    assert installers, f"no installer in {INSTALLER_DIR}: make test-windows runs packaging/windows/build-installer.sh"
    home = prefix.drive_c("users", prefix.user)
    keystores = home / "ehealth" / "keystore"
    keystore = make_ehealth_keystore(keystores, password="Vertrouwelijk-7", days_valid=25)
    original = keystore.read_bytes()

    # Even a silent Inno Setup builds its (hidden) wizard window: it needs a display, as on Windows.
    desk = Desktop(tray=True, notifications=False).start()
    try:
        run_installed_program(prefix, desk, installers[-1], keystore, original, tmp_path)
    finally:
        desk.stop()


def run_installed_program(prefix, desk, installer, keystore, original, tmp_path):
    home = prefix.drive_c("users", prefix.user)
    keystores = keystore.parent
    local = home / "AppData" / "Local"
    app = local / "Programs" / "ehwatch"
    prefix.env["DISPLAY"] = desk.display
    started = time.monotonic()
    setup = prefix.run([str(installer), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/LANG=fr",
                        "/TASKS=startatlogin", f"/LOG={winpath(tmp_path / 'setup.log')}"], timeout=300)
    log = tmp_path / "setup.log"
    assert setup.returncode == 0, (setup, log.read_text("utf-8", "replace") if log.exists() else "no log")
    install_seconds = time.monotonic() - started
    print(f"silent install: {install_seconds:.1f} s")
    for name, subsystem in (("ehwatch.exe", 3), ("ehwatchw.exe", 2)):
        assert (app / name).is_file(), list(app.iterdir()) if app.exists() else "no app folder"
        assert pe_subsystem(app / name) == subsystem, name
    assert not list(app.rglob("bcryptprimitives.dll")), "the Wine shim was bundled"
    assert not list(app.rglob("python.exe"))
    # Brussels calendar days (issue 13): Windows has no zone database, the bundled tzdata package is it
    assert [p for p in app.rglob("Brussels") if p.parent.name == "Europe" and p.parent.parent.name == "zoneinfo"], \
        "tzdata's Europe/Brussels is not in the bundle"

    # Start at login: the installed windowed exe, never python.exe, never the console exe.
    value = prefix.reg_query(RUN_KEY, "ehwatch")
    expected = f'"C:\\users\\{prefix.user}\\AppData\\Local\\Programs\\ehwatch\\ehwatchw.exe" run'
    assert value is not None and value.lower() == expected.lower(), value
    # ehwatch itself agrees with what the installer wrote (the tray's check mark, `autostart status`).
    status = prefix.run([str(app / "ehwatch.exe"), "--lang", "fr", "autostart", "status"], timeout=120)
    assert status.returncode == 0, status
    assert b"ehwatchw.exe" in status.stdout, status.stdout

    # The console program: the keystore in C:\Users\<user>\ehealth\keystore, no password yet.
    cli = prefix.run([str(app / "ehwatch.exe"), "status", "--json"], timeout=180)
    assert cli.returncode == 1, cli
    assert keystore.name.encode() in cli.stdout and b'"locked"' in cli.stdout, cli.stdout
    assert b"no time zone database" not in cli.stdout + cli.stderr, cli.stderr
    german = prefix.run([str(app / "ehwatch.exe"), "--lang", "de", "status"], timeout=180)
    assert b"Passwort erforderlich" in german.stdout, german.stdout     # the compiled catalogues are bundled
    version = prefix.run([str(app / "ehwatch.exe"), "--version"], timeout=60)
    assert version.returncode == 0 and version.stdout.startswith(b"ehwatch "), version

    # The windowed daemon, as the login starts it: its icon docks in the X tray.
    daemon = prefix.start([str(app / "ehwatchw.exe"), "run"])
    wait_until(lambda: [i for i in desk.tray_icons() if i["width"] > 1], 90,
               "the installed ehwatchw.exe's icon in the tray")
    (BUILD / "screenshots").mkdir(parents=True, exist_ok=True)
    desk.screenshot(BUILD / "screenshots" / "windows-installed-daemon.png")
    assert daemon.poll() is None, daemon.stdout.read()
    assert (local / "ehwatch").is_dir()  # its state and log under %LOCALAPPDATA%\ehwatch

    # Uninstall (the uninstaller stops the running daemon itself). unins000.exe hands over to a copy
    # of itself in %TEMP% and returns at once: wait for the work, not for the process.
    uninstall = prefix.run([str(app / "unins000.exe"), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"],
                           timeout=300)
    assert uninstall.returncode == 0, uninstall
    wait_until(lambda: not (app / "ehwatch.exe").exists() and prefix.reg_query(RUN_KEY, "ehwatch") is None,
               120, "the uninstaller to remove the program and the Run value")
    wait_until(lambda: daemon.poll() is not None, 30, "the running ehwatchw.exe to be stopped")
    wait_until(lambda: not app.exists() and not (local / "ehwatch").exists(), 60,
               "the program folder and ehwatch's own files to be gone")
    assert prefix.reg_query(UNINSTALL_KEY, "DisplayName") is None
    start_menu = home / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    assert not list(start_menu.rglob("ehwatch*")), list(start_menu.rglob("ehwatch*"))
    assert [p.name for p in keystores.iterdir()] == [keystore.name]
    assert keystore.read_bytes() == original, "the user's keystore changed"
