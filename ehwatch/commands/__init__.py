"""One module per CLI action; each exposes ``register(subparsers)``."""
from __future__ import annotations

from pathlib import Path


def add_keystore_dir_option(parser, help_text: str) -> None:
    """``--keystore-dir DIR`` (repeatable): ``cli.py`` hands the folders to the core, which then
    scans them instead of the configured ones."""
    parser.add_argument("--keystore-dir", dest="keystore_dir", type=Path, action="append", metavar="DIR",
                        help=help_text)


def add_signing_options(parser, contact: bool = True) -> None:
    """The options of every command the eID signs (renew, request, revoke): automation's --yes and
    --accept-conditions, --trace, and (for a certificate request) the contact data given to eHealth."""
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmations (automation)")
    parser.add_argument("--accept-conditions", action="store_true",
                        help="accept eHealth's conditions (printed) without being asked (automation)")
    parser.add_argument("--trace", type=Path, metavar="DIR",
                        help="write every SOAP request and answer to DIR (nothing secret is in them)")
    if contact:
        parser.add_argument("--email", metavar="EMAIL", help="private e-mail given to eHealth")
        parser.add_argument("--phone", metavar="PHONE", help="private phone given to eHealth")
        parser.add_argument("--general-email", metavar="EMAIL", help="general e-mail given to eHealth")
        parser.add_argument("--general-phone", metavar="PHONE", help="general phone given to eHealth")


def signing_terminal(core, args):
    """The terminal that answers a signed action's questions, from ``add_signing_options``' options."""
    from ehwatch.commands._terminal import TerminalUI

    contact = {name: getattr(args, name, None) for name in ("email", "phone", "general_email", "general_phone")}
    return TerminalUI(core.language, assume_yes=args.yes, accept_conditions=args.accept_conditions, contact=contact)


def trace_dir(args) -> str | None:
    return str(args.trace.resolve()) if args.trace else None
