"""An office set to English gets its staff and lobby pages all in English: the
counter console, the rating terminal, the lobby board and the bookings page carry no
Vietnamese of their own (the office's and counters' names are its data)."""

from __future__ import annotations

import re

import pytest

from motcua.core.clock import FixedClock
from motcua.core.lookup import office_by_slug
from motcua.core.setup import add_device
from motcua.services import app_services
from motcua.web import DEVICE_COOKIE
from tests.test_words import VIETNAMESE


def _visible_text(html: str) -> str:
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    attributes = " ".join(
        re.findall(r'(?:aria-label|placeholder|value|data-all-fields)="([^"]*)"', body)
    )
    return re.sub(r"<[^>]+>", " ", body) + " " + attributes


def _set_language(app, lang: str) -> None:  # type: ignore[no-untyped-def]
    with app_services(app).db.transaction() as session:
        office = office_by_slug(session, "demo")
        office.settings = {**(office.settings or {}), "language": lang}


def _rating_token(app, clock: FixedClock, world) -> str:  # type: ignore[no-untyped-def]
    with app_services(app).db.transaction() as session:
        office = office_by_slug(session, "demo")
        _, token = add_device(session, clock, office, "rating", "r1", world.counters[1])
    return token


@pytest.fixture
def pages(app, client, clock, api_world):  # type: ignore[no-untyped-def]
    """Each page's path with the device cookie it needs (if any)."""
    return {
        "/o/demo/counter": None,
        "/o/demo/bookings": None,
        "/o/demo/display": api_world.display_token,
        "/o/demo/rating/1": _rating_token(app, clock, api_world),
    }


def _get(client, path: str, token: str | None) -> str:  # type: ignore[no-untyped-def]
    if token:
        client.set_cookie(DEVICE_COOKIE, token)
    else:
        client.delete_cookie(DEVICE_COOKIE)
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.get_data(as_text=True)


def test_an_english_office_s_pages_hold_no_vietnamese(app, client, pages, api_world):  # type: ignore[no-untyped-def]
    _set_language(app, "en")
    data = [api_world.office.name, *(c.name for c in api_world.counters.values())]
    for path, token in pages.items():
        html = _get(client, path, token)
        assert '<html lang="en">' in html, path
        text = _visible_text(html)
        for name in data:
            text = text.replace(name, "")
        assert not VIETNAMESE.search(text), (path, VIETNAMESE.findall(text)[:10])


def test_a_vietnamese_office_s_pages_read_vietnamese(app, client, pages):  # type: ignore[no-untyped-def]
    expected = {
        "/o/demo/counter": ["Gọi số tiếp theo", "Đã có kết quả, mời đến nhận"],
        "/o/demo/bookings": ["Lịch hẹn và số lấy từ xa hôm nay"],
        "/o/demo/display": ["Đang phục vụ", "Mọi lĩnh vực"],
        "/o/demo/rating/1": ["Rất hài lòng", "Thái độ chưa tốt"],
    }
    for path, token in pages.items():
        html = _get(client, path, token)
        assert '<html lang="vi">' in html, path
        for words in expected[path]:
            assert words in html, (path, words)


def test_the_dossier_status_choices_come_from_the_table(app, client, api_world):  # type: ignore[no-untyped-def]
    from motcua.i18n import words

    _set_language(app, "en")
    html = client.get("/o/demo/counter").get_data(as_text=True)
    select = re.search(r'<select name="status">(.*?)</select>', html, re.S)
    assert select is not None
    options = dict(
        re.findall(r'<option value="(\w*)">([^<]*)</option>', select.group(1))
    )
    statuses = words("dossier_status", "en")
    for status in (
        "received",
        "processing",
        "supplement",
        "ready",
        "returned",
        "rejected",
    ):
        assert options[status] == statuses[status]
    assert options[""] == f"Keep as it is (a new dossier: {statuses['received']})"
