"""Every user-facing text in French, Dutch and English.

Catalogues are plain dicts ``{key: {"fr": ..., "nl": ..., "en": ...}}`` kept next to the code they
belong to, in a ``texts.py`` module per package (``ehwatch/texts.py``, ``ehwatch/monitor/texts.py``…),
so that a concern owns its words. ``tests/test_i18n.py`` fails when a language or a placeholder is
missing. Texts use ``str.format`` placeholders: ``{days}``.
"""
from __future__ import annotations

import datetime as _dt
import importlib
import locale
import os
import sys
import threading

LANGUAGES = ("fr", "nl", "de", "en")
# Modules holding a TEXTS catalogue: each package's texts.py (a package without texts has none),
# plus the few modules that own their words separately.
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

_lock = threading.Lock()
_catalogue: dict[str, dict[str, str]] | None = None
_language: str | None = None


def catalogue() -> dict[str, dict[str, str]]:
    global _catalogue
    with _lock:
        if _catalogue is None:
            merged: dict[str, dict[str, str]] = {}
            for name in CATALOGUE_MODULES:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name and name.startswith(exc.name):
                        continue
                    raise
                for key, texts in module.TEXTS.items():
                    if key in merged:
                        raise RuntimeError(f"text key {key!r} defined twice ({name})")
                    merged[key] = texts
            _catalogue = merged
        return _catalogue


def language_from_locale() -> str:
    """fr / nl / en from LC_ALL, LC_MESSAGES, LANG (or the OS locale); English otherwise."""
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


def set_language(language: str) -> str:
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
    entry = catalogue().get(key)
    if entry is None:
        raise KeyError(f"no text {key!r}")
    template = entry.get(lang) or entry["en"]
    if isinstance(template, tuple):  # (singular, plural): chosen by the one integer parameter
        counts = [v for v in params.values() if isinstance(v, int) and not isinstance(v, bool)]
        template = template[0] if counts and abs(counts[0]) == 1 else template[1]
    return template.format(**{k: _localise(k, v, lang) for k, v in params.items()}) if params else template


def _localise(name: str, value, lang: str):
    """Dates become local dates; a parameter named ``*date`` may also arrive as an ISO string
    (when it was stored in the state store)."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return format_long_date(value, lang)
    if name.endswith("date") and isinstance(value, str):
        try:
            return format_long_date(_dt.date.fromisoformat(value[:10]), lang)
        except ValueError:
            return value
    return value


MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}


def format_date(value: _dt.date | _dt.datetime | None, lang: str | None = None) -> str:
    """A date as people write it locally: 21/06/2017 (fr), 21-06-2017 (nl), 21 Jun 2017 (en)."""
    if value is None:
        return "—"
    lang = lang or current_language()
    if isinstance(value, _dt.datetime):
        value = value.astimezone().date() if value.tzinfo else value.date()
    if lang == "fr":
        return value.strftime("%d/%m/%Y")
    if lang == "nl":
        return value.strftime("%d-%m-%Y")
    if lang == "de":
        return value.strftime("%d.%m.%Y")
    return f"{value.day} {MONTHS['en'][value.month - 1][:3]} {value.year}"


def format_datetime(value: _dt.datetime | None, lang: str | None = None) -> str:
    if value is None:
        return "—"
    local = value.astimezone() if value.tzinfo else value
    return f"{format_date(local, lang)} {local.strftime('%H:%M')}"


def format_long_date(value: _dt.date, lang: str | None = None) -> str:
    """21 juin 2017 / 21 juni 2017 / 21 June 2017, for sentences."""
    lang = lang or current_language()
    if isinstance(value, _dt.datetime):
        value = value.date()
    return f"{value.day} {MONTHS[lang][value.month - 1]} {value.year}"
