"""What the tray's menu items do besides renewals: open a folder, keep a keystore's password, open
the settings or the official Certificate Manager. Each tells the user through ``notify`` when it
cannot do what was asked."""
from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ehwatch import config as config_mod
from ehwatch import fileutil, paths
from ehwatch.errors import EhwatchError

if TYPE_CHECKING:
    from ehwatch.actions.ui import Notify
    from ehwatch.core import Core


def open_with_system(target: Path | str) -> None:
    """Shows a folder or file with the desktop's default application."""
    if sys.platform.startswith("win"):
        os.startfile(str(target))  # type: ignore[attr-defined]
        return
    opener = "open" if sys.platform == "darwin" else "xdg-open"
    subprocess.Popen([opener, str(target)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)


def ask_password(core: Core, keystore: Path, notify: Notify, tries: int = 3) -> bool:
    """"Set the password…": asked in a dialog, checked against the file, then kept in the keyring.
    True when a password was stored."""
    from ehwatch.monitor import passwords, pkcs12
    from ehwatch.tray import dialogs

    retry = None
    for _ in range(tries):
        try:
            password = dialogs.ask_keystore_password(keystore.name, core.language, retry_message=retry)
        except EhwatchError:
            notify(core.t("daemon.password_cli.title"), core.t("daemon.password_cli.body", file=keystore.name),
                   keystore=keystore)
            return False
        if not password:
            return False
        try:
            passwords.store_password(keystore, password)
        except pkcs12.WrongPassword:
            retry = core.t("daemon.password_wrong", file=keystore.name)
            continue
        return True
    return False


def open_settings(core: Core) -> None:
    path = core.config.source or paths.config_file()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fileutil.write_new_file(path, config_mod.dump(config_mod.Config()).encode("utf-8"))
        except FileExistsError:
            pass
    open_with_system(path)


def open_manager(core: Core, notify: Notify) -> None:
    command = core.config.certificate_manager
    if not command:
        notify(core.t("daemon.no_manager.title"), core.t("daemon.no_manager.body"))
        return
    argv = [command] if Path(command).exists() else shlex.split(command)
    try:
        subprocess.Popen(argv, stdin=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        notify(core.t("daemon.no_manager.title"),
               core.t("daemon.manager_failed", command=command, detail=exc.strerror or str(exc)))
