"""How the daemon speaks to the user: desktop notifications (``tray/notify.py``, with their Renew
and Open-the-folder buttons), and its own output when it runs without a tray (``--no-tray``: a
terminal or the journal). A notification that could not be shown is logged and remembered, so the
tray icon can say that notifications do not reach the user (``failed``).

``show_status`` is what "Open" does (on the start-up summary, a click on the icon, a second start):
the status window, one row per certificate with its next step as a button; the button chosen comes
back as an intent on the daemon's queue. The window runs in its own thread, so the dispatcher goes on
while it is open; where no window can open, the status is a notification as before."""
from __future__ import annotations

import logging
import threading
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
        self._status_window: threading.Thread | None = None

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

    def show_status(self, snapshot: Any, title: str, body: str) -> None:
        """The status window for ``snapshot``; ``title`` and ``body``: the notification shown instead
        where there is no window (no tray, no display). One window at a time."""
        if self.headless:
            self.show(title, body)
            return
        if self._status_window is not None and self._status_window.is_alive():
            log.info("the status window is already open")
            return
        self._status_window = threading.Thread(target=self._status, args=(snapshot, title, body),
                                               name="ehwatch-status", daemon=True)
        self._status_window.start()

    def _status(self, snapshot: Any, title: str, body: str) -> None:
        from ehwatch import i18n
        from ehwatch.tray import dialogs
        from ehwatch.tray.menu import status_rows

        lang = self.core.language
        rows = status_rows(snapshot, lang)
        intents: dict[str, Any] = {}
        shown_rows: list[tuple[str, list[tuple[str, str]]]] = []
        for text, actions in rows:
            buttons = []
            for intent, label in actions:
                action_id = f"a{len(intents)}"
                intents[action_id] = intent
                buttons.append((action_id, label))
            shown_rows.append((text, buttons))
        try:
            chosen = dialogs.show_status(i18n.t("tray.status.title", lang), i18n.t("tray.status.intro", lang),
                                         shown_rows, lang, close_label=i18n.t("tray.status.close", lang))
        except dialogs.DialogUnavailable:
            self.show(title, body)
            return
        except Exception:
            log.exception("the status window failed")
            self.show(title, body)
            return
        if chosen in intents:
            log.info("status window: %s chosen", intents[chosen].kind)
            self.put(intents[chosen])

    def close(self) -> None:
        if self.notifier is not None:
            try:
                self.notifier.close()
            except Exception:
                log.exception("closing the notifier")
