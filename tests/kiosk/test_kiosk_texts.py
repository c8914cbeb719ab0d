"""The office's greeting and personal data notice on the kiosk, set by an admin."""

from __future__ import annotations

from motcua.core.lookup import office_by_slug
from motcua.services import app_services
from tests.admin.pages import add_person, post, sign_in

WELCOME = "Chào mừng đến <b>Bộ phận một cửa</b> & phường"
NOTICE = "Dữ liệu cá nhân chỉ dùng để cấp số <script>alert(1)</script>"


def _save_texts(app, client, clock, welcome: str, notice: str) -> None:  # type: ignore[no-untyped-def]
    add_person(app_services(app).db, clock, "qt-demo", "demo", "admin")
    sign_in(client, "qt-demo")
    form = {
        "name": "Phường demo",
        "hours_mon_fri": "07:30-11:30,13:30-17:00",
        "hours_sat": "07:30-11:30",
        "report_time": "15:30",
        "priority_policy": "strict",
        "number_reading": "north",
        "announcement_template": "Mời số {number} đến quầy {counter}",
        "kiosk_welcome": welcome,
        "kiosk_notice": notice,
    }
    page = post(client, "/admin/o/demo/settings", form).get_data(as_text=True)
    assert "Đã lưu." in page


def _kiosk_page(client, world, **args) -> str:  # type: ignore[no-untyped-def]
    client.set_cookie("motcua_device", world.kiosk_token)
    response = client.get("/o/demo/kiosk", query_string=args)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_welcome_and_notice_are_shown_escaped(app, client, api_world, clock):
    _save_texts(app, client, clock, WELCOME, NOTICE)
    html = _kiosk_page(client, api_world)
    start = html.split('id="start"', 1)[1].split("</section>", 1)[0]
    assert (
        '<p id="welcome" class="welcome" lang="vi">Chào mừng đến &lt;b&gt;Bộ phận '
        "một cửa&lt;/b&gt; &amp; phường</p>"
    ) in start
    escaped_notice = (
        "Dữ liệu cá nhân chỉ dùng để cấp số &lt;script&gt;alert(1)&lt;/script&gt;"
    )
    assert escaped_notice in start
    assert "<b>Bộ phận" not in html and "<script>alert(1)" not in html
    # The English page keeps the office's own (Vietnamese) words.
    assert escaped_notice in _kiosk_page(client, api_world, lang="en")


def test_notice_is_repeated_where_the_id_card_is_read(app, client, api_world, clock):
    _save_texts(app, client, clock, "", NOTICE)
    with app_services(app).db.transaction() as session:
        office = office_by_slug(session, "demo")
        office.settings = {**(office.settings or {}), "kiosk_cccd": True}
    html = _kiosk_page(client, api_world)
    consent = html.split('id="consent"', 1)[1].split("</section>", 1)[0]
    assert "chỉ dùng để cấp số &lt;script&gt;" in consent
    assert 'id="welcome"' not in html  # no empty greeting


def test_no_texts_no_boxes(client, api_world):
    html = _kiosk_page(client, api_world)
    assert 'id="welcome"' not in html and 'class="privacy"' not in html


def test_keyboard_keys_are_labelled_in_words(client, api_world):
    html = _kiosk_page(client, api_world)
    assert "built-in method" not in html and "<bound method" not in html
    assert (
        '<button type="button" class="key wide" data-key="clear">Xoá hết</button>'
        in html
    )
    assert 'data-key=" ">Dấu cách</button>' in html
    assert 'data-key="back">Xoá</button>' in html
    english = _kiosk_page(client, api_world, lang="en")
    assert 'data-key="clear">Clear all</button>' in english
    for word in ("Trang đầu", "Quay lại", "Cần hỗ trợ", "Hỏi trợ lý", "Ưu tiên: người"):
        assert word in html
