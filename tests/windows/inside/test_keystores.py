"""Keystores and their passwords on Windows: Java 17 (AES), Java legacy and OpenSSL legacy files made by
keytool/openssl on the Linux side, passwords in the Windows Credential Manager (keyring's WinVaultKeyring)."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import keyring
import pytest
from winhelpers import forget_all, run_ehwatch

COLD_STATUS_TIMEOUT = 150  # s; a dozen keystores decrypt in seconds: more means the scan hangs


def statuses(proc) -> dict[str, str]:
    data = json.loads(proc.stdout.decode("ascii"))
    return {Path(k["path"]).name: k for k in data["keystores"]}


def test_the_keyring_is_the_windows_credential_manager():
    from ehwatch import secrets

    backend = keyring.get_keyring()
    chain = [type(b).__name__ for b in getattr(backend, "backends", [backend])]
    assert chain and chain[0] == "WinVaultKeyring", chain
    account = "keystore:ehwatch-windows-probe.p12"
    try:
        secrets.set_keystore_password(account.split(":", 1)[1], "probe-Wert-1")
        from keyring.backends.Windows import WinVaultKeyring

        assert WinVaultKeyring().get_password(secrets.SERVICE, account) == "probe-Wert-1"
    finally:
        secrets.forget_keystore_password(account.split(":", 1)[1])


def test_password_set_checks_the_password_and_keeps_it_in_the_credential_manager(keystore_dir, manifest):
    from ehwatch import secrets

    folder = keystore_dir(manifest["keystores"]["aes"])
    path = next(folder.iterdir())
    try:
        wrong = run_ehwatch("--lang", "fr", "password", "set", str(path), input="pas-le-bon\n")
        assert wrong.returncode == 2, wrong
        assert secrets.keystore_password(path) is None
        stored = run_ehwatch("password", "set", str(path), input=manifest["password"] + "\r\n")
        assert stored.returncode == 0, stored
        keyring.core._keyring_backend = None
        assert secrets.keystore_password(path) == manifest["password"]
        # Seen by any Windows program reading the Credential Manager, under ehwatch's service name.
        assert keyring.get_password(secrets.SERVICE, "keystore:" + path.name) == manifest["password"]
        forgotten = run_ehwatch("password", "forget", str(path))
        assert forgotten.returncode == 0
        assert secrets.keystore_password(path) is None
    finally:
        forget_all([path])


def test_status_reads_aes_and_legacy_keystores_with_stored_passwords(keystore_dir, manifest):
    from ehwatch import secrets

    folder = keystore_dir(*manifest["keystores"].values())
    files = sorted(folder.iterdir())
    before = {p: p.read_bytes() for p in files}
    try:
        locked = run_ehwatch("status", "--json", "--keystore-dir", str(folder))
        assert locked.returncode == 1, locked
        assert {k["status"] for k in statuses(locked).values()} == {"locked"}
        for path in files:
            secrets.set_keystore_password(path, manifest["password"])
        proc = run_ehwatch("status", "--json", "--keystore-dir", str(folder))
        assert proc.returncode == 0, proc
        found = statuses(proc)
        assert sorted(found) == [p.name for p in files]
        assert {k["status"] for k in found.values()} == {"valid"}
        assert all(k["holder"] == "MARIE DUBOIS" and k["days_left"] > 300 for k in found.values())
        schemes = {k["scheme"] for k in found.values()}
        assert any("AES" in s.upper() for s in schemes) and any("DES" in s.upper() or "RC2" in s.upper()
                                                                   for s in schemes), schemes
        assert {p: p.read_bytes() for p in files} == before, "a keystore's bytes changed"
    finally:
        forget_all(files)


def test_a_cold_status_with_a_dozen_stored_passwords_finishes(keystore_dir, manifest):
    """The parallel scan's worker pool on Windows (spawn) must deliver or give way, never hang."""
    from ehwatch import secrets

    folder = keystore_dir(*manifest["dozen"])
    files = sorted(folder.iterdir())
    assert len(files) == 12
    try:
        for path in files:
            secrets.set_keystore_password(path, manifest["password"])
        try:
            proc = run_ehwatch("status", "--json", "--keystore-dir", str(folder), timeout=COLD_STATUS_TIMEOUT)
        except subprocess.TimeoutExpired:
            pytest.fail(f"a cold `ehwatch status` with 12 stored passwords did not finish in "
                        f"{COLD_STATUS_TIMEOUT} s (the scan's spawn pool hangs)")
        assert proc.returncode == 0, proc
        assert {k["status"] for k in statuses(proc).values()} == {"valid"}
        assert len(statuses(proc)) == 12
    finally:
        forget_all(files)
