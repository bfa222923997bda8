"""The parallel scan's spawn pool never hangs a scan (issue 16): a deadline, then the work in-process;
and ``python -m ehwatch``'s module can be imported by a spawn child without running the CLI."""
from __future__ import annotations

import concurrent.futures
import functools
import subprocess
import sys
import threading
import time

from ehwatch.monitor import inventory, pkcs12, scanner
from tests.support.keystores import PASSWORD, place


def _jobs(tmp_path, count):
    source = place(tmp_path / "src", "valid")["valid"]
    content = pkcs12.read_keystore(source.read_bytes(), PASSWORD)
    return [inventory._Pending(tmp_path / f"k{i}.p12", None, "", pkcs12.write_keystore(content, PASSWORD), PASSWORD)
            for i in range(count)]


def test_a_pool_that_never_delivers_does_not_hang_the_scan(tmp_path, monkeypatch):
    """Real spawn children that never start working (as under Wine, or a frozen build re-running its
    entry point): after the deadline the keystores are read in this process, the children killed."""
    jobs = _jobs(tmp_path, inventory.PARALLEL_THRESHOLD + 2)
    monkeypatch.setattr(inventory.os, "cpu_count", lambda: 4)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor",
                        functools.partial(concurrent.futures.ProcessPoolExecutor, initializer=time.sleep,
                                          initargs=(3600,)))
    monkeypatch.setattr(inventory, "POOL_DEADLINE_SECONDS", 3.0, raising=False)
    outcome: dict = {}
    worker = threading.Thread(target=lambda: outcome.setdefault("r", inventory._inspect_all(jobs)), daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "the scan hung in the worker pool"
    assert time.monotonic() - started < 45
    assert outcome["r"] == [scanner.inspect_keystore(j.data, j.password) for j in jobs]


def test_importing_the_main_module_does_not_run_the_cli():
    """A spawn child re-imports the parent's __main__ module under another name: it must not run ehwatch."""
    proc = subprocess.run([sys.executable, "-c", "import ehwatch.__main__; print('imported, nothing ran')"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "imported, nothing ran"
