"""The sandbox as a client sees it: requests built by hand to the XSDs, signed, sent over HTTP.

Every answer is checked against the official schemas (``call`` validates it), so these tests also
prove that the sandbox speaks the platform's format, error structure included.
"""
from __future__ import annotations

import base64
import datetime as dt
import email
import email.policy
import time

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from ehwatch.monitor import names, pkcs12
from ehwatch.renewal import keys, xmldsig
from ehwatch.sandbox import ca
from ehwatch.sandbox import protocol as p
from ehwatch.sandbox import state as st
from ehwatch.sandbox.issue import issue_keystore
from tests.support.sandbox_requests import (  # noqa: F401
    DER,
    HOLDER,
    PASSWORD,
    SSIN,
    actor,
    contact,
    generate_certificate,
    generate_contract,
    get_certificate,
    get_etk,
    issued_contract,
    new_csr,
    request,
    signed,
    text,
    wait_for_certificate,
)
from tests.support.sandbox_server import (
    call,
    eid_signer,
    error_code,
    init_sandbox,
    keystore_signer,
    post,
    start_sandbox,
)


@pytest.fixture
def folder(tmp_path):
    return init_sandbox(tmp_path / "sandbox")


def expiring_keystore(folder, tmp_path, days=30, ssin=SSIN):
    return issue_keystore(folder, f"SSIN={ssin}", HOLDER, days, tmp_path / "keystores", PASSWORD,
                          email="marie@example.org", phone="043362333")


# ---------------------------------------------------------------- the whole renewal
def test_renewal_from_request_to_active_etk(folder, tmp_path):
    old_keystore = expiring_keystore(folder, tmp_path, days=30)
    old = keystore_signer(old_keystore, PASSWORD)
    old_serial = next(k.alias for k in pkcs12.read_keystore(old_keystore.read_bytes(), PASSWORD).keys
                      if k.alias != "authentication")
    mails = tmp_path / "mails"
    with start_sandbox(folder, produce_after=1.0, eml_dir=mails) as server:
        info = call(server.certra_url, signed(p.CERTRA, "GetCertificateInfoForAuthenticationCertificateRequest", old))
        assert error_code(info) is None
        assert text(info, "certra:CertificateInfo/certracore:Replaceable") == "true"
        assert text(info, "certra:CertificateInfo/certracore:AuthenticationCertificateStatus") == "VALID_ACTIVE"
        assert text(info, "certra:CertificateInfo/certracore:ETKStatus") == "VALID_ACTIVE"

        contract = call(server.certra_url, generate_contract())
        assert "CN=SSIN=75040404976" in text(contract, "certra:Contract/certracore:DN")
        assert "OU=MARIE DUBOIS" in text(contract, "certra:Contract/certracore:DN")

        key, csr = new_csr()
        answer = call(server.certra_url, generate_certificate(server.certra_url, csr, eid_signer(folder, SSIN)))
        assert error_code(answer) is None
        pki = text(answer, "certra:PublicKeyIdentifier").lower()
        assert pki == keys.public_key_identifier(key.public_key())
        old_pki = keys.public_key_identifier(x509.load_der_x509_certificate(old.certificate_chain()[0]).public_key())
        assert text(answer, "certra:ReplacesCertificate").lower() == old_pki

        assert error_code(call(server.certra_url, get_certificate(pki))) == p.CERT_NOT_YET_DELIVERED
        delivered = wait_for_certificate(server, pki)
        assert error_code(delivered) is None
        chain = [base64.b64decode(n.text) for n in delivered.findall(f"{{{p.CERTRA}}}X509Certificate")]
        leaf = x509.load_der_x509_certificate(chain[0])
        assert leaf.subject == names.build_subject("SSIN", SSIN, HOLDER)
        assert leaf.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest.hex() == pki
        leaf.verify_directly_issued_by(ca.load(folder).issuing)
        assert chain[1:] == ca.load(folder).chain_der()   # the intermediates, not the root

        # the ETK: challenge, self-issued certificate, activation
        new = xmldsig.SoftwareSigner(key, chain)
        etk_key = keys.new_rsa_key()
        spki = etk_key.public_key().public_bytes(DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        started = call(server.etkra_url, signed(p.ETKRA, "StartETKRegistrationRequest", new,
                                                PublicEncryptionKey=base64.b64encode(spki).decode()))
        serial = keys.decode_etk_challenge(base64.b64decode(text(started, "etkra:Challenge")), etk_key)
        etk = keys.etk_certificate(key, chain[0], etk_key.public_key(), serial)
        completed = call(server.etkra_url, signed(p.ETKRA, "CompleteETKRegistrationRequest", new,
                                                  ToBeRegistered=base64.b64encode(etk).decode()))
        assert error_code(completed) is None and text(completed, "etkra:ToBeActivated") == "true"
        assert server.platform.state.etk(serial)["status"] == st.WAIT_FOR_ACTIVATION
        assert server.platform.state.etk(int(old_serial))["status"] == st.VALID_ACTIVE
        assert error_code(call(server.etkra_url, signed(p.ETKRA, "ActivateETKRequest", new))) is None
        assert server.etk_status(f"SSIN={SSIN}") == st.VALID_ACTIVE
        assert server.platform.state.etk(serial)["status"] == st.VALID_ACTIVE
        assert server.platform.state.etk(int(old_serial))["status"] == st.REVOKED   # the previous ETK is retired

        published = call(server.etkdepot_url, get_etk())
        assert published.findtext(f"{{{p.COMMONS1}}}Status/Code") == "200"
        assert base64.b64decode(text(published, "etkdepot:ETK")) == etk
        assert server.requests_received("GenerateCertificate") == 1
        assert server.requests_received("GetCertificate") >= 2

    # both mails, worded like the platform's
    written = sorted(mails.glob("*.eml"))
    assert [f.name.split("-", 1)[1] for f in written] == ["produced.eml", "receipt.eml"]
    produced = email.message_from_bytes(written[0].read_bytes(), policy=email.policy.default)
    number = written[0].name.split("-")[0]
    assert produced["From"].addresses[0].addr_spec == "ehealth-certificates@ehealth.fgov.be"
    assert produced["Subject"] == (
        f"[{number}] [eHealth ACPT] Le certificat d'authentification eHealth que vous avez demandé à renouveler "
        f"avec numéro de demande {number} a été produit - Het eHealth authenticatiecertificaat waarvoor u een "
        f"verlenging heeft aangevraagd met aanvraagnummer {number} werd geproduceerd.")
    body = produced.get_content()
    assert f"Common Name=SSIN={SSIN}" in body and f"numéro de demande {number}" in body
    assert "à partir du " in body and "Cher MARIE DUBOIS," in body
    assert produced["To"] == "marie@example.org"

    # ehwatch's own mail reader recognises both, with the facts the renewal needs
    from ehwatch.mail.reading import read_mail

    reading = read_mail(written[0].read_bytes())
    assert (reading.kind, reading.environment, reading.request_number, reading.common_name) == \
        ("produced", "acceptance", number, f"SSIN={SSIN}")
    assert reading.trusted_sender and reading.available_from is not None
    assert abs(reading.available_from.timestamp() - time.time()) < 120
    assert read_mail(written[1].read_bytes()).kind == "received"


def test_state_and_ca_survive_a_restart(folder, tmp_path):
    keystore = expiring_keystore(folder, tmp_path, days=10)
    with start_sandbox(folder, produce_after=2.0) as first:
        key, csr = new_csr()
        answer = call(first.certra_url, generate_certificate(first.certra_url, csr, eid_signer(folder, SSIN)))
        pki = text(answer, "certra:PublicKeyIdentifier").lower()
        assert error_code(call(first.certra_url, get_certificate(pki))) == p.CERT_NOT_YET_DELIVERED
    with start_sandbox(folder, produce_after=2.0) as second:   # a new process would see the same files
        delivered = wait_for_certificate(second, pki)
        chain = [base64.b64decode(n.text) for n in delivered.findall(f"{{{p.CERTRA}}}X509Certificate")]
        x509.load_der_x509_certificate(chain[0]).verify_directly_issued_by(ca.load(folder).issuing)
        # the old certificate is still known: it can still ask about itself
        info = call(second.certra_url, signed(p.CERTRA, "GetCertificateInfoForAuthenticationCertificateRequest",
                                              keystore_signer(keystore, PASSWORD)))
        assert error_code(info) is None
        assert second.requests_received("GenerateCertificate") == 1   # counted across the restart


# ---------------------------------------------------------------- refused requests
def test_unsigned_tampered_and_untrusted_requests_are_refused(folder, tmp_path):
    expiring_keystore(folder, tmp_path)
    with start_sandbox(folder) as server:
        _, csr = new_csr()
        unsigned = call(server.certra_url, generate_certificate(server.certra_url, csr, None))
        assert error_code(unsigned) == p.INVALID_REQUEST     # ds:Signature is required by the XSD

        tampered = generate_certificate(server.certra_url, csr, eid_signer(folder, SSIN))
        tampered.find(".//cc:EmailPrivate", {"cc": p.CERTRA_CORE}).text = "attacker@example.org"
        assert error_code(call(server.certra_url, tampered)) == p.INVALID_SIGNATURE

        _, stranger_csr = new_csr()
        stranger = stranger_signer()   # a key with a certificate from a CA the sandbox does not know
        assert error_code(call(server.certra_url, generate_certificate(server.certra_url, stranger_csr, stranger))) == p.UNTRUSTED_SIGNER

        # an eHealth certificate from another CA cannot use the EtkRA either
        assert error_code(call(server.etkra_url, signed(p.ETKRA, "ActivateETKRequest", stranger))) \
            == p.UNTRUSTED_SIGNER
        assert server.requests_received("GenerateCertificate") == 3
        assert server.platform.state.pending_certificates(f"SSIN={SSIN}") == []   # nothing was recorded


def stranger_signer():
    """A self-made signer with the right SSIN: well-formed, but trusted by nobody."""
    key = keys.new_rsa_key()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Marie Dubois (Signature)"),
                      x509.NameAttribute(NameOID.SERIAL_NUMBER, SSIN)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=9))
            .sign(key, hashes.SHA256()))
    return xmldsig.SoftwareSigner(key, [cert.public_bytes(DER)])


def test_renewal_rules(folder, tmp_path):
    expiring_keystore(folder, tmp_path, days=200)                       # not yet in its last 90 days
    expiring_keystore(folder, tmp_path, days=-2, ssin="50021014141")   # already expired
    with start_sandbox(folder, refuse=("SSIN=83100720837",)) as server:
        url = server.certra_url
        _, csr = new_csr()
        early = call(url, generate_certificate(url, csr, eid_signer(folder, SSIN)))
        assert error_code(early) == p.NOT_REPLACEABLE
        assert early.findtext(".//Parameters/Name") == "ReplacementPeriodStartDate"

        _, other = new_csr(ssin="50021014141")
        assert error_code(call(url, generate_certificate(url, other, eid_signer(folder, SSIN), ssin="50021014141"))) \
            == p.SIGNER_MISMATCH                                         # someone else's eID

        accepted = call(url, generate_certificate(url, other, eid_signer(folder, "50021014141"), ssin="50021014141"))
        assert error_code(accepted) is None                              # expired: a new request, nothing replaced
        assert accepted.find(f"{{{p.CERTRA}}}ReplacesCertificate") is None

        ec_key = ec.generate_private_key(ec.SECP256R1())
        ec_csr = (x509.CertificateSigningRequestBuilder().subject_name(names.build_subject("SSIN", "83100720837", "X"))
                  .sign(ec_key, hashes.SHA256()).public_bytes(DER))
        assert error_code(call(url, generate_certificate(url, ec_csr, eid_signer(folder, "83100720837"),
                                                         ssin="83100720837"))) == p.INVALID_KEY

        _, good = new_csr(ssin="83100720837")
        broken = good[:-1] + bytes([good[-1] ^ 0x01])                 # one bit of the CSR signature flipped
        assert error_code(call(url, generate_certificate(url, broken, eid_signer(folder, "83100720837"),
                                                         ssin="83100720837"))) == p.INVALID_CSR

        _, refused = new_csr(ssin="83100720837")
        assert error_code(call(url, generate_certificate(url, refused, eid_signer(folder, "83100720837"),
                                                         ssin="83100720837"))) == p.REQUEST_REFUSED

        qualities = request(p.CERTRA, "GetActorQualitiesRequest")
        p.sub(qualities, p.CERTRA, "SSIN", SSIN, Type="urn:be:fgov:person:ssin")
        answer = call(url, xmldsig.sign_enveloped(qualities, eid_signer(folder, SSIN, label="Authentication")))
        assert error_code(answer) is None and text(answer, "certra:NaturalPersonAuthorization") == "true"
        assert error_code(call(url, get_certificate("00" * 20))) == p.UNKNOWN_CERTIFICATE


def test_ec_eid_signature_is_accepted(folder, tmp_path):
    """Newer eID cards sign with EC P-384 (ecdsa-sha384): the sandbox accepts them for GenerateCertificate."""
    expiring_keystore(folder, tmp_path, days=5)
    with start_sandbox(folder) as server:
        _, csr = new_csr()
        answer = call(server.certra_url, generate_certificate(server.certra_url, csr, eid_signer(folder, SSIN, key_type="ec")))
        assert error_code(answer) is None


def test_independent_xmldsig_signature_is_accepted(folder, tmp_path):
    """A request signed by signxml (not our xmldsig module) verifies: the sandbox checks standard XML-DSig."""
    from signxml import XMLSigner, methods

    expiring_keystore(folder, tmp_path, days=5)
    signer = eid_signer(folder, SSIN)
    key_pem = signer._key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption())
    certs = [x509.load_der_x509_certificate(d).public_bytes(serialization.Encoding.PEM).decode()
             for d in signer.certificate_chain()]
    with start_sandbox(folder) as server:
        _, csr = new_csr()
        unsigned = generate_certificate(server.certra_url, csr, None)
        signed_root = XMLSigner(method=methods.enveloped, signature_algorithm="rsa-sha256", digest_algorithm="sha256",
                                c14n_algorithm="http://www.w3.org/2001/10/xml-exc-c14n#").sign(
            unsigned, key=key_pem, cert=certs, reference_uri="#" + unsigned.get("Id"))
        assert error_code(call(server.certra_url, signed_root)) is None


# ---------------------------------------------------------------- transport
def test_garbage_wrong_paths_and_unknown_operations(sandbox):
    status, body = post(sandbox.certra_url, b"this is not XML")
    assert status == 500 and b"faultcode" in body and b"Client" in body
    status, body = post(sandbox.url + "/nothing/here", p.envelope(get_certificate("00" * 20)))
    assert status == 404
    status, body = post(sandbox.etkra_url, p.envelope(get_certificate("00" * 20)))   # CertRA op on EtkRA
    assert status == 500 and b"Unknown operation" in body
    assert sandbox.requests_received() == 0


def test_tls_with_a_self_signed_certificate(tmp_path):
    import ssl
    import urllib.error

    with start_sandbox(tmp_path / "sb", tls=True) as server:
        assert server.url.startswith("https://127.0.0.1:") and server.cafile.exists()
        response = call(server.certra_url, get_certificate("00" * 20), cafile=str(server.cafile))
        assert error_code(response) == p.UNKNOWN_CERTIFICATE
        with pytest.raises(urllib.error.URLError) as failure:     # not trusted without the sandbox's cafile
            post(server.certra_url, p.envelope(get_certificate("00" * 20)))
        assert isinstance(failure.value.reason, ssl.SSLCertVerificationError)


def test_a_resent_request_gets_the_same_answer_and_no_second_request(folder, tmp_path):
    """A client that lost the answer (timeout) and sends the same CSR again must not start a second request."""
    expiring_keystore(folder, tmp_path, days=5)
    with start_sandbox(folder, produce_after=3600, eml_dir=tmp_path / "eml") as server:
        _, csr = new_csr()
        signer = eid_signer(folder, SSIN)
        first = call(server.certra_url, generate_certificate(server.certra_url, csr, signer))
        again = call(server.certra_url, generate_certificate(server.certra_url, csr, signer))
        assert error_code(first) is None and error_code(again) is None
        assert text(first, "certra:PublicKeyIdentifier") == text(again, "certra:PublicKeyIdentifier")
        assert server.requests_received("GenerateCertificate") == 2
        assert len(server.platform.state.pending_certificates(f"SSIN={SSIN}")) == 1
        assert [m["kind"] for m in server.mails()] == ["receipt"]
