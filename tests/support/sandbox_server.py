"""A running eHealth sandbox for tests (the renewal end-to-end tests reuse it).

Usage::

    from tests.support.sandbox_server import init_sandbox, eid_signer, start_sandbox

    def test_x(sandbox):                       # a started SandboxServer in a fresh folder, stopped after
        sandbox.certra_url, sandbox.etkra_url, sandbox.etkdepot_url
        sandbox.requests_received("GenerateCertificate"), sandbox.etk_status("SSIN=…")

    with start_sandbox(folder, produce_after=2, tls=True, mailbox=MailboxSettings(...)) as server:
        ... trust server.cafile ...

``init_sandbox(folder)`` makes the CAs without SoftHSM (fast); ``eid_signer(folder, ssin, holder)``
gives a software stand-in of an eID key whose certificate the sandbox eID CA issued (for tests
that need a trusted signature but not PKCS#11); ``keystore_signer(path, password)`` signs with
the authentication key of a keystore, as the EtkRA calls require.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from ehwatch.monitor import pkcs12
from ehwatch.renewal import schemas, xmldsig
from ehwatch.sandbox import ca, token
from ehwatch.sandbox import protocol as p
from ehwatch.sandbox.server import SandboxServer

DER = serialization.Encoding.DER


def init_sandbox(folder: Path) -> Path:
    """The sandbox CA and eID CA in ``folder`` (what ``sandbox init`` does, minus the SoftHSM token)."""
    folder = Path(folder)
    ca.load_or_create(folder)
    token.eid_ca(ca.eid_folder(folder))
    return folder


def eid_signer(folder: Path, ssin: str, holder: str = "Marie Dubois", label: str = "Signature",
               key_type: str = "rsa") -> xmldsig.SoftwareSigner:
    """A software eID key (RSA 2048 or EC P-384) certified by the sandbox eID CA of ``folder``."""
    ca_key, ca_der = token.eid_ca(ca.eid_folder(folder))
    from cryptography import x509

    ca_cert = x509.load_der_x509_certificate(ca_der)
    key = rsa.generate_private_key(65537, 2048) if key_type == "rsa" else ec.generate_private_key(ec.SECP384R1())
    cert = token.card_certificate(ca_key, ca_cert, key.public_key(), ssin, holder, label)
    return xmldsig.SoftwareSigner(key, [cert.public_bytes(DER), ca_der])


def keystore_signer(path: Path, password: str) -> xmldsig.SoftwareSigner:
    content = pkcs12.read_keystore(Path(path).read_bytes(), password)
    entry = content.key("authentication")
    return xmldsig.SoftwareSigner(entry.private_key, entry.chain)


@contextmanager
def start_sandbox(folder: Path, **options):
    """A started ``SandboxServer`` on a free port (``options`` as its constructor), stopped on exit."""
    init_sandbox(folder)
    server = SandboxServer(folder, port=0, **options).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def sandbox(tmp_path):
    with start_sandbox(tmp_path / "sandbox") as server:
        yield server


def soap_action(request) -> str:
    """The quoted SOAPAction header of a request element (the platform's table, facts §5)."""
    from lxml import etree

    qname = etree.QName(request)
    return f'"{p.SOAP_ACTIONS[(qname.namespace, qname.localname)]}"'


def post(url: str, body: bytes, cafile: str | None = None, timeout: float = 30,
         action: str = '""') -> tuple[int, bytes]:
    """A raw SOAP 1.1 POST; returns (HTTP status, body) even for HTTP errors."""
    import ssl

    context = ssl.create_default_context(cafile=cafile) if url.startswith("https") else None
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": action})
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def call(url: str, request, cafile: str | None = None):
    """Sends one request element in an envelope; returns the response element inside the SOAP body,
    after checking it against the XSDs (the sandbox must answer what the schemas allow)."""
    status, body = post(url, p.envelope(request), cafile, action=soap_action(request))
    assert status == 200, body
    response = p.body_request(schemas.parse_xml(body))
    schemas.validate(response)
    return response


def error_code(response) -> str | None:
    """The first eHealth error code of a v2 status response (None on success)."""
    code = response.find(f"{{{p.COMMONS}}}Status/{{{p.COMMONS}}}StatusCode").get("Value")
    if code == p.STATUS_SUCCESS:
        return None
    return response.findtext(f"{{{p.COMMONS}}}Status/{{{p.COMMONS}}}StatusDetail/{{{p.ETEE}}}EteeStatusDetail/"
                             "Errors/Code")
