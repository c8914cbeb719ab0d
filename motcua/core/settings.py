"""Office settings with their defaults; the admin pages edit them."""

from __future__ import annotations

from typing import Any

from motcua.core.errors import Invalid
from motcua.core.models import Office

DEFAULTS: dict[str, Any] = {
    # "strict": priority first always; "ratio": one priority per N normal.
    "priority_policy": "strict",
    "priority_ratio": 3,
    "priority_classes": {
        "elderly": 1,
        "disabled": 1,
        "pregnant": 1,
        "child": 1,
        "meritorious": 1,
    },
    "kiosk_self_priority": False,
    "per_person_daily_cap": None,
    "no_show_grace_s": 900,
    # Kiosks give numbers only in opening hours ("hours"); staff always can.
    "issue_only_in_hours": False,
    "announcement_template": "Mời công dân có số thứ tự {number} đến quầy số {counter}",
    "number_reading": "north",
    # A line of news the lobby boards scroll along their bottom edge; "" for none.
    "display_ticker": "",
    # Kiosk: a helper's PIN (hash) for priority numbers; reading CCCD QR codes with
    # consent; seconds before the ticket screen goes back to the start.
    "kiosk_priority_pin": None,
    "kiosk_cccd": False,
    "kiosk_idle_s": 20,
    # Dossier look-ups: {"kind": "table"} or {"kind": "http", "url": ".../{code}"}.
    "dossier_source": {"kind": "table"},
    # Admin (issue 7): opening hours, the daily report, personal data retention.
    "hours": {"mon_fri": "07:30-11:30,13:30-17:00", "sat": "07:30-11:30", "sun": ""},
    "report_time": "15:30",
    "report_push_url": None,
    "personal_data_days": 30,
    "kiosk_texts": {"welcome": "", "notice": ""},
    # Printed tickets (issue 6): a footer line and a logo (base64 PNG) on top.
    "ticket_footer": "",
    "ticket_logo": None,
    # Bookings from home and messages (issue 9): keys in motcua/core/booking.py
    # (BOOKING, in booking_slots.py) and notify.py (NOTIFY); an office overrides them.
    "booking": {},
    "notify": {},
}


def office_setting(office: Office, name: str) -> Any:
    """The office's value, or the default."""
    return (office.settings or {}).get(name, DEFAULTS[name])


def priority_rank(office: Office, priority: str) -> int:
    """The rank of a priority class; higher goes first."""
    classes = office_setting(office, "priority_classes")
    if priority not in classes:
        raise Invalid("unknown_priority", priority=priority)
    return int(classes[priority])
