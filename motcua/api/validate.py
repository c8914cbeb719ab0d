"""Checking JSON bodies: every field known, typed and bounded, or a clear 400."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import request
from flask.json.provider import DefaultJSONProvider

from motcua.web import ApiError


@dataclass(frozen=True)
class Field:
    kind: type | tuple[type, ...]
    required: bool = False
    max_len: int = 200
    choices: tuple[Any, ...] | None = None
    nullable: bool = True
    minimum: int | None = None
    maximum: int | None = None


MAX_DEPTH = 32


class BoundedJSON(DefaultJSONProvider):
    """Request bodies nested deeper than MAX_DEPTH are not JSON we take: a 400
    (bad_json), never the parser's recursion error (a 500)."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        if _depth(s) > MAX_DEPTH:
            raise ValueError("nested too deeply")
        return super().loads(s, **kwargs)


def _depth(s: str | bytes) -> int:
    """How deep brackets nest (strings not skipped: an over-estimate is fine)."""
    text = s.decode("utf-8", "replace") if isinstance(s, bytes) else s
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def json_body() -> dict[str, Any]:
    """The request's JSON object; an empty body counts as {}."""
    if not request.get_data(cache=True):
        return {}
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(400, "bad_json")
    return data


def _check(name: str, spec: Field, value: Any) -> None:
    if value is None:
        if spec.required or not spec.nullable:
            raise ApiError(400, "invalid_field", field=name, reason="required")
        return
    if isinstance(value, bool) and bool not in _kinds(spec):
        raise ApiError(400, "invalid_field", field=name, reason="wrong type")
    if not isinstance(value, spec.kind):
        raise ApiError(400, "invalid_field", field=name, reason="wrong type")
    if isinstance(value, str) and not 0 < len(value) <= spec.max_len:
        raise ApiError(400, "invalid_field", field=name, reason="length")
    if isinstance(value, str) and "\x00" in value:  # PostgreSQL refuses NUL in text
        raise ApiError(400, "invalid_field", field=name, reason="characters")
    if isinstance(value, int) and not _in_bounds(spec, value):
        raise ApiError(400, "invalid_field", field=name, reason="out of range")
    if spec.choices is not None and value not in spec.choices:
        raise ApiError(400, "invalid_field", field=name, reason="not allowed")


def _kinds(spec: Field) -> tuple[type, ...]:
    return spec.kind if isinstance(spec.kind, tuple) else (spec.kind,)


def _in_bounds(spec: Field, value: int) -> bool:
    low = spec.minimum if spec.minimum is not None else -(2**31)
    high = spec.maximum if spec.maximum is not None else 2**31 - 1
    return low <= value <= high


def validated(schema: dict[str, Field]) -> dict[str, Any]:
    """The body checked against the schema, with absent fields as None."""
    data = json_body()
    for name in data:
        if name not in schema:
            raise ApiError(400, "unknown_field", field=name)
    for name, spec in schema.items():
        _check(name, spec, data.get(name))
    return {name: data.get(name) for name in schema}
