"""``ehwatch renew`` and ``ehwatch complete`` as a user runs them: the new keystore keeps the old one's
protection (legacy stays legacy for the readers that know only that, AES stays AES), and ``--trace``
writes every exchange with eHealth and nothing secret. SoftHSM eID, TLS sandbox, openssl, keytool."""
from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from ehwatch.monitor import pkcs12
from ehwatch.renewal import lifecycle as lc
from tests.support.renewal_world import NEW_PASSWORD, OLD_PASSWORD, PIN, SECRETS_INPUT, World, check_finished
from tests.support.tools import need_tool

RENEW = ("--yes", "--accept-conditions")


def _openssl_info(path: Path, password: str) -> str:
    need_tool("openssl")
    proc = subprocess.run(["openssl", "pkcs12", "-info", "-noout", "-legacy", "-in", str(path),
                           "-passin", f"pass:{password}"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout + proc.stderr


def _renew_and_complete(world: World, *extra: str):
    proc = world.cli("renew", str(world.old), *RENEW, *extra, input=SECRETS_INPUT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    deadline = time.monotonic() + 60
    while world.renewal().state != lc.State.NOTIFYING and time.monotonic() < deadline:
        world.cli("complete", *extra)
        time.sleep(0.3)
    renewal = world.renewal()
    check_finished(world, renewal)
    return renewal


@pytest.mark.slow
@pytest.mark.parametrize("protection, expected", [("legacy", "pbeWithSHA1And3-KeyTripleDES-CBC"),
                                                  ("aes", "AES-256-CBC")])
def test_the_new_keystore_keeps_the_old_ones_protection(tmp_path, monkeypatch, protection, expected):
    world = World(tmp_path, monkeypatch, "75040404976", produce_after=0.3, protection=protection)
    try:
        assert expected in _openssl_info(world.old, OLD_PASSWORD)
        renewal = _renew_and_complete(world)
        new = Path(renewal.new_keystore)
        info = _openssl_info(new, NEW_PASSWORD)
        assert expected in info
        if protection == "legacy":
            assert "pbeWithSHA1And40BitRC2-CBC" in info and "AES" not in info
        assert pkcs12.read_keystore(new.read_bytes(), NEW_PASSWORD).protection == protection
    finally:
        world.close()


@pytest.mark.slow
def test_renew_with_a_trace_writes_every_exchange_and_no_secret(tmp_path, monkeypatch):
    world = World(tmp_path, monkeypatch, "75040404976", produce_after=0.3)
    trace = tmp_path / "trace"
    try:
        renewal = _renew_and_complete(world, "--trace", str(trace))
        files = sorted(p.name for p in trace.iterdir())
        for operation in ("GenerateContract", "GenerateCertificate", "GetCertificate", "StartETKRegistration",
                          "CompleteETKRegistration", "ActivateETK", "GetEtk"):
            assert any(f"-{operation}" in name for name in files), (operation, files)
        blob = b"".join(p.read_bytes() for p in trace.iterdir())
        for secret in (PIN, OLD_PASSWORD, NEW_PASSWORD):
            assert f"pin={secret}".encode() not in blob and secret.encode() not in blob
        assert renewal.new_keystore
    finally:
        world.close()


@pytest.mark.slow
@pytest.mark.parametrize("lang, words", [("fr", "eHealth a refusé la demande"), ("nl", "eHealth weigerde de aanvraag"),
                                         ("en", "eHealth refused the request")])
def test_an_unknown_refusal_is_shown_with_ehealths_words_and_nothing_more_is_sent(tmp_path, monkeypatch, lang,
                                                                                 words):
    world = World(tmp_path, monkeypatch, "75040404976", produce_after=0.3)
    try:
        world.sandbox.refuse_with("CSR_DUPLICATE_XYZ", "Une demande identique est déjà en cours de traitement.",
                                  operation="GenerateCertificate")
        proc = world.cli("--lang", lang, "renew", str(world.old), *RENEW, input=SECRETS_INPUT)
        assert proc.returncode == 2, proc.stdout + proc.stderr        # 2: the user must act
        renewal = world.renewal()
        assert renewal.state == lc.State.REFUSED and renewal.needs_you
        for shown in (proc.stdout + proc.stderr, world.cli("--lang", lang, "renewals").stdout,
                      world.cli("--lang", lang, "status").stdout):
            assert words in shown and "CSR_DUPLICATE_XYZ" in shown and "02 788 51 55" in shown, shown
            assert "Une demande identique est déjà en cours de traitement." in shown
        sent = world.sandbox.requests_received("GenerateCertificate")
        world.cli("complete")
        assert world.sandbox.requests_received("GenerateCertificate") == sent == 1
        assert world.renewal().state == lc.State.REFUSED
    finally:
        world.close()
