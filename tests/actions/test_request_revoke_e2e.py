"""Issue 12 end to end: what the Certificate Manager did, done by ehwatch against the strict sandbox
(over TLS, signatures verified), a SoftHSM2 BELPIC token as the eID, ``ehwatch`` in child processes.

- an expired SSIN keystore replaced by a new certificate (``ehwatch request --replaces``), completed
  by polling: keytool lists the key, the chain and the ETK; ``status`` shows the new one valid and
  the expired one replaced; the sandbox was asked without a replaced certificate;
- a new organisation certificate by its manager (GetActorQualities, then the request), and the same
  refused to someone who does not manage it;
- the online list naming a valid certificate that no keystore on this computer holds;
- a revocation, then ``status`` showing ``revoked`` and a renewal of it refused clearly.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from ehwatch import secrets
from ehwatch.core import Core
from ehwatch.monitor import pkcs12
from ehwatch.renewal import lifecycle as lc
from ehwatch.sandbox import ca, token
from ehwatch.sandbox import state as st
from ehwatch.sandbox.issue import issue_keystore
from tests.support.renewal_world import keytool_list, sandbox_config
from tests.support.sandbox_server import init_sandbox, start_sandbox
from tests.support.tools import need_tool, run_cli

SSIN = "75040404976"
HOLDER = "Marie Dubois"
PASSWORD = "old-keystore-1"
NEW_PASSWORD = "N3w-keystore!"
PIN = "1234"
ANSWERS = f"pin={PIN}\nnew_password={NEW_PASSWORD}\n"
ORG = "CBE=0123456789"


class Desk:
    """A doctor's computer: a keystore folder, the eID in the reader, the sandbox as eHealth."""

    def __init__(self, tmp_path: Path, monkeypatch, managers=None, organisations=None, manual_validation=()):
        need_tool("keytool")
        need_tool(token.SOFTHSM_MODULES[0])
        self.tmp = tmp_path
        self.folder = tmp_path / "ehealth" / "keystore"
        self.folder.mkdir(parents=True)
        self.data_dir = init_sandbox(tmp_path / "sandbox")
        card = token.create_belpic_token(tmp_path / "card", SSIN, HOLDER, "rsa",
                                         ca=token.eid_ca(ca.eid_folder(self.data_dir)))
        for name, value in card.env.items():
            monkeypatch.setenv(name, value)
        self._cm = start_sandbox(self.data_dir, produce_after=0.5, tls=True, managers=managers or {},
                                 organisations=organisations or {}, manual_validation=manual_validation)
        self.sandbox = self._cm.__enter__()
        self.config = tmp_path / "config.toml"
        self.config.write_text(sandbox_config(self.folder, card.module, self.sandbox))
        monkeypatch.setenv("EHWATCH_CONFIG", str(self.config))

    def keystore(self, identifier: str, days: int, folder: Path | None = None, holder: str = HOLDER) -> Path:
        path = issue_keystore(self.data_dir, identifier, holder, days, folder or self.folder, PASSWORD,
                              environment="acceptance", email="marie@example.org", phone="043362333")
        secrets.set_keystore_password(path, PASSWORD)
        return path

    def lifecycles(self) -> lc.Lifecycles:
        return lc.Lifecycles(Core.load(self.config).store)

    def complete(self, renewal: lc.Renewal) -> lc.Renewal:
        """Polls as ``ehwatch complete`` does, until the hand-over notice (or a stop)."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            proc = run_cli("complete")
            renewal = self.lifecycles().get(renewal.id)
            if renewal.state is lc.State.NOTIFYING or renewal.needs_you:
                return renewal
            assert proc.returncode in (0, 1), proc.stdout + proc.stderr
            time.sleep(0.5)
        return renewal

    def status(self) -> dict:
        proc = run_cli("status", "--json")
        return {Path(k["path"]).name: k for k in json.loads(proc.stdout)["keystores"]}

    def close(self):
        self._cm.__exit__(None, None, None)


@pytest.fixture
def desk(tmp_path, monkeypatch, request):
    options = getattr(request, "param", {})
    world = Desk(tmp_path, monkeypatch, **options)
    try:
        yield world
    finally:
        world.close()


def _pki(chain_leaf: bytes) -> str:
    from cryptography import x509

    from ehwatch.renewal.keys import public_key_identifier

    return public_key_identifier(x509.load_der_x509_certificate(chain_leaf).public_key())


@pytest.mark.slow
def test_an_expired_keystore_replaced_by_a_new_certificate(desk):
    expired = desk.keystore(f"SSIN={SSIN}", -3)
    before = expired.read_bytes()
    # renew says it cannot, and points to ehwatch request
    refused = run_cli("renew", str(expired), "--yes", "--accept-conditions", input=ANSWERS)
    assert refused.returncode == 3, refused.stdout + refused.stderr
    assert "ehwatch request" in refused.stdout + refused.stderr

    proc = run_cli("request", "--replaces", str(expired), "--yes", "--accept-conditions", input=ANSWERS)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Request sent to eHealth" in proc.stdout
    assert PIN not in proc.stdout + proc.stderr and NEW_PASSWORD not in proc.stdout + proc.stderr
    renewal = desk.lifecycles().for_keystore(expired.resolve())
    assert renewal is not None and renewal.state is lc.State.REQUESTED, renewal
    new = Path(renewal.new_keystore)
    assert new.parent == desk.folder.resolve() and new.name.startswith(f"SSIN={SSIN} ") and new.suffix == ".acc-p12"
    # a new request: eHealth was not told it replaces anything
    state = st.SandboxState(desk.data_dir)
    try:
        assert state.certificate(renewal.public_key_identifier)["replaces"] is None
    finally:
        state.close()

    renewal = desk.complete(renewal)
    assert renewal.state is lc.State.NOTIFYING, (renewal.state, renewal.last_error_key, renewal.last_error_params)
    listing = keytool_list(new, NEW_PASSWORD)
    assert "Alias name: authentication" in listing and "PrivateKeyEntry" in listing
    assert "trustedCertEntry" in listing and f"Alias name: {renewal.etk_serial}" in listing
    content = pkcs12.read_keystore(new.read_bytes(), NEW_PASSWORD)
    assert len(content.key("authentication").chain) >= 2                  # leaf and the CA chain
    assert desk.sandbox.etk_status(f"SSIN={SSIN}") == "VALID_ACTIVE"
    assert expired.read_bytes() == before
    by_name = desk.status()
    assert by_name[new.name]["status"] == "valid"
    assert by_name[expired.name]["status"] == "superseded"
    assert desk.sandbox.requests_received("GenerateCertificate") == 1


@pytest.mark.slow
@pytest.mark.parametrize("desk", [{"managers": {SSIN: (ORG,)}, "organisations": {ORG: "Cabinet Dubois"},
                                   "manual_validation": (ORG,)}], indirect=True)
def test_a_new_organisation_certificate_by_its_manager(desk):
    proc = run_cli("request", "--organisation", ORG.lower(), "--application-id", "ROUTING", "--acceptance",
                   "--yes", "--accept-conditions", input=ANSWERS)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert desk.sandbox.outcomes("GetActorQualities") == ["success"]     # the organisation's name, and the right
    renewal = next(r for r in desk.lifecycles().all() if r.identifier == ORG)
    assert renewal.application == "ROUTING"
    new = Path(renewal.new_keystore)
    assert new.name.startswith(f"{ORG},ROUTING ") and new.suffix == ".acc-p12"
    assert renewal.old_keystore == str(new)            # no keystore replaced: the lifecycle is named by the new one
    # eHealth's support validates this one by hand: said at once, and kept in the listing while it waits
    assert "checks by hand" in proc.stdout
    listing = run_cli("renewals")
    assert "checks by hand" in listing.stdout, listing.stdout
    renewal = desk.complete(renewal)
    assert renewal.state is lc.State.NOTIFYING, (renewal.state, renewal.last_error_key)
    listing = keytool_list(new, NEW_PASSWORD)
    assert "Alias name: authentication" in listing and f"Alias name: {renewal.etk_serial}" in listing
    assert desk.sandbox.etk_status(ORG, "ROUTING") == "VALID_ACTIVE"
    assert desk.status()[new.name]["status"] == "valid"
    done = run_cli("complete", str(new))
    assert "The new eHealth certificate of CABINET DUBOIS is ready" in done.stdout, done.stdout
    # acknowledged, the new keystore is a keystore like any other: its own renewal is not "already done"
    assert run_cli("renewals", "--acknowledge", str(new)).returncode == 0
    renew = run_cli("renew", str(new), "--yes", "--accept-conditions", input=ANSWERS)
    assert "eHealth accepts the renewal of this certificate from" in renew.stdout + renew.stderr, renew.stdout
    # the same application id again: GetExistingApplicationIds says it is taken, nothing is signed
    again = run_cli("request", "--organisation", ORG, "--application-id", "ROUTING", "--acceptance", "--yes",
                    "--accept-conditions", input=ANSWERS)
    assert again.returncode == 3 and "already uses the application id ROUTING" in again.stdout + again.stderr
    assert desk.sandbox.requests_received("GenerateCertificate") == 1


@pytest.mark.slow
def test_an_organisation_certificate_refused_to_someone_who_does_not_manage_it(desk):
    proc = run_cli("request", "--organisation", ORG, "--acceptance", "--yes", "--accept-conditions", input=ANSWERS)
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert ORG in proc.stdout + proc.stderr
    assert desk.sandbox.requests_received("GenerateCertificate") == 0
    assert not list(desk.folder.iterdir())


@pytest.mark.slow
def test_a_new_request_while_a_valid_certificate_exists_is_refused_by_ehealth(desk):
    desk.keystore(f"SSIN={SSIN}", 400)
    proc = run_cli("request", "--acceptance", "--yes", "--accept-conditions", input=ANSWERS)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "NOT_REPLACEABLE" in proc.stdout + proc.stderr
    assert desk.sandbox.outcomes("GenerateCertificate") == ["NOT_REPLACEABLE"]


@pytest.mark.slow
@pytest.mark.parametrize("desk", [{"managers": {SSIN: (ORG,)}, "organisations": {ORG: "Cabinet Dubois"}}],
                         indirect=True)
def test_the_online_list_names_a_certificate_missing_here(desk):
    here = desk.keystore(f"SSIN={SSIN}", 200)
    elsewhere = desk.keystore(ORG, 300, folder=desk.tmp / "other-computer", holder="Cabinet Dubois")
    proc = run_cli("certificates", "--online", "--acceptance", "--json", input=f"pin={PIN}\n")
    assert proc.returncode == 1, proc.stdout + proc.stderr            # 1: something valid is not here
    listed = json.loads(proc.stdout)["certificates"]
    by_identifier = {k["identifier"]: k for k in listed}
    assert by_identifier[f"SSIN={SSIN}"]["keystore"] == str(here.resolve())
    assert by_identifier[f"SSIN={SSIN}"]["verdict"] == "certificates.here"
    assert by_identifier[ORG]["keystore"] is None and by_identifier[ORG]["verdict"] == "certificates.missing"
    assert by_identifier[ORG]["status"] == "VALID_ACTIVE"
    assert elsewhere.exists()
    text = run_cli("certificates", "--online", "--acceptance", input=f"pin={PIN}\n")
    assert "valid at eHealth, not on this computer" in text.stdout
    # the doctor says it too, when asked to go online with the eID in the reader
    doctor = run_cli("doctor", "--online", "--json", input=f"pin={PIN}\n")
    checks = [c for c in json.loads(doctor.stdout)["checks"] if c["check"] == "ehealth_certificates"]
    assert len(checks) == 1 and checks[0]["level"] == "warning", doctor.stdout
    assert f"{ORG}" in checks[0]["message"] and "look on the other computer" in checks[0]["advice"]
    assert desk.sandbox.outcomes("GetCertificateInfoForCitizen") == ["success", "success", "success"]


@pytest.mark.slow
def test_a_revocation_then_status_revoked_and_no_renewal(desk):
    keystore = desk.keystore(f"SSIN={SSIN}", 20)
    before = keystore.read_bytes()
    # without --yes and no terminal: the strong confirmation is not given, nothing is signed
    unconfirmed = run_cli("revoke", str(keystore), "--reason", "keyCompromise", "--accept-conditions",
                          input=f"pin={PIN}\n")
    assert unconfirmed.returncode != 0 and "stops working" in unconfirmed.stdout
    assert desk.sandbox.requests_received("Revoke") == 0

    proc = run_cli("revoke", str(keystore), "--reason", "keyCompromise", "--yes", "--accept-conditions",
                   input=f"pin={PIN}\n")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "eHealth confirms" in proc.stdout
    assert desk.sandbox.outcomes("Revoke") == ["success"]
    assert desk.sandbox.etk_status(f"SSIN={SSIN}") == "REVOKED"
    assert keystore.read_bytes() == before                                  # the file is left as it was
    entry = desk.status()[keystore.name]
    assert entry["status"] == "revoked", entry
    assert run_cli("status").returncode == 2
    renew = run_cli("renew", str(keystore), "--yes", "--accept-conditions", input=ANSWERS)
    assert renew.returncode == 3
    assert "revoked" in renew.stdout + renew.stderr and "ehwatch request" in renew.stdout + renew.stderr
    assert desk.sandbox.requests_received("GenerateCertificate") == 0


@pytest.mark.slow
@pytest.mark.parametrize("desk", [{"managers": {SSIN: (ORG,)}, "organisations": {ORG: "Cabinet Dubois"}}],
                         indirect=True)
def test_request_and_revoke_through_the_running_daemon(desk, monkeypatch):
    """With ``ehwatch run`` running, ``request`` and ``revoke`` are done by the daemon (one writer):
    the terminal answers its questions — both PINs of an organisation's request — over the socket."""
    from tests.support.daemon_process import DaemonProcess, started_and_idle

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.delenv(name, raising=False)
    mine = desk.keystore(f"SSIN={SSIN}", 200)
    with DaemonProcess("--no-tray") as daemon:
        started_and_idle(daemon)
        proc = run_cli("request", "--organisation", ORG, "--acceptance", "--yes", "--accept-conditions",
                       input=ANSWERS)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        daemon.wait_log("a command asks: request")
        assert "Request sent to eHealth" in proc.stdout
        revoke = run_cli("revoke", str(mine), "--reason", "affiliationChanged", "--yes", "--accept-conditions",
                         input=f"pin={PIN}\n")
        assert revoke.returncode == 0, revoke.stdout + revoke.stderr
        daemon.wait_log("a command asks: revoke")
        assert PIN not in daemon.log() and NEW_PASSWORD not in daemon.log()
        daemon.stop()
    assert desk.sandbox.outcomes("GenerateCertificate") == ["success"]
    assert desk.sandbox.outcomes("Revoke") == ["success"]
    assert desk.status()[mine.name]["status"] == "revoked"


@pytest.mark.slow
def test_a_certificate_revoked_elsewhere_is_refused_and_then_shown_revoked(desk):
    """Revoked with the official tool or on another computer: the renewal's first question to eHealth
    learns it, refuses clearly, and status shows it from then on."""
    from ehwatch.renewal.client import EhealthClient
    from tests.support.sandbox_server import eid_signer

    keystore = desk.keystore(f"SSIN={SSIN}", 20)
    pki = _pki(pkcs12.read_keystore(keystore.read_bytes(), PASSWORD).key("authentication").chain[0])
    client = EhealthClient("sandbox", desk.sandbox.certra_url, desk.sandbox.etkra_url, desk.sandbox.etkdepot_url,
                           cafile=str(desk.sandbox.cafile), timeout=20)
    eid = eid_signer(desk.data_dir, SSIN, HOLDER)
    contract = client.generate_revocation_contract(pki, eid.certificate_chain()[0], "keyCompromise")
    client.send_revoke(client.prepare_revoke(pki, contract, eid))
    assert desk.status()[keystore.name]["status"] == "expiring"       # this computer does not know yet
    renew = run_cli("renew", str(keystore), "--yes", "--accept-conditions", input=ANSWERS)
    assert renew.returncode == 3 and "was revoked" in renew.stdout + renew.stderr
    assert desk.status()[keystore.name]["status"] == "revoked"
    assert desk.sandbox.requests_received("GenerateContract") == 0


@pytest.mark.slow
def test_a_first_certificate_on_a_fresh_computer(desk):
    """No keystore folder yet (nothing configured, no <home>/ehealth/keystore): the request writes the
    first keystore where the official tool keeps them; any other missing folder is said, not made."""
    import os

    text = desk.config.read_text()
    desk.config.write_text("\n".join(line for line in text.splitlines() if not line.startswith("keystore_dirs")))
    home_folder = Path(os.environ["EHWATCH_USER_HOME"]) / "ehealth" / "keystore"
    assert not home_folder.exists()
    elsewhere = run_cli("request", "--folder", str(desk.tmp / "nowhere"), "--acceptance", "--yes",
                        "--accept-conditions", input=ANSWERS)
    assert elsewhere.returncode == 2 and "does not exist" in elsewhere.stdout
    assert not (desk.tmp / "nowhere").exists()
    proc = run_cli("request", "--acceptance", "--yes", "--accept-conditions", input=ANSWERS)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    made = list(home_folder.iterdir())
    assert len(made) == 1 and made[0].name.startswith(f"SSIN={SSIN} ") and made[0].suffix == ".acc-p12"
