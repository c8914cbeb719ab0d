"""Estimated waits: people ahead times the service's average time, over open counters.

Explainable on purpose: "3 people ahead, about 10 minutes each, 2 counters open".
"""

from __future__ import annotations

import math

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from motcua.core.models import Counter, Service, counter_services

# Weight of the newest measured service time in the moving average.
ALPHA = 0.2
MIN_SERVICE_S, MAX_SERVICE_S = 30.0, 3 * 3600.0


def open_counters(session: Session, service: Service) -> int:
    """Counters that are open and serve the service."""
    stmt = (
        select(func.count())
        .select_from(counter_services)
        .join(Counter, Counter.id == counter_services.c.counter_id)
        .where(counter_services.c.service_id == service.id, Counter.state == "open")
    )
    return int(session.execute(stmt).scalar_one())


def wait_seconds(ahead: int, avg_service_s: float, counters: int) -> int | None:
    """None when no counter serves the field right now: the wait is unknown."""
    if counters <= 0:
        return None
    return int(math.ceil(ahead * avg_service_s / counters))


def record_service_time(service: Service, seconds: float) -> None:
    """Fold one measured service time into the service's moving average."""
    seconds = min(max(seconds, MIN_SERVICE_S), MAX_SERVICE_S)
    service.avg_service_s = (1 - ALPHA) * service.avg_service_s + ALPHA * seconds
