"""One writer: a renewal's state changes in one process at a time; everything else asks it.

When the daemon runs, a state-changing command (``renew``, ``complete``, ``renewals --acknowledge``…)
does not touch the lifecycles itself: it sends the daemon a request over the per-user socket
(``control.py``), answers the daemon's questions in the terminal and prints its progress. When no
daemon runs, the command takes the per-user writer lock and does the work itself. The daemon takes
the same lock around each piece of state-changing work, so a command started just before the daemon
and the daemon never write at once; the lifecycles' compare-and-set catches anything else.
"""
from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ehwatch import paths
from ehwatch.errors import EhwatchError
from ehwatch.instance import try_lock

log = logging.getLogger(__name__)

POLL_SECONDS = 0.2


class WriterBusy(EhwatchError):
    def __init__(self, seconds: float):
        super().__init__("writer.busy", seconds=int(seconds))


def _lock_path() -> Path:
    return paths.ensure_private_dir(paths.runtime_dir()) / "writer.lock"


@contextlib.contextmanager
def exclusive(wait: float = 0, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Holds the per-user writer lock for the block. Waits up to ``wait`` seconds for another writer
    (``on_wait`` is called once when it must wait), then raises ``WriterBusy``. The OS releases the
    lock when the process dies, so a crash never leaves it taken."""
    fh = open(_lock_path(), "a+")
    try:
        deadline = time.monotonic() + wait
        told = False
        while not try_lock(fh):
            if time.monotonic() >= deadline:
                raise WriterBusy(wait)
            if not told and on_wait is not None:
                on_wait()
                told = True
            time.sleep(POLL_SECONDS)
        yield
    finally:
        fh.close()                                 # closing the file releases the lock
