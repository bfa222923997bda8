"""``ehwatch complete [KEYSTORE]``: run the completion now (fetch, install, ETK, hooks) where possible.

Through the running daemon when there is one, else here under the per-user writer lock: two at once
never complete the same renewal twice."""
from __future__ import annotations

from pathlib import Path

from ehwatch.commands._terminal import TerminalUI


def register(sub) -> None:
    parser = sub.add_parser("complete", help="complete waiting renewals now (no eID needed)")
    parser.add_argument("keystore", type=Path, nargs="?", metavar="KEYSTORE",
                        help="old or new keystore; all renewals when omitted")
    parser.add_argument("--trace", type=Path, metavar="DIR",
                        help="write every SOAP request and answer to DIR (nothing secret is in them)")
    parser.set_defaults(func=run)


def run(core, args) -> int:
    from ehwatch import actions

    keystore = str(args.keystore.resolve()) if args.keystore else None
    return actions.perform(core, "complete", TerminalUI(core.language), {"keystore": keystore,
                                                      "trace": str(args.trace.resolve()) if args.trace else None})
