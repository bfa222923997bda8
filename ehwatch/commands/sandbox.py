"""``ehwatch sandbox init|serve|issue``: a local stand-in for the eHealth platform (dry runs, demos, tests)."""
from __future__ import annotations

import datetime as dt
import secrets
import signal
import sys
from pathlib import Path

from ehwatch import logs
from ehwatch.errors import EhwatchError

DEFAULT_PORT = 8086


def register(sub) -> None:
    parser = sub.add_parser("sandbox", help="a local eHealth stand-in, for dry runs")
    actions = parser.add_subparsers(dest="sandbox_action", metavar="ACTION", required=True)

    init = actions.add_parser("init", help="create the sandbox CAs and a test eID (SoftHSM2) in a folder")
    init.add_argument("folder", type=Path, help="the sandbox folder")
    init.add_argument("--key-type", choices=("rsa", "ec"), default="rsa", help="key type of the test eID")
    init.add_argument("--ssin", default="75040404976", help="national number of the test eID holder")
    init.add_argument("--holder", default="Marie Dubois", help="given name and surname of the test eID holder")
    init.add_argument("--pin-stdin", action="store_true", help="read the test eID PIN from stdin (default 1234)")
    init.set_defaults(func=_init)

    serve = actions.add_parser("serve", help="run the sandbox on 127.0.0.1 until Ctrl+C")
    serve.add_argument("folder", type=Path, help="the sandbox folder")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--tls", action="store_true", help="HTTPS with a self-signed certificate")
    serve.add_argument("--produce-after", type=float, default=0.0, metavar="SECONDS",
                       help="delay between a certificate request and its production")
    serve.add_argument("--refuse", action="append", default=[], metavar="ID",
                       help="refuse requests for this identifier (SSIN=…); repeatable")
    serve.add_argument("--manager", action="append", default=[], metavar="SSIN:ORG",
                       help="let this person manage an organisation's certificate, e.g. 75040404976:CBE=0123456789")
    serve.add_argument("--environment", choices=("acceptance", "production"), default="acceptance",
                       help="environment named in the mails of new requests")
    serve.add_argument("--refuse-code", metavar="CODE",
                       help="answer with this eHealth error code (e.g. CERT_REFUSED) instead of serving; "
                            "with --refuse-message and --refuse-operation (tests the \"needs you\" handling)")
    serve.add_argument("--refuse-message", default="Refused by the sandbox.", metavar="TEXT",
                       help="the status message sent with --refuse-code")
    serve.add_argument("--refuse-operation", default="*", metavar="OPERATION",
                       help="which operation is refused, e.g. GenerateCertificate (default: every one)")
    serve.add_argument("--register-name", action="append", default=[], metavar="ID=NAME",
                       help="the holder's name as the registers now have it, e.g. \"SSIN=75040404976=MARIE "
                            "DUBOIS-MARTIN\" (a name change: the contract's DN then differs from the old subject)")
    serve.add_argument("--organisation", action="append", default=[], metavar="ID=NAME",
                       help="an organisation's registered name, e.g. \"CBE=0123456789=CABINET DUBOIS\"")
    serve.add_argument("--mail-host", help="IMAP server receiving the platform's mails")
    serve.add_argument("--mail-port", type=int, default=0)
    serve.add_argument("--mail-user", default="")
    serve.add_argument("--mail-password-stdin", action="store_true", help="read the IMAP password from stdin")
    serve.add_argument("--mail-security", choices=("ssl", "starttls", "none"), default="ssl")
    serve.add_argument("--mail-cafile", default="", help="CA file for a self-signed IMAP server")
    serve.add_argument("--mail-folder", default="INBOX")
    serve.add_argument("--eml-dir", type=Path, help="also write every mail as an .eml file here")
    serve.set_defaults(func=_serve)

    issue = actions.add_parser("issue", help="write an eHealth-like keystore that expires in N days")
    issue.add_argument("folder", type=Path, help="the sandbox folder")
    issue.add_argument("--identifier", required=True, help="SSIN=…, NIHII=…, CBE=…")
    issue.add_argument("--holder", required=True, help="holder name, e.g. \"MARIE DUBOIS\"")
    issue.add_argument("--days", type=int, required=True, help="days until the certificate expires")
    issue.add_argument("--application-id", default="")
    issue.add_argument("--environment", choices=("acceptance", "production"), default="acceptance")
    issue.add_argument("--email", default="", help="private e-mail recorded with the certificate")
    issue.add_argument("--phone", default="", help="private phone recorded with the certificate")
    issue.add_argument("--out", type=Path, required=True, help="folder where the keystore is written")
    issue.add_argument("--password-stdin", action="store_true",
                       help="read the keystore password from stdin (otherwise one is chosen and shown once)")
    issue.add_argument("--protection", choices=("legacy", "aes"), default="legacy",
                       help="legacy: 3DES/RC2-40 as the official tools write (default); aes: as Java 9+ keytool")
    issue.add_argument("--base-service", action="append", default=[], metavar="NAME",
                       help="a base service usage recorded with the certificate (tsa, consultrn, codage); repeatable")
    issue.set_defaults(func=_issue)

    refuse = actions.add_parser("refuse", help="make a sandbox (running or not) refuse requests with an eHealth "
                                               "error code and message, or stop refusing (--clear)")
    refuse.add_argument("folder", type=Path, help="the sandbox folder")
    refuse.add_argument("--code", help="the eHealth error code, e.g. CERT_REFUSED")
    refuse.add_argument("--message", default="Refused by the sandbox.", help="the status message")
    refuse.add_argument("--operation", default="*", help="e.g. GenerateCertificate (default: every operation)")
    refuse.add_argument("--times", type=int, help="only this many times (default: until --clear)")
    refuse.add_argument("--clear", action="store_true", help="answer every request normally again")
    refuse.set_defaults(func=_refuse)


def _stdin_secret() -> str:
    value = sys.stdin.readline().rstrip("\r\n")
    logs.redact(value)
    return value


def _init(core, args) -> int:
    from ehwatch.sandbox import ca, token

    folder = args.folder.resolve()
    if ca.exists(folder):
        raise EhwatchError("sandbox.already_initialised", folder=str(folder))
    pin = _stdin_secret() if args.pin_stdin else "1234"
    ca.create(folder)
    eid_dir = ca.eid_folder(folder)
    eid_authority = token.eid_ca(eid_dir)
    print(core.t("sandbox.init.done", folder=str(folder)))
    lines = ["[ehealth]",
             f'certra_url = "http://127.0.0.1:{DEFAULT_PORT}/CertRa/v2"',
             f'etkra_url = "http://127.0.0.1:{DEFAULT_PORT}/EtkRa/v2"',
             f'etkdepot_url = "http://127.0.0.1:{DEFAULT_PORT}/EtkDepot/v1"']
    try:
        info = token.create_belpic_token(eid_dir, args.ssin, args.holder, args.key_type, pin, ca=eid_authority)
    except EhwatchError as exc:
        if exc.key != "eid.softhsm_missing":
            raise
        print(core.t("sandbox.init.no_token"))
    else:
        print(core.t("sandbox.init.token", holder=args.holder, ssin=args.ssin, key_type=args.key_type.upper(),
                     pin=pin))
        lines += ["", "[eid]", f'pkcs11_module = "{info.module}"', "",
                  *(f"export {name}={value}" for name, value in info.env.items())]
    print(core.t("sandbox.init.next", folder=str(folder)))
    print("\n".join(lines))
    return 0


def _serve(core, args) -> int:
    from ehwatch.sandbox import ca
    from ehwatch.sandbox.mailer import MailboxSettings
    from ehwatch.sandbox.server import SandboxServer

    folder = args.folder.resolve()
    if not ca.exists(folder):
        raise EhwatchError("sandbox.not_initialised", folder=str(folder))
    mailbox = None
    if args.mail_host:
        password = _stdin_secret() if args.mail_password_stdin else ""
        if args.mail_user and not password:
            raise EhwatchError("sandbox.mail_password_missing")
        port = args.mail_port or (993 if args.mail_security == "ssl" else 143)
        mailbox = MailboxSettings(args.mail_host, port, args.mail_user, password, args.mail_security,
                                  args.mail_cafile, args.mail_folder)
    register_names = dict(_identifier_and_name(item) for item in args.register_name)
    organisations = dict(_identifier_and_name(item) for item in args.organisation)
    try:
        managers: dict[str, tuple[str, ...]] = {}
        for item in args.manager:
            ssin, _, organisation = item.partition(":")
            managers[ssin.strip()] = managers.get(ssin.strip(), ()) + (organisation.strip(),)
        server = SandboxServer(folder, port=args.port, produce_after=args.produce_after, refuse=args.refuse,
                               mailbox=mailbox, tls=args.tls, eml_dir=args.eml_dir, environment=args.environment,
                               managers=managers, register_names=register_names, organisations=organisations)
    except OSError as exc:
        raise EhwatchError("sandbox.port_busy", port=args.port, detail=exc.strerror or str(exc)) from None

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    if args.refuse_code:
        server.refuse_with(args.refuse_code, args.refuse_message, args.refuse_operation)
        print(core.t("sandbox.refuse.set", operation=args.refuse_operation, code=args.refuse_code,
                     message=args.refuse_message), flush=True)
    print(core.t("sandbox.serve.listening", url=server.url, certra=server.certra_url, etkra=server.etkra_url,
                 etkdepot=server.etkdepot_url), flush=True)
    if server.cafile:
        print(core.t("sandbox.serve.cafile", cafile=str(server.cafile)), flush=True)
    try:
        server.serve_until_interrupted()
    except KeyboardInterrupt:
        pass
    return 0


def _issue(core, args) -> int:
    from ehwatch.sandbox.issue import issue_keystore

    chosen = not args.password_stdin
    password = secrets.token_urlsafe(12) if chosen else _stdin_secret()
    logs.redact(password)
    path = issue_keystore(args.folder.resolve(), args.identifier, args.holder, args.days, args.out, password,
                          environment=args.environment, application_id=args.application_id, email=args.email,
                          phone=args.phone, protection=args.protection, base_services=tuple(args.base_service))
    until = dt.date.today() + dt.timedelta(days=args.days)
    print(core.t("sandbox.issue.done", path=str(path), date=until))
    if chosen:
        print(core.t("sandbox.issue.password", password=password))
    return 0


def _identifier_and_name(item: str) -> tuple[str, str]:
    """``SSIN=75040404976=MARIE DUBOIS`` → ("SSIN=75040404976", "MARIE DUBOIS")."""
    kind, sep, rest = item.partition("=")
    number, sep2, name = rest.partition("=")
    if not (sep and sep2 and kind.strip() and number.strip() and name.strip()):
        raise EhwatchError("sandbox.bad_pair", value=item, form="TYPE=id=NAME")
    return f"{kind.strip()}={number.strip()}", name.strip()


def _refuse(core, args) -> int:
    from ehwatch.sandbox import ca
    from ehwatch.sandbox.state import SandboxState

    folder = args.folder.resolve()
    if not ca.exists(folder):
        raise EhwatchError("sandbox.not_initialised", folder=str(folder))
    state = SandboxState(folder)   # the running sandbox reads the same SQLite file at every request
    try:
        if args.clear or not args.code:
            state.clear_refusals()
            print(core.t("sandbox.refuse.cleared"))
            return 0
        state.add_refusal(args.code, args.message, args.operation, args.times)
    finally:
        state.close()
    print(core.t("sandbox.refuse.set", operation=args.operation, code=args.code, message=args.message))
    return 0
