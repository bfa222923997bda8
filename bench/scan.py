"""Benchmark of the keystore scan (not a test): prints figures for N Java-17 keystores.

    .venv/bin/python bench/scan.py [--n 1000] [--sample 30]

1. keytool writes one Java 17 keystore (PBES2/AES-256, SHA-256 MAC, eHealth DN, its CA chain);
2. ehwatch's writer re-encrypts it N times with fresh salts (distinct files, same format), and the
   N passwords go into an in-memory keyring: keyring cost depends on the backend (one D-Bus call per
   keystore with the Secret Service; keyrings.alt's file keyring re-parses its whole file per lookup,
   O(N) each), so it is left out of the scan figures; ``--keyring file`` puts it back;
3. cold scan (empty cache, parallel decryption), warm rescan (cache), the per-file PBKDF2 floor;
4. the baseline an admin script would use: ``keytool -list`` per file, timed on ``--sample`` files
   and extrapolated to N (a JVM start per file makes the full run take ~15 minutes).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "bench-password-1"


def _keytool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["keytool", *args], capture_output=True, text=True,
                          env=dict(os.environ, KS_PASS=PASSWORD), timeout=120)


def _isolate(work: Path, keyring_kind: str) -> None:
    """Every file the bench makes stays under ``work`` (state store, keyring, HOME)."""
    os.environ["HOME"] = str(work / "home")
    os.environ["EHWATCH_HOME"] = str(work / "ehwatch")
    os.environ["XDG_DATA_HOME"] = str(work / "home" / ".local" / "share")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    (work / "home").mkdir(parents=True)
    if keyring_kind == "memory":
        import keyring

        from ehwatch.secrets import MemoryKeyring

        keyring.set_keyring(MemoryKeyring())


def make_keystores(work: Path, n: int) -> Path:
    from ehwatch.monitor import pkcs12
    from tests.support.keystore_factory import make_ehealth_keystore

    # keytool writes it with its CA chain, as eHealth's are (status checks the chain: issue 15)
    seed = make_ehealth_keystore(work / "seed", password=PASSWORD, etk_count=0)
    content = pkcs12.read_keystore(seed.read_bytes(), PASSWORD)
    folder = work / "keystores"
    folder.mkdir()
    import keyring

    for i in range(n):
        path = folder / f"SSIN={75040404976 + i * 97} 2025{1 + i % 12:02d}{1 + i % 28:02d}-1200{i % 60:02d}.p12"
        path.write_bytes(pkcs12.write_keystore(content, PASSWORD))
        keyring.set_password("ehwatch", "keystore:" + path.name, PASSWORD)
    return folder


def time_scan(folder: Path):
    from ehwatch.core import Core
    from ehwatch.monitor import inventory

    core = Core.load()
    try:
        start = time.perf_counter()
        result = inventory.scan(core, [folder])
        elapsed = time.perf_counter() - start
    finally:
        core.close()
    return elapsed, result


def pbkdf2_floor(folder: Path, samples: int = 20) -> tuple[float, float]:
    """(one PBKDF2-HMAC-SHA256 10000-round derivation, one keystore's full public read), seconds."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    from ehwatch.monitor import scanner

    one_kdf = min(_timed(lambda: PBKDF2HMAC(hashes.SHA256(), 32, b"s" * 16, 10000).derive(b"pw"))
                  for _ in range(samples))
    files = sorted(folder.iterdir())[:samples]
    per_file = min(_timed(lambda p=p: scanner.inspect_keystore(p.read_bytes(), PASSWORD)) for p in files)
    return one_kdf, per_file


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def keytool_baseline(folder: Path, sample: int) -> float:
    files = sorted(folder.iterdir())[:sample]
    start = time.perf_counter()
    for path in files:
        proc = _keytool("-list", "-storetype", "PKCS12", "-keystore", str(path), "-storepass:env", "KS_PASS")
        if proc.returncode != 0:
            raise SystemExit(f"keytool -list failed on {path.name}: {proc.stderr}")
    return (time.perf_counter() - start) / len(files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=30, help="files timed with keytool -list")
    parser.add_argument("--keyring", choices=("memory", "file"), default="memory",
                        help="where the N passwords live (default: in memory, see above)")
    args = parser.parse_args()
    if not shutil.which("keytool"):
        raise SystemExit("keytool is required")
    work = Path(tempfile.mkdtemp(prefix="ehwatch-bench-"))
    try:
        _isolate(work, args.keyring)
        t0 = time.perf_counter()
        folder = make_keystores(work, args.n)
        print(f"setup: {args.n} Java-17 keystores + keyring entries in {time.perf_counter() - t0:.1f} s "
              f"({os.cpu_count()} cores, {args.keyring} keyring)")
        cold, result = time_scan(folder)
        statuses = {r.status for r in result.records}
        assert len(result.records) == args.n and statuses == {"valid"}, (len(result.records), statuses)
        warm = min(time_scan(folder)[0] for _ in range(3))
        one_kdf, per_file = pbkdf2_floor(folder)
        per_keytool = keytool_baseline(folder, args.sample)
        baseline = per_keytool * args.n
        cores = os.cpu_count() or 1
        print(f"cold scan (empty cache, {cores} worker processes): {cold:8.2f} s  ({cold / args.n * 1000:.1f} ms/file)")
        print(f"warm rescan (cache):                            {warm:8.3f} s  ({warm / args.n * 1e6:.0f} µs/file)")
        print(f"PBKDF2-HMAC-SHA256 10000 rounds, one derivation: {one_kdf * 1000:8.2f} ms")
        print(f"per-file floor (MAC + certificate safe, 1 core): {per_file * 1000:8.2f} ms  "
              f"-> {per_file * args.n / cores:.2f} s for {args.n} files on {cores} cores")
        print(f"keytool -list per file (mean of {args.sample}):      {per_keytool * 1000:8.0f} ms  "
              f"-> baseline {baseline:.0f} s for {args.n} files (extrapolated)")
        print(f"cold vs keytool baseline: {baseline / cold:6.1f}x faster (target >= 10x)")
        print(f"warm vs cold:             {cold / warm:6.1f}x faster (target >= 100x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
