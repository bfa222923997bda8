"""Shared fixtures: every test runs with its own ehwatch home, keyring file and HOME.

Nothing a test does touches the developer's real configuration, state or keyring.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("EHWATCH_HOME", str(home / ".ehwatch"))
    monkeypatch.setenv("EHWATCH_USER_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("EHWATCH_CONFIG", raising=False)
    import keyring.core

    keyring.core._keyring_backend = None  # re-read PYTHON_KEYRING_BACKEND for this test
    from ehwatch import i18n

    i18n._language = None
    yield home
    keyring.core._keyring_backend = None


def run_cli(*args: str, input: str | None = None, env: dict | None = None, check: bool = False,
            timeout: float = 120) -> subprocess.CompletedProcess:
    """Runs ``ehwatch`` as a user would, in a child process, with the test's environment."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    proc = subprocess.run([sys.executable, "-m", "ehwatch", *args], input=input, capture_output=True,
                          text=True, env=full_env, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"ehwatch {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


def need_tool(name: str) -> str:
    """The path of a system tool the tests drive for real. In CI a missing tool is a failure, not a skip."""
    path = shutil.which(name) or (name if os.path.exists(name) else None)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{name} is required in CI (make test installs it)")
    pytest.skip(f"{name} is not installed (run make test as root to install it)")
