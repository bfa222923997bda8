"""What the disk and the mailbox say, brought into the lifecycles.

- ``reconcile``: at every scan, the disk wins. An expiring keystore without a lifecycle gets one
  (``due``); an expired one the honest ``expired`` (only a new request is possible); a keystore
  renewed meanwhile with the official Certificate Manager (now ``superseded``) has its lifecycle
  closed, not redone. Temporary files a crash left next to the keystores are removed.
- ``on_mail``: a trusted "produced" mail is a hint, never an order: it only moves the moment the
  engine asks eHealth (``available_from``).
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ehwatch import fileutil
from ehwatch.monitor.status import brussels_date
from ehwatch.renewal.lifecycle import Lifecycles, Renewal, State

if TYPE_CHECKING:
    from ehwatch.mail.reading import MailReading
    from ehwatch.monitor.inventory import KeystoreRecord

log = logging.getLogger(__name__)


def reconcile(lifecycles: Lifecycles, inventory_records: Iterable[KeystoreRecord]) -> None:
    by_path = {str(Path(r.path).resolve()): r for r in inventory_records}
    # a finished request for a new certificate is named by the keystore it made (issue 12): that
    # keystore's own renewal, years later, is another lifecycle
    latest = {r.old_keystore: r for r in lifecycles.all()
              if not (r.finished and r.new_keystore and r.new_keystore == r.old_keystore)}
    for path, record in by_path.items():
        renewal = latest.get(path)
        if record.status == "superseded":
            if renewal is not None and (renewal.state.may_start and renewal.state is not State.CANCELLED):
                lifecycles.transition(renewal, State.CANCELLED, note="renewed elsewhere")
            continue
        if record.status not in ("expiring", "expired") or not record.identifier:
            continue
        if renewal is not None and renewal.state is not State.CANCELLED:
            if record.status == "expired" and renewal.state in (State.DUE, State.AWAITING_CONFIRMATION):
                _expire(lifecycles, renewal, record)
            continue
        if renewal is not None and record.status == "expiring":
            continue   # the user said no to this one; the reminders still speak up
        created = lifecycles.create(old_keystore=Path(path), identifier=record.identifier,
                                    environment=record.environment, application=record.application,
                                    holder=record.holder, old_not_after=record.not_after, state=State.DUE)
        if record.status == "expired":
            _expire(lifecycles, created, record)
    for folder in {Path(r.path).parent for r in inventory_records}:
        for leftover in fileutil.leftover_temp_files(folder):
            log.info("removing an unfinished temporary file %s", leftover.name)
            leftover.unlink(missing_ok=True)


def _expire(lifecycles: Lifecycles, renewal: Renewal, record: KeystoreRecord) -> None:
    date = brussels_date(record.not_after).isoformat() if record.not_after else None
    lifecycles.transition(renewal, State.EXPIRED, note="expired", last_error_key="renewal.expired",
                          last_error_params={"date": date})


def on_mail(lifecycles: Lifecycles, reading: MailReading, now: dt.datetime) -> Renewal | None:
    """The lifecycle a trusted eHealth mail is about, with the moment to ask eHealth moved."""
    if not reading.trusted_sender or reading.kind not in ("produced", "received"):
        return None
    for renewal in lifecycles.waiting():
        if renewal.state not in (State.REQUESTED, State.RETRY, State.REQUESTING) or not mail_matches(renewal, reading):
            continue
        values: dict[str, object] = {}
        if reading.request_number and not renewal.request_number:
            values["request_number"] = reading.request_number
        if reading.kind == "produced":
            when = reading.available_from.astimezone(dt.UTC) if reading.available_from else now
            values.update(available_from=when, next_attempt_at=when)
        return lifecycles.save(renewal, note=f"mail {reading.kind}", **values)
    return None


def mail_matches(renewal: Renewal, reading: MailReading) -> bool:
    """Same environment, same certificate (common name), and the same request number when both know it."""
    if reading.environment and reading.environment != renewal.environment:
        return False
    if not reading.common_name:
        return False
    cn = reading.common_name.replace(" ", "").upper()
    mine = (renewal.identifier + ("," + renewal.application if renewal.application else "")).replace(" ", "").upper()
    if cn != mine:
        return False
    return not (renewal.request_number and reading.request_number
                and renewal.request_number != reading.request_number)
