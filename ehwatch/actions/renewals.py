"""The renewals as the user reads them: each lifecycle's state and the next step, in one sentence."""
from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from ehwatch import instance, writer
from ehwatch.actions.handover import next_step_params

if TYPE_CHECKING:
    from ehwatch.core import Core
    from ehwatch.monitor.inventory import KeystoreRecord, RenewalNote
    from ehwatch.renewal.lifecycle import Renewal

log = logging.getLogger(__name__)


def next_step(core: Core, renewal: Renewal) -> str:
    """What happens next, or what the user must do; a finished renewal's notice while it waits for the
    acknowledgement (which file, the ETK active, the new password), then its history line."""
    if renewal.state.awaiting_acknowledgement:
        from ehwatch.actions.handover import notice

        return notice(core, renewal)[1] + "\n" + core.t("cli.renewals.acknowledge_how")
    if renewal.finished:
        return history_line(core, renewal)
    key = renewal.state.next_step_key
    if renewal.needs_you and renewal.last_error_key and key == "renewal.next.none":
        return core.t(renewal.last_error_key, **renewal.last_error_params)
    text = core.t(key, **next_step_params(core, renewal))
    if renewal.waiting:
        from ehwatch.actions import request

        if request.manual_validation(core.store, renewal.id):     # eHealth's support checks it by hand
            text += " " + core.t("request.manual_validation", identifier=renewal.identifier)
    return text


def history_line(core: Core, renewal: Renewal) -> str:
    """A finished renewal in one sentence, with its dates (Brussels dates): requested, ready (the
    hand-over), until when the new certificate is valid, acknowledged; or when it was cancelled. (The
    listing names the new keystore on its own line.)"""
    from ehwatch.monitor.status import brussels_date
    from ehwatch.renewal.lifecycle import Lifecycles, State

    def day(moment: datetime | None) -> object:
        return brussels_date(moment) if moment else "—"

    if renewal.state is State.CANCELLED:
        return core.t("renewal.history.cancelled", date=day(renewal.updated_at))
    ready = next((e["at"] for e in Lifecycles(core.store).events(renewal.id) if e["to_state"] == "notifying"), None)
    return core.t("renewal.history.done", requested=day(renewal.requested_at),
                  ready=day(datetime.fromisoformat(ready) if ready else None), until=day(renewal.new_not_after), acknowledged=day(renewal.acknowledged_at))


def lifecycles(core: Core, history: bool = False) -> list[Renewal]:
    """The lifecycles, brought up to date with the disk first when no daemon does it (cheap: the scan
    is cached). ``history``: finished ones too."""
    from ehwatch.monitor.inventory import scan
    from ehwatch.renewal.engine import Engine

    engine = Engine(core)
    if not instance.is_running():
        try:
            with writer.exclusive(wait=5):
                engine.reconcile(scan(core).records)
        except writer.WriterBusy:
            log.info("another ehwatch is changing renewals: listing them as they are")
    renewals = engine.lifecycles.all()
    return renewals if history else [r for r in renewals if not r.finished]


def _same_file(path: str | os.PathLike[str]) -> str:
    return os.path.normcase(os.path.realpath(path))


def attach(records: Sequence[KeystoreRecord], renewals: Iterable[Renewal]) -> None:
    """Notes on each keystore record the renewal that concerns it (``KeystoreRecord.renewal``), so its
    row in ``ehwatch status`` and in the tray says "renewal under way — waiting for eHealth (request N)"
    instead of "renew now": on the old keystore (role "old") and on the new one it writes (role "new").
    Only renewals under way, stopped for the user, or whose hand-over notice waits are noted; every
    other record's note is cleared (a record object may be shown again after its renewal ended)."""
    from ehwatch.monitor.inventory import RenewalNote

    notes: dict[str, RenewalNote] = {}
    for renewal in renewals:                      # oldest first: a newer lifecycle of a keystore wins
        if not (renewal.waiting or renewal.needs_you or renewal.state.awaiting_acknowledgement):
            continue
        for role, path in (("old", renewal.old_keystore), ("new", renewal.new_keystore)):
            if path:
                notes[_same_file(path)] = RenewalNote(
                    role=role, state=renewal.state.value, waiting=renewal.waiting, needs_you=renewal.needs_you,
                    awaiting_acknowledgement=renewal.state.awaiting_acknowledgement,
                    request_number=renewal.request_number, new_keystore=renewal.new_keystore)
    for record in records:
        record.renewal = notes.get(_same_file(record.path))
