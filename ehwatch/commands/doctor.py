"""``ehwatch doctor [--json]``: checks this computer and says what is missing and what to do."""
from __future__ import annotations

import json


def register(sub) -> None:
    parser = sub.add_parser("doctor", help="check this computer and say what is missing",
                            description="Checks what ehwatch needs on this computer and explains what is missing. "
                                        "Exit code 2 when something must be fixed (for example no eID software: "
                                        "no renewal is possible here), else 0.")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--online", action="store_true",
                        help="with an eID in the reader, also ask eHealth which certificates it knows (asks the PIN)")
    parser.set_defaults(func=_doctor)


def _doctor(core, args) -> int:
    from ehwatch import doctor

    marks = {doctor.OK: "✓", doctor.WARNING: "!", doctor.PROBLEM: "✗"}
    online_ui = None
    if args.online:
        from ehwatch.commands._terminal import TerminalUI

        online_ui = TerminalUI(core.language)
    checks = doctor.run_checks(core, online_ui)
    rendered = [c.render(core.language) for c in checks]
    if args.json:
        print(json.dumps({"overall": doctor.worst(checks), "renewal_possible": doctor.renewal_possible(checks),
                          "checks": rendered}, ensure_ascii=False, indent=2))
    else:
        for item in rendered:
            print(f"[{marks[item['level']]}] {item['message']}")
            if item["advice"]:
                print(f"    → {item['advice']}")
        if not doctor.renewal_possible(checks):
            print(core.t("doctor.summary.no_renewal"))
        print(core.t("doctor.summary." + doctor.worst(checks)))
    return doctor.exit_code(checks)
