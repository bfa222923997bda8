"""The inventory scan over real keystore folders: every status, every bad input, the cache."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3

import pytest

from ehwatch import i18n, paths, secrets
from ehwatch.core import Core
from ehwatch.monitor import inventory, pkcs12, scanner
from ehwatch.monitor import status as policy
from tests.support.keystore_factory import add_junk
from tests.support.keystores import PASSWORD, place

UTC = dt.UTC


@pytest.fixture
def core():
    c = Core.load()
    yield c
    c.close()


def _scan(core, folder, **kw):
    return inventory.scan(core, [folder], **kw)


def _only(result):
    assert len(result.records) == 1, result.records
    return result.records[0]


def _with_password(folder, *fixtures):
    placed = place(folder, *fixtures)
    for path in placed.values():
        secrets.set_keystore_password(path, PASSWORD)
    return placed


def test_valid_keystore_and_its_public_facts(core, tmp_path):
    path = _with_password(tmp_path, "valid")["valid"]
    result = _scan(core, tmp_path)
    record = _only(result)
    assert record.status == policy.VALID
    assert (record.identifier, record.application, record.holder, record.environment) == \
        ("SSIN=75040404976", None, "MARIE DUBOIS", "production")
    assert record.expiry_source == "certificate"
    assert 399 <= record.days_left <= 400      # 400 days from now: calendar days in Brussels
    assert "eHealth issuing CA 001" in record.issuer
    assert len(record.etk) == 2 and all(a.isdigit() for a in record.etk)
    base = path.name[: -len(".p12")]
    assert record.side_files == [base + ".ehcsr", base + ".reqid"]
    assert result.exit_code() == 0
    as_json = record.to_json("en")
    assert as_json["status"] == "valid" and as_json["problem"] is None
    assert as_json["not_after"].endswith("Z") and as_json["days_left"] == record.days_left
    assert set(as_json) >= {"path", "identifier", "application", "holder", "environment", "status", "not_after",
                            "days_left", "expiry_source", "etk", "problem"}


@pytest.mark.parametrize("fixture, status, code", [
    ("expiring", policy.EXPIRING, 1),
    ("expired", policy.EXPIRED, 2),
    ("pending", policy.PENDING, 0),
    ("java-legacy", policy.VALID, 0),
    ("openssl-legacy", policy.VALID, 0),
])
def test_status_of_each_kind_of_keystore(core, tmp_path, fixture, status, code):
    _with_password(tmp_path, fixture)
    result = _scan(core, tmp_path)
    record = _only(result)
    assert record.status == status
    assert result.exit_code() == code
    if status == policy.EXPIRED:
        assert record.days_left < 0
    if status == policy.PENDING:
        assert record.not_after is None and record.identifier == "SSIN=90020200022"   # from the file name
        assert "waiting for eHealth" in record.to_json("en")["problem"]


def test_acceptance_keystore_with_application(core, tmp_path):
    _with_password(tmp_path, "acceptance")
    record = _only(_scan(core, tmp_path))
    assert record.path.name.endswith(".acc-p12")
    assert (record.identifier, record.application, record.environment, record.status) == \
        ("CBE=0123456789", "ROUTINGAPP", "acceptance", policy.VALID)


def test_warn_days_comes_from_the_configuration(tmp_path, monkeypatch):
    _with_password(tmp_path / "ks", "valid")
    config = tmp_path / "config.toml"
    config.write_text("warn_days = 365\n")
    monkeypatch.setenv("EHWATCH_CONFIG", str(config))
    core = Core.load()
    try:
        assert _only(_scan(core, tmp_path / "ks")).status == policy.VALID   # 399 days left
        core.config.warn_days = 400
        assert _only(_scan(core, tmp_path / "ks")).status == policy.EXPIRING
    finally:
        core.close()


def test_an_older_keystore_is_superseded_by_a_newer_valid_one(core, tmp_path):
    placed = _with_password(tmp_path, "old", "new", "valid")
    result = _scan(core, tmp_path)
    by_path = {r.path: r for r in result.records}
    old, new = by_path[placed["old"]], by_path[placed["new"]]
    assert old.status == policy.SUPERSEDED and new.status == policy.VALID
    assert by_path[placed["valid"]].status == policy.VALID        # another identifier: untouched
    assert placed["new"].name in old.to_json("en")["problem"]
    assert result.exit_code() == 0                                # the expiring old one stops alarming


def test_a_newer_keystore_of_another_environment_does_not_supersede(core, tmp_path):
    placed = _with_password(tmp_path, "old", "new")
    renamed = placed["new"].with_name(placed["new"].name.replace(".p12", ".acc-p12"))
    placed["new"].rename(renamed)
    statuses = {r.path: r.status for r in _scan(core, tmp_path).records}
    assert statuses[placed["old"]] == policy.EXPIRING


def test_locked_keystore_gets_an_estimate_from_its_file_name(core, tmp_path):
    path = place(tmp_path, "valid")["valid"]
    result = _scan(core, tmp_path)
    record = _only(result)
    assert record.status == policy.LOCKED and record.expiry_source == "file-name"
    requested = dt.datetime.strptime(path.name.split(" ")[1][:15], "%Y%m%d-%H%M%S")
    assert record.not_after.replace(tzinfo=None) == requested.replace(year=requested.year + 3)
    assert record.holder is None and record.identifier == "SSIN=75040404976"
    assert result.exit_code() == 1
    assert "No password is stored" in record.to_json("en")["problem"]


def test_locked_keystore_without_a_date_in_its_name(core, tmp_path):
    path = place(tmp_path, "valid")["valid"]
    path.rename(tmp_path / "mon certificat.p12")
    record = _only(_scan(core, tmp_path))
    assert record.status == policy.LOCKED
    assert record.not_after is None and record.expiry_source is None and record.days_left is None


def test_an_old_locked_keystore_is_superseded_by_the_new_one(core, tmp_path):
    placed = place(tmp_path, "old", "new")
    secrets.set_keystore_password(placed["new"], PASSWORD)          # only the new one's password is known
    statuses = {r.path: r.status for r in _scan(core, tmp_path).records}
    assert statuses == {placed["old"]: policy.SUPERSEDED, placed["new"]: policy.VALID}


def test_wrong_password(core, tmp_path):
    path = place(tmp_path, "valid")["valid"]
    secrets.set_keystore_password(path, "changed-in-the-certificate-manager")
    result = _scan(core, tmp_path)
    record = _only(result)
    assert record.status == policy.WRONG_PASSWORD and result.exit_code() == 2
    assert record.identifier == "SSIN=75040404976"
    # not cached: once the right password is stored, the next scan reads it
    secrets.set_keystore_password(path, PASSWORD)
    assert _only(_scan(core, tmp_path)).status == policy.VALID


def test_keyring_unavailable_means_locked_with_a_reason(core, tmp_path, monkeypatch):
    place(tmp_path, "valid")
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    keyring.core._keyring_backend = None
    record = _only(_scan(core, tmp_path))
    assert record.status == policy.LOCKED
    assert "keyring could not be read" in record.to_json("en")["problem"]


def test_unreadable_files(core, tmp_path):
    source = place(tmp_path / "src", "valid")["valid"].read_bytes()
    folder = tmp_path / "ks"
    folder.mkdir()
    (folder / "SSIN=1 20200101-000000.p12").write_bytes(b"")
    (folder / "SSIN=2 20200101-000000.p12").write_bytes(source[: len(source) // 3])
    (folder / "notes.p12").write_text("password is in the drawer\n")
    with open(folder / "SSIN=3 20200101-000000.p12", "wb") as fh:
        fh.truncate(scanner.MAX_KEYSTORE_BYTES + 1)        # sparse: huge, instantly
    result = _scan(core, folder)
    problems = {r.path.name: r.problem for r in result.records}
    assert {r.status for r in result.records} == {policy.UNREADABLE}
    assert problems == {
        "SSIN=1 20200101-000000.p12": "monitor.problem.empty",
        "SSIN=2 20200101-000000.p12": "monitor.problem.not_pkcs12",
        "notes.p12": "monitor.problem.not_pkcs12",
        "SSIN=3 20200101-000000.p12": "monitor.problem.too_big",
    }
    assert result.exit_code() == 2
    for record in result.records:
        assert record.to_json("fr")["problem"]   # a sentence in every case


def test_files_that_are_not_keystores_are_ignored(core, tmp_path):
    add_junk(tmp_path)
    (tmp_path / "archive").mkdir()
    result = _scan(core, tmp_path)
    assert result.records == [] and result.folder_problems == [] and result.exit_code() == 0


def test_folder_problems_are_lines_not_crashes(core, tmp_path):
    missing = tmp_path / "nowhere"
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    odd = tmp_path / "odd"
    (odd / "SSIN=75040404976 20200101-000000.p12").mkdir(parents=True)
    fd = os.open(os.fsencode(odd) + b"/caf\xe9.p12", os.O_CREAT | os.O_WRONLY, 0o600)  # Latin-1 name
    os.close(fd)
    result = inventory.scan(core, [missing, a_file, odd])
    keys = [(p.key, p.path) for p in result.folder_problems]
    assert ("monitor.folder.missing", str(missing)) in keys
    assert ("monitor.folder.not_a_folder", str(a_file)) in keys
    assert ("monitor.folder.directory_named_keystore", str(odd / "SSIN=75040404976 20200101-000000.p12")) in keys
    assert ("monitor.folder.bad_name", str(odd) + "/caf\ufffd.p12") in keys
    assert result.records == [] and result.exit_code() == 1


def test_unreachable_folder(core, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = _scan(core, blocker / "keystore")     # ENOTDIR: the path cannot be reached at all
    assert [p.key for p in result.folder_problems] == ["monitor.folder.unreadable"]
    problem = result.folder_problems[0]
    assert "cannot be read" in i18n.t(problem.key, "en", **problem.params)


def test_a_file_vanishing_mid_scan(core, tmp_path, monkeypatch):
    placed = _with_password(tmp_path, "valid")
    real_find = scanner.find_candidates

    def listing_then_deletion(folder):
        found = real_find(folder)
        placed["valid"].unlink()            # deleted between the listing and the read
        return found

    monkeypatch.setattr(scanner, "find_candidates", listing_then_deletion)
    result = _scan(core, tmp_path)
    assert result.records == []
    assert [p.key for p in result.folder_problems] == ["monitor.folder.vanished"]


def test_warm_scan_decrypts_nothing(core, tmp_path, monkeypatch):
    placed = _with_password(tmp_path, "valid", "expiring")
    cold = _scan(core, tmp_path)

    def no_decryption(*args):
        raise AssertionError("a warm scan must not decrypt")

    monkeypatch.setattr(scanner, "inspect_keystore", no_decryption)
    warm = _scan(core, tmp_path)
    assert [r.to_json("en") for r in warm.records] == [r.to_json("en") for r in cold.records] or \
        [r.status for r in warm.records] == [r.status for r in cold.records]
    # a touched file (new identity, same content) is found by its hash, still without decryption
    os.utime(placed["valid"], (1, 1))
    shutil.copy2(placed["valid"], tmp_path / "SSIN=75040404976 20000101-000000.p12")
    secrets.set_keystore_password(tmp_path / "SSIN=75040404976 20000101-000000.p12", PASSWORD)
    assert {r.status for r in _scan(core, tmp_path).records} == {policy.VALID, policy.EXPIRING}


def test_changed_content_is_read_again(core, tmp_path):
    placed = _with_password(tmp_path, "valid")
    assert _only(_scan(core, tmp_path)).status == policy.VALID
    expiring = place(tmp_path / "other", "expiring")["expiring"]
    placed["valid"].write_bytes(expiring.read_bytes())   # same name, new content (and new mtime/size)
    record = _only(_scan(core, tmp_path))
    assert record.status == policy.EXPIRING and record.identifier == "SSIN=65030355555"


def test_cache_holds_public_facts_only(core, tmp_path):
    placed = _with_password(tmp_path, "valid")
    _scan(core, tmp_path)
    core.close()
    raw = paths.state_db().read_bytes()
    for suffix in ("-wal",):
        wal = paths.state_db().with_name(paths.state_db().name + suffix)
        if wal.exists():
            raw += wal.read_bytes()
    assert PASSWORD.encode() not in raw
    content = pkcs12.read_keystore(placed["valid"].read_bytes(), PASSWORD)
    n = content.key("authentication").private_key.private_numbers()
    assert n.p.to_bytes((n.p.bit_length() + 7) // 8, "big")[:16] not in raw
    db = sqlite3.connect(paths.state_db())
    facts = db.execute("SELECT facts FROM monitor_scan_cache").fetchone()[0]
    db.close()
    assert set(json.loads(facts)) == {"kind", "scheme", "aliases", "etk", "auth"}
    assert PASSWORD not in facts and "BEGIN" not in facts


def test_cold_scan_decrypts_in_parallel_and_agrees_with_serial(core, tmp_path):
    source = place(tmp_path / "src", "valid")["valid"]
    content = pkcs12.read_keystore(source.read_bytes(), PASSWORD)
    folder = tmp_path / "many"
    folder.mkdir()
    for day in range(1, inventory.PARALLEL_THRESHOLD + 3):
        path = folder / f"SSIN=75040404976 202501{day:02d}-120000.p12"
        path.write_bytes(pkcs12.write_keystore(content, PASSWORD))   # fresh salts: distinct files
        secrets.set_keystore_password(path, PASSWORD)
    jobs = [inventory._Pending(p, None, "", p.read_bytes(), PASSWORD) for p in sorted(folder.iterdir())]
    assert inventory._inspect_all(jobs) == [scanner.inspect_keystore(j.data, j.password) for j in jobs]
    result = _scan(core, folder)
    assert len(result.records) == len(jobs)
    assert {r.status for r in result.records} == {policy.VALID}


def test_scan_defaults_to_the_configured_folders(tmp_path, monkeypatch):
    home = tmp_path / "home"
    folder = home / "eHealth" / "Keystore"                 # matched case-insensitively
    _with_password(folder, "valid")
    monkeypatch.setenv("EHWATCH_USER_HOME", str(home))
    core = Core.load()
    try:
        result = inventory.scan(core)
        assert result.dirs == [folder] and _only(result).status == policy.VALID
    finally:
        core.close()


def test_now_is_a_parameter(core, tmp_path):
    _with_password(tmp_path, "valid")
    later = dt.datetime.now(UTC) + dt.timedelta(days=390)
    assert _only(_scan(core, tmp_path, now=later)).status == policy.EXPIRING
    assert _only(_scan(core, tmp_path, now=later + dt.timedelta(days=30))).status == policy.EXPIRED


# ---- issue 13 point 11: superseded without a password

def test_an_old_keystore_with_a_wrong_stored_password_is_superseded(core, tmp_path):
    placed = place(tmp_path, "old", "new")
    secrets.set_keystore_password(placed["new"], PASSWORD)
    secrets.set_keystore_password(placed["old"], "changed-in-the-certificate-manager")
    result = _scan(core, tmp_path)
    by_path = {r.path: r for r in result.records}
    old = by_path[placed["old"]]
    assert old.status == policy.SUPERSEDED and by_path[placed["new"]].status == policy.VALID
    assert placed["new"].name in old.to_json("en")["problem"]
    assert result.exit_code() == 0                      # nothing to do: no password asked, nothing alarming
    from ehwatch.actions import snapshot
    assert snapshot.record_failures(result.records, lambda _path: False) == []   # no "password" reminder


def test_a_wrong_password_alone_is_not_superseded_and_keeps_an_estimate(core, tmp_path):
    placed = place(tmp_path, "old")
    secrets.set_keystore_password(placed["old"], "changed-in-the-certificate-manager")
    record = _only(_scan(core, tmp_path))
    assert record.status == policy.WRONG_PASSWORD
    assert record.expiry_source == "file-name" and record.days_left is not None


def _change_password_outside(path, old_password, new_password):
    """What the Certificate Manager's password change does to the file: new bytes, same certificate."""
    content = pkcs12.read_keystore(path.read_bytes(), old_password)
    data = pkcs12.write_keystore(content, new_password)
    path.unlink()
    path.write_bytes(data)


def test_a_locked_keystore_without_a_dated_name_is_superseded_by_its_cached_dates(core, tmp_path):
    placed = place(tmp_path, "old", "new")
    old = placed["old"].rename(tmp_path / "ancien certificat.p12")     # no request date in its name
    secrets.set_keystore_password(old, PASSWORD)
    secrets.set_keystore_password(placed["new"], PASSWORD)
    first = {r.path: r for r in _scan(core, tmp_path).records}
    assert first[old].status == policy.SUPERSEDED                        # read with its password
    # then its password is changed elsewhere and ehwatch's stored one is forgotten
    _change_password_outside(old, PASSWORD, "un-autre-mot-de-passe-9")
    secrets.forget_keystore_password(old)
    again = {r.path: r for r in _scan(core, tmp_path).records}
    assert again[old].status == policy.SUPERSEDED
    # alone, the same keystore is locked, with its certificate's dates (not an estimate) and its holder
    (tmp_path / "elsewhere").mkdir()
    lonely = old.rename(tmp_path / "elsewhere" / old.name)
    core.store.db.execute("UPDATE monitor_scan_cache SET path = ? WHERE path = ?", (str(lonely), str(old)))
    core.store.db.commit()
    record = _only(_scan(core, tmp_path / "elsewhere"))
    assert record.status == policy.LOCKED and record.expiry_source == "certificate"
    assert record.holder == first[old].holder and record.not_after == first[old].not_after
    assert 14 <= record.days_left <= 15
    assert "last opened it" in record.to_json("en")["problem"]


def test_a_locked_keystore_with_no_date_at_all_is_left_as_it_is(core, tmp_path):
    placed = place(tmp_path, "old", "new")
    old = placed["old"].rename(tmp_path / "ancien certificat.p12")
    secrets.set_keystore_password(placed["new"], PASSWORD)
    statuses = {r.path: r.status for r in _scan(core, tmp_path).records}
    assert statuses[old] == policy.LOCKED                 # which one is older cannot be told


def test_a_locked_newer_request_does_not_supersede_nor_get_superseded(core, tmp_path):
    """The official tool made a new keystore today (password unknown to ehwatch): the valid old one is
    not superseded by it, and it is not superseded by the old one either."""
    placed = place(tmp_path, "old", "new")
    secrets.set_keystore_password(placed["old"], PASSWORD)
    statuses = {r.path: r.status for r in _scan(core, tmp_path).records}
    assert statuses == {placed["old"]: policy.EXPIRING, placed["new"]: policy.LOCKED}
