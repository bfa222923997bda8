"""Prometheus exposition text (format 0.0.4) from the inventory records and the open renewals.

Names follow node_exporter and x509-certificate-exporter: one gauge per fact, timestamps in
seconds since the epoch, a 0/1 series per possible state (like ``node_systemd_unit_state``) so that
alert rules can ask ``== 1`` and a dashboard can count. Every series carries ``host`` and ``user``
(two users of one computer may both write into node_exporter's textfile folder); certificate series
also carry ``identifier``, ``application``, ``holder``, ``environment`` and ``keystore`` (the file
name; the full path when the same name is scanned in two folders, so no two series collide).
HELP texts are English and fixed: node_exporter refuses one metric with two different HELP texts.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ehwatch import __version__
from ehwatch.export.masking import mask_ssin
from ehwatch.monitor import status as policy
from ehwatch.monitor.scanner import printable

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

# name, type, help — in the order they are written
METRICS = (
    ("ehwatch_info", "gauge", "ehwatch running on this computer for this user (value 1; version in a label)."),
    ("ehwatch_certificate_not_before_seconds", "gauge",
     "Start of validity of the keystore's eHealth authentication certificate, seconds since the epoch."),
    ("ehwatch_certificate_not_after_seconds", "gauge",
     "Expiry of the keystore's eHealth authentication certificate, seconds since the epoch."),
    ("ehwatch_certificate_expires_in_seconds", "gauge",
     "Seconds from the exposition until the certificate expires (negative once expired)."),
    ("ehwatch_certificate_expiry_estimated", "gauge",
     "1 when the expiry is estimated from the file name (password unknown), 0 when read from the certificate."),
    ("ehwatch_certificate_status", "gauge",
     "Status of the keystore: 1 for its current status, 0 for the others."),
    ("ehwatch_renewal_state", "gauge",
     "State of an unfinished renewal: 1 for its current state, 0 for the others."),
    ("ehwatch_renewal_needs_user", "gauge",
     "1 when an unfinished renewal waits for the user (eID PIN blocked, password unknown, refused...)."),
    ("ehwatch_keystores", "gauge", "Keystores found by the last scan."),
    ("ehwatch_last_scan_timestamp_seconds", "gauge", "End of the last successful scan, seconds since the epoch."),
    ("ehwatch_last_scan_duration_seconds", "gauge", "Duration of the last successful scan in seconds."),
    ("ehwatch_scans_total", "counter", "Scans of the keystore folders since ehwatch started."),
    ("ehwatch_scan_errors_total", "counter", "Scans that failed since ehwatch started."),
    ("ehwatch_mail_watcher_up", "gauge",
     "1 when the mailbox watcher is running without a problem, 0 when it is down (absent: no mailbox set)."),
)


@dataclass(frozen=True)
class RenewalFact:
    """What the metrics say about one unfinished renewal (read from the renewal lifecycles)."""
    keystore: Path
    identifier: str
    application: str | None
    holder: str | None
    environment: str
    state: str
    needs_user: bool


@dataclass
class ScanInfo:
    finished_at: float | None = None        # unix time of the end of the last successful scan
    duration_seconds: float | None = None
    scans_total: int = 0
    errors_total: int = 0


@dataclass
class Exposition:
    """Everything one exposition is made of."""
    records: list
    renewals: list[RenewalFact] = field(default_factory=list)
    renewal_states: tuple[str, ...] = ()
    scan: ScanInfo = field(default_factory=ScanInfo)
    mail_up: bool | None = None             # None: no mailbox configured (or not the daemon)
    host: str = ""
    user: str = ""
    mask_ssin: bool = False
    now: float | None = None                # unix time the "expires in" values count from (default: now)


def open_renewals(core) -> tuple[list[RenewalFact], tuple[str, ...]]:
    """The unfinished renewals and every state a renewal can be in.

    The one place that reads ``renewal/lifecycle.py`` (its ``State`` enum, ``Lifecycles.open()`` and
    each renewal's ``needs_you``): when those change shape, only this function follows."""
    from ehwatch.renewal import lifecycle as lc

    def name(state) -> str:
        return str(getattr(state, "value", state))

    newest: dict[str, RenewalFact] = {}
    for r in lc.Lifecycles(core.store).open():          # oldest first: the newest per keystore wins
        newest[r.old_keystore] = RenewalFact(Path(r.old_keystore), r.identifier, r.application, r.holder,
                                             r.environment, name(r.state), bool(r.needs_you))
    return list(newest.values()), tuple(name(s) for s in lc.State)


def escape(value: str) -> str:
    """A label value as the text format wants it (backslash, double quote, line feed escaped)."""
    if "\\" in value or '"' in value or "\n" in value:
        value = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return value


class _Labels:
    """Builds each keystore's label text once (escaped, masked)."""

    def __init__(self, expo: Exposition, paths: list[Path]):
        self.mask = expo.mask_ssin
        self.common = f'host="{escape(expo.host)}",user="{escape(expo.user)}"'
        counts = Counter(p.name for p in set(paths))     # a keystore with a renewal is one file, not two
        self.ambiguous = {name for name, n in counts.items() if n > 1}

    def text(self, value: str | None) -> str:
        value = value or ""
        return escape(mask_ssin(value) if self.mask else value)

    def keystore(self, identifier, application, holder, environment, path: Path) -> str:
        name = printable(path) if path.name in self.ambiguous else printable(path.name)
        return (f'identifier="{self.text(identifier)}",application="{self.text(application)}",'
                f'holder="{self.text(holder)}",environment="{escape(environment or "")}",'
                f'keystore="{self.text(name)}",{self.common}')


def render(expo: Exposition) -> str:
    """The exposition text: ``# HELP``/``# TYPE`` then the samples of each metric, one block each."""
    labels = _Labels(expo, [r.path for r in expo.records] + [f.keystore for f in expo.renewals])
    common = labels.common
    blocks: dict[str, list[str]] = {name: [] for name, _, _ in METRICS}
    blocks["ehwatch_info"].append(f'ehwatch_info{{{common},version="{escape(__version__)}"}} 1')

    not_before, not_after = blocks["ehwatch_certificate_not_before_seconds"], blocks["ehwatch_certificate_not_after_seconds"]
    expires_in, estimated = blocks["ehwatch_certificate_expires_in_seconds"], blocks["ehwatch_certificate_expiry_estimated"]
    now = expo.now if expo.now is not None else time.time()
    status_lines = blocks["ehwatch_certificate_status"]
    statuses = policy.STATUSES
    for record in expo.records:
        ks = labels.keystore(record.identifier, record.application, record.holder, record.environment, record.path)
        if record.not_before is not None:
            not_before.append(f"ehwatch_certificate_not_before_seconds{{{ks}}} {int(record.not_before.timestamp())}")
        if record.not_after is not None:
            end = int(record.not_after.timestamp())
            not_after.append(f"ehwatch_certificate_not_after_seconds{{{ks}}} {end}")
            expires_in.append(f"ehwatch_certificate_expires_in_seconds{{{ks}}} {end - int(now)}")
            estimated.append(f"ehwatch_certificate_expiry_estimated{{{ks}}} "
                             f"{0 if record.expiry_source == 'certificate' else 1}")
        current = record.status
        for status in statuses:
            status_lines.append(f'ehwatch_certificate_status{{{ks},status="{status}"}} {1 if status == current else 0}')

    state_lines, needs_lines = blocks["ehwatch_renewal_state"], blocks["ehwatch_renewal_needs_user"]
    for fact in expo.renewals:
        ks = labels.keystore(fact.identifier, fact.application, fact.holder, fact.environment, fact.keystore)
        for state in expo.renewal_states:
            state_lines.append(f'ehwatch_renewal_state{{{ks},state="{escape(state)}"}} {1 if state == fact.state else 0}')
        needs_lines.append(f"ehwatch_renewal_needs_user{{{ks}}} {1 if fact.needs_user else 0}")

    scan = expo.scan
    if scan.scans_total:                    # before the first scan, "0 keystores" would be a false fact
        blocks["ehwatch_keystores"].append(f"ehwatch_keystores{{{common}}} {len(expo.records)}")
    if scan.finished_at is not None:
        blocks["ehwatch_last_scan_timestamp_seconds"].append(
            f"ehwatch_last_scan_timestamp_seconds{{{common}}} {scan.finished_at:.3f}")
    if scan.duration_seconds is not None:
        blocks["ehwatch_last_scan_duration_seconds"].append(
            f"ehwatch_last_scan_duration_seconds{{{common}}} {scan.duration_seconds:.6f}")
    blocks["ehwatch_scans_total"].append(f"ehwatch_scans_total{{{common}}} {scan.scans_total}")
    blocks["ehwatch_scan_errors_total"].append(f"ehwatch_scan_errors_total{{{common}}} {scan.errors_total}")
    if expo.mail_up is not None:
        blocks["ehwatch_mail_watcher_up"].append(f"ehwatch_mail_watcher_up{{{common}}} {1 if expo.mail_up else 0}")

    out: list[str] = []
    for name, kind, help_text in METRICS:
        samples = blocks[name]
        if not samples:
            continue                        # no HELP/TYPE without a sample: node_exporter would keep an empty family
        out.append(f"# HELP {name} {help_text}")
        out.append(f"# TYPE {name} {kind}")
        out.extend(samples)
    out.append("")
    return "\n".join(out)
