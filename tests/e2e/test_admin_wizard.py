"""In Chromium: the setup wizard from an empty database to a ticket issued, called
and shown on the board, without the command line."""

from __future__ import annotations

import os

from tests.e2e.conftest import ARTIFACTS, free_port, start_server

WAIT = 10_000


def _create_device(admin, kind: str, name: str) -> str:
    form = admin.locator("form", has_text="Tạo thiết bị mới")
    form.get_by_label("Loại thiết bị").select_option(kind)
    form.get_by_label("Tên").fill(name)
    form.get_by_role("button", name="Tạo thiết bị").click()
    return admin.locator("#device-link").input_value()


def test_wizard_from_empty_database_to_a_called_ticket(db_url, tmp_path, browser):
    env = {
        **os.environ,
        "MOTCUA_DATABASE_URL": db_url,
        "MOTCUA_INSTANCE_PATH": str(tmp_path / "instance"),
        "MOTCUA_RATELIMIT_ENABLED": "false",
    }
    server = start_server(env, free_port(), tmp_path / "server.log")
    try:
        _walk_through(server.url, browser)
    finally:
        server.stop()


def _walk_through(url: str, browser) -> None:  # type: ignore[no-untyped-def]
    admin = browser.new_context(locale="vi-VN").new_page()
    admin.goto(url + "/admin")
    admin.get_by_role("heading", name="Chào mừng! Cài đặt hệ thống xếp hàng").wait_for()
    admin.get_by_label("Tên đơn vị").fill("Trung tâm phường Hòa Bình")
    admin.get_by_label("Mã đơn vị").fill("hoa-binh")
    admin.get_by_label("Tên đăng nhập").fill("quantri")
    admin.get_by_label("Mật khẩu (ít nhất 8 ký tự)").fill("matkhau123")
    admin.get_by_label("Nhập lại mật khẩu").fill("matkhau123")
    admin.get_by_role("button", name="Tạo đơn vị và tiếp tục").click()
    admin.get_by_role("button", name="Lưu lĩnh vực và tiếp tục").click()
    admin.get_by_role("button", name="Lưu quầy và tiếp tục").click()
    admin.get_by_label("Tên đăng nhập 1").fill("canbo1")
    admin.get_by_label("Mật khẩu 1").fill("matkhau123")
    admin.get_by_role("button", name="Lưu cán bộ và tiếp tục").click()
    admin.get_by_role("heading", name="Địa chỉ truy cập của hệ thống").wait_for()
    admin.get_by_label("Hoặc gõ địa chỉ khác").fill(url)
    admin.get_by_role("button", name="Lưu và tiếp tục").click()
    admin.get_by_role("heading", name="Thiết bị: ki-ốt").wait_for()
    kiosk_link = _create_device(admin, "kiosk", "Ki-ốt sảnh")
    display_link = _create_device(admin, "display", "TV phòng chờ")
    assert "/o/hoa-binh/kiosk?device_token=" in kiosk_link

    board = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    board.goto(display_link)
    board.locator("#counter-1").wait_for(timeout=WAIT)
    kiosk = browser.new_context(locale="vi-VN").new_page()
    kiosk.goto(kiosk_link)
    kiosk.get_by_role("button", name="Chứng thực").click()
    kiosk.locator("#ticket-number").wait_for(state="visible", timeout=WAIT)
    assert kiosk.locator("#ticket-number").inner_text() == "1001"

    console = browser.new_context(locale="vi-VN").new_page()
    console.goto(url + "/o/hoa-binh/counter")
    console.get_by_label("Tên đăng nhập").fill("canbo1")
    console.get_by_label("Mật khẩu").fill("matkhau123")
    console.get_by_role("button", name="Đăng nhập").click()
    console.get_by_role("button", name="Quầy 1").click()
    console.get_by_role("button", name="Gọi số tiếp theo N").click()
    console.locator("#current", has_text="1001").wait_for(timeout=WAIT)
    board.locator("#counter-1", has_text="1001").wait_for(timeout=WAIT)

    # The wizard's own test: a test number called at counter 2 reaches the board.
    admin.get_by_role("button", name="Cấp số thử").click()
    admin.locator("#test-result", has_text="Đã cấp số thử").wait_for()
    shown = admin.locator("#test-result").inner_text()
    number = shown.split("số thử ")[1].split(".")[0]
    call = admin.locator("form", has_text="Gọi thử")
    call.locator("select[name=counter]").select_option("2")
    admin.get_by_role("button", name="Gọi thử (màn hình đọc thông báo)").click()
    admin.locator("#test-result", has_text="Đã gọi số thử").wait_for()
    board.locator("#counter-2", has_text=number).wait_for(timeout=WAIT)
    ARTIFACTS.mkdir(exist_ok=True)
    board.screenshot(path=str(ARTIFACTS / "admin-wizard-board.png"))
    admin.get_by_role("link", name="Hoàn tất cài đặt").click()
    admin.get_by_role("heading", name="Trung tâm phường Hòa Bình").wait_for()
    admin.screenshot(path=str(ARTIFACTS / "admin-office.png"), full_page=True)
