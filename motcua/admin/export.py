"""A report as a CSV or an XLSX file (openpyxl): Vietnamese headings, times in
minutes, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from motcua.admin import messages as _registered  # noqa: F401  (the export words)
from motcua.i18n import words

# The words of the files, from the one table: a ward leader reads Vietnamese.
W = words("export", "vi")
HEADINGS = [
    W[key]
    for key in (
        "issued", "called", "served", "no_show", "cancelled", "wait_p50",
        "wait_p90", "service_p50", "service_p90", "ratings", "average",
        "satisfied", "not_dissatisfied",
    )
]  # fmt: skip
# Counters and clerks call numbers; only the kiosk issues them (the page says
# "Số người đã gọi" there): their "Số đã cấp" is left empty.
CALLED_ONLY = {"by_counter", "by_staff"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
WEEKDAYS = tuple(
    W[day]
    for day in (
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
    )
)  # fmt: skip
# Ratings are not counted by the hour: their cells say so rather than stay blank.
NOT_BY_HOUR = W["not_by_hour"]


def hour_span(hour: int) -> str:
    """9 -> 9h–10h."""
    return f"{hour}h–{hour + 1}h"


def _name(row: dict[str, Any]) -> Any:
    return row.get("name", "")


def _part(row: dict[str, Any]) -> str:
    """The part of the day an hour falls in, as a leader says it."""
    hour = row["hour"]
    if hour < 11:
        return W["morning"]
    if hour < 13:
        return W["noon"]
    return W["afternoon"] if hour < 18 else W["evening"]


def _weekday(row: dict[str, Any]) -> str:
    return WEEKDAYS[date.fromisoformat(row["date"][:10]).weekday()]


# (sheet, key of the list, heading of its first column, how to name a row, heading
# of its second column, what to call it there)
GROUPS: list[
    tuple[str, str, str, Callable[[dict[str, Any]], Any], str, Callable[..., Any]]
] = [
    (
        W["by_service"],
        "by_service",
        W["field_code"],
        lambda r: r["code"],
        W["name"],
        _name,
    ),
    (
        W["by_counter"],
        "by_counter",
        W["counter"],
        lambda r: r["number"],
        W["name"],
        _name,
    ),
    (W["by_staff"], "by_staff", W["clerk"], lambda r: r["username"], W["name"], _name),
    (
        W["by_hour"],
        "by_hour",
        W["hour"],
        lambda r: hour_span(r["hour"]),
        W["part"],
        _part,
    ),
    (
        W["by_day"],
        "by_day",
        W["day"],
        lambda r: vn_date(r["date"]),
        W["weekday"],
        _weekday,
    ),
]


def minutes(seconds: int | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def vn_date(iso: str) -> str:
    """2026-11-23 -> 23/11/2026."""
    year, month, day = iso[:10].split("-")
    return f"{day}/{month}/{year}"


def safe(value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def values(row: dict[str, Any], issued: bool = True) -> list[Any]:
    """A group's figures in the order of HEADINGS."""
    rated = row.get("ratings") or {}
    if "ratings" not in row and "hour" in row:
        rated = dict.fromkeys(
            ("count", "average", "satisfied_share", "not_dissatisfied_share"),
            NOT_BY_HOUR,
        )
    return [
        row["issued"] if issued else None,
        row.get("called"),
        row["served"],
        row["no_show"],
        row["cancelled"],
        minutes(row["wait_s"]["p50"]),
        minutes(row["wait_s"]["p90"]),
        minutes(row["service_s"]["p50"]),
        minutes(row["service_s"]["p90"]),
        rated.get("count"),
        rated.get("average"),
        rated.get("satisfied_share"),
        rated.get("not_dissatisfied_share"),
    ]


def period(report: dict[str, Any]) -> str:
    if report.get("date"):
        return vn_date(report["date"])
    return f"{vn_date(report['from'])} – {vn_date(report['to'])}"


def office_name(report: dict[str, Any]) -> str:
    return str(report.get("office_name") or report["office"])


def _csv_rows(report: dict[str, Any]) -> Iterator[list[Any]]:
    yield [W["part_of"], W["code"], W["name"], *HEADINGS]
    total = f"{office_name(report)} – {period(report)}"
    yield [W["total"], "", total, *values(report)]
    for title, key, _, code, _, name in GROUPS:
        for row in report.get(key, []):
            figures = values(row, key not in CALLED_ONLY)
            yield [title, code(row), name(row), *figures]


def to_csv(report: dict[str, Any]) -> bytes:
    """UTF-8 with a BOM, so spreadsheet programs read the Vietnamese right."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in _csv_rows(report):
        writer.writerow(["" if v is None else safe(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode()


def _summary(sheet: Any, report: dict[str, Any]) -> None:
    sheet.title = W["summary"]
    sheet.append([W["office"], safe(office_name(report))])
    sheet.append([W["day"] if report.get("date") else W["days"], period(report)])
    for label, value in zip(HEADINGS, values(report), strict=True):
        sheet.append([label, value])
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 30


def to_xlsx(report: dict[str, Any]) -> bytes:
    """A summary sheet and one sheet per grouping."""
    from openpyxl import Workbook  # loaded on the first export: it brings numpy

    book = Workbook()
    _summary(book.active, report)
    for title, key, heading, code, second, name in GROUPS:
        if key not in report:
            continue
        group = book.create_sheet(title)
        group.append([heading, second, *HEADINGS])
        for row in report[key]:
            figures = values(row, key not in CALLED_ONLY)
            group.append([safe(code(row)), safe(name(row)), *figures])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
