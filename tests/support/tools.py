"""Plain helpers every test may import: the real tools the tests drive, and ehwatch as a child process."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def run_cli(*args: str, input: str | None = None, env: dict | None = None, check: bool = False,
            timeout: float = 120) -> subprocess.CompletedProcess:
    """Runs ``ehwatch`` as a user would, in a child process, with the test's environment."""
    from tests.support import tiers

    tiers.check_classified("a child ehwatch process")
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    proc = subprocess.run([sys.executable, "-m", "ehwatch", *args], input=input, capture_output=True,
                          text=True, env=full_env, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"ehwatch {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


def need_tool(name: str) -> str:
    """The path of a system tool the tests drive for real. In CI a missing tool is a failure, not a skip."""
    from tests.support import tiers

    tiers.check_classified(name)
    path = shutil.which(name) or (name if os.path.exists(name) else None)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{name} is required in CI (make test installs it)")
    pytest.skip(f"{name} is not installed (run make test as root to install it)")
