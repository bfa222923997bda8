"""The lifecycles follow the disk: due and expired keystores get one, a renewal done meanwhile with the
official Certificate Manager closes it (not redone), crash leftovers are removed."""
from __future__ import annotations

import json
import time

from ehwatch import config, secrets
from ehwatch.core import Core
from ehwatch.monitor.inventory import scan
from ehwatch.renewal import lifecycle as lc
from ehwatch.renewal.engine import Engine
from ehwatch.sandbox.issue import issue_keystore
from tests.support.sandbox_server import init_sandbox
from tests.support.tools import run_cli


def test_lifecycles_are_derived_from_the_keystores(tmp_path):
    folder = tmp_path / "keystore"
    folder.mkdir()
    sandbox = init_sandbox(tmp_path / "sandbox")
    expiring = issue_keystore(sandbox, "SSIN=75040404976", "Marie Dubois", 20, folder, "pw-old-1")
    expired = issue_keystore(sandbox, "SSIN=83100720837", "Jan Peeters", -3, folder, "pw-exp-1")
    secrets.set_keystore_password(expiring, "pw-old-1")
    secrets.set_keystore_password(expired, "pw-exp-1")
    leftover = folder / ".ehwatch-abc123.tmp"
    leftover.write_bytes(b"half a keystore")
    core = Core(config.Config(keystore_dirs=[str(folder)]))
    engine = Engine(core)

    engine.reconcile(scan(core).records)
    assert engine.lifecycles.for_keystore(expiring.resolve()).state == lc.State.DUE
    gone = engine.lifecycles.for_keystore(expired.resolve())
    assert gone.state == lc.State.EXPIRED and gone.needs_you and gone.last_error_key == "renewal.expired"
    assert not leftover.exists()
    engine.reconcile(scan(core).records)                       # idempotent
    assert len(engine.lifecycles.all()) == 2

    # renewed meanwhile with the official tool: a newer keystore for the same certificate name
    time.sleep(1.1)
    newer = issue_keystore(sandbox, "SSIN=75040404976", "Marie Dubois", 1090, folder, "pw-new-1")
    secrets.set_keystore_password(newer, "pw-new-1")
    engine.reconcile(scan(core).records)
    assert engine.lifecycles.for_keystore(expiring.resolve()).state == lc.State.CANCELLED
    assert engine.lifecycles.for_keystore(newer.resolve()) is None
    assert len(engine.lifecycles.open()) == 1                  # only the expired one still speaks up

    proc = run_cli("--config", str(_write_config(tmp_path, folder)), "renewals", "--json")
    assert proc.returncode == 0, proc.stderr
    listed = {r["old_keystore"]: r for r in json.loads(proc.stdout)["renewals"]}
    assert listed[str(expired.resolve())]["state"] == lc.State.EXPIRED
    assert "new certificate" in listed[str(expired.resolve())]["next_step"]


def _write_config(tmp_path, folder):
    path = tmp_path / "config.toml"
    path.write_text(f'keystore_dirs = ["{folder}"]\nlanguage = "en"\n')
    return path
