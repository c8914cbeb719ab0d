"""Ticket raster: sizes, the big number, the QR code, Vietnamese glyphs."""

from __future__ import annotations

import dataclasses
import io
import unicodedata

import pytest
import qrcode
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

from printer import render
from printer.render import load_font, number_block, render_ticket
from tests.printer.printer_wire import ink_blocks

WIDTHS = [384, 512, 576]


def qr_texts(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image.convert("L"))]


@pytest.mark.parametrize("width", WIDTHS)
def test_ticket_raster_shape(layout, width):
    image = render_ticket(layout, width)

    assert image.mode == "1"
    assert image.width == width
    assert 1.2 * width < image.height < 2.2 * width
    assert image.getpixel((0, 0)) == 255  # white paper, black ink


@pytest.mark.parametrize("width", WIDTHS)
def test_qr_code_scans_to_the_status_url(layout, width):
    assert qr_texts(render_ticket(layout, width)) == [layout.status_url]


@pytest.mark.parametrize("width", WIDTHS)
def test_qr_code_has_a_quiet_zone_and_whole_dot_modules(layout, width):
    qr = render.qr_block(layout.status_url, render.qr_target(width))
    modules = len(qr_matrix(layout.status_url))
    box = qr.width // modules

    assert qr.width == modules * box and box >= 4
    assert qr.crop((0, 0, qr.width, 4 * box)).getbbox() is None  # quiet zone
    assert qr.width >= 0.4 * width


def qr_matrix(data: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


@pytest.mark.parametrize("width", WIDTHS)
def test_number_fills_most_of_the_width(layout, width):
    left, top, right, bottom = number_box(render_ticket(layout, width))

    assert right - left > 0.8 * width
    assert bottom - top > 0.2 * width  # far taller than any text line
    alone = number_block(layout.number, *render.number_area(width))
    assert (right - left, bottom - top) == alone.size


def number_box(image: Image.Image) -> tuple[int, int, int, int]:
    """The tallest run of ink rows wider than half the ticket: the number
    (the QR code is taller but narrower)."""
    wide = [b for b in ink_blocks(image) if b[2] - b[0] > image.width / 2]
    return max(wide, key=lambda b: b[3] - b[1])


def test_long_numbers_still_fit(layout):
    image = render_ticket(dataclasses.replace(layout, number="CT-10234"), 384)

    left, _, right, _ = number_box(image)
    assert 0.6 * 384 < right - left <= 384 - 2 * render.margin(384)


def test_long_service_names_wrap_inside_the_margins(layout):
    name = "Cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính giấy tờ, văn bản"
    image = render_ticket(dataclasses.replace(layout, service_name=name), 384)

    inner_left, inner_right = render.margin(384), 384 - render.margin(384)
    for left, _, right, _ in ink_blocks(image):
        assert inner_left <= left and right <= inner_right


def test_logo_is_scaled_to_fit(layout):
    logo = Image.new("RGBA", (1200, 400), (0, 0, 0, 0))
    logo.paste((200, 0, 0, 255), (100, 100, 1100, 300))
    png = io.BytesIO()
    logo.save(png, format="PNG")
    plain = render_ticket(layout, 384)

    image = render_ticket(dataclasses.replace(layout, logo=png.getvalue()), 384)

    first = ink_blocks(image)[0]
    assert first[2] - first[0] <= 384 - 2 * render.margin(384)
    assert 0 < image.height - plain.height <= 0.22 * 384 + 16
    assert qr_texts(image) == [layout.status_url]


def test_fonts_are_bundled_and_cached():
    assert render.REGULAR_FONT.parent == render.FONT_DIR
    assert render.FONT_DIR.parent.name == "printer"
    for path in (render.REGULAR_FONT, render.BOLD_FONT, render.FONT_DIR / "LICENSE"):
        assert path.is_file()
    assert load_font(24) is load_font(24)
    assert load_font(24, bold=True).path == str(render.BOLD_FONT)


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("letter", list("ỹựờđẫổữậịẠƯƠĂÂĐÊÔỳỷỵ"))
def test_vietnamese_letters_have_glyphs(letter, bold):
    font = load_font(40, bold)
    missing = glyph(font, "\U0010fffd")  # private use: surely not in the font

    drawn = glyph(font, letter)

    assert drawn.getbbox() is not None
    assert drawn.tobytes() != missing.tobytes()  # not the .notdef box (tofu)
    base = unicodedata_base(letter)
    if base != letter:
        assert drawn.tobytes() != glyph(font, base).tobytes()  # the marks show


def glyph(font: ImageFont.FreeTypeFont, char: str) -> Image.Image:
    image = Image.new("1", (60, 60), 0)
    ImageDraw.Draw(image).text((10, 5), char, font=font, fill=255)
    return image


def unicodedata_base(letter: str) -> str:
    return unicodedata.normalize("NFD", letter)[0]


def test_width_is_checked(layout):
    with pytest.raises(ValueError, match="width_px"):
        render_ticket(layout, 100)
