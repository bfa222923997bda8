"""Shared pieces of the fuzzing suite: hypothesis profiles, the mutation strategies, and the figures
(inputs tried per target, slowest input) that ``make fuzz`` prints.

Profiles: ``ci`` (the default, a few hundred examples per property, for the normal suite) and
``fuzz`` (many more, used by ``tests/fuzz/run.py`` for ``make fuzz``). ``EHWATCH_FUZZ_PROFILE`` picks one.
"""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

_COMMON = dict(deadline=None, database=None, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                      HealthCheck.filter_too_much, HealthCheck.large_base_example])
settings.register_profile("ci", max_examples=int(os.environ.get("EHWATCH_FUZZ_EXAMPLES", "200")), **_COMMON)
settings.register_profile("fuzz", max_examples=int(os.environ.get("EHWATCH_FUZZ_EXAMPLES", "400")), **_COMMON)
settings.load_profile(os.environ.get("EHWATCH_FUZZ_PROFILE", "ci"))


# ------------------------------------------------------------------------------------------ figures

@dataclass
class Figures:
    inputs: int = 0
    slowest: float = 0.0
    slowest_input: str = ""
    outcomes: dict = field(default_factory=dict)


FIGURES: dict[str, Figures] = {}
_lock = threading.Lock()


def record(target: str, elapsed: float, described: str, outcome: str) -> None:
    with _lock:
        figures = FIGURES.setdefault(target, Figures())
        figures.inputs += 1
        figures.outcomes[outcome] = figures.outcomes.get(outcome, 0) + 1
        if elapsed > figures.slowest:
            figures.slowest, figures.slowest_input = elapsed, described


class timed:
    """``with timed() as t: ...`` then ``t.elapsed``."""

    def __enter__(self):
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.elapsed = time.perf_counter() - self.started
        return False


def describe(data: bytes | str, limit: int = 120) -> str:
    text = data if isinstance(data, str) else data.decode("latin-1")
    text = text.encode("unicode_escape").decode("ascii")
    return f"{len(data)} {'chars' if isinstance(data, str) else 'bytes'}: {text[:limit]}" + ("…" if len(text) > limit else "")


# ------------------------------------------------------------------------------------------ mutations

@st.composite
def mutated(draw, seeds: list[bytes], snippets: list[bytes], max_edits: int = 6, hot_tail: int = 0) -> bytes:
    """A seed with a few edits: bytes flipped, set, deleted or inserted, a hostile snippet inserted or
    repeated, a slice duplicated, the end cut off. ``hot_tail``: half the edits fall in the last
    ``hot_tail`` bytes (a PKCS#12 file ends with its MAC)."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, max_edits))):
        if not data:
            data += draw(st.binary(min_size=1, max_size=16))
            continue
        if hot_tail and draw(st.booleans()):
            position = draw(st.integers(max(0, len(data) - hot_tail), len(data) - 1))
        else:
            position = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "set", "delete", "insert", "snippet", "repeat", "duplicate", "truncate"]))
        if kind == "flip":
            data[position] ^= 1 << draw(st.integers(0, 7))
        elif kind == "set":
            data[position] = draw(st.sampled_from([0x00, 0xFF, 0x7F, 0x80, 0x30, 0x02, 0x04, 0x05, 0x81, 0x82]))
        elif kind == "delete":
            del data[position:position + draw(st.integers(1, 8))]
        elif kind == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "snippet":
            data[position:position] = draw(st.sampled_from(snippets))
        elif kind == "repeat":
            data[position:position] = draw(st.sampled_from(snippets)) * draw(st.integers(2, 4000))
        elif kind == "duplicate":
            end = min(len(data), position + draw(st.integers(1, 64)))
            data[position:position] = data[position:end] * draw(st.integers(1, 50))
        else:
            del data[position:]
    return bytes(data)


def figures_lines() -> list[str]:
    lines = [f"{'target':<24}{'inputs':>8}{'slowest (s)':>13}  outcomes / slowest input"]
    for target, f in sorted(FIGURES.items()):
        outcomes = ", ".join(f"{k} {v}" for k, v in sorted(f.outcomes.items(), key=lambda kv: -kv[1]))
        lines.append(f"{target:<24}{f.inputs:>8}{f.slowest:>13.3f}  {outcomes}")
        lines.append(f"{'':<45}slowest: {f.slowest_input}")
    return lines
