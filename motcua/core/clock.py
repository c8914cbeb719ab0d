"""Time as an argument: the system clock in production, a fixed one in tests."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class FixedClock:
    """A clock that only moves when told to."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at = self.at + timedelta(seconds=seconds)


class ScaledClock:
    """A clock running `speed` times faster than real time from a virtual start.

    Only for `motcua simulate`: every process of a simulated office shares the same
    origin, so a day of service replays in minutes with consistent times.
    """

    def __init__(
        self, virtual_start: datetime, real_start: float, speed: float
    ) -> None:
        self.virtual_start, self.real_start, self.speed = (
            virtual_start,
            real_start,
            speed,
        )

    def now(self) -> datetime:
        elapsed = (time.time() - self.real_start) * self.speed
        return self.virtual_start + timedelta(seconds=elapsed)


def service_day(at: datetime, tz: str) -> date:
    """The office's calendar day for an instant: numbers restart at local midnight."""
    return at.astimezone(ZoneInfo(tz)).date()


def as_utc(at: datetime) -> datetime:
    """Aware UTC; SQLite hands back naive datetimes, which are stored as UTC."""
    if at.tzinfo is None:
        return at.replace(tzinfo=timezone.utc)
    return at.astimezone(timezone.utc)
