"""``ehwatch renew [KEYSTORE]``: the interactive start of a renewal (request signed with the eID).
When ``ehwatch run`` is running, the daemon does the renewal and this terminal answers its questions;
otherwise this command does it, under the per-user writer lock, and then says honestly who completes
it (``completion_offer``). Without KEYSTORE, the keystores that are due are listed and one is chosen."""
from __future__ import annotations

from pathlib import Path

from ehwatch.commands import add_keystore_dir_option, add_signing_options, signing_terminal, trace_dir

EPILOG = """Without KEYSTORE, ehwatch lists the certificates due for renewal and lets you choose one.
Without a terminal (automation), answers are read from standard input as named lines, each
used only for its own question: old_password=... (when the keyring has none), new_password=...,
pin=... . An answer that is asked and not given stops the renewal before anything is signed.
eHealth's conditions are printed; --accept-conditions accepts them, else the renewal stops."""

RENEWABLE = ("expiring", "locked")      # monitor.status: renewable now (locked: the old password is asked)


def register(sub) -> None:
    import argparse

    parser = sub.add_parser("renew", help="renew a certificate (needs the eID)",
                            description="Renews the eHealth certificate of a keystore, signed with the eID.",
                            epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("keystore", type=Path, nargs="?", metavar="KEYSTORE",
                        help="the keystore to renew (without it: choose among those due)")
    add_keystore_dir_option(parser, "without KEYSTORE: the folder to look in instead of the configured ones "
                                    "(repeatable)")
    add_signing_options(parser)
    parser.set_defaults(func=run)


def run(core, args) -> int:
    from ehwatch import actions

    ui = signing_terminal(core, args)
    keystore = args.keystore
    if keystore is None:
        keystore, code = choose_due(core, ui)
        if keystore is None:
            return code
    code = actions.perform(core, "renew", ui,
                           {"keystore": str(keystore.resolve()), "yes": args.yes, "trace": trace_dir(args)})
    completion_offer(core, ui, args)
    return code


def due(core) -> tuple[list, list]:
    """(renewable, other): the keystores a renewal can start for now, soonest first, and those that
    need something else (expired: a new request; pending or under way: eHealth's answer)."""
    from ehwatch.monitor import inventory
    from ehwatch.renewal.lifecycle import Lifecycles

    under_way = {}
    for renewal in Lifecycles(core.store).open():
        if renewal.waiting:
            under_way[str(Path(renewal.old_keystore).resolve())] = renewal
    renewable, other = [], []
    for record in inventory.scan(core).records:
        path = str(Path(record.path).resolve())
        if path in under_way:
            other.append((record, "under_way", under_way[path]))
        elif record.status in RENEWABLE and record.days_left is not None and record.days_left < 0:
            other.append((record, "expired", None))   # locked, and its estimated expiry is past
        elif record.status in RENEWABLE and record.days_left is not None \
                and record.days_left <= core.config.warn_days:
            renewable.append(record)
        elif record.status in ("expired", "pending"):
            other.append((record, record.status, None))
    renewable.sort(key=lambda r: r.days_left)
    return renewable, other


def _who(record) -> str:
    return record.holder or record.identifier or Path(record.path).name


def _when(lang: str, record) -> str:
    from ehwatch import i18n

    days = record.days_left or 0
    if record.expiry_source != "certificate":   # locked: the date is estimated from the file name
        return i18n.t("cli.renew.pick.days_estimated", lang, days=days)
    if days <= 0:
        return i18n.t("cli.renew.pick.today", lang)
    return i18n.t("cli.renew.pick.days", lang, days=days)


def choose_due(core, ui) -> tuple[Path | None, int]:
    """Lists the certificates due, then asks which one to renew (a number). Returns (keystore, 0), or
    (None, exit code) when there is nothing to renew (0), nothing chosen (1) or no way to ask (2)."""
    renewable, other = due(core)
    chosen, code = None, 0
    asking = bool(renewable) and ui.interactive and not ui.assume_yes
    if asking:           # said before the question, so that the answer is the last thing on screen
        _tell_others(ui, other)
    if not renewable:
        ui.tell("cli.renew.pick.none", days=core.config.warn_days)
    else:
        from ehwatch import i18n

        options = [(str(r.path), i18n.t("cli.renew.pick.line", ui.lang, who=_who(r), when=_when(ui.lang, r),
                                        file=Path(r.path).name)) for r in renewable]
        if ui.assume_yes or not ui.interactive:
            ui.tell("cli.renew.pick.title", count=len(options))
            for number, (_, label) in enumerate(options, 1):
                ui.say(f"  {number}. {label}")
            code = 2
        else:
            chosen = ui.choose("cli.renew.pick.title", options, count=len(options))
            code = 0 if chosen else 1
    if not asking:
        _tell_others(ui, other)
    if code == 2:
        ui.tell("cli.renew.pick.name_it_yes" if ui.assume_yes else "cli.renew.pick.name_it")
    elif code == 1:
        ui.tell("cli.renew.pick.nothing")
    return (Path(chosen), 0) if chosen else (None, code)


def _tell_others(ui, other) -> None:
    """What needs something else than a renewal: expired (a new request), pending, under way."""
    for record, why, renewal in other:
        name = Path(record.path).name
        if why == "expired":
            ui.tell("cli.renew.pick.expired", who=_who(record), file=name, path=str(record.path))
        elif why == "pending":
            ui.tell("cli.renew.pick.pending", who=_who(record), file=name)
        else:
            ui.tell("cli.renew.pick.under_way", who=_who(record), file=name, request=renewal.request_number or "—")


def completion_offer(core, ui, args) -> None:
    """No daemon runs and a renewal waits for eHealth: nobody completes it unless ehwatch runs (or
    ``ehwatch complete`` is typed). On a terminal, offer to start ehwatch now and at every login."""
    from ehwatch import instance
    from ehwatch.renewal.lifecycle import Lifecycles

    if instance.is_running() or not any(r.waiting for r in Lifecycles(core.store).open()):
        return
    from ehwatch.desktop import autostart

    enabled = autostart.is_enabled()
    if not ui.interactive or ui.assume_yes:   # nobody to ask: the action's last line said how it completes
        if enabled:                           # ... and that start at login would do it: it is on already
            ui.tell("cli.renew.offer.later_on")
        return
    if not ui.confirm("cli.renew.offer.start_now" if enabled else "cli.renew.offer.start_and_login"):
        ui.tell("cli.renew.offer.declined")
        return
    if not enabled:
        ui.tell("autostart.enabled", where=autostart.enable())
    started = start_daemon(getattr(args, "config", None))
    ui.tell("cli.renew.offer.started" if started is not None else "cli.renew.offer.not_started")


def start_daemon(config: Path | None = None, wait: float = 15.0):
    """Starts ``ehwatch run`` in the background, detached from this terminal; its process once it
    answers (None if it did not within ``wait`` seconds)."""
    import subprocess
    import time

    from ehwatch import instance
    from ehwatch.desktop import autostart

    command = autostart.launch_command()
    if config is not None:
        command = [*command[:-1], "--config", str(Path(config).resolve()), command[-1]]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and process.poll() is None:
        if instance.is_running():
            return process
        time.sleep(0.2)
    return None
