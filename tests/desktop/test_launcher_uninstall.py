"""Set-up and removal (issue 13, point 13): ``ehwatch`` becomes a command in ``~/.local/bin`` that a
shell runs; start at login points at it; ``ehwatch uninstall`` removes both and, only when asked, the
settings, state, log and keyring entries — never a keystore. Each test has its own HOME (conftest)."""
from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from ehwatch import secrets
from ehwatch.desktop import autostart, launcher
from tests.support.keystores import PASSWORD, place
from tests.support.tools import ROOT, run_cli


def home() -> Path:
    return Path(os.environ["HOME"])


def shell(command: str, **env: str) -> subprocess.CompletedProcess:
    """``command`` in a login-like shell whose PATH has ~/.local/bin and nothing of this venv."""
    path = f"{home() / '.local' / 'bin'}:/usr/bin:/bin"
    return subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PATH": path, **env}, cwd=home())


def test_the_launcher_is_a_command_a_shell_finds_and_runs():
    assert shell("command -v ehwatch").returncode != 0             # before: not a command
    where = launcher.install()
    assert where == home() / ".local" / "bin" / "ehwatch" and os.access(where, os.X_OK)
    found = shell("command -v ehwatch")
    assert found.stdout.strip() == str(where)
    version = shell("ehwatch --version")
    assert version.returncode == 0 and version.stdout.startswith("ehwatch "), version.stderr
    help_nl = shell("ehwatch --help", LANG="nl_BE.UTF-8", LC_ALL="")
    assert "gebruik:" in help_nl.stdout and "vernieuwen" in help_nl.stdout
    assert launcher.current() and launcher.target() == sys.executable
    launcher.install()                                              # twice: refreshed, still one file
    assert sorted(p.name for p in where.parent.iterdir()) == ["ehwatch"]


def test_another_programs_ehwatch_is_never_replaced_nor_removed():
    where = home() / ".local" / "bin" / "ehwatch"
    where.parent.mkdir(parents=True)
    where.write_text("#!/bin/sh\necho someone else's\n")
    proc = run_cli("autostart", "enable")                           # start at login still works, directly
    assert proc.returncode == 0
    assert where.read_text() == "#!/bin/sh\necho someone else's\n"
    assert autostart.enabled_command()[0] == sys.executable
    removed = run_cli("uninstall", "--yes")
    assert removed.returncode == 0 and where.exists() and not autostart.is_enabled()


def test_start_at_login_starts_the_launcher_which_survives_a_move():
    run_cli("autostart", "enable", check=True)
    command = autostart.enabled_command()
    assert command == [str(home() / ".local" / "bin" / "ehwatch"), "run"]
    started = subprocess.run(command[:-1] + ["--version"], capture_output=True, text=True, timeout=60)
    assert started.returncode == 0 and started.stdout.startswith("ehwatch ")


def test_uninstall_removes_autostart_and_launcher_and_keeps_the_rest_unless_asked(tmp_path):
    keystores = tmp_path / "keystores"
    placed = place(keystores, "valid", "expiring")
    before = {p.name: p.read_bytes() for p in keystores.iterdir()}
    config = home() / "config.toml"
    config.write_text(f'keystore_dirs = ["{keystores}"]\n')
    os.environ["EHWATCH_CONFIG"] = str(config)
    try:
        for path in placed.values():
            secrets.set_keystore_password(path, PASSWORD)
        assert run_cli("status").returncode == 1                     # fills the state (scan cache)
        state = Path(os.environ["EHWATCH_HOME"]) / "data"
        assert (state / "state.sqlite3").exists()
        run_cli("autostart", "enable", check=True)
        assert launcher.path().exists() and autostart.is_enabled()

        kept = run_cli("--lang", "fr", "uninstall")                 # no terminal, no --purge: nothing else goes
        assert kept.returncode == 0, kept.stderr
        assert "Démarrage à l'ouverture de session retiré" in kept.stdout and "Commande ehwatch retirée" in kept.stdout
        assert not launcher.path().exists() and not autostart.is_enabled()
        assert (state / "state.sqlite3").exists() and config.exists()
        assert all(secrets.keystore_password(p) == PASSWORD for p in placed.values())

        purged = run_cli("--lang", "nl", "uninstall", "--purge", "--yes")
        assert purged.returncode == 0, purged.stderr
        assert "2 wachtwoorden uit de sleutelhanger verwijderd" in purged.stdout
        assert all(secrets.keystore_password(p) is None for p in placed.values())
        assert not state.exists() and not config.exists()
        assert {p.name: p.read_bytes() for p in keystores.iterdir()} == before    # keystores untouched
    finally:
        del os.environ["EHWATCH_CONFIG"]


def test_purge_keeps_a_keystore_someone_put_in_ehwatchs_folder(tmp_path):
    state = Path(os.environ["EHWATCH_HOME"]) / "data"
    placed = place(state / "odd", "valid")
    proc = run_cli("uninstall", "--purge", "--yes")
    assert proc.returncode == 0
    (path,) = placed.values()
    assert path.exists() and str(path) in proc.stdout


def test_make_install_user_and_make_uninstall(tmp_path):
    """The Makefile targets the README names, in a throw-away HOME, with this venv."""
    env = {**os.environ, "HOME": str(home()), "MAKEFLAGS": ""}
    venv = Path(sys.executable).parent.parent
    proc = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "install-user", f"VENV={venv}"],
                          capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    where = home() / ".local" / "bin" / "ehwatch"
    assert launcher.is_ours(where) and autostart.is_enabled()
    assert shlex.split(shell("cat ~/.local/bin/ehwatch").stdout.splitlines()[-1])[1] == sys.executable
    assert shell("ehwatch --version").returncode == 0
    proc = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "uninstall", f"VENV={venv}"],
                          capture_output=True, text=True, timeout=300, env=env, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not where.exists() and not autostart.is_enabled()


def test_purge_never_deletes_a_renewal_under_way(tmp_path):
    """The state and the new keystore's password finish a renewal waiting for eHealth: --purge refuses,
    deletes nothing, and says how to go on."""
    from ehwatch.renewal.lifecycle import Lifecycles, State
    from ehwatch.store import Store

    keystores = tmp_path / "keystores"
    placed = place(keystores, "expiring")
    (old,) = placed.values()
    secrets.set_keystore_password(old, PASSWORD)
    store = Store()
    Lifecycles(store).create(old_keystore=old, identifier="SSIN=75040404976", environment="production",
                             state=State.REQUESTED)
    store.close()
    state = Path(os.environ["EHWATCH_HOME"]) / "data" / "state.sqlite3"
    proc = run_cli("--lang", "fr", "uninstall", "--purge", "--yes")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "1 renouvellement n'est pas terminé" in proc.stdout and "Rien n'a été supprimé" in proc.stdout
    assert state.exists() and secrets.keystore_password(old) == PASSWORD
