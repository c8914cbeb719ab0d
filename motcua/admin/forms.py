"""Reading admin forms and running their operations with errors shown on the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, overload

from flask import request

from motcua.admin.language import page_lang
from motcua.admin.messages import said_in
from motcua.core.db import Session, Write, Written
from motcua.core.lookup import office_by_slug
from motcua.core.models import Office
from motcua.core.office_admin import changed_event
from motcua.core.settings import PRIORITY_NAMES
from motcua.i18n import message
from motcua.web import ApiError, clock, run

T = TypeVar("T")


def _f(key: str, **params: object) -> str:
    return said_in("admin_form", key, **params)


# The form fields and office settings that messages name (admin_form.label_<name>).
LABELLED = frozenset(
    (
        "name", "priority_policy", "priority_ratio", "priority_classes",
        "per_person_daily_cap", "no_show_grace_s", "no_show_grace_min",
        "counter_idle_s", "counter_idle_min", "announcement_template", "number_reading",
        "hours", "hours_mon_fri", "hours_sat", "hours_sun", "report_time",
        "report_push_url", "personal_data_days", "kiosk_texts", "kiosk_welcome",
        "kiosk_notice", "display_ticker", "booked_every", "kiosk_idle_s",
        "kiosk_read_idle_s", "kiosk_warn_s", "kiosk_cccd", "kiosk_priority_pin",
        "ticket_footer", "ticket_logo", "code", "name_vi", "name_en", "range_start",
        "range_end", "daily_cap", "number", "username", "full_name", "role",
    )
)  # fmt: skip


def label(name: str) -> str:
    """What a field or setting is called in messages, in the page's language."""
    if name.startswith("rank_") and name[5:] in PRIORITY_NAMES:
        who = PRIORITY_NAMES[name[5:]][page_lang() == "en"]
        return _f("rank", who=who)
    return _f(f"label_{name}") if name in LABELLED else name


class FormError(Exception):
    """A field the person must correct; the message is for people."""


def text(name: str, max_len: int = 200, required: bool = False) -> str:
    value = (request.form.get(name) or "").strip()[:max_len]
    if required and not value:
        raise FormError(_f("fill", field=label(name)))
    return value


@overload
def number(name: str, default: int, low: int = 0, high: int = 10**6) -> int: ...
@overload
def number(
    name: str, default: int | None = None, low: int = 0, high: int = 10**6
) -> int | None: ...
def number(
    name: str, default: int | None = None, low: int = 0, high: int = 10**6
) -> int | None:
    """The field as a whole number in [low, high]; the default when it is empty."""
    raw = (request.form.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise FormError(_f("need_number", field=label(name))) from None
    if not low <= value <= high:
        raise FormError(_f("between", field=label(name), low=low, high=high))
    return value


def checked(name: str) -> bool:
    return request.form.get(name) in ("on", "1", "true", "yes")


def attempt(
    operation: Write[T],
) -> tuple[T | None, str | None]:
    """Run an operation; (result, None) or (None, the error in Vietnamese)."""
    try:
        return run(operation), None
    except ApiError as err:
        params = dict(err.params)
        if err.code == "bad_setting" and "name" in params:
            params["name"] = label(str(params["name"]))
        return None, message(err.code, page_lang(), **params)
    except FormError as err:
        return None, str(err)


def in_office(
    office: Office, fn: Callable[[Session, Office], T], changed: str | None = None
) -> Write[T]:
    """An operation on the office, reloaded in the operation's own session.

    `changed` names what live pages show of it (fields, counters, texts...): the
    office's kiosks, boards and consoles are told at once and fetch it again.
    """

    def op(session: Session) -> Written[T]:
        found = office_by_slug(session, office.slug)
        result = fn(session, found)
        names = [changed] if changed else []
        return result, changed_event(session, found, clock(), names)

    return op
