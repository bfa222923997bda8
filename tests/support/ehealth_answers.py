"""eHealth answers written by hand from the XSDs (each validated against them before use), and a
software eID signer; shared by the message and client tests. Fixture: ``eid`` (module scope)."""
from __future__ import annotations

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from lxml import etree

from ehwatch.renewal import messages, schemas, xmldsig
from ehwatch.renewal.messages import ContactData
from ehwatch.sandbox.token import card_certificate, eid_ca

SSIN = "75040404976"
PKI = "00112233445566778899aabbccddeeff00112233"
OK = '<core:Status><core:StatusCode Value="urn:be:fgov:ehealth:2.0:status:Success"/></core:Status>'
NS = ('xmlns="{ns}" xmlns:core="urn:be:fgov:ehealth:commons:core:v2" '
      'xmlns:c="urn:be:fgov:ehealth:certra:core:v2" xmlns:etee="urn:be:fgov:ehealth:etee:commons:core:v2"')
CONTACT = ContactData(email="anne@example.be", phone="+3221234567", general_email="info@cabinet.be")


def response(name: str, body: str, status: str = OK, namespace: str = messages.CERTRA) -> etree._Element:
    """A v2 StatusResponseType answer, checked against the XSDs before it is used."""
    element = etree.fromstring(
        f'<{name} {NS.format(ns=namespace)} Id="_r1" InResponseTo="_q1" IssueInstant="2026-11-28T10:00:00.000+01:00">'
        f'{status}{body}</{name}>'.encode())
    schemas.validate(element)
    return element


def error_status(code: str, message: str = "Explanation from eHealth") -> str:
    return ('<core:Status><core:StatusCode Value="urn:be:fgov:ehealth:2.0:status:Requester"/>'
            f'<core:StatusMessage>{message}</core:StatusMessage><core:StatusDetail><etee:EteeStatusDetail>'
            f'<Errors xmlns=""><Code>{code}</Code><Message>{message}</Message></Errors>'
            '</etee:EteeStatusDetail></core:StatusDetail></core:Status>')


CONTRACT = ('<Contract><c:DN>CN="SSIN=75040404976", OU=eHealth-platform Belgium, O=Federal Government, C=BE</c:DN>'
            '<c:Signer><core:Id Type="SSIN">75040404976</core:Id><core:FirstName>Anne</core:FirstName>'
            '<core:Name>De Smet</core:Name></c:Signer><c:Text>'
            '<c:Value xml:lang="fr">&lt;p&gt;Je demande un certificat&lt;/p&gt;</c:Value>'
            '<c:Value xml:lang="nl">&lt;p&gt;Ik vraag een certificaat&lt;/p&gt;</c:Value></c:Text></Contract>')

CERTIFICATE_INFO = (
    '<CertificateInfo><c:RequestedDate>2023-12-01T09:00:00Z</c:RequestedDate>'
    f'<c:PublicKeyIdentifier>{PKI.upper()}</c:PublicKeyIdentifier>'
    '<c:CertificateEntity EntityType="NaturalPerson"><c:CertificateIdentifier><c:Actor>'
    '<core:Id Type="SSIN">75040404976</core:Id><core:Name>De Smet</core:Name></c:Actor>'
    '</c:CertificateIdentifier></c:CertificateEntity>'
    '<c:AuthenticationCertificateStatus>VALID_ACTIVE</c:AuthenticationCertificateStatus>'
    '<c:ETKStatus>VALID_ACTIVE</c:ETKStatus><c:AutomaticallyValidated>true</c:AutomaticallyValidated>'
    '<c:AuthenticationCertificateDetails><c:SerialNumber>1234</c:SerialNumber><c:DN>CN=x</c:DN>'
    '<c:IssuerDN>CN=ca</c:IssuerDN><c:ValidNotBefore>2023-12-10T00:00:00Z</c:ValidNotBefore>'
    '<c:ValidNotAfter>2026-12-10T00:00:00+01:00</c:ValidNotAfter></c:AuthenticationCertificateDetails>'
    '<c:Revocable>true</c:Revocable><c:Replaceable>false</c:Replaceable>'
    '<c:ReplacementPeriodStartDate>2026-09-11T00:00:00.5</c:ReplacementPeriodStartDate>'
    '<c:ContactData><c:EmailPrivate>anne@example.be</c:EmailPrivate><c:PhonePrivate>+3221234567</c:PhonePrivate>'
    '</c:ContactData><c:BaseServiceUsage>ehbox</c:BaseServiceUsage></CertificateInfo>')


@pytest.fixture(scope="module")
def eid(tmp_path_factory):
    """A software stand-in for the eID Signature key and certificate (sandbox eID CA)."""
    ca_key, ca_der = eid_ca(tmp_path_factory.mktemp("eid-ca"))
    key = rsa.generate_private_key(65537, 2048)
    leaf = card_certificate(ca_key, x509.load_der_x509_certificate(ca_der), key.public_key(), SSIN,
                            "Anne De Smet", "Signature")
    return xmldsig.SoftwareSigner(key, [leaf.public_bytes(serialization.Encoding.DER), ca_der])


def depot(body: str, code: str = "200") -> etree._Element:
    element = etree.fromstring(
        f'<GetEtkResponse xmlns="{messages.ETKDEPOT}" xmlns:c1="{messages.COMMONS_V1}" Id="_d">'
        f'<c1:Status><Code xmlns="">{code}</Code><Message xmlns="" Lang="EN">OK</Message></c1:Status>{body}</GetEtkResponse>'.encode())
    schemas.validate(element)
    return element
