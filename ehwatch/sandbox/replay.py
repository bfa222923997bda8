"""A traced eHealth exchange served back over local HTTPS, so the client can run against it.

``EhealthClient(trace_dir=…)`` (``ehwatch renew --trace DIR``) writes every request and answer of a
run (``soap.Trace``). ``ReplayServer(trace_dir, work_dir)`` answers, in the recorded order, each
request with the recorded HTTP status and body, after checking that the request is the one that
was recorded at that point: same service path, same SOAPAction header, same operation. A request
that differs gets a SOAP fault and is kept in ``mismatches`` — so a trace of a real acceptance run
becomes a test of today's client: if the client no longer sends what eHealth accepted, it shows.

The request bodies are not compared byte for byte: Ids, IssueInstant and signatures change with
every run.
"""
from __future__ import annotations

import json
import logging
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

from lxml import etree

from ehwatch.renewal import schemas
from ehwatch.sandbox import ca as ca_mod
from ehwatch.sandbox import protocol as p

log = logging.getLogger(__name__)

HOST = "127.0.0.1"


def load_trace(trace_dir: Path) -> list[dict]:
    """The exchanges of a trace, in order, each with its request and response bytes."""
    trace_dir = Path(trace_dir)
    exchanges = []
    for line in (trace_dir / "trace.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        entry["request_bytes"] = (trace_dir / entry["request"]).read_bytes()
        entry["response_bytes"] = (trace_dir / entry["response"]).read_bytes() if entry.get("response") else None
        exchanges.append(entry)
    return exchanges


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    replay: ReplayServer

    def log_message(self, format, *args):
        log.debug("replay http: " + format, *args)

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or "0")
        data = self.rfile.read(min(length, schemas.MAX_XML_BYTES))
        try:
            request = p.body_request(schemas.parse_xml(data))
        except schemas.MalformedResponse:
            request = None
        operation = etree.QName(request).localname.removesuffix("Request") if request is not None else "?"
        expected = self.replay.next_exchange()
        problems = []
        if expected is None:
            problems.append(f"no more exchanges in the trace ({operation} arrived)")
        else:
            if operation != expected["operation"]:
                problems.append(f"expected {expected['operation']}, got {operation}")
            if self.path.split("?")[0] != urlparse(expected["url"]).path:
                problems.append(f"expected path {urlparse(expected['url']).path}, got {self.path}")
            if self.headers.get("SOAPAction") != f'"{expected["soap_action"]}"':
                problems.append(f"expected SOAPAction \"{expected['soap_action']}\", got "
                                f"{self.headers.get('SOAPAction')}")
        self.replay.received.append((operation, self.headers.get("SOAPAction"), data))
        if problems:
            self.replay.mismatches.append("; ".join(problems))
            self._send(500, p.fault("Client", "replay: " + "; ".join(problems)))
            return
        if expected["response_bytes"] is None or expected["http_status"] is None:
            self.close_connection = True    # the recorded call got no answer (timeout, cut): none now either
            return
        self._send(int(expected["http_status"]), expected["response_bytes"])


class ReplayServer:
    """Serves ``trace_dir`` on 127.0.0.1 over HTTPS (a throw-away certificate in ``work_dir``)."""

    def __init__(self, trace_dir: Path, work_dir: Path, port: int = 0):
        self.exchanges = load_trace(trace_dir)
        self.received: list[tuple[str, str | None, bytes]] = []
        self.mismatches: list[str] = []
        self._position = 0
        self._lock = threading.Lock()
        handler = type("ReplayHandler", (_Handler,), {"replay": self})
        self._httpd = ThreadingHTTPServer((HOST, port), handler)
        self._httpd.daemon_threads = True
        cert_file, key_file = ca_mod.tls_files(Path(work_dir))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_file, key_file)
        self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True)
        self.cafile = cert_file
        self.port = self._httpd.server_address[1]
        self._thread: threading.Thread | None = None

    def next_exchange(self) -> dict | None:
        with self._lock:
            if self._position >= len(self.exchanges):
                return None
            self._position += 1
            return self.exchanges[self._position - 1]

    @property
    def done(self) -> bool:
        return self._position == len(self.exchanges)

    def url(self, service: str) -> str:
        """The replay URL of ``CertRa/v2``, ``EtkRa/v2`` or ``EtkDepot/v1`` (the recorded paths)."""
        paths = {urlparse(e["url"]).path for e in self.exchanges}
        path = next((x for x in paths if x.rstrip("/").endswith(service)), "/" + service)
        return f"https://{HOST}:{self.port}{path}"

    def start(self) -> ReplayServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="replay-http", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
