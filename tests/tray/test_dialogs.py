"""Dialogs: real Tk windows in a child process under Xvfb, typed into with xdotool."""
import subprocess
import sys
import threading
import time

import pytest

from ehwatch import logs
from ehwatch.tray import dialogs
from tests.support.desktop import Desktop, wait_until


@pytest.fixture(scope="module")
def screen():
    """A bare display (no tray host, no notification daemon): dialogs need nothing else."""
    with Desktop(tray=False, notifications=False) as desk:
        yield desk


@pytest.fixture
def display(screen, monkeypatch):
    monkeypatch.setenv("DISPLAY", screen.display)
    return screen


class Running:
    """A dialog function running in a thread, as the daemon calls it (it blocks until answered)."""

    def __init__(self, desk, title: str, func, *args, **kwargs):
        self.desk, self.result, self.error = desk, None, None
        self.thread = threading.Thread(target=self._run, args=(func, args, kwargs), daemon=True)
        self.thread.start()
        self.window = wait_until(lambda: self.desk.window_titled(title), 20, f"a window titled {title!r}")
        # Tk takes the focus once mapped (focus_force); type only after that, or keys go nowhere
        wait_until(self._has_focus, 10, "the dialog to take the keyboard focus")
        time.sleep(0.1)

    def _has_focus(self) -> bool:
        """The X input focus is on one of the dialog's windows (not None, PointerRoot or the root)."""
        d = self.desk.x()
        focus = d.get_input_focus().focus
        focus_id = focus if isinstance(focus, int) else focus.id
        while focus_id not in (0, 1, d.screen().root.id):
            if focus_id == int(self.window):
                return True
            focus_id = d.create_resource_object("window", focus_id).query_tree().parent.id
        return False

    def _run(self, func, args, kwargs):
        try:
            self.result = func(*args, **kwargs)
        except Exception as exc:  # handed to the test thread
            self.error = exc

    def type(self, text: str) -> "Running":
        self.desk.xdotool("type", "--delay", "15", text)
        return self

    def key(self, *keys: str) -> "Running":
        self.desk.xdotool("key", "--delay", "40", *keys)
        return self

    def answer(self, timeout: float = 10):
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "the dialog did not close"
        if self.error:
            raise self.error
        return self.result

    def still_open(self, wait: float = 0.5) -> bool:
        self.thread.join(wait)
        return self.thread.is_alive()


def test_keystore_password_typed_and_enter(display):
    dialog = Running(display, "Mot de passe du keystore", dialogs.ask_keystore_password,
                     "SSIN=75040404976 20140616-090423.p12", "fr", retry_message="Ce mot de passe ne convient pas.")
    assert dialog.type("Zw4rt&Wit pass").key("Return").answer() == "Zw4rt&Wit pass"
    assert logs.scrub("password Zw4rt&Wit pass") == "password ***"  # registered with the redactor


def test_escape_cancels(display):
    dialog = Running(display, "Keystore password", dialogs.ask_keystore_password, "a.p12", "en")
    assert dialog.type("half typed").key("Escape").answer() is None


def test_empty_password_is_not_accepted(display):
    dialog = Running(display, "Keystore password", dialogs.ask_keystore_password, "a.p12", "en")
    dialog.key("Return")
    assert dialog.still_open()
    assert dialog.type("x7").key("Return").answer() == "x7"


def test_pin_must_be_4_to_12_digits(display):
    dialog = Running(display, "Pincode van de identiteitskaart", dialogs.ask_pin, "MARIE DUBOIS", 2, "nl")
    dialog.type("12a").key("Return")
    assert dialog.still_open()
    assert dialog.key("BackSpace", "BackSpace", "BackSpace").type("1234").key("Return").answer() == "1234"


def test_contact_data_prefilled_validated_and_returned(display):
    dialog = Running(display, "Coordonnées pour le certificat", dialogs.ask_contact,
                     {"email": "dardenne@advalvas.be", "general_phone": "043375685"}, "fr")
    dialog.key("Return")  # the personal phone is missing
    assert dialog.still_open()
    dialog.key("Tab").type("04336 2333").key("Tab").type("not-an-address").key("Return")
    assert dialog.still_open()  # the general e-mail is malformed
    dialog.key("End", *["BackSpace"] * len("not-an-address")).type("docteurdardenne@gmail.com").key("Return")
    assert dialog.answer() == {"email": "dardenne@advalvas.be", "phone": "04336 2333",
                               "general_email": "docteurdardenne@gmail.com", "general_phone": "043375685"}


def test_new_password_rules_enforced_before_ok(display):
    dialog = Running(display, "Password of the new keystore", dialogs.ask_new_password, "en")
    dialog.type("abcdefgh").key("Tab").type("abcdefgh").key("Return")
    assert dialog.still_open()  # no digit nor symbol
    dialog.key("shift+Tab", "End").type("9").key("Tab", "End").type("8").key("Return")
    assert dialog.still_open()  # the two entries differ
    dialog.key("BackSpace").type("9").key("Return")
    assert dialog.answer() == "abcdefgh9"


def test_confirm_ok_and_cancel(display):
    assert Running(display, "Renew?", dialogs.confirm, "Renew?", "Start now?", "en",
                   ok_label="Renew").key("Return").answer() is True
    assert Running(display, "Renew?", dialogs.confirm, "Renew?", "Start now?", "en").key("Escape").answer() is False


def test_message_with_actions(display):
    dialog = Running(display, "Renouvellement", dialogs.show_message, "Renouvellement", "Le mail est arrivé.", "fr",
                     [("later", "Plus tard"), ("complete", "Terminer maintenant")])
    assert dialog.key("Return").answer() == "complete"
    dialog = Running(display, "Info", dialogs.show_message, "Info", "Done.", "en")
    assert dialog.key("Return").answer() is None


def test_no_display_raises_a_clear_error(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    with pytest.raises(dialogs.DialogUnavailable) as caught:
        dialogs.ask_pin(None, None, "fr")
    assert caught.value.message("fr").startswith("ehwatch n'a pas pu ouvrir sa fenêtre")


def test_new_password_rules():
    assert dialogs.password_checks("", "") == {"length": False, "chars": False, "digit_or_symbol": False,
                                               "match": False}
    assert dialogs.password_acceptable("abcdefg1", "abcdefg1")
    assert dialogs.password_acceptable("abcdefg!", "abcdefg!")
    assert not dialogs.password_acceptable("abcdefgh", "abcdefgh")       # neither digit nor symbol
    assert not dialogs.password_acceptable("abc1", "abc1")               # too short
    assert not dialogs.password_acceptable("abcdefg1", "abcdefg2")       # typed differently
    assert not dialogs.password_acceptable(" abcdefg1", " abcdefg1")     # leading space
    assert not dialogs.password_acceptable("abcdefg1\t", "abcdefg1\t")   # control character


def test_contact_rules():
    good = {"email": "a@b.be", "phone": "+32 4 336 23 33", "general_email": "", "general_phone": ""}
    assert dialogs.contact_problems(good) == []
    assert [k for k, _ in dialogs.contact_problems(dict(good, phone=""))] == ["tray.dialog.contact.missing"]
    assert [k for k, _ in dialogs.contact_problems(dict(good, general_email="x@"))] == \
        ["tray.dialog.contact.bad_email"]
    assert [k for k, _ in dialogs.contact_problems(dict(good, phone="12"))] == ["tray.dialog.contact.bad_phone"]


def test_entry_point_without_dash_m_runs_the_dialog(display, monkeypatch):
    """A frozen build starts its own executable; its entry point hands over to the dialog first."""
    entry = "from ehwatch.tray import dialogs; dialogs.run_child_if_requested(); print('not a dialog child')"
    monkeypatch.setattr(dialogs, "DIALOG_COMMAND", [sys.executable, "-c", entry])
    dialog = Running(display, "Quitter ?", dialogs.confirm, "Quitter ?", "Arrêter la surveillance ?", "fr")
    assert dialog.key("Return").answer() is True
    monkeypatch.delenv(dialogs.CHILD_ENV, raising=False)
    plain = subprocess.run([sys.executable, "-c", entry], capture_output=True, text=True, timeout=30)
    assert plain.stdout.strip() == "not a dialog child"


# --- issue 13: the settings window and the status window ----------------------------------------------
from tests.support.tools import ROOT  # noqa: E402

SHOTS = ROOT / "build" / "screenshots" / "tray"    # kept after the run: looked at while writing these tests


def shot(desk, name: str, window: str = "root"):
    SHOTS.mkdir(parents=True, exist_ok=True)
    return desk.screenshot(SHOTS / name, window)


SETTINGS = {"keystore_dirs": ["/home/dr/ehealth/keystore"], "language": "auto", "notify_days": [30, 14, 7, 3, 1],
            "mail_host": "imap.proximus.be", "mail_username": "", "mail_password_stored": False,
            "email": "marie@dubois.be", "phone": ""}


def test_settings_window_checks_then_returns_every_field(display):
    dialog = Running(display, "Paramètres d'ehwatch", dialogs.edit_settings, SETTINGS, "fr")
    dialog.type("/srv/cabinet/keystores").key("Return")               # Enter in the folder field adds it
    dialog.key("Tab", "Down", "Down")                                   # language: auto → Français → Nederlands
    dialog.key("Tab", "Tab").type("dr.dubois").key("Tab").type("S3cret mail")   # user, password
    dialog.key("Tab", "Tab").type("0433 62 333")                       # phone
    dialog.key("Tab", "End", *["BackSpace"] * 20).type("30, 7, x")    # a bad reminder list
    dialog.key("Return")
    time.sleep(0.5)
    shot(display, "settings-fr-refused.png", dialog.window)
    assert dialog.still_open()
    dialog.key("BackSpace").type("1").key("Return")
    answer = dialog.answer()
    assert answer == {"keystore_dirs": ["/home/dr/ehealth/keystore", "/srv/cabinet/keystores"], "language": "nl",
                      "mail_host": "imap.proximus.be", "mail_username": "dr.dubois", "mail_password": "S3cret mail",
                      "email": "marie@dubois.be", "phone": "0433 62 333", "notify_days": [30, 7, 1]}
    assert logs.scrub("login S3cret mail") == "login ***"                # the password went to the redactor


@pytest.mark.parametrize("lang,title", [("fr", "Paramètres d'ehwatch"), ("nl", "Instellingen van ehwatch"),
                                        ("de", "Einstellungen von ehwatch")])
def test_settings_window_in_each_language(display, lang, title):
    values = dict(SETTINGS, mail_username="dr.dubois", mail_password_stored=True)
    dialog = Running(display, title, dialogs.edit_settings, values, lang)
    shot(display, f"settings-{lang}.png", dialog.window)
    assert dialog.key("Escape").answer() is None


def test_status_window_sends_the_chosen_step(display):
    rows = [("⚠ JEAN PEETERS — expiré depuis 3 jours", [("a0", "Demander un nouveau certificat…")]),
            ("MARIE DUBOIS — renouvellement en cours\nEn attente d'eHealth (demande 4711)", []),
            ("LUC JANSSENS — expire dans 12 jours", [("a1", "Renouveler…")])]
    dialog = Running(display, "ehwatch — vos certificats eHealth", dialogs.show_status,
                     "ehwatch — vos certificats eHealth", "Ce qui demande votre attention est marqué ⚠.", rows, "fr",
                     close_label="Fermer")
    shot(display, "status-fr.png", dialog.window)
    assert dialog.key("Return").answer() == "a0"                       # the first step has the focus
    closed = Running(display, "ehwatch — vos certificats eHealth", dialogs.show_status,
                     "ehwatch — vos certificats eHealth", "", rows, "fr", close_label="Fermer")
    assert closed.key("Escape").answer() is None
