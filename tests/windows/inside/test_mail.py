"""The mail watcher in the Windows Python against a real Dovecot on 127.0.0.1 (started on the Linux side):
IMAPS trusted through the test CA file, the password from the Credential Manager, IDLE waking on APPEND."""
from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest


@pytest.fixture
def mail_config(manifest, isolated_home):
    from ehwatch import paths, secrets

    imap = manifest["imap"]
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'[mail]\nhost = "{imap["host"]}"\nport = {imap["port"]}\nsecurity = "ssl"\n'
                    f'username = "{imap["user"]}"\ncafile = \'{imap["cafile"]}\'\n', encoding="utf-8")
    secrets.set_mail_secret(imap["user"], imap["host"], imap["password"])
    yield imap
    secrets.forget_mail_secret(imap["user"], imap["host"])


def test_one_pass_finds_the_notices_in_inbox_and_junk(mail_config):
    from ehwatch.core import Core
    from ehwatch.mail.watcher import MailWatcher

    core = Core.load()
    try:
        watcher = MailWatcher(core, lambda e: None, min_backoff=0.1, max_backoff=0.5, idle_tick=0.2)
        events = watcher.check_once()
    finally:
        core.close()
    assert sorted((e.folder, e.reading.kind, e.reading.request_number) for e in events) == [
        ("INBOX", "produced", "114419"), ("Junk", "received", "114420")]
    assert all(e.reading.trusted_sender for e in events)


def test_idle_wakes_on_a_new_mail(mail_config, manifest):
    import ssl

    from imapclient import IMAPClient

    from ehwatch.core import Core
    from ehwatch.mail.watcher import MailWatcher

    core = Core.load()
    events, problems = [], []
    watcher = MailWatcher(core, events.append, problems.append, min_backoff=0.1, max_backoff=0.5, idle_tick=0.2)
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(events) < 2:
            time.sleep(0.05)
        assert len(events) == 2, (events, problems)
        time.sleep(1.0)  # in IDLE now
        context = ssl.create_default_context(cafile=mail_config["cafile"])
        with IMAPClient(mail_config["host"], mail_config["port"], ssl_context=context, timeout=30) as client:
            client.login(mail_config["user"], mail_config["password"])
            client.append("INBOX", Path(manifest["idle_mail"]).read_bytes())
            appended = time.monotonic()
        while time.monotonic() < appended + 30 and len(events) < 3:
            time.sleep(0.05)
        assert [e.reading.request_number for e in events[2:]] == ["114500"], (events, problems)
        print(f"IDLE wake-up under Wine: {time.monotonic() - appended:.2f} s")
    finally:
        stop.set()
        thread.join(15)
        core.close()
    assert not thread.is_alive(), "the watcher did not stop"
