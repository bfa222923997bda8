"""``ehwatch demo``: a whole renewal against throw-away parts, so anyone can see it work.

Everything lives in one new folder: the sandbox (its CAs and state), a SoftHSM2 token standing in for
the eID, a Dovecot mailbox when Dovecot is installed (otherwise the completion comes from polling),
the keystores, ehwatch's own state, and the throw-away passwords (kept in memory, never in your
keyring). The renewal itself runs through the same engine, client and watcher as a real one.
"""
from __future__ import annotations

import dataclasses
import os
import queue
import secrets as pysecrets
import shutil
import tempfile
import threading
import time
from pathlib import Path

import keyring

from ehwatch import config as config_mod
from ehwatch.core import Core
from ehwatch.errors import EhwatchError

DEMO_SSIN = "75040404976"
DEMO_HOLDER = "Marie Dubois"
DEMO_PIN = "1234"   # the throw-away token's PIN, not anybody's eID PIN


class DemoUser:
    """The person in the demo: confirms, types the token's PIN, gives contact data, picks a password."""

    def __init__(self, password: str):
        self.password = password

    def confirm(self, key, **params):
        from ehwatch.renewal.start import NEVER_ASSUMED

        return key not in NEVER_ASSUMED   # a wrong PIN is never typed again by the demo

    def ask_keystore_password(self, keystore, retry):
        return None   # the old password is in the (memory) keyring; being asked means something is wrong

    def ask_pin(self, request):
        return DEMO_PIN

    def ask_contact(self, prefill):
        return {**prefill, "email": "marie.dubois@example.org", "phone": "043362333"}

    def show_conditions(self, text):
        self.conditions_shown = bool(text)
        return True

    def review(self, overview):
        return True

    def ask_new_password(self):
        return self.password

    def tell(self, key, **params):
        pass


def handed_over(renewal) -> bool:
    """Completed: the "use this file" notice is due (or already acknowledged)."""
    return renewal.state.awaiting_acknowledgement or renewal.finished


def dovecot_available() -> bool:
    return shutil.which("dovecot") is not None or Path("/usr/sbin/dovecot").exists()


def run_demo(folder: Path | None = None, produce_after: float = 3.0, use_mail: bool | None = None,
             progress=lambda key, **params: None, timeout: float = 120.0) -> dict:
    """Runs the demo and returns its summary (what ``ehwatch demo --json`` prints)."""
    from ehwatch.monitor import pkcs12
    from ehwatch.renewal.engine import Engine
    from ehwatch.sandbox import ca, token
    from ehwatch.sandbox.issue import issue_keystore
    from ehwatch.sandbox.mailer import MailboxSettings
    from ehwatch.sandbox.server import SandboxServer

    folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="ehwatch-demo-"))
    folder.mkdir(parents=True, exist_ok=True)
    previous_keyring = keyring.get_keyring()
    from ehwatch.secrets import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    timings: dict[str, float] = {}
    started = time.monotonic()
    mark = [started]

    def step(name: str) -> None:
        now = time.monotonic()
        timings[name] = round(now - mark[0], 3)
        mark[0] = now
        progress("demo.step." + name)

    use_mail = dovecot_available() if use_mail is None else use_mail
    mailbox_server = None
    sandbox = None
    try:
        # 1. the world: sandbox CAs, the eID token, the mailbox, the sandbox server
        sandbox_dir = folder / "sandbox"
        ca.load_or_create(sandbox_dir)
        card = token.create_belpic_token(folder / "eid", DEMO_SSIN, DEMO_HOLDER, "rsa", DEMO_PIN,
                                         ca=token.eid_ca(ca.eid_folder(sandbox_dir)))
        os.environ.update(card.env)
        mailbox = None
        if use_mail:
            from ehwatch.sandbox.imap_server import Dovecot

            mailbox_server = Dovecot(folder / "imap", security="ssl").start()
            mailbox = MailboxSettings(host=mailbox_server.host, port=mailbox_server.port, user=mailbox_server.user,
                                      password=mailbox_server.password, security="ssl",
                                      cafile=str(mailbox_server.cafile))
        sandbox = SandboxServer(sandbox_dir, produce_after=produce_after, tls=True, mailbox=mailbox).start()
        keystores = folder / "ehealth" / "keystore"
        keystores.mkdir(parents=True, exist_ok=True)
        old_password = pysecrets.token_urlsafe(12)
        old = issue_keystore(sandbox_dir, f"SSIN={DEMO_SSIN}", DEMO_HOLDER, 20, keystores, old_password,
                             environment="acceptance", email="marie.dubois@example.org", phone="043362333")
        step("prepared")

        # 2. ehwatch configured for that world (in memory: the user's own configuration is not read)
        cfg = config_mod.Config(keystore_dirs=[str(keystores)])
        cfg.eid = config_mod.EidConfig(pkcs11_module=card.module)
        cfg.ehealth = config_mod.EhealthConfig(certra_url=sandbox.certra_url, etkra_url=sandbox.etkra_url,
                                               etkdepot_url=sandbox.etkdepot_url, cafile=str(sandbox.cafile),
                                               timeout_seconds=30)
        if mailbox is not None:
            cfg.mail = dataclasses.replace(cfg.mail, host=mailbox.host, port=mailbox.port, security="ssl",
                                           username=mailbox.user, cafile=mailbox.cafile)
        core = Core(cfg, store_path=folder / "ehwatch-state.sqlite3", keystore_dirs=[keystores])
        from ehwatch import secrets

        secrets.set_keystore_password(old, old_password)
        if mailbox is not None:
            secrets.set_mail_secret(mailbox.user, mailbox.host, mailbox.password)

        # 3. the request, signed with the token
        new_password = "Demo-" + pysecrets.token_urlsafe(9)
        engine = Engine(core)
        renewal = engine.start(old, DemoUser(new_password), assume_yes=True)
        if not renewal.waiting:
            raise EhwatchError("demo.failed", state=renewal.state)
        step("requested")

        # 4. waiting: the "produced" mail wakes the engine, or polling does
        deadline = time.monotonic() + timeout
        if mailbox is not None:
            from ehwatch.mail.watcher import MailWatcher

            events: queue.Queue = queue.Queue()
            stop = threading.Event()
            watcher = MailWatcher(core, on_event=events.put, min_backoff=0.5, max_backoff=5)
            thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True, name="demo-mail")
            thread.start()
            try:
                while not handed_over(renewal) and time.monotonic() < deadline:
                    try:
                        event = events.get(timeout=1)
                    except queue.Empty:
                        continue
                    if engine.on_mail(event.reading) is not None and event.reading.kind == "produced":
                        step("mail")
                        renewal = engine.drive(engine.lifecycles.get(renewal.id))
            finally:
                stop.set()
                thread.join(timeout=15)
        while not handed_over(renewal) and time.monotonic() < deadline:
            time.sleep(1)
            renewal = engine.drive(engine.lifecycles.get(renewal.id), force=True)
        if not handed_over(renewal):
            raise EhwatchError("demo.failed", state=renewal.state)
        done_at = time.time()
        step("completed")
        produced_mails = [m for m in sandbox.mails() if m["kind"] == "produced"]

        content = pkcs12.read_keystore(Path(renewal.new_keystore).read_bytes(), new_password)
        return {
            "folder": str(folder),
            "old_keystore": str(old),
            "new_keystore": renewal.new_keystore,
            "keystore_password": new_password,
            "etk_alias": renewal.etk_serial,
            "aliases": [k.alias for k in content.keys] + [t.alias for t in content.trusted],
            "not_after": renewal.new_not_after.isoformat() if renewal.new_not_after else None,
            "etk_status": sandbox.etk_status(f"SSIN={DEMO_SSIN}"),
            "mail": mailbox is not None,
            # from the sandbox's APPEND of the "produced" mail to the activated ETK (bench/renewal.py)
            "mail_to_done_seconds": round(done_at - produced_mails[0]["delivered_at"], 3) if produced_mails
            and mailbox is not None else None,
            "seconds": timings,
            "total_seconds": round(time.monotonic() - started, 3),
        }
    finally:
        if sandbox is not None:
            sandbox.stop()
        if mailbox_server is not None:
            mailbox_server.close()
        keyring.set_keyring(previous_keyring)
