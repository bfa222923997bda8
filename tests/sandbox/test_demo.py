"""``ehwatch demo`` as anyone would run it: a whole renewal against throw-away parts."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import keyring
import pytest

from tests.support.tools import need_tool, run_cli


@pytest.mark.slow
def test_demo_renews_with_the_mailbox_and_touches_nothing_real(tmp_path):
    need_tool("/usr/sbin/dovecot")
    need_tool("keytool")
    proc = run_cli("demo", "--json", "--dir", str(tmp_path / "demo"), "--produce-after", "1", timeout=240)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = json.loads(proc.stdout)
    for key in ("new_keystore", "old_keystore", "keystore_password", "etk_alias", "not_after", "seconds"):
        assert summary[key], key
    assert summary["mail"] is True and summary["etk_status"] == "VALID_ACTIVE"
    assert set(summary["seconds"]) >= {"prepared", "requested", "mail", "completed"}
    new = Path(summary["new_keystore"])
    assert new.exists() and new.parent == Path(summary["old_keystore"]).parent
    listing = subprocess.run(["keytool", "-list", "-storetype", "PKCS12", "-keystore", str(new), "-storepass",
                              summary["keystore_password"]], capture_output=True, text=True, timeout=60).stdout
    assert "authentication, " in listing and f"{summary['etk_alias']}, " in listing
    assert "trustedCertEntry" in listing
    # the throw-away passwords never went to the user's keyring
    assert keyring.get_password("ehwatch", "keystore:" + new.name) is None


@pytest.mark.slow
def test_demo_without_mail_completes_by_polling(tmp_path):
    proc = run_cli("--lang", "nl", "demo", "--dir", str(tmp_path / "demo"), "--produce-after", "1", "--no-mail",
                   timeout=240)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Klaar in" in proc.stdout and "geldig tot" in proc.stdout
