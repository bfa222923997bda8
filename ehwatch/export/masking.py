"""Hiding national numbers (SSIN) in what leaves the computer: metrics labels, the calendar file."""
from __future__ import annotations

import re

KEEP_DIGITS = 4
_SSIN = re.compile(r"(SSIN=)(\d+)", re.IGNORECASE)


def _mask(match: re.Match) -> str:
    digits = match.group(2)
    kept = min(KEEP_DIGITS, max(len(digits) - 1, 0))
    return match.group(1) + "*" * (len(digits) - kept) + digits[len(digits) - kept:]


def mask_ssin(text: str) -> str:
    """``SSIN=75040404976 20140616-090423.p12`` → ``SSIN=*******4976 20140616-090423.p12``: the last
    digits tell a practice's doctors apart; the birth date and the rest of the number are gone.
    Other identifiers (NIHII, CBE: public numbers of a profession or an organisation) stay."""
    return _SSIN.sub(_mask, text) if "=" in text else text
