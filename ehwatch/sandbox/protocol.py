"""The wire format of the sandbox's answers: SOAP 1.1 envelopes and the platform's status structures.

CertRA and EtkRA (commons v2) answer ``Status/StatusCode[@Value]`` with an optional
``StatusMessage`` and ``StatusDetail/etee:EteeStatusDetail/Errors{Code, Message}``; the ETK depot
(commons 1.0) answers ``Status{Code, Message}``. Everything is built with lxml to the official
XSDs, and the tests validate what is built here with the same schemas the client uses.
"""
from __future__ import annotations

import datetime as dt
import uuid

from lxml import etree

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
DS = "http://www.w3.org/2000/09/xmldsig#"
CERTRA = "urn:be:fgov:ehealth:certra:protocol:v2"
CERTRA_CORE = "urn:be:fgov:ehealth:certra:core:v2"
ETKRA = "urn:be:fgov:ehealth:etkra:protocol:v2"
DEPOT = "urn:be:fgov:ehealth:etkdepot:1_0:protocol"
COMMONS = "urn:be:fgov:ehealth:commons:core:v2"
COMMONS1 = "urn:be:fgov:ehealth:commons:1_0:core"
ETEE = "urn:be:fgov:ehealth:etee:commons:core:v2"
XML_NS = "http://www.w3.org/XML/1998/namespace"

STATUS_SUCCESS = "urn:be:fgov:ehealth:2.0:status:Success"
STATUS_REQUESTER = "urn:be:fgov:ehealth:2.0:status:Requester"
STATUS_RESPONDER = "urn:be:fgov:ehealth:2.0:status:Responder"
DEPOT_OK = "200"

NSMAP = {"soapenv": SOAP, "certra": CERTRA, "certracore": CERTRA_CORE, "etkra": ETKRA, "etkdepot": DEPOT,
         "core": COMMONS, "etee": ETEE}

# Error codes the sandbox answers (eHealth's own code where known, else a descriptive one).
CERT_NOT_YET_DELIVERED = "CERT_NOT_YET_DELIVERED"
INVALID_REQUEST = "INVALID_REQUEST"                # not valid against the XSDs
INVALID_SIGNATURE = "INVALID_SIGNATURE"            # missing, malformed or tampered XML signature
UNTRUSTED_SIGNER = "UNTRUSTED_SIGNER"              # signer certificate not from the expected CA, or expired
SIGNER_MISMATCH = "SIGNER_MISMATCH"                # the eID holder is not the person in the request
INVALID_CSR = "INVALID_CSR"                        # not a PKCS#10, bad CSR signature, not an eHealth DN
CSR_SUBJECT_MISMATCH = "CSR_SUBJECT_MISMATCH"      # the CSR does not name the contract's DN
INVALID_CONTRACT = "INVALID_CONTRACT"              # a contract GenerateContract did not issue, or changed
NOT_AUTHORISED = "NOT_AUTHORISED"                  # the Signer may not request this CertificateIdentifier
INVALID_KEY = "INVALID_KEY"                        # not RSA, or shorter than 2048 bits
NOT_REPLACEABLE = "NOT_REPLACEABLE"                # current certificate outside its replacement period
REQUEST_REFUSED = "REQUEST_REFUSED"                # the sandbox was told to refuse this identifier
UNKNOWN_CERTIFICATE = "UNKNOWN_CERTIFICATE"        # no request/certificate with this identifier or key
CERTIFICATE_REFUSED = "CERTIFICATE_REFUSED"
INVALID_ETK = "INVALID_ETK"                        # ETK certificate does not answer the challenge
NO_ETK_TO_ACTIVATE = "NO_ETK_TO_ACTIVATE"
NOT_REVOCABLE = "NOT_REVOCABLE"                    # revoked, expired or not produced: nothing to revoke


class OperationError(Exception):
    """A request the platform refuses: becomes a status with one eHealth error entry.

    ``message`` is the platform's English explanation (a protocol field, like the real service's),
    not an ehwatch user text; ehwatch's client maps ``code`` to its own FR/NL/DE/EN sentences.
    """

    def __init__(self, code: str, message: str, status: str = STATUS_REQUESTER, **parameters):
        super().__init__(f"{code}: {message}")
        self.code, self.message, self.status = code, message, status
        self.parameters = {k: str(v) for k, v in parameters.items()}


# SOAPAction of each operation, the sandbox's own copy of the platform's table (the connector's
# RaUtils constants; the ETK depot's WSDL declares soapAction=""). A request whose header differs
# gets a SOAP fault, as eHealth's gateway answers.
SOAP_ACTIONS = {
    (CERTRA, "GenerateContractRequest"): "urn:be:fgov:ehealth:certra:protocol:v2:generateContract",
    (CERTRA, "GenerateCertificateRequest"): "urn:be:fgov:ehealth:etee:certra:protocol:v2:generatecertificate",
    (CERTRA, "GetCertificateRequest"): "urn:be:fgov:ehealth:etee:certra:protocol:v2:getcertificate",
    (CERTRA, "GetActorQualitiesRequest"): "urn:be:fgov:ehealth:certra:protocol:v2:getActorQualities",
    (CERTRA, "GetCertificateInfoForAuthenticationCertificateRequest"):
        "urn:be:fgov:ehealth:etee:certra:protocol:v2:getCertificateInfoForAuthenticationCertificate",
    (CERTRA, "GetCertificateInfoForCitizenRequest"): "urn:be:fgov:ehealth:certra:protocol:v2:getCertificateInfoForCitizen",
    (CERTRA, "GetExistingApplicationIdsRequest"): "urn:be:fgov:ehealth:etee:certra:protocol:v2:getexistingapplicationids",
    (CERTRA, "GenerateRevocationContractRequest"): "urn:be:fgov:ehealth:certra:protocol:v2:generateRevocationContract",
    (CERTRA, "RevokeRequest"): "urn:be:fgov:ehealth:etee:certra:protocol:v2:revoke",
    (ETKRA, "StartETKRegistrationRequest"): "urn:be:fgov:ehealth:etee:etkra:protocol:v2:startETKRegistration",
    (ETKRA, "CompleteETKRegistrationRequest"): "urn:be:fgov:ehealth:etee:etkra:protocol:v2:completeETKregistration",
    (ETKRA, "ActivateETKRequest"): "urn:be:fgov:ehealth:etee:etkra:protocol:v2:activateETK",
    (DEPOT, "GetEtkRequest"): "",
}


def soap_action_matches(namespace: str, local_name: str, header: str | None) -> bool:
    """The header is present and is the expected URI in double quotes (SOAP 1.1 §6.1.1)."""
    expected = SOAP_ACTIONS.get((namespace, local_name))
    return expected is not None and header is not None and header.strip() == f'"{expected}"'


def new_id() -> str:
    return "_" + uuid.uuid4().hex


def instant(when: dt.datetime | None = None) -> str:
    value = (when or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def sub(parent: etree._Element, namespace: str | None, name: str, text: str | None = None, **attrs):
    tag = f"{{{namespace}}}{name}" if namespace else name
    child = etree.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        child.text = text
    return child


def status_response(namespace: str, name: str, in_response_to: str | None,
                    error: OperationError | None = None) -> etree._Element:
    """A commons v2 StatusResponseType element with its Status filled; payload is appended by the caller."""
    # No default namespace: the unqualified etee elements (Errors, Code…) would inherit it.
    root = etree.Element(f"{{{namespace}}}{name}", nsmap={"ns": namespace, "core": COMMONS, "etee": ETEE})
    root.set("Id", new_id())
    if in_response_to:
        root.set("InResponseTo", in_response_to)
    root.set("IssueInstant", instant())
    status = sub(root, COMMONS, "Status")
    if error is None:
        sub(status, COMMONS, "StatusCode", Value=STATUS_SUCCESS)
        return root
    sub(status, COMMONS, "StatusCode", Value=error.status)
    sub(status, COMMONS, "StatusMessage", error.message)
    detail = sub(sub(status, COMMONS, "StatusDetail"), ETEE, "EteeStatusDetail")
    entry = sub(detail, None, "Errors")  # etee core is elementFormDefault="unqualified"
    sub(entry, None, "Code", error.code)
    sub(entry, None, "Message", error.message)
    for key, value in error.parameters.items():
        parameter = sub(entry, None, "Parameters")
        sub(parameter, None, "Name", key)
        sub(parameter, None, "Value", value)
    return root


def depot_response(code: str = DEPOT_OK, message: str = "OK") -> etree._Element:
    """A commons 1.0 ResponseType (ETK depot): ``Status{Code, Message}``, local names unqualified."""
    root = etree.Element(f"{{{DEPOT}}}GetEtkResponse", nsmap={"ns": DEPOT, "core": COMMONS1})
    root.set("Id", new_id())
    status = sub(root, COMMONS1, "Status")
    sub(status, None, "Code", code)
    sub(status, None, "Message", message, Lang="EN")
    return root


def envelope(body_child: etree._Element) -> bytes:
    env = etree.Element(f"{{{SOAP}}}Envelope", nsmap={"soapenv": SOAP})
    sub(env, SOAP, "Header")
    sub(env, SOAP, "Body").append(body_child)
    return etree.tostring(env, xml_declaration=True, encoding="UTF-8")


def fault(code: str, text: str) -> bytes:
    """A SOAP 1.1 Fault, for what cannot even be read as a request (``code``: Client or Server)."""
    env = etree.Element(f"{{{SOAP}}}Envelope", nsmap={"soapenv": SOAP})
    body = sub(env, SOAP, "Body")
    item = sub(body, SOAP, "Fault")
    sub(item, None, "faultcode", f"soapenv:{code}")
    sub(item, None, "faultstring", text)
    return etree.tostring(env, xml_declaration=True, encoding="UTF-8")


def body_request(envelope_root: etree._Element) -> etree._Element | None:
    """The one request element inside ``soap:Envelope/soap:Body``; None when the shape is wrong."""
    if envelope_root.tag != f"{{{SOAP}}}Envelope":
        return None
    body = envelope_root.find(f"{{{SOAP}}}Body")
    if body is None:
        return None
    children = [c for c in body if isinstance(c.tag, str)]
    return children[0] if len(children) == 1 else None


def text_of(element: etree._Element, path: str) -> str:
    """Text of the first match of ``path`` (with the NSMAP prefixes), stripped; '' when absent."""
    found = element.find(path, NSMAP)
    return (found.text or "").strip() if found is not None else ""
