"""Every user-facing text in French, Dutch, German and English, through gettext catalogues.

The English source of each text is declared next to the code it belongs to, in a ``texts.py``
module per package (``ehwatch/texts.py``, ``ehwatch/monitor/texts.py``…), as
``message("key", "English text")`` or ``plural("key", "{days} day", "{days} days")``. The key is the
gettext *context* (msgctxt) and the English text the *msgid*, so ``pybabel extract`` finds every text
(``make catalogues``) and translators work on ordinary ``.po`` files with any tool:
``ehwatch/locale/<fr|nl|de|en>/LC_MESSAGES/ehwatch.po``. ``tests/test_catalogues.py`` fails when a
text of the code is missing from a catalogue, is fuzzy or untranslated, or its placeholders differ.

Texts use ``str.format`` placeholders (``{days}``). A plural text is chosen with the language's own
plural rule (French says "0 jour", Dutch "0 dagen") by its one integer parameter. Dates and numbers
are written the Belgian way, as Babel writes them for ``fr_BE``, ``nl_BE``, ``de_BE``, ``en_GB``
("1er décembre 2026", "6,9"): CLDR's month names and marks are texts of the catalogues (``date.*``,
``number.*``), which ``tests/test_i18n.py`` holds equal to Babel's, so that the daemon says a date
without loading Babel's locale data (7 MB of memory).

Catalogues are compiled (``.mo``) at install (``make venv``, the Windows build); a source checkout or
a wheel built without them reads the ``.po`` files directly, which is slower but says the same.
"""
from __future__ import annotations

import datetime as _dt
import gettext
import importlib
import locale
import os
import string
import sys
import threading
from pathlib import Path

LANGUAGES = ("fr", "nl", "de", "en")
# The Babel locale of each language: the Belgian one where Belgium has its own conventions.
LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "de": "de_BE", "en": "en_GB"}
DOMAIN = "ehwatch"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# Modules declaring texts (their MESSAGES): each package's texts.py, plus the few modules that own
# their words separately. A package that is not installed (an optional extra) is skipped.
CATALOGUE_MODULES = (
    "ehwatch.texts",
    "ehwatch.monitor.texts",
    "ehwatch.mail.texts",
    "ehwatch.renewal.texts",
    "ehwatch.renewal.engine_texts",
    "ehwatch.sandbox.texts",
    "ehwatch.tray.texts",
    "ehwatch.desktop.texts",
    "ehwatch.actions.texts",
    "ehwatch.export.texts",
)

Source = str | tuple[str, str]  # the English text, or its (singular, plural) forms


def message(key: str, text: str) -> tuple[str, Source]:
    """Declares a text (an extraction keyword: ``message:1c,2``)."""
    return key, text


def plural(key: str, singular: str, plural_form: str) -> tuple[str, Source]:
    """Declares a text with singular and plural forms (``plural:1c,2,3``)."""
    return key, (singular, plural_form)


_lock = threading.Lock()
_sources: dict[str, Source] | None = None
_translations: dict[str, gettext.NullTranslations] = {}
_language: str | None = None


def sources() -> dict[str, Source]:
    """Every declared text, key → English source."""
    global _sources
    with _lock:
        if _sources is None:
            merged: dict[str, Source] = {}
            for name in CATALOGUE_MODULES:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name and name.startswith(exc.name):
                        continue
                    raise
                for key, text in module.MESSAGES:
                    if key in merged:
                        raise RuntimeError(f"text key {key!r} declared twice ({name})")
                    merged[key] = text
            _sources = merged
        return _sources


class _PoTranslations(gettext.NullTranslations):
    """A ``.po`` file read with Babel, for a checkout whose catalogues were not compiled."""

    def __init__(self, po_path: Path, language: str) -> None:
        super().__init__()
        from babel.messages.pofile import read_po

        with open(po_path, "rb") as handle:
            catalog = read_po(handle, locale=LOCALES[language], domain=DOMAIN)
        self._plural = gettext.c2py(catalog.plural_expr)
        self._entries: dict[tuple[str | None, str], str | tuple[str, ...]] = {}
        for entry in catalog:
            if not entry.id or entry.fuzzy:
                continue
            msgid = entry.id[0] if isinstance(entry.id, tuple) else entry.id
            self._entries[(entry.context, msgid)] = entry.string

    def pgettext(self, context, message):
        found = self._entries.get((context, message))
        return found if isinstance(found, str) and found else message

    def npgettext(self, context, msgid1, msgid2, n):
        found = self._entries.get((context, msgid1))
        if isinstance(found, tuple) and all(found):
            return found[min(self._plural(n), len(found) - 1)]
        return msgid1 if n == 1 else msgid2


def translations(language: str) -> gettext.NullTranslations:
    """The catalogue of ``language``: the compiled ``.mo`` when it is at least as new as its ``.po``."""
    with _lock:
        found = _translations.get(language)
        if found is None:
            folder = LOCALE_DIR / language / "LC_MESSAGES"
            mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
            if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
                with open(mo, "rb") as handle:
                    found = gettext.GNUTranslations(handle)
            elif po.exists():
                found = _PoTranslations(po, language)
            else:
                found = gettext.NullTranslations()
            _translations[language] = found
        return found


def language_from_locale() -> str:
    """fr / nl / de / en from LC_ALL, LC_MESSAGES, LANG (or the OS locale); English otherwise."""
    candidates = [os.environ.get(v, "") for v in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")]
    if sys.platform == "win32":  # Windows sets no LANG; getlocale() says "Dutch_Belgium" there (not "nl")
        try:
            import ctypes

            candidates.append(locale.windows_locale.get(ctypes.windll.kernel32.GetUserDefaultUILanguage(), ""))
        except (AttributeError, OSError):
            pass
    try:
        candidates.append(locale.getlocale()[0] or "")
    except ValueError:
        pass
    for value in candidates:
        code = value.split(":")[0].lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"


def set_language(language: str | None) -> str:
    """``auto`` resolves from the locale. Returns the language in force."""
    global _language
    _language = language_from_locale() if language in ("auto", "", None) else language
    if _language not in LANGUAGES:
        _language = "en"
    return _language


def current_language() -> str:
    return _language or set_language("auto")


def t(key: str, lang: str | None = None, **params) -> str:
    """The text ``key`` in ``lang`` (default: the language in force), with its placeholders filled."""
    lang = lang or current_language()
    source = sources().get(key)
    if source is None:
        raise KeyError(f"no text {key!r}")
    catalogue = translations(lang if lang in LANGUAGES else "en")
    if isinstance(source, tuple):
        counts = [v for v in params.values() if isinstance(v, int) and not isinstance(v, bool)]
        template = catalogue.npgettext(key, source[0], source[1], counts[0] if counts else 2)
    else:
        template = catalogue.pgettext(key, source)
    if not params:
        return template
    return template.format(**{k: _localise(k, v, lang) for k, v in params.items()})


def fields(template: str) -> set[str]:
    """The placeholders of a text (``{days}`` → ``days``)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _localise(name: str, value, lang: str):
    """Dates become local dates (a parameter named ``*date`` may also arrive as an ISO string, when it
    was stored in the state store); decimals get the local separator."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return format_long_date(value, lang)
    if name.endswith("date") and isinstance(value, str):
        try:
            return format_long_date(_dt.date.fromisoformat(value[:10]), lang)
        except ValueError:
            return value
    if isinstance(value, float):  # durations, sizes: one decimal is what a reader takes in ("6,9 s")
        return format_number(round(value, 1), lang)
    return value


def _as_date(value: _dt.date | _dt.datetime) -> _dt.date:
    """The day a moment falls on in Brussels (ehwatch's days are Brussels calendar days, whatever the
    computer's zone: monitor/status.py)."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            return value.date()
        from ehwatch.monitor.status import brussels_date

        return brussels_date(value)
    return value


# Numeric dates as people write them in each language: 21/06/2017, 21-06-2017, 21.06.2017; English
# (en_GB) names the month to stay unambiguous: 21 Jun 2017. No locale data is needed for these, so the
# status table does not load Babel's (6 MB); sentences use format_long_date.
SHORT_DATE = {"fr": "%d/%m/%Y", "nl": "%d-%m-%Y", "de": "%d.%m.%Y"}
_SHORT_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(value: _dt.date | _dt.datetime | None, lang: str | None = None) -> str:
    """A date for tables: 21/06/2017 (fr), 21-06-2017 (nl), 21.06.2017 (de), 21 Jun 2017 (en)."""
    if value is None:
        return "—"
    lang = lang or current_language()
    day = _as_date(value)
    if lang in SHORT_DATE:
        return day.strftime(SHORT_DATE[lang])
    return f"{day.day} {_SHORT_MONTHS_EN[day.month - 1]} {day.year}"


def format_datetime(value: _dt.datetime | None, lang: str | None = None) -> str:
    if value is None:
        return "—"
    local = value.astimezone() if value.tzinfo else value
    return f"{format_date(local, lang)} {local.strftime('%H:%M')}"


def format_long_date(value: _dt.date | _dt.datetime, lang: str | None = None) -> str:
    """For sentences: 1er décembre 2026 / 1 december 2026 / 1. Dezember 2026 / 1 December 2026 (CLDR's
    long date, as Babel writes it: the words come from the catalogues, ``date.*``)."""
    lang = lang or current_language()
    day = _as_date(value)
    return t("date.long", lang, day=t("date.first_day", lang) if day.day == 1 else str(day.day),
             month=t(f"date.month.{day.month}", lang), year=str(day.year))


def format_number(value: float | int, lang: str | None = None) -> str:
    """6,9 (fr, nl, de) / 6.9 (en), thousands grouped the local way; up to three decimals, as Babel's
    ``format_decimal`` (CLDR's marks come from the catalogues, ``number.*``)."""
    lang = lang or current_language()
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.3f}".rstrip("0").rstrip(".")
    marks = {",": t("number.group", lang), ".": t("number.decimal", lang)}
    return "".join(marks.get(char, char) for char in text)
