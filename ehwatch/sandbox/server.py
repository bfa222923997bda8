"""The sandbox over HTTP(S): SOAP 1.1 on 127.0.0.1 at /CertRa/v2, /EtkRa/v2 and /EtkDepot/v1.

``SandboxServer`` runs a ``ThreadingHTTPServer`` in a background thread plus a small ticker that
produces certificates whose delay is over (so the "produced" mail arrives even when nobody polls),
and exposes the query helpers tests need. ``ehwatch sandbox serve`` runs the same object in the
foreground.
"""
from __future__ import annotations

import logging
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from lxml import etree

from ehwatch.renewal import schemas
from ehwatch.sandbox import ca as ca_mod
from ehwatch.sandbox import protocol as p
from ehwatch.sandbox.mailer import MailboxSettings, Mailer
from ehwatch.sandbox.platform import Platform, handle

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
ROUTES = {"/CertRa/v2": p.CERTRA, "/EtkRa/v2": p.ETKRA, "/EtkDepot/v1": p.DEPOT}
TICK_SECONDS = 0.5


class _Handler(BaseHTTPRequestHandler):
    server_version = "ehwatch-sandbox"
    protocol_version = "HTTP/1.1"
    platform: Platform  # set on the subclass made per server

    def log_message(self, format, *args):  # route http.server's stderr chatter to the log
        log.debug("sandbox http: " + format, *args)

    def _send(self, status: int, body: bytes, content_type: str = "text/xml; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        namespace = ROUTES.get(self.path.split("?")[0].rstrip("/"))
        if namespace is None:
            self._send(404, b"not found\n", "text/plain")
        else:
            self._send(405, b"POST a SOAP 1.1 request here\n", "text/plain")

    def do_POST(self):
        namespace = ROUTES.get(self.path.split("?")[0].rstrip("/"))
        try:
            length = int(self.headers.get("Content-Length") or "0")
        except ValueError:
            length = -1
        if length < 0 or length > schemas.MAX_XML_BYTES:
            self.close_connection = True
            self._send(413, p.fault("Client", "Request too large or without a valid length."))
            return
        data = self.rfile.read(length)
        if namespace is None:
            self._send(404, p.fault("Client", f"No service at {self.path}."))
            return
        try:
            root = schemas.parse_xml(data)
        except schemas.MalformedResponse as exc:
            self._send(500, p.fault("Client", f"Not a SOAP message: {exc.detail}."))
            return
        request = p.body_request(root)
        if request is None:
            self._send(500, p.fault("Client", "Expected one request element in soap:Envelope/soap:Body."))
            return
        qname = etree.QName(request)
        if qname.namespace == namespace and not p.soap_action_matches(namespace, qname.localname,
                                                                       self.headers.get("SOAPAction")):
            self.platform.state.record_request(qname.localname.removesuffix("Request"), request.get("Id") or "",
                                               "SOAPACTION_MISMATCH")
            self._send(500, p.fault("Client", f"SOAPAction {self.headers.get('SOAPAction')!r} does not match "
                                              f"the operation {qname.localname}."))
            return
        try:
            response = handle(self.platform, namespace, request)
        except LookupError:
            self._send(500, p.fault("Client", f"Unknown operation {request.tag} at {self.path}."))
            return
        self._send(200, p.envelope(response))


class SandboxServer:
    """A running sandbox. ``start()`` returns once it listens; ``stop()`` ends both threads."""

    def __init__(self, data_dir: Path, port: int = 0, produce_after: float = 0.0, refuse=(),
                 mailbox: MailboxSettings | None = None, tls: bool = False, eml_dir: Path | None = None,
                 environment: str = "acceptance", managers: dict[str, tuple[str, ...]] | None = None,
                 register_names: dict[str, str] | None = None, organisations: dict[str, str] | None = None,
                 manual_validation: tuple[str, ...] = ()):
        self.data_dir = Path(data_dir)
        self.platform = Platform(self.data_dir, produce_after=produce_after, refuse=tuple(refuse),
                                 mailer=Mailer(mailbox, eml_dir), environment=environment, managers=managers,
                                 register_names=register_names, organisations=organisations,
                                 manual_validation=tuple(manual_validation))
        self.tls = tls
        self.cafile: Path | None = None
        handler = type("SandboxHandler", (_Handler,), {"platform": self.platform})
        self._httpd = ThreadingHTTPServer((HOST, port), handler)
        self._httpd.daemon_threads = True
        if tls:
            cert_file, key_file = ca_mod.tls_files(self.data_dir)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(cert_file, key_file)
            self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True)
            self.cafile = cert_file
        self.port = self._httpd.server_address[1]
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://{HOST}:{self.port}"

    @property
    def certra_url(self) -> str:
        return self.url + "/CertRa/v2"

    @property
    def etkra_url(self) -> str:
        return self.url + "/EtkRa/v2"

    @property
    def etkdepot_url(self) -> str:
        return self.url + "/EtkDepot/v1"

    def start(self) -> SandboxServer:
        schemas.schema()  # compile before the first request, not during it
        self._threads = [threading.Thread(target=self._httpd.serve_forever, name="sandbox-http", daemon=True),
                         threading.Thread(target=self._tick, name="sandbox-producer", daemon=True)]
        for thread in self._threads:
            thread.start()
        log.info("sandbox listening on %s", self.url)
        return self

    def _tick(self) -> None:
        while not self._stop.wait(TICK_SECONDS):
            try:
                self.platform.produce_due()
            except Exception:  # keep producing: one bad row must not stop the sandbox
                log.exception("sandbox: production failed")

    def serve_until_interrupted(self) -> None:
        """Foreground use (``ehwatch sandbox serve``): runs until Ctrl+C or SIGTERM."""
        self.start()
        try:
            while not self._stop.wait(3600):
                pass
        finally:
            self.stop()

    def stop(self) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=10)
        self.platform.close()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- query helpers (tests, support) -------------------------------------------------------
    def etk_status(self, identifier: str, application_id: str = "") -> str:
        return self.platform.etk_status(identifier, application_id)

    def requests_received(self, operation: str | None = None) -> int:
        """How many requests of ``operation`` (e.g. "GenerateCertificate") arrived, whatever their outcome."""
        return self.platform.state.requests_received(operation)

    def mails(self):
        return self.platform.state.mails()

    def refuse_with(self, code: str, message: str, operation: str = "*", times: int | None = None) -> None:
        """Answer ``operation`` ("*": any) with eHealth error ``code`` and status ``message``."""
        self.platform.refuse_with(code, message, operation, times)

    def clear_refusals(self) -> None:
        self.platform.clear_refusals()

    def outcomes(self, operation: str | None = None) -> list[str]:
        """The outcome of each request received (oldest first): "success", an error code, …"""
        return self.platform.state.outcomes(operation)
