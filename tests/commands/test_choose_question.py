"""Issue 12: the new question (choose among options: whom a new certificate is for, a revocation's
reason) travels from the daemon to the command's terminal like the others, and the terminal answers
it by number; an answer outside the options is no answer."""
from __future__ import annotations

import io
import socket
import threading

from ehwatch import control
from ehwatch.commands._terminal import TerminalUI

OPTIONS = [("", "Myself"), ("CBE=0123456789", "Cabinet Dubois (CBE=0123456789)")]


class Typed(io.StringIO):
    def isatty(self):          # a person at a terminal, typing these lines
        return True


def test_the_terminal_chooses_by_number(monkeypatch, capsys):
    ui = TerminalUI("en", stdin=Typed(""))
    monkeypatch.setattr("builtins.input", lambda prompt: "2")
    assert ui.choose("request.choose_whom", OPTIONS) == "CBE=0123456789"
    out = capsys.readouterr().out
    assert "For whom is the new certificate?" in out and "2. Cabinet Dubois (CBE=0123456789)" in out
    monkeypatch.setattr("builtins.input", lambda prompt: "7")
    assert ui.choose("request.choose_whom", OPTIONS) is None
    assert TerminalUI("en", stdin=io.StringIO("")).choose("request.choose_whom", OPTIONS) is None   # automation


def test_the_daemon_asks_and_the_terminal_answers(monkeypatch):
    daemon_end, command_end = socket.socketpair()
    remote = control.RemoteUI(control.LineChannel(daemon_end))
    terminal = TerminalUI("en", stdin=Typed(""))
    monkeypatch.setattr("builtins.input", lambda prompt: "2")

    def command_side():
        channel = control.LineChannel(command_end)
        message = channel.receive()
        channel.send(control._answer(terminal, message["ask"], message["args"]))

    thread = threading.Thread(target=command_side)
    thread.start()
    assert remote.choose("request.choose_whom", OPTIONS) == "CBE=0123456789"
    thread.join(timeout=10)
    daemon_end.close()
    command_end.close()


def test_the_named_pin_serves_each_eid_key_once_and_is_never_retried():
    from types import SimpleNamespace

    ui = TerminalUI("en", stdin=io.StringIO("pin=1234\nnew_password=N3w-keystore!\n"), out=io.StringIO())
    assert ui.ask_pin(SimpleNamespace(key_label="Authentication", holder="Marie", tries_left=None)) == "1234"
    assert ui.ask_pin(SimpleNamespace(key_label="Signature", holder="Marie", tries_left=None)) == "1234"
    # asked again for a key that already had it (after a wrong PIN): not given again
    assert ui.ask_pin(SimpleNamespace(key_label="Signature", holder="Marie", tries_left=2)) is None
    assert ui.ask_new_password() == "N3w-keystore!"


def test_yes_never_answers_the_pin_retry_question(monkeypatch):
    """--yes says yes to the renewal's questions, never to typing a PIN again after a wrong one: at a
    terminal the person is asked; without one the answer is no."""
    asked = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "n")
    at_terminal = TerminalUI("en", assume_yes=True, stdin=Typed(""), out=io.StringIO())
    assert at_terminal.confirm("renewal.confirm_start", holder="MARIE DUBOIS", file="x.p12") and asked == []
    assert not at_terminal.confirm("renewal.pin_try_again") and len(asked) == 1
    unattended = TerminalUI("en", assume_yes=True, stdin=io.StringIO(""), out=io.StringIO())
    assert not unattended.confirm("renewal.pin_try_again")
