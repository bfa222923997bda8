"""The optional ``/metrics`` listener on loopback (``[metrics] listen``, off by default): the exposition
text the dispatcher last rendered, nothing else. Loaded only when it listens."""
from __future__ import annotations

import http.server
import logging
import socket
from typing import TYPE_CHECKING

from ehwatch.export import prometheus

if TYPE_CHECKING:
    from ehwatch.export.publisher import Publisher

log = logging.getLogger(__name__)

REQUEST_TIMEOUT_SECONDS = 10    # a scraper that stops talking is dropped


class MetricsServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 16

    def __init__(self, address: tuple[str, int], publisher: Publisher):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.publisher = publisher
        super().__init__(address, MetricsHandler)


class MetricsHandler(http.server.BaseHTTPRequestHandler):
    timeout = REQUEST_TIMEOUT_SECONDS
    server_version = "ehwatch"
    sys_version = ""

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def _answer(self, with_body: bool) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/metrics":
            body, status, kind = self.server.publisher.latest(), 200, prometheus.CONTENT_TYPE
        else:
            body, status, kind = b"ehwatch: metrics are at /metrics\n", 404, "text/plain; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:     # noqa: A002 (the base class's name)
        log.debug("metrics listener: " + format, *args)
