"""eHealth naming in one place: keystore file names and certificate subject DNs.

File name: ``<TYPE>=<id>[,<APPID>] <yyyyMMdd-HHmmss>.p12`` (``.acc-p12`` for acceptance); the
timestamp is when the request was made. Subject: ``CN=<TYPE>=<id>[, <APPID>], OU=eHealth-platform
Belgium, OU=<HOLDER>, OU=<TYPE>=<id>[, OU=<APPID>], O=Federal Government, C=BE``. eHealth
certificates are recognised by O and OU, never by the issuing CA (it changes over the years).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography import x509

EHEALTH_OU = "eHealth-platform Belgium"
EHEALTH_O = "Federal Government"
PRODUCTION = "production"
ACCEPTANCE = "acceptance"
KEYSTORE_SUFFIXES = (".p12", ".acc-p12")

_FILENAME = re.compile(
    r"^(?P<type>[A-Za-z][A-Za-z0-9_-]*)=(?P<id>[^,\s]+)(?:,\s*(?P<app>[^\s]+))?"
    r"(?:\s+(?P<stamp>\d{8}-\d{6}))?(?P<ext>\.acc-p12|\.p12)$",
    re.IGNORECASE,
)


def _brussels() -> tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Brussels")
    except Exception:  # no time zone database: UTC is close enough for an estimate
        return UTC


_BRUSSELS = _brussels()


@dataclass
class KeystoreFileName:
    type: str
    id: str
    application: str | None
    requested_at: datetime | None   # aware (Brussels time, as the Certificate Manager writes it)
    environment: str                # "production" | "acceptance"

    @property
    def identifier(self) -> str:
        return f"{self.type}={self.id}"


def environment_of(name: str) -> str:
    return ACCEPTANCE if name.lower().endswith(".acc-p12") else PRODUCTION


def is_keystore_name(name: str) -> bool:
    """Any ``.p12`` / ``.acc-p12`` file is a keystore candidate, eHealth-named or not (a backup is not)."""
    return name.lower().endswith(KEYSTORE_SUFFIXES) and not is_backup_name(name)


BACKUP_MARK = ".before-password-change-"


def backup_name(keystore_name: str, when: datetime) -> str:
    """``<keystore name>.before-password-change-<yyyyMMdd-HHmmss>.bak``: beside the original, dated,
    and never mistaken for a keystore (by ehwatch, or by a program listing ``*.p12``)."""
    return f"{keystore_name}{BACKUP_MARK}{when.astimezone(_BRUSSELS):%Y%m%d-%H%M%S}.bak"


def is_backup_name(name: str) -> bool:
    return BACKUP_MARK in name and name.endswith(".bak")


def parse_keystore_filename(name: str) -> KeystoreFileName | None:
    """The facts in an eHealth keystore file name, or None when it does not follow the pattern."""
    m = _FILENAME.match(name)
    if not m:
        return None
    requested_at = None
    if m.group("stamp"):
        stamp = m.group("stamp")  # yyyyMMdd-HHmmss; int slices: strptime is 10x slower on big folders
        try:
            requested_at = datetime(int(stamp[0:4]), int(stamp[4:6]), int(stamp[6:8]), int(stamp[9:11]),
                                    int(stamp[11:13]), int(stamp[13:15]), tzinfo=_BRUSSELS)
        except ValueError:
            requested_at = None
    return KeystoreFileName(type=m.group("type").upper(), id=m.group("id"), application=m.group("app"),
                            requested_at=requested_at, environment=environment_of(name))


def keystore_filename(type: str, id: str, application: str | None, when: datetime, environment: str) -> str:
    """``SSIN=75040404976 20140616-090423.p12``, ``CBE=0123456789,ROUTINGAPP 20170621-110118.acc-p12``."""
    if when.tzinfo is not None:
        when = when.astimezone(_BRUSSELS)
    base = f"{type.upper()}={id}" + (f",{application}" if application else "")
    suffix = ".acc-p12" if environment == ACCEPTANCE else ".p12"
    return f"{base} {when:%Y%m%d-%H%M%S}{suffix}"


@dataclass
class EhealthSubject:
    identifier: str          # "SSIN=75040404976"
    type: str                # "SSIN"
    id: str                  # "75040404976"
    application: str | None
    holder: str | None


def _values(name: x509.Name, oid: x509.ObjectIdentifier) -> list[str]:
    out = []
    for attr in name.get_attributes_for_oid(oid):
        value = attr.value
        out.append(value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value))
    return out


def parse_subject(name: x509.Name) -> EhealthSubject | None:
    """The eHealth facts of a subject DN, or None if it is not an eHealth DN."""
    from cryptography.x509.oid import NameOID

    try:
        orgs = _values(name, NameOID.ORGANIZATION_NAME)
        units = _values(name, NameOID.ORGANIZATIONAL_UNIT_NAME)
        cns = _values(name, NameOID.COMMON_NAME)
    except Exception:
        return None
    if EHEALTH_O not in orgs or EHEALTH_OU not in units or not cns:
        return None
    cn = cns[0]
    head, _, app = cn.partition(",")
    head, application = head.strip(), app.strip() or None
    type_, sep, id_ = head.partition("=")
    if not sep or not id_:
        return None
    holder = next((ou for ou in units if ou != EHEALTH_OU and "=" not in ou and ou != application), None)
    return EhealthSubject(identifier=f"{type_.upper()}={id_}", type=type_.upper(), id=id_, application=application,
                          holder=holder)


def holder_form(holder: str) -> str:
    """The holder as eHealth writes it in the DN: capitals, no accents."""
    decomposed = unicodedata.normalize("NFKD", holder)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def build_subject(type: str, id: str, holder: str, application: str | None = None) -> x509.Name:
    """The DN eHealth expects in a request (``rfc4514_string()`` reads CN first, C last)."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    identifier = f"{type.upper()}={id}"
    cn = identifier + (f", {application}" if application else "")
    rdns = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, EHEALTH_O),
    ]
    if application:
        rdns.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, application))
    rdns += [
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, identifier),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, holder_form(holder)),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, EHEALTH_OU),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ]
    return x509.Name([x509.RelativeDistinguishedName([a]) for a in rdns])


def is_placeholder(cert_der: bytes) -> bool:
    """The self-signed stand-in of a pending request: serial 0, or subject C=Dummy."""
    from ehwatch.monitor.pkcs12 import asn1_certificate

    try:
        tbs = asn1_certificate(cert_der)["tbs_certificate"]
        if tbs["serial_number"].native == 0:
            return True
        return any(rdn_attr["type"].native == "country_name" and str(rdn_attr["value"].native).lower() == "dummy"
                   for rdn in tbs["subject"].chosen for rdn_attr in rdn)
    except Exception:
        return False
