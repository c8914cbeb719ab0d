"""The bytes of a print job: a ticket or the test page, for one printer config.

Pure: the server's sender and `motcua print-ticket` call it with the same
inputs, so the file the command writes is what the printer gets.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

from printer.encode import test_page_image, ticket_bytes
from printer.layout import ticket_layout
from printer.render import WIDTH_80MM, render_ticket


def width_of(config: Mapping[str, Any] | None) -> int:
    """Print-head width in dots; 80 mm at 203 dpi unless the config says."""
    return int((config or {}).get("width") or WIDTH_80MM)


def ticket_job_bytes(
    ticket: Mapping[str, Any],
    office_name: str,
    office_settings: Mapping[str, Any],
    config: Mapping[str, Any] | None,
    *,
    lang: str = "vi",
    timezone: str = "Asia/Ho_Chi_Minh",
) -> bytes:
    """ESC/POS bytes of a ticket (the API's ticket JSON with its status_url)."""
    shown = dict(ticket)
    if lang == "en" and ticket["service"].get("name_en"):
        shown["service"] = {**ticket["service"], "name": ticket["service"]["name_en"]}
    layout = ticket_layout(
        shown,
        office_name,
        footer=str(office_settings.get("ticket_footer") or "") or None,
        logo=_logo(office_settings.get("ticket_logo")),
        lang="en" if lang == "en" else "vi",
        timezone=timezone,
    )
    image = render_ticket(layout, width_of(config))
    return ticket_bytes(image, profile=_profile(config))


def test_page_bytes(config: Mapping[str, Any] | None) -> bytes:
    """ESC/POS bytes of the admin's test page."""
    return ticket_bytes(test_page_image(width_of(config)), profile=_profile(config))


def _profile(config: Mapping[str, Any] | None) -> str:
    return str((config or {}).get("profile") or "default")


def _logo(value: Any) -> bytes | None:
    """The office logo: a base64 PNG in the settings; unreadable means none."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
