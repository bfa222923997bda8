"""A world where one renewal can run end to end: an expiring keystore issued by the sandbox, a
SoftHSM2 BELPIC card, the sandbox over TLS, and a configuration file tying them together."""
from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

from ehwatch import secrets
from ehwatch.core import Core
from ehwatch.monitor import pkcs12
from ehwatch.renewal import lifecycle as lc
from ehwatch.sandbox import ca, token
from ehwatch.sandbox.issue import issue_keystore
from tests.support.sandbox_server import init_sandbox, start_sandbox
from tests.support.tools import need_tool, run_cli

HOLDER = "Marie Dubois"
OLD_PASSWORD = "old-keystore-1"
NEW_PASSWORD = "N3w-keystore!"
PIN = "1234"
SECRETS_INPUT = f"pin={PIN}\nnew_password={NEW_PASSWORD}\n"   # named answers (renew --help)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sandbox_config(folder: Path, pkcs11_module: str, sandbox) -> str:
    """A configuration file's text for ehwatch against the test sandbox and the SoftHSM eID; it ends in
    the ``[renewal]`` section, so a caller may add its keys (hooks…)."""
    return f'''keystore_dirs = ["{folder}"]
language = "en"
[eid]
pkcs11_module = "{pkcs11_module}"
[ehealth]
certra_url = "{sandbox.certra_url}"
etkra_url = "{sandbox.etkra_url}"
etkdepot_url = "{sandbox.etkdepot_url}"
cafile = "{sandbox.cafile}"
timeout_seconds = 20
[renewal]
email = "marie@example.org"
phone = "043362333"
'''


class World:
    """Everything one renewal needs, wired through a real configuration file."""

    def __init__(self, tmp_path: Path, monkeypatch, ssin: str, mailbox=None, produce_after: float = 1.0,
                 hooks: list[str] = (), protection: str | None = None):
        need_tool("keytool")
        need_tool(token.SOFTHSM_MODULES[0])
        self.ssin = ssin
        self.identifier = f"SSIN={ssin}"
        self.folder = tmp_path / "ehealth" / "keystore"
        self.folder.mkdir(parents=True)
        sandbox_dir = init_sandbox(tmp_path / "sandbox")
        self.old = issue_keystore(sandbox_dir, self.identifier, HOLDER, 20, self.folder, OLD_PASSWORD,
                                  environment="acceptance", email="marie@example.org", phone="043362333",
                                  **({"protection": protection} if protection else {}))
        self.old_hash = sha256(self.old)
        secrets.set_keystore_password(self.old, OLD_PASSWORD)
        card = token.create_belpic_token(tmp_path / "card", ssin, HOLDER, "rsa",
                                         ca=token.eid_ca(ca.eid_folder(sandbox_dir)))
        for name, value in card.env.items():
            monkeypatch.setenv(name, value)
        self._sandbox_cm = start_sandbox(sandbox_dir, produce_after=produce_after, tls=True, mailbox=mailbox)
        self.sandbox = self._sandbox_cm.__enter__()
        self.config = tmp_path / "config.toml"
        text = sandbox_config(self.folder, card.module, self.sandbox) + f"hooks = {json.dumps(list(hooks))}\n"
        if mailbox is not None:
            text += f'''[mail]
host = "{mailbox.host}"
port = {mailbox.port}
security = "{mailbox.security}"
username = "{mailbox.user}"
cafile = "{mailbox.cafile}"
'''
            secrets.set_mail_secret(mailbox.user, mailbox.host, mailbox.password)
        self.config.write_text(text)
        monkeypatch.setenv("EHWATCH_CONFIG", str(self.config))

    def cli(self, *args, input=None, failpoint=None):
        env = {"EHWATCH_FAILPOINT": failpoint} if failpoint else None
        return run_cli(*args, input=input, env=env)

    def renewal(self) -> lc.Renewal:
        return lc.Lifecycles(Core.load(self.config).store).for_keystore(self.old.resolve())

    def close(self):
        self._sandbox_cm.__exit__(None, None, None)


def keytool_list(path: Path, password: str) -> str:
    proc = subprocess.run(["keytool", "-list", "-v", "-storetype", "PKCS12", "-keystore", str(path),
                           "-storepass", password], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def check_finished(world: World, renewal: lc.Renewal):
    assert renewal.state == lc.State.NOTIFYING, (renewal.state, renewal.last_error_key, renewal.last_error_params)
    new = Path(renewal.new_keystore)
    listing = keytool_list(new, NEW_PASSWORD)
    assert "Alias name: authentication" in listing and "PrivateKeyEntry" in listing
    assert "trustedCertEntry" in listing
    assert f"Alias name: {renewal.etk_serial}" in listing
    content = pkcs12.read_keystore(new.read_bytes(), NEW_PASSWORD)
    leaf = content.key("authentication").chain[0]
    from cryptography import x509

    cert = x509.load_der_x509_certificate(leaf)
    assert 3 * 365 - 5 <= (cert.not_valid_after_utc - cert.not_valid_before_utc).days <= 3 * 366 + 5
    assert world.sandbox.etk_status(world.identifier) == "VALID_ACTIVE"
    # the old keystore: not a byte changed
    assert sha256(world.old) == world.old_hash
    # no half-written file anywhere
    assert not list(world.folder.glob(".ehwatch-*"))
    assert world.sandbox.requests_received("GenerateCertificate") == 1
    assert world.sandbox.requests_received("ActivateETK") <= 1
    status = json.loads(world.cli("status", "--json").stdout)
    by_name = {Path(k["path"]).name: k for k in status["keystores"]}
    assert by_name[world.old.name]["status"] == "superseded"
    assert by_name[new.name]["status"] == "valid"
