"""Small windows that ask the user something: keystore password, eID PIN, contact data, a new
password, a confirmation, a message with choices.

Each dialog runs in a short-lived child process (``python -m ehwatch.tray.dialogs``) so that Tk never
shares a process with the tray's GTK main loop. The request goes in as one JSON object on stdin and
the answer comes back as one JSON object on stdout: secrets travel through the pipe, never on a
command line. The screens follow the Certificate Manager's (keystore password, PIN, contact data,
new password with live checks) with fewer steps.

Public functions (called by the daemon, in its own process) return the answer, or None when the user
cancelled or closed the window.
"""
from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Sequence

from ehwatch import i18n, logs
from ehwatch.errors import EhwatchError
from ehwatch.renewal.policy import contact_problems, password_acceptable, password_checks  # noqa: F401

log = logging.getLogger(__name__)

# The command that runs the dialog process. A frozen (PyInstaller) build has no ``-m``: it runs its
# own executable with CHILD_ENV set, and its entry point calls ``run_child_if_requested()`` first.
DIALOG_COMMAND: list[str] | None = None
CHILD_ENV = "EHWATCH_DIALOG_CHILD"

PIN = re.compile(r"^[0-9]{4,12}$")


class DialogUnavailable(EhwatchError):
    """The dialog could not be shown (no display, Tk missing); the caller says so in its own way."""


# -- the parent side --------------------------------------------------------------------------------
def _command() -> list[str]:
    if DIALOG_COMMAND:
        return list(DIALOG_COMMAND)
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "ehwatch.tray.dialogs"]


def run_child_if_requested() -> None:
    """For an entry point that cannot be started with ``-m`` (a frozen build): when this process was
    started as a dialog child, show the dialog and exit; otherwise return at once."""
    if os.environ.get(CHILD_ENV) == "1":
        sys.exit(main())


def run_dialog(kind: str, lang: str | None, **params):
    """Runs one dialog in a child process; returns its answer (None = cancelled)."""
    lang = lang or i18n.current_language()
    request = json.dumps({"dialog": kind, "lang": lang, "params": params})
    try:
        proc = subprocess.run(_command(), input=request, capture_output=True, text=True,
                              env=dict(os.environ, **{CHILD_ENV: "1"}))
    except OSError as exc:
        raise DialogUnavailable("tray.dialog.unavailable", detail=type(exc).__name__) from exc
    if proc.returncode != 0 or not proc.stdout.strip():
        log.warning("dialog %s failed (exit %s): %s", kind, proc.returncode, proc.stderr.strip()[-500:])
        raise DialogUnavailable("tray.dialog.unavailable", detail=f"exit {proc.returncode}")
    reply = json.loads(proc.stdout.strip().splitlines()[-1])
    return None if reply.get("cancelled") else reply.get("answer")


def ask_keystore_password(keystore_name: str, lang, retry_message: str | None = None) -> str | None:
    """The password of one keystore (``retry_message``: why the previous one was refused)."""
    answer = run_dialog("password", lang, keystore_name=keystore_name, retry_message=retry_message)
    logs.redact(answer)
    return answer


def ask_pin(holder: str | None, tries_left: int | None, lang) -> str | None:
    """The eID PIN (4 to 12 digits); ``tries_left`` warns before the card blocks."""
    answer = run_dialog("pin", lang, holder=holder, tries_left=tries_left)
    logs.redact(answer)
    return answer


def ask_contact(prefill: dict, lang) -> dict | None:
    """Contact data for the certificate request: ``email`` and ``phone`` required,
    ``general_email`` and ``general_phone`` optional; validated before the window closes."""
    fields = ("email", "phone", "general_email", "general_phone")
    return run_dialog("contact", lang, prefill={k: str(prefill.get(k) or "") for k in fields})


def ask_new_password(lang) -> str | None:
    """A new keystore password, typed twice, checked live (>= 8 characters with a digit or a symbol)."""
    answer = run_dialog("new_password", lang)
    logs.redact(answer)
    return answer


def confirm(title: str, text: str, lang, ok_label: str | None = None) -> bool:
    return bool(run_dialog("confirm", lang, title=title, text=text, ok_label=ok_label))


def accept_conditions(title: str, text: str, lang) -> bool:
    """eHealth's conditions in a scrollable window; True only when "I accept" was clicked."""
    return bool(run_dialog("conditions", lang, title=title, text=text))


def show_message(title: str, text: str, lang, actions: Sequence[tuple[str, str]] = ()) -> str | None:
    """A message with buttons ``(action_id, label)``; returns the action chosen, None if closed
    (or for the plain OK button when there are no actions)."""
    return run_dialog("message", lang, title=title, text=text, actions=[list(a) for a in actions])


def show_status(title: str, intro: str, rows: Sequence[tuple[str, Sequence[tuple[str, str]]]], lang,
                close_label: str | None = None) -> str | None:
    """The status window: one row per certificate or problem, each with its buttons ``(action_id,
    label)``; returns the action chosen, None when closed."""
    return run_dialog("status", lang, title=title, intro=intro, close_label=close_label,
                      rows=[[text, [list(a) for a in actions]] for text, actions in rows])


def edit_settings(values: dict, lang) -> dict | None:
    """The settings window (``tray/settings.py`` says what the values are); the answer is checked
    against the configuration's schema before the window closes. None when cancelled."""
    answer = run_dialog("settings", lang, values=values)
    if answer and answer.get("mail_password"):
        logs.redact(answer["mail_password"])
    return answer


# -- the child side: Tk windows ---------------------------------------------------------------------
class _Window:
    """A dialog window: a bold title, an explanation, a body, then Cancel / OK at the bottom right.
    Enter means OK, Escape and the window's close button mean Cancel."""

    def __init__(self, lang: str, title: str, intro: str = "", ok_label: str | None = None,
                 cancel: bool = True):
        import tkinter as tk
        from tkinter import ttk

        self.tk, self.ttk, self.lang = tk, ttk, lang
        self.result: dict = {"cancelled": True}
        self.root = tk.Tk(className="ehwatch")
        self.root.title(title)
        self.root.resizable(False, False)
        style = ttk.Style(self.root)
        if "clam" in style.theme_names() and sys.platform.startswith("linux"):
            style.theme_use("clam")
        style.configure("Title.TLabel", font=("TkDefaultFont", 12, "bold"))
        style.configure("Error.TLabel", foreground="#b00020")
        style.configure("Good.TLabel", foreground="#1b7f2a")
        outer = ttk.Frame(self.root, padding=16)
        outer.grid(sticky="nsew")
        ttk.Label(outer, text=title, style="Title.TLabel").grid(row=0, column=0, sticky="w")
        if intro:
            ttk.Label(outer, text=intro, wraplength=420, justify="left").grid(row=1, column=0, sticky="w",
                                                                               pady=(6, 10))
        self.body = ttk.Frame(outer)
        self.body.grid(row=2, column=0, sticky="ew")
        self.error = ttk.Label(outer, text="", style="Error.TLabel", wraplength=420, justify="left")
        self.error.grid(row=3, column=0, sticky="w", pady=(6, 0))
        buttons = ttk.Frame(outer)
        buttons.grid(row=4, column=0, sticky="e", pady=(12, 0))
        if cancel:
            ttk.Button(buttons, text=i18n.t("tray.dialog.cancel", lang), command=self.cancel).grid(
                row=0, column=0, padx=(0, 8))
        self.ok_button = ttk.Button(buttons, text=ok_label or i18n.t("tray.dialog.ok", lang),
                                    command=self.submit, default="active")
        self.ok_button.grid(row=0, column=1)
        self.buttons = buttons
        self.root.bind("<Return>", lambda _e: self.submit())
        self.root.bind("<KP_Enter>", lambda _e: self.submit())
        self.root.bind("<Escape>", lambda _e: self.cancel())
        self.root.protocol("WM_DELETE_WINDOW", self.cancel)

    def entry(self, row: int, label: str, secret: bool = False, value: str = ""):
        ttk = self.ttk
        ttk.Label(self.body, text=label).grid(row=row, column=0, sticky="w", padx=(0, 10), pady=3)
        var = self.tk.StringVar(value=value)
        widget = ttk.Entry(self.body, textvariable=var, width=32, show="•" if secret else "")
        widget.grid(row=row, column=1, sticky="ew", pady=3)
        return var, widget

    def answer(self, value) -> None:
        self.result = {"answer": value}
        self.root.destroy()

    def cancel(self) -> None:
        self.result = {"cancelled": True}
        self.root.destroy()

    def submit(self) -> None:  # overridden by each dialog
        self.answer(True)

    def show(self, focus=None) -> dict:
        self.root.update_idletasks()
        # centre on the screen; stay above other windows so a dialog from the tray is not lost
        w, h = self.root.winfo_reqwidth(), self.root.winfo_reqheight()
        x = max(0, (self.root.winfo_screenwidth() - w) // 2)
        y = max(0, (self.root.winfo_screenheight() - h) // 3)
        self.root.geometry(f"+{x}+{y}")
        self.root.attributes("-topmost", True)
        self.root.deiconify()
        self.root.lift()
        target = focus or self.ok_button
        self.root.after(50, lambda: (self.root.focus_force(), target.focus_force()))
        self.root.mainloop()
        return self.result


class _PasswordDialog(_Window):
    def __init__(self, lang, keystore_name: str, retry_message: str | None = None):
        super().__init__(lang, i18n.t("tray.dialog.password.title", lang),
                         i18n.t("tray.dialog.password.intro", lang, name=keystore_name))
        self.var, self.widget = self.entry(0, i18n.t("tray.dialog.password.label", lang), secret=True)
        if retry_message:
            self.error.configure(text=retry_message)

    def submit(self):
        if self.var.get():
            self.answer(self.var.get())


class _PinDialog(_Window):
    def __init__(self, lang, holder: str | None, tries_left: int | None):
        intro = i18n.t("tray.dialog.pin.intro", lang)
        if holder:
            intro += "\n" + i18n.t("tray.dialog.pin.holder", lang, holder=holder)
        super().__init__(lang, i18n.t("tray.dialog.pin.title", lang), intro)
        self.var, self.widget = self.entry(0, i18n.t("tray.dialog.pin.label", lang), secret=True)
        if tries_left is not None:
            self.error.configure(text=i18n.t("tray.dialog.pin.tries", lang, tries=tries_left))

    def submit(self):
        if PIN.match(self.var.get()):
            self.answer(self.var.get())
        else:
            self.error.configure(text=i18n.t("tray.dialog.pin.invalid", lang=self.lang))


class _ContactDialog(_Window):
    FIELDS = ("email", "phone", "general_email", "general_phone")

    def __init__(self, lang, prefill: dict):
        super().__init__(lang, i18n.t("tray.dialog.contact.title", lang), i18n.t("tray.dialog.contact.intro", lang))
        self.vars = {}
        self.widgets = []
        for row, name in enumerate(self.FIELDS):
            var, widget = self.entry(row, i18n.t(f"tray.dialog.contact.{name}", lang), value=prefill.get(name, ""))
            self.vars[name] = var
            self.widgets.append(widget)
        self.ttk.Label(self.body, text=i18n.t("tray.dialog.required", lang)).grid(
            row=len(self.FIELDS), column=1, sticky="e")

    def submit(self):
        values = {name: var.get().strip() for name, var in self.vars.items()}
        problems = contact_problems(values)
        if problems:
            self.error.configure(text="\n".join(i18n.t(key, self.lang, **params) for key, params in problems))
            return
        self.answer(values)


class _NewPasswordDialog(_Window):
    CHECKS = ("length", "chars", "digit_or_symbol", "match")

    def __init__(self, lang):
        super().__init__(lang, i18n.t("tray.dialog.newpw.title", lang), i18n.t("tray.dialog.newpw.intro", lang))
        self.first, self.first_widget = self.entry(0, i18n.t("tray.dialog.newpw.first", lang), secret=True)
        self.second, _ = self.entry(1, i18n.t("tray.dialog.newpw.second", lang), secret=True)
        self.marks = {}
        for row, name in enumerate(self.CHECKS, start=2):
            mark = self.ttk.Label(self.body, text="✗", style="Error.TLabel")
            mark.grid(row=row, column=0, sticky="e", padx=(0, 10))
            self.ttk.Label(self.body, text=i18n.t(f"tray.dialog.newpw.check.{name}", lang),
                           wraplength=330, justify="left").grid(row=row, column=1, sticky="w")
            self.marks[name] = mark
        for var in (self.first, self.second):
            var.trace_add("write", lambda *_: self.refresh())
        self.refresh()

    def refresh(self):
        checks = password_checks(self.first.get(), self.second.get())
        for name, ok in checks.items():
            self.marks[name].configure(text="✓" if ok else "✗", style="Good.TLabel" if ok else "Error.TLabel")
        self.ok_button.state(["!disabled"] if all(checks.values()) else ["disabled"])

    def submit(self):
        if password_acceptable(self.first.get(), self.second.get()):
            self.answer(self.first.get())


class _ConfirmDialog(_Window):
    def __init__(self, lang, title: str, text: str, ok_label: str | None = None):
        super().__init__(lang, title, text, ok_label=ok_label)

    def submit(self):
        self.answer(True)


class _ConditionsDialog(_Window):
    """A long text to read (scrollable, read-only), accepted only by its explicit button; Enter does
    not accept (a conditions text is not accepted by reflex)."""

    def __init__(self, lang, title: str, text: str):
        super().__init__(lang, title, i18n.t("tray.dialog.conditions.intro", lang),
                         ok_label=i18n.t("tray.dialog.conditions.accept", lang))
        view = self.tk.Text(self.body, width=80, height=22, wrap="word", relief="sunken", borderwidth=1)
        bar = self.ttk.Scrollbar(self.body, orient="vertical", command=view.yview)
        view.configure(yscrollcommand=bar.set)
        view.insert("1.0", text)
        view.configure(state="disabled")
        view.grid(row=0, column=0, sticky="nsew")
        bar.grid(row=0, column=1, sticky="ns")
        self.widget = view
        self.root.unbind("<Return>")
        self.root.unbind("<KP_Enter>")

    def submit(self):
        self.answer(True)


class _MessageDialog(_Window):
    def __init__(self, lang, title: str, text: str, actions: list):
        super().__init__(lang, title, text, cancel=False)
        if actions:
            self.ok_button.grid_remove()
            for column, (action_id, label) in enumerate(actions):
                button = self.ttk.Button(self.buttons, text=label,
                                         command=lambda a=action_id: self.answer(a))
                button.grid(row=0, column=column, padx=(8, 0))
        self.default_action = actions[-1][0] if actions else None

    def submit(self):
        self.answer(self.default_action)


class _StatusDialog(_Window):
    """Rows of text, each with its own buttons (the next step for that certificate); Close at the bottom."""

    def __init__(self, lang, title: str, intro: str, rows: list, close_label: str | None = None):
        super().__init__(lang, title, intro, ok_label=close_label, cancel=False)
        self.first_button = None
        for row, (text, actions) in enumerate(rows):
            self.ttk.Label(self.body, text=text, wraplength=430, justify="left").grid(
                row=row, column=0, sticky="w", padx=(0, 12), pady=4)
            for column, (action_id, label) in enumerate(actions, start=1):
                button = self.ttk.Button(self.body, text=label, command=lambda a=action_id: self.answer(a))
                button.grid(row=row, column=column, sticky="e", pady=4)
                self.first_button = self.first_button or button

    def submit(self):
        """Enter presses the focused step's button (the first one has the focus); else it closes."""
        focused = self.root.focus_get()
        if isinstance(focused, self.ttk.Button) and focused is not self.ok_button:
            focused.invoke()
        else:
            self.cancel()


def _build(request: dict) -> tuple[_Window, object]:
    lang = request.get("lang") or "en"
    p = request.get("params") or {}
    kind = request["dialog"]
    if kind == "password":
        d = _PasswordDialog(lang, p.get("keystore_name", ""), p.get("retry_message"))
        return d, d.widget
    if kind == "pin":
        d = _PinDialog(lang, p.get("holder"), p.get("tries_left"))
        return d, d.widget
    if kind == "contact":
        d = _ContactDialog(lang, p.get("prefill") or {})
        return d, d.widgets[0]
    if kind == "new_password":
        d = _NewPasswordDialog(lang)
        return d, d.first_widget
    if kind == "confirm":
        d = _ConfirmDialog(lang, p.get("title", ""), p.get("text", ""), p.get("ok_label"))
        return d, None
    if kind == "conditions":
        d = _ConditionsDialog(lang, p.get("title", ""), p.get("text", ""))
        return d, d.widget
    if kind == "message":
        d = _MessageDialog(lang, p.get("title", ""), p.get("text", ""), p.get("actions") or [])
        return d, None
    if kind == "status":
        d = _StatusDialog(lang, p.get("title", ""), p.get("intro", ""), p.get("rows") or [], p.get("close_label"))
        return d, d.first_button
    if kind == "settings":
        from ehwatch.tray.settings_dialog import SettingsDialog

        d = SettingsDialog(lang, p.get("values") or {})
        return d, d.focus
    raise ValueError(f"unknown dialog {kind!r}")


def main() -> int:
    """The child process: one JSON request on stdin, one JSON answer on stdout."""
    request = json.loads(sys.stdin.read())
    window, focus = _build(request)
    result = window.show(focus)
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
