"""The end of a renewal as the user meets it: which file to use now, and the acknowledgement.

The notice names the new keystore's full path, says the encryption key (ETK) is active and that the
password is the new one chosen; it stays (tray menu, ``ehwatch renewals``) until acknowledged."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ehwatch import i18n
from ehwatch.monitor.status import brussels_date

if TYPE_CHECKING:
    from ehwatch.actions.ui import ActionUI
    from ehwatch.core import Core
    from ehwatch.renewal.engine import Engine
    from ehwatch.renewal.lifecycle import Renewal


def notice(core: Core, renewal: Renewal) -> tuple[str, str]:
    """Title and text of the hand-over notice."""
    from ehwatch.actions import request

    key = "request.handover" if request.is_new_request(core.store, renewal.id) else "renewal.handover"
    body = core.t(key, path=renewal.new_keystore or "",
                  date=brussels_date(renewal.new_not_after) if renewal.new_not_after else "",
                  holder=renewal.holder or renewal.identifier)
    failed = [(hook, code) for hook, code in renewal.hook_results if code != 0]
    if failed:
        body += "\n" + core.t("renewal.hook_failed", hook=failed[0][0], code=failed[0][1])
    return core.t("renewal.title"), body


def next_step_params(core: Core, renewal: Renewal) -> dict[str, object]:
    """The parameters of ``State.next_step_key``'s texts for this renewal."""
    problem = core.t(renewal.last_error_key, **renewal.last_error_params) if renewal.last_error_key else ""
    return {"problem": problem.rstrip("."), "request": renewal.request_number or "—",
            "date": brussels_date(renewal.next_attempt_at) if renewal.next_attempt_at else "",
            "path": renewal.new_keystore or ""}


def report(engine: Engine, ui: ActionUI, renewal: Renewal, local: bool = False, name_it: bool = False) -> int:
    """Tells ``ui`` where ``renewal`` stands; 0 finished, 1 still waiting, 2 the user must act."""
    core = engine.core
    if name_it:
        ui.tell("cli.complete.line", file=Path(renewal.old_keystore).name,
                state=core.t(f"renewal.state.{renewal.state.value}"))
    if renewal.state.awaiting_acknowledgement:
        ui.say(notice(core, renewal)[1])
        ui.tell("cli.renewals.acknowledge_how")
        if renewal.notified_at is None:
            engine.mark_notified(renewal)
        return 0
    if renewal.needs_you:
        if renewal.last_error_key:
            ui.tell(renewal.last_error_key, **renewal.last_error_params)
        return 2
    if renewal.waiting:
        # without a daemon, "ehwatch completes it" is only true if the user knows how
        key = renewal.state.next_step_key
        ui.tell("renewal.complete_how" if local and key == "renewal.next.waiting" else key,
                **next_step_params(core, renewal))
        return 1
    return 0


def run(core: Core, ui: ActionUI, args: dict[str, Any]) -> int:
    """Acknowledges the hand-over notice of one keystore (old or new), or of every finished renewal."""
    from ehwatch.renewal.engine import Engine

    engine = Engine(core)
    if args.get("keystore") and args["keystore"] != "all":
        renewal = engine.lifecycles.find(args["keystore"])
        chosen = [renewal] if renewal is not None and renewal.state.awaiting_acknowledgement else []
    else:
        chosen = engine.lifecycles.notices()
    if not chosen:
        ui.tell("cli.renewals.nothing_to_acknowledge")
        return 1
    for renewal in chosen:
        engine.acknowledge(renewal)
        ui.tell("cli.renewals.acknowledged", path=renewal.new_keystore or "",
                date=i18n.format_date(brussels_date(renewal.new_not_after) if renewal.new_not_after else None,
                                                     core.language))
    return 0
