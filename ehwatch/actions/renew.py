"""Renew one keystore: the interactive start (every answer, one PIN, the request), then as far as
the completion can go now."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ehwatch.actions import handover

if TYPE_CHECKING:
    from ehwatch.actions.ui import ActionUI
    from ehwatch.core import Core


def run(core: Core, ui: ActionUI, args: dict[str, Any]) -> int:
    from ehwatch.renewal.engine import Engine

    keystore = Path(args["keystore"])
    if not keystore.is_file():
        ui.tell("cli.renew.no_such_keystore", file=str(keystore))
        return 2
    engine = Engine(core, trace_dir=args.get("trace"))
    renewal = engine.start(keystore, ui, assume_yes=bool(args.get("yes")))
    renewal = engine.drive(renewal)
    code = handover.report(engine, ui, renewal, local=bool(args.get("local")))
    return 0 if code == 1 else code           # the request was sent: waiting is the expected outcome
