"""The notification policy: thresholds fire once per certificate, persisted; snooze, mute, pause."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from ehwatch import config as config_mod
from ehwatch.core import Core
from ehwatch.reminders import DAY, EXPIRED, Failure, ReminderPolicy


@dataclass
class Record:
    """The fields of a monitor KeystoreRecord the policy reads (plain data, as the scanner returns it)."""

    path: Path
    not_after: dt.datetime
    days_left: int
    holder: str = "MARIE DUBOIS"
    status: str = "expiring"
    problem: str | None = None


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


def record(days: int, name: str = "SSIN=75040404976 20140616-090423.p12", holder: str = "MARIE DUBOIS") -> Record:
    not_after = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    return Record(Path("/ks") / name, not_after, days, holder=holder)


def new_core() -> Core:
    return Core(config_mod.Config())


@pytest.fixture
def clock():
    return Clock()


def send_all(policy, records, failures=()):
    due = policy.due(records, list(failures))
    for reminder in due:
        policy.mark_sent(reminder)
    return due


def test_each_threshold_fires_once_and_survives_a_restart(clock):
    core = new_core()
    policy = ReminderPolicy(core, clock)
    assert send_all(policy, [record(45)]) == []
    first = send_all(policy, [record(30)])
    assert [r.thresholds for r in first] == [(30,)]
    assert first[0].renew_action and "30" in first[0].title("en")
    assert send_all(policy, [record(29)]) == []           # same threshold: quiet
    core.close()

    restarted = ReminderPolicy(new_core(), clock)         # a new process reads the same store
    assert send_all(restarted, [record(20)]) == []
    assert [r.thresholds for r in send_all(restarted, [record(14)])] == [(30, 14)]


def test_first_seen_late_fires_one_notification_for_all_crossed_thresholds(clock):
    policy = ReminderPolicy(new_core(), clock)
    due = send_all(policy, [record(5)])
    assert len(due) == 1 and set(due[0].thresholds) == {30, 14, 7}
    assert send_all(policy, [record(4)]) == []
    assert [r.thresholds for r in send_all(policy, [record(3)])] == [(30, 14, 7, 3)]
    expired = send_all(policy, [record(-1)])
    assert len(expired) == 1 and EXPIRED in expired[0].thresholds and not expired[0].renew_action
    assert expired[0].urgency == "critical"


def test_a_renewed_certificate_starts_afresh(clock):
    policy = ReminderPolicy(new_core(), clock)
    assert len(send_all(policy, [record(10)])) == 1
    renewed = record(10)
    renewed.not_after += dt.timedelta(days=365)           # another certificate in the same file name
    assert len(send_all(policy, [renewed])) == 1


def test_unsent_reminder_is_offered_again(clock):
    policy = ReminderPolicy(new_core(), clock)
    assert len(policy.due([record(7)])) == 1              # shown? no: not marked
    assert len(policy.due([record(7)])) == 1


def test_snooze_suppresses_for_a_day_then_reminds(clock):
    policy = ReminderPolicy(new_core(), clock)
    policy.snooze(record(7).path)
    assert send_all(policy, [record(7)]) == []
    clock.now += DAY - 60
    assert ReminderPolicy(new_core(), clock).due([record(7)]) == []   # persisted
    clock.now += 120
    assert len(send_all(policy, [record(7)])) == 1


def test_mute_is_for_good_and_only_for_that_keystore(clock):
    policy = ReminderPolicy(new_core(), clock)
    policy.mute(record(7).path)
    other = record(7, "SSIN=82010112345 20200101-101010.p12")
    due = send_all(policy, [record(7), other])
    assert [r.keystore for r in due] == [other.path]
    clock.now += 400 * DAY
    assert ReminderPolicy(new_core(), clock).due([record(1)]) == []
    assert policy.unmute(record(7).path)
    assert len(policy.due([record(1)])) == 1


def test_pause_all_for_a_day_but_failures_still_notify(clock):
    policy = ReminderPolicy(new_core(), clock)
    policy.pause_all()
    failure = Failure("mail.login", "keyring.unavailable")
    due = send_all(policy, [record(7)], [failure])
    assert [r.ident for r in due] == ["mail.login"]
    assert due[0].urgency == "critical" and "No keyring is available" in due[0].body("en")
    assert ReminderPolicy(new_core(), clock).paused_until() == clock.now + DAY
    clock.now += DAY + 1
    assert send_all(policy, [record(7)], [])[0].thresholds == (30, 14, 7)   # pause over


def test_failure_repeats_daily_while_it_lasts_and_again_when_it_returns(clock):
    policy = ReminderPolicy(new_core(), clock)
    failure = Failure("scan", "keyring.unavailable")
    assert len(send_all(policy, [], [failure])) == 1
    clock.now += 3600
    assert send_all(policy, [], [failure]) == []
    clock.now += DAY
    assert len(send_all(policy, [], [failure])) == 1
    assert send_all(policy, [], []) == []                  # solved
    assert len(send_all(policy, [], [failure])) == 1      # back: news again


def test_thresholds_come_from_the_config(clock):
    core = new_core()
    core.config.notify_days = [60, 10]
    policy = ReminderPolicy(core, clock)
    assert [r.thresholds for r in send_all(policy, [record(50)])] == [(60,)]
    assert send_all(policy, [record(14)]) == []


# --- issue 13: several things at once are one notification; every one names the holder ----------------
JEAN = "SSIN=83100720837 20140214-120715.p12"
LUC = "SSIN=50021014141 20151023-121015.p12"


def test_several_things_at_start_are_one_summary_naming_each_holder(clock):
    policy = ReminderPolicy(new_core(), clock)
    marie, jean, luc = record(5), record(20, JEAN, "JEAN PEETERS"), record(-3, LUC, "LUC JANSSENS")
    mailbox = Failure("mail", "keyring.unavailable")
    due = policy.due([marie, jean, luc], [mailbox])
    assert len(due) == 1
    (summary,) = due
    assert summary.keystore is None and not summary.renew_action     # a click opens the status window
    assert summary.title("fr") == "ehwatch\u00a0: 4 points demandent votre attention"
    lines = summary.body("fr").split("\n")
    assert lines[:3] == ["• LUC JANSSENS — expiré le 1er janvier 2027\u00a0: à redemander",     # most urgent first
                         "• MARIE DUBOIS — encore 5 jours\u00a0: à renouveler",
                         "• JEAN PEETERS — encore 20 jours\u00a0: à renouveler"]
    assert lines[3].startswith("• ") and lines[-1] == "Cliquez sur Ouvrir pour les traiter un par un."
    assert summary.title("de") == "ehwatch: 4 Punkte erfordern Ihre Aufmerksamkeit"
    assert summary.body("nl").split("\n")[1] == "• MARIE DUBOIS — nog 5 dagen: vernieuwen"
    policy.mark_sent(summary)
    # nothing it named comes again on its own
    assert policy.due([marie, jean, luc], [mailbox]) == []


def test_without_a_tray_each_thing_is_said_in_full(clock):
    """A terminal or the journal (ehwatch run --no-tray) has no "Open" to click and room for every word:
    one reminder per keystore, each whole, and still never twice."""
    policy = ReminderPolicy(new_core(), clock)
    marie, jean = record(5), record(20, JEAN, "JEAN PEETERS")
    mailbox = Failure("mail", "keyring.unavailable")
    due = policy.due([marie, jean], [mailbox], together=False)
    assert len(due) == 3 and not any(r.ident == "summary" for r in due)
    bodies = "\n".join(r.body("en") for r in due)
    assert "…\n" not in bodies + "\n" and "click open to deal" not in bodies.lower()   # ("Settings…" is a menu item)
    assert any("MARIE DUBOIS" in r.title("fr") for r in due)
    for reminder in due:
        policy.mark_sent(reminder)
    assert policy.due([marie, jean], [mailbox], together=False) == []


def test_a_failure_and_a_reminder_about_one_keystore_are_one_notification(clock):
    policy = ReminderPolicy(new_core(), clock)
    marie = record(5)
    refused = Failure("renewal:1:refused", "keyring.unavailable", keystore=marie.path)
    (one,) = policy.due([marie], [refused])
    assert one.ident == "renewal:1:refused" and len(one.all_covered()) == 2
    assert one.title("fr") == "Certificat eHealth de MARIE DUBOIS\u00a0: ehwatch a besoin de vous"
    assert one.body("en").endswith("Next: click Open, or ehwatch menu › MARIE DUBOIS.")
    policy.mark_sent(one)
    assert policy.due([marie], [refused]) == []                     # the threshold was marked too


def test_single_notifications_name_the_holder_and_the_next_step(clock):
    policy = ReminderPolicy(new_core(), clock)
    (soon,) = policy.due([record(5)])
    assert soon.title("fr") == "Certificat eHealth de MARIE DUBOIS\u00a0: encore 5 jours"
    assert "cliquez sur Renouveler" in soon.body("fr") and soon.renew_action
    (last,) = policy.due([record(1)])
    assert last.title("en") == "eHealth certificate of MARIE DUBOIS: 1 day left"
    assert last.title("de") == "eHealth-Zertifikat von MARIE DUBOIS: noch 1 Tag"
    assert "Renew it today" in last.body("en")
    (gone,) = policy.due([record(-2)])
    assert gone.title("nl") == "Het eHealth-certificaat van MARIE DUBOIS is verlopen"
    assert "Nouveau certificat…" in gone.body("fr") and not gone.renew_action
    locked = Failure("record:x:no_password", "monitor.problem.no_password_no_date", keystore=record(5).path)
    (pw,) = policy.due([record(5)], [locked])
    assert pw.body("fr").endswith("À faire\u00a0: menu d'ehwatch › MARIE DUBOIS › Enregistrer le mot de passe…")


def test_no_renew_reminder_while_its_renewal_is_under_way(clock):
    @dataclass
    class Underway:
        old_keystore: str
        waiting: bool = True

    policy = ReminderPolicy(new_core(), clock)
    marie = record(5)
    assert policy.due([marie], renewals=[Underway(str(marie.path))]) == []
    assert len(policy.due([marie], renewals=[Underway(str(marie.path), waiting=False)])) == 1


def test_mute_has_an_undo_and_pause_resumes_when_clicked_again(clock):
    policy = ReminderPolicy(new_core(), clock)
    assert policy.toggle_mute(record(7).path) is True
    assert policy.muted() == [record(7).path.name] and policy.due([record(7)]) == []
    assert policy.toggle_mute(record(7).path) is False
    assert policy.muted() == [] and len(policy.due([record(7)])) == 1
    assert policy.toggle_pause() == clock.now + DAY
    assert policy.due([record(7)]) == []
    assert policy.toggle_pause() is None and policy.paused_until() is None
    assert len(policy.due([record(7)])) == 1


def test_days_are_calendar_days_in_brussels(clock):
    """A certificate ending on 22 December is 20 days away on 2 December, whatever the hour."""
    policy = ReminderPolicy(new_core(), clock)
    clock.now = dt.datetime(2026, 12, 2, 22, 30, tzinfo=dt.UTC).timestamp()       # 23:30 in Brussels
    ending = Record(Path("/ks") / JEAN, dt.datetime(2026, 12, 22, 8, 0, tzinfo=dt.UTC), None, holder="JEAN PEETERS")
    (reminder,) = policy.due([ending])
    assert reminder.title("en") == "eHealth certificate of JEAN PEETERS: 20 days left"


def test_on_its_last_day_an_ended_certificate_is_expired_not_expiring(clock):
    policy = ReminderPolicy(new_core(), clock)
    ended = record(0)
    ended.status = "expired"
    (reminder,) = policy.due([ended])
    assert reminder.title("en") == "The eHealth certificate of MARIE DUBOIS has expired" and not reminder.renew_action
    late = Record(Path("/ks") / JEAN, dt.datetime(2026, 12, 22, 23, 30, tzinfo=dt.UTC), 3, holder="JEAN PEETERS")
    (soon,) = policy.due([late])
    assert "23 December 2026" in soon.body("en")                       # 00:30 on the 23rd in Brussels
