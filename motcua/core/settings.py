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
    "announcement_template": "Mời công dân có số thứ tự {number} đến quầy số {counter}",
    "number_reading": "north",
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
