"""``ehwatch run``: the quiet daemon that starts with the session.

It keeps threads, schedules and the tray; what each piece of work does lives in ``actions/``.
- the **main thread** runs the tray (pystray wants it; macOS insists), or waits with ``--no-tray``;
- the **dispatcher thread** is the only one that does work: it drains the intent queue (menu clicks,
  notification actions, scheduler ticks, mail events, a command's request over the socket) one at a
  time, holding the writer lock (``writer.py``) while it changes renewals;
- APScheduler's **BackgroundScheduler** only puts intents on that queue (rescan hourly, folder
  polling every 30 s, a wall-clock check every minute that catches a wake from suspend, the moment
  a renewal said it would be ready);
- the **mail watcher** runs in its own thread when ``[mail] host`` is set and reports through the queue.
Signals (SIGTERM, SIGINT, SIGHUP at logout) put a QUIT on the queue; shutdown stops every part.
"""
from __future__ import annotations

import logging
import os
import queue
import signal
import threading
import time

from ehwatch import __version__
from ehwatch.actions import desktop
from ehwatch.actions import snapshot as snapshots
from ehwatch.actions.background import RenewalWork
from ehwatch.actions.mailbox import MailboxThread
from ehwatch.actions.notices import Notices
from ehwatch.actions.scanning import ScanOffDispatcher
from ehwatch.desktop import autostart
from ehwatch.errors import EhwatchError
from ehwatch.events import (
    ABOUT,
    ACKNOWLEDGE,
    CHANGE_PASSWORD,
    CHECK_MAIL,
    CHECK_NOW,
    MUTE,
    OPEN_FOLDER,
    OPEN_MANAGER,
    PAUSE_DAY,
    QUIT,
    RENEW,
    REQUEST_NEW,
    REVOKE,
    SET_PASSWORD,
    SETTINGS,
    SHOW_STATUS,
    SNOOZE,
    TOGGLE_AUTOSTART,
    Intent,
    Snapshot,
)
from ehwatch.instance import InstanceLock
from ehwatch.reminders import Failure, ReminderPolicy
from ehwatch.schedule import Schedule

log = logging.getLogger(__name__)


class Daemon:
    def __init__(self, core, use_tray: bool = True, clock=time.time):
        self.core = core
        self.use_tray = use_tray
        self.intents: queue.SimpleQueue = queue.SimpleQueue()   # put() is safe from a signal handler
        self.stop_event = threading.Event()
        self.policy = ReminderPolicy(core, clock)
        self.instance = InstanceLock(self._on_instance_message, self._on_request)
        self.records: list = []
        self.renewals: list = []                    # open renewal lifecycles
        self.failures: dict[str, Failure] = {}      # the daemon's own: scan, mail
        self.notices = Notices(core, self.intents.put, lambda: self.refresh())
        self.tray = None
        self.exporter = None
        self.mailbox = MailboxThread(core, self.intents.put, self._on_mail_event, self._on_mail_problem,
                                     self._on_mail_recovered)
        self._threads: list[threading.Thread] = []
        self.schedule = Schedule(self.intents.put, core.keystore_dirs)
        # the next moment a renewal is due (a mail's date, a poll, a retry): drive them again then
        self.work = RenewalWork(core, self.notices.show, lambda moment: self.schedule.wake_at(
            moment, lambda: (self.drive_renewals(), self.refresh())))
        self.scans = ScanOffDispatcher(core, self.intents.put, self.failures,
                                       lambda records: self.rescan(records, late=True))

    def acquire_instance(self) -> bool:  # False: another ``ehwatch run`` of this user (asked to show itself)
        return self.instance.acquire()

    def run(self) -> int:
        """Runs until QUIT, a signal or logout. Call ``acquire_instance`` first."""
        log.info("ehwatch %s starting (pid %d)", __version__, os.getpid())
        if threading.current_thread() is threading.main_thread():
            for name in ("SIGTERM", "SIGINT", "SIGHUP"):
                if hasattr(signal, name):
                    signal.signal(getattr(signal, name), self.request_quit)
        if self.use_tray:
            from ehwatch.tray.app import open_tray

            self.tray = open_tray(self.core, self.intents)
            self.use_tray = self.tray is not None
        self.notices.open(self.tray, headless=not self.use_tray)
        from ehwatch.export.publisher import Publisher  # metrics (textfile, /metrics), the calendar file

        self.exporter = Publisher(self.core).start_for(self.failures)
        self._start_thread("ehwatch-dispatch", self._dispatch_loop)
        self.intents.put(Intent(CHECK_NOW))         # catch up at start: scan, then reminders
        self.schedule.start()
        self.mailbox.start(self._start_thread)
        try:
            if self.tray is not None:
                self.tray.run(self._on_tray_ready)
                self.stop_event.set()               # the tray's own Quit ends its loop too
            else:
                print(self.core.t("daemon.started_headless"), flush=True)
                while not self.stop_event.wait(3600):
                    pass
        finally:
            self.shutdown()
        return 0

    def request_quit(self, *_args) -> None:
        """Signal handler too: the tray's loop ends at once, even while the dispatcher is busy."""
        self.stop_event.set()
        if self.tray is not None:
            try:
                self.tray.stop()
            except Exception:               # not running yet: _on_tray_ready stops it
                log.debug("tray not running yet", exc_info=True)
        self.intents.put(Intent(QUIT))

    def shutdown(self) -> None:
        """Stops every part in the reverse order of start; safe to call twice."""
        self.stop_event.set()
        self.schedule.shutdown()
        self.mailbox.stop()
        self.intents.put(None)                      # lets the dispatcher leave its loop
        for thread in self._threads:
            thread.join(timeout=15)
            if thread.is_alive():
                log.warning("thread %s did not stop in time", thread.name)
        self._threads.clear()
        if self.exporter is not None:
            self.exporter.stop()
        self.notices.close()
        self.instance.close()
        log.info("ehwatch stopped")

    def _start_thread(self, name: str, target, *args) -> threading.Thread:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)
        return thread

    def _on_tray_ready(self, *_args) -> None:
        log.info("tray icon ready")
        if self.stop_event.is_set():                # a signal came while the icon was starting
            self.tray.stop()
            return
        self.intents.put(self.refresh)

    def _on_instance_message(self, message: str) -> None:
        if message == SHOW_STATUS:
            self.intents.put(Intent(SHOW_STATUS))

    def _on_request(self, conn, request: dict) -> None:
        """A command asks for a state-changing action (``control.py``): done on the dispatcher."""
        self.intents.put(lambda: (self.work.serve_request(conn, request), self.check()))

    def _dispatch_loop(self) -> None:
        try:
            while True:
                item = self.intents.get()
                if item is None:
                    return
                try:
                    item() if callable(item) else self.dispatch(item)
                except Exception:
                    log.exception("handling %r failed", item)
        finally:
            self.core.store.close()

    def dispatch(self, intent: Intent) -> None:
        """Carries out one user or scheduler intent (on the dispatcher thread)."""
        log.info("intent %s %s", intent.kind, intent.keystore.name if intent.keystore else "")
        kind, keystore = intent.kind, intent.keystore
        simple = {CHECK_NOW: self.check, CHECK_MAIL: self.check_mail, SHOW_STATUS: self.show_status,
                  PAUSE_DAY: self.policy.toggle_pause, TOGGLE_AUTOSTART: autostart.toggle,
                  SETTINGS: self.settings,
                  OPEN_MANAGER: lambda: desktop.open_manager(self.core, self.notices.show),
                  ABOUT: lambda: self.notices.show(self.core.t("daemon.about.title"),
                                             self.core.t("daemon.about.body", version=__version__))}
        for_keystore = {RENEW: lambda path: (self.work.renew(path), self.check()),
                        ACKNOWLEDGE: lambda path: (self.work.acknowledge(path), self.check()),
                        CHANGE_PASSWORD: lambda path: (self.work.change_password(path), self.check()),
                        REVOKE: lambda path: (self.work.revoke(path), self.check()),
                        SNOOZE: self.policy.snooze, MUTE: self.policy.toggle_mute, OPEN_FOLDER: lambda path: desktop.open_with_system(path.parent),
                        SET_PASSWORD: lambda path: desktop.ask_password(self.core, path, self.notices.show) and self.check()}
        if kind == QUIT:
            self.request_quit()
        elif kind == REQUEST_NEW:                 # keystore: the expired one it replaces, or none
            self.work.request_new(keystore)
            self.check()
        elif kind in simple:
            simple[kind]()
            self.refresh()
        elif kind in for_keystore and keystore is not None:
            for_keystore[kind](keystore)
            self.refresh()
        else:
            log.warning("intent %s is not understood", kind)

    def check(self) -> None:
        """Rescans the folders, moves renewals on, shows the reminders that are due, publishes the state."""
        started = time.monotonic()
        self.rescan()
        scan_seconds = time.monotonic() - started
        self.drive_renewals(reconcile=True)
        self._publish(scan_seconds)                 # metrics and calendar after every check
        self.remind()
        self.refresh()

    def _publish(self, scan_seconds: float | None = None) -> None:
        if self.exporter is not None:
            self.exporter.report(self.records, self.failures, scan_seconds)

    def rescan(self, records=None, late: bool = False) -> None:
        """The scan runs off the dispatcher (``actions/scanning.py``): a stuck share never stalls it."""
        records = records if late else self.scans.run()
        self.records = records if records is not None else self.records
        if late:
            self._publish()
            self.remind()
            self.refresh()

    def check_mail(self) -> None:
        try:
            events = self.mailbox.check_once()
        except EhwatchError as exc:
            self._on_mail_problem(exc)
            return
        self.failures.pop("mail", None)
        for event in events:
            self._on_mail_event(event)

    def _on_mail_event(self, event) -> None:
        """A mail from eHealth is a hint for the renewal engine (which asks eHealth to confirm)."""
        self.failures.pop("mail", None)
        self.drive_renewals(mail=event.reading)
        self.refresh()

    def _on_mail_recovered(self) -> None:       # the mailbox answers again: the tray stops saying otherwise
        self.failures.pop("mail", None)
        self._publish()
        self.refresh()

    def _on_mail_problem(self, problem) -> None:
        key, params = ((problem.key, problem.params) if isinstance(problem, EhwatchError)
                       else ("daemon.mail_stopped", {"detail": type(problem).__name__}))
        self.failures["mail"] = Failure("mail", key, params)
        self._publish()                             # the mailbox watcher's state, at once
        self.remind()
        self.refresh()

    def drive_renewals(self, reconcile: bool = False, mail=None) -> None:
        self.work.drive(self.records if reconcile else None, mail)
        self.renewals = self.work.renewals

    def remind(self) -> None:
        failures = list(self.failures.values()) + snapshots.renewal_failures(self.renewals) \
            + snapshots.record_failures(self.records, self.policy.is_muted)
        for reminder in self.policy.due(snapshots.reminder_records(self.records), failures, self.renewals,
                                        together=not self.notices.headless):
            if self.notices.show(reminder.title(self.core.language), reminder.body(self.core.language),
                           keystore=reminder.keystore, renew_action=reminder.renew_action, urgency=reminder.urgency):
                self.policy.mark_sent(reminder)

    def show_status(self) -> None:
        """The status window (a notification without a window): "Open" on a summary, the icon, a second start."""
        current = self.snapshot()
        self.notices.show_status(current, self.core.t("daemon.status.title"),
                                 "\n".join([self.describe(current), *current.problems]))

    def settings(self) -> None:
        """"Settings…": the window, then what changed applied without a restart (issue 13)."""
        from ehwatch.tray import settings

        changed = settings.edit(self.core, self.notices.show)
        if "language" in changed:
            for part in (self.tray, self.notices.notifier):
                if part is not None:
                    part.lang = self.core.language
        if changed & {"mail.host", "mail.username", "mail.password"}:
            self.mailbox.stop()
            self.mailbox = MailboxThread(self.core, self.intents.put, self._on_mail_event, self._on_mail_problem,
                                         self._on_mail_recovered)
            self.mailbox.start(self._start_thread)
        if changed:
            self.check()

    def snapshot(self) -> Snapshot:
        current = snapshots.build(self.core, self.records, self.renewals, list(self.failures.values()),
                                  self.policy.paused_until(), self.notices.failed, autostart.is_enabled())
        current.muted = self.policy.muted()
        return current

    def describe(self, current: Snapshot) -> str:  # the tray's tooltip: the icon and a notification agree
        from ehwatch.tray.menu import tooltip

        return tooltip(current, self.core.language)

    def refresh(self) -> None:
        """Publishes the current state to the tray (and the log, for --no-tray)."""
        current = self.snapshot()
        log.info("state %s: %s", current.overall, self.describe(current).replace("\n", " "))
        if self.tray is not None:
            try:
                self.tray.update(current)
            except Exception:
                log.exception("tray update failed")
