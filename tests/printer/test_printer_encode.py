"""ESC/POS encoding: the bytes decode back to the very picture rendered."""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image, ImageChops

from printer.encode import ImageTooWideError, ticket_bytes
from printer.encode import test_page_image as make_test_page  # not a test
from printer.render import render_ticket
from tests.printer.printer_wire import decode_escpos

GS_V0 = b"\x1dv0"
CUT = b"\x1dV\x00"


def same_picture(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and ImageChops.difference(a, b).getbbox() is None


@pytest.mark.parametrize("width", [384, 512, 576])
@pytest.mark.parametrize("compact", [True, False])
def test_bytes_decode_to_the_rendered_ticket(layout, width, compact):
    image = render_ticket(layout, width)

    job = decode_escpos(ticket_bytes(image, compact=compact), width)

    assert same_picture(job.image, image)
    assert job.commands[:2] == ["init", "align 1"]  # centre before any raster
    assert job.cuts == [0] and job.commands[-1] == "cut"
    assert job.feed_lines >= 3  # the ticket clears the cutter before the cut


def test_compact_job_skips_blank_rows_and_margins(layout):
    image = render_ticket(layout, 576)

    compact, full = ticket_bytes(image), ticket_bytes(image, compact=False)

    assert len(compact) < 0.6 * len(full)
    assert compact.count(GS_V0) > 3  # one band per block of ink
    assert b"\x1bJ" in compact and b"\x1bJ" not in full


def test_80mm_ticket_is_under_40_kb(layout):
    assert len(ticket_bytes(render_ticket(layout, 576))) < 40_000


def test_tall_images_go_out_in_several_bands(layout):
    image = render_ticket(layout, 384)

    data = ticket_bytes(image, compact=False, band_height=200)

    assert data.count(GS_V0) == -(-image.height // 200)
    assert same_picture(decode_escpos(data, 384).image, image)


def test_a_ticket_narrower_than_the_printer_is_centred(layout):
    image = render_ticket(layout, 512)

    job = decode_escpos(ticket_bytes(image), 576)

    assert same_picture(job.image.crop((32, 0, 544, image.height)), image)
    assert job.image.crop((0, 0, 32, image.height)).getextrema() == (255, 255)


def test_width_not_a_whole_byte_is_sent_whole(layout):
    image = render_ticket(layout, 380)

    job = decode_escpos(ticket_bytes(image), 384)

    assert job.bands == 1 and b"\x1bJ" not in ticket_bytes(image)
    # One band 48 bytes wide: the picture, then 4 blank dots of padding.
    assert same_picture(job.image.crop((0, 0, 380, image.height)), image)


def test_image_wider_than_the_profile_is_refused(layout):
    image = render_ticket(layout, 576)

    with pytest.raises(ImageTooWideError, match="576"):
        ticket_bytes(image, profile="TM-T88V")  # 512 dots
    assert ticket_bytes(render_ticket(layout, 512), profile="TM-T88V")


def test_no_cut_when_asked_or_when_the_profile_has_no_cutter(layout):
    image = render_ticket(layout, 384)

    assert CUT not in ticket_bytes(image, cut=False)
    # python-escpos sends no GS V at all for a profile without a cutter.
    assert decode_escpos(ticket_bytes(image, profile="POS-5890"), 384).cuts == []


def test_unknown_profile_is_a_clear_error(layout):
    with pytest.raises(ValueError, match="profile"):
        ticket_bytes(render_ticket(layout, 384), profile="no-such-printer")


def test_default_profile_prints_nothing_to_stdout(layout, capsys):
    ticket_bytes(render_ticket(layout, 576))

    assert capsys.readouterr().out == ""


def test_greyscale_and_transparent_images_are_made_1_bit():
    image = Image.new("RGBA", (384, 40), (0, 0, 0, 0))
    image.paste((0, 0, 0, 255), (10, 10, 100, 30))

    job = decode_escpos(ticket_bytes(image), 384)

    assert job.image.getbbox() is not None
    assert job.image.crop((10, 10, 100, 30)).getextrema() == (0, 0)
    assert job.image.getpixel((200, 20)) == 255  # transparent became paper


@pytest.mark.parametrize("width", [384, 576])
def test_test_page(width):
    image = make_test_page(width)

    job = decode_escpos(ticket_bytes(image), width)

    assert same_picture(job.image, image)
    assert image.getpixel((0, 30)) == 0 and image.getpixel((width - 1, 30)) == 0
    found = zxingcpp.read_barcodes(image.convert("L"))
    assert [r.text for r in found] == ["motcua test page"]
