"""Fixtures for the printer adapter: a sample ticket and fake printers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from printer.layout import TicketLayout, ticket_layout
from tests.printer.printer_wire import FakePrinter

STATUS_URL = "http://192.168.1.10:8000/t/k3J9xQ2mZpLw7VbN4c"


@pytest.fixture
def ticket_json() -> dict[str, Any]:
    """The API's ticket JSON, as the server returns it."""
    return {
        "id": "k3J9xQ2mZpLw7VbN4c",
        "number": "1023",
        "office": "demo",
        "service": {"code": "CT", "name": "Chứng thực bản sao từ bản chính, chữ ký"},
        "priority": None,
        "status": "waiting",
        "ahead": 3,
        "estimated_wait_s": 540,
        "counter": None,
        "issued_at": "2026-11-23T07:41:05+07:00",
        "called_at": None,
        "status_url": STATUS_URL,
    }


@pytest.fixture
def layout(ticket_json: dict[str, Any]) -> TicketLayout:
    return ticket_layout(
        ticket_json,
        "UBND Phường Bến Nghé — Bộ phận Một cửa",
        footer="Vui lòng giữ phiếu cho đến khi được phục vụ. Xin cảm ơn!",
    )


@pytest.fixture
def fake_printer() -> Iterator[Callable[..., FakePrinter]]:
    """Start FakePrinter(mode, **options) listeners, stopped after the test."""
    started: list[FakePrinter] = []

    def start(mode: str = "collect", **options: Any) -> FakePrinter:
        printer = FakePrinter(mode, **options).__enter__()
        started.append(printer)
        return printer

    yield start
    for printer in started:
        printer.__exit__(None, None, None)
