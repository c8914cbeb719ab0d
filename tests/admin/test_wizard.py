"""The first-run wizard through the test client: empty install to a working office."""

from __future__ import annotations

import re

from sqlalchemy import select

from motcua.core.models import AuditLog, Counter, Device, Office, Service, Ticket, User
from tests.admin.pages import csrf, post


def test_wizard_from_empty_install(app, client):
    db = app.extensions["motcua.db"]
    assert client.get("/admin").headers["Location"].endswith("/admin/setup")
    page = client.get("/admin/setup").get_data(as_text=True)
    assert "Cài đặt hệ thống xếp hàng" in page and "Sáng thứ Bảy" in page
    response = post(
        client,
        "/admin/setup",
        {
            "office_name": "Phường Hòa",
            "slug": "phuong-hoa",
            "hours_mon_fri": "07:30-11:30,13:30-17:00",
            "hours_sat": "07:30-11:30",
            "hours_sun": "",
            "full_name": "Nguyễn Văn Quản",
            "username": "quantri",
            "password": "matkhau123",
            "password2": "matkhau123",
        },
    )
    assert response.headers["Location"].endswith("/admin/o/phuong-hoa/setup/fields")
    page = client.get("/admin/o/phuong-hoa/setup/fields").get_data(as_text=True)
    assert 'value="Chứng thực"' in page and 'value="Giáo dục"' in page  # prefilled
    fields = {
        "use_0": "on",
        "0_code": "CT",
        "0_name_vi": "Chứng thực bản sao",
        "0_name_en": "Certification",
        "0_range_start": "1001",
        "0_range_end": "1999",
        "use_1": "on",
        "1_code": "HT",
        "1_name_vi": "Hộ tịch",
        "1_name_en": "Civil status",
        "1_range_start": "2001",
        "1_range_end": "2999",
        "1_daily_cap": "50",
        "2_code": "DD",
        "2_name_vi": "Đất đai",
    }  # not ticked: not created
    response = post(client, "/admin/o/phuong-hoa/setup/fields", fields)
    assert response.headers["Location"].endswith("/setup/counters")
    response = post(
        client,
        "/admin/o/phuong-hoa/setup/counters",
        {
            "use_1": "on",
            "name_1": "Quầy 1",
            "services_1": ["CT", "HT"],
            "use_2": "on",
            "name_2": "Quầy hộ tịch",
            "services_2": ["HT"],
        },
    )
    assert response.headers["Location"].endswith("/setup/staff")
    response = post(
        client,
        "/admin/o/phuong-hoa/setup/staff",
        {
            "username_0": "canbo1",
            "password_0": "matkhau123",
            "role_0": "staff",
            "counters_0": "1, 2",
            "full_name_0": "Trần Thị Cán",
        },
    )
    assert "/admin/o/phuong-hoa/address?wizard=1" in response.headers["Location"]
    page = client.get("/admin/o/phuong-hoa/address?wizard=1").get_data(as_text=True)
    assert "Địa chỉ truy cập" in page and 'id="address-warning"' in page
    response = post(
        client,
        "/admin/o/phuong-hoa/address",
        {"choice": "", "custom": "http://192.168.1.10:8000/", "wizard": "1"},
        "/admin/o/phuong-hoa/address?wizard=1",
    )
    assert "/admin/o/phuong-hoa/devices?wizard=1" in response.headers["Location"]
    page = post(
        client,
        "/admin/o/phuong-hoa/devices",
        {"kind": "kiosk", "name": "Ki-ốt sảnh"},
        "/admin/o/phuong-hoa/devices?wizard=1",
    ).get_data(as_text=True)
    link = re.search(
        r'value="(http://192.168.1.10:8000/o/phuong-hoa/kiosk\?device_token=[^"]+)"',
        page,
    )
    assert link, page
    assert 'id="address-warning"' not in page
    page = post(
        client,
        "/admin/o/phuong-hoa/devices/test/ticket",
        {"service": "HT"},
        "/admin/o/phuong-hoa/devices",
    ).get_data(as_text=True)
    assert "Đã cấp số thử 2001" in page
    ticket = re.search(r'name="ticket" value="([^"]+)"', page).group(1)
    page = post(
        client,
        "/admin/o/phuong-hoa/devices/test/call",
        {"ticket": ticket, "counter": "2"},
        "/admin/o/phuong-hoa/devices",
    )
    assert "Đã gọi số thử 2001 đến quầy 2" in page.get_data(as_text=True)
    page = post(
        client,
        "/admin/o/phuong-hoa/devices/test/print",
        {"ticket": ticket},
        "/admin/o/phuong-hoa/devices",
    ).get_data(as_text=True)
    assert "Đã gửi lệnh in một phiếu thử" in page and "đang chờ in" in page
    with db.sessions() as session:
        office = session.scalars(select(Office)).one()
        assert office.settings["hours"]["sat"] == "07:30-11:30"
        assert office.settings["public_url"] == "http://192.168.1.10:8000"
        services = {s.code: s for s in session.scalars(select(Service))}
        assert set(services) == {"CT", "HT"}
        assert services["CT"].name_vi == "Chứng thực bản sao"
        assert services["HT"].daily_cap == 50
        # Each ward field starts from its typical service time (DOMAIN.md).
        assert services["HT"].avg_service_s == 480
        counters = {c.number: c for c in session.scalars(select(Counter))}
        assert [s.code for s in counters[2].services] == ["HT"]
        assert counters[2].name == "Quầy hộ tịch"
        assert {u.username for u in session.scalars(select(User))} == {
            "quantri",
            "canbo1",
        }
        assert session.scalars(select(Device.kind)).all() == ["kiosk"]
        test = session.get(Ticket, ticket)
        assert test.channel == "test" and test.status == "called"
        actions = session.scalars(select(AuditLog.action)).all()
    for action in (
        "setup.started",
        "service.added",
        "counter.saved",
        "staff.added",
        "device.added",
    ):
        assert action in actions, action


def test_wizard_only_runs_on_an_empty_install(app, client, api_world):
    response = client.get("/admin/setup")
    assert response.headers["Location"].endswith("/admin/login")
    token = csrf(client)
    response = client.post(
        "/admin/setup",
        data={
            "csrf_token": token,
            "office_name": "X",
            "slug": "x",
            "username": "chiem",
            "password": "matkhau123",
            "password2": "matkhau123",
        },
    )
    assert "đã được cài đặt" in response.get_data(as_text=True)
    with app.extensions["motcua.db"].sessions() as session:
        assert (
            session.scalars(select(User).where(User.username == "chiem")).first()
            is None
        )


def test_forms_without_csrf_token_are_refused(app, client):
    response = client.post("/admin/setup", data={"office_name": "X", "slug": "x"})
    assert response.status_code == 400
