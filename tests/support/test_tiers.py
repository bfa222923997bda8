"""The tier classifier sees a tool however a test reaches it: directly, through a helper of its own
module, a helper of tests/support, a class, or an import inside the function."""
from __future__ import annotations

import pytest

from tests.support import tiers
from tests.support.tools import need_tool


def _helper_that_runs_keytool():
    return need_tool("keytool")


class _Harness:
    def start(self):
        import subprocess

        return subprocess.run(["true"], check=True)


def _pure(x):
    return sorted(x)


@pytest.mark.parametrize("reaches", [
    lambda: need_tool("openssl"),
    lambda: _helper_that_runs_keytool(),
    lambda: _Harness().start(),
])
def test_a_tool_is_seen_through_helpers(reaches):
    assert tiers._reaches_service(reaches, set())


def test_support_helpers_and_local_imports_are_followed():
    def through_support(folder):
        from tests.support.keystores import place

        return place(folder, "valid")

    def through_a_module_attribute(folder):
        from tests.support import keystore_factory

        return keystore_factory.make_ehealth_keystore(folder)

    assert tiers._reaches_service(through_support, set())
    assert tiers._reaches_service(through_a_module_attribute, set())


def test_pure_code_stays_in_the_fast_tier():
    assert not tiers._reaches_service(_pure, set())
    assert not tiers._reaches_service(lambda: _pure([3, 1, 2]), set())
    assert not tiers._reaches_service(test_pure_code_stays_in_the_fast_tier, set())
