"""``ehwatch run``: the daemon (tray icon, reminders, mailbox) that starts with the session."""
from __future__ import annotations

from ehwatch import instance
from ehwatch.commands import add_keystore_dir_option


def register(sub) -> None:
    parser = sub.add_parser("run", help="watch the certificates (tray icon, reminders)",
                            description="Watches the certificates in the background: tray icon, reminders, the "
                                        "mailbox, and the completion of renewals.")
    add_keystore_dir_option(parser, "keystore folder to watch (repeatable); default: the configured ones")
    parser.add_argument("--no-tray", action="store_true", help="no tray icon (a server, or no tray on this desktop)")
    parser.set_defaults(func=_run)


def _run(core, args) -> int:
    import os
    import sys

    from ehwatch.daemon import Daemon

    if sys.stdout is None:  # a windowed program (ehwatchw.exe) has no console to print to
        sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")

    daemon = Daemon(core, use_tray=not args.no_tray)
    if not daemon.acquire_instance():
        asked = instance.send(instance.SHOW_STATUS)
        print(core.t("daemon.already_running" if asked else "daemon.already_running_silent"))
        return 0
    return daemon.run()
