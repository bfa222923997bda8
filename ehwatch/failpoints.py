"""Named crash points, for the crash-and-resume tests (in the spirit of etcd's gofail).

``failpoint("name")`` does nothing unless the environment variable ``EHWATCH_FAILPOINT`` names that
point; then the process kills itself with SIGKILL on the spot — no cleanup, no flush, exactly like
a power cut. The renewal engine marks every step boundary with one, so a test can prove that a
renewal killed at any boundary resumes without losing a file or sending a request twice.
"""
from __future__ import annotations

import os
import signal


def failpoint(name: str) -> None:
    if os.environ.get("EHWATCH_FAILPOINT") == name:
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
