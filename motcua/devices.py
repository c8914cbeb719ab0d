"""Pages bound to a device: the token arrives once in the URL and lives in a cookie."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import redirect, render_template, request
from flask.typing import ResponseReturnValue

from motcua.core.actors import Actor
from motcua.core.auth import actor_for_token
from motcua.core.errors import NotFound
from motcua.core.lookup import office_by_slug
from motcua.i18n import MESSAGES
from motcua.web import DEVICE_COOKIE, clock, database

TEN_YEARS = 10 * 365 * 24 * 3600
# What the ward calls each kind of device, here and on the admin's Devices page.
KIND_NAMES = {
    kind: MESSAGES[f"device_kind.{kind}"][0]
    for kind in ("kiosk", "display", "rating", "printer")
}


def unpaired(office: str, office_name: str, kind: str) -> ResponseReturnValue:
    """The page a screen shows until it is paired: what it is, and how to pair it."""
    page = render_template(
        "unpaired.html", office=office, office_name=office_name, kind=KIND_NAMES[kind]
    )
    return page, 403


def device_page(*kinds: str) -> Callable[..., Any]:
    """Guard a face's page: a device of one of the kinds, bound to the office."""

    def wrap(
        view: Callable[..., ResponseReturnValue],
    ) -> Callable[..., ResponseReturnValue]:
        @wraps(view)
        def guarded(office: str, **kwargs: Any) -> ResponseReturnValue:
            token = request.args.get("device_token")
            if token:
                response = redirect(request.path)
                response.set_cookie(
                    DEVICE_COOKIE,
                    token,
                    max_age=TEN_YEARS,
                    httponly=True,
                    samesite="Strict",
                )
                return response
            actor, office_name = _device(office, request.cookies.get(DEVICE_COOKIE))
            if actor is None or actor.device_kind not in kinds:
                return unpaired(office, office_name, kinds[0])
            return view(office=office, office_name=office_name, actor=actor, **kwargs)

        return guarded

    return wrap


def _device(slug: str, token: str | None) -> tuple[Actor | None, str]:
    """The device and the office's name (an unpaired screen shows it too)."""
    with database().sessions() as session:
        try:
            office = office_by_slug(session, slug)
        except NotFound:
            return None, slug
        if not token or len(token) > 200:
            return None, office.name
        actor = actor_for_token(session, clock(), token)
        if actor is None or actor.kind != "device" or actor.office_id != office.id:
            return None, office.name
        return actor, office.name
