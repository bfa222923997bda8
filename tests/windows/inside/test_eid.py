"""The eID middleware on Windows: beidpkcs11.dll where the Belgian installer puts it, or the configured
path; a clear sentence in FR/NL/EN when it is missing or is not a PKCS#11 library. No card reader, no
card and no Windows PKCS#11 module exist under Wine here: loading is exercised with a DLL that is not
a PKCS#11 library (Windows' loader really runs; PyKCS11 refuses it)."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from winhelpers import run_ehwatch

NOT_PKCS11 = Path(sys.base_prefix) / "python3.dll"   # a real DLL without C_GetFunctionList


@pytest.fixture
def placed():
    """place(path) copies a DLL that is not PKCS#11 to ``path``; removed afterwards."""
    made: list[Path] = []

    def place(path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NOT_PKCS11, path)
        made.append(path)
        return path

    yield place
    for path in made:
        path.unlink(missing_ok=True)
        for parent in (path.parent, path.parent.parent):
            if parent.name in ("Pkcs11", "Belgium Identity Card") and not any(parent.iterdir()):
                parent.rmdir()


def system32() -> Path:
    return Path(os.environ["SystemRoot"]) / "System32"


def test_nothing_installed_says_so_in_three_languages():
    from ehwatch.renewal import eid

    assert not (system32() / "beidpkcs11.dll").exists()
    with pytest.raises(eid.MiddlewareMissing) as info:
        eid.find_module("")
    for lang, word in (("fr", "installé"), ("nl", "geïnstalleerd"), ("en", "installed")):
        text = info.value.message(lang)
        assert word in text and "eid.belgium.be" in text
    proc = run_ehwatch("--lang", "nl", "eid", "info", env={"PYTHONIOENCODING": "utf-8"})
    assert proc.returncode != 0 and b"Traceback" not in proc.stderr, proc
    assert "eid.belgium.be" in proc.stderr.decode("utf-8") + proc.stdout.decode("utf-8")


@pytest.mark.parametrize("where", ["system32", "program files", "program files pkcs11"])
def test_the_middleware_is_found_where_its_installer_puts_it(placed, where):
    from ehwatch.renewal import eid

    target = {"system32": system32() / "beidpkcs11.dll",
              "program files": Path(os.environ["ProgramFiles"]) / "Belgium Identity Card" / "beidpkcs11.dll",
              "program files pkcs11": Path(os.environ["ProgramFiles"]) / "Belgium Identity Card" / "Pkcs11"
              / "beidpkcs11.dll"}[where]
    placed(target)
    assert Path(eid.find_module("")) == target
    assert "SysWOW64" not in eid.find_module("")  # never the 32-bit DLL in a 64-bit Python


def test_a_configured_path_wins_and_may_use_windows_variables(placed, tmp_path, monkeypatch):
    from ehwatch.renewal import eid

    dll = placed(tmp_path / "Middleware eID" / "beidpkcs11.dll")
    assert eid.find_module(str(dll)) == str(dll)
    assert eid.find_module(f'"{dll}"') == str(dll)          # pasted from Explorer's "Copy as path"
    monkeypatch.setenv("EHWATCH_TEST_MW", str(dll.parent))
    assert eid.find_module(r"%EHWATCH_TEST_MW%\beidpkcs11.dll") == str(dll)
    with pytest.raises(eid.MiddlewareMissing) as info:
        eid.find_module(str(tmp_path / "absent" / "beidpkcs11.dll"))
    for lang in ("fr", "nl", "en"):
        assert str(tmp_path / "absent" / "beidpkcs11.dll") in info.value.message(lang)


def test_a_dll_that_is_not_pkcs11_gives_a_clear_error_and_nothing_is_signed(placed):
    from ehwatch.renewal import eid

    dll = placed(system32() / "beidpkcs11.dll")
    with pytest.raises(eid.MiddlewareBroken) as info:
        with eid.Eid():
            pass
    for lang, word in (("fr", "Réinstallez"), ("nl", "opnieuw"), ("en", "Reinstall")):
        assert str(dll) in info.value.message(lang) and word in info.value.message(lang)
    proc = run_ehwatch("--lang", "fr", "eid", "info", env={"PYTHONIOENCODING": "utf-8"})
    assert proc.returncode != 0 and b"Traceback" not in proc.stderr, proc
    assert "Réinstallez" in proc.stderr.decode("utf-8") + proc.stdout.decode("utf-8")
