"""The platform's rules, as the sandbox enforces them: who may sign, what a CSR must be, when a
certificate may be replaced. Each rule raises ``OperationError`` with the code the client sees."""
from __future__ import annotations

import datetime as dt

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from ehwatch.monitor import names
from ehwatch.sandbox import protocol as p

REPLACEMENT_DAYS = 90          # renewal opens about three months before expiry
MIN_RSA_BITS = 2048
MAX_CHAIN_DEPTH = 5


def normalise_identifier(value: str) -> str:
    """``SSIN=75040404976``; a bare number is taken as an SSIN."""
    value = value.strip()
    if "=" not in value:
        return f"SSIN={value}"
    kind, number = value.split("=", 1)
    return f"{kind.strip().upper()}={number.strip()}"


def _values(name: x509.Name, oid) -> list[str]:
    return [str(a.value) for a in name.get_attributes_for_oid(oid)]


def ehealth_name(subject: x509.Name) -> names.EhealthSubject:
    """Reads an eHealth DN; raises INVALID_CSR when it is not one."""
    parsed = names.parse_subject(subject)
    if (parsed is None or _values(subject, NameOID.COUNTRY_NAME) != ["BE"]
            or parsed.identifier not in _values(subject, NameOID.ORGANIZATIONAL_UNIT_NAME)):
        raise p.OperationError(p.INVALID_CSR, "The subject is not an eHealth distinguished name "
                                              f"({subject.rfc4514_string()}).")
    return parsed


def check_csr(csr_der: bytes) -> tuple[x509.CertificateSigningRequest, names.EhealthSubject]:
    """A PKCS#10 with a valid signature, an RSA key of at least 2048 bits, and an eHealth DN."""
    try:
        csr = x509.load_der_x509_csr(csr_der)
    except ValueError:
        raise p.OperationError(p.INVALID_CSR, "The CSR is not a DER-encoded PKCS#10 request.") from None
    if not csr.is_signature_valid:
        raise p.OperationError(p.INVALID_CSR, "The CSR signature is not valid.")
    key = csr.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise p.OperationError(p.INVALID_KEY, "Only RSA keys are accepted for eHealth certificates.",
                               keyType=type(key).__name__)
    if key.key_size < MIN_RSA_BITS:
        raise p.OperationError(p.INVALID_KEY, f"RSA keys must have at least {MIN_RSA_BITS} bits.",
                               keySize=key.key_size)
    return csr, ehealth_name(csr.subject)


def ssin_of(cert: x509.Certificate) -> str:
    """The national number an eID certificate carries in its subject serialNumber ('' if none)."""
    values = _values(cert.subject, NameOID.SERIAL_NUMBER)
    return values[0].strip() if values else ""


def check_signer_is(name_identifier: str, signer: x509.Certificate,
                    managers: dict[str, tuple[str, ...]] | None = None) -> None:
    """For a person (SSIN), the eID that signed must be that person's; for an organisation, the eID
    holder must be one of its certificate managers."""
    kind, _, number = name_identifier.partition("=")
    if kind == "SSIN":
        if ssin_of(signer) != number:
            raise p.OperationError(p.SIGNER_MISMATCH,
                                   "The eID that signed the request does not belong to the certificate holder.")
    elif name_identifier not in (managers or {}).get(ssin_of(signer), ()):
        raise p.OperationError(p.SIGNER_MISMATCH,
                               "The eID holder is not authorised to manage this organisation's certificate.")


def check_may_request(identifier: str, signer_ssin: str, managers: dict[str, tuple[str, ...]] | None) -> None:
    """GenerateContract's CertificateIdentifier against the Signer's qualities: a person asks for
    their own certificate, an organisation's certificate is asked by one of its managers."""
    kind, _, number = identifier.partition("=")
    if kind == "SSIN":
        if number != signer_ssin:
            raise p.OperationError(p.NOT_AUTHORISED, "A person may only request their own certificate.")
    elif identifier not in (managers or {}).get(signer_ssin, ()):
        raise p.OperationError(p.NOT_AUTHORISED, "The signer is not a certificate manager of this organisation.",
                               identifier=identifier)


def _attributes(name: x509.Name) -> list[list[tuple[str, str]]]:
    return [sorted((a.oid.dotted_string, str(a.value)) for a in rdn) for rdn in name.rdns]


def check_csr_subject(csr: x509.CertificateSigningRequest, contract_name: x509.Name) -> None:
    """The CSR names exactly the DN of the contract (every attribute, in order)."""
    if _attributes(csr.subject) != _attributes(contract_name):
        raise p.OperationError(p.CSR_SUBJECT_MISMATCH, "The CSR subject is not the DN of the contract "
                               f"({csr.subject.rfc4514_string()} instead of {contract_name.rfc4514_string()}).")


def _valid_now(cert: x509.Certificate, now: dt.datetime) -> bool:
    return cert.not_valid_before_utc <= now <= cert.not_valid_after_utc


def check_chain(chain_der: list[bytes], anchors: list[x509.Certificate], now: dt.datetime,
                what: str) -> x509.Certificate:
    """The signer (first certificate) must chain to one of ``anchors`` through the certificates
    sent along, every link valid now. Returns the signer certificate."""
    if not chain_der:
        raise p.OperationError(p.INVALID_SIGNATURE, "The signature carries no certificate.")
    try:
        chain = [x509.load_der_x509_certificate(der) for der in chain_der]
    except ValueError:
        raise p.OperationError(p.INVALID_SIGNATURE, "A certificate in the signature cannot be read.") from None
    signer = current = chain[0]
    for _ in range(MAX_CHAIN_DEPTH):
        if not _valid_now(current, now):
            raise p.OperationError(p.UNTRUSTED_SIGNER, f"The {what} certificate is expired or not yet valid.")
        for anchor in anchors:
            if _issued_by(current, anchor):
                return signer
        parent = next((c for c in chain if c is not current and _issued_by(current, c)), None)
        if parent is None:
            break
        current = parent
    raise p.OperationError(p.UNTRUSTED_SIGNER, f"The request is not signed with a {what} certificate "
                                               "this platform trusts.")


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    if cert.issuer != issuer.subject:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def replacement_start(cert: x509.Certificate) -> dt.datetime:
    return cert.not_valid_after_utc - dt.timedelta(days=REPLACEMENT_DAYS)


def replaceable(cert: x509.Certificate, now: dt.datetime) -> bool:
    return replacement_start(cert) <= now < cert.not_valid_after_utc


def check_replaceable(cert: x509.Certificate, now: dt.datetime) -> None:
    """A still valid certificate may be replaced only in its last 90 days."""
    if now < replacement_start(cert):
        raise p.OperationError(p.NOT_REPLACEABLE, "A valid certificate already exists for this name and its "
                                                  "replacement period has not started.",
                               ReplacementPeriodStartDate=p.instant(replacement_start(cert)))


def check_etk_certificate(etk: x509.Certificate, auth: x509.Certificate, serial: int, public_key_der: bytes) -> None:
    """The ETK answers the challenge: self-issued by the authentication certificate (same subject
    and issuer, same validity), the challenge serial, the registered key, signed by the auth key."""
    def bad(why: str):
        return p.OperationError(p.INVALID_ETK, f"The ETK certificate is refused: {why}.")

    if etk.serial_number != serial:
        raise bad("its serial number is not the one from the challenge")
    if etk.subject != auth.subject or etk.issuer != auth.subject:
        raise bad("its subject and issuer must be the authentication certificate's subject")
    spki = etk.public_key().public_bytes(serialization.Encoding.DER,
                                         serialization.PublicFormat.SubjectPublicKeyInfo)
    if spki != public_key_der:
        raise bad("its public key is not the one given to StartETKRegistration")
    if (etk.not_valid_before_utc, etk.not_valid_after_utc) != (auth.not_valid_before_utc, auth.not_valid_after_utc):
        raise bad("its validity must equal the authentication certificate's")
    try:
        etk.verify_directly_issued_by(auth)
    except (ValueError, TypeError, InvalidSignature):
        raise bad("it is not signed by the authentication key") from None
