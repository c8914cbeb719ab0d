"""Who reaches what: staff never, an office admin its office, the city admin all."""

from __future__ import annotations

import pytest

from motcua.services import app_services
from tests.admin.pages import add_person, sign_in
from tests.conftest import build_world


@pytest.fixture
def offices(app, api_world, clock):
    db = app_services(app).db
    build_world(db, clock, "khac")
    add_person(db, clock, "qt-demo", "demo", "admin")
    add_person(db, clock, "ql-demo", "demo", "manager")
    add_person(db, clock, "thanhpho", city=True)
    return db


PAGES = [
    "",
    "/settings",
    "/fields",
    "/counters",
    "/staff",
    "/devices",
    "/dossiers",
    "/procedures",
    "/booking",
    "/audit",
    "/backup",
    "/reports",
    "/daily",
    "/health",
]


def test_staff_cannot_reach_admin_pages(client, offices):
    response = sign_in(client, "demo-staff")
    assert response.status_code == 302
    for page in PAGES:
        response = client.get("/admin/o/demo" + page)
        assert response.status_code == 403, page
        assert "Không có quyền" in response.get_data(as_text=True)
    assert client.get("/admin").status_code == 403


def test_signed_out_people_are_sent_to_sign_in(client, offices):
    response = client.get("/admin/o/demo/settings")
    assert "/admin/login" in response.headers["Location"]
    assert sign_in(client, "qt-demo", "sai-mat-khau").status_code == 401


def test_office_admin_sees_only_its_office(client, offices):
    sign_in(client, "qt-demo")
    assert client.get("/admin").headers["Location"].endswith("/admin/o/demo")
    for page in PAGES:
        assert client.get("/admin/o/demo" + page).status_code == 200, page
        assert client.get("/admin/o/khac" + page).status_code == 403, page
    assert client.get("/admin/city").status_code == 403
    report = client.get("/api/v1/offices/khac/reports/daily?date=2026-11-23")
    assert report.status_code == 403


def test_manager_reads_reports_but_changes_nothing(client, offices):
    sign_in(client, "ql-demo")
    for page in ("", "/reports", "/daily", "/health"):
        assert client.get("/admin/o/demo" + page).status_code == 200, page
    for page in ("/settings", "/staff", "/devices", "/backup"):
        assert client.get("/admin/o/demo" + page).status_code == 403, page


def test_city_admin_sees_every_office(client, offices):
    sign_in(client, "thanhpho")
    page = client.get("/admin").get_data(as_text=True)
    assert "Phường demo" in page and "Phường khac" in page
    for page in PAGES:
        assert client.get("/admin/o/khac" + page).status_code == 200, page
    city = client.get("/admin/city").get_data(as_text=True)
    assert 'data-office="demo"' in city and 'data-office="khac"' in city
    data = client.get("/admin/city.json").get_json()
    assert {o["slug"] for o in data["offices"]} == {"demo", "khac"}


def test_city_admin_adds_a_ward_office_with_its_first_admin(client, offices):
    from sqlalchemy import select

    from motcua.core.models import AuditLog, Office
    from tests.admin.pages import post

    new = {
        "office_name": "Phường Hòa Bình",
        "slug": "phuong-hoa-binh",
        "full_name": "Trần Thị Lan",
        "username": "qt-hoabinh",
        "password": "matkhau-moi-1",
        "password2": "matkhau-moi-1",
    }
    sign_in(client, "qt-demo")  # an office admin may not
    assert post(client, "/admin/city", new, "/admin/o/demo").status_code == 403
    client = client.application.test_client()
    sign_in(client, "thanhpho")
    answer = post(client, "/admin/city", new)
    assert answer.headers["Location"].endswith("/admin/o/phuong-hoa-binh/setup/fields")
    again = post(client, "/admin/city", new).get_data(as_text=True)
    assert "đã tồn tại" in again  # the same code twice: said in Vietnamese
    with offices.sessions() as session:
        office = session.scalars(select(Office).where(Office.slug == new["slug"])).one()
        assert office.name == "Phường Hòa Bình"
        actions = session.scalars(
            select(AuditLog.action).where(AuditLog.office_id == office.id)
        ).all()
    assert actions == ["office.created"]
    assert 'data-office="phuong-hoa-binh"' in client.get("/admin/city").get_data(
        as_text=True
    )
    # The new office's admin signs in and lands on their office, not another.
    other = client.application.test_client()
    sign_in(other, "qt-hoabinh", "matkhau-moi-1")
    assert other.get("/admin/o/phuong-hoa-binh/settings").status_code == 200
    assert other.get("/admin/o/demo/settings").status_code == 403
