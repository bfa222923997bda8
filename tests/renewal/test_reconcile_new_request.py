"""Issue 12: a finished request for a new certificate is named by the keystore it made; years later
that keystore, expiring, gets its own renewal lifecycle like any other."""
from __future__ import annotations

from ehwatch import config, secrets
from ehwatch.core import Core
from ehwatch.monitor.inventory import scan
from ehwatch.renewal import lifecycle as lc
from ehwatch.renewal.engine import Engine
from ehwatch.sandbox.issue import issue_keystore
from tests.support.sandbox_server import init_sandbox


def test_the_keystore_a_new_request_made_is_renewed_like_any_other(tmp_path):
    folder = tmp_path / "keystore"
    folder.mkdir()
    made = issue_keystore(init_sandbox(tmp_path / "sandbox"), "CBE=0123456789", "Cabinet Dubois", 20, folder, "pw-1")
    secrets.set_keystore_password(made, "pw-1")
    core = Core(config.Config(keystore_dirs=[str(folder)]))
    engine = Engine(core)
    lifecycles = engine.lifecycles
    # the request's lifecycle, walked to its end, as RenewalStart.request_new and the completion leave it
    request = lifecycles.create(old_keystore=made.resolve(), identifier="CBE=0123456789", environment="acceptance")
    request = lifecycles.transition(request, lc.State.REQUESTING, new_keystore=str(made.resolve()))
    for state in (lc.State.REQUESTED, lc.State.PRODUCED, lc.State.INSTALLING, lc.State.ETK_REGISTERING,
                  lc.State.ETK_ACTIVATING, lc.State.HANDING_OVER, lc.State.NOTIFYING, lc.State.DONE):
        request = lifecycles.transition(request, state)
    engine.reconcile(scan(core).records)           # the keystore expires in 20 days: its renewal is due
    due = lifecycles.for_keystore(made.resolve())
    assert due.id != request.id and due.state is lc.State.DUE
    engine.reconcile(scan(core).records)
    assert len(lifecycles.all()) == 2
