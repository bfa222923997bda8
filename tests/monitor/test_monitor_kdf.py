"""The PKCS#12 KDF: the system libcrypto (when present) and the pure-Python version agree."""
from __future__ import annotations

import ctypes.util

import pytest

from ehwatch.monitor import kdf


@pytest.mark.parametrize("hash_name", ["sha1", "sha256", "sha512"])
def test_native_and_python_agree(hash_name):
    for password in ("", "ehealth-test", "mot de passe été"):
        for salt in (b"", b"\x01" * 8, b"salt" * 17):
            for purpose, size in ((1, 24), (2, 8), (3, 32), (1, 100)):
                expected = kdf.python_kdf(hash_name, kdf.bmp_password(password), salt, purpose, 25, size)
                assert kdf.pkcs12_kdf(hash_name, password, salt, purpose, 25, size) == expected


def test_libcrypto_is_used_where_installed():
    if not ctypes.util.find_library("crypto"):
        pytest.skip("no system libcrypto: the pure-Python KDF is used")
    assert kdf._load_native() is not None
