"""Admin pages change the office, audit every change, and say what is wrong."""

from __future__ import annotations

import io
import json
import re

import openpyxl
from sqlalchemy import select

from motcua.core.lookup import office_by_slug
from motcua.core.models import AuditLog, Device, Service
from motcua.services import app_services
from tests.admin.day import at, build_day
from tests.admin.pages import audit_rows, csrf, post, sign_in_admin
from tests.conftest import bearer
from tests.helpers import act, call_next


def _admin(app, client, clock):
    return sign_in_admin(app, clock, client)


def _audit(db):
    return audit_rows(db)


def test_settings_and_fields_are_saved_and_audited(app, client, api_world, clock):
    db = _admin(app, client, clock)
    form = {
        "name": "Phường Demo mới",
        "hours_mon_fri": "07:00-11:00",
        "hours_sat": "",
        "hours_sun": "",
        "priority_policy": "ratio",
        "priority_ratio": "2",
        "no_show_grace_min": "10",
        "announcement_template": "Mời số {number} tới {counter}",
        "number_reading": "south",
        "report_time": "15:45",
        "report_push_url": "",
        "personal_data_days": "14",
        "kiosk_welcome": "Xin chào",
        "kiosk_notice": "",
    }
    page = post(client, "/admin/o/demo/settings", form).get_data(as_text=True)
    assert "Đã lưu." in page
    with db.sessions() as session:
        office = office_by_slug(session, "demo")
        assert office.name == "Phường Demo mới"
        assert office.settings["priority_policy"] == "ratio"
        assert office.settings["no_show_grace_s"] == 600
        assert office.settings["report_time"] == "15:45"
    action, who, target, data = _audit(db)[-1]
    assert (action, who) == ("settings.changed", "qt-demo")
    assert data["priority_ratio"] == 2 and "announcement_template" in data
    page = post(client, "/admin/o/demo/settings", {**form, "report_time": "25:00"})
    assert "report_time" in page.get_data(as_text=True)  # refused, said why
    post(
        client,
        "/admin/o/demo/fields",
        {
            "existing": "CT",
            "code": "CT",
            "name_vi": "Chứng thực",
            "name_en": "Cert",
            "range_start": "1001",
            "range_end": "1500",
            "daily_cap": "120",
        },
    )
    with db.sessions() as session:
        ct = session.scalars(select(Service).where(Service.code == "CT")).one()
        assert (ct.range_end, ct.daily_cap, ct.is_open) == (1500, 120, False)
    assert _audit(db)[-1][:3] == ("service.changed", "qt-demo", "CT")


def test_revoked_device_stops_working(app, client, api_world, clock):
    db = _admin(app, client, clock)
    headers = bearer(api_world.kiosk_token)
    services = "/api/v1/offices/demo/services"
    assert client.get(services, headers=headers).status_code == 200
    with db.sessions() as session:
        device = session.scalars(select(Device).where(Device.kind == "kiosk")).one()
    revoke = f"/admin/o/demo/devices/{device.id}/revoke"
    post(client, revoke, {}, "/admin/o/demo/devices")
    assert client.get(services, headers=headers).status_code == 401
    assert _audit(db)[-1][:2] == ("device.revoked", "qt-demo")


def test_health_page_says_what_to_do(app, client, api_world, clock):
    _admin(app, client, clock)
    page = client.get("/admin/o/demo/health").get_data(as_text=True)
    assert "Ki-ốt “k1” không kết nối." in page
    assert "Cách xử lý" in page and "chưa bao giờ" in page


def test_report_page_and_exports_in_the_admin(app, client, api_world, clock):
    build_day(app_services(app).db, api_world, clock)
    _admin(app, client, clock)
    page = client.get("/admin/o/demo/reports?from=2026-11-23&to=2026-11-23")
    text = page.get_data(as_text=True)
    assert '<span class="big" id="issued">6</span>' in text
    assert "<svg" in text and "66,7%" in text
    assert '<span class="big" id="wait">14 phút</span>' in text
    assert '<span class="big" id="average">3,7/5</span>' in text
    assert "9/10 người chờ không quá 26 phút" in text
    for jargon in ("Chờ TV", "P90", "TV:"):
        assert jargon not in text
    # Hours read as spans of the clock, with no empty name column, and say that
    # ratings are not counted by the hour (rather than blank cells).
    by_hour = text.split("<h2>Theo giờ</h2>", 1)[1].split("</table>", 1)[0]
    assert "<th>Tên</th>" not in by_hour
    assert re.search(r"<td>\d\d:00–\d\d:00</td>", by_hour), by_hour
    assert "không tính theo giờ" in by_hour
    assert re.search(r">\d{1,2}h</text>", text)  # the hours chart says "9h"
    same = client.get("/admin/o/demo/reports?from=23/11/2026&to=23/11/2026")
    assert '<span class="big" id="issued">6</span>' in same.get_data(as_text=True)
    response = client.get(
        "/admin/o/demo/reports/export?from=2026-11-22&to=2026-11-23&format=xlsx"
    )
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    summary = dict(r[:2] for r in book["Tổng hợp"].iter_rows(values_only=True))
    assert summary["Số đã cấp"] == 7  # yesterday's ticket too
    days = list(book["Theo ngày"].iter_rows(values_only=True))[1:]
    assert [(d[0], d[2]) for d in days] == [("22/11/2026", 1), ("23/11/2026", 6)]


def test_exports_count_a_citizen_transferred_back_to_a_queue_as_called(
    app, client, api_world, clock
):
    """Called, then sent to another field and not called again yet: the citizen was
    called all the same, and their wait is in the medians, so "Đã gọi" counts them
    in the day and their field; no counter or clerk counts them until called again."""
    db = app_services(app).db
    t = build_day(db, api_world, clock)
    at(clock, 10, 50)
    assert call_next(db, "demo", api_world.staff, clock, 1).id == t["t6"]
    act(db, "demo", api_world.staff, clock, "transfer", t["t6"], service="HT")
    at(clock, 16, 0)
    _admin(app, client, clock)
    response = client.get(
        "/admin/o/demo/reports/export?from=2026-11-23&to=2026-11-23&format=xlsx"
    )
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    summary = dict(r[:2] for r in book["Tổng hợp"].iter_rows(values_only=True))
    # t1, t2, t3 served, t5 no-show, t6 transferred; t4 cancelled unseen.
    assert summary["Đã gọi"] == 5
    fields = {r[0]: r for r in book["Theo lĩnh vực"].iter_rows(values_only=True)}
    assert fields["HT"][3] == 3  # t3, t5 and t6, now a Hộ tịch ticket
    counters = list(book["Theo quầy"].iter_rows(values_only=True))[1:]
    assert sum(r[3] for r in counters if r[3]) == 4


def test_daily_report_button_and_failed_push(
    app, client, api_world, clock, monkeypatch
):
    monkeypatch.setenv("MOTCUA_OUTBOUND_PRIVATE", "true")  # a city on this machine
    db = _admin(app, client, clock)
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        office.settings = {"report_push_url": "http://127.0.0.1:9/khong-co"}
    response = post(client, "/admin/o/demo/daily/build", {}, "/admin/o/demo/daily")
    assert response.status_code == 302
    page = client.get("/admin/o/demo/daily").get_data(as_text=True)
    assert "Chưa gửi được (1 lần)" in page and "Gửi lại" in page
    assert "từ chối kết nối" in page and "HTTP" not in page
    health = client.get("/admin/o/demo/health").get_data(as_text=True)
    assert "Chưa gửi được báo cáo ngày lên thành phố" in health
    key = re.search(r'<code id="push-key-value">(\w+)</code>', page).group(1)
    post(client, "/admin/o/demo/daily/key", {}, "/admin/o/demo/daily")
    again = client.get("/admin/o/demo/daily").get_data(as_text=True)
    assert 'id="push-key-value"' in again and key not in again


def test_backup_download_and_restore_from_the_page(app, client, api_world, clock):
    db = _admin(app, client, clock)
    response = client.get("/admin/o/demo/backup.json")
    document = json.loads(response.data)
    assert document["office"] == "demo"
    with db.transaction() as session:
        ct = session.scalars(select(Service).where(Service.code == "CT")).one()
        ct.name_vi = "Đã sửa sau sao lưu"
    token_page = "/admin/o/demo/backup"
    data = {
        "csrf_token": csrf(client, token_page),
        "file": (io.BytesIO(response.data), "demo.json"),
    }
    page = client.post("/admin/o/demo/restore", data=data).get_data(as_text=True)
    assert "Đã khôi phục" in page
    with db.sessions() as session:
        ct = session.scalars(select(Service).where(Service.code == "CT")).one()
        assert ct.name_vi == "Chứng thực"
        assert session.scalars(select(AuditLog.action)).all()[-1] == "office.restored"
    other = dict(document, office="khac")
    data = {
        "csrf_token": csrf(client, token_page),
        "file": (io.BytesIO(json.dumps(other).encode()), "khac.json"),
    }
    page = client.post("/admin/o/demo/restore", data=data).get_data(as_text=True)
    assert "của đơn vị khác" in page


def test_pair_a_screen_by_its_code(app, client, api_world, clock):
    from motcua.core.models import PairingRequest
    from motcua.core.pairing import start_pairing

    db = _admin(app, client, clock)
    with db.transaction() as session:
        request, _ = start_pairing(session, clock)
        code = request.code
    page = post(
        client,
        "/admin/o/demo/devices/pair",
        {"code": code, "kind": "display", "name": "TV tầng 1"},
        "/admin/o/demo/devices",
    ).get_data(as_text=True)
    assert "Đã ghép nối “TV tầng 1”" in page
    with db.sessions() as session:
        paired = session.scalars(select(PairingRequest)).one()
        device = session.get(Device, paired.device_id)
        assert (device.kind, device.name) == ("display", "TV tầng 1")
    page = post(
        client,
        "/admin/o/demo/devices/pair",
        {"code": "999999", "kind": "display"},
        "/admin/o/demo/devices",
    ).get_data(as_text=True)
    assert 'class="error"' in page


def test_dossier_statuses_edit_and_csv_import(app, client, api_world, clock):
    from motcua.core.models import Dossier

    db = _admin(app, client, clock)
    data = {
        "csrf_token": csrf(client, "/admin/o/demo/dossiers"),
        "file": (
            io.BytesIO(
                b"code,status,procedure\n"
                b"000.00.01.H29-251120-0001,received,Cap ban sao\n"
                b"khong-hop-le,received,\n"
            ),
            "hoso.csv",
        ),
    }
    page = client.post("/admin/o/demo/dossiers", data=data).get_data(as_text=True)
    assert "Đã nhập 1 hồ sơ." in page and "Dòng lỗi: 3" in page
    with db.sessions() as session:
        assert session.scalars(select(Dossier.code)).all() == [
            "000.00.01.H29-251120-0001"
        ]
    assert _audit(db)[-1][:2] == ("dossiers.imported", "qt-demo")


def test_report_chart_names_the_fields(app, client, api_world, clock):
    """A ward leader reads "Chứng thực" under a bar, not the code "CT"."""
    build_day(app_services(app).db, api_world, clock)
    _admin(app, client, clock)
    page = client.get("/admin/o/demo/reports?from=2026-11-23&to=2026-11-23")
    text = page.get_data(as_text=True)
    chart = text.split('aria-label="Số đã cấp theo lĩnh vực"', 1)[1].split("</svg>")[0]
    with app_services(app).db.transaction() as session:
        fields = {s.code: s.name_vi for s in session.scalars(select(Service))}
    labels = re.findall(r'<text[^>]*class="label"[^>]*>([^<]*)</text>', chart)
    assert labels == [fields["CT"], fields["HT"]], chart


def test_report_times_under_half_a_minute_read_under_one_minute():
    """A leader reads "dưới 1 phút", not "0 phút", for a very short wait."""
    from motcua.admin.views import _minutes

    assert [_minutes(s) for s in (0, 20, 29)] == ["dưới 1 phút"] * 3
    assert (_minutes(31), _minutes(840), _minutes(None)) == ("1 phút", "14 phút", "—")
