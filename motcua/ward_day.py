"""A simulated ward day: who arrives when, for which field, and how long each
service takes (DOMAIN.md's field mix, morning rush and service times), and the offices
seeded for it. `motcua simulate` plays it through the real API; the offline estimate
benchmark plays it without a server.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from motcua.core.setup import (
    ServiceSpec,
    add_counter,
    add_device,
    add_service,
    add_user,
    create_office,
)
from motcua.demo import WARD_SERVICES

# Hai Chau ward, 1-7 Jul 2025 (DOMAIN.md): the field mix of a ward's day.
FIELD_MIX = {"CT": 1008, "HT": 264, "KD": 124, "DD": 108, "XD": 43, "BT": 33}
# Minutes of service per field (DOMAIN.md: certification ~10, intake 5-10, land 30-45).
SERVICE_MIN = {"CT": 10, "HT": 8, "KD": 12, "DD": 35, "XD": 20, "BT": 10}
# Share of the day's arrivals per hour: the 7:00 rush, a lunch break, the afternoon.
HOURLY = {
    7: 0.20,
    8: 0.18,
    9: 0.15,
    10: 0.11,
    11: 0.04,
    13: 0.09,
    14: 0.11,
    15: 0.08,
    16: 0.04,
}
# Spread of one service around its field's mean (lognormal, so never negative and
# now and then much longer); drawn so that its mean is the field's minutes.
SPREAD = 0.35
PASSWORD = "simulate-123"


@dataclass
class Plan:
    offices: int = 1
    tickets: int = 300
    counters: int = 6
    displays: int = 1
    speed: float = 120.0
    seed: int = 7


@dataclass
class Office:
    slug: str
    kiosk: str
    display: str
    staff: str = ""
    counters: int = 6


def seed_offices(database: Database, plan: Plan) -> list[Office]:
    """Offices sim-1..N with the ward fields, counters serving all, devices, staff."""
    specs = [s for s in WARD_SERVICES if s.code in FIELD_MIX]
    offices = []
    clock = SystemClock()
    with database.transaction() as session:
        for i in range(1, plan.offices + 1):
            office = create_office(session, clock, f"sim-{i}", f"Phường mô phỏng {i}")
            services = [add_service(session, office, _spec(s)) for s in specs]
            for n in range(1, plan.counters + 1):
                add_counter(session, office, n, services)
            add_user(session, clock, f"sim-{i}-staff", PASSWORD, office=office)
            _, kiosk = add_device(session, clock, office, "kiosk", "kiosk")
            _, display = add_device(session, clock, office, "display", "display")
            offices.append(Office(office.slug, kiosk, display, counters=plan.counters))
    return offices


def _spec(spec: ServiceSpec) -> ServiceSpec:
    return ServiceSpec(
        spec.code,
        spec.name_vi,
        spec.name_en,
        spec.range_start,
        spec.range_end,
        avg_service_s=SERVICE_MIN[spec.code] * 60.0,
    )


def service_seconds(seed: int, office: str, number: int, field: str) -> float:
    """How long one citizen's service takes: drawn from the seed, the office and the
    number alone, so a seed replays the same day whichever counter calls whom."""
    rng = random.Random(f"{seed}:{office}:{number}")
    return rng.lognormvariate(-(SPREAD**2) / 2, SPREAD) * SERVICE_MIN[field] * 60


def arrivals(plan: Plan, rng: random.Random) -> list[tuple[float, str]]:
    """(seconds after 7:00, field) for one office's day, in order."""
    hours, weights = zip(*HOURLY.items(), strict=True)
    codes, mix = zip(*FIELD_MIX.items(), strict=True)
    day = []
    for _ in range(plan.tickets):
        hour = rng.choices(hours, weights)[0]
        at = (hour - 7) * 3600 + rng.uniform(0, 3600)
        day.append((at, rng.choices(codes, mix)[0]))
    return sorted(day)
