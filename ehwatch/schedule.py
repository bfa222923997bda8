"""When the daemon wakes up: APScheduler 3.x jobs that only put work on the daemon's queue.

An hourly rescan; folder polling every 30 s (a keystore added or replaced is seen at once); a wall
clock check every minute that notices a wake from suspend (the wall clock jumped ahead of the
monotonic one) and catches up; and one wake-up at the next moment a renewal is due (a "produced"
mail's date, the next poll, a retry). Coalescing and a 6 h misfire grace: after a long sleep each
job runs once, not once per missed tick.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ehwatch.events import CHECK_NOW, Intent

if TYPE_CHECKING:
    from apscheduler.schedulers.background import BackgroundScheduler  # no type information: Any

log = logging.getLogger(__name__)

# what goes on the daemon's queue: an intent, or a function its dispatcher calls
QueueItem = Intent | Callable[[], object]
FolderSignature = tuple[tuple[str, list[tuple[str, int, int]] | None], ...]

RESCAN_SECONDS = 3600
FOLDER_POLL_SECONDS = 30
CLOCK_CHECK_SECONDS = 60
CLOCK_JUMP_SECONDS = 120   # wall clock ahead of the monotonic clock by more: we were suspended
MISFIRE_GRACE_SECONDS = 6 * 3600


def folder_signature(folders: list[Path]) -> FolderSignature:
    """Cheap fingerprint of the keystore folders: names, sizes and times of their files."""
    signature: list[tuple[str, list[tuple[str, int, int]] | None]] = []
    entries: list[tuple[str, int, int]] | None
    for folder in folders:
        try:
            entries = sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in os.scandir(folder)
                             if e.is_file())
        except OSError:
            entries = None
        signature.append((str(folder), entries))
    return tuple(signature)


class Schedule:
    def __init__(self, put: Callable[[QueueItem], None], folders: Callable[[], list[Path]]) -> None:
        self.put = put                  # the daemon's queue
        self.folders = folders          # () -> the keystore folders to watch
        self.scheduler: BackgroundScheduler | None = None
        self._folders_seen: FolderSignature | None = None
        self._clock_mark = (time.time(), time.monotonic())

    def start(self) -> None:
        from apscheduler.schedulers.background import BackgroundScheduler
        from apscheduler.triggers.interval import IntervalTrigger

        logging.getLogger("apscheduler").setLevel(logging.WARNING)   # it logs every tick at INFO
        self.scheduler = BackgroundScheduler(
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS},
            executors={"default": {"type": "threadpool", "max_workers": 1}})
        self.scheduler.add_job(self.put, IntervalTrigger(seconds=RESCAN_SECONDS), args=[Intent(CHECK_NOW)],
                               id="rescan")
        self.scheduler.add_job(self.poll_folders, IntervalTrigger(seconds=FOLDER_POLL_SECONDS), id="folders")
        self.scheduler.add_job(self.check_clock, IntervalTrigger(seconds=CLOCK_CHECK_SECONDS), id="clock")
        self.scheduler.start()

    def shutdown(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None

    def wake_at(self, moment: dt.datetime, item: QueueItem) -> None:
        """``item`` goes on the queue at ``moment`` (one such wake-up at a time: the nearest wins)."""
        from apscheduler.triggers.date import DateTrigger

        if self.scheduler is None:
            return
        moment = max(moment, dt.datetime.now(dt.UTC))
        self.scheduler.add_job(self.put, DateTrigger(run_date=moment), args=[item], id="renewal-wakeup",
                               replace_existing=True)

    def poll_folders(self) -> None:
        signature = folder_signature(self.folders())
        if self._folders_seen is not None and signature != self._folders_seen:
            log.info("a keystore folder changed: rescanning")
            self.put(Intent(CHECK_NOW))
        self._folders_seen = signature

    def check_clock(self) -> None:
        wall, mono = time.time(), time.monotonic()
        jump = (wall - self._clock_mark[0]) - (mono - self._clock_mark[1])
        self._clock_mark = (wall, mono)
        if abs(jump) > CLOCK_JUMP_SECONDS:
            log.info("the wall clock jumped by %.0f s (suspend?): catching up", jump)
            self.put(Intent(CHECK_NOW))     # the mail watcher notices the jump and reconnects itself
