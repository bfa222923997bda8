"""Logging set-up: a rotating file in the user's log folder, and a redactor.

The code never logs a secret on purpose; the redactor is the second lock on the door: every secret
that passes through ``ehwatch.secrets`` (or is typed by the user) is registered here and replaced
by ``***`` in any log record that would contain it.
"""
from __future__ import annotations

import logging
import os
import threading

_secrets: set[str] = set()
_secrets_lock = threading.Lock()


def redact(secret: str | bytes | None) -> None:
    """Registers a secret so that no log line ever shows it."""
    if not secret:
        return
    if isinstance(secret, bytes):
        try:
            secret = secret.decode("utf-8")
        except UnicodeDecodeError:
            return
    if len(secret) >= 3:  # shorter ones would blank out ordinary words
        with _secrets_lock:
            _secrets.add(secret)


def scrub(text: str) -> str:
    with _secrets_lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, "***")
    return text


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = scrub(text)
        return True


def _private_rotating_handler(path, **kwargs) -> logging.Handler:
    """A rotating log whose files are created 0600 (the log names keystores and renewals) and made
    0600 again if someone widened them; rotated files keep the mode (they are renamed)."""
    import logging.handlers

    class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
        def _open(self):
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
            fd = os.open(self.baseFilename, flags, 0o600)
            try:
                if os.fstat(fd).st_mode & 0o077:
                    os.chmod(self.baseFilename, 0o600)
            except OSError:
                pass
            return open(fd, "a", encoding=self.encoding, errors=self.errors)

    return PrivateRotatingFileHandler(path, **kwargs)


def log_file():
    from ehwatch import paths

    return paths.log_dir() / "ehwatch.log"


def setup(verbose: bool = False, to_stderr: bool = False) -> None:
    """Rotating file (1 MB × 5, 0600) in the user's log folder; stderr too when asked."""
    from ehwatch import paths

    root = logging.getLogger()
    if getattr(root, "_ehwatch_configured", False):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = []
    try:
        paths.ensure_private_dir(paths.log_dir())
        handlers.append(_private_rotating_handler(log_file(), maxBytes=1_000_000, backupCount=5, encoding="utf-8"))
    except OSError:
        to_stderr = True
    if to_stderr:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(fmt)
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    root._ehwatch_configured = True  # type: ignore[attr-defined]
