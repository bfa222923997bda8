"""Issue 13 point 8: the renewal asks again instead of ending, and its questions name the person.

Real eID (SoftHSM2 BELPIC token), real sandbox over TLS, real keystores; only the person at the
keyboard is scripted: a bad contact field is asked again at once (with what was typed), a wrong PIN
is said with the tries left and typed again only by choice (nothing earlier asked again), and the
renewal, request and revocation confirmations say whose certificate it is, not which file."""
from __future__ import annotations

import pytest

from ehwatch import i18n, secrets
from ehwatch.core import Core
from ehwatch.monitor import inventory
from ehwatch.renewal import lifecycle as lc
from ehwatch.renewal.engine import Cancelled, Engine, RenewalStopped
from tests.support.renewal_world import NEW_PASSWORD, OLD_PASSWORD, PIN, World

HOLDER_DN = "MARIE DUBOIS"          # the holder as eHealth writes it in the certificate


class User:
    """Records every question with its parameters; ``contacts`` are typed one after another; ``pins``
    likewise; ``confirm_answers`` maps a question's key to the answer (yes by default)."""

    def __init__(self, contacts=None, pins=(PIN,), confirm_answers=None, reason="keyCompromise"):
        self.contacts = list(contacts or [{"email": "marie@example.org", "phone": "043362333"}])
        self.pins = list(pins)
        self.confirm_answers = dict(confirm_answers or {})
        self.reason = reason
        self.asked: list[tuple[str, dict]] = []
        self.told: list[tuple[str, dict]] = []

    def steps(self) -> list[str]:
        return [step for step, _ in self.asked]

    def params(self, step: str) -> dict:
        return next(params for name, params in self.asked if name == step)

    def confirm(self, key, **params):
        self.asked.append((key, params))
        return self.confirm_answers.get(key, True)

    def ask_keystore_password(self, keystore, retry):
        self.asked.append(("old_password", {"retry": retry}))
        return OLD_PASSWORD

    def ask_contact(self, prefill):
        self.asked.append(("contact", dict(prefill)))
        return {**prefill, **self.contacts.pop(0)} if self.contacts else None

    def show_conditions(self, text):
        self.asked.append(("conditions", {}))
        return True

    def review(self, overview):
        self.asked.append(("review", {"holder": overview.holder}))
        return True

    def ask_new_password(self):
        self.asked.append(("new_password", {}))
        return NEW_PASSWORD

    def ask_pin(self, request):
        self.asked.append(("pin", {"tries_left": getattr(request, "tries_left", None)}))
        return self.pins.pop(0) if self.pins else None

    def choose(self, key, options, **params):
        self.asked.append((key, params))
        return self.reason

    def tell(self, key, **params):
        self.told.append((key, params))

    def say(self, text):
        self.told.append(("say", {"text": text}))


@pytest.fixture
def world(tmp_path, monkeypatch):
    w = World(tmp_path, monkeypatch, "75040404976")
    try:
        yield w
    finally:
        w.close()


@pytest.mark.slow
def test_the_renewal_question_names_the_person_in_every_language(world):
    engine = Engine(Core.load(world.config))
    user = User(confirm_answers={"renewal.confirm_start": False})
    with pytest.raises(Cancelled):
        engine.start(world.old, user)
    params = user.params("renewal.confirm_start")
    assert params["holder"] == HOLDER_DN
    assert i18n.t("renewal.confirm_start", "fr", **params).startswith(
        "Renouveler le certificat eHealth de MARIE DUBOIS\u00a0?")
    assert i18n.t("renewal.confirm_start", "nl", **params).startswith(
        "Het eHealth-certificaat van MARIE DUBOIS vernieuwen?")
    assert i18n.t("renewal.confirm_start", "de", **params).startswith(
        "Das eHealth-Zertifikat von MARIE DUBOIS erneuern?")
    assert world.old.name not in i18n.t("renewal.confirm_start", "en", **params)
    assert world.sandbox.requests_received("GetCertificateInfoForAuthenticationCertificate") == 0


@pytest.mark.slow
def test_the_question_comes_first_when_the_last_scan_knows_the_holder(world):
    """Known from the scan: the person is named before the keystore's password is asked."""
    core = Core.load(world.config)
    inventory.scan(core)                                  # reads the keystore once (its password is known)
    secrets.forget_keystore_password(world.old)
    user = User(confirm_answers={"renewal.confirm_start": False})
    with pytest.raises(Cancelled):
        Engine(core).start(world.old, user)
    assert user.steps() == ["renewal.confirm_start"]      # no password asked before the question
    assert user.params("renewal.confirm_start")["holder"] == HOLDER_DN


@pytest.mark.slow
def test_a_bad_contact_field_is_asked_again_at_once_with_what_was_typed(world):
    engine = Engine(Core.load(world.config))
    user = User(contacts=[{"email": "marie-at-example.org", "phone": "043362333"},
                          {"email": "marie@example.org", "phone": "043362333"}])
    renewal = engine.start(world.old, user)
    assert renewal.state == lc.State.REQUESTED
    steps = user.steps()
    first = steps.index("contact")
    assert steps.count("contact") == 2 and steps[first + 1] == "contact"     # asked again at once
    second_prefill = [params for name, params in user.asked if name == "contact"][1]
    assert second_prefill["email"] == "marie-at-example.org"          # what was typed, to correct
    assert ("tray.dialog.contact.bad_email", {"value": "marie-at-example.org"}) in user.told   # said why
    assert steps.count("conditions") == 1 and steps.count("pin") == 1
    assert world.sandbox.requests_received("GenerateCertificate") == 1


@pytest.mark.slow
def test_contact_fields_still_wrong_after_the_tries_stop_before_anything_is_signed(world):
    engine = Engine(Core.load(world.config))
    user = User(contacts=[{"email": "nope", "phone": "043362333"}] * 3)
    with pytest.raises(RenewalStopped):
        engine.start(world.old, user)
    assert user.steps().count("contact") == 3 and "pin" not in user.steps()
    assert world.sandbox.requests_received("GenerateCertificate") == 0


@pytest.mark.slow
def test_a_wrong_pin_says_the_tries_left_and_is_typed_again_by_choice(world):
    engine = Engine(Core.load(world.config))
    user = User(pins=["9999", PIN])
    renewal = engine.start(world.old, user)
    assert renewal.state == lc.State.REQUESTED
    wrong = [params for key, params in user.told if key.startswith("eid.pin_incorrect")]
    assert wrong and wrong[0].get("tries") == 2                        # the card's count, said
    steps = user.steps()
    assert steps.count("pin") == 2 and "renewal.pin_try_again" in steps
    assert steps.index("renewal.pin_try_again") > steps.index("new_password")
    for earlier in ("contact", "conditions", "review", "new_password"):
        assert steps.count(earlier) == 1, earlier                      # nothing else asked again
    assert world.sandbox.requests_received("GenerateCertificate") == 1


@pytest.mark.slow
def test_the_request_question_names_the_holder_of_the_card(world):
    from ehwatch.actions import request

    core = Core.load(world.config)
    user = User(confirm_answers={"request.confirm_start": False})
    args = {"folder": str(world.folder), "environment": "acceptance", "choose": False}
    with pytest.raises(Cancelled):
        request.run(core, user, args)
    params = user.params("request.confirm_start")
    assert params["holder"] == "Marie Dubois"                        # the card's holder (no PIN needed)
    assert i18n.t("request.confirm_start", "fr", **params).startswith(
        "Demander un nouveau certificat eHealth pour Marie Dubois\u00a0?")
    assert "pin" not in user.steps()
    assert world.sandbox.requests_received("GenerateContract") == 0


@pytest.mark.slow
def test_a_revocation_names_the_person_and_a_wrong_pin_is_typed_again_by_choice(world):
    from ehwatch.actions import revoke

    core = Core.load(world.config)
    user = User(pins=["9999", PIN])
    assert revoke.run(core, user, {"keystore": str(world.old), "reason": ""}) == 0
    assert user.params("revoke.choose_reason")["holder"] == HOLDER_DN
    assert i18n.t("revoke.choose_reason", "nl", **user.params("revoke.choose_reason")).startswith(
        "Waarom het eHealth-certificaat van MARIE DUBOIS intrekken?")
    assert user.params("revoke.confirm")["holder"] == HOLDER_DN
    assert user.steps().count("pin") == 2 and "renewal.pin_try_again" in user.steps()
    assert any(key.startswith("eid.pin_incorrect") for key, _ in user.told)
    assert world.sandbox.outcomes("Revoke") == ["success"]
