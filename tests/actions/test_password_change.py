"""``ehwatch password change``: the original kept byte for byte as a dated backup, the new file under the
original's name (atomic), the keyring updated; a SIGKILL at each step leaves the old or the new file
under the name, never neither, and the next run finishes or forgets the change. Keystores made by
keytool; ehwatch run as a child process as a user would."""
from __future__ import annotations

import hashlib
import json
import subprocess

import pytest

from ehwatch import secrets
from ehwatch.monitor import names, pkcs12
from tests.support.keystore_factory import make_ehealth_keystore
from tests.support.tools import need_tool, run_cli

OLD, NEW = "old-keystore-1", "N3w-keystore!"
STEPS = ["password:backup-written", "password:pending-stored", "password:replaced", "password:keyring-updated"]


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _opens(path, password) -> bool:
    try:
        pkcs12.read_keystore(path.read_bytes(), password)
        return True
    except pkcs12.WrongPassword:
        return False


def _change(keystore, failpoint=None, answers=f"new_password={NEW}\n"):
    env = {"EHWATCH_FAILPOINT": failpoint} if failpoint else None
    return run_cli("password", "change", str(keystore), input=answers, env=env)


@pytest.fixture
def keystore(tmp_path):
    need_tool("keytool")
    path = make_ehealth_keystore(tmp_path, password=OLD, fmt="java17")
    secrets.set_keystore_password(path, OLD)
    return path


@pytest.mark.slow
def test_the_password_changes_and_the_original_is_kept(keystore):
    original = _sha(keystore)
    scheme = pkcs12.read_keystore(keystore.read_bytes(), OLD).scheme
    proc = _change(keystore)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    backups = [p for p in keystore.parent.iterdir() if names.is_backup_name(p.name)]
    assert len(backups) == 1 and _sha(backups[0]) == original and backups[0].name.startswith(keystore.name)
    assert _opens(keystore, NEW) and not _opens(keystore, OLD)
    assert pkcs12.read_keystore(keystore.read_bytes(), NEW).scheme == scheme
    assert secrets.keystore_password(keystore) == NEW
    listing = subprocess.run(["keytool", "-list", "-storetype", "PKCS12", "-keystore", str(keystore),
                              "-storepass", NEW], capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0 and "authentication" in listing.stdout.lower()
    status = json.loads(run_cli("status", "--json", "--keystore-dir", str(keystore.parent)).stdout)
    assert [k["path"] for k in status["keystores"]] == [str(keystore)]      # the backup is no keystore
    assert NEW not in proc.stdout + proc.stderr


@pytest.mark.slow
@pytest.mark.parametrize("step", STEPS)
def test_killed_at_each_step_never_neither(keystore, step):
    original = _sha(keystore)
    proc = _change(keystore, failpoint=step)
    assert proc.returncode == -9, f"{step} was never reached: {proc.stdout}{proc.stderr}"
    assert keystore.exists()                                   # never neither
    backups = [p for p in keystore.parent.iterdir() if names.is_backup_name(p.name)]
    assert len(backups) == 1 and _sha(backups[0]) == original
    replaced = step in ("password:replaced", "password:keyring-updated")
    assert _opens(keystore, NEW if replaced else OLD)
    # the next run finishes (or forgets) the change, whatever the user asks it then
    again = run_cli("password", "change", str(keystore.parent / "no-such.p12"), input="")
    assert again.returncode == 2
    assert secrets.keystore_password(keystore) == (NEW if replaced else OLD)
    assert secrets.pending_keystore_password(keystore) is None
    assert _opens(keystore, secrets.keystore_password(keystore))
