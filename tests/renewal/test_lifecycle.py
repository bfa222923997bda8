"""The persisted state machine: transitions, intent-first records, backoff, restart."""
import datetime as dt

import pytest

from ehwatch.errors import EhwatchError
from ehwatch.renewal import lifecycle as lc
from ehwatch.store import Store

UTC = dt.timezone.utc


@pytest.fixture
def lifecycles(tmp_path):
    return lc.Lifecycles(Store(tmp_path / "state.db"))


def _new(lifecycles, tmp_path):
    return lifecycles.create(old_keystore=tmp_path / "SSIN=75040404976 20140616-090423.p12",
                             identifier="SSIN=75040404976", environment="production")


def test_happy_path_is_recorded_step_by_step(lifecycles, tmp_path):
    r = _new(lifecycles, tmp_path)
    for state in (lc.REQUESTING, lc.REQUESTED, lc.PRODUCED, lc.INSTALLING, lc.ETK_REGISTERING,
                  lc.ETK_ACTIVATING, lc.DONE):
        r = lifecycles.transition(r, state, note=state)
    assert [e["to_state"] for e in lifecycles.events(r.id)] == [
        lc.AWAITING_CONFIRMATION, lc.REQUESTING, lc.REQUESTED, lc.PRODUCED, lc.INSTALLING,
        lc.ETK_REGISTERING, lc.ETK_ACTIVATING, lc.DONE]
    assert lifecycles.open() == []


@pytest.mark.parametrize("start, target", [
    (lc.AWAITING_CONFIRMATION, lc.PRODUCED),
    (lc.REQUESTED, lc.REQUESTING),
    (lc.DONE, lc.REQUESTING),
    (lc.INSTALLING, lc.DONE),
])
def test_skipping_steps_is_refused(lifecycles, tmp_path, start, target):
    r = lifecycles.create(old_keystore=tmp_path / "a.p12", identifier="SSIN=1", environment="production", state=start)
    with pytest.raises(lc.InvalidTransition):
        lifecycles.transition(r, target)
    assert lifecycles.get(r.id).state == start


def test_state_and_facts_survive_a_new_process(lifecycles, tmp_path):
    r = _new(lifecycles, tmp_path)
    when = dt.datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    lifecycles.transition(r, lc.REQUESTING, new_keystore=str(tmp_path / "new.p12"), public_key_identifier="ab12",
                          contact={"email": "a@b.be", "phone": "043362333"})
    lifecycles.transition(r, lc.REQUESTED, requested_at=when)
    again = lc.Lifecycles(Store(tmp_path / "state.db")).for_keystore(r.old_keystore)
    assert again.state == lc.REQUESTED
    assert again.public_key_identifier == "ab12" and again.requested_at == when
    assert again.contact["email"] == "a@b.be"


def test_retry_backs_off_exponentially_and_is_capped(lifecycles, tmp_path):
    r = lifecycles.transition(_new(lifecycles, tmp_path), lc.REQUESTING)
    r = lifecycles.transition(r, lc.REQUESTED)
    now = dt.datetime(2026, 12, 1, tzinfo=UTC)
    delays = []
    for _ in range(12):
        r = lifecycles.fail_for_retry(r, EhwatchError("ehealth.unreachable"), now)
        delays.append(r.next_attempt_at - now)
    assert delays[0] == lc.BACKOFF_FIRST and delays[1] == 2 * lc.BACKOFF_FIRST
    assert max(delays) == lc.BACKOFF_MAX
    assert r.state == lc.RETRY and r.resume_state == lc.REQUESTED and r.attempts == 12
    r = lifecycles.transition(r, r.resume_state)
    assert r.state == lc.REQUESTED and r.attempts == 12  # backoff keeps growing if it fails again
    r = lifecycles.transition(r, lc.PRODUCED)
    assert r.attempts == 0 and r.last_error_key is None


def test_needs_you_keeps_where_to_resume(lifecycles, tmp_path):
    r = lifecycles.transition(_new(lifecycles, tmp_path), lc.REQUESTING)
    r = lifecycles.transition(r, lc.REQUESTED)
    r = lifecycles.transition(r, lc.PRODUCED)
    r = lifecycles.transition(r, lc.INSTALLING)
    r = lifecycles.needs_you(r, lc.PASSWORD_UNKNOWN, EhwatchError("renewal.password.unknown", file="x.p12"))
    assert r.needs_you and r.resume_state == lc.INSTALLING
    assert r.last_error_params == {"file": "x.p12"}
    r = lifecycles.transition(r, lc.INSTALLING)
    assert r.state == lc.INSTALLING


def test_no_secret_column(lifecycles):
    cols = {row["name"] for row in lifecycles.store.db.execute("PRAGMA table_info(renewals)")}
    assert not {c for c in cols if "password" in c or "pin" in c or "key" == c}
