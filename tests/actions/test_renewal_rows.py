"""Issue 13 point 9: while a renewal is under way, the old keystore's row says so — in ``ehwatch status``
(table and JSON) and in the snapshot the tray renders — instead of "renew now".

A real renewal against the sandbox (SoftHSM2 eID, TLS), left waiting for eHealth (the sandbox produces
the certificate only after an hour), then ``ehwatch status`` run as a user would, in three languages."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ehwatch import i18n
from ehwatch.actions import snapshot
from ehwatch.core import Core
from ehwatch.monitor import inventory
from ehwatch.renewal import lifecycle as lc
from ehwatch.renewal.engine import Engine
from tests.support.renewal_world import SECRETS_INPUT, World


@pytest.fixture
def waiting(tmp_path, monkeypatch):
    """A renewal sent and waiting; eHealth's receipt mail (the sandbox writes it as a file here) read by
    ehwatch's mail reader and handed to the engine as the mailbox watcher does: it brings the number."""
    from ehwatch.mail.reading import read_mail_file

    world = World(tmp_path, monkeypatch, "75040404976", produce_after=3600)
    mails = tmp_path / "mails"
    mails.mkdir()
    world.sandbox.platform.mailer.eml_dir = mails
    try:
        proc = world.cli("renew", str(world.old), "--yes", "--accept-conditions", input=SECRETS_INPUT)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        renewal = world.renewal()
        assert renewal.state == lc.State.REQUESTED and renewal.request_number is None
        before = world.cli("status").stdout          # no mail yet: under way, without a number
        assert "Renewal under way — waiting for eHealth." in before and "Renew the certificate now" not in before
        (receipt,) = mails.glob("*-receipt.eml")
        assert Engine(Core.load(world.config)).on_mail(read_mail_file(receipt)) is not None
        renewal = world.renewal()
        assert renewal.request_number and renewal.request_number in receipt.name
        yield world, renewal
    finally:
        world.close()


def _set_language(world: World, lang: str) -> None:
    text = world.config.read_text()
    world.config.write_text(text.replace('language = "en"', f'language = "{lang}"')
                            .replace('language = "fr"', f'language = "{lang}"')
                            .replace('language = "nl"', f'language = "{lang}"'))


@pytest.mark.slow
def test_status_says_the_renewal_is_under_way_on_the_old_keystore_row(waiting):
    world, renewal = waiting
    number = renewal.request_number
    expected = {
        "en": f"Renewal under way — waiting for eHealth (request {number}).",
        "fr": f"Renouvellement en cours — en attente d'eHealth (demande {number}).",
        "nl": f"Vernieuwing bezig — wacht op eHealth (aanvraag {number}).",
    }
    for lang, sentence in expected.items():
        _set_language(world, lang)
        proc = world.cli("status")
        lines = proc.stdout.splitlines()
        table = lines[: lines.index("")] if "" in lines else lines
        rows = [line for line in table[1:] if sentence in line]
        assert len(rows) == 2, proc.stdout             # the old keystore's row, and the new one's (pending)
        assert any(i18n.t("monitor.status.expiring", lang) in row for row in rows), proc.stdout
        assert any(i18n.t("monitor.status.pending", lang) in row for row in rows), proc.stdout
        assert "Renew the certificate now" not in proc.stdout and "Renouvelez" not in proc.stdout \
            and "Vernieuw het certificaat nu" not in proc.stdout, proc.stdout
    data = json.loads(world.cli("status", "--json").stdout)
    by_name = {Path(k["path"]).name: k for k in data["keystores"]}
    old = by_name[world.old.name]
    assert old["status"] == "expiring"
    assert old["renewal"] == {"role": "old", "state": "requested", "waiting": True, "needs_you": False,
                              "awaiting_acknowledgement": False, "request_number": number,
                              "new_keystore": renewal.new_keystore}
    new = by_name[Path(renewal.new_keystore).name]
    assert new["status"] == "pending" and new["renewal"]["role"] == "new"


@pytest.mark.slow
def test_the_snapshot_the_tray_renders_carries_the_renewal_on_the_record(waiting):
    world, renewal = waiting
    core = Core.load(world.config)
    records = inventory.scan(core).records
    renewals = Engine(core).lifecycles.open()
    shot = snapshot.build(core, records, renewals, [], None, False, False)
    old = next(r for r in shot.keystores if r.path.resolve() == world.old.resolve())
    assert old.renewal is not None and old.renewal.request_number == renewal.request_number
    assert old.renewal.waiting and old.renewal.role == "old"
    # once the renewal is no longer open, the same record objects lose the note
    shot = snapshot.build(core, records, [], [], None, False, False)
    assert all(r.renewal is None for r in shot.keystores)
