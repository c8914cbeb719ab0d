"""Report figures checked one by one against a day of tickets with known times."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import openpyxl
import pytest

from motcua.core import reports
from motcua.core.errors import Invalid
from motcua.core.lookup import office_by_slug
from motcua.services import app_services
from tests.admin.day import BY_SERVICE, DAY, EXPECTED, at, build_day
from tests.conftest import bearer, build_world, staff_token
from tests.helpers import act, call_next, issue


def _report(db, slug="demo", day=DAY):
    with db.transaction() as session:
        office = office_by_slug(session, slug)
        return reports.daily_report(session, office, date.fromisoformat(day))


def test_percentile_interpolates_between_ranks():
    assert reports.percentile([], 0.5) is None
    assert reports.percentile([600, 1080, 1740, 600], 0.5) == 840
    assert reports.percentile([600, 1080, 1740, 600], 0.9) == 1542
    assert reports.percentile([300], 0.9) == 300


def test_daily_report_figures(db, world, clock):
    build_day(db, world, clock)
    other = build_world(db, clock, "khac")
    issue(db, "khac", other.kiosk, clock, "CT")  # another office: never counted
    report = _report(db)
    for key, value in EXPECTED.items():
        assert report[key] == value, key
    by_service = {row["code"]: row for row in report["by_service"]}
    assert set(by_service) == {"CT", "HT"}
    assert by_service["CT"]["ratings"]["count"] == 2  # t1 5, t2 2
    assert by_service["CT"]["ratings"]["average"] == 3.5
    assert by_service["HT"]["ratings"]["satisfied_share"] == 1.0
    for code, figures in BY_SERVICE.items():
        for key, value in figures.items():
            assert by_service[code][key] == value, (code, key)
    counters = {row["number"]: row for row in report["by_counter"]}
    assert set(counters) == {1, 2}
    assert counters[1]["served"] == 2 and counters[1]["no_show"] == 0
    assert counters[1]["wait_s"] == {"p50": 1170, "p90": 1626}
    assert counters[1]["ratings"]["not_dissatisfied_share"] == 0.5
    assert counters[1]["ratings"]["average"] == 3.5
    assert counters[2]["served"] == 1 and counters[2]["no_show"] == 1
    assert counters[2]["service_s"] == {"p50": 300, "p90": 300}
    [staff] = report["by_staff"]
    assert staff["username"] == "demo-staff"
    assert (staff["served"], staff["no_show"]) == (3, 1)
    assert staff["ratings"]["count"] == 3
    hours = {row["hour"]: row for row in report["by_hour"]}
    assert set(hours) == {9, 10}  # local hours, not UTC
    assert (hours[9]["issued"], hours[9]["served"], hours[9]["cancelled"]) == (4, 3, 1)
    assert (hours[10]["issued"], hours[10]["no_show"]) == (2, 1)
    assert hours[10]["wait_s"] == {"p50": 600, "p90": 600}


def test_range_report_adds_days_and_rejects_backwards_ranges(db, world, clock):
    build_day(db, world, clock)
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        day = date.fromisoformat(DAY)
        report = reports.range_report(session, office, day - timedelta(days=1), day)
        assert report["issued"] == 7
        assert [d["issued"] for d in report["by_day"]] == [1, 6]
        assert report["from"] == "2026-11-22" and "date" not in report
        with pytest.raises(Invalid):
            reports.range_report(session, office, day, day - timedelta(days=1))


def test_empty_day_has_no_times(db, world):
    report = _report(db, day="2026-01-01")
    assert report["issued"] == 0
    assert report["wait_s"] == {"p50": None, "p90": None}
    assert report["ratings"] == {
        "count": 0,
        "average": None,
        "satisfied_share": None,
        "not_dissatisfied_share": None,
    }


def _manager(app, clock):
    from motcua.core.setup import add_user

    with app_services(app).db.transaction() as session:
        office = office_by_slug(session, "demo")
        add_user(session, clock, "ql", "matkhau123", office=office, role="manager")


def test_rest_report_json_csv_xlsx(app, client, api_world, clock):
    build_day(app_services(app).db, api_world, clock)
    _manager(app, clock)
    headers = bearer(staff_token(client, "ql"))
    url = f"/api/v1/offices/demo/reports/daily?date={DAY}"
    body = client.get(url, headers=headers).get_json()
    assert {k: body[k] for k in EXPECTED} == EXPECTED
    response = client.get(url + "&format=csv", headers=headers)
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:4] == ["Phần", "Mã", "Tên", "Số đã cấp"]
    total = next(r for r in rows if r[0] == "Tổng cộng")
    assert total[2] == "Phường demo – 23/11/2026"
    assert total[header.index("Số đã cấp")] == "6"
    assert total[header.index("Thời gian chờ (trung vị, phút)")] == "14.0"
    assert total[header.index("9/10 người chờ không quá (phút)")] == "25.7"
    response = client.get(url + "&format=xlsx", headers=headers)
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    sheet = book["Tổng hợp"]
    values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True)}
    assert values["Đơn vị"] == "Phường demo" and values["Ngày"] == "23/11/2026"
    assert values["Số đã cấp"] == 6 and values["Đã phục vụ xong"] == 3
    assert values["Vắng mặt"] == 1 and values["Đã hủy"] == 1
    assert values["Thời gian chờ (trung vị, phút)"] == 14.0
    assert values["Điểm đánh giá trung bình (1-5)"] == 3.67
    assert values["Tỷ lệ không bị đánh giá không hài lòng"] == 0.6667
    fields = list(book["Theo lĩnh vực"].iter_rows(values_only=True))
    ct = next(r for r in fields if r[0] == "CT")
    assert (ct[2], ct[4], ct[5], ct[6]) == (4, 2, 0, 1)
    assert ct[header.index("Số lượt đánh giá") - 1] == 2


def test_exports_never_hold_a_formula():
    from motcua.admin import export

    report = {
        "office": "x",
        "office_name": '=HYPERLINK("http://evil")',
        "date": DAY,
        **{k: EXPECTED[k] for k in ("issued", "served", "no_show", "cancelled")},
        "wait_s": EXPECTED["wait_s"],
        "service_s": EXPECTED["service_s"],
        "ratings": EXPECTED["ratings"],
        "by_staff": [{"username": "@cmd", "name": "+1-2", **EXPECTED, "called": 1}],
    }
    text = export.to_csv(report).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@cmd" in text and "'+1-2" in text
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(report)))
    assert book["Tổng hợp"]["B1"].value.startswith("'=")
    assert book["Theo cán bộ"]["A2"].value == "'@cmd"


def test_rest_report_roles_and_errors(app, client, api_world, clock):
    url = f"/api/v1/offices/demo/reports/daily?date={DAY}"
    staff = bearer(staff_token(client))
    assert client.get(url).status_code == 401
    response = client.get(url, headers=staff)
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "not_allowed"
    _manager(app, clock)
    manager = bearer(staff_token(client, "ql"))
    for bad in ("?date=2026-13-01", "?date=x", f"?date={DAY}&format=pdf", ""):
        response = client.get(url.split("?")[0] + bad, headers=manager)
        assert response.status_code == 400, bad
        assert response.get_json()["error"]["code"] == "invalid_field"
    build_world(app_services(app).db, clock, "khac")
    other = client.get(
        f"/api/v1/offices/khac/reports/daily?date={DAY}", headers=manager
    )
    assert other.status_code == 403


def test_counter_and_staff_count_the_same_tickets(db, world, clock):
    """A ticket sent back to a queue counts for no counter and no clerk."""
    t = build_day(db, world, clock)
    at(clock, 10, 50)
    assert call_next(db, "demo", world.staff, clock, 1).id == t["t6"]
    act(db, "demo", world.staff, clock, "transfer", t["t6"], service="HT")
    report = _report(db)
    counters = sum(row["called"] for row in report["by_counter"])
    [staff] = report["by_staff"]
    assert counters == staff["called"] == 4  # t1, t2, t3 served, t5 no-show
    assert sum(row["served"] for row in report["by_counter"]) == staff["served"] == 3


def test_counters_and_clerks_issue_no_numbers_in_the_exports():
    """A counter or a clerk calls numbers; the kiosk issues them. Their rows leave
    "Số đã cấp" empty (it read as numbers issued by that counter) and give "Đã gọi"."""
    from motcua.admin import export

    figures = {**EXPECTED, "called": 4}
    report = {
        "office": "x",
        "date": DAY,
        **figures,
        "by_counter": [{"number": 1, "name": "Quầy 1", **figures}],
        "by_staff": [{"username": "canbo", "name": "canbo", **figures}],
    }
    rows = list(csv.reader(io.StringIO(export.to_csv(report).decode("utf-8-sig"))))
    issued, called = rows[0].index("Số đã cấp"), rows[0].index("Đã gọi")
    for part in ("Theo quầy", "Theo cán bộ"):
        row = next(r for r in rows if r[0] == part)
        assert (row[issued], row[called]) == ("", "4"), part
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(report)))
    for title in ("Theo quầy", "Theo cán bộ"):
        heading, row = list(book[title].iter_rows(values_only=True))
        assert row[heading.index("Số đã cấp")] is None, title
        assert row[heading.index("Đã gọi")] == 4, title


def test_hour_and_day_rows_read_plainly_in_the_exports(db, world, clock):
    """An hour reads "9h–10h" with its part of the day, its ratings columns say they
    are not counted by the hour; a day has its weekday and its own ratings."""
    from motcua.admin import export

    build_day(db, world, clock)
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        first = date.fromisoformat(DAY)
        report = reports.range_report(session, office, first - timedelta(days=1), first)
    rows = list(csv.reader(io.StringIO(export.to_csv(report).decode("utf-8-sig"))))
    header = rows[0]
    count, average = (
        header.index("Số lượt đánh giá"),
        header.index("Điểm đánh giá trung bình (1-5)"),
    )
    hours = [r for r in rows if r[0] == "Theo giờ"]
    assert hours and hours[0][1:3] == ["9h–10h", "buổi sáng"], hours[0]
    assert all(r[count] == r[average] == "không tính theo giờ" for r in hours)
    days = {r[1]: r for r in rows if r[0] == "Theo ngày"}
    assert days["23/11/2026"][2] == "Thứ Hai"
    assert days["23/11/2026"][count] == "3" and days["22/11/2026"][count] == "0"
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(report)))
    sheet = list(book["Theo giờ"].iter_rows(values_only=True))
    assert sheet[0][:2] == ("Giờ", "Buổi") and sheet[1][:2] == ("9h–10h", "buổi sáng")
    assert sheet[1][sheet[0].index("Số lượt đánh giá")] == "không tính theo giờ"
    sheet = list(book["Theo ngày"].iter_rows(values_only=True))
    assert sheet[0][:2] == ("Ngày", "Thứ") and ("23/11/2026", "Thứ Hai") in [
        r[:2] for r in sheet
    ]
