"""Announcements of calls: the text the board shows and speaks, and its audio."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from display.audio import render_announcement
from display.encode import available
from display.speech import (
    VARIANTS,
    TemplateError,
    announcement_text,
    check_template,
    display_text,
)
from motcua.core.errors import Invalid
from motcua.core.events import DomainEvent
from motcua.core.security import slug_folder
from motcua.core.settings import DEFAULTS

CALLS = ("ticket.called", "ticket.recalled")


def template_of(settings: dict[str, Any]) -> str:
    """The office's template, or the default when the stored one is not usable."""
    template = settings.get("announcement_template")
    if isinstance(template, str) and check_template(template) is None:
        return template
    return str(DEFAULTS["announcement_template"])


def variant_of(settings: dict[str, Any]) -> str:
    """ "north" or "south"; anything else reads the northern way."""
    variant = settings.get("number_reading")
    return variant if variant in VARIANTS else str(DEFAULTS["number_reading"])


def check_settings(settings: dict[str, Any]) -> TemplateError | None:
    """The first problem with an office's announcement settings, for the admin."""
    template = settings.get("announcement_template")
    if template is not None:
        if not isinstance(template, str):
            return TemplateError("template_syntax", detail="not text")
        error = check_template(template)
        if error is not None:
            return error
    variant = settings.get("number_reading")
    if variant is not None and variant not in VARIANTS:
        return TemplateError("bad_number_reading", variant=variant)
    return None


def texts(settings: dict[str, Any], number: int, counter: int) -> tuple[str, str]:
    """(shown, spoken) for a call, from the office's template and reading variant."""
    template = template_of(settings)
    shown = display_text(number, counter, template=template)
    spoken = announcement_text(
        number, counter, template=template, variant=variant_of(settings)
    )
    return shown, spoken


def office_voice_pack(instance: Path, office: str) -> Path | None:
    """The office's own recordings in <instance>/voice/<office>, if uploaded."""
    try:
        folder = slug_folder(instance / "voice", office)
    except Invalid:
        return None
    return folder if (folder / "index.json").is_file() else None


def audio_file(
    cache_dir: Path,
    settings: dict[str, Any],
    number: int,
    counter: int,
    voice_pack: Path | None = None,
) -> Path:
    """The cached WAV of a call: chime, then the sentence twice."""
    _, spoken = texts(settings, number, counter)
    return render_announcement(spoken, cache_dir, voice_pack=voice_pack)


def audio_url(office: str, number: int, counter: int, suffix: str = "wav") -> str:
    return f"/o/{office}/display/audio/{number}/{counter}.{suffix}"


def audio_choices(office: str, number: int, counter: int) -> list[dict[str, str]]:
    """The call's audio in every format the server makes, the smallest first."""
    return [
        {"type": f.mimetype, "url": audio_url(office, number, counter, f.suffix)}
        for f in available()
    ]


def announcement(
    office: str, settings: dict[str, Any], number: int, counter: int
) -> dict[str, Any]:
    """{"text", "audio_url", "audio"} of a call."""
    shown, _ = texts(settings, number, counter)
    return {
        "text": shown,
        "audio_url": audio_url(office, number, counter),
        "audio": audio_choices(office, number, counter),
    }


def decorate(
    event: DomainEvent, message: dict[str, Any], settings: dict[str, Any]
) -> None:
    """Add the announcement to call events before they go out."""
    data = message["data"]
    if event.name not in CALLS or not data.get("counter"):
        return
    number, counter = int(data["ticket"]["number"]), int(data["counter"]["number"])
    data["announcement"] = announcement(event.office, settings, number, counter)


def decorate_snapshot(
    office: str, data: dict[str, Any], settings: dict[str, Any]
) -> None:
    """Calls still waiting for their citizen carry their announcement: a board that
    missed the event (a gap, a restart) says them from the snapshot."""
    for call in data.get("recent_calls", []):
        if call.get("status") == "called" and call.get("counter"):
            number, counter = int(call["ticket"]), int(call["counter"]["number"])
            call["announcement"] = announcement(office, settings, number, counter)
