"""``ehwatch renew KEYSTORE``: the interactive start of a renewal (request signed with the eID).

When ``ehwatch run`` is running, the daemon does the renewal and this terminal answers its questions;
otherwise this command does it, under the per-user writer lock."""
from __future__ import annotations

from pathlib import Path

from ehwatch.commands._terminal import TerminalUI

EPILOG = """Without a terminal (automation), answers are read from standard input as named lines, each
used only for its own question: old_password=... (when the keyring has none), new_password=...,
pin=... . An answer that is asked and not given stops the renewal before anything is signed.
eHealth's conditions are printed; --accept-conditions accepts them, else the renewal stops."""


def register(sub) -> None:
    import argparse

    parser = sub.add_parser("renew", help="renew the certificate of a keystore (needs the eID)", epilog=EPILOG,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("keystore", type=Path)
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
    from ehwatch import actions

    ui = TerminalUI(core.language, assume_yes=args.yes, accept_conditions=args.accept_conditions,
                    contact={"email": args.email, "phone": args.phone, "general_email": args.general_email,
                             "general_phone": args.general_phone})
    return actions.perform(core, "renew", ui, {"keystore": str(args.keystore.resolve()), "yes": args.yes,
                                                "trace": str(args.trace.resolve()) if args.trace else None})
