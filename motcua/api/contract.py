"""One contract per route: the decorator that checks a request against its models
and keeps them for the OpenAPI document (motcua.api.openapi)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import request
from pydantic import BaseModel

from motcua.api.validate import json_body, parsed
from motcua.web import current_actor

F = TypeVar("F", bound=Callable[..., Any])
# An answer: a model, None (no content), or a model per media type.
Answer = type[BaseModel] | None | Mapping[str, type[BaseModel] | None]


@dataclass(frozen=True)
class Contract:
    """What one route takes and gives."""

    summary: str
    answers: Mapping[int, Answer]
    errors: tuple[int, ...] = ()
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    raw_body: str | None = None  # a media type taken as is (a CSV upload)
    auth: Callable[[], object] | None = current_actor
    idempotent: bool = False
    examples: Mapping[str, Any] = field(default_factory=dict)


def contract(
    summary: str, answers: Mapping[int, Answer], **rest: Any
) -> Callable[[F], F]:
    """The route checks its caller (a 401 first), then its query string and body
    (a 400), and passes them to the view as `query=` and `body=`."""
    spec = Contract(summary, answers, **rest)

    def wrap(view: F) -> F:
        @functools.wraps(view)
        def checked(**kwargs: Any) -> Any:
            if spec.auth is not None:
                spec.auth()
            if spec.query is not None:
                kwargs["query"] = parsed(spec.query, request.args.to_dict())
            if spec.body is not None:
                kwargs["body"] = parsed(spec.body, json_body())
            return view(**kwargs)

        checked.contract = spec  # type: ignore[attr-defined]
        return checked  # type: ignore[return-value]

    return wrap


def contract_of(view: Callable[..., Any]) -> Contract | None:
    """The contract a registered view carries, if any."""
    found = getattr(view, "contract", None)
    return found if isinstance(found, Contract) else None
