"""The key material of a renewal, as the eHealth platform expects it (facts file §2).

Pure cryptography, no I/O: a new RSA key and its PKCS#10 request, the serial-0 placeholder
certificate that marks a pending request inside a keystore, the ETK challenge (decoded here; the
sandbox makes its own), the self-issued ETK certificate, and the PublicKeyIdentifier that names a key in
CertRA. Certificates that ``cryptography`` refuses to build (serial 0) or must re-encode (a name
copied byte for byte from another certificate) are assembled with asn1crypto and signed with
``cryptography``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from ehwatch.errors import EhwatchError
from ehwatch.renewal.messages import parse_dn  # noqa: F401  (the contract's DN string → x509.Name)

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.types import (
        CertificatePublicKeyTypes,
        PrivateKeyTypes,
        PublicKeyTypes,
    )

    from ehwatch.renewal.messages import Contract

RSA_BITS = 2048  # the platform rejects anything but RSA 2048 for eHealth keys
ETK_SERIAL_BYTES = 16
CHALLENGE_HASH_BYTES = 32  # SHA-256 of the serial, appended to the encrypted nonce
PLACEHOLDER_LIFETIME = dt.timedelta(minutes=1)

_SIGNATURE_ALGORITHMS = {  # hash name -> (asn1crypto RSA name, asn1crypto ECDSA name)
    "sha1": ("sha1_rsa", "sha1_ecdsa"),
    "sha256": ("sha256_rsa", "sha256_ecdsa"),
    "sha384": ("sha384_rsa", "sha384_ecdsa"),
    "sha512": ("sha512_rsa", "sha512_ecdsa"),
}
_HASHES: dict[str, Callable[[], hashes.HashAlgorithm]] = {"sha1": hashes.SHA1, "sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}


def new_rsa_key() -> rsa.RSAPrivateKey:
    """A fresh RSA 2048 key (authentication or ETK)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)


def build_csr(key: rsa.RSAPrivateKey, subject: x509.Name) -> bytes:
    """PKCS#10 request in DER, SHA256withRSA, carrying ``subject`` exactly (no extensions: CertRA adds them)."""
    csr = x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())
    return csr.public_bytes(serialization.Encoding.DER)


class CsrSubjectMismatch(EhwatchError):
    """The CSR does not name exactly the DN eHealth will certify (the contract's): never sent."""

    def __init__(self, csr_subject: str, contract_dn: str):
        super().__init__("keys.csr_subject_mismatch", csr=csr_subject, dn=contract_dn)
        self.csr_subject, self.contract_dn = csr_subject, contract_dn


class CsrKeyRefused(EhwatchError):
    """The CSR's key is not what the platform certifies (RSA, at least 2048 bits)."""

    def __init__(self, detail: str):
        super().__init__("keys.csr_key_refused", detail=detail)


def build_csr_for_contract(key: rsa.RSAPrivateKey, contract: Contract | x509.Name) -> bytes:
    """The CSR for the DN in GenerateContract's answer (``contract.subject``), checked before it is
    used, as the connector's ``NewCertificateContract`` does (``createCSR`` then ``verifyPKCS10``)."""
    subject = contract.subject if not isinstance(contract, x509.Name) else contract
    csr = build_csr(key, subject)
    check_csr_subject(csr, subject)
    return csr


def check_csr_subject(csr: x509.CertificateSigningRequest | bytes | bytearray, expected: x509.Name) -> None:
    """The CSR carries an RSA key of at least 2048 bits and its subject equals ``expected``
    attribute for attribute, in order. Raises ``CsrSubjectMismatch`` / ``CsrKeyRefused``."""
    if not isinstance(csr, x509.CertificateSigningRequest):
        csr = x509.load_der_x509_csr(bytes(csr))
    key = csr.public_key()
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < RSA_BITS:
        raise CsrKeyRefused(type(key).__name__ + (f" {key.key_size}" if hasattr(key, "key_size") else ""))
    if _name_attributes(csr.subject) != _name_attributes(expected):
        raise CsrSubjectMismatch(csr.subject.rfc4514_string(), expected.rfc4514_string())


def _name_attributes(name: x509.Name) -> list[list[tuple[str, str]]]:
    return [sorted((a.oid.dotted_string, str(a.value)) for a in rdn) for rdn in name.rdns]


def public_key_identifier(public_key: CertificatePublicKeyTypes) -> str:
    """CertRA's ``PublicKeyIdentifier`` of a key, as lower-case hex (40 digits).

    The XSD type (etee core v2) is ``xs:hexBinary`` of length 20 documented as RFC 5280 §4.2.1.2
    method 1: the SHA-1 of the *value* of the subjectPublicKey BIT STRING (not of the whole
    SubjectPublicKeyInfo). It is also the Subject Key Identifier of the delivered certificate.
    hexBinary is case-insensitive: compare identifiers with ``.lower()``.
    """
    return x509.SubjectKeyIdentifier.from_public_key(public_key).digest.hex()


def _spki(public_key: PublicKeyTypes) -> asn1_keys.PublicKeyInfo:
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return asn1_keys.PublicKeyInfo.load(der)


def _sign_tbs(tbs: asn1_x509.TbsCertificate, signing_key: PrivateKeyTypes | None, hash_name: str) -> bytes:
    """Signs the DER of ``tbs`` with ``signing_key`` and returns the certificate's DER (a keystore
    entry's key as it was read: only RSA and EC keys sign, anything else is a TypeError)."""
    algorithm = hash_name.lower()
    if algorithm not in _HASHES:
        raise ValueError(f"unsupported signature hash {hash_name}")
    rsa_name, ecdsa_name = _SIGNATURE_ALGORITHMS[algorithm]
    if isinstance(signing_key, rsa.RSAPrivateKey):
        sig_alg = asn1_x509.SignedDigestAlgorithm({"algorithm": rsa_name, "parameters": None})
    elif isinstance(signing_key, ec.EllipticCurvePrivateKey):
        sig_alg = asn1_x509.SignedDigestAlgorithm({"algorithm": ecdsa_name})
    else:
        raise TypeError("RSA or EC key expected")
    tbs["signature"] = sig_alg
    data = tbs.dump(force=True)
    if isinstance(signing_key, rsa.RSAPrivateKey):
        signature = signing_key.sign(data, padding.PKCS1v15(), _HASHES[algorithm]())
    else:
        signature = signing_key.sign(data, ec.ECDSA(_HASHES[algorithm]()))
    cert = asn1_x509.Certificate({"tbs_certificate": tbs, "signature_algorithm": sig_alg,
                                  "signature_value": signature})
    der: bytes = cert.dump()        # asn1crypto is untyped: dump() gives the DER bytes
    return der


def _encryption_key_usage() -> dict[str, Any]:
    """keyUsage keyEncipherment + dataEncipherment, critical (placeholder and ETK certificates)."""
    return {"extn_id": "key_usage", "critical": True,
            "extn_value": asn1_x509.KeyUsage({"key_encipherment", "data_encipherment"})}


def _time(moment: dt.datetime) -> asn1_x509.Time:
    """UTCTime until 2049, GeneralizedTime after (RFC 5280 §4.1.2.5)."""
    moment = moment.astimezone(dt.UTC).replace(microsecond=0)
    if moment.year < 2050:
        return asn1_x509.Time(name="utc_time", value=moment)
    return asn1_x509.Time(name="general_time", value=moment)


def placeholder_certificate(key: rsa.RSAPrivateKey, now: dt.datetime | None = None) -> bytes:
    """The self-signed stand-in stored with a new key while its certificate is being produced (DER).

    What the eHealth connector writes, so that the official tools recognise a pending request:
    subject = issuer = ``C=Dummy``, serial 0, valid from ``now - 1 day`` for one minute (so already
    expired), keyUsage keyEncipherment + dataEncipherment, SHA256withRSA.
    """
    now = now or dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    not_before = now - dt.timedelta(days=1)
    name = asn1_x509.Name.build({"country_name": "Dummy"})
    tbs = asn1_x509.TbsCertificate({
        "version": "v3",
        "serial_number": 0,
        "issuer": name,
        "validity": {"not_before": _time(not_before), "not_after": _time(not_before + PLACEHOLDER_LIFETIME)},
        "subject": name,
        "subject_public_key_info": _spki(key.public_key()),
        "extensions": [_encryption_key_usage()],
    })
    return _sign_tbs(tbs, key, "sha256")


def decode_etk_challenge(challenge: bytes, etk_key: rsa.RSAPrivateKey) -> int:
    """The ETK certificate's serial hidden in EtkRA's challenge (StartETKRegistration's answer).

    challenge = RSA-PKCS#1-v1.5(nonce) || SHA-256(serial), serial = the nonce's first 16 bytes,
    read as an unsigned number. A challenge that does not decrypt to a matching hash raises
    ``EhwatchError("keys.challenge_invalid")`` (with OpenSSL's implicit rejection a wrong key
    decrypts to random bytes, so the hash check is what catches it).
    """
    if len(challenge) <= CHALLENGE_HASH_BYTES:
        raise EhwatchError("keys.challenge_invalid")
    encrypted, expected = challenge[:-CHALLENGE_HASH_BYTES], challenge[-CHALLENGE_HASH_BYTES:]
    try:
        nonce = etk_key.decrypt(encrypted, padding.PKCS1v15())
    except ValueError:
        raise EhwatchError("keys.challenge_invalid") from None
    serial16 = nonce[:ETK_SERIAL_BYTES]
    if len(serial16) != ETK_SERIAL_BYTES or hashlib.sha256(serial16).digest() != expected:
        raise EhwatchError("keys.challenge_invalid")
    return int.from_bytes(serial16, "big")


def etk_certificate(auth_key: PrivateKeyTypes | None, auth_cert_der: bytes, etk_public_key: PublicKeyTypes,
                    serial: int) -> bytes:
    """The ETK certificate sent in CompleteETKRegistration (DER), self-issued by the authentication key.

    issuer = subject = the authentication certificate's subject (copied byte for byte), same
    notBefore/notAfter, ``serial`` from the challenge, critical keyUsage keyEncipherment +
    dataEncipherment, signed by ``auth_key`` with the authentication certificate's hash algorithm.
    """
    auth = asn1_x509.Certificate.load(auth_cert_der)
    auth_tbs = auth["tbs_certificate"]
    hash_name = auth["signature_algorithm"].hash_algo
    tbs = asn1_x509.TbsCertificate({
        "version": "v3",
        "serial_number": serial,
        "issuer": auth_tbs["subject"].copy(),
        "validity": auth_tbs["validity"].copy(),
        "subject": auth_tbs["subject"].copy(),
        "subject_public_key_info": _spki(etk_public_key),
        "extensions": [_encryption_key_usage()],
    })
    return _sign_tbs(tbs, auth_key, hash_name)
