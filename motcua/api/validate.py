"""Reading request input through the API's models: a clear 400 in the API's shape."""

from __future__ import annotations

from typing import Any, TypeVar

from flask import request
from flask.json.provider import DefaultJSONProvider
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from motcua.web import ApiError

M = TypeVar("M", bound=BaseModel)
MAX_DEPTH = 32
# The words of `invalid_field`'s reason, by pydantic's error type.
REASONS = {
    "missing": "required",
    "string_too_short": "length",
    "string_too_long": "length",
    "too_short": "length",
    "too_long": "length",
    "string_pattern_mismatch": "characters",
    "greater_than_equal": "out of range",
    "less_than_equal": "out of range",
    "literal_error": "not allowed",
    "date_from_datetime_parsing": "YYYY-MM-DD",
    "date_parsing": "YYYY-MM-DD",
    "date_type": "YYYY-MM-DD",
}


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


def parsed(model: type[M], data: dict[str, Any]) -> M:
    """The data read through the model, or the first thing wrong with it as a 400:
    an unknown field first, then the fields in the model's order."""
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise _api_error(err.errors()) from None


def _api_error(errors: list[ErrorDetails]) -> ApiError:
    unknown = [e for e in errors if e["type"] == "extra_forbidden"]
    if unknown:
        return ApiError(400, "unknown_field", field=_name(unknown[0]))
    first = errors[0]
    reason = REASONS.get(first["type"], "wrong type")
    if first.get("input", "") is None:
        reason = "required"  # a null where a value is needed
    return ApiError(400, "invalid_field", field=_name(first), reason=reason)


def _name(error: ErrorDetails) -> str:
    """The field's name as the client sent it: `current.ticket`, `reasons`."""
    return ".".join(str(part) for part in error["loc"] if isinstance(part, str))
