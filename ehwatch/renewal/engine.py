"""The renewal engine: walks one lifecycle through its states, talking to the eID and to eHealth.

Two halves, as the user lives them:
- ``start`` is interactive (the user is there): old password, eID, contact data, review, signature,
  new password; it ends with the request sent and a pending keystore next to the old one.
- ``drive`` is not (the daemon, or ``ehwatch complete``): wait for the certificate, install it,
  create and activate the ETK, hand over. It never needs the eID.

Every state change is written before the act it announces (see ``lifecycle``); when the engine
finds a lifecycle in an "in flight" state it asks the platform what happened before acting again.
The UI is an object with a few questions (``RenewalUI``): the CLI answers from a terminal or stdin,
the tray with dialogs. The engine never builds a sentence: it raises or reports message keys.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cryptography import x509

from ehwatch import fileutil, logs, secrets
from ehwatch.errors import EhwatchError
from ehwatch.failpoints import failpoint
from ehwatch.monitor import names, pkcs12
from ehwatch.renewal import lifecycle as lc
from ehwatch.renewal.lifecycle import Lifecycles, Renewal

log = logging.getLogger(__name__)

AUTH_ALIAS = "authentication"
RENEWAL_WINDOW = dt.timedelta(days=90)
PASSWORD_TRIES = 3


class RenewalUI(Protocol):
    """What the engine may ask or tell the person in front of the screen."""

    def confirm(self, key: str, **params) -> bool: ...
    def ask_keystore_password(self, keystore: Path, retry: bool) -> str | None: ...
    def ask_pin(self, request) -> str | None: ...
    def ask_contact(self, prefill: dict) -> dict | None: ...
    def review(self, overview: "Overview") -> bool: ...
    def ask_new_password(self) -> str | None: ...
    def tell(self, key: str, **params) -> None: ...


@dataclass
class Overview:
    """What will be signed, shown before the eID signature (like the Certificate Manager's overview)."""

    common_name: str
    subject_lines: list[tuple[str, str]]
    contact: dict
    old_keystore: Path
    new_keystore: Path
    environment: str


class RenewalStopped(EhwatchError):
    """The renewal cannot go on now; the key says why and what to do."""


class Cancelled(EhwatchError):
    def __init__(self):
        super().__init__("renewal.cancelled")


def check_password_policy(password: str) -> str | None:
    """The platform's rule (``policy.password_checks``) as one message key; None if fine."""
    from ehwatch.renewal import policy

    checks = policy.password_checks(password, password)
    if not checks["length"]:
        return "renewal.password.too_short"
    if not checks["chars"]:
        return "renewal.password.bad_chars"
    if not checks["digit_or_symbol"]:
        return "renewal.password.no_digit_or_symbol"
    return None


def validate_contact(contact: dict) -> tuple[str, dict] | None:
    """The first problem with the contact data (``policy.contact_problems``), or None."""
    from ehwatch.renewal import policy

    problems = policy.contact_problems(contact)
    return problems[0] if problems else None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _cert(der: bytes) -> x509.Certificate:
    return x509.load_der_x509_certificate(der)


@dataclass
class OpenedKeystore:
    path: Path
    content: pkcs12.KeystoreContent
    subject: "names.EhealthSubject"
    certificate: bytes          # the authentication leaf (DER)
    pending: bool
    not_after: dt.datetime | None


def open_keystore(path: Path, password: str) -> OpenedKeystore:
    content = pkcs12.read_keystore(Path(path).read_bytes(), password)
    entry = content.key(AUTH_ALIAS)
    if entry is None or not entry.chain:
        raise RenewalStopped("renewal.no_authentication_entry", file=Path(path).name)
    leaf = entry.chain[0]
    pending = names.is_placeholder(leaf)
    subject = None
    not_after = None
    if not pending:
        cert = _cert(leaf)
        subject = names.parse_subject(cert.subject)
        not_after = cert.not_valid_after_utc
    if subject is None:
        parsed = names.parse_keystore_filename(Path(path).name)
        if parsed is None and not pending:
            raise RenewalStopped("renewal.not_ehealth", file=Path(path).name)
        subject = names.EhealthSubject(
            identifier=f"{parsed.type}={parsed.id}" if parsed else "", type=parsed.type if parsed else "",
            id=parsed.id if parsed else "", application=parsed.application if parsed else None, holder=None)
    return OpenedKeystore(Path(path), content, subject, leaf, pending, not_after)


@dataclass
class SignedRequest:
    """A GenerateCertificate signed by the eID, not sent yet, and what it needs to be sent safely."""

    prepared: object            # client.PreparedRequest
    new_key: object             # the new authentication key (kept in memory until written)
    new_path: Path
    pki: str
    contact: dict
    holder: str


class Engine:
    """Drives lifecycles. ``client_for(environment)`` and ``open_eid(pin_callback)`` are the two doors
    to the world; tests and the demo point them at the sandbox and SoftHSM through the config."""

    def __init__(self, core, now=_now):
        self.core = core
        self.lifecycles = Lifecycles(core.store)
        self.now = now

    # ---- doors to the world (overridable by configuration, not by mocks)
    def client_for(self, environment: str):
        from ehwatch.renewal.client import EhealthClient

        return EhealthClient.from_config(self.core, environment)

    def open_eid(self, pin_callback):
        from ehwatch.renewal.eid import Eid

        return Eid(self.core.config.eid.pkcs11_module or None, pin_callback=pin_callback)

    # ---- passwords
    def _old_password(self, path: Path, ui: RenewalUI | None) -> str:
        """From the keyring, else asked (and verified) — at most three tries, then a needs-you state."""
        stored = secrets.keystore_password(path)
        if stored:
            try:
                pkcs12.read_keystore(path.read_bytes(), stored)
                return stored
            except pkcs12.WrongPassword:
                if ui is None:
                    raise RenewalStopped("renewal.password.stored_wrong", file=path.name)
        if ui is None:
            raise RenewalStopped("renewal.password.unknown", file=path.name)
        for attempt in range(PASSWORD_TRIES):
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
        raise RenewalStopped("renewal.password.unknown", file=path.name)

    # ---- step 1..7: interactive start
    def start(self, old_path: Path, ui: RenewalUI, assume_yes: bool = False) -> Renewal:
        old_path = Path(old_path).resolve()
        current = self.lifecycles.for_keystore(old_path)
        if current and current.active:
            ui.tell("renewal.already_running", state=current.state)
            return current
        if current and current.state == lc.DONE and current.new_keystore and Path(current.new_keystore).exists():
            raise RenewalStopped("renewal.already_done", file=Path(current.new_keystore).name)
        if not (assume_yes or ui.confirm("renewal.confirm_start", file=old_path.name)):
            raise Cancelled()

        password = self._old_password(old_path, ui)
        opened = open_keystore(old_path, password)
        if opened.pending:
            raise RenewalStopped("renewal.is_pending", file=old_path.name)
        env = names.parse_keystore_filename(old_path.name)
        environment = env.environment if env else "production"
        now = self.now()
        if opened.not_after and opened.not_after <= now:
            renewal = current if current and current.state not in lc.FINAL else self.lifecycles.create(
                old_keystore=old_path, identifier=opened.subject.identifier, environment=environment, state=lc.DUE,
                old_not_after=opened.not_after)
            if renewal.state != lc.EXPIRED:
                self.lifecycles.transition(renewal, lc.EXPIRED, note="expired",
                                           last_error_key="renewal.expired",
                                           last_error_params={"date": opened.not_after.date().isoformat()})
            raise RenewalStopped("renewal.expired", date=opened.not_after.date().isoformat())

        client = self.client_for(environment)
        entry = opened.content.key(AUTH_ALIAS)
        from ehwatch.renewal.xmldsig import SoftwareSigner

        info = client.certificate_info(opened.certificate, SoftwareSigner(entry.private_key, entry.chain))
        opens = getattr(info, "replacement_start", None)
        if not getattr(info, "replaceable", True):
            if opens and _as_date(opens) > now.date():
                raise RenewalStopped("renewal.window_not_open", date=_as_date(opens).isoformat())
            raise RenewalStopped("renewal.not_replaceable", status=str(getattr(info, "status", "")))

        # 3. the eID: the holder must be the certificate's owner (or authorised for the organisation)
        from ehwatch.renewal.eid import PinLocked

        try:
            signed = self._sign_request(old_path, opened, environment, client, ui, getattr(info, "contact", None))
        except PinLocked as exc:
            renewal = current if current and current.state not in lc.FINAL else self.lifecycles.create(
                old_keystore=old_path, identifier=opened.subject.identifier, environment=environment,
                old_not_after=opened.not_after)
            self.lifecycles.needs_you(renewal, lc.PIN_BLOCKED, exc)
            raise
        return self._send_request(current, opened, environment, client, ui, signed)

    def _sign_request(self, old_path, opened, environment, client, ui, saved_contact=None) -> "SignedRequest":
        """Steps 3 to 5: eID, contact data, overview, signature. Nothing is written or sent here."""
        with self.open_eid(ui.ask_pin) as eid:
            card = eid.info()
            self._check_holder(opened.subject, card, eid, client)
            holder = opened.subject.holder or card.holder or ""
            # 4. contact data
            prefill = self._contact_prefill(opened.subject.identifier, saved_contact)
            contact = ui.ask_contact(prefill)
            if contact is None:
                raise Cancelled()
            problem = validate_contact(contact)
            if problem:
                raise RenewalStopped(problem[0], **problem[1])
            # 5. overview, then the signature
            subject_name = names.build_subject(opened.subject.type, opened.subject.id, holder,
                                               opened.subject.application)
            new_path = self._free_keystore_name(old_path.parent, opened.subject, environment)
            overview = Overview(common_name=subject_name.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value,
                                subject_lines=_subject_lines(subject_name),
                                contact=contact, old_keystore=old_path, new_keystore=new_path,
                                environment=environment)
            if not ui.review(overview):
                raise Cancelled()
            from ehwatch.renewal import keys

            new_key = keys.new_rsa_key()
            csr = keys.build_csr(new_key, subject_name)
            pki = keys.public_key_identifier(new_key.public_key())
            signature_key = eid.signer("Signature")
            contract = client.generate_contract(_contact_obj(contact), self.core.language, signer=signature_key)
            # signed now (the PIN is asked here, never retried automatically), sent once the new
            # keystore holding the key is safely on disk
            prepared = client.prepare_generate_certificate(csr, _contact_obj(contact), contract,
                                                           opened.certificate, signature_key)
        return SignedRequest(prepared, new_key, new_path, pki, contact, holder)

    def _free_keystore_name(self, folder: Path, subject, environment: str) -> Path:
        """``<TYPE>=<id> <yyyyMMdd-HHmmss>.p12`` for now; the next second if that name is taken."""
        when = self.now()
        while True:
            path = folder / names.keystore_filename(subject.type, subject.id, subject.application, when, environment)
            if not path.exists():
                return path
            when += dt.timedelta(seconds=1)

    def _send_request(self, current, opened, environment, client, ui, signed: "SignedRequest") -> Renewal:
        from ehwatch.renewal import keys

        old_path, new_path = opened.path, signed.new_path
        # 6. the new password (after the signature, as the Certificate Manager does)
        new_password = self._ask_new_password(ui)
        # 7. intent first, then the new keystore, then the request
        renewal = current if current and current.state in (lc.DUE, lc.AWAITING_CONFIRMATION, lc.CANCELLED,
                                                            *lc.NEEDS_YOU) else None
        if renewal is None:
            renewal = self.lifecycles.create(old_keystore=old_path, identifier=opened.subject.identifier,
                                             environment=environment, application=opened.subject.application,
                                             holder=signed.holder, old_not_after=opened.not_after,
                                             old_sha256=_sha256(old_path))
        elif renewal.state != lc.AWAITING_CONFIRMATION:
            renewal = self.lifecycles.transition(renewal, lc.AWAITING_CONFIRMATION, note="confirmed again")
        renewal = self.lifecycles.transition(renewal, lc.REQUESTING, note="request signed",
                                             new_keystore=str(new_path), public_key_identifier=signed.pki,
                                             contact=signed.contact, holder=signed.holder)
        secrets.set_keystore_password(new_path, new_password)
        pending = pkcs12.KeystoreContent(
            keys=[pkcs12.KeyEntry(alias=AUTH_ALIAS, private_key=signed.new_key,
                                  chain=[keys.placeholder_certificate(signed.new_key)])],
            trusted=[])
        fileutil.write_new_file(new_path, pkcs12.write_keystore(pending, new_password))
        failpoint("requesting:keystore-written")
        try:
            result = client.send_generate_certificate(signed.prepared)
        except EhwatchError as exc:
            return self._after_send_failure(renewal, exc)
        failpoint("requesting:sent")
        renewal = self.lifecycles.transition(
            renewal, lc.REQUESTED, note="request accepted", requested_at=self.now(),
            request_number=str(getattr(result, "request_number", None) or "") or None,
            next_attempt_at=self.now() + dt.timedelta(hours=self.core.config.renewal.poll_hours))
        ui.tell("renewal.requested", file=new_path.name)
        return renewal

    def _check_holder(self, subject, card, eid, client) -> None:
        if subject.type == "SSIN":
            if card.ssin and card.ssin != subject.id:
                raise RenewalStopped("renewal.wrong_eid", holder=card.holder or "", identifier=subject.identifier)
            return
        qualities = client.actor_qualities(eid.signer("Authentication"), card.ssin)
        allowed = {q.upper() for q in getattr(qualities, "organizations", [])}
        if subject.id.upper() not in allowed and subject.identifier.upper() not in allowed:
            raise RenewalStopped("renewal.not_authorised", identifier=subject.identifier)

    def _contact_prefill(self, identifier: str, saved_contact=None) -> dict:
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

    def _ask_new_password(self, ui: RenewalUI) -> str:
        """Asked after the signature, so a weak or mistyped password must not cost the signed
        request (and another PIN): say what is wrong and ask again, a few times."""
        problem = None
        for _ in range(PASSWORD_TRIES):
            try:
                password = ui.ask_new_password()
            except RenewalStopped as exc:          # the two entries differed
                problem = exc.key
                ui.tell(problem)
                continue
            if password is None:
                raise Cancelled()
            logs.redact(password)
            problem = check_password_policy(password)
            if problem is None:
                return password
            ui.tell(problem)
        raise RenewalStopped(problem or "renewal.password.too_short")

    def _after_send_failure(self, renewal: Renewal, exc: EhwatchError) -> Renewal:
        """The request may or may not have reached eHealth: never guess, ask (``_resume_requesting``)."""
        if _is_refusal(exc):
            return self.lifecycles.needs_you(renewal, lc.REFUSED, exc)
        return self.lifecycles.fail_for_retry(renewal, exc, self.now())

    # ---- step 8..10: completion, no eID
    def drive(self, renewal: Renewal, force: bool = False) -> Renewal:
        """Advances one lifecycle as far as it can go now. Safe to call any time, after any crash."""
        for _ in range(12):
            previous = renewal.state
            renewal = self._step(renewal, force)
            force = False
            if renewal.state == previous or renewal.state in _STOPS:
                break
        return renewal

    def drive_all(self, force: bool = False) -> list[Renewal]:
        return [self.drive(r, force) for r in self.lifecycles.open() if r.state in lc.ACTIVE]

    def _step(self, renewal: Renewal, force: bool) -> Renewal:
        now = self.now()
        state = renewal.state
        if state == lc.RETRY:
            if not force and renewal.next_attempt_at and renewal.next_attempt_at > now:
                return renewal
            state = renewal.resume_state or lc.REQUESTED
            renewal = self.lifecycles.transition(renewal, state, note="retrying")
        try:
            if state == lc.REQUESTING:
                return self._resume_requesting(renewal)
            if state == lc.REQUESTED:
                return self._poll(renewal, force)
            if state == lc.PRODUCED:
                return self.lifecycles.transition(renewal, lc.INSTALLING, note="installing chain")
            if state == lc.INSTALLING:
                return self._install(renewal)
            if state == lc.ETK_REGISTERING:
                return self._register_etk(renewal)
            if state == lc.ETK_ACTIVATING:
                return self._activate_etk(renewal)
        except RenewalStopped as exc:
            kind = lc.PASSWORD_UNKNOWN if exc.key.startswith("renewal.password") else lc.NEEDS_ATTENTION
            return self.lifecycles.needs_you(renewal, kind, exc)
        except EhwatchError as exc:
            if _is_refusal(exc):
                return self.lifecycles.needs_you(renewal, lc.REFUSED, exc)
            log.warning("renewal %s: %s, will retry", renewal.id, exc.key)
            return self.lifecycles.fail_for_retry(renewal, exc, now)
        return renewal

    def _new_keystore(self, renewal: Renewal) -> tuple[Path, str, pkcs12.KeystoreContent]:
        path = Path(renewal.new_keystore)
        if not path.exists():
            raise RenewalStopped("renewal.new_keystore_missing", file=path.name)
        password = secrets.keystore_password(path)
        if not password:
            raise RenewalStopped("renewal.password.unknown", file=path.name)
        try:
            return path, password, pkcs12.read_keystore(path.read_bytes(), password)
        except pkcs12.WrongPassword:
            raise RenewalStopped("renewal.password.stored_wrong", file=path.name) from None

    def _resume_requesting(self, renewal: Renewal) -> Renewal:
        """Found in REQUESTING after a crash: was the request sent? Ask eHealth, never re-send blindly."""
        from ehwatch.renewal.messages import NotYetDelivered

        if not renewal.new_keystore or not Path(renewal.new_keystore).exists():
            # the keystore is written before the request is sent: no file, no request
            return self.lifecycles.transition(renewal, lc.AWAITING_CONFIRMATION, note="request never sent",
                                              public_key_identifier=None, new_keystore=None)
        client = self.client_for(renewal.environment)
        try:
            chain = client.get_certificate(renewal.public_key_identifier)
        except NotYetDelivered:
            return self.lifecycles.transition(renewal, lc.REQUESTED, note="eHealth has the request",
                                              requested_at=renewal.requested_at or self.now(),
                                              next_attempt_at=self.now())
        except EhwatchError as exc:
            if getattr(exc, "code", None) in UNKNOWN_REQUEST_CODES:
                # eHealth never received it: the eID must sign again (the pending file is kept, unused)
                return self.lifecycles.transition(renewal, lc.AWAITING_CONFIRMATION, note="request not received",
                                                  last_error_key="renewal.request_lost",
                                                  last_error_params={"file": Path(renewal.old_keystore).name})
            raise
        return self.lifecycles.transition(renewal, lc.PRODUCED, note="already produced",
                                          requested_at=renewal.requested_at or self.now(),
                                          new_not_after=_cert(chain[0]).not_valid_after_utc)

    def _poll(self, renewal: Renewal, force: bool) -> Renewal:
        from ehwatch.renewal.messages import NotYetDelivered

        now = self.now()
        if not force:
            if renewal.available_from and renewal.available_from > now:
                return renewal
            if renewal.next_attempt_at and renewal.next_attempt_at > now:
                return renewal
        client = self.client_for(renewal.environment)
        try:
            chain = client.get_certificate(renewal.public_key_identifier)
        except NotYetDelivered:
            return self.lifecycles.save(renewal, note="not yet delivered",
                                        next_attempt_at=now + dt.timedelta(hours=self.core.config.renewal.poll_hours))
        return self.lifecycles.transition(renewal, lc.PRODUCED, note="certificate delivered",
                                          new_not_after=_cert(chain[0]).not_valid_after_utc)

    def _install(self, renewal: Renewal) -> Renewal:
        from ehwatch.renewal.messages import NotYetDelivered

        path, password, content = self._new_keystore(renewal)
        entry = content.key(AUTH_ALIAS)
        if entry is not None and entry.chain and not names.is_placeholder(entry.chain[0]):
            return self.lifecycles.transition(renewal, lc.ETK_REGISTERING, note="chain already installed")
        client = self.client_for(renewal.environment)
        try:
            chain = client.get_certificate(renewal.public_key_identifier)
        except NotYetDelivered:
            raise EhwatchError("renewal.not_yet_delivered") from None
        leaf = _cert(chain[0])
        if leaf.public_key().public_numbers() != entry.private_key.public_key().public_numbers():
            raise RenewalStopped("renewal.chain_mismatch")
        # CA certificates as trusted entries aliased by their RFC 2253 DN, lower-cased as Java stores them
        trusted = [pkcs12.TrustedEntry(alias=_cert(der).subject.rfc4514_string().lower(), certificate=der)
                   for der in chain[1:]]
        installed = pkcs12.KeystoreContent(
            keys=[pkcs12.KeyEntry(alias=AUTH_ALIAS, private_key=entry.private_key, chain=list(chain))]
            + [k for k in content.keys if k.alias.lower() != AUTH_ALIAS],
            trusted=trusted)
        fileutil.replace_own_file(path, pkcs12.write_keystore(installed, password))
        failpoint("installing:written")
        return self.lifecycles.transition(renewal, lc.ETK_REGISTERING, note="chain installed",
                                          new_not_after=leaf.not_valid_after_utc)

    def _signer(self, content: pkcs12.KeystoreContent):
        from ehwatch.renewal.xmldsig import SoftwareSigner

        entry = content.key(AUTH_ALIAS)
        return entry, SoftwareSigner(entry.private_key, entry.chain)

    def _etk_status(self, client, entry, signer) -> str | None:
        info = client.certificate_info(entry.chain[0], signer)
        return getattr(info, "etk_status", None)

    def _register_etk(self, renewal: Renewal) -> Renewal:
        from ehwatch.renewal import keys

        path, password, content = self._new_keystore(renewal)
        entry, signer = self._signer(content)
        client = self.client_for(renewal.environment)
        status = self._etk_status(client, entry, signer)
        existing = content.key(renewal.etk_serial) if renewal.etk_serial else None
        if status in ("WAIT_FOR_ACTIVATION", "VALID_ACTIVE") and existing is not None:
            return self.lifecycles.transition(renewal, lc.ETK_ACTIVATING, note="ETK already registered")
        if existing is not None and status == "IN_REQUEST":
            # crashed between writing the ETK key and completing: complete with the stored certificate
            client.complete_etk_registration(existing.chain[0], signer)
            failpoint("etk:completed")
            return self.lifecycles.transition(renewal, lc.ETK_ACTIVATING, note="ETK registration completed")
        etk_key = keys.new_rsa_key()
        challenge = client.start_etk_registration(etk_key.public_key(), signer)
        serial = keys.decode_etk_challenge(challenge, etk_key)
        etk_cert = keys.etk_certificate(entry.private_key, entry.chain[0], etk_key.public_key(), serial)
        alias = str(serial)
        updated = pkcs12.KeystoreContent(
            keys=[k for k in content.keys if k.alias != alias] + [pkcs12.KeyEntry(alias=alias, private_key=etk_key,
                                                                                 chain=[etk_cert])],
            trusted=content.trusted)
        renewal = self.lifecycles.save(renewal, note="ETK key stored", etk_serial=alias)
        fileutil.replace_own_file(path, pkcs12.write_keystore(updated, password))
        failpoint("etk:key-stored")
        client.complete_etk_registration(etk_cert, signer)
        failpoint("etk:completed")
        return self.lifecycles.transition(renewal, lc.ETK_ACTIVATING, note="ETK registration completed")

    def _activate_etk(self, renewal: Renewal) -> Renewal:
        path, password, content = self._new_keystore(renewal)
        entry, signer = self._signer(content)
        client = self.client_for(renewal.environment)
        if self._etk_status(client, entry, signer) != "VALID_ACTIVE":
            client.activate_etk(signer)
            failpoint("etk:activated")
        etk_entry = content.key(renewal.etk_serial or "")
        published = client.get_etk(renewal.identifier, renewal.application)
        if etk_entry is None or published is None or not _same_public_key(published, etk_entry.chain[0]):
            raise RenewalStopped("renewal.etk_mismatch")
        renewal = self.lifecycles.transition(renewal, lc.DONE, note="ETK active")
        self._hand_over(renewal)
        return renewal

    # ---- step 10: hand-over
    def _hand_over(self, renewal: Renewal) -> list[tuple[str, int]]:
        """Runs the post-renewal hooks; a failing hook is reported, never undoes the renewal."""
        results = []
        env = dict(os.environ)
        env.update({"EHWATCH_NEW_KEYSTORE": renewal.new_keystore or "", "EHWATCH_OLD_KEYSTORE": renewal.old_keystore,
                    "EHWATCH_IDENTIFIER": renewal.identifier, "EHWATCH_ENVIRONMENT": renewal.environment})
        for hook in self.core.config.renewal.hooks:
            try:
                proc = subprocess.run(hook, shell=True, env=env, timeout=300, capture_output=True)
                code = proc.returncode
            except (OSError, subprocess.TimeoutExpired) as exc:
                code = -1
                log.warning("post-renewal hook failed to run: %s", type(exc).__name__)
            results.append((hook, code))
            if code != 0:
                log.warning("post-renewal hook exited %s", code)
                self.lifecycles.save(renewal, note=f"hook failed ({code})", last_error_key="renewal.hook_failed",
                                     last_error_params={"hook": hook, "code": code})
        return results

    # ---- mail and start-up
    def on_mail(self, reading) -> Renewal | None:
        """A trusted 'produced' mail is a hint: it makes the engine ask eHealth at ``available_from``."""
        if not reading.trusted_sender or reading.kind not in ("produced", "received"):
            return None
        for renewal in self.lifecycles.open():
            if renewal.state not in (lc.REQUESTED, lc.RETRY, lc.REQUESTING):
                continue
            if not _mail_matches(renewal, reading):
                continue
            values = {}
            if reading.request_number and not renewal.request_number:
                values["request_number"] = reading.request_number
            if reading.kind == "produced":
                when = reading.available_from.astimezone(dt.timezone.utc) if reading.available_from else self.now()
                values.update(available_from=when, next_attempt_at=when)
            return self.lifecycles.save(renewal, note=f"mail {reading.kind}", **values)
        return None

    def reconcile(self, inventory_records) -> None:
        """At every start: what the disk says wins.

        An expiring keystore without a lifecycle gets one (``due``); an expired one gets the honest
        ``expired`` (only a new request is possible); a keystore renewed meanwhile with the official
        Certificate Manager (now ``superseded``) has its lifecycle closed, not redone. Temporary files
        a crash left next to the keystores are removed (they are never keystores)."""
        by_path = {str(Path(r.path).resolve()): r for r in inventory_records}
        latest = {r.old_keystore: r for r in self.lifecycles.all()}
        for path, record in by_path.items():
            renewal = latest.get(path)
            if record.status == "superseded":
                if renewal is not None and renewal.state in (lc.DUE, lc.AWAITING_CONFIRMATION, *lc.NEEDS_YOU):
                    self.lifecycles.transition(renewal, lc.CANCELLED, note="renewed elsewhere")
                continue
            if record.status not in ("expiring", "expired") or not record.identifier:
                continue
            if renewal is not None and renewal.state != lc.CANCELLED:
                if record.status == "expired" and renewal.state in (lc.DUE, lc.AWAITING_CONFIRMATION):
                    self.lifecycles.transition(renewal, lc.EXPIRED, note="expired",
                                               last_error_key="renewal.expired",
                                               last_error_params={"date": _date_of(record.not_after)})
                continue
            if renewal is not None and renewal.state == lc.CANCELLED and record.status == "expiring":
                continue   # the user said no to this one; the reminders still speak up
            created = self.lifecycles.create(old_keystore=Path(path), identifier=record.identifier,
                                             environment=record.environment, application=record.application,
                                             holder=record.holder, old_not_after=record.not_after, state=lc.DUE)
            if record.status == "expired":
                self.lifecycles.transition(created, lc.EXPIRED, note="expired", last_error_key="renewal.expired",
                                           last_error_params={"date": _date_of(record.not_after)})
        for folder in {Path(r.path).parent for r in inventory_records}:
            for leftover in fileutil.leftover_temp_files(folder):
                log.info("removing an unfinished temporary file %s", leftover.name)
                leftover.unlink(missing_ok=True)


# How the Certificate Manager's overview names the parts of the DN (the same words in every language).
_DN_LABELS = {x509.NameOID.COMMON_NAME: "Common Name (CN)", x509.NameOID.ORGANIZATIONAL_UNIT_NAME:
              "Organizational Unit (OU)", x509.NameOID.ORGANIZATION_NAME: "Organization (O)",
              x509.NameOID.COUNTRY_NAME: "Country (C)"}


def _subject_lines(name: x509.Name) -> list[tuple[str, str]]:
    """The DN as the Certificate Manager shows it before signing: CN first, then OUs, O, C."""
    return [(_DN_LABELS.get(attr.oid, attr.oid.dotted_string), attr.value) for attr in reversed(list(name))]


def _date_of(value) -> str | None:
    return value.date().isoformat() if value else None


# where ``drive`` stops and waits: for time, for eHealth or for the user
_STOPS = (lc.RETRY, lc.DONE, lc.AWAITING_CONFIRMATION, lc.CANCELLED, *lc.NEEDS_YOU)
# eHealth error codes (``ServiceError.code``): "never heard of that request", and final refusals.
UNKNOWN_REQUEST_CODES = {"UNKNOWN_CERTIFICATE"}
REFUSAL_CODES = {"REQUEST_REFUSED", "CERTIFICATE_REFUSED", "NOT_REPLACEABLE", "SIGNER_MISMATCH", "INVALID_CSR",
                 "INVALID_KEY", "UNTRUSTED_SIGNER"}


def _is_refusal(exc: EhwatchError) -> bool:
    return getattr(exc, "code", None) in REFUSAL_CODES


def _mail_matches(renewal: Renewal, reading) -> bool:
    if reading.environment and reading.environment != renewal.environment:
        return False
    if not reading.common_name:
        return False
    cn = reading.common_name.replace(" ", "").upper()
    mine = (renewal.identifier + ("," + renewal.application if renewal.application else "")).replace(" ", "").upper()
    if cn != mine:
        return False
    if renewal.request_number and reading.request_number and renewal.request_number != reading.request_number:
        return False
    return True


def _same_public_key(a_der: bytes, b_der: bytes) -> bool:
    return _cert(a_der).public_key().public_numbers() == _cert(b_der).public_key().public_numbers()


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _contact_obj(contact: dict):
    from ehwatch.renewal.messages import ContactData

    return ContactData(email=contact["email"], phone=contact["phone"],
                       general_email=contact.get("general_email") or None,
                       general_phone=contact.get("general_phone") or None)


def done_message(core, renewal: Renewal) -> tuple[str, str]:
    """What the user is told when a renewal has finished: which file, until when, which password."""
    return core.t("renewal.title"), core.t("renewal.done", file=Path(renewal.new_keystore).name,
                                           date=renewal.new_not_after.date() if renewal.new_not_after else "")


def handle_renew_intent(core, keystore: Path, host) -> Renewal | None:
    """The tray's or a notification's "Renew": the interactive start with dialogs, then as far as
    the completion can go. ``host`` (the daemon) shows what happened as a notification."""
    from ehwatch.tray.renewal_ui import DialogUI

    engine = Engine(core)
    ui = DialogUI(core.language, host)
    try:
        renewal = engine.drive(engine.start(Path(keystore), ui))
        if renewal.state == lc.DONE and renewal.new_keystore:
            title, body = done_message(core, renewal)
            host.notify(title, body, keystore=Path(renewal.new_keystore), folder_action=True)
        return renewal
    except Cancelled:
        return None
    except EhwatchError as exc:
        log.warning("renewal of %s stopped: %s", Path(keystore).name, exc.key)
        host.notify(core.t("renewal.stopped_title"), exc.message(core.language), keystore=Path(keystore),
                    urgency="critical")
        return engine.lifecycles.for_keystore(Path(keystore).resolve())
