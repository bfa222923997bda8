"""``ehwatch`` as a command on the user's PATH: a small launcher script in ``~/.local/bin``.

The launcher starts this installation of ehwatch (the Python that runs now, ``-m ehwatch``), so the
command works in any terminal without activating a virtual environment. Start at login starts the
launcher (``autostart.launch_command``): the autostart entry names a place that does not move, and
when the installation moves, ``make install-user`` (or ``ehwatch autostart enable``) from the new
place rewrites the launcher alone.

Linux and macOS only: on Windows the installer puts ``ehwatch.exe`` in the Start menu and its
folder. The launcher carries a marker line; a file without it (another program's ``ehwatch``) is
never replaced nor removed.
"""
from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from ehwatch import fileutil, paths
from ehwatch.errors import EhwatchError

MARKER = "# ehwatch launcher: written by ehwatch, removed by \"ehwatch uninstall\"."


def bin_dir() -> Path:
    """``~/.local/bin``: the user's own programs (systemd's file-hierarchy, pip --user, pipx); Debian's
    and Ubuntu's ``~/.profile`` put it on the PATH at login when it exists."""
    return paths.user_home() / ".local" / "bin"


def path() -> Path:
    return bin_dir() / "ehwatch"


def script(python: str | None = None) -> str:
    """The launcher's text: this installation's Python, then ehwatch with the arguments given."""
    python = python or sys.executable
    return ("#!/bin/sh\n"
            f"{MARKER}\n"
            f"# It starts the ehwatch installed with {python}.\n"
            f"exec {shlex.quote(python)} -m ehwatch \"$@\"\n")


def is_ours(where: Path | None = None) -> bool:
    where = where or path()
    try:
        with open(where, encoding="utf-8", errors="replace") as fh:
            return MARKER in fh.read(4096)
    except OSError:
        return False


def target(where: Path | None = None) -> str | None:
    """The Python an installed launcher starts (None: no launcher of ours)."""
    where = where or path()
    if not is_ours(where):
        return None
    for line in where.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("exec "):
            words = shlex.split(line)
            return words[1] if len(words) > 1 else None
    return None


def current() -> bool:
    """True when the installed launcher starts this very installation."""
    return target() == sys.executable


def install() -> Path:
    """Writes (or refreshes) the launcher; refuses to replace an ``ehwatch`` that is not ours."""
    where = path()
    data = script().encode("utf-8")
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        try:
            fileutil.write_new_file(where, data, mode=0o755)
        except FileExistsError:
            if not is_ours(where):
                raise EhwatchError("launcher.not_ours", path=str(where)) from None
            fileutil.replace_own_file(where, data, mode=0o755)
    except OSError as exc:
        raise EhwatchError("launcher.failed", path=str(where), detail=exc.strerror or str(exc)) from None
    return where


def remove() -> bool:
    """Removes the launcher if it is ours; True if one was removed."""
    where = path()
    if not is_ours(where):
        return False
    where.unlink()
    return True


def main() -> int:
    """``python -m ehwatch.desktop.launcher`` (``make run``, ``make install-user``): writes the launcher
    and says whether a new terminal finds it."""
    from ehwatch import i18n

    try:
        where = install()
    except EhwatchError as exc:
        print(exc.message(), file=sys.stderr)
        return exc.exit_code
    print(i18n.t("launcher.installed", path=str(where), python=sys.executable))
    if not on_path():
        print(i18n.t("launcher.not_on_path", folder=str(bin_dir())))
    return 0


def on_path(where: Path | None = None) -> bool:
    """Whether a shell finds the launcher's folder on the PATH of this process."""
    folder = (where or bin_dir()).resolve()
    for entry in os.environ.get("PATH", "").split(os.pathsep):
        try:
            if entry and Path(os.path.expanduser(entry)).resolve() == folder:
                return True
        except OSError:
            continue
    return False


if __name__ == "__main__":
    sys.exit(main())
