"""The settings window (Tk, in the dialog child process of ``tray/dialogs.py``).

Five sections: keystore folders (add, remove), language, the mailbox sign-in (server, user,
password), the contact data given to eHealth, and the reminder days. Every value is checked against
the configuration's schema (``config.check_setting``) and the contact rules of a renewal before the
window closes, so the parent never writes a file ehwatch would refuse at its next start. The password
goes back to the parent through the pipe, which stores it in the keyring; it is never prefilled.
"""
from __future__ import annotations

import re

from ehwatch import config, i18n
from ehwatch.renewal.policy import contact_problems
from ehwatch.tray.dialogs import _Window

LANGUAGES = ("auto", "fr", "nl", "de", "en")


def parse_days(text: str) -> list[int] | None:
    """'30, 14, 7' → [30, 14, 7] (commas, semicolons or spaces); None when it is not a list of numbers."""
    parts = [p for p in re.split(r"[,;\s]+", text.strip()) if p]
    if not parts or not all(p.isdigit() and len(p) <= 4 for p in parts):
        return None
    return sorted({int(p) for p in parts}, reverse=True)


def check(values: dict, lang: str) -> list[str]:
    """What is wrong with the window's values, as sentences (empty: they can be saved)."""
    problems: list[str] = []
    days = parse_days(values.get("notify_days_text", ""))
    if days is None:
        problems.append(i18n.t("tray.settings.bad_days", lang))
    schema = {"keystore_dirs": values.get("keystore_dirs", []), "language": values.get("language", "auto"),
              "mail.host": values.get("mail_host", ""), "mail.username": values.get("mail_username", ""),
              "renewal.email": values.get("email", ""), "renewal.phone": values.get("phone", "")}
    if days is not None:
        schema["notify_days"] = days
    for dotted, value in schema.items():
        problem = config.check_setting(dotted, value)
        if problem:
            problems.append(i18n.t("tray.settings.bad_value", lang, setting=i18n.t(f"tray.settings.name.{dotted}", lang),
                                   problem=i18n.t("config.problem." + problem[0], lang, **problem[1])))
    contact = {"email": values.get("email", ""), "phone": values.get("phone", "")}
    problems += [i18n.t(key, lang, **params) for key, params in contact_problems(contact)
                 if key != "tray.dialog.contact.missing"]      # may stay empty: asked at the renewal
    if values.get("mail_password") and not (values.get("mail_host") and values.get("mail_username")):
        problems.append(i18n.t("tray.settings.password_needs_account", lang))
    return problems


class SettingsDialog(_Window):
    def __init__(self, lang: str, values: dict):
        super().__init__(lang, i18n.t("tray.settings.title", lang), ok_label=i18n.t("tray.settings.save", lang))
        tk, ttk = self.tk, self.ttk
        self.error.configure(wraplength=560)
        ttk.Label(self.body, text=i18n.t("tray.settings.intro", lang), wraplength=560, justify="left").grid(
            row=0, column=0, sticky="w", pady=(4, 8))

        def section(row: int, key: str):
            frame = ttk.LabelFrame(self.body, text=i18n.t(key, lang), padding=(10, 4))
            frame.grid(row=row + 1, column=0, sticky="ew", pady=(0, 6))
            frame.columnconfigure(1, weight=1)
            return frame

        def field(frame, row: int, key: str, value: str = "", secret: bool = False):
            ttk.Label(frame, text=i18n.t(key, lang)).grid(row=row, column=0, sticky="w", padx=(0, 10), pady=2)
            var = tk.StringVar(value=value)
            entry = ttk.Entry(frame, textvariable=var, width=36, show="•" if secret else "")
            entry.grid(row=row, column=1, columnspan=3, sticky="ew", pady=2)
            return var, entry

        # keystore folders: the list, a path typed (Enter adds it) or browsed, the selected one removed
        folders = section(0, "tray.settings.folders")
        self.folders = tk.Listbox(folders, height=3, width=58, activestyle="none", exportselection=False,
                                  takefocus=0)
        self.folders.grid(row=0, column=0, columnspan=4, sticky="ew")
        for folder in values.get("keystore_dirs") or []:
            self.folders.insert("end", folder)
        self.new_folder = tk.StringVar()
        self.focus = ttk.Entry(folders, textvariable=self.new_folder, width=36)
        self.focus.grid(row=1, column=0, columnspan=1, sticky="ew", pady=(6, 0))
        self.focus.bind("<Return>", lambda _e: (self.add_folder(), "break")[1])
        self.focus.bind("<KP_Enter>", lambda _e: (self.add_folder(), "break")[1])
        for column, (key, command) in enumerate((("tray.settings.add", self.add_folder),
                                                 ("tray.settings.browse", self.browse),
                                                 ("tray.settings.remove", self.remove_folder)), start=1):
            ttk.Button(folders, text=i18n.t(key, lang), command=command, takefocus=0).grid(
                row=1, column=column, padx=(6, 0), pady=(6, 0))
        folders.columnconfigure(0, weight=1)

        # language
        language = section(1, "tray.settings.language")
        self.language_names = [i18n.t(f"tray.settings.lang.{code}", lang) for code in LANGUAGES]
        current = values.get("language") if values.get("language") in LANGUAGES else "auto"
        self.language = tk.StringVar(value=self.language_names[LANGUAGES.index(current)])
        box = ttk.Combobox(language, textvariable=self.language, values=self.language_names, state="readonly",
                           width=34)
        box.grid(row=0, column=0, sticky="w")
        box.bind("<Down>", lambda _e: (self._step_language(1), "break")[1])
        box.bind("<Up>", lambda _e: (self._step_language(-1), "break")[1])
        ttk.Label(language, text=i18n.t("tray.settings.language_note", lang), wraplength=300,
                  justify="left").grid(row=0, column=1, sticky="w", padx=(10, 0))

        # the mailbox sign-in: the password to the keyring, never shown back
        mail = section(2, "tray.settings.mail")
        self.mail_host, _ = field(mail, 0, "tray.settings.mail_host", values.get("mail_host", ""))
        self.mail_username, _ = field(mail, 1, "tray.settings.mail_username", values.get("mail_username", ""))
        self.mail_password, _ = field(mail, 2, "tray.settings.mail_password", secret=True)
        note = "tray.settings.password_stored" if values.get("mail_password_stored") else "tray.settings.password_note"
        ttk.Label(mail, text=i18n.t(note, lang), wraplength=560, justify="left").grid(
            row=3, column=0, columnspan=4, sticky="w", pady=(2, 0))

        # the contact data eHealth asks at each renewal
        contact = section(3, "tray.settings.contact")
        self.email, _ = field(contact, 0, "tray.settings.email", values.get("email", ""))
        self.phone, _ = field(contact, 1, "tray.settings.phone", values.get("phone", ""))

        # reminders
        reminders = section(4, "tray.settings.reminders")
        days = ", ".join(str(d) for d in values.get("notify_days") or [])
        self.days, _ = field(reminders, 0, "tray.settings.days", days)
        ttk.Label(reminders, text=i18n.t("tray.settings.days_note", lang), wraplength=560, justify="left").grid(
            row=1, column=0, columnspan=4, sticky="w", pady=(2, 0))

    # -- folders ----------------------------------------------------------------------------------------
    def add_folder(self) -> None:
        folder = self.new_folder.get().strip()
        if not folder:
            self.browse()
            return
        if folder not in self.folders.get(0, "end"):
            self.folders.insert("end", folder)
        self.new_folder.set("")

    def browse(self) -> None:
        from tkinter import filedialog

        chosen = filedialog.askdirectory(parent=self.root, mustexist=True)
        if chosen:
            self.new_folder.set(chosen)
            self.add_folder()

    def remove_folder(self) -> None:
        selected = self.folders.curselection()
        if selected:
            self.folders.delete(selected[0])
        elif self.folders.size():
            self.folders.delete("end")

    def _step_language(self, step: int) -> None:
        index = self.language_names.index(self.language.get()) if self.language.get() in self.language_names else 0
        self.language.set(self.language_names[(index + step) % len(self.language_names)])

    # -- the answer -------------------------------------------------------------------------------------
    def values(self) -> dict:
        name = self.language.get()
        if self.new_folder.get().strip():          # typed but not added: the user meant it
            self.add_folder()
        return {
            "keystore_dirs": list(self.folders.get(0, "end")),
            "language": LANGUAGES[self.language_names.index(name)] if name in self.language_names else "auto",
            "mail_host": self.mail_host.get().strip(),
            "mail_username": self.mail_username.get().strip(),
            "mail_password": self.mail_password.get(),
            "email": self.email.get().strip(),
            "phone": self.phone.get().strip(),
            "notify_days_text": self.days.get(),
        }

    def submit(self) -> None:
        values = self.values()
        problems = check(values, self.lang)
        if problems:
            self.error.configure(text="\n".join(problems))
            return
        values["notify_days"] = parse_days(values.pop("notify_days_text"))
        self.answer(values)
