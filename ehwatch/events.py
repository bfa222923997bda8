"""What flows between the parts: user intents (tray, notifications, CLI → core) and the state
snapshot the core publishes (core → tray). Plain data, so any thread or process can carry it."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Intent kinds the core understands.
RENEW = "renew"                    # start (or resume) the renewal of one keystore
ACKNOWLEDGE = "acknowledge"        # the user saw which new keystore to use (the hand-over notice)
OPEN_FOLDER = "open_folder"        # show the keystore's folder in the file manager
SET_PASSWORD = "set_password"      # ask for and store a keystore's password
CHANGE_PASSWORD = "change_password"  # give a keystore a new password (the original kept as a backup)
REQUEST_NEW = "request_new"        # a new certificate (keystore: the expired one it replaces, or None)
REVOKE = "revoke"                  # revoke a keystore's certificate at eHealth (after a strong confirmation)
CHECK_NOW = "check_now"            # rescan the keystore folders
CHECK_MAIL = "check_mail"          # one pass over the mailbox
PAUSE_DAY = "pause_day"            # no notification for 24 hours (again while paused: resume)
SNOOZE = "snooze"                  # no reminder for one keystore for a day
MUTE = "mute"                      # never remind about this keystore again (again on a muted one: the undo)
TOGGLE_AUTOSTART = "toggle_autostart"
SETTINGS = "settings"
OPEN_MANAGER = "open_manager"      # the official eHealth Certificate Manager
ABOUT = "about"
SHOW_STATUS = "show_status"        # a second instance asked the first to show itself
QUIT = "quit"


@dataclass(frozen=True)
class Intent:
    kind: str
    keystore: Path | None = None


@dataclass
class Snapshot:
    """Everything the tray needs to draw itself; built by the core, never by the tray."""

    keystores: list = field(default_factory=list)     # monitor records, in display order
    renewals: list = field(default_factory=list)      # renewal lifecycle summaries
    overall: str = "grey"                             # green | orange | red | grey
    tooltip: str = ""
    paused_until: float | None = None
    autostart: bool = False
    problems: list[str] = field(default_factory=list)  # failures the user must act on, as sentences
    muted: list[str] = field(default_factory=list)     # keystore file names the user muted (the menu offers the undo)
    mailbox: bool = True                               # a mailbox is set up (else the menu offers to set one up)
