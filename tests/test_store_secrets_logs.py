import logging
import threading

import pytest

from ehwatch import logs, secrets
from ehwatch.errors import EhwatchError
from ehwatch.store import Store


def test_migrations_apply_once_and_in_order(tmp_path):
    store = Store(tmp_path / "s.db")
    store.migrate("thing", ["CREATE TABLE t(a INTEGER)", "ALTER TABLE t ADD COLUMN b TEXT"])
    store.migrate("thing", ["CREATE TABLE t(a INTEGER)", "ALTER TABLE t ADD COLUMN b TEXT"])
    again = Store(tmp_path / "s.db")
    again.migrate("thing", ["CREATE TABLE t(a INTEGER)", "ALTER TABLE t ADD COLUMN b TEXT",
                            "CREATE INDEX t_a ON t(a)"])
    cols = [r["name"] for r in again.db.execute("PRAGMA table_info(t)")]
    assert cols == ["a", "b"]
    assert again.db.execute("SELECT version FROM schema_versions WHERE component='thing'").fetchone()[0] == 3


def test_transaction_rolls_back_on_error(tmp_path):
    store = Store(tmp_path / "s.db")
    store.migrate("x", ["CREATE TABLE x(v INTEGER)"])
    with pytest.raises(RuntimeError):
        with store.transaction() as db:
            db.execute("INSERT INTO x VALUES (1)")
            raise RuntimeError("boom")
    assert store.db.execute("SELECT count(*) FROM x").fetchone()[0] == 0


def test_store_usable_from_threads(tmp_path):
    store = Store(tmp_path / "s.db")
    store.migrate("x", ["CREATE TABLE x(v INTEGER)"])

    def work(n):
        for i in range(20):
            with store.transaction() as db:
                db.execute("INSERT INTO x VALUES (?)", (n * 100 + i,))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert store.db.execute("SELECT count(*) FROM x").fetchone()[0] == 80


def test_unwritable_store_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(EhwatchError) as info:
        Store(blocker / "sub" / "s.db")
    assert info.value.key == "store.unavailable"
    assert str(blocker) in info.value.message("fr")


def test_keystore_password_roundtrip(tmp_path):
    ks = tmp_path / "SSIN=75040404976 20140616-090423.p12"
    assert secrets.keystore_password(ks) is None
    secrets.set_keystore_password(ks, "s3cret-pass")
    assert secrets.keystore_password(tmp_path / "elsewhere" / ks.name) == "s3cret-pass"
    assert secrets.forget_keystore_password(ks) is True
    assert secrets.forget_keystore_password(ks) is False
    assert secrets.keystore_password(ks) is None


def test_no_keyring_is_a_clear_error(monkeypatch, tmp_path):
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    keyring.core._keyring_backend = None
    with pytest.raises(EhwatchError) as info:
        secrets.set_keystore_password(tmp_path / "a.p12", "whatever")
    assert info.value.key == "keyring.unavailable"
    assert secrets.backend_name() == "none"


def test_secrets_never_reach_the_log(tmp_path, caplog):
    secrets.set_keystore_password(tmp_path / "a.p12", "Tr0ub4dor&3")
    handler = logging.StreamHandler()
    handler.addFilter(logs.RedactingFilter())
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "opening with %s", ("Tr0ub4dor&3",), None)
    logs.RedactingFilter().filter(record)
    assert "Tr0ub4dor&3" not in record.getMessage()
    assert "***" in record.getMessage()


# ---- issue 15, item 10: state and log files are the user's alone ---------------------------------

def _mode(path) -> int:
    import os

    return os.stat(path).st_mode & 0o777


@pytest.mark.skipif(__import__("os").name == "nt", reason="POSIX modes")
def test_state_files_are_created_0600_in_a_0700_folder(tmp_path):
    import os

    os.umask(0o022)
    folder = tmp_path / "demo"            # as ehwatch demo --folder or a portable install makes it
    folder.mkdir(mode=0o755)
    store = Store(folder / "ehwatch-state.sqlite3")
    store.migrate("x", ["CREATE TABLE x(v INTEGER)"])
    with store.transaction() as db:
        db.execute("INSERT INTO x VALUES (1)")
    files = sorted(p.name for p in folder.iterdir())
    assert "ehwatch-state.sqlite3-wal" in files
    assert {p.name: _mode(p) for p in folder.iterdir()} == {name: 0o600 for name in files}
    assert _mode(folder) == 0o700
    store.close()


@pytest.mark.skipif(__import__("os").name == "nt", reason="POSIX modes")
def test_an_existing_state_file_is_made_private_again(tmp_path):
    path = tmp_path / "state.sqlite3"
    Store(path).close()
    path.chmod(0o644)
    Store(path).close()
    assert _mode(path) == 0o600


@pytest.mark.skipif(__import__("os").name == "nt", reason="POSIX modes")
def test_log_files_are_created_0600_and_stay_so_after_rotation(tmp_path, monkeypatch):
    import os

    os.umask(0o022)
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    monkeypatch.setattr(root, "_ehwatch_configured", False, raising=False)
    logs.setup()
    handler = next(h for h in root.handlers if hasattr(h, "baseFilename"))
    monkeypatch.setattr(handler, "maxBytes", 200)
    for n in range(20):
        logging.getLogger("ehwatch.test").warning("line %d %s", n, "x" * 40)
    handler.close()
    folder = logs.log_file().parent
    written = list(folder.iterdir())
    assert len(written) >= 2                                  # rotated at least once
    assert {p.name: _mode(p) for p in written} == {p.name: 0o600 for p in written}
    assert _mode(folder) == 0o700
