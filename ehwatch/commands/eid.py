"""``ehwatch eid info``: the reader, the card, its holder and key types — the first thing support asks."""
from __future__ import annotations

import json


def register(sub) -> None:
    parser = sub.add_parser("eid", help="the Belgian eID card in the reader")
    actions = parser.add_subparsers(dest="eid_action", metavar="ACTION", required=True)
    info = actions.add_parser("info", help="show the reader, the card, its holder and its keys (no PIN needed)")
    info.add_argument("--json", action="store_true", help="print the result as JSON")
    info.add_argument("--module", help="PKCS#11 module to use instead of [eid] pkcs11_module")
    info.set_defaults(func=_info)


def _info(core, args) -> int:
    from ehwatch.renewal import eid  # here, not at the top: PyKCS11 and lxml stay out of `ehwatch run`

    details = eid.read_info(args.module or core.config.eid.pkcs11_module)
    if args.json:
        print(json.dumps(details.as_dict(), indent=2, ensure_ascii=False))
        return 0
    unknown = core.t("eid.info.unknown")
    rows = [
        ("eid.info.module", details.module),
        ("eid.info.reader", details.reader),
        ("eid.info.card", f"{details.token_label} {details.serial}".strip()),
        ("eid.info.holder", details.holder or unknown),
        ("eid.info.ssin", details.ssin or unknown),
        ("eid.info.keys", ", ".join(f"{label} {kind}" for label, kind in details.keys.items()) or unknown),
    ]
    for key, value in rows:
        print(f"{core.t(key)}: {value}")
    return 0
