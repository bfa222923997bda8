"""Enveloped XML-DSig signatures on eHealth requests, the way the platform expects them.

One profile only (facts §2): Signature Id ``xmldsig-<uuid>``, SignedInfo canonicalized with
exclusive C14N, one Reference to ``#<request Id>`` with the enveloped-signature and exclusive-C14N
transforms and a SHA-256 digest, and the signer's whole chain in KeyInfo/X509Data. The verifier
accepts exactly that profile (no other transform, no other reference target), which keeps it
small and closes the usual signature-wrapping tricks; the sandbox uses it on what it receives.
"""
from __future__ import annotations

import base64
import hashlib
import uuid
from typing import Protocol, runtime_checkable

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

from ehwatch.errors import EhwatchError
from ehwatch.renewal import schemas

DS = "http://www.w3.org/2000/09/xmldsig#"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
RSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384"
RSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"
ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
ECDSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384"
ECDSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512"

SIGNATURE_HASHES = {
    RSA_SHA256: hashes.SHA256, RSA_SHA384: hashes.SHA384, RSA_SHA512: hashes.SHA512,
    ECDSA_SHA256: hashes.SHA256, ECDSA_SHA384: hashes.SHA384, ECDSA_SHA512: hashes.SHA512,
}


def _ds(name: str) -> str:
    return f"{{{DS}}}{name}"


class SignatureInvalid(EhwatchError):
    """A signature that is missing, malformed, outside the profile, or does not verify."""

    def __init__(self, reason: str):
        super().__init__("ehealth.signature_invalid", reason=reason)
        self.reason = reason


@runtime_checkable
class Signer(Protocol):
    """Anything that can sign SignedInfo: the eID over PKCS#11, or a software key."""

    signature_method: str   # an XML-DSig SignatureMethod URI

    def certificate_chain(self) -> list[bytes]:
        """DER certificates, the signer's own first."""

    def sign(self, data: bytes) -> bytes:
        """The signature of ``data`` (RSA PKCS#1 v1.5, or ECDSA as raw r||s, as XML-DSig wants)."""


def ecdsa_method(curve: ec.EllipticCurve) -> str:
    """The hash that matches the curve size (P-256 → SHA-256, P-384 → SHA-384, P-521 → SHA-512)."""
    if curve.key_size > 384:
        return ECDSA_SHA512
    return ECDSA_SHA384 if curve.key_size > 256 else ECDSA_SHA256


def raw_ecdsa(der_signature: bytes, curve: ec.EllipticCurve) -> bytes:
    """DER ECDSA signature → the fixed-size r||s XML-DSig carries."""
    r, s = decode_dss_signature(der_signature)
    size = (curve.key_size + 7) // 8
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


class SoftwareSigner:
    """A private key held in memory: the existing eHealth certificate's key from the keystore.

    Used for GetCertificateInfoForAuthenticationCertificate and the EtkRA calls (facts §2).
    """

    def __init__(self, private_key, chain: list[bytes]):
        if not chain:
            raise ValueError("a signer needs at least its own certificate")
        self._key = private_key
        self._chain = [c.public_bytes(Encoding.DER) if isinstance(c, x509.Certificate) else bytes(c) for c in chain]
        if isinstance(private_key, rsa.RSAPrivateKey):
            self.signature_method = RSA_SHA256
        elif isinstance(private_key, ec.EllipticCurvePrivateKey):
            self.signature_method = ecdsa_method(private_key.curve)
        else:
            raise ValueError(f"unsupported key type {type(private_key).__name__}")

    def certificate_chain(self) -> list[bytes]:
        return list(self._chain)

    def sign(self, data: bytes) -> bytes:
        algorithm = SIGNATURE_HASHES[self.signature_method]()
        if isinstance(self._key, rsa.RSAPrivateKey):
            return self._key.sign(data, padding.PKCS1v15(), algorithm)
        return raw_ecdsa(self._key.sign(data, ec.ECDSA(algorithm)), self._key.curve)


def _c14n(element: etree._Element, prefixes: list[str] | None = None) -> bytes:
    return etree.tostring(element, method="c14n", exclusive=True, with_comments=False,
                          inclusive_ns_prefixes=prefixes or None)


def _detached_copy(element: etree._Element) -> etree._Element:
    """The element alone in a document of its own, so that C14N sees no foreign context."""
    return etree.fromstring(etree.tostring(element))


def sign_enveloped(element: etree._Element, signer: Signer) -> etree._Element:
    """Adds the enveloped signature to ``element`` (in place, where its XSD wants it) and returns it."""
    reference_id = element.get("Id")
    if not reference_id:
        raise ValueError("the element to sign has no Id attribute")
    if element.find(_ds("Signature")) is not None:
        raise ValueError("the element is already signed")
    digest = base64.b64encode(hashlib.sha256(_c14n(_detached_copy(element))).digest()).decode()

    signature = etree.Element(_ds("Signature"), nsmap={"ds": DS}, Id=f"xmldsig-{uuid.uuid4()}")
    signed_info = etree.SubElement(signature, _ds("SignedInfo"))
    etree.SubElement(signed_info, _ds("CanonicalizationMethod"), Algorithm=EXC_C14N)
    etree.SubElement(signed_info, _ds("SignatureMethod"), Algorithm=signer.signature_method)
    reference = etree.SubElement(signed_info, _ds("Reference"), URI=f"#{reference_id}")
    transforms = etree.SubElement(reference, _ds("Transforms"))
    etree.SubElement(transforms, _ds("Transform"), Algorithm=ENVELOPED)
    etree.SubElement(transforms, _ds("Transform"), Algorithm=EXC_C14N)
    etree.SubElement(reference, _ds("DigestMethod"), Algorithm=SHA256)
    etree.SubElement(reference, _ds("DigestValue")).text = digest
    value = etree.SubElement(signature, _ds("SignatureValue"))
    key_info = etree.SubElement(signature, _ds("KeyInfo"))
    x509_data = etree.SubElement(key_info, _ds("X509Data"))
    for certificate in signer.certificate_chain():
        etree.SubElement(x509_data, _ds("X509Certificate")).text = base64.b64encode(certificate).decode()

    element.insert(schemas.signature_position(element), signature)
    value.text = base64.b64encode(signer.sign(_c14n(signed_info))).decode()
    return element


def _b64(node: etree._Element | None, what: str) -> bytes:
    if node is None or not (node.text or "").strip():
        raise SignatureInvalid(f"{what} missing")
    try:
        return base64.b64decode("".join(node.text.split()), validate=True)
    except ValueError:
        raise SignatureInvalid(f"{what} is not base64") from None


def _order_chain(certificates: list[x509.Certificate]) -> list[x509.Certificate]:
    """Leaf first: the one certificate that issued none of the others, then up the issuers."""
    issuers = {c.issuer for c in certificates if c.issuer != c.subject}
    leaves = [c for c in certificates if c.subject not in issuers] or certificates[:1]
    ordered = [leaves[0]]
    remaining = [c for c in certificates if c is not leaves[0]]
    while remaining:
        parent = next((c for c in remaining if c.subject == ordered[-1].issuer), None)
        if parent is None:
            ordered.extend(remaining)
            break
        ordered.append(parent)
        remaining.remove(parent)
    return ordered


def _check_algorithm(node: etree._Element | None, expected: set[str], what: str) -> str:
    algorithm = node.get("Algorithm") if node is not None else None
    if algorithm not in expected:
        raise SignatureInvalid(f"{what} {algorithm or 'missing'} is not accepted")
    return algorithm


def _verify_value(public_key, method: str, signature: bytes, data: bytes) -> None:
    algorithm = SIGNATURE_HASHES[method]()
    try:
        if method.startswith("http://www.w3.org/2001/04/xmldsig-more#rsa"):
            if not isinstance(public_key, rsa.RSAPublicKey):
                raise SignatureInvalid("the method is RSA but the certificate key is not")
            public_key.verify(signature, data, padding.PKCS1v15(), algorithm)
        else:
            if not isinstance(public_key, ec.EllipticCurvePublicKey):
                raise SignatureInvalid("the method is ECDSA but the certificate key is not")
            size = (public_key.curve.key_size + 7) // 8
            if len(signature) != 2 * size:
                raise SignatureInvalid("the ECDSA signature value has the wrong length")
            r, s = int.from_bytes(signature[:size], "big"), int.from_bytes(signature[size:], "big")
            public_key.verify(encode_dss_signature(r, s), data, ec.ECDSA(algorithm))
    except InvalidSignature:
        raise SignatureInvalid("the signature value does not match") from None


def _remove_keeping_tail(node: etree._Element) -> None:
    """The enveloped-signature transform drops the Signature element only, not the text after it
    (lxml's ``remove`` would take that text along: a pretty-printed signer's newline)."""
    parent, previous, tail = node.getparent(), node.getprevious(), node.tail
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)


def verify_enveloped(element: etree._Element) -> list[bytes]:
    """Checks the enveloped signature of ``element`` with the leaf certificate it carries.

    Returns the certificate chain (DER, leaf first). Trust in that chain is the caller's business
    (the sandbox checks it against its eID CA). Raises ``SignatureInvalid``.
    """
    signatures = element.findall(_ds("Signature"))
    if len(signatures) != 1:
        raise SignatureInvalid("no signature" if not signatures else "more than one signature")
    if len(element.findall(f".//{_ds('Signature')}")) != 1:
        raise SignatureInvalid("unexpected nested signature")
    signature = signatures[0]
    signed_info = signature.find(_ds("SignedInfo"))
    if signed_info is None:
        raise SignatureInvalid("SignedInfo missing")
    _check_algorithm(signed_info.find(_ds("CanonicalizationMethod")), {EXC_C14N}, "canonicalization")
    method = _check_algorithm(signed_info.find(_ds("SignatureMethod")), set(SIGNATURE_HASHES), "signature method")
    references = signed_info.findall(_ds("Reference"))
    if len(references) != 1:
        raise SignatureInvalid("exactly one reference is expected")
    reference = references[0]
    element_id = element.get("Id")
    if not element_id or reference.get("URI") != f"#{element_id}":
        raise SignatureInvalid("the reference does not point at the signed request")
    transforms = reference.findall(f"{_ds('Transforms')}/{_ds('Transform')}")
    if [t.get("Algorithm") for t in transforms] not in ([ENVELOPED, EXC_C14N], [ENVELOPED]):
        raise SignatureInvalid("the transforms are not enveloped-signature + exclusive C14N")
    prefixes = None
    for transform in transforms:
        inclusive = transform.find(f"{{{EXC_C14N}}}InclusiveNamespaces")
        if inclusive is not None:
            prefixes = (inclusive.get("PrefixList") or "").split()
    _check_algorithm(reference.find(_ds("DigestMethod")), {SHA256}, "digest method")
    expected_digest = _b64(reference.find(_ds("DigestValue")), "DigestValue")

    copy = _detached_copy(element)
    _remove_keeping_tail(copy.find(_ds("Signature")))
    if hashlib.sha256(_c14n(copy, prefixes)).digest() != expected_digest:
        raise SignatureInvalid("the signed content was changed (digest mismatch)")

    encoded = signature.findall(f"{_ds('KeyInfo')}/{_ds('X509Data')}/{_ds('X509Certificate')}")
    if not encoded:
        raise SignatureInvalid("no certificate in KeyInfo")
    try:
        certificates = [x509.load_der_x509_certificate(_b64(node, "X509Certificate")) for node in encoded]
    except ValueError:
        raise SignatureInvalid("a certificate in KeyInfo cannot be read") from None
    chain = _order_chain(certificates)
    signed_info_prefixes = None
    inclusive = signed_info.find(f"{_ds('CanonicalizationMethod')}/{{{EXC_C14N}}}InclusiveNamespaces")
    if inclusive is not None:
        signed_info_prefixes = (inclusive.get("PrefixList") or "").split()
    _verify_value(chain[0].public_key(), method, _b64(signature.find(_ds("SignatureValue")), "SignatureValue"),
                  _c14n(signed_info, signed_info_prefixes))
    return [c.public_bytes(Encoding.DER) for c in chain]
