"""What ``ehwatch run`` does with each scan for other programs: the metrics file for node_exporter's
textfile collector, the calendar file, and (when asked) a ``/metrics`` listener on loopback.

The daemon builds one ``Publisher``, calls ``start()`` once, ``publish(...)`` after every check and
``stop()`` at shutdown; everything else here is private. ``publish`` never raises for a file it
cannot write: it returns the problem (an ``EhwatchError``) for the daemon to show, and carries on.

node_exporter reads every ``*.prom`` file of its folder at each scrape, so the file is written as a
``.tmp`` beside it, fsynced, then renamed over the old one (``fileutil.replace_own_file``): a
scrape sees the old file or the new one, never half of one.
"""
from __future__ import annotations

import getpass
import logging
import os
import re
import socket
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ehwatch import config as config_mod
from ehwatch import fileutil
from ehwatch.errors import EhwatchError
from ehwatch.export import calendar, prometheus

if TYPE_CHECKING:
    from ehwatch.export.listener import MetricsServer

log = logging.getLogger(__name__)

TEXTFILE_MODE = 0o644          # node_exporter runs as its own user: it must be able to read the file


def current_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def textfile_name(user: str) -> str:
    """``ehwatch-<user>.prom``: each user of a computer has a file (and a ``user`` label) of their own."""
    return "ehwatch-" + (re.sub(r"[^A-Za-z0-9_.-]", "_", user) or "user") + ".prom"


def exposition(core, records, scan: prometheus.ScanInfo, mail_up: bool | None = None,
               host: str | None = None, user: str | None = None) -> prometheus.Exposition:
    """The facts of one exposition: the records given, the open renewals from the store."""
    try:
        renewals, states = prometheus.open_renewals(core)
    except EhwatchError as exc:                 # an unreadable state file must not hide the certificates
        log.warning("renewals left out of the metrics: %s", exc)
        renewals, states = [], ()
    metrics = core.config.metrics
    return prometheus.Exposition(records=list(records), renewals=renewals, renewal_states=states, scan=scan,
                                 mail_up=mail_up, host=host or metrics.host or socket.gethostname(),
                                 user=user or current_user(), mask_ssin=metrics.mask_ssin)


def write_textfile(folder: Path, name: str, text: str) -> Path:
    """Atomically replaces ``folder/name`` (node_exporter's folder must exist: it is the provider's)."""
    if not folder.is_dir():
        raise EhwatchError("export.folder_missing", folder=str(folder), section="metrics")
    path = folder / name
    try:
        return fileutil.replace_own_file(path, text.encode("utf-8"), mode=TEXTFILE_MODE)
    except OSError as exc:
        raise EhwatchError("export.write_failed", file=str(path), detail=exc.strerror or type(exc).__name__) from None


class Publisher:
    def __init__(self, core, clock=time.time):
        self.core = core
        self.clock = clock
        self.scan = prometheus.ScanInfo()
        self.user = current_user()
        self._latest = b""
        self._lock = threading.Lock()
        self._server: MetricsServer | None = None
        self._thread: threading.Thread | None = None
        metrics = core.config.metrics
        before_first_scan = prometheus.Exposition(records=[], scan=self.scan, user=self.user,
                                                  host=metrics.host or socket.gethostname())
        self._latest = prometheus.render(before_first_scan).encode("utf-8")

    # --- the listener ------------------------------------------------------------------------
    def start(self) -> None:
        """Opens the ``/metrics`` listener when ``[metrics] listen`` asks for one (loopback only: the
        configuration refuses any other address). Raises ``EhwatchError`` when the port is taken."""
        listen = self.core.config.metrics.listen
        if not listen or self._server is not None:
            return
        address = config_mod.listen_address(listen)
        if address is None:                         # the config check refuses it first; never bind elsewhere
            raise EhwatchError("export.listen_failed", address=listen, detail="not a loopback address")
        try:
            from ehwatch.export.listener import MetricsServer  # http.server only when it listens

            self._server = MetricsServer(address, self)
        except OSError as exc:
            raise EhwatchError("export.listen_failed", address=listen,
                               detail=exc.strerror or type(exc).__name__) from None
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.5},
                                        name="ehwatch-metrics", daemon=True)
        self._thread.start()
        log.info("metrics served at http://%s/metrics", listen)

    def address(self) -> tuple[str, int] | None:
        return self._server.server_address[:2] if self._server is not None else None

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def latest(self) -> bytes:
        with self._lock:
            return self._latest

    # --- after each check ----------------------------------------------------------------------
    def publish(self, records, *, scanned: bool = True, scan_failed: bool = False,
                scan_seconds: float | None = None, mail_up: bool | None = None) -> EhwatchError | None:
        """Renders the metrics from ``records`` (the last scan's) and writes the configured files.

        ``scanned``: this call follows a scan (counted; its end time becomes the last scan's unless
        ``scan_failed``); ``mail_up``: None when no mailbox is configured. Returns the first problem
        met writing a file (the others are logged), or None."""
        if scanned:
            self.scan.scans_total += 1
            if scan_failed:
                self.scan.errors_total += 1
            else:
                self.scan.finished_at, self.scan.duration_seconds = self.clock(), scan_seconds
        text = self._render(records, mail_up)
        problems: list[EhwatchError] = []
        folder = self.core.config.metrics.textfile_dir
        if folder:
            try:
                write_textfile(Path(folder).expanduser(), textfile_name(self.user), text)
            except EhwatchError as exc:
                problems.append(exc)
        calendar_path = self.core.config.calendar.path
        if calendar_path and scanned and not scan_failed:
            try:
                self.write_calendar(records, Path(calendar_path).expanduser())
            except EhwatchError as exc:
                problems.append(exc)
        for problem in problems:
            log.warning("%s", problem)
        return problems[0] if problems else None

    def write_calendar(self, records, path: Path) -> bool:
        config = self.core.config
        text = calendar.render(records, language=self.core.language, notify_days=config.notify_days,
                               mask_ssin_numbers=config.calendar.mask_ssin)
        written = calendar.write(path, text)
        if written:
            log.info("calendar %s updated", path)
        return written

    def _render(self, records, mail_up: bool | None) -> str:
        text = prometheus.render(exposition(self.core, records, self.scan, mail_up, user=self.user))
        with self._lock:
            self._latest = text.encode("utf-8")
        return text

    # ---- the daemon's side: its failures dict holds what the user must see in the tray
    def start_for(self, failures: dict) -> Publisher:
        """``start``; a listener that cannot listen becomes the daemon's "export-listen" failure."""
        from ehwatch.reminders import Failure

        try:
            self.start()
        except EhwatchError as exc:
            failures["export-listen"] = Failure("export-listen", exc.key, exc.params)
        return self

    def report(self, records, failures: dict, scan_seconds: float | None = None) -> None:
        """After a check (``scan_seconds`` given) or when the mailbox's state changed (not a scan);
        a file that cannot be written becomes the daemon's "export" failure, until it can again."""
        from ehwatch.reminders import Failure

        mail_up = None if not self.core.config.mail.host else "mail" not in failures
        try:
            problem = self.publish(records, scanned=scan_seconds is not None, scan_failed="scan" in failures,
                                   scan_seconds=scan_seconds, mail_up=mail_up)
        except Exception:
            log.exception("metrics not published")
            return
        if problem is not None:
            failures["export"] = Failure("export", problem.key, problem.params)
        else:
            failures.pop("export", None)
