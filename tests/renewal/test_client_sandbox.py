"""The client and the sandbox speak the same language: a whole renewal through ``EhealthClient``
over TLS, with the eID Signature key on a SoftHSM2 BELPIC token, then the ETK registration."""
from __future__ import annotations

import time

import pytest
from cryptography import x509

from ehwatch.monitor import names
from ehwatch.renewal import keys, messages
from ehwatch.renewal.client import EhealthClient
from ehwatch.renewal.eid import Eid
from ehwatch.renewal.messages import ContactData, NotYetDelivered
from ehwatch.renewal.soap import ServiceError
from ehwatch.renewal.xmldsig import SoftwareSigner
from ehwatch.sandbox import ca, token
from ehwatch.sandbox.issue import issue_keystore
from tests.support.sandbox_server import eid_signer, init_sandbox, keystore_signer, start_sandbox
from tests.support.tools import need_tool

SSIN = "75040404976"
HOLDER = "Marie Dubois"
PASSWORD = "keystore-pw-1"
CONTACT = ContactData(email="marie@example.org", phone="043362333")


@pytest.fixture
def world(tmp_path):
    """A TLS sandbox with produce_after=1 s and a keystore it issued, expiring in 30 days."""
    folder = init_sandbox(tmp_path / "sandbox")
    keystore = issue_keystore(folder, f"SSIN={SSIN}", HOLDER, 30, tmp_path / "keystores", PASSWORD,
                              email=CONTACT.email, phone=CONTACT.phone)
    with start_sandbox(folder, produce_after=1.0, tls=True) as server:
        client = EhealthClient("sandbox", server.certra_url, server.etkra_url, server.etkdepot_url,
                               cafile=str(server.cafile), timeout=20)
        yield server, client, keystore


@pytest.fixture
def card(world, tmp_path, monkeypatch):
    """A SoftHSM2 BELPIC card issued by the sandbox's eID CA, for the holder of the keystore."""
    need_tool(token.SOFTHSM_MODULES[0])
    made = token.create_belpic_token(tmp_path / "card", SSIN, HOLDER, "rsa",
                                     ca=token.eid_ca(ca.eid_folder(world[0].data_dir)))
    for name, value in made.env.items():
        monkeypatch.setenv(name, value)
    return made


def test_a_renewal_through_the_client(world, card):
    server, client, keystore = world
    old = keystore_signer(keystore, PASSWORD)
    old_pki = keys.public_key_identifier(x509.load_der_x509_certificate(old.certificate_chain()[0]).public_key())

    info = client.certificate_info(old.certificate_chain()[0], old)
    assert (info.status, info.etk_status, info.replaceable) == ("VALID_ACTIVE", "VALID_ACTIVE", True)
    assert info.public_key_identifier == old_pki

    new_key = keys.new_rsa_key()
    csr = keys.build_csr(new_key, names.build_subject("SSIN", SSIN, HOLDER))
    with Eid(card.module, pin_callback=lambda _request: card.pin) as eid:
        signature_key = eid.signer("Signature")
        contract = client.generate_contract(CONTACT, "fr", signer=signature_key)
        assert "SSIN=75040404976" in contract.dn and contract.text("fr")
        prepared = client.prepare_generate_certificate(csr, CONTACT, contract, old.certificate_chain()[0],
                                                       signature_key)
    assert server.requests_received("GenerateCertificate") == 0      # signed, not sent yet
    result = client.send_generate_certificate(prepared)
    assert result.public_key_identifier == keys.public_key_identifier(new_key.public_key())
    assert result.replaces == old_pki

    with pytest.raises(NotYetDelivered):
        client.get_certificate(result.public_key_identifier)
    deadline = time.monotonic() + 15
    while True:
        try:
            chain = client.get_certificate(result.public_key_identifier)
            break
        except NotYetDelivered:
            assert time.monotonic() < deadline, "the sandbox never produced the certificate"
            time.sleep(0.3)
    assert x509.load_der_x509_certificate(chain[0]).public_key().public_numbers() == \
        new_key.public_key().public_numbers()

    new = SoftwareSigner(new_key, chain)   # the EtkRA calls are signed with the new certificate
    etk_key = keys.new_rsa_key()
    serial = keys.decode_etk_challenge(client.start_etk_registration(etk_key.public_key(), new), etk_key)
    etk_cert = keys.etk_certificate(new_key, chain[0], etk_key.public_key(), serial)
    assert client.complete_etk_registration(etk_cert, new).to_be_activated is True
    assert client.certificate_info(chain[0], new).etk_status == "WAIT_FOR_ACTIVATION"
    client.activate_etk(new)
    published = client.get_etk(f"SSIN={SSIN}")
    assert published == etk_cert
    assert messages.etk_certificate(published) == etk_cert


def test_sandbox_refusals_arrive_as_service_errors(world):
    server, client, keystore = world
    with pytest.raises(ServiceError) as refused:
        client.get_certificate("ab" * 20)
    assert refused.value.code not in ("", "CERT_NOT_YET_DELIVERED")
    # a GenerateCertificate signed with the eID of someone who is not the certificate's holder
    holder = eid_signer(server.data_dir, SSIN, HOLDER)
    stranger = eid_signer(server.data_dir, "71010112345", "Jan Peeters")
    old = keystore_signer(keystore, PASSWORD)
    csr = keys.build_csr(keys.new_rsa_key(), names.build_subject("SSIN", SSIN, HOLDER))
    contract = client.generate_contract(CONTACT, "fr", signer=holder)
    with pytest.raises(ServiceError) as refused:
        client.generate_certificate(csr, CONTACT, contract, old.certificate_chain()[0], stranger)
    assert refused.value.code == "SIGNER_MISMATCH"
    assert server.requests_received("GenerateCertificate") == 1
