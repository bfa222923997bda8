"""``ehwatch run``: the quiet daemon that starts with the session.

Threads, and why:
- the **main thread** runs the tray (pystray wants it; macOS insists), or just waits with
  ``--no-tray``;
- the **dispatcher thread** is the only one that does work: it drains the intent queue (menu
  clicks, notification actions, scheduler ticks, mail events, a second instance knocking) one at a
  time, so scanning, reminders and renewals never race each other;
- APScheduler's **BackgroundScheduler** only puts intents on that queue (rescan hourly, folder
  polling every 30 s, a wall-clock check every minute that catches a wake from suspend);
- the **mail watcher** runs in its own thread when ``[mail] host`` is set and reports through the
  queue too.
Signals (SIGTERM, SIGINT, SIGHUP at logout) put a QUIT on the queue; shutdown stops the scheduler,
closes the mailbox, and each thread closes its own store connection.
"""
from __future__ import annotations

import datetime as dt
import importlib
import logging
import os
import queue
import shlex
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from ehwatch import __version__, config as config_mod, fileutil, i18n, paths
from ehwatch.errors import EhwatchError
from ehwatch.events import (ABOUT, CHECK_MAIL, CHECK_NOW, MUTE, OPEN_FOLDER, OPEN_MANAGER, PAUSE_DAY, QUIT, RENEW,
                            SET_PASSWORD, SETTINGS, SHOW_STATUS, SNOOZE, TOGGLE_AUTOSTART, Intent, Snapshot)
from ehwatch.instance import InstanceLock
from ehwatch.desktop import autostart
from ehwatch.reminders import Failure, Reminder, ReminderPolicy

log = logging.getLogger(__name__)

RESCAN_SECONDS = 3600
FOLDER_POLL_SECONDS = 30
CLOCK_CHECK_SECONDS = 60
CLOCK_JUMP_SECONDS = 120   # wall clock ahead of the monotonic clock by more: we were suspended
MISFIRE_GRACE_SECONDS = 6 * 3600


def optional_module(name: str):
    """A module another part of ehwatch provides, or None while it does not exist yet."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and name.startswith(exc.name):
            return None
        raise


def folder_signature(folders: list[Path]) -> tuple:
    """Cheap fingerprint of the keystore folders: names, sizes and times of their files."""
    signature = []
    for folder in folders:
        try:
            entries = sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in os.scandir(folder)
                             if e.is_file())
        except OSError:
            entries = None
        signature.append((str(folder), entries))
    return tuple(signature)


def open_with_system(target: Path | str) -> None:
    """Shows a folder or file with the desktop's default application."""
    if sys.platform.startswith("win"):
        os.startfile(str(target))  # type: ignore[attr-defined]
        return
    opener = "open" if sys.platform == "darwin" else "xdg-open"
    subprocess.Popen([opener, str(target)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)


def overall_state(records, problems: list[str], paused: bool) -> str:
    """The icon colour: red (expired, unreadable, a failure) beats orange (expiring, password unknown,
    request pending) beats green; grey when nothing was found or notifications are paused."""
    from ehwatch.monitor import status

    if problems or any(r.status in status.CRITICAL for r in records):
        return "red"
    if paused or not records:
        return "grey"
    if any(r.status in status.WARNING or r.status == status.PENDING for r in records):
        return "orange"
    return "green"


def watched_records(records) -> list:
    """Records that speak for a certificate in use (a replaced one is history)."""
    return [r for r in records if r.status != "superseded"]


def reminder_records(records) -> list:
    """Records whose expiry date was read from the certificate: a date guessed from the file name
    (password unknown) is not worth a countdown; the missing password is what gets notified."""
    return [r for r in watched_records(records) if r.expiry_source == "certificate"]


class Daemon:
    def __init__(self, core, use_tray: bool = True, clock=time.time):
        self.core = core
        self.use_tray = use_tray
        self.clock = clock
        self.intents: queue.SimpleQueue = queue.SimpleQueue()   # put() is safe from a signal handler
        self.stop_event = threading.Event()
        self.policy = ReminderPolicy(core, clock)
        self.instance = InstanceLock(self._on_instance_message)
        self.records: list = []
        self.renewals: list = []                    # open renewal lifecycles (renewal.lifecycle.Renewal)
        self.failures: dict[str, Failure] = {}
        self.notification_failed = False
        self.tray = None
        self.notifier = None
        self.scheduler = None
        self.watcher = None
        self._mail_stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._folders_seen: tuple | None = None
        self._clock_mark = (time.time(), time.monotonic())

    # --- life cycle ---------------------------------------------------------------------------
    def acquire_instance(self) -> bool:
        """False when another ``ehwatch run`` of this user is alive (it was asked to show itself)."""
        return self.instance.acquire()

    def run(self) -> int:
        """Runs until QUIT, a signal or logout. Call ``acquire_instance`` first."""
        log.info("ehwatch %s starting (pid %d)", __version__, os.getpid())
        logging.getLogger("apscheduler").setLevel(logging.WARNING)   # it logs every tick at INFO
        self._install_signal_handlers()
        if self.use_tray:
            self._make_tray()
        self._make_notifier()
        self._start_thread("ehwatch-dispatch", self._dispatch_loop)
        self.intents.put(Intent(CHECK_NOW))         # catch up at start: scan, then reminders
        self._start_scheduler()
        self._start_mail()
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
        """Signal handler too: the tray's loop ends at once, even while the dispatcher is busy (a scan,
        a dialog); shutdown() then lets the dispatcher finish what it was doing."""
        self.stop_event.set()
        if self.tray is not None:
            try:
                self.tray.stop()
            except Exception:               # not running yet: _on_tray_ready stops it
                log.debug("tray not running yet", exc_info=True)
        self.intents.put(Intent(QUIT))

    def _install_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for name in ("SIGTERM", "SIGINT", "SIGHUP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), self.request_quit)

    def shutdown(self) -> None:
        """Stops every part in the reverse order of start; safe to call twice."""
        self.stop_event.set()
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        self._mail_stop.set()
        self.intents.put(None)                      # lets the dispatcher leave its loop
        for thread in self._threads:
            thread.join(timeout=15)
            if thread.is_alive():
                log.warning("thread %s did not stop in time", thread.name)
        self._threads.clear()
        if self.notifier is not None:
            try:
                self.notifier.close()
            except Exception:
                log.exception("closing the notifier")
            self.notifier = None
        self.instance.close()
        log.info("ehwatch stopped")

    def _start_thread(self, name: str, target, *args) -> threading.Thread:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)
        return thread

    # --- parts ------------------------------------------------------------------------------
    def _make_tray(self) -> None:
        # A tray icon never draws with OpenGL, but GDK probes GLX when it starts, and on software
        # rendering that maps Mesa's LLVM (~45 MB RSS). Off while GTK starts; children do not inherit it.
        gl_before = os.environ.get("GDK_GL")
        os.environ["GDK_GL"] = "disable"
        try:
            tray_app = optional_module("ehwatch.tray.app")
            backend, message_keys = (tray_app.choose_backend() if tray_app else (None, []))
            for key in message_keys:
                print(self.core.t(key), file=sys.stderr)
            if backend is not None:
                try:
                    self.tray = tray_app.Tray(self.intents, self.core.language, backend=backend,
                                              manager_available=bool(self.core.config.certificate_manager))
                    log.info("tray backend: %s", self.tray.backend_name)
                    return
                except EhwatchError as exc:
                    print(exc.message(self.core.language), file=sys.stderr)
        finally:
            if gl_before is None:
                os.environ.pop("GDK_GL", None)
            else:
                os.environ["GDK_GL"] = gl_before
        print(self.core.t("daemon.no_tray"), file=sys.stderr)
        log.warning("no tray possible: running without an icon")
        self.use_tray = False

    def _make_notifier(self) -> None:
        notify = optional_module("ehwatch.tray.notify")
        if notify is None:
            return
        try:
            self.notifier = notify.Notifier(self.intents.put, self.core.language, tray=self.tray)
        except Exception:
            log.exception("no notification service")

    def _start_scheduler(self) -> None:
        from apscheduler.schedulers.background import BackgroundScheduler
        from apscheduler.triggers.interval import IntervalTrigger

        self.scheduler = BackgroundScheduler(
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS},
            executors={"default": {"type": "threadpool", "max_workers": 1}})
        self.scheduler.add_job(self.intents.put, IntervalTrigger(seconds=RESCAN_SECONDS), args=[Intent(CHECK_NOW)],
                               id="rescan")
        self.scheduler.add_job(self._poll_folders, IntervalTrigger(seconds=FOLDER_POLL_SECONDS), id="folders")
        self.scheduler.add_job(self._check_clock, IntervalTrigger(seconds=CLOCK_CHECK_SECONDS), id="clock")
        self.scheduler.start()

    def _start_mail(self) -> None:
        if not self.core.config.mail.host:
            return
        watcher_mod = optional_module("ehwatch.mail.watcher")
        if watcher_mod is None:
            log.warning("mail is configured but this ehwatch has no mail watcher")
            return
        self.watcher = watcher_mod.MailWatcher(
            self.core,
            on_event=lambda event: self.intents.put(lambda: self._on_mail_event(event)),
            on_problem=lambda problem: self.intents.put(lambda: self._on_mail_problem(problem)))
        self._start_thread("ehwatch-mail", self._run_mail)

    def _run_mail(self) -> None:
        try:
            self.watcher.run(self._mail_stop)
        except Exception as exc:
            log.exception("the mail watcher stopped")
            # bound now: Python unbinds ``exc`` when the except block ends, before the lambda runs
            self.intents.put(lambda problem=exc: self._on_mail_problem(problem))
        finally:
            self.core.store.close()

    def _on_tray_ready(self, *_args) -> None:
        log.info("tray icon ready")
        if self.stop_event.is_set():                # a signal came while the icon was starting
            self.tray.stop()
            return
        self.intents.put(self.refresh)

    def _on_instance_message(self, message: str) -> None:
        if message == SHOW_STATUS:
            self.intents.put(Intent(SHOW_STATUS))

    # --- scheduler ticks (scheduler thread: they only enqueue) ---------------------------------
    def _poll_folders(self) -> None:
        signature = folder_signature(self.core.keystore_dirs())
        if self._folders_seen is not None and signature != self._folders_seen:
            log.info("a keystore folder changed: rescanning")
            self.intents.put(Intent(CHECK_NOW))
        self._folders_seen = signature

    def _check_clock(self) -> None:
        wall, mono = time.time(), time.monotonic()
        jump = (wall - self._clock_mark[0]) - (mono - self._clock_mark[1])
        self._clock_mark = (wall, mono)
        if abs(jump) > CLOCK_JUMP_SECONDS:
            log.info("the wall clock jumped by %.0f s (suspend?): catching up", jump)
            self.intents.put(Intent(CHECK_NOW))     # the mail watcher notices the jump and reconnects itself

    # --- the dispatcher thread ----------------------------------------------------------------
    def _dispatch_loop(self) -> None:
        try:
            while True:
                item = self.intents.get()
                if item is None:
                    return
                try:
                    if callable(item):
                        item()
                    else:
                        self.dispatch(item)
                except Exception:
                    log.exception("handling %r failed", item)
        finally:
            self.core.store.close()

    def dispatch(self, intent: Intent) -> None:
        """Carries out one user or scheduler intent (on the dispatcher thread)."""
        log.info("intent %s %s", intent.kind, intent.keystore.name if intent.keystore else "")
        kind, keystore = intent.kind, intent.keystore
        if kind == QUIT:
            self.stop_event.set()
            if self.tray is not None:
                self.tray.stop()
        elif kind == CHECK_NOW:
            self.check()
        elif kind == CHECK_MAIL:
            self.check_mail()
        elif kind == RENEW and keystore is not None:
            self.renew(keystore)
        elif kind == SNOOZE and keystore is not None:
            self.policy.snooze(keystore)
            self.refresh()
        elif kind == MUTE and keystore is not None:
            self.policy.mute(keystore)
            self.refresh()
        elif kind == PAUSE_DAY:
            self.policy.pause_all()
            self.refresh()
        elif kind == TOGGLE_AUTOSTART:
            autostart.toggle()
            self.refresh()
        elif kind == OPEN_FOLDER and keystore is not None:
            open_with_system(keystore.parent)
        elif kind == SET_PASSWORD and keystore is not None:
            self.ask_password(keystore)
        elif kind == SETTINGS:
            self.open_settings()
        elif kind == OPEN_MANAGER:
            self.open_manager()
        elif kind == ABOUT:
            self.notify(self.core.t("daemon.about.title"), self.core.t("daemon.about.body", version=__version__))
        elif kind == SHOW_STATUS:
            self.show_status()
        else:
            log.warning("intent %s is not understood", kind)

    # --- work -------------------------------------------------------------------------------
    def check(self) -> None:
        """Rescans the folders, moves renewals on, shows the reminders that are due, publishes the state."""
        self.rescan()
        self.drive_renewals()
        self.remind()
        self.refresh()

    def check_mail(self) -> None:
        if self.watcher is None:
            return
        try:
            events = self.watcher.check_once()
        except EhwatchError as exc:
            self._on_mail_problem(exc)
            return
        self.failures.pop("mail", None)
        for event in events:
            self._on_mail_event(event)
        self.refresh()

    def _on_mail_event(self, event) -> None:
        """A mail from eHealth is a hint for the renewal engine (which asks eHealth to confirm)."""
        self.failures.pop("mail", None)
        from ehwatch.renewal.engine import Engine

        engine = Engine(self.core)
        if engine.on_mail(event.reading) is not None:
            self._drive(engine)
        self.refresh()

    def _on_mail_problem(self, problem) -> None:
        key, params = ((problem.key, problem.params) if isinstance(problem, EhwatchError)
                       else ("daemon.mail_stopped", {"detail": type(problem).__name__}))
        self.failures["mail"] = Failure("mail", key, params)
        self.remind()
        self.refresh()

    def drive_renewals(self) -> None:
        """Lets the renewal engine reconcile with the disk and poll eHealth when its lifecycles say so
        (the engine keeps the timing: poll_hours, the "produced" mail's date). Importing the engine
        is cheap: the SOAP client and lxml load only when a renewal actually talks to eHealth."""
        from ehwatch.renewal.engine import Engine

        engine = Engine(self.core)
        try:
            engine.reconcile(self.records)
        except EhwatchError as exc:
            log.warning("renewals could not be reconciled: %s", exc)
        self._drive(engine)

    def _drive(self, engine) -> None:
        """Moves the renewals on, tells the user about those that just finished, and sets a wake-up
        for the next one that is due (a "produced" mail's date, the next poll, a retry)."""
        from ehwatch.renewal import lifecycle as lc
        from ehwatch.renewal.engine import done_message

        try:
            driven = engine.drive_all()
        except EhwatchError as exc:
            log.warning("renewals could not move on: %s", exc)
            driven = []
        for renewal in driven:
            if renewal.state == lc.DONE and renewal.new_keystore:
                title, body = done_message(self.core, renewal)
                self.notify(title, body, keystore=Path(renewal.new_keystore), folder_action=True)
        self.renewals = engine.lifecycles.open()
        self._schedule_renewal_wakeup()

    def _schedule_renewal_wakeup(self) -> None:
        from apscheduler.triggers.date import DateTrigger
        from ehwatch.renewal import lifecycle as lc

        if self.scheduler is None:
            return
        now = dt.datetime.now(dt.timezone.utc)
        due = [moment for r in self.renewals if r.state in lc.ACTIVE
               for moment in (r.next_attempt_at, r.available_from) if moment and moment > now]
        if not due:
            return
        self.scheduler.add_job(self.intents.put, DateTrigger(run_date=min(due)), args=[self._wake_renewals],
                               id="renewal-wakeup", replace_existing=True)

    def _wake_renewals(self) -> None:
        """The moment a renewal said it would be ready (on the dispatcher thread, like every job)."""
        from ehwatch.renewal.engine import Engine

        self._drive(Engine(self.core))
        self.refresh()

    def rescan(self) -> None:
        inventory_mod = optional_module("ehwatch.monitor.inventory")
        if inventory_mod is None:
            log.warning("this ehwatch has no keystore scanner")
            return
        try:
            self.records = list(inventory_mod.scan(self.core, self.core.keystore_dirs()).records)
            self.failures.pop("scan", None)
        except EhwatchError as exc:
            log.warning("scan failed: %s", exc)
            self.failures["scan"] = Failure("scan", exc.key, exc.params)

    def _record_failures(self) -> list[Failure]:
        """Records with a problem the user must solve (unknown password, unreadable file), unless muted,
        and renewals stopped until the user acts (PIN blocked, refused…)."""
        from ehwatch.monitor import status

        found = [Failure(f"renewal:{r.id}:{r.state}", r.last_error_key, r.last_error_params, Path(r.old_keystore))
                 for r in self.renewals if r.needs_you and r.last_error_key]
        for record in watched_records(self.records):
            if (record.problem and record.status in (status.LOCKED, status.WRONG_PASSWORD, status.UNREADABLE)
                    and not self.policy.is_muted(record.path)):
                found.append(Failure(f"record:{record.path.name}:{record.problem}", record.problem,
                                     record.problem_params, Path(record.path)))
        return found

    def remind(self) -> None:
        failures = list(self.failures.values()) + self._record_failures()
        for reminder in self.policy.due(reminder_records(self.records), failures):
            if self.show_reminder(reminder):
                self.policy.mark_sent(reminder)

    def show_reminder(self, reminder: Reminder) -> bool:
        return self.notify(reminder.title(self.core.language), reminder.body(self.core.language),
                           keystore=reminder.keystore, renew_action=reminder.renew_action, urgency=reminder.urgency)

    def notify(self, title: str, body: str, keystore: Path | None = None, renew_action: bool = False,
               urgency: str = "normal", folder_action: bool = False) -> bool:
        """Shows a notification; when that fails, says so in the log and on the tray icon."""
        shown = False
        if self.notifier is not None:
            try:
                shown = bool(self.notifier.show(title, body, keystore=keystore, renew_action=renew_action,
                                                urgency=urgency, folder_action=folder_action))
            except Exception:
                log.exception("notification failed")
        if not self.use_tray:                           # --no-tray: the terminal or the journal
            print(f"{title}: {body}", flush=True)
            shown = True
        if not shown:
            log.warning("notification not shown: %s: %s", title, body)
        if self.notification_failed == shown:
            self.notification_failed = not shown
            self.refresh()
        return shown

    def renew(self, keystore: Path) -> None:
        """THE place where a renewal starts (tray menu, a notification's Renew): the engine asks its
        questions in dialogs and tells what happened through ``self.notify``; then the new state."""
        from ehwatch.renewal.engine import handle_renew_intent

        handle_renew_intent(self.core, keystore, self)
        self.check()

    def ask_password(self, keystore: Path, tries: int = 3) -> None:
        """The tray's "Set the password…": asked in a dialog, checked against the file, then kept in
        the keyring and the keystore rescanned."""
        from ehwatch.monitor import passwords, pkcs12
        from ehwatch.tray import dialogs

        retry = None
        for _ in range(tries):
            try:
                password = dialogs.ask_keystore_password(keystore.name, self.core.language, retry_message=retry)
            except EhwatchError:
                self.notify(self.core.t("daemon.password_cli.title"),
                            self.core.t("daemon.password_cli.body", file=keystore.name), keystore=keystore)
                return
            if not password:
                return
            try:
                passwords.store_password(keystore, password)
            except pkcs12.WrongPassword:
                retry = self.core.t("daemon.password_wrong", file=keystore.name)
                continue
            self.check()
            return

    def open_settings(self) -> None:
        path = self.core.config.source or paths.config_file()
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                fileutil.write_new_file(path, config_mod.dump(config_mod.Config()).encode("utf-8"))
            except FileExistsError:
                pass
        open_with_system(path)

    def open_manager(self) -> None:
        command = self.core.config.certificate_manager
        if not command:
            self.notify(self.core.t("daemon.no_manager.title"), self.core.t("daemon.no_manager.body"))
            return
        argv = [command] if Path(command).exists() else shlex.split(command)
        try:
            subprocess.Popen(argv, stdin=subprocess.DEVNULL, start_new_session=True)
        except OSError as exc:
            self.notify(self.core.t("daemon.no_manager.title"),
                        self.core.t("daemon.manager_failed", command=command, detail=exc.strerror or str(exc)))

    def show_status(self) -> None:
        snapshot = self.snapshot()
        body = "\n".join([self.describe(snapshot), *snapshot.problems])
        self.notify(self.core.t("daemon.status.title"), body)

    # --- state for the tray -------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        records = watched_records(self.records)
        paused = self.policy.paused_until()
        failures = list(self.failures.values()) + [f for f in self._record_failures() if f.ident.startswith("renewal:")]
        problems = [i18n.t(f.message_key, self.core.language, **f.params) for f in failures]
        if self.notification_failed:
            problems.append(self.core.t("daemon.notifications_failed"))
        state = overall_state(records, problems, paused is not None)
        if any(r.active for r in self.renewals) and state in ("green", "grey"):
            state = "orange"                        # a renewal waits for eHealth
        return Snapshot(keystores=records, renewals=list(self.renewals), overall=state,
                        paused_until=paused,
                        autostart=autostart.is_enabled(), problems=problems)

    def describe(self, snapshot: Snapshot) -> str:
        """The nearest expiry in words: the tray's tooltip, so the icon and a status notification agree."""
        from ehwatch.tray.menu import tooltip

        return tooltip(snapshot, self.core.language)

    def refresh(self) -> None:
        """Publishes the current state to the tray (and the log, for --no-tray)."""
        snapshot = self.snapshot()
        log.info("state %s: %s", snapshot.overall, self.describe(snapshot).replace("\n", " "))
        if self.tray is not None:
            try:
                self.tray.update(snapshot)
            except Exception:
                log.exception("tray update failed")
