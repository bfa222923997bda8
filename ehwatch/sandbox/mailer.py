"""The mails the platform sends: "eHealth CSR <n>" on receipt, "... a été produit" on production.

The wording imitates the platform's bilingual mails as the seed shows them (the French produced
mail word for word; the Dutch and receipt texts are our reconstruction). These are the *platform's*
words, not ehwatch's: they are data the mail reader must recognise, so they live here as templates
rather than in the i18n catalogue. Delivery is an IMAP APPEND into a configured mailbox (what a
real mail would end up as), and optionally an ``.eml`` file in a folder.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import logging
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

from imapclient import IMAPClient

from ehwatch import logs
from ehwatch.fileutil import write_new_file

log = logging.getLogger(__name__)

SENDER = "ehealth-certificates@ehealth.fgov.be"
SENDER_NAME = "ehealth-certificates"
BRUSSELS = ZoneInfo("Europe/Brussels")

PRODUCED_SUBJECT = (
    "[{number}] [eHealth {env}] Le certificat d'authentification eHealth que vous avez demandé à renouveler "
    "avec numéro de demande {number} a été produit - Het eHealth authenticatiecertificaat waarvoor u een "
    "verlenging heeft aangevraagd met aanvraagnummer {number} werd geproduceerd."
)
PRODUCED_BODY = """Cher {holder},

Le certificat d'authentification eHealth relatif à votre demande de renouvellement de certificat (Common Name={cn}) validé avec numéro de demande {number} a été produit par l'autorité de certification d'authentification eHealth.

Veuillez exécuter l'étape suivante ("Complétez une demande de certificat") du ETEE-requestor à partir du {moment} afin d'acquérir votre certificat.

Meilleures salutations,

Plate-forme eHealth - Gestion des accès

---

Beste {holder},

Het eHealth authenticatiecertificaat met betrekking tot uw aanvraag tot verlenging van het certificaat (Common Name={cn}) gevalideerd met aanvraagnummer {number} werd geproduceerd door de certificatieautoriteit voor eHealth authenticatie.

Gelieve de volgende stap ("Vervolledig een certificaataanvraag") van de ETEE-requestor uit te voeren vanaf {moment} om uw certificaat te verkrijgen.

Met vriendelijke groeten,

eHealth-platform - Toegangsbeheer
"""
RECEIPT_SUBJECT = (
    "[eHealth {env}] eHealth CSR {number} - Demande de renouvellement reçue - Aanvraag tot verlenging ontvangen"
)
RECEIPT_BODY = """Cher {holder},

Votre demande de renouvellement d'un certificat eHealth (Common Name={cn}) a bien été reçue avec numéro de demande {number}. Vous recevrez un nouveau courriel lorsque votre certificat sera disponible.

Meilleures salutations,

Plate-forme eHealth - Gestion des accès

---

Beste {holder},

Uw aanvraag tot verlenging van een eHealth certificaat (Common Name={cn}) werd goed ontvangen met aanvraagnummer {number}. U ontvangt een nieuwe e-mail wanneer uw certificaat beschikbaar is.

Met vriendelijke groeten,

eHealth-platform - Toegangsbeheer
"""


@dataclass
class MailboxSettings:
    """Where the sandbox APPENDs its mails. ``security``: ssl (IMAPS), starttls or none."""

    host: str
    port: int
    user: str
    password: str
    security: str = "ssl"
    cafile: str = ""
    folder: str = "INBOX"

    def __post_init__(self):
        logs.redact(self.password)

    def __repr__(self) -> str:  # never show the password, even in a traceback
        return (f"MailboxSettings(host={self.host!r}, port={self.port}, user={self.user!r}, "
                f"security={self.security!r}, folder={self.folder!r})")


def environment_marker(environment: str) -> str:
    return "PROD" if environment == "production" else "ACPT"


def brussels_moment(when: float) -> str:
    """The moment as the mails write it: 21/06/2017 11:03:47, Brussels time."""
    return dt.datetime.fromtimestamp(when, BRUSSELS).strftime("%d/%m/%Y %H:%M:%S")


def _message(subject: str, body: str, recipient: str, when: float) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = email.utils.formataddr((SENDER_NAME, SENDER))
    msg["To"] = recipient or "undisclosed-recipients:;"
    msg["Subject"] = subject
    msg["Date"] = email.utils.formatdate(when, localtime=False)
    msg["Message-ID"] = email.utils.make_msgid(domain="ehealth.fgov.be")
    msg.set_content(body, charset="utf-8")
    return msg


def produced_mail(*, number: int, holder: str, common_name: str, environment: str, recipient: str,
                  available_from: float) -> EmailMessage:
    params = dict(number=number, holder=holder, cn=common_name, env=environment_marker(environment),
                  moment=brussels_moment(available_from))
    return _message(PRODUCED_SUBJECT.format(**params), PRODUCED_BODY.format(**params), recipient, available_from)


def receipt_mail(*, number: int, holder: str, common_name: str, environment: str, recipient: str,
                 when: float) -> EmailMessage:
    params = dict(number=number, holder=holder, cn=common_name, env=environment_marker(environment))
    return _message(RECEIPT_SUBJECT.format(**params), RECEIPT_BODY.format(**params), recipient, when)


def append(settings: MailboxSettings, message: EmailMessage) -> None:
    """APPENDs the mail, unread, to the mailbox folder. Raises OSError / IMAPClient errors on failure."""
    use_ssl = settings.security == "ssl"
    context = (ssl.create_default_context(cafile=settings.cafile or None)
               if settings.security in ("ssl", "starttls") else None)
    client = IMAPClient(settings.host, port=settings.port, ssl=use_ssl, ssl_context=context if use_ssl else None,
                        timeout=30)
    try:
        if settings.security == "starttls":
            client.starttls(context)
        client.login(settings.user, settings.password)
        date = email.utils.parsedate_to_datetime(message["Date"])
        client.append(settings.folder, message.as_bytes(), flags=(), msg_time=date)
        client.logout()
    finally:
        try:
            client.shutdown()
        except OSError:
            pass


def write_eml(folder: Path, kind: str, number: int, message: EmailMessage) -> Path:
    """``<number>-<kind>.eml`` in ``folder`` (a second copy gets a counter, nothing is overwritten)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    data = message.as_bytes()
    for attempt in range(1000):
        name = f"{number}-{kind}.eml" if attempt == 0 else f"{number}-{kind}-{attempt}.eml"
        try:
            return write_new_file(folder / name, data, mode=0o644)
        except FileExistsError:
            continue
    raise FileExistsError(folder / f"{number}-{kind}.eml")


class Mailer:
    """Delivers each mail to every configured destination; a failed delivery is logged, never fatal.

    A real platform does not stop issuing certificates because a mailbox is down, and the client
    must not depend on the mail (it polls GetCertificate too).
    """

    def __init__(self, mailbox: MailboxSettings | None = None, eml_dir: Path | None = None):
        self.mailbox = mailbox
        self.eml_dir = Path(eml_dir) if eml_dir else None

    def deliver(self, kind: str, number: int, message: EmailMessage) -> str:
        """Returns an outcome for the state table: 'appended', 'written', 'failed: …' or 'none'."""
        outcomes = []
        if self.eml_dir is not None:
            try:
                write_eml(self.eml_dir, kind, number, message)
                outcomes.append("written")
            except OSError as exc:
                log.warning("sandbox: cannot write the %s mail for request %s: %s", kind, number, exc)
                outcomes.append(f"failed: {type(exc).__name__}")
        if self.mailbox is not None:
            try:
                append(self.mailbox, message)
                outcomes.append("appended")
            except Exception as exc:  # IMAP, TLS or network trouble: logged, the sandbox carries on
                log.warning("sandbox: cannot append the %s mail for request %s to %s: %s", kind, number,
                            self.mailbox.host, exc)
                outcomes.append(f"failed: {type(exc).__name__}")
        return ", ".join(outcomes) or "none"
