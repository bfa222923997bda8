"""Connecting safely, and ``ehwatch mail login`` / ``mail check`` as a user runs them."""
from __future__ import annotations

import json
import re
import socket

import pytest

from ehwatch import secrets
from ehwatch.config import MailConfig
from ehwatch.mail import connection
from ehwatch.mail.connection import Account, MailError, MailSetupError
from tests.support import mail_samples as samples
from tests.support.tools import run_cli


def account_for(server, **overrides) -> Account:
    security = {"plain": "none"}.get(server.security, server.security)
    values = dict(host=server.host, port=server.port, security=security, username=server.user, cafile=server.cafile)
    values.update(overrides)
    return Account.from_config(MailConfig(**values))


def login_attempts(server) -> int:
    return len(re.findall(r"imap-login: Info: (?:Login|Disconnected.*auth failed)", server.log_text()))


def test_imaps_with_self_signed_certificate_trusted_through_cafile(dovecot):
    client = connection.connect(account_for(dovecot), dovecot.password)
    try:
        assert client.select_folder("INBOX", readonly=True)[b"UIDVALIDITY"]
        assert client.socket().getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE)  # silent deaths get noticed
    finally:
        connection.close_quietly(client)


def test_imaps_without_cafile_is_untrusted_and_sends_no_password(dovecot):
    with pytest.raises(MailError) as caught:
        connection.connect(account_for(dovecot, cafile=""), dovecot.password)
    assert caught.value.key == "mail.tls_untrusted"
    assert not caught.value.permanent  # a server may fix its certificate: retried, with backoff
    assert login_attempts(dovecot) == 0


def test_starttls(make_dovecot):
    server = make_dovecot("starttls")
    client = connection.connect(account_for(server), server.password)
    try:
        assert client._imap.sock.version().startswith("TLS")
    finally:
        connection.close_quietly(client)


def test_starttls_missing_is_refused_before_any_password(make_dovecot):
    server = make_dovecot("plain")
    with pytest.raises(MailSetupError) as caught:
        connection.connect(account_for(server, security="starttls"), server.password)
    assert caught.value.key == "mail.starttls_unavailable" and caught.value.permanent
    assert login_attempts(server) == 0


def test_plaintext_refused_unless_allowed(make_dovecot):
    server = make_dovecot("plain")
    with pytest.raises(MailSetupError) as caught:
        connection.connect(account_for(server), server.password)
    assert caught.value.key == "mail.plaintext_refused"
    assert login_attempts(server) == 0
    client = connection.connect(account_for(server, allow_plaintext=True), server.password)
    connection.close_quietly(client)
    assert login_attempts(server) == 1


def test_cli_login_stores_the_password_after_testing_it(dovecot, configure_mail):
    configure_mail(dovecot, store_password=False)
    proc = run_cli("mail", "login", input="wrong-password\n")
    assert proc.returncode != 0
    assert "refused the login" in proc.stderr and "wrong-password" not in proc.stderr + proc.stdout
    assert secrets.mail_secret(dovecot.user, dovecot.host) is None
    proc = run_cli("mail", "login", input=dovecot.password + "\n", check=True)
    assert "stored in the keyring" in proc.stdout
    assert secrets.mail_secret(dovecot.user, dovecot.host) == dovecot.password
    from ehwatch import logs, paths

    log_file = logs.log_file()
    assert not log_file.exists() or dovecot.password not in log_file.read_text()
    assert dovecot.password not in paths.config_file().read_text()


def test_cli_login_refuses_plaintext_without_asking(make_dovecot, configure_mail):
    server = make_dovecot("plain")
    configure_mail(server, store_password=False)
    proc = run_cli("mail", "login", input=server.password + "\n")
    assert proc.returncode != 0 and "unencrypted" in proc.stderr
    assert login_attempts(server) == 0
    assert secrets.mail_secret(server.user, server.host) is None


def test_cli_check_json_then_nothing_new(dovecot, configure_mail):
    configure_mail(dovecot)
    dovecot.append("Junk", samples.produced(n="114419"))
    dovecot.append("INBOX", samples.produced(n="666", sender='"ehealth-certificates@ehealth.fgov.be" <x@evil.example>'))
    data = json.loads(run_cli("mail", "check", "--json", check=True).stdout)
    assert data["folders"] == ["INBOX", "Junk"]
    assert [(e["folder"], e["reading"]["kind"], e["reading"]["request_number"]) for e in data["events"]] == [
        ("Junk", "produced", "114419")]
    assert data["events"][0]["reading"]["available_from"] == "2017-06-21T11:03:47+02:00"
    assert [e["reading"]["request_number"] for e in data["suspicious"]] == ["666"]
    proc = run_cli("--lang", "nl", "mail", "check", check=True)
    assert "Geen nieuwe e-mail van eHealth" in proc.stdout


def test_cli_check_without_configuration_says_what_to_do():
    proc = run_cli("mail", "check")
    assert proc.returncode != 0 and "ehwatch mail login" in proc.stderr and "Traceback" not in proc.stderr


def token_script(tmp_path, token: str, code: int = 0) -> str:
    """An OAuth2 helper as users have them (oama, mailctl…): prints a token. Dovecot accepts the
    user's passwd-file password as the XOAUTH2 token, so the SASL exchange is the real one."""
    script = tmp_path / "token.sh"
    script.write_text(f"#!/bin/sh\necho '{token}'\nexit {code}\n")
    return f"sh {script}"


def test_xoauth2_login_stores_the_token_command_and_check_uses_it(dovecot, configure_mail, tmp_path):
    configure_mail(dovecot, store_password=False, auth="xoauth2")
    command = token_script(tmp_path, dovecot.password)
    proc = run_cli("mail", "login", "--oauth2-command", command, check=True)
    assert "stored in the keyring" in proc.stdout
    assert secrets.mail_secret(dovecot.user, dovecot.host) == command
    dovecot.append("INBOX", samples.produced(n="123456"))
    data = json.loads(run_cli("mail", "check", "--json", check=True).stdout)
    assert [e["reading"]["request_number"] for e in data["events"]] == ["123456"]
    assert "method=XOAUTH2" in dovecot.log_text()


def test_xoauth2_bad_token_and_failing_command(dovecot, configure_mail, tmp_path):
    configure_mail(dovecot, store_password=False, auth="xoauth2")
    proc = run_cli("mail", "login", "--oauth2-command", token_script(tmp_path, "expired-token"))
    assert proc.returncode != 0 and "refused the login" in proc.stderr
    assert "expired-token" not in proc.stderr + proc.stdout
    proc = run_cli("mail", "login", "--oauth2-command", token_script(tmp_path, "x", code=3))
    assert proc.returncode != 0 and "OAuth2 token" in proc.stderr and "exit 3" in proc.stderr
    assert secrets.mail_secret(dovecot.user, dovecot.host) is None


def test_xoauth2_login_with_the_configured_command_stores_nothing(dovecot, configure_mail, tmp_path):
    configure_mail(dovecot, store_password=False, auth="xoauth2",
                   oauth2_token_command=token_script(tmp_path, dovecot.password))
    proc = run_cli("mail", "login", check=True)
    assert "configured command" in proc.stdout
    assert secrets.mail_secret(dovecot.user, dovecot.host) is None


def test_oauth2_command_needs_xoauth2_in_the_config(dovecot, configure_mail, tmp_path):
    configure_mail(dovecot, store_password=False)
    proc = run_cli("mail", "login", "--oauth2-command", token_script(tmp_path, dovecot.password))
    assert proc.returncode != 0 and 'auth = "xoauth2"' in proc.stderr


def test_verbose_log_holds_neither_password_nor_mail_content(dovecot, configure_mail):
    configure_mail(dovecot)
    dovecot.append("INBOX", samples.produced(n="424242"))
    run_cli("-v", "mail", "check", check=True)
    from ehwatch import logs

    text = logs.log_file().read_text()
    assert "424242" in text  # the event is logged…
    assert dovecot.password not in text and "DARDENNE" not in text  # …not the secret, not the mail
