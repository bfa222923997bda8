"""Errors the user can act on.

Each carries a message key and parameters, never a finished sentence: the layer that shows it
(CLI, tray, notification) renders it in the user's language with ``ehwatch.i18n``.
"""
from __future__ import annotations


class EhwatchError(Exception):
    """Base of every error that reaches the user. ``key`` names a text in the catalogues."""

    exit_code = 3

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str | None = None) -> str:
        from ehwatch import i18n

        return i18n.t(self.key, lang, **self.params)

    def __str__(self) -> str:  # logs and tracebacks: the English text, which holds no secret
        try:
            return self.message("en")
        except Exception:
            return f"{self.key} {self.params!r}"
