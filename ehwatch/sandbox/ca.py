"""The sandbox's own eHealth certificate authority: a root and a "sandbox eHealth issuing CA".

Built once with cryptography and kept as PEM files in the sandbox folder, so certificates issued
before a restart still chain to the same CA. It is a test CA: its keys are stored unencrypted
(readable by the owner only) because a dry run must start without asking for anything.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from ehwatch.fileutil import write_new_file
from ehwatch.paths import ensure_private_dir

CA_DIR = "ca"
ROOT_NAME = x509.Name([
    x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ehwatch sandbox"),
    x509.NameAttribute(NameOID.COMMON_NAME, "sandbox eHealth root CA"),
])
ISSUING_NAME = x509.Name([
    x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ehwatch sandbox"),
    x509.NameAttribute(NameOID.COMMON_NAME, "sandbox eHealth issuing CA"),
])
CA_YEARS = 20
AUTH_CERT_DAYS = 3 * 365  # eHealth authentication certificates live about three years


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class SandboxCA:
    root: x509.Certificate
    issuing: x509.Certificate
    issuing_key: rsa.RSAPrivateKey

    def chain_der(self) -> list[bytes]:
        """What GetCertificate appends after the leaf: the intermediates, without the root."""
        return [self.issuing.public_bytes(serialization.Encoding.DER)]

    def ca_certificates(self) -> list[x509.Certificate]:
        return [self.issuing, self.root]

    def issue_authentication(self, subject: x509.Name, public_key, not_before: dt.datetime,
                             not_after: dt.datetime) -> x509.Certificate:
        """An eHealth-like authentication certificate; its SKI is the CertRA PublicKeyIdentifier."""
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(self.issuing.subject)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before)
            .not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                         key_encipherment=True, data_encipherment=True, key_agreement=False,
                                         key_cert_sign=False, crl_sign=False, encipher_only=False,
                                         decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.issuing_key.public_key()),
                           critical=False)
        )
        return builder.sign(self.issuing_key, hashes.SHA256())


def _ca_certificate(name: x509.Name, key, issuer_name: x509.Name, issuer_key, path_length: int) -> x509.Certificate:
    now = utcnow()
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=path_length), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(issuer_key, hashes.SHA256())
    )


def _pem_key(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _pem_cert(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def create(data_dir: Path) -> SandboxCA:
    """Creates the CA files; refuses (FileExistsError) when a CA is already there."""
    folder = ensure_private_dir(Path(data_dir) / CA_DIR)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    issuing_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root = _ca_certificate(ROOT_NAME, root_key, ROOT_NAME, root_key, 1)
    issuing = _ca_certificate(ISSUING_NAME, issuing_key, ROOT_NAME, root_key, 0)
    write_new_file(folder / "root.pem", _pem_cert(root), mode=0o644)
    write_new_file(folder / "issuing.pem", _pem_cert(issuing), mode=0o644)
    write_new_file(folder / "issuing.key.pem", _pem_key(issuing_key))
    # The root key is not kept: nothing else is ever signed with it.
    return SandboxCA(root, issuing, issuing_key)


def eid_folder(data_dir: Path) -> Path:
    """Where the test eID lives: its CA (``token.eid_ca``) and the SoftHSM2 token."""
    return Path(data_dir) / "eid"


def exists(data_dir: Path) -> bool:
    return (Path(data_dir) / CA_DIR / "issuing.key.pem").exists()


def load(data_dir: Path) -> SandboxCA:
    folder = Path(data_dir) / CA_DIR
    root = x509.load_pem_x509_certificate((folder / "root.pem").read_bytes())
    issuing = x509.load_pem_x509_certificate((folder / "issuing.pem").read_bytes())
    key = serialization.load_pem_private_key((folder / "issuing.key.pem").read_bytes(), password=None)
    return SandboxCA(root, issuing, key)


def load_or_create(data_dir: Path) -> SandboxCA:
    return load(data_dir) if exists(data_dir) else create(data_dir)


def tls_files(data_dir: Path) -> tuple[Path, Path]:
    """A self-signed server certificate for 127.0.0.1/localhost, made once; (cert file, key file).

    The certificate file is what a client trusts (``cafile``): it is its own CA.
    """
    folder = ensure_private_dir(Path(data_dir) / "tls")
    cert_path, key_path = folder / "server.pem", folder / "server.key.pem"
    if cert_path.exists() and key_path.exists():
        return cert_path, key_path
    import ipaddress

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ehwatch sandbox")])
    now = utcnow()
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                    x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, hashes.SHA256())
    )
    for path in (cert_path, key_path):  # a half-written pair from a crash: start again
        if path.exists():
            os.unlink(path)
    write_new_file(key_path, _pem_key(key))
    write_new_file(cert_path, _pem_cert(cert), mode=0o644)
    return cert_path, key_path
