"""What the core asks of the web outside: one HTTP exchange, bounded in time.

The core builds requests (an SMS, a dossier look-up) and reads the answers; an
adapter outside it (motcua/gateways.py) sends them, refusing addresses the operator
did not allow and cutting every exchange at its deadline.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

# Why an exchange got no answer.
REASONS = ("not_allowed", "deadline", "refused", "unreachable", "busy")


@dataclass(frozen=True)
class Reply:
    """The other side's answer: its status and (the first megabyte of) its body."""

    status: int
    body: bytes = b""

    def json(self) -> Any:
        """The body as JSON, or None when it is not JSON."""
        try:
            return json.loads(self.body)
        except ValueError:
            return None


class NoAnswer(Exception):
    """No answer came: the address is not allowed, the deadline passed, the
    connection was refused, the host was not reached, or the request's lane was
    full (`reason`, one of REASONS)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Http(Protocol):
    """Send one request and wait at most `deadline` seconds in all for its answer."""

    def __call__(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str],
        body: bytes | None = None,
        deadline: float,
    ) -> Reply: ...


def json_body(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")
