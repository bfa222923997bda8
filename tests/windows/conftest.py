"""tests/windows: ehwatch as a Windows program, run for real under Wine (``make test-windows``).

Two kinds of files live here:
- ``inside/``: tests that run INSIDE the Windows CPython (pytest started by ``python.exe`` under Wine);
  Linux never collects them.
- ``test_*.py``: the Linux-side drivers. They prepare what Windows cannot make here (keystores made
  with keytool/openssl, a Dovecot on 127.0.0.1, Xvfb + trayer), start the Windows run, and fail with
  its output when it fails. A plain ``pytest`` on Linux leaves them out (they need Wine and minutes);
  ``make test-windows`` sets EHWATCH_TEST_WINDOWS=1 to run them.
"""
import os
import sys

if sys.platform == "win32":
    collect_ignore_glob = ["test_*.py"]          # the drivers are Linux's; inside/ runs here
elif os.environ.get("EHWATCH_TEST_WINDOWS") == "1":
    collect_ignore = ["inside"]
else:
    collect_ignore_glob = ["*"]
