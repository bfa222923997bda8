"""``ehwatch request``: a new eHealth certificate, when there is no keystore to renew (the first one,
or the old one expired or was revoked) — the Certificate Manager's "Request a new certificate".

When ``ehwatch run`` is running, the daemon does the work and this terminal answers its questions;
otherwise this command does it, under the per-user writer lock."""
from __future__ import annotations

from pathlib import Path

from ehwatch.commands import add_signing_options, signing_terminal, trace_dir

EPILOG = """For whom: the eID holder by default; --organisation TYPE=ID for an organisation the holder
manages (CBE=…, NIHII-PHARMACY=…, EHP=…); on a terminal without --organisation, ehwatch asks eHealth
which organisations the holder manages and lets you choose. --replaces names an expired or revoked
keystore the new certificate replaces (its folder and environment are used).
Without a terminal (automation), answers are named lines on standard input: new_password=..., pin=...
(the PIN is used once per eID key: an organisation's request signs twice, never after a wrong PIN).
eHealth's conditions are printed; --accept-conditions accepts them, else nothing is sent."""


def register(sub) -> None:
    import argparse

    parser = sub.add_parser("request", help="request a new certificate (needs the eID)",
                            description="Requests a new eHealth certificate, when there is no keystore to renew.", epilog=EPILOG,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organisation", metavar="TYPE=ID", help="an organisation the eID holder manages")
    parser.add_argument("--application-id", metavar="ID", help="an application id (organisations only)")
    parser.add_argument("--folder", type=Path, help="where to write the new keystore (default: the first "
                                                    "keystore folder)")
    parser.add_argument("--replaces", type=Path, metavar="KEYSTORE", help="the expired keystore it replaces")
    parser.add_argument("--acceptance", action="store_true", help="eHealth's acceptance environment")
    add_signing_options(parser)
    parser.set_defaults(func=run)


def run(core, args) -> int:
    import sys

    from ehwatch import actions
    from ehwatch.actions.request import environment_of

    ui = signing_terminal(core, args)
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
    code = actions.perform(core, "request", ui, {**request, "yes": args.yes, "trace": trace_dir(args)})
    from ehwatch.commands.renew import completion_offer

    completion_offer(core, ui, args)    # no daemon: say who completes it, offer to start ehwatch
    return code
