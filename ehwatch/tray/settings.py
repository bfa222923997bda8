""""Settings…": the settings window, then the user's file written and the new values applied.

``edit`` shows the window (``dialogs.edit_settings``) with the current values, writes only what the
user changed into the configuration file (``config.write_settings``: comments and the other settings
kept, atomic), puts the mailbox password in the keyring (``secrets``; never in the file), and
swaps the new configuration into the core. It returns what changed, so the daemon can apply it
without a restart (the language of the menu and the notifications, the folders at the next scan,
the mailbox watcher restarted). Where no window can open, the file opens in the text editor, as
before.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ehwatch import config as config_mod
from ehwatch import i18n, paths, secrets
from ehwatch.errors import EhwatchError

if TYPE_CHECKING:
    from ehwatch.actions.ui import Notify
    from ehwatch.core import Core

log = logging.getLogger(__name__)

# the window's fields -> the configuration's dotted keys
FIELDS = {"keystore_dirs": "keystore_dirs", "language": "language", "notify_days": "notify_days",
          "mail_host": "mail.host", "mail_username": "mail.username", "email": "renewal.email",
          "phone": "renewal.phone"}


def current_values(core: Core) -> dict:
    """What the window shows: the configuration's values (the default folder when none is set), and
    whether the keyring already holds a mailbox password (the password itself is never shown)."""
    cfg = core.config
    stored = False
    if cfg.mail.host and cfg.mail.username:
        try:
            stored = secrets.mail_secret(cfg.mail.username, cfg.mail.host) is not None
        except EhwatchError:
            stored = False
    return {"keystore_dirs": list(cfg.keystore_dirs) or [str(p) for p in cfg.keystore_paths()],
            "language": cfg.language, "notify_days": list(cfg.notify_days),
            "mail_host": cfg.mail.host, "mail_username": cfg.mail.username, "mail_password_stored": stored,
            "email": cfg.renewal.email, "phone": cfg.renewal.phone}


def changes(before: dict, answer: dict) -> dict:
    """The dotted keys whose value the user changed, with their new values."""
    return {dotted: answer[name] for name, dotted in FIELDS.items()
            if name in answer and answer[name] != before.get(name)}


def save(core: Core, before: dict, answer: dict) -> set[str]:
    """Writes the answer: the file (only what changed), the mailbox password to the keyring, the new
    configuration into the core. Returns the changed dotted keys (plus "mail.password")."""
    updates = changes(before, answer)
    changed = set(updates)
    if updates:
        path = core.config.source or paths.config_file()
        new = config_mod.write_settings(updates, path)
        core.config = new
        if "language" in updates:
            core.language = i18n.set_language(new.language)
    password = answer.get("mail_password") or ""
    if password:
        secrets.set_mail_secret(core.config.mail.username, core.config.mail.host, password)
        changed.add("mail.password")
    log.info("settings saved: %s", ", ".join(sorted(changed)) or "nothing changed")
    return changed


def edit(core: Core, notify: Notify) -> set[str]:
    """The whole "Settings…" item: the window, then ``save``. Returns what changed (empty when
    cancelled). A value the file cannot take, or a keyring that refuses, is said in a notification."""
    from ehwatch.tray import dialogs

    before = current_values(core)
    try:
        answer = dialogs.edit_settings(before, core.language)
    except dialogs.DialogUnavailable:
        from ehwatch.actions import desktop

        desktop.open_settings(core)              # no window here: the file in the text editor
        return set()
    if not answer:
        return set()
    try:
        return save(core, before, answer)
    except EhwatchError as exc:
        notify(core.t("tray.settings.not_saved"), exc.message(core.language))
        return set()
