"""Choosing the language, and the texts the code asks for (the catalogues: test_catalogues.py)."""

import pytest

from ehwatch import i18n


def test_language_from_locale(monkeypatch):
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    assert i18n.set_language("auto") == "nl"
    monkeypatch.setenv("LC_ALL", "fr_BE.UTF-8")
    assert i18n.set_language("auto") == "fr"
    assert i18n.set_language("en") == "en"


def test_dates_in_local_format():
    import datetime as dt

    d = dt.date(2017, 6, 21)
    assert i18n.format_date(d, "fr") == "21/06/2017"
    assert i18n.format_date(d, "nl") == "21-06-2017"
    assert i18n.format_date(d, "de") == "21.06.2017"
    assert i18n.format_long_date(d, "fr") == "21 juin 2017"


def test_every_key_used_in_code_has_a_text():
    """Keys passed literally to t(...) or to an error class exist in the catalogue."""
    import re
    from pathlib import Path

    pattern = re.compile(r'(?:\bt|Error|_error|_text|\bmsg)\(\s*"([a-z0-9_]+(?:\.[a-z0-9_]+)+)"')
    known = i18n.sources()
    unknown = []
    for path in (Path(__file__).resolve().parent.parent / "ehwatch").rglob("*.py"):
        for key in pattern.findall(path.read_text(encoding="utf-8")):
            if key not in known and not key.endswith("."):
                unknown.append((path.name, key))
    assert unknown == []


def test_date_parameters_are_localised():
    import datetime as dt

    assert "21 juin 2017" in i18n.t("renewal.window_not_open", "fr", date=dt.date(2017, 6, 21))
    assert "21 juni 2017" in i18n.t("renewal.window_not_open", "nl", date="2017-06-21")


def test_a_moment_is_dated_in_brussels():
    """23:30 UTC on 31 December is already 1 January in Brussels: that is the date the user reads."""
    import datetime as dt

    moment = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)
    assert i18n.format_long_date(moment, "fr") == "1er janvier 2027"
    assert i18n.format_date(moment, "nl") == "01-01-2027"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_dates_and_numbers_are_written_as_babel_writes_them(lang):
    """The catalogues' CLDR words (date.*, number.*) give exactly Babel's long date and decimal, every day
    of two years, with French's "1er" for the first of the month."""
    import datetime as dt

    from babel.dates import format_date
    from babel.numbers import format_decimal

    locale = i18n.LOCALES[lang]
    day = dt.date(2026, 1, 1)
    while day.year < 2028:
        expected = format_date(day, "long", locale=locale)
        if lang == "fr" and day.day == 1:
            expected = "1er" + expected[1:]
        assert i18n.format_long_date(day, lang) == expected
        day += dt.timedelta(days=1)
    for value in (0, 7, 1234, 1234567, 0.5, 6.9, 6.922, 12.0, 1234.5, 1234567.25):
        assert i18n.format_number(value, lang) == format_decimal(value, locale=locale), value


def test_saying_a_date_loads_no_locale_data():
    """The daemon says dates all day: Babel's locale data (7 MB) stays out of its memory."""
    import subprocess
    import sys

    probe = ("import sys, datetime; from ehwatch import i18n; "
             "i18n.format_long_date(datetime.date(2026, 12, 1), 'fr'); i18n.format_number(6.9, 'de'); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]"


def test_decimals_in_sentences_are_local_and_short():
    """"Fertig in 6,9 s": a float parameter gets the local decimal mark and one decimal."""
    key, source = next((k, v) for k, v in i18n.sources().items() if isinstance(v, str) and "{seconds}" in v)
    params = {name: "x" for name in i18n.fields(source)} | {"seconds": 6.922}
    assert "6,9" in i18n.t(key, "de", **params) and "6,92" not in i18n.t(key, "de", **params)
    assert "6.9" in i18n.t(key, "en", **params)


def test_every_declared_text_is_used():
    """A text no code asks for is a translator's wasted work: each key appears in the code, literally or
    through its prefix (``f"monitor.status.{status}"``)."""
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "ehwatch"
    code = "".join(p.read_text(encoding="utf-8") for p in package.rglob("*.py") if not p.name.endswith("texts.py"))

    def used(key):
        parts = key.split(".")
        prefixes = [".".join(parts[:i]) + "." for i in range(1, len(parts))] + [key.rsplit("_", 1)[0] + "_"]
        candidates = [f'"{key}"', f"'{key}'", f'"{parts[-1]}"']            # literal, or prefix + "suffix"
        candidates += [f'"{prefix}{{' for prefix in prefixes] + [f'"{prefix}" +' for prefix in prefixes]
        return any(c in code for c in candidates)

    # the command line's texts are found by their English (commands/_parser.py; tests/test_cli_help.py)
    unused = [key for key in i18n.sources() if not key.startswith(("cli.help.", "cli.argparse.")) and not used(key)]
    assert unused == []
