"""Opening an authenticated IMAP connection, safely, from the ``[mail]`` settings.

Every failure becomes a ``MailError`` whose ``permanent`` flag tells the watcher whether trying
again can help: a refused password or a refused plaintext login must never be retried in a loop
(account lock-out), a dropped network must be. Secrets come from ``ehwatch.secrets`` only and are
never part of an error's parameters.
"""
from __future__ import annotations

import imaplib
import logging
import shlex
import socket
import ssl
import subprocess
from dataclasses import dataclass

import imapclient
import imapclient.exceptions

from ehwatch import logs, secrets
from ehwatch.config import MailConfig
from ehwatch.errors import EhwatchError

log = logging.getLogger(__name__)
# imapclient's DEBUG trace holds whole mails (names, addresses): keep it out of ehwatch's log, even with -v.
logging.getLogger("imapclient").setLevel(logging.INFO)

CONNECT_TIMEOUT = 20.0
READ_TIMEOUT = 60.0
TOKEN_COMMAND_TIMEOUT = 60.0


class MailError(EhwatchError):
    """A mailbox problem; ``permanent`` ones stop the watcher until the user acts."""

    permanent = False


class MailAuthError(MailError):
    permanent = True


class MailSetupError(MailError):
    """Settings that cannot work as they are (missing host, plaintext refused, no STARTTLS…)."""

    permanent = True


@dataclass(frozen=True)
class Account:
    host: str
    port: int
    security: str            # ssl | starttls | none
    username: str
    auth: str                # password | xoauth2
    cafile: str = ""
    allow_plaintext: bool = False
    token_command: str = ""  # from the config; the keyring's copy wins (see token_command_for)

    @classmethod
    def from_config(cls, mail: MailConfig) -> Account:
        if not mail.host:
            raise MailSetupError("mail.not_configured")
        if not mail.username:
            raise MailSetupError("mail.no_username", host=mail.host)
        port = mail.port or (993 if mail.security == "ssl" else 143)
        return cls(mail.host, port, mail.security, mail.username, mail.auth, mail.cafile,
                   mail.allow_plaintext, mail.oauth2_token_command)

    @property
    def key(self) -> str:
        """Names the account in the state store (watermarks): a new server starts afresh."""
        return f"{self.username}@{self.host}:{self.port}"


def tls_context(account: Account) -> ssl.SSLContext:
    """System trust, or only the configured CA file (a self-signed company server)."""
    try:
        return ssl.create_default_context(cafile=account.cafile or None)
    except (OSError, ssl.SSLError) as exc:
        raise MailSetupError("mail.cafile_unreadable", file=account.cafile,
                             detail=getattr(exc, "strerror", None) or type(exc).__name__) from None


def _refuse_plaintext(account: Account) -> None:
    if account.security == "none" and not account.allow_plaintext:
        raise MailSetupError("mail.plaintext_refused", host=account.host)


def open_connection(account: Account, timeout: float = READ_TIMEOUT) -> imapclient.IMAPClient:
    """Connected and encrypted as configured, not logged in yet."""
    _refuse_plaintext(account)
    socket_timeout = imapclient.SocketTimeout(connect=min(CONNECT_TIMEOUT, timeout), read=timeout)
    try:
        if account.security == "ssl":
            client = imapclient.IMAPClient(account.host, account.port, ssl=True,
                                           ssl_context=tls_context(account), timeout=socket_timeout)
        else:
            client = imapclient.IMAPClient(account.host, account.port, ssl=False, timeout=socket_timeout)
            if account.security == "starttls":
                _start_tls(client, account)
    except MailError:
        raise
    except Exception as exc:
        raise as_mail_error(exc, account) from None
    _keep_alive(client)
    return client


def _keep_alive(client: imapclient.IMAPClient) -> None:
    """TCP keep-alive probes: a connection that died silently (Wi-Fi change, NAT timeout) fails within
    about two minutes, even in the middle of a ten-minute IDLE."""
    try:
        sock = client.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        for name, value in (("TCP_KEEPIDLE", 60), ("TCP_KEEPINTVL", 20), ("TCP_KEEPCNT", 3)):
            if hasattr(socket, name):
                sock.setsockopt(socket.IPPROTO_TCP, getattr(socket, name), value)
    except OSError:
        pass


def _start_tls(client: imapclient.IMAPClient, account: Account) -> None:
    if not client.has_capability("STARTTLS"):
        close_quietly(client)
        raise MailSetupError("mail.starttls_unavailable", host=account.host)
    try:
        client.starttls(tls_context(account))
    except Exception:
        close_quietly(client)
        raise


def as_mail_error(exc: BaseException, account: Account) -> MailError:
    """Any exception of the network stack, as a MailError the user can read."""
    if isinstance(exc, MailError):
        return exc
    if isinstance(exc, ssl.SSLCertVerificationError):
        return MailError("mail.tls_untrusted", host=account.host, detail=exc.verify_message or exc.reason or "")
    if isinstance(exc, ssl.SSLError):
        return MailError("mail.tls_failed", host=account.host, detail=exc.reason or type(exc).__name__)
    if isinstance(exc, socket.gaierror):
        return MailError("mail.unknown_host", host=account.host)
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return MailError("mail.timeout", host=account.host, port=account.port)
    if isinstance(exc, (ConnectionError, OSError)):
        return MailError("mail.connect_failed", host=account.host, port=account.port,
                         detail=exc.strerror or type(exc).__name__)
    if isinstance(exc, (imaplib.IMAP4.error, imapclient.exceptions.IMAPClientError)):
        return MailError("mail.connection_lost", host=account.host, detail=type(exc).__name__)
    return MailError("mail.connection_lost", host=account.host, detail=type(exc).__name__)


def token_command_for(account: Account) -> str:
    """XOAUTH2: the token command stored by ``ehwatch mail login``, else the configured one."""
    return secrets.mail_secret(account.username, account.host) or account.token_command


def run_token_command(command: str) -> str:
    """A fresh access token from the user's helper (oama, mailctl, a script…); its output is a secret."""
    if not command:
        raise MailSetupError("mail.no_token_command")
    try:
        proc = subprocess.run(shlex.split(command), capture_output=True, text=True,
                              timeout=TOKEN_COMMAND_TIMEOUT, stdin=subprocess.DEVNULL)
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        raise MailAuthError("mail.token_command_failed", detail=type(exc).__name__) from None
    token = proc.stdout.strip()
    if proc.returncode != 0 or not token:
        raise MailAuthError("mail.token_command_failed", detail=f"exit {proc.returncode}")
    logs.redact(token)
    return token


def secret_for(account: Account) -> str:
    """What ``login`` needs: the password from the keyring, or a fresh OAuth2 token."""
    if account.auth == "xoauth2":
        return run_token_command(token_command_for(account))
    password = secrets.mail_secret(account.username, account.host)
    if not password:
        raise MailAuthError("mail.no_secret", user=account.username, host=account.host)
    return password


def login(client: imapclient.IMAPClient, account: Account, secret: str) -> None:
    logs.redact(secret)
    try:
        if account.auth == "xoauth2":
            client.oauth2_login(account.username, secret)
        else:
            client.login(account.username, secret)
    except imapclient.exceptions.LoginError as exc:
        close_quietly(client)
        if "UNAVAILABLE" in str(exc).upper():  # the server's own temporary failure: retry later
            raise MailError("mail.server_unavailable", host=account.host) from None
        raise MailAuthError("mail.auth_failed", user=account.username, host=account.host) from None
    except Exception as exc:
        close_quietly(client)
        raise as_mail_error(exc, account) from None


def connect(account: Account, secret: str | None = None, timeout: float = READ_TIMEOUT) -> imapclient.IMAPClient:
    """Connected, encrypted and logged in; ``secret`` defaults to the stored one."""
    _refuse_plaintext(account)
    if secret is None:
        secret = secret_for(account)
    client = open_connection(account, timeout)
    login(client, account, secret)
    return client


def close_quietly(client: imapclient.IMAPClient | None) -> None:
    """LOGOUT when the connection still answers, else just drop the socket."""
    if client is None:
        return
    try:
        client.logout()
    except Exception:
        try:
            client.shutdown()
        except Exception:
            pass
