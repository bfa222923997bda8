"""What the tests share: helpers (plain functions and classes, import them freely) and fixtures
(registered once in tests/conftest.py through ``pytest_plugins``: never import a fixture by name).

| module | holds |
|---|---|
| `tools.py` | `need_tool` (a real tool, a failure in CI when missing), `run_cli` (ehwatch as a child process), `ROOT` |
| `tiers.py` | the `service` marker, set by itself on every test that reaches a real tool or a child process |
| `keystore_factory.py` | eHealth-like keystores made with keytool / openssl, certificates, CA chains |
| `keystores.py` | the monitor's named keystores (`place(folder, "valid", "expired")`) |
| `softhsm.py` | SoftHSM2 BELPIC tokens; fixtures `rsa_token`, `ec_token`, `rsa_card`, `ec_card`, `fresh_card` |
| `sandbox_server.py` | the eHealth sandbox started for a test; fixture `sandbox` |
| `sandbox_requests.py` | hand-built CertRA/EtkRA requests for the sandbox |
| `ehealth_answers.py` | hand-written eHealth answers (checked against the XSDs); fixtures `eid`, `depot` |
| `renewal_world.py` | a keystore + sandbox + config where a renewal can run end to end |
| `dovecot.py` | the throw-away Dovecot (it lives in ehwatch.sandbox; ``ehwatch demo`` uses it) |
| `mail_samples.py` | eHealth mails (FR/NL) as bytes |
| `desktop.py` | Xvfb + D-Bus + trayer + dunst; fixtures `desktop_session`, `desktop` |
| `secret_service.py` | a private gnome-keyring Secret Service; fixture `secret_service` |
| `daemon_process.py` | ``ehwatch run`` as a child process, watched through its log |
"""
