"""What ehwatch asks of the desktop session: start at login (``autostart``), with the templates the
OS reads (``ehwatch.desktop``, ``ehwatch.plist``). Notifications and the icon live in ``tray/``."""
