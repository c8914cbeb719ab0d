"""An office that chose English gets the pages of its settings, records and reports
with no Vietnamese word of the interface; a Vietnamese office keeps its words."""

from __future__ import annotations

import re

import pytest

from motcua.core.lookup import office_by_slug
from motcua.core.models import Counter, Rating, Ticket
from motcua.services import app_services
from tests.admin.day import build_day
from tests.admin.pages import post, sign_in_admin
from tests.helpers import act
from tests.test_words import VIETNAMESE

PAGES = (
    "settings",
    "booking",
    "voice",
    "procedures",
    "dossiers",
    "reports?from=2026-11-23&to=2026-11-23",
    "reports?from=2026-11-22&to=2026-11-23",
    "daily",
    "audit",
    "audit?day=23/11/2026",
    "audit?day=yesterday",
    "backup",
    "health",
    "address",
)


def _english_office(db, t) -> None:  # type: ignore[no-untyped-def]
    """The demo office in English, its own names too: what is left is the pages'."""
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        office.settings = {**(office.settings or {}), "language": "en"}
        office.name = "Demo Ward"
        for counter in session.query(Counter).filter_by(office_id=office.id):
            counter.name = f"Counter {counter.number}"
        rating = session.query(Rating).filter_by(ticket_id=t["t2"]).one()
        rating.reasons = ["wait", "papers"]


def _main(page: str) -> str:
    """The page's own part: the header's links are the admin frame's."""
    found = re.search(r"<main.*</main>", page, re.S)
    assert found, page[:300]
    return found.group(0)


@pytest.fixture
def english_day(app, client, api_world, clock):  # type: ignore[no-untyped-def]
    db = app_services(app).db
    t = build_day(db, api_world, clock)
    act(db, "demo", api_world.staff, clock, "transfer", t["t6"], service="HT")
    sign_in_admin(app, clock, client)
    vietnamese = client.get("/admin/o/demo/settings").get_data(as_text=True)
    assert "Cài đặt đơn vị" in vietnamese  # before the office chooses English
    _english_office(db, t)
    post(client, "/admin/o/demo/daily/build", {}, "/admin/o/demo/daily")
    post(
        client,
        "/admin/o/demo/dossiers",
        {"code": "H29-1", "status": "ready", "procedure": "Birth"},
    )
    return t


@pytest.mark.parametrize("path", PAGES)
def test_an_english_office_s_pages_hold_no_vietnamese(client, english_day, path):  # type: ignore[no-untyped-def]
    answer = client.get(f"/admin/o/demo/{path}")
    page = answer.get_data(as_text=True)
    assert answer.status_code in (200, 400), page[:300]
    assert '<html lang="en">' in page
    main = _main(page)
    assert not VIETNAMESE.findall(main), [
        line for line in main.splitlines() if VIETNAMESE.search(line)
    ]


def test_an_english_office_s_tickets_and_messages_are_english(client, english_day):  # type: ignore[no-untyped-def]
    t = english_day
    for name in ("t2", "t4", "t5", "t6"):
        page = client.get(f"/admin/o/demo/tickets/{t[name]}").get_data(as_text=True)
        main = _main(page)
        assert not VIETNAMESE.search(main), main
    rated = client.get(f"/admin/o/demo/tickets/{t['t2']}").get_data(as_text=True)
    assert "2 – Unsatisfied</strong> (Long wait, Asked for more papers)" in rated
    assert "Served" in rated and "Number issued" in rated
    health = _main(client.get("/admin/o/demo/health").get_data(as_text=True))
    assert "Kiosk “k1” is not connected." in health
    dossiers = client.get("/admin/o/demo/dossiers").get_data(as_text=True)
    assert "Result ready to collect" in dossiers
    wrong_day = client.get("/admin/o/demo/audit?day=yesterday").get_data(as_text=True)
    assert "A day is written dd/mm/yyyy" in wrong_day
    refused = post(
        client, "/admin/o/demo/booking", {"days_ahead": "many"}
    ).get_data(as_text=True)
    assert not VIETNAMESE.search(_main(refused)), _main(refused)
