"""Settings page: priority classes and their ranks, kiosk self-priority, the ticker."""

from __future__ import annotations

from sqlalchemy import select

from motcua.core.lookup import office_by_slug
from motcua.core.models import AuditLog
from tests.admin.pages import post, sign_in_admin
from tests.conftest import bearer, staff_token
from tests.helpers import press_next

SETTINGS = "/admin/o/demo/settings"
FORM = {
    "name": "Phường demo",
    "hours_mon_fri": "07:30-11:30,13:30-17:00",
    "hours_sat": "07:30-11:30",
    "hours_sun": "",
    "priority_policy": "strict",
    "priority_ratio": "3",
    "no_show_grace_min": "15",
    "announcement_template": "Mời công dân có số thứ tự {number} đến quầy số {counter}",
    "number_reading": "north",
    "report_time": "15:30",
    "report_push_url": "",
    "personal_data_days": "30",
    "kiosk_welcome": "",
    "kiosk_notice": "",
    "display_ticker": "",
}
RANKS = {f"rank_{c}": "1" for c in ("elderly", "disabled", "pregnant", "child")}
RANKS["rank_meritorious"] = "1"


def _admin(app, client, clock):  # type: ignore[no-untyped-def]
    return sign_in_admin(app, clock, client)


def _office(db):  # type: ignore[no-untyped-def]
    with db.sessions() as session:
        office = office_by_slug(session, "demo")
        return office.name, dict(office.settings or {})


def _audits(db) -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    with db.sessions() as session:
        stmt = select(AuditLog.action, AuditLog.data).order_by(AuditLog.id)
        return [(action, data) for action, data in session.execute(stmt)]


def _issue(client, headers, priority=None):  # type: ignore[no-untyped-def]
    body = {"service": "CT", **({"priority": priority} if priority else {})}
    return client.post("/api/v1/offices/demo/tickets", json=body, headers=headers)


def test_ranks_decide_who_is_called_first_and_are_audited(
    app, client, api_world, clock
):
    db = _admin(app, client, clock)
    staff = bearer(staff_token(client))
    child = _issue(client, staff, "child").get_json()  # before the change, rank 1
    form = {**FORM, **RANKS, "rank_pregnant": "3", "rank_child": "0"}
    page = post(client, SETTINGS, form).get_data(as_text=True)
    assert "Đã lưu." in page
    assert '<option value="3" selected>3</option>' in page
    assert '<option value="0" selected>Không cấp</option>' in page  # child is off
    _, settings = _office(db)
    assert settings["priority_classes"] == {
        "elderly": 1,
        "disabled": 1,
        "pregnant": 3,
        "meritorious": 1,
    }
    action, data = _audits(db)[-1]
    assert action == "settings.changed"
    assert data["priority_classes"]["pregnant"] == 3
    elderly = _issue(client, staff, "elderly").get_json()
    pregnant = _issue(client, staff, "pregnant").get_json()
    refused = _issue(client, staff, "child")
    assert refused.status_code == 400
    assert refused.get_json()["error"]["code"] == "unknown_priority"
    called = [press_next(client, staff) for _ in range(3)]
    # Rank 3 first; the child ticket given before the change keeps its rank 1 and,
    # being older, goes before the new elderly one.
    assert [c.get_json()["id"] for c in called] == [
        pregnant["id"],
        child["id"],
        elderly["id"],
    ]


def test_a_bad_rank_or_ticker_is_refused_in_vietnamese_and_changes_nothing(
    app, client, api_world, clock
):
    db = _admin(app, client, clock)
    before = _office(db)
    audits = len(_audits(db))
    renamed = {**FORM, **RANKS, "name": "Tên mới"}
    page = post(client, SETTINGS, {**renamed, "rank_elderly": "12"})
    text = page.get_data(as_text=True)
    assert "Giá trị của mục “Đối tượng ưu tiên” không hợp lệ." in text
    assert "Đã lưu." not in text
    page = post(client, SETTINGS, {**renamed, "rank_elderly": "cao"})
    wanted = "Mục “Thứ tự ưu tiên – Người cao tuổi” cần một số."
    assert wanted in page.get_data(as_text=True)
    long_ticker = {**renamed, "display_ticker": "Tin " * 80}
    page = post(client, SETTINGS, long_ticker).get_data(as_text=True)
    assert "Giá trị của mục “Dòng chữ chạy trên màn hình” không hợp lệ." in page
    assert _office(db) == before
    assert len(_audits(db)) == audits


def test_kiosk_self_priority_follows_the_checkbox(app, client, api_world, clock):
    db = _admin(app, client, clock)
    kiosk = bearer(api_world.kiosk_token)
    assert _issue(client, kiosk, "elderly").status_code == 403
    form = {**FORM, **RANKS, "rank_disabled": "0", "kiosk_self_priority": "on"}
    assert "Đã lưu." in post(client, SETTINGS, form).get_data(as_text=True)
    assert _office(db)[1]["kiosk_self_priority"] is True
    taken = _issue(client, kiosk, "elderly")
    assert taken.status_code == 201 and taken.get_json()["priority"] == "elderly"
    client.set_cookie("motcua_device", api_world.kiosk_token)
    html = client.get("/o/demo/kiosk").get_data(as_text=True)
    assert 'data-class="elderly"' in html and 'data-class="disabled"' not in html
    post(client, SETTINGS, {**FORM, **RANKS})
    assert _office(db)[1]["kiosk_self_priority"] is False
    assert _issue(client, kiosk, "elderly").status_code == 403


def test_ticker_is_saved_and_shown_escaped_on_the_board(app, client, api_world, clock):
    db = _admin(app, client, clock)
    ticker = "Chiều thứ Sáu <b>nghỉ</b> họp & học tập"
    form = {**FORM, **RANKS, "display_ticker": ticker}
    assert "Đã lưu." in post(client, SETTINGS, form).get_data(as_text=True)
    assert _office(db)[1]["display_ticker"] == ticker
    assert _audits(db)[-1][1] == {"display_ticker": ticker}  # only what changed
    client.set_cookie("motcua_device", api_world.display_token)
    html = client.get("/o/demo/display").get_data(as_text=True)
    assert "Chiều thứ Sáu &lt;b&gt;nghỉ&lt;/b&gt; họp &amp; học tập" in html
    assert "<b>nghỉ" not in html
    config = client.get("/o/demo/display/config.json").get_json()
    assert config["ticker"] == ticker
    post(client, SETTINGS, {**FORM, **RANKS})
    assert client.get("/o/demo/display/config.json").get_json()["ticker"] == ""
    assert _audits(db)[-1] == ("settings.changed", {"display_ticker": ""})


def test_a_city_address_on_the_servers_own_networks_is_refused_at_save(
    app, client, api_world, clock
):
    """The city's report address: Redis on the server, the cloud's metadata address
    and the LAN are refused when saved, unless the operator allows private ones."""
    db = _admin(app, client, clock)
    app.config["OUTBOUND_PRIVATE"] = False
    before, audits = _office(db), len(_audits(db))
    for url in (
        "http://127.0.0.1:6379/",
        "http://169.254.169.254/latest/meta-data",
        "http://10.0.0.5/bao-cao",
    ):
        page = post(client, SETTINGS, {**FORM, **RANKS, "report_push_url": url})
        text = page.get_data(as_text=True)
        assert page.status_code == 400, url
        assert "Địa chỉ gửi báo cáo thuộc mạng riêng của máy chủ" in text
        assert "Chưa lưu gì." in text and "Đã lưu." not in text
        assert _office(db) == before
    assert len(_audits(db)) == audits
    app.config["OUTBOUND_PRIVATE"] = True  # the city's server is on the ward's LAN
    page = post(
        client,
        SETTINGS,
        {**FORM, **RANKS, "report_push_url": "http://10.0.0.5/bao-cao"},
    )
    assert "Đã lưu." in page.get_data(as_text=True)
    assert _office(db)[1]["report_push_url"] == "http://10.0.0.5/bao-cao"
