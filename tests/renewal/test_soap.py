"""The SOAP transport against real sockets on 127.0.0.1: one overall deadline whatever the server
does (a status line trickled byte by byte, headers that never end, a TLS handshake that never
comes), and the exact classification of every answer into "try later", "eHealth said no" and
"not understood" (issue 9 point 5, issue 15 item 7)."""
from __future__ import annotations

import socket
import threading
import time

import pytest
from lxml import etree

from ehwatch.renewal import messages, soap
from ehwatch.renewal.messages import NotYetDelivered
from ehwatch.renewal.schemas import MalformedResponse
from ehwatch.renewal.soap import ServiceError, ServiceTimeout, ServiceUnreachable
from tests.support.ehealth_answers import error_status, response

ENV = b'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>%s' \
      b'</soapenv:Body></soapenv:Envelope>'


def fault(code: str, text: str, detail: str = "") -> bytes:
    return ENV % (f"<soapenv:Fault><faultcode>soapenv:{code}</faultcode><faultstring>{text}</faultstring>"
                  f"{detail}</soapenv:Fault>").encode()


class ScriptedServer:
    """Accepts connections on 127.0.0.1 and runs ``script(connection)`` for each (in a thread)."""

    def __init__(self, script):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.script = script
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                connection, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._run, args=(connection,), daemon=True).start()

    def _run(self, connection):
        try:
            self.script(connection, self.stop)
        except OSError:
            pass
        finally:
            connection.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/CertRa/v2"

    def close(self):
        self.stop.set()
        self.thread.join(5)
        self.sock.close()


@pytest.fixture
def scripted():
    servers = []

    def make(script):
        server = ScriptedServer(script)
        servers.append(server)
        return server
    yield make
    for server in servers:
        server.close()


def read_request(connection) -> bytes:
    connection.settimeout(5)
    data = b""
    while b"\r\n\r\n" not in data:
        data += connection.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
    while len(body) < length:
        body += connection.recv(65536)
    return head


def trickle(payload: bytes, every: float = 0.1):
    def script(connection, stop):
        read_request(connection)
        for byte in payload:
            if stop.wait(every):
                return
            connection.sendall(bytes([byte]))
    return script


def answer(status: int, body: bytes, reason: str = "X"):
    def script(connection, stop):
        head = read_request(connection)
        script.heads.append(head)
        connection.sendall(f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/xml\r\nContent-Length: {len(body)}\r\n"
                           "Connection: close\r\n\r\n".encode() + body)
    script.heads = []
    return script


REQUEST = messages.get_certificate_request("ab" * 20)


def call(url, timeout=5.0):
    return soap.call(url, "urn:be:fgov:ehealth:etee:certra:protocol:v2:getcertificate", REQUEST, timeout=timeout)


# ---------------------------------------------------------------- one deadline for the whole call
@pytest.mark.parametrize("what, script", [
    ("a status line trickled a byte at a time", trickle(b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n" * 3)),
    ("headers that never end", trickle(b"HTTP/1.1 200 OK\r\n" + b"X-A: b\r\n" * 60)),
    ("a body trickled without a length", trickle(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + b" " * 100, 0.05)),
    ("nothing at all after the request", lambda connection, stop: (read_request(connection), stop.wait(10))),
])
def test_one_deadline_covers_connect_headers_and_body(scripted, what, script):
    server = scripted(script)
    started = time.monotonic()
    with pytest.raises(ServiceTimeout):
        call(server.url, timeout=0.8)
    elapsed = time.monotonic() - started
    assert elapsed < 1.5, f"{what}: {elapsed:.2f} s for a 0.8 s deadline"


def test_a_tls_handshake_that_never_comes_is_cut_at_the_deadline(scripted):
    server = scripted(lambda connection, stop: stop.wait(10))     # TCP accepted, not a byte of TLS
    started = time.monotonic()
    with pytest.raises(ServiceTimeout):
        soap.call(f"https://127.0.0.1:{server.port}/CertRa/v2", "a", REQUEST, timeout=0.8)
    assert time.monotonic() - started < 1.5


def test_a_connection_cut_or_refused_is_unreachable(scripted):
    server = scripted(lambda connection, stop: read_request(connection))      # closes without answering
    with pytest.raises(ServiceUnreachable) as cut:
        call(server.url)
    assert not isinstance(cut.value, ServiceTimeout)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ServiceUnreachable):
        call(f"http://127.0.0.1:{port}/CertRa/v2")


# ---------------------------------------------------------------- which answer means what
@pytest.mark.parametrize("status, body, expected, code", [
    (500, fault("Client", "SOAPAction does not match"), ServiceError, "Client"),
    (500, fault("Server", "SOA-01001: Service call not authorized"), ServiceError, "SOA-01001"),
    (500, fault("Server", "Business error", "<detail><e:BusinessError xmlns:e='urn:x'><Code>CERT_REFUSED</Code>"
                                            "</e:BusinessError></detail>"), ServiceError, "CERT_REFUSED"),
    (200, fault("Client", "Fault with a 200"), ServiceError, "Client"),
    (500, b"<html>Internal Server Error</html>", ServiceUnreachable, None),
    (500, b"", ServiceUnreachable, None),
    (503, fault("Server", "SOA-02001: Service not available"), ServiceUnreachable, None),
    (502, b"Bad gateway", ServiceUnreachable, None),
    (504, b"", ServiceUnreachable, None),
    (599, b"", ServiceUnreachable, None),
    (404, b"<html>Not found</html>", ServiceError, "HTTP_404"),
    (400, b"", ServiceError, "HTTP_400"),
    (301, b"", ServiceError, "HTTP_301"),
    (200, b"not xml at all", MalformedResponse, None),
    (200, ENV % b"", MalformedResponse, None),
])
def test_every_answer_is_classified(scripted, status, body, expected, code):
    server = scripted(answer(status, body))
    with pytest.raises(expected) as caught:
        call(server.url)
    if expected is ServiceError:
        assert not isinstance(caught.value, ServiceUnreachable)
        assert caught.value.code == code and caught.value.operation == "GetCertificate"
    if expected is ServiceUnreachable:
        assert caught.value.key in ("ehealth.unreachable",)


def test_the_soapaction_is_sent_quoted_and_getetk_empty(scripted):
    script = answer(200, ENV % etree.tostring(response("GetCertificateResponse", "")))
    server = scripted(script)
    soap.call(server.url, messages.soap_action(REQUEST), REQUEST, timeout=5)
    depot = messages.get_etk_request("SSIN", "75040404976")
    with pytest.raises(MalformedResponse):      # the answer is not a depot answer; the header is what counts
        messages.parse_get_etk(soap.call(server.url, messages.soap_action(depot), depot, timeout=5))
    assert b'\r\nSOAPAction: "urn:be:fgov:ehealth:etee:certra:protocol:v2:getcertificate"\r\n' in script.heads[0]
    assert b'\r\nSOAPAction: ""\r\n' in script.heads[1]


def test_only_cert_not_yet_delivered_means_not_yet():
    two = error_status("CERT_NOT_YET_DELIVERED", "later").replace(
        "</Errors>", "</Errors><Errors xmlns=''><Code>OTHER</Code><Message>m</Message></Errors>")
    with pytest.raises(NotYetDelivered):
        messages.parse_get_certificate(response("GetCertificateResponse", "", two))
    for code in ("CERT_NOT_YET_DELIVERED_SOON", "NOT_YET_DELIVERED", "cert_not_yet_delivered"):
        with pytest.raises(ServiceError) as refused:
            messages.parse_get_certificate(response("GetCertificateResponse", "", error_status(code, "Refusé : voir")))
        assert not isinstance(refused.value, NotYetDelivered)
        assert (refused.value.code, refused.value.service_message) == (code, "Refusé : voir")


def test_long_fault_strings_and_status_messages_are_cut(scripted):
    server = scripted(answer(500, fault("Client", "Très long message. " * 2000)))
    with pytest.raises(ServiceError) as refused:
        call(server.url)
    assert len(refused.value.service_message) <= soap.MAX_SERVICE_MESSAGE
    assert refused.value.service_message.endswith("…") and refused.value.params["detail"] == \
        refused.value.service_message
    long_status = error_status("X_REFUSED", "Ligne\x00avec\x1bcontrôle " * 300)
    with pytest.raises(ServiceError) as refused:
        messages.parse_get_certificate(response("GetCertificateResponse", "", long_status.replace("\x00", " ")
                                                .replace("\x1b", " ")))
    assert len(refused.value.service_message) <= soap.MAX_SERVICE_MESSAGE
    assert soap.short_text("a\x1bb\n\n c") == "a b c"
