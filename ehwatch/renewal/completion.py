"""The completion of a renewal, without the eID: one function per waiting state.

Each step reads the lifecycle, asks eHealth what is true now (so a crash in the middle of a step is
resumed, never redone blindly), does its act, and returns the lifecycle in its next state — or an
``outcomes`` value for the engine to settle (not yet, unreachable, refused).

    requesting → requested → produced → installing → etk_registering → etk_activating
        → handing_over (hooks, each run once) → notifying (until the user acknowledges) → done
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from ehwatch import fileutil
from ehwatch.failpoints import failpoint
from ehwatch.monitor import names, pkcs12
from ehwatch.renewal import outcomes
from ehwatch.renewal.keystores import AUTH_ALIAS, auth_entry, cert, read_new_keystore
from ehwatch.renewal.lifecycle import Renewal, State
from ehwatch.renewal.stops import RenewalStopped

if TYPE_CHECKING:
    from ehwatch.renewal.client import EhealthClient
    from ehwatch.renewal.engine import Engine
    from ehwatch.renewal.messages import CertificateInfo
    from ehwatch.renewal.xmldsig import Signer

log = logging.getLogger(__name__)

Step = Callable[[Renewal, bool], "Renewal | outcomes.Outcome"]

UNKNOWN_REQUEST_CODES = {"UNKNOWN_CERTIFICATE"}   # "never heard of that request"
ETK_PUBLICATION_WAIT = dt.timedelta(minutes=2)     # a fresh ETK may take a moment to reach the depot
ETK_PUBLICATION_TRIES = 15
HOOK_TIMEOUT_SECONDS = 300


class Completion:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.core = engine.core
        self.lifecycles = engine.lifecycles

    def step(self, renewal: Renewal, force: bool) -> Renewal | outcomes.Outcome:
        handler: Step | None = {
            State.REQUESTING: self.resume_requesting,
            State.REQUESTED: self.poll,
            State.PRODUCED: lambda r, _f: self.lifecycles.transition(r, State.INSTALLING, note="installing chain"),
            State.INSTALLING: self.install,
            State.ETK_REGISTERING: self.register_etk,
            State.ETK_ACTIVATING: self.activate_etk,
            State.HANDING_OVER: self.hand_over,
        }.get(renewal.state)
        return handler(renewal, force) if handler else renewal

    def _client(self, renewal: Renewal) -> EhealthClient:
        return self.engine.client_for(renewal.environment)

    # ---- the request and the certificate
    def resume_requesting(self, renewal: Renewal, _force: bool) -> Renewal | outcomes.Outcome:
        """Found in REQUESTING after a crash or a failed send: was the request received? Ask eHealth,
        never re-send blindly."""
        if not renewal.new_keystore or not Path(renewal.new_keystore).exists():
            # the keystore is written before the request is sent: no file, no request
            return self.lifecycles.transition(renewal, State.AWAITING_CONFIRMATION, note="request never sent",
                                              public_key_identifier=None, new_keystore=None)
        outcome = outcomes.ask(self._client(renewal).get_certificate, _request_identifier(renewal))
        if isinstance(outcome, outcomes.NotYet):
            return self.lifecycles.transition(renewal, State.REQUESTED, note="eHealth has the request",
                                              requested_at=renewal.requested_at or self.engine.now(),
                                              next_attempt_at=self.engine.now())
        if isinstance(outcome, outcomes.Refused) and outcome.code in UNKNOWN_REQUEST_CODES:
            # eHealth never received it: the eID must sign again (the pending file is kept, unused)
            return self.lifecycles.transition(renewal, State.AWAITING_CONFIRMATION, note="request not received",
                                              last_error_key="renewal.request_lost",
                                              last_error_params={"file": Path(renewal.old_keystore).name})
        if not isinstance(outcome, outcomes.Answered):
            return outcome
        return self.lifecycles.transition(renewal, State.PRODUCED, note="already produced",
                                          requested_at=renewal.requested_at or self.engine.now(),
                                          new_not_after=cert(outcome.value[0]).not_valid_after_utc)

    def poll(self, renewal: Renewal, force: bool) -> Renewal | outcomes.Outcome:
        now = self.engine.now()
        if not force and any(moment and moment > now for moment in (renewal.available_from,
                                                                    renewal.next_attempt_at)):
            return renewal
        outcome = outcomes.ask(self._client(renewal).get_certificate, _request_identifier(renewal))
        if isinstance(outcome, outcomes.NotYet):
            return self.lifecycles.save(renewal, note="not yet delivered",
                                        next_attempt_at=now + dt.timedelta(hours=self.core.config.renewal.poll_hours))
        if not isinstance(outcome, outcomes.Answered):
            return outcome
        return self.lifecycles.transition(renewal, State.PRODUCED, note="certificate delivered",
                                          new_not_after=cert(outcome.value[0]).not_valid_after_utc)

    def install(self, renewal: Renewal, _force: bool) -> Renewal | outcomes.Outcome:
        path, password, content = read_new_keystore(renewal.new_keystore)
        entry = auth_entry(path, content)
        if not names.is_placeholder(entry.chain[0]):
            return self.lifecycles.transition(renewal, State.ETK_REGISTERING, note="chain already installed")
        outcome = outcomes.ask(self._client(renewal).get_certificate, _request_identifier(renewal))
        if not isinstance(outcome, outcomes.Answered):
            return outcome
        chain = outcome.value
        leaf = cert(chain[0])
        if not _same_key(leaf.public_key(), entry.private_key):
            raise RenewalStopped("renewal.chain_mismatch")
        installed = pkcs12.KeystoreContent(
            keys=[pkcs12.KeyEntry(alias=AUTH_ALIAS, private_key=entry.private_key, chain=list(chain))]
            + [k for k in content.keys if k.alias.lower() != AUTH_ALIAS],
            trusted=_trusted_entries(chain))
        fileutil.replace_own_file(path, pkcs12.write_keystore(installed, password, protection=content.protection))
        failpoint("installing:written")
        return self.lifecycles.transition(renewal, State.ETK_REGISTERING, note="chain installed",
                                          new_not_after=leaf.not_valid_after_utc)

    # ---- the encryption key (ETK), signed with the new certificate
    def _etk_status(self, client: EhealthClient, entry: pkcs12.KeyEntry,
                    signer: Signer) -> outcomes.Answered[CertificateInfo] | outcomes.Failure:
        return outcomes.ask(client.certificate_info, entry.chain[0], signer)

    def register_etk(self, renewal: Renewal, _force: bool) -> Renewal | outcomes.Outcome:
        from ehwatch.renewal import keys
        from ehwatch.renewal.xmldsig import SoftwareSigner

        path, password, content = read_new_keystore(renewal.new_keystore)
        entry = auth_entry(path, content)
        signer = SoftwareSigner(entry.private_key, entry.chain)
        client = self._client(renewal)
        info = self._etk_status(client, entry, signer)
        if not isinstance(info, outcomes.Answered):
            return info
        status = info.value.etk_status
        existing = content.key(renewal.etk_serial) if renewal.etk_serial else None
        if status in ("WAIT_FOR_ACTIVATION", "VALID_ACTIVE") and existing is not None:
            return self.lifecycles.transition(renewal, State.ETK_ACTIVATING, note="ETK already registered")
        if existing is not None and status == "IN_REQUEST":
            # crashed between storing the ETK key and completing: complete with the stored certificate
            done = outcomes.ask(client.complete_etk_registration, existing.chain[0], signer)
            if not isinstance(done, outcomes.Answered):
                return done
            failpoint("etk:completed")
            return self.lifecycles.transition(renewal, State.ETK_ACTIVATING, note="ETK registration completed")
        etk_key = keys.new_rsa_key()
        challenge = outcomes.ask(client.start_etk_registration, etk_key.public_key(), signer)
        if not isinstance(challenge, outcomes.Answered):
            return challenge
        serial = keys.decode_etk_challenge(challenge.value, etk_key)
        etk_cert = keys.etk_certificate(entry.private_key, entry.chain[0], etk_key.public_key(), serial)
        alias = str(serial)
        updated = pkcs12.KeystoreContent(
            keys=[k for k in content.keys if k.alias != alias]
            + [pkcs12.KeyEntry(alias=alias, private_key=etk_key, chain=[etk_cert])],
            trusted=content.trusted)
        renewal = self.lifecycles.save(renewal, note="ETK key stored", etk_serial=alias)
        fileutil.replace_own_file(path, pkcs12.write_keystore(updated, password, protection=content.protection))
        failpoint("etk:key-stored")
        done = outcomes.ask(client.complete_etk_registration, etk_cert, signer)
        if not isinstance(done, outcomes.Answered):
            return done
        failpoint("etk:completed")
        return self.lifecycles.transition(renewal, State.ETK_ACTIVATING, note="ETK registration completed")

    def activate_etk(self, renewal: Renewal, force: bool) -> Renewal | outcomes.Outcome:
        """ActivateETK (unless eHealth says it is active already), then the depot must publish the
        ETK whose key the keystore holds. Publication may lag: asked again a few times, then the user
        is told."""
        from ehwatch.renewal.xmldsig import SoftwareSigner

        now = self.engine.now()
        if not force and renewal.next_attempt_at and renewal.next_attempt_at > now:
            return renewal
        path, password, content = read_new_keystore(renewal.new_keystore)
        entry = auth_entry(path, content)
        signer = SoftwareSigner(entry.private_key, entry.chain)
        client = self._client(renewal)
        info = self._etk_status(client, entry, signer)
        if not isinstance(info, outcomes.Answered):
            return info
        if info.value.etk_status != "VALID_ACTIVE":
            activated = outcomes.ask(client.activate_etk, signer)
            if not isinstance(activated, outcomes.Answered):
                return activated
            failpoint("etk:activated")
        etk_entry = content.key(renewal.etk_serial or "")
        published = outcomes.ask(client.get_etk, renewal.identifier, renewal.application)
        if isinstance(published, outcomes.Refused | outcomes.Unreachable):
            return published
        found = published.value if isinstance(published, outcomes.Answered) else None
        if etk_entry is not None and found is not None and _same_public_key(found, etk_entry.chain[0]):
            return self.lifecycles.transition(renewal, State.HANDING_OVER, note="ETK active and published",
                                              next_attempt_at=None, attempts=0)
        if renewal.attempts + 1 >= ETK_PUBLICATION_TRIES:
            raise RenewalStopped("renewal.etk_mismatch")
        return self.lifecycles.save(renewal, note="ETK not published yet", attempts=renewal.attempts + 1,
                                    next_attempt_at=now + ETK_PUBLICATION_WAIT)

    # ---- the hand-over
    def hand_over(self, renewal: Renewal, _force: bool) -> Renewal:
        """Runs each post-renewal hook once (its result stored before the next one starts), then
        the "use this file" notice is due. A failing hook is reported, never undoes the renewal."""
        env = dict(os.environ)
        env.update({"EHWATCH_NEW_KEYSTORE": renewal.new_keystore or "", "EHWATCH_OLD_KEYSTORE": renewal.old_keystore,
                    "EHWATCH_IDENTIFIER": renewal.identifier, "EHWATCH_ENVIRONMENT": renewal.environment})
        hooks = list(self.core.config.renewal.hooks)
        for hook in hooks[len(renewal.hook_results):]:
            try:
                code = subprocess.run(hook, shell=True, env=env, timeout=HOOK_TIMEOUT_SECONDS,
                                      capture_output=True).returncode
            except (OSError, subprocess.TimeoutExpired) as exc:
                code = -1
                log.warning("post-renewal hook failed to run: %s", type(exc).__name__)
            if code != 0:
                log.warning("post-renewal hook exited %s", code)
            renewal = self.lifecycles.save(renewal, note=f"hook exited {code}",
                                           hook_results=[*renewal.hook_results, [hook, code]])
            failpoint("handing_over:hook-recorded")
        failed = [(hook, code) for hook, code in renewal.hook_results if code != 0]
        values = ({"last_error_key": "renewal.hook_failed", "last_error_params": {"hook": failed[0][0],
                                                                                   "code": failed[0][1]}}
                  if failed else {})
        return self.lifecycles.transition(renewal, State.NOTIFYING, note="hand-over ready", **values)


def _trusted_entries(chain: list[bytes]) -> list[pkcs12.TrustedEntry]:
    """CA certificates as trusted entries aliased by their RFC 2253 DN, lower-cased as Java stores them."""
    return [pkcs12.TrustedEntry(alias=cert(der).subject.rfc4514_string().lower(), certificate=der)
            for der in chain[1:]]


def _public_der(public_key: CertificatePublicKeyTypes) -> bytes:
    """A public key as its DER SubjectPublicKeyInfo: comparable whatever the key type."""
    return public_key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)


def _same_key(public_key: CertificatePublicKeyTypes, private_key: object) -> bool:
    """Whether the keystore's private key (an RSA or EC key, the only kinds signing here) pairs with
    ``public_key``."""
    if not isinstance(private_key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        return False
    return _public_der(public_key) == _public_der(private_key.public_key())


def _same_public_key(a_der: bytes, b_der: bytes) -> bool:
    return _public_der(cert(a_der).public_key()) == _public_der(cert(b_der).public_key())


def _request_identifier(renewal: Renewal) -> str:
    """The request's public key identifier, set on entering REQUESTING and kept from then on (a
    missing one was a ValueError deep in the request builder: it is the same error, said here)."""
    if not renewal.public_key_identifier:
        raise ValueError(f"a renewal in {renewal.state.value} has no public key identifier")
    return renewal.public_key_identifier
