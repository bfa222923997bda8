"""An eHealth-like keystore from the sandbox CA: where tests, demos and support start from.

The keystore holds what the official tools write: the ``authentication`` key with its chain, the
CA certificates and the leaf as trusted entries aliased by their RFC 2253 DN (lower-cased, as Java
stores aliases), and one ETK key under the decimal serial of its certificate. The sandbox records the
certificate and its ETK as issued and active, so the renewal of that keystore can start at once.
"""
from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from ehwatch.errors import EhwatchError
from ehwatch.fileutil import write_new_file
from ehwatch.monitor import names, pkcs12, pkcs12_writer
from ehwatch.renewal import keys
from ehwatch.sandbox import ca as ca_mod
from ehwatch.sandbox import rules
from ehwatch.sandbox import state as st

DER = serialization.Encoding.DER
ENVIRONMENTS = (names.ACCEPTANCE, names.PRODUCTION)


def issue_keystore(data_dir: Path, identifier: str, holder: str, days: int, out_dir: Path, password: str,
                   environment: str = names.ACCEPTANCE, application_id: str = "", email: str = "",
                   phone: str = "", protection: str = pkcs12_writer.DEFAULT_PROTECTION,
                   base_services: tuple[str, ...] = ()) -> Path:
    """Writes a new keystore whose certificate expires in ``days`` days (negative: already expired)
    into ``out_dir`` and returns its path. Never overwrites a file. ``protection``: legacy (as the
    official tools write) or aes (as Java 9+ keytool writes). ``base_services``: the base service
    usages the platform records with the certificate (``tsa``, ``consultrn``, ``codage``)."""
    data_dir = Path(data_dir)
    if not ca_mod.exists(data_dir):
        raise EhwatchError("sandbox.not_initialised", folder=str(data_dir))
    if environment not in ENVIRONMENTS:
        raise EhwatchError("sandbox.bad_environment", environment=environment)
    if len(password) < 1:
        raise EhwatchError("sandbox.password_empty")
    identifier = rules.normalise_identifier(identifier)
    id_type, id_value = identifier.split("=", 1)
    authority = ca_mod.load(data_dir)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    not_after = now + dt.timedelta(days=days)
    not_before = not_after - dt.timedelta(days=ca_mod.AUTH_CERT_DAYS)
    subject = names.build_subject(id_type, id_value, holder, application_id or None)

    auth_key = keys.new_rsa_key()
    auth_cert = authority.issue_authentication(subject, auth_key.public_key(), not_before, not_after)
    auth_der = auth_cert.public_bytes(DER)
    etk_key = keys.new_rsa_key()
    etk_serial = int.from_bytes(os.urandom(keys.ETK_SERIAL_BYTES), "big")
    etk_der = keys.etk_certificate(auth_key, auth_der, etk_key.public_key(), etk_serial)

    ca_ders = [c.public_bytes(DER) for c in authority.ca_certificates()]
    content = pkcs12.KeystoreContent(
        keys=[pkcs12.KeyEntry("authentication", auth_key, [auth_der, *ca_ders]),
              pkcs12.KeyEntry(str(etk_serial), etk_key, [etk_der])],
        trusted=[pkcs12.TrustedEntry(c.subject.rfc4514_string().lower(), c.public_bytes(DER))
                 for c in authority.ca_certificates()],
    )
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / names.keystore_filename(id_type, id_value, application_id or None, now, environment)
    write_new_file(path, pkcs12_writer.write_keystore(content, password, protection))

    state = st.SandboxState(data_dir)
    try:
        issued_at = time.time()
        for older in state.active_certificates(identifier, application_id):  # one active certificate per DN
            state.set_certificate_status(older["pki"], st.REVOKED)
        state.add_certificate(
            pki=keys.public_key_identifier(auth_key.public_key()), identifier=identifier,
            application_id=application_id, holder=names.holder_form(holder), csr_der=None,
            public_key_der=auth_key.public_key().public_bytes(DER, serialization.PublicFormat.SubjectPublicKeyInfo),
            environment=environment, status=st.VALID_ACTIVE if days > 0 else st.EXPIRED,
            requested_at=issued_at, produce_at=issued_at, produced_at=issued_at, cert_der=auth_der,
            contact={"email_private": email, "phone_private": phone}, base_services=tuple(base_services))
        state.add_etk(serial=etk_serial, auth_pki=keys.public_key_identifier(auth_key.public_key()),
                      identifier=identifier, application_id=application_id,
                      public_key_der=etk_key.public_key().public_bytes(
                          DER, serialization.PublicFormat.SubjectPublicKeyInfo),
                      status=st.WAIT_FOR_ACTIVATION, cert_der=etk_der)
        state.activate_etk(etk_serial)  # and deactivate the ETK of an earlier keystore
    finally:
        state.close()
    return path
