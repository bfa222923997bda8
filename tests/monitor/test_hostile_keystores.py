"""Hostile and damaged keystore files (issue 15, items 1, 3, 4 and 5).

Each test builds the attack the adversarial pass found, with the real tools where a real file is at
stake (keytool, openssl), and checks ehwatch neither hangs, crashes nor believes the file.
"""
from __future__ import annotations

import datetime as dt
import hmac
import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest
from asn1crypto import algos, cms
from asn1crypto import core as asn1_core
from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography.hazmat.primitives import serialization

from ehwatch import secrets
from ehwatch.core import Core
from ehwatch.monitor import inventory, passwords, pkcs12
from ehwatch.monitor import status as policy
from ehwatch.monitor.kdf import pkcs12_kdf
from tests.support.keystore_factory import (
    KeyMaterial,
    assemble_with_keytool,
    make_authentication_certificate,
    make_ca_chain,
    new_key,
)
from tests.support.keystores import PASSWORD, place
from tests.support.tools import need_tool, run_cli

UTC = dt.UTC
DER = serialization.Encoding.DER


@pytest.fixture
def core():
    c = Core.load()
    yield c
    c.close()


def _scan(core, folder):
    return inventory.scan(core, [folder])


def _by_name(result) -> dict:
    return {r.path.name: r for r in result.records}


# ------------------------------------------------------------------------- item 1: special files

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_named_like_a_keystore_is_never_opened(core, tmp_path):
    folder = tmp_path / "ks"
    placed = place(folder, "valid")
    secrets.set_keystore_password(placed["valid"], PASSWORD)
    fifo = folder / "SSIN=11111111111 20240101-000000.p12"
    os.mkfifo(fifo)
    outcome: dict = {}
    worker = threading.Thread(target=lambda: outcome.setdefault("result", _scan(core, folder)), daemon=True)
    worker.start()
    worker.join(20)
    if worker.is_alive():   # unblock the stuck open() so the test process can end, then fail
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        worker.join(5)
        pytest.fail("the scan hung on a FIFO named *.p12")
    records = _by_name(outcome["result"])
    assert records[fifo.name].status == policy.UNREADABLE
    assert records[fifo.name].problem == "monitor.problem.not_a_file"
    assert records[placed["valid"].name].status == policy.VALID


def test_a_read_past_its_deadline_is_that_files_unreadable(core, tmp_path, monkeypatch):
    """A hung network share: the read never returns. The scan moves on after the deadline."""
    folder = tmp_path / "ks"
    placed = place(folder, "valid", "expiring")
    for path in placed.values():
        secrets.set_keystore_password(path, PASSWORD)
    hung = threading.Event()
    real_read = inventory._read_file

    def read(path):
        if path.name == placed["expiring"].name:
            hung.wait(60)   # as a hung NFS/SMB read would
        return real_read(path)

    monkeypatch.setattr(inventory, "_read_file", read)
    monkeypatch.setattr(inventory, "READ_DEADLINE_SECONDS", 0.5)
    started = time.monotonic()
    try:
        records = _by_name(_scan(core, folder))
    finally:
        hung.set()
    assert time.monotonic() - started < 15
    assert records[placed["expiring"].name].status == policy.UNREADABLE
    assert records[placed["expiring"].name].problem == "monitor.problem.timeout"
    assert records[placed["valid"].name].status == policy.VALID


# ------------------------------------------------------------------------- item 3: damaged MAC area

def _mac_start(data: bytes) -> int:
    mac = asn1_pkcs12.Pfx.load(data)["mac_data"].dump()
    return data.rindex(mac)


def _openssl_opens(path: Path, legacy: bool) -> bool:
    cmd = [need_tool("openssl"), "pkcs12", "-in", str(path), "-noout", "-passin", "env:KS_PASS"]
    proc = subprocess.run(cmd + (["-legacy"] if legacy else []), capture_output=True,
                          env=dict(os.environ, KS_PASS=PASSWORD), timeout=60)
    return proc.returncode == 0


def _keytool_opens(path: Path) -> bool:
    proc = subprocess.run([need_tool("keytool"), "-list", "-keystore", str(path), "-storetype", "PKCS12",
                           "-storepass:env", "KS_PASS"], capture_output=True,
                          env=dict(os.environ, KS_PASS=PASSWORD), timeout=120)
    return proc.returncode == 0


@pytest.mark.parametrize("fixture", ["valid", "java-legacy"])
def test_a_damaged_mac_tag_is_damage_not_no_mac(tmp_path, fixture):
    """The MacData SEQUENCE tag damaged: asn1crypto then sees no MAC at all. keytool and OpenSSL refuse
    the file; ehwatch must too (it used to skip the MAC, show the file valid and store a password)."""
    data = place(tmp_path / "src", fixture)[fixture].read_bytes()
    start = _mac_start(data)
    damaged = bytearray(data)
    damaged[start] ^= 0xFF
    path = tmp_path / "damaged.p12"
    path.write_bytes(bytes(damaged))
    assert not _openssl_opens(path, legacy=fixture != "valid")
    assert not _keytool_opens(path)
    with pytest.raises(pkcs12.NotAKeystore):
        pkcs12.read_keystore(bytes(damaged), PASSWORD, decrypt_keys=False)
    with pytest.raises(pkcs12.NotAKeystore):
        passwords.check_password(path, PASSWORD)


def test_every_byte_of_the_mac_area_damaged_is_typed_never_a_crash(tmp_path):
    """Each byte of the MAC area flipped: the reader raises only its typed errors, and never opens a
    file both OpenSSL and keytool refuse (they ignore the digest's NULL parameters, and so does ehwatch)."""
    need_tool("openssl")
    data = place(tmp_path / "src", "valid")["valid"].read_bytes()
    start = _mac_start(data)
    probe = tmp_path / "probe.p12"
    for position in range(start, len(data)):
        for mutate in (lambda b: b ^ 0xFF, lambda b: 0):
            damaged = bytearray(data)
            damaged[position] = mutate(damaged[position])
            try:
                pkcs12.read_keystore(bytes(damaged), PASSWORD, decrypt_keys=False)
                opened = True
            except (pkcs12.NotAKeystore, pkcs12.WrongPassword):
                opened = False
            if opened:
                probe.write_bytes(bytes(damaged))
                assert _openssl_opens(probe, legacy=False) or _keytool_opens(probe), \
                    f"byte {position - start} of the MAC area"


def test_damaged_mac_area_is_one_files_unreadable_in_status_and_password_set(tmp_path):
    folder = tmp_path / "ks"
    placed = place(folder, "valid", "expiring")
    data = placed["expiring"].read_bytes()
    damaged = bytearray(data)
    damaged[_mac_start(data) + 2] ^= 0xFF       # inside the DigestInfo: asn1crypto raised ValueError here
    placed["expiring"].write_bytes(bytes(damaged))
    proc = run_cli("password", "set", str(placed["expiring"]), input=PASSWORD + "\n")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "unexpected" not in (proc.stdout + proc.stderr).lower()
    for path in placed.values():     # as if the password had been stored before the damage
        secrets.set_keystore_password(path, PASSWORD)
    proc = run_cli("status", "--json", "--keystore-dir", str(folder))
    assert "unexpected" not in proc.stderr.lower(), proc.stderr
    records = {Path(r["path"]).name: r for r in json.loads(proc.stdout)["keystores"]}
    assert records[placed["valid"].name]["status"] == "valid"
    assert records[placed["expiring"].name]["status"] == "unreadable"
    assert records[placed["expiring"].name]["problem"]


# ------------------------------------------------------------------------- item 4: certificates believed

def _keystore(folder: Path, name: str, material: KeyMaterial) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return assemble_with_keytool(folder / name, material, PASSWORD, legacy=False)


def _material(auth_key, cert, chain=None) -> KeyMaterial:
    ca = make_ca_chain()
    return KeyMaterial(auth_key, cert.public_bytes(DER), ca.certificates if chain is None else chain, [])


def test_a_not_yet_valid_certificate_is_not_valid(core, tmp_path):
    need_tool("keytool")
    now = dt.datetime.now(UTC).replace(microsecond=0)
    key = new_key("future")
    cert = make_authentication_certificate(key, "SSIN=61010100101", "FUTURE", make_ca_chain(),
                                           now + dt.timedelta(days=30), now + dt.timedelta(days=1100))
    path = _keystore(tmp_path / "ks", "SSIN=61010100101 20240101-000000.p12", _material(key, cert))
    secrets.set_keystore_password(path, PASSWORD)
    (record,) = _scan(core, tmp_path / "ks").records
    assert record.status == policy.UNREADABLE
    assert record.problem == "monitor.problem.not_yet_valid"
    assert record.problem_text("fr") and record.problem_text("nl")


def _genuine_and(tmp_path, forged: KeyMaterial, core):
    """The genuine keystore of SSIN=75040404976 (expiring) beside a forged one for the same SSIN."""
    folder = tmp_path / "ks"
    genuine = place(folder, "expiring")["expiring"]
    genuine_id = "SSIN=65030355555"
    forged_path = _keystore(folder, f"{genuine_id} 20991231-000000.p12", forged)
    for path in (genuine, forged_path):
        secrets.set_keystore_password(path, PASSWORD)
    records = _by_name(_scan(core, folder))
    return records[genuine.name], records[forged_path.name]


def test_a_certificate_that_does_not_match_the_key_is_unreadable_and_supersedes_nothing(core, tmp_path):
    need_tool("keytool")
    now = dt.datetime.now(UTC).replace(microsecond=0)
    other_key = new_key("someone-else")
    cert = make_authentication_certificate(other_key, "SSIN=65030355555", "Luc Janssens", make_ca_chain(),
                                           now - dt.timedelta(days=1), now + dt.timedelta(days=1000))
    genuine, forged = _genuine_and(tmp_path, _material(new_key("the-file-key"), cert), core)
    assert forged.status == policy.UNREADABLE and forged.problem == "monitor.problem.key_mismatch"
    assert genuine.status == policy.EXPIRING        # still warns: the forged file does not silence it


def test_a_certificate_from_an_unknown_ca_is_unreadable_and_supersedes_nothing(core, tmp_path):
    need_tool("keytool")
    now = dt.datetime.now(UTC).replace(microsecond=0)
    rogue = make_ca_chain("rogue")            # same DN scheme as the real chain, other keys
    key = new_key("rogue-leaf")
    cert = make_authentication_certificate(key, "SSIN=65030355555", "Luc Janssens", rogue,
                                           now - dt.timedelta(days=1), now + dt.timedelta(days=1000))
    # the file carries the genuine CA certificates: the leaf's signature does not verify under them
    genuine, forged = _genuine_and(tmp_path, _material(key, cert, make_ca_chain().certificates), core)
    assert forged.status == policy.UNREADABLE and forged.problem == "monitor.problem.untrusted_chain"
    assert genuine.status == policy.EXPIRING


def test_a_certificate_without_its_issuer_in_the_file_is_unreadable(core, tmp_path):
    need_tool("keytool")
    now = dt.datetime.now(UTC).replace(microsecond=0)
    key = new_key("orphan")
    cert = make_authentication_certificate(key, "SSIN=62020200202", "ORPHAN", make_ca_chain(),
                                           now - dt.timedelta(days=1), now + dt.timedelta(days=1000))
    path = _keystore(tmp_path / "ks", "SSIN=62020200202 20240101-000000.p12", _material(key, cert, []))
    secrets.set_keystore_password(path, PASSWORD)
    (record,) = _scan(core, tmp_path / "ks").records
    assert record.status == policy.UNREADABLE and record.problem == "monitor.problem.untrusted_chain"


@pytest.mark.parametrize("fixture", ["valid", "java-legacy", "openssl-legacy", "acceptance"])
def test_genuine_keystores_pass_every_check(core, tmp_path, fixture):
    path = place(tmp_path, fixture)[fixture]
    secrets.set_keystore_password(path, PASSWORD)
    (record,) = _scan(core, tmp_path).records
    assert record.status == policy.VALID, record.problem


# ------------------------------------------------------------------------- item 5: cost per file

def _pbes2(password: str, plain: bytes, iterations: int) -> tuple[algos.EncryptionAlgorithm, bytes]:
    from cryptography.hazmat.primitives import hashes, padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    salt, iv = os.urandom(16), os.urandom(16)
    key = PBKDF2HMAC(hashes.SHA256(), 32, salt, iterations).derive(password.encode())
    padder = padding.PKCS7(128).padder()
    data = padder.update(plain) + padder.finalize()
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    alg = algos.EncryptionAlgorithm({"algorithm": "pbes2", "parameters": {
        "key_derivation_func": {"algorithm": "pbkdf2", "parameters": {
            "salt": algos.Pbkdf2Salt(name="specified", value=salt), "iteration_count": iterations,
            "key_length": 32, "prf": {"algorithm": "sha256", "parameters": asn1_core.Null()}}},
        "encryption_scheme": {"algorithm": "aes256_cbc", "parameters": iv}}})
    return alg, enc.update(data) + enc.finalize()


def costly_keystore(safes: int, iterations: int) -> bytes:
    """A legal PKCS#12: a correct MAC (cheap) and ``safes`` encrypted safes of ``iterations`` each.
    Only the first safe is really encrypted at that cost (building 40 would take the test a minute);
    the others repeat it, which changes nothing for a reader that counts before it derives."""
    alg, encrypted = _pbes2(PASSWORD, asn1_pkcs12.SafeContents([]).dump(), iterations)
    info = cms.ContentInfo({"content_type": "encrypted_data", "content": cms.EncryptedData({
        "version": "v0", "encrypted_content_info": {"content_type": "data", "content_encryption_algorithm": alg,
                                                    "encrypted_content": encrypted}})})
    auth_safe = asn1_pkcs12.AuthenticatedSafe([info] * safes).dump()
    salt = os.urandom(20)
    mac_key = pkcs12_kdf("sha256", PASSWORD, salt, 3, 2048, 32)
    return asn1_pkcs12.Pfx({"version": "v3", "auth_safe": {"content_type": "data", "content": auth_safe},
                            "mac_data": {"mac": {"digest_algorithm": {"algorithm": "sha256", "parameters": asn1_core.Null()},
                                                 "digest": hmac.new(mac_key, auth_safe, "sha256").digest()},
                                         "mac_salt": salt, "iterations": 2048}}).dump()


def test_total_key_derivation_work_is_capped_per_file(core, tmp_path):
    folder = tmp_path / "ks"
    folder.mkdir()
    path = folder / "SSIN=63030300303 20240101-000000.p12"
    path.write_bytes(costly_keystore(40, pkcs12.MAX_ITERATIONS))
    secrets.set_keystore_password(path, PASSWORD)
    started = time.monotonic()
    (record,) = _scan(core, folder).records
    elapsed = time.monotonic() - started
    assert elapsed < 10, f"{elapsed:.1f} s"          # 40 x 2 million PBKDF2 rounds took 75 s
    assert record.status == policy.UNREADABLE and record.problem == "monitor.problem.too_costly"
    text = record.problem_text("en")
    assert str(pkcs12.MAX_WORK_PER_FILE) in text.replace(" ", "").replace(",", "").replace(".", "")
    with pytest.raises(pkcs12.TooCostly):
        passwords.check_password(path, PASSWORD)


def test_real_keystores_are_far_below_the_cost_cap(tmp_path):
    for fixture in ("valid", "java-legacy", "openssl-legacy"):
        data = place(tmp_path / fixture, fixture)[fixture].read_bytes()
        assert pkcs12.declared_work(data, decrypt_keys=True) * 5 < pkcs12.MAX_WORK_PER_FILE


def test_the_daemon_scans_off_the_dispatcher_thread(tmp_path, monkeypatch):
    """A scan stuck on a dead share must not stall the dispatcher (mail events, menu clicks): rescan()
    returns after SCAN_WAIT_SECONDS with the last records; the late scan's records arrive by the queue."""
    from ehwatch import config as config_mod
    from ehwatch import daemon as daemon_mod

    folder = tmp_path / "ks"
    placed = place(folder, "valid")
    secrets.set_keystore_password(placed["valid"], PASSWORD)
    daemon = daemon_mod.Daemon(Core(config_mod.Config(), keystore_dirs=[folder]), use_tray=False)
    release = threading.Event()
    real_scan = inventory.scan

    def stuck_scan(core, dirs=None, now=None):
        release.wait(60)
        return real_scan(core, dirs, now)

    monkeypatch.setattr(inventory, "scan", stuck_scan)
    from ehwatch.actions import scanning

    monkeypatch.setattr(scanning, "SCAN_WAIT_SECONDS", 0.5)
    outcome: dict = {}
    caller = threading.Thread(target=lambda: outcome.setdefault("done", daemon.rescan()), daemon=True)
    caller.start()
    caller.join(10)
    stalled = caller.is_alive()
    release.set()
    caller.join(60)
    assert not stalled, "rescan() blocked the dispatcher while the scan was stuck"
    assert daemon.records == []
    late = daemon.intents.get(timeout=60)      # the late scan hands its records to the dispatcher
    assert callable(late)
    late()
    assert [r.status for r in daemon.records] == [policy.VALID]
    daemon.core.close()
