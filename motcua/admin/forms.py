"""Reading admin forms and running their operations with errors shown on the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import request
from sqlalchemy.orm import Session

from motcua.core.lookup import office_by_slug
from motcua.core.models import Office
from motcua.i18n import message
from motcua.web import ApiError, run

T = TypeVar("T")


class FormError(Exception):
    """A field the person must correct; the message is for people."""


def text(name: str, max_len: int = 200, required: bool = False) -> str:
    value = (request.form.get(name) or "").strip()[:max_len]
    if required and not value:
        raise FormError(f"Hãy điền mục “{name}”.")
    return value


def number(name: str, default: int | None = None, low: int = 0, high: int = 10**6):  # type: ignore[no-untyped-def]
    raw = (request.form.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise FormError(f"Mục “{name}” cần một số.") from None
    if not low <= value <= high:
        raise FormError(f"Mục “{name}” cần số từ {low} đến {high}.")
    return value


def checked(name: str) -> bool:
    return request.form.get(name) in ("on", "1", "true", "yes")


def attempt(
    operation: Callable[[Session], tuple[T, list[Any]]],
) -> tuple[T | None, str | None]:
    """Run an operation; (result, None) or (None, the error in Vietnamese)."""
    try:
        return run(operation), None
    except ApiError as err:
        return None, message(err.code, "vi", **err.params)
    except FormError as err:
        return None, str(err)


def in_office(
    office: Office, fn: Callable[[Session, Office], T]
) -> Callable[[Session], tuple[T, list[Any]]]:
    """An operation on the office, reloaded in the operation's own session."""

    def op(session: Session) -> tuple[T, list[Any]]:
        return fn(session, office_by_slug(session, office.slug)), []

    return op
