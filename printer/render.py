"""Ticket raster: a 1-bit Pillow image as wide as the printer's print head.

Blocks are drawn with ink = INK (255) on a 0 background, so `getbbox` finds
the ink; they are stacked, then inverted once into black on white.
"""

from __future__ import annotations

import functools
import io
import threading
from dataclasses import dataclass
from pathlib import Path

import qrcode
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageOps

from printer.layout import TicketLayout

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR_FONT = FONT_DIR / "DejaVuSans.ttf"
BOLD_FONT = FONT_DIR / "DejaVuSans-Bold.ttf"

#: Print-head widths in dots: 58 mm paper, 80 mm paper at 180 and 203 dpi.
WIDTH_58MM = 384
WIDTH_80MM_180DPI = 512
WIDTH_80MM = 576
MIN_WIDTH, MAX_WIDTH = 256, 1024

_REFERENCE_WIDTH = 576  # sizes below are in dots at this width, then scaled
INK = 255  # mode "1" stores the byte drawn: fill=1 would invert to 254, not 0


@dataclass(frozen=True)
class Block:
    """A rendered piece of the ticket (ink = INK on 0) and the gap above it."""

    image: Image.Image
    gap_before: int = 0


def render_ticket(layout: TicketLayout, width_px: int) -> Image.Image:
    """Render a ticket as a mode "1" image, black ink on white, width_px wide."""
    check_width(width_px)
    scale = width_px / _REFERENCE_WIDTH
    inner = width_px - 2 * margin(width_px)
    gap, big = _px(8, scale), _px(16, scale)

    def text(value: str, size: int, gap_before: int, bold: bool = False) -> Block:
        return Block(
            text_block(value, _text_px(size, scale), inner, bold=bold), gap_before
        )

    blocks = _logo_blocks(layout.logo, inner, width_px, gap)
    blocks += [
        text(layout.office_name, 30, gap, bold=True),
        text(layout.heading, 30, big),
        Block(number_block(layout.number, *number_area(width_px)), big),
        text(layout.service_name, 32, big, bold=True),
        Block(rule(inner, max(2, _px(2, scale))), big),
        text(layout.ahead_text, 26, big),
        text(layout.wait_text, 26, gap),
        Block(qr_block(layout.status_url, qr_target(width_px)), gap),
        text(layout.scan_text, 22, 0),
        text(layout.issued_text, 22, gap),
    ]
    if layout.footer:
        blocks.append(text(layout.footer, 22, big))
    return stack(blocks, width_px)


def check_width(width_px: int) -> None:
    """Refuse widths no receipt printer has."""
    if not MIN_WIDTH <= width_px <= MAX_WIDTH:
        raise ValueError(
            f"width_px must be within {MIN_WIDTH}..{MAX_WIDTH} dots, got {width_px}"
        )


def margin(width_px: int) -> int:
    """Blank dots left and right of the text (and above and below the ticket)."""
    return max(8, round(16 * width_px / _REFERENCE_WIDTH))


def number_area(width_px: int) -> tuple[int, int]:
    """Width and height the ticket number may fill."""
    return width_px - 2 * margin(width_px), round(width_px * 0.3)


def qr_target(width_px: int) -> int:
    """QR side with its quiet zone: modules of 5 dots or more (0.6 mm) on
    58 mm paper, for phones held at arm's length."""
    return width_px // 2


def stack(blocks: list[Block], width_px: int) -> Image.Image:
    """Centre blocks one under another; return black-on-white mode "1"."""
    height = sum(b.gap_before + b.image.height for b in blocks) + 2 * margin(width_px)
    canvas = Image.new("1", (width_px, height), 0)
    y = margin(width_px)
    for block in blocks:
        y += block.gap_before
        canvas.paste(block.image, ((width_px - block.image.width) // 2, y))
        y += block.image.height
    return ImageChops.invert(canvas)


def load_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The bundled DejaVu Sans at `size` px, cached (per thread: FreeType faces
    are not safe to share between threads)."""
    return _font(size, bold, threading.get_ident())


@functools.lru_cache(maxsize=128)
def _font(size: int, bold: bool, _thread: int) -> ImageFont.FreeTypeFont:
    # BASIC layout: same output with or without libraqm on the machine, and
    # faster; NFC text needs no shaping since the font has composed letters.
    path = BOLD_FONT if bold else REGULAR_FONT
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


def text_block(text: str, size: int, width: int, *, bold: bool = False) -> Image.Image:
    """Centred, word-wrapped text, cropped to its ink vertically."""
    font = load_font(size, bold)
    lines = wrap(text, font, width)
    ascent, descent = font.getmetrics()
    pitch = round((ascent + descent) * 1.05)
    # Room above the first line for stacked marks on capitals (Ố, Ỗ, Ữ).
    top = size // 3
    image = Image.new("1", (width, top + pitch * len(lines)), 0)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        x = (width - font.getlength(line)) / 2
        draw.text((x, top + i * pitch), line, font=font, fill=INK)
    return crop_rows(image)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap by rendered width; over-long words break anywhere."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if font.getlength(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while font.getlength(line) > width and len(line) > 1:
                cut = _longest_fitting_prefix(line, font, width)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


def _longest_fitting_prefix(word: str, font: ImageFont.FreeTypeFont, width: int) -> int:
    cut = len(word) - 1
    while cut > 1 and font.getlength(word[:cut]) > width:
        cut -= 1
    return cut


def number_block(number: str, max_width: int, max_height: int) -> Image.Image:
    """The ticket number, bold, as large as fits in max_width x max_height."""
    font = load_font(number_font_size(number, max_width, max_height), bold=True)
    left, top, right, bottom = font.getbbox(number)
    image = Image.new("1", (int(right - left), int(bottom - top)), 0)
    ImageDraw.Draw(image).text((-left, -top), number, font=font, fill=INK)
    ink = image.getbbox()  # the box above counts side bearings; centre the ink
    return image.crop(ink) if ink else image


@functools.lru_cache(maxsize=256)
def number_font_size(number: str, max_width: int, max_height: int) -> int:
    """Largest bold size whose box for `number` fits the area."""
    reference = 100
    left, top, right, bottom = load_font(reference, bold=True).getbbox(number)
    size = int(reference * min(max_width / (right - left), max_height / (bottom - top)))
    while size > 8:
        left, top, right, bottom = load_font(size, bold=True).getbbox(number)
        if right - left <= max_width and bottom - top <= max_height:
            break
        size -= 1
    return size


@functools.lru_cache(maxsize=256)
def qr_block(data: str, target_px: int) -> Image.Image:
    """QR code of `data` with its 4-module quiet zone, about target_px wide.

    Modules are whole dots (nearest-neighbour scaling), at least 3 dots each.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    modules = len(matrix)
    box = max(3, target_px // modules)
    small = Image.new("1", (modules, modules), 0)
    small.putdata([INK if dark else 0 for row in matrix for dark in row])
    return small.resize((modules * box, modules * box), Image.Resampling.NEAREST)


def rule(width: int, thickness: int) -> Image.Image:
    """A dashed horizontal line."""
    image = Image.new("1", (width, thickness), 0)
    draw = ImageDraw.Draw(image)
    dash = max(4, thickness * 4)
    for x in range(0, width, 2 * dash):
        draw.rectangle((x, 0, x + dash - 1, thickness - 1), fill=INK)
    return image


def _logo_blocks(
    logo: bytes | None, inner: int, width_px: int, gap: int
) -> list[Block]:
    if not logo:
        return []
    return [Block(logo_block(logo, inner, round(width_px * 0.22)), gap)]


@functools.lru_cache(maxsize=8)
def logo_block(png: bytes, max_width: int, max_height: int) -> Image.Image:
    """A logo scaled to fit, dithered to 1 bit (ink = INK)."""
    with Image.open(io.BytesIO(png)) as source:
        rgba = source.convert("RGBA")
    flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat.alpha_composite(rgba)
    grey = flat.convert("L")
    grey.thumbnail((max_width, max_height), Image.Resampling.LANCZOS)
    return ImageOps.invert(grey).convert("1")


def crop_rows(image: Image.Image) -> Image.Image:
    """Drop blank rows above and below the ink (keeps the full width)."""
    box = image.getbbox()
    if box is None:
        return image.crop((0, 0, image.width, 0))
    return image.crop((0, box[1], image.width, box[3]))


def _px(size_at_576: int, scale: float) -> int:
    return max(1, round(size_at_576 * scale))


def _text_px(size_at_576: int, scale: float) -> int:
    # Text shrinks less than the paper: 58 mm tickets are read at the same
    # distance as 80 mm ones.
    return round(size_at_576 * (0.5 + 0.5 * scale))
