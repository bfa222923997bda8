"""Every request follows the official XSDs; every answer is read into typed data or a typed error.

The answers below are written by hand from the XSDs (and validated against them here), so the
parser is checked against the format, not against our own builder.
"""
from __future__ import annotations

import base64
import datetime as dt

import pytest
from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from lxml import etree

from ehwatch.renewal import keys, messages, schemas, xmldsig
from ehwatch.renewal.messages import Actor, CertificateIdentifier, ContactData, NotYetDelivered
from ehwatch.renewal.schemas import MalformedResponse, SchemaError
from ehwatch.renewal.soap import ServiceError
from tests.support.ehealth_answers import (
    CERTIFICATE_INFO,
    CONTACT,
    CONTRACT,
    NS,
    OK,
    PKI,
    SSIN,
    depot,
    error_status,
    response,
)


@pytest.fixture(scope="module")
def contract():
    return messages.parse_generate_contract(response("GenerateContractResponse", CONTRACT))


# ---------------------------------------------------------------- requests
def _every_request(eid, contract):
    key = rsa.generate_private_key(65537, 2048)
    subject = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, f"SSIN={SSIN}")])
    csr = keys.build_csr(key, subject)
    signer = Actor.from_eid_certificate(eid.certificate_chain()[0])
    yield messages.generate_contract_request(CONTACT, signer, CertificateIdentifier(signer)), None
    yield messages.generate_contract_request(
        ContactData("it@hospital.be", "+3221111111"), signer,
        CertificateIdentifier(Actor("NIHII-HOSPITAL", "71000436", "Hôpital Saint-Jean"), "ROSA")), None
    yield messages.generate_certificate_request(csr, CONTACT, contract, ("ehbox",)), eid
    yield messages.get_certificate_request(PKI), None
    yield messages.get_certificate_request(bytes.fromhex(PKI)), None
    yield messages.certificate_info_request(), eid
    yield messages.certificate_info_for_citizen_request(), eid
    yield messages.actor_qualities_request(SSIN), eid
    yield messages.start_etk_registration_request(key.public_key()), eid
    yield messages.complete_etk_registration_request(eid.certificate_chain()[0]), eid
    yield messages.activate_etk_request(), eid
    yield messages.get_etk_request("SSIN", SSIN), None
    yield messages.get_etk_request("NIHII-HOSPITAL", "71000436", "ROSA"), None


def test_every_request_follows_the_xsd_and_carries_id_and_issue_instant(eid, contract):
    names = set()
    for request, signer in _every_request(eid, contract):
        name = etree.QName(request).localname
        names.add(name)
        assert (signer is not None) == (name in messages.SIGNED_BY), name
        if signer is not None:
            xmldsig.sign_enveloped(request, signer)
        schemas.validate(request)
        assert messages.soap_action(request).startswith("urn:be:fgov:ehealth:")
        if name != "GetEtkRequest":  # the ETK depot v1 request type has no attributes
            assert request.get("Id").startswith("_") and len(request.get("Id")) == 37
            issued = messages.parse_datetime(request.get("IssueInstant"))
            assert abs(issued - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    assert names == set(messages.SOAP_ACTIONS)


def test_the_contract_goes_back_byte_for_byte(eid, contract):
    csr = keys.build_csr(rsa.generate_private_key(65537, 2048),
                         x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "x")]))
    request = messages.generate_certificate_request(csr, CONTACT, contract)
    sent = request.find(f"{{{messages.CERTRA}}}EHealthCSR/{{{messages.CERTRA_CORE}}}Contract")
    assert [etree.tostring(child, method="c14n") for child in sent] == \
        [etree.tostring(child, method="c14n") for child in etree.fromstring(contract.xml)]
    assert base64.b64decode(request.findtext(f".//{{{messages.CERTRA_CORE}}}CSR")) == csr


def test_an_invalid_request_is_refused_by_the_schema():
    bad = messages.generate_contract_request(ContactData(email="", phone=""), Actor("SSIN", SSIN, "X"),
                                             CertificateIdentifier(Actor("SSIN", SSIN, "X")))
    bad.remove(bad[0])  # no ContactData at all
    with pytest.raises(SchemaError):
        schemas.validate(bad)
    with pytest.raises(ValueError):
        messages.get_certificate_request("not-hex")


def test_actor_from_the_eid_certificate(eid):
    actor = Actor.from_eid_certificate(eid.certificate_chain()[0])
    assert actor == Actor("SSIN", SSIN, "De Smet", ("Anne",))


# ---------------------------------------------------------------- answers
def test_contract(contract):
    assert contract.dn.startswith('CN="SSIN=75040404976"')
    assert contract.signer == Actor("SSIN", SSIN, "De Smet", ("Anne",))
    assert contract.text("nl") == "<p>Ik vraag een certificaat</p>"
    assert contract.text("en") == "<p>Je demande un certificat</p>"   # no English: French first


def test_generate_certificate_result():
    result = messages.parse_generate_certificate(response(
        "GenerateCertificateResponse", f"<PublicKeyIdentifier>{PKI.upper()}</PublicKeyIdentifier>"
        "<AutomaticallyValidated>true</AutomaticallyValidated>"
        f"<ReplacesCertificate>{'AB' * 20}</ReplacesCertificate>"))
    assert result.public_key_identifier == PKI
    assert result.automatically_validated is True
    assert result.replaces == "ab" * 20


def test_get_certificate_chain(eid):
    chain = eid.certificate_chain()
    body = "".join(f"<X509Certificate>{base64.b64encode(c).decode()}</X509Certificate>" for c in chain)
    assert messages.parse_get_certificate(response("GetCertificateResponse", body)) == chain
    with pytest.raises(MalformedResponse):  # base64 of something that is no certificate
        messages.parse_get_certificate(response("GetCertificateResponse", "<X509Certificate>AAAA</X509Certificate>"))


def test_not_yet_delivered_is_its_own_outcome():
    with pytest.raises(NotYetDelivered) as waiting:
        messages.parse_get_certificate(response("GetCertificateResponse", "",
                                                error_status("CERT_NOT_YET_DELIVERED", "Not yet")))
    assert waiting.value.code == "CERT_NOT_YET_DELIVERED"
    assert "10 jours" in waiting.value.message("fr")


def test_an_ehealth_error_keeps_its_code_and_message():
    with pytest.raises(ServiceError) as refused:
        messages.parse_generate_certificate(response("GenerateCertificateResponse", "",
                                                     error_status("INVALID_CSR", "The CSR DN is wrong")))
    assert not isinstance(refused.value, NotYetDelivered)
    assert refused.value.code == "INVALID_CSR"
    assert refused.value.operation == "GenerateCertificate"
    assert "The CSR DN is wrong" in refused.value.message("nl")
    # no error entry: the (nested) status code names the problem
    bare = ('<core:Status><core:StatusCode Value="urn:be:fgov:ehealth:2.0:status:Responder">'
            '<core:StatusCode Value="urn:be:fgov:ehealth:2.0:status:InternalError"/></core:StatusCode></core:Status>')
    with pytest.raises(ServiceError) as refused:
        messages.parse_activate_etk(response("ActivateETKResponse", "", bare, messages.ETKRA))
    assert refused.value.code == "InternalError"


def test_certificate_info():
    info = messages.parse_certificate_info(response("GetCertificateInfoForAuthenticationCertificateResponse",
                                                    CERTIFICATE_INFO))
    assert info.public_key_identifier == PKI
    assert (info.id_type, info.id_value, info.entity_type) == ("SSIN", SSIN, "NaturalPerson")
    assert (info.status, info.etk_status, info.replaceable, info.revocable) == \
        ("VALID_ACTIVE", "VALID_ACTIVE", False, True)
    assert info.not_after == dt.datetime(2026, 12, 9, 23, 0, tzinfo=dt.UTC)
    # no zone: Brussels time; fractional seconds kept
    assert info.replacement_start.utcoffset() == dt.timedelta(hours=2)
    assert info.replacement_start.microsecond == 500000
    assert info.contact == ContactData("anne@example.be", "+3221234567")
    assert info.base_services == ("ehbox",)
    listed = messages.parse_certificate_info_for_citizen(response("GetCertificateInfoForCitizenResponse",
                                                                  CERTIFICATE_INFO * 2))
    assert len(listed) == 2 and listed[0] == info


def test_actor_qualities():
    qualities = messages.parse_actor_qualities(response(
        "GetActorQualitiesResponse", "<NaturalPersonAuthorization>true</NaturalPersonAuthorization>"
        '<OrganizationAuthorization><c:Name><c:Value xml:lang="fr">Pharmacie du Centre</c:Value></c:Name>'
        '<c:Identifier Type="NIHII-PHARMACY">54001234</c:Identifier></OrganizationAuthorization>'))
    assert qualities.natural_person is True
    assert qualities.organizations == ("NIHII-PHARMACY=54001234",)
    assert qualities.organization_names == {"NIHII-PHARMACY=54001234": {"fr": "Pharmacie du Centre"}}


def test_etk_registration_answers():
    challenge = b"\x01" * 288
    assert messages.parse_start_etk_registration(response(
        "StartETKRegistrationResponse", f"<Challenge>{base64.b64encode(challenge).decode()}</Challenge>",
        namespace=messages.ETKRA)) == challenge
    completed = messages.parse_complete_etk_registration(response(
        "CompleteETKRegistrationResponse", "<ETK>AQID</ETK><ToBeActivated>true</ToBeActivated>",
        namespace=messages.ETKRA))
    assert completed == messages.EtkRegistration(b"\x01\x02\x03", True)
    assert messages.parse_activate_etk(response("ActivateETKResponse", "", namespace=messages.ETKRA)) is None


def test_get_etk_and_the_certificate_inside(eid):
    certificate = eid.certificate_chain()[0]
    signed_data = cms.ContentInfo({"content_type": "signed_data", "content": cms.SignedData({
        "version": "v1", "digest_algorithms": [], "signer_infos": [],
        "encap_content_info": {"content_type": "data", "content": certificate}})}).dump()
    criteria = ("<GivenSearchCriteria><Identifier><Type>SSIN</Type><Value>75040404976</Value></Identifier>"
                "</GivenSearchCriteria>")
    etk = messages.parse_get_etk(depot(criteria + f"<ETK>{base64.b64encode(signed_data).decode()}</ETK>"))
    assert etk == signed_data
    assert messages.etk_certificate(etk) == certificate
    assert messages.etk_certificate(certificate) == certificate
    with pytest.raises(MalformedResponse):
        messages.etk_certificate(b"\x30\x03\x02\x01\x00")
    assert messages.parse_get_etk(depot(criteria)) is None
    with pytest.raises(ServiceError) as refused:
        messages.parse_get_etk(depot(criteria + "<Error><Code>NOT_FOUND</Code><Message>none</Message></Error>"))
    assert refused.value.code == "NOT_FOUND"
    with pytest.raises(ServiceError) as refused:
        messages.parse_get_etk(depot("", code="500"))
    assert refused.value.code == "500"


@pytest.mark.parametrize("broken", [
    "<GetCertificateResponse xmlns='urn:be:fgov:ehealth:certra:protocol:v2'/>",            # no status
    "<GenerateContractResponse xmlns='urn:other'/>",                                         # wrong element
    f"<GetCertificateInfoForAuthenticationCertificateResponse {NS.format(ns=messages.CERTRA)}>{OK}"
    "</GetCertificateInfoForAuthenticationCertificateResponse>",                            # no info
    f"<GetCertificateInfoForAuthenticationCertificateResponse {NS.format(ns=messages.CERTRA)}>{OK}"
    + CERTIFICATE_INFO.replace("<c:Replaceable>false</c:Replaceable>", "<c:Replaceable>maybe</c:Replaceable>")
    + "</GetCertificateInfoForAuthenticationCertificateResponse>",                          # bad boolean
    f"<GetCertificateInfoForAuthenticationCertificateResponse {NS.format(ns=messages.CERTRA)}>{OK}"
    + CERTIFICATE_INFO.replace("2023-12-01T09:00:00Z", "yesterday")
    + "</GetCertificateInfoForAuthenticationCertificateResponse>",                          # bad date
    f"<GenerateCertificateResponse {NS.format(ns=messages.CERTRA)}>{OK}<PublicKeyIdentifier>12</PublicKeyIdentifier>"
    "<AutomaticallyValidated>true</AutomaticallyValidated></GenerateCertificateResponse>",  # short identifier
    f"<StartETKRegistrationResponse {NS.format(ns=messages.ETKRA)}>{OK}<Challenge>@@@</Challenge>"
    "</StartETKRegistrationResponse>",                                                      # not base64
])
def test_surprising_answers_become_malformed_response_never_attribute_error(broken):
    element = etree.fromstring(broken.encode())
    parser = {"GetCertificateResponse": messages.parse_get_certificate,
              "GenerateContractResponse": messages.parse_generate_contract,
              "GetCertificateInfoForAuthenticationCertificateResponse": messages.parse_certificate_info,
              "GenerateCertificateResponse": messages.parse_generate_certificate,
              "StartETKRegistrationResponse": messages.parse_start_etk_registration}[etree.QName(element).localname]
    with pytest.raises(MalformedResponse):
        parser(element)
