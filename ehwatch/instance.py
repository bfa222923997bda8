"""One ehwatch daemon per user, and a way for a second start to reach the first.

A lock file held for the whole life of the daemon decides who is first (flock on Unix, msvcrt
locking on Windows: the OS releases it when the process dies, so a crash never leaves a stale
lock). The first instance then listens for short text messages: on a Unix socket in
``paths.runtime_dir()``, or on Windows on a localhost TCP port written to a file next to the lock
with a random token (other users on the machine may reach localhost, not the user's folder).
A second ``ehwatch run`` sends ``show_status`` and exits.
"""
from __future__ import annotations

import json
import logging
import os
import secrets as _random
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from ehwatch import paths

log = logging.getLogger(__name__)

SHOW_STATUS = "show_status"
_WINDOWS = os.name == "nt"


def _lock_path() -> Path:
    return paths.runtime_dir() / "ehwatch.lock"


def _socket_path() -> Path:
    return paths.runtime_dir() / "ehwatch.sock"


def _port_path() -> Path:
    return paths.runtime_dir() / "ehwatch.port"


def try_lock(fh: IO[Any]) -> bool:
    """A non-blocking exclusive lock on an open file (released when the file is closed)."""
    try:
        if sys.platform == "win32":     # the same test as _WINDOWS, spelled so the type checker follows it
            import msvcrt

            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


class InstanceLock:
    """``acquire()`` → True for the first instance, which then hears messages through ``on_message``."""

    def __init__(self, on_message: Callable[[str], None],
                 on_request: Callable[[socket.socket, dict[str, Any]], None] | None = None) -> None:
        """``on_message``: short text messages (``show_status``). ``on_request``: a command's JSON
        request (``control.py``); it takes the connection and answers on it."""
        self.on_message = on_message
        self.on_request = on_request
        self._lock_file: IO[str] | None = None
        self._server: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._token = ""
        self._closing = threading.Event()

    def acquire(self) -> bool:
        paths.ensure_private_dir(paths.runtime_dir())
        fh = open(_lock_path(), "a+")
        if not try_lock(fh):
            fh.close()
            return False
        self._lock_file = fh
        self._listen()
        return True

    def _listen(self) -> None:
        if _WINDOWS:
            server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            server.bind(("127.0.0.1", 0))
            self._token = _random.token_hex(16)
            _port_path().write_text(f"{server.getsockname()[1]} {self._token}\n", encoding="ascii")
        else:
            path = _socket_path()
            path.unlink(missing_ok=True)  # left by a crash: we hold the lock, so it is not in use
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.bind(str(path))
            os.chmod(path, 0o600)
        server.listen(4)
        self._server = server
        self._thread = threading.Thread(target=self._serve, name="ehwatch-instance", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        server = self._server          # close() may set the attribute to None while this thread runs
        if server is None:
            return
        while not self._closing.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return  # closed
            handed_over = False
            try:
                conn.settimeout(5)
                message = _read_line(conn)
                if _WINDOWS:
                    token, _, message = message.partition(" ")
                    if token != self._token:
                        continue
                if message.startswith("{") and self.on_request is not None:
                    request = json.loads(message)
                    if isinstance(request, dict):
                        self.on_request(conn, request)     # the handler owns the connection now
                        handed_over = True
                    continue
                conn.sendall(b"ok\n")
            except (OSError, ValueError):
                continue
            finally:
                if not handed_over:
                    conn.close()
            if message:
                try:
                    self.on_message(message)
                except Exception:
                    log.exception("instance message %r failed", message)

    def close(self) -> None:
        self._closing.set()
        if self._server is not None:
            try:
                self._server.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._server.close()
            self._server = None
            (_port_path() if _WINDOWS else _socket_path()).unlink(missing_ok=True)
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None


def _read_line(conn: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\n") and len(data) < 1024:
        chunk = conn.recv(256)
        if not chunk:
            break
        data += chunk
    return data.decode("utf-8", "replace").strip()


def connect(timeout: float = 5.0) -> socket.socket | None:
    """A connection to the running instance (on Windows the token already sent as the first line's
    start); None when none listens."""
    try:
        if _WINDOWS:
            port, token = _port_path().read_text(encoding="ascii").split()
            conn = socket.create_connection(("127.0.0.1", int(port)), timeout=timeout)
            conn.sendall(token.encode("ascii") + b" ")
        else:
            conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            conn.settimeout(timeout)
            conn.connect(str(_socket_path()))
    except (OSError, ValueError):
        return None
    return conn


def send(message: str = SHOW_STATUS, timeout: float = 5.0) -> bool:
    """Delivers ``message`` to the running instance; False when none answers."""
    conn = connect(timeout)
    if conn is None:
        return False
    with conn:
        try:
            conn.sendall(message.encode("utf-8") + b"\n")
            return _read_line(conn) == "ok"
        except OSError:
            return False


def is_running() -> bool:
    """True while some process holds the instance lock (``ehwatch doctor``, tests)."""
    try:
        paths.ensure_private_dir(paths.runtime_dir())
        with open(_lock_path(), "a+") as fh:
            return not try_lock(fh)
    except OSError:
        return False
