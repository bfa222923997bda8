"""Test tiers: every test that reaches a real tool or service is marked ``service``, by itself.

``make test-fast`` runs ``-m "not service"`` (pure Python, no child process: under a minute);
``make test`` runs everything. Nobody has to remember the marker: at collection, each test's code
is read (its function, every fixture it uses, and the test helpers they call, followed through
tests/) and a test that can reach ``need_tool``, ``run_cli``, ``subprocess`` or a sandbox service
is marked. Should that reading ever miss a path, ``need_tool``/``run_cli`` fail the unmarked test
when it gets there, naming the tool, so a misclassified test can never hide in the fast tier.
A test may also say ``@pytest.mark.service`` itself.
"""
from __future__ import annotations

import dis
import functools
import importlib
import inspect
import sys
import types
from pathlib import Path

import pytest

MARK = "service"
TESTS = str(Path(__file__).resolve().parents[1])
_current: pytest.Item | None = None


@functools.cache
def _roots() -> frozenset[int]:
    """What needs a real tool or process: the objects' ids (functions and modules are hashable, but
    some helpers are classes with custom equality)."""
    import subprocess

    from ehwatch.sandbox import imap_server, token
    from tests.support import tools

    objects = [tools.need_tool, tools.run_cli, subprocess, subprocess.run, subprocess.Popen,
               subprocess.check_output, subprocess.check_call, subprocess.call,
               imap_server.Dovecot, token.create_belpic_token]
    return frozenset(id(o) for o in objects)


def _is_test_code(obj) -> bool:
    """Code under tests/ (this classifier aside: it names the tools without using them)."""
    code = getattr(obj, "__code__", None)
    return code is not None and code.co_filename.startswith(TESTS) and code.co_filename != __file__


def _imported_modules(code: types.CodeType) -> list[types.ModuleType]:
    """Modules a function imports in its body (``from tests.support.x import y`` inside a test)."""
    found = []
    for instruction in dis.get_instructions(code):
        if instruction.opname == "IMPORT_NAME" and isinstance(instruction.argval, str):
            try:
                found.append(importlib.import_module(instruction.argval))
            except Exception:
                continue
    return found


def _codes(code: types.CodeType):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _codes(const)


def _reaches_service(obj, seen: set[int]) -> bool:
    if id(obj) in _roots():
        return True
    if id(obj) in seen:
        return False
    seen.add(id(obj))
    if isinstance(obj, type):
        if not (obj.__module__ or "").startswith("tests") and not _defined_in_tests(obj):
            return False
        return any(_reaches_service(member, seen) for member in _members(obj))
    obj = inspect.unwrap(obj) if callable(obj) else obj
    if isinstance(obj, (staticmethod, classmethod)):
        obj = obj.__func__
    if isinstance(obj, property):
        return any(_reaches_service(f, seen) for f in (obj.fget, obj.fset) if f)
    if not _is_test_code(obj):
        return False
    namespace = getattr(obj, "__globals__", {})
    closure = [cell.cell_contents for cell in (obj.__closure__ or ()) if _filled(cell)]
    for code in _codes(obj.__code__):
        modules = _imported_modules(code)
        candidates = list(closure)
        for name in code.co_names:
            if name in namespace:
                candidates.append(namespace[name])
            candidates.extend(getattr(m, name) for m in modules if hasattr(m, name))
        for value in candidates:
            if isinstance(value, types.ModuleType):
                if id(value) in _roots():
                    return True
                if value.__name__.startswith("tests"):  # ``module.helper(...)``: the helpers it names
                    candidates.extend(getattr(value, n) for n in code.co_names if hasattr(value, n))
                continue
            if _reaches_service(value, seen):
                return True
    return False


def _filled(cell) -> bool:
    try:
        return cell.cell_contents is not None or True
    except ValueError:  # an empty cell: a name the enclosing function had not bound yet
        return False


def _defined_in_tests(cls: type) -> bool:
    module = sys.modules.get(cls.__module__)
    return bool(module and (getattr(module, "__file__", "") or "").startswith(TESTS))


def _members(cls: type):
    for klass in cls.__mro__:
        if klass is object:
            continue
        yield from vars(klass).values()


def service_reason(item: pytest.Item) -> str | None:
    """Why ``item`` needs the service tier (the test or the fixture that reaches a tool), or None."""
    seen: set[int] = set()
    function = getattr(item, "function", None)
    if function is not None and _reaches_service(function, seen):
        return "the test itself"
    info = getattr(item, "_fixtureinfo", None)
    for name, definitions in (info.name2fixturedefs.items() if info else ()):
        for definition in definitions:
            if _reaches_service(definition.func, seen):
                return f"fixture {name}"
    return None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MARK}: needs a real tool, service or child process (set by "
                                       "tests/support/tiers.py; make test-fast leaves these out)")


@pytest.hookimpl(tryfirst=True)  # before ``-m "not service"`` deselects
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker(MARK) is None:
            reason = service_reason(item)
            if reason:
                item.add_marker(pytest.mark.service(reason=reason))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem):
    global _current
    _current = item
    try:
        return (yield)
    finally:
        _current = None


def check_classified(what: str) -> None:
    """Called by ``need_tool``/``run_cli``: an unmarked test that gets there fails, naming what it reached."""
    if _current is not None and _current.get_closest_marker(MARK) is None:
        pytest.fail(f"{_current.nodeid} reaches {what} but is not in the service tier: tests/support/tiers.py "
                    "did not see the path; add @pytest.mark.service to the test", pytrace=False)
