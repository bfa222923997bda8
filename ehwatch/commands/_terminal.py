"""The renewal's questions asked in a terminal, or answered from standard input for automation.

On a terminal: hidden prompts for secrets, plain prompts for the rest, eHealth's conditions in a
pager. Not on a terminal, answers are named lines on standard input, each used for its own question
only (a keystore password can never reach the eID as a PIN)::

    old_password=…     the old keystore's password, when the keyring has none
    new_password=…     the new keystore's password
    pin=…              the eID PIN (read once: a wrong PIN is never retried)

An answer that is asked and not given stops the renewal before anything is signed. Contact data
comes from the options or the configuration; the conditions need ``--accept-conditions``.
"""
from __future__ import annotations

import getpass
import sys
from pathlib import Path

from ehwatch import i18n, logs

ANSWER_NAMES = ("old_password", "new_password", "pin")
MAX_STDIN = 64 * 1024


class TerminalUI:
    def __init__(self, lang: str, assume_yes: bool = False, contact: dict | None = None,
                 accept_conditions: bool = False, stdin=None, out=None):
        self.lang = lang
        self.assume_yes = assume_yes
        self.accept_conditions = accept_conditions
        self.contact_override = {k: v for k, v in (contact or {}).items() if v}
        self.stdin = stdin or sys.stdin
        self.out = out or sys.stdout
        self.interactive = self.stdin.isatty()
        self._answers: dict[str, str] | None = None
        self._pin_keys: set[str] = set()      # eID keys the named PIN was already given to
        self._pin: str | None = None

    def _t(self, key, **params) -> str:
        return i18n.t(key, self.lang, **params)

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def _named(self, name: str) -> str | None:
        """The answer named ``name`` from standard input, used once; None (said) when not given."""
        if self._answers is None:
            self._answers = read_answers(self.stdin.read(MAX_STDIN))
        value = self._answers.pop(name, None)
        if value is None:
            self.say(self._t("cli.renew.answer_missing", name=name))
            return None
        logs.redact(value)
        return value or None

    def _secret(self, prompt: str, name: str) -> str | None:
        if not self.interactive:
            return self._named(name)
        try:
            value = getpass.getpass(prompt + " ")
        except EOFError:
            return None
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
        from ehwatch.renewal.start import NEVER_ASSUMED

        self.say(self._t(key, **params))
        if self.assume_yes and key not in NEVER_ASSUMED:
            return True
        if not self.interactive:
            return False
        answer = self._line(self._t("cli.renew.yes_no"))
        return (answer or "").strip().lower()[:1] in ("y", "o", "j")

    def ask_keystore_password(self, keystore: Path, retry: bool) -> str | None:
        if retry:
            self.say(self._t("cli.renew.password_wrong"))
            if not self.interactive:
                return None                        # the one named answer did not open it
        return self._secret(self._t("cli.renew.ask_password", file=Path(keystore).name), "old_password")

    def ask_pin(self, request) -> str | None:
        if getattr(request, "tries_left", None) is not None:
            self.say(self._t("cli.renew.pin_tries", tries=request.tries_left))
        prompt = self._t("cli.renew.ask_pin", holder=getattr(request, "holder", None) or "eID")
        if self.interactive:
            return self._secret(prompt, "pin")
        # automation: the named PIN serves each eID key once (an organisation's request signs with the
        # Authentication key, then the Signature key); asked again for the same key — after a wrong
        # PIN — it is never given again
        key = str(getattr(request, "key_label", None) or "Signature")
        if key in self._pin_keys:
            self.say(self._t("cli.renew.answer_missing", name="pin"))
            return None
        if self._pin is None:
            self._pin = self._named("pin")
        self._pin_keys.add(key)
        return self._pin

    def choose(self, key: str, options: list, **params) -> str | None:
        """One of ``options`` ([value, label] pairs), by its number; the first when --yes."""
        self.say(self._t(key, **params))
        for number, (_, label) in enumerate(options, 1):
            self.say(f"  {number}. {label}")
        if self.assume_yes or not self.interactive:
            return options[0][0] if self.assume_yes and options else None
        answer = self._line(self._t("cli.choose.number", count=len(options)))
        if answer and answer.strip().isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1][0]
        return None

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

    def show_conditions(self, text: str) -> bool:
        """eHealth's conditions, read before anything is signed: in a pager on a terminal, printed
        otherwise; accepted by typing yes, or by ``--accept-conditions`` for automation."""
        import pydoc  # here: the pager costs every other command 12 ms at start

        from ehwatch.renewal.conditions import text_of_html

        plain = text_of_html(text)
        title = self._t("cli.renew.conditions_title")
        if self.interactive and not self.assume_yes:
            pydoc.pager(f"{title}\n\n{plain}\n")
            return self.confirm("cli.renew.accept_conditions")
        self.say(f"{title}\n\n{plain}\n")
        if self.accept_conditions:
            self.say(self._t("cli.renew.conditions_accepted_by_flag"))
            return True
        self.say(self._t("cli.renew.conditions_need_flag"))
        return False

    def review(self, overview) -> bool:
        self.say(self._t(overview.text_prefix + "review_title", cn=overview.common_name))
        for name, value in overview.subject_lines:
            self.say(f"  {name}: {value}")
        if overview.old_subject_lines:
            self.say(self._t("cli.renew.review_dn_changed"))
            for name, value in overview.old_subject_lines:
                self.say(f"  {name}: {value}")
        for field in ("email", "general_email", "phone", "general_phone"):
            if overview.contact.get(field):
                self.say(f"  {self._t(f'cli.renew.field.{field}')}: {overview.contact[field]}")
        self.say(self._t(overview.text_prefix + "review_files", old=overview.old_keystore.name,
                        new=overview.new_keystore.name))
        return self.confirm("cli.renew.review_sign")

    def ask_new_password(self) -> str | None:
        self.say(self._t("cli.renew.new_password_rules"))
        if not self.interactive:
            return self._named("new_password")
        first = self._secret(self._t("cli.renew.new_password"), "new_password")
        if first is None:
            return None
        second = self._secret(self._t("cli.renew.new_password_again"), "new_password")
        if second is None:
            return None
        if first != second:
            from ehwatch.renewal.stops import RenewalStopped

            raise RenewalStopped("renewal.password.mismatch")
        return first

    def tell(self, key: str, **params) -> None:
        self.say(self._t(key, **params))


def read_answers(text: str) -> dict[str, str]:
    """``name=value`` lines; unknown names and other lines are ignored (and never echoed)."""
    answers: dict[str, str] = {}
    for line in text.splitlines():
        name, sep, value = line.partition("=")
        if sep and name.strip() in ANSWER_NAMES:
            answers[name.strip()] = value.rstrip("\r\n")
    return answers
