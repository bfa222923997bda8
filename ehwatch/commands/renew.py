"""``ehwatch renew KEYSTORE``: the interactive start of a renewal (request signed with the eID)."""
from __future__ import annotations

import sys
from pathlib import Path

from ehwatch.commands._terminal import TerminalUI


def register(sub) -> None:
    parser = sub.add_parser("renew", help="renew the certificate of a keystore (needs the eID)")
    parser.add_argument("keystore", type=Path)
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmations (automation)")
    parser.add_argument("--email", help="private e-mail given to eHealth")
    parser.add_argument("--phone", help="private phone given to eHealth")
    parser.add_argument("--general-email")
    parser.add_argument("--general-phone")
    parser.set_defaults(func=run)


def run(core, args) -> int:
    from ehwatch.renewal.engine import Engine

    ui = TerminalUI(core.language, assume_yes=args.yes,
                    contact={"email": args.email, "phone": args.phone, "general_email": args.general_email,
                             "general_phone": args.general_phone})
    if not args.keystore.is_file():
        print(core.t("cli.renew.no_such_keystore", file=str(args.keystore)), file=sys.stderr)
        return 2
    engine = Engine(core)
    renewal = engine.start(args.keystore, ui, assume_yes=args.yes)
    renewal = engine.drive(renewal)
    _report(core, ui, renewal)
    return 0


def _report(core, ui, renewal) -> None:
    from ehwatch.renewal import lifecycle as lc

    if renewal.state == lc.DONE:
        from ehwatch.renewal.engine import done_message

        ui.say(done_message(core, renewal)[1])
    elif renewal.last_error_key and renewal.state not in (lc.REQUESTED,):
        ui.tell(renewal.last_error_key, **renewal.last_error_params)
