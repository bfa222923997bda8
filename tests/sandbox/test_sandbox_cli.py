"""``ehwatch sandbox init|issue|serve`` as a user runs them; keystores checked with Java's keytool."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from lxml import etree

from ehwatch.monitor import pkcs12
from ehwatch.sandbox import protocol as p
from ehwatch.sandbox import token
from tests.support.dovecot import free_port
from tests.support.sandbox_requests import get_certificate
from tests.support.sandbox_server import error_code, init_sandbox, post
from tests.support.tools import need_tool, run_cli


def test_init_makes_the_cas_and_a_belpic_token_and_says_what_to_configure(tmp_path):
    need_tool(token.SOFTHSM_MODULES[0])
    folder = tmp_path / "sb"
    proc = run_cli("--lang", "en", "sandbox", "init", str(folder), "--key-type", "ec", "--ssin", "83100720837",
                   "--holder", "Anne De Smet", check=True)
    assert "national number 83100720837, EC keys" in proc.stdout
    assert 'certra_url = "http://127.0.0.1:8086/CertRa/v2"' in proc.stdout
    assert f"export SOFTHSM2_CONF={folder / 'eid' / 'softhsm2.conf'}" in proc.stdout
    assert (folder / "ca" / "issuing.pem").exists() and (folder / "eid" / "eid-ca.pem").exists()

    again = run_cli("--lang", "fr", "sandbox", "init", str(folder))
    assert again.returncode == 3 and "contient déjà un bac à sable" in again.stderr


def test_issue_writes_a_keystore_keytool_reads(tmp_path):
    keytool = need_tool("keytool")
    folder = init_sandbox(tmp_path / "sb")
    out = tmp_path / "keystore"
    proc = run_cli("--lang", "en", "sandbox", "issue", str(folder), "--identifier", "SSIN=75040404976",
                   "--holder", "Marie Dubois", "--days", "45", "--out", str(out), "--password-stdin",
                   input="s3cret-pw\n", check=True)
    (path,) = out.glob("SSIN=75040404976 *.acc-p12")
    assert str(path) in proc.stdout and "s3cret-pw" not in proc.stdout
    listing = subprocess.run([keytool, "-list", "-v", "-keystore", str(path), "-storetype", "PKCS12",
                              "-storepass", "s3cret-pw"], capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0, listing.stderr
    content = pkcs12.read_keystore(path.read_bytes(), "s3cret-pw")
    etk_alias = next(k.alias for k in content.keys if k.alias != "authentication")
    assert etk_alias.isdigit()
    for alias, kind in [("authentication", "PrivateKeyEntry"), (etk_alias, "PrivateKeyEntry"),
                        ("cn=sandbox ehealth issuing ca,o=ehwatch sandbox,c=be", "trustedCertEntry"),
                        ("cn=sandbox ehealth root ca,o=ehwatch sandbox,c=be", "trustedCertEntry")]:
        assert f"Alias name: {alias}\n" in listing.stdout and kind in listing.stdout
    assert 'Owner: CN="SSIN=75040404976", OU=eHealth-platform Belgium, OU=MARIE DUBOIS' in listing.stdout
    assert "Certificate chain length: 3" in listing.stdout

    chosen = run_cli("--lang", "en", "sandbox", "issue", str(folder), "--identifier", "NIHII=10082154004",
                     "--holder", "Cabinet Dubois", "--days", "10", "--environment", "production",
                     "--out", str(out), check=True)
    password = chosen.stdout.split("write it down): ", 1)[1].strip()
    (production,) = out.glob("NIHII=10082154004 *.p12")
    assert pkcs12.read_keystore(production.read_bytes(), password).key("authentication") is not None


def test_serve_answers_until_sigterm(tmp_path):
    folder = init_sandbox(tmp_path / "sb")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "ehwatch", "--lang", "en", "sandbox", "serve", str(folder),
                             "--port", str(port), "--produce-after", "5", "--refuse", "SSIN=83100720837"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        line = proc.stdout.readline()
        assert f"Sandbox listening on http://127.0.0.1:{port}" in line, proc.stderr.read() if not line else line
        status, body = post(f"http://127.0.0.1:{port}/CertRa/v2", p.envelope(get_certificate("ab" * 20)))
        assert status == 200 and error_code(p.body_request(etree.fromstring(body))) \
            == p.UNKNOWN_CERTIFICATE
    finally:
        proc.send_signal(signal.SIGTERM)
        started = time.monotonic()
        code = proc.wait(timeout=20)
    assert code == 0 and time.monotonic() - started < 15


def test_serve_without_init_explains(tmp_path):
    proc = run_cli("--lang", "nl", "sandbox", "serve", str(tmp_path / "nothing"))
    assert proc.returncode == 3 and "is nog geen zandbak" in proc.stderr
