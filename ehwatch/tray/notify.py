"""Desktop notifications that can start a renewal, and that say when they could not be shown.

Linux (and the BSDs): org.freedesktop.Notifications over D-Bus with jeepney, with a "Renew" action;
one listener thread waits (blocking, no polling) for ActionInvoked / NotificationClosed and turns a
click on the notification or on its Renew button into ``Intent(RENEW, keystore)``. The signals are
addressed to the connection that sent Notify, so sending and listening share one connection
(jeepney's threaded router). plyer is not used there: it cannot carry actions and swallows failures.

Windows and macOS: pystray's own ``notify`` when a tray runs (balloon / user notification), else
plyer as the last resort. On Windows a click on the tray's balloon sends the same intent as the
D-Bus "default" action (Renew for a reminder); macOS and plyer report no clicks.
"""
from __future__ import annotations

import collections
import logging
import queue
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from ehwatch import events, i18n, paths
from ehwatch.events import Intent

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
URGENCY = {"low": 0, "normal": 1, "critical": 2}
CALL_TIMEOUT = 5.0       # seconds; a notification server that does not answer counts as absent
REMEMBERED = 200         # notification ids kept to route late clicks


def _use_dbus() -> bool:
    return not (sys.platform.startswith("win") or sys.platform == "darwin")


def _app_icon() -> str:
    """A PNG of the icon on disk for the notification server (it wants a path or a theme name)."""
    try:
        from ehwatch.tray.icon import draw_icon

        folder = paths.ensure_private_dir(paths.data_dir() / "icons")
        icon = folder / "ehwatch-notification.png"
        if not icon.exists():
            draw_icon("orange", 64).save(icon, format="PNG")
        return str(icon)
    except OSError:
        return ""


class Notifier:
    """Shows notifications; ``on_intent`` is called (from the listener thread) when the user clicks."""

    def __init__(self, on_intent: Callable[[Intent], None], lang: str, tray=None):
        self.on_intent = on_intent
        self.lang = lang
        self.tray = tray  # a tray.app.Tray: it shows balloons on Windows/macOS
        self.last_error: str | None = None  # message key of the last failure, for the tray/doctor
        self._lock = threading.Lock()
        self._conn = None
        self._router = None
        self._signals: queue.Queue | None = None
        self._filters: list = []
        self._listener: threading.Thread | None = None
        self._routes: collections.OrderedDict[int, tuple[Path | None, bool]] = collections.OrderedDict()
        self._icon_path: str | None = None

    # -- public -------------------------------------------------------------------------------------
    def show(self, title: str, body: str, keystore: Path | None = None, renew_action: bool = False,
             urgency: str = "normal", folder_action: bool = False) -> bool:
        """Shows one notification. With ``renew_action`` (and a keystore) it carries a Renew button,
        and clicking it or the notification itself sends ``Intent(RENEW, keystore)``; with
        ``folder_action`` an "Open the folder" button, and the click sends ``Intent(OPEN_FOLDER,
        keystore)``; otherwise a click sends ``Intent(SHOW_STATUS, keystore)``. Returns False, after
        logging why, when nothing could be shown."""
        action = (events.RENEW if renew_action else events.OPEN_FOLDER if folder_action else None)
        shown = (self._show_dbus(title, body, keystore, action if keystore is not None else None, urgency)
                 if _use_dbus() else self._show_elsewhere(title, body, Intent(
                     action if keystore is not None and action else events.SHOW_STATUS, keystore)))
        if shown:
            self.last_error = None
        else:
            self.last_error = "tray.notify.failed"
        return shown

    def close(self) -> None:
        """Stops the listener and closes the D-Bus connection; later ``show`` calls reconnect."""
        with self._lock:
            self._disconnect()

    # -- D-Bus --------------------------------------------------------------------------------------
    def _show_dbus(self, title, body, keystore, action, urgency) -> bool:
        from jeepney import DBusAddress, new_method_call
        from jeepney.wrappers import DBusErrorResponse

        with self._lock:
            try:
                router = self._connect()
            except Exception as exc:
                log.warning("notification not shown: no D-Bus session bus (%s: %s)", type(exc).__name__, exc)
                return False
            # "default" is a click on the notification itself (servers show no button for it).
            actions = ["default", i18n.t("tray.notify.open", self.lang)]
            if action == events.RENEW:
                actions += ["renew", i18n.t("tray.notify.renew", self.lang)]
            elif action == events.OPEN_FOLDER:
                actions += ["open_folder", i18n.t("tray.notify.open_folder", self.lang)]
            hints = {"urgency": ("y", URGENCY.get(urgency, 1)), "desktop-entry": ("s", "ehwatch")}
            if self._icon_path is None:
                self._icon_path = _app_icon()
            address = DBusAddress(OBJECT_PATH, bus_name=SERVICE, interface=SERVICE)
            message = new_method_call(address, "Notify", "susssasa{sv}i",
                                      ("ehwatch", 0, self._icon_path, title, body, actions, hints, -1))
            try:
                reply = router.send_and_get_reply(message, timeout=CALL_TIMEOUT)
                (notification_id,) = _unwrap(reply)
            except DBusErrorResponse as exc:
                log.warning("notification not shown: the notification service refused it (%s)", exc.name)
                return False
            except TimeoutError:
                log.warning("notification not shown: the notification service did not answer in %s s",
                            CALL_TIMEOUT)
                return False
            except Exception as exc:  # the connection broke: reconnect next time
                log.warning("notification not shown: D-Bus failed (%s: %s)", type(exc).__name__, exc)
                self._disconnect()
                return False
            self._routes[int(notification_id)] = (Path(keystore) if keystore else None, action)
            while len(self._routes) > REMEMBERED:
                self._routes.popitem(last=False)
            log.info("notification %s shown (action: %s)", notification_id, action)
            return True

    def _connect(self):
        """The router, opened on first use; the listener thread starts with it."""
        if self._router is not None:
            return self._router
        from jeepney import MatchRule, message_bus
        from jeepney.io.threading import DBusRouter, Proxy, open_dbus_connection

        conn = open_dbus_connection(bus="SESSION")
        router = DBusRouter(conn)
        try:
            signals: queue.Queue = queue.Queue()
            bus = Proxy(message_bus, router, timeout=CALL_TIMEOUT)
            for member in ("ActionInvoked", "NotificationClosed"):
                rule = MatchRule(type="signal", interface=SERVICE, member=member, path=OBJECT_PATH)
                bus.AddMatch(rule)  # some servers broadcast instead of addressing the sender
                self._filters.append(router.filter(rule, queue=signals))
        except BaseException:
            router.close()
            conn.close()
            self._filters.clear()
            raise
        self._conn, self._router, self._signals = conn, router, signals
        self._listener = threading.Thread(target=self._listen, args=(signals,), name="ehwatch-notify",
                                          daemon=True)
        self._listener.start()
        return router

    def _disconnect(self) -> None:
        if self._signals is not None:
            self._signals.put(None)  # wakes the listener, which then ends
        for handle in self._filters:
            try:
                handle.close()
            except Exception:
                pass
        self._filters.clear()
        if self._router is not None:
            try:
                self._router.close()
            except Exception:
                pass
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:
                pass
        if self._listener is not None and self._listener is not threading.current_thread():
            self._listener.join(timeout=5)
        self._conn = self._router = self._signals = self._listener = None

    def _listen(self, signals: queue.Queue) -> None:
        """Blocks on the signal queue; a None in it means the connection is closing."""
        while True:
            message = signals.get()
            if message is None:
                return
            try:
                self._handle_signal(message.header.fields, message.body)
            except Exception:
                log.exception("notification signal could not be handled")

    def _handle_signal(self, fields, body) -> None:
        from jeepney.low_level import HeaderFields

        member = fields.get(HeaderFields.member)
        notification_id = int(body[0])
        route = self._routes.get(notification_id)  # no lock: show() may hold it while joining this thread
        if route is None:  # not ours (another application's notification on a broadcast)
            return
        keystore, kind = route
        if member == "ActionInvoked":
            action = body[1]
            log.info("notification %s: action %r invoked", notification_id, action)
            if kind == events.RENEW and action in ("default", "renew"):
                self.on_intent(Intent(events.RENEW, keystore))
            elif kind == events.OPEN_FOLDER and action in ("default", "open_folder"):
                self.on_intent(Intent(events.OPEN_FOLDER, keystore))
            elif action == "default":
                self.on_intent(Intent(events.SHOW_STATUS, keystore))
        elif member == "NotificationClosed":
            log.debug("notification %s closed (reason %s)", notification_id, body[1])

    # -- Windows, macOS -----------------------------------------------------------------------------
    def _show_elsewhere(self, title: str, body: str, intent: Intent | None = None) -> bool:
        if self.tray is not None:
            try:
                if self.tray.notify(title, body, intent):
                    return True
            except Exception as exc:
                log.warning("tray notification failed (%s: %s); trying plyer", type(exc).__name__, exc)
        try:
            from plyer import notification

            notification.notify(title=title, message=body, app_name="ehwatch", timeout=30)
            return True
        except Exception as exc:
            log.warning("notification not shown: plyer failed (%s: %s)", type(exc).__name__, exc)
            return False


def _unwrap(reply):
    from jeepney.wrappers import unwrap_msg

    return unwrap_msg(reply)
