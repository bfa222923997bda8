"""``make fuzz``: the properties of tests/fuzz run for a while (10 minutes by default), round after
round with fresh random inputs, then the figures: inputs tried per target, the slowest input.

    .venv/bin/python -m tests.fuzz.run --seconds 600

Exits 1 at the first property that fails (hypothesis prints the smallest failing input).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import traceback


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600.0)
    parser.add_argument("--examples", type=int, default=400, help="examples per property per round")
    args = parser.parse_args()
    os.environ["EHWATCH_FUZZ_PROFILE"] = "fuzz"
    os.environ["EHWATCH_FUZZ_EXAMPLES"] = str(args.examples)
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

    from tests.fuzz import common, test_fuzz_config, test_fuzz_mail, test_fuzz_pkcs12

    properties = [getattr(m, name) for m in (test_fuzz_mail, test_fuzz_pkcs12, test_fuzz_config)
                  for name in sorted(dir(m)) if name.startswith("test_")]
    deadline = time.monotonic() + args.seconds
    started, rounds = time.monotonic(), 0
    while time.monotonic() < deadline:
        rounds += 1
        for prop in properties:
            if time.monotonic() >= deadline:
                break
            try:
                prop()
            except BaseException:
                traceback.print_exc()
                print(f"\nFAILED: {prop.__module__}.{prop.__name__} (round {rounds})")
                for line in common.figures_lines():
                    print(line)
                return 1
    print(f"fuzzing: {time.monotonic() - started:.0f} s, {rounds} rounds, "
          f"{len(properties)} properties, no failure")
    for line in common.figures_lines():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
