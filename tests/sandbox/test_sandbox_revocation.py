"""Issue 12: the sandbox serves GetExistingApplicationIds, GetCertificateInfoForCitizen,
GenerateRevocationContract and Revoke as strictly as the rest (schemas, the connector's SOAPActions,
signatures verified with signxml, who may do what), driven through ehwatch's client."""
from __future__ import annotations

import pytest
from cryptography import x509
from lxml import etree

from ehwatch.monitor import pkcs12
from ehwatch.renewal import keys, messages
from ehwatch.renewal.client import EhealthClient, PreparedRequest
from ehwatch.renewal.messages import Actor, CertificateIdentifier, ContactData
from ehwatch.renewal.soap import ServiceError
from ehwatch.sandbox.issue import issue_keystore
from tests.support.sandbox_server import eid_signer, init_sandbox, keystore_signer, start_sandbox

SSIN = "75040404976"
OTHER = "82010112345"
HOLDER = "Marie Dubois"
PASSWORD = "keystore-pw-1"
CBE = "CBE=0123456789"
CONTACT = ContactData(email="marie@example.org", phone="043362333")


def client_of(server) -> EhealthClient:
    return EhealthClient("sandbox", server.certra_url, server.etkra_url, server.etkdepot_url, timeout=20)


def leaf(keystore) -> bytes:
    return pkcs12.read_keystore(keystore.read_bytes(), PASSWORD).key("authentication").chain[0]


def pki_of(keystore) -> str:
    return keys.public_key_identifier(x509.load_der_x509_certificate(leaf(keystore)).public_key())


@pytest.fixture
def folder(tmp_path):
    return init_sandbox(tmp_path / "sandbox")


def test_revocation_by_the_holder_then_the_certificate_is_revoked_and_not_replaceable(folder, tmp_path):
    keystore = issue_keystore(folder, f"SSIN={SSIN}", HOLDER, 30, tmp_path / "ks", PASSWORD)
    own = keystore_signer(keystore, PASSWORD)
    with start_sandbox(folder) as server:
        client = client_of(server)
        eid = eid_signer(folder, SSIN, HOLDER)
        contract = client.generate_revocation_contract(pki_of(keystore), eid.certificate_chain()[0], "keyCompromise")
        assert contract.reason == "keyCompromise" and contract.dn.startswith(f"CN=SSIN={SSIN},")
        assert {"fr", "nl"} <= set(contract.texts) and "définitive" in contract.text("fr")
        client.send_revoke(client.prepare_revoke(pki_of(keystore), contract, eid))
        info = client.certificate_info(leaf(keystore), own)        # a revoked certificate may still ask
        assert (info.status, info.etk_status, info.replaceable, info.revocable) == ("REVOKED", "REVOKED", False, False)
        assert server.etk_status(f"SSIN={SSIN}") == "REVOKED"
        with pytest.raises(ServiceError) as again:                 # nothing left to revoke
            client.generate_revocation_contract(pki_of(keystore), eid.certificate_chain()[0], "superseded")
        assert again.value.code == "NOT_REVOCABLE"
        # a new certificate for the same person is allowed again (not a replacement)
        requestor = Actor.from_eid_certificate(eid.certificate_chain()[0])
        new_contract = client.generate_contract(CONTACT, "fr", signer=requestor,
                                                certificate=CertificateIdentifier(Actor("SSIN", SSIN, "Dubois", ("Marie",))))
        csr = keys.build_csr_for_contract(keys.new_rsa_key(), new_contract)
        result = client.generate_certificate(csr, CONTACT, new_contract, None, eid)
        assert result.replaces is None and result.automatically_validated


def test_revoke_is_refused_to_someone_else_unsigned_or_with_a_changed_contract(folder, tmp_path):
    keystore = issue_keystore(folder, f"SSIN={SSIN}", HOLDER, 30, tmp_path / "ks", PASSWORD)
    with start_sandbox(folder) as server:
        client = client_of(server)
        eid = eid_signer(folder, SSIN, HOLDER)
        stranger = eid_signer(folder, OTHER, "Jan Peeters")
        with pytest.raises(ServiceError) as other:
            client.generate_revocation_contract(pki_of(keystore), stranger.certificate_chain()[0], "keyCompromise")
        assert other.value.code == "NOT_AUTHORISED"
        contract = client.generate_revocation_contract(pki_of(keystore), eid.certificate_chain()[0], "keyCompromise")
        # signed by someone else's eID: the contract was not issued to them
        with pytest.raises(ServiceError) as wrong_signer:
            client.send_revoke(client.prepare_revoke(pki_of(keystore), contract, stranger))
        assert wrong_signer.value.code == "INVALID_CONTRACT"
        # the reason changed after the contract was issued
        changed = etree.fromstring(contract.xml)
        changed.find(f"{{{messages.CERTRA_CORE}}}RevocationReason").text = "superseded"
        tampered = messages.RevocationContract(contract.dn, "superseded", contract.texts, etree.tostring(changed))
        with pytest.raises(ServiceError) as modified:
            client.send_revoke(client.prepare_revoke(pki_of(keystore), tampered, eid))
        assert modified.value.code == "INVALID_CONTRACT"
        # unsigned: the schema wants the signature
        unsigned = messages.revoke_request(pki_of(keystore), contract)
        with pytest.raises(ServiceError) as bare:
            messages.parse_revoke(client.send(PreparedRequest(client.certra_url, unsigned)))
        assert bare.value.code == "INVALID_REQUEST"
        assert server.outcomes("Revoke") == ["INVALID_CONTRACT", "INVALID_CONTRACT", "INVALID_REQUEST"]
        assert server.etk_status(f"SSIN={SSIN}") == "VALID_ACTIVE"


def test_a_manager_revokes_the_organisations_certificate_and_lists_it(folder, tmp_path):
    org = issue_keystore(folder, CBE, "Cabinet Dubois", 200, tmp_path / "ks", PASSWORD, application_id="ROUTING")
    mine = issue_keystore(folder, f"SSIN={SSIN}", HOLDER, 200, tmp_path / "ks", PASSWORD)
    with start_sandbox(folder, managers={SSIN: (CBE,)}) as server:
        client = client_of(server)
        auth = eid_signer(folder, SSIN, HOLDER, label="Authentication")
        listed = client.certificate_info_for_citizen(auth)
        assert {(i.id_type, i.id_value, i.application_id) for i in listed} == {
            ("CBE", "0123456789", "ROUTING"), ("SSIN", SSIN, None)}
        assert client.existing_application_ids(CBE) == ("ROUTING",)
        assert client.existing_application_ids(f"SSIN={SSIN}") == ()       # a person has none
        # someone who manages nothing sees only their own certificates
        stranger = eid_signer(folder, OTHER, "Jan Peeters", label="Authentication")
        assert client.certificate_info_for_citizen(stranger) == []
        eid = eid_signer(folder, SSIN, HOLDER)
        contract = client.generate_revocation_contract(pki_of(org), eid.certificate_chain()[0], "cessationOfOperation")
        client.send_revoke(client.prepare_revoke(pki_of(org), contract, eid))
        statuses = {i.id_type: i.status for i in client.certificate_info_for_citizen(auth)}
        assert statuses == {"CBE": "REVOKED", "SSIN": "VALID_ACTIVE"}
        assert client.existing_application_ids(CBE) == ()
        assert mine.exists()


def test_the_new_operations_need_the_connectors_soapactions(folder):
    from tests.support.sandbox_server import post

    request = messages.existing_application_ids_request("CBE", "0123456789")
    with start_sandbox(folder) as server:
        from ehwatch.sandbox import protocol as p

        status, body = post(server.certra_url, p.envelope(request), action='"urn:be:fgov:ehealth:certra:protocol:v2:getExistingApplicationIds"')
        assert status == 500 and b"Fault" in body
        status, body = post(server.certra_url, p.envelope(request), action=f'"{messages.SOAP_ACTIONS["GetExistingApplicationIdsRequest"]}"')
        assert status == 200 and b"Fault" not in body
