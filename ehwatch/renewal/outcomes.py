"""What a call to eHealth came to, as the engine needs to know it (certmonger's helper answers).

The client raises typed errors; ``ask`` turns one call into one of four outcomes, and this is the
only place that decides which failures are passing and which are eHealth's final word:

- ``Answered(value)``: success;
- ``NotYet``: eHealth has the request, the certificate is not produced (CERT_NOT_YET_DELIVERED);
- ``Unreachable``: no answer worth reading — connection refused or dropped, timeout, HTTP 5xx, an
  answer that is not the expected XML: wait (capped backoff) and ask again;
- ``Refused(code, message)``: eHealth answered with any other status: the renewal stops and the user
  is shown eHealth's own code and words. Never retried silently.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, ParamSpec, TypeVar

from ehwatch.errors import EhwatchError

SUPPORT_PHONE = "02 788 51 55"   # eHealth's contact centre for certificates (facts §6)


T = TypeVar("T")
P = ParamSpec("P")


@dataclass(frozen=True)
class Answered(Generic[T]):
    value: T


@dataclass(frozen=True)
class NotYet:
    message: str = ""


@dataclass(frozen=True)
class Unreachable:
    error: EhwatchError = field(compare=False)


@dataclass(frozen=True)
class Refused:
    code: str
    message: str
    operation: str = ""

    def error(self, request_number: str | None = None) -> EhwatchError:
        """The needs-you message: eHealth's words, its code, the request number, whom to call."""
        return EhwatchError("renewal.refused_by_ehealth", code=self.code, message=_cut(self.message),
                            operation=self.operation, request=request_number or "—", phone=SUPPORT_PHONE)


Failure = NotYet | Unreachable | Refused         # what a call came to when it brought nothing back
Outcome = Answered[Any] | Failure


def classify(exc: EhwatchError) -> Failure:
    """The outcome of a failed call (the exceptions the client raises, by type)."""
    from ehwatch.renewal import messages, schemas, soap

    if isinstance(exc, messages.NotYetDelivered):
        return NotYet(exc.service_message)
    if isinstance(exc, (soap.ServiceUnreachable, schemas.MalformedResponse)):
        return Unreachable(exc)
    if isinstance(exc, soap.ServiceError):
        code = exc.code or "UNKNOWN"
        if code.startswith("HTTP_5"):
            return Unreachable(exc)
        return Refused(code, exc.service_message, exc.operation)
    raise exc                            # not about eHealth's answer: the caller's error to handle


def ask(call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Answered[T] | Failure:
    """Runs one client call and says what it came to."""
    from ehwatch.renewal import messages, schemas, soap

    try:
        return Answered(call(*args, **kwargs))
    except (messages.NotYetDelivered, soap.ServiceUnreachable, soap.ServiceError, schemas.MalformedResponse) as exc:
        return classify(exc)


def _cut(text: str, limit: int = 300) -> str:
    """eHealth's words are shown as they came, within reason."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
