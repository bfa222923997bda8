"""The renewal engine: the doors to the world and the loop that walks a lifecycle.

Two halves, as the user lives them:
- ``start`` (``start.py``) is interactive: every answer, then the PIN, then the request at once.
- ``drive`` (``completion.py``) is not (the daemon, or ``ehwatch complete``): wait for the
  certificate, install it, create and activate the ETK, run the hooks, and leave the "use this file"
  notice to be shown. It never needs the eID.

Every state change is written before the act it announces (``lifecycle``); each step answers with
the lifecycle in its next state or an ``outcomes`` value, which ``settle`` turns into a wait, a
retry or a needs-you state — the one place where eHealth's answers become states. The engine is
driven by one writer at a time (``ehwatch.writer``); it never shows anything itself.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ehwatch.errors import EhwatchError
from ehwatch.renewal import outcomes, reconcile
from ehwatch.renewal.lifecycle import Lifecycles, Renewal, StaleState, State
from ehwatch.renewal.stops import Cancelled, RenewalStopped  # noqa: F401  (the engine's public words)

if TYPE_CHECKING:
    from ehwatch.core import Core
    from ehwatch.mail.reading import MailReading
    from ehwatch.monitor.inventory import KeystoreRecord
    from ehwatch.renewal.client import EhealthClient
    from ehwatch.renewal.completion import Completion
    from ehwatch.renewal.eid import Eid, PinCallback
    from ehwatch.renewal.start import RenewalUI

log = logging.getLogger(__name__)

MAX_STEPS = 16


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Engine:
    """Drives lifecycles. ``client_for(environment)`` and ``open_eid(pin_callback)`` are the two doors
    to the world; tests and the demo point them at the sandbox and SoftHSM through the config."""

    def __init__(self, core: Core, now: Callable[[], dt.datetime] = _now, trace_dir: str | None = None) -> None:
        self.core = core
        self.trace_dir = trace_dir or core.config.ehealth.trace_dir or None
        self.lifecycles = Lifecycles(core.store)
        self.now = now
        self._completion: Completion | None = None

    @property
    def completion(self) -> Completion:
        """The completion steps, loaded when a renewal is under way (they bring the crypto libraries;
        a daemon with nothing to complete stays lean)."""
        if self._completion is None:
            from ehwatch.renewal.completion import Completion

            self._completion = Completion(self)
        return self._completion

    # ---- doors to the world (overridable by configuration, not by mocks)
    def client_for(self, environment: str) -> EhealthClient:
        from ehwatch.renewal.client import EhealthClient

        return EhealthClient.from_config(self.core, environment, trace_dir=self.trace_dir)

    def open_eid(self, pin_callback: PinCallback) -> Eid:
        from ehwatch.renewal.eid import Eid

        return Eid(self.core.config.eid.pkcs11_module or None, pin_callback=pin_callback)

    # ---- the interactive start
    def start(self, old_path: Path, ui: RenewalUI, assume_yes: bool = False) -> Renewal:
        """The interactive start (``start.RenewalStart``): every answer, then the PIN, then the request."""
        from ehwatch.renewal.start import RenewalStart

        return RenewalStart(self).run(old_path, ui, assume_yes)

    # ---- the completion
    def drive(self, renewal: Renewal, force: bool = False) -> Renewal:
        """Advances one lifecycle as far as it can go now. Safe to call any time, after any crash.
        Reads the row again first: another writer may have moved it since it was read."""
        renewal = self.lifecycles.get(renewal.id) or renewal
        for _ in range(MAX_STEPS):
            previous = (renewal.state, renewal.version)
            renewal = self._step(renewal, force)
            force = False
            if (renewal.state, renewal.version) == previous or not renewal.waiting:
                break
            if renewal.state is State.RETRY:
                break
        return renewal

    def drive_all(self, force: bool = False) -> list[Renewal]:
        return [self.drive(r, force) for r in self.lifecycles.waiting()]

    def _step(self, renewal: Renewal, force: bool) -> Renewal:
        if renewal.state is State.RETRY:
            if not force and renewal.next_attempt_at and renewal.next_attempt_at > self.now():
                return renewal
            renewal = self.lifecycles.transition(renewal, renewal.resume_state or State.REQUESTED, note="retrying")
        try:
            result = self.completion.step(renewal, force)
        except RenewalStopped as exc:
            return self.lifecycles.stop_for_user(renewal, exc.state, exc)
        except StaleState:
            raise
        except EhwatchError as exc:          # a local failure (disk, keyring): passing, try again later
            log.warning("renewal %s: %s, will retry", renewal.id, exc.key)
            return self.lifecycles.fail_for_retry(renewal, exc, self.now())
        return result if isinstance(result, Renewal) else self.settle(renewal, result)

    def settle(self, renewal: Renewal, outcome: outcomes.Outcome) -> Renewal:
        """An eHealth answer that did not move the lifecycle: wait, retry, or stop for the user."""
        if isinstance(outcome, outcomes.Refused):
            return self.lifecycles.stop_for_user(renewal, State.REFUSED, outcome.error(renewal.request_number))
        if isinstance(outcome, outcomes.Unreachable):
            log.warning("renewal %s: %s, will retry", renewal.id, outcome.error.key)
            return self.lifecycles.fail_for_retry(renewal, outcome.error, self.now())
        if isinstance(outcome, outcomes.NotYet):
            return self.lifecycles.save(renewal, note="not yet delivered", next_attempt_at=self.now()
                                        + dt.timedelta(hours=self.core.config.renewal.poll_hours))
        return renewal

    # ---- what the disk and the mailbox say
    def reconcile(self, inventory_records: Iterable[KeystoreRecord]) -> None:
        reconcile.reconcile(self.lifecycles, inventory_records)

    def on_mail(self, reading: MailReading) -> Renewal | None:
        return reconcile.on_mail(self.lifecycles, reading, self.now())

    # ---- the hand-over notice
    def mark_notified(self, renewal: Renewal) -> Renewal:
        return self.lifecycles.save(renewal, note="notice shown", notified_at=self.now())

    def acknowledge(self, renewal: Renewal) -> Renewal:
        """The user saw which file to use now: the renewal is done."""
        return self.lifecycles.transition(renewal, State.DONE, note="acknowledged", acknowledged_at=self.now())
