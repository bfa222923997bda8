"""Configuration errors and command-line output as Windows programs write them."""
from __future__ import annotations

import json
import locale
import os
from pathlib import Path

import pytest
from winhelpers import forget_all, run_ehwatch

HOLDER = "ELODIE \u0141UKASZEWSKA"  # eHealth writes DNs in capitals without accents: É → E, Ł stays


def _can_encode(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


def console_codepage_encoding() -> str:
    """What a Windows console program writes into a pipe: the console's output code page, or the ANSI
    code page when no console is attached."""
    import ctypes

    cp = ctypes.windll.kernel32.GetConsoleOutputCP()
    return f"cp{cp}" if cp else locale.getencoding()


def test_a_bad_configuration_names_file_line_and_key_in_three_languages(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('warn_days = 30\n[mail]\nhost = "imap.example.be"\nprot = 993\n', encoding="utf-8")
    for lang, word in (("fr", "ligne"), ("nl", "regel"), ("en", "line")):
        proc = run_ehwatch("--lang", lang, "--config", str(config), "status")
        assert proc.returncode not in (0, 1), proc
        text = proc.stderr.decode(console_codepage_encoding())
        assert str(config) in text and "mail.prot" in text and "4" in text, text
        assert word in text.lower(), text
        assert "Traceback" not in text
        assert len(text.strip().splitlines()) == 1, text


def test_a_configuration_with_a_windows_path_is_read(tmp_path, keystore_dir, manifest):
    """A doctor writes C:\\ paths in single quotes (TOML literal strings)."""
    from ehwatch import secrets

    folder = keystore_dir(manifest["keystores"]["legacy"])
    config = tmp_path / "config.toml"
    config.write_bytes(f"keystore_dirs = ['{folder}']\nlanguage = 'nl'\n"
                       .encode())
    files = list(folder.iterdir())
    try:
        for path in files:
            secrets.set_keystore_password(path, manifest["password"])
        proc = run_ehwatch("--config", str(config), "status", "--json")
        assert proc.returncode == 0, proc
        assert json.loads(proc.stdout)["keystores"][0]["status"] == "valid"
    finally:
        forget_all(files)


@pytest.fixture
def accented(keystore_dir, manifest):
    """A keystore of ÉLODIE ŁUKASZEWSKA with its password stored (the holder is in the encrypted part)."""
    from ehwatch import secrets

    folder = keystore_dir(manifest["accented"])
    files = list(folder.iterdir())
    for path in files:
        secrets.set_keystore_password(path, manifest["password"])
    yield folder
    forget_all(files)


def test_piped_text_is_in_the_console_code_page_and_never_crashes(accented):
    """`ehwatch status | findstr ...`: bytes in the console's code page, every letter it can write kept,
    the others replaced (no UnicodeEncodeError, no traceback)."""
    proc = run_ehwatch("--lang", "fr", "status", "--keystore-dir", str(accented))
    assert proc.returncode == 1, proc  # expiring in 20 days: a warning, not a crash
    assert b"Traceback" not in proc.stderr, proc.stderr
    print("console output code page:", console_codepage_encoding())
    text = proc.stdout.decode(console_codepage_encoding())
    assert "\u00c9tat" in text, text  # the column "État": É exists in every Western code page
    encoding = console_codepage_encoding()
    expected = HOLDER if _can_encode(HOLDER, encoding) else HOLDER.replace("\u0141", "?")
    assert expected in text, (encoding, text)  # Ł where the code page has it (cp1250), else "?"


def test_utf8_when_asked(accented):
    folder = accented
    for env in ({"PYTHONIOENCODING": "utf-8"}, {"PYTHONUTF8": "1"}):
        proc = run_ehwatch("--lang", "nl", "status", "--keystore-dir", str(folder), env=env)
        assert proc.returncode == 1 and b"Traceback" not in proc.stderr, proc
        text = proc.stdout.decode("utf-8")  # strict: really UTF-8
        assert HOLDER in text, text


def test_json_is_always_valid_whatever_the_pipe_encoding(accented):
    """--json: ASCII with \\u escapes unless UTF-8 was asked: valid in every code page, and read back
    exactly (Ł included) by any JSON reader."""
    folder = accented
    plain = run_ehwatch("status", "--json", "--keystore-dir", str(folder))
    assert plain.returncode == 1, plain
    plain.stdout.decode("ascii")  # strict
    data = json.loads(plain.stdout)
    assert data["keystores"][0]["holder"] == HOLDER
    utf8 = run_ehwatch("status", "--json", "--keystore-dir", str(folder), env={"PYTHONIOENCODING": "utf-8"})
    assert json.loads(utf8.stdout.decode("utf-8")) == data
    assert os.environ.get("PYTHONIOENCODING") is None and Path(folder).is_dir()
