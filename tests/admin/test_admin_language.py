"""The admin pages speak the office's language, whatever the browser's: an office
set to English gets its pages all in English, an office in Vietnamese none of the
table's English; the sign-in and the pages of no office are Vietnamese. The office's
own names (its fields, counters and devices) are its data, in whatever it wrote."""

from __future__ import annotations

import re
import string

from motcua.core.lookup import office_by_slug
from motcua.demo import WARD_SERVICES
from motcua.i18n import MESSAGES
from tests.admin.pages import add_person, post, sign_in, sign_in_admin
from tests.test_words import VIETNAMESE

ENGLISH_BROWSER = {"Accept-Language": "en-US,en;q=0.9"}
# The groups of the pages checked here, and the words they share.
GROUPS = (
    "admin_shared", "admin_base", "admin_controls", "admin_login", "admin_home",
    "admin_forbidden", "admin_office", "admin_counters", "admin_staff", "admin_fields",
    "admin_devices", "admin_setup_account", "admin_setup_fields",
    "admin_setup_counters", "admin_setup_staff",
)  # fmt: skip
PAGES = (
    "/admin/o/demo",
    "/admin/o/demo/counters?saved=1",
    "/admin/o/demo/staff",
    "/admin/o/demo/fields",
    "/admin/o/demo/devices",
    "/admin/o/demo/devices?wizard=1",
    "/admin/o/demo/setup/fields",
    "/admin/o/demo/setup/counters",
    "/admin/o/demo/setup/staff",
)


def _visible_text(html: str) -> str:
    """What a person reads or hears: the text, and the attributes that are said."""
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    said = r'(?:aria-label|placeholder|value|title|onclick|onsubmit)="([^"]*)"'
    return re.sub(r"<[^>]+>", " ", body) + " " + " ".join(re.findall(said, body))


def _set_language(db, lang: str) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        office.settings = {**(office.settings or {}), "language": lang}


def _office_data(world) -> list[str]:  # type: ignore[no-untyped-def]
    """The office's own names, longest first, and the ward's usual fields."""
    names = [world.office.name, "k1", "d1"]
    names += [c.name for c in world.counters.values()]
    names += [s.name_vi for s in world.services.values()]
    names += [spec.name_vi for spec in WARD_SERVICES]
    return sorted(names, key=len, reverse=True)


def _without(text: str, data: list[str]) -> str:
    for name in data:
        text = text.replace(name, " ")
    return text


def _pages(client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each page, plus the ones only a form's answer shows."""
    pages = {path: client.get(path, headers=ENGLISH_BROWSER) for path in PAGES}
    pages["device created"] = post(
        client,
        "/admin/o/demo/devices",
        {"kind": "rating", "counter": "1", "name": ""},
        "/admin/o/demo/devices",
    )
    pages["test ticket"] = post(
        client,
        "/admin/o/demo/devices/test/ticket",
        {"service": "CT"},
        "/admin/o/demo/devices",
    )
    pages["a bad staff row"] = post(
        client,
        "/admin/o/demo/setup/staff",
        {"username_0": "x", "password_0": "matkhau123", "role_0": "staff"},
    )
    for name, response in pages.items():
        assert response.status_code == 200, (name, response.status_code)
    return {name: r.get_data(as_text=True) for name, r in pages.items()}


def test_an_english_office_s_pages_hold_no_vietnamese(app, client, api_world, clock):  # type: ignore[no-untyped-def]
    db = sign_in_admin(app, clock, client)
    _set_language(db, "en")
    pages = _pages(client)
    data = _office_data(api_world)
    for name, html in pages.items():
        assert '<html lang="en">' in html, name
        text = _without(_visible_text(html), data)
        assert not VIETNAMESE.search(text), (name, VIETNAMESE.findall(text)[:10])
    assert "Counters now" in pages["/admin/o/demo"]
    assert "Rating tablet 1" in pages["device created"]  # its name, in English too
    assert "Test number" in pages["test ticket"]
    assert "Row 1: Usernames use letters" in pages["a bad staff row"]


def _english_of_the_table() -> list[str]:
    """The English of the pages' words that Vietnamese never reads the same: each
    piece between placeholders long enough not to be a name or a number."""
    pieces = []
    for key, (vi, en) in MESSAGES.items():
        if key.split(".")[0] in GROUPS and vi != en:
            for literal, *_ in string.Formatter().parse(en):
                pieces += [p for p in [literal.strip(" .,:;()")] if len(p) >= 8]
    return pieces


def test_a_vietnamese_office_s_pages_hold_none_of_the_table_s_english(  # type: ignore[no-untyped-def]
    app, client, api_world, clock
):
    sign_in_admin(app, clock, client)
    english = _english_of_the_table()
    assert "Counters now" in english and len(english) > 150
    pages = _pages(client)
    for name, html in pages.items():
        assert '<html lang="vi">' in html, name
        text = _visible_text(html)
        found = [piece for piece in english if piece in text]
        assert not found, (name, found)
    assert "Quầy lúc này" in pages["/admin/o/demo"]
    assert "Thiết bị đánh giá 1" in pages["device created"]


def test_pages_of_no_office_are_vietnamese(app, client, api_world, clock):  # type: ignore[no-untyped-def]
    db = sign_in_admin(app, clock, client)
    _set_language(db, "en")
    add_person(db, clock, "qt-city", city=True)
    sign_in(client, "qt-city")
    home = client.get("/admin", headers=ENGLISH_BROWSER).get_data(as_text=True)
    assert '<html lang="vi">' in home and "Chọn đơn vị" in home
    login = app.test_client().get("/admin/login", headers=ENGLISH_BROWSER)
    assert '<html lang="vi">' in login.get_data(as_text=True)


def test_a_refusal_speaks_the_office_s_language(app, client, api_world, clock):  # type: ignore[no-untyped-def]
    db = sign_in_admin(app, clock, client)
    _set_language(db, "en")
    add_person(db, clock, "ld-demo", "demo", "manager")
    sign_in(client, "ld-demo")
    refused = client.get("/admin/o/demo/staff", headers=ENGLISH_BROWSER)
    assert refused.status_code == 403
    page = refused.get_data(as_text=True)
    assert '<html lang="en">' in page and "No access" in page
    assert not VIETNAMESE.search(_without(_visible_text(page), ["Phường demo"]))
