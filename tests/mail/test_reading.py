"""The mail reader on the seed's real texts, their encodings, spoofs and broken mails; and ``mail parse``."""
from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from ehwatch.mail.reading import read_mail
from tests.support import mail_samples as samples
from tests.support.tools import run_cli

BRUSSELS = ZoneInfo("Europe/Brussels")


def test_seed_produced_mail_french_first():
    reading = read_mail(samples.produced())
    assert reading.kind == "produced"
    assert reading.environment == "production"
    assert reading.request_number == "114419"
    assert reading.common_name == "SSIN=75040404976"
    assert reading.available_from == dt.datetime(2017, 6, 21, 11, 3, 47, tzinfo=BRUSSELS)
    assert reading.to_json()["available_from"] == "2017-06-21T11:03:47+02:00"
    assert reading.trusted_sender is True
    assert reading.dkim == "none"
    assert reading.subject.startswith("[114419] [eHealth PROD] Le certificat d'authentification eHealth que vous avez demandé")


def test_seed_receipt_mail():
    reading = read_mail(samples.received(n="114419"))
    assert (reading.kind, reading.environment, reading.request_number) == ("received", "production", "114419")
    assert reading.common_name == "SSIN=75040404976"
    assert reading.available_from is None


@pytest.mark.parametrize("charset,cte", [("utf-8", "quoted-printable"), ("utf-8", "base64"),
                                         ("iso-8859-1", "quoted-printable"), ("iso-8859-1", "base64"),
                                         ("iso-8859-1", "8bit")])
def test_encodings_dutch_first_and_acceptance(charset, cte):
    raw = samples.produced(n="220077", cn="CBE=0123456789, ROUTINGAPP", env="ACPT", dutch_first=True,
                           charset=charset, cte=cte)
    reading = read_mail(raw)
    assert reading.kind == "produced"
    assert reading.environment == "acceptance"
    assert reading.request_number == "220077"
    assert reading.common_name == "CBE=0123456789, ROUTINGAPP"
    assert reading.available_from.isoformat() == "2017-06-21T11:03:47+02:00"
    assert "demandé" in reading.subject  # the RFC 2047 subject decoded in its charset


def test_html_only_mail_is_reduced_to_text():
    body = ("<html><head><style>p{color:red}</style></head><body><p>Cher CHARLES-BERNARD DARDENNE,</p>"
            "<p>Le certificat (Common Name=SSIN=75040404976) valid&eacute; avec num&eacute;ro de demande "
            "<b>114419</b> a &eacute;t&eacute; produit.</p><p>&agrave; partir du <span>21/06/2017 11:03:47</span></p>"
            "</body></html>")
    reading = read_mail(samples.message("[eHealth PROD] certificat", body, subtype="html"))
    assert reading.kind == "produced"
    assert reading.request_number == "114419"
    assert reading.available_from.isoformat() == "2017-06-21T11:03:47+02:00"


def test_reworded_mail_still_recognised_by_its_stable_parts():
    body = ("Your eHealth certificate (CN=SSIN=75040404976) for request number 998877 has been produced. "
            "You can complete the request from 02/03/2031 08:15:00.")
    reading = read_mail(samples.message("[eHealth PROD] Certificate ready", body))
    assert (reading.kind, reading.request_number, reading.common_name) == ("produced", "998877", "SSIN=75040404976")
    assert reading.available_from == dt.datetime(2031, 3, 2, 8, 15, tzinfo=BRUSSELS)
    assert reading.available_from.utcoffset() == dt.timedelta(hours=1)  # winter time


def test_unrelated_mail_from_ehealth_is_other():
    reading = read_mail(samples.message("Newsletter de la plate-forme eHealth", "Bonjour, voici les nouvelles du mois."))
    assert reading.kind == "other"
    assert reading.trusted_sender is True


@pytest.mark.parametrize("sender", [
    '"ehealth-certificates@ehealth.fgov.be" <phish@evil.example>',
    "ehealth-certificates@ehealth.fgov.be <phish@evil.example>",
    "=?utf-8?q?ehealth-certificates=40ehealth=2Efgov=2Ebe?= <phish@evil.example>",
    "ehealth-certificates@ehealth-fgov.be",
    "ehealth-certificates@ehealth.fgov.be.evil.example",
    "ehealth-certificates@mail.ehealth.fgov.be",
    "ehealth-certificates@ehealth.fgov.be, phish@evil.example",
    "ehea1th-certificates@ehealth.fgov.be",
    '"phish@evil.example"@ehealth.fgov.be',
])
def test_spoofed_senders_are_untrusted(sender):
    reading = read_mail(samples.produced(sender=sender))
    assert reading.kind == "produced"  # it looks like one…
    assert reading.trusted_sender is False  # …but it is not from eHealth
    assert reading.actionable is False


def test_display_name_does_not_matter_when_the_address_is_right():
    reading = read_mail(samples.produced(sender='"Plate-forme eHealth" <Ehealth-Certificates@ehealth.fgov.be>'))
    assert reading.trusted_sender is True


def test_two_from_headers_are_untrusted():
    raw = samples.produced(extra_headers=["From: phish@evil.example"])
    assert read_mail(raw).trusted_sender is False


@pytest.mark.parametrize("results,verdict", [
    (["mx.advalvas.be; dkim=pass header.d=ehealth.fgov.be header.s=s1; spf=pass"], "pass"),
    (["mx.advalvas.be; dkim=fail (bad signature) header.d=ehealth.fgov.be"], "fail"),
    (["mx.advalvas.be; dkim=pass header.d=evil.example; spf=fail"], "none"),
    (["mx.advalvas.be; spf=pass smtp.mailfrom=ehealth.fgov.be"], "none"),
    # Only the topmost header is the receiving server's: a lower one could be forged by the sender.
    (["mx.advalvas.be; dkim=fail header.d=ehealth.fgov.be", "evil; dkim=pass header.d=ehealth.fgov.be"], "fail"),
])
def test_dkim_verdict_from_the_receiving_server(results, verdict):
    raw = samples.produced(extra_headers=[f"Authentication-Results: {r}" for r in results])
    reading = read_mail(raw)
    assert reading.dkim == verdict
    assert reading.actionable is (verdict != "fail")


BROKEN = {
    "no headers at all": b"just some words\r\n",
    "empty": b"",
    "binary garbage": bytes(range(256)) * 64,
    "unknown charset": (b"From: x@y\r\nSubject: =?x-klingon-42?q?qapla=FF?=\r\n"
                        b"Content-Type: text/plain; charset=x-klingon-42\r\n\r\n\xff\xfe qapla'\r\n"),
    "no subject": b"From: ehealth-certificates@ehealth.fgov.be\r\n\r\nCher docteur,\r\n",
    "broken multipart": (b"From: ehealth-certificates@ehealth.fgov.be\r\nSubject: [eHealth PROD] x\r\n"
                         b"Content-Type: multipart/mixed; boundary=\"nope\"\r\n\r\n--other\r\nContent-Type: text/plain\r\n\r\n"
                         b"=?=?==\xff\xfe\r\n"),
    "broken base64": (b"From: x@y\r\nSubject: =?utf-8?b?!!!?=\r\nContent-Type: text/plain; charset=utf-8\r\n"
                      b"Content-Transfer-Encoding: base64\r\n\r\n@@@notbase64@@@\r\n"),
    "huge part": b"From: x@y\r\nSubject: big\r\nContent-Type: text/plain\r\n\r\n" + b"A" * 8_000_000,
    "bad header bytes": b"From: \xff\xfe\x00<x@y>\r\nSubject: \x00\xff\r\nMessage-ID: \xff\r\n\r\nhello\r\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_malformed_mails_read_as_other_without_raising(name):
    reading = read_mail(BROKEN[name])
    assert reading.kind == "other"
    json.dumps(reading.to_json())


def test_unknown_charset_on_a_real_notice_is_read_as_far_as_possible():
    raw = samples.produced(charset="utf-8").replace(b"charset=utf-8", b"charset=x-klingon-42")
    reading = read_mail(raw)
    assert reading.request_number == "114419"
    assert reading.common_name == "SSIN=75040404976"


def test_cli_parse_json(tmp_path):
    path = tmp_path / "produced.eml"
    path.write_bytes(samples.produced(extra_headers=["Authentication-Results: mx; dkim=pass header.d=ehealth.fgov.be"]))
    proc = run_cli("mail", "parse", str(path), "--json", check=True)
    data = json.loads(proc.stdout)
    assert data["kind"] == "produced"
    assert data["environment"] == "production"
    assert data["request_number"] == "114419"
    assert data["common_name"] == "SSIN=75040404976"
    assert data["available_from"] == "2017-06-21T11:03:47+02:00"
    assert data["trusted_sender"] is True and data["dkim"] == "pass"


def test_cli_parse_human_in_french(tmp_path):
    path = tmp_path / "received.eml"
    path.write_bytes(samples.received())
    proc = run_cli("--lang", "fr", "mail", "parse", str(path), check=True)
    assert "demande reçue" in proc.stdout
    assert "114419" in proc.stdout


def test_cli_parse_malformed_exits_zero(tmp_path):
    path = tmp_path / "garbage.eml"
    path.write_bytes(BROKEN["binary garbage"])
    proc = run_cli("mail", "parse", str(path), "--json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["kind"] == "other"


def test_cli_parse_unreadable_file_is_a_clear_error(tmp_path):
    proc = run_cli("mail", "parse", str(tmp_path / "missing.eml"))
    assert proc.returncode != 0
    assert "cannot be read" in proc.stderr and "missing.eml" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = run_cli("mail", "parse", str(tmp_path))  # a folder
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
