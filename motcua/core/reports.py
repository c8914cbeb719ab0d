"""The figures of an office for a day or a day range, and the stored daily report."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core.clock import Clock, service_day
from motcua.core.errors import Invalid
from motcua.core.models import (
    Counter,
    DailyReport,
    Office,
    Rating,
    Service,
    Ticket,
    User,
)

# "Không hài lòng" on the 5-level scale (1 Kém ... 5 Rất tốt); 4-5 is "hài lòng".
DISSATISFIED = (1, 2)
SATISFIED = (4, 5)
# The counter and clerk a ticket counts for: the last one who called it. A ticket
# sent back to a queue by a transfer counts for nobody until it is called again.
HANDLED = ("called", "serving", "done", "no_show")
MAX_RANGE_DAYS = 366
# Tickets the setup wizard issues to test the kiosk and the board are not counted.
TEST_CHANNEL = "test"


@dataclass(frozen=True)
class Row:
    """What a report needs of one ticket."""

    service_id: int
    counter_id: int | None
    staff_id: int | None
    status: str
    day: date
    hour: int
    wait_s: float | None
    service_s: float | None


def percentile(values: list[float], p: float) -> int | None:
    """Linear interpolation between closest ranks (numpy's default), in whole s."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p
    low, high = math.floor(rank), math.ceil(rank)
    value = ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
    return int(round(value))


def spread(values: list[float]) -> dict[str, int | None]:
    return {"p50": percentile(values, 0.5), "p90": percentile(values, 0.9)}


def _seconds(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return max((end - start).total_seconds(), 0.0)


def _rows(session: Session, office: Office, first: date, last: date) -> list[Row]:
    tz = ZoneInfo(office.timezone)
    stmt = select(
        Ticket.service_id,
        Ticket.counter_id,
        Ticket.staff_id,
        Ticket.status,
        Ticket.day,
        Ticket.issued_at,
        Ticket.first_called_at,
        Ticket.called_at,
        Ticket.finished_at,
    ).where(
        Ticket.office_id == office.id,
        Ticket.day.between(first, last),
        Ticket.channel != TEST_CHANNEL,
    )
    return [_row(tz, *values) for values in session.execute(stmt)]


def _row(
    tz: ZoneInfo,
    service_id: int,
    counter_id: int | None,
    staff_id: int | None,
    status: str,
    day: date,
    issued: datetime,
    first_call: datetime | None,
    called: datetime | None,
    done: datetime | None,
) -> Row:
    handled, served = status in HANDLED, _served(status, called, done)
    return Row(
        service_id=service_id,
        counter_id=counter_id if handled else None,
        staff_id=staff_id if handled else None,
        status=status if served or status != "done" else "closed",
        day=day,
        hour=issued.astimezone(tz).hour,
        wait_s=_seconds(issued, first_call),
        service_s=_seconds(called, done) if served else None,
    )


def _served(status: str, called: datetime | None, done: datetime | None) -> bool:
    """Served means called and then finished: a finish with no call is not."""
    return status == "done" and called is not None and done is not None


def figures(rows: Iterable[Row]) -> dict[str, Any]:
    """Counts and time spreads of a group of tickets."""
    rows = list(rows)
    return {
        "issued": len(rows),
        # Called at least once (its wait is known): a ticket sent back to a queue by
        # a transfer was called all the same, and its wait counts in wait_s.
        "called": sum(1 for r in rows if r.wait_s is not None),
        "served": sum(1 for r in rows if r.status == "done"),
        "no_show": sum(1 for r in rows if r.status == "no_show"),
        "cancelled": sum(1 for r in rows if r.status == "cancelled"),
        "wait_s": spread([r.wait_s for r in rows if r.wait_s is not None]),
        "service_s": spread([r.service_s for r in rows if r.service_s is not None]),
    }


def _grouped(rows: list[Row], key: Callable[[Row], Any]) -> dict[Any, list[Row]]:
    groups: dict[Any, list[Row]] = defaultdict(list)
    for row in rows:
        if key(row) is not None:
            groups[key(row)].append(row)
    return groups


@dataclass(frozen=True)
class Rated:
    """One rating: its score and whom it belongs to."""

    score: int
    counter_id: int | None
    staff_id: int | None
    service_id: int
    day: date


def ratings(session: Session, office: Office, first: date, last: date) -> list[Rated]:
    """The ratings of tickets of those days (test tickets left out)."""
    stmt = (
        select(
            Rating.score,
            Rating.counter_id,
            Rating.staff_id,
            Ticket.service_id,
            Ticket.day,
        )
        .join(Ticket, Ticket.id == Rating.ticket_id)
        .where(
            Rating.office_id == office.id,
            Ticket.day.between(first, last),
            Ticket.channel != TEST_CHANNEL,
        )
    )
    return [Rated(*values) for values in session.execute(stmt)]


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def rating_figures(scores: list[int]) -> dict[str, Any]:
    """How many ratings, their average (1-5), the share "hài lòng" (4-5) and the
    share not rated "không hài lòng" (1-2), the figure Decision 766 counts."""
    average = round(sum(scores) / len(scores), 2) if scores else None
    return {
        "count": len(scores),
        "average": average,
        "satisfied_share": _share(sum(s in SATISFIED for s in scores), len(scores)),
        "not_dissatisfied_share": _share(
            sum(s not in DISSATISFIED for s in scores), len(scores)
        ),
    }


def _rated(rated: list[Rated], key: Callable[[Rated], Any], value: Any) -> Any:
    return rating_figures([r.score for r in rated if key(r) == value])


def _by_service(
    session: Session, office: Office, rows: list[Row], rated: list[Rated]
) -> list[Any]:
    groups = _grouped(rows, lambda r: r.service_id)
    services = session.scalars(
        select(Service).where(Service.office_id == office.id).order_by(Service.sort)
    )
    return [
        {
            "code": s.code,
            "name": s.name_vi,
            **figures(groups.get(s.id, [])),
            "ratings": _rated(rated, lambda r: r.service_id, s.id),
        }
        for s in services
        if s.id in groups
    ]


def _by_counter(
    session: Session, office: Office, rows: list[Row], rated: list[Rated]
) -> list[Any]:
    groups = _grouped(rows, lambda r: r.counter_id)
    counters = session.scalars(
        select(Counter).where(Counter.office_id == office.id).order_by(Counter.number)
    )
    return [
        {
            "number": c.number,
            "name": c.name,
            **figures(groups[c.id]),
            "ratings": _rated(rated, lambda r: r.counter_id, c.id),
        }
        for c in counters
        if c.id in groups
    ]


def _by_staff(session: Session, rows: list[Row], rated: list[Rated]) -> list[Any]:
    groups = _grouped(rows, lambda r: r.staff_id)
    if not groups:
        return []
    users = session.scalars(select(User).where(User.id.in_(groups)))
    return [
        {
            "username": u.username,
            "name": u.full_name or u.username,
            **figures(groups[u.id]),
            "ratings": _rated(rated, lambda r: r.staff_id, u.id),
        }
        for u in sorted(users, key=lambda u: u.username)
    ]


def _by_hour(rows: list[Row]) -> list[Any]:
    groups = _grouped(rows, lambda r: r.hour)
    return [{"hour": h, **figures(groups[h])} for h in sorted(groups)]


def range_report(
    session: Session, office: Office, first: date, last: date
) -> dict[str, Any]:
    """The figures of the office's tickets issued from first to last (local days)."""
    if last < first or (last - first).days >= MAX_RANGE_DAYS:
        raise Invalid("bad_report_range")
    rows = _rows(session, office, first, last)
    rated = ratings(session, office, first, last)
    report: dict[str, Any] = {"office": office.slug, "office_name": office.name}
    if last == first:
        report["date"] = first.isoformat()
    else:
        report.update({"from": first.isoformat(), "to": last.isoformat()})
    report.update(figures(rows))
    report["ratings"] = rating_figures([r.score for r in rated])
    report["by_service"] = _by_service(session, office, rows, rated)
    report["by_counter"] = _by_counter(session, office, rows, rated)
    report["by_staff"] = _by_staff(session, rows, rated)
    report["by_hour"] = _by_hour(rows)
    if last != first:
        days = _grouped(rows, lambda r: r.day)
        report["by_day"] = [
            {
                "date": d.isoformat(),
                **figures(days[d]),
                "ratings": _rated(rated, lambda r: r.day, d),
            }
            for d in sorted(days)
        ]
    return report


def daily_report(session: Session, office: Office, day: date) -> dict[str, Any]:
    """The day's figures in the documented JSON shape (API.md)."""
    from motcua.core.booking_views import (
        figures as booking_figures,  # bookings (issue 9)
    )

    return {
        **range_report(session, office, day, day),
        "bookings": booking_figures(session, office, day),
    }


def store_daily_report(
    session: Session, office: Office, clock: Clock, day: date
) -> DailyReport:
    """Build (or rebuild) the stored report of a day."""
    data = daily_report(session, office, day)
    stored = stored_report(session, office, day)
    if stored is None:
        stored = DailyReport(office_id=office.id, day=day, push_attempts=0)
        session.add(stored)
    stored.data, stored.built_at = data, clock.now()
    stored.pushed_at, stored.push_error = None, None
    session.flush()
    return stored


def stored_report(session: Session, office: Office, day: date) -> DailyReport | None:
    stmt = select(DailyReport).where(
        DailyReport.office_id == office.id, DailyReport.day == day
    )
    return session.scalars(stmt).first()


def today(office: Office, clock: Clock) -> date:
    return service_day(clock.now(), office.timezone)


def days_back(office: Office, clock: Clock, n: int) -> tuple[date, date]:
    """The last n service days, today included."""
    last = today(office, clock)
    return last - timedelta(days=n - 1), last
