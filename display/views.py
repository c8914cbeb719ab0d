"""The display face: the lobby board and the audio of its announcements."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, current_app, render_template, send_file
from flask.typing import ResponseReturnValue

from display.announce import audio_file, decorate
from display.audio import AudioError
from motcua.core.actors import require_device_or_role
from motcua.core.lookup import office_by_slug
from motcua.devices import device_page
from motcua.web import ApiError, current_actor, read

display = Blueprint(
    "display",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/display",
)


@display.record_once
def _announce_calls(state: Any) -> None:
    realtime = state.app.extensions["motcua.realtime"]
    realtime.decorators.append(decorate)


@display.get("/o/<office>/display")
@device_page("display")
def page(office: str, office_name: str, **_: Any) -> ResponseReturnValue:
    return render_template("display/board.html", office=office, office_name=office_name)


@display.get("/o/<office>/display/audio/<int:number>/<int:counter>.wav")
def audio(office: str, number: int, counter: int) -> ResponseReturnValue:
    actor = current_actor()
    if number > 9999 or counter > 999:
        raise ApiError(404, "not_found")

    def op(session):  # type: ignore[no-untyped-def]
        found = office_by_slug(session, office)
        require_device_or_role(actor, found, ("display",))
        return dict(found.settings or {})

    settings = read(op)
    cache = Path(current_app.instance_path) / "audio"
    try:
        path = audio_file(cache, settings, number, counter)
    except AudioError as err:
        raise ApiError(503, "audio_unavailable") from err
    response = send_file(path, mimetype="audio/wav", max_age=86400)
    return response
