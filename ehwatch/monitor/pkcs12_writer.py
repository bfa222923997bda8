"""The PKCS#12 writer: keystores every reader of the old one opens.

Two protections, chosen per file (``write_keystore(content, password, protection=…)``):

* ``LEGACY`` — what eHealth's connector and Certificate Manager write (BouncyCastle's default,
  facts §5): keys shrouded with pbeWithSHAAnd3-KeyTripleDES-CBC, certificates in a safe encrypted
  with pbeWithSHAAnd40BitRC2-CBC, SHA-1 MAC. .NET/Mono's ``X509Certificate2`` import, Java 8 and
  ``openssl pkcs12 -legacy`` all open it. The default for a brand-new keystore.
* ``AES`` — what Java 9+ writes (PBES2 AES-256-CBC with PBKDF2-HMAC-SHA256, SHA-256 MAC). Written
  when the keystore being renewed was AES: whatever reads it already copes with AES.

``protection_of(content)`` tells which one a keystore read by ``pkcs12.read_keystore`` has, so a
renewal writes the new keystore as the old one was. As the connector's ``KeyStoreManager`` does
(``addAuthenticationChain``), every certificate of the ``authentication`` chain — the leaf too — is
also stored as a trusted entry aliased by its RFC 2253 DN (lower-cased, as Java stores aliases).

Java refuses non-ASCII passwords with both protections (``PBEKey``: "Password is not ASCII"), so
such a password is refused here rather than producing a keystore the eHealth tools cannot open.
"""
from __future__ import annotations

import hashlib
import hmac
import os

from asn1crypto import algos, cms, core, keys, pkcs12
from cryptography import x509
from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from ehwatch.errors import EhwatchError
from ehwatch.monitor import names, rc2
from ehwatch.monitor.kdf import pkcs12_kdf
from ehwatch.monitor.pkcs12 import ANY_EXTENDED_KEY_USAGE, JAVA_TRUSTED_OID, KeystoreContent, TrustedEntry

LEGACY, AES = "legacy", "aes"
PROTECTIONS = (LEGACY, AES)
DEFAULT_PROTECTION = LEGACY
AES_ITERATIONS = 10000        # what Java 17 writes
LEGACY_ITERATIONS = 2048      # what OpenSSL's -legacy writes; any count opens in every reader
LEGACY_SALT_BYTES = 20        # BouncyCastle's salt size
AUTHENTICATION_ALIAS = "authentication"


def protection_of(content_or_scheme: KeystoreContent | str | None) -> str:
    """``LEGACY`` or ``AES`` for a keystore read by ``pkcs12.read_keystore`` (or its ``scheme``);
    ``DEFAULT_PROTECTION`` when the scheme says neither (an unencrypted file)."""
    scheme: str | None = (content_or_scheme if isinstance(content_or_scheme, str)
                          else getattr(content_or_scheme, "scheme", ""))
    scheme = scheme or ""
    if scheme.startswith("PBES2") and "AES" in scheme:
        return AES
    if scheme.startswith("PKCS12"):
        return LEGACY
    return DEFAULT_PROTECTION


# ---------------------------------------------------------------- RC2 encryption (RFC 2268)
def _rol(x: int, n: int) -> int:
    return ((x << n) | (x >> (16 - n))) & 0xFFFF


def _rc2_encrypt_block(block: bytes, k: list[int]) -> bytes:
    r = [block[0] | block[1] << 8, block[2] | block[3] << 8, block[4] | block[5] << 8, block[6] | block[7] << 8]
    j = 0

    def mix() -> None:
        nonlocal j
        r[0] = _rol((r[0] + k[j] + (r[3] & r[2]) + ((~r[3]) & r[1])) & 0xFFFF, 1)
        r[1] = _rol((r[1] + k[j + 1] + (r[0] & r[3]) + ((~r[0]) & r[2])) & 0xFFFF, 2)
        r[2] = _rol((r[2] + k[j + 2] + (r[1] & r[0]) + ((~r[1]) & r[3])) & 0xFFFF, 3)
        r[3] = _rol((r[3] + k[j + 3] + (r[2] & r[1]) + ((~r[2]) & r[0])) & 0xFFFF, 5)
        j += 4

    def mash() -> None:
        r[0] = (r[0] + k[r[3] & 63]) & 0xFFFF
        r[1] = (r[1] + k[r[0] & 63]) & 0xFFFF
        r[2] = (r[2] + k[r[1] & 63]) & 0xFFFF
        r[3] = (r[3] + k[r[2] & 63]) & 0xFFFF

    for _ in range(5):
        mix()
    mash()
    for _ in range(6):
        mix()
    mash()
    for _ in range(5):
        mix()
    return bytes(b for w in r for b in (w & 0xFF, w >> 8))


def rc2_encrypt_cbc(key: bytes, effective_bits: int, iv: bytes, plain: bytes) -> bytes:
    """RC2-CBC with PKCS#7 padding (the inverse of ``rc2.decrypt_cbc`` + unpadding)."""
    padder = padding.PKCS7(64).padder()
    data = padder.update(plain) + padder.finalize()
    k = rc2.expand_key(key, effective_bits)
    out, previous = bytearray(), iv
    for i in range(0, len(data), 8):
        block = bytes(a ^ b for a, b in zip(data[i:i + 8], previous))
        previous = _rc2_encrypt_block(block, k)
        out += previous
    return bytes(out)


# ---------------------------------------------------------------- the two protections
def _pbes2_encrypt(password: str, plain: bytes) -> tuple[algos.EncryptionAlgorithm, bytes]:
    salt, iv = os.urandom(16), os.urandom(16)
    key = PBKDF2HMAC(hashes.SHA256(), 32, salt, AES_ITERATIONS).derive(password.encode("utf-8"))
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plain) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    algorithm = algos.EncryptionAlgorithm({
        "algorithm": "pbes2",
        "parameters": algos.Pbes2Params({
            "key_derivation_func": algos.KdfAlgorithm({
                "algorithm": "pbkdf2",
                "parameters": algos.Pbkdf2Params({
                    "salt": algos.Pbkdf2Salt(name="specified", value=salt),
                    "iteration_count": AES_ITERATIONS, "key_length": 32,
                    "prf": algos.HmacAlgorithm({"algorithm": "sha256", "parameters": core.Null()}),
                }),
            }),
            "encryption_scheme": algos.EncryptionAlgorithm({"algorithm": "aes256_cbc", "parameters": iv}),
        }),
    })
    return algorithm, encryptor.update(padded) + encryptor.finalize()


def _pkcs12_pbe_encrypt(name: str, password: str, plain: bytes) -> tuple[algos.EncryptionAlgorithm, bytes]:
    """PKCS#12 v1 PBE (RFC 7292 appendix B): 3-key 3DES for keys, 40-bit RC2 for certificates."""
    salt = os.urandom(LEGACY_SALT_BYTES)
    iv = pkcs12_kdf("sha1", password, salt, 2, LEGACY_ITERATIONS, 8)
    if name == "pkcs12_sha1_tripledes_3key":
        key = pkcs12_kdf("sha1", password, salt, 1, LEGACY_ITERATIONS, 24)
        padder = padding.PKCS7(64).padder()
        encryptor = Cipher(TripleDES(key), modes.CBC(iv)).encryptor()
        encrypted = encryptor.update(padder.update(plain) + padder.finalize()) + encryptor.finalize()
    elif name == "pkcs12_sha1_rc2_40":
        key = pkcs12_kdf("sha1", password, salt, 1, LEGACY_ITERATIONS, 5)
        encrypted = rc2_encrypt_cbc(key, 40, iv, plain)
    else:
        raise ValueError(name)
    algorithm = algos.EncryptionAlgorithm({
        "algorithm": name, "parameters": algos.Pbes1Params({"salt": salt, "iterations": LEGACY_ITERATIONS})})
    return algorithm, encrypted


def _encrypt_key(protection: str, password: str, plain: bytes) -> tuple[algos.EncryptionAlgorithm, bytes]:
    if protection == AES:
        return _pbes2_encrypt(password, plain)
    return _pkcs12_pbe_encrypt("pkcs12_sha1_tripledes_3key", password, plain)


def _encrypt_certificates(protection: str, password: str, plain: bytes) -> tuple[algos.EncryptionAlgorithm, bytes]:
    if protection == AES:
        return _pbes2_encrypt(password, plain)
    return _pkcs12_pbe_encrypt("pkcs12_sha1_rc2_40", password, plain)


def _mac(protection: str, password: str, auth_safe: bytes) -> pkcs12.MacData:
    hash_name, size, iterations = ("sha256", 32, AES_ITERATIONS) if protection == AES else \
        ("sha1", 20, LEGACY_ITERATIONS)
    salt = os.urandom(20)
    key = pkcs12_kdf(hash_name, password, salt, 3, iterations, size)
    return pkcs12.MacData({
        "mac": algos.DigestInfo({"digest_algorithm": {"algorithm": hash_name, "parameters": core.Null()},
                                 "digest": hmac.new(key, auth_safe, hash_name).digest()}),
        "mac_salt": salt,
        "iterations": iterations,
    })


# ---------------------------------------------------------------- bags
def _attributes(alias: str | None, local_key_id: bytes | None, trusted: bool) -> pkcs12.Attributes:
    attrs = []
    if alias is not None:
        attrs.append(pkcs12.Attribute({"type": "friendly_name", "values": [alias]}))
    if local_key_id is not None:
        attrs.append(pkcs12.Attribute({"type": "local_key_id", "values": [local_key_id]}))
    if trusted:
        attrs.append(pkcs12.Attribute({"type": JAVA_TRUSTED_OID, "values": [ANY_EXTENDED_KEY_USAGE]}))
    return pkcs12.Attributes(attrs)


def _cert_bag(der: bytes, alias: str | None, local_key_id: bytes | None, trusted: bool) -> pkcs12.SafeBag:
    cert_bag = pkcs12.CertBag({"cert_id": "x509", "cert_value": core.ParsableOctetString(der)})
    return pkcs12.SafeBag({"bag_id": "cert_bag", "bag_value": cert_bag,
                           "bag_attributes": _attributes(alias, local_key_id, trusted)})


def trusted_alias(der: bytes) -> str:
    """A trusted entry's alias: the certificate's subject in RFC 2253 form, lower-cased."""
    return x509.load_der_x509_certificate(der).subject.rfc4514_string().lower()


def _authentication_chain_trusted(content: KeystoreContent) -> list[TrustedEntry]:
    """The trusted entries, plus every certificate of the authentication chain not yet trusted
    (the leaf included), as the connector's ``KeyStoreManager.addAuthenticationChain`` stores them.
    A pending keystore (the serial-0 placeholder) gets none: the placeholder is no one's certificate."""
    trusted = list(content.trusted)
    present = {t.certificate for t in trusted}
    entry = content.key(AUTHENTICATION_ALIAS)
    if entry is None or not entry.chain or names.is_placeholder(entry.chain[0]):
        return trusted
    for der in entry.chain:
        if der not in present:
            trusted.append(TrustedEntry(alias=trusted_alias(der), certificate=der))
            present.add(der)
    return trusted


def write_keystore(content: KeystoreContent, password: str, protection: str = DEFAULT_PROTECTION) -> bytes:
    """The keystore as bytes: key entries in a plain safe of shrouded key bags (their aliases stay
    listable without the password, as Java writes them), certificates in an encrypted safe, trusted
    entries with Java's trusted-certificate attribute, and the MAC."""
    if protection not in PROTECTIONS:
        raise ValueError(f"protection is {' or '.join(PROTECTIONS)}, not {protection!r}")
    if not password.isascii():
        raise EhwatchError("monitor.password_not_ascii")
    key_bags, cert_bags, written = [], [], set()
    for index, entry in enumerate(content.keys):
        local_id = entry.local_key_id or (hashlib.sha1(entry.chain[0]).digest() if entry.chain
                                          else f"ehwatch {index}".encode())
        if entry.private_key is None:  # read with decrypt_keys=False: there is no key to write back
            raise ValueError(f"key entry {entry.alias!r} has no decrypted private key to write")
        pkcs8 = entry.private_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                serialization.NoEncryption())
        algorithm, encrypted = _encrypt_key(protection, password, pkcs8)
        epki = keys.EncryptedPrivateKeyInfo({"encryption_algorithm": algorithm, "encrypted_data": encrypted})
        key_bags.append(pkcs12.SafeBag({"bag_id": "pkcs8_shrouded_key_bag", "bag_value": epki,
                                        "bag_attributes": _attributes(entry.alias, local_id, False)}))
        for position, der in enumerate(entry.chain):
            if position == 0:
                cert_bags.append(_cert_bag(der, entry.alias, local_id, False))
            elif der not in written:
                cert_bags.append(_cert_bag(der, None, None, False))
            written.add(der)
    for trusted in _authentication_chain_trusted(content):
        cert_bags.append(_cert_bag(trusted.certificate, trusted.alias, None, True))
    safes = []
    if key_bags:
        safes.append(cms.ContentInfo({"content_type": "data", "content": pkcs12.SafeContents(key_bags).dump()}))
    if cert_bags:
        algorithm, encrypted = _encrypt_certificates(protection, password, pkcs12.SafeContents(cert_bags).dump())
        safes.append(cms.ContentInfo({
            "content_type": "encrypted_data",
            "content": cms.EncryptedData({
                "version": "v0",
                "encrypted_content_info": cms.EncryptedContentInfo({
                    "content_type": "data", "content_encryption_algorithm": algorithm,
                    "encrypted_content": encrypted,
                }),
            }),
        }))
    auth_safe = pkcs12.AuthenticatedSafe(safes).dump()
    pfx = pkcs12.Pfx({
        "version": "v3",
        "auth_safe": cms.ContentInfo({"content_type": "data", "content": auth_safe}),
        "mac_data": _mac(protection, password, auth_safe),
    })
    dumped: bytes = pfx.dump()
    return dumped
