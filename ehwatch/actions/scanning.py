"""The daemon's scan, off its dispatcher thread: a network share that stops answering never stalls
menu clicks, mail events or a command's request.

``run`` starts the scan in its own thread and waits at most ``SCAN_WAIT_SECONDS``. In time, it returns
the records; late, it returns None (the daemon goes on with its last records) and the late records
reach the daemon later through its queue (``on_late``, run on the dispatcher). One scan at a time. A
failed scan is the daemon's "scan" failure (shown in the tray) until a scan succeeds again.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypedDict

from ehwatch.errors import EhwatchError

if TYPE_CHECKING:
    from ehwatch.core import Core
    from ehwatch.monitor.inventory import KeystoreRecord
    from ehwatch.reminders import Failure

log = logging.getLogger(__name__)

SCAN_WAIT_SECONDS = 30.0


class _Outcome(TypedDict, total=False):
    records: list[KeystoreRecord]
    error: EhwatchError


class ScanOffDispatcher:
    def __init__(self, core: Core, put: Callable[[Callable[[], object]], None], failures: dict[str, Failure],
                 on_late: Callable[[list[KeystoreRecord] | None], object]) -> None:
        self.core = core
        self.put = put                  # the daemon's queue
        self.failures = failures        # the daemon's failures, shown in the tray
        self.on_late = on_late          # (records or None) -> None, on the dispatcher
        self._thread: threading.Thread | None = None

    def run(self, wait: float | None = None) -> list[KeystoreRecord] | None:
        """The records, or None: the scan failed, is late, or the previous one has not finished."""
        if self._thread is not None and self._thread.is_alive():
            log.warning("the previous scan has not finished; keeping the last results")
            return None
        outcome: _Outcome = {}
        state = {"done": False, "late": False}
        lock = threading.Lock()

        def work() -> None:
            from ehwatch.monitor.inventory import scan

            try:
                outcome["records"] = list(scan(self.core, self.core.keystore_dirs()).records)
            except EhwatchError as exc:
                outcome["error"] = exc
            except Exception:           # logged; the last records stay
                log.exception("scan failed")
            finally:
                self.core.store.close()          # this thread's connection
                with lock:
                    state["done"] = True
                    late = state["late"]
                if late:
                    self.put(lambda: self.on_late(self._apply(outcome)))

        self._thread = threading.Thread(target=work, name="ehwatch-scan", daemon=True)
        self._thread.start()
        self._thread.join(SCAN_WAIT_SECONDS if wait is None else wait)
        with lock:
            if not state["done"]:
                state["late"] = True
                log.warning("the keystore scan takes more than %d s; going on with the last results",
                            SCAN_WAIT_SECONDS if wait is None else wait)
                return None
        return self._apply(outcome)

    def _apply(self, outcome: _Outcome) -> list[KeystoreRecord] | None:
        from ehwatch.reminders import Failure

        if "records" in outcome:
            self.failures.pop("scan", None)
            return outcome["records"]
        if "error" in outcome:
            log.warning("scan failed: %s", outcome["error"])
            self.failures["scan"] = Failure("scan", outcome["error"].key, outcome["error"].params)
        return None
