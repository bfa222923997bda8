"""How the daemon speaks to the user: desktop notifications (``tray/notify.py``, with their Renew
and Open-the-folder buttons), and its own output when it runs without a tray (``--no-tray``: a
terminal or the journal). A notification that could not be shown is logged and remembered, so the
tray icon can say that notifications do not reach the user (``failed``)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class Notices:
    def __init__(self, core: Any, put: Callable[[Any], None], on_failed_changed: Callable[[], None]) -> None:
        self.core = core
        self.put = put                              # the daemon's queue (a notification's buttons)
        self.on_failed_changed = on_failed_changed  # the tray shows whether notifications work
        self.notifier: Any = None
        self.headless = True
        self.failed = False

    def open(self, tray: Any, headless: bool) -> None:
        self.headless = headless
        try:
            from ehwatch.tray.notify import Notifier

            self.notifier = Notifier(self.put, self.core.language, tray=tray)
        except Exception:
            log.exception("no notification service")

    def show(self, title: str, body: str, keystore: Path | None = None, renew_action: bool = False,
             urgency: str = "normal", folder_action: bool = False) -> bool:
        """Shows a notification; when that fails, says so in the log and on the tray icon."""
        shown = False
        if self.notifier is not None:
            try:
                shown = bool(self.notifier.show(title, body, keystore=keystore, renew_action=renew_action,
                                                urgency=urgency, folder_action=folder_action))
            except Exception:
                log.exception("notification failed")
        if self.headless:                               # --no-tray: the terminal or the journal
            print(f"{title}: {body}", flush=True)
            shown = True
        if not shown:
            log.warning("notification not shown: %s: %s", title, body)
        if self.failed == shown:
            self.failed = not shown
            self.on_failed_changed()
        return shown

    def close(self) -> None:
        if self.notifier is not None:
            try:
                self.notifier.close()
            except Exception:
                log.exception("closing the notifier")
