"""Why a renewal stops: the user cancelled, or it cannot go on until the user acts.

``RenewalStopped`` names the needs-you state it stops in, so the engine never guesses a state from a
message key.
"""
from __future__ import annotations

from ehwatch.errors import EhwatchError
from ehwatch.renewal.lifecycle import State


class RenewalStopped(EhwatchError):
    """The renewal cannot go on now; the key says why and what to do, ``state`` where it waits."""

    def __init__(self, key: str, state: State = State.NEEDS_ATTENTION, **params: object) -> None:
        super().__init__(key, **params)
        self.state = State(state)


class PasswordNeeded(RenewalStopped):
    """A keystore password is unknown or the stored one is wrong."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, State.PASSWORD_UNKNOWN, **params)


class Cancelled(EhwatchError):
    """The user said no (or closed a window): nothing was signed or sent."""

    exit_code = 1

    def __init__(self) -> None:
        super().__init__("renewal.cancelled")
