"""SOAP 1.1 over HTTPS to the eHealth services: one call, one typed outcome.

Every way a call can go wrong becomes an ``EhwatchError`` the lifecycle can act on:

* ``ServiceUnreachable`` / ``ServiceTimeout`` ("try again later"): the connection failed (refused,
  unknown host, TLS not trusted, cut), no complete answer came within the one overall deadline,
  HTTP 502/503/504 whatever the body, or any other HTTP 5xx that does not carry a SOAP fault (a
  gateway or a server down);
* ``ServiceError(code, message, operation)`` (eHealth said no): a SOAP fault, whatever the HTTP
  status (SOAP 1.1 sends every fault with HTTP 500, and eHealth's gateway answers permanent
  refusals such as ``SOA-01001: Service call not authorized`` that way: retrying would loop); its
  code is eHealth's ``SOA-…`` code when the fault string starts with one, else the Code in the
  fault detail, else the faultcode. Also any other HTTP status (4xx, 3xx: redirects are never
  followed), and — read by ``messages`` — an eHealth status other than Success;
* ``MalformedResponse``: a 200 answer that is not a SOAP envelope.

One deadline covers the whole call: connecting, the TLS handshake, sending, the status line, the
headers and the body. A watchdog shuts the socket down when it passes, so a server that trickles
its status line one byte at a time cannot hold a call beyond ``timeout``. TLS is always verified
(system store, or the configured CA file for a sandbox); plain HTTP is only allowed to this computer.

``Trace`` (``EhealthClient(trace_dir=…)``) writes every request and answer exactly as they travel:
what is sent is only what ``messages`` builds (contact data, CSR, certificates, signatures), so no
password, PIN or private key can be in a trace.
"""
from __future__ import annotations

import http.client
import json
import logging
import os
import re
import socket
import ssl
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

from lxml import etree

from ehwatch import __version__
from ehwatch.errors import EhwatchError
from ehwatch.renewal.schemas import MAX_XML_BYTES, MalformedResponse, parse_xml

log = logging.getLogger(__name__)

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}
MAX_SERVICE_MESSAGE = 400      # characters of a fault string or status message kept for the user
UNREACHABLE_STATUSES = (502, 503, 504)


def short_text(text: str, limit: int = MAX_SERVICE_MESSAGE) -> str:
    """Whitespace folded, control characters dropped, cut at ``limit`` characters (with an ellipsis)."""
    folded = " ".join("".join(c if c.isprintable() or c.isspace() else " " for c in (text or "")).split())
    return folded if len(folded) <= limit else folded[:limit - 1].rstrip() + "…"


class ServiceUnreachable(EhwatchError):
    """No usable answer: refused connection, unknown host, TLS failure, service down (HTTP 5xx)."""

    def __init__(self, url: str, detail: str, key: str = "ehealth.unreachable"):
        detail = short_text(detail, 200)
        super().__init__(key, host=_host(url), detail=detail)
        self.url, self.detail = url, detail


class ServiceTimeout(ServiceUnreachable):
    """The service did not answer completely within the configured time."""

    def __init__(self, url: str, seconds: float):
        super().__init__(url, f"{seconds:g} s", key="ehealth.timeout")
        self.seconds = seconds


class ServiceError(EhwatchError):
    """eHealth answered and said no: a SOAP fault, an HTTP error, or an error status with a code.

    ``code`` is eHealth's own code (e.g. ``NOT_REPLACEABLE``), ``service_message`` its status
    message (the human text, cut to a sane length), ``operation`` the call (``GenerateCertificate``).
    """

    def __init__(self, code: str, message: str = "", operation: str = "", key: str = "ehealth.service_error"):
        code = short_text(code, 100) or "UNKNOWN"
        message = short_text(message)
        super().__init__(key, code=code, detail=message or "-", operation=operation or "-")
        self.code, self.service_message, self.operation = code, message, operation


class InsecureEndpoint(EhwatchError):
    def __init__(self, url: str):
        super().__init__("ehealth.insecure_url", url=url)


def _host(url: str) -> str:
    return urlparse(url).hostname or url


def check_endpoint(url: str) -> None:
    """HTTPS, or HTTP to this very computer (a sandbox); anything else is refused before sending."""
    parsed = urlparse(url)
    if parsed.scheme == "https" and parsed.hostname:
        return
    if parsed.scheme == "http" and parsed.hostname in LOOPBACK_HOSTS:
        return
    raise InsecureEndpoint(url)


def envelope(payload: etree._Element) -> bytes:
    """The request inside a SOAP 1.1 envelope (the payload is copied, its signature untouched)."""
    env = etree.Element(etree.QName(SOAP_ENV, "Envelope"), nsmap={"soapenv": SOAP_ENV})
    etree.SubElement(env, etree.QName(SOAP_ENV, "Header"))
    body = etree.SubElement(env, etree.QName(SOAP_ENV, "Body"))
    body.append(etree.fromstring(etree.tostring(payload)))
    return etree.tostring(env, xml_declaration=True, encoding="UTF-8")


class _Fault(Exception):
    def __init__(self, code: str, message: str, detail_code: str):
        super().__init__(code)
        self.code, self.message, self.detail_code = code, message, detail_code


def _fault(payload: etree._Element) -> _Fault:
    raw_code = (payload.findtext("faultcode") or "").strip()
    message = (payload.findtext("faultstring") or "").strip()
    detail_code = ""
    detail = payload.find("detail")
    if detail is not None:   # an eHealth business error inside the fault detail names its own code
        for node in detail.iter():
            text = (node.text or "").strip()
            if isinstance(node.tag, str) and etree.QName(node).localname == "Code" and text:
                detail_code = text
                break
    return _Fault(raw_code.rsplit(":", 1)[-1], message, detail_code)


def _payload(data: bytes) -> etree._Element:
    """The one element inside the envelope's Body (a Fault included)."""
    root = parse_xml(data)
    if root.tag != etree.QName(SOAP_ENV, "Envelope").text:
        raise MalformedResponse("not a SOAP 1.1 envelope")
    body = root.find(etree.QName(SOAP_ENV, "Body").text)
    if body is None:
        raise MalformedResponse("SOAP Body missing")
    children = [child for child in body if isinstance(child.tag, str)]
    if len(children) != 1:
        raise MalformedResponse(f"{len(children)} elements in the SOAP Body, one expected")
    return children[0]


def _is_fault(payload: etree._Element) -> bool:
    return payload.tag == etree.QName(SOAP_ENV, "Fault").text


_SOA_CODE = re.compile(r"\s*(SOA-\d{4,6})\b")


def body_payload(data: bytes, operation: str = "", url: str = "") -> etree._Element:
    """The one element inside the envelope's Body; a SOAP fault becomes a ``ServiceError``."""
    payload = _payload(data)
    if _is_fault(payload):
        fault = _fault(payload)
        soa = _SOA_CODE.match(fault.message)
        raise ServiceError((soa.group(1) if soa else "") or fault.detail_code or fault.code or "SOAP_FAULT",
                           fault.message, operation)
    return payload


def classify(status: int, data: bytes, url: str, operation: str) -> etree._Element:
    """An HTTP status and body into the answer's payload or the typed error (see the module text)."""
    if status == 200:
        return body_payload(data, operation, url)
    if status in UNREACHABLE_STATUSES:
        raise ServiceUnreachable(url, f"HTTP {status}")
    try:
        payload = _payload(data)
    except MalformedResponse:
        payload = None
    if payload is not None and _is_fault(payload):
        return body_payload(data, operation, url)          # raises
    if 500 <= status <= 599:
        raise ServiceUnreachable(url, f"HTTP {status}")
    raise ServiceError(f"HTTP_{status}", "", operation)


def _context(cafile: str) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if cafile:
        try:
            context.load_verify_locations(cafile=cafile)
        except (OSError, ssl.SSLError):
            raise EhwatchError("ehealth.cafile_unusable", file=cafile) from None
    return context


class _Watchdog:
    """Shuts a connection's socket down when the call's deadline passes (whatever it is blocked on)."""

    def __init__(self, connection: http.client.HTTPConnection, seconds: float):
        self.connection = connection
        self.sock: socket.socket | None = None   # kept once connected: http.client drops its own reference early
        self.fired = threading.Event()
        self._timer = threading.Timer(max(0.0, seconds), self._fire)
        self._timer.daemon = True

    def _fire(self) -> None:
        self.fired.set()
        sock = self.sock if self.sock is not None else self.connection.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


def _exchange(url: str, body: bytes, headers: dict[str, str], cafile: str, timeout: float) -> tuple[int, bytes]:
    parsed = urlparse(url)
    host, port = parsed.hostname, parsed.port
    if not host:        # check_endpoint refused it already; said again here for the connection's sake
        raise InsecureEndpoint(url)
    path = (parsed.path or "/") + (f"?{parsed.query}" if parsed.query else "")
    connection: http.client.HTTPConnection
    if parsed.scheme == "https":
        connection = http.client.HTTPSConnection(host, port, timeout=timeout, context=_context(cafile))
    else:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
    started = time.monotonic()
    with _Watchdog(connection, timeout) as watchdog:
        try:
            connection.connect()
            watchdog.sock = connection.sock
            if watchdog.fired.is_set():
                raise ServiceTimeout(url, timeout)
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            chunks: list[bytes] = []
            size = 0
            while True:
                chunk = response.read(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_XML_BYTES:
                    raise MalformedResponse(f"answer larger than {MAX_XML_BYTES} bytes from {_host(url)}")
                chunks.append(chunk)
            if watchdog.fired.is_set() or time.monotonic() - started > timeout:
                raise ServiceTimeout(url, timeout)
            return response.status, b"".join(chunks)
        except (EhwatchError, MalformedResponse):
            raise
        except ssl.SSLCertVerificationError as exc:
            raise ServiceUnreachable(url, f"certificate not trusted ({exc.verify_message})") from None
        except TimeoutError:
            raise ServiceTimeout(url, timeout) from None
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if watchdog.fired.is_set():
                raise ServiceTimeout(url, timeout) from None
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else (str(exc) or type(exc).__name__)
            raise ServiceUnreachable(url, detail) from None
        finally:
            connection.close()


class Trace:
    """Every SOAP exchange of a run, written to ``folder`` as it travelled (for support and replay).

    ``NNN-<Operation>.request.xml`` / ``.response.xml`` and one JSON line per exchange in
    ``trace.jsonl`` (URL, SOAPAction, HTTP status, seconds, outcome). The folder is private (0700)
    and no file is ever overwritten.
    """

    INDEX = "trace.jsonl"

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._lock = threading.Lock()
        self._count = len(list(self.folder.glob("*.request.xml")))

    def _write(self, name: str, data: bytes) -> str:
        from ehwatch.fileutil import write_new_file

        write_new_file(self.folder / name, data)
        return name

    def record(self, *, operation: str, url: str, action: str, request: bytes, status: int | None,
               response: bytes | None, seconds: float, outcome: str) -> None:
        with self._lock:
            self._count += 1
            stem = f"{self._count:03d}-{re.sub(r'[^A-Za-z0-9]', '', operation) or 'Call'}"
            entry = {"n": self._count, "operation": operation, "url": url, "soap_action": action,
                     "request": self._write(stem + ".request.xml", request), "http_status": status,
                     "response": self._write(stem + ".response.xml", response) if response is not None else None,
                     "seconds": round(seconds, 3), "outcome": outcome}
            index = self.folder / self.INDEX
            with open(index, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(entry) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.chmod(index, 0o600)
            except OSError:
                pass


def _status_outcome(payload: etree._Element) -> str:
    """For the trace: "success", or the eHealth error code the answer's status carries."""
    for node in payload.iter():
        if not isinstance(node.tag, str):
            continue
        name = etree.QName(node).localname
        value = node.get("Value")
        code = (node.text or "").strip()
        if name == "StatusCode" and value:
            if value.endswith(":Success"):
                return "success"
        elif name == "Code" and code and code != "200":
            return code
    return "success"


def call(url: str, action: str, payload: etree._Element, *, cafile: str = "", timeout: float = 60,
         trace: Trace | None = None) -> etree._Element:
    """Posts ``payload`` to ``url`` with ``SOAPAction: "<action>"`` and returns the answer's Body element.

    ``timeout`` is one deadline for the whole call (connection, headers and body together).
    """
    check_endpoint(url)
    data = envelope(payload)
    headers = {"Content-Type": "text/xml; charset=UTF-8", "SOAPAction": f'"{action}"',
               "User-Agent": f"ehwatch/{__version__}"}
    operation = etree.QName(payload).localname.removesuffix("Request")
    started = time.monotonic()
    status, answer, outcome = None, None, "success"
    try:
        status, answer = _exchange(url, data, headers, cafile, timeout)
        log.debug("%s answered HTTP %s in %.1f s (%d bytes)", _host(url), status, time.monotonic() - started,
                  len(answer))
        payload = classify(status, answer, url, operation)
        outcome = _status_outcome(payload)
        return payload
    except EhwatchError as exc:
        outcome = getattr(exc, "code", None) or exc.key
        raise
    finally:
        if trace is not None:
            trace.record(operation=operation, url=url, action=action, request=data, status=status,
                         response=answer, seconds=time.monotonic() - started, outcome=outcome)
