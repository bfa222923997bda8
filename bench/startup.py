"""What ehwatch costs as a whole process: one-shot commands under ``/usr/bin/time`` (wall time and max
RSS, as ``/usr/bin/time -v`` reports them), and the long-running daemon at rest from /proc (RSS, PSS
with shared libraries counted by their share, and the peak RSS since start, VmHWM):

- ``ehwatch --version``;
- a warm ``ehwatch status`` on 12 keystores (the scan cache already filled by a first run);
- the headless daemon at rest (``ehwatch run --no-tray``, mailbox watched when Dovecot is installed);
- the daemon with its GTK tray icon at rest, on a private desktop (Xvfb + D-Bus + trayer + dunst).

Targets (issue 11): ``--version`` and warm ``status`` each ≤ 0.15 s and ≤ 30 MB; headless daemon
< 40 MB RSS; with the GTK tray < 60 MB PSS.

    .venv/bin/python bench/startup.py [--runs 7] [--keystores 12] [--idle 15] [--only version,status]
    .venv/bin/python bench/startup.py --tree /path/to/another/checkout   # measure that tree's ehwatch
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOLDERS = ["MARIE DUBOIS", "JAN PEETERS", "SOPHIE MARTIN", "LUC JANSSENS", "EMMA MAES", "THOMAS WILLEMS"]
PASSWORD = "bench-password"
CASES = ("version", "status", "daemon", "tray")
TIME = "/usr/bin/time"  # GNU time (Debian package "time")
TREE_LAUNCHER = ("import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)]; "
                 "sys.path.insert(0, sys.argv.pop(1)); sys.argv[0] = 'ehwatch'; "
                 "from ehwatch.cli import main; raise SystemExit(main())")


def whole_process(argv: list[str], env: dict, timeout: float = 60) -> tuple[float, int, int]:
    """Runs ``argv`` to its end under /usr/bin/time: (wall seconds, max RSS in KB, exit code).

    Not wait4() from here: a child forked from this (large) process keeps the parent's high-water RSS
    through exec, so its ru_maxrss would be this process's size. /usr/bin/time is small.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        started = time.perf_counter()
        subprocess.run([TIME, "-q", "-f", "%x %M", "-o", report.name, *argv], env=env,
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              timeout=timeout)
        wall = time.perf_counter() - started
        code, maxrss = report.read().split()[-2:]
    return wall, int(maxrss), int(code)


def rss_pss_kb(pid: int) -> tuple[int, int, int]:
    """RSS and PSS now, and the process's high-water RSS since its exec (VmHWM)."""
    rss = pss = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1])
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif line.startswith("Pss:"):
            pss = int(line.split()[1])
    return rss, pss, hwm


def make_home(home: Path, keystores: int) -> Path:
    os.environ.update(HOME=str(home), EHWATCH_HOME=str(home / ".ehwatch"), EHWATCH_USER_HOME=str(home),
                      XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local" / "share"),
                      PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring", LANG="en_US.UTF-8")
    os.environ.pop("EHWATCH_CONFIG", None)
    from ehwatch import secrets
    from tests.support.keystore_factory import make_ehealth_keystore

    folder = home / "ehealth" / "keystore"
    for n in range(keystores):
        ssin = f"{75040404976 + 101 * n:011d}"
        path = make_ehealth_keystore(folder, identifier=f"SSIN={ssin}", holder=HOLDERS[n % len(HOLDERS)],
                                     days_valid=30 + 61 * n, password=PASSWORD, etk_count=1)
        secrets.set_keystore_password(path, PASSWORD)
    return folder


def one_shot(name: str, argv: list[str], env: dict, runs: int) -> dict:
    whole_process(argv, env)  # the first run fills the scan cache and the page cache; not counted
    walls, rss = [], []
    for _ in range(runs):
        wall, maxrss, code = whole_process(argv, env)
        if code not in (0, 1, 2):  # status exits 1/2 when a keystore is expiring/expired: that is its answer
            raise RuntimeError(f"{name} exited {code}")
        walls.append(wall)
        rss.append(maxrss)
    return {"case": name, "wall_median_s": statistics.median(walls), "wall_min_s": min(walls),
            "max_rss_mb": max(rss) / 1024}


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"no {what} within {timeout} s")
        time.sleep(0.05)


def daemon_at_rest(name: str, argv: list[str], env: dict, idle: float, ready) -> dict:
    """Starts the daemon, waits until ``ready()`` then ``idle`` seconds, samples RSS/PSS, stops it with SIGTERM."""
    log_file = Path(env["EHWATCH_HOME"]) / "log" / "ehwatch.log"
    log_start = log_file.stat().st_size if log_file.exists() else 0

    def logged(text: str) -> bool:
        return log_file.exists() and text in log_file.read_bytes()[log_start:].decode("utf-8", "replace")

    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        wait_for(lambda: logged("ehwatch.daemon: state ") and ready(), 60, "first published state")
        first_state = time.perf_counter() - started
        time.sleep(idle)
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited {proc.returncode}: {proc.stderr.read().decode()}")
        rss, pss, peak = rss_pss_kb(proc.pid)
        threads = len(list(Path(f"/proc/{proc.pid}/task").iterdir()))
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    return {"case": name, "first_state_s": first_state, "rss_at_rest_mb": rss / 1024, "pss_at_rest_mb": pss / 1024,
            "peak_rss_mb": peak / 1024, "threads": threads}


def write_config(server) -> None:
    from ehwatch import paths, secrets

    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = 'language = "en"\n'
    if server is not None:
        secrets.set_mail_secret(server.user, server.host, server.password)
        text += (f'[mail]\nhost = "{server.host}"\nport = {server.port}\nsecurity = "ssl"\n'
                 f'username = "{server.user}"\ncafile = "{server.cafile}"\n')
    path.write_text(text, encoding="utf-8")


def measure(home: Path, args) -> list[dict]:
    t = time.monotonic()
    folder = make_home(home, args.keystores)
    print(f"{args.keystores} keystores made with keytool in {time.monotonic() - t:.0f} s", flush=True)
    env = dict(os.environ)
    ehwatch = [sys.executable, "-m", "ehwatch"]
    if args.tree:  # the editable install's finder comes before sys.path: take it out, then import from the tree
        ehwatch = [sys.executable, "-c", TREE_LAUNCHER, str(args.tree.resolve())]
    results = []
    cases = args.only.split(",") if args.only else CASES
    server = None
    dovecot_cm = None
    try:
        if set(cases) & {"daemon", "tray"} and shutil.which("/usr/sbin/dovecot") and not args.no_mail:
            from tests.support.dovecot import Dovecot

            dovecot_cm = Dovecot(home)
            server = dovecot_cm.__enter__().start()
        write_config(server)
        if "version" in cases:
            results.append(one_shot("ehwatch --version", [*ehwatch, "--version"], env, args.runs))
        if "status" in cases:
            results.append(one_shot(f"ehwatch status (warm, {args.keystores} keystores)",
                                    [*ehwatch, "status", "--keystore-dir", str(folder)], env, args.runs))
        # the daemon starts as it does at a login: the scan cache filled by an earlier run
        whole_process([*ehwatch, "status", "--keystore-dir", str(folder)], env)
        mail = "with" if server else "without"
        logged_in = (lambda: f"user=<{server.user}>" in server.log_text()) if server else (lambda: True)
        if "daemon" in cases:
            results.append(daemon_at_rest(f"ehwatch run --no-tray ({mail} mailbox), at rest",
                                          [*ehwatch, "run", "--no-tray", "--keystore-dir", str(folder)], env,
                                          args.idle, logged_in))
        if "tray" in cases:
            from tests.support.desktop import Desktop

            with Desktop() as desktop:
                tray_env = dict(env, **desktop.env, NO_AT_BRIDGE="1")
                results.append(daemon_at_rest(
                    f"ehwatch run, GTK tray ({mail} mailbox), at rest",
                    [*ehwatch, "run", "--keystore-dir", str(folder)], tray_env, args.idle,
                    lambda: logged_in() and any(i["width"] > 1 for i in desktop.tray_icons())))
    finally:
        if dovecot_cm is not None:
            dovecot_cm.__exit__(None, None, None)
    return results


def main() -> int:
    if not os.access(TIME, os.X_OK):
        raise SystemExit(f"{TIME} is needed (apt-get install time)")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="runs of each one-shot command (after one warm-up)")
    parser.add_argument("--keystores", type=int, default=12)
    parser.add_argument("--idle", type=float, default=15.0, help="seconds at rest before the daemon is sampled")
    parser.add_argument("--only", help=f"comma-separated subset of {','.join(CASES)}")
    parser.add_argument("--no-mail", action="store_true", help="no mailbox for the daemon, even with Dovecot")
    parser.add_argument("--tree", type=Path, help="a checkout whose ehwatch package is measured instead")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="ehwatch-startup-"))
    try:
        results = measure(home, args)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    for result in results:
        figures = "  ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                            for k, v in result.items() if k != "case")
        print(f"{result['case']:48} {figures}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
