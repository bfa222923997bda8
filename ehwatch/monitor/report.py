"""The inventory as people read it: the status table and the problem lines, in the user's language.

Shared by ``ehwatch status`` and anything else that shows the inventory as text (tray tooltips,
reports); the logic never builds these sentences itself.
"""
from __future__ import annotations

import unicodedata

from ehwatch import i18n
from ehwatch.monitor import status as policy
from ehwatch.monitor.inventory import Inventory, KeystoreRecord

COLUMNS = ("holder", "identifier", "environment", "expiry", "days_left", "status", "todo")


def status_text(record: KeystoreRecord, lang: str | None = None) -> str:
    return i18n.t("monitor.status." + record.status, lang)


# a keystore in these states has nothing more to do with a renewal, whatever the store says
_NO_RENEWAL_WORDS = (policy.SUPERSEDED, policy.REVOKED, policy.UNREADABLE)


def renewal_text(record: KeystoreRecord, lang: str | None = None) -> str | None:
    """What the renewal of this keystore is doing, instead of "renew now": "Renewal under way —
    waiting for eHealth (request 12345)." (the tray shows the same sentence); None when no renewal
    under way concerns this row."""
    note = record.renewal
    if note is None or record.status in _NO_RENEWAL_WORDS:
        return None
    if note.needs_you:
        return i18n.t("monitor.renewal.stopped", lang, state=i18n.t(f"renewal.state.{note.state}", lang))
    if note.waiting:
        if note.state in ("requesting", "requested", "retry"):
            if note.request_number:
                return i18n.t("monitor.renewal.waiting_request", lang, request=note.request_number)
            return i18n.t("monitor.renewal.waiting", lang)
        return i18n.t("monitor.renewal.completing", lang, step=i18n.t(f"renewal.state.{note.state}", lang))
    if note.awaiting_acknowledgement and note.role == "new":
        return i18n.t("monitor.renewal.use_this_file", lang)
    return None


def todo_text(record: KeystoreRecord, lang: str | None = None) -> str:
    renewal = renewal_text(record, lang)
    if renewal is not None:
        return renewal
    if record.status in (policy.LOCKED, policy.WRONG_PASSWORD):
        return i18n.t("monitor.todo." + record.status, lang, path=str(record.path))
    return i18n.t("monitor.todo." + record.status, lang)


def _expiry_text(record: KeystoreRecord, lang: str | None) -> str:
    if record.not_after is None:
        return "—"
    date = i18n.format_date(policy.brussels_date(record.not_after), lang)   # the day days_left counts to
    if record.expiry_source == "file-name":
        return i18n.t("monitor.table.estimated", lang, date=date)
    return date


def row(record: KeystoreRecord, lang: str | None = None) -> list[str]:
    identifier = record.identifier or record.path.name
    if record.application:
        identifier += f", {record.application}"
    return [
        record.holder or "—",
        identifier,
        i18n.t("monitor.env." + record.environment, lang),
        _expiry_text(record, lang),
        "—" if record.days_left is None else str(record.days_left),
        status_text(record, lang),
        todo_text(record, lang),
    ]


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(c) else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def table(inventory: Inventory, lang: str | None = None) -> list[str]:
    """Aligned lines: a header, one line per keystore; then a line per problem (file, then folder)."""
    lines: list[str] = []
    if inventory.records:
        header = [i18n.t("monitor.table." + c, lang) for c in COLUMNS]
        rows = [row(r, lang) for r in inventory.records]
        widths = [max(_width(x[i]) for x in [header] + rows) for i in range(len(COLUMNS) - 1)]
        for cells in [header] + rows:
            lines.append("  ".join(_pad(c, w) for c, w in zip(cells, widths)) + "  " + cells[-1])
    else:
        lines.append(i18n.t("monitor.table.none", lang, dirs=", ".join(str(d) for d in inventory.dirs)))
    details = [r for r in inventory.records if r.problem and r.status != policy.LOCKED]
    if details:
        lines.append("")
        for record in details:
            lines.append(i18n.t("monitor.table.file", lang, path=str(record.path)))
            lines.append("  " + (record.problem_text(lang) or ""))  # a record with a problem has its text
    if inventory.folder_problems:
        lines.append("")
        lines += [i18n.t(p.key, lang, **p.params) for p in inventory.folder_problems]
    return lines
