""""Settings…" end to end (issue 13, point 12): the daemon's intent opens the real window (Tk under
Xvfb), the user types, and the file, the keyring and the running daemon all follow: the comments of
the file kept, the mailbox password in the keyring and never in the file, the language switched at
once, the mailbox watcher restarted and signing in to a real Dovecot with the new account."""
from __future__ import annotations

import threading
import time

import pytest

from ehwatch import config as config_mod
from ehwatch import i18n, paths, secrets
from ehwatch.core import Core
from ehwatch.daemon import Daemon
from ehwatch.events import PAUSE_DAY, SETTINGS, Intent
from tests.support.desktop import Desktop, wait_until
from tests.support.dovecot import Dovecot


@pytest.fixture(scope="module")
def screen():
    with Desktop(tray=False, notifications=False) as desk:
        yield desk


def test_settings_window_writes_the_file_the_keyring_and_applies_at_once(screen, monkeypatch, tmp_path):
    monkeypatch.setenv("DISPLAY", screen.display)
    with Dovecot(tmp_path) as imap:
        imap.start()
        path = paths.config_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Dr Dubois's settings, written by hand\nwarn_days = 30\n\n[mail]\nport = {imap.port}  "
                        f"# the practice's server\nsecurity = \"{imap.security}\"\ncafile = \"{imap.cafile}\"\n",
                        encoding="utf-8")
        core = Core.load()
        assert core.language == "en" and not core.config.mail.host
        folder = tmp_path / "keystores"
        folder.mkdir()
        daemon = Daemon(core, use_tray=False)
        daemon.notices.open(None, headless=True)
        worker = threading.Thread(target=daemon.dispatch, args=(Intent(SETTINGS),), daemon=True)
        worker.start()
        try:
            window = wait_until(lambda: screen.window_titled("ehwatch settings"), 30, "the settings window")
            time.sleep(0.5)                                  # Tk takes the focus once mapped
            screen.run("xdotool", "windowfocus", window, check=False)
            keys = lambda *k: screen.xdotool("key", "--delay", "40", *k)          # noqa: E731
            text = lambda t: screen.xdotool("type", "--delay", "15", t)           # noqa: E731
            text(str(folder))
            keys("Return", "Tab", "Down")                    # folder added; language: the computer's → Français
            keys("Tab")
            text(imap.host)
            keys("Tab")
            text(imap.user)
            keys("Tab")
            text(imap.password)
            keys("Tab")
            text("marie@dubois.be")
            keys("Tab")
            text("0433 62 333")
            keys("Tab", "End", *["BackSpace"] * 20)
            text("30, 7")
            keys("Return")
            worker.join(60)
            assert not worker.is_alive(), "the settings window did not close"

            saved = path.read_text(encoding="utf-8")
            assert saved.startswith("# Dr Dubois's settings, written by hand\n")
            assert f"port = {imap.port}  # the practice's server" in saved
            assert imap.password not in saved and "password" not in saved
            assert secrets.mail_secret(imap.user, imap.host) == imap.password
            reread = config_mod.load(path)
            assert reread.language == "fr" and reread.notify_days == [30, 7]
            assert reread.keystore_dirs[-1] == str(folder) and reread.renewal.email == "marie@dubois.be"
            assert (reread.mail.host, reread.mail.username) == (imap.host, imap.user)
            # applied without a restart: the core, the language, the folders, the mailbox watcher
            assert core.config == reread and core.language == "fr" and i18n.current_language() == "fr"
            assert folder in core.keystore_dirs()
            wait_until(lambda: f"user=<{imap.user}>" in imap.log_path.read_text(errors="replace"), 30,
                       "the restarted mailbox watcher to sign in to Dovecot")
            assert "mail" not in daemon.failures

            # the pause item resumes when clicked again
            daemon.dispatch(Intent(PAUSE_DAY))
            assert daemon.policy.paused_until() is not None and daemon.snapshot().paused_until
            daemon.dispatch(Intent(PAUSE_DAY))
            assert daemon.policy.paused_until() is None
        finally:
            daemon.mailbox.stop()
            daemon.shutdown()
