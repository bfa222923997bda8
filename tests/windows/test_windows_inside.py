"""Linux-side driver: ehwatch's Windows test set (tests/windows/inside) run by the Windows CPython under Wine.

Linux makes what Windows cannot make here: keystores written by keytool (Java 17 AES, Java legacy)
and openssl (legacy), and a real Dovecot on 127.0.0.1 with eHealth's mails in it. It hands them over
in a JSON manifest (Windows paths through the Z: drive), runs pytest inside the Windows Python, and
fails with the whole Windows output when that run fails or runs fewer tests than it holds.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from tests.support import mail_samples as samples
from tests.support.dovecot import DOVECOT, Dovecot
from tests.support.keystore_factory import make_ehealth_keystore
from tests.support.tools import need_tool
from tests.windows.wine import PYTHON, PYTHONW, ROOT, RUN_KEY, WinePrefix, winpath

PASSWORD = "Vertrouwelijk-7"
INSIDE = ROOT / "tests" / "windows" / "inside"


@pytest.fixture(scope="module")
def prefix(tmp_path_factory):
    wine = WinePrefix(tmp_path_factory.mktemp("wine"))
    yield wine
    wine.close()


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory):
    """The keystores and the mailbox the Windows tests use, described in fixtures.json."""
    need_tool("keytool")
    need_tool("openssl")
    need_tool(DOVECOT)
    base = tmp_path_factory.mktemp("winfix")
    manifest: dict = {"password": PASSWORD, "keystores": {}}
    formats = {"aes": "java17", "legacy": "java-legacy", "openssl": "openssl-legacy"}
    for n, (label, fmt) in enumerate(formats.items()):
        path = make_ehealth_keystore(base / "formats", identifier=f"SSIN=7504040{n}976", holder="MARIE DUBOIS",
                                     password=PASSWORD, fmt=fmt, days_valid=400 - n)
        manifest["keystores"][label] = winpath(path)
    # A holder whose name no ANSI or OEM code page can write (Ł): the --json and pipe tests use it.
    accented = make_ehealth_keystore(base / "accented", identifier="SSIN=75040404976", holder="ÉLODIE ŁUKASZEWSKA",
                                     password=PASSWORD, fmt="java17", days_valid=20)
    manifest["accented"] = winpath(accented)
    dozen = []
    for n in range(12):
        dozen.append(winpath(make_ehealth_keystore(
            base / "dozen", identifier=f"SSIN=750404{n:02d}976", holder=f"DOCTEUR {n}", password=PASSWORD,
            fmt="java-legacy" if n % 3 == 0 else "java17", days_valid=100 + n)))
    manifest["dozen"] = dozen
    mails = base / "mails"
    mails.mkdir()
    (mails / "produced-114500.eml").write_bytes(samples.produced(n="114500"))
    manifest["idle_mail"] = winpath(mails / "produced-114500.eml")
    server = Dovecot(base, "ssl").start()
    server.append("INBOX", samples.produced(n="114419"))
    server.append("Junk", samples.received(n="114420"))
    server.append("INBOX", samples.message("Lunch?", "Shall we meet at noon?", sender="colleague@example.be"))
    manifest["imap"] = {"host": server.host, "port": server.port, "user": server.user,
                        "password": server.password, "cafile": winpath(server.cafile)}
    (base / "fixtures.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    yield base
    server.close()
    assert server.leftover_processes() == [], "Dovecot left processes behind"


@pytest.mark.timeout(1200)
def test_the_windows_test_set_passes_inside_the_windows_python(prefix, fixtures):
    junit = fixtures / "junit.xml"
    proc = prefix.python(
        "-m", "pytest", "-q", "-c", winpath(INSIDE / "pytest.ini"), "--rootdir", winpath(INSIDE),
        "--confcutdir", winpath(INSIDE), "--junitxml", winpath(junit), winpath(INSIDE),
        # A Dutch-speaking Windows (Wine takes its display language from LANG): ehwatch must speak Dutch
        # with no LANG of its own; the tests set LANG themselves where they need one.
        env={"EHWATCH_WIN_FIXTURES": winpath(fixtures / "fixtures.json"), "PYTHONIOENCODING": "utf-8",
             "LANG": "nl_BE.UTF-8", "LC_ALL": "nl_BE.UTF-8", "EHWATCH_EXPECT_LANGUAGE": "nl"},
        cwd=fixtures, timeout=900)
    output = (proc.stdout + proc.stderr).decode("utf-8", "replace")
    print(output)
    assert proc.returncode == 0, f"the Windows test set failed under Wine (exit {proc.returncode}):\n{output}"
    # A Windows process that crashes in Wine may still exit 0: the report must exist and count every test.
    assert junit.exists(), f"the Windows pytest wrote no report (it crashed):\n{output}"
    suite = ET.parse(junit).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    expected = sum(len(re.findall(r"^def test_", p.read_text(encoding="utf-8"), re.M))
                   for p in INSIDE.glob("test_*.py"))
    ran = int(suite.get("tests")) - int(suite.get("skipped"))
    assert int(suite.get("failures")) == 0 and int(suite.get("errors")) == 0
    assert ran >= expected, f"only {ran} of the {expected} Windows tests ran:\n{output}"


def test_autostart_run_key_read_back_with_wine_reg(prefix, fixtures):
    """`ehwatch autostart enable` from the Windows Python writes HKCU\\...\\Run; `wine reg query` reads it:
    pythonw.exe (no console window at login), never python.exe; disable removes it."""
    assert prefix.reg_query(RUN_KEY, "ehwatch") is None
    enabled = prefix.ehwatch("autostart", "enable", timeout=120)
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    value = prefix.reg_query(RUN_KEY, "ehwatch")
    assert value is not None, "the Run value was not written"
    assert value.lower().startswith(winpath(PYTHONW).lower()) or value.lower().startswith(
        '"' + winpath(PYTHONW).lower()), value
    assert "python.exe" not in value.lower().replace("pythonw.exe", "")
    assert value.endswith("-m ehwatch run")
    status = prefix.ehwatch("autostart", "status", timeout=120)
    assert status.returncode == 0 and b"pythonw.exe" in status.stdout
    disabled = prefix.ehwatch("autostart", "disable", timeout=120)
    assert disabled.returncode == 0, disabled.stdout + disabled.stderr
    assert prefix.reg_query(RUN_KEY, "ehwatch") is None
    assert PYTHON.exists()
