"""The renewal's questions as small windows (``ehwatch.tray.dialogs``), for a renewal started from
the tray or from a notification's Renew button. Facts the user should know arrive as notifications
(``notify``, the daemon's; None: nothing to tell)."""
from __future__ import annotations

from pathlib import Path

from ehwatch import i18n
from ehwatch.tray import dialogs


class DialogUI:
    def __init__(self, lang: str, notify):
        self.lang = lang
        self.notify = notify

    def _t(self, key, **params) -> str:
        return i18n.t(key, self.lang, **params)

    def confirm(self, key: str, **params) -> bool:
        return dialogs.confirm(self._t("renewal.title"), self._t(key, **params), self.lang)

    def ask_keystore_password(self, keystore: Path, retry: bool) -> str | None:
        retry_message = self._t("cli.renew.password_wrong") if retry else None
        return dialogs.ask_keystore_password(Path(keystore).name, self.lang, retry_message=retry_message)

    def ask_pin(self, request) -> str | None:
        return dialogs.ask_pin(getattr(request, "holder", None), getattr(request, "tries_left", None), self.lang)

    def ask_contact(self, prefill: dict) -> dict | None:
        return dialogs.ask_contact(prefill, self.lang)

    def show_conditions(self, text: str) -> bool:
        from ehwatch.renewal.conditions import text_of_html

        return dialogs.accept_conditions(self._t("cli.renew.conditions_title"), text_of_html(text), self.lang)

    def review(self, overview) -> bool:
        lines = [self._t(overview.text_prefix + "review_title", cn=overview.common_name)]
        lines += [f"{name}: {value}" for name, value in overview.subject_lines]
        if overview.old_subject_lines:
            lines.append(self._t("cli.renew.review_dn_changed"))
            lines += [f"{name}: {value}" for name, value in overview.old_subject_lines]
        lines += [f"{self._t('cli.renew.field.' + field)}: {overview.contact[field]}"
                  for field in ("email", "general_email", "phone", "general_phone") if overview.contact.get(field)]
        lines.append(self._t(overview.text_prefix + "review_files", old=overview.old_keystore.name,
                        new=overview.new_keystore.name))
        return dialogs.confirm(self._t("cli.renew.review_sign"), "\n".join(lines), self.lang)

    def ask_new_password(self) -> str | None:
        return dialogs.ask_new_password(self.lang)

    def choose(self, key: str, options: list, **params) -> str | None:
        """A window with one button per option (labels as values: the dialog answers with the label)."""
        labels = {label: value for value, label in options}
        chosen = dialogs.show_message(self._t("renewal.title"), self._t(key, **params), self.lang,
                                      actions=[(label, label) for label in labels])
        return labels.get(chosen) if chosen is not None else None

    def tell(self, key: str, **params) -> None:
        self.say(self._t(key, **params))

    def say(self, text: str) -> None:
        if self.notify is not None:
            self.notify(self._t("renewal.title"), text)
