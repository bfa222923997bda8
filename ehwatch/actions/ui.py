"""Whom an action talks to, as the type checker sees it (nothing here runs).

``ActionUI``: a renewal's questions and messages (``renewal.start.RenewalUI``) plus free text said as
it is; the terminal's ``TerminalUI``, the tray's ``DialogUI`` and the daemon's ``control.RemoteUI`` all
are one. ``Notify``: the daemon's notification function. Both live under ``TYPE_CHECKING`` so that
importing the actions never loads the renewal modules (and their crypto libraries) in the daemon.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Protocol

    from ehwatch.renewal.start import RenewalUI

    class ActionUI(RenewalUI, Protocol):
        def say(self, text: str) -> None: ...

    class Notify(Protocol):
        """``(title, body, keystore=…, folder_action=…, urgency=…)``: shows a notification."""

        def __call__(self, title: str, body: str, *, keystore: Path | None = ..., folder_action: bool = ...,
                     urgency: str = ...) -> object: ...
