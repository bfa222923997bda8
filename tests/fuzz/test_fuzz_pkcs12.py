"""Property tests of the PKCS#12 reader on mutated keystores made by keytool and openssl
(tests/support/keystore_factory.py): only typed errors, bounded time, and no fact reported that the
authenticated file does not hold."""
from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehwatch.monitor import pkcs12, scanner
from tests.fuzz.common import describe, mutated, record, timed
from tests.support.keystore_factory import DEFAULT_PASSWORD, make_ehealth_keystore
from tests.support.tools import need_tool

TIME_BOUND = 8.0     # seconds per file: the work cap is ~2 s of hashing; the machine is shared


@functools.cache
def seeds() -> tuple[bytes, ...]:
    need_tool("keytool")
    need_tool("openssl")
    folder = Path(tempfile.mkdtemp(prefix="ehwatch-fuzz-seeds-"))
    made = [
        make_ehealth_keystore(folder / "a", fmt="java17", etk_count=2),
        make_ehealth_keystore(folder / "b", identifier="SSIN=82010112345", fmt="java-legacy", etk_count=1),
        make_ehealth_keystore(folder / "c", identifier="NIHII=10203040", fmt="openssl-legacy"),
        make_ehealth_keystore(folder / "d", identifier="SSIN=90020200022", pending=True),
    ]
    return tuple(p.read_bytes() for p in made)


@functools.cache
def seed_facts() -> list[dict]:
    return [scanner.inspect_keystore(seed, DEFAULT_PASSWORD) for seed in seeds()]


SNIPPETS = [b"\x30\x82", b"\x30\x80", b"\x00\x00", b"\x02\x04\x7f\xff\xff\xff", b"\x02\x03\x1e\x84\x80",
            b"\x04\x82\xff\xff", b"\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x01", b"\x05\x00", b"\xa0\x80",
            b"\x02\x01\x03", b"\x30\x00"]

keystores = st.deferred(lambda: st.one_of(mutated(list(seeds()), SNIPPETS, max_edits=3, hot_tail=100), st.binary(max_size=600)))


@pytest.mark.service      # the seeds are made by keytool and openssl
@given(keystores)
def test_pkcs12_reader_raises_only_typed_errors_in_bounded_time(data):
    with timed() as t:
        try:
            content = pkcs12.read_keystore(data, DEFAULT_PASSWORD, decrypt_keys=False, decrypt_only="authentication")
            outcome = "opened"
        except pkcs12.WrongPassword:
            content, outcome = None, "wrong password"
        except pkcs12.NotAKeystore:
            content, outcome = None, "not a keystore"
        except pkcs12.TooCostly:
            content, outcome = None, "too costly"
    record("pkcs12 reader", t.elapsed, describe(data, 60), outcome)
    assert t.elapsed < TIME_BOUND, f"{t.elapsed:.2f} s"
    if content is not None:
        assert all(isinstance(c, bytes) for c in content.certificates)


@pytest.mark.service      # the seeds are made by keytool and openssl
@given(keystores)
def test_status_facts_are_only_those_of_an_authentic_file(data):
    """What status believes (kind ok, a checked certificate) is exactly what one of the genuine seeds
    says: a damaged file is never read as something else."""
    with timed() as t:
        facts = scanner.inspect_keystore(data, DEFAULT_PASSWORD)
        scanner.looks_like_pkcs12(data)
        pkcs12.list_aliases(data)
    auth = facts.get("auth") if facts.get("kind") == "ok" else None
    believed = auth is not None and not auth.get("problem")
    record("keystore status facts", t.elapsed, describe(data, 60),
           facts.get("error", "believed" if believed else "not believed"))
    assert t.elapsed < TIME_BOUND
    if believed:
        assert auth in [f.get("auth") for f in seed_facts()]
