"""``ehwatch renewals [--json]``: every renewal lifecycle, its state and the next step."""
from __future__ import annotations

import json
from pathlib import Path

from ehwatch import i18n


def register(sub) -> None:
    parser = sub.add_parser("renewals", help="list renewals, their state and what happens next")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=run)


def next_step(core, renewal) -> str:
    """One sentence: what happens next, or what the user must do."""
    from ehwatch.renewal import lifecycle as lc

    if renewal.state in (lc.REQUESTED, lc.REQUESTING, lc.PRODUCED, lc.INSTALLING, lc.ETK_REGISTERING,
                         lc.ETK_ACTIVATING):
        return core.t("renewal.next.waiting")
    if renewal.state == lc.RETRY:
        problem = core.t(renewal.last_error_key, **renewal.last_error_params) if renewal.last_error_key else ""
        return core.t("renewal.next.retry", problem=problem.rstrip("."),
                      date=renewal.next_attempt_at.date() if renewal.next_attempt_at else "")
    if renewal.state == lc.PIN_BLOCKED:
        return core.t("renewal.next.pin_blocked")
    if renewal.needs_you and renewal.last_error_key:
        return core.t(renewal.last_error_key, **renewal.last_error_params)
    if renewal.state in (lc.DUE, lc.AWAITING_CONFIRMATION):
        return core.t("renewal.next.confirm")
    return core.t("renewal.next.none")


def run(core, args) -> int:
    from ehwatch.monitor.inventory import scan
    from ehwatch.renewal.engine import Engine

    engine = Engine(core)
    engine.reconcile(scan(core).records)   # what the disk says wins (cheap: the scan is cached)
    renewals = engine.lifecycles.all()
    if args.json:
        out = []
        for r in renewals:
            item = r.to_json()
            item["state_text"] = core.t("renewal.state." + r.state)
            item["next_step"] = next_step(core, r)
            out.append(item)
        print(json.dumps({"renewals": out}, indent=2, ensure_ascii=False))
        return 0
    if not renewals:
        print(core.t("cli.renewals.none"))
        return 0
    for r in renewals:
        print(f"{Path(r.old_keystore).name}  [{core.t('monitor.env.' + r.environment)}]  "
              f"{core.t('renewal.state.' + r.state)}"
              f"  ({i18n.format_datetime(r.updated_at, core.language)})")
        if r.new_keystore:
            print("    → " + Path(r.new_keystore).name)
        print("    " + next_step(core, r))
    return 0
