"""The command line: parses arguments, builds the core, hands over to one command module.

Each action lives in ``ehwatch/commands/<action>.py`` (borgmatic-style) and exposes
``register(subparsers)``; the module sets ``func(core, args) -> int`` on its parser. Errors the user
can act on (``EhwatchError``) are printed in the user's language, never as a traceback.

Start-up stays lean: building the parser imports every command module, so a command module
imports at its top only what ``register`` needs (argparse, the standard library); what the command
needs when it runs (cryptography, lxml, keyring, the monitor, the daemon…) is imported inside its
function. ``ehwatch --version`` and ``ehwatch status`` then load only what they use;
``tests/test_cli_startup.py`` holds them to it.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from ehwatch import __version__

COMMAND_MODULES = (
    "ehwatch.commands.config",
    "ehwatch.commands.renew",
    "ehwatch.commands.complete",
    "ehwatch.commands.renewals",
    "ehwatch.commands.demo",
    "ehwatch.commands.run",
    "ehwatch.commands.autostart",
    "ehwatch.commands.doctor",
    "ehwatch.commands.eid",
    "ehwatch.commands.sandbox",
    "ehwatch.commands.mail",
    "ehwatch.commands.status",
    "ehwatch.commands.calendar",
    "ehwatch.commands.password",
    "ehwatch.commands.request",
    "ehwatch.commands.revoke",
    "ehwatch.commands.certificates",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ehwatch", description="Watches and renews eHealth certificates.")
    parser.add_argument("--version", action="version", version=f"ehwatch {__version__}")
    parser.add_argument("--config", type=Path, help="configuration file to use instead of the default one")
    parser.add_argument("--lang", choices=("fr", "nl", "en"), help="language of the messages")
    parser.add_argument("-v", "--verbose", action="store_true", help="more detail in the log")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _print_error(message: str) -> None:
    print(message, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    import logging

    from ehwatch import i18n, logs
    from ehwatch.core import Core
    from ehwatch.errors import EhwatchError

    log = logging.getLogger(__name__)
    logs.setup(verbose=args.verbose)
    if args.lang:
        i18n.set_language(args.lang)
    try:
        core = Core.load(args.config, keystore_dirs=getattr(args, "keystore_dir", None), language=args.lang)
    except EhwatchError as exc:
        _print_error(exc.message())
        return exc.exit_code
    try:
        code = int(args.func(core, args) or 0)
        sys.stdout.flush()  # here, so that a reader gone away is seen below, not at exit
        return code
    except BrokenPipeError:  # `ehwatch status | head`: the reader has what it wanted; nothing to report
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the exit's flush must not fail again
        return 141  # as a shell reports a command ended by SIGPIPE
    except EhwatchError as exc:
        log.warning("%s", exc)
        _print_error(exc.message(core.language))
        return exc.exit_code
    except KeyboardInterrupt:
        _print_error(core.t("cli.interrupted"))
        return 130
    except Exception as exc:  # the last safety net: a clear sentence, the details in the log
        log.exception("unexpected error in %s", args.command)
        _print_error(core.t("cli.unexpected", detail=type(exc).__name__, log=str(logs.log_file())))
        return 4
    finally:
        core.close()
