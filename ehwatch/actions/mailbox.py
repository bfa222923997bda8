"""The daemon's mailbox: the IMAP watcher in its own thread, reporting on the daemon's queue.

A trusted "produced" mail is a hint for the renewals (the engine then asks eHealth); a watcher that
stops (authentication refused, a crash) is a failure the user sees in the tray and a notification."""
from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ehwatch.core import Core
    from ehwatch.mail.watcher import MailEvent, MailWatcher

log = logging.getLogger(__name__)


class MailboxThread:
    def __init__(self, core: Core, put: Callable[[Callable[[], object]], None],
                 on_event: Callable[[MailEvent], None], on_problem: Callable[[Exception], None],
                 on_recovered: Callable[[], object] | None = None) -> None:
        self.core = core
        self.put = put                      # the daemon's queue: the handlers run on its dispatcher
        self.on_event = on_event
        self.on_problem = on_problem
        self.on_recovered = on_recovered
        self.watcher: MailWatcher | None = None
        self._stop = threading.Event()

    def start(self, start_thread: Callable[[str, Callable[[], None]], object]) -> None:
        if not self.core.config.mail.host:
            return
        from ehwatch.mail.watcher import MailWatcher

        self.watcher = MailWatcher(self.core,
                                   on_event=lambda event: self.put(lambda: self.on_event(event)),
                                   on_problem=lambda problem: self.put(lambda: self.on_problem(problem)),
                                   on_recovered=self._recovered)
        start_thread("ehwatch-mail", self.run)

    def _recovered(self) -> None:
        if self.on_recovered is not None:
            self.put(self.on_recovered)

    def run(self) -> None:
        watcher = self.watcher
        if watcher is None:         # started only once a watcher exists (``start``)
            return
        try:
            watcher.run(self._stop)
        except Exception as exc:
            log.exception("the mail watcher stopped")
            # bound now: Python unbinds ``exc`` when the except block ends, before the call runs
            self.put(functools.partial(self.on_problem, exc))
        finally:
            self.core.store.close()

    def check_once(self) -> list[MailEvent]:
        """One pass now (the tray's "Check the mailbox"); nothing when no mailbox is set."""
        return self.watcher.check_once() if self.watcher is not None else []

    def stop(self) -> None:
        self._stop.set()
