"""Ticket layout: pure data from the API's ticket JSON."""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import UTC, datetime

import pytest

from printer.layout import TicketLayout, ticket_layout, wait_words


def test_layout_from_ticket_json(ticket_json):
    layout = ticket_layout(ticket_json, "UBND Phường Bến Nghé", footer="Cảm ơn")

    assert layout.heading == "SỐ THỨ TỰ"
    assert layout.number == "1023"
    assert layout.service_name == "Chứng thực bản sao từ bản chính, chữ ký"
    assert layout.ahead == 3
    assert layout.estimated_wait_s == 540
    assert layout.status_url == ticket_json["status_url"]
    assert (layout.footer, layout.logo, layout.lang) == ("Cảm ơn", None, "vi")
    assert layout.ahead_text == "Số người chờ trước bạn: 3"
    assert layout.wait_text == "Thời gian chờ: khoảng 9 phút"
    assert layout.issued_text == "Giờ lấy số: 07:41 23/11/2026"


def test_issue_time_is_shown_in_the_office_timezone(ticket_json):
    ticket_json["issued_at"] = "2026-11-23T00:41:05Z"  # UTC: 07:41 in Hà Nội

    layout = ticket_layout(ticket_json, "UBND")

    assert layout.issued_at.utcoffset().total_seconds() == 7 * 3600
    assert layout.issued_text.endswith("07:41 23/11/2026")


def test_issue_time_crossing_midnight_takes_the_local_date(ticket_json):
    ticket_json["issued_at"] = "2026-11-22T17:30:00+00:00"

    assert ticket_layout(ticket_json, "UBND").issued_text.endswith("00:30 23/11/2026")


@pytest.mark.parametrize(
    ("seconds", "vi", "en"),
    [
        (None, "chưa có quầy phục vụ", "no counter serving yet"),
        (0, "dưới 1 phút", "under 1 minute"),
        (59, "dưới 1 phút", "under 1 minute"),
        (60, "khoảng 1 phút", "about 1 min"),
        (540, "khoảng 9 phút", "about 9 min"),
        (900, "khoảng 15 phút", "about 15 min"),
        (3600, "khoảng 1 giờ", "about 1 h"),
        (4790, "khoảng 1 giờ 20 phút", "about 1 h 20 min"),
    ],
)
def test_wait_in_words(seconds, vi, en):
    assert wait_words(seconds, "vi") == vi
    assert wait_words(seconds, "en") == en


def test_english_ticket(ticket_json):
    ticket_json["estimated_wait_s"] = None

    layout = ticket_layout(ticket_json, "Ward office", lang="en")

    assert layout.heading == "YOUR NUMBER"
    assert layout.wait_text == "Estimated wait: no counter serving yet"
    assert layout.ahead_text == "People ahead of you: 3"


def test_decomposed_vietnamese_is_composed(ticket_json):
    ticket_json["service"]["name"] = unicodedata.normalize("NFD", "Chứng thực")

    layout = ticket_layout(ticket_json, unicodedata.normalize("NFD", "Phường"))

    assert layout.service_name == "Chứng thực"
    assert len(layout.service_name) == len("Chứng thực")
    assert layout.office_name == "Phường"


def test_naive_issue_time_is_refused(ticket_json):
    ticket_json["issued_at"] = "2026-11-23T07:41:05"

    with pytest.raises(ValueError, match="offset"):
        ticket_layout(ticket_json, "UBND")


def test_layout_is_frozen_and_checked(layout):
    with pytest.raises(dataclasses.FrozenInstanceError):
        layout.number = "1"  # type: ignore[misc]
    with pytest.raises(ValueError, match="aware"):
        dataclasses.replace(layout, issued_at=datetime(2026, 11, 23, 7, 41))
    with pytest.raises(ValueError, match="language"):
        dataclasses.replace(layout, lang="fr")
    assert isinstance(
        dataclasses.replace(layout, issued_at=datetime.now(UTC)), TicketLayout
    )
