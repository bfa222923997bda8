"""Revoke a certificate (the Certificate Manager's "Revocation of your eHealth certificate"), e.g.
when its key or password may be known to someone else, or the practice stops.

As the connector does it (``AuthenticationCertificateRegistrationServiceImpl.generateRevocationContract``
then ``revokeCertificate``, the request built like ``RevocationRequestBuilder``): eHealth's word on
the certificate first (GetCertificateInfoForAuthenticationCertificate, signed with the certificate
itself: no eID), a strong confirmation that says what stops working, GenerateRevocationContract for
the reason chosen, the contract shown and accepted, then Revoke signed with the eID Signature key
(one PIN). When eHealth confirms, the revocation is recorded here (``monitor/revoked.py``) and
checked again with eHealth, so ``ehwatch status`` shows ``revoked``; the ETK is revoked with it.
The keystore file is left as it is (never modified or deleted).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ehwatch.actions.ui import ActionUI
    from ehwatch.core import Core
    from ehwatch.renewal.outcomes import Outcome


def run(core: Core, ui: ActionUI, args: dict[str, Any]) -> int:
    from cryptography import x509

    from ehwatch.monitor import names, revoked
    from ehwatch.renewal import outcomes
    from ehwatch.renewal.engine import Engine
    from ehwatch.renewal.keys import public_key_identifier
    from ehwatch.renewal.keystores import AUTH_ALIAS, open_keystore
    from ehwatch.renewal.messages import REVOCATION_REASONS
    from ehwatch.renewal.start import RenewalStart, with_pin_retry
    from ehwatch.renewal.stops import Cancelled, RenewalStopped
    from ehwatch.renewal.xmldsig import SoftwareSigner

    keystore = Path(args["keystore"])
    if not keystore.is_file():
        ui.tell("cli.renew.no_such_keystore", file=str(keystore))
        return 2
    reason = str(args.get("reason") or "")
    if reason and reason not in REVOCATION_REASONS:
        ui.tell("revoke.bad_reason", reason=reason[:60], reasons=", ".join(REVOCATION_REASONS))
        return 2
    engine = Engine(core, trace_dir=args.get("trace"))
    start = RenewalStart(engine)
    opened = open_keystore(keystore, start.keystore_password(keystore, ui))
    if opened.pending:
        raise RenewalStopped("revoke.pending", file=keystore.name)
    holder = opened.subject.holder or opened.subject.identifier
    if not reason:              # the tray: the reasons the schema allows, in the user's words
        reason = ui.choose("revoke.choose_reason", [(r, core.t(f"revoke.reason.{r}")) for r in REVOCATION_REASONS],
                           holder=holder, file=keystore.name) or ""
        if reason not in REVOCATION_REASONS:
            raise Cancelled()
    certificate = x509.load_der_x509_certificate(opened.certificate)
    pki = public_key_identifier(certificate.public_key())
    parsed = names.parse_keystore_filename(keystore.name)
    client = engine.client_for(parsed.environment if parsed else "production")
    entry = opened.content.key(AUTH_ALIAS)
    if entry is None:                  # open_keystore checked it; said again for the type checker
        raise RenewalStopped("renewal.no_authentication_entry", file=keystore.name)
    own_signer = SoftwareSigner(entry.private_key, entry.chain)

    def record(confirmed_by: str) -> None:
        revoked.record(core.store, public_key_identifier=pki, serial=str(certificate.serial_number),
                       identifier=opened.subject.identifier, reason=reason, confirmed_by=confirmed_by)

    info = _ask(outcomes.ask(client.certificate_info, opened.certificate, own_signer))
    if info.status == "REVOKED":
        record("GetCertificateInfoForAuthenticationCertificate")
        ui.tell("revoke.already", file=keystore.name)
        return 0
    if not info.revocable:
        raise RenewalStopped("revoke.not_revocable", file=keystore.name, status=str(info.status))
    if not ui.confirm("revoke.confirm", file=keystore.name, holder=holder, identifier=opened.subject.identifier,
                      reason=core.t(f"revoke.reason.{reason}")):
        raise Cancelled()
    with engine.open_eid(ui.ask_pin) as eid:
        signer = eid.signer("Signature")
        contract = client.generate_revocation_contract(pki, signer.certificate_chain()[0], reason)
        if not ui.show_conditions(contract.text(core.language)):
            raise Cancelled()
        # the one PIN: a wrong one is said with the tries left, and typed again only if the user says so
        prepared = with_pin_retry(ui, lambda: client.prepare_revoke(pki, contract, signer))
    outcome = outcomes.ask(client.send_revoke, prepared)
    if isinstance(outcome, outcomes.Unreachable):
        ui.tell("revoke.unknown_outcome", file=keystore.name)
        return 1
    _ask(outcome)
    record("Revoke")
    # eHealth's own word, as status shows it (the revoked certificate may still ask about itself)
    after = outcomes.ask(client.certificate_info, opened.certificate, own_signer)
    if isinstance(after, outcomes.Answered) and after.value.status == "REVOKED":
        record("GetCertificateInfoForAuthenticationCertificate")
        ui.tell("revoke.done", file=keystore.name, etk=str(after.value.etk_status))
    else:
        ui.tell("revoke.done_unchecked", file=keystore.name)
    return 0


def _ask(outcome: Outcome) -> Any:
    """The answer, or eHealth's refusal / the transport's failure as the user's error."""
    from ehwatch.renewal import outcomes
    from ehwatch.renewal.lifecycle import State
    from ehwatch.renewal.stops import RenewalStopped

    if isinstance(outcome, outcomes.Refused):
        error = outcome.error()
        raise RenewalStopped(error.key, State.REFUSED, **error.params)
    if isinstance(outcome, outcomes.Unreachable):
        raise outcome.error
    if not isinstance(outcome, outcomes.Answered):     # NotYet: GetCertificate's word only, never here
        raise RuntimeError(f"unexpected answer {outcome!r}")
    return outcome.value
