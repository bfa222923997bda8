"""``ehwatch complete [KEYSTORE]``: run the completion now (fetch, install, ETK) where possible."""
from __future__ import annotations

from pathlib import Path

from ehwatch.commands._terminal import TerminalUI
from ehwatch.commands.renew import _report


def register(sub) -> None:
    parser = sub.add_parser("complete", help="complete waiting renewals now (no eID needed)")
    parser.add_argument("keystore", type=Path, nargs="?", help="old or new keystore; all renewals when omitted")
    parser.set_defaults(func=run)


def run(core, args) -> int:
    from ehwatch.renewal import lifecycle as lc
    from ehwatch.renewal.engine import Engine

    engine = Engine(core)
    ui = TerminalUI(core.language)
    if args.keystore:
        path = args.keystore.resolve()
        renewal = engine.lifecycles.for_keystore(path) or engine.lifecycles.by_new_keystore(path)
        if renewal is None:
            ui.tell("cli.complete.none_for", file=path.name)
            return 1
        chosen = [renewal]
    else:
        chosen = [r for r in engine.lifecycles.open() if r.state in lc.ACTIVE]
        if not chosen:
            ui.tell("cli.complete.nothing")
            return 0
    worst = 0
    for renewal in chosen:
        renewal = engine.drive(renewal, force=True)
        ui.say(f"{Path(renewal.old_keystore).name}: {core.t('renewal.state.' + renewal.state)}")
        _report(core, ui, renewal)
        if renewal.needs_you:
            worst = 2
        elif renewal.state != lc.DONE:
            worst = max(worst, 1)
    return worst
