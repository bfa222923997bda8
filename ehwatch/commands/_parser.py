"""The command line in the user's language: argparse's own words and every help text.

The language is decided before the parser is built (``cli.py``: ``--lang``, else the configuration's
``language``, else the locale), then ``install(language)`` makes the parser speak it:

- help texts, descriptions and epilogs are written in English in each command's ``register`` — they
  are the message ids, as with gettext — and translated when they are shown, by ``HelpFormatter``;
- argparse's own words ("usage:", "error:", "the following arguments are required", "invalid
  choice"…) come from ``gettext`` in the standard library, looked up by their English text in
  argparse's module namespace: ``install`` hands argparse a translation of those messages.

Both kinds are declared in ``ehwatch/texts.py`` (``cli.help.*``, ``cli.argparse.*``) and translated in
the gettext catalogues like every text; a text without a translation is shown in English. ``tests/test_cli_help.py`` walks the whole
parser and fails when a help text has no entry in every language. Only ``ehwatch.texts`` and the
language's compiled catalogue are read here: ``ehwatch --version`` and ``--help`` stay lean.
"""
from __future__ import annotations

import argparse

_language = "en"
_index: dict[str, tuple[str, str | tuple[str, str]]] | None = None
PREFIXES = ("cli.help.", "cli.argparse.")


def _known() -> dict[str, tuple[str, str | tuple[str, str]]]:
    """English text → (its key, its English source), for the help texts and argparse's messages."""
    global _index
    if _index is None:
        from ehwatch.texts import MESSAGES

        _index = {}
        for key, source in MESSAGES:
            if key.startswith(PREFIXES):
                _index[source[0] if isinstance(source, tuple) else source] = (key, source)
    return _index


def _in(language: str, key: str, source: str | tuple[str, str], count: int = 1) -> str:
    from ehwatch import i18n

    catalogue = i18n.translations(language)
    if isinstance(source, tuple):
        return catalogue.npgettext(key, source[0], source[1], count)
    return catalogue.pgettext(key, source)


def messages() -> dict[str, dict[str, str | tuple[str, str]]]:
    """English text → its text in every language (singular and plural for a plural one): the tests'."""
    from ehwatch import i18n

    return {english: {lang: (_in(lang, key, source, 1), _in(lang, key, source, 2)) if isinstance(source, tuple)
                      else _in(lang, key, source) for lang in i18n.LANGUAGES}
            for english, (key, source) in _known().items()}


def translate(text, language: str | None = None):
    """``text`` (English, as written in the code) in the language in force; unknown texts unchanged."""
    language = language or _language
    if not isinstance(text, str) or not text or language == "en" or text == argparse.SUPPRESS:
        return text
    found = _known().get(text)
    return _in(language, *found) if found else text


def translate_plural(singular: str, plural: str, count: int) -> str:
    found = _known().get(singular) if _language != "en" else None
    if found and isinstance(found[1], tuple):
        return _in(_language, *found, count=count)
    return singular if count == 1 else plural


def install(language: str) -> None:
    """From now on the parser speaks ``language`` (argparse's messages and every help text)."""
    global _language
    _language = language
    argparse._ = translate                 # argparse calls its module's ``_`` and ``ngettext`` at run time
    argparse.ngettext = translate_plural


class HelpFormatter(argparse.HelpFormatter):
    """Help texts, descriptions and section titles through ``translate``; room for the command names."""

    def __init__(self, prog, indent_increment=2, max_help_position=26, width=None):
        super().__init__(prog, indent_increment, max_help_position, width)

    def add_argument(self, action):
        super().add_argument(action)
        if isinstance(action, argparse._SubParsersAction) and action.help is not argparse.SUPPRESS:
            # argparse measures the command names 2 columns short of where it prints them: a long
            # name ("certificates") would push its help to the next line
            names = [len(self._format_action_invocation(a)) for a in action._get_subactions()]
            self._action_max_length = max(self._action_max_length, max(names, default=0) + self._current_indent + 4)

    def _get_help_string(self, action):
        return translate(action.help)

    def add_text(self, text):
        super().add_text(translate(text))

    def start_section(self, heading):
        # argparse adds the colon: French typography wants a non-breaking space before it
        super().start_section(translate(heading) + ("\u00a0" if _language == "fr" else ""))

    def _metavar_formatter(self, action, default_metavar):
        """COMMAND, FILE, DIR… in the user's language (KEYSTORE stays: the word is the same in each)."""
        if isinstance(action.metavar, str):
            translated = translate(action.metavar)
            return lambda size: (translated,) * size
        return super()._metavar_formatter(action, default_metavar)


    def _fill_text(self, text, width, indent):
        """Paragraphs (blank line between) wrapped to the terminal, each on its own; in a paragraph, a
        line that starts with two spaces starts an item of a list (the exit codes), wrapped under itself."""
        import textwrap

        blocks = []
        for paragraph in text.split("\n\n"):
            items: list[list[str]] = []
            for line in paragraph.splitlines():
                if line.startswith("  ") or not items:
                    items.append([line])
                else:
                    items[-1].append(line)
            lines = []
            for item in items:
                joined = " ".join(part.strip() for part in item)
                listed = item[0].startswith("  ")
                lines += textwrap.wrap(joined, width, initial_indent=indent + ("  " if listed else ""),
                                       subsequent_indent=indent + ("       " if listed else ""),
                                       break_on_hyphens=False) or [indent]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks)


RawDescriptionHelpFormatter = HelpFormatter   # epilogs keep their paragraphs and lists (see _fill_text)


class _SubParsers(argparse._SubParsersAction):
    """A command's one-line help is also the first line of its own ``--help`` (its description)."""

    def add_parser(self, name, **kwargs):
        if kwargs.get("help") and not kwargs.get("description"):
            kwargs["description"] = kwargs["help"]
        return super().add_parser(name, **kwargs)


class Parser(argparse.ArgumentParser):
    """ehwatch's parser and every sub-parser: the translating formatter, and sub-parsers described."""

    def __init__(self, *args, formatter_class=HelpFormatter, **kwargs):
        if formatter_class is argparse.RawDescriptionHelpFormatter:
            formatter_class = RawDescriptionHelpFormatter
        super().__init__(*args, formatter_class=formatter_class, **kwargs)
        self.register("action", "parsers", _SubParsers)

    def error(self, message):
        """argparse names an argument by its metavar in its errors ("required: ACTION"): translated too."""
        import re

        if _language != "en":
            for english in _metavars():
                message = re.sub(rf"\b{re.escape(english)}\b", translate(english), message)
        super().error(message)


def _metavars() -> list[str]:
    return [english for english in _known() if english.isupper() and english.isalpha()]


def walk(parser: argparse.ArgumentParser):
    """Every parser of the tree (the parser, its commands, their actions…), for the tests."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from walk(sub)
