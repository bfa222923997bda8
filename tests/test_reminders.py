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


def record(days: int, name: str = "SSIN=75040404976 20140616-090423.p12") -> Record:
    not_after = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    return Record(Path("/ks") / name, not_after, days)


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
    renewed.not_after = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
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
    assert due[0].urgency == "critical" and "password safe" in due[0].body("en")
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
