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
from tests.support.sandbox_server import error_code, init_sandbox, post, soap_action
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
        request = get_certificate("ab" * 20)
        status, body = post(f"http://127.0.0.1:{port}/CertRa/v2", p.envelope(request), action=soap_action(request))
        assert status == 200 and error_code(p.body_request(etree.fromstring(body))) \
            == p.UNKNOWN_CERTIFICATE
        # the SOAPAction is checked as a gateway does: a wrong one is a SOAP fault
        status, body = post(f"http://127.0.0.1:{port}/CertRa/v2", p.envelope(request), action='"urn:x"')
        assert status == 500 and b"faultcode" in body
    finally:
        proc.send_signal(signal.SIGTERM)
        started = time.monotonic()
        code = proc.wait(timeout=20)
    assert code == 0 and time.monotonic() - started < 15


def test_serve_without_init_explains(tmp_path):
    proc = run_cli("--lang", "nl", "sandbox", "serve", str(tmp_path / "nothing"))
    assert proc.returncode == 3 and "is nog geen sandbox" in proc.stderr


def test_serve_refuses_with_the_code_and_message_it_is_told(tmp_path):
    folder = init_sandbox(tmp_path / "sb")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "ehwatch", "--lang", "fr", "sandbox", "serve", str(folder),
                             "--port", str(port), "--refuse-code", "CERT_REFUSED_BY_RA",
                             "--refuse-message", "Demande refusée par l'autorité d'enregistrement",
                             "--refuse-operation", "GetCertificate"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        told = proc.stdout.readline()
        assert "répond à GetCertificate avec le code CERT_REFUSED_BY_RA" in told, told + proc.stderr.read()
        assert f"http://127.0.0.1:{port}" in proc.stdout.readline()
        request = get_certificate("ab" * 20)
        status, body = post(f"http://127.0.0.1:{port}/CertRa/v2", p.envelope(request), action=soap_action(request))
        answer = p.body_request(etree.fromstring(body))
        assert status == 200 and error_code(answer) == "CERT_REFUSED_BY_RA"
        assert p.text_of(answer, "core:Status/core:StatusMessage") == "Demande refusée par l'autorité d'enregistrement"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)


def test_issue_writes_the_protection_asked_and_records_base_services(tmp_path):
    folder = init_sandbox(tmp_path / "sb")
    out = tmp_path / "out"
    run_cli("--lang", "en", "sandbox", "issue", str(folder), "--identifier", "SSIN=75040404976", "--holder",
            "Marie Dubois", "--days", "40", "--out", str(out), "--protection", "aes", "--base-service", "tsa",
            "--base-service", "codage", "--password-stdin", input="pw-aes-123\n", check=True)
    (path,) = out.glob("SSIN=75040404976 *.acc-p12")
    assert pkcs12.read_keystore(path.read_bytes(), "pw-aes-123").protection == "aes"
    from ehwatch.sandbox.state import SandboxState

    state = SandboxState(folder)
    try:
        row = state.store.db.execute("SELECT base_services FROM certificates").fetchone()
    finally:
        state.close()
    assert row["base_services"] == "tsa codage"
    bad = run_cli("--lang", "nl", "sandbox", "serve", str(folder), "--register-name", "SSIN=75040404976")
    assert bad.returncode != 0 and "heeft niet de vorm TYPE=id=NAME" in bad.stdout + bad.stderr
