"""The PyInstaller one-folder bundle builds (``make bundle``) and the built program works."""
from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.keystore_factory import cached_ehealth_keystore
from tests.support.tools import ROOT, need_tool


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """Built once for the module, without the GTK tray: the GTK libraries double the build time
    (about 1 min 45 s instead of 1 min here) and add nothing that --version or status would use."""
    need_tool("make")
    out = tmp_path_factory.mktemp("bundle")
    started = time.monotonic()
    proc = subprocess.run(["make", "-o", "venv", "bundle", "BUNDLE_GTK=0", f"BUNDLE_DIR={out}"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    program = out / "dist" / "ehwatch" / "ehwatch"
    assert program.is_file() and os.access(program, os.X_OK)
    print(f"bundle built in {time.monotonic() - started:.0f} s")
    return program


def run_bundled(program, *args, env=None, input=None):
    return subprocess.run([str(program), *args], capture_output=True, text=True, timeout=60, input=input,
                          env=env or dict(os.environ))


@pytest.mark.slow
def test_bundled_program_prints_its_version(bundle):
    proc = run_bundled(bundle, "--version")
    assert proc.returncode == 0 and proc.stdout.strip() == "ehwatch 0.1.0"


@pytest.mark.slow
def test_bundled_program_reads_a_real_keystore(bundle, tmp_path, secret_service):
    """As on a user's desktop: the bundled keyring finds the Secret Service (gnome-keyring) by itself,
    ``password set`` stores the password there, ``status`` opens the keytool-made PKCS#12 with it."""
    env = dict(secret_service)
    env.pop("PYTHON_KEYRING_BACKEND")
    keystore = cached_ehealth_keystore(tmp_path / "keystore", holder="MARIE DUBOIS", days_valid=20,
                                       password="ehealth-test")
    stored = run_bundled(bundle, "password", "set", str(keystore), env=env, input="ehealth-test\n")
    assert stored.returncode == 0, stored.stdout + stored.stderr
    proc = run_bundled(bundle, "--lang", "fr", "status", "--keystore-dir", str(keystore.parent), env=env)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "MARIE DUBOIS" in proc.stdout, proc.stdout + proc.stderr
    assert "Titulaire" in proc.stdout and "expire bientôt" in proc.stdout   # the compiled catalogues are bundled
    assert "20" in proc.stdout


@pytest.mark.slow
def test_bundled_program_scans_many_keystores_in_worker_processes(bundle, tmp_path, secret_service):
    """From 6 keystores on, the scan decrypts in spawned worker processes: frozen, each worker is the
    bundled program itself (freeze_support in frozen_main.py), which must not start a second ehwatch."""
    from tests.support.keystore_factory import make_ehealth_keystore

    env = dict(secret_service)
    env.pop("PYTHON_KEYRING_BACKEND")
    folder = tmp_path / "keystore"
    for n in range(7):
        keystore = make_ehealth_keystore(folder, identifier=f"SSIN={75040404976 + 101 * n:011d}",
                                         holder=f"DOCTOR {n}", days_valid=100 + n, password="pw-test", etk_count=0)
        assert run_bundled(bundle, "password", "set", str(keystore), env=env, input="pw-test\n").returncode == 0
    proc = run_bundled(bundle, "status", "--keystore-dir", str(folder), env=env)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert all(f"DOCTOR {n}" in proc.stdout for n in range(7)), proc.stdout + proc.stderr
    log = (Path(os.environ["EHWATCH_HOME"]) / "log" / "ehwatch.log").read_text()
    assert "parallel scan unavailable" not in log                # the workers ran, no fallback


@pytest.mark.slow
def test_bundled_program_manages_autostart_with_itself(bundle):
    proc = run_bundled(bundle, "autostart", "enable")
    assert proc.returncode == 0, proc.stderr
    status = run_bundled(bundle, "autostart", "status")
    assert f"{bundle} run" in status.stdout


@pytest.mark.slow
def test_bundled_program_hosts_the_dialogs(bundle):
    """The daemon's dialogs are children of the bundled program (Tk is bundled): one opens on a
    display and Escape cancels it."""
    import json

    from tests.support.desktop import Desktop, wait_until

    with Desktop(tray=False, notifications=False) as desk:
        env = desk.child_env()
        env["EHWATCH_DIALOG_CHILD"] = "1"
        child = subprocess.Popen([str(bundle)], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        try:
            child.stdin.write(json.dumps({"dialog": "confirm", "lang": "nl",
                                          "params": {"title": "Vernieuwen?", "text": "SSIN=75040404976"}}))
            child.stdin.close()
            wait_until(lambda: desk.run("xdotool", "search", "--onlyvisible", "--classname", "ehwatch",
                                        check=False).stdout.strip(), 30, "the bundled dialog")
            root = str(desk.x().screen().root.id)
            wait_until(lambda: desk.run("xdotool", "getwindowfocus", check=False).stdout.strip()
                       not in ("", "1", root), 10, "the dialog to take the focus")
            desk.xdotool("key", "Escape")
            child.wait(timeout=20)
            out, err = child.stdout.read(), child.stderr.read()
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stdout.close()
            child.stderr.close()
    assert child.returncode == 0, err
    assert json.loads(out.strip().splitlines()[-1]).get("cancelled") is True
