"""A report as a CSV or an XLSX file (openpyxl), headings in Vietnamese."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from motcua.core.procedure_csv import FORMULA

COLUMNS = [
    "issued",
    "served",
    "no_show",
    "cancelled",
    "wait_p50_s",
    "wait_p90_s",
    "service_p50_s",
    "service_p90_s",
    "ratings",
    "not_dissatisfied_share",
]
HEADINGS = [
    "Đã cấp",
    "Đã phục vụ",
    "Vắng mặt",
    "Đã hủy",
    "Chờ trung vị (giây)",
    "Chờ P90 (giây)",
    "Phục vụ trung vị (giây)",
    "Phục vụ P90 (giây)",
    "Số lượt đánh giá",
    'Tỷ lệ không "không hài lòng"',
]
SUMMARY = [
    ("Số đã cấp", "issued"),
    ("Đã phục vụ", "served"),
    ("Vắng mặt", "no_show"),
    ("Đã hủy", "cancelled"),
]
# (sheet, CSV section, list key, key column heading, how to name a row)
GROUPS = [
    ("Theo lĩnh vực", "lĩnh vực", "by_service", "Mã", lambda r: r["code"]),
    ("Theo quầy", "quầy", "by_counter", "Quầy", lambda r: r["number"]),
    ("Theo cán bộ", "cán bộ", "by_staff", "Cán bộ", lambda r: r["username"]),
    ("Theo giờ", "giờ", "by_hour", "Giờ", lambda r: r["hour"]),
    ("Theo ngày", "ngày", "by_day", "Ngày", lambda r: r["date"]),
]


def values(row: dict[str, Any]) -> list[Any]:
    """A group's figures in the order of COLUMNS."""
    rated = row.get("ratings") or {}
    return [
        row["issued"],
        row["served"],
        row["no_show"],
        row["cancelled"],
        row["wait_s"]["p50"],
        row["wait_s"]["p90"],
        row["service_s"]["p50"],
        row["service_s"]["p90"],
        rated.get("count"),
        rated.get("not_dissatisfied_share"),
    ]


def period(report: dict[str, Any]) -> str:
    return report.get("date") or f"{report['from']} – {report['to']}"


def _csv_rows(report: dict[str, Any]) -> Iterator[list[Any]]:
    yield ["section", "key", "name", *COLUMNS]
    yield ["tổng", "", period(report), *values(report)]
    for _, section, key, _, name in GROUPS:
        for row in report.get(key, []):
            yield [section, name(row), row.get("name", ""), *values(row)]


def cells(row: list[Any]) -> list[Any]:
    """Text that a spreadsheet would run as a formula (=HYPERLINK(...)) gets a
    leading quote: names typed by admins reach these files."""
    return ["'" + v if isinstance(v, str) and v.startswith(FORMULA) else v for v in row]


def to_csv(report: dict[str, Any]) -> bytes:
    """UTF-8 with a BOM, so spreadsheet programs read the Vietnamese right."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in _csv_rows(report):
        writer.writerow(cells(["" if v is None else v for v in row]))
    return ("\ufeff" + out.getvalue()).encode()


def to_xlsx(report: dict[str, Any]) -> bytes:
    """A summary sheet and one sheet per grouping."""
    from openpyxl import Workbook  # loaded on the first export: it brings numpy

    book = Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp"
    sheet.append(cells(["Đơn vị", report["office"]]))
    sheet.append(["Ngày", period(report)])
    for label, key in SUMMARY:
        sheet.append([label, report[key]])
    for label, value in zip(HEADINGS[4:8], values(report)[4:8], strict=True):
        sheet.append([label, value])
    sheet.append([HEADINGS[8], report["ratings"]["count"]])
    sheet.append([HEADINGS[9], report["ratings"]["not_dissatisfied_share"]])
    sheet.column_dimensions["A"].width = 32
    for title, _, key, heading, name in GROUPS:
        if key not in report:
            continue
        group = book.create_sheet(title)
        group.append([heading, "Tên", *HEADINGS])
        for row in report[key]:
            group.append(cells([name(row), row.get("name", ""), *values(row)]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
