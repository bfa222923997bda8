"""eHealth file names and DNs."""
from __future__ import annotations

import datetime as dt
import subprocess

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID

from ehwatch.monitor import names
from tests.support.keystore_factory import make_placeholder_certificate_der, new_key
from tests.support.tools import need_tool


def test_parse_production_and_acceptance_file_names():
    parsed = names.parse_keystore_filename("SSIN=75040404976 20140616-090423.p12")
    assert (parsed.type, parsed.id, parsed.application, parsed.environment) == \
        ("SSIN", "75040404976", None, "production")
    assert parsed.identifier == "SSIN=75040404976"
    assert parsed.requested_at.replace(tzinfo=None) == dt.datetime(2014, 6, 16, 9, 4, 23)
    assert parsed.requested_at.utcoffset() == dt.timedelta(hours=2)  # Brussels summer time
    acc = names.parse_keystore_filename("CBE=0123456789,ROUTINGAPP 20170621-110118.acc-p12")
    assert (acc.type, acc.id, acc.application, acc.environment) == ("CBE", "0123456789", "ROUTINGAPP", "acceptance")
    upper = names.parse_keystore_filename("NIHII-PHARMACY=12345678 20200101-000000.P12")
    assert upper.type == "NIHII-PHARMACY" and upper.environment == "production"


def test_file_names_that_are_not_ehealth_names():
    for name in ("desktop.ini", "revokeRequest_114419.ehrr", "backup.p12", "SSIN=1 2014.p12",
                 "SSIN=75040404976 20140616-090423.ehcsr", "SSIN=75040404976 20141316-090423x.p12"):
        assert names.parse_keystore_filename(name) is None, name
    # a valid pattern with an impossible date keeps the facts, without a date
    odd = names.parse_keystore_filename("SSIN=75040404976 20141345-090423.p12")
    assert odd.identifier == "SSIN=75040404976" and odd.requested_at is None


def test_keystore_filename_round_trip():
    when = dt.datetime(2017, 6, 21, 11, 1, 18)
    name = names.keystore_filename("CBE", "0123456789", "ROUTINGAPP", when, "acceptance")
    assert name == "CBE=0123456789,ROUTINGAPP 20170621-110118.acc-p12"
    assert names.keystore_filename("ssin", "75040404976", None, dt.datetime(2014, 6, 16, 9, 4, 23),
                                   "production") == "SSIN=75040404976 20140616-090423.p12"
    aware = dt.datetime(2017, 6, 21, 9, 1, 18, tzinfo=dt.UTC)   # 11:01:18 in Brussels
    assert names.keystore_filename("SSIN", "1", None, aware, "production") == "SSIN=1 20170621-110118.p12"
    back = names.parse_keystore_filename(name)
    assert (back.type, back.id, back.application, back.environment) == ("CBE", "0123456789", "ROUTINGAPP",
                                                                         "acceptance")


def test_build_subject_is_exactly_the_ehealth_dn():
    subject = names.build_subject("SSIN", "75040404976", "Hélène Dubois-Maës")
    assert subject.rfc4514_string() == ("CN=SSIN=75040404976,OU=eHealth-platform Belgium,OU=HELENE DUBOIS-MAES,"
                                        "OU=SSIN=75040404976,O=Federal Government,C=BE")
    with_app = names.build_subject("CBE", "0123456789", "Cabinet", "ROUTINGAPP")
    assert with_app.rfc4514_string() == ("CN=CBE=0123456789\\, ROUTINGAPP,OU=eHealth-platform Belgium,"
                                         "OU=CABINET,OU=CBE=0123456789,OU=ROUTINGAPP,O=Federal Government,C=BE")


def test_openssl_prints_the_dn_in_the_expected_order(tmp_path):
    openssl = need_tool("openssl")
    key = new_key("names-test")
    subject = names.build_subject("NIHII", "10203040", "Dr Smet")
    csr = x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())
    path = tmp_path / "req.pem"
    path.write_bytes(csr.public_bytes(serialization.Encoding.PEM))
    out = subprocess.run([openssl, "req", "-in", str(path), "-noout", "-subject", "-nameopt", "RFC2253"],
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == ("subject=CN=NIHII=10203040,OU=eHealth-platform Belgium,OU=DR SMET,"
                           "OU=NIHII=10203040,O=Federal Government,C=BE")


def test_parse_subject():
    parsed = names.parse_subject(names.build_subject("CBE", "0123456789", "Cabinet Médical", "ROUTINGAPP"))
    assert (parsed.identifier, parsed.type, parsed.id, parsed.application, parsed.holder) == \
        ("CBE=0123456789", "CBE", "0123456789", "ROUTINGAPP", "CABINET MEDICAL")
    person = names.parse_subject(names.build_subject("SSIN", "75040404976", "Marie Dubois"))
    assert person.application is None and person.holder == "MARIE DUBOIS"


def test_parse_subject_refuses_other_dns():
    other = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "SSIN=75040404976"),
                       x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Someone Else")])
    assert names.parse_subject(other) is None
    no_cn = x509.Name([x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "eHealth-platform Belgium"),
                       x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Federal Government")])
    assert names.parse_subject(no_cn) is None


def test_is_placeholder():
    key = new_key("names-test")
    assert names.is_placeholder(make_placeholder_certificate_der(key))
    now = dt.datetime.now(dt.UTC)
    subject = names.build_subject("SSIN", "1", "X")
    real = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(12345).not_valid_before(now).not_valid_after(now + dt.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    assert not names.is_placeholder(real.public_bytes(serialization.Encoding.DER))
    assert not names.is_placeholder(b"not a certificate")
