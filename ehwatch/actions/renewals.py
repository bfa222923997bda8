"""The renewals as the user reads them: each lifecycle's state and the next step, in one sentence."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ehwatch import instance, writer
from ehwatch.actions.handover import next_step_params

if TYPE_CHECKING:
    from ehwatch.core import Core
    from ehwatch.renewal.lifecycle import Renewal

log = logging.getLogger(__name__)


def next_step(core: Core, renewal: Renewal) -> str:
    """What happens next, or what the user must do."""
    key = renewal.state.next_step_key
    if renewal.needs_you and renewal.last_error_key and key == "renewal.next.none":
        return core.t(renewal.last_error_key, **renewal.last_error_params)
    text = core.t(key, **next_step_params(core, renewal))
    if renewal.waiting:
        from ehwatch.actions import request

        if request.manual_validation(core.store, renewal.id):     # eHealth's support checks it by hand
            text += " " + core.t("request.manual_validation", identifier=renewal.identifier)
    return text


def lifecycles(core: Core, history: bool = False) -> list[Renewal]:
    """The lifecycles, brought up to date with the disk first when no daemon does it (cheap: the scan
    is cached). ``history``: finished ones too."""
    from ehwatch.monitor.inventory import scan
    from ehwatch.renewal.engine import Engine

    engine = Engine(core)
    if not instance.is_running():
        try:
            with writer.exclusive(wait=5):
                engine.reconcile(scan(core).records)
        except writer.WriterBusy:
            log.info("another ehwatch is changing renewals: listing them as they are")
    renewals = engine.lifecycles.all()
    return renewals if history else [r for r in renewals if not r.finished]
