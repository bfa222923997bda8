"""The sandbox is strict where eHealth is (issue 9): the contract and its DN, the certificate being
renewed named in the contract request, the signer's qualities, the SOAPAction, signatures checked
with signxml; and it can be told to refuse with any code and message. Driven through ehwatch's
client, as a renewal would."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest
from cryptography import x509
from lxml import etree

from ehwatch.monitor import names, pkcs12
from ehwatch.renewal import keys, messages, soap, xmldsig
from ehwatch.renewal.client import EhealthClient, PreparedRequest
from ehwatch.renewal.messages import Actor, CertificateIdentifier, ContactData, NotYetDelivered
from ehwatch.renewal.soap import ServiceError, ServiceUnreachable
from ehwatch.sandbox.issue import issue_keystore
from tests.support.sandbox_server import eid_signer, init_sandbox, keystore_signer, start_sandbox

SSIN = "75040404976"
HOLDER = "Marie Dubois"
PASSWORD = "keystore-pw-1"
CONTACT = ContactData(email="marie@example.org", phone="043362333")
CBE = "CBE=0123456789"


def client_of(server) -> EhealthClient:
    return EhealthClient("sandbox", server.certra_url, server.etkra_url, server.etkdepot_url, timeout=20)


def old_certificate(keystore) -> bytes:
    return pkcs12.read_keystore(keystore.read_bytes(), PASSWORD).key("authentication").chain[0]


def wait_for_chain(client, pki, seconds=15):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return client.get_certificate(pki)
        except NotYetDelivered:
            assert time.monotonic() < deadline
            time.sleep(0.2)


@pytest.fixture
def folder(tmp_path):
    return init_sandbox(tmp_path / "sandbox")


# ---------------------------------------------------------------- the DN comes from the contract
def test_a_name_changed_at_the_register_is_renewed_with_the_contracts_dn(folder, tmp_path):
    keystore = issue_keystore(folder, f"SSIN={SSIN}", HOLDER, 30, tmp_path / "ks", PASSWORD,
                              base_services=("tsa", "consultrn"))
    old = keystore_signer(keystore, PASSWORD)
    with start_sandbox(folder, produce_after=0.5, register_names={f"SSIN={SSIN}": "MARIE DUBOIS-MARTIN"}) as server:
        client = client_of(server)
        info = client.certificate_info(old.certificate_chain()[0], old)
        assert info.base_services == ("tsa", "consultrn")         # what the old certificate carries
        eid = eid_signer(folder, SSIN, HOLDER)
        requestor = Actor.from_eid_certificate(eid.certificate_chain()[0])
        identifier = CertificateIdentifier.for_renewal(old_certificate(keystore), requestor)
        assert identifier == CertificateIdentifier(Actor("SSIN", SSIN, "Dubois", ("Marie",)))
        contract = client.generate_contract(CONTACT, "nl", signer=requestor, certificate=identifier)
        old_subject = x509.load_der_x509_certificate(old_certificate(keystore)).subject
        assert contract.subject != old_subject                    # the overview shows both
        assert names.parse_subject(contract.subject).holder == "MARIE DUBOIS-MARTIN"
        assert contract.dn.startswith(f"CN=SSIN={SSIN},OU=eHealth-platform Belgium,OU=MARIE DUBOIS-MARTIN")

        new_key = keys.new_rsa_key()
        with pytest.raises(keys.CsrSubjectMismatch):             # a CSR from the old subject: never signed
            client.prepare_generate_certificate(keys.build_csr(new_key, old_subject), CONTACT, contract,
                                                old_certificate(keystore), eid, info.base_services)
        csr = keys.build_csr_for_contract(new_key, contract)
        result = client.generate_certificate(csr, CONTACT, contract, old_certificate(keystore), eid,
                                             info.base_services)
        chain = wait_for_chain(client, result.public_key_identifier)
        assert x509.load_der_x509_certificate(chain[0]).subject == contract.subject
        new = xmldsig.SoftwareSigner(new_key, chain)
        assert client.certificate_info(chain[0], new).base_services == ("tsa", "consultrn")   # carried over


def test_the_sandbox_refuses_a_csr_for_another_dn_than_the_contracts(folder, tmp_path):
    """Past the client's own check (a request built by hand): the platform refuses it too."""
    issue_keystore(folder, f"SSIN={SSIN}", HOLDER, 30, tmp_path / "ks", PASSWORD)
    with start_sandbox(folder, register_names={f"SSIN={SSIN}": "MARIE DUBOIS-MARTIN"}) as server:
        client = client_of(server)
        eid = eid_signer(folder, SSIN, HOLDER)
        contract = client.generate_contract(CONTACT, "fr", signer=eid)
        old_dn_csr = keys.build_csr(keys.new_rsa_key(), names.build_subject("SSIN", SSIN, HOLDER))
        request = messages.generate_certificate_request(old_dn_csr, CONTACT, contract)
        xmldsig.sign_enveloped(request, eid)
        with pytest.raises(ServiceError) as refused:
            messages.parse_generate_certificate(client.send(PreparedRequest(client.certra_url, request)))
        assert refused.value.code == "CSR_SUBJECT_MISMATCH"

        # a contract GenerateContract did not issue (its text changed) is refused as well
        changed = messages.Contract(contract.dn, contract.signer, contract.texts,
                                    contract.xml.replace(b"Conditions g", b"Conditions G"))
        csr = keys.build_csr_for_contract(keys.new_rsa_key(), contract)
        with pytest.raises(ServiceError) as refused:
            client.generate_certificate(csr, CONTACT, changed, None, eid)
        assert refused.value.code == "INVALID_CONTRACT"


def test_the_contract_carries_the_conditions_in_four_languages(folder, tmp_path):
    with start_sandbox(folder) as server:
        contract = client_of(server).generate_contract(CONTACT, "nl", signer=eid_signer(folder, SSIN, HOLDER))
    assert contract.languages == ("fr", "nl", "de", "en")
    assert "Algemene gebruiksvoorwaarden" in contract.text("nl")
    assert "Conditions générales" in contract.text("fr")
    assert "General conditions" in contract.text("en")
    assert contract.text("it") == contract.text("fr") and contract.text_language("it") == "fr"
    assert contract.dn in contract.text("de").replace("&amp;", "&")


# ---------------------------------------------------------------- the certificate named, the signer's qualities
@pytest.mark.parametrize("application", ["", "ROUTING"])
def test_an_organisation_keystore_renewed_by_its_manager(folder, tmp_path, application):
    keystore = issue_keystore(folder, CBE, "Cabinet Dubois", 30, tmp_path / "ks", PASSWORD,
                              application_id=application)
    with start_sandbox(folder, produce_after=0.2, managers={SSIN: (CBE,)},
                       organisations={CBE: "CABINET DUBOIS"}) as server:
        client = client_of(server)
        manager = eid_signer(folder, SSIN, HOLDER)
        requestor = Actor.from_eid_certificate(manager.certificate_chain()[0])
        identifier = CertificateIdentifier.for_renewal(old_certificate(keystore), requestor)
        assert (identifier.actor.id_type, identifier.actor.id_value, identifier.actor.name) == \
            ("CBE", "0123456789", "CABINET DUBOIS")
        assert identifier.application_id == (application or None)
        contract = client.generate_contract(CONTACT, "fr", signer=requestor, certificate=identifier)
        sent = server.platform.state.store.db.execute("SELECT identifier, application_id FROM contracts").fetchone()
        assert (sent["identifier"], sent["application_id"]) == (CBE, application)
        parsed = names.parse_subject(contract.subject)
        assert (parsed.identifier, parsed.application, parsed.holder) == (CBE, application or None, "CABINET DUBOIS")
        result = client.generate_certificate(keys.build_csr_for_contract(keys.new_rsa_key(), contract), CONTACT,
                                             contract, old_certificate(keystore), manager)
        old_pki = keys.public_key_identifier(x509.load_der_x509_certificate(old_certificate(keystore)).public_key())
        assert result.replaces == old_pki

        # someone who is not a manager of the organisation gets no contract for it
        stranger = Actor("SSIN", "71010112345", "Peeters", ("Jan",))
        with pytest.raises(ServiceError) as refused:
            client.generate_contract(CONTACT, "fr", signer=stranger,
                                     certificate=CertificateIdentifier.for_renewal(old_certificate(keystore), stranger))
        assert refused.value.code == "NOT_AUTHORISED"
        # nor may a person ask a contract for someone else's personal certificate
        with pytest.raises(ServiceError) as refused:
            client.generate_contract(CONTACT, "fr", signer=stranger,
                                     certificate=CertificateIdentifier(Actor("SSIN", SSIN, "Dubois")))
        assert refused.value.code == "NOT_AUTHORISED"


# ---------------------------------------------------------------- SOAPAction, as a gateway checks it
def test_a_wrong_soapaction_gets_a_soap_fault_that_stops(folder):
    with start_sandbox(folder) as server:
        request = messages.get_certificate_request("ab" * 20)
        for wrong in ("urn:be:fgov:ehealth:certra:protocol:v2:getCertificate",    # case matters
                      ""):
            with pytest.raises(ServiceError) as refused:
                soap.call(server.certra_url, wrong, request, timeout=10)
            assert not isinstance(refused.value, ServiceUnreachable)
            assert refused.value.code == "Client" and "SOAPAction" in refused.value.service_message
        assert server.outcomes("GetCertificate") == ["SOAPACTION_MISMATCH", "SOAPACTION_MISMATCH"]
        # unquoted is refused too (SOAP 1.1 quotes it; the connector's sender does)
        import urllib.request

        raw = urllib.request.Request(server.certra_url, data=soap.envelope(request), method="POST", headers={
            "Content-Type": "text/xml", "SOAPAction": messages.soap_action(request)})
        with pytest.raises(urllib.error.HTTPError) as http:
            urllib.request.urlopen(raw, timeout=10)
        assert http.value.code == 500
        # and the client's own action passes: the answer is the platform's (no such request)
        with pytest.raises(ServiceError) as refused:
            client_of(server).get_certificate("ab" * 20)
        assert refused.value.code == "UNKNOWN_CERTIFICATE"


# ---------------------------------------------------------------- refusals a tester asks for
def test_a_told_refusal_reaches_the_client_with_its_code_and_message(folder, tmp_path):
    keystore = issue_keystore(folder, f"SSIN={SSIN}", HOLDER, 30, tmp_path / "ks", PASSWORD)
    message = ("La demande de certificat a été refusée par le service de validation. "
               "Contactez le helpdesk eHealth au 02 788 51 55. ") * 20         # a long one: cut for the user
    with start_sandbox(folder) as server:
        server.refuse_with("CERT_REQUEST_REJECTED", message, operation="GenerateCertificate", times=1)
        client = client_of(server)
        eid = eid_signer(folder, SSIN, HOLDER)
        contract = client.generate_contract(CONTACT, "fr", signer=eid)     # other operations still answer
        csr = keys.build_csr_for_contract(keys.new_rsa_key(), contract)
        with pytest.raises(ServiceError) as refused:
            client.generate_certificate(csr, CONTACT, contract, old_certificate(keystore), eid)
        assert not isinstance(refused.value, (NotYetDelivered, ServiceUnreachable))
        assert refused.value.code == "CERT_REQUEST_REJECTED"
        assert refused.value.operation == "GenerateCertificate"
        assert refused.value.service_message.startswith("La demande de certificat a été refusée")
        assert len(refused.value.service_message) <= soap.MAX_SERVICE_MESSAGE
        assert server.outcomes("GenerateCertificate") == ["CERT_REQUEST_REJECTED"]
        # told once: the next one is served
        client.generate_certificate(csr, CONTACT, contract, old_certificate(keystore), eid)

        server.refuse_with("CERT_NOT_YET_DELIVERED", "Not yet.", operation="GetCertificate")
        with pytest.raises(NotYetDelivered):
            client.get_certificate("ab" * 20)
        server.clear_refusals()


def test_the_refuse_command_reaches_a_running_sandbox(folder, tmp_path):
    env_home = tmp_path / "home"
    with start_sandbox(folder) as server:
        command = [sys.executable, "-m", "ehwatch", "--lang", "nl", "sandbox", "refuse", str(folder),
                   "--code", "SOA-01001", "--message", "Service call not authorized",
                   "--operation", "GetCertificate"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120,
                              env={"EHWATCH_HOME": str(env_home), "PATH": "/usr/bin:/bin"})
        assert done.returncode == 0, done.stderr
        assert "Vanaf nu antwoordt de sandbox op GetCertificate met code SOA-01001" in done.stdout
        with pytest.raises(ServiceError) as refused:
            client_of(server).get_certificate("ab" * 20)
        assert (refused.value.code, refused.value.service_message) == ("SOA-01001", "Service call not authorized")
        cleared = subprocess.run([sys.executable, "-m", "ehwatch", "sandbox", "refuse", str(folder), "--clear"],
                                 capture_output=True, text=True, timeout=120,
                                 env={"EHWATCH_HOME": str(env_home), "PATH": "/usr/bin:/bin"})
        assert cleared.returncode == 0, cleared.stderr
        with pytest.raises(ServiceError) as refused:
            client_of(server).get_certificate("ab" * 20)
        assert refused.value.code == "UNKNOWN_CERTIFICATE"


def test_signatures_are_verified_with_signxml_not_ehwatchs_code(folder):
    import ehwatch.sandbox.platform as platform_module

    source = open(platform_module.__file__, encoding="utf-8").read()
    assert "xmldsig" not in source and "crypto.verify_enveloped" in source
    with start_sandbox(folder) as server:
        eid = eid_signer(folder, SSIN, HOLDER)
        request = xmldsig.sign_enveloped(messages.actor_qualities_request(SSIN), eid)
        request.find(f"{{{messages.CERTRA}}}SSIN").text = "71010112345"     # changed after signing
        with pytest.raises(ServiceError) as refused:
            messages.parse_actor_qualities(client_of(server).send(PreparedRequest(server.certra_url, request)))
        assert refused.value.code == "INVALID_SIGNATURE" and "signxml" in refused.value.service_message
        assert etree.QName(request).localname == "GetActorQualitiesRequest"
