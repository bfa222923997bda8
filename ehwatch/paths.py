"""Where ehwatch keeps its files: one place, so tests can move everything with one variable.

Per-user folders come from platformdirs (XDG on Linux, AppData on Windows, Library on macOS).
``EHWATCH_HOME`` overrides all of them at once (tests, portable installs); ``EHWATCH_CONFIG``
points at another configuration file.
"""
from __future__ import annotations

import os
import warnings
from pathlib import Path

import platformdirs

APP = "ehwatch"


def _home_override() -> Path | None:
    value = os.environ.get("EHWATCH_HOME")
    return Path(value) if value else None


def config_file() -> Path:
    explicit = os.environ.get("EHWATCH_CONFIG")
    if explicit:
        return Path(explicit)
    home = _home_override()
    base = home / "config" if home else Path(platformdirs.user_config_dir(APP, appauthor=False))
    return base / "config.toml"


def data_dir() -> Path:
    home = _home_override()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP, appauthor=False))


def log_dir() -> Path:
    home = _home_override()
    return home / "log" if home else Path(platformdirs.user_log_dir(APP, appauthor=False))


def runtime_dir() -> Path:
    """Short-lived files (the single-instance socket); private to the user."""
    home = _home_override()
    if home:
        return home / "run"
    try:
        with warnings.catch_warnings():   # no XDG_RUNTIME_DIR (a bare session): platformdirs' fallback is
            warnings.simplefilter("ignore")   # fine, and its warning means nothing to a doctor
            return Path(platformdirs.user_runtime_dir(APP, appauthor=False))
    except Exception:  # platforms without a runtime dir
        return data_dir() / "run"


def state_db() -> Path:
    return data_dir() / "state.sqlite3"


def ensure_private_dir(path: Path) -> Path:
    """Create a folder readable by the user only (it may hold facts about their certificates)."""
    path.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(path, 0o700)
    except OSError:
        pass
    return path


def user_home() -> Path:
    return Path(os.environ.get("EHWATCH_USER_HOME") or Path.home())


def default_keystore_dirs() -> list[Path]:
    """``<home>/ehealth/keystore``, each name matched case-insensitively (``eHealth/Keystore`` too)."""
    found: list[Path] = []
    home = user_home()
    try:
        level1 = [p for p in home.iterdir() if p.name.lower() == "ehealth" and p.is_dir()]
    except OSError:
        level1 = []
    for eh in sorted(level1):
        try:
            found += sorted(p for p in eh.iterdir() if p.name.lower() == "keystore" and p.is_dir())
        except OSError:
            continue
    return found or [home / "ehealth" / "keystore"]
