"""RC2-CBC decryption (RFC 2268) with any effective key length.

Legacy PKCS#12 files (Java legacy, ``openssl -legacy``) encrypt their certificates with RC2-40.
``cryptography`` only offers RC2 with 128-bit keys and no effective-bits parameter, so the few
lines of the cipher live here. Decryption only: ehwatch never writes RC2.
"""
from __future__ import annotations

PITABLE = bytes.fromhex(
    "d978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2"
    "179a59f587b34f1361456d8d09817d32bd8f40eb86b77b0bf09521225c6b4e82"
    "54d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb626"
    "6fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed7"
    "08e8eade8052eef784aa72ac354d6a2a961ad2715a1549744b9fd05e0418a4ec"
    "c2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731"
    "2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a9"
    "0d38341bab33ffb0bb480c5fb9b1cd2ec5f3db47e5a59c770aa62068fe7fc1ad"
)


def expand_key(key: bytes, effective_bits: int) -> list[int]:
    """The 64 16-bit subkeys of RFC 2268 §2."""
    t = len(key)
    t8 = (effective_bits + 7) // 8
    tm = 0xFF >> (8 * t8 - effective_bits)
    buf = list(key) + [0] * (128 - t)
    for i in range(t, 128):
        buf[i] = PITABLE[(buf[i - 1] + buf[i - t]) & 0xFF]
    buf[128 - t8] = PITABLE[buf[128 - t8] & tm]
    for i in range(127 - t8, -1, -1):
        buf[i] = PITABLE[buf[i + 1] ^ buf[i + t8]]
    return [buf[2 * i] | (buf[2 * i + 1] << 8) for i in range(64)]


def _ror(x: int, n: int) -> int:
    return ((x >> n) | (x << (16 - n))) & 0xFFFF


def _decrypt_block(block: bytes, k: list[int]) -> bytes:
    r = [block[0] | block[1] << 8, block[2] | block[3] << 8, block[4] | block[5] << 8, block[6] | block[7] << 8]
    j = 63

    def unmix() -> None:
        nonlocal j
        r[3] = (_ror(r[3], 5) - k[j] - (r[2] & r[1]) - ((~r[2]) & r[0])) & 0xFFFF
        r[2] = (_ror(r[2], 3) - k[j - 1] - (r[1] & r[0]) - ((~r[1]) & r[3])) & 0xFFFF
        r[1] = (_ror(r[1], 2) - k[j - 2] - (r[0] & r[3]) - ((~r[0]) & r[2])) & 0xFFFF
        r[0] = (_ror(r[0], 1) - k[j - 3] - (r[3] & r[2]) - ((~r[3]) & r[1])) & 0xFFFF
        j -= 4

    def unmash() -> None:
        r[3] = (r[3] - k[r[2] & 63]) & 0xFFFF
        r[2] = (r[2] - k[r[1] & 63]) & 0xFFFF
        r[1] = (r[1] - k[r[0] & 63]) & 0xFFFF
        r[0] = (r[0] - k[r[3] & 63]) & 0xFFFF

    for _ in range(5):
        unmix()
    unmash()
    for _ in range(6):
        unmix()
    unmash()
    for _ in range(5):
        unmix()
    return bytes(b for w in r for b in (w & 0xFF, w >> 8))


def decrypt_ecb_block(key: bytes, effective_bits: int, block: bytes) -> bytes:
    """One block, for the RFC 2268 test vectors."""
    return _decrypt_block(block, expand_key(key, effective_bits))


def decrypt_cbc(key: bytes, effective_bits: int, iv: bytes, data: bytes) -> bytes:
    """Decrypts and returns the padded plaintext (the caller checks and removes the padding)."""
    if len(data) % 8 or not data:
        raise ValueError("RC2 ciphertext is not a whole number of blocks")
    k = expand_key(key, effective_bits)
    out = bytearray()
    prev = iv
    for i in range(0, len(data), 8):
        block = data[i:i + 8]
        plain = _decrypt_block(block, k)
        out += bytes(a ^ b for a, b in zip(plain, prev))
        prev = block
    return bytes(out)
