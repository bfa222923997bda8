"""``ehwatch password set KEYSTORE`` and ``ehwatch password forget KEYSTORE``."""
from __future__ import annotations

import getpass
import sys
from pathlib import Path


def register(sub) -> None:
    parser = sub.add_parser("password", help="store, change or forget a keystore's password")
    actions = parser.add_subparsers(dest="password_action", metavar="ACTION", required=True)
    set_parser = actions.add_parser("set", help="check a keystore password and store it (hidden prompt, "
                                                "or one line from stdin)")
    set_parser.add_argument("keystore", type=Path, metavar="KEYSTORE", help="the .p12 / .acc-p12 file")
    set_parser.set_defaults(func=_set)
    forget_parser = actions.add_parser("forget", help="remove a keystore password from the keyring")
    forget_parser.add_argument("keystore", type=Path, metavar="KEYSTORE", help="the .p12 / .acc-p12 file")
    forget_parser.set_defaults(func=_forget)
    change_parser = actions.add_parser("change", help="give a keystore a new password (the original is kept "
                                                      "byte for byte as a dated backup beside it)")
    change_parser.add_argument("keystore", type=Path, metavar="KEYSTORE", help="the .p12 / .acc-p12 file")
    change_parser.set_defaults(func=_change)


def _read_password(core, path: Path) -> str:
    if sys.stdin.isatty():
        try:
            return getpass.getpass(core.t("monitor.password.prompt", name=path.name))
        except EOFError:
            return ""
    return sys.stdin.readline().rstrip("\r\n")


def _set(core, args) -> int:
    from ehwatch import logs
    from ehwatch.monitor import passwords, pkcs12

    path = args.keystore
    if not path.is_file():
        print(core.t("monitor.password.no_file", path=str(path)), file=sys.stderr)
        return 2
    password = _read_password(core, path)
    logs.redact(password)
    if not password:
        print(core.t("monitor.password.empty"), file=sys.stderr)
        return 1
    try:
        passwords.store_password(path, password)
    except pkcs12.WrongPassword:
        print(core.t("monitor.password.rejected", name=path.name), file=sys.stderr)
        return 2
    print(core.t("monitor.password.stored", name=path.name))
    return 0


def _change(core, args) -> int:
    """Without a terminal, answers are named lines on stdin: old_password=… (when the keyring has
    none) and new_password=…; with a terminal, hidden prompts."""
    from ehwatch import actions
    from ehwatch.commands._terminal import TerminalUI

    ui = TerminalUI(core.language, assume_yes=not sys.stdin.isatty())
    return actions.perform(core, "password_change", ui, {"keystore": str(args.keystore.resolve())})


def _forget(core, args) -> int:
    from ehwatch.monitor import passwords

    if passwords.forget_password(args.keystore):
        print(core.t("monitor.password.forgotten", name=args.keystore.name))
    else:
        print(core.t("monitor.password.none_stored", name=args.keystore.name))
    return 0
