"""CertRA v2, EtkRA v2 and ETK depot v1 messages: requests built to the official XSDs, answers read
defensively.

Builders return unsigned lxml elements carrying ``Id="_<uuid>"`` and ``IssueInstant`` (the ETK
depot v1 request type has neither); ``client.py`` signs the ones the platform wants signed
(``SIGNED_BY``) and validates every request before sending. Parsers turn an answer into typed
data or raise a typed error: a missing or surprising element is a ``MalformedResponse``, an
eHealth error status is a ``ServiceError`` carrying the platform's ``code`` (``NotYetDelivered``
for ``CERT_NOT_YET_DELIVERED``), never an ``AttributeError``.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import logging
import re
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, overload

from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from lxml import etree

from ehwatch.renewal.schemas import MalformedResponse, SchemaError, validate
from ehwatch.renewal.soap import ServiceError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes

# a certificate as the callers hold it: parsed, or its DER
CertificateLike = x509.Certificate | bytes | bytearray

log = logging.getLogger(__name__)

CERTRA = "urn:be:fgov:ehealth:certra:protocol:v2"
CERTRA_CORE = "urn:be:fgov:ehealth:certra:core:v2"
COMMONS = "urn:be:fgov:ehealth:commons:core:v2"
ETKRA = "urn:be:fgov:ehealth:etkra:protocol:v2"
ETEE = "urn:be:fgov:ehealth:etee:commons:core:v2"
ETKDEPOT = "urn:be:fgov:ehealth:etkdepot:1_0:protocol"
COMMONS_V1 = "urn:be:fgov:ehealth:commons:1_0:core"
XML_NS = "http://www.w3.org/XML/1998/namespace"

SUCCESS = "urn:be:fgov:ehealth:2.0:status:Success"
ETKDEPOT_SUCCESS = "200"
CERT_NOT_YET_DELIVERED = "CERT_NOT_YET_DELIVERED"

# Which key signs which request (facts §2). Requests missing here travel unsigned.
EID_SIGNATURE, EID_AUTHENTICATION, EHEALTH_CERTIFICATE = "eid-signature", "eid-authentication", "ehealth"
SIGNED_BY = {
    "GenerateCertificateRequest": EID_SIGNATURE,
    "RevokeRequest": EID_SIGNATURE,
    "GetActorQualitiesRequest": EID_AUTHENTICATION,
    "GetCertificateInfoForCitizenRequest": EID_AUTHENTICATION,
    "GetCertificateInfoForAuthenticationCertificateRequest": EHEALTH_CERTIFICATE,
    "StartETKRegistrationRequest": EHEALTH_CERTIFICATE,
    "CompleteETKRegistrationRequest": EHEALTH_CERTIFICATE,
    "ActivateETKRequest": EHEALTH_CERTIFICATE,
}

# SOAPAction of each operation, exactly as eHealth's connector 4.0.2 sends them (``RaUtils``
# constants, checked against its *ServiceImpl classes; facts §5) — note the mixed case and the
# ``etee`` segment some carry. ``soap.call`` sends the value quoted. The ETK depot's WSDL declares
# ``soapAction=""``: GetEtk's header is the empty quoted string.
SOAP_ACTIONS = {
    "GenerateContractRequest": "urn:be:fgov:ehealth:certra:protocol:v2:generateContract",
    "GenerateCertificateRequest": "urn:be:fgov:ehealth:etee:certra:protocol:v2:generatecertificate",
    "GetCertificateRequest": "urn:be:fgov:ehealth:etee:certra:protocol:v2:getcertificate",
    "GetActorQualitiesRequest": "urn:be:fgov:ehealth:certra:protocol:v2:getActorQualities",
    "GetCertificateInfoForAuthenticationCertificateRequest":
        "urn:be:fgov:ehealth:etee:certra:protocol:v2:getCertificateInfoForAuthenticationCertificate",
    "GetCertificateInfoForCitizenRequest": "urn:be:fgov:ehealth:certra:protocol:v2:getCertificateInfoForCitizen",
    "GetExistingApplicationIdsRequest": "urn:be:fgov:ehealth:etee:certra:protocol:v2:getexistingapplicationids",
    "GetGenericOrganizationTypesRequest": "urn:be:fgov:ehealth:certra:protocol:v2:getGenericOrganizationTypes",
    "GenerateRevocationContractRequest": "urn:be:fgov:ehealth:certra:protocol:v2:generateRevocationContract",
    "RevokeRequest": "urn:be:fgov:ehealth:etee:certra:protocol:v2:revoke",
    "StartETKRegistrationRequest": "urn:be:fgov:ehealth:etee:etkra:protocol:v2:startETKRegistration",
    "CompleteETKRegistrationRequest": "urn:be:fgov:ehealth:etee:etkra:protocol:v2:completeETKregistration",
    "ActivateETKRequest": "urn:be:fgov:ehealth:etee:etkra:protocol:v2:activateETK",
    "GetEtkRequest": "",
}


class NotYetDelivered(ServiceError):
    """GetCertificate before the CA produced the certificate: wait and ask again, nothing is wrong."""

    def __init__(self, message: str = "", operation: str = "GetCertificate"):
        super().__init__(CERT_NOT_YET_DELIVERED, message, operation, key="ehealth.not_yet_delivered")


# ---------------------------------------------------------------- data
@dataclass(frozen=True)
class ContactData:
    """The contact data eHealth writes to: the private e-mail and phone are required."""

    email: str
    phone: str
    general_email: str | None = None
    general_phone: str | None = None


@dataclass(frozen=True)
class Actor:
    """A person or organisation as eHealth names it (commons ActorType): identifier, names."""

    id_type: str            # "SSIN", "NIHII", "NIHII-PHARMACY", "CBE", "EHP"...
    id_value: str
    name: str               # a person's surname, or the organisation's name
    first_names: tuple[str, ...] = ()

    @classmethod
    def from_eid_certificate(cls, certificate: CertificateLike) -> Actor:
        """The eID holder as the contract wants them: SSIN from serialNumber, names from the certificate."""
        cert = _certificate(certificate)
        subject = cert.subject

        def first(oid: x509.ObjectIdentifier) -> str:
            values = subject.get_attributes_for_oid(oid)
            return _value_text(values[0].value) if values else ""

        ssin = first(x509.NameOID.SERIAL_NUMBER)
        given = first(x509.NameOID.GIVEN_NAME)
        return cls("SSIN", ssin, first(x509.NameOID.SURNAME), (given,) if given else ())


ORGANISATION_TYPES_NOTE = "every identifier type but SSIN names an organisation (CBE, NIHII-PHARMACY, EHP, …)"


@dataclass(frozen=True)
class CertificateIdentifier:
    """Whose certificate: the actor, and the application id some organisations add (certra core
    CertificateIdentifierType, as the connector's ``CertificateIdentifier``)."""

    actor: Actor
    application_id: str | None = None

    @classmethod
    def for_renewal(cls, old_subject: x509.Name | CertificateLike, requestor: Actor, organisation_name: str | None = None) -> CertificateIdentifier:
        """The certificate being renewed, named from its own subject (``x509.Name``, a certificate or
        its DER), as the connector's ``ContractRequestBuilder`` names it.

        ``SSIN=…``: the person (the eID holder's names). Any other type (CBE, NIHII-PHARMACY, EHP…):
        the organisation — its type, its id and its name (the DN's name OU unless
        ``organisation_name`` is given, e.g. from GetActorQualities), with the requestor's first
        names as the connector sends them. ``…,APPID``: the application id too.
        """
        from ehwatch.monitor import names

        if isinstance(old_subject, (bytes, bytearray, x509.Certificate)):
            old_subject = _certificate(old_subject).subject
        parsed = names.parse_subject(old_subject)
        if parsed is None:
            raise ValueError("not an eHealth certificate subject")
        if parsed.type == "SSIN":
            actor = Actor("SSIN", parsed.id, requestor.name, requestor.first_names)
        else:
            name = organisation_name or parsed.holder or ""
            if not name:
                raise ValueError("the organisation's name is unknown")
            actor = Actor(parsed.type, parsed.id, name, requestor.first_names)
        return cls(actor, parsed.application)


_DN_ATTRIBUTES = {
    "CN": x509.NameOID.COMMON_NAME, "OU": x509.NameOID.ORGANIZATIONAL_UNIT_NAME,
    "O": x509.NameOID.ORGANIZATION_NAME, "C": x509.NameOID.COUNTRY_NAME, "L": x509.NameOID.LOCALITY_NAME,
    "ST": x509.NameOID.STATE_OR_PROVINCE_NAME, "SERIALNUMBER": x509.NameOID.SERIAL_NUMBER,
    "GIVENNAME": x509.NameOID.GIVEN_NAME, "SURNAME": x509.NameOID.SURNAME, "SN": x509.NameOID.SURNAME,
    "EMAILADDRESS": x509.NameOID.EMAIL_ADDRESS, "E": x509.NameOID.EMAIL_ADDRESS,
}
_DN_KEY = re.compile(r"\s*([A-Za-z][A-Za-z0-9]*)\s*=(.*)\Z", re.S)


def _dn_unescape(value: str) -> str:
    out, raw, i = [], bytearray(), 0
    while i < len(value):
        c = value[i]
        if c == "\\" and re.fullmatch(r"[0-9A-Fa-f]{2}", value[i + 1:i + 3] or ""):
            raw.append(int(value[i + 1:i + 3], 16))
            i += 3
            continue
        if raw:
            out.append(raw.decode("utf-8", "replace"))
            raw = bytearray()
        if c == "\\" and i + 1 < len(value):
            out.append(value[i + 1])
            i += 2
            continue
        out.append(c)
        i += 1
    if raw:
        out.append(raw.decode("utf-8", "replace"))
    return "".join(out)


def parse_dn(text: str) -> x509.Name:
    """A DN string as eHealth writes it (RFC 2253 order, CN first) into an ``x509.Name``.

    Tolerant where the platform is: ``CN=SSIN=75040404976`` or ``CN="SSIN=75040404976"`` (an unescaped ``=`` in a value, which
    the connector's ``NewCertificateContract`` escapes itself before comparing), ``\\,`` or a bare
    ``, APPID`` inside the CN, ``\\XX`` hex escapes. Raises ``ValueError`` when it is not a DN.
    """
    segments, current, i, quoted = [], [], 0, False
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            current.append(text[i:i + 2])
            i += 2
            continue
        if c == '"':
            quoted = not quoted
        if c in ",;" and not quoted:
            segments.append("".join(current))
            current = []
        else:
            current.append(c)
        i += 1
    segments.append("".join(current))
    pairs: list[list[str]] = []
    for segment in segments:
        match = _DN_KEY.match(segment)
        if match and match.group(1).upper() in _DN_ATTRIBUTES:
            pairs.append([match.group(1).upper(), match.group(2)])
        elif pairs:
            pairs[-1][1] += "," + segment       # "CN=CBE=0123456789, APPID": the comma belongs to the CN
        else:
            raise ValueError("not a distinguished name")
    attributes = []
    for key, value in pairs:
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':     # RFC 1779 quoting: CN="SSIN=75040404976"
            value = value[1:-1]
        value = _dn_unescape(value)
        if not value:
            raise ValueError(f"empty {key} in a distinguished name")
        attributes.append(x509.NameAttribute(_DN_ATTRIBUTES[key], value))
    return x509.Name([x509.RelativeDistinguishedName([a]) for a in reversed(attributes)])


def dn_string(name: x509.Name) -> str:
    """An ``x509.Name`` the way eHealth writes a contract DN: CN first, ``=`` in values unescaped,
    ``,`` escaped (``CN=CBE=0123456789\\, APPID,OU=…,O=Federal Government,C=BE``)."""
    parts = []
    for attribute in reversed(list(name)):
        key = next(k for k, oid in _DN_ATTRIBUTES.items() if oid == attribute.oid)
        value = str(attribute.value).replace("\\", "\\\\").replace(",", "\\,").replace("+", "\\+")
        parts.append(f"{key}={value}")
    return ",".join(parts)


@dataclass(frozen=True)
class Contract:
    """The contract GenerateContract returns, kept byte for byte: it goes back as-is, signed.

    ``dn`` is the DN eHealth will certify, as it sent it; ``subject`` the same as an ``x509.Name``
    (the CSR must carry exactly that). ``texts``: language → the conditions (HTML) to show.
    """

    dn: str
    signer: Actor
    texts: dict[str, str] = field(hash=False)   # language ("fr", "nl", ...) → HTML to show before signing
    xml: bytes = field(repr=False)    # the Contract element as received

    @property
    def subject(self) -> x509.Name:
        return parse_dn(self.dn)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.texts)

    def text_language(self, language: str) -> str:
        """The language ``text(language)`` shows: the one asked for, else French, Dutch, English,
        German, else the first eHealth sent."""
        for candidate in ((language or "").lower()[:2], "fr", "nl", "en", "de"):
            if candidate in self.texts and self.texts[candidate].strip():
                return candidate
        return next((lang for lang, text in self.texts.items() if text.strip()), next(iter(self.texts), ""))

    def text(self, language: str) -> str:
        """The conditions in ``language``, falling back to another language eHealth sent."""
        return self.texts.get(self.text_language(language), "")


@dataclass(frozen=True)
class GenerateCertificateResult:
    """GenerateCertificate's answer. The public key identifier names the request from now on."""

    public_key_identifier: str          # lower-case hex, as keys.public_key_identifier gives it
    automatically_validated: bool       # False: eHealth's support checks by hand (slower)
    replaces: str | None = None         # identifier of the certificate being replaced (renewal)
    request_number: str | None = None   # the CertRA v2 answer carries none; kept for the lifecycle


@dataclass(frozen=True)
class CertificateDetails:
    serial_number: str
    dn: str
    issuer_dn: str
    not_before: dt.datetime
    not_after: dt.datetime


@dataclass(frozen=True)
class CertificateInfo:
    """What CertRA knows of one certificate and its ETK (GetCertificateInfo…)."""

    requested: dt.datetime
    public_key_identifier: str
    id_type: str
    id_value: str
    application_id: str | None
    entity_type: str | None              # NaturalPerson | Organization
    status: str                          # IN_PROGRESS, VALID_ACTIVE, REFUSED, REVOKED, EXPIRED
    etk_status: str                      # NOT_REQUESTED, IN_REQUEST, WAIT_FOR_ACTIVATION, VALID_ACTIVE, ...
    automatically_validated: bool
    details: CertificateDetails | None   # absent until the certificate is delivered
    revocable: bool
    replaceable: bool
    replacement_start: dt.datetime | None  # when a renewal may be requested (aware datetime)
    contact: ContactData
    base_services: tuple[str, ...] = ()

    @property
    def not_after(self) -> dt.datetime | None:
        return self.details.not_after if self.details else None


@dataclass(frozen=True)
class ActorQualities:
    """GetActorQualities: may this person hold a personal certificate, and for which organisations."""

    natural_person: bool
    organizations: tuple[str, ...] = ()                        # "TYPE=value", e.g. "NIHII-PHARMACY=54001234"
    # "TYPE=value" → {language: name}
    organization_names: dict[str, dict[str, str]] = field(default_factory=dict, hash=False)


# The revocation reasons certra core allows (RevocationReasonType, a subset of RFC 5280's).
REVOCATION_REASONS = ("keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation")


@dataclass(frozen=True)
class RevocationContract:
    """GenerateRevocationContract's contract, kept byte for byte: Revoke sends it back as-is, signed
    with the eID Signature key (the connector's ``GeneratedRevocationContract``)."""

    dn: str
    reason: str
    texts: dict[str, str] = field(hash=False)   # language → HTML to show before signing
    xml: bytes = field(repr=False)

    def text(self, language: str) -> str:
        for candidate in ((language or "").lower()[:2], "fr", "nl", "en", "de"):
            if self.texts.get(candidate, "").strip():
                return self.texts[candidate]
        return next((t for t in self.texts.values() if t.strip()), "")


@dataclass(frozen=True)
class EtkRegistration:
    etk: bytes              # the encryption token (CMS signed data holding the ETK certificate)
    to_be_activated: bool


# ---------------------------------------------------------------- helpers
def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    """An xs:ID for a request: it must not start with a digit, hence the underscore."""
    return f"_{uuid.uuid4()}"


def _request(namespace: str, name: str) -> etree._Element:
    return etree.Element(_q(namespace, name), nsmap={None: namespace}, Id=new_id(), IssueInstant=_now())


def _sub(parent: etree._Element, namespace: str, name: str, text: str | None = None,
         **attrs: str) -> etree._Element:
    child = etree.SubElement(parent, _q(namespace, name), attrib=attrs)
    if text is not None:
        child.text = text
    return child


def _der(certificate: CertificateLike) -> bytes:
    if isinstance(certificate, x509.Certificate):
        return certificate.public_bytes(serialization.Encoding.DER)
    return bytes(certificate)


def _certificate(certificate: CertificateLike) -> x509.Certificate:
    if isinstance(certificate, x509.Certificate):
        return certificate
    try:
        return x509.load_der_x509_certificate(bytes(certificate))
    except ValueError:
        raise MalformedResponse("a certificate cannot be read") from None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _pki_hex(identifier: bytes | bytearray | str) -> str:
    """A public key identifier as 40 hex digits, from bytes or hex text."""
    text = identifier.hex() if isinstance(identifier, (bytes, bytearray)) else str(identifier).strip()
    if not re.fullmatch(r"[0-9a-fA-F]{40}", text):
        raise ValueError("a public key identifier is 20 bytes (40 hex digits)")
    return text.upper()


def _actor(parent: etree._Element, namespace: str, name: str, actor: Actor) -> etree._Element:
    element = _sub(parent, namespace, name)
    _sub(element, COMMONS, "Id", actor.id_value, Type=actor.id_type)
    for first_name in actor.first_names:
        _sub(element, COMMONS, "FirstName", first_name)
    _sub(element, COMMONS, "Name", actor.name)
    return element


def _contact(parent: etree._Element, namespace: str, contact: ContactData) -> etree._Element:
    element = _sub(parent, namespace, "ContactData")
    _sub(element, CERTRA_CORE, "EmailPrivate", contact.email)
    if contact.general_email:
        _sub(element, CERTRA_CORE, "EmailGeneral", contact.general_email)
    _sub(element, CERTRA_CORE, "PhonePrivate", contact.phone)
    if contact.general_phone:
        _sub(element, CERTRA_CORE, "PhoneGeneral", contact.general_phone)
    return element


# ---------------------------------------------------------------- requests
def generate_contract_request(contact: ContactData, signer: Actor,
                              certificate: CertificateIdentifier) -> etree._Element:
    """GenerateContract (unsigned): the contract the eID holder will sign, personalised by eHealth."""
    request = _request(CERTRA, "GenerateContractRequest")
    _contact(request, CERTRA, contact)
    _actor(request, CERTRA, "Signer", signer)
    identifier = _sub(request, CERTRA, "CertificateIdentifier")
    _actor(identifier, CERTRA_CORE, "Actor", certificate.actor)
    if certificate.application_id:
        _sub(identifier, CERTRA_CORE, "ApplicationId", certificate.application_id)
    return request


def generate_certificate_request(csr_der: bytes, contact: ContactData, contract: Contract,
                                 base_services: tuple[str, ...] = ()) -> etree._Element:
    """GenerateCertificate (to be signed with the eID Signature key): the eHealth CSR."""
    request = _request(CERTRA, "GenerateCertificateRequest")
    csr = _sub(request, CERTRA, "EHealthCSR")
    _contact(csr, CERTRA_CORE, contact)
    _sub(csr, CERTRA_CORE, "CSR", _b64(csr_der))
    received = etree.fromstring(contract.xml)
    received.tag = _q(CERTRA_CORE, "Contract")   # same content, now the CSR's Contract element
    csr.append(received)
    for service in base_services:
        _sub(csr, CERTRA_CORE, "BaseServiceUsage", service)
    return request


def get_certificate_request(public_key_identifier: bytes | bytearray | str) -> etree._Element:
    """GetCertificate (unsigned): the chain once the CA produced it."""
    request = _request(CERTRA, "GetCertificateRequest")
    _sub(request, CERTRA, "PublicKeyIdentifier", _pki_hex(public_key_identifier))
    return request


def certificate_info_request() -> etree._Element:
    """GetCertificateInfoForAuthenticationCertificate: empty, the signing certificate says which one."""
    return _request(CERTRA, "GetCertificateInfoForAuthenticationCertificateRequest")


def certificate_info_for_citizen_request() -> etree._Element:
    """GetCertificateInfoForCitizen: every certificate the eID (Authentication) holder may manage."""
    return _request(CERTRA, "GetCertificateInfoForCitizenRequest")


def actor_qualities_request(ssin: str) -> etree._Element:
    """GetActorQualities (eID Authentication key): may this person request certificates, for whom."""
    request = _request(CERTRA, "GetActorQualitiesRequest")
    _sub(request, CERTRA, "SSIN", ssin, Type="SSIN")
    return request


def existing_application_ids_request(id_type: str, id_value: str) -> etree._Element:
    """GetExistingApplicationIds (unsigned, on purpose: the schema says so): the application ids an
    organisation's certificates already use, to choose a new one."""
    request = _request(CERTRA, "GetExistingApplicationIdsRequest")
    _sub(request, CERTRA, "OrganizationIdentifier", id_value, Type=id_type)
    return request


def generate_revocation_contract_request(public_key_identifier: bytes | bytearray | str, signer: Actor,
                                         reason: str) -> etree._Element:
    """GenerateRevocationContract (unsigned): the certificate's public key identifier, the eID holder
    who will sign, the reason (``REVOCATION_REASONS``) — as the connector's RevocationRequestBuilder."""
    if reason not in REVOCATION_REASONS:
        raise ValueError(f"revocation reason {reason!r} is not one of {REVOCATION_REASONS}")
    request = _request(CERTRA, "GenerateRevocationContractRequest")
    _sub(request, CERTRA, "PublicKeyIdentifier", _pki_hex(public_key_identifier))
    _actor(request, CERTRA, "Signer", signer)
    _sub(request, CERTRA, "RevocationReason", reason)
    return request


def revoke_request(public_key_identifier: bytes | bytearray | str, contract: RevocationContract) -> etree._Element:
    """Revoke (to be signed with the eID Signature key): the key identifier and the contract as received."""
    request = _request(CERTRA, "RevokeRequest")
    _sub(request, CERTRA, "PublicKeyIdentifier", _pki_hex(public_key_identifier))
    received = etree.fromstring(contract.xml)
    received.tag = _q(CERTRA, "Contract")
    request.append(received)
    return request


def start_etk_registration_request(public_key: PublicKeyTypes | bytes | bytearray) -> etree._Element:
    """StartETKRegistration: the new ETK's public key (SubjectPublicKeyInfo, DER)."""
    if not isinstance(public_key, (bytes, bytearray)):
        public_key = public_key.public_bytes(serialization.Encoding.DER,
                                             serialization.PublicFormat.SubjectPublicKeyInfo)
    request = _request(ETKRA, "StartETKRegistrationRequest")
    _sub(request, ETKRA, "PublicEncryptionKey", _b64(bytes(public_key)))
    return request


def complete_etk_registration_request(etk_certificate: CertificateLike) -> etree._Element:
    """CompleteETKRegistration: the self-issued ETK certificate built from the challenge."""
    request = _request(ETKRA, "CompleteETKRegistrationRequest")
    _sub(request, ETKRA, "ToBeRegistered", _b64(_der(etk_certificate)))
    return request


def activate_etk_request() -> etree._Element:
    """ActivateETK: makes the new ETK the published one (and retires the previous)."""
    return _request(ETKRA, "ActivateETKRequest")


def get_etk_request(id_type: str, id_value: str, application_id: str | None = None) -> etree._Element:
    """GetEtk on the ETK depot (v1: no Id, no IssueInstant in that schema)."""
    request = etree.Element(_q(ETKDEPOT, "GetEtkRequest"), nsmap={None: ETKDEPOT})
    criteria = _sub(request, ETKDEPOT, "SearchCriteria")
    identifier = _sub(criteria, ETKDEPOT, "Identifier")
    _sub(identifier, ETKDEPOT, "Type", id_type)
    _sub(identifier, ETKDEPOT, "Value", id_value)
    if application_id:
        _sub(identifier, ETKDEPOT, "ApplicationID", application_id)
    return request


def soap_action(request: etree._Element) -> str:
    """The SOAPAction of ``request`` (unquoted; ``soap.call`` quotes it). '' for GetEtk."""
    return SOAP_ACTIONS[etree.QName(request).localname]


def operation(request: etree._Element) -> str:
    """``GenerateCertificateRequest`` → ``GenerateCertificate`` (for messages and logs)."""
    return etree.QName(request).localname.removesuffix("Request")


# ---------------------------------------------------------------- reading answers
def _find(parent: etree._Element, path: str, namespaces: dict[str, str], what: str) -> etree._Element:
    found = parent.find(path, namespaces)
    if found is None:
        raise MalformedResponse(f"{what} missing")
    return found


@overload
def _text(parent: etree._Element, path: str, namespaces: dict[str, str], what: str,
          optional: Literal[False] = False) -> str: ...
@overload
def _text(parent: etree._Element, path: str, namespaces: dict[str, str], what: str,
          optional: bool) -> str | None: ...
def _text(parent: etree._Element, path: str, namespaces: dict[str, str], what: str, optional: bool = False) -> str | None:
    found = parent.find(path, namespaces)
    if found is None:
        if optional:
            return None
        raise MalformedResponse(f"{what} missing")
    return (found.text or "").strip()


def _boolean(value: str | None, what: str) -> bool:
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise MalformedResponse(f"{what} is not a boolean")


_DATETIME = re.compile(r"(-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)?$")


def parse_datetime(value: str | None, what: str = "date") -> dt.datetime:
    """xs:dateTime → an aware datetime (no zone given: eHealth means Brussels time)."""
    match = _DATETIME.match((value or "").strip())
    if not match:
        raise MalformedResponse(f"{what} is not a date and time")
    base, fraction, zone = match.groups()
    try:
        moment = dt.datetime.fromisoformat(base)
    except ValueError:
        raise MalformedResponse(f"{what} is not a date and time") from None
    if fraction:
        moment = moment.replace(microsecond=int((fraction[1:] + "000000")[:6]))
    if zone in (None, ""):
        from zoneinfo import ZoneInfo

        return moment.replace(tzinfo=ZoneInfo("Europe/Brussels"))
    if zone == "Z":
        return moment.replace(tzinfo=dt.UTC)
    sign = 1 if zone[0] == "+" else -1
    offset = dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    return moment.replace(tzinfo=dt.timezone(sign * offset))


def _base64(value: str | None, what: str) -> bytes:
    try:
        decoded = base64.b64decode("".join((value or "").split()), validate=True)
    except (binascii.Error, ValueError):
        raise MalformedResponse(f"{what} is not base64") from None
    if not decoded:
        raise MalformedResponse(f"{what} is empty")
    return decoded


def _hex_identifier(value: str | None, what: str) -> str:
    try:
        return _pki_hex(value or "").lower()      # missing: not an identifier either
    except ValueError:
        raise MalformedResponse(f"{what} is not a public key identifier") from None


def _expect(response: etree._Element, namespace: str, name: str) -> etree._Element:
    if not isinstance(response.tag, str) or response.tag != _q(namespace, name):
        got = etree.QName(response).localname if isinstance(response.tag, str) else "?"
        raise MalformedResponse(f"expected {name}, got {got}")
    try:
        validate(response)
    except SchemaError as exc:  # read on anyway: the fields we need are checked one by one below
        log.warning("%s does not follow the XSD: %s", name, "; ".join(exc.errors))
    return response


def error_codes(response: etree._Element) -> list[tuple[str, str]]:
    """(code, message) of each eHealth error in a v2 status detail."""
    ns = {"c": COMMONS, "e": ETEE}
    found = []
    for error in response.iterfind("c:Status/c:StatusDetail/e:EteeStatusDetail/Errors", ns):
        code = (error.findtext("Code") or "").strip()
        if code:
            found.append((code, (error.findtext("Message") or "").strip()))
    return found


def check_status(response: etree._Element, operation_name: str) -> None:
    """Success, or the eHealth error as a typed exception (``NotYetDelivered`` when not produced yet)."""
    ns = {"c": COMMONS}
    status = _find(response, "c:Status/c:StatusCode", ns, "Status")
    if status.get("Value") == SUCCESS:
        return
    message = (response.findtext("c:Status/c:StatusMessage", namespaces=ns) or "").strip()
    errors = error_codes(response)
    codes = [code for code, _ in errors]
    if CERT_NOT_YET_DELIVERED in codes:
        raise NotYetDelivered(message, operation_name)
    if errors:
        code, detail = errors[0]
        raise ServiceError(code, message or detail, operation_name)
    nested = response.find("c:Status/c:StatusCode/c:StatusCode", ns)
    code = (nested if nested is not None else status).get("Value") or "UNKNOWN"
    raise ServiceError(code.rsplit(":", 1)[-1], message, operation_name)


def parse_generate_contract(response: etree._Element) -> Contract:
    _expect(response, CERTRA, "GenerateContractResponse")
    check_status(response, "GenerateContract")
    ns = {"p": CERTRA, "c": CERTRA_CORE, "m": COMMONS}
    contract = _find(response, "p:Contract", ns, "Contract")
    signer = _find(contract, "c:Signer", ns, "Contract signer")
    ids = signer.findall("m:Id", ns)
    if not ids:
        raise MalformedResponse("Contract signer identifier missing")
    actor = Actor(ids[0].get("Type") or "", (ids[0].text or "").strip(),
                  _text(signer, "m:Name", ns, "Contract signer name"),
                  tuple((f.text or "").strip() for f in signer.findall("m:FirstName", ns)))
    texts: dict[str, str] = {}
    for value in contract.findall("c:Text/c:Value", ns):
        language = (value.get(_q(XML_NS, "lang")) or "").lower()[:2]
        texts.setdefault(language, value.text or "")
    if not any(text.strip() for text in texts.values()):
        raise MalformedResponse("Contract text missing")
    dn = _text(contract, "c:DN", ns, "Contract DN")
    try:
        subject = parse_dn(dn)
    except ValueError:
        raise MalformedResponse("the contract DN is not a distinguished name") from None
    from ehwatch.monitor import names

    if names.parse_subject(subject) is None:
        raise MalformedResponse("the contract DN is not an eHealth DN")
    return Contract(dn=dn, signer=actor, texts=texts, xml=etree.tostring(contract))


def parse_generate_certificate(response: etree._Element) -> GenerateCertificateResult:
    _expect(response, CERTRA, "GenerateCertificateResponse")
    check_status(response, "GenerateCertificate")
    ns = {"p": CERTRA}
    replaces = _text(response, "p:ReplacesCertificate", ns, "ReplacesCertificate", optional=True)
    return GenerateCertificateResult(
        public_key_identifier=_hex_identifier(_text(response, "p:PublicKeyIdentifier", ns, "PublicKeyIdentifier"),
                                              "PublicKeyIdentifier"),
        automatically_validated=_boolean(_text(response, "p:AutomaticallyValidated", ns, "AutomaticallyValidated"),
                                         "AutomaticallyValidated"),
        replaces=_hex_identifier(replaces, "ReplacesCertificate") if replaces else None)


def parse_get_certificate(response: etree._Element) -> list[bytes]:
    """The chain, leaf first, each certificate checked to be one."""
    _expect(response, CERTRA, "GetCertificateResponse")
    check_status(response, "GetCertificate")
    nodes = response.findall(_q(CERTRA, "X509Certificate"))
    if not nodes:
        raise MalformedResponse("no certificate in GetCertificateResponse")
    chain = [_base64(node.text, "X509Certificate") for node in nodes]
    for der in chain:
        _certificate(der)
    return chain


def _contact_data(element: etree._Element) -> ContactData:
    ns = {"c": CERTRA_CORE}
    return ContactData(email=_text(element, "c:EmailPrivate", ns, "EmailPrivate"),
                       phone=_text(element, "c:PhonePrivate", ns, "PhonePrivate"),
                       general_email=_text(element, "c:EmailGeneral", ns, "EmailGeneral", optional=True),
                       general_phone=_text(element, "c:PhoneGeneral", ns, "PhoneGeneral", optional=True))


def _certificate_info(info: etree._Element) -> CertificateInfo:
    ns = {"c": CERTRA_CORE, "m": COMMONS}
    entity = _find(info, "c:CertificateEntity", ns, "CertificateEntity")
    actor_id = _find(entity, "c:CertificateIdentifier/c:Actor/m:Id", ns, "certificate actor")
    details_node = info.find("c:AuthenticationCertificateDetails", ns)
    details = None
    if details_node is not None:
        details = CertificateDetails(
            serial_number=_text(details_node, "c:SerialNumber", ns, "SerialNumber"),
            dn=_text(details_node, "c:DN", ns, "DN"),
            issuer_dn=_text(details_node, "c:IssuerDN", ns, "IssuerDN"),
            not_before=parse_datetime(_text(details_node, "c:ValidNotBefore", ns, "ValidNotBefore"), "ValidNotBefore"),
            not_after=parse_datetime(_text(details_node, "c:ValidNotAfter", ns, "ValidNotAfter"), "ValidNotAfter"))
    start = _text(info, "c:ReplacementPeriodStartDate", ns, "ReplacementPeriodStartDate", optional=True)
    return CertificateInfo(
        requested=parse_datetime(_text(info, "c:RequestedDate", ns, "RequestedDate"), "RequestedDate"),
        public_key_identifier=_hex_identifier(_text(info, "c:PublicKeyIdentifier", ns, "PublicKeyIdentifier"),
                                              "PublicKeyIdentifier"),
        id_type=actor_id.get("Type") or "",
        id_value=(actor_id.text or "").strip(),
        application_id=_text(entity, "c:CertificateIdentifier/c:ApplicationId", ns, "ApplicationId", optional=True),
        entity_type=entity.get("EntityType"),
        status=_text(info, "c:AuthenticationCertificateStatus", ns, "AuthenticationCertificateStatus"),
        etk_status=_text(info, "c:ETKStatus", ns, "ETKStatus"),
        automatically_validated=_boolean(_text(info, "c:AutomaticallyValidated", ns, "AutomaticallyValidated"),
                                         "AutomaticallyValidated"),
        details=details,
        revocable=_boolean(_text(info, "c:Revocable", ns, "Revocable"), "Revocable"),
        replaceable=_boolean(_text(info, "c:Replaceable", ns, "Replaceable"), "Replaceable"),
        replacement_start=parse_datetime(start, "ReplacementPeriodStartDate") if start else None,
        contact=_contact_data(_find(info, "c:ContactData", ns, "ContactData")),
        base_services=tuple((s.text or "").strip() for s in info.findall("c:BaseServiceUsage", ns)))


def parse_certificate_info(response: etree._Element) -> CertificateInfo:
    _expect(response, CERTRA, "GetCertificateInfoForAuthenticationCertificateResponse")
    check_status(response, "GetCertificateInfoForAuthenticationCertificate")
    return _certificate_info(_find(response, _q(CERTRA, "CertificateInfo"), {}, "CertificateInfo"))


def parse_certificate_info_for_citizen(response: etree._Element) -> list[CertificateInfo]:
    _expect(response, CERTRA, "GetCertificateInfoForCitizenResponse")
    check_status(response, "GetCertificateInfoForCitizen")
    return [_certificate_info(info) for info in response.findall(_q(CERTRA, "CertificateInfo"))]


def parse_actor_qualities(response: etree._Element) -> ActorQualities:
    _expect(response, CERTRA, "GetActorQualitiesResponse")
    check_status(response, "GetActorQualities")
    ns = {"p": CERTRA, "c": CERTRA_CORE, "m": COMMONS}
    names = {}
    for node in response.findall("p:OrganizationAuthorization", ns):
        identifier = _find(node, "c:Identifier", ns, "organisation identifier")
        key = f"{(identifier.get('Type') or '').strip()}={(identifier.text or '').strip()}"
        names[key] = {(v.get(_q(XML_NS, "lang")) or "").lower()[:2]: (v.text or "").strip()
                      for v in node.findall("c:Name/c:Value", ns)}
    return ActorQualities(
        natural_person=_boolean(_text(response, "p:NaturalPersonAuthorization", ns, "NaturalPersonAuthorization"),
                                "NaturalPersonAuthorization"),
        organizations=tuple(names), organization_names=names)


def parse_existing_application_ids(response: etree._Element) -> tuple[str | None, ...]:
    """The application ids in use (None: a certificate without one — the schema's nil element)."""
    _expect(response, CERTRA, "GetExistingApplicationIdsResponse")
    xsi_nil = "{http://www.w3.org/2001/XMLSchema-instance}nil"
    found = []
    for node in response.findall(_q(CERTRA, "ApplicationId")):
        value = (node.text or "").strip()
        found.append(None if node.get(xsi_nil) in ("true", "1") or not value else value)
    return tuple(found)


def parse_generate_revocation_contract(response: etree._Element) -> RevocationContract:
    _expect(response, CERTRA, "GenerateRevocationContractResponse")
    check_status(response, "GenerateRevocationContract")
    ns = {"p": CERTRA, "c": CERTRA_CORE}
    contract = _find(response, "p:Contract", ns, "Contract")
    texts: dict[str, str] = {}
    for value in contract.findall("c:Text/c:Value", ns):
        texts.setdefault((value.get(_q(XML_NS, "lang")) or "").lower()[:2], value.text or "")
    if not any(text.strip() for text in texts.values()):
        raise MalformedResponse("Revocation contract text missing")
    return RevocationContract(dn=_text(contract, "c:DN", ns, "Contract DN"),
                              reason=_text(contract, "c:RevocationReason", ns, "RevocationReason"),
                              texts=texts, xml=etree.tostring(contract))


def parse_revoke(response: etree._Element) -> None:
    _expect(response, CERTRA, "RevokeResponse")
    check_status(response, "Revoke")


def parse_start_etk_registration(response: etree._Element) -> bytes:
    _expect(response, ETKRA, "StartETKRegistrationResponse")
    check_status(response, "StartETKRegistration")
    return _base64(_text(response, _q(ETKRA, "Challenge"), {}, "Challenge"), "Challenge")


def parse_complete_etk_registration(response: etree._Element) -> EtkRegistration:
    _expect(response, ETKRA, "CompleteETKRegistrationResponse")
    check_status(response, "CompleteETKRegistration")
    etk = _text(response, _q(ETKRA, "ETK"), {}, "ETK", optional=True)
    activate = _text(response, _q(ETKRA, "ToBeActivated"), {}, "ToBeActivated", optional=True)
    return EtkRegistration(etk=_base64(etk, "ETK") if etk else b"",
                           to_be_activated=_boolean(activate, "ToBeActivated") if activate is not None else True)


def parse_activate_etk(response: etree._Element) -> None:
    _expect(response, ETKRA, "ActivateETKResponse")
    check_status(response, "ActivateETK")


def parse_get_etk(response: etree._Element) -> bytes | None:
    """The published ETK (as received), or None when the depot has none for that identifier."""
    _expect(response, ETKDEPOT, "GetEtkResponse")
    status = response.find(_q(COMMONS_V1, "Status"))
    if status is None:
        raise MalformedResponse("Status missing")
    code = (status.findtext("Code") or "").strip()
    if code != ETKDEPOT_SUCCESS:
        raise ServiceError(code or "UNKNOWN", (status.findtext("Message") or "").strip(), "GetEtk")
    errors = response.findall(_q(ETKDEPOT, "Error"))
    if errors:
        first = errors[0]
        raise ServiceError((first.findtext(_q(ETKDEPOT, "Code")) or "UNKNOWN").strip(),
                           (first.findtext(_q(ETKDEPOT, "Message")) or "").strip(), "GetEtk")
    if response.find(_q(ETKDEPOT, "MatchingEtk")) is not None:
        # several ETKs under that identifier: the caller must name the application id
        raise ServiceError("MULTIPLE_MATCHING_ETK", "", "GetEtk")
    etk = response.findtext(_q(ETKDEPOT, "ETK"))
    return _base64(etk, "ETK") if etk and etk.strip() else None


def etk_certificate(etk: bytes) -> bytes:
    """The certificate inside an ETK.

    eHealth publishes an ETK as CMS SignedData whose content is the ETK certificate (DER); a bare
    certificate is accepted too. Raises ``MalformedResponse`` for anything else.
    """
    try:
        x509.load_der_x509_certificate(etk)
        return bytes(etk)
    except ValueError:
        pass
    try:
        info = cms.ContentInfo.load(etk)
        if info["content_type"].native != "signed_data":
            raise ValueError("not signed data")
        content = info["content"]["encap_content_info"]["content"].native
        x509.load_der_x509_certificate(content)
        return bytes(content)
    except (ValueError, TypeError, KeyError):
        raise MalformedResponse("the ETK holds no certificate") from None


def _value_text(value: str | bytes) -> str:
    """A DN attribute's value as text (only a few binary attributes, never in an eID's DN, are bytes)."""
    return value if isinstance(value, str) else value.decode("utf-8", "replace")
