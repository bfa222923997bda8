"""The Linux side of the Windows tests: a Wine prefix of our own and the Windows CPython in it.

``packaging/windows/prepare.sh`` builds (and caches) ``build/windows/python`` and a fresh prefix
template; ``WinePrefix`` copies that template so each test session starts from a clean Windows user
(empty registry Run key, empty Credential Manager, nothing installed), and ``close()`` ends the
session's Wine processes (``wineserver -k`` on that prefix only).

Every Wine call gets pipes for its standard streams: a Wine process started with a file or
/dev/null as stdin/stdout fails with "init_sys_streams: Invalid handle".
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("EHWATCH_WINDOWS_BUILD") or ROOT / "build" / "windows")
PYTHON = BUILD / "python" / "python.exe"
PYTHONW = BUILD / "python" / "pythonw.exe"
RUN_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run"


def wine_binary() -> str:
    """The same choice as packaging/windows/wine-env.sh: wine64 (Wine 8), else wine (Wine 10)."""
    explicit = os.environ.get("WINE")
    if explicit:
        return explicit
    for candidate in ("wine64", "/usr/lib/wine/wine64", "wine", "/usr/lib/wine/wine"):
        found = shutil.which(candidate)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("Wine is required in CI (make test-windows installs it)")
    pytest.skip("Wine is not installed (run make test-windows as root to install it)")


def winpath(path: Path | str) -> str:
    """A Linux path as Windows programs see it through Wine's Z: drive."""
    return "Z:" + str(Path(path).resolve()).replace("/", "\\")


def wine_version() -> str:
    return subprocess.run([wine_binary(), "--version"], capture_output=True, text=True, timeout=30).stdout.strip()


def _drain(stream, into: list[bytes]) -> None:
    while True:
        chunk = stream.read1(65536) if hasattr(stream, "read1") else stream.read(65536)
        if not chunk:
            return
        into.append(chunk)


class WinePrefix:
    """A fresh copy of the prepared prefix; ``run``/``python`` start Windows programs in it."""

    def __init__(self, folder: Path):
        template = BUILD / "prefix-template"
        if not PYTHON.exists() or not template.exists():
            pytest.fail(f"{PYTHON} is missing: run `make test-windows` (packaging/windows/prepare.sh) first")
        self.wine = wine_binary()
        self.path = Path(folder) / "prefix"
        shutil.copytree(template, self.path, symlinks=True)
        (self.path / "dosdevices" / "z:").unlink(missing_ok=True)
        os.symlink("/", self.path / "dosdevices" / "z:")  # the cached template has no z: (prepare.sh)
        self.env = dict(os.environ)
        overrides = BUILD / "wine-dlloverrides"  # what prepare.sh found this Wine needs (wbemprox= on Wine 8)
        self.env.update(WINEPREFIX=str(self.path), WINEARCH="win64", WINEDEBUG="-all",
                        WINEDLLOVERRIDES=overrides.read_text().strip() if overrides.exists() else "mscoree,mshtml=")
        self.env.pop("DISPLAY", None)          # console programs; the tray test sets its own display
        for name in ("EHWATCH_HOME", "EHWATCH_CONFIG", "EHWATCH_USER_HOME", "PYTHON_KEYRING_BACKEND",
                     "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
            self.env.pop(name, None)           # Wine passes the Unix environment on to Windows programs
        self.user = self._windows_user()

    def _windows_user(self) -> str:
        users = [p.name for p in (self.path / "drive_c" / "users").iterdir() if p.name not in ("Public",)]
        return users[0] if users else os.environ.get("USER", "root")

    def drive_c(self, *parts: str) -> Path:
        return self.path.joinpath("drive_c", *parts)

    def start(self, args: list[str], env: dict | None = None, cwd: Path | None = None) -> subprocess.Popen:
        """A Windows program in the background, its streams on pipes (read them, or they fill up)."""
        full_env = dict(self.env)
        full_env.update(env or {})
        return subprocess.Popen([self.wine, *map(str, args)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, env=full_env, cwd=cwd, start_new_session=True)

    def run(self, args: list[str], input: bytes | str = b"", timeout: float = 300, env: dict | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess:
        """Runs a Windows program to its end; stdout and stderr are bytes, as the program wrote them.
        On timeout the program's process group is killed and TimeoutExpired raised (never a hang)."""
        full_env = dict(self.env)
        full_env.update(env or {})
        if isinstance(input, str):
            input = input.encode()
        proc = subprocess.Popen([self.wine, *map(str, args)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=full_env, cwd=cwd, start_new_session=True)
        # Read both pipes in threads and wait for the program, not for the pipes' end: a Windows child
        # that outlives it (a multiprocessing worker) inherits the pipes and would hold them open.
        chunks: dict[str, list[bytes]] = {"out": [], "err": []}
        readers = [threading.Thread(target=_drain, args=(stream, chunks[name]), daemon=True)
                   for name, stream in (("out", proc.stdout), ("err", proc.stderr))]
        for reader in readers:
            reader.start()
        try:
            proc.stdin.write(input)
            proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self._kill_group(proc)
            proc.wait(30)
            for reader in readers:
                reader.join(5)
            raise subprocess.TimeoutExpired(proc.args, timeout, b"".join(chunks["out"]),
                                            b"".join(chunks["err"])) from None
        for reader in readers:
            reader.join(10)
        return subprocess.CompletedProcess(proc.args, proc.returncode, b"".join(chunks["out"]),
                                           b"".join(chunks["err"]))

    def python(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return self.run([str(PYTHON), *args], **kwargs)

    def ehwatch(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return self.python("-m", "ehwatch", *args, **kwargs)

    def reg_query(self, key: str = RUN_KEY, value: str = "ehwatch") -> str | None:
        """The data of a registry value as `wine reg query` prints it, None when it does not exist."""
        proc = self.run(["reg", "query", key, "/v", value], timeout=60)
        if proc.returncode != 0:
            return None
        for line in proc.stdout.decode("utf-8", "replace").splitlines():
            parts = line.strip().split(None, 2)
            if len(parts) == 3 and parts[0].lower() == value.lower() and parts[1].startswith("REG_"):
                return parts[2]
        return None

    @staticmethod
    def _kill_group(proc: subprocess.Popen) -> None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def close(self) -> None:
        """Ends every Wine process of this prefix (ours only), then removes the prefix."""
        server = Path(self.wine).with_name("wineserver")
        server = str(server) if server.exists() else (shutil.which("wineserver") or "wineserver")
        subprocess.run([server, "-k"], env=self.env, capture_output=True, timeout=60)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if subprocess.run([server, "-w"], env=self.env, capture_output=True, timeout=30).returncode == 0:
                break
        shutil.rmtree(self.path, ignore_errors=True)
