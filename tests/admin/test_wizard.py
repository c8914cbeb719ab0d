"""The first-run wizard through the test client: empty install to a working office."""

from __future__ import annotations

import io
import json
import re

from sqlalchemy import select

from motcua.core.models import AuditLog, Counter, Device, Office, Service, Ticket, User
from motcua.services import app_services
from tests.admin.pages import csrf, post


def test_wizard_from_empty_install(app, client):
    db = app_services(app).db
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
    with app_services(app).db.sessions() as session:
        assert (
            session.scalars(select(User).where(User.username == "chiem")).first()
            is None
        )


def test_forms_without_csrf_token_are_refused(app, client):
    response = client.post("/admin/setup", data={"office_name": "X", "slug": "x"})
    assert response.status_code == 400


def _account(**extra):
    return {
        "office_name": "Phường Hòa Bình",
        "hours_mon_fri": "07:30-11:30,13:30-17:00",
        "hours_sat": "",
        "hours_sun": "",
        "username": "quantri",
        "password": "matkhau123",
        "password2": "matkhau123",
        **extra,
    }


def test_office_code_is_made_from_the_name(app, client):
    from motcua.core.slugs import slug_from_name

    assert slug_from_name("Hòa Bình") == "hoa-binh"
    assert slug_from_name("Trung tâm Phục vụ hành chính công phường Đống Đa") == (
        "dong-da"
    )
    page = post(client, "/admin/setup", _account(slug="Hòa Bình"), "/admin/setup")
    text = page.get_data(as_text=True)
    assert "“hoa-binh”" in text and 'value="Phường Hòa Bình"' in text
    response = post(client, "/admin/setup", _account(slug=""), "/admin/setup")
    assert response.headers["Location"].endswith("/admin/o/hoa-binh/setup/fields")


def test_staff_rows_keep_what_was_typed_and_say_which_failed(app, client):
    post(client, "/admin/setup", _account(slug=""), "/admin/setup")
    path = "/admin/o/hoa-binh/setup/staff"
    rows = {
        "username_0": "canbo1",
        "password_0": "matkhau123",
        "full_name_0": "Trần Thị Cán",
        "username_1": "canbo2",
        "password_1": "ngan",
        "full_name_1": "Lê Văn Hai",
        "counters_1": "1",
        "role_1": "manager",
    }
    page = post(client, path, rows).get_data(as_text=True)
    assert 'id="row-error-1"' in page and "Dòng 2:" in page
    assert 'id="row-error-0"' not in page
    assert 'value="Lê Văn Hai"' in page and 'value="canbo2"' in page
    assert '<option value="manager" selected>' in page
    assert 'value="canbo1"' not in page  # saved: listed above, not typed again
    assert "Đã có: canbo1" in page or "canbo1" in page.split("<form")[0]


def _upload(client, page: str, path: str, document: dict) -> str:
    """Post a backup file from a page's form, as the browser would."""
    data = {
        "csrf_token": csrf(client, page),
        "file": (io.BytesIO(json.dumps(document).encode()), "sao-luu.json"),
    }
    return client.post(path, data=data).get_data(as_text=True)


def test_first_screen_restores_a_backup(app, client, api_world, clock):
    from motcua.core.backup import backup_office
    from motcua.core.lookup import office_by_slug

    db = app_services(app).db
    with db.sessions() as session:
        document = backup_office(session, office_by_slug(session, "demo"))
    empty = app.test_client()
    with db.transaction() as session:  # the same install, emptied
        for user in session.scalars(select(User)):
            session.delete(user)
        session.delete(office_by_slug(session, "demo"))
    page = empty.get("/admin/setup").get_data(as_text=True)
    assert "Khôi phục từ bản sao lưu" in page and 'id="restore"' in page
    page = _upload(empty, "/admin/setup", "/admin/setup/restore", document)
    assert 'id="restored"' in page
    with db.sessions() as session:
        assert office_by_slug(session, "demo").slug == "demo"
        assert "demo-staff" in session.scalars(select(User.username)).all()


def test_restore_removes_the_wizard_admin(app, client, api_world, clock):
    from motcua.core.backup import backup_office
    from motcua.core.backup_check import backup_key, sign
    from motcua.core.lookup import office_by_slug
    from tests.admin.pages import sign_in_admin

    db = app_services(app).db
    with db.sessions() as session:
        document = backup_office(session, office_by_slug(session, "demo"))
    # Downloaded from this server's page: signed with its key.
    document = sign(document, backup_key(app.config["SECRET_KEY"]))
    sign_in_admin(app, clock, client, "tam")  # made after the backup was taken
    page = _upload(client, "/admin/o/demo/backup", "/admin/o/demo/restore", document)
    assert "tài khoản tạm dùng khi cài đặt" in page
    with db.sessions() as session:
        tam = session.scalars(select(User).where(User.username == "tam")).one()
        assert not tam.active
    assert client.get("/admin/o/demo/settings").status_code == 302  # signed out
