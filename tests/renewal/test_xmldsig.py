"""Enveloped XML-DSig on eHealth requests: ehwatch signs (``renewal/xmldsig.py``), independent code
verifies — xmlsec1, signxml, and the sandbox's verifier (``sandbox/crypto.py``, built on signxml)."""
from __future__ import annotations

import base64
import subprocess

import pytest
import signxml.exceptions
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from lxml import etree
from signxml import XMLVerifier
from signxml.algorithms import SignatureMethod
from signxml.verifier import SignatureConfiguration

from ehwatch.renewal import messages, schemas, xmldsig
from ehwatch.renewal.xmldsig import SoftwareSigner
from ehwatch.sandbox import crypto
from ehwatch.sandbox.crypto import SignatureInvalid
from ehwatch.sandbox.token import card_certificate, eid_ca
from tests.support.tools import need_tool

DS = {"ds": xmldsig.DS}
PEM = serialization.Encoding.PEM


@pytest.fixture(scope="module")
def ca(tmp_path_factory):
    key, der = eid_ca(tmp_path_factory.mktemp("eid-ca"))
    return key, x509.load_der_x509_certificate(der)


def software_signer(ca, key) -> SoftwareSigner:
    ca_key, ca_cert = ca
    leaf = card_certificate(ca_key, ca_cert, key.public_key(), "75040404976", "Anne De Smet", "Signature")
    return SoftwareSigner(key, [leaf.public_bytes(serialization.Encoding.DER),
                                ca_cert.public_bytes(serialization.Encoding.DER)])


@pytest.fixture(scope="module", params=["rsa", "ec-p384"])
def signer(request, ca):
    key = rsa.generate_private_key(65537, 2048) if request.param == "rsa" else ec.generate_private_key(ec.SECP384R1())
    return software_signer(ca, key)


def signed_request(signer) -> etree._Element:
    return xmldsig.sign_enveloped(messages.actor_qualities_request("75040404976"), signer)


def xmlsec1_verify(tmp_path, element: etree._Element, ca_cert: x509.Certificate) -> subprocess.CompletedProcess:
    """xmlsec1 checks the signature AND the chain in KeyInfo up to the trusted CA only."""
    xmlsec1 = need_tool("xmlsec1")
    (tmp_path / "ca.pem").write_bytes(ca_cert.public_bytes(PEM))
    (tmp_path / "signed.xml").write_bytes(etree.tostring(element, xml_declaration=True, encoding="UTF-8"))
    return subprocess.run([xmlsec1, "--verify", "--id-attr:Id", etree.QName(element).localname,
                           "--trusted-pem", str(tmp_path / "ca.pem"), str(tmp_path / "signed.xml")],
                          capture_output=True, text=True, timeout=60)


def signxml_verify(element: etree._Element, signer):
    leaf = x509.load_der_x509_certificate(signer.certificate_chain()[0])
    config = SignatureConfiguration(require_x509=True, location="./", signature_methods=frozenset(SignatureMethod))
    return XMLVerifier().verify(etree.tostring(element), x509_cert=leaf.public_bytes(PEM).decode(),
                                id_attribute="Id", expect_config=config)


def test_signature_follows_the_ehealth_profile(signer):
    request = signed_request(signer)
    signature = request.find("ds:Signature", DS)
    assert request.index(signature) == len(request) - 1            # after SSIN, as the XSD wants
    assert signature.get("Id").startswith("xmldsig-")
    assert signature.find("ds:SignedInfo/ds:CanonicalizationMethod", DS).get("Algorithm") == xmldsig.EXC_C14N
    assert signature.find("ds:SignedInfo/ds:SignatureMethod", DS).get("Algorithm") == signer.signature_method
    reference = signature.find("ds:SignedInfo/ds:Reference", DS)
    assert reference.get("URI") == "#" + request.get("Id")
    assert [t.get("Algorithm") for t in reference.iterfind("ds:Transforms/ds:Transform", DS)] == \
        [xmldsig.ENVELOPED, xmldsig.EXC_C14N]
    assert reference.find("ds:DigestMethod", DS).get("Algorithm") == xmldsig.SHA256
    certificates = [base64.b64decode(c.text) for c in signature.iterfind("ds:KeyInfo/ds:X509Data/ds:X509Certificate", DS)]
    assert certificates == signer.certificate_chain()                # the whole chain
    schemas.validate(request)


def test_xmlsec1_verifies_our_signature_and_chain(signer, ca, tmp_path):
    result = xmlsec1_verify(tmp_path, signed_request(signer), ca[1])
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stderr


def test_signxml_verifies_our_signature(signer):
    request = signed_request(signer)
    verified = signxml_verify(request, signer)
    assert etree.QName(verified.signed_xml).localname == "GetActorQualitiesRequest"


def test_the_sandbox_verifier_returns_the_chain_leaf_first(signer):
    request = signed_request(signer)
    assert crypto.verify_enveloped(request) == signer.certificate_chain()
    # the signature survives serialisation, a SOAP envelope and a re-parse
    from ehwatch.renewal import soap

    payload = soap.body_payload(soap.envelope(request))
    assert crypto.verify_enveloped(payload) == signer.certificate_chain()


def test_a_tampered_request_fails_every_verifier(signer, ca, tmp_path):
    request = signed_request(signer)
    request.find(f"{{{messages.CERTRA}}}SSIN").text = "71010112345"
    with pytest.raises(SignatureInvalid) as refused:
        crypto.verify_enveloped(request)
    assert "signxml" in refused.value.reason and "digest" in refused.value.reason.lower()
    assert xmlsec1_verify(tmp_path, request, ca[1]).returncode != 0
    with pytest.raises(signxml.exceptions.SignXMLException):
        signxml_verify(request, signer)


def test_a_forged_signature_value_fails(signer, ca, tmp_path):
    request = signed_request(signer)
    value = request.find("ds:Signature/ds:SignatureValue", DS)
    raw = bytearray(base64.b64decode(value.text))
    raw[len(raw) // 2] ^= 0x01
    value.text = base64.b64encode(bytes(raw)).decode()
    with pytest.raises(SignatureInvalid) as refused:
        crypto.verify_enveloped(request)
    assert "signxml" in refused.value.reason
    assert xmlsec1_verify(tmp_path, request, ca[1]).returncode != 0


def test_another_key_in_keyinfo_fails(signer, ca):
    """Swapping in someone else's certificate (a valid one from the same CA) does not pass."""
    request = signed_request(signer)
    other = software_signer(ca, rsa.generate_private_key(65537, 2048))
    node = request.find("ds:Signature/ds:KeyInfo/ds:X509Data/ds:X509Certificate", DS)
    node.text = base64.b64encode(other.certificate_chain()[0]).decode()
    with pytest.raises(SignatureInvalid):
        crypto.verify_enveloped(request)
    with pytest.raises(signxml.exceptions.SignXMLException):
        signxml_verify(request, other)


def test_the_product_carries_no_verifier():
    """Issue 11: code only the sandbox uses lives in the sandbox."""
    assert not hasattr(xmldsig, "verify_enveloped")


def test_unsigned_and_wrapped_requests_are_refused(signer):
    with pytest.raises(SignatureInvalid) as refused:
        crypto.verify_enveloped(messages.actor_qualities_request("75040404976"))
    assert refused.value.reason == "no signature"
    # a signature made for another element, moved onto this one
    signed = signed_request(signer)
    victim = messages.actor_qualities_request("71010112345")
    victim.append(signed.find("ds:Signature", DS))
    with pytest.raises(SignatureInvalid) as refused:
        crypto.verify_enveloped(victim)
    assert "reference" in refused.value.reason
    # a transform outside the profile (here an XPath) is refused, not executed
    signed = signed_request(signer)
    transform = signed.find("ds:Signature/ds:SignedInfo/ds:Reference/ds:Transforms/ds:Transform", DS)
    transform.set("Algorithm", "http://www.w3.org/TR/1999/REC-xpath-19991116")
    with pytest.raises(SignatureInvalid):
        crypto.verify_enveloped(signed)


def test_the_sandbox_verifier_accepts_a_pretty_printed_signature_made_by_xmlsec1(ca, tmp_path):
    """An independent signer (xmlsec1 filling a template) with newlines around the Signature: the
    enveloped transform removes the element, not the whitespace after it."""
    xmlsec1 = need_tool("xmlsec1")
    signer = software_signer(ca, rsa.generate_private_key(65537, 2048))
    template = etree.tostring(xmldsig.sign_enveloped(messages.actor_qualities_request("75040404976"), signer))
    document = etree.fromstring(template)
    signature = document.find("ds:Signature", DS)
    for node in signature.iterfind(".//ds:DigestValue", DS):
        node.text = ""
    signature.find("ds:SignatureValue", DS).text = ""
    x509_data = signature.find("ds:KeyInfo/ds:X509Data", DS)
    for node in list(x509_data):
        x509_data.remove(node)
    etree.indent(document)                       # newlines and spaces everywhere, tails included
    assert signature.tail and signature.tail.isspace()
    (tmp_path / "template.xml").write_bytes(etree.tostring(document))
    key_pem, cert_pem = tmp_path / "key.pem", tmp_path / "cert.pem"
    key_pem.write_bytes(signer._key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                  serialization.NoEncryption()))
    cert_pem.write_bytes(x509.load_der_x509_certificate(signer.certificate_chain()[0]).public_bytes(PEM))
    made = subprocess.run([xmlsec1, "--sign", "--privkey-pem", f"{key_pem},{cert_pem}", "--id-attr:Id",
                           "GetActorQualitiesRequest", "--output", str(tmp_path / "signed.xml"),
                           str(tmp_path / "template.xml")], capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    signed = etree.fromstring((tmp_path / "signed.xml").read_bytes())
    assert crypto.verify_enveloped(signed)[0] == signer.certificate_chain()[0]


def test_software_signer_refuses_an_unknown_key_type():
    from cryptography.hazmat.primitives.asymmetric import ed25519

    with pytest.raises(ValueError):
        SoftwareSigner(ed25519.Ed25519PrivateKey.generate(), [b"x"])
    with pytest.raises(ValueError):
        SoftwareSigner(rsa.generate_private_key(65537, 2048), [])


@pytest.mark.parametrize("card_name", ["rsa_card", "ec_card"])
def test_eid_signature_on_softhsm_verifies_independently(card_name, request, tmp_path):
    """The eID stand-in (SoftHSM2, RSA 2048 and EC P-384) signs GenerateCertificate-style requests."""
    card = request.getfixturevalue(card_name)
    from ehwatch.renewal.eid import Eid

    with Eid(card.module, pin_callback=lambda _request: card.pin) as eid:
        signer = eid.signer("Signature")
        element = xmldsig.sign_enveloped(messages.actor_qualities_request(card.ssin), signer)
        chain = signer.certificate_chain()
    expected = xmldsig.ECDSA_SHA384 if card.key_type == "ec" else xmldsig.RSA_SHA256
    assert element.find("ds:Signature/ds:SignedInfo/ds:SignatureMethod", DS).get("Algorithm") == expected
    assert crypto.verify_enveloped(element)[0] == chain[0]
    ca_cert = x509.load_der_x509_certificate(eid_ca(card.conf.parent)[1])  # the token's own eID CA
    result = xmlsec1_verify(tmp_path, element, ca_cert)
    assert result.returncode == 0, result.stderr
    leaf = x509.load_der_x509_certificate(chain[0])
    config = SignatureConfiguration(require_x509=True, location="./", signature_methods=frozenset(SignatureMethod))
    XMLVerifier().verify(etree.tostring(element), x509_cert=leaf.public_bytes(PEM).decode(), id_attribute="Id",
                         expect_config=config)
