"""The renewal's questions asked in a terminal, or answered from stdin for automation.

On a terminal: hidden prompts for secrets, plain prompts for the rest. Not on a terminal: secrets
are read from stdin, one per line, in the order they are asked (old keystore password if none is
stored, eID PIN, new password, new password again); contact data comes from the options or the
configuration. A PIN is asked once per signature and never retried automatically.
"""
from __future__ import annotations

import getpass
import sys
from pathlib import Path

from ehwatch import i18n, logs


class TerminalUI:
    def __init__(self, lang: str, assume_yes: bool = False, contact: dict | None = None,
                 stdin=None, out=None):
        self.lang = lang
        self.assume_yes = assume_yes
        self.contact_override = {k: v for k, v in (contact or {}).items() if v}
        self.stdin = stdin or sys.stdin
        self.out = out or sys.stdout
        self.interactive = self.stdin.isatty()

    def _t(self, key, **params) -> str:
        return i18n.t(key, self.lang, **params)

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def _secret(self, prompt: str) -> str | None:
        if self.interactive:
            try:
                value = getpass.getpass(prompt + " ")
            except EOFError:
                return None
        else:
            line = self.stdin.readline()
            if not line:
                return None
            value = line.rstrip("\r\n")
        logs.redact(value)
        return value or None

    def _line(self, prompt: str, default: str = "") -> str | None:
        if not self.interactive:
            return default
        shown = f"{prompt} [{default}] " if default else f"{prompt} "
        try:
            answer = input(shown).strip()
        except EOFError:
            return None
        return answer or default

    # -- RenewalUI
    def confirm(self, key: str, **params) -> bool:
        self.say(self._t(key, **params))
        if self.assume_yes:
            return True
        if not self.interactive:
            return False
        answer = self._line(self._t("cli.renew.yes_no"))
        return (answer or "").strip().lower()[:1] in ("y", "o", "j")

    def ask_keystore_password(self, keystore: Path, retry: bool) -> str | None:
        if retry:
            self.say(self._t("cli.renew.password_wrong"))
        return self._secret(self._t("cli.renew.ask_password", file=Path(keystore).name))

    def ask_pin(self, request) -> str | None:
        if getattr(request, "tries_left", None) is not None:
            self.say(self._t("cli.renew.pin_tries", tries=request.tries_left))
        return self._secret(self._t("cli.renew.ask_pin", holder=getattr(request, "holder", None) or "eID"))

    def ask_contact(self, prefill: dict) -> dict | None:
        contact = {**{k: v or "" for k, v in prefill.items()}, **self.contact_override}
        if self.interactive and not self.assume_yes:
            self.say(self._t("cli.renew.contact_intro"))
            for field in ("email", "general_email", "phone", "general_phone"):
                value = self._line(self._t(f"cli.renew.field.{field}"), contact.get(field, ""))
                if value is None:
                    return None
                contact[field] = value
        return contact

    def review(self, overview) -> bool:
        self.say(self._t("cli.renew.review_title", cn=overview.common_name))
        for name, value in overview.subject_lines:
            self.say(f"  {name}: {value}")
        for field in ("email", "general_email", "phone", "general_phone"):
            if overview.contact.get(field):
                self.say(f"  {self._t(f'cli.renew.field.{field}')}: {overview.contact[field]}")
        self.say(self._t("cli.renew.review_files", old=overview.old_keystore.name, new=overview.new_keystore.name))
        return self.confirm("cli.renew.review_sign")

    def ask_new_password(self) -> str | None:
        self.say(self._t("cli.renew.new_password_rules"))
        first = self._secret(self._t("cli.renew.new_password"))
        if first is None:
            return None
        second = self._secret(self._t("cli.renew.new_password_again"))
        if second is None:
            return None
        if first != second:
            from ehwatch.renewal.engine import RenewalStopped

            raise RenewalStopped("renewal.password.mismatch")
        return first

    def tell(self, key: str, **params) -> None:
        self.say(self._t(key, **params))
