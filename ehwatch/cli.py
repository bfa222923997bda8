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
import codecs
import importlib
import os
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
    parser.add_argument("--lang", choices=("fr", "nl", "de", "en"), help="language of the messages")
    parser.add_argument("-v", "--verbose", action="store_true", help="more detail in the log")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _print_error(message: str) -> None:
    print(message, file=sys.stderr)


def _json_escape(error: UnicodeEncodeError) -> tuple[str, int]:
    """Codec error handler: a character the stream cannot write becomes a JSON \\u escape (JSON text
    only holds non-ASCII characters inside strings, where the escape means the same character)."""
    out = []
    for char in error.object[error.start:error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


codecs.register_error("ehwatch-json", _json_escape)


def configure_output(json_output: bool = False) -> None:
    """Windows conventions for what ehwatch prints. A console gets Unicode through the console API (Python's
    own console stream: left alone). A pipe or a file gets the console's output code page, as Windows
    console programs write (Python's default would be the ANSI code page), with unwritable characters
    replaced instead of a crash; ``--json`` is pure ASCII with \\u escapes there, valid JSON for any
    reader. PYTHONIOENCODING or UTF-8 mode (PYTHONUTF8=1, -X utf8) means the user asked: as asked."""
    if sys.platform != "win32" or os.environ.get("PYTHONIOENCODING") or sys.flags.utf8_mode:
        return
    import ctypes

    codepage = ctypes.windll.kernel32.GetConsoleOutputCP()  # 0: no console attached (a GUI parent)
    encoding = f"cp{codepage}" if codepage else None
    try:
        if encoding:
            codecs.lookup(encoding)
    except LookupError:
        encoding = None
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        raw = getattr(getattr(stream, "buffer", None), "raw", None)
        if stream is None or not hasattr(stream, "reconfigure") or type(raw).__name__ == "_WindowsConsoleIO":
            continue
        if json_output and name == "stdout":
            stream.reconfigure(encoding="ascii", errors="ehwatch-json")
        else:
            stream.reconfigure(encoding=encoding or stream.encoding, errors="replace")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_output(json_output=bool(getattr(args, "json", False)))
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
