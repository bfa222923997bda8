"""The platform's mails reach a real IMAP mailbox (Dovecot) by APPEND, once each, and unread."""
from __future__ import annotations

import re
import time
from email.header import decode_header, make_header

from ehwatch.sandbox import protocol as p
from ehwatch.sandbox.issue import issue_keystore
from ehwatch.sandbox.mailer import MailboxSettings
from tests.support.dovecot import DOVECOT, Dovecot
from tests.support.sandbox_requests import HOLDER, PASSWORD, SSIN, generate_certificate, new_csr
from tests.support.sandbox_server import call, eid_signer, error_code, init_sandbox, start_sandbox
from tests.support.tools import need_tool

SENDER = "ehealth-certificates@ehealth.fgov.be"


def _wait_for_mails(server, count, timeout=15.0):
    deadline = time.monotonic() + timeout
    while len(server.mails()) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    return server.mails()


def test_receipt_and_produced_mails_are_appended_over_imaps(tmp_path):
    need_tool(DOVECOT)
    folder = init_sandbox(tmp_path / "sandbox")
    issue_keystore(folder, f"SSIN={SSIN}", HOLDER, 20, tmp_path / "keystores", PASSWORD, environment="production")
    with Dovecot(tmp_path, security="ssl") as imap:
        mailbox = MailboxSettings(imap.host, imap.port, imap.user, imap.password, "ssl", imap.cafile)
        with start_sandbox(folder, produce_after=0.5, mailbox=mailbox) as server:  # PROD: the renewed one's
            _, csr = new_csr()
            answer = call(server.certra_url, generate_certificate(server.certra_url, csr, eid_signer(folder, SSIN),
                                                                  email="dr.dubois@example.org"))
            assert error_code(answer) is None
            mails = _wait_for_mails(server, 2)
        assert [(m["kind"], m["outcome"]) for m in mails] == [("receipt", "appended"), ("produced", "appended")]
        number = mails[0]["request_number"]

        client = imap.client()
        try:
            client.select_folder("INBOX", readonly=True)
            uids = client.search(["FROM", SENDER])
            assert len(uids) == 2
            fetched = client.fetch(uids, ["ENVELOPE", "FLAGS", "BODY.PEEK[]"])
        finally:
            client.logout()
    subjects = {str(make_header(decode_header(data[b"ENVELOPE"].subject.decode()))) for data in fetched.values()}
    assert all(b"\\Seen" not in data[b"FLAGS"] for data in fetched.values())   # they arrive unread
    produced = next(s for s in subjects if s.startswith(f"[{number}]"))
    assert produced == (
        f"[{number}] [eHealth PROD] Le certificat d'authentification eHealth que vous avez demandé à renouveler "
        f"avec numéro de demande {number} a été produit - Het eHealth authenticatiecertificaat waarvoor u een "
        f"verlenging heeft aangevraagd met aanvraagnummer {number} werd geproduceerd.")
    receipt = next(s for s in subjects if "eHealth CSR" in s)
    assert receipt.startswith(f"[eHealth PROD] eHealth CSR {number} - ")
    bodies = b"\n".join(data[b"BODY[]"] for data in fetched.values())
    assert b"To: dr.dubois@example.org" in bodies


def test_a_mailbox_that_is_down_does_not_stop_production(tmp_path):
    """The platform produces and answers GetCertificate even when the mail cannot be delivered."""
    need_tool(DOVECOT)
    folder = init_sandbox(tmp_path / "sandbox")
    issue_keystore(folder, f"SSIN={SSIN}", HOLDER, 20, tmp_path / "keystores", PASSWORD)
    imap = Dovecot(tmp_path, security="ssl")   # configured, never started: the port refuses connections
    try:
        mailbox = MailboxSettings(imap.host, imap.port, imap.user, imap.password, "ssl", imap.cafile)
        with start_sandbox(folder, mailbox=mailbox, eml_dir=tmp_path / "eml") as server:
            _, csr = new_csr()
            pki = p.text_of(call(server.certra_url, generate_certificate(server.certra_url, csr, eid_signer(folder, SSIN))),
                            "certra:PublicKeyIdentifier")
            mails = _wait_for_mails(server, 2)
            assert [m["kind"] for m in mails] == ["receipt", "produced"]
            assert all(re.fullmatch(r"written, failed: \w+", m["outcome"]) for m in mails)
            assert len(list((tmp_path / "eml").glob("*.eml"))) == 2
            from tests.support.sandbox_requests import get_certificate

            assert error_code(call(server.certra_url, get_certificate(pki))) is None
    finally:
        imap.close()
