"""The tray menu as plain data: ``Snapshot -> [MenuEntry]``.

Pure functions, so the menu's content and the intent behind each entry are tested without a display;
``tray.app`` only turns the model into pystray items. Keystore records are read by field name and
may be objects (monitor records) or dicts (the ``status --json`` shape): ``path``, ``holder``,
``identifier``, ``status``, ``days_left``, ``not_after``.
"""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

from ehwatch import events, i18n
from ehwatch.events import Intent, Snapshot
from ehwatch.renewal.lifecycle import State

# Records that must not appear in the menu: an older keystore replaced by a newer one stops alarming.
HIDDEN_STATUSES = ("superseded",)
# A renewal cannot start from these: the user needs a new request (expired) or a readable file.
NOT_RENEWABLE = ("expired", "unreadable", "revoked")
# A new certificate replaces these (issue 12: "Request a new certificate…").
NEEDS_NEW_REQUEST = ("expired", "revoked")
# Only a working certificate can be revoked.
REVOCABLE = ("valid", "expiring", "locked", "wrong-password")
MAX_PROBLEMS_SHOWN = 3


@dataclass
class MenuEntry:
    """One line of the menu. ``intent`` is what a click sends; a separator has neither label nor intent."""

    label: str = ""
    intent: Intent | None = None
    checked: bool | None = None          # None: no check box; True/False: a check item
    enabled: bool = True
    submenu: list[MenuEntry] = field(default_factory=list)
    separator: bool = False
    default: bool = False                # the action of a left click on the icon (where supported)
    visible: bool = True

    def walk(self):
        """This entry and every entry below it (tests and lookups)."""
        yield self
        for child in self.submenu:
            yield from child.walk()


SEPARATOR = MenuEntry(separator=True)


def field_of(record, name: str, default=None):
    """A field of a keystore record, whether the core hands objects or dicts."""
    if isinstance(record, dict):
        return record.get(name, default)
    return getattr(record, name, default)


def days_left(record, now: dt.datetime | None = None) -> int | None:
    """Whole days until expiry (rounded down), from ``days_left`` or else ``not_after``."""
    value = field_of(record, "days_left")
    if value is not None:
        return int(value)
    not_after = field_of(record, "not_after")
    if not not_after:
        return None
    if isinstance(not_after, str):
        try:
            not_after = dt.datetime.fromisoformat(not_after.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(not_after, dt.date) and not isinstance(not_after, dt.datetime):
        not_after = dt.datetime.combine(not_after, dt.time(), dt.UTC)
    if not_after.tzinfo is None:
        not_after = not_after.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return (not_after - now) // dt.timedelta(days=1)


def holder_name(record, lang: str | None = None) -> str:
    """What the doctor recognises: the holder's name, else the identifier, else the file name;
    an acceptance (test) keystore says so, since a practice may keep both side by side."""
    name = next((str(field_of(record, f)) for f in ("holder", "identifier") if field_of(record, f)), None)
    if name is None:
        path = field_of(record, "path")
        name = Path(path).name if path else "?"
    if field_of(record, "environment") == "acceptance":
        name = i18n.t("tray.menu.acceptance", lang, holder=name)
    return name


def _plural(base: str, count: int, lang: str) -> str:
    return i18n.t(f"{base}.one" if abs(count) == 1 else f"{base}.many", lang, days=abs(count))


def state_in_words(record, lang: str) -> str:
    """'expire dans 20 jours', 'expiré depuis 3 jours', 'mot de passe inconnu'… for one record."""
    status = field_of(record, "status") or ""
    days = days_left(record)
    if status == "pending":
        return i18n.t("tray.state.pending", lang)
    if status == "wrong-password":
        return i18n.t("tray.state.wrong_password", lang)
    if status == "unreadable":
        return i18n.t("tray.state.unreadable", lang)
    if status == "revoked":
        return i18n.t("tray.state.revoked", lang)
    if days is None:
        return i18n.t("tray.state.locked" if status == "locked" else "tray.state.unknown", lang)
    if days < 0:
        return _plural("tray.state.expired_since", -days, lang)
    if status == "expired":
        return i18n.t("tray.state.expired_today", lang)
    if days == 0:
        return i18n.t("tray.state.expires_today", lang)
    words = _plural("tray.state.expires_in", days, lang)
    if status == "locked":  # estimated from the file name: say so
        return i18n.t("tray.state.estimated", lang, state=words)
    return words


def _path(record) -> Path | None:
    path = field_of(record, "path")
    return Path(path) if path else None


def visible_keystores(snapshot: Snapshot) -> list:
    return [r for r in snapshot.keystores if field_of(r, "status") not in HIDDEN_STATUSES]


def _keystore_entry(record, lang: str) -> MenuEntry:
    path = _path(record)
    status = field_of(record, "status") or ""
    label = i18n.t("tray.menu.keystore", lang, holder=holder_name(record, lang),
                   state=state_in_words(record, lang))
    new_request = ([MenuEntry(i18n.t("tray.menu.request_new", lang), Intent(events.REQUEST_NEW, path))]
                   if path is not None and status in NEEDS_NEW_REQUEST else [])
    revoke = ([SEPARATOR, MenuEntry(i18n.t("tray.menu.revoke", lang), Intent(events.REVOKE, path))]
              if path is not None and status in REVOCABLE else [])
    return MenuEntry(label=label, submenu=[
        *new_request,
        MenuEntry(i18n.t("tray.menu.renew", lang), Intent(events.RENEW, path),
                  enabled=path is not None and status not in NOT_RENEWABLE),
        MenuEntry(i18n.t("tray.menu.open_folder", lang), Intent(events.OPEN_FOLDER, path), enabled=path is not None),
        MenuEntry(i18n.t("tray.menu.set_password", lang), Intent(events.SET_PASSWORD, path),
                  enabled=path is not None),
        MenuEntry(i18n.t("tray.menu.change_password", lang), Intent(events.CHANGE_PASSWORD, path),
                  enabled=path is not None and status not in ("unreadable", "pending")),
        SEPARATOR,
        MenuEntry(i18n.t("tray.menu.snooze", lang), Intent(events.SNOOZE, path), enabled=path is not None),
        MenuEntry(i18n.t("tray.menu.mute", lang), Intent(events.MUTE, path), enabled=path is not None),
        *revoke,
    ])


def _handover_entry(renewal, lang: str) -> MenuEntry:
    """A finished renewal's notice stays here until the user says their software uses the new file."""
    new = Path(field_of(renewal, "new_keystore"))
    holder = field_of(renewal, "holder") or field_of(renewal, "identifier")
    return MenuEntry(label=i18n.t("tray.menu.handover", lang, holder=holder), submenu=[
        MenuEntry(str(new), enabled=False),
        MenuEntry(i18n.t("tray.menu.open_folder", lang), Intent(events.OPEN_FOLDER, new)),
        MenuEntry(i18n.t("tray.menu.handover_seen", lang), Intent(events.ACKNOWLEDGE, new)),
    ])


def is_paused(snapshot: Snapshot, now: float | None = None) -> bool:
    return bool(snapshot.paused_until and snapshot.paused_until > (now or time.time()))


def menu_model(snapshot: Snapshot, lang: str, manager_available: bool = False) -> list[MenuEntry]:
    """The whole menu for ``snapshot`` in ``lang``. ``manager_available`` (or a ``manager_available``
    attribute on the snapshot) shows the entry that opens the official Certificate Manager."""
    entries: list[MenuEntry] = []
    for problem in list(snapshot.problems)[:MAX_PROBLEMS_SHOWN]:
        entries.append(MenuEntry(label=f"⚠ {problem}", enabled=False))
    if snapshot.problems:
        entries.append(SEPARATOR)
    for renewal in snapshot.renewals:
        if State(field_of(renewal, "state")).awaiting_acknowledgement and field_of(renewal, "new_keystore"):
            entries.append(_handover_entry(renewal, lang))
    keystores = visible_keystores(snapshot)
    if keystores:
        entries += [_keystore_entry(record, lang) for record in keystores]
    else:
        entries.append(MenuEntry(i18n.t("tray.menu.no_keystore", lang), enabled=False))
    entries.append(SEPARATOR)
    # A left click on the icon asks the core to show the status (the same as a second instance does).
    entries.append(MenuEntry(i18n.t("tray.menu.show_status", lang), Intent(events.SHOW_STATUS), default=True,
                             visible=False))
    entries.append(MenuEntry(i18n.t("tray.menu.check_now", lang), Intent(events.CHECK_NOW)))
    entries.append(MenuEntry(i18n.t("tray.menu.check_mail", lang), Intent(events.CHECK_MAIL)))
    entries.append(MenuEntry(i18n.t("tray.menu.new_certificate", lang), Intent(events.REQUEST_NEW)))
    paused = is_paused(snapshot)
    pause_label = (i18n.t("tray.menu.paused_until", lang, time=time.strftime("%H:%M", time.localtime(
        snapshot.paused_until))) if paused else i18n.t("tray.menu.pause_day", lang))
    entries.append(MenuEntry(pause_label, Intent(events.PAUSE_DAY), checked=paused))
    entries.append(MenuEntry(i18n.t("tray.menu.autostart", lang), Intent(events.TOGGLE_AUTOSTART),
                             checked=bool(snapshot.autostart)))
    entries.append(SEPARATOR)
    entries.append(MenuEntry(i18n.t("tray.menu.settings", lang), Intent(events.SETTINGS)))
    if manager_available or getattr(snapshot, "manager_available", False):
        entries.append(MenuEntry(i18n.t("tray.menu.open_manager", lang), Intent(events.OPEN_MANAGER)))
    entries.append(MenuEntry(i18n.t("tray.menu.about", lang), Intent(events.ABOUT)))
    entries.append(MenuEntry(i18n.t("tray.menu.quit", lang), Intent(events.QUIT)))
    return entries


def tooltip(snapshot: Snapshot, lang: str) -> str:
    """The nearest expiry in words ('ehwatch — MARIE DUBOIS : expire dans 20 jours'); the core's own
    ``snapshot.tooltip`` wins when it set one."""
    if snapshot.tooltip:
        return snapshot.tooltip
    dated = [(days_left(r), r) for r in visible_keystores(snapshot)]
    dated = [(d, r) for d, r in dated if d is not None]
    if dated:
        _, nearest = min(dated, key=lambda pair: pair[0])
        text = i18n.t("tray.tooltip.nearest", lang, holder=holder_name(nearest, lang),
                      state=state_in_words(nearest, lang))
    elif visible_keystores(snapshot):
        text = i18n.t("tray.tooltip.no_date", lang, count=len(visible_keystores(snapshot)))
    else:
        text = i18n.t("tray.tooltip.nothing", lang)
    if is_paused(snapshot):
        text += "\n" + i18n.t("tray.tooltip.paused", lang)
    return text
