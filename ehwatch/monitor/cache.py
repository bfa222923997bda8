"""The scan cache: public facts of each keystore, so an hourly rescan pays no PBKDF2.

Rows are keyed by path and remember the file's identity (device, inode, size, mtime, ctime) and
the SHA-256 of its content: an unchanged identity is trusted without reading the file; a changed
identity with known content (a copy, a touch) is found by hash. Only what the certificate shows
publicly is stored (dates, DN facts, aliases) — never a key, a password or anything derived from one.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ehwatch.store import Store

# A keystore's public facts as the scanner stores them: a JSON object (its values are whatever JSON holds).
Facts = dict[str, Any]

MIGRATIONS = [
    "CREATE TABLE monitor_scan_cache ("
    " path TEXT PRIMARY KEY, dev INTEGER, ino INTEGER, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER,"
    " sha256 TEXT NOT NULL, facts TEXT NOT NULL, updated_at REAL NOT NULL);"
    "CREATE INDEX monitor_scan_cache_sha256 ON monitor_scan_cache(sha256)",
]


@dataclass(frozen=True)
class FileIdentity:
    dev: int
    ino: int
    size: int
    mtime_ns: int
    ctime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileIdentity:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@dataclass
class CachedFacts:
    identity: FileIdentity
    sha256: str
    facts: Facts


class ScanCache:
    def __init__(self, store: Store) -> None:
        self.store = store
        store.migrate("monitor", MIGRATIONS)
        self._rows: dict[str, CachedFacts] | None = None
        self._by_hash: dict[str, Facts] = {}

    def rows(self) -> dict[str, CachedFacts]:
        """Every cached row (a practice folder holds tens of files; a bench a thousand: one query)."""
        if self._rows is None:
            self._rows = {}
            for r in self.store.db.execute("SELECT path, dev, ino, size, mtime_ns, ctime_ns, sha256, facts "
                                           "FROM monitor_scan_cache"):
                try:
                    facts = json.loads(r["facts"])
                except ValueError:
                    continue
                self._rows[r["path"]] = CachedFacts(
                    FileIdentity(r["dev"], r["ino"], r["size"], r["mtime_ns"], r["ctime_ns"]), r["sha256"], facts)
                self._by_hash[r["sha256"]] = facts
        return self._rows

    def by_identity(self, path: str, identity: FileIdentity) -> Facts | None:
        row = self.rows().get(path)
        return row.facts if row is not None and row.identity == identity else None

    def last_facts(self, path: str) -> Facts | None:
        """What this path held when it was last read, whatever its identity now (a keystore whose
        password changed since keeps its certificate: its dates are still known)."""
        row = self.rows().get(path)
        return row.facts if row is not None else None

    def by_hash(self, sha256: str) -> Facts | None:
        self.rows()
        return self._by_hash.get(sha256)

    def save(self, entries: list[tuple[str, FileIdentity, str, Facts]]) -> None:
        """(path, identity, sha256, facts) rows, in one transaction."""
        if not entries:
            return
        now = time.time()
        with self.store.transaction() as db:
            db.executemany(
                "INSERT INTO monitor_scan_cache(path, dev, ino, size, mtime_ns, ctime_ns, sha256, facts, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET dev = excluded.dev,"
                " ino = excluded.ino, size = excluded.size, mtime_ns = excluded.mtime_ns,"
                " ctime_ns = excluded.ctime_ns, sha256 = excluded.sha256, facts = excluded.facts,"
                " updated_at = excluded.updated_at",
                [(path, i.dev, i.ino, i.size, i.mtime_ns, i.ctime_ns, sha, json.dumps(facts), now)
                 for path, i, sha, facts in entries])
        rows = self.rows()
        for path, identity, sha, facts in entries:
            rows[path] = CachedFacts(identity, sha, facts)
            self._by_hash[sha] = facts

    def forget(self, paths: list[str]) -> None:
        if not paths:
            return
        with self.store.transaction() as db:
            db.executemany("DELETE FROM monitor_scan_cache WHERE path = ?", [(p,) for p in paths])
        for path in paths:
            self.rows().pop(path, None)
