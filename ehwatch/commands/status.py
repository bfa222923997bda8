"""``ehwatch status``: the keystores of the configured folders, their state and what to do.

Exit code 2 if any keystore is expired, unreadable or has a wrong password; else 1 if any is
expiring or locked (or a folder cannot be checked); else 0 — usable from Nagios-style monitoring.
``--format prometheus`` prints the same facts as Prometheus metrics (what ``ehwatch run`` writes for
node_exporter); ``--json`` is ``--format json``.
"""
from __future__ import annotations

from pathlib import Path

from ehwatch.commands import add_keystore_dir_option


def register(sub) -> None:
    parser = sub.add_parser("status", help="list the keystores, their expiry and what to do")
    add_keystore_dir_option(parser, "folder to scan instead of the configured ones (repeatable)")
    parser.add_argument("--format", choices=("table", "json", "prometheus"), default=None,
                        help="table (default), json, or prometheus (metrics exposition text)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON (same as --format json)")
    parser.set_defaults(func=_status)


def _status(core, args) -> int:
    import json
    import time

    from ehwatch import i18n
    from ehwatch.monitor import inventory, report

    output = args.format or ("json" if args.json else "table")
    started = time.monotonic()
    result = inventory.scan(core)
    if output == "prometheus":
        from ehwatch.export import prometheus, publisher

        scan = prometheus.ScanInfo(finished_at=time.time(), duration_seconds=time.monotonic() - started,
                                   scans_total=1, errors_total=0)
        print(prometheus.render(publisher.exposition(core, result.records, scan)), end="")
        return result.exit_code()
    renewals = _renewals(core)
    from ehwatch.actions.renewals import attach

    attach(result.records, [r for r, _ in renewals])   # the old keystore's row: "renewal under way…"
    if output == "json":
        print(json.dumps({
            "keystores": [r.to_json(core.language) for r in result.records],
            "problems": [{"path": p.path, "message": i18n.t(p.key, core.language, **p.params)}
                         for p in result.folder_problems],
            "renewals": [{"keystore": r.old_keystore, "state": r.state.value, "needs_you": r.needs_you,
                          "next_step": step} for r, step in renewals],
        }, ensure_ascii=False, indent=2))
    else:
        print("\n".join(report.table(result, core.language)))
        if renewals:
            print("\n" + core.t("cli.status.renewals"))
            for renewal, step in renewals:
                print(f"  {renewal.holder or renewal.identifier} ({Path(renewal.old_keystore).name}): "
                      f"{core.t(f'renewal.state.{renewal.state.value}')}\n    " + step.replace("\n", "\n    "))
    needs_you = any(r.needs_you for r, _ in renewals)
    return max(result.exit_code(), 1) if needs_you else result.exit_code()


def _renewals(core) -> list:
    """The renewals under way or waiting for the user, each with its next step (eHealth's refusal,
    the request number and whom to call, when it was refused)."""
    from ehwatch.actions.renewals import next_step
    from ehwatch.renewal.lifecycle import Lifecycles

    return [(r, next_step(core, r)) for r in Lifecycles(core.store).open()
            if r.waiting or r.needs_you or r.state.awaiting_acknowledgement]
