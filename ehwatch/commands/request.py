"""``ehwatch request``: a new eHealth certificate, when there is no keystore to renew (the first one,
or the old one expired or was revoked) — the Certificate Manager's "Request a new certificate".

When ``ehwatch run`` is running, the daemon does the work and this terminal answers its questions;
otherwise this command does it, under the per-user writer lock."""
from __future__ import annotations

from pathlib import Path

from ehwatch.commands._terminal import TerminalUI

EPILOG = """For whom: the eID holder by default; --organisation TYPE=ID for an organisation the holder
manages (CBE=…, NIHII-PHARMACY=…, EHP=…); on a terminal without --organisation, ehwatch asks eHealth
which organisations the holder manages and lets you choose. --replaces names an expired or revoked
keystore the new certificate replaces (its folder and environment are used).
Without a terminal (automation), answers are named lines on standard input: new_password=..., pin=...
(the PIN is used once per eID key: an organisation's request signs twice, never after a wrong PIN).
eHealth's conditions are printed; --accept-conditions accepts them, else nothing is sent."""


def register(sub) -> None:
    import argparse

    parser = sub.add_parser("request", help="request a new eHealth certificate (needs the eID)", epilog=EPILOG,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organisation", metavar="TYPE=ID", help="an organisation the eID holder manages")
    parser.add_argument("--application-id", metavar="ID", help="an application id (organisations only)")
    parser.add_argument("--folder", type=Path, help="where to write the new keystore (default: the first "
                                                    "keystore folder)")
    parser.add_argument("--replaces", type=Path, metavar="KEYSTORE", help="the expired keystore it replaces")
    parser.add_argument("--acceptance", action="store_true", help="eHealth's acceptance environment")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmations (automation)")
    parser.add_argument("--accept-conditions", action="store_true",
                        help="accept eHealth's conditions (printed) without being asked (automation)")
    parser.add_argument("--trace", type=Path, metavar="DIR",
                        help="write every SOAP request and answer to DIR (nothing secret is in them)")
    parser.add_argument("--email", help="private e-mail given to eHealth")
    parser.add_argument("--phone", help="private phone given to eHealth")
    parser.add_argument("--general-email")
    parser.add_argument("--general-phone")
    parser.set_defaults(func=run)


def run(core, args) -> int:
    import sys

    from ehwatch import actions
    from ehwatch.actions.request import environment_of

    ui = TerminalUI(core.language, assume_yes=args.yes, accept_conditions=args.accept_conditions,
                    contact={"email": args.email, "phone": args.phone, "general_email": args.general_email,
                             "general_phone": args.general_phone})
    from ehwatch.actions.request import replacing

    request = {"folder": str(Path(args.folder or core.keystore_dirs()[0]).resolve()),
               "environment": environment_of(None, args.acceptance),
               "choose": args.organisation is None and sys.stdin.isatty() and not args.yes}
    if args.replaces:                  # the same holder or organisation as the keystore it replaces
        request = replacing(args.replaces)
        if args.folder:
            request["folder"] = str(args.folder.resolve())
    if args.organisation:
        request["organisation"] = args.organisation
    if args.application_id:
        request["application_id"] = args.application_id
    return actions.perform(core, "request", ui, {**request, "yes": args.yes,
                                                  "trace": str(args.trace.resolve()) if args.trace else None})
