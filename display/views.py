"""The display face: the lobby board."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from motcua.devices import device_page

display = Blueprint(
    "display",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/display",
)


@display.get("/o/<office>/display")
@device_page("display")
def page(office: str, office_name: str, **_: Any) -> ResponseReturnValue:
    return render_template("display/board.html", office=office, office_name=office_name)
