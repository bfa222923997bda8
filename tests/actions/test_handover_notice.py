"""Issue 13 point 10: the hand-over notice, part by part, after a real renewal against the sandbox.

It names the new keystore's full path, says the encryption key (ETK) is active, reminds that the
password is the new one chosen; it stays in ``ehwatch renewals`` and in the tray's snapshot (and
menu) until acknowledged; ``ehwatch renewals --history`` then lists the renewal with its dates."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from ehwatch import i18n
from ehwatch.actions import snapshot
from ehwatch.core import Core
from ehwatch.monitor import inventory
from ehwatch.monitor.status import brussels_date
from ehwatch.renewal import lifecycle as lc
from ehwatch.renewal.engine import Engine
from tests.support.renewal_world import SECRETS_INPUT, World


def _set_language(world: World, lang: str) -> None:
    text = world.config.read_text()
    for old in ("en", "fr", "nl", "de"):
        text = text.replace(f'language = "{old}"', f'language = "{lang}"')
    world.config.write_text(text)


@pytest.fixture
def renewed(tmp_path, monkeypatch):
    """A renewal completed up to its notice (``ehwatch complete`` polls as a user would run it)."""
    world = World(tmp_path, monkeypatch, "75040404976", produce_after=0.5)
    try:
        proc = world.cli("renew", str(world.old), "--yes", "--accept-conditions", input=SECRETS_INPUT)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        deadline = time.monotonic() + 90
        while world.renewal().state is not lc.State.NOTIFYING and time.monotonic() < deadline:
            done = world.cli("complete")
            assert done.returncode in (0, 1), done.stdout + done.stderr
            time.sleep(0.3)
        renewal = world.renewal()
        assert renewal.state is lc.State.NOTIFYING, (renewal.state, renewal.last_error_key)
        yield world, renewal
    finally:
        world.close()


@pytest.mark.slow
def test_the_notice_says_which_file_the_etk_and_the_new_password_until_acknowledged(renewed):
    world, renewal = renewed
    new_path = renewal.new_keystore
    assert Path(new_path).is_absolute() and Path(new_path).is_file()
    expected = {
        "en": ("its new encryption key (ETK) is active", "with the new password you chose",
               "ehwatch renewals --acknowledge"),
        "fr": ("sa nouvelle clé de chiffrement (ETK) est active", "avec le nouveau mot de passe que vous avez choisi",
               "ehwatch renewals --acknowledge"),
        "nl": ("de nieuwe encryptiesleutel (ETK) is actief", "met het nieuwe wachtwoord dat u koos",
               "ehwatch renewals --acknowledge"),
    }
    for lang, sentences in expected.items():
        _set_language(world, lang)
        for _ in range(2):                                 # shown again and again: it stays
            listing = world.cli("renewals")
            assert listing.returncode == 0, listing.stderr
            lines = listing.stdout.splitlines()
            assert f"    {new_path}" in lines, listing.stdout        # the full path, on a line of its own
            for sentence in sentences:
                assert sentence in listing.stdout, (lang, listing.stdout)
    data = json.loads(world.cli("renewals", "--json").stdout)["renewals"]
    (item,) = [r for r in data if r["id"] == renewal.id]
    assert new_path in item["next_step"] and item["state"] == "notifying"

    # the tray: the snapshot keeps the renewal, and the menu shows the new keystore's full path
    _set_language(world, "fr")
    core = Core.load(world.config)
    records = inventory.scan(core).records
    shot = snapshot.build(core, records, Engine(core).lifecycles.open(), [], None, False, False)
    assert [r.id for r in shot.renewals if r.state.awaiting_acknowledgement] == [renewal.id]
    assert shot.overall == "orange"
    new_record = next(r for r in shot.keystores if str(r.path.resolve()) == new_path)
    assert new_record.renewal.awaiting_acknowledgement and new_record.renewal.role == "new"
    from ehwatch import events
    from ehwatch.tray import menu

    (handover,) = [top for top in menu.menu_model(shot, "fr")
                   if any(e.intent and e.intent.kind == events.ACKNOWLEDGE for e in top.submenu)]
    shown = "".join(e.label for e in handover.submenu if not e.intent)    # the tray may wrap a long path
    assert new_path.replace(" ", "") in shown.replace(" ", ""), shown

    # acknowledged: gone from the listing and the tray; in the history with its dates
    ack = world.cli("renewals", "--acknowledge")
    assert ack.returncode == 0, ack.stdout + ack.stderr
    assert "ehwatch renewals --acknowledge" not in world.cli("renewals").stdout
    core = Core.load(world.config)
    shot = snapshot.build(core, inventory.scan(core).records, Engine(core).lifecycles.open(), [], None, False, False)
    assert not [r for r in shot.renewals if r.state.awaiting_acknowledgement]
    assert all(r.renewal is None for r in shot.keystores)
    history = world.cli("renewals", "--history")
    done = Engine(core).lifecycles.get(renewal.id)
    assert done.state is lc.State.DONE and done.acknowledged_at is not None
    today = i18n.format_long_date(brussels_date(done.acknowledged_at), "fr")
    until = i18n.format_long_date(brussels_date(done.new_not_after), "fr")
    line = f"Demandé le {today}, prêt le {today}, valable jusqu'au {until}. Confirmé le {today}."
    assert line in history.stdout and f"    → {new_path}" in history.stdout, history.stdout
