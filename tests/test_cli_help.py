"""``--help``, argparse's errors and every command's help in the user's language (issue 13, point 4):
the language decided before the parser exists (--lang, else the configuration, else the locale), every
help text of the whole parser translated in every language, commands in the order a user needs them."""
from __future__ import annotations

import argparse
import re

import pytest

from ehwatch import i18n
from ehwatch.cli import build_parser
from ehwatch.commands import _parser
from tests.support.tools import run_cli

EVERYDAY = ["status", "renew", "complete", "renewals", "request", "revoke", "password", "run", "autostart", "doctor"]


def texts_of(parser):
    """Every help text, description, epilog and metavar of the parser tree, as written in the code."""
    found = []
    for each in _parser.walk(parser):
        found += [each.description, each.epilog]
        for action in each._actions:
            found.append(action.help)
            if isinstance(action.metavar, str):
                found.append(action.metavar)
            if isinstance(action, argparse._SubParsersAction):
                found += [choice.help for choice in action._get_subactions()]
    return {t for t in found if isinstance(t, str) and t and t != argparse.SUPPRESS}


def test_every_help_text_has_all_four_languages():
    parser = build_parser("en")
    known = _parser.messages()
    # metavars other than the translated ones (KEYSTORE, TYPE=ID…) are the same in every language
    missing = sorted(t for t in texts_of(parser) if t not in known and not t.isupper())
    assert missing == []
    for text in texts_of(parser) & set(known):
        entry = known[text]
        assert all(entry.get(lang) for lang in i18n.LANGUAGES), text


def test_argparse_placeholders_survive_translation():
    """argparse fills its messages with %-placeholders: each translation keeps exactly the same ones."""
    pattern = re.compile(r"%(?:\([a-z_]+\))?[rsd]")
    for english, entry in _parser.messages().items():
        for lang in i18n.LANGUAGES:
            forms = entry[lang] if isinstance(entry[lang], tuple) else (entry[lang],)
            for form in forms:
                assert sorted(pattern.findall(form)) == sorted(pattern.findall(english)), (lang, english)


def test_commands_are_listed_everyday_first_one_line_each():
    for lang in ("fr", "nl", "de", "en"):
        proc = run_cli("--help", env={"LANG": f"{lang}_BE.UTF-8", "LC_ALL": "", "COLUMNS": "80"})
        assert proc.returncode == 0, proc.stderr
        lines = proc.stdout.splitlines()
        listed = [line.split()[0] for line in lines if re.match(r"^    [a-z]+ +\S", line)]
        assert listed[:len(EVERYDAY)] == EVERYDAY and listed[-1] == "sandbox"
        assert len(listed) == len(build_parser("en")._subparsers._group_actions[0].choices)
        for name in listed:     # one line each, on an 80-column terminal
            (line,) = [line for line in lines if line.startswith(f"    {name} ")]
            assert len(line) <= 80 and len(line.split(maxsplit=1)) == 2, line


@pytest.mark.parametrize("lang, usage, error, required, choice", [
    ("fr", "utilisation\u00a0:", "erreur\u00a0:", "ces arguments sont obligatoires", "choix non valable"),
    ("nl", "gebruik:", "fout:", "deze argumenten zijn verplicht", "ongeldige keuze"),
    ("de", "Aufruf:", "Fehler:", "diese Argumente sind erforderlich", "ungültige Auswahl"),
    ("en", "usage:", "error:", "the following arguments are required", "invalid choice"),
])
def test_argparse_speaks_the_locale(lang, usage, error, required, choice):
    env = {"LANG": f"{lang}_BE.UTF-8", "LC_ALL": ""}
    missing = run_cli("revoke", "x.p12", env=env)
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.startswith(usage) and error in missing.stderr and required in missing.stderr
    wrong = run_cli("statuss", env=env)
    assert wrong.returncode == 2 and choice in wrong.stderr and "'status'" in wrong.stderr


def test_lang_option_wins_over_config_which_wins_over_locale(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('language = "nl"\n')
    env = {"LANG": "fr_BE.UTF-8", "LC_ALL": ""}
    assert "toont" in run_cli("--config", str(config), "renew", "--help", env=env).stdout.split("\n\n")[-1]
    assert "Ohne KEYSTORE" in run_cli("--config", str(config), "--lang", "de", "renew", "--help", env=env).stdout
    assert "Sans KEYSTORE" in run_cli("--config=" + str(tmp_path / "none.toml"), "renew", "--help", env=env).stdout


def test_a_broken_configuration_does_not_break_help_but_is_reported_by_a_command(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("language = [\n")
    env = {"LANG": "nl_BE.UTF-8", "LC_ALL": ""}
    assert run_cli("--config", str(config), "--help", env=env).returncode == 0
    proc = run_cli("--config", str(config), "status", env=env)
    assert proc.returncode == 3 and str(config) in proc.stderr


def test_subcommand_help_in_french_has_its_description_and_translated_options():
    proc = run_cli("--lang", "fr", "doctor", "--help")
    assert proc.returncode == 0
    assert "Code de sortie 2" in proc.stdout and "afficher cette aide et quitter" in proc.stdout
    assert "options\u00a0:" in proc.stdout


def test_every_help_fits_an_80_column_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    for lang in i18n.LANGUAGES:
        for each in _parser.walk(build_parser(lang)):
            too_long = [line for line in each.format_help().splitlines() if len(line) > 80]
            assert too_long == [], (lang, each.prog)
    _parser.install("en")


def test_a_missing_action_is_named_in_the_users_language():
    proc = run_cli("--lang", "nl", "autostart")
    assert proc.returncode == 2 and proc.stderr.rstrip().endswith("deze argumenten zijn verplicht: ACTIE")
    assert "obligatoires\u00a0: ACTION" in run_cli("--lang", "fr", "autostart").stderr   # French: ACTION too
