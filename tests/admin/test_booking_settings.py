"""The booking and message settings page: saved settings change what citizens get."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from motcua.core import booking_settings, notify
from motcua.core.errors import Conflict, Forbidden, Invalid
from motcua.core.lookup import office_by_slug
from motcua.core.models import AuditLog
from motcua.services import app_services
from tests.admin.pages import add_person, post, sign_in
from tests.booking.helpers import SMS, book, get, local
from tests.conftest import build_world

PAGE = "/admin/o/demo/booking"
TUE_8 = local(2026, 11, 24, 8, 0)
TOKEN = "bi-mat-cong-sms-123"
PUBLIC = "https://203.113.131.1/sms"  # an address outside the server's networks


def _form(**changes: str) -> dict[str, str]:
    """The form as the page sends it with today's defaults and an SMS gateway."""
    data = {
        "enabled": "on",
        "identity": "phone",
        "open": "06:00-21:00",
        "same_hours": "on",
        "days_ahead": "7",
        "slot_minutes": "30",
        "capacity_default": "2",
        "per_person_daily": "2",
        "active_per_person": "1",
        "grace_before_min": "15",
        "grace_after_min": "15",
        "otp_ttl_s": "300",
        "otp_attempts": "5",
        "otp_resend_s": "60",
        "otp_max_sends": "3",
        "codes_per_hour": "3",
        "near_ahead": "3",
        "max_attempts": "5",
        "timeout_s": "3",
        "sms_enabled": "on",
        "sms_url": SMS,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _admin(app, client, clock):  # type: ignore[no-untyped-def]
    app_services(app).notify.autostart = False  # nothing posts to a gateway
    app.config["OUTBOUND_PRIVATE"] = True  # the tests' gateway is on this machine
    db = app_services(app).db
    add_person(db, clock, "qt-demo", "demo", "admin")
    sign_in(client, "qt-demo")
    return db


def _save(client, **changes: str) -> str:  # type: ignore[no-untyped-def]
    response = post(client, PAGE, _form(**changes))
    assert response.status_code == 200
    return str(response.get_data(as_text=True))


def _settings(db):  # type: ignore[no-untyped-def]
    with db.sessions() as session:
        return json.loads(json.dumps(office_by_slug(session, "demo").settings))


def _audits(db) -> list:  # type: ignore[no-untyped-def]
    with db.sessions() as session:
        stmt = select(AuditLog.action, AuditLog.data).order_by(AuditLog.id)
        return [tuple(row) for row in session.execute(stmt)]


def test_the_page_lists_fields_placeholders_and_the_public_pages(
    app, client, api_world, clock
):
    _admin(app, client, clock)
    page = client.get(PAGE).get_data(as_text=True)
    assert 'href="/o/demo/book"' in page and 'href="/o/demo/bookings"' in page
    assert 'name="capacity_CT"' in page and 'name="daily_cap_HT"' in page
    assert "Chứng thực" in page and "<code>{minutes}</code>" in page
    assert "Chưa bật kênh tin nhắn nào" in page  # phone codes need a channel
    assert notify.TEXTS["near"] in page  # the text sent today, ready to change


def test_one_place_per_slot_refuses_the_second_booking(app, client, api_world, clock):
    db = _admin(app, client, clock)
    slots = "/api/v1/offices/demo/bookings/slots?service="
    assert TUE_8.isoformat() in str(client.get(slots + "CT").get_json())
    assert "Đã lưu." in _save(client, capacity_CT="1")
    assert _settings(db)["booking"]["capacity"] == {"*": 2, "CT": 1}
    book(db, clock, kind="slot", slot_at=TUE_8)
    with pytest.raises(Conflict) as refused:
        book(db, clock, kind="slot", slot_at=TUE_8, phone="0987654321")
    assert refused.value.code == "slot_full"
    assert TUE_8.isoformat() not in str(client.get(slots + "CT").get_json())
    assert TUE_8.isoformat() in str(client.get(slots + "HT").get_json())


def test_numbers_per_person_stop_at_the_saved_cap(app, client, api_world, clock):
    db = _admin(app, client, clock)
    _save(client, per_person_daily="1")
    book(db, clock, kind="today")
    with pytest.raises(Conflict) as refused:
        book(db, clock, kind="today")
    assert refused.value.code == "person_day_cap" and refused.value.params["cap"] == 1
    _save(client, per_person_daily="2")
    book(db, clock, kind="today")  # the second of the day is now allowed
    with pytest.raises(Conflict):
        book(db, clock, kind="today")


BAD = [
    (
        {"slot_minutes": "ba mươi"},
        "Mục “Độ dài mỗi khung giờ (phút)” cần một số nguyên từ 5 đến 240.",
    ),
    (
        {"capacity_CT": "-1"},
        "Mục “Số chỗ mỗi khung giờ – CT” cần một số nguyên từ 0 đến 1000.",
    ),
    ({"days_ahead": ""}, "“Đặt trước tối đa (ngày)” cần một số nguyên từ 0 đến 90."),
    ({"open": "25:00-26:00"}, "Mục “Giờ nhận đặt lịch” cần khung giờ dạng"),
    (
        {"same_hours": "", "hours_mon_fri": "11:30-07:30"},
        "Mục “Khung giờ hẹn – Thứ Hai – Thứ Sáu” cần khung giờ dạng",
    ),
    ({"identity": "passport"}, "“Cách xác nhận người đặt” không hợp lệ."),
    (
        {"sms_url": "ftp://gw.example"},
        "“Tin nhắn SMS – địa chỉ cổng” cần một địa chỉ bắt đầu bằng http://",
    ),
    ({"zalo_enabled": "on"}, "“Zalo – địa chỉ cổng” cần một địa chỉ"),
    (
        {"sms_tpl_near": "{office}: con {ten} nguoi"},
        "Mẫu tin “Tin nhắn SMS – Sắp đến lượt” có chỗ điền {ten} không dùng được."
        " Chỉ dùng được: {office}, {number}, {ahead}.",
    ),
    (
        {"sms_tpl_called": "{office}: moi so {number!r}"},
        "có chỗ điền {number} không dùng được",
    ),
    ({"sms_tpl_otp": "ma {code"}, "có dấu ngoặc nhọn không khớp"),
    ({"zalo_enabled": "on", "zalo_url": SMS, "zalo_tpl_near": "mẫu 1"}, "mã mẫu tin"),
]


def test_bad_values_are_refused_in_vietnamese_and_nothing_changes(
    app, client, api_world, clock
):
    db = _admin(app, client, clock)
    _save(client)
    before, audits = _settings(db), len(_audits(db))
    for changes, words in BAD:
        page = _save(client, capacity_default="5", **changes)  # a good change too
        assert words in page, (changes, page[page.find('role="alert"') :][:300])
        assert "Đã lưu." not in page
        assert _settings(db) == before, changes
    assert len(_audits(db)) == audits


def test_a_gateway_on_the_servers_own_networks_is_refused_at_save(
    app, client, api_world, clock
):
    """Redis on the server, the cloud's metadata address, the LAN: refused when the
    admin saves them (not only when a message is sent), unless the operator allows
    private addresses; a public address is saved."""
    db = _admin(app, client, clock)
    _save(client)
    app.config["OUTBOUND_PRIVATE"] = False
    before, audits = _settings(db), len(_audits(db))
    for field, host in [
        ("sms", "127.0.0.1:6379"),
        ("sms", "169.254.169.254"),
        ("zalo", "10.0.0.5"),
        ("sms", "[::1]:8000"),
    ]:
        url = f"http://{host}/gui"
        changes = {f"{field}_enabled": "on", f"{field}_url": url}
        page = _save(client, capacity_default="5", **{"sms_url": PUBLIC, **changes})
        label = "Tin nhắn SMS" if field == "sms" else "Zalo"
        assert f"Mục “{label} – địa chỉ cổng” trỏ tới mạng riêng của máy chủ" in page
        assert "MOTCUA_OUTBOUND_PRIVATE" in page
        assert "Đã lưu." not in page
        assert _settings(db) == before, url
    assert len(_audits(db)) == audits
    assert "Đã lưu." in _save(client, sms_url=PUBLIC)
    assert _settings(db)["notify"]["sms"]["url"] == PUBLIC
    app.config["OUTBOUND_PRIVATE"] = True  # the operator allows a LAN gateway
    assert "Đã lưu." in _save(client, sms_url="http://10.0.0.5/gui")


def test_a_save_is_audited_with_only_what_changed(app, client, api_world, clock):
    db = _admin(app, client, clock)
    changes = {"capacity_CT": "1", "daily_cap_HT": "40", "grace_after_min": "10"}
    _save(client, **changes)
    action, data = _audits(db)[-1]
    assert action == "settings.changed"
    assert data["booking"] == {
        "capacity": {"*": 2, "CT": 1},
        "daily_cap": {"HT": 40},
        "grace_after_min": 10,
    }
    assert data["notify"] == {"sms": {"url": SMS}}
    count = len(_audits(db))
    texts = {f"sms_tpl_{kind}": text for kind, text in notify.TEXTS.items()}
    assert "Đã lưu." in _save(client, **changes, **texts)  # the texts as shown
    assert len(_audits(db)) == count  # nothing changed: nothing written
    assert "templates" not in _settings(db)["notify"]["sms"]
    _save(client, **changes, near_ahead="2")
    assert _audits(db)[-1][1] == {"notify": {"near_ahead": 2}}


def test_a_gateway_token_is_never_shown_and_kept_when_left_empty(
    app, client, api_world, clock
):
    db = _admin(app, client, clock)
    _save(client, sms_token=TOKEN)
    assert _settings(db)["notify"]["sms"]["token"] == TOKEN
    assert TOKEN not in json.dumps(_audits(db)[-1][1])
    assert _audits(db)[-1][1]["notify"]["sms"]["token"] == "***"
    page = client.get(PAGE).get_data(as_text=True)
    assert TOKEN not in page and "đã đặt; để trống để giữ nguyên" in page
    _save(client, sms_tpl_near="{office}: con {ahead} nguoi truoc so {number}")
    kept = _settings(db)["notify"]["sms"]
    assert kept["token"] == TOKEN and kept["templates"]["near"].startswith("{office}")
    assert TOKEN not in json.dumps(_audits(db)[-1][1])
    _save(client, sms_token_clear="on")
    assert "token" not in _settings(db)["notify"]["sms"]
    assert "(chưa đặt)" in client.get(PAGE).get_data(as_text=True)


def test_the_saved_text_is_what_the_gateway_gets(app, client, api_world, clock):
    db = _admin(app, client, clock)
    _save(client, sms_tpl_booked="{office}: lich {slot}, ma {code}")
    booking_id = book(db, clock, kind="slot", slot_at=TUE_8, notify="sms")
    with db.transaction() as session:
        due = [d for d in notify.claim_due(session, clock) if d.kind == "booked"]
    body = notify.render(due[0], "http://motcua.local")
    code = get(db, booking_id).code
    assert body["text"] == f"Phường demo: lich 08:00 24/11/2026, ma {code}"


def test_a_switched_off_channel_drops_its_gateway(app, client, api_world, clock):
    db = _admin(app, client, clock)
    _save(client, sms_token=TOKEN)
    _save(client, sms_enabled="", same_hours="", hours_sat="08:00-11:00")
    saved = _settings(db)
    assert saved["notify"]["sms"] is None
    assert saved["booking"]["hours"] == {"mon_fri": "", "sat": "08:00-11:00", "sun": ""}
    page = client.get(PAGE).get_data(as_text=True)
    assert "Chưa bật kênh tin nhắn nào" in page


@pytest.mark.parametrize("role", ["staff", "manager"])
def test_staff_and_managers_may_not_open_or_save(app, client, api_world, clock, role):
    db = app_services(app).db
    add_person(db, clock, f"nv-{role}", "demo", role)
    sign_in(client, f"nv-{role}")
    assert client.get(PAGE).status_code == 403
    before = _settings(db)
    response = post(client, PAGE, _form(capacity_CT="1"), token_from="/admin/login")
    assert response.status_code == 403
    assert _settings(db) == before


def test_an_admin_of_another_office_is_refused(app, client, api_world, clock):
    db = _admin(app, client, clock)
    build_world(db, clock, "khac")
    assert client.get("/admin/o/khac/booking").status_code == 403
    form = _form(capacity_default="9")
    response = post(client, "/admin/o/khac/booking", form, token_from=PAGE)
    assert response.status_code == 403
    with db.sessions() as session:
        assert "booking" not in (office_by_slug(session, "khac").settings or {})


def test_the_core_refuses_other_offices_fields_and_non_admins(db, world, clock):
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        with pytest.raises(Forbidden):
            booking_settings.save(session, office, world.staff, clock, {}, {})
    from motcua.core.actors import SYSTEM

    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        with pytest.raises(Invalid) as bad:
            booking_settings.save(
                session, office, SYSTEM, clock, {"capacity": {"*": 1, "XX": 1}}, {}
            )
        assert bad.value.params["name"] == "capacity.XX"
    with db.sessions() as session:
        count = session.execute(select(func.count()).select_from(AuditLog))
        assert count.scalar_one() == 0


@pytest.mark.parametrize(
    "hours, ok",
    [
        ("07:30-11:30,13:30-17:00", True),
        ("07:30-11:30,11:30-17:00", True),
        ("00:00-24:00", True),
        ("", True),
        ("13:30-17:00,07:30-11:30", False),
        ("07:30-11:30,11:00-17:00", False),
        ("24:00-24:00", False),
        ("7:30-11:30", False),
        ("07:60-11:30", False),
    ],
)
def test_hours_need_real_times_in_order(hours, ok):
    if ok:
        assert booking_settings.check_hours("hours.sat", hours) == hours
    else:
        with pytest.raises(Invalid) as bad:
            booking_settings.check_hours("hours.sat", hours)
        assert bad.value.code == "booking_setting_hours"


def test_numbers_are_whole_numbers_not_flags_or_text():
    checked = booking_settings.check_booking({"days_ahead": 0}, ["CT"])
    assert checked == {"days_ahead": 0}
    for value in (True, "7", 7.0, 91, -1):
        with pytest.raises(Invalid) as bad:
            booking_settings.check_booking({"days_ahead": value}, ["CT"])
        assert bad.value.params["high"] == 90
    with pytest.raises(Invalid):
        booking_settings.check_booking({"unknown_key": 1}, ["CT"])
