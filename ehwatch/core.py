"""The core: the one object that owns configuration, state store and language.

The CLI and the daemon both build a ``Core`` and call the same functions with it, so that
``ehwatch status`` and the tray can never disagree. Concern-specific work lives in the concern's
package (``monitor``, ``mail``, ``renewal``) as functions that take the core.
"""
from __future__ import annotations

import threading
from pathlib import Path

from ehwatch import config as config_mod
from ehwatch import i18n
from ehwatch.store import Store


class Core:
    def __init__(self, config: config_mod.Config, store_path: Path | None = None,
                 keystore_dirs: list[Path] | None = None):
        self.config = config
        self._store_path = store_path
        self._store: Store | None = None
        self._store_lock = threading.Lock()
        self._keystore_dirs = keystore_dirs
        self.language = i18n.set_language(config.language)

    @classmethod
    def load(cls, config_path: Path | None = None, keystore_dirs: list[Path] | None = None,
             language: str | None = None) -> Core:
        config = config_mod.load(config_path)
        if language:
            config.language = language
        return cls(config, keystore_dirs=keystore_dirs)

    @property
    def store(self) -> Store:
        """Opened on first use: commands that need no state (``mail parse``) never touch the disk."""
        with self._store_lock:
            if self._store is None:
                self._store = Store(self._store_path)
            return self._store

    def keystore_dirs(self) -> list[Path]:
        """``--keystore-dir`` options when given, else the configured folders, else the default one."""
        return list(self._keystore_dirs) if self._keystore_dirs else self.config.keystore_paths()

    def t(self, key: str, **params) -> str:
        return i18n.t(key, self.language, **params)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
