"""The key material of a renewal: CSR, serial-0 placeholder, ETK challenge and certificate, key identifier."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import warnings

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from ehwatch.errors import EhwatchError
from ehwatch.monitor import names, pkcs12
from ehwatch.renewal import keys
from ehwatch.sandbox import crypto
from tests.support.tools import need_tool

NOW = dt.datetime(2026, 3, 1, 10, 30, 15, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def rsa_key():
    return keys.new_rsa_key()


def _auth_certificate(key, hash_algorithm=hashes.SHA256()) -> bytes:
    """An eHealth-like authentication certificate issued by a throw-away CA."""
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = names.build_subject("SSIN", "75040404976", "Anne-Marie Dé Smet")
    issuer = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "test eHealth issuing CA")])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(NOW)
            .not_valid_after(NOW + dt.timedelta(days=3 * 365)).sign(ca_key, hash_algorithm))
    return cert.public_bytes(serialization.Encoding.DER)


def test_new_key_is_rsa_2048(rsa_key):
    assert isinstance(rsa_key, rsa.RSAPrivateKey) and rsa_key.key_size == 2048


def test_csr_verifies_and_carries_the_exact_ehealth_dn(rsa_key, tmp_path):
    subject = names.build_subject("NIHII", "12345678", "Émile Dûpont", application="PRESCRIPTIONS")
    der = keys.build_csr(rsa_key, subject)
    csr = x509.load_der_x509_csr(der)
    assert csr.is_signature_valid
    assert csr.signature_hash_algorithm.name == "sha256"
    assert csr.subject.public_bytes() == subject.public_bytes()  # byte for byte, RDN order included
    assert "OU=EMILE DUPONT" in csr.subject.rfc4514_string()
    assert csr.public_key().public_numbers() == rsa_key.public_key().public_numbers()
    openssl = need_tool("openssl")  # an independent reader agrees
    (tmp_path / "req.der").write_bytes(der)
    out = subprocess.run([openssl, "req", "-inform", "DER", "-in", str(tmp_path / "req.der"), "-noout", "-verify",
                          "-subject", "-nameopt", "RFC2253"], capture_output=True, text=True, check=True)
    assert "verify OK" in out.stdout + out.stderr
    assert out.stdout.strip().endswith(
        "subject=CN=NIHII=12345678\\, PRESCRIPTIONS,OU=eHealth-platform Belgium,OU=EMILE DUPONT,"
        "OU=NIHII=12345678,OU=PRESCRIPTIONS,O=Federal Government,C=BE")


def test_placeholder_is_the_connectors_pending_certificate(rsa_key):
    der = keys.placeholder_certificate(rsa_key, now=NOW)
    parsed = asn1_x509.Certificate.load(der)
    tbs = parsed["tbs_certificate"]
    assert tbs["serial_number"].native == 0
    assert tbs["subject"].native == {"country_name": "Dummy"} == tbs["issuer"].native
    assert tbs["validity"]["not_before"].native == NOW - dt.timedelta(days=1)
    assert tbs["validity"]["not_after"].native == NOW - dt.timedelta(days=1) + dt.timedelta(minutes=1)
    assert parsed.key_usage_value.native == {"key_encipherment", "data_encipherment"}
    assert parsed["signature_algorithm"]["algorithm"].native == "sha256_rsa"
    with warnings.catch_warnings():  # serial 0 and C=Dummy: deprecation warnings in cryptography, not errors (yet)
        warnings.simplefilter("ignore")
        cert = x509.load_der_x509_certificate(der)
        assert cert.serial_number == 0
    rsa_key.public_key().verify(cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(), hashes.SHA256())
    assert names.is_placeholder(der)
    assert pkcs12.load_certificate(der) is not None


def test_placeholder_survives_a_keystore_round_trip(rsa_key):
    content = pkcs12.KeystoreContent(keys=[pkcs12.KeyEntry(alias="authentication", private_key=rsa_key,
                                                           chain=[keys.placeholder_certificate(rsa_key)])])
    data = pkcs12.write_keystore(content, "pending-request")
    back = pkcs12.read_keystore(data, "pending-request")
    entry = back.key("authentication")
    assert names.is_placeholder(entry.chain[0])
    assert entry.private_key.private_numbers() == rsa_key.private_numbers()


def test_etk_challenge_round_trip():
    etk_key = keys.new_rsa_key()
    for serial16 in (os.urandom(16), b"\xff" * 16, b"\x00" * 15 + b"\x01"):
        challenge = crypto.make_etk_challenge(serial16, etk_key.public_key())
        assert len(challenge) == 256 + 32 and challenge[-32:] == hashlib.sha256(serial16).digest()
        serial = keys.decode_etk_challenge(challenge, etk_key)
        assert serial == int.from_bytes(serial16, "big") > 0


def test_etk_challenge_with_a_longer_nonce():
    """The platform's nonce may be longer than 16 bytes: only the first 16 are the serial."""
    etk_key = keys.new_rsa_key()
    nonce = os.urandom(32)
    challenge = etk_key.public_key().encrypt(nonce, padding.PKCS1v15()) + hashlib.sha256(nonce[:16]).digest()
    assert keys.decode_etk_challenge(challenge, etk_key) == int.from_bytes(nonce[:16], "big")


def test_etk_challenge_refused_when_tampered_or_for_another_key():
    etk_key, other_key = keys.new_rsa_key(), keys.new_rsa_key()
    challenge = crypto.make_etk_challenge(os.urandom(16), etk_key.public_key())
    tampered = challenge[:-1] + bytes([challenge[-1] ^ 1])
    for bad, key in ((tampered, etk_key), (challenge, other_key), (challenge[:20], etk_key)):
        with pytest.raises(EhwatchError) as refused:
            keys.decode_etk_challenge(bad, key)
        assert refused.value.key == "keys.challenge_invalid"
    with pytest.raises(ValueError):
        crypto.make_etk_challenge(b"short", etk_key.public_key())


@pytest.mark.parametrize("hash_algorithm", [hashes.SHA256(), hashes.SHA512()])
def test_etk_certificate_is_self_issued_by_the_authentication_key(rsa_key, hash_algorithm):
    auth_der = _auth_certificate(rsa_key, hash_algorithm)
    auth = x509.load_der_x509_certificate(auth_der)
    etk_key = keys.new_rsa_key()
    serial = int.from_bytes(b"\x9a" + os.urandom(15), "big")  # top bit set: must stay positive
    etk = x509.load_der_x509_certificate(keys.etk_certificate(rsa_key, auth_der, etk_key.public_key(), serial))
    assert etk.serial_number == serial
    assert etk.subject.public_bytes() == auth.subject.public_bytes() == etk.issuer.public_bytes()
    assert (etk.not_valid_before_utc, etk.not_valid_after_utc) == (auth.not_valid_before_utc,
                                                                    auth.not_valid_after_utc)
    usage = etk.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert (usage.value.key_encipherment, usage.value.data_encipherment) == (True, True)
    assert not (usage.value.digital_signature or usage.value.content_commitment or usage.value.key_cert_sign)
    assert len(etk.extensions) == 1
    assert etk.signature_hash_algorithm.name == hash_algorithm.name
    assert etk.public_key().public_numbers() == etk_key.public_key().public_numbers()
    rsa_key.public_key().verify(etk.signature, etk.tbs_certificate_bytes, padding.PKCS1v15(),
                                etk.signature_hash_algorithm)


def test_public_key_identifier_is_rfc5280_method_1(rsa_key):
    pki = keys.public_key_identifier(rsa_key.public_key())
    spki = asn1_keys.PublicKeyInfo.load(rsa_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo))
    bit_string_value = spki["public_key"].contents[1:]  # without the unused-bits octet
    assert pki == hashlib.sha1(bit_string_value).hexdigest()
    assert len(pki) == 40 and pki == pki.lower()  # xs:hexBinary, length 20 (etee core v2 PublicKeyIdentifier)
    assert pki == x509.SubjectKeyIdentifier.from_public_key(rsa_key.public_key()).digest.hex()


# ---------------------------------------------------------------- the CSR from the contract's DN
def test_the_csr_is_built_from_the_contract_dn_and_checked_against_it():
    from ehwatch.renewal import messages

    dn = ("CN=SSIN=75040404976,OU=eHealth-platform Belgium,OU=MARIE DUBOIS-MARTIN,OU=SSIN=75040404976,"
          "O=Federal Government,C=BE")
    contract = messages.Contract(dn, messages.Actor("SSIN", "75040404976", "Dubois"), {"fr": "x"}, b"")
    key = keys.new_rsa_key()
    csr = x509.load_der_x509_csr(keys.build_csr_for_contract(key, contract))
    assert csr.subject == contract.subject and csr.is_signature_valid
    keys.check_csr_subject(csr, contract.subject)
    old = names.build_subject("SSIN", "75040404976", "Marie Dubois")
    with pytest.raises(keys.CsrSubjectMismatch) as mismatch:
        keys.check_csr_subject(keys.build_csr(key, old), contract.subject)
    assert mismatch.value.key == "keys.csr_subject_mismatch" and "DUBOIS-MARTIN" in mismatch.value.contract_dn
    # the same attributes in another order are another DN
    reordered = x509.Name(list(reversed(contract.subject.rdns)))
    with pytest.raises(keys.CsrSubjectMismatch):
        keys.check_csr_subject(keys.build_csr(key, reordered), contract.subject)
    # a key the platform does not certify
    from cryptography.hazmat.primitives.asymmetric import rsa as rsa_module

    small = rsa_module.generate_private_key(65537, 1024)
    with pytest.raises(keys.CsrKeyRefused):
        keys.check_csr_subject(keys.build_csr(small, contract.subject), contract.subject)
