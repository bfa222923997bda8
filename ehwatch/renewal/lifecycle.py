"""One persisted renewal lifecycle per certificate: the states, the one transition table, the store.

certmonger-style: every renewal is a row in the state store, every change of state is written (with
its reason) *before* the side effect it announces. After a crash the engine reads the row and knows
what it was about to do, then asks the platform what actually happened before doing anything again.

This module is the only place that knows the states: what each one means (``State``'s predicates),
which may follow which (``TRANSITIONS``), and what the user should do next (``State.next_step_key``).
Every write is a compare-and-set on the row's state and version, so a second writer that read an
older row fails loudly (``StaleState``) instead of overwriting what the first one did.
"""
from __future__ import annotations

import datetime as dt
import enum
import json
import uuid
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ehwatch.errors import EhwatchError
from ehwatch.failpoints import failpoint

if TYPE_CHECKING:
    import sqlite3

    from ehwatch.store import Store


class State(enum.StrEnum):
    DUE = "due"                                       # the renewal window is open; nobody asked yet
    AWAITING_CONFIRMATION = "awaiting_confirmation"   # asked, the user has not said yes
    REQUESTING = "requesting"                         # signed; the new keystore written; sending
    REQUESTED = "requested"                           # eHealth has the request; waiting for production
    PRODUCED = "produced"                             # eHealth says the certificate exists
    INSTALLING = "installing"                         # writing the chain into the new keystore
    ETK_REGISTERING = "etk_registering"               # new encryption key: StartETK → CompleteETK
    ETK_ACTIVATING = "etk_activating"                 # ActivateETK, then the depot publishes it
    HANDING_OVER = "handing_over"                     # post-renewal hooks run, each result stored
    NOTIFYING = "notifying"                           # "use this file" shown until acknowledged
    DONE = "done"
    RETRY = "retry"                                   # a passing failure: wait, then resume
    CANCELLED = "cancelled"
    PIN_BLOCKED = "pin_blocked"                       # needs you: unblock the eID (PUK)
    PASSWORD_UNKNOWN = "password_unknown"             # needs you: a keystore password
    REFUSED = "refused"                               # needs you: eHealth refused (its code and words)
    EXPIRED = "expired"                               # needs you: only a new request is possible
    NEEDS_ATTENTION = "needs_attention"               # needs you: anything else (message in last_error)

    def __str__(self) -> str:
        return self.value

    @property
    def needs_you(self) -> bool:
        """Stopped until the user acts."""
        return self in _NEEDS_YOU

    @property
    def waiting(self) -> bool:
        """Under way without the user: the daemon (or ``ehwatch complete``) moves it on."""
        return self in _WAITING

    @property
    def finished(self) -> bool:
        return self in (State.DONE, State.CANCELLED)

    @property
    def awaiting_acknowledgement(self) -> bool:
        """Finished; the "use this file" notice stays until the user acknowledges it."""
        return self is State.NOTIFYING

    @property
    def may_start(self) -> bool:
        """A renewal may be (re)started interactively from here (the eID signs a new request)."""
        return self in (State.DUE, State.AWAITING_CONFIRMATION, State.CANCELLED) or self.needs_you

    @property
    def talks_to_the_world(self) -> bool:
        """Steps that call eHealth or the eID: they may fail into RETRY or a needs-you state."""
        return self.waiting or self is State.AWAITING_CONFIRMATION

    @property
    def next_step_key(self) -> str:
        """The text key that says what happens next, or what the user must do."""
        if self.waiting and self is not State.RETRY:
            return "renewal.next.waiting"
        return _NEXT_STEP.get(self, "renewal.next.none")


_NEEDS_YOU = frozenset({State.PIN_BLOCKED, State.PASSWORD_UNKNOWN, State.REFUSED, State.EXPIRED,
                        State.NEEDS_ATTENTION})
_WAITING = frozenset({State.REQUESTING, State.REQUESTED, State.PRODUCED, State.INSTALLING, State.ETK_REGISTERING,
                      State.ETK_ACTIVATING, State.HANDING_OVER, State.RETRY})
_NEXT_STEP = {State.RETRY: "renewal.next.retry", State.PIN_BLOCKED: "renewal.next.pin_blocked",
              State.DUE: "renewal.next.confirm", State.AWAITING_CONFIRMATION: "renewal.next.confirm",
              State.NOTIFYING: "renewal.next.acknowledge"}

_S = State
# The one transition table: which state may follow which. A state may always be written again (new
# facts, same state). Steps that talk to the world may also fall into RETRY or a needs-you state.
_FORWARD: dict[State, frozenset[State]] = {
    _S.DUE: frozenset({_S.AWAITING_CONFIRMATION, _S.CANCELLED, _S.EXPIRED}),
    _S.AWAITING_CONFIRMATION: frozenset({_S.REQUESTING, _S.CANCELLED, _S.DUE, _S.EXPIRED}),
    _S.REQUESTING: frozenset({_S.REQUESTED, _S.PRODUCED, _S.AWAITING_CONFIRMATION, _S.CANCELLED}),
    _S.REQUESTED: frozenset({_S.PRODUCED, _S.DONE}),
    _S.PRODUCED: frozenset({_S.INSTALLING}),
    _S.INSTALLING: frozenset({_S.ETK_REGISTERING}),
    _S.ETK_REGISTERING: frozenset({_S.ETK_ACTIVATING}),
    _S.ETK_ACTIVATING: frozenset({_S.HANDING_OVER}),
    _S.HANDING_OVER: frozenset({_S.NOTIFYING}),
    _S.NOTIFYING: frozenset({_S.DONE}),
    _S.RETRY: _WAITING - {_S.RETRY} | {_S.AWAITING_CONFIRMATION},
    _S.DONE: frozenset(),
    _S.CANCELLED: frozenset({_S.AWAITING_CONFIRMATION, _S.DUE}),
    **{needs: frozenset({_S.AWAITING_CONFIRMATION, _S.CANCELLED, _S.DUE}) | (_WAITING - {_S.RETRY})
       for needs in _NEEDS_YOU},
}
TRANSITIONS: dict[State, frozenset[State]] = {
    state: _FORWARD[state] | ((frozenset({_S.RETRY}) | _NEEDS_YOU) if state.talks_to_the_world else frozenset())
    for state in State
}


def diagram() -> str:
    """The state diagram as Mermaid text (ARCHITECTURE.md shows it; a test keeps the two equal).
    Drawn from ``TRANSITIONS``; the edges every step shares (into retry or a needs-you state, and
    back to where it stopped) are one note each instead of a hundred arrows."""
    lines = ["stateDiagram-v2", "    [*] --> due"]
    for state in State:
        if state is State.RETRY or state.needs_you:
            continue
        for target in sorted(TRANSITIONS[state] - _NEEDS_YOU - {State.RETRY}, key=list(State).index):
            lines.append(f"    {state.value} --> {target.value}")
    lines.append("    done --> [*]")
    lines.append("    note right of retry : any step that talks to eHealth or the eID may wait here "
                 "(capped backoff), then resumes where it was")
    needs = ", ".join(s.value for s in State if s.needs_you)
    lines.append(f"    note right of needs_attention : needs you ({needs}): stopped until the user acts, "
                 "then resumes where it was or starts again")
    return "\n".join(lines)


BACKOFF_FIRST = dt.timedelta(minutes=1)
BACKOFF_MAX = dt.timedelta(hours=6)

MIGRATIONS = [
    """
    CREATE TABLE renewals (
        id TEXT PRIMARY KEY,
        old_keystore TEXT NOT NULL,
        old_sha256 TEXT,
        identifier TEXT NOT NULL,
        application TEXT,
        holder TEXT,
        environment TEXT NOT NULL,
        old_not_after TEXT,
        state TEXT NOT NULL,
        resume_state TEXT,
        new_keystore TEXT,
        public_key_identifier TEXT,
        request_number TEXT,
        requested_at TEXT,
        available_from TEXT,
        next_attempt_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        etk_serial TEXT,
        new_not_after TEXT,
        contact TEXT,
        last_error_key TEXT,
        last_error_params TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX renewals_old ON renewals(old_keystore);
    CREATE TABLE renewal_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        renewal_id TEXT NOT NULL REFERENCES renewals(id),
        at TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        note TEXT
    )
    """,
    # compare-and-set version; the hand-over's stored hook results and notice moments
    """
    ALTER TABLE renewals ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE renewals ADD COLUMN hook_results TEXT;
    ALTER TABLE renewals ADD COLUMN notified_at TEXT;
    ALTER TABLE renewals ADD COLUMN acknowledged_at TEXT
    """,
]


class InvalidTransition(RuntimeError):
    """A programming error: the engine tried a step the machine does not allow."""


class StaleState(RuntimeError):
    """Another writer changed this renewal since it was read: this writer must stop, not overwrite."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat() if value else None


def _parse(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


@dataclass
class Renewal:
    """One row: everything needed to resume, nothing secret (passwords stay in the keyring)."""

    id: str
    old_keystore: str
    identifier: str
    environment: str
    state: State
    old_sha256: str | None = None
    application: str | None = None
    holder: str | None = None
    old_not_after: dt.datetime | None = None
    resume_state: State | None = None
    new_keystore: str | None = None
    public_key_identifier: str | None = None
    request_number: str | None = None
    requested_at: dt.datetime | None = None
    available_from: dt.datetime | None = None
    next_attempt_at: dt.datetime | None = None
    attempts: int = 0
    etk_serial: str | None = None
    new_not_after: dt.datetime | None = None
    contact: dict[str, Any] = field(default_factory=dict)       # contact data given to eHealth (not secret)
    last_error_key: str | None = None
    last_error_params: dict[str, Any] = field(default_factory=dict)
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    version: int = 0
    hook_results: list[list[Any]] = field(default_factory=list)  # [[hook, exit code], …] in the order run
    notified_at: dt.datetime | None = None
    acknowledged_at: dt.datetime | None = None

    _DATES = ("old_not_after", "requested_at", "available_from", "next_attempt_at", "new_not_after",
              "created_at", "updated_at", "notified_at", "acknowledged_at")
    _JSON = ("last_error_params", "contact", "hook_results")

    def __post_init__(self) -> None:
        self.state = State(self.state)
        if self.resume_state:
            self.resume_state = State(self.resume_state)

    @property
    def waiting(self) -> bool:
        return self.state.waiting

    @property
    def needs_you(self) -> bool:
        return self.state.needs_you

    @property
    def finished(self) -> bool:
        return self.state.finished

    def to_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in self._DATES:
                value = _iso(value)
            elif f.name in self._JSON:
                value = json.dumps(value if value is not None else None, default=str)
            elif isinstance(value, State):
                value = value.value
            row[f.name] = value
        return row

    @classmethod
    def from_row(cls, row: sqlite3.Row | dict[str, Any]) -> Renewal:
        data = dict(row)
        for name in cls._DATES:
            data[name] = _parse(data.get(name))
        for name in cls._JSON:
            data[name] = json.loads(data.get(name) or "null") or ([] if name == "hook_results" else {})
        return cls(**data)

    def to_json(self) -> dict[str, Any]:
        out = self.to_row()
        out["needs_you"] = self.needs_you
        out["waiting"] = self.waiting
        return out


class Lifecycles:
    """The renewals table. All writes are transactions; a transition is refused if not allowed, and
    fails with ``StaleState`` when the row changed since this writer read it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        store.migrate("renewal", MIGRATIONS)

    # -- reading
    def get(self, renewal_id: str) -> Renewal | None:
        row = self.store.db.execute("SELECT * FROM renewals WHERE id = ?", (renewal_id,)).fetchone()
        return Renewal.from_row(row) if row else None

    def for_keystore(self, old_keystore: Path | str) -> Renewal | None:
        """The current lifecycle of a keystore: the newest one (final ones included)."""
        row = self.store.db.execute(
            "SELECT * FROM renewals WHERE old_keystore = ? ORDER BY created_at DESC LIMIT 1",
            (str(Path(old_keystore)),)).fetchone()
        return Renewal.from_row(row) if row else None

    def by_new_keystore(self, new_keystore: Path | str) -> Renewal | None:
        row = self.store.db.execute("SELECT * FROM renewals WHERE new_keystore = ? ORDER BY created_at DESC LIMIT 1",
                                    (str(Path(new_keystore)),)).fetchone()
        return Renewal.from_row(row) if row else None

    def find(self, keystore: Path | str) -> Renewal | None:
        """The lifecycle a keystore (old or new) belongs to."""
        path = Path(keystore).resolve()
        return self.for_keystore(path) or self.by_new_keystore(path)

    def all(self) -> list[Renewal]:
        rows = self.store.db.execute("SELECT * FROM renewals ORDER BY created_at").fetchall()
        return [Renewal.from_row(r) for r in rows]

    def open(self) -> list[Renewal]:
        """Lifecycles not finished: waiting, waiting for the user, or due."""
        return [r for r in self.all() if not r.finished]

    def waiting(self) -> list[Renewal]:
        return [r for r in self.all() if r.waiting]

    def notices(self) -> list[Renewal]:
        """Renewals whose hand-over notice waits for the user's acknowledgement."""
        return [r for r in self.all() if r.state.awaiting_acknowledgement]

    def events(self, renewal_id: str) -> list[dict[str, Any]]:
        rows = self.store.db.execute("SELECT at, from_state, to_state, note FROM renewal_events "
                                     "WHERE renewal_id = ? ORDER BY seq", (renewal_id,)).fetchall()
        return [dict(r) for r in rows]

    # -- writing
    def create(self, *, old_keystore: Path, identifier: str, environment: str,
               state: State = State.AWAITING_CONFIRMATION, **values: Any) -> Renewal:
        now = _now()
        renewal = Renewal(id=uuid.uuid4().hex, old_keystore=str(Path(old_keystore)), identifier=identifier,
                          environment=environment, state=state, created_at=now, updated_at=now, **values)
        row = renewal.to_row()
        with self.store.transaction() as db:
            db.execute(f"INSERT INTO renewals ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                       tuple(row.values()))
            db.execute("INSERT INTO renewal_events(renewal_id, at, from_state, to_state, note) VALUES (?,?,?,?,?)",
                       (renewal.id, _iso(now), None, renewal.state.value, "created"))
        failpoint(f"after:{renewal.state.value}")
        return renewal

    def transition(self, renewal: Renewal, new_state: State, note: str = "", **values: object) -> Renewal:
        """Moves to ``new_state`` and saves ``values`` in one transaction (the intent, before the act).

        Compare-and-set: the row must still be in the state and version ``renewal`` was read with."""
        new_state = State(new_state)
        previous = renewal.state
        if not (new_state == previous or new_state in TRANSITIONS[previous]):
            raise InvalidTransition(f"{previous} -> {new_state}")
        updated = Renewal.from_row(renewal.to_row())
        for key, value in values.items():
            if key in ("id", "state", "version") or not hasattr(updated, key):
                raise InvalidTransition(f"field {key} cannot be set")
            setattr(updated, key, value)
        if new_state is not State.RETRY and previous is not State.RETRY and new_state != previous \
                and not new_state.needs_you:
            updated.attempts = 0
        if new_state != previous and "next_attempt_at" not in values:
            updated.next_attempt_at = None          # a moment to ask again belongs to the state that set it
        if new_state is not State.RETRY and not new_state.needs_you and "last_error_key" not in values:
            updated.last_error_key, updated.last_error_params = None, {}
        updated.state = new_state
        updated.updated_at = _now()
        updated.version = renewal.version + 1
        row = updated.to_row()
        with self.store.transaction() as db:
            sets = ", ".join(f"{k} = ?" for k in row if k != "id")
            cursor = db.execute(f"UPDATE renewals SET {sets} WHERE id = ? AND state = ? AND version = ?",
                                tuple(v for k, v in row.items() if k != "id")
                                + (renewal.id, previous.value, renewal.version))
            if cursor.rowcount != 1:
                raise StaleState(f"renewal {renewal.id} changed since it was read ({previous}, v{renewal.version})")
            db.execute("INSERT INTO renewal_events(renewal_id, at, from_state, to_state, note) VALUES (?,?,?,?,?)",
                       (renewal.id, _iso(updated.updated_at), previous.value, new_state.value, note[:500]))
        # the caller's object follows the row (callers keep using the object they passed)
        for f in fields(updated):
            setattr(renewal, f.name, getattr(updated, f.name))
        if new_state != previous:
            failpoint(f"after:{new_state.value}")
        return renewal

    def save(self, renewal: Renewal, note: str = "", **values: object) -> Renewal:
        """Records new facts without changing state."""
        return self.transition(renewal, renewal.state, note or "update", **values)

    def fail_for_retry(self, renewal: Renewal, error: EhwatchError, now: dt.datetime | None = None) -> Renewal:
        """A passing failure (network, server down): wait with capped exponential backoff, then resume."""
        now = now or _now()
        attempts = renewal.attempts + 1
        delay = min(BACKOFF_FIRST * (2 ** (attempts - 1)), BACKOFF_MAX)
        resume = renewal.resume_state if renewal.state is State.RETRY else renewal.state
        return self.transition(renewal, State.RETRY, note=error.key, resume_state=resume, attempts=attempts,
                               next_attempt_at=now + delay, last_error_key=error.key,
                               last_error_params=_public_params(error.params))

    def stop_for_user(self, renewal: Renewal, state: State, error: EhwatchError) -> Renewal:
        """A needs-you state, remembering where to resume once the user has acted."""
        if not State(state).needs_you:
            raise InvalidTransition(f"{state} is not a needs-you state")
        resume = renewal.resume_state if (renewal.state is State.RETRY or renewal.needs_you) else renewal.state
        return self.transition(renewal, state, note=error.key, resume_state=resume,
                               last_error_key=error.key, last_error_params=_public_params(error.params))


def _public_params(params: dict[str, object]) -> dict[str, int | float | str | bool | None]:
    """Error parameters are facts (dates, counts, codes), never secrets; keep them JSON-able."""
    return {k: (v if isinstance(v, (int, float, str, bool)) or v is None else str(v)) for k, v in params.items()}


if __name__ == "__main__":      # ARCHITECTURE.md's diagram: python -m ehwatch.renewal.lifecycle
    print(diagram())
