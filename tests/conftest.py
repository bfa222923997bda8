"""The root of the tests: every test runs with its own ehwatch home, keyring file and HOME, and the
shared fixtures of tests/support are registered here, once (a test module never imports a fixture).

Nothing a test does touches the developer's real configuration, state or keyring.
"""
from __future__ import annotations

import pytest

from tests.support.tools import ROOT, SHARED, need_tool, run_cli  # noqa: F401  (older imports use this path)

pytest_plugins = [
    "tests.support.tiers",
    "tests.support.softhsm",
    "tests.support.sandbox_server",
    "tests.support.ehealth_answers",
    "tests.support.desktop",
    "tests.support.secret_service",
]


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
