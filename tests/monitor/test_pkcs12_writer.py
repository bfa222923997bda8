"""The PKCS#12 writer (``monitor/pkcs12_writer.py``): every keystore layout a renewal writes, in
both protections, opened by the readers of the field — keytool, ``openssl pkcs12 -legacy`` and
Mono (.NET's ``X509Certificate2Collection.Import`` and Mono's managed ``Mono.Security`` PKCS#12
parser), each through a small C# reader compiled here with ``mcs``.

What Mono tells (Debian's mono 6.8): ``X509Certificate2Collection.Import`` goes through BoringSSL
(btls), which opens a legacy file with one private key, refuses any file with two private keys
(a keystore with its ETK — the same for a keystore Java's keytool writes in legacy form, asserted
below) and refuses AES. ``Mono.Security.X509.PKCS12`` opens legacy files whatever their keys and
refuses AES. So legacy is what every reader opens; AES is written only when the old keystore was AES.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from ehwatch.errors import EhwatchError
from ehwatch.monitor import pkcs12, pkcs12_writer, rc2
from ehwatch.renewal import keys
from tests.support.keystore_factory import make_material
from tests.support.tools import need_tool

DER = serialization.Encoding.DER
PASSWORD = "Renew-2026!"

READER_CS = r"""
using System;
using System.Security.Cryptography.X509Certificates;
public static class Reader {
    public static int Main(string[] args) {
        string password = Console.In.ReadLine();
        int failures = 0;
        try {
            var collection = new X509Certificate2Collection();
            collection.Import(args[0], password, X509KeyStorageFlags.Exportable);
            foreach (X509Certificate2 cert in collection)
                Console.WriteLine("import " + (cert.HasPrivateKey ? "key " : "cert ") + cert.Thumbprint);
        } catch (Exception e) {
            Console.WriteLine("import-error " + e.Message);
            failures += 1;
        }
        try {
            var p12 = new Mono.Security.X509.PKCS12(System.IO.File.ReadAllBytes(args[0]), password);
            Console.WriteLine("managed keys " + p12.Keys.Count + " certificates " + p12.Certificates.Count);
        } catch (Exception e) {
            Console.WriteLine("managed-error " + e.Message);
            failures += 2;
        }
        return failures;
    }
}
"""


@pytest.fixture(scope="module")
def mono_reader(tmp_path_factory) -> Path:
    mcs = need_tool("mcs")
    need_tool("mono")
    folder = tmp_path_factory.mktemp("mono")
    (folder / "reader.cs").write_text(READER_CS, encoding="utf-8")
    built = subprocess.run([mcs, "-nologo", "-r:Mono.Security.dll", f"-out:{folder / 'reader.exe'}",
                            str(folder / "reader.cs")], capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stdout + built.stderr
    return folder / "reader.exe"


def mono_read(reader: Path, path: Path, password: str = PASSWORD) -> dict:
    proc = subprocess.run([need_tool("mono"), str(reader), str(path)], input=password + "\n",
                          capture_output=True, text=True, timeout=120)
    lines = proc.stdout.splitlines()
    return {"import": [line.split()[1:] for line in lines if line.startswith("import ")],
            "import_error": next((line for line in lines if line.startswith("import-error")), None),
            "managed": next((line.split() for line in lines if line.startswith("managed ")), None),
            "managed_error": next((line for line in lines if line.startswith("managed-error")), None),
            "returncode": proc.returncode, "output": proc.stdout + proc.stderr}


def openssl_info(path: Path, password: str = PASSWORD) -> str:
    proc = subprocess.run([need_tool("openssl"), "pkcs12", "-legacy", "-info", "-noout", "-in", str(path),
                           "-passin", f"pass:{password}"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


def keytool_entries(path: Path, password: str = PASSWORD) -> dict[str, str]:
    proc = subprocess.run([need_tool("keytool"), "-list", "-v", "-storetype", "PKCS12", "-keystore", str(path),
                           "-storepass", password], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    blocks = proc.stdout.split("Alias name: ")[1:]
    return {b.split("\n", 1)[0].strip(): ("key" if "Entry type: PrivateKeyEntry" in b else "trusted") for b in blocks}


def thumbprint(der: bytes) -> str:
    import hashlib

    return hashlib.sha1(der).hexdigest().upper()


# ---------------------------------------------------------------- the keystores a renewal writes
def layouts() -> dict[str, pkcs12.KeystoreContent]:
    material = make_material(identifier="SSIN=75040404976", holder="Marie Dubois", days_valid=1000, etk_count=1)
    chain = [material.auth_cert_der] + [c.public_bytes(DER) for c in material.chain]
    placeholder = keys.placeholder_certificate(material.auth_key)
    serial, etk_key, etk_cert = material.etk[0]
    authentication = pkcs12.KeyEntry("authentication", material.auth_key, chain)
    ca_trusted = [pkcs12.TrustedEntry(c.subject.rfc4514_string().lower(), c.public_bytes(DER)) for c in material.chain]
    return {
        # the request sent: the new key and the serial-0 placeholder
        "pending": pkcs12.KeystoreContent(keys=[pkcs12.KeyEntry("authentication", material.auth_key, [placeholder])]),
        # the chain installed, before the ETK
        "installed": pkcs12.KeystoreContent(keys=[authentication], trusted=ca_trusted),
        # the renewal done: the ETK key beside it
        "with-etk": pkcs12.KeystoreContent(
            keys=[authentication, pkcs12.KeyEntry(str(serial), etk_key, [etk_cert.public_bytes(DER)])],
            trusted=ca_trusted),
    }


LAYOUTS = layouts()


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_legacy_keystores_open_in_every_reader(layout, tmp_path, mono_reader):
    content = LAYOUTS[layout]
    path = tmp_path / f"{layout}.p12"
    path.write_bytes(pkcs12_writer.write_keystore(content, PASSWORD, pkcs12_writer.LEGACY))

    info = openssl_info(path)                     # the official tool's protection, as openssl names it
    assert "MAC: sha1" in info
    assert info.count("Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC") == len(content.keys)
    assert "PKCS7 Encrypted data: pbeWithSHA1And40BitRC2-CBC" in info
    assert "PBES2" not in info

    entries = keytool_entries(path)
    assert {alias for alias, kind in entries.items() if kind == "key"} == {k.alias for k in content.keys}
    leaf = content.keys[0].chain[0]
    if layout == "pending":
        assert set(entries) == {"authentication"}            # the placeholder is no one's certificate
    else:                                                    # the connector's KeyStoreManager: the leaf too
        assert entries[x509.load_der_x509_certificate(leaf).subject.rfc4514_string().lower()] == "trusted"
        assert len([kind for kind in entries.values() if kind == "trusted"]) == len(content.keys[0].chain)

    back = pkcs12.read_keystore(path.read_bytes(), PASSWORD)
    assert back.protection == "legacy" and back.scheme == "PKCS12 3DES + RC2-40"
    assert [k.alias for k in back.keys] == [k.alias for k in content.keys]
    assert back.keys[0].private_key.private_numbers() == content.keys[0].private_key.private_numbers()

    mono = mono_read(mono_reader, path)
    assert mono["managed"] is not None, mono["output"]     # Mono.Security's PKCS#12 reader: every layout
    assert int(mono["managed"][2]) == len(content.keys)
    if len(content.keys) == 1:                             # .NET's X509Certificate2Collection.Import
        assert mono["import_error"] is None, mono["output"]
        assert ["key", thumbprint(leaf)] in mono["import"]
    else:
        assert mono["import_error"] is not None            # BoringSSL: one private key per file (see below)


def test_mono_import_refuses_two_keys_in_keytools_legacy_files_too(tmp_path, mono_reader):
    """The two-key refusal is Mono's (BoringSSL), not the writer's: keytool's own legacy file with
    two key entries — an eHealth keystore with its ETK written by Java — is refused the same way."""
    keytool = need_tool("keytool")
    path = tmp_path / "keytool-legacy.p12"
    for alias in ("authentication", "etk"):
        made = subprocess.run([keytool, "-genkeypair", "-J-Dkeystore.pkcs12.legacy", "-alias", alias, "-keyalg", "RSA",
                               "-keysize", "2048", "-dname", f"CN={alias}", "-storetype", "PKCS12", "-keystore",
                               str(path), "-storepass", PASSWORD, "-keypass", PASSWORD],
                              capture_output=True, text=True, timeout=120)
        assert made.returncode == 0, made.stderr
    assert "pbeWithSHA1And3-KeyTripleDES-CBC" in openssl_info(path)
    mono = mono_read(mono_reader, path)
    assert mono["import_error"] is not None and mono["managed"] is not None


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_aes_keystores_open_in_keytool_and_openssl_and_not_in_mono(layout, tmp_path, mono_reader):
    content = LAYOUTS[layout]
    path = tmp_path / f"{layout}-aes.p12"
    path.write_bytes(pkcs12_writer.write_keystore(content, PASSWORD, pkcs12_writer.AES))
    info = openssl_info(path)
    assert "MAC: sha256" in info and "AES-256-CBC" in info and "pbeWithSHA1" not in info
    assert {a for a, kind in keytool_entries(path).items() if kind == "key"} == {k.alias for k in content.keys}
    assert pkcs12.read_keystore(path.read_bytes(), PASSWORD).protection == "aes"
    mono = mono_read(mono_reader, path)   # why a brand-new keystore is legacy: Mono opens no AES file
    assert mono["import_error"] is not None and mono["managed_error"] is not None, mono["output"]


def test_the_protection_follows_the_old_keystore_and_defaults_to_legacy(tmp_path):
    content = LAYOUTS["installed"]
    assert pkcs12_writer.DEFAULT_PROTECTION == "legacy"
    default = pkcs12.read_keystore(pkcs12.write_keystore(content, PASSWORD), PASSWORD)
    assert default.protection == "legacy"
    old_aes = pkcs12.read_keystore(pkcs12_writer.write_keystore(content, PASSWORD, "aes"), PASSWORD)
    renewed = pkcs12.read_keystore(pkcs12_writer.write_keystore(content, PASSWORD, old_aes.protection), PASSWORD)
    assert renewed.protection == "aes"
    assert pkcs12_writer.protection_of("") == "legacy"          # an unencrypted file: the official form
    with pytest.raises(ValueError):
        pkcs12_writer.write_keystore(content, PASSWORD, "des")
    with pytest.raises(EhwatchError):
        pkcs12_writer.write_keystore(content, "mot-de-passe-été", "legacy")


def test_a_keystore_read_without_its_keys_is_refused_by_the_writer():
    """A scan reads keystores with ``decrypt_keys=False``: such a content has no key to write back,
    and the writer says so (it used to fail with AttributeError on None)."""
    data = pkcs12.write_keystore(LAYOUTS["with-etk"], PASSWORD)
    scanned = pkcs12.read_keystore(data, PASSWORD, decrypt_keys=False)
    assert scanned.keys and all(k.private_key is None for k in scanned.keys)
    with pytest.raises(ValueError, match="no decrypted private key"):
        pkcs12_writer.write_keystore(scanned, PASSWORD)


def test_a_pending_keystore_gets_no_trusted_entry():
    written = pkcs12.read_keystore(pkcs12.write_keystore(LAYOUTS["pending"], PASSWORD), PASSWORD)
    assert written.trusted == []


@pytest.mark.parametrize("key, bits, plain, cipher", [   # RFC 2268 §5
    ("0000000000000000", 63, "0000000000000000", "ebb773f993278eff"),
    ("ffffffffffffffff", 64, "ffffffffffffffff", "278b27e42e2f0d49"),
    ("3000000000000000", 64, "1000000000000001", "30649edf9be7d2c2"),
    ("88bca90e90875a7f0f79c384627bafb2", 64, "0000000000000000", "1a807d272bbe5db1"),
])
def test_rc2_encryption_matches_rfc2268(key, bits, plain, cipher):
    expanded = rc2.expand_key(bytes.fromhex(key), bits)
    assert pkcs12_writer._rc2_encrypt_block(bytes.fromhex(plain), expanded).hex() == cipher
    assert rc2.decrypt_ecb_block(bytes.fromhex(key), bits, bytes.fromhex(cipher)).hex() == plain
