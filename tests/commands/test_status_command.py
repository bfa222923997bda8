"""``ehwatch status`` run as a user would: table, JSON, languages, exit codes, default folder."""
from __future__ import annotations

import json

from ehwatch import secrets
from tests.support.keystores import PASSWORD, place
from tests.support.tools import run_cli


def _store_passwords(placed):
    for path in placed.values():
        secrets.set_keystore_password(path, PASSWORD)


def test_json_output_and_exit_code_zero(tmp_path):
    placed = place(tmp_path, "valid", "old", "new", "pending")
    _store_passwords(placed)
    proc = run_cli("status", "--json", "--keystore-dir", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    by_name = {k["path"].rsplit("/", 1)[1]: k for k in data["keystores"]}
    valid = by_name[placed["valid"].name]
    assert valid["status"] == "valid" and valid["identifier"] == "SSIN=75040404976"
    assert valid["holder"] == "MARIE DUBOIS" and valid["environment"] == "production"
    assert valid["expiry_source"] == "certificate" and valid["not_after"].endswith("Z")
    assert isinstance(valid["days_left"], int) and len(valid["etk"]) == 2 and valid["problem"] is None
    assert by_name[placed["old"].name]["status"] == "superseded"
    assert by_name[placed["pending"].name]["status"] == "pending"
    assert data["problems"] == []


def test_exit_code_one_for_expiring_or_locked(tmp_path):
    placed = place(tmp_path, "expiring")
    _store_passwords(placed)
    assert run_cli("status", "--keystore-dir", str(tmp_path)).returncode == 1
    locked_dir = tmp_path / "locked"
    place(locked_dir, "valid")
    proc = run_cli("status", "--json", "--keystore-dir", str(locked_dir))
    assert proc.returncode == 1
    (record,) = json.loads(proc.stdout)["keystores"]
    assert record["status"] == "locked" and record["expiry_source"] == "file-name"


def test_exit_code_two_for_expired_unreadable_or_wrong_password(tmp_path):
    for name, setup in (("expired", "right"), ("valid", "wrong")):
        folder = tmp_path / name
        placed = place(folder, name)
        secrets.set_keystore_password(placed[name], PASSWORD if setup == "right" else "old-password")
        assert run_cli("status", "--keystore-dir", str(folder)).returncode == 2, name
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "SSIN=75040404976 20200101-000000.p12").write_bytes(b"\x30\x82\x01")
    assert run_cli("status", "--keystore-dir", str(broken)).returncode == 2


def test_table_in_each_language_with_what_to_do(tmp_path):
    placed = place(tmp_path, "expiring", "valid")
    secrets.set_keystore_password(placed["expiring"], PASSWORD)       # "valid" stays locked
    expected = {
        "fr": ("Titulaire", "expire bientôt", "Renouvelez le certificat", "mot de passe requis", "(estimée)"),
        "nl": ("Houder", "verloopt binnenkort", "Vernieuw het certificaat", "wachtwoord nodig", "(geschat)"),
        "en": ("Holder", "expiring soon", "Renew the certificate", "password needed", "(estimate)"),
    }
    for lang, words in expected.items():
        proc = run_cli("--lang", lang, "status", "--keystore-dir", str(tmp_path))
        assert proc.returncode == 1, proc.stderr
        for word in words:
            assert word in proc.stdout, (lang, word, proc.stdout)
        assert f'ehwatch password set "{placed["valid"]}"' in proc.stdout
        assert "LUC JANSSENS" in proc.stdout


def test_language_from_the_configuration_file(tmp_path):
    place(tmp_path / "ks", "valid")
    config = tmp_path / "config.toml"
    config.write_text('language = "nl"\n')
    proc = run_cli("--config", str(config), "status", "--keystore-dir", str(tmp_path / "ks"))
    assert "Resterende dagen" in proc.stdout and "wachtwoord nodig" in proc.stdout


def test_default_folder_and_junk(isolated_home):
    folder = isolated_home / "ehealth" / "keystore"
    placed = place(folder, "valid")
    _store_passwords(placed)
    (folder / "desktop.ini").write_text("[.ShellClassInfo]\n")
    (folder / "revokeRequest_1.ehrr").write_text("x")
    proc = run_cli("status", "--json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert [k["status"] for k in json.loads(proc.stdout)["keystores"]] == ["valid"]


def test_bad_folders_are_clear_lines(tmp_path):
    (tmp_path / "x.p12").mkdir()
    proc = run_cli("status", "--keystore-dir", str(tmp_path / "missing"), "--keystore-dir", str(tmp_path))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"The keystore folder {tmp_path / 'missing'} does not exist" in proc.stdout
    assert f"{tmp_path / 'x.p12'} is a folder named like a keystore" in proc.stdout
    assert "No keystore found" in proc.stdout
    proc = run_cli("status", "--json", "--keystore-dir", str(tmp_path / "missing"))
    assert json.loads(proc.stdout)["problems"][0]["path"] == str(tmp_path / "missing")


def test_fresh_computer_without_keystore_folder(isolated_home):
    proc = run_cli("status")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"No keystore found in: {isolated_home / 'ehealth' / 'keystore'}" in proc.stdout
    config = isolated_home / "config.toml"
    config.write_text(f'keystore_dirs = ["{isolated_home / "elsewhere"}"]\n')
    proc = run_cli("--config", str(config), "status")
    assert proc.returncode == 1 and "does not exist" in proc.stdout
