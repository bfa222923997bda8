"""Fixtures of the tests that run INSIDE the Windows CPython (under Wine here, or on a real Windows).

They run on their own (pytest.ini here; the Linux suite's conftest files are not loaded): every test
gets its own ehwatch home, and the keyring is the real Windows one (keyring's WinVaultKeyring, the
Credential Manager), not a plaintext file. The Linux-side driver
(tests/windows/test_windows_inside.py) hands over keystores and a mailbox in the JSON file named by
EHWATCH_WIN_FIXTURES.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

assert sys.platform == "win32", "these tests run inside a Windows Python (make test-windows)"


@pytest.fixture(scope="session")
def manifest() -> dict:
    path = os.environ.get("EHWATCH_WIN_FIXTURES")
    if not path:
        pytest.fail("EHWATCH_WIN_FIXTURES is not set: run these tests through make test-windows")
    return json.loads(Path(path).read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """A private ehwatch home and user home per test; the keyring stays the Windows Credential Manager.
    (Named like the Linux suite's fixture, which it stands for here.)"""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("EHWATCH_HOME", str(home / "ehwatch"))
    monkeypatch.setenv("EHWATCH_USER_HOME", str(home))
    monkeypatch.delenv("EHWATCH_CONFIG", raising=False)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "PYTHONIOENCODING", "PYTHONUTF8"):
        monkeypatch.delenv(name, raising=False)
    import keyring.core

    keyring.core._keyring_backend = None
    from ehwatch import i18n

    i18n._language = None
    yield home
    keyring.core._keyring_backend = None


@pytest.fixture
def keystore_dir(tmp_path, manifest):
    """copy(*windows_paths) → a folder holding copies of the driver's keystores."""
    folder = tmp_path / "keystore"
    folder.mkdir()

    def copy(*paths: str) -> Path:
        for path in paths:
            shutil.copyfile(path, folder / Path(path).name)  # copy2 calls CopyFile2: not in Wine 8
        return folder

    return copy
