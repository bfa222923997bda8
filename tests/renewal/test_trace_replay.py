"""Traces (``EhealthClient(trace_dir=…)``) and their replay (``ehwatch.sandbox.replay``).

A whole renewal through the client against the TLS sandbox, with the eID on a SoftHSM2 card, is
traced; the trace holds every request and answer and none of the secrets the run handled (keystore
passwords, PIN, private keys — grepped for in every form they could take). Then the trace is served
back over local HTTPS and the client runs against it again: the same answers, and any request that
no longer matches what was recorded (operation, path, SOAPAction) is caught.
"""
from __future__ import annotations

import base64
import json
import time

import pytest
from cryptography.hazmat.primitives import serialization

from ehwatch.monitor import pkcs12, pkcs12_writer
from ehwatch.renewal import keys, messages
from ehwatch.renewal.client import EhealthClient
from ehwatch.renewal.eid import Eid
from ehwatch.renewal.messages import Actor, CertificateIdentifier, ContactData, NotYetDelivered
from ehwatch.renewal.soap import ServiceError
from ehwatch.renewal.xmldsig import SoftwareSigner
from ehwatch.sandbox import ca, token
from ehwatch.sandbox.issue import issue_keystore
from ehwatch.sandbox.replay import ReplayServer, load_trace
from tests.support.sandbox_server import init_sandbox, start_sandbox
from tests.support.tools import need_tool

SSIN = "75040404976"
HOLDER = "Marie Dubois"
OLD_PASSWORD = "Old-Keystore-Pass-7391"
NEW_PASSWORD = "New-Keystore-Pass-5802"
PIN = "91736452"
CONTACT = ContactData(email="marie@example.org", phone="043362333")


def renewal(client: EhealthClient, old_path, eid_module, new_key=None, etk_key=None, wait=15.0):
    """What the engine does, through the client: returns (new key, ETK key, chain, outcomes)."""
    old = pkcs12.read_keystore(old_path.read_bytes(), OLD_PASSWORD)
    entry = old.key("authentication")
    old_signer = SoftwareSigner(entry.private_key, entry.chain)
    info = client.certificate_info(entry.chain[0], old_signer)
    new_key = new_key or keys.new_rsa_key()
    with Eid(eid_module, pin_callback=lambda _request: PIN) as eid:
        signature = eid.signer("Signature")
        requestor = Actor.from_eid_certificate(signature.certificate_chain()[0])
        contract = client.generate_contract(CONTACT, "fr", signer=requestor,
                                            certificate=CertificateIdentifier.for_renewal(entry.chain[0], requestor))
        prepared = client.prepare_generate_certificate(keys.build_csr_for_contract(new_key, contract), CONTACT,
                                                       contract, entry.chain[0], signature, info.base_services)
    pending = pkcs12.KeystoreContent(keys=[pkcs12.KeyEntry("authentication", new_key,
                                                           [keys.placeholder_certificate(new_key)])])
    pending_bytes = pkcs12_writer.write_keystore(pending, NEW_PASSWORD, old.protection)
    result = client.send_generate_certificate(prepared)
    deadline = time.monotonic() + wait
    polls = 0
    while True:
        polls += 1
        try:
            chain = client.get_certificate(result.public_key_identifier)
            break
        except NotYetDelivered:
            assert time.monotonic() < deadline
            time.sleep(0.3)
    new = SoftwareSigner(new_key, chain)
    etk_key = etk_key or keys.new_rsa_key()
    serial = keys.decode_etk_challenge(client.start_etk_registration(etk_key.public_key(), new), etk_key)
    client.complete_etk_registration(keys.etk_certificate(new_key, chain[0], etk_key.public_key(), serial), new)
    client.activate_etk(new)
    published = client.get_etk(f"SSIN={SSIN}")
    return {"new_key": new_key, "etk_key": etk_key, "chain": chain, "published": published, "polls": polls,
            "pending": pending_bytes, "old_key": entry.private_key, "serial": serial}


def secret_forms(text: str) -> list[bytes]:
    return [text.encode(), text.encode("utf-16-be"), base64.b64encode(text.encode())]


def key_forms(key) -> list[bytes]:
    pkcs8 = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption())
    traditional = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.TraditionalOpenSSL,
                                    serialization.NoEncryption())
    d = key.private_numbers().d
    d_bytes = d.to_bytes((d.bit_length() + 7) // 8, "big")
    p = key.private_numbers().p
    return [pkcs8, traditional, base64.b64encode(pkcs8)[:64], base64.b64encode(traditional)[:64],
            d_bytes[:32], d_bytes.hex()[:64].encode(), d_bytes.hex()[:64].upper().encode(), str(d)[:60].encode(),
            p.to_bytes((p.bit_length() + 7) // 8, "big")[:32], base64.b64encode(d_bytes)[:40]]


@pytest.fixture
def world(tmp_path, monkeypatch):
    need_tool(token.SOFTHSM_MODULES[0])
    folder = init_sandbox(tmp_path / "sandbox")
    old_path = issue_keystore(folder, f"SSIN={SSIN}", HOLDER, 30, tmp_path / "keystores", OLD_PASSWORD,
                              email=CONTACT.email, phone=CONTACT.phone, base_services=("tsa",))
    card = token.create_belpic_token(tmp_path / "card", SSIN, HOLDER, "rsa", pin=PIN,
                                     ca=token.eid_ca(ca.eid_folder(folder)))
    for name, value in card.env.items():
        monkeypatch.setenv(name, value)
    return folder, old_path, card


def test_a_traced_renewal_holds_every_exchange_and_no_secret(world, tmp_path):
    folder, old_path, card = world
    trace_dir = tmp_path / "trace"
    with start_sandbox(folder, produce_after=1.0, tls=True) as server:
        client = EhealthClient("sandbox", server.certra_url, server.etkra_url, server.etkdepot_url,
                               cafile=str(server.cafile), timeout=20, trace_dir=trace_dir)
        done = renewal(client, old_path, card.module)
    exchanges = load_trace(trace_dir)
    operations = [e["operation"] for e in exchanges]
    assert operations[:3] == ["GetCertificateInfoForAuthenticationCertificate", "GenerateContract",
                              "GenerateCertificate"]
    assert operations[-4:] == ["StartETKRegistration", "CompleteETKRegistration", "ActivateETK", "GetEtk"]
    assert operations.count("GetCertificate") == done["polls"] >= 2
    assert [e["outcome"] for e in exchanges if e["operation"] == "GetCertificate"][:-1] == \
        ["CERT_NOT_YET_DELIVERED"] * (done["polls"] - 1)
    assert all(e["soap_action"] == messages.SOAP_ACTIONS[e["operation"] + "Request"] for e in exchanges)
    assert all(e["http_status"] == 200 for e in exchanges)
    assert (trace_dir.stat().st_mode & 0o777) == 0o700
    generate = next(e for e in exchanges if e["operation"] == "GenerateCertificate")
    from lxml import etree

    sent = etree.fromstring(generate["request_bytes"])
    assert sent.find(".//{http://www.w3.org/2000/09/xmldsig#}Signature") is not None
    assert [n.text for n in sent.iter(f"{{{messages.CERTRA_CORE}}}BaseServiceUsage")] == ["tsa"]

    blob = b"".join((trace_dir / name).read_bytes() for name in sorted(p.name for p in trace_dir.iterdir()))
    forbidden = secret_forms(OLD_PASSWORD) + secret_forms(NEW_PASSWORD) + secret_forms(PIN)
    for key in (done["new_key"], done["etk_key"], done["old_key"]):
        forbidden += key_forms(key)
    forbidden.append(done["pending"][-64:])      # the new keystore's bytes (its MAC and encrypted safes)
    leaked = [form[:16] for form in forbidden if form in blob]
    assert leaked == []
    # what must be there is: the CSR (public), the new chain, the contact data
    assert base64.b64encode(done["chain"][0])[:60] in blob
    assert CONTACT.email.encode() in blob


def test_the_client_runs_again_against_a_replayed_trace(world, tmp_path):
    folder, old_path, card = world
    trace_dir = tmp_path / "trace"
    with start_sandbox(folder, produce_after=0.5, tls=True) as server:
        recorder = EhealthClient("sandbox", server.certra_url, server.etkra_url, server.etkdepot_url,
                                 cafile=str(server.cafile), timeout=20, trace_dir=trace_dir)
        recorded = renewal(recorder, old_path, card.module)
    # the sandbox is gone: only the trace answers now. The same keys make the same requests
    # (the ETK challenge in the trace was made for this ETK key).
    with ReplayServer(trace_dir, tmp_path / "replay") as replay:
        client = EhealthClient("acceptance", replay.url("CertRa/v2"), replay.url("EtkRa/v2"),
                               replay.url("EtkDepot/v1"), cafile=str(replay.cafile), timeout=20)
        replayed = renewal(client, old_path, card.module, new_key=recorded["new_key"],
                           etk_key=recorded["etk_key"], wait=60)
        assert replay.mismatches == [] and replay.done
    assert replayed["chain"] == recorded["chain"]
    assert replayed["serial"] == recorded["serial"] and replayed["published"] == recorded["published"]
    assert replayed["polls"] == recorded["polls"]


def test_a_replay_catches_a_request_that_differs_from_the_trace(world, tmp_path):
    folder, old_path, card = world
    trace_dir = tmp_path / "trace"
    with start_sandbox(folder, tls=True) as server:
        recorder = EhealthClient("sandbox", server.certra_url, server.etkra_url, server.etkdepot_url,
                                 cafile=str(server.cafile), timeout=20, trace_dir=trace_dir)
        with pytest.raises(ServiceError):
            recorder.get_certificate("ab" * 20)
        assert recorder.get_etk(f"SSIN={SSIN}") is not None
    with ReplayServer(trace_dir, tmp_path / "replay") as replay:
        client = EhealthClient("acceptance", replay.url("CertRa/v2"), replay.url("EtkRa/v2"),
                               replay.url("EtkDepot/v1"), cafile=str(replay.cafile), timeout=20)
        with pytest.raises(ServiceError) as refused:    # the recorded refusal comes back as it was
            client.get_certificate("ab" * 20)
        assert refused.value.code == "UNKNOWN_CERTIFICATE"
        with pytest.raises(ServiceError) as caught:     # GetEtk was recorded next, not GetCertificate
            client.get_certificate("cd" * 20)
        assert "replay: expected GetEtk, got GetCertificate" in caught.value.service_message
    assert len(replay.mismatches) == 1
    assert replay.mismatches[0].startswith("expected GetEtk, got GetCertificate; expected path /EtkDepot/v1")
    index = [json.loads(line) for line in (trace_dir / "trace.jsonl").read_text().splitlines()]
    assert [entry["outcome"] for entry in index] == ["UNKNOWN_CERTIFICATE", "success"]
