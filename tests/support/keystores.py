"""The keystores the monitor tests use, each built once per test session (keytool is slow) and
copied into each test's folder with ``place``."""
from __future__ import annotations

from pathlib import Path

from tests.support.keystore_factory import DEFAULT_PASSWORD, cached_ehealth_keystore
from tests.support.tools import need_tool

PASSWORD = DEFAULT_PASSWORD

SPECS = {
    # a doctor's current keystore: two ETKs (after a renewal), side files
    "valid": dict(identifier="SSIN=75040404976", holder="Marie Dubois", days_valid=400, etk_count=2,
                  side_files=True),
    "java-legacy": dict(identifier="SSIN=82010112345", holder="Jean Peeters", days_valid=300, fmt="java-legacy"),
    "openssl-legacy": dict(identifier="NIHII=10203040", holder="Cabinet Médical", days_valid=500,
                           fmt="openssl-legacy"),
    "expiring": dict(identifier="SSIN=65030355555", holder="Luc Janssens", days_valid=10, etk_count=0),
    "expired": dict(identifier="SSIN=70111100011", holder="Anne Martin", days_valid=-5, etk_count=0),
    "pending": dict(identifier="SSIN=90020200022", pending=True),
    "acceptance": dict(identifier="CBE=0123456789", holder="Test Software", application="ROUTINGAPP",
                       days_valid=200, etk_count=1, environment="acceptance"),
    # the same doctor twice: last cycle's keystore (expiring) and this cycle's (valid)
    "old": dict(identifier="SSIN=55121212121", holder="Paul Leroy", days_valid=15, etk_count=0),
    "new": dict(identifier="SSIN=55121212121", holder="Paul Leroy", days_valid=1000, etk_count=0),
}


def place(folder: Path, *names: str) -> dict[str, Path]:
    """Copies the named fixtures into ``folder``; returns name -> path of the keystore."""
    need_tool("keytool")
    need_tool("openssl")
    return {name: cached_ehealth_keystore(folder, **SPECS[name]) for name in names}
