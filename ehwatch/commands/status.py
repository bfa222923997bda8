"""``ehwatch status``: the keystores of the configured folders, their state and what to do.

Exit code 2 if any keystore is expired, unreadable or has a wrong password; else 1 if any is
expiring or locked (or a folder cannot be checked); else 0 — usable from Nagios-style monitoring.
"""
from __future__ import annotations

from ehwatch.commands import add_keystore_dir_option


def register(sub) -> None:
    parser = sub.add_parser("status", help="list the keystores, their expiry and what to do")
    add_keystore_dir_option(parser, "folder to scan instead of the configured ones (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(func=_status)


def _status(core, args) -> int:
    import json

    from ehwatch import i18n
    from ehwatch.monitor import inventory, report

    result = inventory.scan(core)
    if args.json:
        print(json.dumps({
            "keystores": [r.to_json(core.language) for r in result.records],
            "problems": [{"path": p.path, "message": i18n.t(p.key, core.language, **p.params)}
                         for p in result.folder_problems],
        }, ensure_ascii=False, indent=2))
    else:
        print("\n".join(report.table(result, core.language)))
    return result.exit_code()
