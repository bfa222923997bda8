"""The sandbox's behaviour: one method per CertRA / EtkRA / ETK depot operation.

Each method takes the request element (already schema-checked) and returns the response element;
a refusal is an ``OperationError`` that the caller turns into the platform's status structure.
The HTTP server (``server.py``) only routes; the daemon-free logic here is what the tests drive.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import logging
import os
import sqlite3
import threading
import time
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from lxml import etree

from ehwatch.monitor import names
from ehwatch.renewal import keys, schemas
from ehwatch.sandbox import ca as ca_mod
from ehwatch.sandbox import conditions as conditions_mod
from ehwatch.sandbox import crypto, rules
from ehwatch.sandbox import mailer as mailer_mod
from ehwatch.sandbox import protocol as p
from ehwatch.sandbox import state as st

log = logging.getLogger(__name__)

DER = serialization.Encoding.DER
SPKI = serialization.PublicFormat.SubjectPublicKeyInfo


def _utc(ts: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, dt.UTC)


def _spki(public_key) -> bytes:
    return public_key.public_bytes(DER, SPKI)


def _b64decode(text: str, what: str) -> bytes:
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except ValueError:
        raise p.OperationError(p.INVALID_REQUEST, f"{what} is not base64.") from None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def id_type_from_uri(uri: str) -> str:
    """``SSIN`` from ``SSIN`` or from a URN ending in ``:ssin`` (both are seen in clients)."""
    return uri.rstrip(":").rsplit(":", 1)[-1].upper()


class Platform:
    """A CertRA/EtkRA/ETK depot stand-in over a sandbox folder (CA files + SQLite state)."""

    def __init__(self, data_dir: Path, *, produce_after: float = 0.0, refuse: tuple[str, ...] = (),
                 mailer: mailer_mod.Mailer | None = None, environment: str = "acceptance",
                 managers: dict[str, tuple[str, ...]] | None = None, register_names: dict[str, str] | None = None,
                 organisations: dict[str, str] | None = None, manual_validation: tuple[str, ...] = ()):
        """``register_names``: identifier → the holder's name as the registers now have it (a name
        changed at the national register: the contract's DN then differs from the old subject).
        ``organisations``: identifier → the organisation's name in the platform's registry."""
        self.data_dir = Path(data_dir)
        self.ca = ca_mod.load_or_create(self.data_dir)
        self.state = st.SandboxState(self.data_dir)
        self.produce_after = float(produce_after)
        self.refuse = {rules.normalise_identifier(r) for r in refuse}
        # which organisations' certificates each person (SSIN) may manage: {"750…": ("CBE=0123456789",)}
        self.managers = {ssin: tuple(rules.normalise_identifier(o) for o in orgs)
                         for ssin, orgs in (managers or {}).items()}
        self.register_names = {rules.normalise_identifier(k): v for k, v in (register_names or {}).items()}
        self.organisations = {rules.normalise_identifier(k): v for k, v in (organisations or {}).items()}
        # requests eHealth's support validates by hand (AutomaticallyValidated false). When the real
        # platform does so is not public [guess]: an organisation whose manager it cannot confirm.
        self.manual_validation = {rules.normalise_identifier(i) for i in manual_validation}
        self.mailer = mailer or mailer_mod.Mailer()
        self.environment = environment
        self._produce_lock = threading.Lock()
        self._eid_anchors: list[x509.Certificate] | None = None

    # --- trust ---------------------------------------------------------------------------------
    def eid_anchors(self) -> list[x509.Certificate]:
        """The sandbox eID CA (from ``sandbox init``), read once."""
        if self._eid_anchors is None:
            from ehwatch.sandbox import token

            _, ca_der = token.eid_ca(ca_mod.eid_folder(self.data_dir))
            self._eid_anchors = [x509.load_der_x509_certificate(ca_der)]
        return self._eid_anchors

    def _verified_chain(self, request: etree._Element) -> list[bytes]:
        try:
            return crypto.verify_enveloped(request)
        except crypto.SignatureInvalid as exc:
            raise p.OperationError(p.INVALID_SIGNATURE, f"The XML signature is refused: {exc.reason}.") from None

    def eid_signer(self, request: etree._Element) -> x509.Certificate:
        """The eID certificate that signed ``request``, checked against the sandbox eID CA."""
        chain = self._verified_chain(request)
        return rules.check_chain(chain, self.eid_anchors(), dt.datetime.now(dt.UTC), "Belgian eID")

    def ehealth_signer(self, request: etree._Element, active_only: bool = True):
        """The eHealth certificate (issued here) that signed ``request``, and its state row."""
        chain = self._verified_chain(request)
        now = dt.datetime.now(dt.UTC)
        signer = rules.check_chain(chain[:1], [self.ca.issuing], now, "eHealth authentication")
        row = self.state.certificate(keys.public_key_identifier(signer.public_key()))
        if row is None or row["cert_der"] != signer.public_bytes(DER):
            raise p.OperationError(p.UNKNOWN_CERTIFICATE, "This eHealth certificate is not known to the platform.")
        if active_only and row["status"] != st.VALID_ACTIVE:
            raise p.OperationError(p.UNTRUSTED_SIGNER, f"This eHealth certificate is {row['status']}.")
        return signer, row

    # --- CertRA --------------------------------------------------------------------------------
    def refuse_with(self, code: str, message: str, operation: str = "*", times: int | None = None) -> None:
        """From now on answer ``operation`` (e.g. "GenerateCertificate", "*" for any) with this eHealth
        error ``code`` and status ``message``, ``times`` times (None: until ``clear_refusals``)."""
        self.state.add_refusal(code, message, operation, times)

    def clear_refusals(self) -> None:
        self.state.clear_refusals()

    def _holder_name(self, identifier: str, application: str, signer_names: str, requested_name: str) -> str:
        """The name the registers give the certificate's holder: a configured register name, else
        the name on its current certificate, else (a first certificate) the signer's names for a
        person and the requested name for an organisation."""
        if identifier in self.register_names:
            return self.register_names[identifier]
        for row in self.state.active_certificates(identifier, application):
            if row["holder"]:
                return row["holder"]
        if identifier in self.organisations:
            return self.organisations[identifier]
        return signer_names if identifier.startswith("SSIN=") else requested_name

    def generate_contract(self, request: etree._Element) -> etree._Element:
        """The contract for the CertificateIdentifier, if the Signer may hold or manage it: the DN
        the platform will certify and the conditions in four languages (recorded: GenerateCertificate
        must bring exactly this contract back and a CSR for exactly this DN)."""
        actor = request.find("certra:CertificateIdentifier/certracore:Actor", p.NSMAP)
        id_node = actor.find("core:Id", p.NSMAP)
        identifier = rules.normalise_identifier(f"{id_type_from_uri(id_node.get('Type') or '')}="
                                                f"{(id_node.text or '').strip()}")
        application = p.text_of(request, "certra:CertificateIdentifier/certracore:ApplicationId")
        signer = request.find("certra:Signer", p.NSMAP)
        signer_ids = signer.findall("core:Id", p.NSMAP)
        signer_ssin = (signer_ids[0].text or "").strip() if signer_ids else ""
        if not signer_ids or id_type_from_uri(signer_ids[0].get("Type") or "") != "SSIN":
            raise p.OperationError(p.INVALID_REQUEST, "The Signer must be identified by a national number (SSIN).")
        rules.check_may_request(identifier, signer_ssin, self.managers)
        requested_name = p.text_of(actor, "core:Name")
        registered = self.organisations.get(identifier)
        if registered and names.holder_form(requested_name) != names.holder_form(registered):
            raise p.OperationError(p.INVALID_REQUEST, "The organisation's name does not match the registry.",
                                   identifier=identifier)
        # first names, then the surname, as the Certificate Manager's DN shows it (CHARLES-BERNARD DARDENNE)
        signer_names = " ".join([n.text.strip() for n in signer.findall("core:FirstName", p.NSMAP) if n.text]
                                + [p.text_of(signer, "core:Name")])
        holder = self._holder_name(identifier, application, signer_names, requested_name)
        kind, _, number = identifier.partition("=")
        subject = names.build_subject(kind, number, holder, application or None)
        dn = contract_dn(subject)
        texts = conditions_mod.conditions(dn, signer_names, identifier + (f", {application}" if application else ""))
        response = p.status_response(p.CERTRA, "GenerateContractResponse", request.get("Id"))
        contract = p.sub(response, p.CERTRA, "Contract")
        p.sub(contract, p.CERTRA_CORE, "DN", dn)
        contract.append(_copy_as(signer, f"{{{p.CERTRA_CORE}}}Signer"))
        text = p.sub(contract, p.CERTRA_CORE, "Text")
        for lang, words in texts.items():
            p.sub(text, p.CERTRA_CORE, "Value", words).set(f"{{{p.XML_NS}}}lang", lang)
        self.state.add_contract(dn=dn, name_der=subject.public_bytes(), signer_ssin=signer_ssin, identifier=identifier,
                                application_id=application, text_sha256=_texts_digest(contract))
        return response

    def generate_certificate(self, request: etree._Element) -> etree._Element:
        signer = self.eid_signer(request)
        ehealth_csr = request.find("certra:EHealthCSR", p.NSMAP)
        csr_der = _b64decode(p.text_of(ehealth_csr, "certracore:CSR"), "CSR")
        csr, name = rules.check_csr(csr_der)
        rules.check_signer_is(name.identifier, signer, self.managers)
        application = name.application or ""
        # the contract: one this platform issued, unchanged, to the person who signed, for the CSR's DN
        contract = ehealth_csr.find("certracore:Contract", p.NSMAP)
        signer_ids = contract.findall("certracore:Signer/core:Id", p.NSMAP)
        contract_signer = (signer_ids[0].text or "").strip() if signer_ids else ""
        issued = self.state.contract(p.text_of(contract, "certracore:DN"), contract_signer, _texts_digest(contract))
        if issued is None:
            raise p.OperationError(p.INVALID_CONTRACT, "The contract was not issued by GenerateContract, or it was "
                                                       "changed.")
        if contract_signer != rules.ssin_of(signer):
            raise p.OperationError(p.SIGNER_MISMATCH, "The contract was not issued to the person who signed it.")
        rules.check_csr_subject(csr, _name(issued["name_der"]))
        if issued["identifier"] != name.identifier or issued["application_id"] != application:
            raise p.OperationError(p.INVALID_CONTRACT, "The contract was issued for another certificate.")
        base_services = tuple(n.text.strip() for n in ehealth_csr.findall("certracore:BaseServiceUsage", p.NSMAP)
                              if n.text and n.text.strip())
        if name.identifier in self.refuse:
            raise p.OperationError(p.REQUEST_REFUSED, "The platform refuses certificate requests for this "
                                                      "identifier.", identifier=name.identifier)
        now = time.time()
        pki = keys.public_key_identifier(csr.public_key())
        existing = self.state.certificate(pki)
        if existing is not None:
            if existing["identifier"] != name.identifier:
                raise p.OperationError(p.INVALID_KEY, "This public key is already registered.")
            return self._generate_answer(request, existing)  # a resent request: same answer, nothing new
        replaces = None
        environment = self.environment
        for row in self.state.active_certificates(name.identifier, application):
            current = x509.load_der_x509_certificate(row["cert_der"])
            if current.not_valid_after_utc <= _utc(now):
                self.state.set_certificate_status(row["pki"], st.EXPIRED)
                continue
            rules.check_replaceable(current, _utc(now))
            replaces, environment = row["pki"], row["environment"]
        contact = {
            "email_private": p.text_of(ehealth_csr, "certracore:ContactData/certracore:EmailPrivate"),
            "email_general": p.text_of(ehealth_csr, "certracore:ContactData/certracore:EmailGeneral"),
            "phone_private": p.text_of(ehealth_csr, "certracore:ContactData/certracore:PhonePrivate"),
            "phone_general": p.text_of(ehealth_csr, "certracore:ContactData/certracore:PhoneGeneral"),
        }
        try:
            number = self.state.add_certificate(
                pki=pki, identifier=name.identifier, application_id=application, holder=name.holder or "",
                csr_der=csr_der, public_key_der=_spki(csr.public_key()), environment=environment,
                status=st.IN_PROGRESS, requested_at=now, produce_at=now + self.produce_after, replaces=replaces,
                contact=contact, base_services=base_services)
        except sqlite3.IntegrityError:  # the same request arriving twice at once: the first one wins
            return self._generate_answer(request, self.state.certificate(pki))
        message = mailer_mod.receipt_mail(number=number, holder=name.holder or "", common_name=_common_name(name),
                                          environment=environment, recipient=contact["email_private"], when=now)
        self.state.record_mail(number, "receipt", message["Subject"], self.mailer.deliver("receipt", number, message))
        return self._generate_answer(request, self.state.certificate(pki))

    def _generate_answer(self, request: etree._Element, row) -> etree._Element:
        response = p.status_response(p.CERTRA, "GenerateCertificateResponse", request.get("Id"))
        p.sub(response, p.CERTRA, "PublicKeyIdentifier", row["pki"].upper())
        p.sub(response, p.CERTRA, "AutomaticallyValidated",
              "false" if row["identifier"] in self.manual_validation else "true")
        if row["replaces"]:
            p.sub(response, p.CERTRA, "ReplacesCertificate", row["replaces"].upper())
        return response

    def get_certificate(self, request: etree._Element) -> etree._Element:
        pki = p.text_of(request, "certra:PublicKeyIdentifier").lower()
        self.produce_due()
        row = self.state.certificate(pki)
        if row is None:
            raise p.OperationError(p.UNKNOWN_CERTIFICATE, "No certificate request has this public key identifier.")
        if row["status"] == st.IN_PROGRESS:
            raise p.OperationError(p.CERT_NOT_YET_DELIVERED, "The certificate has not been delivered yet.")
        if row["status"] == st.REFUSED:
            raise p.OperationError(p.CERTIFICATE_REFUSED, "The certificate request was refused.")
        response = p.status_response(p.CERTRA, "GetCertificateResponse", request.get("Id"))
        for der in [row["cert_der"], *self.ca.chain_der()]:
            p.sub(response, p.CERTRA, "X509Certificate", _b64(der))
        return response

    def get_certificate_info(self, request: etree._Element) -> etree._Element:
        """What the platform knows of the certificate that signed (expired or revoked ones too: a
        revoked certificate still learns that it is revoked, and that it cannot be replaced)."""
        cert, row = self.ehealth_signer(request, active_only=False)
        response = p.status_response(p.CERTRA, "GetCertificateInfoForAuthenticationCertificateResponse",
                                     request.get("Id"))
        self._certificate_info(response, row)
        return response

    def _certificate_info(self, parent: etree._Element, row) -> etree._Element:
        """One certra core CertificateInfo for a certificate row (no details before it is produced)."""
        now = dt.datetime.now(dt.UTC)
        cert = x509.load_der_x509_certificate(row["cert_der"]) if row["cert_der"] else None
        info = p.sub(parent, p.CERTRA, "CertificateInfo")
        c = p.CERTRA_CORE
        p.sub(info, c, "RequestedDate", p.instant(_utc(row["requested_at"])))
        p.sub(info, c, "PublicKeyIdentifier", row["pki"].upper())
        id_type, id_value = row["identifier"].split("=", 1)
        entity = p.sub(info, c, "CertificateEntity", EntityType="NaturalPerson" if id_type == "SSIN" else "Organization")
        identifier = p.sub(entity, c, "CertificateIdentifier")
        actor = p.sub(identifier, c, "Actor")
        p.sub(actor, p.COMMONS, "Id", id_value, Type=id_type)
        p.sub(actor, p.COMMONS, "Name", row["holder"])
        if row["application_id"]:
            p.sub(identifier, c, "ApplicationId", row["application_id"])
        status = row["status"]
        if status == st.VALID_ACTIVE and cert is not None and cert.not_valid_after_utc <= now:
            status = st.EXPIRED
        p.sub(info, c, "AuthenticationCertificateStatus", status)
        etks = self.state.etks_of(row["identifier"], row["application_id"])
        mine = [e for e in etks if e["auth_pki"] == row["pki"]]
        p.sub(info, c, "ETKStatus", mine[0]["status"] if mine else st.NOT_REQUESTED)
        p.sub(info, c, "AutomaticallyValidated", "false" if row["identifier"] in self.manual_validation else "true")
        if cert is not None:
            details = p.sub(info, c, "AuthenticationCertificateDetails")
            p.sub(details, c, "SerialNumber", str(cert.serial_number))
            p.sub(details, c, "DN", cert.subject.rfc4514_string())
            p.sub(details, c, "IssuerDN", cert.issuer.rfc4514_string())
            p.sub(details, c, "ValidNotBefore", p.instant(cert.not_valid_before_utc))
            p.sub(details, c, "ValidNotAfter", p.instant(cert.not_valid_after_utc))
        p.sub(info, c, "Revocable", "true" if status == st.VALID_ACTIVE else "false")
        p.sub(info, c, "Replaceable",
              "true" if status == st.VALID_ACTIVE and cert is not None and rules.replaceable(cert, now) else "false")
        if cert is not None:
            p.sub(info, c, "ReplacementPeriodStartDate", p.instant(rules.replacement_start(cert)))
        contact = p.sub(info, c, "ContactData")
        p.sub(contact, c, "EmailPrivate", row["email_private"])
        if row["email_general"]:
            p.sub(contact, c, "EmailGeneral", row["email_general"])
        p.sub(contact, c, "PhonePrivate", row["phone_private"])
        if row["phone_general"]:
            p.sub(contact, c, "PhoneGeneral", row["phone_general"])
        for service in (row["base_services"] or "").split():
            p.sub(info, c, "BaseServiceUsage", service)
        return info

    def get_certificate_info_for_citizen(self, request: etree._Element) -> etree._Element:
        """Every certificate the eID holder may manage: their own (SSIN) and those of the
        organisations they manage, whatever their status (signed with the eID Authentication key)."""
        signer = self.eid_signer(request)
        ssin = rules.ssin_of(signer)
        if not ssin:
            raise p.OperationError(p.SIGNER_MISMATCH, "The eID certificate carries no national number.")
        response = p.status_response(p.CERTRA, "GetCertificateInfoForCitizenResponse", request.get("Id"))
        for row in self.state.certificates_of([f"SSIN={ssin}", *self.managers.get(ssin, ())]):
            if row["status"] == st.REFUSED:
                continue
            self._certificate_info(response, row)
        return response

    def get_existing_application_ids(self, request: etree._Element) -> etree._Element:
        """The application ids the organisation's valid certificates use (unsigned on purpose, the
        schema says: a future manager without qualities may ask). Nil for one without an id."""
        node = request.find("certra:OrganizationIdentifier", p.NSMAP)
        identifier = rules.normalise_identifier(f"{id_type_from_uri(node.get('Type') or '')}={(node.text or '').strip()}")
        # a plain ResponseType: no Status (the schema has none here); a person has no application ids,
        # so their list is empty [guess: what the platform answers for an SSIN is not public]
        response = etree.Element(f"{{{p.CERTRA}}}GetExistingApplicationIdsResponse", nsmap={"ns": p.CERTRA})
        response.set("Id", p.new_id())
        if request.get("Id"):
            response.set("InResponseTo", request.get("Id"))
        response.set("IssueInstant", p.instant())
        seen = set()
        for row in ([] if identifier.startswith("SSIN=") else self.state.certificates_of([identifier])):
            if row["status"] != st.VALID_ACTIVE or row["application_id"] in seen:
                continue
            seen.add(row["application_id"])
            element = p.sub(response, p.CERTRA, "ApplicationId", row["application_id"] or None)
            if not row["application_id"]:
                element.set("{http://www.w3.org/2001/XMLSchema-instance}nil", "true")
        return response

    def generate_revocation_contract(self, request: etree._Element) -> etree._Element:
        """The revocation contract for a valid certificate, to a signer who may manage it (the person
        themself, or a manager of the organisation); recorded so Revoke must bring it back unchanged."""
        pki = p.text_of(request, "certra:PublicKeyIdentifier").lower()
        row = self.state.certificate(pki)
        if row is None:
            raise p.OperationError(p.UNKNOWN_CERTIFICATE, "No certificate has this public key identifier.")
        signer = request.find("certra:Signer", p.NSMAP)
        signer_ids = signer.findall("core:Id", p.NSMAP)
        if not signer_ids or id_type_from_uri(signer_ids[0].get("Type") or "") != "SSIN":
            raise p.OperationError(p.INVALID_REQUEST, "The Signer must be identified by a national number (SSIN).")
        signer_ssin = (signer_ids[0].text or "").strip()
        rules.check_may_request(row["identifier"], signer_ssin, self.managers)
        cert = x509.load_der_x509_certificate(row["cert_der"]) if row["cert_der"] else None
        if row["status"] != st.VALID_ACTIVE or cert is None or cert.not_valid_after_utc <= dt.datetime.now(dt.UTC):
            raise p.OperationError(p.NOT_REVOCABLE, f"This certificate cannot be revoked (it is {row['status']}).")
        reason = p.text_of(request, "certra:RevocationReason")
        dn = contract_dn(cert.subject)
        signer_names = " ".join([n.text.strip() for n in signer.findall("core:FirstName", p.NSMAP) if n.text]
                                + [p.text_of(signer, "core:Name")])
        response = p.status_response(p.CERTRA, "GenerateRevocationContractResponse", request.get("Id"))
        contract = p.sub(response, p.CERTRA, "Contract")
        p.sub(contract, p.CERTRA_CORE, "DN", dn)
        contract.append(_copy_as(signer, f"{{{p.CERTRA_CORE}}}Signer"))
        p.sub(contract, p.CERTRA_CORE, "RevocationReason", reason)
        text = p.sub(contract, p.CERTRA_CORE, "Text")
        for lang, words in conditions_mod.revocation_conditions(dn, signer_names, reason).items():
            p.sub(text, p.CERTRA_CORE, "Value", words).set(f"{{{p.XML_NS}}}lang", lang)
        self.state.add_revocation_contract(pki=pki, signer_ssin=signer_ssin, reason=reason,
                                           contract_sha256=_contract_digest(contract))
        return response

    def revoke(self, request: etree._Element) -> etree._Element:
        """Revokes the certificate and its ETK: the contract issued for it, unchanged, signed with the
        Signature key of the eID of the person it was issued to."""
        signer = self.eid_signer(request)
        pki = p.text_of(request, "certra:PublicKeyIdentifier").lower()
        contract = request.find("certra:Contract", p.NSMAP)
        issued = self.state.revocation_contract(pki, rules.ssin_of(signer), _contract_digest(contract))
        if issued is None:
            raise p.OperationError(p.INVALID_CONTRACT, "The revocation contract was not issued for this certificate "
                                                       "to the person who signed, or it was changed.")
        row = self.state.certificate(pki)
        rules.check_signer_is(row["identifier"], signer, self.managers)
        if row["status"] == st.REVOKED:
            return p.status_response(p.CERTRA, "RevokeResponse", request.get("Id"))  # resent: same answer
        if not self.state.revoke(pki, issued["reason"]):
            raise p.OperationError(p.NOT_REVOCABLE, f"This certificate cannot be revoked (it is {row['status']}).")
        log.info("sandbox: certificate %s revoked (%s)", pki, issued["reason"])
        return p.status_response(p.CERTRA, "RevokeResponse", request.get("Id"))

    def get_actor_qualities(self, request: etree._Element) -> etree._Element:
        signer = self.eid_signer(request)
        ssin = p.text_of(request, "certra:SSIN")
        rules.check_signer_is(f"SSIN={ssin}", signer)
        response = p.status_response(p.CERTRA, "GetActorQualitiesResponse", request.get("Id"))
        p.sub(response, p.CERTRA, "NaturalPersonAuthorization",
              "false" if f"SSIN={ssin}" in self.refuse else "true")
        for organisation in self.managers.get(ssin, ()):
            kind, _, number = organisation.partition("=")
            node = p.sub(response, p.CERTRA, "OrganizationAuthorization")
            name = p.sub(node, p.CERTRA_CORE, "Name")
            p.sub(name, p.CERTRA_CORE, "Value", self.organisations.get(organisation, f"Organisation {number}"),
                  **{"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
            p.sub(node, p.CERTRA_CORE, "Identifier", number, Type=kind)
        return response

    # --- production ----------------------------------------------------------------------------
    def produce_due(self) -> int:
        """Issues every request whose delay is over; sends its "produced" mail. Returns how many."""
        produced = 0
        with self._produce_lock:
            for row in self.state.due_requests(time.time()):
                csr = x509.load_der_x509_csr(row["csr_der"])
                now = time.time()
                cert = self.ca.issue_authentication(csr.subject, csr.public_key(), _utc(now),
                                                    _utc(now) + dt.timedelta(days=ca_mod.AUTH_CERT_DAYS))
                if not self.state.mark_produced(row["pki"], cert.public_bytes(DER), now):
                    continue
                produced += 1
                log.info("sandbox: certificate of request %s produced", row["request_number"])
                name = rules.ehealth_name(csr.subject)
                message = mailer_mod.produced_mail(number=row["request_number"], holder=row["holder"],
                                                   common_name=_common_name(name), environment=row["environment"],
                                                   recipient=row["email_private"], available_from=now)
                outcome = self.mailer.deliver("produced", row["request_number"], message)
                self.state.record_mail(row["request_number"], "produced", message["Subject"], outcome)
        return produced

    # --- EtkRA ---------------------------------------------------------------------------------
    def start_etk_registration(self, request: etree._Element) -> etree._Element:
        _, row = self.ehealth_signer(request)
        key_der = _b64decode(p.text_of(request, "etkra:PublicEncryptionKey"), "PublicEncryptionKey")
        try:
            public_key = serialization.load_der_public_key(key_der)
        except ValueError:
            raise p.OperationError(p.INVALID_KEY, "PublicEncryptionKey is not a DER public key.") from None
        if not isinstance(public_key, rsa.RSAPublicKey) or public_key.key_size < rules.MIN_RSA_BITS:
            raise p.OperationError(p.INVALID_KEY, "The encryption key must be RSA of at least 2048 bits.")
        serial16 = os.urandom(keys.ETK_SERIAL_BYTES)
        challenge = crypto.make_etk_challenge(serial16, public_key)
        self.state.add_etk(serial=int.from_bytes(serial16, "big"), auth_pki=row["pki"], identifier=row["identifier"],
                           application_id=row["application_id"], public_key_der=_spki(public_key),
                           status=st.IN_REQUEST)
        response = p.status_response(p.ETKRA, "StartETKRegistrationResponse", request.get("Id"))
        p.sub(response, p.ETKRA, "Challenge", _b64(challenge))
        return response

    def complete_etk_registration(self, request: etree._Element) -> etree._Element:
        auth, row = self.ehealth_signer(request)
        etk_der = _b64decode(p.text_of(request, "etkra:ToBeRegistered"), "ToBeRegistered")
        try:
            etk = x509.load_der_x509_certificate(etk_der)
        except ValueError:
            raise p.OperationError(p.INVALID_ETK, "ToBeRegistered is not a DER certificate.") from None
        pending = self.state.etk(etk.serial_number)
        if pending is None or pending["auth_pki"] != row["pki"] or pending["status"] not in (
                st.IN_REQUEST, st.WAIT_FOR_ACTIVATION):
            raise p.OperationError(p.INVALID_ETK, "No ETK registration was started with this serial number "
                                                  "for this certificate.")
        rules.check_etk_certificate(etk, auth, int(pending["serial"]), pending["public_key_der"])
        if pending["status"] == st.IN_REQUEST:
            self.state.registered_etk(etk.serial_number, etk_der)
        response = p.status_response(p.ETKRA, "CompleteETKRegistrationResponse", request.get("Id"))
        p.sub(response, p.ETKRA, "ETK", _b64(etk_der))
        p.sub(response, p.ETKRA, "ToBeActivated", "true")
        return response

    def activate_etk(self, request: etree._Element) -> etree._Element:
        _, row = self.ehealth_signer(request)
        waiting = self.state.etks_of_certificate(row["pki"], st.WAIT_FOR_ACTIVATION)
        if waiting:
            self.state.activate_etk(int(waiting[0]["serial"]))
        elif not self.state.etks_of_certificate(row["pki"], st.VALID_ACTIVE):
            raise p.OperationError(p.NO_ETK_TO_ACTIVATE, "No registered ETK waits for activation.")
        return p.status_response(p.ETKRA, "ActivateETKResponse", request.get("Id"))

    # --- ETK depot -----------------------------------------------------------------------------
    def get_etk(self, request: etree._Element) -> etree._Element:
        criteria = request.find("etkdepot:SearchCriteria", p.NSMAP)
        response = p.depot_response()
        response.append(_copy_as(criteria, f"{{{p.DEPOT}}}GivenSearchCriteria"))
        found = []
        for identifier in criteria.findall("etkdepot:Identifier", p.NSMAP):
            wanted = rules.normalise_identifier(f"{p.text_of(identifier, 'etkdepot:Type')}="
                                                f"{p.text_of(identifier, 'etkdepot:Value')}")
            application = p.text_of(identifier, "etkdepot:ApplicationID")
            found += [e for e in self.state.etks_of(wanted, application) if e["status"] == st.VALID_ACTIVE]
        if found:  # none: the criteria come back alone, as the depot does for an unknown identifier
            p.sub(response, p.DEPOT, "ETK", _b64(found[0]["cert_der"]))
        return response

    # --- queries for tests and support ---------------------------------------------------------
    def etk_status(self, identifier: str, application_id: str = "") -> str:
        """VALID_ACTIVE when an ETK is active, else the newest ETK's status, NOT_REQUESTED when none."""
        etks = self.state.etks_of(rules.normalise_identifier(identifier), application_id)
        if any(e["status"] == st.VALID_ACTIVE for e in etks):
            return st.VALID_ACTIVE
        return etks[0]["status"] if etks else st.NOT_REQUESTED

    def close(self) -> None:
        self.state.close()


def _common_name(name) -> str:
    return name.identifier + (f", {name.application}" if name.application else "")


def _copy_as(element: etree._Element, tag: str) -> etree._Element:
    """A deep copy of ``element`` under another name (request Signer → contract Signer)."""
    copy = etree.fromstring(etree.tostring(element))
    copy.tag = tag
    return copy


def contract_dn(subject: x509.Name) -> str:
    """The DN as the platform writes it in a contract: CN first, the ``=`` inside values left bare
    (the connector's ``NewCertificateContract`` escapes them itself), a comma inside a value escaped
    (``CN=CBE=0123456789\\, APPID``)."""
    short = {x509.NameOID.COMMON_NAME: "CN", x509.NameOID.ORGANIZATIONAL_UNIT_NAME: "OU",
             x509.NameOID.ORGANIZATION_NAME: "O", x509.NameOID.COUNTRY_NAME: "C"}
    return ",".join(f"{short[a.oid]}={str(a.value).replace(',', chr(92) + ',')}" for a in reversed(list(subject)))


def _name(der: bytes) -> x509.Name:
    from asn1crypto import x509 as asn1_x509

    # cryptography has no loader for a bare Name: wrap it in the attributes it compares
    parsed = asn1_x509.Name.load(der)
    attributes = []
    for rdn in parsed.chosen:
        for attribute in rdn:
            attributes.append(x509.RelativeDistinguishedName([x509.NameAttribute(
                x509.ObjectIdentifier(attribute["type"].dotted), str(attribute["value"].native))]))
    return x509.Name(attributes)


def _texts_digest(contract: etree._Element) -> str:
    """SHA-256 of the contract's texts (language and words), to recognise the contract issued."""
    digest = hashlib.sha256()
    for value in contract.iterfind("certracore:Text/certracore:Value", p.NSMAP):
        digest.update((value.get(f"{{{p.XML_NS}}}lang") or "").encode() + b"\0" + (value.text or "").encode() + b"\0")
    return digest.hexdigest()


def _contract_digest(contract: etree._Element) -> str:
    """SHA-256 of what a revocation contract says (DN, signer, reason, texts), whatever prefixes the
    client's XML writer chose: any change to its words is seen."""
    digest = hashlib.sha256()
    signer = contract.find("certracore:Signer", p.NSMAP)
    parts = [p.text_of(contract, "certracore:DN"), p.text_of(contract, "certracore:RevocationReason")]
    if signer is not None:
        parts += [f"{n.get('Type')}={(n.text or '').strip()}" for n in signer.findall("core:Id", p.NSMAP)]
        parts += [(n.text or "").strip() for n in signer.findall("core:FirstName", p.NSMAP)]
        parts.append(p.text_of(signer, "core:Name"))
    for part in parts:
        digest.update(part.encode() + b"\0")
    return digest.hexdigest() + _texts_digest(contract)


# The operations each endpoint serves: request element local name -> Platform method name.
OPERATIONS = {
    p.CERTRA: {
        "GenerateContractRequest": "generate_contract",
        "GenerateCertificateRequest": "generate_certificate",
        "GetCertificateRequest": "get_certificate",
        "GetCertificateInfoForAuthenticationCertificateRequest": "get_certificate_info",
        "GetActorQualitiesRequest": "get_actor_qualities",
        "GetCertificateInfoForCitizenRequest": "get_certificate_info_for_citizen",
        "GetExistingApplicationIdsRequest": "get_existing_application_ids",
        "GenerateRevocationContractRequest": "generate_revocation_contract",
        "RevokeRequest": "revoke",
    },
    p.ETKRA: {
        "StartETKRegistrationRequest": "start_etk_registration",
        "CompleteETKRegistrationRequest": "complete_etk_registration",
        "ActivateETKRequest": "activate_etk",
    },
    p.DEPOT: {"GetEtkRequest": "get_etk"},
}


def handle(platform: Platform, namespace: str, request: etree._Element) -> etree._Element:
    """Validates and runs one request; any refusal becomes the status structure of its response."""
    qname = etree.QName(request)
    method = OPERATIONS.get(namespace, {}).get(qname.localname) if qname.namespace == namespace else None
    if method is None:
        raise LookupError(qname.text)
    operation = qname.localname[:-len("Request")]
    request_id = request.get("Id") or ""
    try:
        try:
            schemas.validate(request)
        except schemas.SchemaError as exc:
            raise p.OperationError(p.INVALID_REQUEST, "The request does not follow the schema: "
                                   + "; ".join(exc.errors)) from None
        told = platform.state.take_refusal(operation)
        if told is not None:
            raise p.OperationError(told["code"], told["message"])
        response = getattr(platform, method)(request)
        outcome = "success"
    except p.OperationError as error:
        outcome = error.code
        response = error_response(namespace, operation, request_id, error)
    except Exception:  # a sandbox bug must still answer like the platform would (a server error)
        log.exception("sandbox: %s failed", operation)
        outcome = "server error"
        response = error_response(namespace, operation, request_id,
                                  p.OperationError("INTERNAL_ERROR", "Internal error.", p.STATUS_RESPONDER))
    platform.state.record_request(operation, request_id, outcome)
    log.info("sandbox: %s %s -> %s", operation, request_id, outcome)
    return response


def error_response(namespace: str, operation: str, request_id: str, error: p.OperationError) -> etree._Element:
    if namespace == p.DEPOT:
        return p.depot_response("400" if error.status == p.STATUS_REQUESTER else "500", error.message)
    return p.status_response(namespace, f"{operation}Response", request_id or None, error)
