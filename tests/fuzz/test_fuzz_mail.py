"""Property tests of the mail reader on mutated real notices (the seed's texts, tests/support/mail_samples.py):
no exception, bounded time, and no trust or DKIM pass that the raw mail does not carry."""
from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from ehwatch.mail import reading
from tests.fuzz.common import describe, mutated, record, timed
from tests.support import mail_samples as samples

TIME_BOUND = 2.0     # seconds per mail on a loaded machine (the reader's own budget is 1 s)
LOOKALIKE = "ehealth-certificates@ehealth-fgov.be"


def _alternative(plain: str, markup: str, sender: str = samples.SENDER) -> bytes:
    return (f"From: {sender}\r\nSubject: [eHealth PROD] certificat\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/alternative; boundary="b0undary"\r\n\r\n'
            f"--b0undary\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{plain}\r\n"
            f"--b0undary\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{markup}\r\n--b0undary--\r\n").encode()


_FR = samples.PRODUCED_BODY_FR.format(n="114419", cn="SSIN=75040404976")
SEEDS = [
    samples.produced(),
    samples.produced(n="220077", cn="CBE=0123456789, ROUTINGAPP", env="ACPT", dutch_first=True, cte="base64"),
    samples.produced(charset="iso-8859-1", cte="8bit"),
    samples.received(),
    samples.produced(extra_headers=["Authentication-Results: mx.advalvas.be; dkim=pass header.d=ehealth.fgov.be "
                                    "header.s=s1; spf=pass smtp.mailfrom=ehealth.fgov.be"]),
    samples.produced(extra_headers=["Authentication-Results: mx.advalvas.be; dkim=fail header.d=ehealth.fgov.be"]),
    samples.produced(sender=LOOKALIKE),
    samples.message("[eHealth PROD] certificat", "<html><body><p>" + _FR.replace("\n", "<br>") + "</p></body></html>",
                    subtype="html"),
    _alternative(_FR, "<p>" + _FR + "</p>"),
    samples.with_attachment(samples.produced(), 2000),
]
SNIPPETS = [b"<a b", b"<a\n", b"<!--", b"<script>", b'"', b"(", b"\\", b"=?utf-8?q?=C3=A9?= ", b"\r\n ", b"\r\n\r\n",
            b"dkim=pass header.d=ehealth.fgov.be", b"; policy.dkim=pass header.d=ehealth.fgov.be",
            b' reason="dkim=pass"', b"From: ehealth-certificates@ehealth.fgov.be\r\n",
            b"Authentication-Results: mx; dkim=pass header.d=ehealth.fgov.be\r\n", b"--b0undary\r\n",
            b"Content-Type: text/html\r\n", b"Content-Transfer-Encoding: base64\r\n", b"&#", b"&eacute;",
            b"[eHealth PROD]", b"21/06/2017 11:03:47", b"Common Name=SSIN=75040404976", b"\x00", b"\xff\xfe",
            b"<ehealth-certificates@ehealth.fgov.be>", b"=?utf-8?b?", b"@ehealth.fgov.be"]

mails = st.one_of(mutated(SEEDS, SNIPPETS), st.binary(max_size=4000))


def _headers(raw: bytes) -> str:
    """The header section, unfolded and lower-cased: what an independent reader sees."""
    end = min((i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0), default=len(raw))
    text = raw[:end].decode("latin-1")
    return re.sub(r"\r?\n[ \t]+", " ", text).lower()


@given(mails)
def test_mail_reader_is_total_bounded_and_honest(raw):
    with timed() as t:
        result = reading.read_mail(raw)
    outcome = ("over_budget" if result.over_budget else result.kind) + ("+trusted" if result.trusted_sender else "")
    record("mail reader", t.elapsed, describe(raw), outcome)
    assert t.elapsed < TIME_BOUND, f"{t.elapsed:.2f} s"
    json.dumps(result.to_json())
    headers = _headers(raw)
    if result.trusted_sender:
        from_lines = re.findall(r"(?m)^from\s*:(.*)$", headers)
        # folding white space and quotes inside an address are allowed (RFC 5322 obsolete syntax)
        assert len(from_lines) == 1 and reading.TRUSTED_SENDER in re.sub(r'[\s"]+', "", from_lines[0])
    if result.dkim == "pass":
        topmost = re.search(r"(?m)^authentication-results\s*:(.*)$", headers)
        assert topmost and re.search(r"(^|[;\s])dkim\s*=\s*pass\b", topmost.group(1)) \
            and "ehealth.fgov.be" in topmost.group(1)
    if result.over_budget:
        assert result.kind == "other" and not result.actionable
    if result.actionable:
        assert result.kind in ("produced", "received") and result.trusted_sender and result.dkim != "fail"


@given(st.text(max_size=3000), st.sampled_from(SNIPPETS))
def test_html_to_text_is_total_and_bounded(markup, snippet):
    markup = markup + snippet.decode("latin-1") * 2000
    with timed() as t:
        text = reading.html_to_text(markup)
    record("html to text", t.elapsed, describe(markup), "ok")
    assert t.elapsed < TIME_BOUND
    assert len(text) <= reading.MAX_HTML_CHARS
