"""The eID over PKCS#11, against real SoftHSM2 BELPIC tokens (RSA 2048 and EC P-384).

Where SoftHSM cannot play a card's behaviour (a blocked PIN, a pinpad reader, no reader at all),
a thin wrapper around the *real* PyKCS11 objects changes one answer at the PKCS#11 boundary; every
other call goes to SoftHSM.
"""
from __future__ import annotations

import subprocess

import PyKCS11
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, utils

from ehwatch.renewal import eid as eid_mod
from ehwatch.renewal.eid import (
    CardRemoved,
    Eid,
    MiddlewareBroken,
    MiddlewareMissing,
    NoCard,
    NoReader,
    PinCancelled,
    PinIncorrect,
    PinLocked,
    PinRequest,
)
from tests.support.softhsm import HOLDER, SOFTHSM_MODULE, SSIN
from tests.support.tools import need_tool

DATA = b"<Request Id='_1'>renew my certificate</Request>"


class RecordingCallback:
    """A PIN callback that answers ``pin`` and remembers every request it was shown."""

    def __init__(self, pin: str | None):
        self.pin = pin
        self.requests: list[PinRequest] = []

    def __call__(self, request: PinRequest) -> str | None:
        self.requests.append(request)
        return self.pin


class BoundarySession:
    """The real PyKCS11 session, with its C_Login calls counted (and optionally answered otherwise)."""

    def __init__(self, real, card: BoundaryEid):
        self._real, self._card = real, card
        self.logins: list[tuple[str | None, int]] = []

    def login(self, pin, user_type=PyKCS11.CKU_USER):
        self.logins.append((pin, user_type))
        if self._card.login_error is not None:
            raise PyKCS11.PyKCS11Error(self._card.login_error)
        if pin is None and self._card.pinpad_pin is not None:
            pin = self._card.pinpad_pin  # what the user types on the reader's keypad
        self._real.login(pin, user_type)
        if self._card.pull_card_after_login:
            self._card.real_lib.closeAllSessions(self._card.slot)

    def __getattr__(self, name):
        return getattr(self._real, name)


class BoundaryLibrary:
    """The real PyKCS11 library, with extra token flags or an empty slot list when a test asks."""

    def __init__(self, real, card: BoundaryEid):
        self._real, self._card = real, card

    def getTokenInfo(self, slot):
        info = self._real.getTokenInfo(slot)
        info.flags |= self._card.extra_flags
        return info

    def getSlotList(self, tokenPresent=False):
        if self._card.no_slots:
            return []
        return self._real.getSlotList(tokenPresent)

    def __getattr__(self, name):
        return getattr(self._real, name)


class BoundaryEid(Eid):
    extra_flags = 0
    login_error: int | None = None
    pinpad_pin: str | None = None
    pull_card_after_login = False
    no_slots = False

    def _load_library(self, module):
        self.real_lib = super()._load_library(module)
        return BoundaryLibrary(self.real_lib, self)

    def _open_session(self, slot):
        self.session = BoundarySession(super()._open_session(slot), self)
        return self.session


# ---------------------------------------------------------------- reading the card

def test_info_reads_holder_ssin_and_key_types(rsa_token, ec_token, monkeypatch):
    for card, kind in ((rsa_token, "RSA 2048"), (ec_token, "EC secp384r1")):
        monkeypatch.setenv("SOFTHSM2_CONF", card.env["SOFTHSM2_CONF"])  # one process, two cards in turn
        info = eid_mod.read_info(card.module)
        assert info.token_label == "BELPIC"
        assert info.holder == HOLDER and info.ssin == SSIN
        assert info.keys == {"Authentication": kind, "Signature": kind}
        assert info.reader.startswith("SoftHSM") and info.serial


def test_no_card_when_the_reader_has_no_belpic_token(tmp_path, monkeypatch):
    need_tool(SOFTHSM_MODULE)
    (tmp_path / "tokens").mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))  # SoftHSM shows one empty, uninitialised slot
    with pytest.raises(NoCard):
        with Eid(SOFTHSM_MODULE):
            pass


def test_no_reader(rsa_card):
    card = BoundaryEid(rsa_card.module)
    card.no_slots = True
    with pytest.raises(NoReader):
        with card:
            pass
    assert card._lib is None  # the module was unloaded on the way out


def test_missing_and_broken_module(tmp_path, monkeypatch):
    with pytest.raises(MiddlewareMissing) as missing:
        Eid(str(tmp_path / "libbeidpkcs11.so.0"))
    assert str(tmp_path) in missing.value.message("en")
    monkeypatch.setitem(eid_mod.MODULE_CANDIDATES, "linux", (str(tmp_path / "nowhere.so"),))
    monkeypatch.setattr(eid_mod.sys, "platform", "linux")
    with pytest.raises(MiddlewareMissing) as not_found:
        eid_mod.find_module("")
    assert not_found.value.key == "eid.middleware_not_found"
    assert "eid.belgium.be" in not_found.value.message("nl")
    fake = tmp_path / "libbeidpkcs11.so.0"
    fake.write_bytes(b"not a shared library")
    monkeypatch.setitem(eid_mod.MODULE_CANDIDATES, "linux", (str(tmp_path / "nowhere.so"), str(fake)))
    assert eid_mod.find_module("") == str(fake)
    with pytest.raises(MiddlewareBroken):
        with Eid():
            pass


# ---------------------------------------------------------------- signing

def test_rsa_signature_verifies_and_chain_leads_to_the_ca(rsa_card):
    ask = RecordingCallback(rsa_card.pin)
    with Eid(rsa_card.module, pin_callback=ask) as card:
        for label in ("Signature", "Authentication"):
            signer = card.signer(label)
            assert signer.signature_method == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
            chain = [x509.load_der_x509_certificate(der) for der in signer.certificate_chain()]
            cn = chain[0].subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value
            assert cn == f"{HOLDER} ({label})"
            assert len(chain) == 2 and chain[1].subject.rfc4514_string().startswith("CN=sandbox eID CA,")
            chain[0].verify_directly_issued_by(chain[1])
            signature = signer.sign(DATA)
            chain[0].public_key().verify(signature, DATA, padding.PKCS1v15(), hashes.SHA256())
    assert [r.key_label for r in ask.requests] == ["Signature", "Authentication"]  # one PIN per signature
    assert ask.requests[0].holder == HOLDER and not ask.requests[0].pinpad


def test_ec_signature_is_raw_r_s_over_sha384(ec_card):
    with Eid(ec_card.module, pin_callback=RecordingCallback(ec_card.pin)) as card:
        signer = card.signer("Signature")
        assert signer.signature_method == "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384"
        signature = signer.sign(DATA)
        cert = x509.load_der_x509_certificate(signer.certificate_chain()[0])
    assert len(signature) == 96  # r || s, 48 bytes each: XML-DSig's ECDSA encoding, not DER
    der = utils.encode_dss_signature(int.from_bytes(signature[:48], "big"), int.from_bytes(signature[48:], "big"))
    cert.public_key().verify(der, DATA, ec.ECDSA(hashes.SHA384()))


def test_signature_key_logs_in_for_every_signature(rsa_card):
    """The Signature key is CKA_ALWAYS_AUTHENTICATE: the PIN typed once goes to C_Login twice, no more."""
    ask = RecordingCallback(rsa_card.pin)
    with BoundaryEid(rsa_card.module, pin_callback=ask) as card:
        signer = card.signer("Signature")
        signer.sign(DATA)
        signer.sign(DATA)
        logins = card.session.logins
    assert len(ask.requests) == 2
    assert [t for _, t in logins] == [PyKCS11.CKU_USER, PyKCS11.CKU_CONTEXT_SPECIFIC] * 2


# ---------------------------------------------------------------- the PIN

def test_wrong_pin_is_reported_with_tries_left_and_never_retried(rsa_card):
    ask = RecordingCallback("0000")
    with BoundaryEid(rsa_card.module, pin_callback=ask) as card:
        with pytest.raises(PinIncorrect) as wrong:
            card.signer("Signature").sign(DATA)
        assert len(card.session.logins) == 1  # one C_Login, answered by SoftHSM itself
        assert len(ask.requests) == 1
    assert wrong.value.tries_left == 2  # SoftHSM sets CKF_USER_PIN_COUNT_LOW after a wrong PIN
    assert wrong.value.message("en") == ("Your eID PIN was wrong. 2 tries left before the card blocks. "
                                         "Nothing was sent.")
    # The next attempt is the user's decision: the request tells them how close the card is to blocking.
    ask = RecordingCallback(rsa_card.pin)
    with Eid(rsa_card.module, pin_callback=ask) as card:
        card.signer("Authentication").sign(DATA)
    assert ask.requests[0].count_low and ask.requests[0].tries_left == 2
    with Eid(rsa_card.module, pin_callback=ask) as card:  # a good PIN reset the counter
        card.signer("Authentication").sign(DATA)
    assert not ask.requests[1].count_low and ask.requests[1].tries_left is None


def test_final_try_is_announced_before_and_after(rsa_card):
    ask = RecordingCallback("9999")
    card = BoundaryEid(rsa_card.module, pin_callback=ask)
    card.extra_flags = PyKCS11.CKF_USER_PIN_FINAL_TRY
    with card:
        with pytest.raises(PinIncorrect) as wrong:
            card.signer("Signature").sign(DATA)
    assert ask.requests[0].final_try and ask.requests[0].tries_left == 1
    assert wrong.value.tries_left == 1 and wrong.value.key == "eid.pin_incorrect_last"


def test_locked_pin_at_the_pkcs11_boundary(rsa_card):
    ask = RecordingCallback(rsa_card.pin)
    card = BoundaryEid(rsa_card.module, pin_callback=ask)
    card.login_error = PyKCS11.CKR_PIN_LOCKED
    with card:
        with pytest.raises(PinLocked) as locked:
            card.signer("Signature").sign(DATA)
        assert len(card.session.logins) == 1
    assert "PUK" in locked.value.message("fr") and "gemeente" in locked.value.message("nl")


def test_card_reporting_locked_is_not_even_asked(rsa_card):
    ask = RecordingCallback(rsa_card.pin)
    card = BoundaryEid(rsa_card.module, pin_callback=ask)
    card.extra_flags = PyKCS11.CKF_USER_PIN_LOCKED
    with card:
        with pytest.raises(PinLocked):
            card.signer("Authentication").sign(DATA)
        assert card.session.logins == [] and ask.requests == []


def test_cancelled_pin_entry_logs_nothing_in(rsa_card):
    with BoundaryEid(rsa_card.module, pin_callback=RecordingCallback(None)) as card:
        with pytest.raises(PinCancelled):
            card.signer("Signature").sign(DATA)
        assert card.session.logins == []


def test_pinpad_reader_logs_in_without_a_pin_from_software(rsa_card):
    ask = RecordingCallback("this answer must be ignored")
    card = BoundaryEid(rsa_card.module, pin_callback=ask)
    card.extra_flags = PyKCS11.CKF_PROTECTED_AUTHENTICATION_PATH
    card.pinpad_pin = rsa_card.pin  # typed on the reader
    with card:
        signer = card.signer("Signature")
        signature = signer.sign(DATA)
        public = x509.load_der_x509_certificate(signer.certificate_chain()[0]).public_key()
        assert [pin for pin, _ in card.session.logins] == [None, None]
    public.verify(signature, DATA, padding.PKCS1v15(), hashes.SHA256())
    assert len(ask.requests) == 1 and ask.requests[0].pinpad


def test_secret_pin_is_registered_for_redaction(rsa_card):
    from ehwatch import logs

    with Eid(rsa_card.module, pin_callback=RecordingCallback("12345678-not-a-real-pin")) as card:
        with pytest.raises(PinIncorrect):
            card.signer("Authentication").sign(DATA)
    assert logs.scrub("pin was 12345678-not-a-real-pin") == "pin was ***"


# ---------------------------------------------------------------- the card going away

def test_card_pulled_between_login_and_signature(rsa_card):
    card = BoundaryEid(rsa_card.module, pin_callback=RecordingCallback(rsa_card.pin))
    card.pull_card_after_login = True  # every session of the slot closes, as when the card is pulled
    with card:
        with pytest.raises(CardRemoved) as removed:
            card.signer("Authentication").sign(DATA)
    assert "Nothing was sent" in removed.value.message("en")


def test_token_deleted_mid_operation(fresh_card):
    softhsm_util = need_tool("softhsm2-util")
    ask = RecordingCallback(fresh_card.pin)
    with Eid(fresh_card.module, pin_callback=ask) as card:
        signer = card.signer("Signature")  # certificates read while the card is there
        subprocess.run([softhsm_util, "--delete-token", "--token", "BELPIC"], check=True, capture_output=True)
        with pytest.raises(CardRemoved):
            signer.sign(DATA)
    assert ask.requests == []  # nobody was asked for a PIN for a card that is gone
    with pytest.raises(NoCard):
        with Eid(fresh_card.module):
            pass


def test_every_eid_error_speaks_three_languages():
    errors = [MiddlewareMissing("/x.so"), MiddlewareMissing(), MiddlewareBroken("/x.so", "CKR_X"), NoReader(),
              NoCard(), CardRemoved(), PinIncorrect(None), PinIncorrect(2), PinIncorrect(1), PinLocked(),
              PinCancelled(), eid_mod.KeyMissing("Signature"), eid_mod.EidFailed("CKR_GENERAL_ERROR")]
    for error in errors:
        texts = {lang: error.message(lang) for lang in ("fr", "nl", "en")}
        assert len(set(texts.values())) == 3 and all("{" not in t for t in texts.values())
