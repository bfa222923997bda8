"""``ehwatch revoke KEYSTORE --reason …``: revoke a certificate and its ETK at eHealth (the Certificate
Manager's "Revocation of your eHealth certificate"). Final: software using it stops working."""
from __future__ import annotations

from pathlib import Path

from ehwatch.commands._terminal import TerminalUI

# certra core RevocationReasonType (the schema's enumeration, a subset of RFC 5280's reasons)
REASONS = ("keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation")
EPILOG = """Reasons: keyCompromise (the key or the password may be known to someone else),
affiliationChanged (the holder's details or organisation changed), superseded (replaced by a newer
certificate), cessationOfOperation (the practice or organisation stops).
Without a terminal, answers are named lines on standard input: old_password=... (when the keyring
has none), pin=... ; --yes confirms and --accept-conditions accepts eHealth's revocation contract."""


def register(sub) -> None:
    import argparse

    parser = sub.add_parser("revoke", help="revoke a certificate and its ETK at eHealth (needs the eID)",
                            epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("keystore", type=Path)
    parser.add_argument("--reason", required=True, choices=REASONS)
    parser.add_argument("--yes", action="store_true", help="confirm without being asked (automation)")
    parser.add_argument("--accept-conditions", action="store_true",
                        help="accept eHealth's revocation contract (printed) without being asked")
    parser.add_argument("--trace", type=Path, metavar="DIR",
                        help="write every SOAP request and answer to DIR (nothing secret is in them)")
    parser.set_defaults(func=run)


def run(core, args) -> int:
    from ehwatch import actions

    ui = TerminalUI(core.language, assume_yes=args.yes, accept_conditions=args.accept_conditions)
    return actions.perform(core, "revoke", ui, {"keystore": str(args.keystore.resolve()), "reason": args.reason,
                                                 "trace": str(args.trace.resolve()) if args.trace else None})
