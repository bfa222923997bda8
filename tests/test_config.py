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
    ('language = "de"\n', 1, "language", "choices"),
    ('[mail]\nhost = "x"\nprot = 993\n', 3, "mail.prot", "unknown_key"),
    ('keystore_dirs = "/a"\n', 1, "keystore_dirs", "list"),
    ('mail = 3\n', 1, "mail", "table"),
    ('warn_days = 30\nwarn_days = [\n', 2, None, "syntax"),
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
