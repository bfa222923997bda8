"""``ehwatch password set/forget``: checked before stored; the file keyring, then a real Secret Service
(gnome-keyring-daemon in a private D-Bus session started by the test)."""
from __future__ import annotations

import json
import os
import subprocess

from ehwatch import paths
from tests.support.keystores import PASSWORD, place
from tests.support.tools import run_cli


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
