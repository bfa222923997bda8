"""What eHealth knows (the Certificate Manager's list of the holder's certificates): every
certificate the eID holder may manage — their own and their organisations' — as
GetCertificateInfoForCitizen answers (signed with the eID Authentication key: one PIN, as the
connector's ``getCertificateInfoForCitizen``), each matched to a keystore of this computer.

A certificate is matched by its serial number and identifier (a produced one), or by its public key
identifier (a request under way, whose keystore ehwatch wrote). A valid certificate with no keystore
here is named: it lives on another computer, or it was lost — then it should be revoked.
Reads only: nothing is changed, here or at eHealth.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ehwatch.actions.ui import ActionUI
    from ehwatch.core import Core


@dataclass
class Known:
    identifier: str
    application_id: str | None
    status: str                    # IN_PROGRESS, VALID_ACTIVE, REFUSED, REVOKED, EXPIRED
    etk_status: str
    public_key_identifier: str
    serial: str | None
    not_after: str | None          # ISO date-time, or None before production
    keystore: str | None           # the file on this computer holding it, None when there is none
    verdict: str                   # text key: what this means for the user

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _verdict(status: str, keystore: str | None) -> str:
    if keystore:
        return "certificates.here"
    if status == "VALID_ACTIVE":
        return "certificates.missing"
    if status == "IN_PROGRESS":
        return "certificates.requested_elsewhere"
    return "certificates.gone"


def match(infos: Iterable[Any], records: Iterable[Any], lifecycles: Iterable[Any]) -> list[Known]:
    """eHealth's list against the keystores scanned here and the requests ehwatch sent."""
    by_serial = {(str(r.serial), (r.identifier or "").upper()): str(r.path) for r in records if r.serial}
    by_pki = {r.public_key_identifier.lower(): r.new_keystore for r in lifecycles
              if r.public_key_identifier and r.new_keystore and Path(r.new_keystore).exists()}
    found = []
    for info in infos:
        identifier = f"{info.id_type}={info.id_value}"
        serial = info.details.serial_number if info.details else None
        keystore = by_serial.get((str(serial), identifier.upper())) if serial else None
        keystore = keystore or by_pki.get(info.public_key_identifier.lower())
        found.append(Known(identifier=identifier, application_id=info.application_id, status=info.status,
                           etk_status=info.etk_status, public_key_identifier=info.public_key_identifier,
                           serial=serial, not_after=info.not_after.isoformat() if info.not_after else None,
                           keystore=keystore, verdict=_verdict(info.status, keystore)))
    return found


def online(core: Core, ui: ActionUI, environment: str = "production") -> list[Known]:
    """Asks eHealth (the eID's Authentication key: the PIN) and matches its answer to this computer."""
    from ehwatch.monitor.inventory import scan
    from ehwatch.renewal import outcomes
    from ehwatch.renewal.engine import Engine
    from ehwatch.renewal.lifecycle import State
    from ehwatch.renewal.stops import RenewalStopped

    engine = Engine(core)
    client = engine.client_for(environment)
    with engine.open_eid(ui.ask_pin) as eid:
        outcome = outcomes.ask(client.certificate_info_for_citizen, eid.signer("Authentication"))
    if isinstance(outcome, outcomes.Refused):
        error = outcome.error()
        raise RenewalStopped(error.key, State.REFUSED, **error.params)
    if not isinstance(outcome, outcomes.Answered):
        raise outcome.error if isinstance(outcome, outcomes.Unreachable) else RuntimeError(outcome)
    return match(outcome.value, scan(core).records, engine.lifecycles.all())


def missing(known: list[Known]) -> list[Known]:
    """Valid at eHealth, and no keystore on this computer holds it."""
    return [k for k in known if k.verdict == "certificates.missing"]
