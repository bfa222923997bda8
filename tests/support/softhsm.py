"""SoftHSM2 BELPIC tokens standing in for a Belgian eID card, shared by every test directory.

Two tokens are made once per test session (RSA 2048 and EC P-384, ~2 s together); each test that
uses one gets SOFTHSM2_CONF pointing at it. The fixtures are registered in tests/conftest.py; ask for one::

    def test_something(rsa_card):
        with Eid(rsa_card.module, pin_callback=lambda request: rsa_card.pin) as card: ...

SoftHSM2 reads SOFTHSM2_CONF when the module is loaded: keep every ``Eid`` inside a ``with`` block
(it unloads the module on exit) so the next test can load it again with another token. A test that
damages its token (deletes it, changes the PIN) takes a ``fresh_card`` of its own instead.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.tools import need_tool

SSIN = "75040404976"
HOLDER = "Anne-Marie Dé Smet"
SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"


def make_token(folder: Path, key_type: str = "rsa", ssin: str = SSIN, holder: str = HOLDER, pin: str = "1234"):
    """A BELPIC token under ``folder`` (a real SoftHSM2 token; the eID CA is made in ``folder`` too)."""
    need_tool(SOFTHSM_MODULE)
    from ehwatch.sandbox.token import create_belpic_token

    return create_belpic_token(Path(folder), ssin=ssin, holder=holder, key_type=key_type, pin=pin)


@pytest.fixture(scope="session")
def rsa_token(tmp_path_factory):
    return make_token(tmp_path_factory.mktemp("belpic-rsa"), "rsa")


@pytest.fixture(scope="session")
def ec_token(tmp_path_factory):
    return make_token(tmp_path_factory.mktemp("belpic-ec"), "ec")


@pytest.fixture
def rsa_card(rsa_token, monkeypatch):
    """The session's RSA card, with SOFTHSM2_CONF set for this test (and its child processes)."""
    for name, value in rsa_token.env.items():
        monkeypatch.setenv(name, value)
    return rsa_token


@pytest.fixture
def ec_card(ec_token, monkeypatch):
    for name, value in ec_token.env.items():
        monkeypatch.setenv(name, value)
    return ec_token


@pytest.fixture
def fresh_card(tmp_path, monkeypatch):
    """An RSA card of this test's own, free to be destroyed."""
    token = make_token(tmp_path / "belpic", "rsa")
    for name, value in token.env.items():
        monkeypatch.setenv(name, value)
    return token
