"""The persisted state machine: transitions, intent-first records, backoff, restart."""
import datetime as dt

import pytest

from ehwatch.errors import EhwatchError
from ehwatch.renewal import lifecycle as lc
from ehwatch.store import Store

UTC = dt.UTC


@pytest.fixture
def lifecycles(tmp_path):
    return lc.Lifecycles(Store(tmp_path / "state.db"))


def _new(lifecycles, tmp_path):
    return lifecycles.create(old_keystore=tmp_path / "SSIN=75040404976 20140616-090423.p12",
                             identifier="SSIN=75040404976", environment="production")


def test_happy_path_is_recorded_step_by_step(lifecycles, tmp_path):
    r = _new(lifecycles, tmp_path)
    path = [lc.State.REQUESTING, lc.State.REQUESTED, lc.State.PRODUCED, lc.State.INSTALLING,
            lc.State.ETK_REGISTERING, lc.State.ETK_ACTIVATING, lc.State.HANDING_OVER, lc.State.NOTIFYING]
    for state in path:
        r = lifecycles.transition(r, state, note=state.value)
    assert lifecycles.notices() == [r] and lifecycles.open() == [r]     # the notice waits for the user
    r = lifecycles.transition(r, lc.State.DONE)
    assert [e["to_state"] for e in lifecycles.events(r.id)] == [
        s.value for s in [lc.State.AWAITING_CONFIRMATION, *path, lc.State.DONE]]
    assert lifecycles.open() == []


@pytest.mark.parametrize("start, target", [
    (lc.State.AWAITING_CONFIRMATION, lc.State.PRODUCED),
    (lc.State.REQUESTED, lc.State.REQUESTING),
    (lc.State.DONE, lc.State.REQUESTING),
    (lc.State.INSTALLING, lc.State.NOTIFYING),
    (lc.State.ETK_ACTIVATING, lc.State.DONE),      # never without the hand-over
    (lc.State.HANDING_OVER, lc.State.DONE),
])
def test_skipping_steps_is_refused(lifecycles, tmp_path, start, target):
    r = lifecycles.create(old_keystore=tmp_path / "a.p12", identifier="SSIN=1", environment="production", state=start)
    with pytest.raises(lc.InvalidTransition):
        lifecycles.transition(r, target)
    assert lifecycles.get(r.id).state == start


def test_state_and_facts_survive_a_new_process(lifecycles, tmp_path):
    r = _new(lifecycles, tmp_path)
    when = dt.datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    lifecycles.transition(r, lc.State.REQUESTING, new_keystore=str(tmp_path / "new.p12"), public_key_identifier="ab12",
                          contact={"email": "a@b.be", "phone": "043362333"})
    lifecycles.transition(r, lc.State.REQUESTED, requested_at=when)
    again = lc.Lifecycles(Store(tmp_path / "state.db")).for_keystore(r.old_keystore)
    assert again.state == lc.State.REQUESTED
    assert again.public_key_identifier == "ab12" and again.requested_at == when
    assert again.contact["email"] == "a@b.be"


def test_retry_backs_off_exponentially_and_is_capped(lifecycles, tmp_path):
    r = lifecycles.transition(_new(lifecycles, tmp_path), lc.State.REQUESTING)
    r = lifecycles.transition(r, lc.State.REQUESTED)
    now = dt.datetime(2026, 12, 1, tzinfo=UTC)
    delays = []
    for _ in range(12):
        r = lifecycles.fail_for_retry(r, EhwatchError("ehealth.unreachable"), now)
        delays.append(r.next_attempt_at - now)
    assert delays[0] == lc.BACKOFF_FIRST and delays[1] == 2 * lc.BACKOFF_FIRST
    assert max(delays) == lc.BACKOFF_MAX
    assert r.state == lc.State.RETRY and r.resume_state == lc.State.REQUESTED and r.attempts == 12
    r = lifecycles.transition(r, r.resume_state)
    assert r.state == lc.State.REQUESTED and r.attempts == 12  # backoff keeps growing if it fails again
    r = lifecycles.transition(r, lc.State.PRODUCED)
    assert r.attempts == 0 and r.last_error_key is None


def test_needs_you_keeps_where_to_resume(lifecycles, tmp_path):
    r = lifecycles.transition(_new(lifecycles, tmp_path), lc.State.REQUESTING)
    r = lifecycles.transition(r, lc.State.REQUESTED)
    r = lifecycles.transition(r, lc.State.PRODUCED)
    r = lifecycles.transition(r, lc.State.INSTALLING)
    r = lifecycles.stop_for_user(r, lc.State.PASSWORD_UNKNOWN, EhwatchError("renewal.password.unknown", file="x.p12"))
    assert r.needs_you and r.resume_state == lc.State.INSTALLING
    assert r.last_error_params == {"file": "x.p12"}
    r = lifecycles.transition(r, lc.State.INSTALLING)
    assert r.state == lc.State.INSTALLING


def test_no_secret_column(lifecycles):
    cols = {row["name"] for row in lifecycles.store.db.execute("PRAGMA table_info(renewals)")}
    assert not {c for c in cols if "password" in c or "pin" in c or "key" == c}


def test_a_stale_writer_is_refused_loudly(lifecycles, tmp_path):
    """Two processes read the same row; the second to write fails instead of overwriting the first."""
    r = lifecycles.transition(_new(lifecycles, tmp_path), lc.State.REQUESTING)
    first = lc.Lifecycles(Store(tmp_path / "state.db")).get(r.id)
    second = lc.Lifecycles(Store(tmp_path / "state.db")).get(r.id)
    lifecycles.transition(first, lc.State.REQUESTED)
    with pytest.raises(lc.StaleState):
        lifecycles.transition(second, lc.State.REQUESTED)
    with pytest.raises(lc.StaleState):            # same state, new facts: also compare-and-set
        lifecycles.save(second, note="late", request_number="1")
    assert lifecycles.get(r.id).state == lc.State.REQUESTED and lifecycles.get(r.id).request_number is None
    assert [e["to_state"] for e in lifecycles.events(r.id)].count("requested") == 1


def test_every_state_is_classified_once():
    for state in lc.State:
        kinds = [state.needs_you, state.waiting, state.finished, state.awaiting_acknowledgement,
                 state in (lc.State.DUE, lc.State.AWAITING_CONFIRMATION)]
        assert sum(kinds) == 1, state
        assert lc.TRANSITIONS[state] <= set(lc.State)


def test_architecture_shows_the_state_diagram_of_lifecycle_py():
    """ARCHITECTURE.md's diagram is generated from the transition table: it cannot drift."""
    from tests.support.tools import ROOT

    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert "```mermaid\n" + lc.diagram() + "\n```" in text, "run: python -m ehwatch.renewal.lifecycle >> diagram"
