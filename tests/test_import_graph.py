"""The product does not depend on its test platform (issue 11, issue 9 point 9): no module outside
``ehwatch/sandbox/`` imports ``ehwatch.sandbox`` except the two commands that run it, and the code
only the sandbox uses (the signature verifier, the ETK challenge maker) lives in the sandbox."""
from __future__ import annotations

import ast
from pathlib import Path

import ehwatch

PACKAGE = Path(ehwatch.__file__).resolve().parent
ALLOWED = {"commands/demo.py", "commands/sandbox.py"}


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def product_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if not relative.startswith("sandbox/"):
            yield relative, path


def test_no_arrow_into_the_sandbox_but_from_its_two_commands():
    arrows = {relative for relative, path in product_modules()
              if any(name == "ehwatch.sandbox" or name.startswith("ehwatch.sandbox.") for name in imports_of(path))}
    assert arrows == ALLOWED


def test_sandbox_only_code_is_not_in_the_product():
    for relative, path in product_modules():
        defined = {node.name for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                   if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
        assert not defined & {"verify_enveloped", "make_etk_challenge", "SignatureInvalid"}, relative
