"""``ehwatch calendar export [--output FILE]``: the expiry dates as an iCalendar file.

One all-day event per certificate's expiry, with alarms at the notify days (``notify_days``). Without
``--output`` the calendar goes to standard output; with it, the file is written atomically and only
a calendar file is ever replaced. ``[calendar] path`` makes ``ehwatch run`` keep such a file current.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ehwatch.commands import add_keystore_dir_option


def register(sub) -> None:
    parser = sub.add_parser("calendar", help="expiry dates for a calendar (iCalendar)")
    actions = parser.add_subparsers(dest="calendar_action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write an iCalendar (.ics) file of the expiry dates")
    export.add_argument("--output", "-o", type=Path, metavar="FILE",
                        help="the .ics file to write (default: standard output)")
    add_keystore_dir_option(export, "folder to scan instead of the configured ones (repeatable)")
    export.set_defaults(func=_export)


def _export(core, args) -> int:
    from ehwatch.export import calendar
    from ehwatch.monitor import inventory

    if args.output is not None:
        calendar.check_output(args.output)     # refuse before scanning, not after
    records = inventory.scan(core).records
    text = calendar.render(records, language=core.language, notify_days=core.config.notify_days,
                           mask_ssin_numbers=core.config.calendar.mask_ssin)
    if args.output is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return 0
    calendar.write(args.output, text)
    print(core.t("export.calendar.written", file=str(args.output),
                 count=len(calendar.calendar_records(records))))
    return 0
