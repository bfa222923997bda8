"""The configuration file: one TOML file, validated against the dataclasses below.

The dataclasses *are* the schema (borgmatic-style): every key has a type, a default, a help text
and optional bounds or choices; an unknown key or a bad value becomes a ``ConfigError`` that names
the file, the line and the key. ehwatch works with no file at all.
"""
from __future__ import annotations

import dataclasses
import ipaddress
import json
import re
import stat
import tomllib
import typing
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from ehwatch import paths
from ehwatch.errors import EhwatchError

MAX_CONFIG_BYTES = 1_000_000   # a configuration is a few hundred bytes; a bigger file is not read
MAX_NESTING = 32               # arrays and tables deeper than this are refused before TOML parses them


def _opt(default, doc: str, **rules):
    if isinstance(default, list):
        return field(default_factory=lambda d=default: list(d), metadata={"doc": doc, **rules})
    return field(default=default, metadata={"doc": doc, **rules})


@dataclass
class MailConfig:
    host: str = _opt("", "IMAP server name; empty disables the mailbox watcher")
    port: int = _opt(0, "IMAP port; 0 means 993 for ssl, 143 for starttls/none", min=0, max=65535)
    security: str = _opt("ssl", "ssl (IMAPS), starttls, or none", choices=("ssl", "starttls", "none"))
    username: str = _opt("", "login name on the IMAP server")
    auth: str = _opt("password", "password, or xoauth2 (Gmail, Microsoft 365)", choices=("password", "xoauth2"))
    oauth2_token_command: str = _opt("", "command printing a fresh OAuth2 access token (xoauth2)")
    folders: list[str] = _opt([], "folders watched besides INBOX and the spam/junk folder")
    cafile: str = _opt("", "CA certificate file trusted for this server (self-signed servers)")
    allow_plaintext: bool = _opt(False, "allow a password over an unencrypted connection (security = none)")
    poll_minutes: int = _opt(5, "minutes between checks when the server has no IDLE", min=1, max=1440)
    lookback_days: int = _opt(30, "how far back the first check searches", min=1, max=365)


@dataclass
class EidConfig:
    pkcs11_module: str = _opt("", "path of the eID PKCS#11 module; empty finds the Belgian middleware")


@dataclass
class EhealthConfig:
    certra_url: str = _opt("", "CertRA v2 endpoint; empty uses the official one for the environment", url=True)
    etkra_url: str = _opt("", "EtkRA v2 endpoint; empty uses the official one", url=True)
    etkdepot_url: str = _opt("", "ETK depot endpoint; empty uses the official one", url=True)
    cafile: str = _opt("", "extra CA file trusted for the eHealth endpoints (the sandbox)")
    timeout_seconds: int = _opt(60, "timeout of each call to eHealth", min=1, max=600)
    trace_dir: str = _opt("", "folder where every SOAP request and answer is written (a first acceptance "
                              "run, support); nothing secret ever enters a message")


@dataclass
class RenewalConfig:
    email: str = _opt("", "private e-mail given to eHealth (required by the platform)")
    phone: str = _opt("", "private phone given to eHealth (required by the platform)")
    general_email: str = _opt("", "general e-mail (optional)")
    general_phone: str = _opt("", "general phone (optional)")
    hooks: list[str] = _opt([], "commands run after a renewal (EHWATCH_NEW_KEYSTORE etc. in the environment)")
    poll_hours: int = _opt(4, "hours between GetCertificate polls while waiting", min=1, max=72)


def listen_address(value: str) -> tuple[str, int] | None:
    """``127.0.0.1:9877``, ``[::1]:9877`` or ``localhost:9877`` as (host, port); None when the text is
    not such an address or the host is not this computer's loopback (``/metrics`` is never offered to
    the network: a Prometheus elsewhere reads node_exporter's textfile instead)."""
    import ipaddress

    host, sep, port = value.rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        return None
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if host.lower() == "localhost":
        return "127.0.0.1", int(port)
    try:
        if not ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        return None
    return host, int(port)


def _check_listen(value: str) -> tuple[str, dict] | None:
    if value and listen_address(value) is None:
        return "listen", {"value": value}
    return None


@dataclass
class MetricsConfig:
    textfile_dir: str = _opt("", "node_exporter textfile-collector folder; ehwatch run writes ehwatch-<user>.prom "
                             "there after every scan (empty: off)")
    listen: str = _opt("", "serve Prometheus metrics at http://ADDRESS/metrics, a loopback address such as "
                       "127.0.0.1:9877 (empty: off)", check=_check_listen)
    mask_ssin: bool = _opt(False, "show only the last 4 digits of a national number (SSIN) in the metrics")
    host: str = _opt("", "value of the host label; empty: this computer's name")


@dataclass
class CalendarConfig:
    path: str = _opt("", "iCalendar (.ics) file ehwatch run keeps up to date with the expiry dates (empty: off)")
    mask_ssin: bool = _opt(False, "show only the last 4 digits of a national number (SSIN) in the calendar")


@dataclass
class Config:
    keystore_dirs: list[str] = _opt([], "keystore folders; empty means <home>/ehealth/keystore")
    warn_days: int = _opt(30, "days before expiry from which a certificate counts as expiring", min=1, max=365)
    notify_days: list[int] = _opt([30, 14, 7, 3, 1], "days before expiry at which a notification is shown",
                                  item_min=0, item_max=365)
    language: str = _opt("auto", "fr, nl, de, en, or auto (from the system locale)", choices=("auto", "fr", "nl", "de", "en"))
    certificate_manager: str = _opt("", "command or path of the official eHealth Certificate Manager")
    mail: MailConfig = field(default_factory=MailConfig)
    eid: EidConfig = field(default_factory=EidConfig)
    ehealth: EhealthConfig = field(default_factory=EhealthConfig)
    renewal: RenewalConfig = field(default_factory=RenewalConfig)
    metrics: MetricsConfig = field(default_factory=MetricsConfig)
    calendar: CalendarConfig = field(default_factory=CalendarConfig)

    source: Path | None = field(default=None, compare=False, metadata={"internal": True})

    def keystore_paths(self) -> list[Path]:
        if self.keystore_dirs:
            return [Path(d).expanduser() for d in self.keystore_dirs]
        return paths.default_keystore_dirs()


class ConfigError(EhwatchError):
    """A configuration file that cannot be used; says file, line and key."""

    def __init__(self, path: Path, line: int | None, key: str | None, problem: str, **details):
        super().__init__("config.error", file=str(path), line=line if line is not None else "?",
                         setting=key or "-")
        self.path, self.line, self.config_key = path, line, key
        self.problem, self.details = problem, details

    def message(self, lang: str | None = None) -> str:
        from ehwatch import i18n

        problem = i18n.t("config.problem." + self.problem, lang, **self.details)
        return i18n.t(self.key, lang, problem=problem, **self.params)


_BARE_KEY = r'[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\''
_KEY_PATH = re.compile(rf"\s*((?:{_BARE_KEY})(?:\s*\.\s*(?:{_BARE_KEY}))*)\s*")
_HEADER = re.compile(rf"^\s*(\[\[?)\s*((?:{_BARE_KEY})(?:\s*\.\s*(?:{_BARE_KEY}))*)\s*\]\]?")
_ASSIGN = re.compile(rf"^\s*((?:{_BARE_KEY})(?:\s*\.\s*(?:{_BARE_KEY}))*)\s*=")
_INLINE_KEY = re.compile(rf"[{{,]\s*((?:{_BARE_KEY})(?:\s*\.\s*(?:{_BARE_KEY}))*)\s*=")


_KEY_PARTS = 8   # the schema is two levels deep: parts past this one never name a known key


def _split_key(path: str) -> list[str]:
    parts = re.findall(_BARE_KEY, path)
    return [p[1:-1] if p[:1] in ("'", '"') else p for p in parts]


def key_lines(text: str) -> dict[str, int]:
    """Dotted key -> first line (1-based) where it is set or its table opens: ``[a.b]`` headers,
    ``[[a]]``, dotted keys (``mail.port = ``) and the keys of one-line inline tables
    (``mail = { host = "x" }``). A best effort on the text, kept linear; the TOML parser decides."""
    found: dict[str, int] = {}
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _split_key(header.group(2))[:_KEY_PARTS]
            for depth in range(1, len(table) + 1):     # [a.b] also opens a
                found.setdefault(".".join(table[:depth]), number)
            continue
        assign = _ASSIGN.match(line)
        if not assign:
            continue
        path = (table + _split_key(assign.group(1)))[:_KEY_PARTS]
        for depth in range(len(table) + 1, len(path) + 1):   # mail.port = ... also places "mail"
            found.setdefault(".".join(path[:depth]), number)
        rest = line[assign.end():]
        if rest.lstrip().startswith("{"):
            for inner in _INLINE_KEY.finditer(rest):
                found.setdefault(".".join(path + _split_key(inner.group(1))), number)
    return found


def _line_of(lines: dict[str, int], dotted: str) -> int | None:
    """The line of ``dotted``, or of its nearest enclosing key or table."""
    parts = dotted.split(".")
    while parts:
        if ".".join(parts) in lines:
            return lines[".".join(parts)]
        parts.pop()
    return None


def _nesting_problem(text: str) -> int | None:
    """The line where brackets or braces nest deeper than MAX_NESTING (outside strings and comments),
    or None. tomllib recurses once per level: 5000 '[' were a RecursionError."""
    depth, number, quote, i, n = 0, 1, "", 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            number += 1
            if quote in ('"', "'"):
                quote = ""
        elif quote:
            if c == "\\" and quote == '"':
                i += 1
            elif c == quote:
                quote = ""
        elif c in ('"', "'"):
            quote = c
        elif c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif c in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return number
        elif c in "]}":
            depth = max(0, depth - 1)
        i += 1
    return None


def insecure_url(value: str) -> bool:
    """True when an eHealth endpoint is not https (plain http only to this computer: the sandbox)."""
    if not value:
        return False
    try:
        parsed = urllib.parse.urlsplit(value)
        host = parsed.hostname or ""
    except ValueError:
        return True
    if parsed.scheme == "https" and host:
        return False
    if parsed.scheme == "http" and host:
        if host == "localhost":
            return False
        try:
            return not ipaddress.ip_address(host).is_loopback
        except ValueError:
            return True
    return True


def _check_value(value, annotation, meta) -> tuple[str, dict] | None:
    """The problem with one value (a text key and its parameters), or None."""
    origin = typing.get_origin(annotation)
    if annotation is bool:
        if not isinstance(value, bool):
            return "bool", {}
    elif annotation is int:
        if isinstance(value, bool) or not isinstance(value, int):
            return "int", {}
        if "min" in meta and value < meta["min"]:
            return "min", {"limit": meta["min"]}
        if "max" in meta and value > meta["max"]:
            return "max", {"limit": meta["max"]}
    elif annotation is str:
        if not isinstance(value, str):
            return "str", {}
        if "\x00" in value:
            return "nul", {}
        if "choices" in meta and value not in meta["choices"]:
            return "choices", {"choices": ", ".join(meta["choices"])}
        if meta.get("url") and insecure_url(value):
            return "url", {}
        if "check" in meta:
            return meta["check"](value)
    elif origin is list:
        (item_type,) = typing.get_args(annotation)
        if not isinstance(value, list):
            return "list", {}
        for item in value:
            if item_type is int and (isinstance(item, bool) or not isinstance(item, int)):
                return "list_int", {}
            if item_type is int and "item_min" in meta and item < meta["item_min"]:
                return "min", {"limit": meta["item_min"]}
            if item_type is int and "item_max" in meta and item > meta["item_max"]:
                return "max", {"limit": meta["item_max"]}
            if item_type is str and not isinstance(item, str):
                return "list_str", {}
            if item_type is str and "\x00" in item:
                return "nul", {}
    return None


def _build(cls, data: dict, lines: dict[str, int], path: Path, section: str):
    hints = typing.get_type_hints(cls)
    known = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
    kwargs = {}
    for key, value in data.items():
        dotted = _dotted(section, key)
        if key not in known:
            raise ConfigError(path, _line_of(lines, dotted), dotted, "unknown_key")
        annotation = hints[key]
        if dataclasses.is_dataclass(annotation):
            if not isinstance(value, dict):
                raise ConfigError(path, _line_of(lines, dotted), dotted, "table", name=key)
            kwargs[key] = _build(annotation, value, lines, path, dotted)
            continue
        problem = _check_value(value, annotation, known[key].metadata)
        if problem:
            raise ConfigError(path, _line_of(lines, dotted), dotted, problem[0], **problem[1])
        kwargs[key] = value
    return cls(**kwargs)


def _dotted(section: str, key: str) -> str:
    return f"{section}.{key}" if section else key


def _key_at(text: str, line: int) -> str | None:
    """The dotted key set on ``line`` (or the table it belongs to)."""
    lines = key_lines(text)
    on_line = [k for k, n in lines.items() if n == line]
    if on_line:
        return max(on_line, key=len)
    before = [k for k, n in lines.items() if n < line]
    return max(before, key=lambda k: lines[k]) if before else None


def _long_key_line(text: str) -> int | None:
    """The first line whose key or table name has more than MAX_NESTING dotted parts (tomllib is
    quadratic in them: 4000 parts took half a second)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.count(".") <= MAX_NESTING:
            continue
        found = _HEADER.match(line) or _ASSIGN.match(line)
        if found and len(_split_key(found.group(2) if found.re is _HEADER else found.group(1))) > MAX_NESTING:
            return number
    return None


def parse(text: str, path: Path) -> Config:
    deep = _nesting_problem(text)
    if deep is None:
        deep = _long_key_line(text)
    if deep is not None:
        raise ConfigError(path, deep, _key_at(text, deep), "too_deep", limit=MAX_NESTING)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else (len(text.splitlines()) if "end of document" in str(exc) else None)
        raise ConfigError(path, line, _key_at(text, line) if line else None, "syntax",
                          detail=str(exc)) from None
    except (RecursionError, ValueError) as exc:   # never a traceback for a configuration file
        raise ConfigError(path, None, None, "syntax", detail=type(exc).__name__) from None
    config = _build(Config, data, key_lines(text), path, "")
    config.source = path
    return config


def load(path: Path | None = None) -> Config:
    """Reads the configuration; a missing file means all defaults."""
    path = path or paths.config_file()
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):      # a FIFO would block ehwatch at start
            raise ConfigError(path, None, None, "unreadable", detail="not a regular file")
        if st.st_size > MAX_CONFIG_BYTES:
            raise ConfigError(path, None, None, "too_big", limit=MAX_CONFIG_BYTES)
        with open(path, "rb") as fh:
            raw = fh.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        return Config(source=None)
    except OSError as exc:
        raise ConfigError(path, None, None, "unreadable", detail=exc.strerror) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(path, None, None, "not_utf8") from None
    return parse(text, path)


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)   # a TOML basic string: same escapes as JSON
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(value)


def dump(config: Config) -> str:
    """The effective configuration as TOML, each key with its help text (``config show``)."""
    lines: list[str] = []
    tables: list[tuple[str, object]] = []
    for f in dataclasses.fields(config):
        if f.metadata.get("internal"):
            continue
        value = getattr(config, f.name)
        if dataclasses.is_dataclass(value):
            tables.append((f.name, value))
            continue
        lines.append(f"# {f.metadata.get('doc', '')}")
        lines.append(f"{f.name} = {_toml_value(value)}")
    for name, section in tables:
        lines.append("")
        lines.append(f"[{name}]")
        for f in dataclasses.fields(section):
            lines.append(f"# {f.metadata.get('doc', '')}")
            lines.append(f"{f.name} = {_toml_value(getattr(section, f.name))}")
    return "\n".join(lines) + "\n"


# -- the settings window (tray/settings.py) writes the user's file -----------------------------------
# The keys the settings window edits; everything else in the file is kept as it is, comments included.
SETTINGS_KEYS = ("keystore_dirs", "language", "notify_days", "mail.host", "mail.username", "renewal.email",
                 "renewal.phone")


def _schema_field(dotted: str) -> tuple[typing.Any, dict]:
    """(type, metadata) of a dotted key of the schema."""
    cls: typing.Any = Config
    parts = dotted.split(".")
    for part in parts[:-1]:
        cls = typing.get_type_hints(cls)[part]
    known = {f.name: f for f in dataclasses.fields(cls)}
    if parts[-1] not in known:
        raise KeyError(dotted)
    return typing.get_type_hints(cls)[parts[-1]], dict(known[parts[-1]].metadata)


def check_setting(dotted: str, value) -> tuple[str, dict] | None:
    """The problem with one value for ``dotted`` (a ``config.problem.*`` key and its parameters), or
    None: the same rules as when the file is read, so the window never writes a file ehwatch refuses."""
    annotation, meta = _schema_field(dotted)
    problem = _check_value(value, annotation, meta)
    if problem is None and isinstance(value, str) and any(c in value for c in "\r\n"):
        return "str", {}
    if problem is None and isinstance(value, list) and any(isinstance(v, str) and ("\n" in v or not v.strip())
                                                           for v in value):
        return "list_str", {}
    return problem


_SIMPLE_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+(?:\s*\.\s*[A-Za-z0-9_-]+)*)\s*\]\s*(#.*)?$")
_SIMPLE_ASSIGN = re.compile(r"^(\s*)([A-Za-z0-9_-]+)(\s*=\s*)")


def _value_end(lines: list[str], start: int, offset: int) -> tuple[int, str]:
    """Where the value that starts at ``lines[start][offset:]`` ends: (last line index, the comment
    after it, if any). Follows a multi-line array to its closing bracket, outside strings."""
    depth, quote, index = 0, "", start
    position = offset
    while index < len(lines):
        line = lines[index]
        i = position
        while i < len(line):
            c = line[i]
            if quote:
                if c == "\\" and quote == '"':
                    i += 1
                elif c == quote:
                    quote = ""
            elif c in "\"'":
                quote = c
            elif c in "[{":
                depth += 1
            elif c in "]}":
                depth -= 1
            elif c == "#":
                if depth <= 0:                          # the comment, with the spaces before it
                    gap = len(line[:i]) - len(line[:i].rstrip())
                    return index, line[i - gap:].rstrip("\r\n")
                break                                   # a comment inside a multi-line array
            i += 1
        quote = ""
        if depth <= 0:
            return index, ""
        index, position = index + 1, 0
    return len(lines) - 1, ""


def set_in_text(text: str, dotted: str, value) -> str:
    """``text`` (a TOML file) with ``dotted`` set to ``value``: the line that sets it is rewritten in
    place (its trailing comment kept), or the key is added to its table (the table added at the end
    when missing). Every other line, comment and blank stays as it was."""
    section, _, key = dotted.rpartition(".")
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    rendered = f"{key} = {_toml_value(value)}"
    current, first_header, table_end = "", None, None
    for index, line in enumerate(lines):
        header = _SIMPLE_HEADER.match(line)
        if header or line.lstrip().startswith("["):
            first_header = index if first_header is None else first_header
            current = re.sub(r"\s+", "", header.group(1)) if header else "\0"
            continue
        if current != section:
            continue
        if line.strip() and not line.lstrip().startswith("#"):
            table_end = index
        assign = _SIMPLE_ASSIGN.match(line)
        if assign and assign.group(2) == key:
            last, comment = _value_end(lines, index, assign.end())
            tail = lines[last][len(lines[last].rstrip("\r\n")):] or newline
            lines[index:last + 1] = [assign.group(1) + rendered + comment + tail]
            return "".join(lines)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    if not section:              # after the last top-level setting, before the first table
        where = table_end + 1 if table_end is not None else 0
        lines.insert(where, rendered + newline)
    elif table_end is not None or any(
            (m := _SIMPLE_HEADER.match(line)) and re.sub(r"\s+", "", m.group(1)) == section for line in lines):
        if table_end is None:                                   # an empty table: right after its header
            table_end = next(i for i, line in enumerate(lines) if (m := _SIMPLE_HEADER.match(line))
                             and re.sub(r"\s+", "", m.group(1)) == section)
        lines.insert(table_end + 1, rendered + newline)
    else:
        lines.append((newline if lines else "") + f"[{section}]" + newline + rendered + newline)
    return "".join(lines)


def write_settings(updates: dict, path: Path | None = None) -> Config:
    """Writes ``updates`` (dotted key -> value, keys of ``SETTINGS_KEYS``) into the user's file and
    returns the configuration it now holds. The new text is checked by the same parser as at start
    (a ``ConfigError`` leaves the file untouched), then written atomically: a temporary file in the
    same folder, fsync, rename over the old one, fsync of the folder. Comments and every other
    setting are kept; a file whose layout the line editor cannot follow (dotted keys, inline tables)
    is rewritten from its parsed values instead, which keeps the settings but not the comments."""
    from ehwatch import fileutil

    path = path or paths.config_file()
    try:
        text = path.read_bytes()[:MAX_CONFIG_BYTES + 1].decode("utf-8") if path.exists() else ""
    except UnicodeDecodeError:
        raise ConfigError(path, None, None, "not_utf8") from None
    old = parse(text, path) if text.strip() else Config(source=path)
    for dotted, value in updates.items():
        problem = check_setting(dotted, value)
        if problem:
            raise ConfigError(path, None, dotted, problem[0], **problem[1])
    new_text = text
    for dotted, value in updates.items():
        new_text = set_in_text(new_text, dotted, value)
    try:
        config = parse(new_text, path)
        if any(_get(config, k) != v for k, v in updates.items()):
            raise ValueError("the line editor missed a key")
    except (ConfigError, ValueError):
        for dotted, value in updates.items():
            _set(old, dotted, value)
        new_text = dump(old)
        config = parse(new_text, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = (path.stat().st_mode & 0o777) if path.exists() else 0o600
    fileutil.replace_own_file(path, new_text.encode("utf-8"), mode=mode)
    config.source = path
    return config


def _get(config: Config, dotted: str):
    value: typing.Any = config
    for part in dotted.split("."):
        value = getattr(value, part)
    return value


def _set(config: Config, dotted: str, value) -> None:
    target: typing.Any = config
    parts = dotted.split(".")
    for part in parts[:-1]:
        target = getattr(target, part)
    setattr(target, parts[-1], value)


def setting(config: Config, dotted: str):
    """The value of a dotted key (``mail.host``) in ``config``."""
    return _get(config, dotted)
