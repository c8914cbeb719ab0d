"""The pages of an office's settings, records and reports speak its language: an
office set to English reads no Vietnamese on them, an office in Vietnamese none of
the table's English. The office's own names are its data, in whatever it wrote."""

from __future__ import annotations

import re
import string

import pytest

from motcua.admin.scheduler import refused
from motcua.core.models import DailyReport, Rating
from motcua.i18n import MESSAGES
from motcua.services import app_services
from tests.admin.day import build_day
from tests.admin.pages import post, sign_in_admin
from tests.admin.test_admin_language import (
    ENGLISH_BROWSER,
    _office_data,
    _set_language,
    _visible_text,
    _without,
)
from tests.helpers import act
from tests.test_words import VIETNAMESE

GROUPS = (
    "admin_settings", "admin_booking_settings", "admin_voice_page", "admin_procedures",
    "admin_dossiers", "admin_reports", "admin_daily", "admin_audit", "admin_backup",
    "admin_health", "admin_address_page", "admin_ticket",
)  # fmt: skip
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
    "audit?day=yesterday",
    "backup",
    "health",
    "address",
)


@pytest.fixture
def day(app, client, api_world, clock):  # type: ignore[no-untyped-def]
    """A day of tickets (one rated with reasons, one sent to another field), a daily
    report made, a dossier saved; the office's admin signed in."""
    db = app_services(app).db
    t = build_day(db, api_world, clock)
    act(db, "demo", api_world.staff, clock, "transfer", t["t6"], service="HT")
    with db.transaction() as session:
        rating = session.query(Rating).filter_by(ticket_id=t["t2"]).one()
        rating.reasons = ["wait", "papers"]
    sign_in_admin(app, clock, client)
    post(client, "/admin/o/demo/daily/build", {}, "/admin/o/demo/daily")
    with db.transaction() as session:  # the city refused it, as the scheduler keeps it
        stored = session.query(DailyReport).one()
        stored.push_error, stored.push_attempts = refused(503).stored, 1
    post(
        client,
        "/admin/o/demo/dossiers",
        {"code": "H29-1", "status": "ready", "procedure": "Birth"},
    )
    return db, t


def _pages(client, t) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each page, a ticket's story of each ending, and a refused form."""
    got = {
        path: client.get(f"/admin/o/demo/{path}", headers=ENGLISH_BROWSER)
        for path in PAGES
    }
    for name in ("t2", "t4", "t5", "t6"):
        got[name] = client.get(f"/admin/o/demo/tickets/{t[name]}")
    got["refused booking"] = post(client, "/admin/o/demo/booking", {"days_ahead": "x"})
    got["refused settings"] = post(
        client, "/admin/o/demo/settings", {"name": "Demo", "kiosk_idle_s": "x"}
    )
    for name, response in got.items():
        assert response.status_code in (200, 400), (name, response.status_code)
    return {name: r.get_data(as_text=True) for name, r in got.items()}


def test_an_english_office_s_records_hold_no_vietnamese(client, api_world, day):  # type: ignore[no-untyped-def]
    db, t = day
    _set_language(db, "en")
    pages = _pages(client, t)
    # The lobby's call is spoken in Vietnamese, whatever the pages' language.
    data = [*_office_data(api_world), MESSAGES["announce.call"][0]]
    for name, html in pages.items():
        assert '<html lang="en">' in html, name
        text = _without(_visible_text(html), data)
        found = [w for w in text.split() if VIETNAMESE.search(w)]
        assert not found, (name, found)
    assert "2 – Unsatisfied</strong> (Long wait, Asked for more papers)" in pages["t2"]
    assert "Number issued" in pages["t6"] and "to field: HT" in pages["t6"]
    assert "Kiosk “k1” is not connected." in pages["health"]
    assert "Result ready to collect" in pages["dossiers"]
    assert "A day is written dd/mm/yyyy" in pages["audit?day=yesterday"]
    report = pages["reports?from=2026-11-23&to=2026-11-23"]
    assert "Certification" in report
    # English writes a decimal point: 66.7%, not the Vietnamese 66,7%.
    assert "66.7%" in report and "3.5/5" in report
    assert not re.search(r"\d,\d+(?:%|/5)", report)
    assert "needs a whole number" in pages["refused booking"]
    # The city's refusal, stored before the office chose English, reads in English.
    assert "The city&#39;s server answered 503: the city&#39;s server is failing" in (
        pages["daily"]
    )


def _english_of_the_table() -> list[str]:
    """The English of these pages' words that Vietnamese never reads the same."""
    pieces = []
    for key, (vi, en) in MESSAGES.items():
        if key.split(".")[0] in GROUPS and vi != en:
            for literal, *_ in string.Formatter().parse(en):
                pieces += [p for p in [literal.strip(" .,:;()")] if len(p) >= 8]
    return pieces


def test_a_vietnamese_office_s_records_hold_none_of_the_table_s_english(client, day):  # type: ignore[no-untyped-def]
    _, t = day
    english = _english_of_the_table()
    assert "Office settings" in english and len(english) > 250
    pages = _pages(client, t)
    for name, html in pages.items():
        assert '<html lang="vi">' in html, name
        text = _visible_text(html)
        found = [piece for piece in english if piece in text]
        assert not found, (name, found)
    assert "Cài đặt đơn vị" in pages["settings"]
    assert "2 – Không hài lòng</strong> (Chờ đợi lâu" in pages["t2"]
    report = pages["reports?from=2026-11-23&to=2026-11-23"]
    assert "66,7%" in report and "3,5/5" in report
    refusal = "Máy chủ thành phố trả lời mã 503: máy chủ thành phố đang lỗi"
    assert refusal in pages["daily"]
