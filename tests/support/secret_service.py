"""A real Secret Service for keyring tests: gnome-keyring-daemon in a private D-Bus session."""
from __future__ import annotations

import os
import subprocess
import time

import pytest

from tests.support.tools import need_tool


def _wait_for_bus_name(env, name: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        proc = subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                               "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
                              capture_output=True, text=True, env=env, timeout=10)
        if "boolean true" in proc.stdout:
            return
        time.sleep(0.1)
    raise AssertionError(f"{name} did not appear on the session bus")


@pytest.fixture
def secret_service(tmp_path):
    """A private D-Bus session with gnome-keyring-daemon serving org.freedesktop.secrets; both stopped after."""
    dbus_daemon = need_tool("dbus-daemon")
    gnome_keyring = need_tool("gnome-keyring-daemon")
    need_tool("dbus-send")
    base = tmp_path / "desktop"
    (base / "run").mkdir(parents=True)
    (base / "data").mkdir()
    os.chmod(base / "run", 0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(base / "run"), XDG_DATA_HOME=str(base / "data"))
    env.pop("PYTHON_KEYRING_BACKEND", None)
    bus = subprocess.Popen([dbus_daemon, "--session", "--nofork", "--nopidfile", "--print-address=1",
                            f"--address=unix:path={base / 'run' / 'bus'}"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True, env=env)
    keyring_daemon = None
    try:
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        keyring_daemon = subprocess.Popen([gnome_keyring, "--foreground", "--unlock", "--components=secrets"],
                                          stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL, env=env)
        keyring_daemon.stdin.write(b"login-keyring-pw")
        keyring_daemon.stdin.close()
        _wait_for_bus_name(env, "org.freedesktop.secrets")
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.SecretService.Keyring"
        yield env
    finally:
        for proc in (keyring_daemon, bus):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
