"""Tickets over real TCP to a listener that behaves like a port-9100 printer."""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import ImageChops

from printer.drivers import PrinterError, send_bytes, status
from printer.encode import ticket_bytes
from printer.render import number_area, number_block, render_ticket
from tests.printer.printer_wire import decode_escpos, free_port, ink_blocks

TIMEOUT = 1.0


@pytest.mark.parametrize("width", [384, 576])
def test_ticket_prints_over_tcp(fake_printer, layout, width):
    printer = fake_printer()
    image = render_ticket(layout, width)
    data = ticket_bytes(image)

    send_bytes(printer.config, data, timeout=5.0)

    [received] = printer.wait_for_jobs(1)
    assert received == data
    job = decode_escpos(received, width)
    assert job.image.width == width
    assert 1.2 * width < job.image.height < 2.2 * width
    assert job.cuts == [0] and job.commands[-1] == "cut"
    found = zxingcpp.read_barcodes(job.image.convert("L"))
    assert [result.text for result in found] == [layout.status_url]
    assert_number_printed(job.image, layout.number)
    assert ImageChops.difference(job.image, image).getbbox() is None


def assert_number_printed(printed, number):
    """The widest tall block of ink is the number, dot for dot."""
    wide = [b for b in ink_blocks(printed) if b[2] - b[0] > printed.width / 2]
    box = max(wide, key=lambda b: b[3] - b[1])
    assert box[2] - box[0] > 0.8 * printed.width
    alone = number_block(number, *number_area(printed.width))
    diff = ImageChops.difference(printed.crop(box), ImageChops.invert(alone))
    assert diff.getbbox() is None


def test_several_tickets_in_a_row(fake_printer, layout):
    printer = fake_printer()
    data = ticket_bytes(render_ticket(layout, 384))

    for _ in range(3):
        send_bytes(printer.config, data)

    assert printer.wait_for_jobs(3) == [data] * 3


def test_closed_port_is_refused(layout):
    config = {"kind": "network", "host": "127.0.0.1", "port": free_port()}

    with pytest.raises(PrinterError) as failure:
        send_bytes(config, b"\x1b@", timeout=TIMEOUT)

    assert failure.value.reason == "refused"
    assert "từ chối" in failure.value.message_vi


def test_printer_that_stops_reading_times_out(fake_printer, layout):
    printer = fake_printer("stall", rcvbuf=2048)
    job = ticket_bytes(render_ticket(layout, 576)) * 4  # more than the buffers

    with pytest.raises(PrinterError) as failure:
        send_bytes(printer.config, job, timeout=TIMEOUT)

    assert failure.value.reason == "timeout"
    assert "không phản hồi" in failure.value.message_vi


@pytest.mark.parametrize("abort", [False, True], ids=["close", "reset"])
def test_printer_that_drops_the_job_midway(fake_printer, layout, abort):
    printer = fake_printer("drop", drop_after=4096, abort=abort)
    job = ticket_bytes(render_ticket(layout, 576))

    with pytest.raises(PrinterError) as failure:
        send_bytes(printer.config, job, timeout=30.0)

    # "closed", not "timeout": the drop is noticed, not waited out.
    assert failure.value.reason == "closed"
    assert printer.received == 4096


def test_status_reads_paper_and_cover(fake_printer):
    ok = b"\x12"
    cases = {
        "ok": {2: ok, 4: ok},
        "cover_open": {2: bytes([0x12 | 0x04]), 4: ok},
        "paper_out": {2: bytes([0x12 | 0x20]), 4: bytes([0x12 | 0x60])},
        "paper_low": {2: ok, 4: bytes([0x12 | 0x0C])},
        "error": {2: bytes([0x12 | 0x40]), 4: ok},
    }
    for expected, replies in cases.items():
        printer = fake_printer(replies=replies)

        assert status(printer.config, timeout=TIMEOUT).code == expected


def test_status_of_a_silent_printer_is_unknown(fake_printer):
    printer = fake_printer()

    result = status(printer.config, timeout=0.3)

    assert result.code == "unknown"


def test_status_of_a_printer_that_is_off(layout):
    config = {"kind": "network", "host": "127.0.0.1", "port": free_port()}

    result = status(config, timeout=TIMEOUT)

    assert result.code == "offline"
    assert "từ chối" in result.message_vi
