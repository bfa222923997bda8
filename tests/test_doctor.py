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


# ---- issue 15, item 8: the paths and commands the configuration names exist ------------------------

def test_configured_paths_that_do_not_exist_are_problems(tmp_path):
    cafile = tmp_path / "ca.pem"
    cafile.write_text("-----BEGIN CERTIFICATE-----\n")
    hook = tmp_path / "point-software-at-new-keystore"
    hook.write_text("#!/bin/sh\nexit 0\n")
    hook.chmod(0o755)
    not_executable = tmp_path / "notes.sh"
    not_executable.write_text("echo\n")
    core = core_for(tmp_path)
    core.config.mail = config_mod.MailConfig(host="imap.example.be", cafile=str(tmp_path / "missing-ca.pem"))
    core.config.ehealth = config_mod.EhealthConfig(cafile=str(cafile))
    core.config.eid = config_mod.EidConfig(pkcs11_module=str(tmp_path / "libbeidpkcs11.so.0"))
    core.config.renewal = config_mod.RenewalConfig(hooks=[f"{hook} --flag", str(tmp_path / "gone.sh"),
                                                          str(not_executable), "definitely-no-such-command-x"])
    checks = doctor.check_config_paths(core)
    found = {(c.params.get("setting"), c.params.get("path"), c.level, c.key) for c in checks}
    assert found == {
        ("mail.cafile", str(tmp_path / "missing-ca.pem"), "problem", "doctor.config.missing"),
        ("ehealth.cafile", str(cafile), "ok", "doctor.config.ok"),
        ("eid.pkcs11_module", str(tmp_path / "libbeidpkcs11.so.0"), "problem", "doctor.config.missing"),
        ("renewal.hooks", str(hook), "ok", "doctor.config.ok"),
        ("renewal.hooks", str(tmp_path / "gone.sh"), "problem", "doctor.config.missing"),
        ("renewal.hooks", str(not_executable), "problem", "doctor.config.not_executable"),
        ("renewal.hooks", "definitely-no-such-command-x", "problem", "doctor.config.no_command"),
    }
    for check in checks:
        for lang in ("fr", "nl", "en"):
            rendered = check.render(lang)
            assert check.params["setting"] in rendered["message"]
            assert (check.level == "ok") or rendered["advice"]


def test_endpoints_set_in_memory_are_checked_too(tmp_path):
    """The loader refuses http:// and file:// in the file; doctor says it for a configuration made in code."""
    core = core_for(tmp_path)
    core.config.ehealth = config_mod.EhealthConfig(certra_url="http://services.example.be/CertRa/v2",
                                                   etkra_url="file:///etc/passwd",
                                                   etkdepot_url="http://127.0.0.1:8086/EtkDepot/v1")
    checks = {c.params["setting"]: c for c in doctor.check_config_paths(core)}
    assert checks["ehealth.certra_url"].level == "problem" and checks["ehealth.certra_url"].key == "doctor.config.url"
    assert checks["ehealth.etkra_url"].level == "problem"
    assert "ehealth.etkdepot_url" not in checks            # the local sandbox: fine


def test_cli_reports_a_missing_hook(tmp_path):
    config_file = tmp_path / "c.toml"
    config_file.write_text(f'keystore_dirs = ["{tmp_path}"]\n[renewal]\nhooks = ["{tmp_path}/gone.sh"]\n')
    proc = run_cli("--config", str(config_file), "--lang", "fr", "doctor", "--json")
    report = json.loads(proc.stdout)
    (hook,) = [c for c in report["checks"] if c["check"] == "config"]
    assert hook["level"] == "problem" and "gone.sh" in hook["message"] and "renewal.hooks" in hook["message"]


# ---- issue 13, point 14: advice that fits the machine, and an exit code a script can use ---------------

@pytest.mark.parametrize("platform, release, advice", [
    ("linux", {"ID": "debian"}, "sudo apt install eid-mw"),
    ("linux", {"ID": "linuxmint", "ID_LIKE": "ubuntu debian"}, "sudo apt install eid-mw"),
    ("linux", {"ID": "fedora"}, "sudo dnf install eid-mw"),
    ("linux", {"ID": "arch"}, "eid.belgium.be"),
    ("windows", {}, "for Windows"),
    ("macos", {}, "for macOS"),
])
def test_no_middleware_advice_names_what_to_install_on_this_os(platform, release, advice):
    key = doctor.middleware_advice(platform, release)
    assert advice in doctor.i18n.t(key, "en")
    for lang in ("fr", "nl", "de"):
        assert doctor.i18n.t(key, lang) != doctor.i18n.t(key, "en")


def test_this_computers_os_release_is_read():
    release = doctor.os_release()
    assert release.get("ID"), release                       # the test machine is a Linux with /etc/os-release
    assert doctor.middleware_advice("linux") != "doctor.eid.no_middleware_fix" or release["ID"] not in (
        "debian", "ubuntu", "fedora")


def test_no_middleware_makes_renewal_impossible_and_the_exit_code_2(tmp_path, monkeypatch):
    cached_ehealth_keystore(tmp_path / "ehealth" / "keystore", password="ehealth-test")
    config = tmp_path / "config.toml"
    config.write_text(f'keystore_dirs = ["{tmp_path / "ehealth" / "keystore"}"]\n'
                      f'[eid]\npkcs11_module = "{tmp_path / "no-libbeidpkcs11.so.0"}"\n')
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    proc = run_cli("--config", str(config), "--lang", "nl", "doctor")
    assert proc.returncode == 2
    assert "Op deze computer is geen vernieuwing mogelijk" in proc.stdout
    assert "ehwatch run --no-tray" in proc.stdout                # no desktop: the command to run instead
    report = json.loads(run_cli("--config", str(config), "doctor", "--json").stdout)
    assert report["renewal_possible"] is False and report["overall"] == "problem"


def test_without_a_desktop_the_advice_is_a_command(monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    tray = doctor.check_tray()
    assert tray.key == "doctor.tray.no_desktop" and "ehwatch run --no-tray" in tray.render("fr")["advice"]
    assert "ehwatch status" in tray.render("de")["advice"]
    autostart_check = doctor.check_autostart()
    advice = autostart_check.render("en")["advice"]
    assert "systemctl --user enable --now" in advice and "ehwatch-headless.service" in advice
    assert doctor.systemd_unit().is_file() and "--no-tray" in doctor.systemd_unit().read_text()
    assert "--no-tray" in doctor.check_daemon().render("nl")["advice"]
    monkeypatch.setenv("DISPLAY", ":99")
    assert "ehwatch autostart enable" in doctor.check_autostart().render("en")["advice"]
