"""A clerk's first day, in Chromium: an empty install, the wizard with the public
address, every kind of device paired by the code it shows (each in its own browser),
a sample ticket printed to a network printer whose QR holds the chosen address, and
a test call on the paired TV."""

from __future__ import annotations

import os
import re
import threading

import zxingcpp

from printer.pairing import pair
from tests.e2e.conftest import ARTIFACTS, LOOPBACK_PRINTERS, free_port, start_server
from tests.printer.printer_wire import FakePrinter, decode_escpos

WAIT = 15_000


def test_a_clerk_sets_up_a_ward(db_url, tmp_path, browser):
    env = {
        **os.environ,
        **LOOPBACK_PRINTERS,
        "MOTCUA_DATABASE_URL": db_url,
        "MOTCUA_INSTANCE_PATH": str(tmp_path / "instance"),
        "MOTCUA_RATELIMIT_ENABLED": "false",
    }
    env.pop("MOTCUA_PUBLIC_URL", None)
    server = start_server(env, free_port(), tmp_path / "server.log")
    try:
        with FakePrinter() as printer:
            _first_day(server.url, browser, printer)
    finally:
        server.stop()


def _wizard(admin, url: str) -> str:
    admin.goto(url + "/admin")
    admin.get_by_role("heading", name="Chào mừng! Cài đặt hệ thống xếp hàng").wait_for()
    admin.get_by_label("Tên đơn vị").fill("Phường Hòa Bình")
    assert admin.get_by_label(re.compile("Mã đơn vị")).input_value() == "hoa-binh"
    admin.get_by_label("Tên đăng nhập").fill("quantri")
    admin.get_by_label("Mật khẩu (ít nhất 8 ký tự)").fill("matkhau123")
    admin.get_by_label("Nhập lại mật khẩu").fill("matkhau123")
    admin.get_by_role("button", name="Tạo đơn vị và tiếp tục").click()
    admin.get_by_role("button", name="Lưu lĩnh vực và tiếp tục").click()
    admin.get_by_role("button", name="Lưu quầy và tiếp tục").click()
    admin.get_by_role("button", name="Lưu cán bộ và tiếp tục").click()
    # The public address: the server's LAN addresses are offered; the one this
    # browser reaches is checked, then a LAN address is chosen for phones.
    admin.get_by_role("heading", name="Địa chỉ truy cập của hệ thống").wait_for()
    assert admin.locator("#address-warning").count() == 1  # opened as 127.0.0.1
    admin.get_by_label("Hoặc gõ địa chỉ khác").fill(url)
    admin.locator("button.check[data-from=custom]").click()
    admin.locator(".check-ok", has_text="Mở được từ máy này").wait_for(timeout=WAIT)
    chosen = "http://10.20.30.40:8000"
    admin.get_by_label("Hoặc gõ địa chỉ khác").fill(chosen)
    admin.get_by_role("button", name="Lưu và tiếp tục").click()
    admin.get_by_role("heading", name="Thiết bị: ki-ốt").wait_for()
    assert admin.locator("#pair-url").inner_text() == chosen + "/pair"
    assert admin.locator(".pair-qr svg").count() == 1
    assert admin.locator("#address-warning").count() == 0
    return chosen


def _pair(admin, browser, url: str, kind: str, name: str, counter=None):
    device = browser.new_context(locale="vi-VN").new_page()
    device.goto(url + "/pair")
    code = device.locator("#pair-code").inner_text().replace("\xa0", "")
    _type_code(admin, code, kind, name, counter)
    return device


def _type_code(admin, code: str, kind: str, name: str, counter=None) -> None:
    form = admin.locator("form", has_text="Ghép nối bằng mã trên màn hình")
    form.get_by_label("Mã trên màn hình").fill(code)
    form.get_by_label("Loại thiết bị").select_option(kind)
    form.get_by_label("Tên").fill(name)
    if counter:
        form.get_by_label("Quầy (cho thiết bị đánh giá)").select_option(str(counter))
    form.get_by_role("button", name="Ghép nối").click()
    admin.locator("#test-result", has_text=f"Đã ghép nối “{name}”").wait_for()


def _pair_agent(admin, url: str) -> str:
    said: list[str] = []
    shown = threading.Event()
    token: list[str] = []

    def say(line: str) -> None:
        said.append(line)
        shown.set()

    agent = threading.Thread(target=lambda: token.append(pair(url, say)), daemon=True)
    agent.start()
    assert shown.wait(10)
    code = re.search(r"Mã ghép nối: (\d{3}) (\d{3})", said[0])
    _type_code(admin, code.group(1) + code.group(2), "printer", "Chương trình in")
    agent.join(15)
    assert token and len(token[0]) > 20
    return token[0]


def _first_day(url: str, browser, printer: FakePrinter) -> None:
    admin = browser.new_context(locale="vi-VN").new_page()
    chosen = _wizard(admin, url)
    tv = _pair(admin, browser, url, "display", "TV phòng chờ")
    tv.wait_for_url(re.compile(r".*/o/hoa-binh/display$"), timeout=WAIT)
    kiosk = _pair(admin, browser, url, "kiosk", "Ki-ốt sảnh")
    kiosk.wait_for_url(re.compile(r".*/o/hoa-binh/kiosk$"), timeout=WAIT)
    tablet = _pair(admin, browser, url, "rating", "Đánh giá quầy 1", counter=1)
    tablet.wait_for_url(re.compile(r".*/o/hoa-binh/rating/1$"), timeout=WAIT)
    _pair_agent(admin, url)
    tv.locator("#counter-1").wait_for(timeout=WAIT)

    # The kiosk's network printer: only the network fields are shown.
    section = admin.locator("section.kiosk-printer", has_text="Ki-ốt sảnh")
    section.get_by_label("Loại máy in").select_option("network")
    assert not section.get_by_label("Mã hãng USB").is_visible()
    section.get_by_label("Địa chỉ IP").fill("127.0.0.1")
    section.get_by_label("Cổng", exact=True).fill(str(printer.port))
    section.get_by_role("button", name="Lưu máy in của Ki-ốt sảnh").click()
    admin.locator("#test-result", has_text="Đã lưu máy in").wait_for()

    admin.get_by_role("button", name="In thử").click()
    [job] = printer.wait_for_jobs(1, timeout=20)
    [code] = zxingcpp.read_barcodes(decode_escpos(job, 576).image.convert("L"))
    assert code.text.startswith(chosen + "/t/")

    admin.get_by_role("button", name="Cấp số thử").click()
    admin.locator("#test-result", has_text="Đã cấp số thử").wait_for()
    number = admin.locator("#test-result").inner_text().split("số thử ")[1][:4]
    admin.get_by_role("button", name="Gọi thử (màn hình đọc thông báo)").click()
    tv.locator("#counter-1", has_text=number).wait_for(timeout=WAIT)
    ARTIFACTS.mkdir(exist_ok=True)
    admin.screenshot(path=str(ARTIFACTS / "clerk-devices.png"), full_page=True)
    tv.screenshot(path=str(ARTIFACTS / "clerk-tv.png"))
