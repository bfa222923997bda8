"""Texts of start at login."""
from ehwatch.i18n import message

MESSAGES = (
    message("autostart.enabled", "ehwatch will now start at every login ({where})."),
    message("autostart.disabled", "ehwatch will no longer start at login ({where} removed)."),
    message("autostart.was_off", "ehwatch was not set to start at login; nothing to do."),
    message("autostart.status_on", "ehwatch starts at login ({where}) with: {command}"),
    message("autostart.status_off", "ehwatch does not start at login. To change that: ehwatch autostart enable"),
    message("autostart.failed",
            "Start at login could not be changed ({where}: {detail}). Check that your user folder is writable."),
    # --- the ehwatch command in ~/.local/bin ---------------------------------------------------------
    message("launcher.not_ours",
            "{path} already exists and was not written by ehwatch: it is left as it is. Remove or rename it, then "
            "try again."),
    message("launcher.failed", "The ehwatch command could not be written ({path}: {detail})."),
    message("launcher.installed", "The ehwatch command is installed: {path} (it starts {python})."),
    message("launcher.not_on_path",
            "{folder} is not on your PATH yet: open a new terminal (Debian and Ubuntu add it at login), or add "
            "this line to ~/.profile: export PATH=\"$HOME/.local/bin:$PATH\""),
)
