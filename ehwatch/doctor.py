"""``ehwatch doctor``: what is missing on this computer, in words a doctor can act on.

Each check returns a ``Check``: a level (ok / warning / problem), the sentence that says what was
found, and what to do about it, all as text keys rendered in the user's language. Checks never
change anything and never show a secret (they only ask whether one is stored).
"""
from __future__ import annotations

import os
import shlex
import shutil
import socket
from dataclasses import dataclass, field
from pathlib import Path

from ehwatch import config as config_mod
from ehwatch import i18n, instance, secrets
from ehwatch.desktop import autostart
from ehwatch.errors import EhwatchError

OK, WARNING, PROBLEM = "ok", "warning", "problem"
KEYSTORE_SUFFIXES = (".p12", ".acc-p12")


@dataclass
class Check:
    name: str
    level: str
    key: str                     # what was found
    params: dict = field(default_factory=dict)
    advice_key: str | None = None  # what to do (None when there is nothing to do)

    def render(self, lang: str | None = None) -> dict:
        return {"check": self.name, "level": self.level, "message": i18n.t(self.key, lang, **self.params),
                "advice": i18n.t(self.advice_key, lang, **self.params) if self.advice_key else ""}


def keystore_files(folders: list[Path]) -> list[Path]:
    found = []
    for folder in folders:
        try:
            found += sorted(p for p in folder.iterdir() if p.is_file() and p.name.lower().endswith(KEYSTORE_SUFFIXES))
        except OSError:
            continue
    return found


def check_folders(core) -> list[Check]:
    checks = []
    for folder in core.keystore_dirs():
        if not folder.is_dir():
            checks.append(Check("keystore_folder", PROBLEM, "doctor.folder.missing", {"folder": str(folder)},
                                "doctor.folder.missing_fix"))
        elif not keystore_files([folder]):
            checks.append(Check("keystore_folder", WARNING, "doctor.folder.empty", {"folder": str(folder)},
                                "doctor.folder.empty_fix"))
        else:
            checks.append(Check("keystore_folder", OK, "doctor.folder.ok",
                                {"folder": str(folder), "count": len(keystore_files([folder]))}))
    return checks


def check_keyring() -> Check:
    name = secrets.backend_name()
    if name == "none":
        return Check("keyring", PROBLEM, "doctor.keyring.none", {}, "doctor.keyring.none_fix")
    return Check("keyring", OK, "doctor.keyring.ok", {"backend": name})


def check_passwords(core) -> list[Check]:
    checks = []
    for path in keystore_files(core.keystore_dirs()):
        try:
            known = secrets.keystore_password(path) is not None
        except EhwatchError:
            return []  # the keyring check already says why nothing can be known
        if known:
            checks.append(Check("password", OK, "doctor.password.ok", {"file": path.name}))
        else:
            checks.append(Check("password", WARNING, "doctor.password.missing", {"file": path.name},
                                "doctor.password.missing_fix"))
    return checks


def check_eid(core) -> Check:
    """The middleware (PKCS#11 module) and, when a reader is plugged in, the card; no PIN asked."""
    from ehwatch.renewal import eid

    try:
        module = eid.find_module(core.config.eid.pkcs11_module)
    except eid.MiddlewareMissing:   # no signature possible: a renewal is impossible on this computer
        return Check("eid", PROBLEM, "doctor.eid.no_middleware", {}, middleware_advice())
    try:
        info = eid.read_info(module)
    except EhwatchError as exc:
        return Check("eid", WARNING, "doctor.eid.no_card", {"module": module, "detail": exc.message(core.language)},
                     "doctor.eid.no_card_fix")
    holder = info.holder or info.token_label
    return Check("eid", OK, "doctor.eid.ok", {"module": module, "detail": f"{holder} ({info.reader})"})


def os_release() -> dict[str, str]:
    """``/etc/os-release`` (Linux): ID, ID_LIKE… ({} elsewhere or unreadable)."""
    try:
        text = Path("/etc/os-release").read_text(encoding="utf-8", errors="replace")[:8192]
    except OSError:
        return {}
    fields = {}
    for line in text.splitlines():
        name, sep, value = line.partition("=")
        if sep:
            fields[name.strip()] = value.strip().strip('"')
    return fields


def middleware_advice(platform: str | None = None, release: dict[str, str] | None = None) -> str:
    """What to install on this OS for the eID middleware (the text key of the advice)."""
    platform = platform or autostart.current_platform()
    if platform in ("windows", "macos"):
        return f"doctor.eid.no_middleware_fix_{platform}"
    release = os_release() if release is None else release
    family = f"{release.get('ID', '')} {release.get('ID_LIKE', '')}".lower().split()
    if {"debian", "ubuntu"} & set(family):
        return "doctor.eid.no_middleware_fix_debian"
    if {"fedora", "rhel", "centos"} & set(family):
        return "doctor.eid.no_middleware_fix_fedora"
    return "doctor.eid.no_middleware_fix"


def systemd_unit() -> Path:
    """The systemd user unit for a computer without a desktop (``packaging/ehwatch-headless.service``)."""
    return Path(__file__).resolve().parent.parent / "packaging" / "ehwatch-headless.service"


def has_desktop() -> bool:
    """A graphical session this process can reach (Windows and macOS: always)."""
    if autostart.current_platform() != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def check_mail(core, timeout: float = 5.0) -> list[Check]:
    mail = core.config.mail
    if not mail.host:
        return [Check("mail", WARNING, "doctor.mail.off", {}, "doctor.mail.off_fix")]
    port = mail.port or (993 if mail.security == "ssl" else 143)
    checks = []
    try:
        with socket.create_connection((mail.host, port), timeout=timeout):
            pass
        checks.append(Check("mail", OK, "doctor.mail.reachable", {"host": mail.host, "port": port}))
    except OSError as exc:
        checks.append(Check("mail", PROBLEM, "doctor.mail.unreachable",
                            {"host": mail.host, "port": port, "detail": exc.strerror or type(exc).__name__},
                            "doctor.mail.unreachable_fix"))
    if mail.auth == "password":
        try:
            stored = secrets.mail_secret(mail.username, mail.host) is not None
        except EhwatchError:
            stored = False
        if not stored:
            checks.append(Check("mail", PROBLEM, "doctor.mail.no_password", {"user": mail.username, "host": mail.host},
                                "doctor.mail.no_password_fix"))
    return checks


def _file_check(setting: str, path: str) -> Check:
    if os.path.isfile(path) and os.access(path, os.R_OK):
        return Check("config", OK, "doctor.config.ok", {"setting": setting, "path": path})
    return Check("config", PROBLEM, "doctor.config.missing", {"setting": setting, "path": path},
                 "doctor.config.missing_fix")


def _command_check(setting: str, command: str) -> Check:
    """The program a configured command starts (hooks run through the shell: its first word)."""
    try:
        words = shlex.split(command)
    except ValueError:
        words = command.split()
    program = words[0] if words else command
    params = {"setting": setting, "path": program}
    if os.sep in program or (os.altsep and os.altsep in program):
        if not os.path.exists(program):
            return Check("config", PROBLEM, "doctor.config.missing", params, "doctor.config.missing_fix")
        if not (os.path.isfile(program) and os.access(program, os.X_OK)):
            return Check("config", PROBLEM, "doctor.config.not_executable", params, "doctor.config.not_executable_fix")
        return Check("config", OK, "doctor.config.ok", params)
    if shutil.which(program) is None:
        return Check("config", PROBLEM, "doctor.config.no_command", params, "doctor.config.no_command_fix")
    return Check("config", OK, "doctor.config.ok", params)


def check_config_paths(core) -> list[Check]:
    """Every file, command and address the configuration names: the CA files, the PKCS#11 module, the
    post-renewal hooks, and the eHealth endpoints (https, or http only to this computer)."""
    cfg = core.config
    checks = []
    for setting, path in (("mail.cafile", cfg.mail.cafile), ("ehealth.cafile", cfg.ehealth.cafile),
                          ("eid.pkcs11_module", cfg.eid.pkcs11_module)):
        if path:
            checks.append(_file_check(setting, os.path.expanduser(path)))
    for hook in cfg.renewal.hooks:
        checks.append(_command_check("renewal.hooks", hook))
    for name in ("certra_url", "etkra_url", "etkdepot_url"):
        url = getattr(cfg.ehealth, name)
        if url and config_mod.insecure_url(url):
            checks.append(Check("config", PROBLEM, "doctor.config.url", {"setting": f"ehealth.{name}", "path": url},
                                "doctor.config.url_fix"))
    return checks


def check_tray() -> Check:
    """Without a desktop, the advice is the command to use instead of the icon."""
    if not has_desktop():
        return Check("tray", WARNING, "doctor.tray.no_desktop", {}, "doctor.tray.no_desktop_fix")
    from ehwatch.tray import app as tray_app

    try:
        backend, _messages = tray_app.choose_backend()
    except Exception as exc:
        return Check("tray", WARNING, "doctor.tray.none", {"detail": type(exc).__name__}, "doctor.tray.none_fix")
    if backend is None:
        return Check("tray", WARNING, "doctor.tray.none", {}, "doctor.tray.none_fix")
    return Check("tray", OK, "doctor.tray.ok", {"backend": backend})


def check_notifications() -> Check:
    """Linux: asks org.freedesktop.Notifications who it is. Windows and macOS always have a service."""
    if autostart.current_platform() != "linux":
        return Check("notifications", OK, "doctor.notify.system", {})
    if not has_desktop():
        return Check("notifications", WARNING, "doctor.notify.no_desktop", {}, "doctor.notify.no_desktop_fix")
    try:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection

        address = DBusAddress("/org/freedesktop/Notifications", bus_name="org.freedesktop.Notifications",
                              interface="org.freedesktop.Notifications")
        with open_dbus_connection(bus="SESSION") as conn:
            reply = conn.send_and_get_reply(new_method_call(address, "GetServerInformation"), timeout=5)
        name = reply.body[0]
    except Exception:
        return Check("notifications", WARNING, "doctor.notify.none", {}, "doctor.notify.none_fix")
    return Check("notifications", OK, "doctor.notify.ok", {"server": name})


def check_autostart() -> Check:
    if autostart.is_enabled():
        return Check("autostart", OK, "doctor.autostart.on", {"where": autostart.location()})
    if not has_desktop():   # XDG autostart needs a desktop session: a systemd user service instead
        return Check("autostart", WARNING, "doctor.autostart.off", {"unit": str(systemd_unit())},
                     "doctor.autostart.off_fix_no_desktop")
    return Check("autostart", WARNING, "doctor.autostart.off", {}, "doctor.autostart.off_fix")


def check_daemon() -> Check:
    if instance.is_running():
        return Check("daemon", OK, "doctor.daemon.running", {})
    return Check("daemon", WARNING, "doctor.daemon.stopped", {},
                 "doctor.daemon.stopped_fix" if has_desktop() else "doctor.daemon.stopped_fix_no_desktop")


def check_online(core, ui) -> list[Check]:
    """Issue 12: what eHealth knows of the eID holder's certificates (``actions/certificates.py``),
    one check per valid certificate no keystore here holds. Asks the PIN: only with ``--online``."""
    from ehwatch.actions import certificates

    try:
        known = certificates.online(core, ui)
    except EhwatchError as exc:
        return [Check("ehealth_certificates", WARNING, "doctor.online.failed", {"detail": exc.message(core.language)})]
    missing = certificates.missing(known)
    if not missing:
        return [Check("ehealth_certificates", OK, "doctor.online.ok", {"count": len(known)})]
    return [Check("ehealth_certificates", WARNING, "doctor.online.missing",
                  {"certificate": k.identifier + (f", {k.application_id}" if k.application_id else ""),
                   "until": (k.not_after or "")[:10]}, "certificates.missing") for k in missing]


def run_checks(core, online_ui=None) -> list[Check]:
    """Every check, in the order a person would fix things. ``online_ui``: also ask eHealth which
    certificates it knows, when an eID is in the reader (the PIN is asked through it)."""
    checks = check_folders(core)
    checks.append(check_keyring())
    checks += check_passwords(core)
    checks += check_config_paths(core)
    checks.append(check_eid(core))
    if online_ui is not None and checks[-1].level == OK:
        checks += check_online(core, online_ui)
    checks += check_mail(core)
    checks.append(check_tray())
    checks.append(check_notifications())
    checks.append(check_autostart())
    checks.append(check_daemon())
    return checks


def renewal_possible(checks: list[Check]) -> bool:
    """False when this computer cannot sign a renewal (no eID middleware / PKCS#11 module)."""
    return not any(c.name == "eid" and c.level == PROBLEM for c in checks)


def exit_code(checks: list[Check]) -> int:
    """``ehwatch doctor``'s exit code: 2 when something must be fixed (a renewal impossible here, no
    keyring, a keystore folder or a configured file missing…), else 0 (warnings included)."""
    return 2 if worst(checks) == PROBLEM else 0


def worst(checks: list[Check]) -> str:
    levels = {c.level for c in checks}
    return PROBLEM if PROBLEM in levels else WARNING if WARNING in levels else OK
