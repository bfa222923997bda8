"""CertRA / EtkRA / ETK depot requests built by hand to the XSDs (not with the client's builders), for
the sandbox tests."""
from __future__ import annotations

import base64
import time
import uuid

from cryptography.hazmat.primitives import serialization
from lxml import etree

from ehwatch.monitor import names
from ehwatch.renewal import keys, xmldsig
from ehwatch.sandbox import protocol as p
from tests.support.sandbox_server import call, error_code

SSIN = "75040404976"
HOLDER = "Marie Dubois"
PASSWORD = "keystore-pw-1"
DER = serialization.Encoding.DER


# ---------------------------------------------------------------- requests, by hand, to the XSDs
def request(namespace: str, name: str) -> etree._Element:
    element = etree.Element(f"{{{namespace}}}{name}", nsmap={None: namespace, "core": p.COMMONS,
                                                               "cc": p.CERTRA_CORE})
    element.set("Id", "_" + uuid.uuid4().hex)
    element.set("IssueInstant", p.instant())
    return element


def actor(parent, namespace, tag, ssin=SSIN, first="Marie", last="Dubois"):
    node = p.sub(parent, namespace, tag)
    p.sub(node, p.COMMONS, "Id", ssin, Type="SSIN")
    p.sub(node, p.COMMONS, "FirstName", first)
    p.sub(node, p.COMMONS, "Name", last)
    return node


def contact(parent, namespace, email="marie@example.org"):
    node = p.sub(parent, namespace, "ContactData")
    p.sub(node, p.CERTRA_CORE, "EmailPrivate", email)
    p.sub(node, p.CERTRA_CORE, "PhonePrivate", "043362333")
    return node


def generate_contract(ssin=SSIN):
    element = request(p.CERTRA, "GenerateContractRequest")
    contact(element, p.CERTRA)
    actor(element, p.CERTRA, "Signer", ssin)
    actor(p.sub(element, p.CERTRA, "CertificateIdentifier"), p.CERTRA_CORE, "Actor", ssin)
    return element


def issued_contract(url: str, ssin=SSIN) -> etree._Element:
    """The Contract element the sandbox issues for that person's own certificate."""
    answer = call(url, generate_contract(ssin))
    assert error_code(answer) is None
    return answer.find(f"{{{p.CERTRA}}}Contract")


def generate_certificate(url: str, csr_der: bytes, signer, ssin=SSIN, email="marie@example.org", contract=None):
    """GenerateCertificate with a contract the sandbox at ``url`` issued (asked for here unless given)."""
    element = request(p.CERTRA, "GenerateCertificateRequest")
    csr = p.sub(element, p.CERTRA, "EHealthCSR")
    contact(csr, p.CERTRA_CORE, email)
    p.sub(csr, p.CERTRA_CORE, "CSR", base64.b64encode(csr_der).decode())
    received = contract if contract is not None else issued_contract(url, ssin)
    copy = etree.fromstring(etree.tostring(received))
    copy.tag = f"{{{p.CERTRA_CORE}}}Contract"
    csr.append(copy)
    return xmldsig.sign_enveloped(element, signer) if signer else element


def get_certificate(pki: str):
    element = request(p.CERTRA, "GetCertificateRequest")
    p.sub(element, p.CERTRA, "PublicKeyIdentifier", pki.upper())
    return element


def signed(namespace, name, signer, **children):
    element = request(namespace, name)
    for tag, text in children.items():
        p.sub(element, namespace, tag, text)
    return xmldsig.sign_enveloped(element, signer)


def get_etk(ssin=SSIN):
    element = etree.Element(f"{{{p.DEPOT}}}GetEtkRequest", nsmap={None: p.DEPOT})
    identifier = p.sub(p.sub(element, p.DEPOT, "SearchCriteria"), p.DEPOT, "Identifier")
    p.sub(identifier, p.DEPOT, "Type", "SSIN")
    p.sub(identifier, p.DEPOT, "Value", ssin)
    return element


def new_csr(ssin=SSIN, holder=HOLDER, key=None):
    key = key or keys.new_rsa_key()
    return key, keys.build_csr(key, names.build_subject("SSIN", ssin, holder))


def text(element, path):
    return p.text_of(element, path)


def wait_for_certificate(server, pki, timeout=15.0):
    deadline = time.monotonic() + timeout
    while True:
        response = call(server.certra_url, get_certificate(pki))
        if error_code(response) != p.CERT_NOT_YET_DELIVERED or time.monotonic() > deadline:
            return response
        time.sleep(0.3)
