"""Opening hours: when kiosks give numbers, if the office chooses to enforce them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from motcua.core.booking_slots import WEEKDAY_KEYS, periods
from motcua.core.models import Office
from motcua.core.settings import office_setting


def todays_hours(office: Office, at: datetime) -> str:
    """The opening hours of the office's local day, as the admin typed them."""
    local = at.astimezone(ZoneInfo(office.timezone))
    hours = office_setting(office, "hours") or {}
    return str(hours.get(WEEKDAY_KEYS[local.weekday()], "") or "")


def open_at(office: Office, at: datetime) -> bool:
    """True when the instant falls in one of the day's opening periods."""
    local = at.astimezone(ZoneInfo(office.timezone)).time()
    return any(begin <= local < end for begin, end in periods(todays_hours(office, at)))
