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

# The order of ``ehwatch --help``: the everyday commands first, then set-up, then the technical ones.
COMMAND_MODULES = (
    "ehwatch.commands.status",
    "ehwatch.commands.renew",
    "ehwatch.commands.complete",
    "ehwatch.commands.renewals",
    "ehwatch.commands.request",
    "ehwatch.commands.revoke",
    "ehwatch.commands.password",
    "ehwatch.commands.run",
    "ehwatch.commands.autostart",
    "ehwatch.commands.doctor",
    "ehwatch.commands.uninstall",
    "ehwatch.commands.mail",
    "ehwatch.commands.eid",
    "ehwatch.commands.calendar",
    "ehwatch.commands.certificates",
    "ehwatch.commands.config",
    "ehwatch.commands.demo",
    "ehwatch.commands.sandbox",
)

EPILOG = """"ehwatch COMMAND --help" describes each command.

Exit codes:
  0    done, nothing to do
  1    something needs you soon (status: a certificate expiring; renew: cancelled or nothing chosen)
  2    something needs you now (status: a certificate expired, revoked or unreadable; renew: eHealth
       refused; doctor: something must be fixed, such as no eID software, so no renewal here), or a
       wrong command line
  3    an error explained on screen
  4    an unexpected error (see the log)
  130  interrupted (Ctrl+C)"""


def build_parser(language: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, in ``language`` (default: the language in force, see ``i18n``)."""
    from ehwatch import i18n
    from ehwatch.commands import _parser

    _parser.install(language or i18n.current_language())
    parser = _parser.Parser(prog="ehwatch", description="Watches and renews eHealth certificates.",
                            epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"ehwatch {__version__}")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="configuration file to use instead of the default one")
    parser.add_argument("--lang", choices=("fr", "nl", "de", "en"), metavar="LANG",
                        help="language of the messages: fr, nl, de or en")
    parser.add_argument("-v", "--verbose", action="store_true", help="more detail in the log")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _command_parser(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The deepest parser the command line reached (``ehwatch autostart enable``: autostart's enable)."""
    current = parser
    while True:
        subparsers = [a for a in current._actions if isinstance(a, argparse._SubParsersAction)]
        chosen = getattr(args, subparsers[0].dest, None) if subparsers else None
        if chosen is None or chosen not in subparsers[0].choices:
            return current
        current = subparsers[0].choices[chosen]


def _option_value(argv: list[str], option: str) -> str | None:
    """The value of a global option before the parser exists (``--lang nl`` or ``--lang=nl``)."""
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == option and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith(option + "="):
            return word.split("=", 1)[1]
    return None


def early_language(argv: list[str]) -> str:
    """The language, decided before the parser is built so that ``--help`` and argparse's errors speak
    it: ``--lang``, else the configuration's ``language``, else the locale. Only the ``language`` key
    is read here (tomllib, no validation): the configuration is loaded, checked and its errors reported
    when a command needs it, never in the way of ``--help``."""
    from ehwatch import i18n

    asked = _option_value(argv, "--lang")
    if asked in i18n.LANGUAGES:
        return i18n.set_language(asked)
    import os

    from ehwatch import paths

    path = _option_value(argv, "--config")
    try:
        with open(Path(path) if path else paths.config_file(), "rb") as fh:
            if os.fstat(fh.fileno()).st_size <= 1_000_000:      # config.MAX_CONFIG_BYTES
                import tomllib

                value = tomllib.loads(fh.read().decode("utf-8")).get("language", "auto")
                asked = value if isinstance(value, str) else "auto"
    except (OSError, ValueError):     # no file, unreadable, not UTF-8, not TOML: the command will say why
        asked = "auto"
    return i18n.set_language(asked or "auto")


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
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv == ["--version"]:          # nothing to translate, nothing to load
        print(f"ehwatch {__version__}")
        return 0
    parser = build_parser(early_language(argv))
    args, unknown = parser.parse_known_args(argv)
    if unknown:   # said by the command's own parser, with its usage line (argparse says it with the top one)
        _command_parser(parser, args).error(argparse._("unrecognized arguments: %s") % " ".join(unknown))
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
