"""``ehwatch run`` started as a user would (a child process), watched through its log and output."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.desktop import wait_until


def log_text() -> str:
    try:
        return (Path(os.environ["EHWATCH_HOME"]) / "log" / "ehwatch.log").read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


class DaemonProcess:
    """One ``ehwatch run``; ``stop()`` sends SIGTERM and checks that it ended by itself."""

    def __init__(self, *args: str, env: dict | None = None):
        full_env = dict(os.environ)
        full_env.update(env or {})
        self.log_start = len(log_text())
        self.proc = subprocess.Popen([sys.executable, "-m", "ehwatch", "run", *args], env=full_env,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, start_new_session=True)

    def log(self) -> str:
        """What this run wrote to the log file."""
        return log_text()[self.log_start:]

    def wait_log(self, text: str, timeout: float = 30, count: int = 1) -> str:
        def seen():
            if self.proc.poll() is not None:
                raise AssertionError(f"ehwatch run exited {self.proc.returncode}: {self.proc.stderr.read()}")
            return self.log().count(text) >= count
        wait_until(seen, timeout, f"{text!r} in the log", interval=0.05)
        return self.log()

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> tuple[int, str, str]:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, sig)
        try:
            out, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.communicate()
            raise AssertionError("ehwatch run did not stop after SIGTERM") from None
        return self.proc.returncode, out, err

    def children(self) -> list[int]:
        """Processes left in the daemon's session (start_new_session): none once it stopped."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if os.getsid(int(entry.name)) == self.proc.pid:
                        found.append(int(entry.name))
                except OSError:
                    continue
        return found

    def __enter__(self) -> DaemonProcess:
        return self

    def __exit__(self, *exc) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.communicate()


def started_and_idle(daemon: DaemonProcess, timeout: float = 30) -> None:
    """Wait until the first check has published a state (the daemon is up and has scanned)."""
    daemon.wait_log("INFO ehwatch.daemon: state ", timeout)
    time.sleep(0.2)
