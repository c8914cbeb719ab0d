"""Domain errors carry a code; the web layer turns the code into words and a status."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    kind = "invalid"

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class Invalid(DomainError):
    kind = "invalid"


class NotFound(DomainError):
    kind = "not_found"


class Conflict(DomainError):
    kind = "conflict"


class Forbidden(DomainError):
    kind = "forbidden"
