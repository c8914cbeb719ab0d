"""Staff pages speak the office's language, whatever the browser's: ward PCs often
run an English browser. The public REST API still follows Accept-Language."""

from __future__ import annotations

import re

import pytest

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from motcua.core.lookup import office_by_slug
from motcua.core.setup import add_user
from tests.test_words import VIETNAMESE

WAIT = 15_000


@pytest.fixture
def english(browser):
    context = browser.new_context(
        locale="en-US", viewport={"width": 1280, "height": 800}
    )
    yield context.new_page()
    context.close()


def test_console_speaks_vietnamese_in_an_english_browser(live, english):
    server, _, _ = live
    english.goto(server.url + "/o/demo/counter")
    assert english.evaluate("navigator.language") == "en-US"
    assert english.locator("html").get_attribute("lang") == "vi"
    english.get_by_label("Tên đăng nhập").fill("demo-staff")
    english.get_by_label("Mật khẩu").fill("sai-mat-khau")
    english.get_by_role("button", name="Đăng nhập").click()
    alert = english.locator("#signin-message")
    alert.wait_for(timeout=WAIT)
    english.wait_for_function(
        "document.getElementById('signin-message').textContent.length > 0"
    )
    assert alert.text_content() == "Sai tên đăng nhập hoặc mật khẩu."
    # The public API keeps following the client's language.
    answer = english.request.post(
        server.url + "/api/v1/auth/token",
        data={"username": "demo-staff", "password": "x"},
        headers={"Accept-Language": "en-US"},
    )
    assert answer.json()["error"]["message"] == "Wrong username or password."


def _choose_english(server) -> None:  # type: ignore[no-untyped-def]
    """The demo office chooses English in its settings."""
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    with database.transaction() as session:
        office = office_by_slug(session, "demo")
        office.settings = {**office.settings, "language": "en"}
    database.dispose()


def test_an_office_that_chose_english_gets_english(live, english):
    server, _, _ = live
    _choose_english(server)
    english.goto(server.url + "/o/demo/counter")
    assert english.locator("html").get_attribute("lang") == "en"


def test_admin_file_fields_and_dates_read_vietnamese(live, english):
    server, _, _ = live
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    with database.transaction() as session:
        office = office_by_slug(session, "demo")
        add_user(
            session, SystemClock(), "qt", "matkhau123", office=office, role="admin"
        )
    database.dispose()
    english.goto(server.url + "/admin/login")
    english.get_by_label("Tên đăng nhập").fill("qt")
    english.get_by_label("Mật khẩu").fill("matkhau123")
    english.get_by_role("button", name="Đăng nhập").click()
    english.wait_for_url(re.compile(r".*/admin/o/demo$"))
    english.goto(server.url + "/admin/o/demo/dossiers")
    field = english.locator(".file-field")
    assert "Chọn tệp…" in field.inner_text() and "Choose" not in field.inner_text()
    english.locator("input[type=file]").set_input_files(
        files=[{"name": "ho-so.csv", "mimeType": "text/csv", "buffer": b"code\n"}]
    )
    assert english.locator(".file-name").inner_text() == "ho-so.csv"
    assert english.locator("input[type=date]").count() == 0
    english.goto(server.url + "/admin/o/demo/reports")
    value = english.get_by_label("Từ ngày").input_value()
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", value), value


# Everything the console shows: its text, hidden parts included, and the words of
# its attributes and form choices.
SHOWN = """() => {
  const parts = [document.title, document.body.textContent];
  for (const el of document.querySelectorAll("[aria-label], [placeholder], option")) {
    for (const name of ["aria-label", "placeholder", "value"]) {
      parts.push(el.getAttribute(name) || "");
    }
    parts.push(el.textContent);
  }
  return parts.join("\\n");
}"""


def test_an_english_office_s_console_shows_no_vietnamese(live, english):
    server, ours, _ = live
    _choose_english(server)
    # The office's data (its name and counters as the ward named them) is not the
    # console's words; its fields have English names, which the console shows.
    data = [ours.office.name, *(c.name for c in ours.counters.values())]
    english.goto(server.url + "/o/demo/counter")
    english.get_by_label("Username").fill("demo-staff")
    english.get_by_label("Password").fill("matkhau123")
    english.get_by_role("button", name="Sign in").click()
    english.locator("#pick-counters button").first.click()
    english.get_by_role("button", name="Call next number N").wait_for(timeout=WAIT)
    english.locator("#counter-state", has_text="Open").wait_for(timeout=WAIT)
    shown = english.evaluate(SHOWN)
    assert "Result ready to collect" in shown and "Nobody is waiting." in shown
    for name in data:
        shown = shown.replace(name, "")
    lines = [line.strip() for line in shown.splitlines() if VIETNAMESE.search(line)]
    assert not lines, lines
