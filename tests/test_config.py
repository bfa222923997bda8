from pathlib import Path

import pytest

from ehwatch import config
from tests.support.tools import run_cli


def test_no_file_means_defaults(tmp_path):
    cfg = config.load(tmp_path / "missing.toml")
    assert cfg.warn_days == 30
    assert cfg.language == "auto"
    assert cfg.source is None


def test_default_folder_matched_case_insensitively(isolated_home):
    (isolated_home / "eHealth" / "KeyStore").mkdir(parents=True)
    cfg = config.Config()
    assert cfg.keystore_paths() == [isolated_home / "eHealth" / "KeyStore"]


def test_values_are_read(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('keystore_dirs = ["~/ks"]\nwarn_days = 45\nlanguage = "nl"\n[mail]\nhost = "imap.example.be"\n')
    cfg = config.load(path)
    assert cfg.warn_days == 45 and cfg.language == "nl" and cfg.mail.host == "imap.example.be"
    assert cfg.keystore_paths() == [Path("~/ks").expanduser()]


@pytest.mark.parametrize("text, line, key, problem", [
    ('warn_days = "soon"\n', 1, "warn_days", "int"),
    ('\n\nwarn_days = 0\n', 3, "warn_days", "min"),
    ('language = "es"\n', 1, "language", "choices"),
    ('[mail]\nhost = "x"\nprot = 993\n', 3, "mail.prot", "unknown_key"),
    ('keystore_dirs = "/a"\n', 1, "keystore_dirs", "list"),
    ('mail = 3\n', 1, "mail", "table"),
    ('warn_days = 30\nwarn_days = [\n', 2, "warn_days", "syntax"),
])
def test_bad_values_name_file_line_and_key(tmp_path, text, line, key, problem):
    path = tmp_path / "c.toml"
    path.write_text(text)
    with pytest.raises(config.ConfigError) as info:
        config.load(path)
    err = info.value
    assert (err.line, err.config_key, err.problem) == (line, key, problem)
    for lang in ("fr", "nl", "en"):
        assert str(path) in err.message(lang)


def test_cli_bad_config_is_one_clear_line(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("warn_days = -1\n")
    proc = run_cli("--config", str(path), "--lang", "fr", "config", "show")
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr
    assert "ligne 1" in proc.stderr and "warn_days" in proc.stderr


def test_cli_config_path_and_show(isolated_home):
    proc = run_cli("config", "path", check=True)
    assert proc.stdout.splitlines()[0].endswith("config.toml")
    shown = run_cli("config", "show", check=True).stdout
    assert config.parse(shown, Path("shown.toml")) == config.Config()


# ---- issue 15, item 8: every error names file, line and key; no traceback; risky values refused ----

HOSTILE = [
    # (text, line, key, problem)
    ("keystore_dirs = " + "[" * 5000 + "]" * 5000 + "\n", 1, "keystore_dirs", "too_deep"),
    ("\nnotify_days = [[[[[[[[1]]]]]]]]\n", 2, "notify_days", "list_int"),
    ('keystore_dirs = ["/srv/ks\\u0000/x"]\n', 1, "keystore_dirs", "nul"),
    ('[mail]\nhost = "imap.example.be"\ncafile = "/etc/ca\\u0000.pem"\n', 3, "mail.cafile", "nul"),
    ('warn_days = 30\nmail.hots = "imap.example.be"\n', 2, "mail.hots", "unknown_key"),
    ('warn_days = 30\n\nmail.port = "993"\n', 3, "mail.port", "int"),
    ('language = "fr"\nmail = { host = "x", prot = 3 }\n', 2, "mail.prot", "unknown_key"),
    ('language = "fr"\n\nmail = {host = 3}\n', 3, "mail.host", "str"),
    ('warn_days = 30\n\n[mial]\nhost = "x"\n', 3, "mial", "unknown_key"),
    ('[mail]\nhost = "x"\n[mail.sub]\nx = 1\n', 3, "mail.sub", "unknown_key"),
    ('warn_days = 30\n[[mail]]\nhost = "x"\n', 2, "mail", "table"),
    ('warn_days = 30\n[warn_days]\nx = 1\n', 2, "warn_days", "syntax"),
    ('[renewal]\nemail = "a@b.be"\nhooks.x = 1\n', 3, "renewal.hooks", "list"),
    ('[ehealth]\ncertra_url = "http://services.example.be/CertRa/v2"\n', 2, "ehealth.certra_url", "url"),
    ('[ehealth]\n\netkra_url = "file:///etc/passwd"\n', 3, "ehealth.etkra_url", "url"),
    ('[ehealth]\netkdepot_url = "ftp://x/"\n', 2, "ehealth.etkdepot_url", "url"),
]


@pytest.mark.parametrize("text, line, key, problem", HOSTILE)
def test_hostile_configurations_name_file_line_and_key(tmp_path, text, line, key, problem):
    path = tmp_path / "c.toml"
    path.write_text(text)
    with pytest.raises(config.ConfigError) as info:
        config.load(path)
    err = info.value
    assert (err.line, err.config_key, err.problem) == (line, key, problem)
    for lang in ("fr", "nl", "en"):
        message = err.message(lang)
        assert str(path) in message and "?" not in message.split(":")[0]


def test_a_huge_configuration_file_is_refused_unread(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("# " + "x" * (config.MAX_CONFIG_BYTES + 10) + "\n")
    with pytest.raises(config.ConfigError) as info:
        config.load(path)
    assert info.value.problem == "too_big"


def test_plain_http_is_accepted_only_for_this_computer(tmp_path):
    """The sandbox (ehwatch sandbox serve) listens on http://127.0.0.1: that stays possible."""
    path = tmp_path / "c.toml"
    path.write_text('[ehealth]\ncertra_url = "http://127.0.0.1:8086/CertRa/v2"\n'
                    'etkra_url = "http://localhost:8086/EtkRa/v2"\netkdepot_url = "https://services.ehealth.fgov.be/x"\n')
    cfg = config.load(path)
    assert cfg.ehealth.certra_url.startswith("http://127.0.0.1")


def test_cli_hostile_config_is_one_clear_line(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("keystore_dirs = " + "[" * 5000 + "]" * 5000 + "\n")
    proc = run_cli("--config", str(path), "--lang", "nl", "config", "show")
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr and "regel 1" in proc.stderr and "keystore_dirs" in proc.stderr


def test_a_very_long_dotted_key_is_refused_quickly(tmp_path):
    """Found by the fuzzer: 4000 dotted parts cost 0.6 s (the line finder, then tomllib itself)."""
    import time

    path = tmp_path / "c.toml"
    path.write_text("warn_days = 30\n" + ".".join(["mail"] * 4000) + " = 1\n")
    started = time.monotonic()
    with pytest.raises(config.ConfigError) as info:
        config.load(path)
    assert time.monotonic() - started < 0.2
    assert (info.value.line, info.value.problem) == (2, "too_deep")
    assert info.value.config_key.startswith("mail.mail")


# --- the settings window writes the user's file (issue 13) -------------------------------------------
def test_settings_are_written_keeping_comments_and_every_other_setting(tmp_path):
    from ehwatch import fileutil

    path = tmp_path / "config.toml"
    path.write_text('# the practice of Dr Dubois\nkeystore_dirs = ["~/ehealth/keystore"]  # the default\n'
                    'warn_days = 45\ncertificate_manager = "/opt/ehealth/manager"\n\n[mail]\n'
                    'host = "imap.old.be"   # Proximus\nport = 993\n\n[renewal]\nhooks = ["/usr/local/bin/reload"]\n',
                    encoding="utf-8")
    path.chmod(0o640)
    new = config.write_settings({"keystore_dirs": ["~/ehealth/keystore", "/srv/cabinet/keystores"],
                                     "language": "nl", "notify_days": [30, 7, 1], "mail.host": "imap.new.be",
                                     "mail.username": "dr.dubois", "renewal.email": "marie@dubois.be",
                                     "renewal.phone": "+32 4 336 23 33"}, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# the practice of Dr Dubois\n")
    assert 'host = "imap.new.be"   # Proximus' in text and "port = 993" in text
    assert 'hooks = ["/usr/local/bin/reload"]' in text and 'certificate_manager = "/opt/ehealth/manager"' in text
    assert new == config.load(path) and new.warn_days == 45 and new.language == "nl"
    assert new.keystore_dirs == ["~/ehealth/keystore", "/srv/cabinet/keystores"]
    assert (new.mail.host, new.mail.username, new.mail.port) == ("imap.new.be", "dr.dubois", 993)
    assert (new.renewal.email, new.renewal.phone) == ("marie@dubois.be", "+32 4 336 23 33")
    assert path.stat().st_mode & 0o777 == 0o640
    assert fileutil.leftover_temp_files(tmp_path) == []
    assert "password" not in text.lower()


def test_a_bad_setting_is_refused_and_the_file_left_as_it_was(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('language = "fr"\n', encoding="utf-8")
    for key, value, problem in (("language", "es", "choices"), ("notify_days", [30, 400], "max"),
                                ("notify_days", [30, -1], "min"), ("mail.host", "imap\nx", "str"),
                                ("keystore_dirs", ["  "], "list_str")):
        with pytest.raises(config.ConfigError) as caught:
            config.write_settings({key: value}, path)
        assert caught.value.problem == problem and caught.value.config_key == key
        assert path.read_text(encoding="utf-8") == 'language = "fr"\n'


def test_settings_in_a_file_the_line_editor_cannot_follow_are_still_written(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('mail = { host = "imap.old.be", port = 143, security = "starttls" }\n', encoding="utf-8")
    new = config.write_settings({"mail.username": "dr"}, path)
    assert (new.mail.host, new.mail.port, new.mail.security, new.mail.username) == \
        ("imap.old.be", 143, "starttls", "dr")
    assert config.load(path) == new


def test_settings_without_a_file_create_it(tmp_path):
    path = tmp_path / "sub" / "config.toml"
    new = config.write_settings({"language": "de", "mail.host": "imap.praxis.be"}, path)
    assert path.read_text(encoding="utf-8") == 'language = "de"\n\n[mail]\nhost = "imap.praxis.be"\n'
    assert new.language == "de" and config.load(path).mail.host == "imap.praxis.be"
