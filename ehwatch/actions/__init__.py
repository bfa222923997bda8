"""What the user can do, written once and used by both the commands and the daemon (borgmatic's split
of what an action does from how it is invoked).

A state-changing action is ``run(core, ui, args) -> exit code``: ``ui`` is whoever is in front of
the screen (a terminal, the tray's dialogs, or a terminal talking to the daemon through
``control.py``) and ``args`` plain JSON-able data, so the same request can travel over the socket.
``perform`` is how a command runs one: through the daemon when it runs, else itself under the
writer lock (``writer.py``).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ehwatch import control, writer

if TYPE_CHECKING:
    from ehwatch.actions.ui import ActionUI
    from ehwatch.core import Core

# state-changing actions, by the name a request carries
STATE_CHANGING = {
    "renew": "ehwatch.actions.renew",
    "complete": "ehwatch.actions.complete",
    "acknowledge": "ehwatch.actions.handover",
    "password_change": "ehwatch.actions.password",
    "request": "ehwatch.actions.request",
    "revoke": "ehwatch.actions.revoke",
}
WRITER_WAIT_SECONDS = 15 * 60


def run(core: Core, op: str, ui: ActionUI, args: dict[str, Any]) -> int:
    """Runs a state-changing action here (the caller holds the writer lock)."""
    module = importlib.import_module(STATE_CHANGING[op])
    return int(module.run(core, ui, args) or 0)


def perform(core: Core, op: str, ui: ActionUI, args: dict[str, Any]) -> int:
    """A command's state-changing action: the daemon does it when it runs (the command answers its
    questions and shows its progress); otherwise this process does, holding the writer lock."""
    answered = control.call(op, args, ui)
    if answered is not None:
        return answered
    with writer.exclusive(wait=WRITER_WAIT_SECONDS, on_wait=lambda: ui.tell("writer.waiting")):
        return run(core, op, ui, {**args, "local": True})
