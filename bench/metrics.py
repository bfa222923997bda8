"""Benchmark of what ``ehwatch run`` adds to each scan for Prometheus (not a test): prints figures.

    .venv/bin/python bench/metrics.py [--n 1000] [--runs 50] [--renewals 50]

N keystore records as the scan returns them (statuses mixed as in a big practice or an IT provider's
server: valid, expiring, expired, superseded, locked with an estimated expiry, pending, unreadable;
a tenth with an application id) and R open renewals in the state store. For each, the median and
the 95th percentile over --runs of:
1. rendering the exposition text (``prometheus.render``, renewals read from SQLite included);
2. ``Publisher.publish``: render + the textfile written atomically (temp file, fsync, rename, fsync
   of the folder), i.e. the whole cost per scan with ``[metrics] textfile_dir`` set;
3. the same with ``mask_ssin`` on;
4. the same with ``[calendar] path`` set as well (the .ics rendered, compared, rewritten when changed).
Target (issue 14): under 50 ms per scan for 1,000 keystores.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STATUSES = ["valid"] * 12 + ["expiring", "expired", "superseded", "locked", "pending", "unreadable"]


def make_records(n: int, folder: Path) -> list:
    from ehwatch.monitor.inventory import KeystoreRecord

    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    records = []
    for i in range(n):
        status = STATUSES[i % len(STATUSES)]
        ssin = f"{75040400000 + i * 7:011d}"
        days = {"expiring": 12, "expired": -4, "superseded": 20}.get(status, 90 + i % 900)
        known = status not in ("pending", "unreadable")
        not_after = now + dt.timedelta(days=days) if known else None
        app = "ROUTINGAPP" if i % 10 == 0 else None
        records.append(KeystoreRecord(
            path=folder / f"SSIN={ssin}{',' + app if app else ''} 20240101-{i % 240000:06d}.p12",
            identifier=f"SSIN={ssin}", application=app, holder=f"DOCTEUR NUMÉRO {i}", environment="production",
            status=status, not_before=not_after - dt.timedelta(days=1095) if known and status != "locked" else None,
            not_after=not_after, days_left=days if known else None,
            expiry_source=("file-name" if status == "locked" else "certificate") if known else None,
            issuer="CN=ZetesConfidens Private Trust PKI - eHealth issuing CA 001"))
    return records


def timed(action, runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--renewals", type=int, default=50)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ehwatch-bench-metrics-") as tmp:
        work = Path(tmp)
        os.environ["EHWATCH_HOME"] = str(work / "home")
        from ehwatch import config as config_mod
        from ehwatch.core import Core
        from ehwatch.export import prometheus, publisher
        from ehwatch.renewal import lifecycle as lc

        folder = work / "keystore"
        textfiles = work / "textfile"
        textfiles.mkdir()
        records = make_records(args.n, folder)
        config = config_mod.Config()
        config.metrics.textfile_dir = str(textfiles)
        core = Core(config, keystore_dirs=[folder])
        lifecycles = lc.Lifecycles(core.store)
        for record in records[: args.renewals]:
            lifecycles.create(old_keystore=record.path, identifier=record.identifier, environment=record.environment,
                              holder=record.holder, state=lc.State.REQUESTED)
        pub = publisher.Publisher(core)
        scan = prometheus.ScanInfo(finished_at=time.time(), duration_seconds=0.2, scans_total=1)

        def render():
            prometheus.render(publisher.exposition(core, records, scan))

        text = prometheus.render(publisher.exposition(core, records, scan))
        lines = sum(1 for line in text.splitlines() if line and not line.startswith("#"))
        print(f"{args.n} keystores, {args.renewals} open renewals: {lines} samples, "
              f"{len(text.encode()) / 1024:.0f} KiB of exposition text")
        figures = [("render the exposition", timed(render, args.runs))]
        figures.append(("publish: render + textfile (fsync, rename)",
                        timed(lambda: pub.publish(records, scan_seconds=0.2), args.runs)))
        config.metrics.mask_ssin = True
        figures.append(("publish with mask_ssin", timed(lambda: pub.publish(records, scan_seconds=0.2), args.runs)))
        config.metrics.mask_ssin = False
        config.calendar.path = str(work / "expiry.ics")
        figures.append(("publish + calendar (.ics) file", timed(lambda: pub.publish(records, scan_seconds=0.2),
                                                                args.runs)))
        core.close()
        for label, (median, p95) in figures:
            print(f"  {label:<45} median {median:6.1f} ms   p95 {p95:6.1f} ms")
        worst = max(median for _, (median, _) in figures[:3])
        print(f"target: under 50 ms per scan for 1,000 keystores -> {'met' if worst < 50 else 'NOT met'} "
              f"(worst median without the calendar: {worst:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
