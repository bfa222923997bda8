"""``ehwatch renew KEYSTORE``: the interactive start of a renewal (request signed with the eID).

When ``ehwatch run`` is running, the daemon does the renewal and this terminal answers its questions;
otherwise this command does it, under the per-user writer lock."""
from __future__ import annotations

from pathlib import Path

from ehwatch.commands import add_signing_options, signing_terminal, trace_dir

EPILOG = """Without a terminal (automation), answers are read from standard input as named lines, each
used only for its own question: old_password=... (when the keyring has none), new_password=...,
pin=... . An answer that is asked and not given stops the renewal before anything is signed.
eHealth's conditions are printed; --accept-conditions accepts them, else the renewal stops."""


def register(sub) -> None:
    import argparse

    parser = sub.add_parser("renew", help="renew the certificate of a keystore (needs the eID)", epilog=EPILOG,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("keystore", type=Path)
    add_signing_options(parser)
    parser.set_defaults(func=run)


def run(core, args) -> int:
    from ehwatch import actions

    return actions.perform(core, "renew", signing_terminal(core, args),
                           {"keystore": str(args.keystore.resolve()), "yes": args.yes, "trace": trace_dir(args)})
