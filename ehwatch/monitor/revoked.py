"""Certificates revoked through ehwatch (issue 12): eHealth confirmed the revocation, so the keystore
holding that certificate is ``revoked`` in every listing, whatever its dates say.

A keystore's certificate is recognised by its serial number and its eHealth identifier (the facts
the scan already keeps; no key, no password). Written by ``actions/revoke.py`` when eHealth answered
Revoke with success (and again when GetCertificateInfoForAuthenticationCertificate says REVOKED);
read by the inventory. Kept apart from the status policy so the scan's own rules stay untouched.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ehwatch.monitor import status as policy

MIGRATIONS = [
    """
    CREATE TABLE revoked_certificates (
        public_key_identifier TEXT PRIMARY KEY,
        serial TEXT NOT NULL,
        identifier TEXT NOT NULL,
        reason TEXT NOT NULL,
        revoked_at TEXT NOT NULL,
        confirmed_by TEXT NOT NULL
    );
    CREATE INDEX revoked_serial ON revoked_certificates(serial, identifier)
    """,
]


def _ready(store: Any) -> None:
    store.migrate("revocation", MIGRATIONS)


def record(store: Any, *, public_key_identifier: str, serial: str, identifier: str, reason: str,
           confirmed_by: str) -> None:
    """eHealth confirmed (``confirmed_by``: the operation that said so) that this certificate is revoked."""
    _ready(store)
    with store.transaction() as db:
        db.execute("INSERT OR IGNORE INTO revoked_certificates(public_key_identifier, serial, identifier, reason,"
                   " revoked_at, confirmed_by) VALUES (?,?,?,?,?,?)",
                   (public_key_identifier.lower(), str(serial), identifier.upper(), reason,
                    dt.datetime.now(dt.UTC).isoformat(), confirmed_by))


def known(store: Any) -> set[tuple[str, str]]:
    """(serial, IDENTIFIER) of every certificate revoked."""
    _ready(store)
    return {(row[0], row[1]) for row in store.db.execute("SELECT serial, identifier FROM revoked_certificates")}


def is_revoked(store: Any, public_key_identifier: str) -> bool:
    _ready(store)
    return store.db.execute("SELECT 1 FROM revoked_certificates WHERE public_key_identifier = ?",
                            (public_key_identifier.lower(),)).fetchone() is not None


def mark(records: list[Any], store: Any) -> None:
    """Every record whose certificate was revoked becomes ``revoked`` (before ``superseded`` is
    decided: a revoked certificate never replaces another)."""
    revoked = known(store)
    if not revoked:
        return
    for record in records:
        serial = getattr(record, "serial", None)
        if serial and record.identifier and (str(serial), record.identifier.upper()) in revoked:
            record.status = policy.REVOKED
            record.problem, record.problem_params = "monitor.problem.revoked", {}
