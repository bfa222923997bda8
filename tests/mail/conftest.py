"""Fixtures of the mail tests: a real Dovecot (see tests/dovecot.py) and ehwatch configured for it."""
from __future__ import annotations

import pytest

from tests.support.dovecot import DOVECOT, Dovecot
from tests.support.tools import need_tool


@pytest.fixture
def make_dovecot(tmp_path):
    """Factory: ``make_dovecot(security="ssl", idle=True, mailboxes=...)`` → a started server, closed after."""
    need_tool(DOVECOT)
    servers: list[Dovecot] = []

    def make(security: str = "ssl", **options) -> Dovecot:
        server = Dovecot(tmp_path, security, **options)
        servers.append(server)
        return server.start()

    yield make
    for server in servers:
        server.close()
        assert server.leftover_processes() == [], "Dovecot left processes behind"


@pytest.fixture
def dovecot(make_dovecot) -> Dovecot:
    """An IMAPS server (self-signed certificate, trusted through its cafile) with a \\Junk folder."""
    return make_dovecot("ssl")


@pytest.fixture
def configure_mail(isolated_home):
    """Writes the [mail] section for a server into the test's config file; stores the password unless told not to."""
    from ehwatch import paths, secrets

    def configure(server: Dovecot, store_password: bool = True, **overrides):
        security = {"plain": "none"}.get(server.security, server.security)
        values = {"host": server.host, "port": server.port, "security": security, "username": server.user,
                  "cafile": server.cafile, **overrides}
        lines = ["[mail]"]
        for key, value in values.items():
            if isinstance(value, bool):
                lines.append(f"{key} = {'true' if value else 'false'}")
            elif isinstance(value, int):
                lines.append(f"{key} = {value}")
            elif isinstance(value, list):
                lines.append(f"{key} = [" + ", ".join(f'"{v}"' for v in value) + "]")
            else:
                lines.append(f'{key} = "{value}"')
        path = paths.config_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        if store_password:
            secrets.set_mail_secret(server.user, server.host, server.password)
        return path

    return configure
