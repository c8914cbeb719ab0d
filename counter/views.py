"""The counter face: the staff console."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

counter = Blueprint(
    "counter",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/counter",
)


@counter.get("/o/<office>/counter")
def page(office: str) -> ResponseReturnValue:
    return render_template("counter/console.html", office=office)
