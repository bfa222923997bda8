"""Every test of tests/fuzz is marked ``fuzz``; the hypothesis profile comes from tests/fuzz/common.py."""
import pytest

from tests.fuzz import common  # noqa: F401  (registers and loads the profile)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/fuzz/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.fuzz)


def pytest_terminal_summary(terminalreporter):
    if common.FIGURES:
        terminalreporter.section("fuzzing figures")
        for line in common.figures_lines():
            terminalreporter.write_line(line)
