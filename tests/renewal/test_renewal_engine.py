"""The engine's promises beyond the happy path, with the real eID (SoftHSM2), sandbox and keystores;
only the person at the keyboard is scripted."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ehwatch import secrets
from ehwatch.core import Core
from ehwatch.mail.reading import read_mail
from ehwatch.renewal import lifecycle as lc
from ehwatch.renewal.engine import Cancelled, Engine, RenewalStopped
from ehwatch.renewal.policy import first_contact_problem as validate_contact
from ehwatch.renewal.policy import password_problem as check_password_policy
from tests.support import mail_samples as samples
from tests.support.renewal_world import NEW_PASSWORD, OLD_PASSWORD, PIN, World, sha256

STEPS = ("confirm", "old_password", "contact", "conditions", "review", "new_password", "pin")


class ScriptedUser:
    """Answers the engine's questions like a user would; ``cancel_at`` names the prompt where they give up."""

    def __init__(self, cancel_at: str | None = None, pin: str = PIN, retry_pin_with: str | None = None):
        self.cancel_at, self.pin, self.asked, self.told = cancel_at, pin, [], []
        self.retry_pin_with = retry_pin_with     # the user chooses to type the PIN again (never automatic)

    def _ask(self, step, answer):
        self.asked.append(step)
        return None if step == self.cancel_at else answer

    def confirm(self, key, **params):
        if key == "renewal.pin_try_again":
            self.asked.append("pin_try_again")
            if self.retry_pin_with is None:
                return False
            self.pin, self.retry_pin_with = self.retry_pin_with, None
            return True
        return self._ask("confirm", True) is True

    def show_conditions(self, text):
        self.conditions = text
        return self._ask("conditions", True) is True

    def ask_keystore_password(self, keystore, retry):
        return self._ask("old_password", OLD_PASSWORD)

    def ask_pin(self, request):
        return self._ask("pin", self.pin)

    def ask_contact(self, prefill):
        return self._ask("contact", {**prefill, "email": "marie@example.org", "phone": "043362333"})

    def review(self, overview):
        return self._ask("review", True) is True

    def ask_new_password(self):
        return self._ask("new_password", NEW_PASSWORD)

    def tell(self, key, **params):
        self.told.append(key)


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.mark.slow
@pytest.mark.parametrize("step", STEPS)
def test_cancelling_at_any_prompt_leaves_nothing_behind(tmp_path, monkeypatch, step):
    world = World(tmp_path, monkeypatch, "75040404976")
    try:
        if step == "old_password":
            secrets.forget_keystore_password(world.old)
        before = _files(world.folder)
        engine = Engine(Core.load(world.config))
        user = ScriptedUser(cancel_at=step)
        with pytest.raises(Exception) as info:
            engine.start(world.old, user)
        assert isinstance(info.value, Cancelled) or info.value.key == "eid.pin_cancelled", info.value
        assert step in user.asked
        assert _files(world.folder) == before
        assert sha256(world.old) == world.old_hash
        assert world.sandbox.requests_received("GenerateCertificate") == 0
        renewal = engine.lifecycles.for_keystore(world.old.resolve())
        assert renewal is None or not renewal.waiting
    finally:
        world.close()


@pytest.mark.slow
def test_wrong_pin_is_not_retried_and_nothing_is_sent(tmp_path, monkeypatch):
    world = World(tmp_path, monkeypatch, "75040404976")
    try:
        before = _files(world.folder)
        engine = Engine(Core.load(world.config))
        user = ScriptedUser(pin="9999")
        with pytest.raises(Exception) as info:
            engine.start(world.old, user)
        assert info.value.key.startswith("eid.pin_incorrect"), info.value
        assert user.asked.count("pin") == 1
        assert user.asked[-1] == "pin_try_again"          # the user was asked, and said no
        assert _files(world.folder) == before
        assert world.sandbox.requests_received("GenerateCertificate") == 0
    finally:
        world.close()


@pytest.mark.slow
def test_a_wrong_pin_retyped_by_choice_keeps_every_other_answer(tmp_path, monkeypatch):
    """Sign last: a wrong PIN is said with the tries left; typing it again is the user's choice and
    asks nothing else again. One request reaches eHealth."""
    world = World(tmp_path, monkeypatch, "75040404976")
    try:
        engine = Engine(Core.load(world.config))
        user = ScriptedUser(pin="9999", retry_pin_with=PIN)
        renewal = engine.start(world.old, user)
        assert renewal.state == lc.State.REQUESTED
        assert user.asked.count("pin") == 2 and user.asked.count("new_password") == 1
        assert user.asked.count("contact") == 1 and user.asked.count("conditions") == 1
        assert any(key.startswith("eid.pin_incorrect") for key in user.told)
        assert world.sandbox.requests_received("GenerateCertificate") == 1
    finally:
        world.close()


@pytest.fixture
def requested(tmp_path, monkeypatch):
    """A renewal sent and waiting (the sandbox produces after 1 s)."""
    world = World(tmp_path, monkeypatch, "75040404976", produce_after=1.0)
    engine = Engine(Core.load(world.config))
    renewal = engine.start(world.old, ScriptedUser())
    assert renewal.state == lc.State.REQUESTED
    yield world, engine, renewal
    world.close()


def _produced_mail(cn: str, when: dt.datetime, sender: str = samples.SENDER, env: str = "ACPT") -> bytes:
    body = samples.PRODUCED_BODY_FR.format(cn=cn, n="114419").replace(
        "21/06/2017 11:03:47", when.astimezone(ZoneInfo("Europe/Brussels")).strftime("%d/%m/%Y %H:%M:%S"))
    return samples.message(samples.PRODUCED_SUBJECT.format(n="114419", env=env), body, sender=sender)


@pytest.mark.slow
def test_a_spoofed_produced_mail_triggers_nothing(requested):
    world, engine, renewal = requested
    polls = world.sandbox.requests_received("GetCertificate")
    for sender in ("ehealth-certificates@ehealth-fgov.be",
                   '"ehealth-certificates@ehealth.fgov.be" <phish@example.com>'):
        reading = read_mail(_produced_mail(world.identifier, dt.datetime.now(dt.UTC), sender=sender))
        assert reading.kind == "produced" and not reading.trusted_sender
        assert engine.on_mail(reading) is None
    assert engine.lifecycles.get(renewal.id).state == lc.State.REQUESTED
    assert world.sandbox.requests_received("GetCertificate") == polls


@pytest.mark.slow
def test_a_mail_for_another_certificate_or_environment_is_ignored(requested):
    world, engine, renewal = requested
    now = dt.datetime.now(dt.UTC)
    assert engine.on_mail(read_mail(_produced_mail("SSIN=83100720837", now))) is None
    assert engine.on_mail(read_mail(_produced_mail(world.identifier, now, env="PROD"))) is None


@pytest.mark.slow
def test_a_mail_before_available_from_waits(requested):
    world, engine, renewal = requested
    later = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(hours=2)
    reading = read_mail(_produced_mail(world.identifier, later))
    assert reading.trusted_sender and reading.available_from is not None
    renewal = engine.on_mail(reading)
    assert renewal.available_from == later
    polls = world.sandbox.requests_received("GetCertificate")
    renewal = engine.drive(renewal)
    assert renewal.state == lc.State.REQUESTED
    assert world.sandbox.requests_received("GetCertificate") == polls   # not even asked yet
    # at the announced time it goes through (the sandbox itself produces 1 s after the request)
    time.sleep(1.2)
    engine.now = lambda: later + dt.timedelta(seconds=1)
    renewal = engine.drive(renewal)
    assert renewal.state == lc.State.NOTIFYING


@pytest.mark.slow
def test_ehealth_refusing_the_request(tmp_path, monkeypatch):
    world = World(tmp_path, monkeypatch, "75040404976")
    world.close()
    from tests.support.sandbox_server import start_sandbox

    world._sandbox_cm = start_sandbox(world.sandbox.data_dir, refuse=(world.identifier,), tls=True)
    world.sandbox = world._sandbox_cm.__enter__()
    text = world.config.read_text()
    for name in ("certra_url", "etkra_url", "etkdepot_url"):
        old = [line for line in text.splitlines() if line.startswith(name)][0]
        text = text.replace(old, f'{name} = "{getattr(world.sandbox, name)}"')
    text = text.replace([line for line in text.splitlines() if line.startswith("cafile")][0],
                        f'cafile = "{world.sandbox.cafile}"')
    world.config.write_text(text)
    try:
        engine = Engine(Core.load(world.config))
        renewal = engine.start(world.old, ScriptedUser())
        assert renewal.state == lc.State.REFUSED and renewal.needs_you
        assert renewal.last_error_key
        assert sha256(world.old) == world.old_hash
        assert world.sandbox.requests_received("GenerateCertificate") == 1
        # the refusal is not retried behind the user's back
        assert engine.drive_all() == []
    finally:
        world.close()


def test_password_policy_and_contact_checks():
    assert check_password_policy("short1") == "renewal.password.too_short"
    assert check_password_policy("onlyletters") == "renewal.password.no_digit_or_symbol"
    assert check_password_policy("letters-and-1") is None
    assert check_password_policy(" letters-1") == "renewal.password.bad_chars"
    assert validate_contact({"email": "a@b.be", "phone": "043362333"}) is None
    assert validate_contact({"email": "nope", "phone": "043362333"})[0] == "tray.dialog.contact.bad_email"
    assert validate_contact({"email": "a@b.be", "phone": ""})[0] == "tray.dialog.contact.missing"


def _organisation_world(tmp_path, monkeypatch, managers):
    """An organisation's keystore (CBE) and the eID of a person who may or may not manage it."""
    from ehwatch.sandbox.issue import issue_keystore
    from tests.support.sandbox_server import start_sandbox

    world = World(tmp_path, monkeypatch, "75040404976")
    world.close()
    world.old = issue_keystore(world.sandbox.data_dir, "CBE=0123456789", "Cabinet Dubois", 20, world.folder,
                               OLD_PASSWORD, environment="acceptance")
    world.old_hash = sha256(world.old)
    secrets.set_keystore_password(world.old, OLD_PASSWORD)
    world._sandbox_cm = start_sandbox(world.sandbox.data_dir, tls=True, produce_after=0.5, managers=managers)
    world.sandbox = world._sandbox_cm.__enter__()
    text = world.config.read_text()
    for name in ("certra_url", "etkra_url", "etkdepot_url", "cafile"):
        old = [line for line in text.splitlines() if line.startswith(name)][0]
        value = world.sandbox.cafile if name == "cafile" else getattr(world.sandbox, name)
        text = text.replace(old, f'{name} = "{value}"')
    world.config.write_text(text)
    world.identifier = "CBE=0123456789"
    return world


@pytest.mark.slow
def test_an_organisation_certificate_renewed_by_its_manager(tmp_path, monkeypatch):
    world = _organisation_world(tmp_path, monkeypatch, {"75040404976": ("CBE=0123456789",)})
    try:
        engine = Engine(Core.load(world.config))
        renewal = engine.start(world.old, ScriptedUser())
        assert renewal.state == lc.State.REQUESTED, (renewal.state, renewal.last_error_key)
        time.sleep(0.7)
        renewal = engine.drive(renewal, force=True)
        assert renewal.state == lc.State.NOTIFYING
        assert world.sandbox.etk_status("CBE=0123456789") == "VALID_ACTIVE"
    finally:
        world.close()


@pytest.mark.slow
def test_an_organisation_certificate_refused_to_someone_not_authorised(tmp_path, monkeypatch):
    world = _organisation_world(tmp_path, monkeypatch, {})
    try:
        engine = Engine(Core.load(world.config))
        with pytest.raises(RenewalStopped) as info:
            engine.start(world.old, ScriptedUser())
        assert info.value.key == "renewal.not_authorised"
        assert "Certificate Manager" in info.value.message("en")
        assert world.sandbox.requests_received("GenerateCertificate") == 0
    finally:
        world.close()


class WeakThenStrongUser(ScriptedUser):
    """Types a password the platform refuses, is told why, then a good one."""

    def __init__(self):
        super().__init__()
        self.passwords = ["short", NEW_PASSWORD]

    def ask_new_password(self):
        self.asked.append("new_password")
        return self.passwords.pop(0)


@pytest.mark.slow
def test_a_weak_new_password_is_asked_again_without_losing_the_signature(tmp_path, monkeypatch):
    world = World(tmp_path, monkeypatch, "75040404976")
    try:
        engine = Engine(Core.load(world.config))
        user = WeakThenStrongUser()
        renewal = engine.start(world.old, user)
        assert renewal.state == lc.State.REQUESTED
        assert user.asked.count("pin") == 1 and user.asked.count("new_password") == 2
        assert "renewal.password.too_short" in user.told
        assert world.sandbox.requests_received("GenerateCertificate") == 1
    finally:
        world.close()


class PrefillWatcher(ScriptedUser):
    def ask_contact(self, prefill):
        self.prefill = dict(prefill)
        return super().ask_contact(prefill)


@pytest.mark.slow
def test_contact_data_prefilled_from_what_ehealth_saved_with_the_old_certificate(tmp_path, monkeypatch):
    world = World(tmp_path, monkeypatch, "75040404976")
    try:
        world.config.write_text(world.config.read_text().replace('email = "marie@example.org"\n', "")
                                .replace('phone = "043362333"\n', ""))
        user = PrefillWatcher()
        Engine(Core.load(world.config)).start(world.old, user)
        # issue_keystore registered these with the sandbox, as eHealth keeps them with the certificate
        assert user.prefill["email"] == "marie@example.org" and user.prefill["phone"] == "043362333"
    finally:
        world.close()


@pytest.fixture
def small_disk(tmp_path, monkeypatch):
    """The keystore folder on a tiny tmpfs of its own (root mounts it; CI runs as root)."""
    import os
    import shutil
    import subprocess

    if os.geteuid() != 0:
        if os.environ.get("CI"):
            pytest.fail("mounting a small disk needs root (CI runs as root)")
        pytest.skip("mounting a small disk needs root")
    world = World(tmp_path, monkeypatch, "75040404976")
    saved = tmp_path / "saved.p12"
    shutil.copy2(world.old, saved)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(world.folder)], check=True)
    shutil.copy2(saved, world.old)
    try:
        yield world
    finally:
        world.close()
        subprocess.run(["umount", "-l", str(world.folder)], check=False)


@pytest.mark.slow
def test_a_full_or_read_only_folder_is_said_before_the_pin(small_disk):
    import subprocess

    world = small_disk
    engine = Engine(Core.load(world.config))
    filler = world.folder / "filler.bin"
    filler.write_bytes(b"\0" * 40 * 1024)                 # the new keystore and its margin no longer fit
    user = ScriptedUser()
    with pytest.raises(RenewalStopped) as info:
        engine.start(world.old, user)
    assert info.value.key == "renewal.folder_full" and "pin" not in user.asked
    filler.unlink()
    subprocess.run(["mount", "-o", "remount,ro", str(world.folder)], check=True)
    user = ScriptedUser()
    with pytest.raises(RenewalStopped) as info:
        engine.start(world.old, user)
    assert info.value.key == "renewal.folder_not_writable" and "pin" not in user.asked
    assert "Read-only" in info.value.message("en") and "Nothing was signed" in info.value.message("en")
    assert world.sandbox.requests_received("GenerateCertificate") == 0
    assert sha256(world.old) == world.old_hash


@pytest.mark.slow
def test_a_disk_filled_after_the_pin_keeps_the_signed_request(small_disk):
    """The disk fills up between the check and the write: the user is told, frees space, and the
    request signed with the one PIN is sent — no second PIN, one request."""
    world = small_disk
    filler = world.folder / "filler.bin"

    class FillsTheDiskAtThePin(ScriptedUser):
        def ask_pin(self, request):
            with open(filler, "wb", buffering=0) as fh:     # every last block taken
                try:
                    while True:
                        fh.write(b"\0" * 1024)
                except OSError:
                    pass
            return super().ask_pin(request)

        def confirm(self, key, **params):
            if key == "renewal.write_try_again":
                self.asked.append("write_try_again")
                filler.unlink()
                return True
            return super().confirm(key, **params)

    engine = Engine(Core.load(world.config))
    user = FillsTheDiskAtThePin()
    renewal = engine.start(world.old, user)
    assert renewal.state == lc.State.REQUESTED
    assert "renewal.write_failed" in user.told and user.asked.count("pin") == 1
    assert world.sandbox.requests_received("GenerateCertificate") == 1
