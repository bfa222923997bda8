"""Public facts of one certificate, read defensively.

The serial-0 placeholder of a pending request makes ``cryptography`` warn today and will make it
refuse tomorrow; asn1crypto reads anything DER-shaped. So every fact comes from asn1crypto, and
the subject is rebuilt as a ``cryptography`` Name for ``names.parse_subject``.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa

from ehwatch.monitor import names
from ehwatch.monitor.pkcs12 import asn1_certificate


@dataclass
class CertFacts:
    subject: x509.Name
    issuer: str                     # RFC 4514
    serial: int
    not_before: datetime            # aware, UTC
    not_after: datetime
    placeholder: bool


def _to_name(asn1_name: asn1_x509.Name) -> x509.Name:
    rdns = []
    for rdn in asn1_name.chosen:
        attrs = []
        for attr in rdn:
            value = attr["value"].native
            if not isinstance(value, str):
                value = str(value)
            try:
                attrs.append(x509.NameAttribute(x509.ObjectIdentifier(attr["type"].dotted), value))
            except ValueError:  # e.g. C=Dummy: cryptography insists on two letters (and warns)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    attrs.append(x509.NameAttribute(x509.ObjectIdentifier(attr["type"].dotted), value,
                                                    _validate=False))
        if attrs:
            rdns.append(x509.RelativeDistinguishedName(attrs))
    return x509.Name(rdns)


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def certificate_facts(der: bytes) -> CertFacts:
    """Raises ValueError when the bytes are not a certificate at all."""
    try:
        cert = asn1_certificate(der)
        tbs = cert["tbs_certificate"]
        validity = tbs["validity"]
        subject = _to_name(tbs["subject"])
        issuer = _to_name(tbs["issuer"])
        return CertFacts(subject=subject, issuer=issuer.rfc4514_string(), serial=tbs["serial_number"].native,
                         not_before=_utc(validity["not_before"].native),
                         not_after=_utc(validity["not_after"].native), placeholder=names.is_placeholder(der))
    except Exception as exc:
        raise ValueError("not a certificate") from exc


MAX_CHAIN_DEPTH = 6
PRIVATE_KEY_TYPES = (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey, dsa.DSAPrivateKey, ed25519.Ed25519PrivateKey,
                     ed448.Ed448PrivateKey)


def _load(der: bytes) -> x509.Certificate | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return x509.load_der_x509_certificate(der)
    except Exception:
        return None


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    except Exception:
        return False


def _signed_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
        return True
    except Exception:   # name mismatch, bad signature, unsupported key or algorithm: not verified
        return False


def chain_problem(leaf_der: bytes, pool: list[bytes]) -> str | None:
    """Why the leaf is not vouched for by a CA of the keystore, or None when it is.

    The leaf must be signed by a CA certificate (basicConstraints CA) that the keystore itself holds
    (eHealth keystores carry their chain, and each CA again as a trusted entry); every further link
    present in the file must verify too, up to a self-signed root or to the last CA the file holds.
    The issuing CA is not hard-coded (it changes over the years): it is the one the file carries,
    and the leaf must be what its signature says.
    """
    leaf = _load(leaf_der)
    if leaf is None:
        return "untrusted_chain"
    candidates = [c for c in (_load(der) for der in pool if der != leaf_der) if c is not None and _is_ca(c)]
    current, seen, depth = leaf, {leaf_der}, 0
    while depth < MAX_CHAIN_DEPTH:
        if current is not leaf and current.issuer == current.subject:
            return None if _signed_by(current, current) else "untrusted_chain"
        issuer = next((c for c in candidates if c.subject == current.issuer and _signed_by(current, c)), None)
        if issuer is None:
            # the leaf needs its issuer in the file; an intermediate whose parent is absent ends the chain
            if current is leaf or any(c.subject == current.issuer for c in candidates):
                return "untrusted_chain"
            return None
        der = issuer.public_bytes(serialization.Encoding.DER)
        if der in seen:
            return "untrusted_chain"
        seen.add(der)
        current, depth = issuer, depth + 1
    return "untrusted_chain"


def key_matches(private_key: object, cert_der: bytes) -> bool:
    """The certificate carries the public half of this private key."""
    if not isinstance(private_key, PRIVATE_KEY_TYPES):
        return False
    try:
        wanted = private_key.public_key().public_bytes(serialization.Encoding.DER,
                                                       serialization.PublicFormat.SubjectPublicKeyInfo)
        return bool(asn1_certificate(cert_der)["tbs_certificate"]["subject_public_key_info"].dump() == wanted)
    except Exception:
        return False
