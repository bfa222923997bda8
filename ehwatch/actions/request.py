"""Request a new certificate (the Certificate Manager's "Request a new certificate"): for the eID
holder or an organisation they manage, when there is no keystore to renew — the first one, or the
old one expired or was revoked. The same steps as a renewal (``RenewalStart.request_new``), then the
same completion: mail or poll, install, ETK, hooks, the hand-over notice.

A request eHealth does not validate automatically (``AutomaticallyValidated`` false: its support
checks it by hand, usually an organisation's) is remembered here, so ``ehwatch renewals`` keeps
saying why the certificate takes longer and what to do.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ehwatch.actions import handover

if TYPE_CHECKING:
    from ehwatch.actions.ui import ActionUI
    from ehwatch.core import Core
    from ehwatch.store import Store

MIGRATIONS = [
    """
    CREATE TABLE new_requests (
        renewal_id TEXT PRIMARY KEY,
        manual_validation INTEGER NOT NULL DEFAULT 0,
        recorded_at TEXT NOT NULL
    )
    """,
]


def remember(store: Store, renewal_id: str, manual_validation: bool) -> None:
    """This lifecycle is a request for a new certificate (its notice says "new", not "renewed"), and
    whether eHealth's support validates it by hand."""
    store.migrate("new_request", MIGRATIONS)
    with store.transaction() as db:
        db.execute("INSERT OR REPLACE INTO new_requests(renewal_id, manual_validation, recorded_at) VALUES (?,?,?)",
                   (renewal_id, int(manual_validation), dt.datetime.now(dt.UTC).isoformat()))


def _row(store: Store, renewal_id: str) -> sqlite3.Row | None:
    store.migrate("new_request", MIGRATIONS)
    row: sqlite3.Row | None = store.db.execute("SELECT manual_validation FROM new_requests WHERE renewal_id = ?",
                                               (renewal_id,)).fetchone()
    return row


def is_new_request(store: Store, renewal_id: str) -> bool:
    return _row(store, renewal_id) is not None


def manual_validation(store: Store, renewal_id: str) -> bool:
    row = _row(store, renewal_id)
    return bool(row and row[0])


def environment_of(keystore: Path | None, acceptance: bool) -> str:
    """A replaced keystore's environment (its name says), else production unless asked otherwise."""
    if keystore is not None:
        from ehwatch.monitor import names

        parsed = names.parse_keystore_filename(Path(keystore).name)
        if parsed is not None:
            return parsed.environment
    return "acceptance" if acceptance else "production"


def replacing(keystore: Path) -> dict[str, Any]:
    """The request that replaces ``keystore`` (expired or revoked): the same holder or organisation,
    application id, environment and folder, as its file name says."""
    from ehwatch.monitor import names

    keystore = Path(keystore).resolve()
    parsed = names.parse_keystore_filename(keystore.name)
    organisation = f"{parsed.type}={parsed.id}" if parsed and parsed.type != "SSIN" else None
    return {"folder": str(keystore.parent), "replaces": str(keystore), "organisation": organisation,
            "application_id": parsed.application if parsed else None,
            "environment": environment_of(keystore, False), "choose": False}


def tray_args(core: Core, keystore: Path | None) -> dict[str, Any]:
    """The tray's "Request a new certificate…" (on an expired keystore) or "New certificate…" (whom
    is asked: the eID holder or an organisation they manage), written to the first keystore folder."""
    if keystore is not None:
        return replacing(keystore)
    return {"folder": str(Path(core.keystore_dirs()[0]).resolve()), "choose": True, "environment": "production"}


def run(core: Core, ui: ActionUI, args: dict[str, Any]) -> int:
    from ehwatch.renewal.engine import Engine
    from ehwatch.renewal.start import NewRequest, RenewalStart

    what = NewRequest.from_json(args)
    if what.replaces is not None and not what.replaces.is_file():
        ui.tell("cli.renew.no_such_keystore", file=str(what.replaces))
        return 2
    if not what.folder.is_dir():
        from ehwatch import paths

        if what.folder.resolve() != (paths.user_home() / "ehealth" / "keystore").resolve():
            ui.tell("cli.request.no_such_folder", folder=str(what.folder))
            return 2
        what.folder.mkdir(parents=True, exist_ok=True)   # a first certificate: where the official tool keeps them
    engine = Engine(core, trace_dir=args.get("trace"))
    start = RenewalStart(engine)
    renewal = start.request_new(what, ui, assume_yes=bool(args.get("yes")))
    if start.automatically_validated is not None:   # sent: kept, so the listing and the notice say it right
        remember(core.store, renewal.id, manual_validation=not start.automatically_validated)
    renewal = engine.drive(renewal)
    code = handover.report(engine, ui, renewal, local=bool(args.get("local")))
    return 0 if code == 1 else code           # the request was sent: waiting is the expected outcome
