"""Test mails built from the seed walkthrough's real texts (../shared/seed/renouvellement-certificat-ehealth.txt).

The French subject and body of the "produced" mail and the receipt's subject and opening are
copied from the seed; the Dutch body is not public, so the Dutch sentences used here are the
subject's own Dutch half, rephrased — they are marked as such.
"""
from __future__ import annotations

import base64
import email.header
import quopri
import uuid

SENDER = "ehealth-certificates@ehealth.fgov.be"

PRODUCED_SUBJECT = (
    "[{n}] [eHealth {env}] Le certificat d'authentification eHealth que vous avez demandé à renouveler avec "
    "numéro de demande {n} a été produit - Het eHealth authenticatiecertificaat waarvoor u een verlenging "
    "heeft aangevraagd met aanvraagnummer {n} werd geproduceerd.")
PRODUCED_BODY_FR = (
    "Cher CHARLES-BERNARD DARDENNE,\n\n"
    "Le certificat d'authentification eHealth relatif à votre demande de renouvellement de certificat "
    "(Common Name={cn}) validé avec numéro de demande {n} a été produit par l'autorité de certification "
    "d'authentification eHealth.\n\n"
    "Veuillez exécuter l'étape suivante (\"Complétez une demande de certificat\") du ETEE-requestor à partir du "
    "21/06/2017 11:03:47 afin d'acquérir votre certificat.\n\n"
    "Meilleures salutations,\n\nPlate-forme eHealth - Gestion des accès\n")
# Not public: Dutch wording modelled on the subject's Dutch half.
PRODUCED_BODY_NL = (
    "Beste CHARLES-BERNARD DARDENNE,\n\n"
    "Het eHealth authenticatiecertificaat voor uw aanvraag tot verlenging van het certificaat "
    "(Common Name={cn}) met aanvraagnummer {n} werd geproduceerd door de certificeringsautoriteit van eHealth.\n\n"
    "Gelieve de volgende stap (\"Vervolledig een certificaataanvraag\") van de ETEE-requestor uit te voeren vanaf "
    "21/06/2017 11:03:47 om uw certificaat te verkrijgen.\n\n"
    "Met vriendelijke groeten,\n\neHealth-platform - Toegangsbeheer\n")
RECEIVED_SUBJECT = "[eHealth {env}] eHealth CSR {n} - Cher CHARLES-BERNARD DARDENNE, Votre demande de renouvellement d'un certificat"
RECEIVED_BODY = (
    "Cher CHARLES-BERNARD DARDENNE,\n\n"
    "Votre demande de renouvellement d'un certificat eHealth (Common Name={cn}) avec numéro de demande {n} "
    "a bien été reçue.\n\nMeilleures salutations,\n\nPlate-forme eHealth - Gestion des accès\n")


def encoded_subject(text: str, charset: str = "utf-8") -> str:
    return email.header.Header(text, charset, maxlinelen=76).encode()


def message(subject: str, body: str, *, sender: str = SENDER, charset: str = "utf-8", cte: str = "quoted-printable",
            subtype: str = "plain", extra_headers: list[str] | None = None, message_id: str | None = None,
            raw_subject: bool = False) -> bytes:
    """A one-part mail, encoded the way real mailers do it."""
    data = body.encode(charset)
    if cte == "quoted-printable":
        payload = quopri.encodestring(data)
    elif cte == "base64":
        payload = base64.encodebytes(data)
    else:
        payload = data
    headers = list(extra_headers or []) + [
        f"From: {sender}",
        "To: dardenne@advalvas.be",
        f"Subject: {subject if raw_subject else encoded_subject(subject, charset)}",
        "Date: Wed, 21 Jun 2017 11:01:47 +0200",
        f"Message-ID: {message_id or '<' + uuid.uuid4().hex + '@ehealth.fgov.be>'}",
        "MIME-Version: 1.0",
        f"Content-Type: text/{subtype}; charset={charset}",
        f"Content-Transfer-Encoding: {cte}",
    ]
    return ("\r\n".join(headers) + "\r\n\r\n").encode("ascii") + payload.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def produced(n: str = "114419", cn: str = "SSIN=75040404976", env: str = "PROD", dutch_first: bool = False,
             **kwargs) -> bytes:
    fr, nl = PRODUCED_BODY_FR.format(n=n, cn=cn), PRODUCED_BODY_NL.format(n=n, cn=cn)
    body = (nl + "\n-----\n\n" + fr) if dutch_first else (fr + "\n-----\n\n" + nl)
    return message(PRODUCED_SUBJECT.format(n=n, env=env), body, **kwargs)


def received(n: str = "114419", cn: str = "SSIN=75040404976", env: str = "PROD", **kwargs) -> bytes:
    return message(RECEIVED_SUBJECT.format(n=n, env=env), RECEIVED_BODY.format(n=n, cn=cn), **kwargs)


def with_attachment(raw_mail: bytes, size: int) -> bytes:
    """The same notice turned into multipart/mixed with an attached binary file of ``size`` bytes."""
    head, _, body = raw_mail.partition(b"\r\n\r\n")
    lines = [line for line in head.split(b"\r\n")
             if not line.lower().startswith((b"content-type", b"content-transfer-encoding", b"mime-version"))]
    text_headers = [line for line in head.split(b"\r\n")
                    if line.lower().startswith((b"content-type", b"content-transfer-encoding"))]
    blob = base64.encodebytes(bytes(range(256)) * (size // 256)).replace(b"\n", b"\r\n")
    return (b"\r\n".join(lines) + b"\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"B0\"\r\n\r\n"
            b"--B0\r\n" + b"\r\n".join(text_headers) + b"\r\n\r\n" + body + b"\r\n"
            b"--B0\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"x.pdf\"\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n" + blob + b"\r\n--B0--\r\n")
