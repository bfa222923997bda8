"""Public facts of one certificate, read defensively.

The serial-0 placeholder of a pending request makes ``cryptography`` warn today and will make it
refuse tomorrow; asn1crypto reads anything DER-shaped. So every fact comes from asn1crypto, and
the subject is rebuilt as a ``cryptography`` Name for ``names.parse_subject``.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import datetime, timezone

from cryptography import x509

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


def _to_name(asn1_name) -> x509.Name:
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
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


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
