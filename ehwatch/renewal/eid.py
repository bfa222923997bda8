"""The Belgian eID card over PKCS#11 (PyKCS11): who holds it, and signatures with its keys.

The card is reached through the Belgian eID middleware (or SoftHSM2 in tests and in the sandbox):
the token labelled ``BELPIC`` holds the ``Authentication`` and ``Signature`` keys and certificates.
The PIN comes from a callback (a CLI prompt, later a dialog) and is **never retried
automatically**: a wrong PIN raises ``PinIncorrect`` with the tries left as the card reports them,
because three automatic mistakes would block the doctor's card. Every PKCS#11 failure becomes one
of the typed errors below, each with a sentence saying what to do; nothing is sent after one.

The library is loaded when an ``Eid`` is entered and unloaded when it is left, so a process can
later open another module (or, with SoftHSM2, another SOFTHSM2_CONF).
"""
from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from typing import Any, Protocol

import PyKCS11
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from ehwatch import logs
from ehwatch.errors import EhwatchError
from ehwatch.renewal import xmldsig

log = logging.getLogger(__name__)

TOKEN_LABEL = "BELPIC"
KEY_LABELS = ("Authentication", "Signature")

# Where the Belgian eID middleware installs its PKCS#11 module (facts file §4).
MODULE_CANDIDATES = {
    "linux": (
        "/usr/lib/x86_64-linux-gnu/libbeidpkcs11.so.0",
        "/usr/lib/aarch64-linux-gnu/libbeidpkcs11.so.0",
        "/usr/lib64/libbeidpkcs11.so.0",
        "/usr/lib/libbeidpkcs11.so.0",
        "/usr/local/lib/libbeidpkcs11.so.0",
    ),
    "darwin": (
        "/Library/Belgium Identity Card/Pkcs11/beid-pkcs11.bundle/Contents/MacOS/libbeidpkcs11.dylib",
        "/usr/local/lib/beid-pkcs11.bundle/Contents/MacOS/libbeidpkcs11.dylib",
    ),
}


def _windows_candidates() -> list[str]:
    """Where the Belgian middleware's installer puts beidpkcs11.dll, for this process's bitness: System32
    (a 32-bit process is redirected to SysWOW64 by Windows itself; naming SysWOW64 from a 64-bit process
    would load a 32-bit DLL and fail), then its Program Files folder. Read at call time: %SystemRoot%
    and %ProgramFiles% differ between machines and between 32- and 64-bit processes."""
    system_root = os.environ.get("SystemRoot") or os.environ.get("windir") or r"C:\Windows"
    program_files = os.environ.get("ProgramFiles") or r"C:\Program Files"
    return [
        os.path.join(system_root, "System32", "beidpkcs11.dll"),
        os.path.join(program_files, "Belgium Identity Card", "beidpkcs11.dll"),
        os.path.join(program_files, "Belgium Identity Card", "Pkcs11", "beidpkcs11.dll"),
    ]


# PKCS#11 answers meaning the card (or the reader) went away under us.
_REMOVED = {
    PyKCS11.CKR_DEVICE_REMOVED, PyKCS11.CKR_TOKEN_NOT_PRESENT, PyKCS11.CKR_SESSION_HANDLE_INVALID,
    PyKCS11.CKR_SESSION_CLOSED, PyKCS11.CKR_DEVICE_ERROR, PyKCS11.CKR_TOKEN_NOT_RECOGNIZED,
    PyKCS11.CKR_SLOT_ID_INVALID,
}


# ---------------------------------------------------------------- errors

class EidError(EhwatchError):
    """Base of every eID problem; nothing was signed or sent when one is raised."""


class MiddlewareMissing(EidError):
    def __init__(self, module: str = "") -> None:
        if module:
            super().__init__("eid.middleware_missing", module=module)
        else:
            super().__init__("eid.middleware_not_found")
        self.module = module


class MiddlewareBroken(EidError):
    """The module file exists but does not load as a PKCS#11 library."""

    def __init__(self, module: str, detail: str) -> None:
        super().__init__("eid.middleware_broken", module=module, detail=detail)


class NoReader(EidError):
    def __init__(self) -> None:
        super().__init__("eid.no_reader")


class NoCard(EidError):
    def __init__(self) -> None:
        super().__init__("eid.no_card")


class CardRemoved(EidError):
    def __init__(self) -> None:
        super().__init__("eid.card_removed")


class PinIncorrect(EidError):
    """A wrong PIN. ``tries_left`` is 1 or 2 when the card says so, else None (unknown)."""

    def __init__(self, tries_left: int | None) -> None:
        if tries_left == 1:
            super().__init__("eid.pin_incorrect_last")
        elif tries_left:
            super().__init__("eid.pin_incorrect_tries", tries=tries_left)
        else:
            super().__init__("eid.pin_incorrect")
        self.tries_left = tries_left


class PinLocked(EidError):
    def __init__(self) -> None:
        super().__init__("eid.pin_locked")


class PinCancelled(EidError):
    exit_code = 1

    def __init__(self) -> None:
        super().__init__("eid.pin_cancelled")


class KeyMissing(EidError):
    def __init__(self, key_label: str) -> None:
        super().__init__("eid.key_missing", label=key_label)


class EidFailed(EidError):
    """Any other PKCS#11 failure, named by its CKR_ code (never holds a secret)."""

    def __init__(self, code: str):
        super().__init__("eid.failed", code=code)


# ---------------------------------------------------------------- data

@dataclass
class PinRequest:
    """What the PIN callback is told: whose card, and how close it is to blocking."""

    holder: str | None
    tries_left: int | None
    final_try: bool
    count_low: bool
    pinpad: bool = False  # the PIN is typed on the reader: the callback is only told, its answer ignored
    key_label: str = "Signature"


class PinCallback(Protocol):
    def __call__(self, request: PinRequest) -> str | None: ...  # None = the user cancelled


@dataclass
class EidInfo:
    module: str
    reader: str
    token_label: str
    serial: str
    holder: str | None
    ssin: str | None
    keys: dict[str, str] = field(default_factory=dict)  # {"Signature": "RSA 2048" | "EC secp384r1"}

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


# ---------------------------------------------------------------- helpers

def find_module(configured: str = "") -> str:
    """The PKCS#11 module to load: the configured path, else the middleware's usual place on this OS."""
    if configured:
        path = os.path.expandvars(os.path.expanduser(configured.strip().strip('"')))  # %ProgramFiles%\…
        if not os.path.isfile(path):
            raise MiddlewareMissing(path)
        return path
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    candidates = _windows_candidates() if platform == "win32" else MODULE_CANDIDATES.get(platform, ())
    for candidate in candidates:
        if os.path.exists(candidate):
            return candidate
    raise MiddlewareMissing()


def _tries_left(flags: int) -> int | None:
    if flags & PyKCS11.CKF_USER_PIN_FINAL_TRY:
        return 1
    if flags & PyKCS11.CKF_USER_PIN_COUNT_LOW:
        return 2
    return None


def _code_name(exc: PyKCS11.PyKCS11Error) -> str:
    return PyKCS11.CKR.get(exc.value, f"0x{exc.value & 0xFFFFFFFF:08X}") if exc.value >= 0 else "CKR_LOAD"


def holder_name(cert: x509.Certificate) -> str | None:
    """Given names + surname of an eID certificate, else its CN without the "(Signature)" suffix."""
    subject = cert.subject
    given = [a.value for a in subject.get_attributes_for_oid(NameOID.GIVEN_NAME)]
    surname = [a.value for a in subject.get_attributes_for_oid(NameOID.SURNAME)]
    if given or surname:
        return " ".join(str(v) for v in given + surname).strip() or None
    cns = subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if not cns:
        return None
    name = str(cns[0].value)
    for suffix in (" (Signature)", " (Authentication)"):
        name = name.removesuffix(suffix)
    return name.strip() or None


def holder_ssin(cert: x509.Certificate) -> str | None:
    """The national number (SSIN) in the subject's serialNumber."""
    values = cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    return str(values[0].value).strip() if values else None


def key_description(cert: x509.Certificate) -> str:
    public = cert.public_key()
    if isinstance(public, rsa.RSAPublicKey):
        return f"RSA {public.key_size}"
    if isinstance(public, ec.EllipticCurvePublicKey):
        return f"EC {public.curve.name}"
    return type(public).__name__


# ---------------------------------------------------------------- the card

class Eid:
    """One eID card in one reader, for the duration of a ``with`` block."""

    # PyKCS11 has no type information: its library, session and object handles are Any here
    def __init__(self, module: str | None = None, pin_callback: PinCallback | None = None) -> None:
        self.module = find_module(module or "")
        self.pin_callback = pin_callback
        self._lib: Any | None = None         # a PyKCS11.PyKCS11Lib while entered
        self._session: Any | None = None     # a PyKCS11.Session while entered
        self.slot: int | None = None
        self._certs: dict[str, x509.Certificate] | None = None

    # The two seams below are where tests wrap the real PyKCS11 objects (counting logins,
    # simulating a locked PIN or a pinpad reader); production uses them unchanged.
    def _load_library(self, module: str) -> PyKCS11.PyKCS11Lib:
        return PyKCS11.PyKCS11Lib().load(module)

    def _open_session(self, slot: int) -> Any:
        return self._library.openSession(slot)

    @property
    def _library(self) -> Any:
        """The loaded PKCS#11 library (only between entering and leaving the ``with`` block)."""
        if self._lib is None:
            raise RuntimeError("the eID is used outside its 'with' block")
        return self._lib

    @property
    def _open(self) -> Any:
        """The session on the card (only between entering and leaving the ``with`` block)."""
        if self._session is None:
            raise RuntimeError("the eID is used outside its 'with' block")
        return self._session

    def __enter__(self) -> Eid:
        try:
            self._lib = self._load_library(self.module)
        except PyKCS11.PyKCS11Error as exc:
            if not os.path.exists(self.module):
                raise MiddlewareMissing(self.module) from None
            raise MiddlewareBroken(self.module, _code_name(exc)) from None
        try:
            self.slot = self._find_slot()
            try:
                self._session = self._open_session(self.slot)
            except PyKCS11.PyKCS11Error as exc:
                raise self._translate(exc) from None
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._session is not None:
            try:
                self._session.closeSession()
            except PyKCS11.PyKCS11Error:
                pass  # the card is gone: nothing left to close
            self._session = None
        if self._lib is not None:
            self._lib.unload()
            self._lib = None

    def _find_slot(self) -> int:
        try:
            slots = self._library.getSlotList(tokenPresent=False)
        except PyKCS11.PyKCS11Error as exc:
            raise EidFailed(_code_name(exc)) from None
        if not slots:
            raise NoReader()
        for slot in slots:
            try:
                if not self._library.getSlotInfo(slot).flags & PyKCS11.CKF_TOKEN_PRESENT:
                    continue
                if self._library.getTokenInfo(slot).label.strip(" \x00") == TOKEN_LABEL:
                    found: int = slot
                    return found
            except PyKCS11.PyKCS11Error:
                continue  # a card being inserted or pulled out while we look
        raise NoCard()

    def _token_flags(self) -> int:
        flags: int = self._library.getTokenInfo(self.slot).flags
        return flags

    def _card_present(self) -> bool:
        try:
            return (bool(self._library.getSlotInfo(self.slot).flags & PyKCS11.CKF_TOKEN_PRESENT)
                    and self._library.getTokenInfo(self.slot).label.strip(" \x00") == TOKEN_LABEL)
        except PyKCS11.PyKCS11Error:
            return False

    def _translate(self, exc: PyKCS11.PyKCS11Error) -> EidError:
        """The typed error for a PKCS#11 failure in the middle of an operation."""
        if exc.value == PyKCS11.CKR_PIN_LOCKED:
            return PinLocked()
        if exc.value == PyKCS11.CKR_FUNCTION_CANCELED:
            return PinCancelled()
        if exc.value in _REMOVED or not self._card_present():
            return CardRemoved()
        log.warning("eID operation failed: %s", exc)
        return EidFailed(_code_name(exc))

    # ------------------------------------------------------------ reading

    def certificates(self) -> dict[str, x509.Certificate]:
        """Every certificate on the card by label (``Authentication``, ``Signature``, ``CA``, ``Root``…)."""
        if self._certs is None:
            certs: dict[str, x509.Certificate] = {}
            try:
                for handle in self._open.findObjects([(PyKCS11.CKA_CLASS, PyKCS11.CKO_CERTIFICATE)]):
                    label, value = self._open.getAttributeValue(
                        handle, [PyKCS11.CKA_LABEL, PyKCS11.CKA_VALUE], allAsBinary=True)
                    name = bytes(label).decode("utf-8", "replace").strip()
                    try:
                        certs[name] = x509.load_der_x509_certificate(bytes(value))
                    except ValueError:
                        log.warning("unreadable certificate %r on the eID", name)
            except PyKCS11.PyKCS11Error as exc:
                raise self._translate(exc) from None
            self._certs = certs
        return self._certs

    def info(self) -> EidInfo:
        try:
            token = self._library.getTokenInfo(self.slot)
            reader = self._library.getSlotInfo(self.slot).slotDescription.strip(" \x00")
        except PyKCS11.PyKCS11Error as exc:
            raise self._translate(exc) from None
        certs = self.certificates()
        person = certs.get("Signature") or certs.get("Authentication")
        return EidInfo(
            module=self.module, reader=reader, token_label=token.label.strip(" \x00"),
            serial=token.serialNumber.strip(" \x00"),
            holder=holder_name(person) if person else None,
            ssin=holder_ssin(person) if person else None,
            keys={label: key_description(certs[label]) for label in KEY_LABELS if label in certs},
        )

    def signer(self, key_label: str) -> EidSigner:
        if key_label not in KEY_LABELS:
            raise ValueError(f"key_label must be one of {KEY_LABELS}")
        cert = self.certificates().get(key_label)
        if cert is None:
            raise KeyMissing(key_label)
        return EidSigner(self, key_label, cert)

    # ------------------------------------------------------------ signing

    def _ask_pin(self, key_label: str) -> tuple[str | None, bool]:
        """The PIN to log in with (None on a pinpad reader), asked once; raises before asking if blocked."""
        try:
            flags = self._token_flags()
        except PyKCS11.PyKCS11Error as exc:
            raise self._translate(exc) from None
        if flags & PyKCS11.CKF_USER_PIN_LOCKED:
            raise PinLocked()
        pinpad = bool(flags & PyKCS11.CKF_PROTECTED_AUTHENTICATION_PATH)
        person = self.certificates().get("Signature") or self.certificates().get("Authentication")
        request = PinRequest(holder=holder_name(person) if person else None, tries_left=_tries_left(flags),
                             final_try=bool(flags & PyKCS11.CKF_USER_PIN_FINAL_TRY),
                             count_low=bool(flags & PyKCS11.CKF_USER_PIN_COUNT_LOW), pinpad=pinpad,
                             key_label=key_label)
        if pinpad:
            if self.pin_callback is not None:
                self.pin_callback(request)  # told to look at the reader; the PIN never reaches us
            return None, True
        pin = self.pin_callback(request) if self.pin_callback is not None else None
        if pin is None:
            raise PinCancelled()
        logs.redact(pin)
        return pin, False

    def _login(self, pin: str | None, user_type: int) -> None:
        """One C_Login, never repeated: a wrong PIN is reported, not retried."""
        try:
            self._open.login(pin, user_type)
        except PyKCS11.PyKCS11Error as exc:
            if exc.value == PyKCS11.CKR_USER_ALREADY_LOGGED_IN and user_type == PyKCS11.CKU_USER:
                return
            if exc.value == PyKCS11.CKR_PIN_INCORRECT:
                try:
                    tries = _tries_left(self._token_flags())
                except PyKCS11.PyKCS11Error:
                    tries = None
                raise PinIncorrect(tries) from None
            raise self._translate(exc) from None

    def _private_key(self, key_label: str) -> Any:
        try:
            found = self._open.findObjects([(PyKCS11.CKA_CLASS, PyKCS11.CKO_PRIVATE_KEY),
                                               (PyKCS11.CKA_LABEL, key_label)])
        except PyKCS11.PyKCS11Error as exc:
            raise self._translate(exc) from None
        if not found:
            raise KeyMissing(key_label)
        return found[0]

    def _always_authenticate(self, key: Any) -> bool:
        try:
            (value,) = self._open.getAttributeValue(key, [PyKCS11.CKA_ALWAYS_AUTHENTICATE])
        except PyKCS11.PyKCS11Error:
            return False  # attribute unknown to the module: no per-signature login
        return bool(value)

    def sign_with(self, key_label: str, data: bytes, mechanism: int) -> bytes:
        """Logs in (one PIN request), signs ``data`` with ``mechanism`` on the card, logs out."""
        pin, pinpad = self._ask_pin(key_label)
        self._login(pin, PyKCS11.CKU_USER)
        try:
            key = self._private_key(key_label)
            try:
                if self._always_authenticate(key):
                    return self._sign_context_login(key, data, mechanism, pin)
                return bytes(self._open.sign(key, data, PyKCS11.Mechanism(mechanism, None)))
            except PyKCS11.PyKCS11Error as exc:
                raise self._translate(exc) from None
        finally:
            try:
                self._open.logout()
            except PyKCS11.PyKCS11Error:
                pass

    def _sign_context_login(self, key: Any, data: bytes, mechanism: int, pin: str | None) -> bytes:
        """C_SignInit, C_Login(CKU_CONTEXT_SPECIFIC) with the PIN already given, C_Sign.

        Keys marked CKA_ALWAYS_AUTHENTICATE (the eID Signature key under OpenSC and SoftHSM) want
        the PIN again between SignInit and Sign; PyKCS11's ``sign`` cannot put it there. The same
        PIN is reused (the user typed it once for this signature): that is no retry.
        """
        lib, handle = self._open.lib, self._open.session
        rv = lib.C_SignInit(handle, PyKCS11.Mechanism(mechanism, None).to_native(), key)
        if rv != PyKCS11.CKR_OK:
            raise PyKCS11.PyKCS11Error(rv)
        self._login(pin, PyKCS11.CKU_CONTEXT_SPECIFIC)
        signature, payload = PyKCS11.ckbytelist(), PyKCS11.ckbytelist(data)
        for _ in range(2):  # first call sizes the buffer, second fills it
            rv = lib.C_Sign(handle, payload, signature)
            if rv != PyKCS11.CKR_OK:
                raise PyKCS11.PyKCS11Error(rv)
        return bytes(signature)


def read_info(module: str = "") -> EidInfo:
    """What ``ehwatch eid info`` shows (reader, card, holder, keys); needs no PIN."""
    with Eid(module or None) as card:
        return card.info()


class EidSigner:
    """Signs with one eID key; what ``xmldsig`` needs: the chain, the method URI, and ``sign``."""

    def __init__(self, eid: Eid, key_label: str, certificate: x509.Certificate) -> None:
        self.eid = eid
        self.key_label = key_label
        self.certificate = certificate
        public = certificate.public_key()
        if isinstance(public, rsa.RSAPublicKey):
            self._method = xmldsig.RSA_SHA256
        elif isinstance(public, ec.EllipticCurvePublicKey):
            self._method = xmldsig.ecdsa_method(public.curve)  # the hash that fits the curve (P-384: SHA-384)
        else:
            raise KeyMissing(key_label)

    def certificate_chain(self) -> list[bytes]:
        """DER certificates: the card's certificate first, then its issuers found on the card."""
        others = [c for label, c in self.eid.certificates().items() if label not in KEY_LABELS]
        chain = [self.certificate]
        while chain[-1].issuer != chain[-1].subject:
            issuer = next((c for c in others if c.subject == chain[-1].issuer and c not in chain), None)
            if issuer is None:
                break
            chain.append(issuer)
        return [c.public_bytes(serialization.Encoding.DER) for c in chain]

    @property
    def signature_method(self) -> str:
        return self._method

    def sign(self, data: bytes) -> bytes:
        """RSA: PKCS#1 v1.5 SHA-256 on the card. EC: host-side digest, CKM_ECDSA, raw r||s (XML-DSig's form)."""
        if self._method == xmldsig.RSA_SHA256:
            return self.eid.sign_with(self.key_label, data, PyKCS11.CKM_SHA256_RSA_PKCS)
        digest = hashes.Hash(xmldsig.SIGNATURE_HASHES[self._method]())
        digest.update(data)
        return self.eid.sign_with(self.key_label, digest.finalize(), PyKCS11.CKM_ECDSA)
