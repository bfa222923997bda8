"""``ehwatch eid info`` as a user runs it, against a SoftHSM2 BELPIC token named in the configuration."""
from __future__ import annotations

import json

from ehwatch import paths
from tests.support.softhsm import HOLDER, SOFTHSM_MODULE, SSIN
from tests.support.tools import run_cli


def _configure(module: str) -> None:
    config = paths.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'[eid]\npkcs11_module = "{module}"\n', encoding="utf-8")


def test_eid_info_lists_reader_card_holder_and_keys(rsa_card):
    _configure(SOFTHSM_MODULE)
    proc = run_cli("eid", "info")
    assert proc.returncode == 0, proc.stderr
    lines = dict(line.split(": ", 1) for line in proc.stdout.splitlines())
    assert lines["Holder"] == HOLDER
    assert lines["National number"] == SSIN
    assert lines["Keys"] == "Authentication RSA 2048, Signature RSA 2048"
    assert lines["Card"].startswith("BELPIC ") and lines["Reader"].startswith("SoftHSM")


def test_eid_info_json_in_french_setup(ec_card):
    _configure(SOFTHSM_MODULE)
    proc = run_cli("--lang", "fr", "eid", "info", "--json")
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    assert info["ssin"] == SSIN and info["holder"] == HOLDER
    assert info["keys"] == {"Authentication": "EC secp384r1", "Signature": "EC secp384r1"}
    assert info["module"] == SOFTHSM_MODULE and info["token_label"] == "BELPIC"


def test_eid_info_without_middleware_says_what_to_do(tmp_path):
    _configure(str(tmp_path / "libbeidpkcs11.so.0"))
    proc = run_cli("--lang", "fr", "eid", "info")
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr
    assert "middleware" in proc.stderr and "eid.belgium.be" in proc.stderr and str(tmp_path) in proc.stderr
    assert proc.stdout == ""


def test_eid_info_with_no_card_in_the_reader(tmp_path):
    (tmp_path / "tokens").mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\nobjectstore.backend = file\n")
    proc = run_cli("--lang", "nl", "eid", "info", "--module", SOFTHSM_MODULE, env={"SOFTHSM2_CONF": str(conf)})
    assert proc.returncode == 3
    assert proc.stderr.strip() == ("Er werd geen Belgische eID-kaart gevonden in de lezer. "
                                   "Steek uw eID-kaart in de lezer en probeer het opnieuw.")
