"""A throw-away Dovecot IMAP server, started from a generated config (no systemd).

The mailbox of ``ehwatch demo`` and of the tests: real IMAP, on 127.0.0.1 and a free port, one
passwd-file user, a Maildir in a private folder, stopped and cleaned up without leftovers.

Usage::

    from ehwatch.sandbox.imap_server import Dovecot

    with Dovecot(tmp_path, security="ssl") as server:      # "ssl" | "starttls" | "plain"
        server.append("INBOX", raw_bytes)                  # over IMAP, or straight into the Maildir when stopped
        ... connect to server.host:server.port, trusting server.cafile,
            as server.user / server.password ...
        server.restart()                                   # same port, same mailbox

Options: ``idle=False`` removes IDLE from the capabilities (poll mode), ``mailboxes`` maps extra folder
names to a SPECIAL-USE flag or None (default ``{"Junk": "\\Junk"}``). Helpers: ``client()`` (a
logged-in imapclient), ``recreate_folder(name)`` (new UIDVALIDITY), ``uidvalidity(name)``,
``log_text()`` (Dovecot's log: logins, auth failures, bytes sent), ``free_port()``.

``stop()`` is a real server stop: SIGTERM to the master, then the imap processes still serving
clients (the master leaves them behind) are ended too, so clients see the connection drop.
``leftover_processes()`` lists what is still alive afterwards (there must be none). XOAUTH2 is
offered; the user's password doubles as the valid OAuth2 token.

Why it runs the way it does: Dovecot refuses mail access as root, and its unprivileged helpers cannot
enter pytest's root-only temp folders, so when the tests run as root the server's files live in a
private folder under /tmp (mode 0755, the Maildir owned by ``nobody``) that ``close()`` removes.
As an ordinary user everything lives in ``tmpdir`` and every Dovecot process runs as that user.
"""
from __future__ import annotations

import datetime as dt
import grp
import ipaddress
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

DOVECOT = "/usr/sbin/dovecot"
SECURITIES = ("ssl", "starttls", "plain")
_CERT_CACHE: tuple[bytes, bytes] | None = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def self_signed_certificate() -> tuple[bytes, bytes]:
    """(certificate PEM, key PEM) for 127.0.0.1 and localhost; made once per test process."""
    global _CERT_CACHE
    if _CERT_CACHE is None:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "ehwatch test IMAP server")])
        now = dt.datetime.now(dt.UTC)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(days=2))
                .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                            x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                               critical=False)
                .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                .sign(key, hashes.SHA256()))
        _CERT_CACHE = (cert.public_bytes(serialization.Encoding.PEM),
                       key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption()))
    return _CERT_CACHE


class Dovecot:
    """One Dovecot instance with one passwd-file user and a Maildir; see the module docstring."""

    host = "127.0.0.1"

    def __init__(self, tmpdir: Path | str, security: str = "ssl", *, idle: bool = True,
                 mailboxes: dict[str, str | None] | None = None, user: str = "doctor",
                 password: str | None = None):
        if security not in SECURITIES:
            raise ValueError(f"security must be one of {SECURITIES}")
        self.security = security
        self.idle = idle
        self.mailboxes = {"Junk": "\\Junk"} if mailboxes is None else dict(mailboxes)
        self.user = user
        self.password = password or "pw-" + uuid.uuid4().hex[:12]
        self.port = free_port()
        self._as_root = os.geteuid() == 0
        if self._as_root:
            self.root = Path(tempfile.mkdtemp(prefix="ehwatch-dovecot-"))
            os.chmod(self.root, 0o755)
            self._owned_root = True
            nobody = pwd.getpwnam("nobody")
            self._mail_ids = (nobody.pw_uid, nobody.pw_gid)
            self._internal_user, self._login_user = "dovecot", "dovenull"
            self._internal_group = "dovecot"
        else:
            self.root = Path(tmpdir) / f"dovecot-{uuid.uuid4().hex[:8]}"
            self.root.mkdir(parents=True)
            self._owned_root = False
            self._mail_ids = (os.getuid(), os.getgid())
            me = pwd.getpwuid(os.getuid()).pw_name
            self._internal_user = self._login_user = me
            self._internal_group = grp.getgrgid(os.getgid()).gr_name
        self.home = self.root / "home"
        self.maildir = self.home / "Maildir"
        self.cafile = str(self.root / "cert.pem")
        self.log_path = self.root / "dovecot.log"
        self._proc: subprocess.Popen | None = None
        self._write_files()

    # -- files -------------------------------------------------------------------------------------
    def _write_files(self) -> None:
        cert, key = self_signed_certificate()
        (self.root / "cert.pem").write_bytes(cert)
        key_path = self.root / "key.pem"
        key_path.write_bytes(key)
        os.chmod(key_path, 0o600)
        uid, gid = self._mail_ids
        passwd = self.root / "passwd"
        passwd.write_text(f"{self.user}:{{PLAIN}}{self.password}:{uid}:{gid}::{self.home}::\n")
        os.chmod(passwd, 0o644)  # read by the auth process (an unprivileged user)
        for sub in ("", "cur", "new", "tmp"):
            (self.maildir / sub).mkdir(parents=True, exist_ok=True)
        self._chown_mail(self.home)
        (self.root / "dovecot.conf").write_text(self._config())

    def _chown_mail(self, top: Path) -> None:
        if not self._as_root:
            return
        uid, gid = self._mail_ids
        for path in [top, *top.rglob("*")]:
            os.chown(path, uid, gid)

    def _config(self) -> str:
        ssl_on = self.security in ("ssl", "starttls")
        lines = [
            f"base_dir = {self.root}/run",
            f"state_dir = {self.root}/state",
            f"log_path = {self.log_path}",
            f"default_internal_user = {self._internal_user}",
            f"default_login_user = {self._login_user}",
            f"default_internal_group = {self._internal_group}",
            "protocols = imap",
            "listen = 127.0.0.1",
            "ssl = required" if ssl_on else "ssl = no",
            "disable_plaintext_auth = yes" if ssl_on else "disable_plaintext_auth = no",
            "auth_mechanisms = plain login xoauth2 oauthbearer",
            "auth_failure_delay = 0",
            "mail_location = maildir:~/Maildir",
            "imap_idle_notify_interval = 10 mins",
            f"first_valid_uid = {min(self._mail_ids[0], 500)}",
            f"first_valid_gid = {min(self._mail_ids[1], 500)}",
        ]
        if ssl_on:
            lines += [f"ssl_cert = <{self.root}/cert.pem", f"ssl_key = <{self.root}/key.pem"]
        if not self.idle:
            lines.append("imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ "
                         "SPECIAL-USE UIDPLUS")
        lines += [
            "passdb {", "  driver = passwd-file", f"  args = scheme=PLAIN {self.root}/passwd", "}",
            "userdb {", "  driver = passwd-file", f"  args = {self.root}/passwd", "}",
            "namespace inbox {", "  inbox = yes", "  separator = /",
        ]
        for name, special in self.mailboxes.items():
            lines += [f'  mailbox "{name}" {{', "    auto = subscribe"]
            if special:
                lines.append(f"    special_use = {special}")
            lines.append("  }")
        lines += ["}", "service imap-login {", "  chroot ="]
        imap_port = 0 if self.security == "ssl" else self.port
        imaps_port = self.port if self.security == "ssl" else 0
        lines += ["  inet_listener imap {", f"    port = {imap_port}", "  }",
                  "  inet_listener imaps {", f"    port = {imaps_port}", "    ssl = yes", "  }", "}",
                  "service anvil {", "  chroot =", "}", ""]
        return "\n".join(lines)

    # -- process -----------------------------------------------------------------------------------
    def start(self, timeout: float = 10.0) -> Dovecot:
        if self.running:
            return self
        self._proc = subprocess.Popen([DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
                                      stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                err = self._proc.stderr.read().decode(errors="replace")
                self._proc = None
                raise RuntimeError(f"dovecot exited at start: {err}\n{self.log_text()}")
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"dovecot did not listen on {self.port} within {timeout}s\n{self.log_text()}")

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM to the master, which stops its children; anything left is killed and reported."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)
        proc.stderr.close()
        # The master exits at once; imap/imap-login processes that still serve a client linger until
        # that client hangs up. A stopped server must drop its clients, so they are ended here.
        for sig, grace in ((signal.SIGTERM, 3.0), (signal.SIGKILL, 3.0)):
            if not self._session_pids(proc.pid):
                break
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            deadline = time.monotonic() + grace
            while self._session_pids(proc.pid) and time.monotonic() < deadline:
                time.sleep(0.05)
        self._last_session = proc.pid

    def restart(self) -> Dovecot:
        self.stop()
        return self.start()

    @staticmethod
    def _session_pids(sid: int) -> list[int]:
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[3]) == sid and fields[0] != "Z":  # field 6 of stat: session id
                pids.append(int(entry.name))
        return pids

    def leftover_processes(self) -> list[int]:
        """Processes of the last stopped (or current) instance still alive; empty after a clean stop."""
        sid = self._proc.pid if self._proc else getattr(self, "_last_session", None)
        return self._session_pids(sid) if sid else []

    def close(self) -> None:
        self.stop()
        if self._owned_root:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Dovecot:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    # -- mailbox -----------------------------------------------------------------------------------
    def client(self):
        """A logged-in imapclient connection as the test user (the caller logs out)."""
        import imapclient

        if self.security == "ssl":
            ctx = ssl.create_default_context(cafile=self.cafile)
            client = imapclient.IMAPClient(self.host, self.port, ssl=True, ssl_context=ctx, timeout=10)
        else:
            client = imapclient.IMAPClient(self.host, self.port, ssl=False, timeout=10)
            if self.security == "starttls":
                client.starttls(ssl.create_default_context(cafile=self.cafile))
        client.login(self.user, self.password)
        return client

    def append(self, folder: str, raw: bytes) -> None:
        """Delivers a message: APPEND while running, a file in the Maildir's new/ while stopped."""
        if self.running:
            client = self.client()
            try:
                if not client.folder_exists(folder):
                    client.create_folder(folder)
                client.append(folder, raw)
            finally:
                client.logout()
            return
        box = self._maildir_of(folder)
        for sub in ("cur", "new", "tmp"):
            (box / sub).mkdir(parents=True, exist_ok=True)
        name = f"{time.time():.6f}.{uuid.uuid4().hex}.{socket.gethostname()}"
        tmp = box / "tmp" / name
        tmp.write_bytes(raw)
        self._chown_mail(box)
        os.rename(tmp, box / "new" / name)

    def _maildir_of(self, folder: str) -> Path:
        if folder.upper() == "INBOX":
            return self.maildir
        from imapclient import imap_utf7

        return self.maildir / ("." + imap_utf7.encode(folder).decode("ascii").replace("/", "."))

    def recreate_folder(self, folder: str) -> None:
        """DELETE then CREATE a (non-INBOX) folder: it comes back empty with a new UIDVALIDITY."""
        client = self.client()
        try:
            client.delete_folder(folder)
            client.create_folder(folder)
            client.subscribe_folder(folder)
        finally:
            client.logout()

    def uidvalidity(self, folder: str) -> int:
        client = self.client()
        try:
            return client.folder_status(folder, [b"UIDVALIDITY"])[b"UIDVALIDITY"]
        finally:
            client.logout()
