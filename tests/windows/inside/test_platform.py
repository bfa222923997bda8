"""Where ehwatch runs and keeps its files on Windows."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs


def test_the_installed_ehwatch_runs_in_a_windows_python():
    import ehwatch

    assert sys.platform == "win32" and os.name == "nt"
    assert "site-packages" in Path(ehwatch.__file__).parts, ehwatch.__file__


def test_files_live_under_the_users_appdata_folders(monkeypatch):
    """Without EHWATCH_HOME: configuration and state in %LOCALAPPDATA%\\ehwatch (platformdirs, not roaming),
    the log beside them, the single-instance files in the user's temp folder; nothing in the program folder."""
    from ehwatch import paths

    monkeypatch.delenv("EHWATCH_HOME", raising=False)
    local = Path(os.environ["LOCALAPPDATA"]).resolve()
    roaming = Path(os.environ["APPDATA"]).resolve()
    profile = Path(os.environ["USERPROFILE"]).resolve()
    assert local != roaming and local.is_relative_to(profile) and roaming.is_relative_to(profile)
    assert Path(platformdirs.user_data_dir("ehwatch", appauthor=False)).resolve() == local / "ehwatch"
    assert paths.config_file().resolve() == local / "ehwatch" / "config.toml"
    assert paths.state_db().resolve() == local / "ehwatch" / "state.sqlite3"
    assert paths.log_dir().resolve().is_relative_to(local / "ehwatch")
    assert paths.runtime_dir().resolve().is_relative_to(local)
    assert not paths.config_file().resolve().is_relative_to(Path(sys.prefix).resolve())


def test_ehwatch_home_moves_everything(isolated_home):
    from ehwatch import paths

    home = Path(os.environ["EHWATCH_HOME"])
    for path in (paths.config_file(), paths.state_db(), paths.log_dir(), paths.runtime_dir()):
        assert path.is_relative_to(home), path


def test_the_default_keystore_folder_is_in_the_user_profile(monkeypatch, tmp_path):
    """eHealth's tools use C:\\Users\\<user>\\ehealth\\keystore; any letter case is found."""
    from ehwatch import paths

    monkeypatch.delenv("EHWATCH_USER_HOME", raising=False)
    assert Path.home().resolve() == Path(os.environ["USERPROFILE"]).resolve()
    assert paths.default_keystore_dirs()[0].resolve().parent.parent == Path(os.environ["USERPROFILE"]).resolve() \
        or paths.default_keystore_dirs()[0].name.lower() == "keystore"
    monkeypatch.setenv("EHWATCH_USER_HOME", str(tmp_path))
    (tmp_path / "eHealth" / "Keystore").mkdir(parents=True)
    assert paths.default_keystore_dirs() == [tmp_path / "eHealth" / "Keystore"]


def test_the_language_comes_from_the_windows_display_language(monkeypatch):
    """Windows has no LANG: a Dutch Windows must give Dutch (getlocale() there says "Dutch_Belgium")."""
    import ctypes
    import locale

    from ehwatch import i18n

    for name in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    ui = locale.windows_locale.get(ctypes.windll.kernel32.GetUserDefaultUILanguage(), "")
    expected = ui[:2] if ui[:2] in ("fr", "nl") else "en"
    print("Windows display language:", ui, "getlocale:", locale.getlocale())
    assert i18n.language_from_locale() == expected
    assert os.environ.get("EHWATCH_EXPECT_LANGUAGE", expected) == expected


def test_brussels_days_come_from_the_tzdata_package():
    """Windows has no zone database: Europe/Brussels comes from the tzdata package (a dependency on
    Windows), so days are counted in Brussels calendar days here too, across midnight and DST."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    import tzdata  # noqa: F401  (installed with ehwatch on Windows)

    from ehwatch.monitor import status

    assert isinstance(status.BRUSSELS, ZoneInfo) and str(status.BRUSSELS) == "Europe/Brussels"
    ends = dt.datetime(2026, 12, 21, 23, 30, tzinfo=dt.UTC)            # 22 December in Brussels
    assert status.days_left(ends, dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC)) == 20
    assert status.days_left(ends, dt.datetime(2026, 12, 1, 22, 59, tzinfo=dt.UTC)) == 21
    summer = dt.datetime(2027, 4, 1, 10, 0, tzinfo=dt.UTC)
    assert status.days_left(summer, dt.datetime(2027, 3, 1, 23, 30, tzinfo=dt.UTC)) == 30
