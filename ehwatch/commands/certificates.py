"""``ehwatch certificates --online [--json]``: the certificates eHealth knows for the eID holder (and
the organisations they manage), each matched to a keystore of this computer. Asks the eID PIN
(GetCertificateInfoForCitizen is signed with the Authentication key); changes nothing."""
from __future__ import annotations

import json

from ehwatch.commands._terminal import TerminalUI


def register(sub) -> None:
    parser = sub.add_parser("certificates", help="what eHealth knows of your certificates (eID)",
                            description="The certificates eHealth knows for the eID holder (and the organisations "
                                        "they manage), each matched to a keystore of this computer. Asks the eID "
                                        "PIN; changes nothing.")
    parser.add_argument("--online", action="store_true", required=True,
                        help="ask eHealth (the eID PIN is asked; nothing is changed)")
    parser.add_argument("--acceptance", action="store_true", help="eHealth's acceptance environment")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(func=run)


def run(core, args) -> int:
    from ehwatch.actions import certificates

    ui = TerminalUI(core.language)
    known = certificates.online(core, ui, "acceptance" if args.acceptance else "production")
    if args.json:
        print(json.dumps({"certificates": [k.to_json() for k in known],
                          "missing_here": len(certificates.missing(known))}, ensure_ascii=False, indent=2))
        return 1 if certificates.missing(known) else 0
    if not known:
        print(core.t("certificates.none"))
    import datetime as dt

    from ehwatch import i18n

    for k in known:
        name = k.identifier + (f", {k.application_id}" if k.application_id else "")
        until = i18n.format_date(dt.datetime.fromisoformat(k.not_after), core.language) if k.not_after else "—"
        print(core.t("certificates.line", name=name, status=core.t(f"certificates.status.{k.status}"),
                     until=until, etk=k.etk_status))
        print("    " + core.t(k.verdict, file=k.keystore or ""))
    return 1 if certificates.missing(known) else 0
