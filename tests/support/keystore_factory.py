"""Real eHealth-like keystores for tests, made at run time with keytool and openssl.

Plain functions any test can import (``from tests.support.keystore_factory import make_ehealth_keystore``).
Certificates are built with ``cryptography`` (a fake "ZetesConfidens"-style CA chain, the
authentication certificate with the eHealth DN, self-issued ETK certificates under decimal serials,
the serial-0 ``C=Dummy`` placeholder of a pending request); the keystore itself is assembled by the
tool the format demands, so the files are what Java or OpenSSL really write:

- ``fmt="java17"``: keytool's default (PBES2 AES-256, SHA-256 MAC);
- ``fmt="java-legacy"``: keytool with ``-J-Dkeystore.pkcs12.legacy`` (3DES keys, RC2-40 certificates);
- ``fmt="openssl-legacy"``: ``openssl pkcs12 -export -legacy`` (one key only: ETK entries are dropped).

keytool costs ~0.5-1.5 s per call (one call per keystore): build once per session and copy, e.g. with ``cached_ehealth_keystore`` (same arguments, built once per process, copied).

    make_ehealth_keystore(folder, identifier="SSIN=75040404976", holder="MARIE DUBOIS",
                          days_valid=400, password="ehealth-test", fmt="java17", etk_count=1,
                          pending=False, environment="production") -> Path
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import shutil
import subprocess
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from ehwatch.monitor import names

DEFAULT_PASSWORD = "ehealth-test"
VALIDITY_DAYS = 3 * 365
UTC = dt.UTC


@functools.cache
def _cached_rsa_key(slot: str) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(65537, 2048)


def new_key(reuse: str | None = None) -> rsa.RSAPrivateKey:
    """An RSA-2048 key; ``reuse="name"`` returns the same key per name in this process (fast fixtures)."""
    return _cached_rsa_key(reuse) if reuse else rsa.generate_private_key(65537, 2048)


@dataclass
class CaChain:
    root_key: rsa.RSAPrivateKey
    root: x509.Certificate
    issuing_key: rsa.RSAPrivateKey
    issuing: x509.Certificate

    @property
    def certificates(self) -> list[x509.Certificate]:
        """Issuing CA first, then the root (chain order under a leaf)."""
        return [self.issuing, self.root]


def _ca_name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ZETES SA (test)"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _ca_cert(subject, issuer, public_key, signer, serial, path_len) -> x509.Certificate:
    now = dt.datetime.now(UTC)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
            .serial_number(serial).not_valid_before(now - dt.timedelta(days=3650))
            .not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=path_len), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .sign(signer, hashes.SHA256()))


@functools.cache
def make_ca_chain(environment: str = "production") -> CaChain:
    """A root and an issuing CA (cached per process and environment)."""
    prefix = "UAT " if environment == names.ACCEPTANCE else ""
    root_key, issuing_key = new_key(f"root-{environment}"), new_key(f"issuing-{environment}")
    root_name = _ca_name(f"{prefix}ZetesConfidens Private Trust PKI - root CA 001")
    issuing_name = _ca_name(f"{prefix}ZetesConfidens Private Trust PKI - eHealth issuing CA 001")
    root = _ca_cert(root_name, root_name, root_key.public_key(), root_key, 1001, 1)
    issuing = _ca_cert(issuing_name, root_name, issuing_key.public_key(), root_key, 1002, 0)
    return CaChain(root_key, root, issuing_key, issuing)


def split_identifier(identifier: str) -> tuple[str, str]:
    type_, _, id_ = identifier.partition("=")
    return type_, id_


def make_authentication_certificate(key, identifier: str, holder: str, ca: CaChain, not_before: dt.datetime,
                                    not_after: dt.datetime, application: str | None = None) -> x509.Certificate:
    type_, id_ = split_identifier(identifier)
    subject = names.build_subject(type_, id_, holder, application)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(ca.issuing.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(not_before).not_valid_after(not_after)
            .add_extension(x509.KeyUsage(True, False, True, False, False, False, False, False, False), critical=True)
            .sign(ca.issuing_key, hashes.SHA256()))


def make_etk_certificate(auth_cert: x509.Certificate, auth_key, etk_key, serial: int) -> x509.Certificate:
    """Self-issued by the authentication certificate: same subject and validity, the given serial."""
    return (x509.CertificateBuilder().subject_name(auth_cert.subject).issuer_name(auth_cert.subject)
            .public_key(etk_key.public_key()).serial_number(serial)
            .not_valid_before(auth_cert.not_valid_before_utc).not_valid_after(auth_cert.not_valid_after_utc)
            .add_extension(x509.KeyUsage(False, False, True, True, False, False, False, False, False), critical=True)
            .sign(auth_key, hashes.SHA256()))


def make_placeholder_certificate_der(key, now: dt.datetime | None = None) -> bytes:
    """The pending request's stand-in: subject=issuer C=Dummy, serial 0, valid one minute from
    yesterday. Built with asn1crypto: cryptography refuses both C=Dummy and serial 0."""
    now = now or dt.datetime.now(UTC)
    start = (now - dt.timedelta(days=1)).replace(microsecond=0)
    dummy = asn1_x509.Name.build({"country_name": "Dummy"})
    spki = asn1_keys.PublicKeyInfo.load(key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo))
    tbs = asn1_x509.TbsCertificate({
        "version": "v3", "serial_number": 0, "signature": {"algorithm": "sha256_rsa"},
        "issuer": dummy, "subject": dummy,
        "validity": {"not_before": asn1_x509.Time(name="utc_time", value=start),
                     "not_after": asn1_x509.Time(name="utc_time", value=start + dt.timedelta(minutes=1))},
        "subject_public_key_info": spki,
        "extensions": [{"extn_id": "key_usage", "critical": True,
                        "extn_value": asn1_x509.KeyUsage({"key_encipherment", "data_encipherment"})}],
    })
    signature = key.sign(tbs.dump(), padding.PKCS1v15(), hashes.SHA256())
    return asn1_x509.Certificate({"tbs_certificate": tbs, "signature_algorithm": {"algorithm": "sha256_rsa"},
                                  "signature_value": signature}).dump()


def _load(der: bytes) -> x509.Certificate:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return x509.load_der_x509_certificate(der)


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _keytool(*args: str, legacy: bool, password: str) -> None:
    tool = shutil.which("keytool")
    if not tool:
        raise RuntimeError("keytool is not installed")
    cmd = [tool] + (["-J-Dkeystore.pkcs12.legacy"] if legacy else []) + list(args)
    env = dict(os.environ, KS_PASS=password)
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(f"keytool failed: {' '.join(args[:2])}\n{proc.stdout}\n{proc.stderr}")


@dataclass
class KeyMaterial:
    """What went into a fixture keystore, for assertions."""
    auth_key: object
    auth_cert_der: bytes
    chain: list[x509.Certificate]
    etk: list[tuple[int, object, x509.Certificate]]   # (serial, key, certificate)


def assemble_with_keytool(out: Path, material: KeyMaterial, password: str, legacy: bool) -> Path:
    """One ``keytool -importkeystore`` into a fresh PKCS#12 file (legacy algorithms when asked): Java
    rewrites every entry itself, so the result is exactly what Java writes. The source holding all
    entries (key entries, CAs as trusted entries under their RFC 2253 DN) is made with ehwatch's
    writer, whose own output is checked against keytool in tests/monitor."""
    from ehwatch.monitor import pkcs12

    der = serialization.Encoding.DER
    keys = [pkcs12.KeyEntry("authentication", material.auth_key,
                            [material.auth_cert_der] + [c.public_bytes(der) for c in material.chain])]
    keys += [pkcs12.KeyEntry(str(serial), key, [cert.public_bytes(der)]) for serial, key, cert in material.etk]
    trusted = [pkcs12.TrustedEntry(c.subject.rfc4514_string(), c.public_bytes(der)) for c in material.chain]
    with tempfile.TemporaryDirectory(prefix="ksfactory-") as tmp:
        src = Path(tmp) / "all.p12"
        src.write_bytes(pkcs12.write_keystore(pkcs12.KeystoreContent(keys, trusted), password))
        _keytool("-importkeystore", "-noprompt", "-srckeystore", str(src), "-srcstoretype", "PKCS12",
                 "-srcstorepass:env", "KS_PASS", "-destkeystore", str(out), "-deststoretype", "PKCS12",
                 "-deststorepass:env", "KS_PASS", legacy=legacy, password=password)
    return out


def assemble_with_openssl(out: Path, material: KeyMaterial, password: str) -> Path:
    """``openssl pkcs12 -export -legacy``: the authentication key, its chain, CA friendly names."""
    tool = shutil.which("openssl")
    if not tool:
        raise RuntimeError("openssl is not installed")
    with tempfile.TemporaryDirectory(prefix="ksfactory-") as tmp:
        tmp_dir = Path(tmp)
        key_pem = tmp_dir / "key.pem"
        key_pem.write_bytes(material.auth_key.private_bytes(serialization.Encoding.PEM,
                                                            serialization.PrivateFormat.PKCS8,
                                                            serialization.NoEncryption()))
        cert_pem = tmp_dir / "cert.pem"
        cert_pem.write_bytes(_pem(_load(material.auth_cert_der)))
        cmd = [tool, "pkcs12", "-export", "-legacy", "-inkey", str(key_pem), "-in", str(cert_pem),
               "-name", "authentication", "-out", str(out), "-passout", "env:KS_PASS"]
        if material.chain:
            chain_pem = tmp_dir / "chain.pem"
            chain_pem.write_bytes(b"".join(_pem(c) for c in material.chain))
            cmd += ["-certfile", str(chain_pem)]
            for cert in material.chain:
                cmd += ["-caname", cert.subject.rfc4514_string()]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, KS_PASS=password),
                              timeout=60)
        if proc.returncode != 0:
            raise RuntimeError(f"openssl pkcs12 failed:\n{proc.stderr}")
    return out


def make_material(identifier: str = "SSIN=75040404976", holder: str = "MARIE DUBOIS", days_valid: int = 400,
                  etk_count: int = 1, pending: bool = False, environment: str = names.PRODUCTION,
                  application: str | None = None, now: dt.datetime | None = None,
                  fast_keys: bool = True) -> KeyMaterial:
    """The keys and certificates of one keystore. ``days_valid``: days from now to notAfter (negative:
    already expired); the certificate is valid 3 years. ``fast_keys`` reuses RSA keys per role."""
    now = now or dt.datetime.now(UTC)
    tag = f"{identifier}-{application}-{environment}-{days_valid}"
    auth_key = new_key(f"auth-{tag}-{pending}") if fast_keys else new_key()
    if pending:
        return KeyMaterial(auth_key, make_placeholder_certificate_der(auth_key, now), [], [])
    ca = make_ca_chain(environment)
    not_after = (now + dt.timedelta(days=days_valid)).replace(microsecond=0)
    not_before = not_after - dt.timedelta(days=VALIDITY_DAYS)
    auth = make_authentication_certificate(auth_key, identifier, holder, ca, not_before, not_after, application)
    etks = []
    for index in range(etk_count):
        serial = int.from_bytes(hashlib.sha256(f"{tag}-etk{index}".encode()).digest()[:16], "big") >> 1
        etk_key = new_key(f"etk-{tag}-{index}") if fast_keys else new_key()
        etks.append((serial, etk_key, make_etk_certificate(auth, auth_key, etk_key, serial)))
    return KeyMaterial(auth_key, auth.public_bytes(serialization.Encoding.DER), ca.certificates, etks)


def make_ehealth_keystore(folder: Path, identifier: str = "SSIN=75040404976", holder: str = "MARIE DUBOIS",
                          days_valid: int = 400, password: str = DEFAULT_PASSWORD, fmt: str = "java17",
                          etk_count: int = 1, pending: bool = False, environment: str = names.PRODUCTION,
                          application: str | None = None, requested_at: dt.datetime | None = None,
                          filename: str | None = None, side_files: bool = False) -> Path:
    """Writes one keystore into ``folder`` and returns its path.

    The file name follows eHealth's pattern with the request date ``requested_at`` (default: the day
    before notBefore, or now for a pending request) unless ``filename`` is given. ``side_files``
    adds ``.ehcsr`` and ``.reqid`` files with the same base name.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(UTC)
    material = make_material(identifier, holder, days_valid, etk_count, pending, environment, application, now)
    if requested_at is None:
        requested_at = now if pending else (now + dt.timedelta(days=days_valid - VALIDITY_DAYS - 1))
    type_, id_ = split_identifier(identifier)
    name = filename or names.keystore_filename(type_, id_, application, requested_at, environment)
    out = folder / name
    if out.exists():
        raise FileExistsError(out)
    if fmt == "java17":
        assemble_with_keytool(out, material, password, legacy=False)
    elif fmt == "java-legacy":
        assemble_with_keytool(out, material, password, legacy=True)
    elif fmt == "openssl-legacy":
        assemble_with_openssl(out, material, password)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    if side_files:
        add_side_files(out)
    return out


def add_side_files(keystore: Path) -> list[Path]:
    """``<base>.ehcsr`` and ``<base>.reqid`` beside a keystore (content format is not public)."""
    base = keystore.name
    for suffix in (".acc-p12", ".p12"):
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
            break
    csr = keystore.parent / f"{base}.ehcsr"
    reqid = keystore.parent / f"{base}.reqid"
    csr.write_bytes(b"-----BEGIN CERTIFICATE REQUEST-----\nMIIB (test)\n-----END CERTIFICATE REQUEST-----\n")
    reqid.write_text("114419\n")
    return [csr, reqid]


def add_junk(folder: Path) -> list[Path]:
    """Files a real keystore folder holds that are not keystores."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "desktop.ini": "[.ShellClassInfo]\nIconResource=C:\\Windows\\System32\\shell32.dll,4\n",
        "revokeRequest_114419.ehrr": "revocation request (test)\n",
        "notes.txt": "mot de passe: dans le coffre\n",
        "Thumbs.db": "\x00\x01junk",
    }
    out = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text)
        out.append(path)
    return out


_CACHE_DIR: Path | None = None


def cached_ehealth_keystore(folder: Path, **kwargs) -> Path:
    """Like ``make_ehealth_keystore`` but built once per process for the same arguments, then copied
    into ``folder`` (the file name is kept unless ``filename`` is given)."""
    global _CACHE_DIR
    if _CACHE_DIR is None:
        _CACHE_DIR = Path(tempfile.mkdtemp(prefix="ksfactory-cache-"))
    key = hashlib.sha256(repr(sorted(kwargs.items())).encode()).hexdigest()[:16]
    slot = _CACHE_DIR / key
    if not slot.exists():
        slot.mkdir()
        try:
            make_ehealth_keystore(slot, **kwargs)
        except BaseException:
            shutil.rmtree(slot, ignore_errors=True)
            raise
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    copied = []
    for item in sorted(slot.iterdir()):
        shutil.copy2(item, folder / item.name)
        copied.append(folder / item.name)
    return next(p for p in copied if names.is_keystore_name(p.name))
