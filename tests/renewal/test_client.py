"""The client against a small local HTTPS server: every operation end to end, and every way a call
can fail (timeout, refused connection, garbage, SOAP fault, eHealth error, untrusted TLS)."""
from __future__ import annotations

import base64
import datetime as dt
import ipaddress
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from lxml import etree

from ehwatch import config as config_mod
from ehwatch.core import Core
from ehwatch.errors import EhwatchError
from ehwatch.renewal import keys, messages, schemas, soap
from ehwatch.renewal.client import EhealthClient
from ehwatch.renewal.messages import Actor, Contract, NotYetDelivered
from ehwatch.renewal.schemas import MalformedResponse, SchemaError
from ehwatch.renewal.soap import InsecureEndpoint, ServiceError, ServiceTimeout, ServiceUnreachable
from tests.support.ehealth_answers import CERTIFICATE_INFO, CONTACT, CONTRACT, PKI, SSIN, depot, error_status, response


# ---------------------------------------------------------------- a local HTTPS stand-in
def tls_certificate(folder):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(hours=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                        x509.DNSName("localhost")]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "tls.pem", folder / "tls.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class Service:
    """Records what it receives; ``answer(handler, action, payload)`` decides what it sends back."""

    def __init__(self):
        self.received: list[tuple[str, etree._Element]] = []
        self.errors: list[Exception] = []
        self.answer = None
        self.release = threading.Event()   # lets a deliberately slow answer end at teardown

    def ok(self, payload: etree._Element):
        return self.raw(200, soap.envelope(payload))

    @staticmethod
    def raw(status: int, body: bytes, content_type: str = "text/xml; charset=UTF-8"):
        def send(handler):
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        return send


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        service: Service = self.server.service
        data = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        payload = soap.body_payload(data)
        service.received.append((self.headers.get("SOAPAction", ""), payload))
        try:
            reply = service.answer(self, self.headers.get("SOAPAction", "").strip('"'), payload)
        except Exception as exc:   # a check of the server failed: the test reports it
            service.errors.append(exc)
            reply = service.raw(400, b"")
        reply(self)

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):   # aborted handshakes and cut connections are expected
        pass


@pytest.fixture
def service(tmp_path):
    cert_path, key_path = tls_certificate(tmp_path)
    server = Server(("127.0.0.1", 0), Handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_path, key_path)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.service = Service()
    server.service.url = f"https://127.0.0.1:{server.server_address[1]}/"
    server.service.cafile = str(cert_path)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.service
    assert server.service.errors == []
    server.service.release.set()
    server.shutdown()
    server.server_close()
    thread.join(5)


def client_for(service, timeout: float = 5) -> EhealthClient:
    return EhealthClient("sandbox", service.url + "CertRa/v2", service.url + "EtkRa/v2", service.url + "EtkDepot/v1",
                         cafile=service.cafile, timeout=timeout)


# ---------------------------------------------------------------- every operation, end to end
# The SOAPAction of each operation as eHealth's connector 4.0.2 sends it (RaUtils; facts §5),
# copied here by hand so that the client's table is checked against an independent copy.
CONNECTOR_SOAP_ACTIONS = {
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


def test_soap_actions_are_the_connectors_and_the_sandbox_agrees():
    from ehwatch.sandbox import protocol

    assert messages.SOAP_ACTIONS == CONNECTOR_SOAP_ACTIONS
    for (_, name), action in protocol.SOAP_ACTIONS.items():
        assert CONNECTOR_SOAP_ACTIONS[name] == action


def checked(payload: etree._Element, action: str, raw_action: str = "") -> str:
    """What a careful server checks: the XSD, the quoted SOAPAction, and the signature where one is
    due (with the sandbox's signxml-based verifier, not ehwatch's signing code)."""
    from ehwatch.sandbox import crypto

    schemas.validate(payload)
    assert action == CONNECTOR_SOAP_ACTIONS[etree.QName(payload).localname]
    if etree.QName(payload).localname in messages.SIGNED_BY:
        crypto.verify_enveloped(payload)
    return etree.QName(payload).localname


def test_every_operation_round_trips(service, eid):
    signer_pki = keys.public_key_identifier(x509.load_der_x509_certificate(eid.certificate_chain()[0]).public_key())
    chain_xml = "".join(f"<X509Certificate>{base64.b64encode(c).decode()}</X509Certificate>"
                        for c in eid.certificate_chain())
    answers = {
        "GenerateContractRequest": lambda: response("GenerateContractResponse", CONTRACT),
        "GenerateCertificateRequest": lambda: response(
            "GenerateCertificateResponse", f"<PublicKeyIdentifier>{PKI}</PublicKeyIdentifier>"
            f"<AutomaticallyValidated>false</AutomaticallyValidated><ReplacesCertificate>{signer_pki}"
            "</ReplacesCertificate>"),
        "GetCertificateRequest": lambda: response("GetCertificateResponse", chain_xml),
        "GetCertificateInfoForAuthenticationCertificateRequest": lambda: response(
            "GetCertificateInfoForAuthenticationCertificateResponse", CERTIFICATE_INFO.replace(PKI.upper(), signer_pki)),
        "GetActorQualitiesRequest": lambda: response(
            "GetActorQualitiesResponse", "<NaturalPersonAuthorization>true</NaturalPersonAuthorization>"),
        "StartETKRegistrationRequest": lambda: response("StartETKRegistrationResponse", "<Challenge>AAEC</Challenge>",
                                                        namespace=messages.ETKRA),
        "CompleteETKRegistrationRequest": lambda: response(
            "CompleteETKRegistrationResponse", "<ETK>AQID</ETK><ToBeActivated>true</ToBeActivated>",
            namespace=messages.ETKRA),
        "ActivateETKRequest": lambda: response("ActivateETKResponse", "", namespace=messages.ETKRA),
        "GetEtkRequest": lambda: depot("<GivenSearchCriteria><Identifier><Type>SSIN</Type><Value>75040404976</Value>"
                                       f"</Identifier></GivenSearchCriteria><ETK>{base64.b64encode(eid.certificate_chain()[0]).decode()}</ETK>"),
    }
    service.answer = lambda handler, action, payload: service.ok(answers[checked(payload, action)]())
    client = client_for(service)

    contract = client.generate_contract(CONTACT, "nl", signer=eid)
    assert contract.text("nl") == "<p>Ik vraag een certificaat</p>"
    sent = service.received[-1][1]
    assert sent.findtext(f".//{{{messages.COMMONS}}}Name") == "De Smet"   # the signer, read from the eID certificate
    csr = keys.build_csr_for_contract(rsa.generate_private_key(65537, 2048), contract)
    result = client.generate_certificate(csr, CONTACT, contract, eid.certificate_chain()[0], eid)
    assert (result.public_key_identifier, result.automatically_validated, result.replaces) == (PKI, False, signer_pki)
    assert client.get_certificate(PKI) == eid.certificate_chain()
    info = client.certificate_info(eid.certificate_chain()[0], eid)
    assert (info.status, info.replaceable) == ("VALID_ACTIVE", False)
    assert client.actor_qualities(eid).natural_person is True
    assert service.received[-1][1].findtext(f"{{{messages.CERTRA}}}SSIN") == SSIN
    assert client.start_etk_registration(rsa.generate_private_key(65537, 2048).public_key(), eid) == b"\x00\x01\x02"
    assert client.complete_etk_registration(eid.certificate_chain()[0], eid).to_be_activated is True
    assert client.activate_etk(eid) is None
    assert client.get_etk(f"SSIN={SSIN}") == eid.certificate_chain()[0]
    assert [p.findtext(f".//{{{messages.ETKDEPOT}}}Value") for _, p in service.received[-1:]] == [SSIN]
    assert len(service.received) == 9
    assert [action for action, _ in service.received] == [
        f'"{CONNECTOR_SOAP_ACTIONS[etree.QName(p).localname]}"' for _, p in service.received]   # quoted, GetEtk ""


def test_a_prepared_request_is_signed_once_and_sent_later(service, eid):
    """The eID signs at preparation (the PIN moment); sending needs no signer and changes nothing."""
    service.answer = lambda handler, action, payload: service.ok(response(
        "GenerateCertificateResponse", f"<PublicKeyIdentifier>{PKI}</PublicKeyIdentifier>"
        "<AutomaticallyValidated>true</AutomaticallyValidated>"))
    client = client_for(service)
    contract = messages.parse_generate_contract(response("GenerateContractResponse", CONTRACT))
    csr = keys.build_csr_for_contract(rsa.generate_private_key(65537, 2048), contract)
    prepared = client.prepare_generate_certificate(csr, CONTACT, contract, None, eid)
    assert service.received == []
    signed = etree.tostring(prepared.element, method="c14n", exclusive=True)
    assert client.send_generate_certificate(prepared).replaces is None
    assert etree.tostring(service.received[0][1], method="c14n", exclusive=True) == signed
    from ehwatch.sandbox import crypto

    assert crypto.verify_enveloped(service.received[0][1])[0] == eid.certificate_chain()[0]


# ---------------------------------------------------------------- refused before sending
def test_an_invalid_or_unsigned_request_never_leaves_the_computer(service, eid):
    service.answer = lambda handler, action, payload: service.ok(response("ActivateETKResponse", "",
                                                                          namespace=messages.ETKRA))
    client = client_for(service)
    with pytest.raises(SchemaError):   # ActivateETK without its signature
        client.send(client.prepare(client.etkra_url, messages.activate_etk_request()))
    broken = Contract(dn="CN=x", signer=Actor("SSIN", SSIN, "X"), texts={"fr": "x"},
                      xml=f'<Contract xmlns="{messages.CERTRA}"><DN xmlns="{messages.CERTRA_CORE}">CN=x</DN>'
                          '</Contract>'.encode())
    csr = keys.build_csr_for_contract(rsa.generate_private_key(65537, 2048), broken.subject)
    with pytest.raises(SchemaError):   # a contract without signer and text
        client.generate_certificate(csr, CONTACT, broken, None, eid)
    other = keys.build_csr(rsa.generate_private_key(65537, 2048), messages.parse_dn("CN=y"))
    with pytest.raises(keys.CsrSubjectMismatch):   # a CSR for another DN than the contract's: never signed
        client.prepare_generate_certificate(other, CONTACT, broken, None, eid)
    assert service.received == []


def test_endpoints_must_be_https_except_on_this_computer():
    with pytest.raises(InsecureEndpoint):
        EhealthClient("sandbox", "http://example.be/CertRa/v2", "https://a/", "https://b/")
    EhealthClient("sandbox", "http://127.0.0.1:8443/CertRa/v2", "http://localhost:1/", "https://b/")
    with pytest.raises(EhwatchError) as unknown:
        EhealthClient("sandbox")
    assert unknown.value.key == "ehealth.unknown_environment"
    official = EhealthClient("acceptance")
    assert official.certra_url == "https://services-acpt.ehealth.fgov.be/CertRa/v2"
    assert EhealthClient("production", etkra_url="https://127.0.0.1:9/e").etkra_url == "https://127.0.0.1:9/e"


def test_from_config_uses_the_ehealth_section(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[ehealth]\ncertra_url = "https://127.0.0.1:8443/CertRa/v2"\ncafile = "/tmp/ca.pem"\n'
                    "timeout_seconds = 7\n", encoding="utf-8")
    client = EhealthClient.from_config(Core(config_mod.load(path)), "production")
    assert client.certra_url == "https://127.0.0.1:8443/CertRa/v2"
    assert client.etkra_url == "https://services.ehealth.fgov.be/EtkRa/v2"
    assert (client.cafile, client.timeout) == ("/tmp/ca.pem", 7)


# ---------------------------------------------------------------- the ways a call fails
def test_not_yet_delivered(service):
    service.answer = lambda handler, action, payload: service.ok(response(
        "GetCertificateResponse", "", error_status("CERT_NOT_YET_DELIVERED", "The certificate is not yet delivered")))
    with pytest.raises(NotYetDelivered) as waiting:
        client_for(service).get_certificate(PKI)
    assert waiting.value.code == "CERT_NOT_YET_DELIVERED"


def test_http_500_with_a_soap_fault(service):
    fault = (b'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>'
             b'<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>SOA-01001: Service call not '
             b'authorized</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>')
    service.answer = lambda handler, action, payload: service.raw(500, fault)
    with pytest.raises(ServiceError) as refused:
        client_for(service).get_certificate(PKI)
    assert not isinstance(refused.value, ServiceUnreachable)   # eHealth's gateway said no: not "try later"
    assert refused.value.code == "SOA-01001"
    assert "Service call not authorized" in refused.value.service_message
    assert refused.value.operation == "GetCertificate"


@pytest.mark.parametrize("status, body, expected", [
    (200, b"hello, this is not XML", MalformedResponse),
    (200, b"<html><body>Maintenance</body></html>", MalformedResponse),
    (200, b'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"/>', MalformedResponse),
    (503, b"", ServiceUnreachable),
    (404, b"<html>Not found</html>", ServiceError),
])
def test_garbage_and_http_errors(service, status, body, expected):
    service.answer = lambda handler, action, payload: service.raw(status, body, "text/html")
    with pytest.raises(expected) as failed:
        client_for(service).get_certificate(PKI)
    if expected is ServiceError:
        assert failed.value.code == "HTTP_404"


def test_a_redirect_is_not_followed(service):
    def redirect(handler, action, payload):
        def send(h):
            h.send_response(302)
            h.send_header("Location", "http://example.invalid/CertRa/v2")
            h.send_header("Content-Length", "0")
            h.end_headers()
        return send
    service.answer = redirect
    with pytest.raises(ServiceError) as refused:
        client_for(service).get_certificate(PKI)
    assert refused.value.code == "HTTP_302"
    assert len(service.received) == 1


def test_a_wrong_answer_type_is_malformed(service):
    service.answer = lambda handler, action, payload: service.ok(response("ActivateETKResponse", "",
                                                                          namespace=messages.ETKRA))
    with pytest.raises(MalformedResponse):
        client_for(service).get_certificate(PKI)


def test_timeout_when_the_service_is_silent(service):
    def silent(handler, action, payload):
        service.release.wait(10)
        return service.raw(200, b"")
    service.answer = silent
    started = time.monotonic()
    with pytest.raises(ServiceTimeout) as slow:
        client_for(service, timeout=0.5).get_certificate(PKI)
    assert time.monotonic() - started < 3
    assert slow.value.key == "ehealth.timeout"


def test_timeout_when_the_service_trickles(service):
    """A byte now and then never trips the socket timeout; the overall deadline does."""
    def trickle(handler, action, payload):
        def send(h):
            h.send_response(200)
            h.send_header("Content-Type", "text/xml")
            h.end_headers()
            for _ in range(40):
                if service.release.wait(0.1):
                    return
                h.wfile.write(b" ")
                h.wfile.flush()
        return send
    service.answer = trickle
    started = time.monotonic()
    with pytest.raises(ServiceTimeout):
        client_for(service, timeout=0.4).get_certificate(PKI)
    assert time.monotonic() - started < 2.5


def test_connection_refused():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"https://127.0.0.1:{port}/CertRa/v2"
    with pytest.raises(ServiceUnreachable) as down:
        EhealthClient("sandbox", url, url, url, timeout=2).get_certificate(PKI)
    assert down.value.params["host"] == "127.0.0.1"
    assert "refused" in down.value.detail.lower()
    assert not isinstance(down.value, ServiceTimeout)


def test_an_unreadable_ca_file_is_named(service, tmp_path):
    (tmp_path / "not-a-ca.pem").write_text("hello", encoding="utf-8")
    for cafile in (tmp_path / "missing.pem", tmp_path / "not-a-ca.pem"):
        broken = EhealthClient("sandbox", service.url, service.url, service.url, cafile=str(cafile))
        with pytest.raises(EhwatchError) as refused:
            broken.get_certificate(PKI)
        assert refused.value.key == "ehealth.cafile_unusable"
        assert refused.value.params["file"] == str(cafile)
    assert service.received == []


def test_an_untrusted_tls_certificate_is_refused(service):
    service.answer = lambda handler, action, payload: pytest.fail("nothing may reach an untrusted server")
    untrusted = EhealthClient("sandbox", service.url, service.url, service.url, timeout=5)
    with pytest.raises(ServiceUnreachable) as refused:
        untrusted.get_certificate(PKI)
    assert "not trusted" in refused.value.detail
    assert service.received == []
