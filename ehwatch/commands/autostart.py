"""``ehwatch autostart enable | disable | status``: start the daemon with the session, or not."""
from __future__ import annotations


def register(sub) -> None:
    parser = sub.add_parser("autostart", help="start ehwatch at login (enable, disable, status)")
    actions = parser.add_subparsers(dest="autostart_action", metavar="ACTION", required=True)
    actions.add_parser("enable", help="start ehwatch run at every login").set_defaults(func=_enable)
    actions.add_parser("disable", help="stop starting ehwatch at login").set_defaults(func=_disable)
    actions.add_parser("status", help="say whether ehwatch starts at login").set_defaults(func=_status)


def _enable(core, args) -> int:
    import sys

    from ehwatch.desktop import autostart, launcher

    print(core.t("autostart.enabled", where=autostart.enable()))
    if autostart.current_platform() != "windows" and launcher.current():   # written by enable()
        print(core.t("launcher.installed", path=str(launcher.path()), python=sys.executable))
        if not launcher.on_path():
            print(core.t("launcher.not_on_path", folder=str(launcher.bin_dir())))
    return 0


def _disable(core, args) -> int:
    from ehwatch.desktop import autostart

    was_on = autostart.disable()
    print(core.t("autostart.disabled" if was_on else "autostart.was_off", where=autostart.location()))
    return 0


def _status(core, args) -> int:
    from ehwatch.desktop import autostart

    command = autostart.enabled_command()
    if command is None:
        print(core.t("autostart.status_off", where=autostart.location()))
        return 1
    print(core.t("autostart.status_on", where=autostart.location(), command=" ".join(command)))
    return 0
