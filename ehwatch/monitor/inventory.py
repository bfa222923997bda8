"""The keystore inventory: every keystore of the configured folders, with its facts and its status.

``scan(core)`` is what ``ehwatch status`` and the daemon call. It reads each file once, trusts the
cache for files whose identity or content it already knows, asks the keyring for the passwords of
the others, decrypts them (in worker processes when there are several: PBKDF2 is CPU-bound), then
applies the status policy across all records (``superseded`` needs to see every keystore).
"""
from __future__ import annotations

import hashlib
import logging
import os
import stat
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ehwatch import i18n, paths, secrets
from ehwatch.errors import EhwatchError
from ehwatch.monitor import names, scanner
from ehwatch.monitor import status as policy
from ehwatch.monitor.cache import Facts, FileIdentity, ScanCache
from ehwatch.monitor.scanner import FolderProblem

if TYPE_CHECKING:
    import concurrent.futures

    from ehwatch.core import Core

log = logging.getLogger(__name__)

PARALLEL_THRESHOLD = 6     # below this many decryptions, starting worker processes costs more than it saves
READ_DEADLINE_SECONDS = 10.0   # one keystore file read (a hung network share never answers)
STALLED_AFTER = 2             # reads timed out in one folder before its other files are not tried
POOL_DEADLINE_SECONDS = 60.0   # worker processes that have not delivered by then are abandoned:
                               # what is left is decrypted in this process (capped per file, see pkcs12)


@dataclass(frozen=True)
class RenewalNote:
    """A renewal that concerns a keystore, as its row shows it (``ehwatch status``, the tray's menu).

    Facts from the renewal store (``renewal/lifecycle.py``), put on the records by
    ``actions.renewals.attach`` — the scan itself knows nothing of renewals. Only a renewal that is
    under way, stopped for the user, or whose "use this file" notice waits is noted."""

    role: str                       # "old": this keystore is being renewed; "new": the keystore it writes
    state: str                      # the lifecycle state (``renewal.lifecycle.State`` value, e.g. "requested")
    waiting: bool                   # under way without the user: waiting for eHealth, then completing
    needs_you: bool                 # stopped until the user acts (``ehwatch renewals`` says what to do)
    awaiting_acknowledgement: bool  # finished: the hand-over notice waits for the user's acknowledgement
    request_number: str | None      # eHealth's request number, once the request was accepted
    new_keystore: str | None        # full path of the new keystore (written at the request)

    def to_json(self) -> dict[str, object]:
        return {"role": self.role, "state": self.state, "waiting": self.waiting, "needs_you": self.needs_you,
                "awaiting_acknowledgement": self.awaiting_acknowledgement, "request_number": self.request_number,
                "new_keystore": self.new_keystore}


@dataclass
class KeystoreRecord:
    path: Path
    identifier: str | None
    application: str | None
    holder: str | None
    environment: str
    status: str
    not_before: datetime | None
    not_after: datetime | None
    days_left: int | None
    expiry_source: str | None       # "certificate" | "file-name" | None
    issuer: str | None
    etk: list[str] = field(default_factory=list)
    side_files: list[str] = field(default_factory=list)
    problem: str | None = None       # message key
    problem_params: dict[str, object] = field(default_factory=dict)
    scheme: str | None = None        # encryption, e.g. "PBES2 AES-256-CBC / PBKDF2-HMAC-SHA256"
    serial: str | None = None        # the authentication certificate's serial (issue 12: revoked ones)
    # a renewal under way for this keystore (issue 13): set by actions.renewals.attach, None otherwise;
    # ``monitor.report.renewal_text`` says it in words ("renewal under way — waiting for eHealth (request N)")
    renewal: RenewalNote | None = None

    def problem_text(self, lang: str | None = None) -> str | None:
        if not self.problem:
            return None
        params = {k: (i18n.format_date(policy.brussels_date(v), lang) if isinstance(v, datetime) else v)
                  for k, v in self.problem_params.items()}
        return i18n.t(self.problem, lang, **params)

    def to_json(self, lang: str | None = None) -> dict[str, object]:
        """The ``--json`` object of ``ehwatch status`` (problem rendered as a sentence)."""
        def iso(value: datetime | None) -> str | None:
            return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else None

        return {
            "path": str(self.path),
            "identifier": self.identifier,
            "application": self.application,
            "holder": self.holder,
            "environment": self.environment,
            "status": self.status,
            "not_before": iso(self.not_before),
            "not_after": iso(self.not_after),
            "days_left": self.days_left,
            "expiry_source": self.expiry_source,
            "issuer": self.issuer,
            "etk": list(self.etk),
            "side_files": list(self.side_files),
            "scheme": self.scheme,
            "problem": self.problem_text(lang),
            "renewal": self.renewal.to_json() if self.renewal else None,
        }


@dataclass
class Inventory:
    records: list[KeystoreRecord]
    folder_problems: list[FolderProblem]
    dirs: list[Path] = field(default_factory=list)

    def exit_code(self) -> int:
        return policy.exit_code((r.status for r in self.records), len(self.folder_problems))


# ------------------------------------------------------------------------------------------ reading

@dataclass
class _Pending:
    """A file whose facts are not known yet."""
    path: Path
    identity: FileIdentity
    sha256: str
    data: bytes
    password: str


class NotARegularFile(OSError):
    """A FIFO, socket or device named like a keystore: never opened for reading."""


def _read_file(path: Path) -> tuple[FileIdentity, bytes]:
    """Reads at most the size limit + 1 byte; identity from the open file (no race with a rename).

    Opened non-blocking (a FIFO then opens at once instead of waiting for a writer) and checked to be
    a regular file before any byte is read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise NotARegularFile(path)
        data = fh.read(scanner.MAX_KEYSTORE_BYTES + 1) if st.st_size <= scanner.MAX_KEYSTORE_BYTES else b""
    return FileIdentity.of(st), data


def _read_with_deadline(path: Path) -> tuple[FileIdentity, bytes]:
    """``_read_file`` in a helper thread; TimeoutError past READ_DEADLINE_SECONDS (the thread is left
    to the kernel: a read stuck on a dead share cannot be interrupted, only not waited for)."""
    value: list[tuple[FileIdentity, bytes]] = []
    error: list[BaseException] = []

    def work() -> None:
        try:
            value.append(_read_file(path))
        except BaseException as exc:  # handed to the scanning thread
            error.append(exc)

    worker = threading.Thread(target=work, name="ehwatch-read", daemon=True)
    worker.start()
    worker.join(READ_DEADLINE_SECONDS)
    if worker.is_alive():
        raise TimeoutError(path)
    if error:
        raise error[0]
    return value[0]


def _inspect_serially(jobs: list[_Pending]) -> list[dict[str, Any]]:
    return [scanner.inspect_keystore(j.data, j.password) for j in jobs]


def _inspect_all(jobs: list[_Pending]) -> list[dict[str, Any]]:
    """Decrypts every pending keystore, across worker processes when it pays.

    The pool never hangs a scan: results not delivered within POOL_DEADLINE_SECONDS (a spawn child
    that cannot start, a frozen or Windows build re-importing the wrong module) are computed here,
    in this process, and the pool is abandoned without waiting for it."""
    if len(jobs) < PARALLEL_THRESHOLD or (os.cpu_count() or 1) < 2:
        return _inspect_serially(jobs)
    import concurrent.futures
    import concurrent.futures.process
    import multiprocessing

    workers = min(os.cpu_count() or 2, len(jobs) // 2, 8)
    results: list[dict[str, Any] | None] = [None] * len(jobs)
    pool = None
    try:
        context = multiprocessing.get_context("spawn")  # no fork: the daemon has threads
        pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context)
        futures = {pool.submit(scanner.inspect_keystore, j.data, j.password): i for i, j in enumerate(jobs)}
        done, _ = concurrent.futures.wait(futures, timeout=POOL_DEADLINE_SECONDS)
        for future in done:
            try:
                results[futures[future]] = future.result()
            except Exception as exc:   # a broken pool: those files are read here below
                log.warning("parallel scan: a worker failed (%s)", type(exc).__name__)
    except (OSError, concurrent.futures.process.BrokenProcessPool) as exc:
        log.warning("parallel scan unavailable (%s); decrypting in this process", type(exc).__name__)
    finally:
        if pool is not None:
            _abandon(pool)
    missing = [i for i, r in enumerate(results) if r is None]
    if missing:
        log.warning("parallel scan: %d of %d keystores not delivered by the workers; reading them here",
                    len(missing), len(jobs))
        for i, facts in zip(missing, _inspect_serially([jobs[i] for i in missing])):
            results[i] = facts
    return [r for r in results if r is not None]   # every slot is filled by now


def _abandon(pool: concurrent.futures.ProcessPoolExecutor) -> None:
    """Shuts the pool down without waiting; children still running are terminated."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    try:
        pool.shutdown(wait=False, cancel_futures=True)
    except Exception:
        pass
    for process in processes:
        try:
            if process.is_alive():
                process.terminate()
        except Exception:
            pass


class _PasswordSource:
    """Keyring lookups; after the first keyring failure, stop asking (it would fail 1000 times)."""

    def __init__(self) -> None:
        self.failure: EhwatchError | None = None

    def get(self, path: Path) -> str | None:
        if self.failure is not None:
            return None
        try:
            return secrets.keystore_password(path)
        except EhwatchError as exc:
            log.warning("keyring unavailable: %s", exc.key)
            self.failure = exc
            return None


# ------------------------------------------------------------------------------------------ records

def _base_record(path: Path, status: str, side: list[str], problem: str | None = None,
                 params: dict[str, object] | None = None) -> KeystoreRecord:
    """A record with what the file name tells (identifier, application, environment)."""
    parsed_name = names.parse_keystore_filename(path.name)
    return KeystoreRecord(
        path=path, identifier=parsed_name.identifier if parsed_name else None,
        application=parsed_name.application if parsed_name else None, holder=None,
        environment=names.environment_of(path.name), status=status, not_before=None, not_after=None,
        days_left=None, expiry_source=None, issuer=None, side_files=side, problem=problem,
        problem_params=params or {})


def _record_from_facts(path: Path, facts: Facts, now: datetime, warn_days: int, side: list[str],
                       known: Facts | None = None) -> KeystoreRecord:
    record = _base_record(path, policy.UNREADABLE, side)
    record.etk, record.scheme = list(facts.get("etk") or []), facts.get("scheme")
    if facts.get("kind") == "error":
        record.problem = "monitor.problem." + facts["error"]
        record.problem_params = dict(facts.get("params") or {})
        record.status = policy.WRONG_PASSWORD if facts["error"] == "wrong_password" else policy.UNREADABLE
        if record.status == policy.WRONG_PASSWORD:    # the password is unknown: what else says its dates
            _known_dates(record, known, now)
        return record
    auth = facts.get("auth")
    if auth is None:
        record.problem = "monitor.problem.no_authentication"
        return record
    if auth.get("identifier"):
        record.identifier, record.application = auth["identifier"], auth.get("application")
    record.holder = auth.get("holder")
    record.issuer = auth.get("issuer")
    record.serial = auth.get("serial")
    if auth.get("placeholder"):
        record.status = policy.PENDING
        record.problem = "monitor.problem.pending"
        return record
    record.not_before = datetime.fromisoformat(auth["not_before"])
    record.not_after = datetime.fromisoformat(auth["not_after"])
    record.expiry_source = "certificate"
    record.days_left = policy.days_left(record.not_after, now)
    if auth.get("problem"):       # not believed: shown with its reason, never supersedes another
        record.problem = "monitor.problem." + auth["problem"]
        return record
    if record.not_before > now:
        record.problem, record.problem_params = "monitor.problem.not_yet_valid", {"start": record.not_before}
        return record
    record.status = policy.certificate_status(record.not_after, now, warn_days)
    return record


def _locked_record(path: Path, now: datetime, side: list[str], keyring_failure: EhwatchError | None,
                   known: Facts | None = None) -> KeystoreRecord:
    record = _base_record(path, policy.LOCKED, side)
    _known_dates(record, known, now)
    if keyring_failure is not None:
        record.problem, record.problem_params = "monitor.problem.keyring", {"detail": keyring_failure.message("en")}
    else:
        record.problem = ("monitor.problem.no_password_no_date" if record.not_after is None else
                          "monitor.problem.no_password" if record.expiry_source == "file-name" else
                          "monitor.problem.no_password_known")
    return record


def _known_dates(record: KeystoreRecord, known: Facts | None, now: datetime) -> None:
    """The dates of a keystore whose password is unknown (locked, wrong password): the certificate's own,
    when this path was read before (the cache keeps a path's last facts after its bytes change, e.g. a
    password changed in the Certificate Manager) and the certificate read then has this file's
    identifier; else the estimate from the file name's request date (``expiry_source`` says which)."""
    auth = (known or {}).get("auth") if (known or {}).get("kind") == "ok" else None
    if auth and not auth.get("placeholder") and auth.get("identifier") and auth.get("not_after") \
            and (record.identifier is None or str(auth["identifier"]).upper() == record.identifier.upper()) \
            and (auth.get("application") or None) == (record.application or None):
        record.identifier, record.application = auth["identifier"], auth.get("application")
        record.holder, record.issuer, record.serial = auth.get("holder"), auth.get("issuer"), auth.get("serial")
        record.not_before = datetime.fromisoformat(auth["not_before"])
        record.not_after = datetime.fromisoformat(auth["not_after"])
        record.expiry_source = "certificate"
    else:
        parsed_name = names.parse_keystore_filename(record.path.name)
        estimate = policy.estimate_expiry(parsed_name.requested_at if parsed_name else None)
        if estimate is None:
            return
        record.not_after, record.expiry_source = estimate, "file-name"
    record.days_left = policy.days_left(record.not_after, now)


def _sort_key(record: KeystoreRecord) -> tuple[str, str, str, datetime, str]:
    return ((record.holder or "").lower(), record.identifier or "", record.environment,
            record.not_after or datetime.min.replace(tzinfo=UTC), str(record.path))


# ------------------------------------------------------------------------------------------ the scan

def scan(core: Core, dirs: list[Path] | None = None, now: datetime | None = None) -> Inventory:
    """Every keystore of ``dirs`` (default: the core's folders) with its status at ``now``."""
    now = now or datetime.now(UTC)
    dirs = [Path(d) for d in (dirs if dirs is not None else core.keystore_dirs())]
    warn_days = core.config.warn_days
    cache = ScanCache(core.store)
    passwords = _PasswordSource()
    problems: list[FolderProblem] = []
    records: list[KeystoreRecord] = []
    pending: list[tuple[_Pending, list[str]]] = []
    to_cache: list[tuple[str, FileIdentity, str, Facts]] = []
    seen: set[str] = set()
    seen_files: set[tuple[int, int]] = set()
    timeouts: dict[Path, int] = {}
    # a fresh computer has no <home>/ehealth/keystore yet: that is "no keystore", not a fault
    quiet_when_missing = set() if core.config.keystore_dirs else set(paths.default_keystore_dirs())

    for folder in dirs:
        candidates, folder_problems, folder_names = scanner.find_candidates(folder)
        if folder in quiet_when_missing:
            folder_problems = [p for p in folder_problems if p.key != "monitor.folder.missing"]
        problems += folder_problems
        side_index = scanner.side_file_index(folder_names)
        for path in candidates:
            key = str(path)
            side = scanner.side_files(path, side_index)
            try:
                st = path.stat()
                if (st.st_dev, st.st_ino) in seen_files:  # the same folder given twice, or a hard link
                    continue
                seen_files.add((st.st_dev, st.st_ino))
                seen.add(key)
                if not stat.S_ISREG(st.st_mode):      # a FIFO would block the first read for ever
                    raise NotARegularFile(path)
                facts = cache.by_identity(key, FileIdentity.of(st))
                if facts is not None:
                    records.append(_record_from_facts(path, facts, now, warn_days, side))
                    continue
                if timeouts.get(folder, 0) >= STALLED_AFTER:   # the share does not answer: stop waiting on it
                    raise TimeoutError(path)
                try:
                    identity, data = _read_with_deadline(path)
                except TimeoutError:
                    timeouts[folder] = timeouts.get(folder, 0) + 1
                    raise
            except NotARegularFile:
                records.append(_base_record(path, policy.UNREADABLE, side, "monitor.problem.not_a_file"))
                continue
            except TimeoutError:
                records.append(_base_record(path, policy.UNREADABLE, side, "monitor.problem.timeout",
                                            {"seconds": int(READ_DEADLINE_SECONDS)}))
                continue
            except FileNotFoundError:
                problems.append(FolderProblem(key, "monitor.folder.vanished", {"path": key}))
                continue
            except IsADirectoryError:
                problems.append(FolderProblem(key, "monitor.folder.directory_named_keystore", {"path": key}))
                continue
            except OSError as exc:
                records.append(_base_record(path, policy.UNREADABLE, side, "monitor.problem.cannot_open",
                                            {"detail": exc.strerror or type(exc).__name__}))
                continue
            if identity.size > scanner.MAX_KEYSTORE_BYTES:
                records.append(_base_record(path, policy.UNREADABLE, side, "monitor.problem.too_big",
                                            {"size": identity.size, "limit": scanner.MAX_KEYSTORE_BYTES}))
                continue
            if not data:
                records.append(_base_record(path, policy.UNREADABLE, side, "monitor.problem.empty"))
                continue
            sha = hashlib.sha256(data).hexdigest()
            facts = cache.by_hash(sha)
            if facts is None and not scanner.looks_like_pkcs12(data):
                facts = {"kind": "error", "error": "not_pkcs12"}
            if facts is not None:
                to_cache.append((key, identity, sha, facts))
                records.append(_record_from_facts(path, facts, now, warn_days, side))
                continue
            password = passwords.get(path)
            if password is None:
                records.append(_locked_record(path, now, side, passwords.failure, cache.last_facts(key)))
                continue
            pending.append((_Pending(path, identity, sha, data, password), side))

    results = _inspect_all([job for job, _ in pending])
    for (job, side), facts in zip(pending, results):
        if facts.get("kind") == "ok" or facts.get("error") in ("not_pkcs12", "too_costly"):
            to_cache.append((str(job.path), job.identity, job.sha256, facts))
        records.append(_record_from_facts(job.path, facts, now, warn_days, side, cache.last_facts(str(job.path))))

    try:
        cache.save(to_cache)
        scanned = {str(d) for d in dirs}
        cache.forget([p for p in cache.rows() if p not in seen and str(Path(p).parent) in scanned])
    except Exception as exc:  # a read-only state file must not stop the report
        log.warning("scan cache not updated: %s", exc)

    from ehwatch.monitor import revoked  # issue 12: certificates revoked through ehwatch

    revoked.mark(records, core.store)
    policy.mark_superseded(records, now)
    records.sort(key=_sort_key)
    return Inventory(records=records, folder_problems=problems, dirs=dirs)
