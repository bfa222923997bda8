"""Texts of export/: the calendar's events and alarms, and what goes wrong writing metrics or calendars."""
from ehwatch.i18n import message, plural

MESSAGES = (
    message("export.calendar.name", "eHealth certificates"),
    message("export.calendar.summary", "eHealth certificate of {holder} expires"),
    message("export.calendar.description",
            "The eHealth certificate {identifier} expires on {date} at {time}.\nKeystore: {file}\nRenew it before "
            "then: ehwatch (tray icon, Renew) or `ehwatch renew`."),
    plural("export.calendar.alarm",
           "The eHealth certificate of {holder} expires in {days} day: renew it with ehwatch.",
           "The eHealth certificate of {holder} expires in {days} days: renew it with ehwatch."),
    message("export.calendar.alarm_today", "The eHealth certificate of {holder} expires today."),
    plural("export.calendar.written",
           "Calendar written: {file} ({count} expiry date).",
           "Calendar written: {file} ({count} expiry dates)."),
    message("export.output_is_keystore",
            "{file} looks like a keystore: ehwatch never writes over a keystore. Choose a .ics file."),
    message("export.output_not_calendar",
            "{file} already exists and is not a calendar file: ehwatch only replaces calendar files. Choose "
            "another name or remove it first."),
    message("export.folder_missing",
            "The folder {folder} does not exist: create it (or correct [{section}] in the configuration)."),
    message("export.write_failed", "ehwatch cannot write {file}: {detail}."),
    message("export.listen_failed",
            "The metrics cannot be served at {address}: {detail}. Choose another port in [metrics] listen."),
)
