"""Which folders to watch, and fetching a message's text without its attachments.

The eHealth notices are short text mails, but a look-alike could carry a large attachment: the
watcher reads the BODYSTRUCTURE first and downloads only the header and the text/plain and
text/html parts (BODY.PEEK, so the mail stays unread), then rebuilds a small MIME message from
them for ``read_mail``. Links in the mail are never followed; nothing here opens a URL.
"""
from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import imapclient

if TYPE_CHECKING:
    from imapclient.response_types import BodyData

MAX_PART_BYTES = 1_000_000
MAX_TEXT_PARTS = 8

# Spam folder names seen at common providers and in French/Dutch/English clients.
JUNK_NAMES = (
    "junk", "spam", "junk e-mail", "junk email", "junk mail", "bulk mail", "[gmail]/spam",
    "courrier indésirable", "courriers indésirables", "indésirables", "pourriel", "pourriels",
    "ongewenste e-mail", "ongewenste post", "ongewenste e-mails", "inbox/junk", "inbox/spam",
    "inbox.junk", "inbox.spam",
)


def watched_folders(client: imapclient.IMAPClient, configured: list[str]) -> tuple[list[str], list[str]]:
    """(folders to watch, configured folders that do not exist).

    INBOX, then the spam folder — by its SPECIAL-USE \\Junk flag, else by a well-known name —
    then the configured ones; each once, in that order.
    """
    listing = client.list_folders()
    names = {name for _, _, name in listing}
    chosen = ["INBOX"]
    junk = [name for flags, _, name in listing if b"\\Junk" in flags or b"\\junk" in flags]
    if not junk:
        by_name = {name.lower(): name for name in names}
        junk = [by_name[n] for n in JUNK_NAMES if n in by_name]
    chosen += junk[:1]
    missing = []
    for folder in configured:
        if folder in chosen:
            continue
        if folder in names or folder.upper() == "INBOX":
            chosen.append(folder)
        else:
            missing.append(folder)
    return chosen, missing


def _text_parts(structure: BodyData, prefix: str = "") -> list[str]:
    """Part numbers of the inline text/plain and text/html leaves of a BODYSTRUCTURE."""
    if structure.is_multipart:
        found: list[str] = []
        for index, child in enumerate(structure[0], start=1):
            if isinstance(child, tuple):
                found += _text_parts(child, f"{prefix}{index}.")
        return found
    mime = (_text(structure[0]) + "/" + _text(structure[1])).lower()
    if mime not in ("text/plain", "text/html"):
        return []
    size = structure[6] if len(structure) > 6 and isinstance(structure[6], int) else 0
    if size > MAX_PART_BYTES or _is_attachment(structure):
        return []
    return [(prefix or "1.")[:-1]]


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("ascii", "replace")
    return str(value or "")


def _is_attachment(structure: BodyData) -> bool:
    """Text leaves carry the disposition at index 9 (after md5); it says ``attachment`` for files."""
    for item in structure[8:11]:
        if isinstance(item, tuple) and item and _text(item[0]).lower() == "attachment":
            return True
    return False


def _strip_content_headers(header: bytes) -> bytes:
    """The top header without its MIME headers (and their folded lines): the rebuilt body brings its own."""
    kept: list[bytes] = []
    skipping = False
    for line in header.split(b"\r\n"):
        if line[:1] in (b" ", b"\t"):
            if not skipping:
                kept.append(line)
            continue
        name = line.split(b":", 1)[0].strip().lower()
        skipping = name in (b"content-type", b"content-transfer-encoding", b"mime-version")
        if not skipping and line:
            kept.append(line)
    return b"\r\n".join(kept) + b"\r\n"


def fetch_text(client: imapclient.IMAPClient, uid: int) -> bytes | None:
    """The message reduced to its header and text parts; None when it vanished meanwhile."""
    meta = client.fetch([uid], [b"BODYSTRUCTURE", b"RFC822.SIZE"]).get(uid)
    if not meta or b"BODYSTRUCTURE" not in meta:
        return None
    structure = meta[b"BODYSTRUCTURE"]
    size = meta.get(b"RFC822.SIZE") or 0
    if not structure.is_multipart:
        if _text_parts(structure):  # a plain text mail: the whole of it (cut when huge)
            item = b"BODY.PEEK[]" if size <= MAX_PART_BYTES else f"BODY.PEEK[]<0.{MAX_PART_BYTES}>".encode()
            data = client.fetch([uid], [item]).get(uid, {})
            body = next((v for k, v in data.items() if k.startswith(b"BODY[")), None)
            return body if isinstance(body, bytes) else None  # NIL from the server: nothing to read
        data = client.fetch([uid], [b"BODY.PEEK[HEADER]"]).get(uid, {})
        header = data.get(b"BODY[HEADER]")
        return header if isinstance(header, bytes) else None
    parts = _text_parts(structure)[:MAX_TEXT_PARTS]
    items = [b"BODY.PEEK[HEADER]"]
    for part in parts:
        items += [f"BODY.PEEK[{part}.MIME]".encode(), f"BODY.PEEK[{part}]".encode()]
    data = client.fetch([uid], items).get(uid)
    if not data:
        return None
    # Derived from the content: the same mail always rebuilds to the same bytes (its identity when
    # it has no Message-ID), and a boundary no part can contain by accident.
    digest = hashlib.sha256(b"".join(v for v in data.values() if isinstance(v, bytes))).hexdigest()
    boundary = ("ehwatch-" + digest[:40]).encode()
    out = [_strip_content_headers(data.get(b"BODY[HEADER]", b"")),
           b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"" + boundary + b"\"\r\n\r\n"]
    for part in parts:
        mime = data.get(f"BODY[{part}.MIME]".encode()) or b"Content-Type: text/plain\r\n\r\n"
        body = data.get(f"BODY[{part}]".encode()) or b""
        out += [b"--" + boundary + b"\r\n", mime, body, b"\r\n"]
    out.append(b"--" + boundary + b"--\r\n")
    return b"".join(out)
