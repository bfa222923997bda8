"""``ehwatch demo [--json]``: a full renewal against the sandbox in a throw-away folder."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path


def register(sub) -> None:
    parser = sub.add_parser("demo", help="a whole renewal against a local sandbox (safe)",
                            description="Watch a whole renewal happen against a local sandbox: nothing real is "
                                        "touched.")
    parser.add_argument("--json", action="store_true", help="print a summary as JSON")
    parser.add_argument("--dir", type=Path, help="folder to use (default: a new temporary folder)")
    parser.add_argument("--produce-after", type=float, default=3.0, metavar="SECONDS", help="seconds before the sandbox produces")
    parser.add_argument("--no-mail", action="store_true", help="do not start a mailbox; complete by polling")
    parser.set_defaults(func=run)


def run(core, args) -> int:
    from ehwatch.sandbox.demo import run_demo

    def progress(key, **params):
        if not args.json:
            print(core.t(key, **params), flush=True)

    summary = run_demo(args.dir, produce_after=args.produce_after, use_mail=False if args.no_mail else None,
                       progress=progress)
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print(core.t("demo.done", new=Path(summary["new_keystore"]).name, password=summary["keystore_password"],
                 date=dt.date.fromisoformat(summary["not_after"][:10]),
                 folder=summary["folder"], seconds=summary["total_seconds"]))
    return 0
