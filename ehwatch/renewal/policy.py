"""What the user types for a renewal, and the platform's rules for it — in one place.

The terminal, the dialogs (live ✓/✗ checks, like the Certificate Manager's screen) and the engine
(which checks again before anything is written) all use these functions, so they can never
disagree about what is acceptable.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_CHARS = re.compile(r"^\+?[0-9 ./()\-]+$")
MIN_PASSWORD_LENGTH = 8


def password_checks(first: str, second: str) -> dict[str, bool]:
    """The live checks of the new-password screen, as the Certificate Manager shows them."""
    return {
        "length": len(first) >= MIN_PASSWORD_LENGTH,
        "chars": bool(first) and first == first.strip() and all(c.isprintable() for c in first),
        "digit_or_symbol": any(c.isdigit() or not c.isalnum() for c in first.strip()),
        "match": bool(first) and first == second,
    }


def password_acceptable(first: str, second: str) -> bool:
    return all(password_checks(first, second).values())


def phone_valid(value: str) -> bool:
    digits = sum(c.isdigit() for c in value)
    return bool(PHONE_CHARS.match(value)) and 8 <= digits <= 15


def contact_problems(values: Mapping[str, str]) -> list[tuple[str, dict[str, str]]]:
    """Message keys (with parameters) for what is wrong in the contact form; empty when it is fine."""
    problems: list[tuple[str, dict[str, str]]] = []
    if not values.get("email") or not values.get("phone"):
        problems.append(("tray.dialog.contact.missing", {}))
    for name in ("email", "general_email"):
        value = values.get(name, "")
        if value and not EMAIL.match(value):
            problems.append(("tray.dialog.contact.bad_email", {"value": value}))
    for name in ("phone", "general_phone"):
        value = values.get(name, "")
        if value and not phone_valid(value):
            problems.append(("tray.dialog.contact.bad_phone", {"value": value}))
    return problems


def password_problem(password: str) -> str | None:
    """The platform's password rule as one message key (the first rule broken), or None."""
    checks = password_checks(password, password)
    for name, key in (("length", "renewal.password.too_short"), ("chars", "renewal.password.bad_chars"),
                      ("digit_or_symbol", "renewal.password.no_digit_or_symbol")):
        if not checks[name]:
            return key
    return None


def first_contact_problem(values: Mapping[str, str]) -> tuple[str, dict[str, str]] | None:
    problems = contact_problems(values)
    return problems[0] if problems else None
