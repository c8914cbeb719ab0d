"""Office settings with their defaults; the admin pages edit them."""

from __future__ import annotations

from typing import Any

from motcua.core.errors import Invalid
from motcua.core.models import Office
from motcua.i18n import MESSAGES, pairs

DEFAULTS: dict[str, Any] = {
    # "strict": priority first always; "ratio": one priority per N normal.
    "priority_policy": "strict",
    "priority_ratio": 3,
    # A counter calls at most one booked citizen in every N calls while walk-ins
    # wait (motcua/core/ordering.py).
    "booked_every": 2,
    # Class -> rank (1..TOP_RANK). A class left out is not granted to new tickets;
    # tickets keep the rank they were given.
    "priority_classes": {
        "elderly": 1,
        "disabled": 1,
        "pregnant": 1,
        "child": 1,
        "meritorious": 1,
    },
    # Citizens pick a priority class on the kiosk without a helper's PIN.
    "kiosk_self_priority": False,
    "per_person_daily_cap": None,
    "no_show_grace_s": 900,
    # A counter whose clerk did nothing for this long no longer counts as staffed.
    "counter_idle_s": 1800,
    # Kiosks give numbers only in opening hours ("hours"); staff always can.
    "issue_only_in_hours": False,
    "announcement_template": MESSAGES["announce.call"][0],
    "number_reading": "north",
    # A line of news the lobby boards scroll along their bottom edge; "" for none.
    "display_ticker": "",
    # Kiosk: a helper's PIN (hash) for priority numbers; reading CCCD QR codes with
    # consent; seconds before the ticket screen goes back to the start.
    "kiosk_priority_pin": None,
    "kiosk_cccd": False,
    "kiosk_idle_s": 20,
    # Seconds a reading screen (guide, look-up, assistant) stays without a touch,
    # and the last seconds of it that ask "Bạn cần thêm thời gian?" with a countdown.
    "kiosk_read_idle_s": 75,
    "kiosk_warn_s": 15,
    # Dossier look-ups: {"kind": "table"} or {"kind": "http", "url": ".../{code}"}.
    "dossier_source": {"kind": "table"},
    # Admin (issue 7): opening hours, the daily report, personal data retention.
    "hours": {"mon_fri": "07:30-11:30,13:30-17:00", "sat": "07:30-11:30", "sun": ""},
    "report_time": "15:30",
    # The language of the staff console's and admin pages' messages, whatever the
    # browser's language (ward PCs often run an English browser).
    "language": "vi",
    # The address phones and devices on the LAN open (http://192.168.1.10:8000);
    # MOTCUA_PUBLIC_URL wins over it. Keys in motcua/core/address.py.
    "public_url": None,
    "report_push_url": None,
    "personal_data_days": 30,
    # The kiosk's greeting on its start screen and its personal data notice.
    "kiosk_texts": {"welcome": "", "notice": ""},
    # Printed tickets (issue 6): a footer line and a logo (base64 PNG) on top.
    "ticket_footer": "",
    "ticket_logo": None,
    # Bookings from home and messages (issue 9): keys in motcua/core/booking.py
    # (BOOKING, in booking_slots.py) and notify.py (NOTIFY); an office overrides them.
    "booking": {},
    "notify": {},
}

TOP_RANK = 9
# What people read for each priority class: (Vietnamese, English).
PRIORITY_NAMES = pairs("priority")


def office_setting(office: Office, name: str) -> Any:
    """The office's value, or the default."""
    return (office.settings or {}).get(name, DEFAULTS[name])


def priority_rank(office: Office, priority: str) -> int:
    """The rank of a priority class; higher goes first."""
    classes = office_setting(office, "priority_classes")
    if priority not in classes:
        raise Invalid("unknown_priority", priority=priority)
    return int(classes[priority])


def known_priority_classes(office: Office) -> list[str]:
    """Every class an admin can rank: the usual ones, then any the office added."""
    usual = list(DEFAULTS["priority_classes"])
    current = office_setting(office, "priority_classes")
    return usual + [c for c in current if c not in usual]
