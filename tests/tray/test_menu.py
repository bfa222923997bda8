"""The menu model and the tooltip: pure functions of the snapshot, checked without a display."""
import datetime as dt
import time
from pathlib import Path

from ehwatch import events
from ehwatch.events import Intent, Snapshot
from ehwatch.tray.menu import menu_model, state_in_words, tooltip

FOLDER = Path("/home/dr/ehealth/keystore")
MARIE = FOLDER / "SSIN=75040404976 20140616-090423.p12"
JEAN = FOLDER / "SSIN=83100720837 20140214-120715.p12"
OLD = FOLDER / "SSIN=75040404976 20110616-090423.p12"
LOST = FOLDER / "SSIN=50021014141 20151023-121015.p12"


def practice(**extra) -> Snapshot:
    """Three doctors' keystores as the core hands them: dicts shaped like ``status --json``."""
    keystores = [
        {"path": str(MARIE), "holder": "MARIE DUBOIS", "identifier": "SSIN=75040404976", "status": "expiring",
         "days_left": 20},
        {"path": str(JEAN), "holder": "JEAN PEETERS", "identifier": "SSIN=83100720837", "status": "valid",
         "days_left": 400},
        {"path": str(OLD), "holder": "MARIE DUBOIS", "identifier": "SSIN=75040404976", "status": "superseded",
         "days_left": -900},
        {"path": str(LOST), "holder": None, "identifier": "SSIN=50021014141", "status": "expired",
         "days_left": -3},
    ]
    return Snapshot(keystores=keystores, overall="red", **extra)


def labels(entries):
    return [e.label for e in entries if not e.separator and e.visible]


def entry(entries, label):
    return next(e for e in entries if e.label == label)


def test_each_certificate_listed_with_its_expiry_in_words():
    model = menu_model(practice(), "fr")
    shown = labels(model)
    assert shown[:3] == ["MARIE DUBOIS — expire dans 20 jours", "JEAN PEETERS — expire dans 400 jours",
                         "⚠ SSIN=50021014141 — expiré depuis 3 jours"]
    assert not any("900" in label for label in shown), "a superseded keystore must stop alarming"


def test_certificate_submenu_sends_intents_for_that_keystore():
    model = menu_model(practice(), "fr")
    sub = entry(model, "MARIE DUBOIS — expire dans 20 jours").submenu
    intents = {e.label: e.intent for e in sub if not e.separator}
    assert intents["Renouveler…"] == Intent(events.RENEW, MARIE)
    assert intents["Ouvrir le dossier"] == Intent(events.OPEN_FOLDER, MARIE)
    assert intents["Enregistrer le mot de passe…"] == Intent(events.SET_PASSWORD, MARIE)
    assert intents["Me le rappeler demain"] == Intent(events.SNOOZE, MARIE)
    assert intents["Ne plus me le rappeler"] == Intent(events.MUTE, MARIE)
    assert all(e.enabled for e in sub if not e.separator)


def test_expired_certificate_cannot_be_renewed_from_the_menu():
    model = menu_model(practice(), "en")
    sub = entry(model, "⚠ SSIN=50021014141 — expired 3 days ago").submenu
    renew = next(e for e in sub if e.intent and e.intent.kind == events.RENEW)
    assert renew.enabled is False
    assert next(e for e in sub if e.intent and e.intent.kind == events.OPEN_FOLDER).enabled
    # issue 12: the expired certificate's submenu offers a new request, first; nothing to revoke there
    assert sub[0].intent.kind == events.REQUEST_NEW and sub[0].label == "Request a new certificate…"
    assert not any(e.intent and e.intent.kind == events.REVOKE for e in sub)


def test_a_working_certificate_can_be_revoked_and_a_revoked_one_replaced():
    model = menu_model(practice(), "en")
    valid = next(e for e in model if e.submenu and any(c.intent and c.intent.kind == events.REVOKE
                                                        for c in e.submenu))
    revoke = next(c for c in valid.submenu if c.intent and c.intent.kind == events.REVOKE)
    assert revoke.label == "Revoke this certificate…" and revoke.intent.keystore is not None
    revoked = {"path": "/k/SSIN=75040404976 20240101-000000.p12", "identifier": "SSIN=75040404976",
               "status": "revoked", "days_left": 200}
    sub = menu_model(Snapshot(keystores=[revoked]), "fr")[0]
    assert "révoqué" in sub.label
    kinds = [c.intent.kind for c in sub.submenu if c.intent]
    assert kinds[0] == events.REQUEST_NEW and events.REVOKE not in kinds
    assert next(c for c in sub.submenu if c.intent and c.intent.kind == events.RENEW).enabled is False


def test_global_entries_in_order_with_their_intents():
    model = menu_model(practice(autostart=True), "en", manager_available=True)
    tail = [(e.label, e.intent.kind if e.intent else None, e.checked) for e in model
            if not e.separator and e.visible and not e.submenu]
    assert tail == [
        ("Check now", events.CHECK_NOW, None),
        ("Check mail now", events.CHECK_MAIL, None),
        ("New certificate…", events.REQUEST_NEW, None),
        ("Pause notifications for a day", events.PAUSE_DAY, False),
        ("Start at login", events.TOGGLE_AUTOSTART, True),
        ("Settings…", events.SETTINGS, None),
        ("Open the eHealth Certificate Manager", events.OPEN_MANAGER, None),
        ("About ehwatch", events.ABOUT, None),
        ("Quit", events.QUIT, None),
    ]
    default = [e for e in model if e.default]
    assert [e.intent.kind for e in default] == [events.SHOW_STATUS] and not default[0].visible


def test_without_a_mailbox_the_menu_offers_to_set_one_up():
    """Nothing to check before a mailbox is set up: the item leads to Settings instead."""
    entries = {e.label: e.intent.kind for e in menu_model(practice(mailbox=False), "fr") if e.intent}
    assert entries["Configurer la boîte mail…"] == events.SETTINGS
    assert events.CHECK_MAIL not in entries.values()


def test_certificate_manager_entry_only_when_available():
    assert "Open the eHealth Certificate Manager" not in labels(menu_model(practice(), "en"))


def test_pause_checked_while_paused_and_autostart_unchecked():
    until = time.time() + 3600
    model = menu_model(practice(paused_until=until), "nl")
    pause = entry(model, f"Meldingen gepauzeerd tot {time.strftime('%H:%M', time.localtime(until))}")
    assert pause.checked is True and pause.intent == Intent(events.PAUSE_DAY)
    assert entry(model, "Starten bij aanmelden").checked is False
    model = menu_model(practice(paused_until=time.time() - 10), "nl")
    assert entry(model, "Meldingen een dag pauzeren").checked is False


def test_problems_the_user_must_act_on_come_first_short_with_the_whole_text_below():
    problem = ("The mailbox refused the password. Type it again with ehwatch mail login, or check the user name "
               "in the settings.")
    model = menu_model(practice(problems=[problem]), "en")
    assert model[0].label == "⚠ The mailbox refused the password"
    below = [e.label for e in model[0].submenu if not e.separator]
    assert " ".join(below[:-1]) == problem and all(len(line) <= 56 for line in below)
    assert model[0].submenu[-1].intent == Intent(events.SHOW_STATUS)
    assert model[1].separator


def test_empty_snapshot_says_nothing_found():
    model = menu_model(Snapshot(), "fr")
    assert labels(model)[0] == "Aucun certificat trouvé pour l'instant"
    assert tooltip(Snapshot(), "fr") == "ehwatch — aucun certificat trouvé pour l'instant"


def test_states_in_words_in_three_languages():
    assert state_in_words({"status": "expiring", "days_left": 1}, "fr") == "expire demain"
    assert state_in_words({"status": "expiring", "days_left": 0}, "nl") == "verloopt vandaag"
    assert state_in_words({"status": "expiring", "days_left": 12}, "de") == "läuft in 12 Tagen ab"
    assert state_in_words({"status": "expired", "days_left": -1}, "en") == "expired 1 day ago"
    assert state_in_words({"status": "pending", "days_left": None}, "fr") == "demande en attente"
    assert state_in_words({"status": "wrong-password"}, "nl") == "het opgeslagen wachtwoord klopt niet meer"
    assert state_in_words({"status": "locked", "days_left": 30}, "en") == \
        "expires in 30 days (estimate: password unknown)"
    assert state_in_words({"status": "locked", "days_left": None}, "en") == "password unknown"


def test_days_from_not_after_are_calendar_days_in_brussels():
    """A certificate ending on 22 December is "20 days" on 2 December, morning or evening (issue 13)."""
    ending = {"status": "expiring", "not_after": "2026-12-22T08:00:00+00:00", "days_left": 99}
    for hour in (7, 12, 22):          # 22:00 UTC is 23:00 in Brussels, still 2 December
        now = dt.datetime(2026, 12, 2, hour, 30, tzinfo=dt.UTC)
        assert state_in_words(ending, "en", now) == "expires in 20 days"
        assert state_in_words(ending, "fr", now) == "expire dans 20 jours"
    late = dt.datetime(2026, 12, 21, 23, 30, tzinfo=dt.UTC)       # 00:30 on 22 December in Brussels
    assert state_in_words(ending, "nl", late) == "verloopt vandaag"


def test_records_may_be_objects():
    class Record:
        path, holder, identifier, status, days_left = MARIE, "MARIE DUBOIS", "SSIN=1", "valid", 90

    assert labels(menu_model(Snapshot(keystores=[Record()]), "en"))[0] == "MARIE DUBOIS — expires in 90 days"


def test_tooltip_names_the_nearest_expiry():
    assert tooltip(practice(), "fr") == "ehwatch — SSIN=50021014141\u00a0: expiré depuis 3 jours"
    snap = practice(paused_until=time.time() + 60)
    snap.keystores = snap.keystores[:2]
    assert tooltip(snap, "en") == "ehwatch — MARIE DUBOIS: expires in 20 days\nNotifications paused"
    assert tooltip(Snapshot(tooltip="set by the core"), "en") == "set by the core"


def test_monitor_records_and_acceptance_keystores():
    from ehwatch.monitor.inventory import KeystoreRecord

    expiry = dt.datetime.now(dt.UTC) + dt.timedelta(days=45, hours=1)
    common = dict(application=None, not_before=None, not_after=expiry, days_left=45,
                  expiry_source="certificate", issuer=None)
    records = [
        KeystoreRecord(path=MARIE, identifier="SSIN=75040404976", holder="MARIE DUBOIS", environment="production",
                       status="valid", **common),
        KeystoreRecord(path=MARIE.with_suffix(".acc-p12"), identifier="SSIN=75040404976", holder="MARIE DUBOIS",
                       environment="acceptance", status="valid", **common),
    ]
    model = menu_model(Snapshot(keystores=records), "nl")
    assert labels(model)[:2] == ["MARIE DUBOIS — verloopt over 45 dagen",
                                 "MARIE DUBOIS (test) — verloopt over 45 dagen"]
    assert model[1].submenu[0].intent == Intent(events.RENEW, MARIE.with_suffix(".acc-p12"))


# --- issue 13: short rows, whose certificate, a renewal under way, mute's undo -------------------------
NEW_MARIE = FOLDER / "SSIN=75040404976 20261202-101500.p12"


def underway(**extra) -> Snapshot:
    """Marie's renewal waits for eHealth (request 4711); its new keystore is pending on the disk."""
    snap = practice(**extra)
    snap.keystores.append({"path": str(NEW_MARIE), "holder": None, "identifier": "SSIN=75040404976",
                           "status": "pending", "days_left": None})
    snap.renewals = [{"state": "requested", "old_keystore": str(MARIE), "new_keystore": str(NEW_MARIE),
                      "request_number": "4711", "holder": "MARIE DUBOIS", "identifier": "SSIN=75040404976"}]
    return snap


def all_labels(entries):
    return [e.label for top in entries for e in top.walk() if not e.separator and e.label]


def test_a_renewal_under_way_replaces_renew_now_in_its_row():
    model = menu_model(underway(), "fr")
    row = entry(model, "MARIE DUBOIS — renouvellement en cours")
    assert row.submenu[0].label == "En attente d'eHealth (demande 4711)" and not row.submenu[0].enabled
    assert not any(e.intent and e.intent.kind == events.RENEW for e in row.submenu)
    # the pending new keystore is that row, not a second one
    assert [label for label in labels(model) if "MARIE" in label] == ["MARIE DUBOIS — renouvellement en cours"]
    assert entry(menu_model(underway(), "nl"), "MARIE DUBOIS — vernieuwing bezig").submenu[0].label == \
        "Wacht op eHealth (aanvraag 4711)"
    assert entry(menu_model(underway(), "de"), "MARIE DUBOIS — Erneuerung läuft").submenu[0].label == \
        "Wartet auf eHealth (Antrag 4711)"
    produced = underway()
    produced.renewals[0]["state"] = "etk_registering"
    assert entry(menu_model(produced, "fr"), "MARIE DUBOIS — renouvellement en cours").submenu[0].label == \
        "Produit par eHealth\u00a0: finalisation (demande 4711)"


def test_the_tooltip_says_a_renewal_is_under_way():
    snap = underway()
    snap.keystores = [k for k in snap.keystores if "50021014141" not in k["path"]]
    assert tooltip(snap, "fr") == "ehwatch — MARIE DUBOIS\u00a0: renouvellement en cours"


def test_a_stopped_renewal_warns_in_its_row_once_with_the_reason_below():
    from ehwatch import i18n

    snap = underway()
    snap.renewals[0].update(state="refused", last_error_key="tray.dialog.contact.missing", last_error_params={})
    snap.problems = [i18n.t("tray.dialog.contact.missing", "en"), "The mailbox refused the password."]
    model = menu_model(snap, "en")
    row = entry(model, "⚠ MARIE DUBOIS — renewal stopped")
    assert row.submenu[0].label == "The personal e-mail and phone are required."
    assert next(e for e in row.submenu if e.intent and e.intent.kind == events.RENEW).label == "Resume the renewal…"
    # the same failure is not a second row at the top; the mailbox's is
    assert [e.label for e in model if e.label.startswith("⚠")] == ["⚠ The mailbox refused the password",
                                                                  "⚠ MARIE DUBOIS — renewal stopped",
                                                                  "⚠ SSIN=50021014141 — expired 3 days ago"]


def test_a_muted_keystore_offers_to_unmute():
    model = menu_model(practice(muted=[MARIE.name]), "fr")
    sub = entry(model, "MARIE DUBOIS — expire dans 20 jours").submenu
    unmute = next(e for e in sub if e.intent == Intent(events.MUTE, MARIE))
    assert unmute.label == "Me le rappeler à nouveau"
    assert not next(e for e in sub if e.intent == Intent(events.SNOOZE, MARIE)).enabled
    jean = entry(model, "JEAN PEETERS — expire dans 400 jours").submenu
    assert next(e for e in jean if e.intent and e.intent.kind == events.MUTE).label == "Ne plus me le rappeler"


def test_the_menu_stays_compact_in_every_language_with_an_expired_one():
    snap = underway(problems=["The mailbox refused the password. Type it again with ehwatch mail login, or "
                              "check the user name and the server in the settings of ehwatch."],
                    paused_until=time.time() + 3600)
    snap.keystores.append({"path": "/k/SSIN=1 20200101-000000.p12", "holder": "LUC JANSSENS", "status": "locked",
                           "not_after": "2027-03-01T10:00:00+00:00"})
    snap.keystores.append({"path": "/k/CBE=0123456789 20200101-000000.p12", "status": "expired", "days_left": -40,
                           "holder": "CENTRE MÉDICAL DE LA VALLÉE DE LA MEUSE ASBL", "environment": "acceptance"})
    for lang in ("fr", "nl", "de", "en"):
        model = menu_model(snap, lang, manager_available=True)
        too_long = [label for label in all_labels(model) if len(label) > 56]
        assert too_long == [], (lang, too_long)
        rows = labels(model)
        assert len(rows) == len(set(rows)), (lang, rows)
        assert len(model) <= 20, (lang, len(model))        # 5 certificates, a problem, 9 items


def test_status_window_rows_name_the_holder_and_offer_the_next_step():
    from ehwatch.tray.menu import status_rows

    rows = status_rows(underway(), "fr")
    texts = [text for text, _ in rows]
    assert texts == ["⚠ SSIN=50021014141 — expiré depuis 3 jours",          # what needs the user first
                     "MARIE DUBOIS — renouvellement en cours\nEn attente d'eHealth (demande 4711)",
                     "JEAN PEETERS — expire dans 400 jours"]
    assert rows[0][1] == [(Intent(events.REQUEST_NEW, LOST), "Demander un nouveau certificat…")]
    assert rows[1][1] == []                                              # nothing to do: eHealth works


def test_an_expired_certificate_whose_renewal_stopped_asks_for_a_new_one():
    snap = practice()
    snap.renewals = [{"state": "expired", "old_keystore": str(LOST), "last_error_key": "tray.state.revoked",
                      "last_error_params": {}}]
    row = entry(menu_model(snap, "en"), "⚠ SSIN=50021014141 — expired 3 days ago")
    assert row.submenu[0].label == "revoked" and not row.submenu[0].enabled      # the renewal's reason below
    assert next(e for e in row.submenu if e.intent and e.intent.kind == events.REQUEST_NEW).enabled
