"""The display face: the lobby board and the audio of its announcements."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import current_app, jsonify, render_template, send_file
from flask.typing import ResponseReturnValue

from display import pair  # noqa: F401  (registers the pairing routes)
from display.announce import (
    audio_file,
    decorate,
    decorate_snapshot,
    office_voice_pack,
)
from display.audio import AudioError, keep_under, layout
from display.blueprint import display
from display.encode import FORMATS, encoded
from motcua.core.actors import Actor, require_device_or_role
from motcua.core.calling import was_called_today
from motcua.core.db import Session
from motcua.core.lookup import office_by_slug
from motcua.core.views import board_config
from motcua.devices import device_page
from motcua.errors import SECURITY_HEADERS
from motcua.services import app_services
from motcua.web import ApiError, clock, current_actor, read, staff_lang

__all__ = ["display"]
BOARD_CSP = SECURITY_HEADERS["Content-Security-Policy"].replace(
    "media-src 'self'", "media-src 'self' blob:"
)


@display.record_once
def _announce_calls(state: Any) -> None:
    realtime = app_services(state.app).realtime
    realtime.decorators.append(decorate)
    realtime.snapshot_decorators.append(decorate_snapshot)


def _config(office: str, actor: Actor) -> dict[str, Any]:
    def op(session: Session) -> dict[str, Any]:
        found = office_by_slug(session, office)
        require_device_or_role(actor, found, ("display",))
        return board_config(session, found, actor)

    return read(op)


@display.get("/o/<office>/display")
@device_page("display")
def page(office: str, actor: Actor, **_: Any) -> ResponseReturnValue:
    html = render_template(
        "display/board.html",
        office=office,
        config=_config(office, actor),
        audio_layout=layout(),
        lang=staff_lang(office),
    )
    # Announcements play from blobs fetched once, so a recall needs no request.
    return html, {"Content-Security-Policy": BOARD_CSP}


@display.get("/o/<office>/display/config.json")
def config(office: str) -> ResponseReturnValue:
    response = jsonify(_config(office, current_actor()))
    response.cache_control.no_store = True
    return response


@display.get("/o/<office>/display/audio/<int:number>/<int:counter>.<kind>")
def audio(office: str, number: int, counter: int, kind: str) -> ResponseReturnValue:
    """The audio of a call made today; any other number is not rendered."""
    actor = current_actor()
    if number > 9999 or counter > 999 or kind not in FORMATS:
        raise ApiError(404, "not_found")

    def op(session: Session) -> dict[str, Any]:
        found = office_by_slug(session, office)
        require_device_or_role(actor, found, ("display",))
        if not was_called_today(session, found, clock(), number, counter):
            raise ApiError(404, "not_found")
        return dict(found.settings or {})

    settings = read(op)
    instance = Path(current_app.instance_path)
    cache = instance / "audio"
    try:
        wav = audio_file(
            cache, settings, number, counter, office_voice_pack(instance, office)
        )
        path = encoded(wav, kind)
    except AudioError as err:
        raise ApiError(503, "audio_unavailable") from err
    keep_under(cache, current_app.config["AUDIO_CACHE_BYTES"], keep=(wav, path))
    mimetype = FORMATS[kind].mimetype.split(";")[0]
    return send_file(path, mimetype=mimetype, max_age=86400)
