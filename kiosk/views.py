"""The kiosk face: citizens take a number."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from motcua.devices import device_page

kiosk = Blueprint(
    "kiosk",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/kiosk",
)


@kiosk.get("/o/<office>/kiosk")
@device_page("kiosk")
def page(office: str, office_name: str, **_: Any) -> ResponseReturnValue:
    return render_template("kiosk/kiosk.html", office=office, office_name=office_name)
