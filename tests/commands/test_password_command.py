"""``ehwatch password set/forget``: checked before stored; the file keyring, then a real Secret Service
(gnome-keyring-daemon in a private D-Bus session started by the test)."""
from __future__ import annotations

import json
import os
import subprocess
import time

import pytest

from ehwatch import paths
from tests.conftest import need_tool, run_cli
from tests.monitor.fixtures import PASSWORD, place


def _status(folder, env=None) -> dict:
    proc = run_cli("status", "--json", "--keystore-dir", str(folder), env=env)
    (record,) = json.loads(proc.stdout)["keystores"]
    return record


def _everything_written(home) -> bytes:
    data = b""
    for root, _, files in os.walk(home):
        for name in files:
            path = os.path.join(root, name)
            if "keyring" in path.lower() or name.endswith((".p12", ".acc-p12")):
                continue   # the keyring file is where the password belongs; the keystore is the user's
            with open(path, "rb") as fh:
                data += fh.read()
    return data


def test_set_checks_the_password_then_status_reads_the_keystore(tmp_path, isolated_home):
    path = place(tmp_path, "valid")["valid"]
    assert _status(tmp_path)["status"] == "locked"
    proc = run_cli("password", "set", str(path), input="not-it\n")
    assert proc.returncode == 2 and "does not open" in proc.stderr
    assert _status(tmp_path)["status"] == "locked"                   # nothing stored
    proc = run_cli("password", "set", str(path), input=PASSWORD + "\n")
    assert proc.returncode == 0, proc.stderr
    assert "now stored" in proc.stdout
    record = _status(tmp_path)
    assert record["status"] == "valid" and record["holder"] == "MARIE DUBOIS"
    # the secret is nowhere but in the keyring: not in the log, the state store, the config
    assert PASSWORD.encode() not in _everything_written(isolated_home)
    assert paths.state_db().exists()
    proc = run_cli("password", "forget", str(path))
    assert proc.returncode == 0 and "removed" in proc.stdout
    # the public facts of an unchanged file stay known (the warm scan never asks the keyring)
    assert _status(tmp_path)["status"] == "valid"
    proc = run_cli("password", "forget", str(path))
    assert "nothing to remove" in proc.stdout


def test_set_refuses_what_is_not_a_keystore(tmp_path):
    proc = run_cli("password", "set", str(tmp_path / "missing.p12"), input="x\n")
    assert proc.returncode == 2 and "does not exist" in proc.stderr
    junk = tmp_path / "junk.p12"
    junk.write_text("hello")
    proc = run_cli("password", "set", str(junk), input="x\n")
    assert proc.returncode == 2 and "not a readable eHealth keystore" in proc.stderr
    path = place(tmp_path, "valid")["valid"]
    proc = run_cli("password", "set", str(path), input="\n")
    assert proc.returncode == 1 and "No password was given" in proc.stderr


def test_a_password_changed_elsewhere_becomes_wrong_password(tmp_path):
    """The user changed the password in the Certificate Manager: the file is rewritten, the stored
    password no longer opens it."""
    from ehwatch.monitor import pkcs12

    path = place(tmp_path, "valid")["valid"]
    assert run_cli("password", "set", str(path), input=PASSWORD + "\n").returncode == 0
    assert _status(tmp_path)["status"] == "valid"
    content = pkcs12.read_keystore(path.read_bytes(), PASSWORD)
    path.write_bytes(pkcs12.write_keystore(content, "a-new-password"))
    record = _status(tmp_path)
    assert record["status"] == "wrong-password"
    assert "no longer opens" in record["problem"]


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


def test_real_secret_service(tmp_path, secret_service, isolated_home):
    path = place(tmp_path / "ks", "valid")["valid"]
    assert _status(tmp_path / "ks", env=secret_service)["status"] == "locked"
    proc = run_cli("password", "set", str(path), input=PASSWORD + "\n", env=secret_service)
    assert proc.returncode == 0, proc.stderr
    # stored in the Secret Service, under ehwatch's service name and the keystore's file name
    lookup = subprocess.run(
        [os.sys.executable, "-c", "import keyring, sys; print(keyring.get_password('ehwatch', sys.argv[1]))",
         "keystore:" + path.name], capture_output=True, text=True, env=secret_service, timeout=60)
    assert lookup.stdout.strip() == PASSWORD
    assert not any("keyring" in name.lower() and name.endswith(".cfg")
                   for _, _, files in os.walk(isolated_home) for name in files)   # no file keyring used
    record = _status(tmp_path / "ks", env=secret_service)
    assert record["status"] == "valid" and record["identifier"] == "SSIN=75040404976"
    assert run_cli("password", "forget", str(path), env=secret_service).returncode == 0
    lookup = subprocess.run(lookup.args, capture_output=True, text=True, env=secret_service, timeout=60)
    assert lookup.stdout.strip() == "None"
