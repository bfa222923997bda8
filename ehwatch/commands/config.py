"""``ehwatch config path`` and ``ehwatch config show``."""
from __future__ import annotations


def register(sub) -> None:
    parser = sub.add_parser("config", help="the settings file and its values")
    actions = parser.add_subparsers(dest="config_action", metavar="ACTION", required=True)
    actions.add_parser("path", help="print where the configuration file is (or would be)").set_defaults(func=_path)
    actions.add_parser("show", help="print the effective configuration").set_defaults(func=_show)


def _path(core, args) -> int:
    from ehwatch import paths

    path = core.config.source or paths.config_file()
    print(path)
    if not path.exists():
        print(core.t("config.path.none"))
    return 0


def _show(core, args) -> int:
    from ehwatch import config as config_mod

    print(config_mod.dump(core.config), end="")
    return 0
