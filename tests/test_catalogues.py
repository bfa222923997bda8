"""The gettext catalogues: ``pybabel extract`` over the code, then every .po checked against it.

A text added or changed in a texts module and not translated in fr, nl, de and en fails here, with
the key and the language; so does a placeholder a translation lost or invented, a fuzzy entry left
by ``make catalogues`` after the English changed, a French colon without its non-breaking space.
GNU ``msgfmt --check`` (the compiler every translation tool uses) must accept each catalogue.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from ehwatch import i18n

ROOT = Path(__file__).resolve().parent.parent
PYBABEL = Path(sys.executable).with_name("pybabel")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The template as ``make catalogues`` extracts it, from the code as it is now."""
    pot = tmp_path_factory.mktemp("pot") / "ehwatch.pot"
    subprocess.run([str(PYBABEL), "--quiet", "extract", "-F", "babel.cfg", "--no-default-keywords",
                    "-k", "message:1c,2", "-k", "plural:1c,2,3", "-o", str(pot), "."],
                   cwd=ROOT, check=True, timeout=120)
    with open(pot, "rb") as handle:
        return {(m.context, _first(m.id)): m for m in read_po(handle) if m.id}


def _first(msgid):
    return msgid[0] if isinstance(msgid, tuple) else msgid


def _catalogue(lang):
    with open(ROOT / "ehwatch" / "locale" / lang / "LC_MESSAGES" / "ehwatch.po", "rb") as handle:
        return read_po(handle, locale=i18n.LOCALES[lang])


def _forms(value):
    return list(value) if isinstance(value, tuple) else [value]


def test_extraction_finds_every_declared_text(template):
    """pybabel's extraction and the runtime's registry see the same texts (nothing declared out of reach)."""
    assert {key for key, _ in template} == set(i18n.sources())


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_catalogue_translates_every_text_of_the_code(template, lang):
    catalogue = _catalogue(lang)
    entries = {(m.context, _first(m.id)): m for m in catalogue if m.id}
    problems = []
    for ident, source in template.items():
        entry = entries.get(ident)
        if entry is None:
            known = [m for m in catalogue if m.context == ident[0]]
            problems.append(f"{ident[0]}: {'English changed, translate again' if known else 'missing'}")
        elif entry.fuzzy:
            problems.append(f"{ident[0]}: fuzzy (the English changed: check and clear the flag)")
        elif not all(_forms(entry.string)):
            problems.append(f"{ident[0]}: not translated")
        elif _forms(entry.id) != _forms(source.id):
            problems.append(f"{ident[0]}: plural form differs from the code")
    problems += [f"{m.context}: no longer in the code (run make catalogues)" for m in catalogue
                 if m.id and (m.context, _first(m.id)) not in template]
    assert problems == [], f"{lang}: " + "\n".join(problems)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_placeholders_match_the_english(lang):
    wrong = []
    for entry in _catalogue(lang):
        if not entry.id or not all(_forms(entry.string)):
            continue
        expected = set().union(*(i18n.fields(f) for f in _forms(entry.id)))
        found = [i18n.fields(form) for form in _forms(entry.string)]
        # every plural form may say the number in words ("un jour") but never invents a placeholder
        if set().union(*found) != expected and not (len(found) > 1 and set().union(*found[1:]) == expected):
            wrong.append(f"{entry.context}: {sorted(set().union(*found))} instead of {sorted(expected)}")
        elif any(form - expected for form in found):
            wrong.append(f"{entry.context}: unknown placeholder")
    assert wrong == []


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_gnu_msgfmt_accepts_the_catalogue(lang, tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.fail("GNU gettext's msgfmt is missing (Debian package gettext)")
    po = ROOT / "ehwatch" / "locale" / lang / "LC_MESSAGES" / "ehwatch.po"
    result = subprocess.run([msgfmt, "--check", "-o", str(tmp_path / "ehwatch.mo"), str(po)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


# French typography: a non-breaking space (U+00A0 or the narrow U+202F) before : ; ! ? and inside « ».
_FRENCH_TIGHT = re.compile(r"(?<=[\w)\]}»\"'.…])[:;!?](?=\s|$)")
_FRENCH_LOOSE = re.compile(r" [:;!?](?=\s|$)|« | »")


def test_french_typography():
    wrong = []
    for entry in _catalogue("fr"):
        for form in _forms(entry.string) if entry.id else []:
            if _FRENCH_TIGHT.search(form) or _FRENCH_LOOSE.search(form):
                wrong.append(f"{entry.context}: {form!r}")
    assert wrong == []


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_no_bracketed_plurals(lang):
    """"jour(s)", "dag(en)": a plural text has its own forms instead."""
    pattern = re.compile(r"\w\((?:s|en|n|e|es|a)\)")
    wrong = [entry.context for entry in _catalogue(lang) if entry.id
             for form in _forms(entry.string) if pattern.search(form)]
    assert wrong == []


# docs/glossary.md: words a translation must not use (the glossary's word is in the comment).
AVOIDED = {
    "nl": r"\bverv(?:al|allen|alt|iel|aldat\w*)\b"   # verlopen, verloopdatum
          r"|vervolledig"                             # voltooien
          r"|\bzandbak"                               # sandbox
          r"|\bgekend\b",                             # bekend
    "fr": r"\bcompl[ée]t(?:er|ez)\b"                   # finaliser (la demande, le renouvellement)
          r"|\b(?:le|la|les|l'|il|ne) compl[èe]te\b|\bcompl[èe]te (?:ce|le|la|les|vos|votre)\b"
          r"|Gestionnaire de certificats"             # l'eHealth Certificate Manager
          r"|Certificate Manager (?:d')?eHealth",
    "de": r"\bKennwort|(?<![-/])\b(?:du|dich|dir|dein\w*)\b",  # Passwort; Sie (--keystore-dir stays)
    "en": r"password safe",                          # keyring
}


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_glossary_words(lang):
    """One word per concept: the words the glossary replaced do not come back."""
    wrong = [f"{entry.context}: {form!r}" for entry in _catalogue(lang) if entry.id
             for form in _forms(entry.string) if re.search(AVOIDED[lang], form)]
    assert wrong == []


def test_plural_forms_follow_each_language():
    """French uses the singular for 0 and 1; Dutch, German and English only for 1."""
    plurals = [(key, source) for key, source in i18n.sources().items()
               if isinstance(source, tuple) and len(i18n.fields(source[1])) == 1]
    assert plurals, "no plural text declared"
    for key, source in plurals:
        (field,) = i18n.fields(source[1])

        def form(lang, n, key=key, field=field):
            return i18n.t(key, lang, **{field: n}).replace(str(n), "#", 1)

        assert form("fr", 0) == form("fr", 1) != form("fr", 2), key
        assert form("nl", 0) == form("nl", 2) != form("nl", 1), key
        assert form("de", 0) == form("de", 2), key  # "1 Byte, 2 Byte": German may not differ
        assert form("en", 0) == form("en", 2) != form("en", 1), key


def test_compiled_and_source_catalogues_agree(tmp_path):
    """The .mo the installation compiles says exactly what the .po says (both readers of i18n)."""
    import gettext

    from babel.messages.mofile import write_mo

    for lang in i18n.LANGUAGES:
        catalogue = _catalogue(lang)
        mo = tmp_path / f"{lang}.mo"
        with open(mo, "wb") as handle:
            write_mo(handle, catalogue)
        with open(mo, "rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        source = i18n._PoTranslations(ROOT / "ehwatch" / "locale" / lang / "LC_MESSAGES" / "ehwatch.po", lang)
        for key, text in list(i18n.sources().items())[:: 7]:
            if isinstance(text, tuple):
                for n in (0, 1, 2, 5):
                    assert compiled.npgettext(key, *text, n) == source.npgettext(key, *text, n)
            else:
                assert compiled.pgettext(key, text) == source.pgettext(key, text)


def test_long_dates_the_belgian_way():
    import datetime as dt

    first = dt.date(2026, 12, 1)
    assert i18n.format_long_date(first, "fr") == "1er décembre 2026"
    assert i18n.format_long_date(dt.date(2026, 12, 22), "fr") == "22 décembre 2026"
    assert i18n.format_long_date(first, "nl") == "1 december 2026"
    assert i18n.format_long_date(first, "de") == "1. Dezember 2026"
    assert i18n.format_long_date(first, "en") == "1 December 2026"
    assert i18n.format_date(first, "de") == "01.12.2026"
    assert i18n.format_number(6.9, "fr") == "6,9"
    assert i18n.format_number(6.9, "en") == "6.9"
