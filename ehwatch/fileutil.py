"""Writing files without ever losing one.

``write_new_file`` never replaces anything: it writes a temporary file in the same folder,
fsyncs it, links it to the final name (which fails if that name exists) and fsyncs the folder.
``replace_own_file`` is for files ehwatch itself created and still owns (a pending keystore being
completed); it swaps the new content in with an atomic rename.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory; NTFS journals the rename
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_temp(folder: Path, data: bytes, mode: int) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=".ehwatch-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return Path(tmp)


def write_new_file(path: Path, data: bytes, mode: int = 0o600) -> Path:
    """Creates ``path`` with ``data``; raises FileExistsError and changes nothing if it exists."""
    path = Path(path)
    tmp = _write_temp(path.parent, data, mode)
    try:
        try:
            os.link(tmp, path)  # atomic, and refuses to overwrite
        except (AttributeError, NotImplementedError, PermissionError):
            if path.exists():  # file systems without hard links: check, then rename
                raise FileExistsError(path) from None
            os.replace(tmp, path)
            tmp = None
    finally:
        if tmp is not None:
            os.unlink(tmp)
    _fsync_dir(path.parent)
    return path


def replace_own_file(path: Path, data: bytes, mode: int = 0o600) -> Path:
    """Atomically swaps new content into a file ehwatch created (never call it on a user's keystore)."""
    path = Path(path)
    tmp = _write_temp(path.parent, data, mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    _fsync_dir(path.parent)
    return path


def leftover_temp_files(folder: Path) -> list[Path]:
    """Temporary files a crash may have left behind (cleaned at start, never a keystore)."""
    try:
        return sorted(folder.glob(".ehwatch-*.tmp"))
    except OSError:
        return []
