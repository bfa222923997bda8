"""What ``ehwatch run`` costs while it sits in the tray doing nothing, and how fast its icon appears.

Starts a private desktop (Xvfb + D-Bus + trayer + dunst, tests/desktop.py), a private Dovecot
(tests/dovecot.py) configured as the mailbox, 20 real keystores made with keytool (passwords in a
file keyring), then ``ehwatch run`` with its tray icon. Measures:

- start → icon docked in trayer (polled on the X server every 10 ms; target < 2 s), and start →
  the daemon's first published state;
- over the idle window (default 10 minutes; ``--minutes`` to shorten): RSS (VmRSS, sampled every
  5 s: max and last; PSS at the end, shared libraries counted by their share), CPU % of one core (utime+stime of every thread over the window; target
  < 0.5 %), and wake-ups per second (voluntary context switches of all threads: a busy loop shows
  up there first).

    .venv/bin/python bench/idle.py [--minutes 10] [--keystores 20] [--json out.json]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
HOLDERS = ["MARIE DUBOIS", "JAN PEETERS", "SOPHIE MARTIN", "LUC JANSSENS", "EMMA MAES", "THOMAS WILLEMS",
           "JULIE CLAES", "PIETER GOOSSENS", "CAMILLE WOUTERS", "LUCAS DE SMET"]


def cpu_ticks(pid: int) -> int:
    """utime + stime of the whole process (all threads), in clock ticks."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def rss_kb(pid: int) -> int:
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KB


def pss_kb(pid: int) -> int:
    """Proportional set size: shared libraries (GTK, libpython, OpenSSL) counted by their share."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def wakeups(pid: int) -> int:
    """Voluntary context switches summed over the threads: each is a thread going to sleep after a wake."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            for line in (task / "status").read_text().splitlines():
                if line.startswith("voluntary_ctxt_switches"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def make_keystores(folder: Path, count: int, password: str) -> list[Path]:
    from ehwatch import secrets
    from tests.support.keystore_factory import make_ehealth_keystore

    made = []
    for n in range(count):
        ssin = f"{75040404976 + 101 * n:011d}"
        path = make_ehealth_keystore(folder, identifier=f"SSIN={ssin}", holder=HOLDERS[n % len(HOLDERS)],
                                     days_valid=60 + 47 * n, password=password, etk_count=0)
        secrets.set_keystore_password(path, password)
        made.append(path)
    return made


def write_config(path: Path, server) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"""language = "en"
[mail]
host = "{server.host}"
port = {server.port}
security = "ssl"
username = "{server.user}"
cafile = "{server.cafile}"
""", encoding="utf-8")


def measure(home: Path, minutes: float, keystore_count: int) -> dict:
    os.environ.update(HOME=str(home), EHWATCH_HOME=str(home / ".ehwatch"), EHWATCH_USER_HOME=str(home),
                      XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local" / "share"),
                      PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring", LANG="en_US.UTF-8")
    from ehwatch import paths, secrets
    from tests.support.desktop import Desktop, stop_process, wait_until
    from tests.support.dovecot import Dovecot

    folder = home / "ehealth" / "keystore"
    t = time.monotonic()
    make_keystores(folder, keystore_count, "bench-password")
    print(f"{keystore_count} keystores made with keytool in {time.monotonic() - t:.0f} s", flush=True)

    with Desktop() as desktop, Dovecot(home) as server:
        server.start()
        secrets.set_mail_secret(server.user, server.host, server.password)
        write_config(paths.config_file(), server)
        env = dict(os.environ)
        env.update(desktop.env)
        env["NO_AT_BRIDGE"] = "1"
        log_file = home / ".ehwatch" / "log" / "ehwatch.log"

        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "ehwatch", "run", "--keystore-dir", str(folder)], env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        try:
            wait_until(lambda: [i for i in desktop.tray_icons() if i["width"] > 1], 30, "the icon docked",
                       interval=0.01)
            docked = time.monotonic() - started
            wait_until(lambda: log_file.exists() and "ehwatch.daemon: state " in log_file.read_text(), 60,
                       "the first state", interval=0.02)
            first_state = time.monotonic() - started
            wait_until(lambda: f"user=<{server.user}>" in server.log_text(), 30, "the mail watcher's login",
                       interval=0.1)
            print(f"icon docked after {docked:.2f} s; first state after {first_state:.2f} s", flush=True)
            time.sleep(10)  # the first scan's worker processes and the mail login settle

            samples = []
            cpu0, wake0, t0 = cpu_ticks(proc.pid), wakeups(proc.pid), time.monotonic()
            end = t0 + minutes * 60
            while time.monotonic() < end:
                if proc.poll() is not None:
                    raise RuntimeError(f"ehwatch run exited {proc.returncode}: {proc.stderr.read().decode()}")
                samples.append(rss_kb(proc.pid))
                time.sleep(min(5, max(0.0, end - time.monotonic())))
            cpu1, wake1, t1 = cpu_ticks(proc.pid), wakeups(proc.pid), time.monotonic()
            pss = pss_kb(proc.pid)
            threads = len(list(Path(f"/proc/{proc.pid}/task").iterdir()))
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                stop_process(proc)
        log = log_file.read_text()
        return {
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "keystores": keystore_count,
            "mailbox": f"dovecot imaps 127.0.0.1:{server.port}",
            "idle_minutes": round((t1 - t0) / 60, 2),
            "start_to_docked_s": round(docked, 2),
            "start_to_first_state_s": round(first_state, 2),
            "rss_max_mb": round(max(samples) / 1024, 1),
            "rss_last_mb": round(samples[-1] / 1024, 1),
            "pss_last_mb": round(pss / 1024, 1),
            "cpu_percent": round(100 * (cpu1 - cpu0) / CLK_TCK / (t1 - t0), 3),
            "wakeups_per_s": round((wake1 - wake0) / (t1 - t0), 2),
            "threads": threads,
            "exit_code": proc.returncode,
            "tray_backend": next((line.rsplit(": ", 1)[1] for line in log.splitlines() if "tray backend:" in line), "?"),
            "notifications_shown": log.count("ehwatch.tray.notify: notification ") - log.count("notification not"),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0, help="length of the idle window")
    parser.add_argument("--keystores", type=int, default=20)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="ehwatch-idle-"))
    try:
        figures = measure(home, args.minutes, args.keystores)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    for name, value in figures.items():
        print(f"{name:24} {value}")
    verdict = figures["start_to_docked_s"] < 2 and figures["rss_max_mb"] < 60 and figures["cpu_percent"] < 0.5
    print("targets (docked < 2 s, RSS < 60 MB, CPU < 0.5 %):", "met" if verdict else "NOT met")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
