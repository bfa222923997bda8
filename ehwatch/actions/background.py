"""The daemon's renewal work, one piece at a time on its dispatcher thread, under the writer lock.

- ``drive``: the disk's word (reconcile with the scan), a mail's hint, then every waiting renewal
  moved on; a finished one's "use this file" notice is shown once; a wake-up is asked for the next
  moment a renewal is due. A command holding the writer lock (started before the daemon) only delays
  this by a minute.
- ``serve_request``: a command's state-changing action, its questions answered at its terminal.
- ``renew`` / ``acknowledge``: the tray's and the notifications' buttons.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ehwatch import actions, writer
from ehwatch.actions import handover
from ehwatch.errors import EhwatchError

if TYPE_CHECKING:
    import socket

    from ehwatch.actions.ui import Notify
    from ehwatch.core import Core
    from ehwatch.mail.reading import MailReading
    from ehwatch.monitor.inventory import KeystoreRecord
    from ehwatch.renewal.engine import Engine
    from ehwatch.renewal.lifecycle import Renewal

log = logging.getLogger(__name__)

BUSY_RETRY = dt.timedelta(seconds=60)


class RenewalWork:
    def __init__(self, core: Core, notify: Notify, wake_at: Callable[[dt.datetime], None]) -> None:
        self.core = core
        self.notify = notify            # (title, body, keystore=…, folder_action=…, urgency=…) -> shown
        self.wake_at = wake_at          # (moment) -> the daemon calls ``drive`` again then
        self.renewals: list[Renewal] = []        # the open lifecycles, for the tray

    def drive(self, records: Sequence[KeystoreRecord] | None = None, mail: MailReading | None = None) -> None:
        from ehwatch.renewal.engine import Engine

        engine = Engine(self.core)
        try:
            with writer.exclusive(wait=0):
                if records is not None:
                    from ehwatch.actions import password

                    password.resume(self.core)              # a password change a crash interrupted
                    engine.reconcile(records)
                if mail is not None:
                    engine.on_mail(mail)
                engine.drive_all()
                self._notify_handovers(engine)
        except writer.WriterBusy:
            log.info("a command is changing renewals: moving them on a minute later")
            self.wake_at(dt.datetime.now(dt.UTC) + BUSY_RETRY)
        except EhwatchError as exc:
            log.warning("renewals could not move on: %s", exc)
        self.renewals = engine.lifecycles.open()
        due = [moment for r in self.renewals if r.waiting for moment in (r.next_attempt_at, r.available_from)
               if moment]
        if due:
            self.wake_at(min(due))

    def _notify_handovers(self, engine: Engine) -> None:
        for renewal in engine.lifecycles.notices():
            if renewal.notified_at is None:
                title, body = handover.notice(self.core, renewal)
                keystore = Path(renewal.new_keystore) if renewal.new_keystore else None
                self.notify(title, body, keystore=keystore, folder_action=True)
                engine.mark_notified(renewal)

    def serve_request(self, conn: socket.socket, request: dict[str, Any]) -> None:
        from ehwatch import control

        op, args = str(request.get("request")), dict(request.get("args") or {})
        log.info("a command asks: %s", op)
        channel = control.LineChannel(conn)
        try:
            if op not in actions.STATE_CHANGING:
                raise EhwatchError("control.unknown_request", op=op)
            with writer.exclusive(wait=actions.WRITER_WAIT_SECONDS):
                control.serve(channel, lambda ui: actions.run(self.core, op, ui, args))
        except EhwatchError as exc:
            try:
                channel.send({"failed": {"key": exc.key, "params": exc.params}})
            except control.Disconnected:
                pass
            channel.close()

    def renew(self, keystore: Path) -> None:
        self._interactive("renew", keystore)

    def change_password(self, keystore: Path) -> None:
        self._interactive("password_change", keystore)

    def request_new(self, keystore: Path | None) -> None:
        """A new certificate: replacing ``keystore`` (expired or revoked), or for whom the user chooses."""
        from ehwatch.actions import request

        self._interactive("request", keystore, request.tray_args(self.core, keystore))

    def revoke(self, keystore: Path) -> None:
        self._interactive("revoke", keystore)

    def _interactive(self, op: str, keystore: Path | None, args: dict[str, Any] | None = None) -> None:
        """A state-changing action from the tray: questions in dialogs, the outcome as a notification."""
        from ehwatch.renewal.stops import Cancelled
        from ehwatch.tray.renewal_ui import DialogUI

        try:
            with writer.exclusive(wait=actions.WRITER_WAIT_SECONDS):
                actions.run(self.core, op, DialogUI(self.core.language, self.notify),
                            args if args is not None else {"keystore": str(keystore)})
        except Cancelled:
            pass
        except EhwatchError as exc:
            log.warning("%s of %s stopped: %s", op, keystore.name if keystore else "-", exc.key)
            self.notify(self.core.t("renewal.stopped_title"), exc.message(self.core.language), keystore=keystore,
                        urgency="critical")

    def acknowledge(self, keystore: Path) -> None:
        from ehwatch.tray.renewal_ui import DialogUI

        try:
            with writer.exclusive(wait=actions.WRITER_WAIT_SECONDS):
                actions.run(self.core, "acknowledge", DialogUI(self.core.language, None), {"keystore": str(keystore)})
        except EhwatchError as exc:
            log.warning("acknowledging %s: %s", keystore.name, exc.key)
