"""How fast a mail becomes an ehwatch MailEvent, next to a bare imapclient IDLE loop.

Starts a private Dovecot (tests/dovecot.py), runs ehwatch's MailWatcher and a minimal IDLE loop
side by side on the same INBOX, APPENDs N eHealth notices one at a time over an already open
connection and measures, for each, the time from the start of the APPEND to (a) the bare loop
seeing EXISTS and (b) ehwatch delivering the MailEvent (search + BODYSTRUCTURE + text fetch
included). Prints median and worst for both and the ratio of the medians (target: within 2x).

    .venv/bin/python bench/mail_wakeup.py [--mails 20]
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import ssl
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def bare_idle_loop(server, seen: dict, stop: threading.Event, ready: threading.Event) -> None:
    import imapclient

    client = imapclient.IMAPClient(server.host, server.port, ssl=True,
                                   ssl_context=ssl.create_default_context(cafile=server.cafile))
    client.login(server.user, server.password)
    client.select_folder("INBOX", readonly=True)
    client.idle()
    ready.set()
    while not stop.is_set():
        for response in client.idle_check(timeout=0.5):
            if len(response) > 1 and response[1] == b"EXISTS":
                seen[int(response[0])] = time.perf_counter()
    client.idle_done()
    client.logout()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mails", type=int, default=20)
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="ehwatch-bench-"))
    try:
        return measure(home, args.mails)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def measure(home: Path, mails: int) -> int:
    os.environ.update(EHWATCH_HOME=str(home / "ehwatch"), HOME=str(home),
                      PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring", XDG_DATA_HOME=str(home / "data"))

    from ehwatch import secrets
    from ehwatch.config import Config, MailConfig
    from ehwatch.core import Core
    from ehwatch.mail.watcher import MailWatcher
    from tests.support import mail_samples as samples
    from tests.support.dovecot import Dovecot

    with Dovecot(home, "ssl") as server:
        secrets.set_mail_secret(server.user, server.host, server.password)
        config = Config(mail=MailConfig(host=server.host, port=server.port, security="ssl",
                                        username=server.user, cafile=server.cafile))
        core = Core(config, store_path=home / "state.sqlite3")
        ehwatch_seen: dict[str, float] = {}
        watcher = MailWatcher(core, lambda e: ehwatch_seen.setdefault(e.reading.request_number, time.perf_counter()))
        stop = threading.Event()
        bare_seen: dict[int, float] = {}
        bare_ready = threading.Event()
        threads = [threading.Thread(target=watcher.run, args=(stop,), daemon=True),
                   threading.Thread(target=bare_idle_loop, args=(server, bare_seen, stop, bare_ready), daemon=True)]
        for thread in threads:
            thread.start()
        bare_ready.wait(10)
        deadline = time.monotonic() + 10
        while server.log_text().count("Login: user=") < 4 and time.monotonic() < deadline:
            time.sleep(0.05)  # bare loop + ehwatch discovery + its two IDLE connections
        time.sleep(1.0)

        sender = server.client()
        bare_ms, ehwatch_ms = [], []
        for index in range(1, mails + 1):
            number = str(500000 + index)
            raw = samples.produced(n=number)
            started = time.perf_counter()
            sender.append("INBOX", raw)
            limit = time.monotonic() + 15
            while (number not in ehwatch_seen or index not in bare_seen) and time.monotonic() < limit:
                time.sleep(0.002)
            if number in ehwatch_seen and index in bare_seen:
                ehwatch_ms.append((ehwatch_seen[number] - started) * 1000)
                bare_ms.append((bare_seen[index] - started) * 1000)
            else:
                print(f"mail {index}: not seen within 15 s (ehwatch={number in ehwatch_seen}, bare={index in bare_seen})")
            time.sleep(random.uniform(0.2, 0.5))
        sender.logout()
        stop.set()
        for thread in threads:
            thread.join(10)
        core.close()

    if not ehwatch_ms:
        print("no measurement")
        return 1
    bare_median, ehwatch_median = statistics.median(bare_ms), statistics.median(ehwatch_ms)
    print(f"mails measured: {len(ehwatch_ms)} of {mails}")
    print(f"bare imapclient IDLE : median {bare_median:7.1f} ms   worst {max(bare_ms):7.1f} ms")
    print(f"ehwatch MailEvent    : median {ehwatch_median:7.1f} ms   worst {max(ehwatch_ms):7.1f} ms")
    ratio = ehwatch_median / bare_median if bare_median else float("inf")
    print(f"ratio of medians     : {ratio:.2f}x (target within 2x)")
    return 0 if ratio <= 2 else 2


if __name__ == "__main__":
    raise SystemExit(main())
