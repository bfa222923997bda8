"""Property tests of the configuration loader on generated and mutated TOML: a Config or a
ConfigError naming file, line and key, in bounded time; a Config is always within the schema."""
from __future__ import annotations

import dataclasses
import tempfile
import typing
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ehwatch import config
from tests.fuzz.common import describe, mutated, record, timed

TIME_BOUND = 1.0
WHOLE_FILE_PROBLEMS = {"unreadable", "not_utf8", "too_big"}

SEED = """keystore_dirs = ["~/ehealth/keystore", "/srv/cabinet/keystores"]
warn_days = 30
notify_days = [30, 14, 7, 3, 1]
language = "fr"                    # fr, nl, en, or auto

[mail]
host = "imap.example.be"
security = "ssl"
username = "docteur@example.be"
folders = ["Archives"]

[ehealth]
certra_url = "https://services.ehealth.fgov.be/CertRa/v2"

[renewal]
email = "docteur@example.be"
phone = "043362333"
hooks = ["/usr/local/bin/point-healthone-at-new-keystore"]
"""
SNIPPETS = [b"[", b"]", b"[[mail]]\n", b"{", b"}", b"mail.", b'"', b"\\u0000", b"\x00", b"=", b"\n", b"#",
            b'"""', b"'''", b"1979-05-27", b"1e999", b"0x7fffffffffffffffffff", b"[mial]\n", b"inf", b"\xff"]

KNOWN = [f.name for f in dataclasses.fields(config.Config) if not f.metadata.get("internal")]
SECTIONS = {"mail": config.MailConfig, "eid": config.EidConfig, "ehealth": config.EhealthConfig,
            "renewal": config.RenewalConfig}
keys = st.one_of(st.sampled_from(KNOWN + ["mial", "x-y", '"quoted key"']),
                 st.builds(lambda s, k: f"{s}.{k}", st.sampled_from(list(SECTIONS) + ["other"]),
                           st.sampled_from([f.name for cls in SECTIONS.values() for f in dataclasses.fields(cls)]
                                           + ["unknown"])))
scalars = st.one_of(
    st.integers(-2**70, 2**70).map(str), st.sampled_from(["true", "false", "1.5", "inf", "1979-05-27T07:32:00Z"]),
    st.text(max_size=40).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"')
                             .encode("unicode_escape").decode("ascii").replace("\\\\", "\\") + '"'),
    st.sampled_from(['"http://services.example.be/CertRa"', '"file:///etc/passwd"', '"https://x.be/"',
                     '"http://127.0.0.1:8086/CertRa/v2"', '"/tmp/a\\u0000b"', '"ssl"', '"fr"']))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
    st.lists(st.tuples(st.sampled_from(["host", "port", "x", "cafile"]), inner), max_size=3)
    .map(lambda kv: "{" + ", ".join(f"{k} = {v}" for k, v in kv) + "}")), max_leaves=12)
deep = st.integers(1, 3000).map(lambda n: "keystore_dirs = " + "[" * n + "]" * n)
lines = st.one_of(keys.flatmap(lambda k: values.map(lambda v: f"{k} = {v}")),
                  st.sampled_from(list(SECTIONS) + ["mial", "mail.sub", "warn_days"]).map(lambda s: f"[{s}]"),
                  st.just(""), st.just("# comment"), deep)
generated = st.lists(lines, max_size=12).map(lambda ls: "\n".join(ls) + "\n")
texts = st.one_of(generated.map(str.encode), mutated([SEED.encode()], SNIPPETS))


def _within_schema(obj, cls) -> None:
    """An independent check of a loaded Config against the dataclass schema."""
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal"):
            continue
        value, kind = getattr(obj, f.name), hints[f.name]
        if dataclasses.is_dataclass(kind):
            _within_schema(value, kind)
        elif kind is bool:
            assert isinstance(value, bool)
        elif kind is int:
            assert isinstance(value, int) and not isinstance(value, bool)
            assert f.metadata.get("min", value) <= value <= f.metadata.get("max", value)
        elif kind is str:
            assert isinstance(value, str) and "\x00" not in value
            assert value in f.metadata.get("choices", (value,))
            if f.metadata.get("url"):
                assert not config.insecure_url(value)
        else:
            (item,) = typing.get_args(kind)
            assert isinstance(value, list) and all(isinstance(v, item) and not isinstance(v, bool) for v in value)
            assert not any(isinstance(v, str) and "\x00" in v for v in value)


@given(texts)
def test_config_loader_names_file_line_and_key_or_loads_within_schema(raw):
    with tempfile.TemporaryDirectory(prefix="ehwatch-fuzz-config-") as tmp:
        path = Path(tmp) / "config.toml"
        path.write_bytes(raw)
        with timed() as t:
            try:
                loaded, error = config.load(path), None
            except config.ConfigError as exc:
                loaded, error = None, exc
    record("config loader", t.elapsed, describe(raw), error.problem if error else "loaded")
    assert t.elapsed < TIME_BOUND, f"{t.elapsed:.2f} s"
    if error is not None:
        for lang in ("fr", "nl", "en"):
            assert str(path) in error.message(lang)
        if error.problem not in WHOLE_FILE_PROBLEMS:
            assert error.line is not None, error.message("en")
        if error.problem not in WHOLE_FILE_PROBLEMS | {"syntax", "too_deep"}:   # may come before any key
            assert error.config_key, error.message("en")
    else:
        _within_schema(loaded, config.Config)
