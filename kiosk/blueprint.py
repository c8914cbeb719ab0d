"""The kiosk face's blueprint: pages and REST routes share it."""

from __future__ import annotations

from flask import Blueprint

kiosk = Blueprint(
    "kiosk",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/kiosk",
)
