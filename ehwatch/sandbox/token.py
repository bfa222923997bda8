"""A Belgian eID stand-in: a SoftHSM2 token labelled ``BELPIC`` with eID-like keys and certificates.

Used by the tests, by ``ehwatch sandbox init`` and by ``ehwatch demo``. The token holds an
``Authentication`` and a ``Signature`` key pair generated **on the token** (RSA 2048 like older
cards, or EC P-384 like applet 1.8 cards), their certificates issued by a throw-away "sandbox eID
CA" (subject C=BE, CN, SN, GN and serialNumber = the holder's SSIN, as on a real card), and the CA
certificate under the label ``CA``. The Signature key is marked CKA_ALWAYS_AUTHENTICATE, so the PIN
is needed for every signature, as on a real card.

SoftHSM2 reads SOFTHSM2_CONF once, when the module is loaded; the PKCS#11 work therefore runs in
a short child process with the token's own configuration, and the parent (which may already have
another token's module loaded) is left alone. Parameters, the PIN included, go through the pipe.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from ehwatch.errors import EhwatchError
from ehwatch.fileutil import replace_own_file, write_new_file
from ehwatch.paths import ensure_private_dir

TOKEN_LABEL = "BELPIC"
KEY_IDS = {"Authentication": b"\x02", "Signature": b"\x03"}  # the CKA_IDs the beid middleware uses
CA_LABEL = "CA"
CA_KEY_FILE, CA_CERT_FILE = "eid-ca.key.pem", "eid-ca.pem"
CA_NAME = x509.Name([
    x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ehwatch sandbox"),
    x509.NameAttribute(NameOID.COMMON_NAME, "sandbox eID CA"),
])
SOFTHSM_MODULES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
    "/opt/homebrew/lib/softhsm/libsofthsm2.so",
)
SECP384R1_PARAMS = bytes.fromhex("06052b81040022")  # DER OID 1.3.132.0.34
CARD_YEARS = 10


@dataclass
class TokenInfo:
    module: str
    conf: Path
    env: dict[str, str] = field(default_factory=dict)  # {"SOFTHSM2_CONF": ...}: set it before loading module
    label: str = TOKEN_LABEL
    pin: str = "1234"  # a throw-away test PIN, never a real one
    ssin: str = ""
    holder: str = ""
    key_type: str = "rsa"


def softhsm_module() -> str:
    for candidate in SOFTHSM_MODULES:
        if os.path.exists(candidate):
            return candidate
    raise EhwatchError("eid.softhsm_missing")


def eid_ca(folder: Path) -> tuple[rsa.RSAPrivateKey, bytes]:
    """The sandbox eID CA (key, DER certificate), created in ``folder`` on first use and reused after.

    A test CA: its key is kept unencrypted, readable by the owner only, so that a dry run needs
    nothing from the user. The sandbox server trusts signatures whose certificate chains to it.
    """
    folder = ensure_private_dir(Path(folder))
    key_path, cert_path = folder / CA_KEY_FILE, folder / CA_CERT_FILE
    if key_path.exists() and cert_path.exists():
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        return key, cert.public_bytes(serialization.Encoding.DER)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(CA_NAME).issuer_name(CA_NAME).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365 * 20))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    for path in (key_path, cert_path):  # half a pair from an interrupted run: start again
        if path.exists():
            path.unlink()
    write_new_file(key_path, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    write_new_file(cert_path, cert.public_bytes(serialization.Encoding.PEM), mode=0o644)
    return key, cert.public_bytes(serialization.Encoding.DER)


def card_subject(ssin: str, holder: str, key_label: str) -> x509.Name:
    """The subject of an eID certificate: C=BE, CN=<holder> (<label>), SN, GN, serialNumber=<SSIN>.

    ``holder`` is "Given Surname": the first word is the given name, the rest the surname
    ("Anne De Smet" -> GN=Anne, SN=De Smet).
    """
    given, _, surname = holder.strip().partition(" ")
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
        x509.NameAttribute(NameOID.COMMON_NAME, f"{holder.strip()} ({key_label})"),
        x509.NameAttribute(NameOID.SURNAME, surname or given),
        x509.NameAttribute(NameOID.GIVEN_NAME, given),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, ssin),
    ])


def card_certificate(ca_key, ca_cert: x509.Certificate, public_key, ssin: str, holder: str,
                     key_label: str) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    signature_key = key_label == "Signature"
    return (
        x509.CertificateBuilder().subject_name(card_subject(ssin, holder, key_label))
        .issuer_name(ca_cert.subject).public_key(public_key).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365 * CARD_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=not signature_key, content_commitment=signature_key,
                                     key_encipherment=False, data_encipherment=False, key_agreement=False,
                                     key_cert_sign=False, crl_sign=False, encipher_only=False,
                                     decipher_only=False), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )


def create_belpic_token(folder: Path, ssin: str, holder: str, key_type: str = "rsa", pin: str = "1234",
                        ca: tuple | None = None) -> TokenInfo:
    """Creates ``folder``/softhsm2.conf and a BELPIC token under ``folder``/tokens (refuses to replace one).

    ``ca`` is ``(private key, DER certificate)``; by default the sandbox eID CA of ``folder``.
    """
    if key_type not in ("rsa", "ec"):
        raise ValueError("key_type is 'rsa' or 'ec'")
    folder = ensure_private_dir(Path(folder))
    token_dir = folder / "tokens"
    if token_dir.exists() and any(token_dir.iterdir()):
        raise EhwatchError("eid.token_exists", folder=str(folder))
    module = softhsm_module()
    ca_key, ca_der = ca or eid_ca(folder)
    ensure_private_dir(token_dir)
    conf = folder / "softhsm2.conf"
    replace_own_file(conf, (f"directories.tokendir = {token_dir}\n"
                            "objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n").encode())
    env = {"SOFTHSM2_CONF": str(conf)}
    request = {
        "module": module, "ssin": ssin, "holder": holder, "key_type": key_type, "pin": pin,
        "so_pin": secrets.token_hex(8),
        "ca_key": ca_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()).decode(),
        "ca_cert": x509.load_der_x509_certificate(ca_der).public_bytes(serialization.Encoding.PEM).decode(),
    }
    proc = subprocess.run([sys.executable, "-m", "ehwatch.sandbox.token"], input=json.dumps(request),
                          capture_output=True, text=True, env={**os.environ, **env}, timeout=120)
    if proc.returncode != 0:
        detail = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
        raise EhwatchError("eid.token_failed", folder=str(folder), detail=detail)
    return TokenInfo(module=module, conf=conf, env=env, label=TOKEN_LABEL, pin=pin, ssin=ssin, holder=holder,
                     key_type=key_type)


# ---------------------------------------------------------------- the child process

def _public_key(session, handle, key_type: str):
    import PyKCS11
    from asn1crypto.core import OctetString

    if key_type == "rsa":
        modulus, exponent = session.getAttributeValue(handle, [PyKCS11.CKA_MODULUS, PyKCS11.CKA_PUBLIC_EXPONENT],
                                                      allAsBinary=True)
        return rsa.RSAPublicNumbers(int.from_bytes(bytes(exponent), "big"),
                                    int.from_bytes(bytes(modulus), "big")).public_key()
    (point,) = session.getAttributeValue(handle, [PyKCS11.CKA_EC_POINT], allAsBinary=True)
    point = bytes(point)
    try:
        point = OctetString.load(point).native  # PKCS#11 wraps the point in a DER OCTET STRING
    except ValueError:
        pass
    return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP384R1(), point)


def _generate(session, label: str, key_type: str):
    import PyKCS11 as P

    key_id = KEY_IDS[label]
    common = [(P.CKA_TOKEN, True), (P.CKA_LABEL, label), (P.CKA_ID, key_id)]
    public = [(P.CKA_CLASS, P.CKO_PUBLIC_KEY), (P.CKA_VERIFY, True), *common]
    private = [(P.CKA_CLASS, P.CKO_PRIVATE_KEY), (P.CKA_PRIVATE, True), (P.CKA_SENSITIVE, True),
               (P.CKA_EXTRACTABLE, False), (P.CKA_SIGN, True),
               (P.CKA_ALWAYS_AUTHENTICATE, label == "Signature"), *common]
    if key_type == "rsa":
        public += [(P.CKA_KEY_TYPE, P.CKK_RSA), (P.CKA_MODULUS_BITS, 2048),
                   (P.CKA_PUBLIC_EXPONENT, (0x01, 0x00, 0x01))]
        private.append((P.CKA_KEY_TYPE, P.CKK_RSA))
        mechanism = P.Mechanism(P.CKM_RSA_PKCS_KEY_PAIR_GEN, None)
    else:
        public += [(P.CKA_KEY_TYPE, P.CKK_EC), (P.CKA_EC_PARAMS, SECP384R1_PARAMS)]
        private.append((P.CKA_KEY_TYPE, P.CKK_EC))
        mechanism = P.Mechanism(P.CKM_EC_KEY_PAIR_GEN, None)
    pub_handle, _ = session.generateKeyPair(public, private, mecha=mechanism)
    return _public_key(session, pub_handle, key_type)


def _store_certificate(session, label: str, key_id: bytes, cert: x509.Certificate) -> None:
    import PyKCS11 as P
    from asn1crypto import x509 as asn1_x509

    parsed = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    session.createObject([
        (P.CKA_CLASS, P.CKO_CERTIFICATE), (P.CKA_CERTIFICATE_TYPE, P.CKC_X_509), (P.CKA_TOKEN, True),
        (P.CKA_PRIVATE, False), (P.CKA_LABEL, label), (P.CKA_ID, key_id),
        (P.CKA_SUBJECT, parsed.subject.dump()), (P.CKA_ISSUER, parsed.issuer.dump()),
        (P.CKA_SERIAL_NUMBER, parsed["tbs_certificate"]["serial_number"].dump()),
        (P.CKA_VALUE, parsed.dump()),
    ])


def _build_token(request: dict) -> None:
    """Runs in the child process, with SOFTHSM2_CONF already pointing at the new token folder."""
    import PyKCS11 as P

    ca_key = serialization.load_pem_private_key(request["ca_key"].encode(), password=None)
    ca_cert = x509.load_pem_x509_certificate(request["ca_cert"].encode())
    lib = P.PyKCS11Lib().load(request["module"])
    try:
        free = next(s for s in lib.getSlotList(tokenPresent=True)
                    if not lib.getTokenInfo(s).flags & P.CKF_TOKEN_INITIALIZED)
        lib.initToken(free, request["so_pin"], TOKEN_LABEL.ljust(32))  # PyKCS11 would pad with NULs
        slot = next(s for s in lib.getSlotList(tokenPresent=True)
                    if lib.getTokenInfo(s).label.strip() == TOKEN_LABEL)  # SoftHSM renumbers the slot
        session = lib.openSession(slot, P.CKF_RW_SESSION)
        session.login(request["so_pin"], P.CKU_SO)
        session.initPin(request["pin"])
        session.logout()
        session.login(request["pin"])
        for label, key_id in KEY_IDS.items():
            public_key = _generate(session, label, request["key_type"])
            cert = card_certificate(ca_key, ca_cert, public_key, request["ssin"], request["holder"], label)
            _store_certificate(session, label, key_id, cert)
        _store_certificate(session, CA_LABEL, b"\x04", ca_cert)
        session.logout()
        session.closeSession()
    finally:
        lib.unload()


if __name__ == "__main__":
    try:
        _build_token(json.loads(sys.stdin.read()))
    except Exception as exc:  # the parent turns this line into eid.token_failed
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
