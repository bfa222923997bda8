"""What the sandbox remembers: certificate requests, issued certificates, ETKs, requests received.

One SQLite file in the sandbox folder (not the user's ehwatch state), opened through
``ehwatch.store.Store`` so it gets the same WAL, transactions and migrations. A restarted sandbox
therefore still knows every pending request and every certificate it issued, which is what lets a
renewal started yesterday complete today.
"""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from ehwatch.store import Store

STATE_FILE = "sandbox.sqlite3"
FIRST_REQUEST_NUMBER = 114420  # continue the numbering seen in the seed mails

# Authentication certificate statuses (certra core CertificateStatusType)
IN_PROGRESS, VALID_ACTIVE, REFUSED, REVOKED, EXPIRED = "IN_PROGRESS", "VALID_ACTIVE", "REFUSED", "REVOKED", "EXPIRED"
# ETK statuses (certra core ETKStatusType)
NOT_REQUESTED, IN_REQUEST, WAIT_FOR_ACTIVATION = "NOT_REQUESTED", "IN_REQUEST", "WAIT_FOR_ACTIVATION"

MIGRATIONS = [
    """
    CREATE TABLE certificates (
        pki TEXT PRIMARY KEY,
        request_number INTEGER NOT NULL UNIQUE,
        identifier TEXT NOT NULL,
        application_id TEXT NOT NULL DEFAULT '',
        holder TEXT NOT NULL,
        csr_der BLOB,
        public_key_der BLOB NOT NULL,
        environment TEXT NOT NULL,
        status TEXT NOT NULL,
        requested_at REAL NOT NULL,
        produce_at REAL NOT NULL,
        produced_at REAL,
        cert_der BLOB,
        replaces TEXT,
        email_private TEXT NOT NULL DEFAULT '',
        email_general TEXT NOT NULL DEFAULT '',
        phone_private TEXT NOT NULL DEFAULT '',
        phone_general TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX certificates_identifier ON certificates(identifier, application_id);
    CREATE TABLE etks (
        serial TEXT PRIMARY KEY,
        auth_pki TEXT NOT NULL REFERENCES certificates(pki),
        identifier TEXT NOT NULL,
        application_id TEXT NOT NULL DEFAULT '',
        public_key_der BLOB NOT NULL,
        cert_der BLOB,
        status TEXT NOT NULL,
        created_at REAL NOT NULL,
        activated_at REAL
    );
    CREATE INDEX etks_identifier ON etks(identifier, application_id);
    CREATE TABLE requests (
        id INTEGER PRIMARY KEY,
        operation TEXT NOT NULL,
        request_id TEXT NOT NULL DEFAULT '',
        received_at REAL NOT NULL,
        outcome TEXT NOT NULL
    );
    CREATE TABLE mails (
        id INTEGER PRIMARY KEY,
        request_number INTEGER NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        delivered_at REAL NOT NULL,
        outcome TEXT NOT NULL
    )
    """,
    # the contracts handed out (the CSR must name the DN of one of them), the base services each
    # certificate carries, and the refusals a tester told the platform to answer
    """
    CREATE TABLE contracts (
        id INTEGER PRIMARY KEY,
        dn TEXT NOT NULL,
        name_der BLOB NOT NULL,
        signer_ssin TEXT NOT NULL,
        identifier TEXT NOT NULL,
        application_id TEXT NOT NULL DEFAULT '',
        text_sha256 TEXT NOT NULL,
        issued_at REAL NOT NULL
    );
    CREATE INDEX contracts_dn ON contracts(dn, signer_ssin);
    ALTER TABLE certificates ADD COLUMN base_services TEXT NOT NULL DEFAULT '';
    CREATE TABLE refusals (
        id INTEGER PRIMARY KEY,
        operation TEXT NOT NULL DEFAULT '*',
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        remaining INTEGER
    )
    """,
    # revocation contracts handed out (Revoke must bring one back unchanged, signed by its signer)
    """
    CREATE TABLE revocation_contracts (
        id INTEGER PRIMARY KEY,
        pki TEXT NOT NULL,
        signer_ssin TEXT NOT NULL,
        reason TEXT NOT NULL,
        contract_sha256 TEXT NOT NULL,
        issued_at REAL NOT NULL
    );
    ALTER TABLE certificates ADD COLUMN revoked_at REAL;
    ALTER TABLE certificates ADD COLUMN revocation_reason TEXT
    """,
]


class SandboxState:
    """The sandbox's tables. Every write is one transaction; readers see the last commit."""

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / STATE_FILE
        self.store = Store(self.path)
        self.store.migrate("sandbox", MIGRATIONS)

    def close(self) -> None:
        self.store.close()

    # --- certificates -------------------------------------------------------------------------
    def add_certificate(self, *, pki: str, identifier: str, application_id: str, holder: str,
                        csr_der: bytes | None, public_key_der: bytes, environment: str, status: str,
                        requested_at: float, produce_at: float, cert_der: bytes | None = None,
                        produced_at: float | None = None, replaces: str | None = None,
                        contact: dict[str, str] | None = None, base_services: tuple[str, ...] = ()) -> int:
        """Records a request (or an already issued certificate); returns its request number."""
        contact = contact or {}
        with self.store.transaction() as db:
            row = db.execute("SELECT MAX(request_number) AS n FROM certificates").fetchone()
            number = (row["n"] or FIRST_REQUEST_NUMBER - 1) + 1
            db.execute(
                "INSERT INTO certificates(pki, request_number, identifier, application_id, holder, csr_der,"
                " public_key_der, environment, status, requested_at, produce_at, produced_at, cert_der, replaces,"
                " email_private, email_general, phone_private, phone_general, base_services)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (pki, number, identifier, application_id, holder, csr_der, public_key_der, environment,
                 status, requested_at, produce_at, produced_at, cert_der, replaces,
                 contact.get("email_private", ""), contact.get("email_general", ""),
                 contact.get("phone_private", ""), contact.get("phone_general", ""), " ".join(base_services)))
        return number

    def certificate(self, pki: str) -> sqlite3.Row | None:
        return self.store.db.execute("SELECT * FROM certificates WHERE pki = ?", (pki.lower(),)).fetchone()

    def active_certificates(self, identifier: str, application_id: str = "") -> list[sqlite3.Row]:
        """Issued certificates of that DN still marked active, newest first."""
        return self.store.db.execute(
            "SELECT * FROM certificates WHERE identifier = ? AND application_id = ? AND status = ?"
            " ORDER BY produced_at DESC", (identifier, application_id, VALID_ACTIVE)).fetchall()

    def pending_certificates(self, identifier: str, application_id: str = "") -> list[sqlite3.Row]:
        return self.store.db.execute(
            "SELECT * FROM certificates WHERE identifier = ? AND application_id = ? AND status = ?",
            (identifier, application_id, IN_PROGRESS)).fetchall()

    def due_requests(self, now: float) -> list[sqlite3.Row]:
        return self.store.db.execute(
            "SELECT * FROM certificates WHERE status = ? AND produce_at <= ? ORDER BY produce_at",
            (IN_PROGRESS, now)).fetchall()

    def mark_produced(self, pki: str, cert_der: bytes, produced_at: float) -> bool:
        """False when another thread produced it first (each certificate is produced once)."""
        with self.store.transaction() as db:
            cur = db.execute("UPDATE certificates SET status = ?, cert_der = ?, produced_at = ?"
                             " WHERE pki = ? AND status = ?", (VALID_ACTIVE, cert_der, produced_at, pki, IN_PROGRESS))
            return cur.rowcount == 1

    def set_certificate_status(self, pki: str, status: str) -> None:
        with self.store.transaction() as db:
            db.execute("UPDATE certificates SET status = ? WHERE pki = ?", (status, pki))

    # --- ETKs ---------------------------------------------------------------------------------
    def add_etk(self, *, serial: int, auth_pki: str, identifier: str, application_id: str,
                public_key_der: bytes, status: str, cert_der: bytes | None = None) -> None:
        now = time.time()
        with self.store.transaction() as db:
            db.execute("INSERT INTO etks(serial, auth_pki, identifier, application_id, public_key_der, cert_der,"
                       " status, created_at, activated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                       (str(serial), auth_pki, identifier, application_id, public_key_der, cert_der, status, now,
                        now if status == VALID_ACTIVE else None))

    def etk(self, serial: int) -> sqlite3.Row | None:
        return self.store.db.execute("SELECT * FROM etks WHERE serial = ?", (str(serial),)).fetchone()

    def etks_of_certificate(self, auth_pki: str, status: str) -> list[sqlite3.Row]:
        return self.store.db.execute("SELECT * FROM etks WHERE auth_pki = ? AND status = ? ORDER BY created_at DESC",
                                     (auth_pki, status)).fetchall()

    def etks_of(self, identifier: str, application_id: str = "") -> list[sqlite3.Row]:
        """Every ETK of that identifier, newest first."""
        return self.store.db.execute(
            "SELECT * FROM etks WHERE identifier = ? AND application_id = ? ORDER BY created_at DESC",
            (identifier, application_id)).fetchall()

    def registered_etk(self, serial: int, cert_der: bytes) -> None:
        with self.store.transaction() as db:
            db.execute("UPDATE etks SET cert_der = ?, status = ? WHERE serial = ?",
                       (cert_der, WAIT_FOR_ACTIVATION, str(serial)))

    def activate_etk(self, serial: int) -> None:
        """Activates one ETK and deactivates (REVOKED) every other active ETK of the same identifier."""
        with self.store.transaction() as db:
            row = db.execute("SELECT identifier, application_id FROM etks WHERE serial = ?", (str(serial),)).fetchone()
            db.execute("UPDATE etks SET status = ? WHERE identifier = ? AND application_id = ? AND status = ?",
                       (REVOKED, row["identifier"], row["application_id"], VALID_ACTIVE))
            db.execute("UPDATE etks SET status = ?, activated_at = ? WHERE serial = ?",
                       (VALID_ACTIVE, time.time(), str(serial)))

    # --- contracts ----------------------------------------------------------------------------
    def add_contract(self, *, dn: str, name_der: bytes, signer_ssin: str, identifier: str, application_id: str,
                     text_sha256: str) -> None:
        with self.store.transaction() as db:
            db.execute("INSERT INTO contracts(dn, name_der, signer_ssin, identifier, application_id, text_sha256,"
                       " issued_at) VALUES (?,?,?,?,?,?,?)",
                       (dn, name_der, signer_ssin, identifier, application_id, text_sha256, time.time()))

    def contract(self, dn: str, signer_ssin: str, text_sha256: str) -> sqlite3.Row | None:
        """The newest contract issued with that DN, to that signer, with that text."""
        return self.store.db.execute(
            "SELECT * FROM contracts WHERE dn = ? AND signer_ssin = ? AND text_sha256 = ? ORDER BY id DESC",
            (dn, signer_ssin, text_sha256)).fetchone()

    def add_revocation_contract(self, *, pki: str, signer_ssin: str, reason: str, contract_sha256: str) -> None:
        with self.store.transaction() as db:
            db.execute("INSERT INTO revocation_contracts(pki, signer_ssin, reason, contract_sha256, issued_at)"
                       " VALUES (?,?,?,?,?)", (pki, signer_ssin, reason, contract_sha256, time.time()))

    def revocation_contract(self, pki: str, signer_ssin: str, contract_sha256: str) -> sqlite3.Row | None:
        return self.store.db.execute(
            "SELECT * FROM revocation_contracts WHERE pki = ? AND signer_ssin = ? AND contract_sha256 = ?"
            " ORDER BY id DESC", (pki, signer_ssin, contract_sha256)).fetchone()

    def revoke(self, pki: str, reason: str) -> bool:
        """The certificate and its ETKs revoked (once: False when it was not valid any more)."""
        with self.store.transaction() as db:
            cur = db.execute("UPDATE certificates SET status = ?, revoked_at = ?, revocation_reason = ?"
                             " WHERE pki = ? AND status = ?", (REVOKED, time.time(), reason, pki, VALID_ACTIVE))
            if cur.rowcount != 1:
                return False
            db.execute("UPDATE etks SET status = ? WHERE auth_pki = ?", (REVOKED, pki))
        return True

    def certificates_of(self, identifiers: list[str]) -> list[sqlite3.Row]:
        """Every certificate (any status) of these identifiers, newest first."""
        if not identifiers:
            return []
        marks = ",".join("?" * len(identifiers))
        return self.store.db.execute(f"SELECT * FROM certificates WHERE identifier IN ({marks})"
                                     " ORDER BY requested_at DESC", tuple(identifiers)).fetchall()

    # --- refusals told by a tester --------------------------------------------------------------
    def add_refusal(self, code: str, message: str, operation: str = "*", times: int | None = None) -> None:
        with self.store.transaction() as db:
            db.execute("INSERT INTO refusals(operation, code, message, remaining) VALUES (?,?,?,?)",
                       (operation or "*", code, message, times))

    def clear_refusals(self) -> None:
        with self.store.transaction() as db:
            db.execute("DELETE FROM refusals")

    def take_refusal(self, operation: str) -> sqlite3.Row | None:
        """The refusal to answer ``operation`` now (counting it down), or None."""
        with self.store.transaction() as db:
            row = db.execute("SELECT * FROM refusals WHERE operation IN (?, '*') AND (remaining IS NULL OR"
                             " remaining > 0) ORDER BY operation = '*', id LIMIT 1", (operation,)).fetchone()
            if row is not None and row["remaining"] is not None:
                db.execute("UPDATE refusals SET remaining = remaining - 1 WHERE id = ?", (row["id"],))
            return row

    # --- requests and mails -------------------------------------------------------------------
    def record_request(self, operation: str, request_id: str, outcome: str) -> None:
        with self.store.transaction() as db:
            db.execute("INSERT INTO requests(operation, request_id, received_at, outcome) VALUES (?,?,?,?)",
                       (operation, request_id, time.time(), outcome))

    def requests_received(self, operation: str | None = None) -> int:
        if operation is None:
            return self.store.db.execute("SELECT COUNT(*) FROM requests").fetchone()[0]
        return self.store.db.execute("SELECT COUNT(*) FROM requests WHERE operation = ?",
                                     (operation,)).fetchone()[0]

    def outcomes(self, operation: str | None = None) -> list[str]:
        query, args = "SELECT outcome FROM requests", ()
        if operation is not None:
            query, args = query + " WHERE operation = ?", (operation,)
        return [row[0] for row in self.store.db.execute(query + " ORDER BY id", args).fetchall()]

    def record_mail(self, request_number: int, kind: str, subject: str, outcome: str) -> None:
        with self.store.transaction() as db:
            db.execute("INSERT INTO mails(request_number, kind, subject, delivered_at, outcome) VALUES (?,?,?,?,?)",
                       (request_number, kind, subject, time.time(), outcome))

    def mails(self) -> list[sqlite3.Row]:
        return self.store.db.execute("SELECT * FROM mails ORDER BY id").fetchall()
