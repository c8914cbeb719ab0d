"""The display face's blueprint; its routes live in views.py and pair.py."""

from __future__ import annotations

from flask import Blueprint

display = Blueprint(
    "display",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/display",
)
