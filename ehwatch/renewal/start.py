"""The interactive start of a renewal: every answer first, then one PIN, then the request at once.

As the user lives it (the Certificate Manager's screens, in fewer steps): the old keystore's
password, eHealth's check that the renewal window is open, the eID in the reader, the contact data,
eHealth's conditions (shown, and accepted explicitly), the overview of what will be signed, the new
keystore's password — and only then the PIN. The request signed with it is never left waiting on
the user: the new keystore (holding the new key) is written and the request sent right away.

The UI is an object with a few questions (``RenewalUI``): the terminal answers them, the tray with
dialogs, or a terminal through the daemon's socket. A question left unanswered cancels; nothing is
signed or sent before the PIN.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from cryptography import x509

from ehwatch import logs, secrets
from ehwatch.errors import EhwatchError
from ehwatch.failpoints import failpoint
from ehwatch.monitor import names, pkcs12
from ehwatch.monitor.status import brussels_date
from ehwatch.renewal import outcomes, policy
from ehwatch.renewal.keystores import (
    AUTH_ALIAS,
    OpenedKeystore,
    auth_entry,
    check_folder_writable,
    free_keystore_name,
    open_keystore,
    sha256,
)
from ehwatch.renewal.lifecycle import Renewal, State
from ehwatch.renewal.stops import Cancelled, PasswordNeeded, RenewalStopped

if TYPE_CHECKING:
    from collections.abc import Callable

    from cryptography.hazmat.primitives.asymmetric import rsa

    from ehwatch.core import Core
    from ehwatch.renewal.client import EhealthClient, PreparedRequest
    from ehwatch.renewal.eid import Eid, EidInfo, PinRequest
    from ehwatch.renewal.engine import Engine
    from ehwatch.renewal.messages import Actor, ActorQualities, CertificateInfo, ContactData, Contract

    # what the one PIN produced: the new key, its public key identifier, the signed request
    Signed = tuple[rsa.RSAPrivateKey, str, PreparedRequest]

log = logging.getLogger(__name__)

TRIES = 3                   # a mistyped password or contact field is asked again, this many times


class RenewalUI(Protocol):
    """What a renewal may ask or tell the person in front of the screen."""

    def confirm(self, key: str, **params: object) -> bool: ...
    def ask_keystore_password(self, keystore: Path, retry: bool) -> str | None: ...
    def ask_contact(self, prefill: dict[str, str]) -> dict[str, str] | None: ...
    def show_conditions(self, text: str) -> bool: ...
    def review(self, overview: Overview) -> bool: ...
    def ask_new_password(self) -> str | None: ...
    def ask_pin(self, request: PinRequest) -> str | None: ...
    def tell(self, key: str, **params: object) -> None: ...
    def choose(self, key: str, options: list[tuple[str, str]], **params: object) -> str | None: ...


@dataclass
class Overview:
    """What will be signed, shown before the PIN (like the Certificate Manager's overview)."""

    common_name: str
    subject_lines: list[tuple[str, str]]
    contact: dict[str, str]
    old_keystore: Path
    new_keystore: Path
    environment: str
    holder: str = ""
    old_subject_lines: list[tuple[str, str]] = field(default_factory=list)  # only when eHealth's DN differs
    new_request: bool = False         # a new certificate, not a renewal (no old keystore renewed)

    @property
    def text_prefix(self) -> str:
        """Where the overview's sentences live: a renewal's, or a new request's."""
        return "cli.request." if self.new_request else "cli.renew."

    def to_json(self) -> dict[str, Any]:
        return {"common_name": self.common_name, "subject_lines": self.subject_lines, "contact": self.contact,
                "old_keystore": str(self.old_keystore), "new_keystore": str(self.new_keystore),
                "environment": self.environment, "holder": self.holder,
                "old_subject_lines": self.old_subject_lines, "new_request": self.new_request}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Overview:
        return cls(common_name=data["common_name"], subject_lines=[tuple(x) for x in data["subject_lines"]],
                   contact=dict(data["contact"]), old_keystore=Path(data["old_keystore"]),
                   new_keystore=Path(data["new_keystore"]), environment=data["environment"],
                   holder=data.get("holder", ""),
                   old_subject_lines=[tuple(x) for x in data.get("old_subject_lines", [])],
                   new_request=bool(data.get("new_request")))


@dataclass(frozen=True)
class NewRequest:
    """What a request for a new certificate names, when there is no keystore to renew (the first
    certificate, or the old one expired or revoked): for whom — the eID holder, or an organisation
    they manage — with which application id, in which folder, and which expired keystore it replaces
    (that keystore's lifecycle then continues with the new request)."""

    folder: Path
    environment: str = "production"
    organisation: str | None = None      # "TYPE=value"; None: the eID holder (or chosen, below)
    application_id: str | None = None
    choose: bool = False                 # ask whom (GetActorQualities), and show the application ids in use
    replaces: Path | None = None         # an expired keystore this certificate replaces

    def to_json(self) -> dict[str, Any]:
        return {"folder": str(self.folder), "environment": self.environment, "organisation": self.organisation,
                "application_id": self.application_id, "choose": self.choose,
                "replaces": str(self.replaces) if self.replaces else None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NewRequest:
        return cls(folder=Path(data["folder"]), environment=data.get("environment") or "production",
                   organisation=data.get("organisation") or None, application_id=data.get("application_id") or None,
                   choose=bool(data.get("choose")), replaces=Path(data["replaces"]) if data.get("replaces") else None)


@dataclass
class _Answers:
    """Everything collected before the PIN."""

    environment: str
    contact: dict[str, str]
    contract: Contract
    subject: x509.Name
    holder: str
    new_path: Path
    new_password: str
    base_services: tuple[str, ...] = ()
    replaced_certificate: bytes | None = None    # DER of the certificate renewed; None: a new request
    protection: str | None = None                # the new keystore's protection (None: the official legacy one)
    row: dict[str, Any] = field(default_factory=dict)  # the lifecycle's facts (old_keystore, identifier, …)


class RenewalStart:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.core = engine.core
        self.lifecycles = engine.lifecycles
        self.automatically_validated: bool | None = None    # GenerateCertificate's answer, once sent

    def run(self, old_path: Path, ui: RenewalUI, assume_yes: bool = False) -> Renewal:
        old_path = Path(old_path).resolve()
        current = self.lifecycles.for_keystore(old_path)
        if current is not None and current.waiting:
            ui.tell("renewal.already_running", state=self.core.t(f"renewal.state.{current.state.value}"))
            return current
        if current is not None and current.state in (State.NOTIFYING, State.DONE) and current.new_keystore \
                and Path(current.new_keystore).exists() and Path(current.new_keystore).resolve() != old_path:
            raise RenewalStopped("renewal.already_done", file=Path(current.new_keystore).name)
        if current is not None and current.finished and current.new_keystore \
                and Path(current.new_keystore).resolve() == old_path:
            current = None             # the request that made this keystore, finished: its renewal is new
        # the question names the person whose certificate it is (known from the last scan or renewal;
        # else read from the keystore first, which may ask its password before the question)
        holder = known_holder(self.core, old_path, current)
        opened = None
        if holder is None and not assume_yes:
            opened = open_keystore(old_path, self._old_password(old_path, ui))
            holder = opened.subject.holder or opened.subject.identifier
        if not (assume_yes or ui.confirm("renewal.confirm_start", holder=holder, file=old_path.name)):
            raise Cancelled()
        if opened is None:
            opened = open_keystore(old_path, self._old_password(old_path, ui))
        if opened.pending:
            raise RenewalStopped("renewal.is_pending", file=old_path.name)
        from ehwatch.monitor import revoked
        from ehwatch.renewal.keys import public_key_identifier

        entry = opened.content.key(AUTH_ALIAS)
        if entry is not None and revoked.is_revoked(self.core.store, public_key_identifier(
                x509.load_der_x509_certificate(opened.certificate).public_key())):
            raise RenewalStopped("renewal.revoked", file=old_path.name)
        parsed = names.parse_keystore_filename(old_path.name)
        environment = parsed.environment if parsed else "production"
        if opened.not_after and opened.not_after <= self.engine.now():
            self._record_expired(current, opened, environment, opened.not_after)
            raise RenewalStopped("renewal.expired", State.EXPIRED,
                                  date=brussels_date(opened.not_after).isoformat())
        client = self.engine.client_for(environment)
        info = self._window_open(client, opened)
        check_folder_writable(old_path.parent)
        from ehwatch.renewal.eid import PinLocked

        try:
            with self.engine.open_eid(ui.ask_pin) as eid:
                answers = self._collect(eid, client, opened, environment, info, ui)
                signed = self._sign(eid, client, answers, ui)
        except PinLocked as exc:
            renewal = self._lifecycle(current, _row(opened, environment, opened.subject.holder))
            self.lifecycles.stop_for_user(renewal, State.PIN_BLOCKED, exc)
            raise
        return self._send(current, answers, signed, client, ui)

    # ---- a new certificate (no keystore to renew)
    def request_new(self, what: NewRequest, ui: RenewalUI, assume_yes: bool = False) -> Renewal:
        """The same steps as a renewal without an old keystore: whom (the eID holder or an organisation
        they manage), contact data, eHealth's conditions, the overview, the new password, one PIN for
        the request, then at once the new keystore (official name, legacy protection) and
        GenerateCertificate without a replaced certificate. An organisation's name, and whether the
        holder manages it, come from GetActorQualities (signed with the Authentication key: a PIN)."""
        folder = Path(what.folder).resolve()
        current = self.lifecycles.for_keystore(Path(what.replaces).resolve()) if what.replaces else None
        if current is not None and current.waiting:
            ui.tell("renewal.already_running", state=self.core.t(f"renewal.state.{current.state.value}"))
            return current
        if current is not None and not current.state.may_start:
            current = None                       # finished long ago: a fresh lifecycle, same old keystore
        # the question names for whom: the replaced keystore's holder, the organisation asked for, or
        # (read from the card in the reader, below) the eID's holder; when whom is chosen, the choice does
        named = None
        if what.replaces is not None:
            named = known_holder(self.core, Path(what.replaces).resolve(), current)
        if named is None and what.organisation:
            named = normalise_identifier(what.organisation)
        if not assume_yes and (named is not None or what.choose):
            key = "request.confirm_start" if named is not None else "request.confirm_start_choose"
            if not ui.confirm(key, holder=named or "", folder=str(folder)):
                raise Cancelled()
        check_folder_writable(folder)
        client = self.engine.client_for(what.environment)
        from ehwatch.renewal.eid import PinLocked

        try:
            with self.engine.open_eid(ui.ask_pin) as eid:
                if not assume_yes and named is None and not what.choose:
                    card = eid.info()            # the card's public data: no PIN
                    if not ui.confirm("request.confirm_start", holder=card.holder or f"SSIN={card.ssin}",
                                      folder=str(folder)):
                        raise Cancelled()
                answers = self._collect_new(eid, client, what, folder, ui)
                signed = self._sign(eid, client, answers, ui)
        except PinLocked as exc:
            if current is not None:
                self.lifecycles.stop_for_user(current, State.PIN_BLOCKED, exc)
            raise
        return self._send(current, answers, signed, client, ui)

    def _collect_new(self, eid: Eid, client: EhealthClient, what: NewRequest, folder: Path,
                     ui: RenewalUI) -> _Answers:
        from ehwatch.renewal.messages import Actor, CertificateIdentifier

        card = eid.info()
        signature_cert = eid.signer("Signature").certificate_chain()[0]
        requestor = Actor.from_eid_certificate(signature_cert)
        if not requestor.id_value:
            raise RenewalStopped("request.no_ssin")
        organisation, name = self._whom(eid, client, what, requestor, ui)
        application = (what.application_id or "").strip() or None
        if organisation is None:
            if application:
                raise RenewalStopped("request.application_for_person")
            actor = Actor("SSIN", requestor.id_value, requestor.name, requestor.first_names)
            identifier = f"SSIN={requestor.id_value}"
        else:
            kind, _, number = organisation.partition("=")
            actor = Actor(kind, number, name, requestor.first_names)
            identifier = organisation
            used = client.existing_application_ids(organisation)
            if application and application in used:
                raise RenewalStopped("request.application_id_taken", application=application, identifier=identifier)
            if what.choose and any(used):
                ui.tell("request.application_ids_in_use", identifier=identifier,
                        ids=", ".join(sorted(i for i in used if i)))
        contact = self._ask_contact(ui, self._contact_prefill(identifier))
        contract = client.generate_contract(_contact_obj(contact), self.core.language, signer=requestor,
                                            certificate=CertificateIdentifier(actor, application))
        if not ui.show_conditions(contract.text(self.core.language)):
            raise Cancelled()
        subject = contract.subject
        parsed = names.parse_subject(subject)
        if parsed is None or parsed.identifier.upper() != identifier.upper():
            from ehwatch.renewal.schemas import MalformedResponse

            raise MalformedResponse("the contract names another certificate")
        holder = parsed.holder or card.holder or ""
        new_path = free_keystore_name(folder, parsed, what.environment, self.engine.now())
        replaced = Path(what.replaces).resolve() if what.replaces else None
        overview = Overview(common_name=_common_name(subject), subject_lines=subject_lines(subject), contact=contact,
                            old_keystore=replaced or new_path, new_keystore=new_path, environment=what.environment,
                            holder=holder, new_request=True)
        if not ui.review(overview):
            raise Cancelled()
        new_password = ask_new_password(ui)
        # a new request has no old keystore: its lifecycle is named by the keystore it replaces, or by
        # the new keystore itself (so listing, reconcile and the menu find it under that name)
        row = {"old_keystore": replaced or new_path, "identifier": identifier, "application": application,
               "holder": holder, "environment": what.environment}
        return _Answers(what.environment, contact, contract, subject, holder, new_path, new_password, (), None, None,
                        row)

    def _whom(self, eid: Eid, client: EhealthClient, what: NewRequest, requestor: Actor,
              ui: RenewalUI) -> tuple[str | None, str]:
        """The organisation asked for (``TYPE=value``) and its name, or (None, "") for the eID holder."""
        wanted = normalise_identifier(what.organisation) if what.organisation else None
        if wanted is not None and wanted.startswith("SSIN="):
            if wanted != f"SSIN={requestor.id_value}":
                raise RenewalStopped("renewal.wrong_eid", holder=" ".join((*requestor.first_names, requestor.name)),
                                     identifier=wanted)
            return None, ""
        if wanted is None and not what.choose:
            return None, ""
        ui.tell("request.asking_qualities")
        qualities = with_pin_retry(ui, lambda: client.actor_qualities(eid.signer("Authentication"),
                                                                       requestor.id_value))
        organisations = {o.upper(): o for o in qualities.organizations}
        if wanted is None:
            options = ([("", self.core.t("request.choice.myself",
                                         name=" ".join((*requestor.first_names, requestor.name)),
                                         ssin=requestor.id_value))] if qualities.natural_person else [])
            options += [(o, self.core.t("request.choice.organisation", identifier=o,
                                        name=_organisation_name(qualities, o, self.core.language)))
                        for o in qualities.organizations]
            if not options:
                raise RenewalStopped("request.no_quality")
            chosen: str | None
            if len(options) == 1:
                chosen = options[0][0]
            else:
                chosen = ui.choose("request.choose_whom", options)
                if chosen is None:
                    raise Cancelled()
            if not chosen:
                return None, ""
            wanted = chosen.upper()
        if wanted.upper() not in organisations:
            raise RenewalStopped("renewal.not_authorised", identifier=wanted)
        original = organisations[wanted.upper()]
        return original, _organisation_name(qualities, original, self.core.language)

    # ---- before the PIN
    def keystore_password(self, path: Path, ui: RenewalUI) -> str:
        """A keystore's password, from the keyring or asked and checked (revocation uses it too)."""
        return self._old_password(path, ui)

    def _old_password(self, path: Path, ui: RenewalUI) -> str:
        """From the keyring, else asked (and checked against the file) — a few tries, then stop."""
        stored = secrets.keystore_password(path)
        if stored:
            try:
                pkcs12.read_keystore(path.read_bytes(), stored)
                return stored
            except pkcs12.WrongPassword:
                pass
        for attempt in range(TRIES):
            password = ui.ask_keystore_password(path, retry=attempt > 0 or bool(stored))
            if password is None:
                raise Cancelled()
            logs.redact(password)
            try:
                pkcs12.read_keystore(path.read_bytes(), password)
            except pkcs12.WrongPassword:
                continue
            secrets.set_keystore_password(path, password)
            return password
        raise PasswordNeeded("renewal.password.unknown", file=path.name)

    def _window_open(self, client: EhealthClient, opened: OpenedKeystore) -> CertificateInfo:
        """eHealth's own word on the old certificate (signed with it: no eID needed)."""
        from ehwatch.renewal.xmldsig import SoftwareSigner

        entry = auth_entry(opened.path, opened.content)     # open_keystore found it: never missing here
        outcome = outcomes.ask(client.certificate_info, opened.certificate,
                               SoftwareSigner(entry.private_key, entry.chain))
        if isinstance(outcome, outcomes.Refused):
            raise _refused(outcome)
        if isinstance(outcome, outcomes.Unreachable):
            raise outcome.error
        if isinstance(outcome, outcomes.NotYet):    # only GetCertificate says "not yet delivered"
            from ehwatch.renewal.schemas import MalformedResponse

            raise MalformedResponse("GetCertificateInfo answered that a certificate is not yet delivered")
        info = outcome.value
        if info.status == "REVOKED":           # eHealth's word: a revoked certificate is never renewed
            from ehwatch.monitor import revoked  # (revoked elsewhere: status says so from now on)

            certificate = x509.load_der_x509_certificate(opened.certificate)
            revoked.record(self.core.store, public_key_identifier=info.public_key_identifier,
                           serial=str(certificate.serial_number), identifier=opened.subject.identifier,
                           reason="", confirmed_by="GetCertificateInfoForAuthenticationCertificate")
            raise RenewalStopped("renewal.revoked", file=opened.path.name)
        if not info.replaceable:
            opens = info.replacement_start
            if opens and brussels_date(opens) > brussels_date(self.engine.now()):
                raise RenewalStopped("renewal.window_not_open", date=brussels_date(opens).isoformat())
            raise RenewalStopped("renewal.not_replaceable", status=str(info.status))
        return info

    def _collect(self, eid: Eid, client: EhealthClient, opened: OpenedKeystore, environment: str,
                 info: CertificateInfo, ui: RenewalUI) -> _Answers:
        """The eID holder, contact data, conditions, overview and new password: all before the PIN."""
        card = eid.info()
        self._check_holder(opened.subject, card, eid, client, ui)
        holder = opened.subject.holder or card.holder or ""
        contact = self._ask_contact(ui, self._contact_prefill(opened.subject.identifier, info.contact))
        from ehwatch.renewal.messages import Actor, CertificateIdentifier

        # the contract names the certificate being renewed (the organisation's, for its manager) and
        # carries the DN eHealth will certify and the conditions the eID signs
        requestor = Actor.from_eid_certificate(eid.signer("Signature").certificate_chain()[0])
        contract = client.generate_contract(_contact_obj(contact), self.core.language, signer=requestor,
                                            certificate=CertificateIdentifier.for_renewal(opened.certificate, requestor))
        if not ui.show_conditions(contract.text(self.core.language)):
            raise Cancelled()
        subject = contract.subject
        old_subject = x509.load_der_x509_certificate(opened.certificate).subject
        new_path = free_keystore_name(opened.path.parent, opened.subject, environment, self.engine.now())
        overview = Overview(common_name=_common_name(subject), subject_lines=subject_lines(subject),
                            contact=contact, old_keystore=opened.path, new_keystore=new_path,
                            environment=environment, holder=holder,
                            old_subject_lines=subject_lines(old_subject) if old_subject != subject else [])
        if not ui.review(overview):
            raise Cancelled()
        new_password = ask_new_password(ui)
        return _Answers(environment, contact, contract, subject, holder, new_path, new_password,
                        tuple(info.base_services or ()), opened.certificate, opened.content.protection,
                        _row(opened, environment, holder))

    def _check_holder(self, subject: names.EhealthSubject, card: EidInfo, eid: Eid, client: EhealthClient,
                      ui: RenewalUI) -> None:
        if subject.type == "SSIN":
            if card.ssin and card.ssin != subject.id:
                raise RenewalStopped("renewal.wrong_eid", holder=card.holder or "", identifier=subject.identifier)
            return
        qualities = with_pin_retry(ui, lambda: client.actor_qualities(eid.signer("Authentication"), card.ssin))
        allowed = {q.upper() for q in getattr(qualities, "organizations", [])}
        if subject.id.upper() not in allowed and subject.identifier.upper() not in allowed:
            raise RenewalStopped("renewal.not_authorised", identifier=subject.identifier)

    def _contact_prefill(self, identifier: str, saved_contact: ContactData | None = None) -> dict[str, str]:
        """What the form shows first: the configuration, then the contact data eHealth saved with the
        old certificate (what the Certificate Manager shows), then the data of ehwatch's last request."""
        cfg = self.core.config.renewal
        contact = {"email": cfg.email, "phone": cfg.phone, "general_email": cfg.general_email,
                   "general_phone": cfg.general_phone}
        if saved_contact is not None:
            contact.update({k: v for k, v in (("email", saved_contact.email), ("phone", saved_contact.phone),
                                               ("general_email", saved_contact.general_email),
                                               ("general_phone", saved_contact.general_phone)) if v})
        for previous in reversed(self.lifecycles.all()):
            if previous.identifier == identifier and previous.contact:
                return {**contact, **{k: v for k, v in previous.contact.items() if v}}
        return contact

    def _ask_contact(self, ui: RenewalUI, prefill: dict[str, str]) -> dict[str, str]:
        """A bad field is said and asked again at once (with what was typed), a few times."""
        problem = None
        for _ in range(TRIES):
            contact = ui.ask_contact(prefill)
            if contact is None:
                raise Cancelled()
            problem = policy.first_contact_problem(contact)
            if problem is None:
                return contact
            ui.tell(problem[0], **problem[1])
            prefill = contact
        assert problem is not None              # TRIES > 0: the loop ran, and each round found one
        raise RenewalStopped(problem[0], State.NEEDS_ATTENTION, **problem[1])

    # ---- the PIN, then at once the keystore and the request
    def _sign(self, eid: Eid, client: EhealthClient, answers: _Answers, ui: RenewalUI) -> Signed:
        """The one PIN. A wrong PIN says how many tries the card has left; trying again is the user's
        choice (never automatic) and keeps every earlier answer."""
        from ehwatch.renewal import keys

        new_key = keys.new_rsa_key()
        csr = keys.build_csr_for_contract(new_key, answers.contract)    # checked against the contract's DN
        prepared = with_pin_retry(ui, lambda: client.prepare_generate_certificate(
            csr, _contact_obj(answers.contact), answers.contract, answers.replaced_certificate,
            eid.signer("Signature"), answers.base_services))
        return new_key, keys.public_key_identifier(new_key.public_key()), prepared

    def _send(self, current: Renewal | None, answers: _Answers, signed: Signed, client: EhealthClient,
              ui: RenewalUI) -> Renewal:
        from ehwatch import fileutil
        from ehwatch.renewal import keys

        new_key, pki, prepared = signed
        new_path = answers.new_path
        renewal = self._lifecycle(current, answers.row)
        if renewal.state is not State.AWAITING_CONFIRMATION:
            renewal = self.lifecycles.transition(renewal, State.AWAITING_CONFIRMATION, note="confirmed again")
        renewal = self.lifecycles.transition(renewal, State.REQUESTING, note="request signed",
                                             new_keystore=str(new_path), public_key_identifier=pki,
                                             contact=answers.contact, holder=answers.holder)
        secrets.set_keystore_password(new_path, answers.new_password)
        pending = pkcs12.KeystoreContent(
            keys=[pkcs12.KeyEntry(alias=AUTH_ALIAS, private_key=new_key, chain=[keys.placeholder_certificate(new_key)])],
            trusted=[])
        data = pkcs12.write_keystore(pending, answers.new_password, protection=answers.protection)
        while True:
            try:
                fileutil.write_new_file(new_path, data)
                break
            except OSError as exc:       # checked before the PIN; a disk can still fill up meanwhile
                ui.tell("renewal.write_failed", file=str(new_path), detail=exc.strerror or type(exc).__name__)
                if not ui.confirm("renewal.write_try_again"):
                    self.lifecycles.transition(renewal, State.AWAITING_CONFIRMATION, note="keystore not written",
                                               new_keystore=None, public_key_identifier=None)
                    raise RenewalStopped("renewal.write_failed", file=str(new_path),
                                         detail=exc.strerror or type(exc).__name__) from None
        failpoint("requesting:keystore-written")
        outcome = outcomes.ask(client.send_generate_certificate, prepared)
        if isinstance(outcome, outcomes.Answered):
            failpoint("requesting:sent")
            renewal = self.lifecycles.transition(
                renewal, State.REQUESTED, note="request accepted", requested_at=self.engine.now(),
                request_number=str(outcome.value.request_number or "") or None,
                next_attempt_at=self.engine.now() + dt.timedelta(hours=self.core.config.renewal.poll_hours))
            ui.tell("renewal.requested", file=new_path.name)
            self.automatically_validated = bool(outcome.value.automatically_validated)
            if not self.automatically_validated:
                # eHealth's support checks this request by hand (an organisation, usually): say so
                ui.tell("request.manual_validation", identifier=renewal.identifier)
            return renewal
        # the request may or may not have reached eHealth: never guess — the completion asks eHealth
        return self.engine.settle(renewal, outcome)

    # ---- the lifecycle row
    def _lifecycle(self, current: Renewal | None, row: dict[str, Any]) -> Renewal:
        if current is not None and current.state.may_start:
            return current
        return self.lifecycles.create(**row)

    def _record_expired(self, current: Renewal | None, opened: OpenedKeystore, environment: str,
                        not_after: dt.datetime) -> None:
        renewal = current if current is not None and not current.finished else self.lifecycles.create(
            old_keystore=opened.path, identifier=opened.subject.identifier, environment=environment,
            state=State.DUE, old_not_after=not_after)
        if renewal.state is not State.EXPIRED:
            self.lifecycles.transition(renewal, State.EXPIRED, note="expired", last_error_key="renewal.expired",
                                       last_error_params={"date": brussels_date(not_after).isoformat()})


T = TypeVar("T")


# Questions --yes never answers: typing the PIN again after a wrong one is always the person's choice.
NEVER_ASSUMED = frozenset({"renewal.pin_try_again"})


def with_pin_retry(ui: RenewalUI, sign: Callable[[], T]) -> T:
    """``sign()``, which asks the eID PIN. A wrong PIN is said with the tries the card has left, and
    typing it again is the user's choice (never automatic): everything answered before is kept, only
    the PIN is asked again. A blocked card, or a "no", ends it (the error goes up)."""
    from ehwatch.renewal.eid import PinIncorrect

    while True:
        try:
            return sign()
        except PinIncorrect as exc:
            ui.tell(exc.key, **exc.params)
            if not ui.confirm("renewal.pin_try_again"):
                raise


def known_holder(core: Core, keystore: Path, renewal: Renewal | None = None) -> str | None:
    """The holder of a keystore's certificate without opening it: from its renewal, else from what the
    last scan read (the scan cache keeps public facts only). None when neither knows."""
    if renewal is not None and renewal.holder:
        return renewal.holder
    from ehwatch.monitor.cache import ScanCache

    target = Path(keystore).resolve()
    for path, row in ScanCache(core.store).rows().items():
        auth = row.facts.get("auth") if row.facts.get("kind") == "ok" else None
        if auth and auth.get("holder") and Path(path).name == target.name and Path(path).resolve() == target:
            return str(auth["holder"])
    return None


def _row(opened: OpenedKeystore, environment: str, holder: str | None) -> dict[str, Any]:
    """A renewal's lifecycle facts: the old keystore, its certificate's names and end."""
    return {"old_keystore": opened.path, "identifier": opened.subject.identifier, "environment": environment,
            "application": opened.subject.application, "holder": holder, "old_not_after": opened.not_after,
            "old_sha256": sha256(opened.path)}


def normalise_identifier(value: str) -> str:
    """``cbe = 0123456789`` → ``CBE=0123456789``; a TYPE=value is required (``request.bad_organisation``)."""
    kind, sep, number = (value or "").partition("=")
    kind, number = kind.strip().upper(), number.strip()
    if not sep or not kind or not number or not number.replace("-", "").isalnum() or len(value) > 100:
        raise RenewalStopped("request.bad_organisation", value=(value or "")[:100])
    return f"{kind}={number}"


def _organisation_name(qualities: ActorQualities, organisation: str, language: str) -> str:
    """The organisation's name as GetActorQualities gives it, in the user's language if it can."""
    names_by_language = qualities.organization_names.get(organisation) or {}
    for candidate in (language, "fr", "nl", "en", "de"):
        if names_by_language.get(candidate):
            return names_by_language[candidate]
    return next((n for n in names_by_language.values() if n), organisation)


def ask_new_password(ui: RenewalUI) -> str:
    """A new keystore password; a weak or mistyped one is said and asked again, a few times."""
    problem = None
    for _ in range(TRIES):
        try:
            password = ui.ask_new_password()
        except RenewalStopped as exc:          # the two entries differed
            problem = exc.key
            ui.tell(problem)
            continue
        if password is None:
            raise Cancelled()
        logs.redact(password)
        problem = policy.password_problem(password)
        if problem is None:
            return password
        ui.tell(problem)
    raise RenewalStopped(problem or "renewal.password.too_short")


def _refused(outcome: outcomes.Refused) -> EhwatchError:
    return RenewalStopped(outcome.error().key, State.REFUSED, **outcome.error().params)


# How the Certificate Manager's overview names the parts of the DN (the same words in every language).
_DN_LABELS = {x509.NameOID.COMMON_NAME: "Common Name (CN)", x509.NameOID.ORGANIZATIONAL_UNIT_NAME:
              "Organizational Unit (OU)", x509.NameOID.ORGANIZATION_NAME: "Organization (O)",
              x509.NameOID.COUNTRY_NAME: "Country (C)"}


def subject_lines(name: x509.Name) -> list[tuple[str, str]]:
    """The DN as the Certificate Manager shows it before signing: CN first, then OUs, O, C."""
    return [(_DN_LABELS.get(attr.oid, attr.oid.dotted_string), _value_text(attr.value))
            for attr in reversed(list(name))]


def _value_text(value: str | bytes) -> str:
    """An attribute's value as text (only a few binary attributes, never in eHealth's DNs, are bytes)."""
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def _common_name(name: x509.Name) -> str:
    values = name.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return _value_text(values[0].value) if values else ""


def _contact_obj(contact: dict[str, str]) -> ContactData:
    from ehwatch.renewal.messages import ContactData

    return ContactData(email=contact["email"], phone=contact["phone"],
                       general_email=contact.get("general_email") or None,
                       general_phone=contact.get("general_phone") or None)
