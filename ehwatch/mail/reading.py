"""Reading one mail: raw RFC 5322 bytes in, a ``MailReading`` out. Pure, and never raises.

eHealth's wording drifts over the years and comes French-first or Dutch-first, so the reader
keys on what is stable — the sender address, the ``[eHealth PROD|ACPT]`` marker, the request
number and the certificate's Common Name — and uses the sentences only as hints for the kind.
Trust is decided on the address alone (never the display name), exactly as the issue asks;
the DKIM verdict of the receiving server is reported beside it.
"""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import hashlib
import html
import html.parser
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ehwatch.errors import EhwatchError

TRUSTED_SENDER = "ehealth-certificates@ehealth.fgov.be"
TRUSTED_DOMAIN = "ehealth.fgov.be"
BRUSSELS = ZoneInfo("Europe/Brussels")
MAX_TEXT_CHARS = 1_000_000   # per part: a huge body is cut, not choked on
MAX_PARTS = 50

ENVIRONMENTS = {"PROD": "production", "ACPT": "acceptance", "ACC": "acceptance"}
_ENV_RE = re.compile(r"\[\s*e-?Health\s+(PROD|ACPT|ACC)\s*\]", re.I)
_NUMBER_RES = [
    re.compile(r"num[ée]ro\s+de\s+demande\s*:?\s*(\d{3,12})\b", re.I),
    re.compile(r"aanvraag\s*nummer\s*:?\s*(\d{3,12})\b", re.I),
    re.compile(r"request\s+number\s*:?\s*(\d{3,12})\b", re.I),
    re.compile(r"\bCSR\s*(?:n[°o.]\s*)?(\d{3,12})\b", re.I),
]
_SUBJECT_NUMBER_RE = re.compile(r"^\s*\[\s*(\d{3,12})\s*\]")
_CN_RE = re.compile(
    r"(?:Common\s*Name|\bCN)\s*[=:]\s*(?:CN\s*=\s*)?"
    r"((?:SSIN|NIHII-PHARMACY|NIHII|CBE|EHP|[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)\s*=\s*\d{4,20})"
    r"(?:\s*,\s*([A-Z0-9][A-Z0-9_-]*)(?![\w-]))?")
_DATE_RE = re.compile(
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s*(?:à|a|om|at|,)?\s*(\d{1,2})[:hu.](\d{2})(?:[:.](\d{2}))?)?")
_FROM_HINT_RE = re.compile(r"(?:à\s+partir\s+du|a\s+partir\s+du|vanaf|from|as\s+of|starting)\s*:?\s*$", re.I)
_PRODUCED_RE = re.compile(
    r"(?:a\s+été\s+produit|été\s+produit|werd\s+geproduceerd|is\s+geproduceerd|geproduceerd|"
    r"has\s+been\s+produced|was\s+produced|a\s+été\s+généré|werd\s+aangemaakt|has\s+been\s+issued)", re.I)
_RECEIVED_RE = re.compile(
    r"(?:\beHealth\s+CSR\s*\d|bonne\s+réception|avons\s+(?:bien\s+)?reçu|a\s+(?:bien\s+)?été\s+reçue|"
    r"a\s+(?:bien\s+)?été\s+enregistrée|goed\s+ontvangen|hebben\s+(?:uw\s+\w+\s+)?ontvangen|werd\s+ontvangen|"
    r"is\s+ontvangen|has\s+been\s+received|we\s+have\s+received|votre\s+demande\s+de\s+renouvellement|"
    r"uw\s+aanvraag\s+(?:tot|voor)\s+(?:de\s+)?verlenging)", re.I)
_EHEALTH_RE = re.compile(r"e-?Health", re.I)


class UnreadableMail(EhwatchError):
    """A file that cannot be read at all (missing, a folder, no permission): the CLI's only failure."""

    exit_code = 2

    def __init__(self, file: str, detail: str):
        super().__init__("mail.unreadable", file=file, detail=detail)


@dataclass
class MailReading:
    kind: str                 # "produced" | "received" | "other"
    environment: str | None   # "production" | "acceptance" | None
    request_number: str | None
    common_name: str | None   # "SSIN=75040404976" or "CBE=0123456789, ROUTINGAPP"
    available_from: dt.datetime | None  # aware, Europe/Brussels
    trusted_sender: bool
    dkim: str                 # "pass" | "fail" | "none"
    subject: str
    sender: str
    message_id: str | None

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "environment": self.environment,
            "request_number": self.request_number,
            "common_name": self.common_name,
            "available_from": self.available_from.isoformat() if self.available_from else None,
            "trusted_sender": self.trusted_sender,
            "dkim": self.dkim,
            "subject": self.subject,
            "sender": self.sender,
            "message_id": self.message_id,
        }

    @property
    def actionable(self) -> bool:
        """A mail the rest of ehwatch may act on: an eHealth notice from the real sender, DKIM not failed."""
        return self.kind in ("produced", "received") and self.trusted_sender and self.dkim != "fail"

    def identity(self, raw: bytes | None = None) -> str:
        """Key under which this mail is remembered as handled.

        The Message-ID alone is not enough: a forged mail could reuse a real one to hide it. What
        the mail says (kind, number, name) is part of the key, so only the same notice is deduplicated.
        """
        basis = self.message_id or (hashlib.sha256(raw).hexdigest() if raw else self.subject)
        facts = "|".join(str(v) for v in (basis, self.kind, self.environment, self.request_number,
                                          self.common_name, self.trusted_sender))
        return hashlib.sha256(facts.encode("utf-8", "replace")).hexdigest()


class _TextOfHtml(html.parser.HTMLParser):
    """HTML reduced to text: tags dropped, block ends become line breaks, script/style ignored."""

    _BLOCKS = {"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "table", "td", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag in self._BLOCKS:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCKS:
            self.out.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.out.append(data)


def html_to_text(markup: str) -> str:
    parser = _TextOfHtml()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # html.parser is lenient; anything left over is kept as plain text
        return html.unescape(re.sub(r"<[^>]*>", " ", markup))
    return "".join(parser.out)


def _decode_bytes(payload: bytes, charset: str | None) -> str:
    for candidate in (charset, "utf-8"):
        if not candidate:
            continue
        try:
            return payload.decode(candidate)
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
    return payload.decode("latin-1")


def _part_text(part) -> str | None:
    ctype = (part.get_content_type() or "").lower()
    if ctype not in ("text/plain", "text/html"):
        return None
    try:
        if part.get_content_disposition() == "attachment":
            return None
    except Exception:
        pass
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if payload is None:
        raw = part.get_payload()
        payload = raw.encode("latin-1", "replace") if isinstance(raw, str) else b""
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    text = _decode_bytes(payload[: MAX_TEXT_CHARS * 4], charset)[:MAX_TEXT_CHARS]
    return html_to_text(text) if ctype == "text/html" else text


def _body_text(msg) -> str:
    texts: list[str] = []
    try:
        parts = list(msg.walk()) if msg.is_multipart() else [msg]
    except Exception:
        parts = [msg]
    for part in parts[:MAX_PARTS]:
        try:
            text = _part_text(part)
        except Exception:
            text = None
        if text:
            texts.append(text)
    if not texts and not msg.is_multipart():
        try:  # no usable Content-Type: read the body as text anyway
            payload = msg.get_payload(decode=True) or b""
            texts.append(_decode_bytes(payload[:MAX_TEXT_CHARS], None))
        except Exception:
            pass
    return "\n".join(texts)


def _header(msg, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:
        value = None
    if value is None:
        return ""
    try:
        return str(value)
    except Exception:
        return _decode_header_fallback(msg, name)


def _decode_header_fallback(msg, name: str) -> str:
    from email.header import decode_header

    raw = msg.get_all(name, failobj=[""])[0]
    raw = getattr(raw, "_parse_tree", raw)
    try:
        return "".join(_decode_bytes(b, c) if isinstance(b, bytes) else b for b, c in decode_header(str(raw)))
    except Exception:
        return str(raw)


def _sender(msg) -> tuple[str, bool]:
    """(the sender as shown, trusted?) — trusted only for exactly one address, exactly ours."""
    try:
        headers = msg.get_all("From") or []
    except Exception:
        headers = []
    shown = _header(msg, "From").strip()
    if len(headers) != 1:
        return shown, False
    modern: list[str] = []
    try:
        header = headers[0]
        if getattr(header, "defects", None):
            return shown, False
        modern = [a.addr_spec for a in header.addresses]
    except Exception:
        return shown, False
    raw_value = str(getattr(headers[0], "_parse_tree", headers[0]))
    try:
        legacy = [addr for _, addr in email.utils.getaddresses([raw_value])]
    except Exception:
        legacy = []
    trusted = (len(modern) == 1 and len(legacy) == 1
               and modern[0].lower() == TRUSTED_SENDER and legacy[0].lower() == TRUSTED_SENDER)
    return shown, trusted


_AR_DKIM_RE = re.compile(r"\bdkim\s*=\s*([a-z]+)([^;]*)", re.I)
_AR_DOMAIN_RE = re.compile(r"header\.(?:d|i)\s*=\s*\"?([^\s;\"]+)", re.I)


def _dkim(msg) -> str:
    """DKIM verdict for ehealth.fgov.be from the topmost Authentication-Results (the receiving server's).

    Lower ones may have been written by anyone along the way, so they are ignored.
    """
    try:
        headers = msg.get_all("Authentication-Results") or []
    except Exception:
        headers = []
    if not headers:
        return "none"
    verdict = "none"
    for result, props in _AR_DKIM_RE.findall(str(headers[0])):
        domain = _AR_DOMAIN_RE.search(props)
        if not domain:
            continue
        name = domain.group(1).lower().lstrip("@").split("@")[-1]
        if name != TRUSTED_DOMAIN and not name.endswith("." + TRUSTED_DOMAIN):
            continue
        if result.lower() == "pass":
            return "pass"
        if result.lower() != "none":
            verdict = "fail"
    return verdict


def _environment(subject: str, body: str) -> str | None:
    match = _ENV_RE.search(subject) or _ENV_RE.search(body)
    return ENVIRONMENTS[match.group(1).upper()] if match else None


def _request_number(subject: str, body: str) -> str | None:
    match = _SUBJECT_NUMBER_RE.search(subject)
    if match:
        return match.group(1)
    for text in (subject, body):
        for pattern in _NUMBER_RES:
            match = pattern.search(text)
            if match:
                return match.group(1)
    return None


def _common_name(subject: str, body: str) -> str | None:
    for text in (body, subject):
        match = _CN_RE.search(text)
        if match:
            name = re.sub(r"\s*=\s*", "=", match.group(1))
            return f"{name}, {match.group(2)}" if match.group(2) else name
    return None


def _to_moment(match: re.Match) -> dt.datetime | None:
    day, month, year, hour, minute, second = match.groups()
    try:
        return dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
                           tzinfo=BRUSSELS)
    except ValueError:
        return None


def _available_from(body: str) -> dt.datetime | None:
    """The moment after 'à partir du' / 'vanaf' / 'from'; else the only date with a time of day."""
    with_time: list[dt.datetime] = []
    for match in _DATE_RE.finditer(body):
        moment = _to_moment(match)
        if moment is None:
            continue
        if _FROM_HINT_RE.search(body[max(0, match.start() - 20):match.start()]):
            return moment
        if match.group(4):
            with_time.append(moment)
    return with_time[0] if len(set(with_time)) == 1 else None


def _kind(subject: str, body: str, environment: str | None, number: str | None) -> str:
    if not (environment or (number and _EHEALTH_RE.search(subject + body))):
        return "other"
    if _PRODUCED_RE.search(subject) or _PRODUCED_RE.search(body):
        return "produced"
    if _RECEIVED_RE.search(subject) or _RECEIVED_RE.search(body):
        return "received"
    return "other"


def _message_id(msg) -> str | None:
    value = _header(msg, "Message-ID").strip()
    return value or None


def read_mail(raw: bytes) -> MailReading:
    """Reads as much as the message allows; a broken one comes out as kind 'other', never an exception."""
    try:
        msg = email.message_from_bytes(raw or b"", policy=email.policy.default)
    except Exception:
        return MailReading("other", None, None, None, None, False, "none", "", "", None)
    subject = re.sub(r"\s+", " ", _header(msg, "Subject")).strip()
    try:
        sender, trusted = _sender(msg)
    except Exception:
        sender, trusted = "", False
    try:
        body = _body_text(msg)
    except Exception:
        body = ""
    body = re.sub(r"[ \t\u00a0]+", " ", body)
    flat = re.sub(r"\s+", " ", body)
    environment = _environment(subject, flat)
    number = _request_number(subject, flat)
    return MailReading(
        kind=_kind(subject, flat, environment, number),
        environment=environment,
        request_number=number,
        common_name=_common_name(subject, flat),
        available_from=_available_from(flat),
        trusted_sender=trusted,
        dkim=_dkim(msg),
        subject=subject,
        sender=sender,
        message_id=_message_id(msg),
    )


def read_mail_file(path) -> MailReading:
    """The CLI's entry: only a file that cannot be opened at all is an error."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise UnreadableMail(str(path), exc.strerror or type(exc).__name__) from None
    return read_mail(raw)
