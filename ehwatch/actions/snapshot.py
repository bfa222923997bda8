"""What the tray shows, computed once from the scan, the renewals and the failures.

The daemon keeps the facts (records, lifecycles, failures); this turns them into the ``Snapshot``
the tray renders and the list of problems the reminders speak about, so the icon, the menu and
``ehwatch status`` can never disagree about what needs the user.

Each keystore record of the snapshot carries ``renewal`` (``monitor.inventory.RenewalNote``, or None):
the renewal under way for that keystore — role "old" (being renewed) or "new" (the keystore it writes),
its state, whether it waits for eHealth or for the user, eHealth's request number. The tray shows
``monitor.report.renewal_text(record)`` on that row instead of "renew now", as ``ehwatch status`` does.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ehwatch import i18n
from ehwatch.events import Snapshot
from ehwatch.reminders import Failure

if TYPE_CHECKING:
    from ehwatch.core import Core
    from ehwatch.monitor.inventory import KeystoreRecord
    from ehwatch.renewal.lifecycle import Renewal


def watched_records(records: Sequence[KeystoreRecord]) -> list[KeystoreRecord]:
    """Records that speak for a certificate in use (a replaced one is history)."""
    return [r for r in records if r.status != "superseded"]


def reminder_records(records: Sequence[KeystoreRecord]) -> list[KeystoreRecord]:
    """Records whose expiry date was read from the certificate: a date guessed from the file name
    (password unknown) is not worth a countdown; the missing password is what gets notified."""
    return [r for r in watched_records(records) if r.expiry_source == "certificate"]


def overall_state(records: Sequence[KeystoreRecord], problems: list[str], paused: bool) -> str:
    """The icon colour: red (expired, unreadable, a failure) beats orange (expiring, password unknown,
    request pending) beats green; grey when nothing was found or notifications are paused."""
    from ehwatch.monitor import status

    if problems or any(r.status in status.CRITICAL for r in records):
        return "red"
    if paused or not records:
        return "grey"
    if any(r.status in status.WARNING or r.status == status.PENDING for r in records):
        return "orange"
    return "green"


def renewal_failures(renewals: Sequence[Renewal]) -> list[Failure]:
    """Renewals stopped until the user acts (PIN blocked, refused…)."""
    return [Failure(f"renewal:{r.id}:{r.state.value}", r.last_error_key, r.last_error_params, Path(r.old_keystore))
            for r in renewals if r.needs_you and r.last_error_key]


def record_failures(records: Sequence[KeystoreRecord], is_muted: Callable[[Path], bool]) -> list[Failure]:
    """Keystores with a problem the user must solve (unknown password, unreadable file), unless muted."""
    from ehwatch.monitor import status

    return [Failure(f"record:{record.path.name}:{record.problem}", record.problem, record.problem_params,
                    Path(record.path))
            for record in watched_records(records)
            if record.problem and record.status in (status.LOCKED, status.WRONG_PASSWORD, status.UNREADABLE)
            and not is_muted(record.path)]


def build(core: Core, records: Sequence[KeystoreRecord], renewals: Sequence[Renewal], failures: list[Failure],
          paused_until: float | None, notification_failed: bool, autostart_enabled: bool) -> Snapshot:
    from ehwatch.actions.renewals import attach

    attach(records, renewals)
    watched = watched_records(records)
    shown = list(failures) + renewal_failures(renewals)
    problems = [i18n.t(f.message_key, core.language, **f.params) for f in shown]
    if notification_failed:
        problems.append(core.t("daemon.notifications_failed"))
    state = overall_state(watched, problems, paused_until is not None)
    if any(r.waiting or r.state.awaiting_acknowledgement for r in renewals) and state in ("green", "grey"):
        state = "orange"                        # a renewal waits for eHealth, or its notice for the user
    return Snapshot(keystores=watched, renewals=list(renewals), overall=state, paused_until=paused_until,
                    autostart=autostart_enabled, problems=problems, mailbox=bool(core.config.mail.host))
