"""One persisted renewal lifecycle per certificate: the states, the allowed transitions, the store.

certmonger-style: every renewal is a row in the state store, every change of state is written (with
its reason) *before* the side effect it announces. After a crash the engine reads the row and knows
what it was about to do, then asks the platform what actually happened before doing anything again.

    due → awaiting_confirmation → requesting → requested → produced → installing
        → etk_registering → etk_activating → done

"Needs you" states stop the machine and say what the user must do; ``retry`` waits with capped
backoff and then goes back to the state it came from.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field, fields
from pathlib import Path

from ehwatch.errors import EhwatchError
from ehwatch.failpoints import failpoint

DUE = "due"
AWAITING_CONFIRMATION = "awaiting_confirmation"
REQUESTING = "requesting"
REQUESTED = "requested"
PRODUCED = "produced"
INSTALLING = "installing"
ETK_REGISTERING = "etk_registering"
ETK_ACTIVATING = "etk_activating"
DONE = "done"
RETRY = "retry"
CANCELLED = "cancelled"
# "needs you": the machine stops until the user acts
PIN_BLOCKED = "pin_blocked"
PASSWORD_UNKNOWN = "password_unknown"
REFUSED = "refused"
EXPIRED = "expired"
NEEDS_ATTENTION = "needs_attention"   # anything else the user must look at (message key in last_error)

ACTIVE = (REQUESTING, REQUESTED, PRODUCED, INSTALLING, ETK_REGISTERING, ETK_ACTIVATING, RETRY)
NEEDS_YOU = (PIN_BLOCKED, PASSWORD_UNKNOWN, REFUSED, EXPIRED, NEEDS_ATTENTION)
FINAL = (DONE, CANCELLED)
ALL_STATES = (DUE, AWAITING_CONFIRMATION, *ACTIVE, *NEEDS_YOU, *FINAL)

# Which state may follow which. Anything may go to RETRY or a needs-you state (from the states that
# talk to the world); RETRY goes back to where it came from.
_FORWARD = {
    DUE: {AWAITING_CONFIRMATION, CANCELLED, EXPIRED},
    AWAITING_CONFIRMATION: {REQUESTING, CANCELLED, DUE, EXPIRED},
    REQUESTING: {REQUESTED, PRODUCED, AWAITING_CONFIRMATION, CANCELLED},
    REQUESTED: {PRODUCED, DONE},
    PRODUCED: {INSTALLING},
    INSTALLING: {ETK_REGISTERING},
    ETK_REGISTERING: {ETK_ACTIVATING},
    ETK_ACTIVATING: {DONE},
    RETRY: set(ACTIVE) | {AWAITING_CONFIRMATION},
    DONE: set(),
    CANCELLED: {AWAITING_CONFIRMATION, DUE},
}
for _needs in NEEDS_YOU:
    _FORWARD[_needs] = {AWAITING_CONFIRMATION, CANCELLED, DUE} | set(ACTIVE)

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
]


class InvalidTransition(RuntimeError):
    """A programming error: the engine tried a step the machine does not allow."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.timezone.utc).isoformat() if value else None


def _parse(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


@dataclass
class Renewal:
    """One row: everything needed to resume, nothing secret (passwords stay in the keyring)."""

    id: str
    old_keystore: str
    identifier: str
    environment: str
    state: str
    old_sha256: str | None = None
    application: str | None = None
    holder: str | None = None
    old_not_after: dt.datetime | None = None
    resume_state: str | None = None
    new_keystore: str | None = None
    public_key_identifier: str | None = None
    request_number: str | None = None
    requested_at: dt.datetime | None = None
    available_from: dt.datetime | None = None
    next_attempt_at: dt.datetime | None = None
    attempts: int = 0
    etk_serial: str | None = None
    new_not_after: dt.datetime | None = None
    contact: dict = field(default_factory=dict)       # contact data given to eHealth (not secret)
    last_error_key: str | None = None
    last_error_params: dict = field(default_factory=dict)
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    _DATES = ("old_not_after", "requested_at", "available_from", "next_attempt_at", "new_not_after",
              "created_at", "updated_at")

    @property
    def active(self) -> bool:
        return self.state in ACTIVE

    @property
    def needs_you(self) -> bool:
        return self.state in NEEDS_YOU

    def to_row(self) -> dict:
        row = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in self._DATES:
                value = _iso(value)
            elif f.name in ("last_error_params", "contact"):
                value = json.dumps(value or {}, default=str)
            row[f.name] = value
        return row

    @classmethod
    def from_row(cls, row) -> "Renewal":
        data = dict(row)
        for name in cls._DATES:
            data[name] = _parse(data.get(name))
        data["last_error_params"] = json.loads(data.get("last_error_params") or "{}")
        data["contact"] = json.loads(data.get("contact") or "{}")
        return cls(**data)

    def to_json(self) -> dict:
        out = self.to_row()
        out["needs_you"] = self.needs_you
        return out


class Lifecycles:
    """The renewals table. All writes are transactions; a transition is refused if not allowed."""

    def __init__(self, store):
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

    def all(self) -> list[Renewal]:
        rows = self.store.db.execute("SELECT * FROM renewals ORDER BY created_at").fetchall()
        return [Renewal.from_row(r) for r in rows]

    def open(self) -> list[Renewal]:
        """Lifecycles not finished: active, waiting for the user, or due."""
        return [r for r in self.all() if r.state not in FINAL]

    def events(self, renewal_id: str) -> list[dict]:
        rows = self.store.db.execute("SELECT at, from_state, to_state, note FROM renewal_events "
                                     "WHERE renewal_id = ? ORDER BY seq", (renewal_id,)).fetchall()
        return [dict(r) for r in rows]

    # -- writing
    def create(self, *, old_keystore: Path, identifier: str, environment: str, state: str = AWAITING_CONFIRMATION,
               **values) -> Renewal:
        now = _now()
        renewal = Renewal(id=uuid.uuid4().hex, old_keystore=str(Path(old_keystore)), identifier=identifier,
                          environment=environment, state=state, created_at=now, updated_at=now, **values)
        row = renewal.to_row()
        with self.store.transaction() as db:
            db.execute(f"INSERT INTO renewals ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                       tuple(row.values()))
            db.execute("INSERT INTO renewal_events(renewal_id, at, from_state, to_state, note) VALUES (?,?,?,?,?)",
                       (renewal.id, _iso(now), None, state, "created"))
        failpoint(f"after:{state}")
        return renewal

    def transition(self, renewal: Renewal, new_state: str, note: str = "", **values) -> Renewal:
        """Moves to ``new_state`` and saves ``values`` in one transaction (the intent, before the act)."""
        if new_state not in ALL_STATES:
            raise InvalidTransition(new_state)
        allowed = _FORWARD.get(renewal.state, set())
        talks_to_world = renewal.state in ACTIVE or renewal.state == AWAITING_CONFIRMATION
        if not (new_state in allowed or new_state == renewal.state
                or (talks_to_world and (new_state == RETRY or new_state in NEEDS_YOU))):
            raise InvalidTransition(f"{renewal.state} -> {new_state}")
        for key, value in values.items():
            if not hasattr(renewal, key):
                raise InvalidTransition(f"unknown field {key}")
            setattr(renewal, key, value)
        if new_state != RETRY and renewal.state != RETRY and new_state != renewal.state:
            renewal.attempts = 0 if new_state not in NEEDS_YOU else renewal.attempts
        if new_state not in (RETRY, *NEEDS_YOU) and "last_error_key" not in values:
            renewal.last_error_key, renewal.last_error_params = None, {}
        previous = renewal.state
        renewal.state = new_state
        renewal.updated_at = _now()
        row = renewal.to_row()
        with self.store.transaction() as db:
            sets = ", ".join(f"{k} = ?" for k in row if k != "id")
            db.execute(f"UPDATE renewals SET {sets} WHERE id = ?",
                       tuple(v for k, v in row.items() if k != "id") + (renewal.id,))
            db.execute("INSERT INTO renewal_events(renewal_id, at, from_state, to_state, note) VALUES (?,?,?,?,?)",
                       (renewal.id, _iso(renewal.updated_at), previous, new_state, note[:500]))
        if new_state != previous:
            failpoint(f"after:{new_state}")
        return renewal

    def save(self, renewal: Renewal, note: str = "", **values) -> Renewal:
        """Records new facts without changing state."""
        return self.transition(renewal, renewal.state, note or "update", **values)

    def fail_for_retry(self, renewal: Renewal, error: EhwatchError, now: dt.datetime | None = None) -> Renewal:
        """A passing failure (network, server down): wait with capped exponential backoff, then resume."""
        now = now or _now()
        attempts = renewal.attempts + 1
        delay = min(BACKOFF_FIRST * (2 ** (attempts - 1)), BACKOFF_MAX)
        resume = renewal.resume_state if renewal.state == RETRY else renewal.state
        return self.transition(renewal, RETRY, note=error.key, resume_state=resume, attempts=attempts,
                               next_attempt_at=now + delay, last_error_key=error.key,
                               last_error_params=_public_params(error.params))

    def needs_you(self, renewal: Renewal, state: str, error: EhwatchError) -> Renewal:
        assert state in NEEDS_YOU
        resume = renewal.resume_state if renewal.state in (RETRY, *NEEDS_YOU) else renewal.state
        return self.transition(renewal, state, note=error.key, resume_state=resume,
                               last_error_key=error.key, last_error_params=_public_params(error.params))


def _public_params(params: dict) -> dict:
    """Error parameters are facts (dates, counts, codes), never secrets; keep them JSON-able."""
    return {k: (v if isinstance(v, (int, float, str, bool)) or v is None else str(v)) for k, v in params.items()}
