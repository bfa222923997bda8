"""The sandbox's BELPIC token in SoftHSM2: what is on it, read back with PyKCS11 and cryptography."""
from __future__ import annotations

import PyKCS11
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from ehwatch.errors import EhwatchError
from ehwatch.sandbox import token as token_mod
from tests.support.softhsm import HOLDER, SSIN, make_token


def _objects(card):
    """(class, label, CKA_ID, extra) of every object on the token, seen through a logged-in session."""
    lib = PyKCS11.PyKCS11Lib().load(card.module)
    try:
        slot = next(s for s in lib.getSlotList(tokenPresent=True)
                    if lib.getTokenInfo(s).label.strip(" \x00") == "BELPIC")
        session = lib.openSession(slot)
        session.login(card.pin)
        found = []
        for handle in session.findObjects():
            klass, label, key_id = session.getAttributeValue(
                handle, [PyKCS11.CKA_CLASS, PyKCS11.CKA_LABEL, PyKCS11.CKA_ID], allAsBinary=True)
            klass = int.from_bytes(bytes(klass), "little")
            extra = None
            if klass == PyKCS11.CKO_CERTIFICATE:
                (extra,) = session.getAttributeValue(handle, [PyKCS11.CKA_VALUE], allAsBinary=True)
                extra = x509.load_der_x509_certificate(bytes(extra))
            elif klass == PyKCS11.CKO_PRIVATE_KEY:
                extra = session.getAttributeValue(handle, [PyKCS11.CKA_ALWAYS_AUTHENTICATE, PyKCS11.CKA_SENSITIVE,
                                                           PyKCS11.CKA_EXTRACTABLE])
            found.append((klass, bytes(label).decode(), bytes(key_id), extra))
        session.logout()
        session.closeSession()
        return found
    finally:
        lib.unload()


def test_token_holds_eid_like_keys_and_certificates(rsa_card):
    objects = _objects(rsa_card)
    certs = {label: (key_id, cert) for klass, label, key_id, cert in objects if klass == PyKCS11.CKO_CERTIFICATE}
    keys = {label: (key_id, attrs) for klass, label, key_id, attrs in objects if klass == PyKCS11.CKO_PRIVATE_KEY}
    assert set(certs) == {"Authentication", "Signature", "CA"}
    assert keys["Signature"] == (b"\x03", [True, True, False])  # PIN for every signature, key never leaves
    assert keys["Authentication"] == (b"\x02", [False, True, False])
    ca = certs["CA"][1]
    for label in ("Authentication", "Signature"):
        key_id, cert = certs[label]
        assert key_id == keys[label][0]
        cert.verify_directly_issued_by(ca)
        subject = {a.oid: a.value for a in cert.subject}
        assert subject == {NameOID.COUNTRY_NAME: "BE", NameOID.COMMON_NAME: f"{HOLDER} ({label})",
                           NameOID.GIVEN_NAME: "Anne-Marie", NameOID.SURNAME: "Dé Smet",
                           NameOID.SERIAL_NUMBER: SSIN}
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        assert usage.content_commitment == (label == "Signature")
        assert usage.digital_signature == (label == "Authentication")


def test_eid_ca_is_made_once_and_reused(tmp_path):
    key, der = token_mod.eid_ca(tmp_path)
    key_again, der_again = token_mod.eid_ca(tmp_path)
    assert der == der_again
    assert key.private_numbers() == key_again.private_numbers()
    assert (tmp_path / token_mod.CA_KEY_FILE).stat().st_mode & 0o077 == 0
    cert = x509.load_der_x509_certificate(der)
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca


def test_token_issued_by_a_given_ca_and_never_replaced(tmp_path, monkeypatch):
    ca = token_mod.eid_ca(tmp_path / "shared-ca")
    card = make_token(tmp_path / "card", "rsa", ssin="85073003328", holder="Jan Peeters")
    assert (tmp_path / "card" / token_mod.CA_CERT_FILE).exists()  # default: its own CA in its folder
    with pytest.raises(EhwatchError) as exists:
        token_mod.create_belpic_token(tmp_path / "card", "85073003328", "Jan Peeters", ca=ca)
    assert exists.value.key == "eid.token_exists"
    other = token_mod.create_belpic_token(tmp_path / "other", "85073003328", "Jan Peeters", ca=ca)
    assert not (tmp_path / "other" / token_mod.CA_CERT_FILE).exists()
    assert other.env == {"SOFTHSM2_CONF": str(tmp_path / "other" / "softhsm2.conf")}
    assert card.ssin == "85073003328" and other.key_type == "rsa"
    ca_cert = x509.load_der_x509_certificate(ca[1])
    monkeypatch.setenv("SOFTHSM2_CONF", other.env["SOFTHSM2_CONF"])
    certs = {label: cert for klass, label, _, cert in _objects(other) if klass == PyKCS11.CKO_CERTIFICATE}
    certs["Signature"].verify_directly_issued_by(ca_cert)
    assert certs["CA"].public_bytes(serialization.Encoding.DER) == ca[1]


def test_bad_key_type_is_refused(tmp_path):
    with pytest.raises(ValueError):
        token_mod.create_belpic_token(tmp_path, SSIN, HOLDER, key_type="dsa")
