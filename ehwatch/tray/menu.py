"""The tray menu as plain data: ``Snapshot -> [MenuEntry]``.

Pure functions, so the menu's content and the intent behind each entry are tested without a display;
``tray.app`` only turns the model into pystray items. Keystore records are read by field name and
may be objects (monitor records) or dicts (the ``status --json`` shape): ``path``, ``holder``,
``identifier``, ``status``, ``days_left``, ``not_after``.

Every row is short (at most ``WRAP`` characters): a certificate is its holder and its state, with ⚠
when it needs the user; what would make it long (why a renewal stopped, an estimated date, a
problem's whole text) is in its submenu. A renewal under way shows on its old keystore's row
("renewal under way", the request number below) instead of "Renew", and its new keystore is not a
second row. Days are ``monitor.status.days_left``'s (calendar days in Brussels), as in ``ehwatch
status``. ``status_rows`` is the same facts for the status window, each with its next step.
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


def _as_datetime(value) -> dt.datetime | None:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(), dt.UTC)
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value if isinstance(value, dt.datetime) else None


def days_left(record, now: dt.datetime | None = None) -> int | None:
    """Days until expiry as ``ehwatch status`` counts them (``monitor.status.days_left``: calendar
    days in Brussels), from ``not_after`` at ``now``; else the record's own ``days_left``."""
    not_after = _as_datetime(field_of(record, "not_after"))
    if not_after is not None:
        from ehwatch.monitor.status import days_left as status_days_left

        return status_days_left(not_after, now or dt.datetime.now(dt.UTC))
    value = field_of(record, "days_left")
    return int(value) if value is not None else None


def holder_name(record, lang: str | None = None, width: int | None = None) -> str:
    """What the doctor recognises: the holder's name, else the identifier, else the file name;
    an acceptance (test) keystore says so, since a practice may keep both side by side. ``width``:
    a long name (an organisation's) is cut to fit a menu row, the "(test)" mark kept."""
    name = next((str(field_of(record, f)) for f in ("holder", "identifier") if field_of(record, f)), None)
    if name is None:
        path = field_of(record, "path")
        name = Path(path).name if path else "?"
    if width is not None:
        name = _short_name(name, width - (7 if field_of(record, "environment") == "acceptance" else 0))
    if field_of(record, "environment") == "acceptance":
        name = i18n.t("tray.menu.acceptance", lang, holder=name)
    return name


def _plural(base: str, count: int, lang: str) -> str:
    return i18n.t(base, lang, days=abs(count))


def state_in_words(record, lang: str, now: dt.datetime | None = None, short: bool = False) -> str:
    """'expire dans 20 jours', 'expiré depuis 3 jours', 'mot de passe inconnu'… for one record.
    ``short``: the menu row's form (an estimated date goes to the submenu)."""
    status = field_of(record, "status") or ""
    days = days_left(record, now)
    if status == "pending":
        return i18n.t("tray.state.pending", lang)
    if status == "wrong-password":
        return i18n.t("tray.state.wrong_password", lang)
    if status == "unreadable":
        return i18n.t("tray.state.unreadable", lang)
    if status == "revoked":
        return i18n.t("tray.state.revoked", lang)
    if days is None or (short and status == "locked"):
        return i18n.t("tray.state.locked" if status == "locked" else "tray.state.unknown", lang)
    if days < 0:
        return _plural("tray.state.expired_since", -days, lang)
    if status == "expired":
        return i18n.t("tray.state.expired_today", lang)
    if days == 0:
        return i18n.t("tray.state.expires_today", lang)
    words = i18n.t("tray.state.expires_tomorrow", lang) if days == 1 else _plural("tray.state.expires_in", days, lang)
    if status == "locked":  # estimated from the file name: say so
        return i18n.t("tray.state.estimated", lang, state=words)
    return words


# Statuses whose row starts with a warning sign: the user must do something about this certificate.
NEEDS_YOU = ("expired", "revoked", "wrong-password", "unreadable", "locked")
WRAP = 56            # a submenu's information lines are cut at this width (no line wider than the menu)
SHORT_PROBLEM = 44   # a problem's row at the top: its first words, the whole text in its submenu
HOLDER_WIDTH = 26    # a holder's name in a row: an organisation's long name is cut


def _path(record) -> Path | None:
    path = field_of(record, "path")
    return Path(path) if path else None


def _same_file(a, b) -> bool:
    return bool(a) and bool(b) and Path(a).name == Path(b).name


def renewal_of(record, renewals) -> object | None:
    """The open renewal started from this keystore (its old keystore), if any."""
    path = field_of(record, "path")
    for renewal in renewals:
        if _same_file(field_of(renewal, "old_keystore"), path) and not _state(renewal).finished:
            return renewal
    return None


def _state(renewal) -> State:
    return State(field_of(renewal, "state"))


def visible_keystores(snapshot: Snapshot) -> list:
    """The rows: a superseded keystore stops alarming, and the new keystore of a renewal under way is
    shown by its old keystore's row ("renewal under way"), not as a second row."""
    underway = {Path(str(field_of(r, "new_keystore"))).name for r in snapshot.renewals
                if field_of(r, "new_keystore") and not _state(r).finished}
    return [r for r in snapshot.keystores if field_of(r, "status") not in HIDDEN_STATUSES
            and not (field_of(r, "status") == "pending" and _path(r) is not None and _path(r).name in underway)]


def wrap(text: str, width: int = WRAP) -> list[str]:
    """A long text as menu lines of at most ``width`` characters."""
    import textwrap

    lines: list[str] = []
    for paragraph in str(text).splitlines() or [""]:
        lines += textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=False) or [""]
    return [line for line in lines if line]


def _info(text: str) -> list[MenuEntry]:
    return [MenuEntry(line, enabled=False) for line in wrap(text)]


def shorten(text: str, width: int = SHORT_PROBLEM) -> str:
    text = " ".join(str(text).split())
    for mark in (". ", " : ", ": ", "; "):
        if mark in text:
            text = text[:text.index(mark)]
            break
    text = text.rstrip(".")
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def _renewal_speaks(renewal, status: str) -> bool:
    """Whether a keystore's row shows its renewal (under way, or stopped and resumable) rather than
    the certificate's own state (an expired or revoked one only asks for a new request)."""
    if renewal is None:
        return False
    state = _state(renewal)
    return state.waiting or (state.needs_you and status not in NEEDS_NEW_REQUEST)


def _renewal_words(renewal, lang: str) -> tuple[str, str]:
    """(the row's short state, the submenu's details) of a renewal under way or stopped."""
    state = _state(renewal)
    number = field_of(renewal, "request_number")
    if state.needs_you:
        key = field_of(renewal, "last_error_key")
        detail = i18n.t(key, lang, **(field_of(renewal, "last_error_params") or {})) if key else ""
        return i18n.t("tray.renewal.stopped", lang), detail
    if number and state not in (State.REQUESTING, State.REQUESTED, State.RETRY):
        detail = i18n.t("tray.renewal.completing", lang, number=number)   # produced: installing, ETK, hooks
    elif number:
        detail = i18n.t("tray.renewal.waiting_request", lang, number=number)
    else:
        detail = i18n.t("tray.renewal.waiting", lang)
    return i18n.t("tray.renewal.underway", lang), detail


def _short_name(name: str, width: int) -> str:
    """A holder's name in a menu row (an organisation's may be long): cut with an ellipsis."""
    return name if len(name) <= width else name[:width - 1].rstrip() + "…"


def _keystore_entry(record, lang: str, snapshot: Snapshot, now: dt.datetime | None) -> MenuEntry:
    path = _path(record)
    status = field_of(record, "status") or ""
    holder = holder_name(record, lang, width=HOLDER_WIDTH)
    renewal = renewal_of(record, snapshot.renewals)
    muted = path is not None and path.name in {Path(m).name for m in (getattr(snapshot, "muted", None) or [])}
    info: list[MenuEntry] = []
    if _renewal_speaks(renewal, status):
        state, detail = _renewal_words(renewal, lang)
        warn = _state(renewal).needs_you
        info = _info(detail)
        first = ([MenuEntry(i18n.t("tray.menu.renew_again", lang), Intent(events.RENEW, path))]
                 if warn and status not in NOT_RENEWABLE else [])
    else:
        state = state_in_words(record, lang, now, short=True)
        warn = status in NEEDS_YOU
        if status == "locked" and days_left(record, now) is not None:
            info = _info(state_in_words(record, lang, now))
        elif renewal is not None and _state(renewal).needs_you and field_of(renewal, "last_error_key"):
            info = _info(_renewal_words(renewal, lang)[1])          # why its renewal stopped (expired…)
        if path is not None and status in NEEDS_NEW_REQUEST:
            first = [MenuEntry(i18n.t("tray.menu.request_new", lang), Intent(events.REQUEST_NEW, path))]
        else:
            first = []
        first.append(MenuEntry(i18n.t("tray.menu.renew", lang), Intent(events.RENEW, path),
                               enabled=path is not None and status not in NOT_RENEWABLE))
    label = i18n.t("tray.menu.keystore", lang, holder=holder, state=state)
    if warn:
        label = "⚠ " + label
    revoke = ([SEPARATOR, MenuEntry(i18n.t("tray.menu.revoke", lang), Intent(events.REVOKE, path))]
              if path is not None and status in REVOCABLE else [])
    return MenuEntry(label=label, submenu=[
        *info,
        *([SEPARATOR] if info else []),
        *first,
        MenuEntry(i18n.t("tray.menu.open_folder", lang), Intent(events.OPEN_FOLDER, path), enabled=path is not None),
        MenuEntry(i18n.t("tray.menu.set_password", lang), Intent(events.SET_PASSWORD, path),
                  enabled=path is not None),
        MenuEntry(i18n.t("tray.menu.change_password", lang), Intent(events.CHANGE_PASSWORD, path),
                  enabled=path is not None and status not in ("unreadable", "pending")),
        SEPARATOR,
        MenuEntry(i18n.t("tray.menu.snooze", lang), Intent(events.SNOOZE, path), enabled=path is not None and not muted),
        MenuEntry(i18n.t("tray.menu.unmute" if muted else "tray.menu.mute", lang), Intent(events.MUTE, path),
                  enabled=path is not None),
        *revoke,
    ])


def _handover_entry(renewal, lang: str) -> MenuEntry:
    """A finished renewal's notice stays here until the user says their software uses the new file."""
    new = Path(field_of(renewal, "new_keystore"))
    holder = field_of(renewal, "holder") or field_of(renewal, "identifier")
    return MenuEntry(label=i18n.t("tray.menu.handover", lang, holder=_short_name(str(holder), HOLDER_WIDTH)), submenu=[
        *_info(str(new)),
        MenuEntry(i18n.t("tray.menu.open_folder", lang), Intent(events.OPEN_FOLDER, new)),
        MenuEntry(i18n.t("tray.menu.handover_seen", lang), Intent(events.ACKNOWLEDGE, new)),
    ])


def _problem_entry(problem: str, lang: str) -> MenuEntry:
    """A problem not about one certificate (the mailbox, the scan): its first words, the whole text
    and the status window in its submenu."""
    return MenuEntry(label="⚠ " + shorten(problem), submenu=[
        *_info(problem),
        SEPARATOR,
        MenuEntry(i18n.t("tray.menu.details", lang), Intent(events.SHOW_STATUS)),
    ])


def _renewal_problems(snapshot: Snapshot, lang: str) -> set[str]:
    """The problems the keystore rows already show (a stopped renewal is its keystore's row)."""
    shown = set()
    for renewal in snapshot.renewals:
        key = field_of(renewal, "last_error_key")
        if key and _state(renewal).needs_you:
            try:
                shown.add(i18n.t(key, lang, **(field_of(renewal, "last_error_params") or {})))
            except (KeyError, IndexError):
                continue
    return shown


def is_paused(snapshot: Snapshot, now: float | None = None) -> bool:
    return bool(snapshot.paused_until and snapshot.paused_until > (now or time.time()))


def menu_model(snapshot: Snapshot, lang: str, manager_available: bool = False,
               now: dt.datetime | None = None) -> list[MenuEntry]:
    """The whole menu for ``snapshot`` in ``lang``. ``manager_available`` (or a ``manager_available``
    attribute on the snapshot) shows the entry that opens the official Certificate Manager. Every row
    is short: a certificate is its holder and its state; details go to its submenu."""
    entries: list[MenuEntry] = []
    by_rows = _renewal_problems(snapshot, lang)
    problems = [p for p in snapshot.problems if p not in by_rows]
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        entries.append(_problem_entry(problem, lang))
    if problems:
        entries.append(SEPARATOR)
    for renewal in snapshot.renewals:
        if _state(renewal).awaiting_acknowledgement and field_of(renewal, "new_keystore"):
            entries.append(_handover_entry(renewal, lang))
    keystores = visible_keystores(snapshot)
    if keystores:
        entries += [_keystore_entry(record, lang, snapshot, now) for record in keystores]
    else:
        entries.append(MenuEntry(i18n.t("tray.menu.no_keystore", lang), enabled=False))
    entries.append(SEPARATOR)
    # A left click on the icon asks the core to show the status (the same as a second instance does).
    entries.append(MenuEntry(i18n.t("tray.menu.show_status", lang), Intent(events.SHOW_STATUS), default=True,
                             visible=False))
    entries.append(MenuEntry(i18n.t("tray.menu.check_now", lang), Intent(events.CHECK_NOW)))
    if getattr(snapshot, "mailbox", True):
        entries.append(MenuEntry(i18n.t("tray.menu.check_mail", lang), Intent(events.CHECK_MAIL)))
    else:   # nothing to check yet: the mailbox is set up in Settings (eHealth's mails then finish renewals)
        entries.append(MenuEntry(i18n.t("tray.menu.set_up_mail", lang), Intent(events.SETTINGS)))
    entries.append(MenuEntry(i18n.t("tray.menu.new_certificate", lang), Intent(events.REQUEST_NEW)))
    paused = is_paused(snapshot)
    # checked while paused: clicking it again resumes the notifications at once
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


def status_rows(snapshot: Snapshot, lang: str, now: dt.datetime | None = None) -> list[tuple[str, list]]:
    """The status window's rows: (text, [(intent, button label)]), the problems first, then each
    certificate with the one action that fits it (renew, request a new one, set the password)."""
    rows: list = []
    by_rows = _renewal_problems(snapshot, lang)
    for problem in snapshot.problems:
        if problem not in by_rows:
            rows.append(("⚠ " + problem, []))
    for renewal in snapshot.renewals:
        if _state(renewal).awaiting_acknowledgement and field_of(renewal, "new_keystore"):
            new = Path(field_of(renewal, "new_keystore"))
            rows.append((i18n.t("tray.menu.handover", lang, holder=field_of(renewal, "holder") or
                                field_of(renewal, "identifier")) + "\n" + str(new),
                         [(Intent(events.ACKNOWLEDGE, new), i18n.t("tray.menu.handover_seen", lang))]))
    for record in visible_keystores(snapshot):
        path = _path(record)
        status = field_of(record, "status") or ""
        holder = holder_name(record, lang)
        renewal = renewal_of(record, snapshot.renewals)
        actions: list = []
        if _renewal_speaks(renewal, status):
            state, detail = _renewal_words(renewal, lang)
            text = i18n.t("tray.menu.keystore", lang, holder=holder, state=state) + "\n" + detail
            if _state(renewal).needs_you and status not in NOT_RENEWABLE:
                actions.append((Intent(events.RENEW, path), i18n.t("tray.menu.renew_again", lang)))
        else:
            text = i18n.t("tray.menu.keystore", lang, holder=holder, state=state_in_words(record, lang, now))
            if path is not None and status in NEEDS_NEW_REQUEST:
                actions.append((Intent(events.REQUEST_NEW, path), i18n.t("tray.menu.request_new", lang)))
            elif path is not None and status in ("locked", "wrong-password"):
                actions.append((Intent(events.SET_PASSWORD, path), i18n.t("tray.menu.set_password", lang)))
            elif path is not None and status == "expiring":
                actions.append((Intent(events.RENEW, path), i18n.t("tray.menu.renew", lang)))
            elif path is not None and status == "unreadable":
                actions.append((Intent(events.OPEN_FOLDER, path), i18n.t("tray.menu.open_folder", lang)))
        warn = status in NEEDS_YOU or (renewal is not None and _state(renewal).needs_you)
        days = days_left(record, now)
        rows.append((("⚠ " if warn else "") + text, actions, (0 if warn else 1, days if days is not None else 10**6)))
    # what needs the user first, then the nearest expiry
    head = [row for row in rows if len(row) == 2]
    tail = sorted((row for row in rows if len(row) == 3), key=lambda row: row[2])
    return head + [(text, actions) for text, actions, _ in tail]


def tooltip(snapshot: Snapshot, lang: str) -> str:
    """The nearest expiry in words ('ehwatch — MARIE DUBOIS : expire dans 20 jours'); the core's own
    ``snapshot.tooltip`` wins when it set one."""
    if snapshot.tooltip:
        return snapshot.tooltip
    dated = [(days_left(r), r) for r in visible_keystores(snapshot)]
    dated = [(d, r) for d, r in dated if d is not None]
    if dated:
        _, nearest = min(dated, key=lambda pair: pair[0])
        renewal = renewal_of(nearest, snapshot.renewals)
        state = (_renewal_words(renewal, lang)[0] if _renewal_speaks(renewal, field_of(nearest, "status") or "")
                 else state_in_words(nearest, lang))
        text = i18n.t("tray.tooltip.nearest", lang, holder=holder_name(nearest, lang), state=state)
    elif visible_keystores(snapshot):
        text = i18n.t("tray.tooltip.no_date", lang, count=len(visible_keystores(snapshot)))
    else:
        text = i18n.t("tray.tooltip.nothing", lang)
    if is_paused(snapshot):
        text += "\n" + i18n.t("tray.tooltip.paused", lang)
    return text
