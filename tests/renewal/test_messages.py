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
from cryptography.hazmat.primitives import serialization
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
        # GetEtk: the depot's WSDL declares soapAction="" (facts §5); every other one is a URN
        assert messages.soap_action(request).startswith("urn:be:fgov:ehealth:") or name == "GetEtkRequest"
        assert (messages.soap_action(request) == "") == (name == "GetEtkRequest")
        if name != "GetEtkRequest":  # the ETK depot v1 request type has no attributes
            assert request.get("Id").startswith("_") and len(request.get("Id")) == 37
            issued = messages.parse_datetime(request.get("IssueInstant"))
            assert abs(issued - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    # every request ehwatch builds has its SOAPAction; the table also names the connector's others
    # (revocation, lookups) so that it stays the connector's whole table
    assert names <= set(messages.SOAP_ACTIONS)
    assert set(messages.SOAP_ACTIONS) - names == {"GetExistingApplicationIdsRequest", "GetGenericOrganizationTypesRequest",
                                                  "GenerateRevocationContractRequest", "RevokeRequest"}


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


# ---------------------------------------------------------------- the contract's DN and the certificate named
@pytest.mark.parametrize("text, cn, holder, application", [
    ("CN=SSIN=75040404976,OU=eHealth-platform Belgium,OU=MARIE DUBOIS,OU=SSIN=75040404976,O=Federal Government,C=BE",
     "SSIN=75040404976", "MARIE DUBOIS", None),
    ('CN="SSIN=75040404976", OU=eHealth-platform Belgium, OU=MARIE DUBOIS, OU="SSIN=75040404976", '
     'O=Federal Government, C=BE', "SSIN=75040404976", "MARIE DUBOIS", None),
    ("CN=CBE=0123456789\\, ROUTING,OU=eHealth-platform Belgium,OU=CABINET DUBOIS,OU=CBE=0123456789,OU=ROUTING,"
     "O=Federal Government,C=BE", "CBE=0123456789, ROUTING", "CABINET DUBOIS", "ROUTING"),
    ("CN=CBE=0123456789, ROUTING,OU=eHealth-platform Belgium,OU=CABINET DUBOIS,OU=CBE=0123456789,OU=ROUTING,"
     "O=Federal Government,C=BE", "CBE=0123456789, ROUTING", "CABINET DUBOIS", "ROUTING"),
    ("CN=SSIN\\=75040404976,OU=eHealth-platform Belgium,OU=J\\C3\\89R\\C3\\94ME,OU=SSIN\\=75040404976,"
     "O=Federal Government,C=BE", "SSIN=75040404976", "JÉRÔME", None),
])
def test_contract_dns_as_the_platform_may_write_them(text, cn, holder, application):
    from ehwatch.monitor import names

    name = messages.parse_dn(text)
    assert name.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == cn
    parsed = names.parse_subject(name)
    assert (parsed.holder, parsed.application) == (holder, application)
    assert list(name)[0].oid == x509.NameOID.COUNTRY_NAME          # C first in the ASN.1, as in a certificate
    assert messages.parse_dn(messages.dn_string(name)) == name
    if "\\" not in text and '"' not in text and ", " not in text:
        assert messages.dn_string(name) == text


def test_the_dn_eHealth_sends_equals_the_one_the_subject_is_built_with():
    from ehwatch.monitor import names

    for application in (None, "ROUTING"):
        built = names.build_subject("NIHII-PHARMACY", "54001234", "Pharmacie Émile", application)
        assert messages.parse_dn(messages.dn_string(built)) == built


@pytest.mark.parametrize("text", ["", "not a dn", "=x", "CN=", "XX=1"])
def test_what_is_not_a_dn(text):
    with pytest.raises(ValueError):
        messages.parse_dn(text)


def test_a_contract_whose_dn_is_not_an_ehealth_dn_is_malformed():
    bad = CONTRACT.replace('CN="SSIN=75040404976", OU=eHealth-platform Belgium, O=Federal Government, C=BE',
                           "CN=www.example.org, O=Example, C=BE")
    with pytest.raises(MalformedResponse):
        messages.parse_generate_contract(response("GenerateContractResponse", bad))
    unparsable = CONTRACT.replace('CN="SSIN=75040404976", OU=eHealth-platform Belgium, O=Federal Government, C=BE',
                                  "just words")
    with pytest.raises(MalformedResponse):
        messages.parse_generate_contract(response("GenerateContractResponse", unparsable))


def test_the_conditions_in_the_users_language_or_another_one_sent():
    contract = messages.parse_generate_contract(response("GenerateContractResponse", CONTRACT))
    assert contract.languages == ("fr", "nl")
    assert (contract.text("nl"), contract.text_language("nl")) == ("<p>Ik vraag een certificaat</p>", "nl")
    assert contract.text("en") == "<p>Je demande un certificat</p>"          # no English: French
    only_nl = messages.Contract(contract.dn, contract.signer, {"nl": "<p>NL</p>", "fr": " "}, contract.xml)
    assert only_nl.text("fr") == "<p>NL</p>" and only_nl.text_language("en") == "nl"
    german = messages.Contract(contract.dn, contract.signer, {"de": "<p>DE</p>"}, contract.xml)
    assert german.text("fr") == "<p>DE</p>"
    assert contract.subject == messages.parse_dn(contract.dn)


def _certificate_with(subject: x509.Name) -> x509.Certificate:
    key = rsa.generate_private_key(65537, 2048)
    now = dt.datetime.now(dt.UTC)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(7).not_valid_before(now).not_valid_after(now + dt.timedelta(days=1))
            .sign(key, __import__("cryptography.hazmat.primitives.hashes", fromlist=["SHA256"]).SHA256()))


@pytest.mark.parametrize("kind, number, holder, application", [
    ("SSIN", SSIN, "ANNE DE SMET", None),
    ("CBE", "0123456789", "CABINET DE SMET", None),
    ("NIHII-PHARMACY", "54001234", "PHARMACIE CENTRALE", None),
    ("EHP", "1990000123", "HOPITAL DU SUD", "PACS"),
    ("CBE", "0123456789", "CABINET DE SMET", "ROUTING"),
])
def test_the_certificate_being_renewed_named_from_its_subject(kind, number, holder, application):
    from ehwatch.monitor import names

    requestor = Actor("SSIN", SSIN, "De Smet", ("Anne",))
    certificate = _certificate_with(names.build_subject(kind, number, holder, application))
    identifier = CertificateIdentifier.for_renewal(certificate, requestor)
    assert identifier.application_id == application
    if kind == "SSIN":
        assert identifier.actor == requestor
    else:   # the organisation: its type, id and name (the requestor's first names, as the connector sends)
        assert identifier.actor == Actor(kind, number, holder, ("Anne",))
    der = certificate.public_bytes(serialization.Encoding.DER)
    assert CertificateIdentifier.for_renewal(der, requestor) == identifier
    request = messages.generate_contract_request(CONTACT, requestor, identifier)
    schemas.validate(request)
    ns = {"p": messages.CERTRA, "c": messages.CERTRA_CORE, "m": messages.COMMONS}
    actor_id = request.find("p:CertificateIdentifier/c:Actor/m:Id", ns)
    assert (actor_id.get("Type"), actor_id.text) == (kind, number)
    assert request.findtext("p:CertificateIdentifier/c:ApplicationId", namespaces=ns) == application
    if kind != "SSIN":
        renamed = CertificateIdentifier.for_renewal(certificate, requestor, organisation_name="Cabinet Anne De Smet")
        assert renamed.actor.name == "Cabinet Anne De Smet"


def test_a_certificate_that_is_not_ehealths_names_nothing():
    certificate = _certificate_with(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "www.example.org")]))
    with pytest.raises(ValueError):
        CertificateIdentifier.for_renewal(certificate, Actor("SSIN", SSIN, "X"))
