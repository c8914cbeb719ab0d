"""What a printed ticket says: pure data built from the API's ticket JSON."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any, Literal
from zoneinfo import ZoneInfo

from motcua.i18n import words
from printer import messages as _messages  # noqa: F401  (registers its words)

Lang = Literal["vi", "en"]

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


@dataclass(frozen=True)
class TicketLayout:
    """Everything a ticket shows, in the words people read."""

    office_name: str
    heading: str
    number: str
    service_name: str
    ahead: int
    estimated_wait_s: int | None
    issued_at: datetime
    status_url: str
    footer: str | None = None
    logo: bytes | None = None
    lang: Lang = "vi"

    def __post_init__(self) -> None:
        if self.lang not in ("vi", "en"):
            raise ValueError(f"unsupported ticket language: {self.lang!r}")
        if self.issued_at.utcoffset() is None:
            raise ValueError("issued_at must be timezone-aware")
        if self.ahead < 0:
            raise ValueError("ahead must not be negative")
        if not self.number.strip():
            raise ValueError("a ticket needs a number")

    @property
    def labels(self) -> dict[str, str]:
        return words("ticket_print", self.lang)

    @property
    def ahead_text(self) -> str:
        return self.labels["ahead"].format(n=self.ahead)

    @property
    def wait_text(self) -> str:
        return self.labels["wait"].format(
            wait=wait_words(self.estimated_wait_s, self.lang)
        )

    @property
    def issued_text(self) -> str:
        """Issue time in the datetime's own offset (the office's local time)."""
        return self.labels["issued"].format(time=local_time_text(self.issued_at))

    @property
    def scan_text(self) -> str:
        return self.labels["scan"]


def wait_words(seconds: int | None, lang: Lang = "vi") -> str:
    """A wait in words: 'about 15 min', 'under 1 minute', 'no counter serving yet'."""
    said = words("ticket_print", lang)
    if seconds is None:
        return said["wait_unknown"]
    if seconds < 60:
        return said["wait_under_minute"]
    minutes = round(seconds / 60)
    if minutes < 60:
        return said["wait_minutes"].format(m=minutes)
    # Past an hour the estimate is rough: say it in five-minute steps.
    minutes = 5 * round(minutes / 5)
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return said["wait_hours"].format(h=hours)
    return said["wait_hours_minutes"].format(h=hours, m=rest)


def local_time_text(moment: datetime) -> str:
    return moment.strftime("%H:%M %d/%m/%Y")


def ticket_layout(
    ticket: dict[str, Any],
    office_name: str,
    footer: str | None = None,
    logo: bytes | None = None,
    *,
    lang: Lang = "vi",
    timezone: str | tzinfo = DEFAULT_TIMEZONE,
) -> TicketLayout:
    """Lay out a ticket from the API's ticket JSON."""
    zone = ZoneInfo(timezone) if isinstance(timezone, str) else timezone
    issued_at = _parse_time(ticket["issued_at"]).astimezone(zone)
    wait = ticket.get("estimated_wait_s")
    return TicketLayout(
        office_name=_nfc(office_name),
        heading=words("ticket_print", lang)["heading"],
        number=_nfc(str(ticket["number"])),
        service_name=_nfc(ticket["service"]["name"]),
        ahead=max(0, int(ticket.get("ahead") or 0)),
        estimated_wait_s=None if wait is None else max(0, int(wait)),
        issued_at=issued_at,
        status_url=ticket["status_url"],
        footer=_nfc(footer) if footer else None,
        logo=logo,
        lang=lang,
    )


def _parse_time(value: str | datetime) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    if moment.utcoffset() is None:
        raise ValueError(f"issued_at has no UTC offset: {value!r}")
    return moment


def _nfc(text: str) -> str:
    # Decomposed Vietnamese (base letter + combining marks) renders with marks
    # misplaced under Pillow's basic layout; the font has every composed letter.
    return unicodedata.normalize("NFC", text).strip()
