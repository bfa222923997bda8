"""``ehwatch doctor``: each check against the real thing (keytool keystores, Dovecot, SoftHSM2 as the
eID, dunst on a private bus), and what the user reads, in their language."""
from __future__ import annotations

import json
import socket

import pytest

from ehwatch import config as config_mod
from ehwatch import doctor, secrets
from ehwatch.core import Core
from ehwatch.desktop import autostart
from tests.support.desktop import Desktop
from tests.support.dovecot import Dovecot
from tests.support.keystore_factory import cached_ehealth_keystore
from tests.support.tools import run_cli


def by_name(checks, name):
    return [c for c in checks if c.name == name]


def core_for(*folders, **settings) -> Core:
    config = config_mod.Config(keystore_dirs=[str(f) for f in folders])
    for key, value in settings.items():
        setattr(config, key, value)
    return Core(config)


def test_folders_and_passwords(tmp_path):
    keystore = cached_ehealth_keystore(tmp_path / "ks", password="ehealth-test")
    empty = tmp_path / "empty"
    empty.mkdir()
    core = core_for(tmp_path / "ks", empty, tmp_path / "missing")
    levels = [(c.level, c.key) for c in doctor.check_folders(core)]
    assert levels == [("ok", "doctor.folder.ok"), ("warning", "doctor.folder.empty"),
                      ("problem", "doctor.folder.missing")]
    (password,) = doctor.check_passwords(core)
    assert password.level == "warning" and password.params == {"file": keystore.name}
    secrets.set_keystore_password(keystore, "ehealth-test")
    assert doctor.check_passwords(core)[0].level == "ok"


def test_keyring_missing_is_a_problem(monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    import keyring.core

    keyring.core._keyring_backend = None
    check = doctor.check_keyring()
    assert check.level == "problem"
    assert "GNOME Keyring" in check.render("en")["advice"]


def test_mailbox_reachable_then_unreachable(tmp_path):
    with Dovecot(tmp_path) as server:
        server.start()
        core = core_for(tmp_path)
        core.config.mail = config_mod.MailConfig(host=server.host, port=server.port, username=server.user)
        checks = doctor.check_mail(core)
        assert [(c.level, c.key) for c in checks] == [("ok", "doctor.mail.reachable"),
                                                      ("problem", "doctor.mail.no_password")]
        secrets.set_mail_secret(server.user, server.host, server.password)
        assert [c.level for c in doctor.check_mail(core)] == ["ok"]
        port = server.port
    with socket.socket() as probe:                     # nothing listens there any more
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    (check,) = doctor.check_mail(core, timeout=2)
    assert check.level == "problem" and check.key == "doctor.mail.unreachable"
    assert str(port) in check.render("fr")["message"]


def test_no_mailbox_configured_is_only_a_warning():
    (check,) = doctor.check_mail(core_for())
    assert check.level == "warning" and check.key == "doctor.mail.off"


def test_eid_middleware_and_card(rsa_card):
    core = core_for()
    core.config.eid = config_mod.EidConfig(pkcs11_module=rsa_card.module)
    check = doctor.check_eid(core)
    assert check.level == "ok", check.render("en")
    assert "Anne-Marie" in check.render("en")["message"]
    core.config.eid = config_mod.EidConfig(pkcs11_module="/nonexistent/libbeidpkcs11.so.0")
    assert doctor.check_eid(core).key == "doctor.eid.no_middleware"


def test_notification_service_and_tray_on_a_desktop(monkeypatch):
    with Desktop() as desk:
        for name, value in desk.env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("NO_AT_BRIDGE", "1")
        notify = doctor.check_notifications()
        assert notify.level == "ok" and notify.params["server"] == "dunst"
        tray = doctor.check_tray()
        assert tray.level == "ok" and tray.params["backend"] == "gtk"
    monkeypatch.delenv("DISPLAY")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    assert doctor.check_notifications().level == "warning"
    assert doctor.check_tray().level == "warning"


def test_autostart_check_follows_the_setting():
    assert doctor.check_autostart().level == "warning"
    autostart.enable()
    assert doctor.check_autostart().level == "ok"


@pytest.mark.parametrize("lang, words", [("fr", "n'existe pas"), ("nl", "bestaat niet"), ("en", "does not exist")])
def test_cli_explains_in_the_users_language(tmp_path, lang, words, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    proc = run_cli("--lang", lang, "doctor", env={"EHWATCH_USER_HOME": str(tmp_path)})
    assert proc.returncode == 2                           # the default keystore folder is missing
    assert words in proc.stdout and "→" in proc.stdout


def test_cli_json(tmp_path):
    cached_ehealth_keystore(tmp_path / "ehealth" / "keystore", password="ehealth-test")
    proc = run_cli("doctor", "--json", env={"EHWATCH_USER_HOME": str(tmp_path)})
    report = json.loads(proc.stdout)
    checks = {c["check"]: c for c in report["checks"]}
    assert checks["keystore_folder"]["level"] == "ok"
    assert checks["password"]["level"] == "warning" and checks["password"]["advice"]
    assert report["overall"] in ("warning", "problem")
    assert proc.returncode == (2 if report["overall"] == "problem" else 0)
