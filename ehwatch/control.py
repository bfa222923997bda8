"""A command asks the running daemon to do a state-changing action (one writer, ``writer.py``).

One JSON object per line over the per-user socket (``instance.py``: a 0600 Unix socket in the
user's private runtime folder; on Windows a localhost port with a random token):

    command → daemon   {"request": "complete", "args": {...}}
    daemon  → command  {"ask": "ask_pin", "args": {...}}     a question for the person at the terminal
    command → daemon   {"answer": ...}  or  {"refuse": "message key"}
    daemon  → command  {"tell": "key", "params": {...}}  |  {"say": "text"}
    daemon  → command  {"done": exit code}  |  {"failed": {"key": ..., "params": ...}}

The daemon runs the action with a ``RemoteUI`` whose questions travel to the command, which answers
them with its own ``TerminalUI``: the renewal is driven by the daemon, the person answers where they
typed the command, and the tray shows the progress. Secrets typed at the terminal (PIN, passwords)
travel only over that private socket and are redacted from the daemon's log on arrival.
"""
from __future__ import annotations

import json
import logging
import socket
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from ehwatch import instance, logs
from ehwatch.errors import EhwatchError

if TYPE_CHECKING:
    from ehwatch.actions.ui import ActionUI
    from ehwatch.renewal.eid import PinRequest
    from ehwatch.renewal.start import Overview

log = logging.getLogger(__name__)

Message = dict[str, Any]            # one JSON object (what travels is data: read with care)

MAX_LINE = 1 << 20                  # one message; an overview or the conditions text fits many times
ANSWER_TIMEOUT = 15 * 60            # a person reads the conditions, finds the card, types the PIN
SECRET_QUESTIONS = {"ask_keystore_password", "ask_pin", "ask_new_password"}
PIN_REQUEST_FIELDS = ("holder", "tries_left", "final_try", "count_low", "pinpad", "key_label")


class Disconnected(EhwatchError):
    def __init__(self) -> None:
        super().__init__("control.disconnected")


class LineChannel:
    """JSON lines over a connected socket, each bounded in size and time."""

    def __init__(self, conn: socket.socket, timeout: float = ANSWER_TIMEOUT) -> None:
        self.conn = conn
        self.conn.settimeout(timeout)
        self._buffer = b""

    def send(self, message: Message) -> None:
        try:
            self.conn.sendall(json.dumps(message, default=str, ensure_ascii=False).encode("utf-8") + b"\n")
        except OSError:
            raise Disconnected() from None

    def receive(self) -> Message:
        while b"\n" not in self._buffer:
            if len(self._buffer) > MAX_LINE:
                raise Disconnected()
            try:
                chunk = self.conn.recv(65536)
            except OSError:
                raise Disconnected() from None
            if not chunk:
                raise Disconnected()
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        try:
            message = json.loads(line.decode("utf-8"))
        except ValueError:
            raise Disconnected() from None
        if not isinstance(message, dict):
            raise Disconnected()
        return message

    def close(self) -> None:
        try:
            self.conn.close()
        except OSError:
            pass


class RemoteUI:
    """The daemon's side: the renewal's questions asked at the terminal that sent the request."""

    def __init__(self, channel: LineChannel) -> None:
        self.channel = channel

    def _ask(self, method: str, **args: Any) -> Any:
        self.channel.send({"ask": method, "args": args})
        reply = self.channel.receive()
        if "refuse" in reply:
            from ehwatch.renewal.stops import RenewalStopped

            raise RenewalStopped(str(reply["refuse"]))
        answer = reply.get("answer")
        if method in SECRET_QUESTIONS and isinstance(answer, str):
            logs.redact(answer)
        return answer

    def _ask_text(self, method: str, **args: Any) -> str | None:
        """A typed answer (a password, a PIN) or None (cancelled); anything else is no answer."""
        answer = self._ask(method, **args)
        return answer if isinstance(answer, str) else None

    def confirm(self, key: str, **params: Any) -> bool:
        return bool(self._ask("confirm", key=key, params=params))

    def ask_keystore_password(self, keystore: Path, retry: bool) -> str | None:
        return self._ask_text("ask_keystore_password", keystore=str(keystore), retry=retry)

    def ask_contact(self, prefill: dict[str, Any]) -> dict[str, Any] | None:
        answer = self._ask("ask_contact", prefill=prefill)
        return {str(k): v for k, v in answer.items()} if isinstance(answer, dict) else None

    def show_conditions(self, text: str) -> bool:
        return bool(self._ask("show_conditions", text=text))

    def review(self, overview: Overview) -> bool:
        return bool(self._ask("review", overview=overview.to_json()))

    def ask_new_password(self) -> str | None:
        return self._ask_text("ask_new_password")

    def ask_pin(self, request: PinRequest) -> str | None:
        return self._ask_text("ask_pin", **{name: getattr(request, name, None) for name in PIN_REQUEST_FIELDS})

    def choose(self, key: str, options: list[tuple[str, str]], **params: Any) -> str | None:
        answer = self._ask("choose", key=key, options=[list(o) for o in options], params=params)
        return answer if isinstance(answer, str) and answer in {str(o[0]) for o in options} else None

    def tell(self, key: str, **params: Any) -> None:
        self.channel.send({"tell": key, "params": params})

    def say(self, text: str) -> None:
        self.channel.send({"say": text})


def serve(channel: LineChannel, run_action: Callable[[RemoteUI], int | None]) -> None:
    """The daemon's side of one request: ``run_action(ui) -> exit code``, then the result."""
    ui = RemoteUI(channel)
    try:
        try:
            code = run_action(ui)
            channel.send({"done": int(code or 0)})
        except Disconnected:
            log.info("the command that asked went away")
        except EhwatchError as exc:
            channel.send({"failed": {"key": exc.key, "params": exc.params}})
    except Disconnected:
        pass
    finally:
        channel.close()


def call(op: str, args: dict[str, Any], ui: ActionUI) -> int | None:
    """The command's side: asks the running daemon to do ``op``; None when no daemon answers.
    ``ui`` (a ``TerminalUI``) answers the daemon's questions and shows what it tells."""
    conn = instance.connect()
    if conn is None:
        return None
    channel = LineChannel(conn)
    try:
        channel.send({"request": op, "args": args})
        while True:
            message = channel.receive()
            if "ask" in message:
                channel.send(_answer(ui, str(message["ask"]), message.get("args") or {}))
            elif "tell" in message:
                ui.tell(str(message["tell"]), **(message.get("params") or {}))
            elif "say" in message:
                ui.say(str(message["say"]))
            elif "done" in message:
                return int(message["done"])
            elif "failed" in message:
                failed = message["failed"] or {}
                raise EhwatchError(str(failed.get("key")), **(failed.get("params") or {}))
    finally:
        channel.close()


def _answer(ui: ActionUI, method: str, args: dict[str, Any]) -> Message:
    from ehwatch.renewal.start import Overview
    from ehwatch.renewal.stops import RenewalStopped

    try:
        if method == "confirm":
            return {"answer": ui.confirm(args["key"], **(args.get("params") or {}))}
        if method == "ask_keystore_password":
            return {"answer": ui.ask_keystore_password(Path(args["keystore"]), bool(args.get("retry")))}
        if method == "ask_contact":
            return {"answer": ui.ask_contact(dict(args.get("prefill") or {}))}
        if method == "show_conditions":
            return {"answer": ui.show_conditions(str(args.get("text") or ""))}
        if method == "review":
            return {"answer": ui.review(Overview.from_json(args["overview"]))}
        if method == "ask_new_password":
            return {"answer": ui.ask_new_password()}
        if method == "choose":
            options = [(str(o[0]), str(o[1])) for o in (args.get("options") or [])][:50]
            return {"answer": ui.choose(str(args["key"]), options, **(args.get("params") or {}))}
        if method == "ask_pin":
            # a PinRequest's attributes, without loading the eID module (PKCS#11) in the terminal
            request = SimpleNamespace(**{name: args.get(name) for name in PIN_REQUEST_FIELDS})
            return {"answer": ui.ask_pin(cast("PinRequest", request))}
    except RenewalStopped as exc:
        return {"refuse": exc.key}
    log.warning("the daemon asked an unknown question %r", method)
    return {"answer": None}
