"""Helpers of the tests inside the Windows Python (importable: pytest puts this folder on sys.path)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile


def run_ehwatch(*args: str, input: bytes | str = b"", env: dict | None = None,
                timeout: float = 120) -> subprocess.CompletedProcess:
    """``python -m ehwatch ARGS``, its output as bytes (the encoding is under test). stdout and stderr go
    to files, not pipes: worker processes that outlive a killed ehwatch would hold pipes open and make
    the wait after a timeout endless. On timeout the process tree is killed and TimeoutExpired raised."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env = {k: v for k, v in full_env.items() if v is not None}
    if isinstance(input, str):
        input = input.encode()
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as folder:
        out_path, err_path = os.path.join(folder, "out"), os.path.join(folder, "err")
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            proc = subprocess.Popen([sys.executable, "-m", "ehwatch", *args], stdin=subprocess.PIPE, stdout=out,
                                    stderr=err, env=full_env)
            try:
                proc.stdin.write(input)
                proc.stdin.close()
            except OSError:
                pass
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, timeout=30)
                proc.kill()
                proc.wait(30)
                raise
        with open(out_path, "rb") as out, open(err_path, "rb") as err:
            return subprocess.CompletedProcess(proc.args, proc.returncode, out.read(), err.read())


def forget_all(paths) -> None:
    from ehwatch import secrets

    for path in paths:
        secrets.forget_keystore_password(path)
