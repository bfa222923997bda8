"""``ehwatch mail parse FILE``, ``ehwatch mail login`` and ``ehwatch mail check``: thin wrappers
around ``ehwatch.mail`` (the daemon calls the same functions)."""
from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what the commands need is imported when they run: imapclient and ssl stay out of the others
    from ehwatch.mail.connection import Account
    from ehwatch.mail.reading import MailReading


def register(sub) -> None:
    parser = sub.add_parser("mail", help="read eHealth mails and watch the mailbox")
    actions = parser.add_subparsers(dest="mail_action", metavar="ACTION", required=True)
    parse = actions.add_parser("parse", help="read one saved mail (.eml) and say what it is")
    parse.add_argument("file", type=Path, help="the saved mail (.eml)")
    parse.add_argument("--json", action="store_true", help="machine-readable output")
    parse.set_defaults(func=_parse)
    login = actions.add_parser("login", help="test the mailbox login and keep the secret in the keyring")
    login.add_argument("--oauth2-command", metavar="COMMAND",
                       help="command printing a fresh OAuth2 token (Gmail, Microsoft 365); needs auth = \"xoauth2\"")
    login.set_defaults(func=_login)
    check = actions.add_parser("check", help="look once for new eHealth mails in every watched folder")
    check.add_argument("--json", action="store_true", help="machine-readable output")
    check.set_defaults(func=_check)


def _dump(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _describe(core, reading: MailReading) -> list[str]:
    from ehwatch import i18n

    empty = "—"
    kind = core.t("mail.kind." + reading.kind)
    # Shown as eHealth wrote it, in Brussels time, whatever this computer's time zone.
    when = (i18n.format_datetime(reading.available_from.replace(tzinfo=None), core.language)
            if reading.available_from else empty)
    trusted = core.t("mail.field.yes") if reading.trusted_sender else core.t("mail.field.no")
    return [
        core.t("mail.field.kind", value=kind),
        core.t("mail.field.environment", value=reading.environment or empty),
        core.t("mail.field.request_number", value=reading.request_number or empty),
        core.t("mail.field.common_name", value=reading.common_name or empty),
        core.t("mail.field.available_from", value=when),
        core.t("mail.field.sender", value=reading.sender or empty, trusted=trusted, dkim=reading.dkim),
        core.t("mail.field.subject", value=reading.subject or empty),
    ]


def _parse(core, args) -> int:
    from ehwatch.mail.reading import read_mail_file

    reading = read_mail_file(args.file)
    if args.json:
        _dump(reading.to_json())
    else:
        print("\n".join(_describe(core, reading)))
    return 0


def _read_secret(core, account: Account) -> str:
    from ehwatch import logs
    from ehwatch.mail.connection import MailSetupError

    if sys.stdin.isatty():
        secret = getpass.getpass(core.t("mail.login.prompt", user=account.username, host=account.host) + " ")
    else:  # scripted set-up: one line on stdin, never on the command line
        secret = sys.stdin.readline().rstrip("\r\n")
    logs.redact(secret)
    if not secret:
        raise MailSetupError("mail.login.empty")
    return secret


def _login(core, args) -> int:
    from ehwatch import logs, secrets
    from ehwatch.mail import connection
    from ehwatch.mail.connection import Account, MailSetupError

    account = Account.from_config(core.config.mail)
    if args.oauth2_command is not None:
        if account.auth != "xoauth2":
            raise MailSetupError("mail.login.oauth2_needs_config")
        logs.redact(args.oauth2_command)
        client = connection.connect(account, connection.run_token_command(args.oauth2_command))
        connection.close_quietly(client)
        secrets.set_mail_secret(account.username, account.host, args.oauth2_command)
    elif account.auth == "xoauth2":  # the token command from the config: test it, nothing to store
        connection.close_quietly(connection.connect(account))
        print(core.t("mail.login.tested", user=account.username, host=account.host))
        return 0
    else:
        if account.security == "none" and not account.allow_plaintext:
            raise MailSetupError("mail.plaintext_refused", host=account.host)  # before asking anything
        password = _read_secret(core, account)
        client = connection.connect(account, password)
        connection.close_quietly(client)
        secrets.set_mail_secret(account.username, account.host, password)
    print(core.t("mail.login.saved", user=account.username, host=account.host))
    return 0


def _hand_to_renewals(core, events) -> None:
    """The events a manual check claims would be lost to the daemon: give them to the renewal engine
    (it only records the hint; the daemon asks eHealth when due)."""
    if not events:
        return
    try:
        from ehwatch.renewal.engine import Engine
    except ModuleNotFoundError:
        return
    engine = Engine(core)
    for event in events:
        engine.on_mail(event.reading)


def _check(core, args) -> int:
    from ehwatch.mail.watcher import MailWatcher

    watcher = MailWatcher(core, on_event=lambda event: None)
    _hand_to_renewals(core, watcher.check_once())
    report = watcher.last_pass
    if args.json:
        _dump(report.to_json())
        return 0
    print(core.t("mail.check.folders", folders=", ".join(report.folders)))
    for name in report.missing_folders:
        print(core.t("mail.folder_missing", folder=name))
    for event in report.events:
        print(core.t("mail.check.event", folder=event.folder))
        print("  " + "\n  ".join(_describe(core, event.reading)))
    for event in report.suspicious:
        print(core.t("mail.check.suspicious", folder=event.folder, sender=event.reading.sender,
                     subject=event.reading.subject))
    if not report.events and not report.suspicious:
        print(core.t("mail.check.nothing"))
    return 0
