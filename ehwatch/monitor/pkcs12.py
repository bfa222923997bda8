"""The PKCS#12 codec: reads every entry of a keystore, and writes keystores Java opens.

``cryptography.load_pkcs12`` returns a single private key, but an eHealth keystore holds the
``authentication`` key plus ETK keys under decimal serial aliases, and CA certificates as trusted
entries. So asn1crypto walks the structure and cryptography does the crypto. The reader verifies
the MAC first (a wrong password is told apart from a broken file), understands PBES2 (Java 9+),
PKCS#12 3DES and RC2-40 (Java legacy, ``openssl -legacy``). The writer is ``pkcs12_writer``
(the legacy protection the official tools write, or AES, as the old keystore was).
"""
from __future__ import annotations

import hashlib
import hmac
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from asn1crypto import algos, core, keys, parser, pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4, TripleDES
from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from ehwatch.errors import EhwatchError
from ehwatch.monitor import rc2
from ehwatch.monitor.kdf import pkcs12_kdf, pkcs12_kdf_raw

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
    from cryptography.hazmat.primitives.ciphers import BlockCipherAlgorithm

# Java's "trusted certificate" bag attribute: a set of key purposes (anyExtendedKeyUsage).
JAVA_TRUSTED_OID = "2.16.840.1.113894.746875.1.1"
ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0"
WRITE_ITERATIONS = 10000  # what Java 17 writes
MAX_ITERATIONS = 2_000_000  # a hostile file must not pin the CPU for minutes (real files: 2048-100000)
# Total key-derivation work per file, in hash rounds (iterations x output blocks, every derivation
# of the file counted). Real keystores need 10 000 - 600 000; this is a few seconds of CPU at most.
MAX_WORK_PER_FILE = 6_000_000


class WrongPassword(EhwatchError):
    """The MAC (or the decryption) says the password does not open this keystore."""

    exit_code = 2

    def __init__(self, **params: object) -> None:
        super().__init__("monitor.wrong_password", **params)


class NotAKeystore(EhwatchError):
    """Not a PKCS#12 file, or one damaged beyond reading."""

    exit_code = 2

    def __init__(self, **params: object) -> None:
        super().__init__("monitor.not_a_keystore", **params)


class TooCostly(EhwatchError):
    """A keystore whose key derivations, summed, would cost more than MAX_WORK_PER_FILE."""

    exit_code = 2

    def __init__(self, work: int, limit: int = MAX_WORK_PER_FILE):
        super().__init__("monitor.too_costly", work=work, limit=limit)


class _WorkMeter:
    """Counts the hash rounds spent on one file and stops before the cap is passed."""

    def __init__(self, limit: int = MAX_WORK_PER_FILE):
        self.limit, self.spent = limit, 0

    def spend(self, rounds: int) -> None:
        if self.spent + rounds > self.limit:
            raise TooCostly(self.spent + rounds, self.limit)
        self.spent += rounds


def _blocks(size: int, digest_size: int) -> int:
    return max(1, -(-size // digest_size))


@dataclass
class KeyEntry:
    alias: str                      # as stored (Java lower-cases); compare case-insensitively
    private_key: PrivateKeyTypes | None  # cryptography private key object (None when not decrypted)
    chain: list[bytes]              # DER certificates, leaf first
    local_key_id: bytes | None = None


@dataclass
class TrustedEntry:
    alias: str
    certificate: bytes              # DER


@dataclass
class KeystoreContent:
    keys: list[KeyEntry] = field(default_factory=list)
    trusted: list[TrustedEntry] = field(default_factory=list)
    scheme: str = ""
    certificates: list[bytes] = field(default_factory=list)   # every certificate of the file (read only)

    @property
    def protection(self) -> str:
        """"legacy" (3DES/RC2-40, the official tool's) or "aes" (PBES2): how a renewal writes the next one."""
        from ehwatch.monitor.pkcs12_writer import protection_of

        return protection_of(self.scheme)

    def key(self, alias: str) -> KeyEntry | None:
        wanted = alias.lower()
        return next((k for k in self.keys if k.alias.lower() == wanted), None)


# ---------------------------------------------------------------- certificates, defensively

def load_certificate(der: bytes) -> x509.Certificate | None:
    """cryptography's view of a certificate, or None when it refuses it (serial 0 in the future)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return x509.load_der_x509_certificate(der)
    except Exception:
        return None


def asn1_certificate(der: bytes) -> asn1_x509.Certificate:
    """asn1crypto's view: lenient, never refuses a serial-0 placeholder."""
    return asn1_x509.Certificate.load(der)


# ---------------------------------------------------------------- key derivation and ciphers

_DIGEST_NAMES = {"sha1": "sha1", "sha224": "sha224", "sha256": "sha256", "sha384": "sha384", "sha512": "sha512"}
_PBKDF2_HASHES: dict[str, Callable[[], hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256, "sha384": hashes.SHA384,
    "sha512": hashes.SHA512}
_PKCS12_PBE = {  # name: (cipher, key bytes, effective bits for RC2)
    "pkcs12_sha1_tripledes_3key": ("3des", 24, None),
    "pkcs12_sha1_tripledes_2key": ("3des", 16, None),
    "pkcs12_sha1_rc2_40": ("rc2", 5, 40),
    "pkcs12_sha1_rc2_128": ("rc2", 16, 128),
    "pkcs12_sha1_rc4_128": ("rc4", 16, None),
    "pkcs12_sha1_rc4_40": ("rc4", 5, None),
}
_SCHEME_NAMES = {
    "pkcs12_sha1_tripledes_3key": "3DES", "pkcs12_sha1_tripledes_2key": "2-key 3DES",
    "pkcs12_sha1_rc2_40": "RC2-40", "pkcs12_sha1_rc2_128": "RC2-128",
    "pkcs12_sha1_rc4_128": "RC4-128", "pkcs12_sha1_rc4_40": "RC4-40",
}


def _check_iterations(count: int) -> int:
    if count < 1 or count > MAX_ITERATIONS:
        raise NotAKeystore(detail="iterations")
    return count


def _unpad(data: bytes, block: int) -> bytes:
    unpadder = padding.PKCS7(block * 8).unpadder()
    return unpadder.update(data) + unpadder.finalize()


def _block_decrypt(algorithm: BlockCipherAlgorithm, iv: bytes, data: bytes) -> bytes:
    decryptor = Cipher(algorithm, modes.CBC(iv)).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def _work_of(alg: algos.EncryptionAlgorithm) -> int:
    """Hash rounds the decryption of one safe or key bag will cost (0 for an algorithm we do not run)."""
    name = alg["algorithm"].native
    if name == "pbes2":
        params = alg["parameters"]
        kdf_params = params["key_derivation_func"]["parameters"]
        cipher_name = params["encryption_scheme"]["algorithm"].native
        key_size = {"aes128_cbc": 16, "aes192_cbc": 24, "aes256_cbc": 32, "tripledes_3key": 24}.get(cipher_name, 32)
        prf = kdf_params["prf"]["algorithm"].native
        digest_size = getattr(hashlib, prf)().digest_size if prf in _PBKDF2_HASHES else 20
        return _check_iterations(kdf_params["iteration_count"].native) * _blocks(key_size, digest_size)
    if name in _PKCS12_PBE:
        _, key_size, _ = _PKCS12_PBE[name]
        iterations = _check_iterations(alg["parameters"]["iterations"].native)
        return iterations * (_blocks(key_size, 20) + 1)     # key, then IV (SHA-1 blocks)
    return 0


def _decrypt(alg: algos.EncryptionAlgorithm, password: str, data: bytes, meter: _WorkMeter | None = None) -> bytes:
    """Decrypts an encrypted safe (PBES2 or PKCS#12 PBE). Raises ValueError on bad padding."""
    (meter or _WorkMeter()).spend(_work_of(alg))
    name = alg["algorithm"].native
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if name == "pbes2":
            params = alg["parameters"]
            kdf = params["key_derivation_func"]
            if kdf["algorithm"].native != "pbkdf2":
                raise NotAKeystore(detail=kdf["algorithm"].native)
            kdf_params = kdf["parameters"]
            scheme = params["encryption_scheme"]
            cipher_name = scheme["algorithm"].native
            key_size = {"aes128_cbc": 16, "aes192_cbc": 24, "aes256_cbc": 32, "tripledes_3key": 24}.get(cipher_name)
            if key_size is None:
                raise NotAKeystore(detail=cipher_name)
            prf = kdf_params["prf"]["algorithm"].native
            if prf not in _PBKDF2_HASHES:
                raise NotAKeystore(detail=prf)
            key = PBKDF2HMAC(_PBKDF2_HASHES[prf](), key_size, kdf_params["salt"].native,
                             _check_iterations(kdf_params["iteration_count"].native)).derive(password.encode("utf-8"))
            iv = scheme["parameters"].native
            if cipher_name == "tripledes_3key":
                return _unpad(_block_decrypt(TripleDES(key), iv, data), 8)
            return _unpad(_block_decrypt(algorithms.AES(key), iv, data), 16)
        if name in _PKCS12_PBE:
            cipher, key_size, bits = _PKCS12_PBE[name]
            params = alg["parameters"]
            salt, count = params["salt"].native, _check_iterations(params["iterations"].native)
            key = pkcs12_kdf("sha1", password, salt, 1, count, key_size)
            if cipher == "rc4":
                decryptor = Cipher(ARC4(key), mode=None).decryptor()
                return decryptor.update(data) + decryptor.finalize()
            iv = pkcs12_kdf("sha1", password, salt, 2, count, 8)
            if cipher == "3des":
                return _unpad(_block_decrypt(TripleDES(key), iv, data), 8)
            if bits is None:  # every RC2 row of _PKCS12_PBE gives its effective bits
                raise NotAKeystore(detail=name)
            return _unpad(rc2.decrypt_cbc(key, bits, iv, data), 8)
    raise NotAKeystore(detail=name)


def describe_algorithm(alg: algos.EncryptionAlgorithm) -> str:
    """A short human name: 'PBES2 AES-256-CBC / PBKDF2-HMAC-SHA256', '3DES', 'RC2-40'."""
    name = alg["algorithm"].native
    if name == "pbes2":
        params = alg["parameters"]
        cipher = params["encryption_scheme"]["algorithm"].native
        cipher = {"aes128_cbc": "AES-128-CBC", "aes192_cbc": "AES-192-CBC", "aes256_cbc": "AES-256-CBC",
                  "tripledes_3key": "3DES-CBC"}.get(cipher, cipher)
        prf = params["key_derivation_func"]["parameters"]["prf"]["algorithm"].native
        return f"PBES2 {cipher} / PBKDF2-HMAC-{prf.upper()}"
    return _SCHEME_NAMES.get(name, str(name))  # an OID's native is its name or dotted form (a str)


def _combine_schemes(key_scheme: str | None, cert_scheme: str | None) -> str:
    parts = [s for s in (key_scheme, cert_scheme) if s]
    unique = list(dict.fromkeys(parts))
    if not unique:
        return "none"
    text = " + ".join(unique)
    if not text.startswith("PBES2"):
        text = "PKCS12 " + text
    return text


# ---------------------------------------------------------------- reading

def _outer_elements(data: bytes) -> list[tuple[int, int, int, bytes]]:
    """(class, method, tag, encoded bytes) of each element of the outer SEQUENCE, read with the DER
    parser itself: whether a MAC is *present* must not depend on whether it can be *read*."""
    cls, method, tag, _, contents, _ = parser.parse(data)
    if (cls, method, tag) != (0, 1, 16):
        raise ValueError("not a sequence")
    elements: list[tuple[int, int, int, bytes]] = []
    pos = 0
    while pos < len(contents):
        if len(elements) >= 3:
            raise ValueError("more than version, authSafe and macData")
        e_cls, e_method, e_tag, header, body, trailer = parser.parse(contents[pos:])
        encoded = header + body + trailer
        elements.append((e_cls, e_method, e_tag, encoded))
        pos += len(encoded)
    return elements


def _parse_pfx(data: bytes) -> pkcs12.Pfx:
    try:
        elements = _outer_elements(data)
        if len(elements) < 2 or elements[0][:3] != (0, 0, 2) or elements[1][:3] != (0, 1, 16):
            raise ValueError("version and authSafe expected")
        pfx = pkcs12.Pfx.load(data, strict=False)
        _ = pfx["version"].native  # force parsing of the outer structure
        len(pfx.authenticated_safe)
        pfx._ehwatch_mac = _mac_fields(elements[2]) if len(elements) == 3 else None
        return pfx
    except (NotAKeystore, TooCostly):
        raise
    except Exception:
        raise NotAKeystore(detail="structure") from None


def _mac_fields(element: tuple[int, int, int, bytes]) -> tuple[str, bytes, bytes, int]:
    """(digest name, expected digest, salt, iterations) of a present MAC; any damage is NotAKeystore.
    The digest algorithm's parameters are not read (keytool and OpenSSL ignore them too; the MAC
    itself still has to match)."""
    try:
        if element[:3] != (0, 1, 16):
            raise ValueError("macData is not a SEQUENCE")
        mac_data = pkcs12.MacData.load(element[3], strict=True)
        algorithm = mac_data["mac"]["digest_algorithm"]["algorithm"].native
        expected = mac_data["mac"]["digest"].native
        salt = mac_data["mac_salt"].native
        iterations = mac_data["iterations"].native
        if not isinstance(expected, bytes) or not isinstance(salt, bytes) or not isinstance(iterations, int):
            raise ValueError("macData fields")
    except Exception:
        raise NotAKeystore(detail="mac") from None
    hash_name = _DIGEST_NAMES.get(algorithm)
    if hash_name is None:
        raise NotAKeystore(detail=f"mac {algorithm}")
    if len(expected) != getattr(hashlib, hash_name)().digest_size:
        raise NotAKeystore(detail="mac digest")
    return hash_name, expected, salt, _check_iterations(iterations)


def _auth_safe_bytes(pfx: pkcs12.Pfx) -> bytes:
    content = pfx["auth_safe"]["content"]
    native = content.native
    if isinstance(native, bytes):
        return native
    contents: bytes = content.contents
    return contents


def _mac_candidates(password: str) -> list[str | None]:
    return [password] if password else [password, None]


def verify_mac(pfx: pkcs12.Pfx, password: str, meter: _WorkMeter | None = None) -> None:
    """Raises WrongPassword when the MAC does not match (the usual sign of a wrong password).

    A file without MAC is accepted (openssl -nomac writes them); a MAC that is present but damaged
    was refused by ``_parse_pfx`` already (damage, never "no MAC")."""
    mac = getattr(pfx, "_ehwatch_mac", None)
    if mac is None:
        return
    hash_name, expected, salt, iterations = mac
    size = getattr(hashlib, hash_name)().digest_size
    candidates = _mac_candidates(password)
    (meter or _WorkMeter()).spend(iterations * len(candidates))
    for candidate in candidates:
        if candidate is None:  # some writers treat an empty password as "no password" (no BMP terminator)
            key = pkcs12_kdf_raw(hash_name, b"", salt, 3, iterations, size)
        else:
            key = pkcs12_kdf(hash_name, candidate, salt, 3, iterations, size)
        if hmac.compare_digest(hmac.new(key, _auth_safe_bytes(pfx), hash_name).digest(), expected):
            return
    raise WrongPassword()


def declared_work(data: bytes, decrypt_keys: bool = False, password: str = "x") -> int:
    """Hash rounds a full read would cost, as far as the file declares it without a password: the
    MAC, every encrypted safe, and the key bags in plain safes (keys inside encrypted safes are
    counted as they are found)."""
    pfx = _parse_pfx(data)
    try:
        work = 0
        mac = getattr(pfx, "_ehwatch_mac", None)
        if mac is not None:
            work += mac[3] * len(_mac_candidates(password))
        for content_info in pfx.authenticated_safe:
            content_type = content_info["content_type"].native
            if content_type == "encrypted_data":
                work += _work_of(content_info["content"]["encrypted_content_info"]["content_encryption_algorithm"])
            elif content_type == "data" and decrypt_keys:
                bags: list[_Bag] = []
                _collect_bags(pkcs12.SafeContents.load(content_info["content"].native), bags)
                work += sum(_work_of(b.value["encryption_algorithm"]) for b in bags
                            if isinstance(b.value, keys.EncryptedPrivateKeyInfo))
        return work
    except (NotAKeystore, TooCostly):
        raise
    except Exception:
        raise NotAKeystore(detail="structure") from None


@dataclass
class _Bag:
    kind: str                  # "key" | "cert"
    value: object              # EncryptedPrivateKeyInfo / PrivateKeyInfo / DER bytes
    alias: str | None
    local_key_id: bytes | None
    trusted: bool

    @property
    def der(self) -> bytes:
        """A certificate bag's DER (``_collect_bags`` gives every "cert" bag its bytes)."""
        if not isinstance(self.value, bytes):
            raise NotAKeystore(detail="certificate bag")
        return self.value


def _bag_attributes(bag: pkcs12.SafeBag) -> tuple[str | None, bytes | None, bool]:
    alias, local_id, trusted = None, None, False
    attrs = bag["bag_attributes"]
    if attrs.native is None:
        return alias, local_id, trusted
    for attr in attrs:
        oid = attr["type"].dotted
        try:
            values = attr["values"]
            if oid == "1.2.840.113549.1.9.20" and len(values):
                alias = values[0].native
            elif oid == "1.2.840.113549.1.9.21" and len(values):
                local_id = values[0].native
            elif oid == JAVA_TRUSTED_OID:
                trusted = True
        except Exception:
            continue
    return alias, local_id, trusted


def _bag_value(bag: pkcs12.SafeBag, spec: type[core.Asn1Value]) -> core.Asn1Value:
    """The bag's value as a plain (untagged) ``spec`` object: its dump() must be the bare DER."""
    value = bag["bag_value"]
    if isinstance(value, core.Any):
        value = value.parse(spec)
    return spec.load(value.untag().dump())


def _certificate_der(cert_bag: pkcs12.CertBag) -> bytes:
    return bytes(cert_bag["cert_value"])


def _collect_bags(safe_contents: pkcs12.SafeContents, out: list[_Bag], depth: int = 0) -> None:
    for bag in safe_contents:
        bag_id = bag["bag_id"].native
        alias, local_id, trusted = _bag_attributes(bag)
        if bag_id == "pkcs8_shrouded_key_bag":
            out.append(_Bag("key", _bag_value(bag, keys.EncryptedPrivateKeyInfo), alias, local_id, trusted))
        elif bag_id == "key_bag":
            out.append(_Bag("key", _bag_value(bag, keys.PrivateKeyInfo), alias, local_id, trusted))
        elif bag_id == "cert_bag":
            cert_bag = _bag_value(bag, pkcs12.CertBag)
            if cert_bag["cert_id"].native == "x509":
                out.append(_Bag("cert", _certificate_der(cert_bag), alias, local_id, trusted))
        elif bag_id == "safe_contents" and depth < 4:
            _collect_bags(_bag_value(bag, pkcs12.SafeContents), out, depth + 1)


def _walk(pfx: pkcs12.Pfx, password: str | None,
          meter: _WorkMeter | None = None) -> tuple[list[_Bag], str | None, str | None]:
    """All bags; encrypted safes are decrypted when a password is given, skipped otherwise."""
    bags: list[_Bag] = []
    cert_scheme = None
    for content_info in pfx.authenticated_safe:
        content_type = content_info["content_type"].native
        if content_type == "data":
            _collect_bags(pkcs12.SafeContents.load(content_info["content"].native), bags)
        elif content_type == "encrypted_data":
            if password is None:
                continue
            info = content_info["content"]["encrypted_content_info"]
            alg = info["content_encryption_algorithm"]
            cert_scheme = describe_algorithm(alg)
            try:
                plain = _decrypt(alg, password, info["encrypted_content"].native, meter)
                decrypted: list[_Bag] = []
                _collect_bags(pkcs12.SafeContents.load(plain), decrypted)
            except (NotAKeystore, TooCostly):
                raise
            except Exception:  # bad padding, or garbage that happened to pad well (files without MAC)
                raise WrongPassword() from None
            bags += decrypted
        else:
            raise NotAKeystore(detail=content_type)
    key_scheme = None
    for bag in bags:
        if bag.kind == "key" and isinstance(bag.value, keys.EncryptedPrivateKeyInfo):
            key_scheme = describe_algorithm(bag.value["encryption_algorithm"])
            break
    return bags, key_scheme, cert_scheme


def _name_key(cert: asn1_x509.Certificate, which: str) -> bytes:
    dumped: bytes = cert["tbs_certificate"][which].dump()
    return dumped


def _build_chain(leaf: bytes, pool: list[bytes]) -> list[bytes]:
    """Leaf first, then issuers found in the file (matched by DN), stopping at a self-signed one."""
    chain = [leaf]
    parsed = {der: asn1_certificate(der) for der in pool}
    current = asn1_certificate(leaf)
    seen = {leaf}
    while _name_key(current, "issuer") != _name_key(current, "subject"):
        issuer = next((der for der, c in parsed.items()
                       if der not in seen and _name_key(c, "subject") == _name_key(current, "issuer")), None)
        if issuer is None:
            break
        chain.append(issuer)
        seen.add(issuer)
        current = parsed[issuer]
    return chain


def _load_private_key(value: core.Asn1Value, password: str, meter: _WorkMeter | None = None,
                      validate: bool = True) -> PrivateKeyTypes:
    """Decrypts a key bag with the same code as the certificate safes (so an empty password works
    too), then lets cryptography parse the plain PKCS#8. ``validate=False`` skips the RSA consistency
    check (40 ms a key): enough for comparing the public half with a certificate, as the scan does."""
    try:
        if isinstance(value, keys.EncryptedPrivateKeyInfo):
            plain = _decrypt(value["encryption_algorithm"], password, value["encrypted_data"].native, meter)
        else:
            plain = value.dump()
    except ValueError:
        raise WrongPassword() from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return serialization.load_der_private_key(plain, None, unsafe_skip_rsa_key_validation=not validate)
        except (ValueError, TypeError):  # garbage out of a lucky padding: still a wrong password
            raise WrongPassword() from None
        except Exception:
            raise NotAKeystore(detail="key") from None


def read_keystore(data: bytes, password: str, decrypt_keys: bool = True,
                  decrypt_only: str | None = None) -> KeystoreContent:
    """Every entry of the keystore. Verifies the MAC first.

    ``decrypt_keys=False`` leaves ``private_key`` as None: the scan needs only the public facts and
    skips one PBKDF2 per key entry (``decrypt_only="authentication"`` still decrypts that one, to
    check that the certificate belongs to it). Raises only WrongPassword, NotAKeystore or TooCostly:
    any other decoding error of the file is NotAKeystore; the total key-derivation work is capped
    (MAX_WORK_PER_FILE) before any derivation where the file declares it, and while reading.
    """
    try:
        return _read_keystore(data, password, decrypt_keys, decrypt_only)
    except (NotAKeystore, WrongPassword, TooCostly):
        raise
    except Exception:
        raise NotAKeystore(detail="decoding") from None


def _read_keystore(data: bytes, password: str, decrypt_keys: bool, decrypt_only: str | None) -> KeystoreContent:
    pfx = _parse_pfx(data)
    declared = declared_work(data, decrypt_keys, password)
    if declared > MAX_WORK_PER_FILE:
        raise TooCostly(declared)
    meter = _WorkMeter()
    verify_mac(pfx, password, meter)
    try:
        bags, key_scheme, cert_scheme = _walk(pfx, password, meter)
    except (NotAKeystore, WrongPassword, TooCostly):
        raise
    except Exception:
        raise NotAKeystore(detail="bags") from None
    certs = [b for b in bags if b.kind == "cert"]
    pool: list[bytes] = [b.der for b in certs]
    content = KeystoreContent(scheme=_combine_schemes(key_scheme, cert_scheme))
    used_leaves: set[bytes] = set()
    wanted = decrypt_only.lower() if decrypt_only else None
    for bag in (b for b in bags if b.kind == "key"):
        leaf = next((c.der for c in certs if bag.local_key_id is not None and c.local_key_id == bag.local_key_id),
                    None)
        decrypt = decrypt_keys or (wanted is not None and (bag.alias or "").lower() == wanted)
        private_key = _load_private_key(bag.value, password, meter, validate=decrypt_keys) if decrypt else None
        if leaf is None and private_key is not None:
            leaf = _match_by_public_key(private_key, [c.der for c in certs if c.der not in used_leaves])
        chain = _build_chain(leaf, pool) if leaf is not None else []
        if leaf is not None:
            used_leaves.add(leaf)
        content.keys.append(KeyEntry(alias=bag.alias or "", private_key=private_key, chain=chain,
                                     local_key_id=bag.local_key_id))
    for bag in certs:  # as keytool sees it: only Java's trusted-cert attribute makes a trusted entry
        if bag.trusted:
            content.trusted.append(TrustedEntry(alias=bag.alias or "", certificate=bag.der))
    content.certificates = pool
    return content


def _match_by_public_key(private_key: PrivateKeyTypes, candidates: list[bytes]) -> bytes | None:
    wanted = private_key.public_key().public_bytes(serialization.Encoding.DER,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo)
    for der in candidates:
        try:
            if asn1_certificate(der)["tbs_certificate"]["subject_public_key_info"].dump() == wanted:
                return der
        except Exception:
            continue
    return None


def list_aliases(data: bytes) -> list[str]:
    """Key-entry aliases readable without the password (Java keeps key bags in a plain safe)."""
    try:
        pfx = _parse_pfx(data)
        bags, _, _ = _walk(pfx, None)
    except Exception:
        return []
    return [b.alias for b in bags if b.alias is not None]


# ---------------------------------------------------------------- writing (pkcs12_writer.py)

def write_keystore(content: KeystoreContent, password: str, protection: str | None = None) -> bytes:
    """The writer lives in ``pkcs12_writer`` (legacy or AES protection, the leaf trusted too)."""
    from ehwatch.monitor import pkcs12_writer

    return pkcs12_writer.write_keystore(content, password, protection or pkcs12_writer.DEFAULT_PROTECTION)
