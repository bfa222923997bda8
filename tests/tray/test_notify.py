"""Notifications through a real notification daemon (dunst) on a private D-Bus session bus."""
import logging
import queue
from pathlib import Path

import pytest

from ehwatch import events
from ehwatch.events import Intent
from ehwatch.tray.notify import Notifier
from tests.support.desktop import Desktop, wait_until

KEYSTORE = Path("/home/dr/ehealth/keystore/SSIN=75040404976 20140616-090423.p12")


@pytest.fixture
def notifier(desktop):
    intents: queue.Queue[Intent] = queue.Queue()
    made = Notifier(intents.put, "fr")
    made.intents = intents
    yield made
    made.close()


def shown(desk, summary):
    return wait_until(lambda: [n for n in desk.notifications() if n["summary"] == summary], 5,
                      f"dunst to show {summary!r}")


def test_notification_reaches_dunst(desktop, notifier):
    assert notifier.show("Certificat eHealth", "MARIE DUBOIS — expire dans 20 jours", keystore=KEYSTORE,
                         renew_action=True, urgency="critical")
    (seen,) = shown(desktop, "Certificat eHealth")
    assert seen["body"] == "MARIE DUBOIS — expire dans 20 jours"
    assert seen["appname"] == "ehwatch"
    assert seen["icon_path"].endswith(".png") and Path(seen["icon_path"]).exists()
    assert notifier.last_error is None


def test_renew_action_starts_renewal_of_that_keystore(desktop, notifier):
    assert notifier.show("Certificat eHealth", "expire dans 7 jours", keystore=KEYSTORE, renew_action=True)
    offered = desktop.pick_notification_action("Renouveler")
    assert "Renouveler" in offered and "Ouvrir" in offered  # the labels in the user's language
    assert notifier.intents.get(timeout=5) == Intent(events.RENEW, KEYSTORE)


def test_clicking_the_notification_starts_renewal_too(desktop, notifier):
    other = KEYSTORE.with_name("SSIN=83100720837 20140214-120715.p12")
    assert notifier.show("Certificat eHealth", "JEAN PEETERS — expire dans 3 jours", keystore=other,
                         renew_action=True)
    shown(desktop, "Certificat eHealth")  # closes it into the history: show a fresh one to click
    assert notifier.show("Certificat eHealth", "JEAN PEETERS — expire dans 3 jours", keystore=other,
                         renew_action=True)
    wait_until(lambda: desktop.run("dunstctl", "count", "displayed").stdout.strip() == "1", 5, "one notification")
    desktop.invoke_notification_default()
    assert notifier.intents.get(timeout=5) == Intent(events.RENEW, other)


def test_renew_label_in_dutch_and_english(desktop):
    for lang, label in (("nl", "Vernieuwen"), ("en", "Renew")):
        intents = queue.Queue()
        notifier = Notifier(intents.put, lang)
        try:
            desktop.run("dunstctl", "close-all")
            assert notifier.show("eHealth", "…", keystore=KEYSTORE, renew_action=True)
            assert label in desktop.pick_notification_action(label)
            assert intents.get(timeout=5) == Intent(events.RENEW, KEYSTORE)
        finally:
            notifier.close()


def test_a_finished_renewal_offers_to_open_the_folder(desktop, notifier):
    new = KEYSTORE.with_name("SSIN=75040404976 20261128-101500.p12")
    assert notifier.show("Renouvellement du certificat eHealth", "Utilisez désormais le keystore …", keystore=new,
                         folder_action=True)
    offered = desktop.pick_notification_action("Ouvrir le dossier")
    assert "Ouvrir le dossier" in offered and "Renouveler" not in offered
    assert notifier.intents.get(timeout=5) == Intent(events.OPEN_FOLDER, new)


def test_information_only_notification_has_no_renew_action(desktop, notifier):
    assert notifier.show("ehwatch", "La boîte mail refuse le mot de passe.", urgency="critical")
    offered = desktop.pick_notification_action("Ouvrir")
    assert "Renouveler" not in offered
    assert notifier.intents.get(timeout=5) == Intent(events.SHOW_STATUS, None)
    assert notifier.intents.empty()


def test_no_notification_service_returns_false_and_logs(monkeypatch, caplog):
    with Desktop(tray=False, notifications=False) as bare:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bare.bus_address)
        notifier = Notifier(lambda intent: None, "en")
        with caplog.at_level(logging.WARNING, logger="ehwatch.tray.notify"):
            assert notifier.show("eHealth", "expires in 7 days", keystore=KEYSTORE, renew_action=True) is False
        notifier.close()
    assert notifier.last_error == "tray.notify.failed"
    assert "ServiceUnknown" in caplog.text


def test_no_session_bus_returns_false(monkeypatch, caplog, tmp_path):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-bus-here")
    notifier = Notifier(lambda intent: None, "en")
    with caplog.at_level(logging.WARNING, logger="ehwatch.tray.notify"):
        assert notifier.show("eHealth", "expires in 7 days") is False
    assert "no D-Bus session bus" in caplog.text


def test_notifier_reconnects_after_close(desktop, notifier):
    assert notifier.show("Premier", "1")
    notifier.close()
    assert notifier.show("Second", "2", keystore=KEYSTORE, renew_action=True)
    desktop.pick_notification_action("Renouveler")
    assert notifier.intents.get(timeout=5) == Intent(events.RENEW, KEYSTORE)
