"""The kiosk face: citizens take a number, look things up, ask for help."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask.typing import ResponseReturnValue

import kiosk.api as _rest  # noqa: F401  (registers the face's REST routes)
from kiosk.blueprint import kiosk
from kiosk.strings import texts
from motcua.core.actors import Actor
from motcua.core.db import Session
from motcua.core.help import pin_enabled
from motcua.core.lookup import office_by_slug
from motcua.core.models import Device, Office
from motcua.core.printing import printing_device
from motcua.core.settings import DEFAULTS, PRIORITY_NAMES, office_setting
from motcua.core.views import services_view
from motcua.devices import device_page
from motcua.web import clock, read

__all__ = ["kiosk"]


def _office_texts(office: Office) -> dict[str, str]:
    """The office's greeting and personal data notice; empty ones are not shown."""
    stored = office_setting(office, "kiosk_texts")
    return {k: str(stored.get(k) or "") for k in DEFAULTS["kiosk_texts"]}


def _page_state(slug: str, lang: str, actor: Actor) -> dict[str, Any]:
    def op(session: Session) -> dict[str, Any]:
        office = office_by_slug(session, slug)
        classes = office_setting(office, "priority_classes")
        device = session.get(Device, actor.device_id)
        return {
            "services": services_view(session, office, clock(), lang),
            "pin": pin_enabled(office),
            "self_priority": bool(office_setting(office, "kiosk_self_priority")),
            "cccd": bool(office_setting(office, "kiosk_cccd")),
            "printer": device is not None
            and printing_device(session, office, device) is not None,
            **{
                k: int(office_setting(office, f"kiosk_{k}"))
                for k in ("idle_s", "read_idle_s", "warn_s")
            },
            **_office_texts(office),
            "classes": [
                {"code": c, "name": PRIORITY_NAMES.get(c, (c, c))[lang == "en"]}
                for c in classes
            ],
        }

    return read(op)


@kiosk.get("/o/<office>/kiosk")
@device_page("kiosk")
def page(office: str, office_name: str, actor: Actor, **_: Any) -> ResponseReturnValue:
    lang = "en" if request.args.get("lang") == "en" else "vi"
    state = _page_state(office, lang, actor)
    return render_template(
        "kiosk/kiosk.html",
        office=office,
        office_name=office_name,
        lang=lang,
        t=texts(lang),
        state=state,
    )
