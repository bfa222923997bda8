"""``ehwatch renewals [--json] [--history] [--acknowledge KEYSTORE|all]``: every renewal, its state and
the next step; a finished renewal's hand-over notice stays listed until acknowledged."""
from __future__ import annotations

import json
from pathlib import Path

from ehwatch import i18n


def register(sub) -> None:
    parser = sub.add_parser("renewals", help="list renewals, their state and what happens next")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--history", action="store_true", help="finished renewals too, with their dates")
    parser.add_argument("--acknowledge", metavar="KEYSTORE", nargs="?", const="all",
                        help="you have seen which new keystore to use (one keystore, or all)")
    parser.set_defaults(func=run)


def run(core, args) -> int:
    from ehwatch.actions import renewals as listing

    if args.acknowledge:
        from ehwatch import actions
        from ehwatch.commands._terminal import TerminalUI

        keystore = args.acknowledge if args.acknowledge == "all" else str(Path(args.acknowledge).resolve())
        return actions.perform(core, "acknowledge", TerminalUI(core.language), {"keystore": keystore})
    renewals = listing.lifecycles(core, history=args.history)
    if args.json:
        out = []
        for r in renewals:
            item = r.to_json()
            item["state_text"] = core.t(f"renewal.state.{r.state.value}")
            item["next_step"] = listing.next_step(core, r)
            out.append(item)
        print(json.dumps({"renewals": out}, indent=2, ensure_ascii=False))
        return 0
    if not renewals:
        print(core.t("cli.renewals.none"))
        return 0
    for r in renewals:
        print(f"{Path(r.old_keystore).name}  [{core.t('monitor.env.' + r.environment)}]  "
              f"{core.t(f'renewal.state.{r.state.value}')}"
              f"  ({i18n.format_datetime(r.updated_at, core.language)})")
        if r.new_keystore:
            print("    → " + r.new_keystore)
        print("    " + listing.next_step(core, r).replace("\n", "\n    "))
    return 0
