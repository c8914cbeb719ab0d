"""Every office setting the code reads is on the settings page, labelled, explained and
checked: a bad value gets a Vietnamese 400 and changes nothing."""

from __future__ import annotations

import base64
import io
import json
from html.parser import HTMLParser

import pytest

from motcua.core.help import pin_enabled
from motcua.core.lookup import office_by_slug
from motcua.core.office_admin import RANGES
from motcua.core.settings import DEFAULTS
from motcua.services import app_services
from tests.admin.pages import audit_rows, csrf, sign_in_admin

SETTINGS = "/admin/o/demo/settings"
FORM = {
    "name": "Phường demo",
    "hours_mon_fri": "07:30-11:30,13:30-17:00",
    "hours_sat": "07:30-11:30",
    "priority_policy": "strict",
    "announcement_template": "Mời công dân có số thứ tự {number} đến quầy số {counter}",
    "number_reading": "north",
    "report_time": "15:30",
    **{f"rank_{c}": "1" for c in DEFAULTS["priority_classes"]},
}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class SettingBlocks(HTMLParser):
    """The text, labels and help lines inside each element marked data-setting."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: dict[str, dict[str, list[str]]] = {}
        self.open: list[tuple[str, str | None]] = []  # (tag, setting it starts)
        self.help_depth: int | None = None

    def _current(self) -> list[str]:
        return [name for _, name in self.open if name]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        name = found.get("data-setting")
        if name:
            self.blocks[name] = {"text": [], "help": [], "controls": []}
        if tag in ("input", "select", "a", "label"):
            for inside in self._current():
                self.blocks[inside]["controls"].append(tag)
        if tag == "input":
            return  # a void element: no end tag
        if "help" in (found.get("class") or "").split():
            self.help_depth = len(self.open)
        self.open.append((tag, name))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            last, _ = self.open.pop()
            if self.help_depth is not None and len(self.open) <= self.help_depth:
                self.help_depth = None
            if last == tag:
                break

    def handle_data(self, data: str) -> None:
        for inside in self._current():
            self.blocks[inside]["text"].append(data)
            if self.help_depth is not None:
                self.blocks[inside]["help"].append(data)


def _blocks(page: str) -> dict[str, dict[str, str]]:
    parser = SettingBlocks()
    parser.feed(page)
    return {
        name: {
            "text": " ".join("".join(b["text"]).split()),
            "help": " ".join("".join(b["help"]).split()),
            "controls": " ".join(b["controls"]),
        }
        for name, b in parser.blocks.items()
    }


def _settings(app) -> dict:  # type: ignore[no-untyped-def,type-arg]
    with app_services(app).db.sessions() as session:
        return dict(office_by_slug(session, "demo").settings or {})


def _post(client, data: dict, files: dict | None = None):  # type: ignore[no-untyped-def,type-arg]
    body = {**FORM, **data, "csrf_token": csrf(client, SETTINGS), **(files or {})}
    return client.post(SETTINGS, data=body, content_type="multipart/form-data")


def test_every_setting_the_core_reads_is_on_the_page_with_label_and_help(
    app, client, api_world, clock
):
    sign_in_admin(app, clock, client)
    page = client.get(SETTINGS).get_data(as_text=True)
    blocks = _blocks(page)
    missing = sorted(set(DEFAULTS) - set(blocks))
    assert missing == [], f"settings missing from the page: {missing}"
    for name in DEFAULTS:
        block = blocks[name]
        assert block["help"], f"{name} has no help line"
        assert "label" in block["controls"] or "a" in block["controls"], name
        label = block["text"].replace(block["help"], "").strip()
        assert len(label) >= 5, f"{name} has no label: {block}"
    for name, (low, high) in RANGES.items():
        unit = 60 if name in ("no_show_grace_s", "counter_idle_s") else 1
        shown = f"Từ {low // unit} đến {high // unit}."
        assert shown in blocks[name]["help"], (name, blocks[name]["help"])


FIELD = {"no_show_grace_s": "no_show_grace_min", "counter_idle_s": "counter_idle_min"}


@pytest.mark.parametrize("name", sorted(RANGES))
def test_a_number_out_of_range_is_refused_in_vietnamese_and_changes_nothing(
    app, client, api_world, clock, name
):
    sign_in_admin(app, clock, client)
    before, audits = _settings(app), len(audit_rows(app_services(app).db))
    unit = 60 if name in FIELD else 1
    low, high = RANGES[name]
    for bad in (str(high // unit + 1), str(low // unit - 1), "mười"):
        answer = _post(client, {FIELD.get(name, name): bad, "display_ticker": "Mới"})
        text = answer.get_data(as_text=True)
        assert answer.status_code == 400, (name, bad)
        assert "Mục “" in text and ("cần số từ" in text or "cần một số" in text)
        assert "Đã lưu." not in text
    assert _settings(app) == before
    assert len(audit_rows(app_services(app).db)) == audits
    good = high // unit if name != "kiosk_warn_s" else low
    answer = _post(client, {FIELD.get(name, name): str(good)})
    assert answer.status_code == 200 and "Đã lưu." in answer.get_data(as_text=True)
    assert _settings(app)[name] == good * unit


def test_kiosk_times_reach_the_kiosk_and_must_fit_together(
    app, client, api_world, clock
):
    sign_in_admin(app, clock, client)
    before = _settings(app)
    refused = _post(client, {"kiosk_read_idle_s": "40", "kiosk_warn_s": "45"})
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "phải ngắn hơn thời gian chờ ở màn hình đọc (40 giây)" in text
    assert _settings(app) == before
    saved = _post(
        client,
        {"kiosk_read_idle_s": "90", "kiosk_warn_s": "20", "kiosk_idle_s": "30"},
    )
    assert saved.status_code == 200
    client.set_cookie("motcua_device", api_world.kiosk_token)
    kiosk = client.get("/o/demo/kiosk").get_data(as_text=True)
    for key, value in (("read_idle_s", 90), ("warn_s", 20), ("idle_s", 30)):
        assert f'"{key}": {value}' in kiosk, key
    # A form without these boxes keeps them.
    _post(client, {})
    assert _settings(app)["kiosk_read_idle_s"] == 90


def test_helper_pin_is_set_and_removed_from_the_page_and_never_logged(
    app, client, api_world, clock
):
    db = sign_in_admin(app, clock, client)
    bad = _post(client, {"kiosk_priority_pin": "12"})
    assert bad.status_code == 400
    assert "Mã PIN cần 4 đến 12 chữ số." in bad.get_data(as_text=True)
    assert "kiosk_priority_pin" not in _settings(app)
    assert _post(client, {"kiosk_priority_pin": "482913"}).status_code == 200
    with db.sessions() as session:
        assert pin_enabled(office_by_slug(session, "demo"))
    assert "(đang dùng)" in client.get(SETTINGS).get_data(as_text=True)
    assert _post(client, {"kiosk_priority_pin_off": "on"}).status_code == 200
    with db.sessions() as session:
        assert not pin_enabled(office_by_slug(session, "demo"))
    logged = json.dumps([row.data for row in audit_rows(db)], ensure_ascii=False)
    assert "482913" not in logged and "$" not in logged
    assert '"kiosk_priority_pin": "set"' in logged
    assert '"kiosk_priority_pin": null' in logged


def test_ticket_footer_logo_and_id_card_reading_are_saved(
    app, client, api_world, clock
):
    db = sign_in_admin(app, clock, client)
    not_png = {"ticket_logo": (io.BytesIO(b"GIF89a" + b"\x00" * 20), "logo.gif")}
    refused = _post(client, {"ticket_footer": "Đường dây nóng 1022"}, not_png)
    assert refused.status_code == 400
    assert "Logo cần là tệp PNG" in refused.get_data(as_text=True)
    assert "ticket_footer" not in _settings(app)
    logo = {"ticket_logo": (io.BytesIO(PNG), "logo.png")}
    footer = {"ticket_footer": "Đường dây nóng 1022", "kiosk_cccd": "on"}
    saved = _post(client, footer, logo)
    assert saved.status_code == 200
    settings = _settings(app)
    assert settings["ticket_footer"] == "Đường dây nóng 1022"
    assert base64.b64decode(settings["ticket_logo"]) == PNG
    assert settings["kiosk_cccd"] is True
    assert len(json.dumps([row.data for row in audit_rows(db)])) < 5000
    _post(client, {"ticket_footer": "Đường dây nóng 1022"})  # no file: logo kept
    assert _settings(app)["ticket_logo"] == settings["ticket_logo"]
    long_footer = _post(client, {"ticket_footer": "x" * 200})
    assert long_footer.status_code == 400
    assert "“Dòng cuối phiếu” không hợp lệ" in long_footer.get_data(as_text=True)
    _post(client, {"ticket_logo_remove": "on"})
    assert _settings(app)["ticket_logo"] is None
