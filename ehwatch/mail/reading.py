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
import email.errors
import email.policy
import email.utils
import hashlib
import html
import re
import time
from dataclasses import dataclass
from email.headerregistry import AddressHeader
from email.message import Message
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import authres

from ehwatch.errors import EhwatchError

if TYPE_CHECKING:
    import os

TRUSTED_SENDER = "ehealth-certificates@ehealth.fgov.be"
TRUSTED_DOMAIN = "ehealth.fgov.be"
BRUSSELS = ZoneInfo("Europe/Brussels")
MAX_TEXT_CHARS = 1_000_000   # per part: a huge body is cut, not choked on
MAX_PARTS = 50
MAX_HTML_CHARS = 200_000     # markup converted per mail (eHealth's notices are ~5 kB); the rest is dropped
MAX_HEADER_CHARS = 2_000     # a Subject or Message-ID is cut there before it is decoded
MAX_FROM_CHARS = 998         # RFC 5322's line limit: a longer From is not eHealth's, and is never parsed
MAX_AUTH_RESULTS_CHARS = 8_000
MAIL_TIME_BUDGET = 1.0       # seconds per mail; past it the mail is reported as 'other', never half-read

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


class _BoundedPolicy(email.policy.EmailPolicy):
    """email.policy.default, except that a header value is cut to MAX_HEADER_CHARS before it is parsed:
    the standard header parser is quadratic on some values, and the feed parser itself parses
    Content-Type (a 70 kB one took a second)."""

    def header_fetch_parse(self, name: str, value: Any) -> Any:
        if isinstance(value, str) and len(value) > MAX_HEADER_CHARS:
            value = value[:MAX_HEADER_CHARS]
        return super().header_fetch_parse(name, value)


_POLICY = _BoundedPolicy()


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
    over_budget: bool = False  # the reader stopped at MAIL_TIME_BUDGET: nothing in it is acted on

    def to_json(self) -> dict[str, object]:
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
            "over_budget": self.over_budget,
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


class _OverBudget(Exception):
    """Internal: the per-mail time budget is spent."""


class _Budget:
    def __init__(self, seconds: float):
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() >= self.deadline:
            raise _OverBudget()


# One pass over the markup: every token is consumed once and no pattern can fail after its first
# two characters, so there is no backtracking and no rescanning (html.parser and a "<[^>]*>" strip
# both rescan the rest of the text for each unclosed '<': quadratic on a hostile 40 kB part).
_HTML_TOKEN = re.compile(r"""
    (?P<comment><!--.*?(?:-->|\Z))
  | (?P<tag><(?P<close>/?)(?P<name>[a-zA-Z][a-zA-Z0-9:-]*)(?:[^>"']+|"[^"]*"?|'[^']*'?)*>?)
  | (?P<other><[!?/][^>]*>?)
  | (?P<text>[^<]+|<)
""", re.S | re.X)
_HTML_BLOCKS = frozenset({"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "td", "th",
                          "blockquote", "ul", "ol", "hr", "pre", "center", "dt", "dd"})
_HTML_SKIPPED = ("script", "style", "head", "title", "template")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def html_to_text(markup: str, budget: _Budget | None = None) -> str:
    """HTML reduced to text in linear time: tags dropped, block ends become line breaks, the content of
    script/style/head dropped, character references decoded. Only the first MAX_HTML_CHARS are read."""
    markup = markup[:MAX_HTML_CHARS]
    lowered = markup.translate(_ASCII_LOWER)   # same length, so positions agree
    out: list[str] = []
    pos, end = 0, len(markup)
    while pos < end:
        if budget is not None and len(out) % 512 == 0:
            budget.check()
        m = _HTML_TOKEN.match(markup, pos)
        if m is None:      # cannot happen: the last alternative matches any one character
            break
        pos = m.end()
        if m.group("text") is not None:
            out.append(html.unescape(m.group("text")))
        elif m.group("tag") is not None:
            name = m.group("name").lower()
            if name in _HTML_BLOCKS:
                out.append("\n")
            if not m.group("close") and name in _HTML_SKIPPED and not m.group("tag").endswith("/>"):
                closing = lowered.find("</" + name, pos)
                pos = end if closing < 0 else closing
    return "".join(out)[:MAX_HTML_CHARS]


def _decode_bytes(payload: bytes, charset: str | None) -> str:
    for candidate in (charset, "utf-8"):
        if not candidate:
            continue
        try:
            return payload.decode(candidate)
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
    return payload.decode("latin-1")


def _part_text(part: Message) -> tuple[str, str] | None:
    """(content type, decoded text) of a text/plain or text/html part that is not an attachment."""
    ctype = (part.get_content_type() or "").lower()
    if ctype not in ("text/plain", "text/html"):
        return None
    try:
        if part.get_content_disposition() == "attachment":
            return None
    except Exception:
        pass
    payload: object
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if payload is None:
        raw = part.get_payload()
        payload = raw.encode("latin-1", "replace") if isinstance(raw, str) else b""
    if not isinstance(payload, bytes):  # the decoded payload of a leaf is bytes; anything else is no text
        return None
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    return ctype, _decode_bytes(payload[: MAX_TEXT_CHARS * 4], charset)[:MAX_TEXT_CHARS]


def _body_text(msg: Message, budget: _Budget) -> str:
    """The text/plain parts; the HTML parts (capped, converted linearly) only when there is no plain text."""
    plain: list[str] = []
    markup: list[str] = []
    try:
        parts = list(msg.walk()) if msg.is_multipart() else [msg]
    except Exception:
        parts = [msg]
    for part in parts[:MAX_PARTS]:
        budget.check()
        try:
            found = _part_text(part)
        except Exception:
            found = None
        if found and found[1]:
            (plain if found[0] == "text/plain" else markup).append(found[1])
    if plain:
        return "\n".join(plain)
    if markup:
        texts, room = [], MAX_HTML_CHARS
        for text in markup:
            if room <= 0:
                break
            texts.append(html_to_text(text[:room], budget))
            room -= len(text)
        return "\n".join(texts)
    if not msg.is_multipart():
        try:  # no usable Content-Type: read the body as text anyway
            payload = msg.get_payload(decode=True)
            return _decode_bytes(payload[:MAX_TEXT_CHARS], None) if isinstance(payload, bytes) else ""
        except Exception:
            pass
    return ""


def _raw_headers(msg: Message, name: str) -> list[str]:
    """The undecoded values of every ``name`` header, in order (the topmost first), never parsed."""
    wanted = name.lower()
    try:
        return [str(value) for key, value in msg.raw_items() if key.lower() == wanted]
    except Exception:
        return []


def _header(msg: Message, name: str, limit: int = MAX_HEADER_CHARS) -> str:
    """The first ``name`` header decoded, its raw value cut to ``limit`` first (the header parser of the
    standard library is quadratic on some hostile values)."""
    raw = _raw_headers(msg, name)
    if not raw:
        return ""
    value = raw[0][:limit]
    try:
        return str(msg.policy.header_fetch_parse(name, value))[:limit]
    except Exception:
        return _decode_header_fallback(value)[:limit]


def _decode_header_fallback(raw: str) -> str:
    from email.header import decode_header

    try:
        return "".join(_decode_bytes(b, c) if isinstance(b, bytes) else b for b, c in decode_header(raw))
    except Exception:
        return raw


def _sender(msg: Message) -> tuple[str, bool]:
    """(the sender as shown, trusted?) — trusted only for exactly one address, exactly ours."""
    raw = _raw_headers(msg, "From")
    if len(raw) != 1 or len(raw[0]) > MAX_FROM_CHARS:
        return _header(msg, "From", 200).strip(), False
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
        if not isinstance(header, AddressHeader):  # only a policy.default parse gives address headers
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


_BARE_CR = re.compile(rb"\r(?!\n)")


def _clean_header_section(raw: bytes, msg: Message) -> bool:
    """No ambiguity about where headers end: no bare CR in the header section (parsers split lines
    differently there) and no header line the parser had to treat as the start of the body."""
    ends = [i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0]
    if _BARE_CR.search(raw[: min(ends) if ends else len(raw)]):
        return False
    try:
        return not any(isinstance(d, email.errors.MissingHeaderBodySeparatorDefect) for d in msg.defects)
    except Exception:
        return False


def _in_trusted_domain(identity: str | None) -> bool:
    if not identity:
        return False
    name = identity.strip().strip('"').lower().split("@")[-1]
    return name == TRUSTED_DOMAIN or name.endswith("." + TRUSTED_DOMAIN)


def _dkim(msg: Message) -> str:
    """DKIM verdict for ehealth.fgov.be from the topmost Authentication-Results (the receiving server's).

    Lower ones may have been written by anyone along the way, so they are ignored. The header is parsed
    per RFC 8601 (authres): only a ``dkim`` method counts (not ``policy.dkim`` or ``x-dkim``), and text
    inside comments or quoted ``reason`` values is never read as a result. An unparsable header is "none".
    """
    headers = _raw_headers(msg, "Authentication-Results")
    if not headers or len(headers[0]) > MAX_AUTH_RESULTS_CHARS:
        return "none"
    value = re.sub(r"\r?\n[ \t]+", " ", headers[0]).strip()
    try:
        parsed = authres.AuthenticationResultsHeader.parse_value(value)
    except Exception:
        return "none"
    verdict = "none"
    for result in parsed.results:
        if str(result.method).lower() != "dkim":
            continue
        identities = [p.value for p in result.properties
                      if str(p.type).lower() == "header" and str(p.name).lower() in ("d", "i")]
        if not any(_in_trusted_domain(str(v)) for v in identities):
            continue
        outcome = str(result.result).lower()
        if outcome == "pass":
            return "pass"
        if outcome != "none":
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


def _to_moment(match: re.Match[str]) -> dt.datetime | None:
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


def _message_id(msg: Message) -> str | None:
    value = _header(msg, "Message-ID").strip()
    return value or None


def _empty(over_budget: bool = False, subject: str = "", sender: str = "") -> MailReading:
    return MailReading("other", None, None, None, None, False, "none", subject, sender, None, over_budget)


def read_mail(raw: bytes) -> MailReading:
    """Reads as much as the message allows; a broken one comes out as kind 'other', never an exception.

    Time is bounded: every size is capped and every step is linear; the per-mail budget
    (MAIL_TIME_BUDGET) is the last guard — past it the mail is 'other' with ``over_budget`` set."""
    budget = _Budget(MAIL_TIME_BUDGET)
    subject = sender = ""
    try:
        msg = email.message_from_bytes(raw or b"", policy=_POLICY)
        budget.check()
        subject = re.sub(r"\s+", " ", _header(msg, "Subject")).strip()
        try:
            sender, trusted = _sender(msg)
        except Exception:
            sender, trusted = "", False
        clean = _clean_header_section(raw or b"", msg)   # where the headers end is not a matter of parser
        trusted = trusted and clean
        budget.check()
        try:
            body = _body_text(msg, budget)
        except _OverBudget:
            raise
        except Exception:
            body = ""
        budget.check()
        body = re.sub(r"[ \t\u00a0]+", " ", body)
        flat = re.sub(r"\s+", " ", body)
        environment = _environment(subject, flat)
        number = _request_number(subject, flat)
        kind = _kind(subject, flat, environment, number)
        common_name = _common_name(subject, flat)
        available_from = _available_from(flat)
        dkim = _dkim(msg) if clean else "none"
        message_id = _message_id(msg)
        budget.check()
    except _OverBudget:
        return _empty(over_budget=True, subject=subject, sender=sender)
    except Exception:
        return _empty(subject=subject, sender=sender)
    return MailReading(
        kind=kind,
        environment=environment,
        request_number=number,
        common_name=common_name,
        available_from=available_from,
        trusted_sender=trusted,
        dkim=dkim,
        subject=subject,
        sender=sender,
        message_id=message_id,
    )


def read_mail_file(path: str | os.PathLike[str]) -> MailReading:
    """The CLI's entry: only a file that cannot be opened at all is an error."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise UnreadableMail(str(path), exc.strerror or type(exc).__name__) from None
    return read_mail(raw)
