"""The embedded state store: one SQLite file in the user data folder.

Each concern owns its tables and their migrations (a list of SQL scripts, applied in order and
remembered in ``schema_versions``), so the scan cache, the mail watermarks, the notifications and
the renewal lifecycles evolve independently. Nothing secret is ever stored here.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from ehwatch import paths
from ehwatch.errors import EhwatchError


def _private_file(path: Path) -> None:
    """Creates the state file 0600 before SQLite opens it (SQLite gives its -wal and -shm files the
    database file's mode), and makes an existing one 0600 again."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            if candidate.exists() and (candidate.stat().st_mode & 0o077):
                os.chmod(candidate, 0o600)
        except OSError:
            pass


class Store:
    """A thread-safe handle on the state file. Use ``with store.transaction() as db:`` to write."""

    def __init__(self, path: Path | None = None):
        self.path = path or paths.state_db()
        self._local = threading.local()
        self._migrated: set[str] = set()
        self._lock = threading.Lock()
        try:
            paths.ensure_private_dir(self.path.parent)
            _private_file(self.path)
            self._connect()
        except OSError as exc:
            raise EhwatchError("store.unavailable", file=str(self.path), detail=exc.strerror) from None
        except sqlite3.Error as exc:
            raise EhwatchError("store.unavailable", file=str(self.path), detail=str(exc)) from None

    def _connect(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)"
            )
            self._local.conn = conn
        return conn

    @property
    def db(self) -> sqlite3.Connection:
        return self._connect()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT: writers never interleave, a crash leaves the last commit intact."""
        conn = self._connect()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def migrate(self, component: str, migrations: list[str]) -> None:
        """Applies the migrations of ``component`` not applied yet (idempotent, cheap when done)."""
        if component in self._migrated:
            return
        with self._lock:
            with self.transaction() as conn:
                row = conn.execute("SELECT version FROM schema_versions WHERE component = ?", (component,)).fetchone()
                version = row["version"] if row else 0
                if version > len(migrations):
                    raise EhwatchError("store.unavailable", file=str(self.path),
                                       detail=f"{component} schema {version} is newer than this ehwatch")
                for number, script in enumerate(migrations[version:], start=version + 1):
                    for statement in script.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    conn.execute(
                        "INSERT INTO schema_versions(component, version) VALUES (?, ?) "
                        "ON CONFLICT(component) DO UPDATE SET version = excluded.version",
                        (component, number),
                    )
            self._migrated.add(component)

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
