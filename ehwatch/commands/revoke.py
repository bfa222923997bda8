"""``ehwatch revoke KEYSTORE --reason …``: revoke a certificate and its ETK at eHealth (the Certificate
Manager's "Revocation of your eHealth certificate"). Final: software using it stops working."""
from __future__ import annotations

from pathlib import Path

from ehwatch.commands import add_signing_options, signing_terminal, trace_dir

# certra core RevocationReasonType (the schema's enumeration, a subset of RFC 5280's reasons)
REASONS = ("keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation")
EPILOG = """Reasons: keyCompromise (the key or the password may be known to someone else),
affiliationChanged (the holder's details or organisation changed), superseded (replaced by a newer
certificate), cessationOfOperation (the practice or organisation stops).
Without a terminal, answers are named lines on standard input: old_password=... (when the keyring
has none), pin=... ; --yes confirms and --accept-conditions accepts eHealth's revocation contract."""


def register(sub) -> None:
    import argparse

    parser = sub.add_parser("revoke", help="revoke a certificate at eHealth (needs the eID)",
                            description="Revokes a certificate and its ETK at eHealth. Final: software using it "
                                        "stops working.",
                            epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("keystore", type=Path, metavar="KEYSTORE", help="the keystore whose certificate is revoked")
    parser.add_argument("--reason", required=True, choices=REASONS, metavar="REASON",
                        help="keyCompromise, affiliationChanged, superseded or cessationOfOperation (see below)")
    add_signing_options(parser, contact=False)
    parser.set_defaults(func=run)


def run(core, args) -> int:
    from ehwatch import actions

    return actions.perform(core, "revoke", signing_terminal(core, args),
                           {"keystore": str(args.keystore.resolve()), "reason": args.reason, "trace": trace_dir(args)})
