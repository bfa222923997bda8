"""Complete waiting renewals now (no eID): fetch the certificate, install it, the ETK, the hooks."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ehwatch.actions import handover

if TYPE_CHECKING:
    from ehwatch.actions.ui import ActionUI
    from ehwatch.core import Core


def run(core: Core, ui: ActionUI, args: dict[str, Any]) -> int:
    from ehwatch.renewal.engine import Engine

    engine = Engine(core, trace_dir=args.get("trace"))
    if args.get("keystore"):
        renewal = engine.lifecycles.find(args["keystore"])
        if renewal is None:
            ui.tell("cli.complete.none_for", file=Path(args["keystore"]).name)
            return 1
        chosen = [renewal]
    else:
        chosen = engine.lifecycles.waiting() + [r for r in engine.lifecycles.notices() if r.notified_at is None]
        if not chosen:
            ui.tell("cli.complete.nothing")
            return 0
    worst = 0
    for renewal in chosen:
        renewal = engine.drive(renewal, force=True)
        worst = max(worst, handover.report(engine, ui, renewal, local=bool(args.get("local")), name_it=True))
    return worst
