"""The PKCS#12 codec against files written by keytool (Java 17 and legacy) and openssl -legacy."""
from __future__ import annotations

import subprocess
import warnings

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from ehwatch.errors import EhwatchError
from ehwatch.monitor import names, pkcs12, rc2
from tests.support.keystore_factory import make_ca_chain, make_material
from tests.support.keystores import PASSWORD, place
from tests.support.tools import need_tool

FORMATS = {
    "valid": "PBES2 AES-256-CBC / PBKDF2-HMAC-SHA256",
    "java-legacy": "PKCS12 3DES + RC2-40",
    "openssl-legacy": "PKCS12 3DES + RC2-40",
}


def _der_subject(der: bytes) -> str:
    return x509.load_der_x509_certificate(der).subject.rfc4514_string()


@pytest.mark.parametrize("fixture", list(FORMATS))
def test_reads_every_entry_of_each_format(tmp_path, fixture):
    path = place(tmp_path, fixture)[fixture]
    content = pkcs12.read_keystore(path.read_bytes(), PASSWORD)
    assert content.scheme == FORMATS[fixture]
    auth = content.key("AUTHENTICATION")  # case-insensitive
    assert auth is not None and auth.alias == "authentication"
    assert len(auth.chain) == 3  # leaf, issuing CA, root: paired by localKeyID, then by issuer DN
    leaf = x509.load_der_x509_certificate(auth.chain[0])
    assert names.parse_subject(leaf.subject) is not None
    assert "issuing CA" in _der_subject(auth.chain[1]) and "root CA" in _der_subject(auth.chain[2])
    # the private key matches the leaf certificate
    public = auth.private_key.public_key().public_bytes(serialization.Encoding.DER,
                                                        serialization.PublicFormat.SubjectPublicKeyInfo)
    assert public == leaf.public_key().public_bytes(serialization.Encoding.DER,
                                                    serialization.PublicFormat.SubjectPublicKeyInfo)


def test_java_keystore_has_etk_keys_and_trusted_cas_under_their_dn(tmp_path):
    path = place(tmp_path, "valid")["valid"]
    content = pkcs12.read_keystore(path.read_bytes(), PASSWORD)
    etk = [k for k in content.keys if k.alias.isdigit()]
    assert len(etk) == 2
    for entry in etk:
        cert = x509.load_der_x509_certificate(entry.chain[0])
        assert str(cert.serial_number) == entry.alias          # decimal serial alias
        assert cert.issuer == cert.subject                       # self-issued by the authentication subject
    trusted = {t.alias.lower(): t for t in content.trusted}
    ca = make_ca_chain("production")
    for cert in ca.certificates:
        dn = cert.subject.rfc4514_string().lower()
        assert dn in trusted                                      # Java lower-cases the DN alias
        assert trusted[dn].certificate == cert.public_bytes(serialization.Encoding.DER)
    assert pkcs12.list_aliases(path.read_bytes())[0] == "authentication"   # without the password
    assert sorted(pkcs12.list_aliases(path.read_bytes())[1:]) == sorted(k.alias for k in etk)


@pytest.mark.parametrize("fixture", list(FORMATS))
def test_wrong_password_is_told_apart_from_a_broken_file(tmp_path, fixture):
    data = place(tmp_path, fixture)[fixture].read_bytes()
    with pytest.raises(pkcs12.WrongPassword):
        pkcs12.read_keystore(data, "not-the-password")
    with pytest.raises(pkcs12.NotAKeystore):
        pkcs12.read_keystore(data[: len(data) // 2], PASSWORD)   # truncated
    with pytest.raises(pkcs12.NotAKeystore):
        pkcs12.read_keystore(b"", PASSWORD)
    with pytest.raises(pkcs12.NotAKeystore):
        pkcs12.read_keystore(b"[.ShellClassInfo]\r\nIconResource=x\r\n", PASSWORD)


def test_decrypt_keys_false_reads_certificates_only(tmp_path):
    data = place(tmp_path, "valid")["valid"].read_bytes()
    content = pkcs12.read_keystore(data, PASSWORD, decrypt_keys=False)
    assert all(k.private_key is None for k in content.keys)
    assert len(content.key("authentication").chain) == 3


def test_pending_placeholder_never_crashes_nor_warns(tmp_path):
    data = place(tmp_path, "pending")["pending"].read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # cryptography's serial-0 deprecation warning would fail here
        content = pkcs12.read_keystore(data, PASSWORD)
        leaf = content.key("authentication").chain[0]
        assert names.is_placeholder(leaf)
        assert pkcs12.asn1_certificate(leaf)["tbs_certificate"]["serial_number"].native == 0


def _keytool_list(path, password: str) -> str:
    keytool = need_tool("keytool")
    proc = subprocess.run([keytool, "-list", "-v", "-storetype", "PKCS12", "-keystore", str(path),
                           "-storepass:env", "KSP"], capture_output=True, text=True, timeout=60,
                          env={"KSP": password, "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr + proc.stdout
    return proc.stdout


def test_written_keystore_is_what_keytool_expects(tmp_path):
    material = make_material(identifier="SSIN=75040404976", holder="Marie Dubois", days_valid=700, etk_count=2)
    content = pkcs12.KeystoreContent(
        keys=[pkcs12.KeyEntry("authentication", material.auth_key,
                              [material.auth_cert_der] + [c.public_bytes(serialization.Encoding.DER)
                                                          for c in material.chain])]
        + [pkcs12.KeyEntry(str(serial), key, [cert.public_bytes(serialization.Encoding.DER)])
           for serial, key, cert in material.etk],
        trusted=[pkcs12.TrustedEntry(c.subject.rfc4514_string(), c.public_bytes(serialization.Encoding.DER))
                 for c in material.chain])
    out = tmp_path / "written.p12"
    out.write_bytes(pkcs12.write_keystore(content, "new-Password!9", protection="aes"))
    listing = _keytool_list(out, "new-Password!9")
    assert "Your keystore contains 6 entries" in listing      # the leaf is a trusted entry too
    blocks = {b.split("\n", 1)[0].strip(): b for b in listing.split("Alias name: ")[1:]}
    assert "Entry type: PrivateKeyEntry" in blocks["authentication"]
    assert "Certificate chain length: 3" in blocks["authentication"]
    for serial, _, _ in material.etk:
        assert "Entry type: PrivateKeyEntry" in blocks[str(serial)]
    for cert in material.chain:
        assert "Entry type: trustedCertEntry" in blocks[cert.subject.rfc4514_string().lower()]
    leaf_alias = x509.load_der_x509_certificate(material.auth_cert_der).subject.rfc4514_string().lower()
    assert "Entry type: trustedCertEntry" in blocks[leaf_alias]
    # and read back by our reader, keys included
    back = pkcs12.read_keystore(out.read_bytes(), "new-Password!9")
    assert back.scheme == "PBES2 AES-256-CBC / PBKDF2-HMAC-SHA256"
    assert back.key("authentication").chain == content.keys[0].chain
    assert (back.key("authentication").private_key.private_numbers()
            == material.auth_key.private_numbers())
    assert sorted(k.alias for k in back.keys) == sorted(k.alias for k in content.keys)
    assert {t.alias for t in back.trusted} == {t.alias for t in content.trusted} | {leaf_alias}
    assert back.protection == "aes"
    with pytest.raises(pkcs12.WrongPassword):
        pkcs12.read_keystore(out.read_bytes(), "new-password!9")


def test_rewriting_a_legacy_keystore_keeps_every_entry(tmp_path):
    source = place(tmp_path, "java-legacy")["java-legacy"]
    content = pkcs12.read_keystore(source.read_bytes(), PASSWORD)
    out = tmp_path / "rewritten.p12"
    out.write_bytes(pkcs12.write_keystore(content, PASSWORD))
    listing = _keytool_list(out, PASSWORD)
    assert "Alias name: authentication" in listing
    back = pkcs12.read_keystore(out.read_bytes(), PASSWORD)
    assert [k.alias for k in back.keys] == [k.alias for k in content.keys]
    assert back.key("authentication").chain == content.key("authentication").chain


def test_writer_refuses_a_password_java_cannot_use():
    material = make_material(identifier="NIHII=10203040", holder="Cabinet", days_valid=100, etk_count=0)
    content = pkcs12.KeystoreContent(keys=[pkcs12.KeyEntry("authentication", material.auth_key,
                                                           [material.auth_cert_der])])
    with pytest.raises(EhwatchError) as info:
        pkcs12.write_keystore(content, "mot-de-passe-été")
    assert info.value.key == "monitor.password_not_ascii"


def test_openssl_reads_what_we_write(tmp_path):
    openssl = need_tool("openssl")
    material = make_material(identifier="NIHII=10203040", holder="Cabinet", days_valid=100, etk_count=0)
    content = pkcs12.KeystoreContent(keys=[pkcs12.KeyEntry("authentication", material.auth_key,
                                                           [material.auth_cert_der])])
    out = tmp_path / "w.p12"
    out.write_bytes(pkcs12.write_keystore(content, "pw-123", protection="aes"))
    proc = subprocess.run([openssl, "pkcs12", "-in", str(out), "-info", "-nokeys", "-passin", "pass:pw-123"],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert "MAC: sha256" in proc.stderr and "PBES2" in proc.stderr
    assert "friendlyName: authentication" in proc.stdout


def test_rc2_matches_rfc2268_vectors():
    vectors = [("0000000000000000", 63, "0000000000000000", "ebb773f993278eff"),
               ("ffffffffffffffff", 64, "ffffffffffffffff", "278b27e42e2f0d49"),
               ("88", 64, "0000000000000000", "61a8a244adacccf0"),
               ("88bca90e90875a7f0f79c384627bafb2", 128, "0000000000000000", "2269552ab0f85ca6")]
    for key, bits, plain, cipher in vectors:
        assert rc2.decrypt_ecb_block(bytes.fromhex(key), bits, bytes.fromhex(cipher)).hex() == plain


@pytest.mark.parametrize("options, password", [(["-legacy"], ""), ([], ""), (["-nomac"], "pw-1")])
def test_openssl_empty_password_and_no_mac(tmp_path, options, password):
    openssl = need_tool("openssl")
    material = make_material(identifier="NIHII=10203040", holder="Cabinet", days_valid=100, etk_count=0)
    key_pem, cert_pem, out = tmp_path / "k.pem", tmp_path / "c.pem", tmp_path / "o.p12"
    key_pem.write_bytes(material.auth_key.private_bytes(serialization.Encoding.PEM,
                                                        serialization.PrivateFormat.PKCS8,
                                                        serialization.NoEncryption()))
    cert_pem.write_bytes(x509.load_der_x509_certificate(material.auth_cert_der).public_bytes(
        serialization.Encoding.PEM))
    subprocess.run([openssl, "pkcs12", "-export", *options, "-inkey", str(key_pem), "-in", str(cert_pem),
                    "-name", "authentication", "-out", str(out), "-passout", f"pass:{password}"],
                   check=True, capture_output=True, timeout=30)
    content = pkcs12.read_keystore(out.read_bytes(), password)
    assert content.key("authentication").private_key.private_numbers() == material.auth_key.private_numbers()
    with pytest.raises(pkcs12.WrongPassword):
        pkcs12.read_keystore(out.read_bytes(), "something-else")
