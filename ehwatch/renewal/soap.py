"""SOAP 1.1 over HTTPS to the eHealth services: one call, one typed outcome.

Every way a call can go wrong becomes an ``EhwatchError`` the lifecycle can act on: the service
cannot be reached or is too slow (``ServiceUnreachable``, ``ServiceTimeout``: try again later),
it answered with a SOAP fault or an HTTP error (``ServiceError`` with a code), or it answered
something that is not a SOAP envelope (``MalformedResponse``). TLS is always verified (system
store, or the configured CA file for a sandbox); plain HTTP is only allowed to this computer.
"""
from __future__ import annotations

import http.client
import logging
import socket
import ssl
import time
import urllib.error
import urllib.request
from urllib.parse import urlparse

from lxml import etree

from ehwatch import __version__
from ehwatch.errors import EhwatchError
from ehwatch.renewal.schemas import MAX_XML_BYTES, MalformedResponse, parse_xml

log = logging.getLogger(__name__)

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


class ServiceUnreachable(EhwatchError):
    """No answer: refused connection, unknown host, TLS failure, service down (HTTP 502/503/504)."""

    def __init__(self, url: str, detail: str, key: str = "ehealth.unreachable"):
        super().__init__(key, host=_host(url), detail=detail)
        self.url, self.detail = url, detail


class ServiceTimeout(ServiceUnreachable):
    """The service did not answer within the configured time."""

    def __init__(self, url: str, seconds: float):
        super().__init__(url, f"{seconds:g} s", key="ehealth.timeout")
        self.seconds = seconds


class ServiceError(EhwatchError):
    """eHealth answered and said no: a SOAP fault, an HTTP error, or an error status with a code."""

    def __init__(self, code: str, message: str = "", operation: str = "", key: str = "ehealth.service_error"):
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


def body_payload(data: bytes, operation: str = "") -> etree._Element:
    """The one element inside the envelope's Body; a SOAP fault becomes a ``ServiceError``."""
    root = parse_xml(data)
    if root.tag != etree.QName(SOAP_ENV, "Envelope").text:
        raise MalformedResponse("not a SOAP 1.1 envelope")
    body = root.find(etree.QName(SOAP_ENV, "Body").text)
    if body is None:
        raise MalformedResponse("SOAP Body missing")
    children = [child for child in body if isinstance(child.tag, str)]
    if len(children) != 1:
        raise MalformedResponse(f"{len(children)} elements in the SOAP Body, one expected")
    payload = children[0]
    if payload.tag == etree.QName(SOAP_ENV, "Fault").text:
        code = (payload.findtext("faultcode") or "").strip()
        message = (payload.findtext("faultstring") or "").strip()
        raise ServiceError(code.split(":")[-1] or "SOAP_FAULT", message, operation)
    return payload


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect would leave the checked endpoint (maybe for plain HTTP): treat it as an HTTP error."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _context(cafile: str) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if cafile:
        try:
            context.load_verify_locations(cafile=cafile)
        except (OSError, ssl.SSLError):
            raise EhwatchError("ehealth.cafile_unusable", file=cafile) from None
    return context


def _read(response, url: str, deadline: float, timeout: float) -> bytes:
    """The whole body, bounded in size and in total time (a server may trickle bytes forever)."""
    chunks, size = [], 0
    read = getattr(response, "read1", None) or response.read
    while True:
        chunk = read(65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_XML_BYTES:
            raise MalformedResponse(f"answer larger than {MAX_XML_BYTES} bytes from {_host(url)}")
        if time.monotonic() > deadline:
            raise ServiceTimeout(url, timeout)


def call(url: str, action: str, payload: etree._Element, *, cafile: str = "", timeout: float = 60) -> etree._Element:
    """Posts ``payload`` to ``url`` and returns the answer's Body element.

    ``timeout`` bounds the connection and each read; a slow trickle is cut at twice the timeout.
    """
    check_endpoint(url)
    request = urllib.request.Request(url, data=envelope(payload), method="POST", headers={
        "Content-Type": "text/xml; charset=UTF-8",
        "SOAPAction": f'"{action}"',
        "User-Agent": f"ehwatch/{__version__}",
    })
    operation = etree.QName(payload).localname.removesuffix("Request")
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=_context(cafile)), _NoRedirect())
    started = time.monotonic()
    deadline = started + 2 * timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            data = _read(response, url, deadline, timeout)
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
        try:
            data = _read(exc, url, deadline, timeout)
        except (OSError, http.client.HTTPException):
            data = b""
        finally:
            exc.close()
    except (socket.timeout, TimeoutError):
        raise ServiceTimeout(url, timeout) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (socket.timeout, TimeoutError)):
            raise ServiceTimeout(url, timeout) from None
        reason = exc.reason
        detail = reason.strerror if isinstance(reason, OSError) and reason.strerror else str(reason)
        if isinstance(reason, ssl.SSLCertVerificationError):
            detail = f"certificate not trusted ({reason.verify_message})"
        raise ServiceUnreachable(url, detail) from None
    except (ConnectionError, http.client.HTTPException, ssl.SSLError) as exc:
        raise ServiceUnreachable(url, type(exc).__name__) from None
    log.debug("%s answered HTTP %s in %.1f s (%d bytes)", _host(url), status, time.monotonic() - started, len(data))
    if status != 200:
        try:
            return body_payload(data, operation)   # raises the SOAP fault as a ServiceError (HTTP 500)
        except MalformedResponse:
            pass
        if status in (502, 503, 504):
            raise ServiceUnreachable(url, f"HTTP {status}")
        raise ServiceError(f"HTTP_{status}", "", operation)
    return body_payload(data, operation)
