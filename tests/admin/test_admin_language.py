"""The admin pages speak the office's language, whatever the browser's: an office
set to English gets English pages; the login and the pages of no office Vietnamese."""

from __future__ import annotations

from motcua.core.lookup import office_by_slug
from tests.admin.pages import sign_in_admin


def _set_language(db, lang: str) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        office.settings = {**(office.settings or {}), "language": lang}


def test_an_office_s_pages_follow_its_language(app, client, api_world, clock):  # type: ignore[no-untyped-def]
    db = sign_in_admin(app, clock, client)
    english = {"Accept-Language": "en-US"}
    page = client.get("/admin/o/demo", headers=english).get_data(as_text=True)
    assert '<html lang="vi">' in page
    _set_language(db, "en")
    page = client.get("/admin/o/demo", headers=english).get_data(as_text=True)
    assert '<html lang="en">' in page
    login = client.get("/admin/login", headers=english).get_data(as_text=True)
    assert '<html lang="vi">' in login
