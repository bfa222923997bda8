"""The command line starts lean: building the parser (all that ``ehwatch --version`` and ``--help``
do) and a warm ``ehwatch status`` load none of the heavy libraries; each command imports what it
needs when it runs. Checked in a fresh interpreter, the way a user starts ehwatch."""
from __future__ import annotations

import json
import subprocess
import sys

from ehwatch import secrets
from tests.support.keystores import PASSWORD, place
from tests.support.tools import run_cli

HEAVY = ("cryptography", "lxml", "asn1crypto", "PyKCS11", "keyring", "keyrings", "apscheduler", "imapclient",
         "PIL", "pystray", "gi", "jeepney", "ssl", "multiprocessing", "concurrent")

PROBE = """
import json, sys
from ehwatch.cli import main
sys.argv = ["ehwatch", *sys.argv[1:]]
try:
    code = main()
except SystemExit as exc:
    code = exc.code
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(HEAVY)))
print(json.dumps({"code": code, "heavy": heavy}), file=sys.stderr)
"""


def loaded(*args: str) -> dict:
    """Runs ``ehwatch ARGS`` in a fresh interpreter; the heavy libraries it had loaded at the end."""
    proc = subprocess.run([sys.executable, "-c", PROBE.replace("HEAVY", repr(json.dumps(HEAVY))), *args],
                          capture_output=True, text=True, timeout=120)
    return json.loads(proc.stderr.strip().splitlines()[-1])


def test_version_and_help_load_no_heavy_library():
    assert loaded("--version") == {"code": 0, "heavy": []}
    assert loaded("--help") == {"code": 0, "heavy": []}


def test_a_warm_status_loads_no_crypto_no_keyring(tmp_path):
    placed = place(tmp_path, "valid", "expired")
    for path in placed.values():
        secrets.set_keystore_password(path, PASSWORD)
    cold = run_cli("status", "--keystore-dir", str(tmp_path))  # decrypts, fills the scan cache
    assert cold.returncode == 2 and "MARIE DUBOIS" in cold.stdout, cold.stderr
    assert loaded("status", "--keystore-dir", str(tmp_path)) == {"code": 2, "heavy": []}
    placed["valid"].write_bytes(placed["valid"].read_bytes())  # touched, same bytes: known by its content
    placed["expired"].unlink()
    assert loaded("status", "--keystore-dir", str(tmp_path)) == {"code": 0, "heavy": []}
    place(tmp_path, "expiring")  # a new file: this run opens it, and only then loads what that takes
    with_a_new_file = loaded("status", "--keystore-dir", str(tmp_path))
    assert with_a_new_file["code"] == 1
    assert {"cryptography", "asn1crypto", "keyring"} <= set(with_a_new_file["heavy"])


def test_a_reader_that_goes_away_is_no_error(tmp_path):
    """``ehwatch status | head -1``: ehwatch stops quietly instead of reporting an unexpected error."""
    (tmp_path / "many").mkdir()
    for n in range(400):  # enough lines to fill the pipe
        (tmp_path / "many" / f"SSIN=7504040{n:04d} 20240101-090000.p12").write_bytes(b"not a keystore")
    proc = subprocess.Popen([sys.executable, "-m", "ehwatch", "status", "--keystore-dir", str(tmp_path / "many")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdout.readline()
    proc.stdout.close()  # like head -1
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 141 and err == ""
