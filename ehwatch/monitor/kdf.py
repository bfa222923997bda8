"""The PKCS#12 key derivation (RFC 7292 appendix B.2), fast when the system's OpenSSL is there.

Every keystore's MAC key comes from it (10 000 hash rounds in a Java 17 file, 100 000 in a legacy
one). ``cryptography`` does not expose it, and in pure Python it is half the cost of a cold scan.
So the system libcrypto's ``PKCS12_key_gen_uni`` is used when it can be loaded and agrees with the
Python version on a known input; otherwise (Windows without OpenSSL, a strange build) Python does it.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import logging
import threading

log = logging.getLogger(__name__)


def bmp_password(password: str) -> bytes:
    """The password as PKCS#12 wants it: UTF-16BE with a two-byte terminator."""
    return password.encode("utf-16-be") + b"\x00\x00"


def python_kdf(hash_name: str, pw: bytes, salt: bytes, purpose: int, iterations: int, size: int) -> bytes:
    """Pure-Python reference (purpose 1: key, 2: IV, 3: MAC key); ``pw`` already BMP-encoded."""
    digest = getattr(hashlib, hash_name)
    u: int = digest().digest_size
    v: int = digest().block_size

    def stretch(data: bytes) -> bytes:
        if not data:
            return b""
        n = v * ((len(data) + v - 1) // v)
        return (data * (n // len(data) + 1))[:n]

    i_blocks = bytearray(stretch(salt) + stretch(pw))
    d = bytes([purpose]) * v
    out = b""
    while True:
        a: bytes = digest(d + bytes(i_blocks)).digest()
        for _ in range(iterations - 1):
            a = digest(a).digest()
        out += a
        if len(out) >= size:
            return out[:size]
        b = int.from_bytes((a * (v // u + 1))[:v], "big")
        for j in range(0, len(i_blocks), v):
            value = (int.from_bytes(i_blocks[j:j + v], "big") + b + 1) % (1 << (8 * v))
            i_blocks[j:j + v] = value.to_bytes(v, "big")


class _LibCrypto:
    def __init__(self, lib: ctypes.CDLL) -> None:
        self.gen = lib.PKCS12_key_gen_uni
        self.gen.restype = ctypes.c_int
        self.gen.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_int,
                             ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p]
        self.digest_by_name = lib.EVP_get_digestbyname
        self.digest_by_name.restype = ctypes.c_void_p
        self.digest_by_name.argtypes = [ctypes.c_char_p]

    def kdf(self, hash_name: str, pw: bytes, salt: bytes, purpose: int, iterations: int, size: int) -> bytes:
        md = self.digest_by_name(hash_name.encode())
        if not md:
            raise ValueError(hash_name)
        out = ctypes.create_string_buffer(size)
        if self.gen(pw, len(pw), salt, len(salt), purpose, iterations, size, out, md) != 1:
            raise ValueError("PKCS12_key_gen_uni failed")
        return out.raw


_lock = threading.Lock()
_native: _LibCrypto | None = None
_probed = False


def _load_native() -> _LibCrypto | None:
    global _native, _probed
    with _lock:
        if _probed:
            return _native
        _probed = True
        try:
            name = ctypes.util.find_library("crypto")
            if not name:
                return None
            candidate = _LibCrypto(ctypes.CDLL(name))
            probe = ("sha256", bmp_password("ehwatch-probe"), b"0123456789abcdef", 3, 7, 32)
            if candidate.kdf(*probe) == python_kdf(*probe) and \
                    candidate.kdf("sha1", b"", b"salt", 1, 3, 24) == python_kdf("sha1", b"", b"salt", 1, 3, 24):
                _native = candidate
        except (OSError, AttributeError, ValueError) as exc:
            log.debug("system libcrypto not usable for the PKCS#12 KDF: %s", exc)
        return _native


def pkcs12_kdf_raw(hash_name: str, pw: bytes, salt: bytes, purpose: int, iterations: int, size: int) -> bytes:
    native = _load_native()
    if native is not None:
        try:
            return native.kdf(hash_name, pw, salt, purpose, iterations, size)
        except ValueError:
            pass
    return python_kdf(hash_name, pw, salt, purpose, iterations, size)


def pkcs12_kdf(hash_name: str, password: str, salt: bytes, purpose: int, iterations: int, size: int) -> bytes:
    """The derived bytes for a text password."""
    return pkcs12_kdf_raw(hash_name, bmp_password(password), salt, purpose, iterations, size)
