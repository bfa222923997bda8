"""The sandbox's own cryptography, independent of the client it tests.

``verify_enveloped`` checks a request's XML signature with signxml (its own C14N, digest and
signature code, not ehwatch's ``renewal/xmldsig.py``), after checking that the signature follows
the one profile eHealth's connector produces (facts §2): enveloped, exclusive C14N, one reference
to the request's own ``Id``, SHA-256 digest, RSA/ECDSA-SHA2 signature, the chain in KeyInfo.
``make_etk_challenge`` is what EtkRA sends in answer to StartETKRegistration.
"""
from __future__ import annotations

import hashlib

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

DS = "http://www.w3.org/2000/09/xmldsig#"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
ETK_SERIAL_BYTES = 16


class SignatureInvalid(Exception):
    """A signature that is missing, outside the profile, or that signxml does not verify."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _ds(name: str) -> str:
    return f"{{{DS}}}{name}"


def _order_chain(certificates: list[x509.Certificate]) -> list[x509.Certificate]:
    """Leaf first: the certificate that issued none of the others, then up its issuers."""
    issuers = {c.issuer for c in certificates if c.issuer != c.subject}
    leaves = [c for c in certificates if c.subject not in issuers] or certificates[:1]
    ordered, remaining = [leaves[0]], [c for c in certificates if c is not leaves[0]]
    while remaining:
        parent = next((c for c in remaining if c.subject == ordered[-1].issuer), None)
        if parent is None:
            ordered.extend(remaining)
            break
        ordered.append(parent)
        remaining.remove(parent)
    return ordered


def _check_profile(element: etree._Element) -> etree._Element:
    signatures = element.findall(_ds("Signature"))
    if len(signatures) != 1 or len(element.findall(f".//{_ds('Signature')}")) != 1:
        raise SignatureInvalid("no signature" if not signatures else "more than one signature")
    signature = signatures[0]
    signed_info = signature.find(_ds("SignedInfo"))
    if signed_info is None:
        raise SignatureInvalid("SignedInfo missing")
    c14n = signed_info.find(_ds("CanonicalizationMethod"))
    if c14n is None or c14n.get("Algorithm") != EXC_C14N:
        raise SignatureInvalid("SignedInfo is not canonicalized with exclusive C14N")
    references = signed_info.findall(_ds("Reference"))
    if len(references) != 1 or not element.get("Id") or references[0].get("URI") != f"#{element.get('Id')}":
        raise SignatureInvalid("the one reference must point at the signed request's Id")
    transforms = [t.get("Algorithm") for t in references[0].iterfind(f"{_ds('Transforms')}/{_ds('Transform')}")]
    if transforms not in ([ENVELOPED, EXC_C14N], [ENVELOPED]):
        raise SignatureInvalid("the transforms are not enveloped-signature + exclusive C14N")
    digest = references[0].find(_ds("DigestMethod"))
    if digest is None or digest.get("Algorithm") != SHA256:
        raise SignatureInvalid("the digest is not SHA-256")
    return signature


def verify_enveloped(element: etree._Element) -> list[bytes]:
    """Verifies ``element``'s enveloped signature with signxml; returns the chain (DER, leaf first).

    Trust in the chain is the caller's business (the sandbox checks it against its CAs)."""
    from signxml import SignatureConfiguration, SignatureMethod, XMLVerifier
    from signxml.exceptions import InvalidInput, InvalidSignature

    signature = _check_profile(element)
    encoded = signature.findall(f"{_ds('KeyInfo')}/{_ds('X509Data')}/{_ds('X509Certificate')}")
    if not encoded:
        raise SignatureInvalid("no certificate in KeyInfo")
    try:
        import base64

        chain = _order_chain([x509.load_der_x509_certificate(base64.b64decode("".join((n.text or "").split())))
                              for n in encoded])
    except ValueError:
        raise SignatureInvalid("a certificate in KeyInfo cannot be read") from None
    config = SignatureConfiguration(
        require_x509=True, location="./", expect_references=1,
        signature_methods=frozenset({SignatureMethod.RSA_SHA256, SignatureMethod.RSA_SHA384,
                                     SignatureMethod.RSA_SHA512, SignatureMethod.ECDSA_SHA256,
                                     SignatureMethod.ECDSA_SHA384, SignatureMethod.ECDSA_SHA512}))
    document = etree.tostring(element)
    try:
        result = XMLVerifier().verify(document, x509_cert=chain[0], id_attribute="Id", expect_config=config)
    except (InvalidSignature, InvalidInput) as exc:
        raise SignatureInvalid(f"signxml: {exc}") from None
    except Exception as exc:   # signxml's other refusals (schema of the signature, unknown algorithm…)
        raise SignatureInvalid(f"signxml: {type(exc).__name__}: {exc}") from None
    signed = result.signed_xml
    if signed is None or signed.get("Id") != element.get("Id") or signed.tag != element.tag:
        raise SignatureInvalid("the signature covers another element than the request")
    return [c.public_bytes(Encoding.DER) for c in chain]


def make_etk_challenge(serial16: bytes, etk_public_key: rsa.RSAPublicKey) -> bytes:
    """EtkRA's challenge: RSA-PKCS#1-v1.5(serial) || SHA-256(serial) (facts §2, the connector's
    ``CertificateUtils.obtainSerialNumber`` reads it)."""
    if len(serial16) != ETK_SERIAL_BYTES:
        raise ValueError("the ETK serial is 16 bytes")
    return etk_public_key.encrypt(serial16, padding.PKCS1v15()) + hashlib.sha256(serial16).digest()
