"""The IMAP watcher: turns new eHealth mails in INBOX and the spam folder into ``MailEvent``s.

``check_once`` is one pass over every folder (``ehwatch mail check``, the tray's "check mail"); it
returns the new events to its caller.
``run`` keeps one connection per folder in IDLE (re-issued every ``idle_renew`` seconds, 10 minutes
by default) or polls every ``poll_minutes`` when the server has no IDLE. A dead connection, a
server restart or a jump of the wall clock (wake from suspend) leads to a reconnect with capped
exponential backoff; a refused login stops everything and is reported once, so that a wrong
password never locks the account.

Each mail is handled once: per folder the UIDVALIDITY and last UID seen are kept in the store,
and every notice is claimed in the store before its event is sent. Searches are narrow (FROM the
eHealth sender; SINCE ``lookback_days`` on a first pass), fetches use BODY.PEEK and skip
attachments. Untrusted look-alikes are logged as suspicious and trigger nothing.
"""
from __future__ import annotations

import datetime as dt
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import imapclient

from ehwatch.errors import EhwatchError
from ehwatch.mail import connection
from ehwatch.mail.connection import Account, MailError
from ehwatch.mail.fetching import fetch_text, watched_folders
from ehwatch.mail.reading import TRUSTED_SENDER, MailReading, read_mail
from ehwatch.mail.state import MailState

if TYPE_CHECKING:
    from ehwatch.core import Core

log = logging.getLogger(__name__)
T = TypeVar("T")

# The real sender, or anything naming eHealth in From (look-alikes, to be flagged as suspicious).
# The full address comes first so that servers with word-based search still find the real mails.
SENDER_CRITERIA = ["OR", "FROM", TRUSTED_SENDER, "FROM", "ehealth"]


@dataclass
class MailEvent:
    reading: MailReading
    folder: str
    uid: int
    uidvalidity: int

    def to_json(self) -> dict[str, object]:
        return {"folder": self.folder, "uid": self.uid, "uidvalidity": self.uidvalidity,
                "reading": self.reading.to_json()}


@dataclass
class PassReport:
    """What the last pass saw, for ``mail check``: events, suspicious look-alikes, folders."""

    folders: list[str] = field(default_factory=list)
    missing_folders: list[str] = field(default_factory=list)
    events: list[MailEvent] = field(default_factory=list)
    suspicious: list[MailEvent] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"folders": self.folders, "missing_folders": self.missing_folders,
                "events": [e.to_json() for e in self.events],
                "suspicious": [e.to_json() for e in self.suspicious]}


def _impersonates(reading: MailReading) -> bool:
    """Looks like an eHealth notice or names the eHealth sender, yet is not (provably) from it."""
    if reading.trusted_sender and reading.dkim != "fail":
        return False
    return (reading.kind != "other" or reading.environment is not None
            or TRUSTED_SENDER in reading.sender.lower())


class _ConnectionDead(Exception):
    """The socket answered EOF, the server said BYE, or the wall clock jumped (suspend)."""


class MailWatcher:
    def __init__(self, core: Core, on_event: Callable[[MailEvent], None],
                 on_problem: Callable[[EhwatchError], None] | None = None, *,
                 min_backoff: float = 5.0, max_backoff: float = 600.0, idle_renew: float = 600.0,
                 poll_seconds: float | None = None, idle_tick: float = 1.0, socket_timeout: float = 60.0,
                 clock_jump: float = 120.0, report_after_failures: int = 3,
                 wall_clock: Callable[[], float] = time.time,
                 on_recovered: Callable[[], None] | None = None) -> None:
        """``on_recovered``: called when the mailbox answers again after a reported problem (the
        tray's "mailbox unreachable" then goes away without waiting for the next mail)."""
        self.core = core
        self.on_event = on_event
        self.on_problem = on_problem
        self.on_recovered = on_recovered
        self.min_backoff, self.max_backoff = min_backoff, max_backoff
        self.idle_renew = idle_renew
        self.poll_seconds = poll_seconds if poll_seconds is not None else core.config.mail.poll_minutes * 60
        self.idle_tick = idle_tick
        self.socket_timeout = socket_timeout
        self.clock_jump = clock_jump
        self.report_after_failures = report_after_failures
        self.wall_clock = wall_clock
        self._account: Account | None = None
        self._state: MailState | None = None
        self._halt = threading.Event()        # set on a permanent failure: every loop stops
        self._lock = threading.Lock()
        self._reported: set[str] = set()
        self._thread_state = threading.local()
        self.last_pass = PassReport()
        self.problem: EhwatchError | None = None  # the permanent failure that stopped run()

    # -- set-up --------------------------------------------------------------------------------
    @property
    def account(self) -> Account:
        if self._account is None:
            self._account = Account.from_config(self.core.config.mail)
        return self._account

    @property
    def state(self) -> MailState:
        if self._state is None:
            self._state = MailState(self.core.store, self.account.key)
        return self._state

    def _connect(self) -> imapclient.IMAPClient:
        return connection.connect(self.account, timeout=self.socket_timeout)

    # -- one pass --------------------------------------------------------------------------------
    def check_once(self) -> list[MailEvent]:
        """One pass over all folders; returns the new events for the caller to hand on (``run`` sends
        its events to ``on_event`` instead). Raises MailError when the mailbox cannot be reached."""
        report = PassReport()
        client = self._connect()
        try:
            report.folders, report.missing_folders = self._folders(client)
            for folder in report.folders:
                self._scan(client, folder, report, deliver=False)
        except MailError:
            raise
        except Exception as exc:
            raise connection.as_mail_error(exc, self.account) from None
        finally:
            connection.close_quietly(client)
        with self._lock:
            self.last_pass = report
        return report.events

    def _folders(self, client: imapclient.IMAPClient) -> tuple[list[str], list[str]]:
        folders, missing = watched_folders(client, list(self.core.config.mail.folders))
        for name in missing:
            self._report(MailError("mail.folder_missing", folder=name), once=True)
        return folders, missing

    def _scan(self, client: imapclient.IMAPClient, folder: str, report: PassReport | None = None,
              selected: tuple[int, int | None] | None = None, deliver: bool = True) -> list[MailEvent]:
        """New mails from the eHealth sender in ``folder`` since its watermark; advances it."""
        if selected is None:
            info = client.select_folder(folder, readonly=True)  # EXAMINE: nothing is ever marked read
            selected = (int(info[b"UIDVALIDITY"]), info.get(b"UIDNEXT"))
        uidvalidity, uidnext = selected
        mark = self.state.watermark(folder)
        criteria: list[str | dt.date]
        if mark and mark[0] == uidvalidity:
            last = mark[1]
            criteria = ["UID", f"{last + 1}:*", *SENDER_CRITERIA]
        else:
            if mark:
                log.info("UIDVALIDITY of %s changed (%s -> %s): searching it again", folder, mark[0], uidvalidity)
            last = 0
            since = dt.date.today() - dt.timedelta(days=self.core.config.mail.lookback_days)
            criteria = ["SINCE", since, *SENDER_CRITERIA]
        uids = sorted(uid for uid in client.search(criteria) if uid > last)
        events: list[MailEvent] = []
        done = max(last, (int(uidnext) - 1) if uidnext else 0)
        for uid in uids:
            raw = fetch_text(client, uid)
            if raw is None:
                continue
            if not self._handle(read_mail(raw), raw, folder, uid, uidvalidity, events, report, deliver):
                done = uid - 1  # the consumer failed: look at this mail again next pass
                break
            done = max(done, uid)
        self.state.advance(folder, uidvalidity, done)
        return events

    def _handle(self, reading: MailReading, raw: bytes, folder: str, uid: int, uidvalidity: int,
                events: list[MailEvent], report: PassReport | None, deliver: bool) -> bool:
        """Claims one mail and, when ``deliver``, hands it to on_event; False when that failed
        (the claim is then released so that the next pass brings it again)."""
        event = MailEvent(reading, folder, uid, uidvalidity)
        identity = reading.identity(raw)
        if reading.actionable:
            if not self.state.claim(identity, folder, uid, reading.kind, True):
                return True
            log.info("eHealth mail (%s, request %s, %s) in %s uid %s", reading.kind, reading.request_number,
                     reading.common_name, folder, uid)
            try:
                if deliver:
                    self.on_event(event)
            except Exception:
                log.exception("the consumer of mail events failed; the mail will be read again")
                self.state.release(identity)
                return False
            events.append(event)
            if report is not None:
                report.events.append(event)
        elif _impersonates(reading):
            if self.state.claim(identity, folder, uid, "suspicious", False):
                log.warning("suspicious mail ignored in %s uid %s: sender %r, DKIM %s, subject %r",
                            folder, uid, reading.sender, reading.dkim, reading.subject)
                if report is not None:
                    report.suspicious.append(event)
        else:
            log.info("mail in %s uid %s is not an eHealth certificate notice: %r", folder, uid, reading.subject)
        return True

    # -- the long-running loop ------------------------------------------------------------------
    def run(self, stop: threading.Event) -> None:
        """Watches until ``stop`` is set, or a permanent failure (reported through on_problem)."""
        folders = self._with_retries(stop, self._discover)
        if not folders:
            return
        threads = [threading.Thread(target=self._watch_folder, args=(folder, stop),
                                    name=f"ehwatch-mail-{folder}", daemon=True) for folder in folders]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def _discover(self) -> list[str]:
        client = self._connect()
        try:
            return self._folders(client)[0]
        finally:
            connection.close_quietly(client)

    def _with_retries(self, stop: threading.Event, action: Callable[[], T]) -> T | None:
        """Runs ``action`` until it succeeds, backing off after transient failures."""
        delay, failures = self.min_backoff, 0
        while not stop.is_set() and not self._halt.is_set():
            attempt = time.monotonic()
            try:
                return action()
            except MailError as exc:
                error = exc
            except Exception as exc:
                error = connection.as_mail_error(exc, self.account)
            if getattr(error, "permanent", False):
                self._halt.set()
                self.problem = error
                log.error("mail watcher stopped: %s", error)
                self._report(error, once=True)
                return None
            if getattr(self._thread_state, "connected_at", 0.0) > attempt:
                delay, failures = self.min_backoff, 0  # it worked for a while: start the backoff afresh
            failures += 1
            log.info("mailbox unreachable (%s); next try in %.1fs", error, delay)
            if failures >= self.report_after_failures:
                self._report(error, once=True)
            stop.wait(delay * random.uniform(0.8, 1.2))
            delay = min(delay * 2, self.max_backoff)
        return None

    def _watch_folder(self, folder: str, stop: threading.Event) -> None:
        try:
            while not stop.is_set() and not self._halt.is_set():
                self._with_retries(stop, lambda: self._session(folder, stop))
        finally:
            self.core.store.close()  # this thread's own SQLite connection

    def _session(self, folder: str, stop: threading.Event) -> None:
        """One connection's life: catch up, then IDLE or poll until it dies or we stop."""
        client = self._connect()
        offset = self.wall_clock() - time.monotonic()  # wall minus monotonic: moves only when the clock jumps
        try:
            info = client.select_folder(folder, readonly=True)
            selected = (int(info[b"UIDVALIDITY"]), info.get(b"UIDNEXT"))
            self._scan(client, folder, selected=selected)
            self._thread_state.connected_at = time.monotonic()
            with self._lock:
                recovered = bool(self._reported)
                self._reported.clear()  # reachable again: a later failure is news
            if recovered and self.on_recovered is not None:
                try:
                    self.on_recovered()
                except Exception:
                    log.exception("on_recovered failed")
            if client.has_capability("IDLE"):
                self._idle(client, folder, selected[0], stop, offset)
            else:
                self._poll(client, folder, stop, offset)
        except _ConnectionDead as exc:
            log.info("connection for %s ended (%s); reconnecting", folder, exc)
            raise MailError("mail.connection_lost", host=self.account.host, detail=str(exc)) from None
        finally:
            connection.close_quietly(client)

    def _idle(self, client: imapclient.IMAPClient, folder: str, uidvalidity: int, stop: threading.Event,
              offset: float) -> None:
        while not stop.is_set():
            client.idle()
            started = time.monotonic()
            try:
                while not stop.is_set() and time.monotonic() - started < self.idle_renew:
                    tick_start = time.monotonic()
                    responses = client.idle_check(timeout=self.idle_tick)
                    offset = self._check_clock(offset)
                    if any(r and r[0] == b"BYE" for r in responses):
                        raise _ConnectionDead("BYE")
                    if not responses and time.monotonic() - tick_start < self.idle_tick / 2:
                        raise _ConnectionDead("EOF")  # readable yet nothing to read: the peer closed
                    if any(len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses):
                        break
            except BaseException:
                client.shutdown()  # mid-IDLE a LOGOUT would wait for an answer that never comes
                raise
            client.idle_done()
            if stop.is_set():
                return
            # Woken or renewing, look anyway: a mail may have slipped in between two IDLEs.
            self._scan(client, folder, selected=(uidvalidity, None))

    def _poll(self, client: imapclient.IMAPClient, folder: str, stop: threading.Event, offset: float) -> None:
        while not stop.wait(self.poll_seconds):
            offset = self._check_clock(offset)
            self._scan(client, folder)

    def _check_clock(self, offset: float) -> float:
        now = self.wall_clock() - time.monotonic()
        if abs(now - offset) > self.clock_jump:
            raise _ConnectionDead("clock jump")
        return now

    # -- reporting -----------------------------------------------------------------------------
    def _report(self, error: EhwatchError, once: bool = False) -> None:
        if once:
            with self._lock:
                if error.key in self._reported:
                    return
                self._reported.add(error.key)
        if self.on_problem is not None:
            try:
                self.on_problem(error)
            except Exception:
                log.exception("on_problem failed")
