"""Enveloped XML-DSig signatures on eHealth requests, the way the platform expects them.

One profile only (facts §2): Signature Id ``xmldsig-<uuid>``, SignedInfo canonicalized with
exclusive C14N, one Reference to ``#<request Id>`` with the enveloped-signature and exclusive-C14N
transforms and a SHA-256 digest, and the signer's whole chain in KeyInfo/X509Data. The product
only signs; what it signs is verified elsewhere with independent code (the sandbox with signxml,
the tests with xmlsec1 and signxml), so a mistake here cannot hide behind a matching verifier.
"""
from __future__ import annotations

import base64
import hashlib
import uuid
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

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

SIGNATURE_HASHES: dict[str, Callable[[], hashes.HashAlgorithm]] = {
    RSA_SHA256: hashes.SHA256, RSA_SHA384: hashes.SHA384, RSA_SHA512: hashes.SHA512,
    ECDSA_SHA256: hashes.SHA256, ECDSA_SHA384: hashes.SHA384, ECDSA_SHA512: hashes.SHA512,
}


def _ds(name: str) -> str:
    return f"{{{DS}}}{name}"


@runtime_checkable
class Signer(Protocol):
    """Anything that can sign SignedInfo: the eID over PKCS#11, or a software key."""

    @property
    def signature_method(self) -> str:
        """An XML-DSig SignatureMethod URI (read-only: the eID's signer computes it from its key)."""

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

    def __init__(self, private_key: object, chain: Sequence[bytes | x509.Certificate]) -> None:
        # ``object``: a keystore entry holds whatever key it decrypted; only RSA and EC keys sign here
        if not chain:
            raise ValueError("a signer needs at least its own certificate")
        self._chain = [c.public_bytes(Encoding.DER) if isinstance(c, x509.Certificate) else bytes(c) for c in chain]
        self._key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
        if isinstance(private_key, rsa.RSAPrivateKey):
            self._key = private_key
            self.signature_method = RSA_SHA256
        elif isinstance(private_key, ec.EllipticCurvePrivateKey):
            self._key = private_key
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
