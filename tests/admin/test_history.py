"""A page per ticket, and one log in plain Vietnamese searchable by day, person and
ticket, with the queue's actions in it."""

from __future__ import annotations

from motcua.core import calling
from motcua.core.lookup import office_by_slug
from motcua.core.models import Ticket
from motcua.services import app_services
from tests.admin.day import DAY, at, build_day
from tests.admin.pages import sign_in_admin
from tests.helpers import act, issue

AUDIT = "/admin/o/demo/audit"


def _story_day(app, api_world, clock):
    db = app_services(app).db
    t = build_day(db, api_world, clock)
    staff = api_world.staff
    at(clock, 11, 0)
    t["t7"] = issue(db, "demo", api_world.kiosk, clock, "CT").id
    at(clock, 11, 5)
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        ticket = session.get(Ticket, t["t6"])
        calling.call_ticket(session, office, staff, clock, 1, ticket, "Người già yếu")
    at(clock, 11, 6)
    act(db, "demo", staff, clock, "recall", t["t6"])
    act(db, "demo", staff, clock, "transfer", t["t6"], service="HT", note="Cần bản gốc")
    return db, t


def _number(db, ticket_id):
    with db.sessions() as session:
        return session.get(Ticket, ticket_id).number


def test_ticket_page_tells_the_whole_story(app, client, api_world, clock):
    db, t = _story_day(app, api_world, clock)
    sign_in_admin(app, clock, client)
    page = client.get(f"/admin/o/demo/tickets/{t['t6']}").get_data(as_text=True)
    for words in (
        "Cấp số",
        "Gọi số",
        "lý do: Người già yếu",
        "Gọi lại",
        "Chuyển số",
        "ghi chú: Cần bản gốc",
        "sang lĩnh vực: HT",
        "Quầy 1",
    ):
        assert words in page, words
    assert page.index("Cấp số") < page.index("Gọi lại") < page.index("Chuyển số")
    rated = client.get(f"/admin/o/demo/tickets/{t['t2']}").get_data(as_text=True)
    assert "2 – Không hài lòng" in rated and "Phục vụ xong" in rated
    no_show = client.get(f"/admin/o/demo/tickets/{t['t5']}").get_data(as_text=True)
    assert "Ghi vắng mặt" in no_show and "vắng mặt</strong>" in no_show
    other = client.get("/admin/o/demo/tickets/khong-co")
    assert other.status_code == 404


def test_audit_search_by_day_person_and_ticket(app, client, api_world, clock):
    db, t = _story_day(app, api_world, clock)
    sign_in_admin(app, clock, client)
    page = client.get(AUDIT).get_data(as_text=True)
    assert "Gọi lại" in page
    assert "{" not in page.split("<tbody>")[1].split("</tbody>")[0]  # no raw JSON
    day = "/".join(reversed(DAY.split("-")))
    found = client.get(f"{AUDIT}?day={day}&person=demo-staff").get_data(as_text=True)
    rows = found.split("<tbody>")[1]
    assert "Gọi lại" in rows and "Ghi vắng mặt" in rows and "Cấp số" not in rows
    number = _number(db, t["t6"])
    one = client.get(f"{AUDIT}?ticket={number}").get_data(as_text=True)
    rows = one.split("<tbody>")[1]
    assert "Chuyển số" in rows and "Người già yếu" in rows
    assert "Phục vụ xong" not in rows  # only that ticket's steps
    assert f"/admin/o/demo/tickets/{t['t6']}" in rows
    empty = client.get(f"{AUDIT}?day=01/01/2020").get_data(as_text=True)
    assert "Không có mục nào khớp." in empty
    bad = client.get(f"{AUDIT}?day=32/13/2026").get_data(as_text=True)
    assert "Ngày phải có dạng dd/mm/yyyy" in bad


def test_admin_changes_are_in_plain_words(app, client, api_world, clock):
    sign_in_admin(app, clock, client)
    db = app_services(app).db
    with db.transaction() as session:
        office_by_slug(session, "demo")
    from tests.admin.pages import post

    post(client, "/admin/o/demo/address", {"custom": "http://10.0.0.9:8000"})
    page = client.get(f"{AUDIT}?person=qt").get_data(as_text=True)
    assert "Đổi cài đặt" in page and "public url: http://10.0.0.9:8000" in page
    assert "settings.changed" not in page
