"""The eHealth client: one method per CertRA v2 / EtkRA v2 / ETK depot operation.

Each call builds the request (``messages``), signs it when the platform wants it signed
(``xmldsig``, with the signer the caller hands over: the eID or the eHealth certificate's key),
validates it against the XSDs — an invalid request never leaves the computer — posts it
(``soap``) and reads the answer into typed data or a typed error. The lifecycle and the daemon
call it; it keeps no state between calls.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from lxml import etree

from ehwatch.errors import EhwatchError
from ehwatch.renewal import messages, schemas, soap, xmldsig
from ehwatch.renewal.keys import check_csr_subject, public_key_identifier
from ehwatch.renewal.messages import (
    Actor,
    ActorQualities,
    CertificateIdentifier,
    CertificateInfo,
    CertificateLike,
    ContactData,
    Contract,
    EtkRegistration,
    GenerateCertificateResult,
    RevocationContract,
)

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes

    from ehwatch.core import Core

log = logging.getLogger(__name__)

PRODUCTION, ACCEPTANCE = "production", "acceptance"
ENDPOINTS = {   # facts §2: CertRA v2, EtkRA v2, ETK depot v1
    PRODUCTION: ("https://services.ehealth.fgov.be/CertRa/v2",
                 "https://services.ehealth.fgov.be/EtkRa/v2",
                 "https://services.ehealth.fgov.be/EtkDepot/v1"),
    ACCEPTANCE: ("https://services-acpt.ehealth.fgov.be/CertRa/v2",
                 "https://services-acpt.ehealth.fgov.be/EtkRa/v2",
                 "https://services-acpt.ehealth.fgov.be/EtkDepot/v1"),
}
ENVIRONMENT_NAMES = {"production": PRODUCTION, "prod": PRODUCTION, "acceptance": ACCEPTANCE, "acc": ACCEPTANCE,
                     "acpt": ACCEPTANCE}


@dataclass(frozen=True)
class PreparedRequest:
    """A request signed and validated now, to be sent later (the eID PIN is asked at signing)."""

    url: str
    element: etree._Element


def _certificate(value: CertificateLike) -> x509.Certificate:
    if isinstance(value, x509.Certificate):
        return value
    return x509.load_der_x509_certificate(bytes(value))


def _csr_der(csr: x509.CertificateSigningRequest | bytes | bytearray) -> bytes:
    if isinstance(csr, x509.CertificateSigningRequest):
        return csr.public_bytes(serialization.Encoding.DER)
    data = bytes(csr)
    if data.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_csr(data).public_bytes(serialization.Encoding.DER)
    return data


def _split_identifier(identifier: str) -> tuple[str, str]:
    """``SSIN=75040404976`` → ("SSIN", "75040404976")."""
    id_type, sep, value = identifier.partition("=")
    if not sep or not id_type.strip() or not value.strip():
        raise ValueError(f"an eHealth identifier looks like TYPE=value, not {identifier!r}")
    return id_type.strip(), value.strip()


class EhealthClient:
    def __init__(self, environment: str, certra_url: str = "", etkra_url: str = "", etkdepot_url: str = "",
                 cafile: str = "", timeout: float = 60, trace_dir: str | os.PathLike[str] | None = None) -> None:
        """``environment``: production or acceptance (official endpoints), or any other name (e.g.
        ``sandbox``) when all three URLs are given. A URL given explicitly always wins.
        ``timeout``: one deadline per call (connection, headers and body). ``trace_dir``: write every
        SOAP request and answer there (``soap.Trace``; nothing secret ever enters a message)."""
        official = ENDPOINTS.get(ENVIRONMENT_NAMES.get(environment.lower(), ""), ("", "", ""))
        self.environment = environment
        self.certra_url = certra_url or official[0]
        self.etkra_url = etkra_url or official[1]
        self.etkdepot_url = etkdepot_url or official[2]
        if not (self.certra_url and self.etkra_url and self.etkdepot_url):
            raise EhwatchError("ehealth.unknown_environment", environment=environment)
        for url in (self.certra_url, self.etkra_url, self.etkdepot_url):
            soap.check_endpoint(url)
        self.cafile = cafile
        self.timeout = timeout
        self.trace = soap.Trace(trace_dir) if trace_dir else None

    @classmethod
    def from_config(cls, core: Core, environment: str,
                    trace_dir: str | os.PathLike[str] | None = None) -> EhealthClient:
        """The ``[ehealth]`` section: endpoint overrides (a sandbox), its CA file, the timeout."""
        cfg = core.config.ehealth
        return cls(environment, cfg.certra_url, cfg.etkra_url, cfg.etkdepot_url, cfg.cafile, cfg.timeout_seconds,
                   trace_dir=trace_dir)

    # ---- plumbing
    def prepare(self, url: str, request: etree._Element, signer: xmldsig.Signer | None = None) -> PreparedRequest:
        """Signs (when a signer is given) and validates; raises ``SchemaError`` before anything is sent."""
        if signer is not None:
            xmldsig.sign_enveloped(request, signer)
        schemas.validate(request)
        return PreparedRequest(url, request)

    def send(self, prepared: PreparedRequest) -> etree._Element:
        name = messages.operation(prepared.element)
        log.info("eHealth %s → %s", name, prepared.url)
        return soap.call(prepared.url, messages.soap_action(prepared.element), prepared.element,
                         cafile=self.cafile, timeout=self.timeout, trace=self.trace)

    def _call(self, url: str, request: etree._Element, signer: xmldsig.Signer | None = None) -> etree._Element:
        return self.send(self.prepare(url, request, signer))

    # ---- CertRA
    def generate_contract(self, contact: ContactData, language: str = "",
                          signer: Actor | xmldsig.Signer | CertificateLike | None = None,
                          certificate: CertificateIdentifier | None = None) -> Contract:
        """The contract to show (``Contract.text(language)``) and then sign with the eID; its
        ``subject`` is the DN eHealth will certify (build the CSR from it: ``keys.build_csr_for_contract``).

        ``signer``: the person who will sign — an ``Actor``, the eID Signature certificate (DER), or
        the eID ``Signer`` itself. ``certificate``: whose certificate — for a renewal
        ``CertificateIdentifier.for_renewal(old_certificate, signer_actor)`` (the organisation for
        CBE / NIHII-PHARMACY / EHP keystores, the application id for ``…,APPID``); by default the
        signer themself (a doctor's own SSIN certificate).
        """
        if signer is None:
            raise ValueError("generate_contract needs the eID holder who will sign")
        if not isinstance(signer, Actor):
            certificate_der = signer.certificate_chain()[0] if isinstance(signer, xmldsig.Signer) else signer
            signer = Actor.from_eid_certificate(certificate_der)
        request = messages.generate_contract_request(contact, signer, certificate or CertificateIdentifier(signer))
        contract = messages.parse_generate_contract(self._call(self.certra_url, request))
        if language and language not in contract.texts:
            log.info("contract has no %s text; showing %s", language, next(iter(contract.texts)))
        return contract

    def prepare_generate_certificate(self, csr: x509.CertificateSigningRequest | bytes | bytearray,
                                     contact: ContactData, contract: Contract,
                                     replaces_cert_der: CertificateLike | None,
                                     signer: xmldsig.Signer, base_services: tuple[str, ...] = ()) -> PreparedRequest:
        """GenerateCertificate signed now with the eID Signature key (the PIN is asked here).

        The CSR must name exactly the contract's DN (``keys.CsrSubjectMismatch`` otherwise, before
        any PIN). ``base_services``: the old certificate's ``CertificateInfo.base_services``
        (``tsa``, ``consultrn``, ``codage``…), carried over as the connector does."""
        check_csr_subject(_csr_der(csr), contract.subject)
        request = messages.generate_certificate_request(_csr_der(csr), contact, contract, tuple(base_services))
        prepared = self.prepare(self.certra_url, request, signer)
        expected = public_key_identifier(_certificate(replaces_cert_der).public_key()) if replaces_cert_der else None
        return _CertificateRequest(prepared.url, prepared.element, expected)

    def send_generate_certificate(self, prepared: PreparedRequest) -> GenerateCertificateResult:
        result = messages.parse_generate_certificate(self.send(prepared))
        expected = getattr(prepared, "replaces", None)
        if expected and result.replaces != expected:
            # Not an error: eHealth decides what a request replaces (same DN, in its window); worth a trace.
            log.warning("GenerateCertificate replaces %s, the renewed certificate is %s",
                        result.replaces or "nothing", expected)
        return result

    def generate_certificate(self, csr_der: x509.CertificateSigningRequest | bytes | bytearray,
                             contact: ContactData, contract: Contract, replaces_cert_der: CertificateLike | None,
                             signer: xmldsig.Signer, base_services: tuple[str, ...] = ()) -> GenerateCertificateResult:
        """Sends the eHealth CSR; the answer's public key identifier names the request from now on."""
        return self.send_generate_certificate(
            self.prepare_generate_certificate(csr_der, contact, contract, replaces_cert_der, signer, base_services))

    def get_certificate(self, public_key_identifier_: bytes | bytearray | str) -> list[bytes]:
        """The new chain (DER, leaf first); raises ``messages.NotYetDelivered`` until it is produced."""
        request = messages.get_certificate_request(public_key_identifier_)
        return messages.parse_get_certificate(self._call(self.certra_url, request))

    def certificate_info(self, cert_der: CertificateLike, signer: xmldsig.Signer) -> CertificateInfo:
        """Status, ETK status, ``replaceable`` and ``replacement_start`` of the certificate ``signer``
        holds (signed with that eHealth certificate's own key: no eID needed)."""
        own = public_key_identifier(_certificate(cert_der).public_key())
        signing = public_key_identifier(_certificate(signer.certificate_chain()[0]).public_key())
        if own != signing:
            raise ValueError("certificate_info must be signed with the key of the certificate asked about")
        info = messages.parse_certificate_info(
            self._call(self.certra_url, messages.certificate_info_request(), signer))
        if info.public_key_identifier != own:
            raise schemas.MalformedResponse("the answer describes another certificate")
        return info

    def certificate_info_for_citizen(self, signer: xmldsig.Signer) -> list[CertificateInfo]:
        """Every certificate the eID holder may manage (signed with the eID Authentication key)."""
        return messages.parse_certificate_info_for_citizen(
            self._call(self.certra_url, messages.certificate_info_for_citizen_request(), signer))

    def actor_qualities(self, signer: xmldsig.Signer, ssin: str | None = None) -> ActorQualities:
        """May this person hold a certificate, and for which organisations (eID Authentication key)."""
        ssin = ssin or Actor.from_eid_certificate(signer.certificate_chain()[0]).id_value
        return messages.parse_actor_qualities(
            self._call(self.certra_url, messages.actor_qualities_request(ssin), signer))

    def existing_application_ids(self, organisation: str) -> tuple[str | None, ...]:
        """The application ids ``TYPE=value``'s certificates already use (unsigned, as the connector's
        ``getApplicationIdList``); None stands for a certificate without one."""
        id_type, value = _split_identifier(organisation)
        return messages.parse_existing_application_ids(
            self._call(self.certra_url, messages.existing_application_ids_request(id_type, value)))

    def generate_revocation_contract(self, public_key_identifier_: str, signer: Actor | CertificateLike,
                                     reason: str) -> RevocationContract:
        """The revocation contract to show, then sign (unsigned request, as the connector's
        ``generateRevocationContract``). ``signer``: an ``Actor`` or the eID Signature certificate."""
        if not isinstance(signer, Actor):
            signer = Actor.from_eid_certificate(signer)
        request = messages.generate_revocation_contract_request(public_key_identifier_, signer, reason)
        return messages.parse_generate_revocation_contract(self._call(self.certra_url, request))

    def prepare_revoke(self, public_key_identifier_: str, contract: RevocationContract,
                       signer: xmldsig.Signer) -> PreparedRequest:
        """Revoke signed now with the eID Signature key (the PIN is asked here)."""
        return self.prepare(self.certra_url, messages.revoke_request(public_key_identifier_, contract), signer)

    def send_revoke(self, prepared: PreparedRequest) -> None:
        messages.parse_revoke(self.send(prepared))

    # ---- EtkRA (signed with the new eHealth authentication certificate)
    def start_etk_registration(self, etk_public_key: PublicKeyTypes | bytes | bytearray,
                               signer: xmldsig.Signer) -> bytes:
        """The challenge hiding the ETK certificate's serial (``keys.decode_etk_challenge``)."""
        request = messages.start_etk_registration_request(etk_public_key)
        return messages.parse_start_etk_registration(self._call(self.etkra_url, request, signer))

    def complete_etk_registration(self, etk_cert_der: CertificateLike, signer: xmldsig.Signer) -> EtkRegistration:
        request = messages.complete_etk_registration_request(etk_cert_der)
        return messages.parse_complete_etk_registration(self._call(self.etkra_url, request, signer))

    def activate_etk(self, signer: xmldsig.Signer) -> None:
        """Publishes the registered ETK (and retires the previous one)."""
        messages.parse_activate_etk(self._call(self.etkra_url, messages.activate_etk_request(), signer))

    # ---- ETK depot
    def get_etk(self, identifier: str, application_id: str | None = None) -> bytes | None:
        """The certificate (DER) of the ETK published for ``TYPE=value``, or None if none is."""
        id_type, value = _split_identifier(identifier)
        etk = messages.parse_get_etk(
            self._call(self.etkdepot_url, messages.get_etk_request(id_type, value, application_id)))
        return messages.etk_certificate(etk) if etk is not None else None


@dataclass(frozen=True)
class _CertificateRequest(PreparedRequest):
    """A prepared GenerateCertificate that remembers which certificate it is meant to replace."""

    replaces: str | None = None
