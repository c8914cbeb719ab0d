"""What the app holds for its handlers: one typed object, made by `create_app`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flask import Flask, current_app

from motcua.core.actors import Actor
from motcua.core.clock import Clock
from motcua.core.db import Database

if TYPE_CHECKING:  # the holders import this module: named here for the checker only
    from booking.sender import NotifySender
    from motcua.admin.scheduler import Scheduler
    from motcua.ratelimit import Windows
    from motcua.realtime import Realtime
    from motcua.remembered import Remembered, SharedRemembered
    from printer.sender import PrintSender

KEY = "motcua"


@dataclass
class Services:
    """The database, the clock and the realtime server, and what joins them later."""

    db: Database
    clock: Clock
    realtime: Realtime
    # Set when the printer and booking blueprints are registered.
    printing: PrintSender | None = None
    notify: NotifySender | None = None
    # Set when a server starts the daily report task (never in tests).
    report_scheduler: Scheduler | None = None
    # Made on first use, in Redis when the city shares one, in memory otherwise.
    ratelimit: Windows | None = None
    remembered: Remembered | SharedRemembered | None = None
    # Kept a few seconds in this process: token -> (until, actor) and
    # kiosk device id -> (until, whether it prints).
    actors: dict[str, tuple[float, Actor | None]] = field(default_factory=dict)
    prints: dict[int, tuple[float, bool]] = field(default_factory=dict)


def app_services(app: Flask | None = None) -> Services:
    """The services of this app (the current one by default)."""
    held = (app or current_app).extensions[KEY]
    if not isinstance(held, Services):
        raise TypeError(f"app.extensions[{KEY!r}] is not the app's Services")
    return held
