"""Announcements of calls: the text the board shows and speaks, and its audio."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from display.audio import render_announcement
from display.speech import announcement_text, display_text
from motcua.core.events import DomainEvent
from motcua.core.settings import DEFAULTS

CALLS = ("ticket.called", "ticket.recalled")


def texts(settings: dict[str, Any], number: int, counter: int) -> tuple[str, str]:
    """(shown, spoken) for a call, from the office's template and reading variant."""
    template = settings.get("announcement_template", DEFAULTS["announcement_template"])
    variant = settings.get("number_reading", DEFAULTS["number_reading"])
    shown = display_text(number, counter, template=template)
    spoken = announcement_text(number, counter, template=template, variant=variant)
    return shown, spoken


def audio_file(
    cache_dir: Path, settings: dict[str, Any], number: int, counter: int
) -> Path:
    """The cached WAV of a call: chime, then the sentence twice."""
    _, spoken = texts(settings, number, counter)
    return render_announcement(spoken, cache_dir)


def decorate(
    event: DomainEvent, message: dict[str, Any], settings: dict[str, Any]
) -> None:
    """Add {"text", "audio_url"} to call events before they go out."""
    data = message["data"]
    if event.name not in CALLS or not data.get("counter"):
        return
    number, counter = int(data["ticket"]["number"]), int(data["counter"]["number"])
    shown, _ = texts(settings, number, counter)
    data["announcement"] = {
        "text": shown,
        "audio_url": f"/o/{event.office}/display/audio/{number}/{counter}.wav",
    }
