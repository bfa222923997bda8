"""``ehwatch uninstall [--purge] [--yes]``: removes what set-up added to the session — the start at
login entry and the ``~/.local/bin/ehwatch`` launcher — and, only when asked (``--purge``, or "yes"
to the question on a terminal), ehwatch's own files (settings, state, log) and the passwords it kept
in the keyring. Keystores are never touched: not the files, not their folders.

The program itself (the checkout and its ``.venv``) is removed by deleting its folder; ``make
uninstall`` runs this command, then says so. On Windows, the installer's uninstaller does all of it.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

KEYSTORE_SUFFIXES = (".p12", ".acc-p12", ".pfx")


def register(sub) -> None:
    parser = sub.add_parser("uninstall", help="remove start at login and the ehwatch command",
                            description="Removes start at login and the ehwatch command (~/.local/bin/ehwatch); "
                                        "with --purge, also ehwatch's settings, state, log and the passwords it "
                                        "stored in the keyring. Keystores are never touched.")
    parser.add_argument("--purge", action="store_true",
                        help="also delete settings, state, log and the stored passwords")
    parser.add_argument("--yes", action="store_true", help="do not ask (with --purge: delete without asking)")
    parser.set_defaults(func=run)


def run(core, args) -> int:
    from ehwatch import instance
    from ehwatch.desktop import autostart, launcher

    running = instance.is_running()
    where = autostart.location()
    print(core.t("uninstall.autostart_removed" if autostart.disable() else "uninstall.autostart_none",
                 where=where))
    if autostart.current_platform() != "windows":    # Windows: the installer's own uninstaller removes ehwatch.exe
        print(core.t("uninstall.launcher_removed" if launcher.remove() else "uninstall.launcher_none",
                     path=str(launcher.path())))
    purge = args.purge
    if not purge and not args.yes and sys.stdin.isatty():
        purge = _ask(core, "uninstall.ask_purge")
    elif purge and not args.yes and sys.stdin.isatty():
        purge = _ask(core, "uninstall.confirm_purge")
    if not purge:
        print(core.t("uninstall.kept", config=str(core.config.source or _config_path()),
                     data=str(_data_dirs()[0])))
        if running:
            print(core.t("uninstall.still_running"))
        return 0
    if running:
        print(core.t("uninstall.quit_first"))
        return 1
    under_way = _open_renewals(core)
    if under_way:   # its state and the new keystore's password are what finish it: never purged mid-way
        print(core.t("uninstall.renewal_under_way", count=len(under_way)))
        return 1
    forgotten = forget_passwords(core)
    print(core.t("uninstall.passwords_forgotten", count=forgotten))
    left = remove_own_files(core)
    print(core.t("uninstall.files_removed"))
    for path in left:
        print("  " + core.t("uninstall.kept_keystore", path=str(path)))
    print(core.t("uninstall.keystores_untouched"))
    return 0


def _ask(core, key: str) -> bool:
    try:
        answer = input(core.t(key) + " " + core.t("cli.renew.yes_no") + " ")
    except EOFError:
        return False
    return answer.strip().lower()[:1] in ("y", "o", "j")


def _open_renewals(core) -> list:
    """The renewals not finished (waiting for eHealth, for the user, or for an acknowledgement)."""
    from ehwatch import paths

    if not paths.state_db().exists():
        return []
    from ehwatch.renewal.lifecycle import Lifecycles

    return Lifecycles(core.store).open()


def _config_path() -> Path:
    from ehwatch import paths

    return paths.config_file()


def _data_dirs() -> list[Path]:
    from ehwatch import paths

    return [paths.data_dir(), paths.log_dir(), paths.runtime_dir()]


def known_keystores(core) -> set[str]:
    """The keystore file names whose password ehwatch may have stored: those in the keystore folders,
    those its scan cache and its renewals remember (a keystore since moved or deleted too)."""
    names: set[str] = set()
    for folder in core.keystore_dirs():
        try:
            names.update(p.name for p in folder.iterdir() if p.name.lower().endswith(KEYSTORE_SUFFIXES))
        except OSError:
            pass
    from ehwatch import paths

    if paths.state_db().exists():
        db = core.store.db
        for table, columns in (("monitor_scan_cache", ("path",)), ("renewals", ("old_keystore", "new_keystore"))):
            for column in columns:
                try:
                    rows = db.execute(f"SELECT {column} FROM {table}").fetchall()
                except Exception:   # a table this installation never made
                    continue
                names.update(Path(row[0]).name for row in rows if row[0])
    return names


def forget_passwords(core) -> int:
    """Removes ehwatch's keyring entries it can name; returns how many were there."""
    from ehwatch import secrets
    from ehwatch.errors import EhwatchError

    count = 0
    try:
        for name in sorted(known_keystores(core)):
            count += secrets.forget_keystore_password(name)
            count += secrets.forget_pending_keystore_password(name)
        mail = core.config.mail
        if mail.host and mail.username:
            count += secrets.forget_mail_secret(mail.username, mail.host)
    except EhwatchError as exc:   # no keyring: nothing was stored in one
        print(exc.message(core.language), file=sys.stderr)
    return count


def remove_own_files(core) -> list[Path]:
    """Deletes ehwatch's settings file and its state, log and runtime folders. A keystore found there
    (someone put one in) is kept, with its folders; so is any folder that holds a keystore folder."""
    core.close()
    protected = [Path(d).resolve() for d in core.keystore_dirs()]
    kept: list[Path] = []
    config = core.config.source or _config_path()
    if config.is_file() and not config.name.lower().endswith(KEYSTORE_SUFFIXES):
        config.unlink()
        _remove_if_empty(config.parent)
    for folder in _data_dirs():
        if folder.is_dir():
            kept += _remove_tree(folder.resolve(), protected)
    if os.environ.get("EHWATCH_HOME"):     # a portable home: its own folder goes too once empty
        _remove_if_empty(Path(os.environ["EHWATCH_HOME"]))
    return kept


def _remove_tree(folder: Path, protected: list[Path]) -> list[Path]:
    kept: list[Path] = []
    for root, dirs, files in os.walk(folder, topdown=False):
        here = Path(root)
        for name in files:
            path = here / name
            if name.lower().endswith(KEYSTORE_SUFFIXES):
                kept.append(path)
            else:
                path.unlink(missing_ok=True)
        for name in dirs:
            sub = here / name
            if sub.is_symlink():
                sub.unlink()
        if not any(here == p or here in p.parents for p in protected):
            _remove_if_empty(here)
    return kept


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass

