"""The tray icon: renders ``Snapshot``s with pystray and puts the user's clicks in a queue as ``Intent``s.

It never calls the scanner or eHealth: the daemon owns the work and sends snapshots through
``update()``, from any thread. On Linux the back-end matters: pystray's xorg back-end has no menu and
ignores clicks, so GTK (StatusIcon over XEmbed) comes first, then AppIndicator (StatusNotifierItem, the
only one GNOME/KDE Wayland panels show), then xorg, then no tray; ``choose_backend`` says why at each
step with message keys the daemon shows in the user's language.
"""
from __future__ import annotations

import importlib
import logging
import os
import queue
import sys
import threading
import time
from collections.abc import Callable

from ehwatch.errors import EhwatchError
from ehwatch.events import Intent, Snapshot
from ehwatch.tray.icon import draw_icon
from ehwatch.tray.menu import MenuEntry, menu_model, tooltip

log = logging.getLogger(__name__)

DOCK_TIMEOUT = 5.0  # seconds run() waits for the tray host to embed the icon before on_ready anyway
ICON_SIZE = 64


class TrayUnavailable(EhwatchError):
    """No tray back-end can run here; the daemon carries on without an icon (as with --no-tray)."""


def _gtk_usable() -> bool:
    try:
        import gi

        gi.require_version("Gtk", "3.0")
        from gi.repository import Gtk

        return bool(Gtk.init_check()[0])
    except (ImportError, ValueError, RuntimeError) as exc:
        log.info("GTK 3 is not usable for the tray: %s", exc)
        return False


def _appindicator_usable() -> bool:
    try:
        import gi

        for namespace in ("AppIndicator3", "AyatanaAppIndicator3"):
            try:
                gi.require_version(namespace, "0.1")
                return _gtk_usable()
            except ValueError:
                continue
    except ImportError:
        pass
    return False


def _xembed_tray_host() -> bool | None:
    """Whether an XEmbed tray host (panel, trayer) owns ``_NET_SYSTEM_TRAY_S0``; None if X is unreachable."""
    try:
        from Xlib import display as xdisplay

        d = xdisplay.Display()
    except Exception:
        return None
    try:
        owner = d.get_selection_owner(d.intern_atom(f"_NET_SYSTEM_TRAY_S{d.get_default_screen()}"))
        return owner not in (0, None) and getattr(owner, "id", owner) != 0
    finally:
        d.close()


def _sni_watcher() -> bool:
    """Whether a StatusNotifierItem host (GNOME extension, KDE, waybar) listens on the session bus."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    try:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection

        bus = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus",
                          interface="org.freedesktop.DBus")
        with open_dbus_connection(bus="SESSION") as conn:
            reply = conn.send_and_get_reply(
                new_method_call(bus, "NameHasOwner", "s", ("org.kde.StatusNotifierWatcher",)), timeout=2)
        return bool(reply.body[0])
    except Exception:
        return False


def choose_backend() -> tuple[str | None, list[str]]:
    """The pystray back-end to use here and the message keys explaining each fallback taken.

    ``PYSTRAY_BACKEND`` (pystray's own variable) wins when set. Linux: gtk, unless there is no XEmbed
    tray host but a StatusNotifier host (then appindicator); else appindicator; else xorg (icon without
    menu); else None (no tray)."""
    forced = os.environ.get("PYSTRAY_BACKEND")
    if forced:
        return forced, []
    if sys.platform == "win32":
        return "win32", []
    if sys.platform == "darwin":
        return "darwin", []
    if not os.environ.get("DISPLAY"):
        # Wayland without Xwayland: only a StatusNotifierItem can show an icon.
        if os.environ.get("WAYLAND_DISPLAY") and _appindicator_usable():
            return "appindicator", []
        return None, ["tray.backend.no_display"]
    reasons: list[str] = []
    gtk = _gtk_usable()
    if gtk and _xembed_tray_host() is False and _sni_watcher() and _appindicator_usable():
        return "appindicator", []
    if gtk:
        return "gtk", []
    reasons.append("tray.backend.gtk_missing")
    if _appindicator_usable():
        return "appindicator", reasons
    reasons.append("tray.backend.appindicator_missing")
    if _xembed_tray_host() is not None:
        return "xorg", reasons + ["tray.backend.xorg_no_menu"]
    return None, reasons + ["tray.backend.none"]


def _load_backend(name: str):
    """pystray's Icon class for ``name``, plus Menu and MenuItem.

    Importing ``pystray`` picks a back-end at import time (and crashes without a display), so the
    chosen one is named through ``PYSTRAY_BACKEND`` for that first import only."""
    if "pystray" not in sys.modules:
        previous = os.environ.get("PYSTRAY_BACKEND")
        os.environ["PYSTRAY_BACKEND"] = name
        try:
            import pystray  # noqa: F401
        finally:
            if previous is None:
                os.environ.pop("PYSTRAY_BACKEND", None)
            else:
                os.environ["PYSTRAY_BACKEND"] = previous
    import pystray

    module = importlib.import_module(f"pystray._{name}")
    if name in ("gtk", "appindicator"):
        _tolerate_missing_notification_service()
    return module.Icon, pystray.Menu, pystray.MenuItem


def _tolerate_missing_notification_service() -> None:
    """pystray's GTK icons open their own notification proxy when they start and close "their"
    notification when they stop: without a session bus the icon never starts, and without a
    notification service ``run()`` raises on Quit. ehwatch notifies through ``tray.notify`` instead,
    so that proxy may fail quietly."""
    from pystray._util import notify_dbus

    if getattr(notify_dbus.Notifier, "ehwatch_tolerant", False):
        return

    class TolerantNotifier(notify_dbus.Notifier):
        ehwatch_tolerant = True

        def __init__(self):
            try:
                super().__init__()
            except Exception as exc:
                log.info("pystray's notification proxy is unavailable: %s", exc)
                self._notify = None

        def notify(self, title, message, icon):
            if self._notify is None:
                raise RuntimeError("no D-Bus session bus for notifications")
            super().notify(title, message, icon)

        def hide(self):
            if self._notify is None:
                return
            try:
                super().hide()
            except Exception as exc:
                log.debug("closing pystray's notification failed: %s", exc)

    notify_dbus.Notifier = TolerantNotifier


class Tray:
    """The icon in the notification area. ``run()`` blocks in the main thread (macOS insists);
    ``update()`` and ``stop()`` may be called from any thread."""

    def __init__(self, intents: queue.Queue[Intent], lang: str, backend: str | None = None,
                 manager_available: bool = False):
        self.intents = intents
        self.lang = lang
        self.manager_available = manager_available
        self.fallback_messages: list[str] = []
        if backend is None:
            backend, self.fallback_messages = choose_backend()
        if backend is None:
            raise TrayUnavailable(self.fallback_messages[-1] if self.fallback_messages else "tray.backend.none")
        try:
            icon_class, self._Menu, self._MenuItem = _load_backend(backend)
        except Exception as exc:  # ImportError, Gtk init failure, Xlib display errors
            log.warning("tray back-end %s cannot start: %s", backend, exc)
            raise TrayUnavailable("tray.backend.failed", detail=f"{backend}: {type(exc).__name__}") from exc
        self.backend_name: str = backend
        self._lock = threading.Lock()
        self._snapshot = Snapshot()
        self.docked = False
        self._icon = icon_class("ehwatch", icon=draw_icon(self._snapshot.overall, ICON_SIZE),
                                title=self._title(tooltip(self._snapshot, lang)),
                                menu=self._pystray_menu(self._snapshot))
        self._balloon_intent: Intent | None = None
        self._hook_balloon_click()

    def _title(self, text: str) -> str:
        """pystray's xorg back-end writes the title as a Latin-1 X property and crashes on '—'."""
        if self.backend_name == "xorg":
            return text.replace("—", "-").encode("latin-1", "replace").decode("latin-1")
        return text

    # -- menu ---------------------------------------------------------------------------------------
    def _sender(self, intent: Intent):
        def send(icon, item):
            log.debug("tray intent %s %s", intent.kind, intent.keystore)
            self.intents.put(intent)
        return send

    def _item(self, entry: MenuEntry):
        if entry.separator:
            return self._Menu.SEPARATOR
        if entry.submenu:
            return self._MenuItem(entry.label, self._Menu(*[self._item(e) for e in entry.submenu]),
                                  enabled=entry.enabled, visible=entry.visible)
        checked = None if entry.checked is None else (lambda item, value=entry.checked: value)
        action = self._sender(entry.intent) if entry.intent is not None else None
        return self._MenuItem(entry.label, action, checked=checked, enabled=entry.enabled and action is not None,
                              default=entry.default, visible=entry.visible)

    def _pystray_menu(self, snapshot: Snapshot):
        model = menu_model(snapshot, self.lang, manager_available=self.manager_available)
        return self._Menu(*[self._item(entry) for entry in model])

    # -- life cycle ---------------------------------------------------------------------------------
    def run(self, on_ready: Callable[[], None]) -> None:
        """Shows the icon and blocks until ``stop()``. ``on_ready`` runs (in another thread) once the
        icon is shown, and docked where that can be known (GTK), or after DOCK_TIMEOUT seconds."""

        def setup(icon):
            try:
                self._wait_xorg_loop(icon)
                icon.visible = True
                self._set_gtk_tooltip(icon.title)
                self.docked = self._wait_docked(DOCK_TIMEOUT)
                if not self.docked:
                    log.warning("the tray icon is shown but no tray host embedded it within %s s", DOCK_TIMEOUT)
            except Exception:
                log.exception("the tray icon could not be shown")
                self.docked = False
            try:
                on_ready()
            except Exception:
                log.exception("tray on_ready callback failed")

        self._icon.run(setup=setup)

    @staticmethod
    def _wait_xorg_loop(icon, timeout: float = 2.0) -> None:
        """pystray's xorg back-end starts the setup thread before it records its own loop thread, and
        showing the icon in that gap fails (about one start in ten here): wait for the loop thread."""
        if type(icon).__module__ != "pystray._xorg":
            return
        deadline = time.monotonic() + timeout
        while getattr(icon, "_thread", None) is None and time.monotonic() < deadline:
            time.sleep(0.01)

    def _wait_docked(self, timeout: float) -> bool:
        if self.backend_name == "xorg":
            return self._wait_xorg_docked(timeout)
        status_icon = getattr(self._icon, "_status_icon", None)
        if status_icon is None:  # other back-ends cannot tell: trust that showing it worked
            return True
        from gi.repository import GLib

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            answer: list[bool] = []
            done = threading.Event()

            # the round's own list and event (a late answer must not land in the next round's)
            def ask(answer: list[bool] = answer, done: threading.Event = done) -> bool:
                # GTK objects are only touched from the GTK main loop
                answer.append(bool(status_icon.is_embedded()))
                done.set()
                return False

            GLib.idle_add(ask)
            if not done.wait(1.0):
                continue
            if answer and answer[0]:
                return True
            time.sleep(0.02)
        return False

    def _wait_xorg_docked(self, timeout: float) -> bool:
        """pystray's xorg back-end asks to dock once; a tray host busy re-laying out its icons can miss
        that request (about one start in ten after another icon left), leaving a 1×1 window on the
        root. Ask again until the host reparents the window."""
        from Xlib import display as xdisplay

        window_id = self._icon._window.id
        d = xdisplay.Display()
        try:
            window = d.create_resource_object("window", window_id)
            root = d.screen().root.id
            deadline = time.monotonic() + timeout
            next_request = time.monotonic() + 1.0
            while time.monotonic() < deadline:
                if window.query_tree().parent.id != root:
                    return True
                if time.monotonic() > next_request:
                    log.info("the tray host has not embedded the icon yet: asking again")
                    self._icon.visible = False
                    self._icon.visible = True
                    next_request = time.monotonic() + 1.0
                time.sleep(0.05)
            return False
        finally:
            d.close()

    def update(self, snapshot: Snapshot) -> None:
        """Recolours the icon and rebuilds tooltip and menu for ``snapshot``."""
        with self._lock:
            self._snapshot = snapshot
            self._icon.icon = draw_icon(snapshot.overall, ICON_SIZE)
            text = tooltip(snapshot, self.lang)
            self._icon.title = self._title(text)
            self._set_gtk_tooltip(text)
            self._icon.menu = self._pystray_menu(snapshot)

    def _set_gtk_tooltip(self, text: str) -> None:
        """pystray's GTK back-end sets the StatusIcon's title, which panels do not show on hover."""
        status_icon = getattr(self._icon, "_status_icon", None)
        if status_icon is not None:
            from gi.repository import GLib

            GLib.idle_add(lambda: status_icon.set_tooltip_text(text) and False)

    @property
    def has_menu(self) -> bool:
        """False for the xorg back-end: an icon only (the daemon says so with tray.backend.xorg_no_menu)."""
        return bool(getattr(self._icon, "HAS_MENU", True))

    def notify(self, title: str, body: str, intent: Intent | None = None) -> bool:
        """A balloon through the tray itself (Windows, macOS); False where the back-end has none. On
        Windows a click on the balloon sends ``intent`` (the Renew of a reminder)."""
        if not getattr(self._icon, "HAS_NOTIFICATION", False):
            return False
        self._balloon_intent = intent
        self._icon.notify(body, title)
        return True

    def _hook_balloon_click(self) -> None:
        """pystray's win32 icon ignores NIN_BALLOONUSERCLICK, the message Windows sends when the user
        clicks the balloon: route it to the last balloon's intent (once)."""
        handlers = getattr(self._icon, "_message_handlers", None)
        if self.backend_name != "win32" or not isinstance(handlers, dict):
            return
        from pystray._util import win32

        original = handlers.get(win32.WM_NOTIFY)
        balloon_click = win32.WM_USER + 5  # NIN_BALLOONUSERCLICK

        def on_notify(wparam, lparam):
            if lparam == balloon_click:
                intent, self._balloon_intent = self._balloon_intent, None
                if intent is not None:
                    log.info("balloon clicked: intent %s", intent.kind)
                    self.intents.put(intent)
                return 0
            return original(wparam, lparam) if original else 0

        handlers[win32.WM_NOTIFY] = on_notify

    def stop(self) -> None:
        """Removes the icon and makes ``run()`` return."""
        try:
            self._icon.visible = False
        except Exception:
            pass
        self._icon.stop()


def open_tray(core, intents) -> Tray | None:
    """The tray icon on the best backend this desktop offers, or None (each fallback explained on
    stderr, as ``ehwatch run`` is often started from a terminal the first time)."""
    # GDK probes GLX when it starts, and on software rendering that maps Mesa's LLVM (~45 MB RSS).
    # Off while GTK starts; children do not inherit it.
    gl_before = os.environ.get("GDK_GL")
    os.environ["GDK_GL"] = "disable"
    try:
        backend, message_keys = choose_backend()
        for key in message_keys:
            print(core.t(key), file=sys.stderr)
        if backend is not None:
            try:
                tray = Tray(intents, core.language, backend=backend,
                            manager_available=bool(core.config.certificate_manager))
                log.info("tray backend: %s", tray.backend_name)
                return tray
            except EhwatchError as exc:
                print(exc.message(core.language), file=sys.stderr)
    finally:
        if gl_before is None:
            os.environ.pop("GDK_GL", None)
        else:
            os.environ["GDK_GL"] = gl_before
    print(core.t("daemon.no_tray"), file=sys.stderr)
    log.warning("no tray possible: running without an icon")
    return None
