"""The watcher against a real Dovecot: one pass, IDLE, restarts, UIDVALIDITY, wrong password, spoofs."""
from __future__ import annotations

import re
import threading
import time

import pytest

from ehwatch.core import Core
from ehwatch.mail.connection import MailAuthError
from ehwatch.mail.watcher import MailWatcher
from tests.support import mail_samples as samples

FAST = dict(min_backoff=0.1, max_backoff=0.5, idle_tick=0.2)


def wait_until(condition, timeout: float = 15.0, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


class Running:
    """A watcher's run() in a thread, with what it reported."""

    def __init__(self, **options):
        self.core = Core.load()
        self.events, self.problems = [], []
        self.recovered = []
        self.watcher = MailWatcher(self.core, self.events.append, self.problems.append,
                                   on_recovered=lambda: self.recovered.append(time.monotonic()), **{**FAST, **options})
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.watcher.run, args=(self.stop,), daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(10)
        assert not self.thread.is_alive(), "the watcher did not stop"
        self.core.close()

    def numbers(self):
        return sorted(e.reading.request_number for e in self.events)


def logins(server) -> int:
    return len(re.findall(r"imap-login: Info: Login: user=<", server.log_text()))


def one_pass() -> tuple[list, MailWatcher]:
    core = Core.load()
    try:
        watcher = MailWatcher(core, lambda e: None, **FAST)
        return watcher.check_once(), watcher
    finally:
        core.close()


def test_check_once_finds_trusted_notices_in_inbox_and_junk_and_only_once(dovecot, configure_mail):
    configure_mail(dovecot)
    dovecot.append("INBOX", samples.produced(n="100001"))
    dovecot.append("Junk", samples.received(n="100002"))
    dovecot.append("INBOX", samples.produced(n="100003", sender="ehealth-certificates@ehealth-fgov.be"))
    dovecot.append("INBOX", samples.message("Lunch?", "Shall we meet at noon?", sender="colleague@example.be"))
    dovecot.append("INBOX", samples.message("Nouvelle version", "Notre logiciel eHealth évolue.",
                                            sender="news@ehealth-software.example"))  # not a look-alike
    events, watcher = one_pass()
    assert sorted((e.folder, e.reading.kind, e.reading.request_number) for e in events) == [
        ("INBOX", "produced", "100001"), ("Junk", "received", "100002")]
    assert watcher.last_pass.folders == ["INBOX", "Junk"]
    assert [e.reading.request_number for e in watcher.last_pass.suspicious] == ["100003"]
    assert all(e.uidvalidity == dovecot.uidvalidity(e.folder) for e in events)
    assert one_pass()[0] == []  # a new process: watermarks and claims survive
    client = dovecot.client()
    try:  # fetched with BODY.PEEK: still unread
        client.select_folder("INBOX", readonly=True)
        assert client.search(["SEEN"]) == []
    finally:
        client.logout()


def test_same_notice_in_two_folders_is_one_event(dovecot, configure_mail):
    configure_mail(dovecot)
    raw = samples.produced(n="100010", message_id="<same@ehealth.fgov.be>")
    dovecot.append("Junk", raw)
    assert len(one_pass()[0]) == 1
    dovecot.append("INBOX", raw)  # the user moved it out of the spam folder
    assert one_pass()[0] == []


def test_attachments_are_not_downloaded(dovecot, configure_mail):
    configure_mail(dovecot)
    dovecot.append("INBOX", samples.with_attachment(samples.produced(n="100020"), 3_000_000))
    events, _ = one_pass()
    assert [e.reading.request_number for e in events] == ["100020"]
    # Dovecot logs the bytes sent per session: far less than the 4 MB the attachment takes.
    sent = [int(n) for n in re.findall(r"out=(\d+)", dovecot.log_text())]
    assert sent and max(sent[-1:]) < 200_000, dovecot.log_text()[-2000:]


def test_idle_is_woken_by_append(dovecot, configure_mail):
    configure_mail(dovecot)
    with Running() as run:
        assert wait_until(lambda: logins(dovecot) >= 3)  # discovery + one IDLE connection per folder
        time.sleep(0.3)
        started = time.monotonic()
        dovecot.append("INBOX", samples.produced(n="200001"))
        assert wait_until(lambda: run.events, timeout=10)
        assert time.monotonic() - started < 5
        dovecot.append("Junk", samples.produced(n="200002"))
        assert wait_until(lambda: len(run.events) == 2, timeout=10)
    assert run.numbers() == ["200001", "200002"]
    assert run.problems == []


def test_server_restart_mid_idle_mail_delivered_while_down_found_exactly_once(dovecot, configure_mail):
    configure_mail(dovecot)
    with Running() as run:
        assert wait_until(lambda: logins(dovecot) >= 3)
        dovecot.stop()
        assert dovecot.leftover_processes() == []
        dovecot.append("INBOX", samples.produced(n="300001"))  # straight into the Maildir
        time.sleep(1.0)  # the watcher retries against a closed port meanwhile
        dovecot.start()
        assert wait_until(lambda: run.events, timeout=20), dovecot.log_text()[-3000:]
        time.sleep(1.5)  # give a duplicate every chance to show up
    assert run.numbers() == ["300001"]
    assert not any(isinstance(p, MailAuthError) for p in run.problems)


def test_uidvalidity_change_rescans_without_repeating(dovecot, configure_mail):
    configure_mail(dovecot)
    old = samples.produced(n="400001", message_id="<old@ehealth.fgov.be>")
    dovecot.append("Junk", old)
    assert len(one_pass()[0]) == 1
    before = dovecot.uidvalidity("Junk")
    dovecot.recreate_folder("Junk")
    assert dovecot.uidvalidity("Junk") != before
    dovecot.append("Junk", old)  # same notice again, at UID 1 of the new folder
    dovecot.append("Junk", samples.produced(n="400002"))
    events, _ = one_pass()
    assert [(e.reading.request_number, e.uidvalidity) for e in events] == [("400002", dovecot.uidvalidity("Junk"))]


def test_wrong_password_stops_and_reports_once(dovecot, configure_mail):
    configure_mail(dovecot, store_password=False)
    from ehwatch import secrets

    secrets.set_mail_secret(dovecot.user, dovecot.host, "not-the-password")
    with Running() as run:
        run.thread.join(10)
        assert not run.thread.is_alive()  # run() gave up by itself
    assert [type(p) for p in run.problems] == [MailAuthError]
    assert run.problems[0].key == "mail.auth_failed"
    assert "ehwatch mail login" in run.problems[0].message("en")
    # Dovecot writes its log line a moment after refusing (later still on a loaded machine): wait for
    # it, give a retry storm time to show, then count
    assert wait_until(lambda: re.findall(r"auth failed", dovecot.log_text()), timeout=20)
    time.sleep(1.0)
    assert len(re.findall(r"auth failed", dovecot.log_text())) == 1  # no retry storm


def test_poll_mode_without_idle(make_dovecot, configure_mail):
    server = make_dovecot("ssl", idle=False)
    configure_mail(server)
    with Running(poll_seconds=0.5) as run:
        assert wait_until(lambda: logins(server) >= 3)
        server.append("INBOX", samples.produced(n="500001"))
        assert wait_until(lambda: run.events, timeout=10)
    assert run.numbers() == ["500001"]


@pytest.mark.parametrize("mailboxes,junk", [({"Indésirables": "\\Junk"}, "Indésirables"), ({"Spam": None}, "Spam")])
def test_spam_folder_found_by_special_use_and_by_name(make_dovecot, configure_mail, mailboxes, junk):
    server = make_dovecot("ssl", mailboxes=mailboxes)
    configure_mail(server)
    server.append(junk, samples.produced(n="600001"))
    events, watcher = one_pass()
    assert watcher.last_pass.folders == ["INBOX", junk]
    assert [(e.folder, e.reading.request_number) for e in events] == [(junk, "600001")]


def test_configured_folders_watched_and_missing_ones_reported(make_dovecot, configure_mail):
    server = make_dovecot("ssl", mailboxes={"Junk": "\\Junk", "Praxis/eHealth": None})
    configure_mail(server, folders=["Praxis/eHealth", "Nowhere"])
    server.append("Praxis/eHealth", samples.produced(n="700001"))
    core = Core.load()
    problems = []
    watcher = MailWatcher(core, lambda e: None, problems.append, **FAST)
    events = watcher.check_once()
    core.close()
    assert watcher.last_pass.folders == ["INBOX", "Junk", "Praxis/eHealth"]
    assert [e.reading.request_number for e in events] == ["700001"]
    assert [(p.key, p.params["folder"]) for p in problems] == [("mail.folder_missing", "Nowhere")]


def test_failed_consumer_gets_the_mail_again(dovecot, configure_mail):
    configure_mail(dovecot)
    calls = []

    def busy_once(event):
        calls.append(event.reading.request_number)
        if len(calls) == 1:
            raise RuntimeError("renewal engine busy")

    dovecot.append("INBOX", samples.produced(n="800001"))
    run = Running(idle_renew=0.5)
    run.watcher.on_event = busy_once
    with run:
        assert wait_until(lambda: len(calls) == 2, timeout=10)
        time.sleep(1.2)  # two more IDLE renewals: no third delivery
    assert calls == ["800001", "800001"]


def test_check_once_returns_events_without_calling_on_event(dovecot, configure_mail):
    configure_mail(dovecot)
    dovecot.append("INBOX", samples.produced(n="800002"))
    core = Core.load()
    delivered = []
    events = MailWatcher(core, delivered.append, **FAST).check_once()
    core.close()
    assert [e.reading.request_number for e in events] == ["800002"] and delivered == []


def test_wall_clock_jump_forces_a_reconnect(dovecot, configure_mail):
    configure_mail(dovecot)
    jump = [0.0]
    with Running(wall_clock=lambda: time.time() + jump[0], clock_jump=60) as run:
        assert wait_until(lambda: logins(dovecot) >= 3)
        time.sleep(0.5)  # both sessions past their start
        jump[0] = 3600.0  # the laptop slept for an hour
        assert wait_until(lambda: logins(dovecot) >= 5)  # both folders reconnected
        dovecot.append("INBOX", samples.produced(n="900001"))
        assert wait_until(lambda: run.events, timeout=10)
    assert run.numbers() == ["900001"]


def test_mail_without_message_id_is_still_handled_once(dovecot, configure_mail):
    configure_mail(dovecot)
    raw = samples.with_attachment(samples.produced(n="910001"), 10_000)
    raw = b"\r\n".join(line for line in raw.split(b"\r\n") if not line.startswith(b"Message-ID:"))
    dovecot.append("Junk", raw)
    assert len(one_pass()[0]) == 1
    dovecot.append("INBOX", raw)  # the same notice, moved out of the spam folder by the user
    assert one_pass()[0] == []


def test_dkim_failure_from_the_right_address_triggers_nothing(dovecot, configure_mail):
    configure_mail(dovecot)
    dovecot.append("INBOX", samples.produced(n="920001", extra_headers=[
        "Authentication-Results: mx.advalvas.be; dkim=fail (signature did not verify) header.d=ehealth.fgov.be"]))
    events, watcher = one_pass()
    assert events == []
    assert [e.reading.request_number for e in watcher.last_pass.suspicious] == ["920001"]


def test_server_down_at_start_is_reported_once_then_watched(make_dovecot, configure_mail):
    server = make_dovecot("ssl")
    configure_mail(server)
    server.stop()
    server.append("INBOX", samples.produced(n="930001"))
    with Running(report_after_failures=2) as run:
        assert wait_until(lambda: run.problems, timeout=10)
        time.sleep(1.0)  # more failed tries meanwhile: still one report
        assert [p.key for p in run.problems] == ["mail.connect_failed"]
        assert run.recovered == []
        server.start()
        assert wait_until(lambda: run.events, timeout=20)
        assert wait_until(lambda: run.recovered, timeout=10)     # the tray's "unreachable" can go
    assert run.numbers() == ["930001"]
