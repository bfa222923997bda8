"""Finding keystore files in folders, and reading the public facts of one keystore.

``find_candidates`` lists ``*.p12`` / ``*.acc-p12`` files and turns every odd thing (missing folder,
a directory named like a keystore, a name that is not UTF-8) into a problem line instead of an
exception; other files (``desktop.ini``, ``revokeRequest_*.ehrr``, notes) are silently ignored.
``inspect_keystore`` is a pure function of (bytes, password) so that it can run in a worker
process: PBKDF2 is CPU-bound, and a cold scan spreads it across the cores.
"""
from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from ehwatch.monitor import names

MAX_KEYSTORE_BYTES = 1_000_000   # real keystores are 3-20 kB; anything this big is not one
SIDE_FILE_SUFFIXES = (".ehcsr", ".reqid")


class FolderProblem(NamedTuple):
    """(path, key, params): a line the user reads, for anything in a folder that is not a keystore."""
    path: str           # printable (a non-UTF-8 name is shown with replacement characters)
    key: str            # message key
    params: dict[str, str]  # the message's parameters (all text)


def printable(path: Path | str) -> str:
    """The path as text that can always be printed and JSON-encoded."""
    text = os.fspath(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _valid_text(name: str) -> bool:
    try:
        name.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def find_candidates(folder: Path) -> tuple[list[Path], list[FolderProblem], list[str]]:
    """(keystore candidates, problems, all file names of the folder for side-file lookup)."""
    problems: list[FolderProblem] = []
    try:
        info = folder.stat()
    except FileNotFoundError:
        return [], [FolderProblem(printable(folder), "monitor.folder.missing", {"path": printable(folder)})], []
    except OSError as exc:
        return [], [FolderProblem(printable(folder), "monitor.folder.unreadable",
                                  {"path": printable(folder), "detail": exc.strerror or type(exc).__name__})], []
    if not stat.S_ISDIR(info.st_mode):
        return [], [FolderProblem(printable(folder), "monitor.folder.not_a_folder", {"path": printable(folder)})], []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        return [], [FolderProblem(printable(folder), "monitor.folder.unreadable",
                                  {"path": printable(folder), "detail": exc.strerror or type(exc).__name__})], []
    candidates: list[Path] = []
    all_names = [e.name for e in entries]
    for entry in entries:
        if not names.is_keystore_name(entry.name):
            continue
        path = folder / entry.name
        if not _valid_text(entry.name):
            problems.append(FolderProblem(printable(path), "monitor.folder.bad_name", {"path": printable(path)}))
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            problems.append(FolderProblem(printable(path), "monitor.folder.directory_named_keystore",
                                          {"path": printable(path)}))
            continue
        candidates.append(path)
    return candidates, problems, all_names


def side_file_index(folder_names: list[str]) -> dict[str, list[str]]:
    """Base name (lower-cased) -> ``<base>.ehcsr`` / ``<base>.reqid`` files of one folder, built once
    per folder so that a thousand keystores do not each walk the whole listing."""
    index: dict[str, list[str]] = {}
    for name in folder_names:
        lower = name.lower()
        for suffix in SIDE_FILE_SUFFIXES:
            if lower.endswith(suffix):
                index.setdefault(lower[: -len(suffix)], []).append(name)
    return index


def side_files(keystore: Path, index: dict[str, list[str]]) -> list[str]:
    """The request's side files next to a keystore (evidence of a request, never required)."""
    base = keystore.name.lower()
    for suffix in names.KEYSTORE_SUFFIXES[::-1]:
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    return sorted(index.get(base, []))


def _iso(value: datetime) -> str:
    return value.isoformat()


def inspect_keystore(data: bytes, password: str) -> dict[str, Any]:
    """Public facts of a keystore (never a key, never the password), as plain JSON-able data.

    ``{"kind": "ok", "scheme", "aliases", "etk", "auth": {...} | None}`` or
    ``{"kind": "error", "error": "wrong_password" | "not_pkcs12" | "too_costly", "params": {...}}``.
    Never raises: any decoding error of the file is that file's error. ``auth["problem"]`` says why the
    authentication certificate is not believed (its key, its chain), None when it is.
    """
    from ehwatch.monitor import pkcs12

    try:
        return _inspect(data, password)
    except pkcs12.WrongPassword:
        return {"kind": "error", "error": "wrong_password"}
    except pkcs12.TooCostly as exc:
        return {"kind": "error", "error": "too_costly", "params": dict(exc.params)}
    except Exception:   # NotAKeystore, or anything a damaged file provokes
        return {"kind": "error", "error": "not_pkcs12"}


def _inspect(data: bytes, password: str) -> dict[str, Any]:
    from ehwatch.monitor import pkcs12
    from ehwatch.monitor.certs import certificate_facts, chain_problem, key_matches

    content = pkcs12.read_keystore(data, password, decrypt_keys=False, decrypt_only="authentication")
    aliases = [k.alias for k in content.keys]
    auth = None
    entry = content.key("authentication")
    if entry is not None and entry.chain:
        try:
            facts = certificate_facts(entry.chain[0])
        except ValueError:
            return {"kind": "error", "error": "not_pkcs12"}
        subject = names.parse_subject(facts.subject)
        problem = None
        if not facts.placeholder:
            if entry.private_key is None or not key_matches(entry.private_key, entry.chain[0]):
                problem = "key_mismatch"
            else:
                problem = chain_problem(entry.chain[0], content.certificates)
        auth = {
            "placeholder": facts.placeholder,
            "not_before": _iso(facts.not_before),
            "not_after": _iso(facts.not_after),
            "issuer": facts.issuer,
            "serial": str(facts.serial),
            "identifier": subject.identifier if subject else None,
            "application": subject.application if subject else None,
            "holder": subject.holder if subject else None,
            "problem": problem,
        }
    return {"kind": "ok", "scheme": content.scheme, "aliases": aliases,
            "etk": [a for a in aliases if a.isdigit()], "auth": auth}


def looks_like_pkcs12(data: bytes) -> bool:
    """Structure check without the password (a truncated or foreign file fails it)."""
    from ehwatch.monitor import pkcs12

    try:
        pkcs12._parse_pfx(data)
        return True
    except pkcs12.NotAKeystore:
        return False
