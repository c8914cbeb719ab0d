"""ESC/POS bytes for a ticket raster, built with python-escpos's Dummy printer.

The job is: ESC @ (init), ESC a 1 (centre), the raster as `GS v 0` bands,
then feed and cut. With `compact=True` (the default) blank rows become
`ESC J n` feeds and each band is cropped to a byte-aligned width centred on
the ticket's middle, so the centred bands rebuild the same picture: an 80 mm
ticket drops from 64 KB of raster to about 33 KB.

Two printer behaviours the compact job relies on: ESC a applies to raster
images (documented for GS v 0 by Citizen and HPRT, among others; not yet
checked on a printer here), and ESC J n
feeds n dots, true where the vertical motion unit is one dot (203 dpi
printers). Epson's TM-T88 series counts 1/360 inch, so its blank gaps come
out half as tall; the printed content is the same. `compact=False` sends the
whole picture, blank rows included, for printers that get either wrong.
"""

from __future__ import annotations

from escpos.printer import Dummy
from PIL import Image, ImageChops, ImageDraw

from printer import render

ESC_J = b"\x1bJ"  # print and feed n motion units (one dot on 203 dpi printers)
MAX_FEED = 255
#: Blank runs shorter than this stay inside a band: fewer, taller bands.
MERGE_GAP = 8
#: python-escpos splits images taller than this into several GS v 0 bands.
BAND_HEIGHT = 960


class ImageTooWideError(ValueError):
    """The raster is wider than the printer profile's print head."""


def ticket_bytes(
    image: Image.Image,
    *,
    profile: str = "default",
    cut: bool = True,
    compact: bool = True,
    band_height: int = BAND_HEIGHT,
) -> bytes:
    """ESC/POS job that prints `image` centred, then feeds and cuts."""
    bitmap = to_bitmap(image)
    printer = _printer(profile, bitmap.width)
    printer.hw("INIT")
    # Alignment first: the printer centres each narrower band. python-escpos's
    # own `center=` needs a profile width, and raises for native QR codes.
    printer.set(align="center")
    if compact and bitmap.width % 8 == 0:
        _print_compact(printer, bitmap, band_height)
    else:
        printer.image(bitmap, impl="bitImageRaster", fragment_height=band_height)
    if cut:
        printer.cut()  # ESC d 6, GS V 0; only the feed if the profile has no cutter
    else:
        printer.print_and_feed(6)  # past the tear bar
    return bytes(printer.output)


def to_bitmap(image: Image.Image) -> Image.Image:
    """Mode "1", black ink on white; transparency is laid on white first."""
    if image.mode == "1":
        return image
    rgba = image.convert("RGBA")
    flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat.alpha_composite(rgba)
    return flat.convert("L").convert("1")


def ink_runs(bitmap: Image.Image) -> list[tuple[int, int]]:
    """[top, bottom) row ranges holding ink; gaps under MERGE_GAP are merged."""
    ink = ImageChops.invert(bitmap).tobytes()
    stride = (bitmap.width + 7) // 8
    blank = bytes(stride)
    runs: list[tuple[int, int]] = []
    for y in range(bitmap.height):
        if ink[y * stride : (y + 1) * stride] == blank:
            continue
        if runs and y - runs[-1][1] < MERGE_GAP:
            runs[-1] = (runs[-1][0], y + 1)
        else:
            runs.append((y, y + 1))
    return runs


def centred_band(bitmap: Image.Image, top: int, bottom: int) -> Image.Image:
    """Rows top..bottom cropped to the narrowest byte-aligned width that is
    centred on the ticket and holds all their ink."""
    width = bitmap.width
    box = ImageChops.invert(bitmap.crop((0, top, width, bottom))).getbbox()
    left_ink, right_ink = (box[0], box[2]) if box else (width // 2, width // 2)
    half = max(width / 2 - left_ink, right_ink - width / 2)
    band_bytes = max(1, min(width // 8, -(-int(2 * half) // 8)))
    left = (width - 8 * band_bytes) // 2  # exact: the printer centres the same way
    return bitmap.crop((left, top, left + 8 * band_bytes, bottom))


def test_page_image(width_px: int) -> Image.Image:
    """The admin's test page: print width, edges, Vietnamese text, a QR code."""
    render.check_width(width_px)
    inner = width_px - 2 * render.margin(width_px)
    lines = [
        ("TRANG IN THỬ · TEST PAGE", 30, True),
        (f"Độ rộng in: {width_px} điểm ({width_px // 8} byte)", 24, False),
        ("ĂÂĐÊÔƠƯ ăâđêôơư", 28, True),
        ("Tiếng Việt: ỹ ự ờ ẫ ổ ữ ậ ị", 24, False),
    ]
    blocks = [render.Block(_edge_ruler(width_px), 0)]
    blocks += [
        render.Block(render.text_block(text, size, inner, bold=bold), 12)
        for text, size, bold in lines
    ]
    blocks += [
        render.Block(render.number_block("0123456789", inner, width_px // 5), 16),
        render.Block(
            render.qr_block("motcua test page", render.qr_target(width_px)), 8
        ),
        render.Block(_edge_ruler(width_px), 8),
    ]
    return render.stack(blocks, width_px)


def _edge_ruler(width_px: int) -> Image.Image:
    """Ticks every 8 dots and a frame touching both edges: a clipped edge or
    a shifted image shows at once."""
    image = Image.new("1", (width_px, 40), 0)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width_px - 1, 39), outline=render.INK, width=2)
    for x in range(0, width_px, 8):
        length = 30 if x % 64 == 0 else 14
        draw.line((x, 0, x, length), fill=render.INK)
    return image


def _print_compact(printer: Dummy, bitmap: Image.Image, band_height: int) -> None:
    y = 0
    for top, bottom in ink_runs(bitmap):
        _feed(printer, top - y)
        band = centred_band(bitmap, top, bottom)
        printer.image(band, impl="bitImageRaster", fragment_height=band_height)
        y = bottom
    _feed(printer, bitmap.height - y)


def _feed(printer: Dummy, dots: int) -> None:
    while dots > 0:
        step = min(dots, MAX_FEED)
        printer._raw(ESC_J + bytes((step,)))
        dots -= step


def _printer(profile: str, width: int) -> Dummy:
    try:
        printer = Dummy(profile=profile)
    except KeyError:
        raise ValueError(f"unknown printer profile: {profile!r}") from None
    media = printer.profile.profile_data.get("media", {})
    max_width = media.get("width", {}).get("pixels")
    if isinstance(max_width, int):
        if width > max_width:
            raise ImageTooWideError(
                f"image is {width} dots wide; profile {profile!r} prints {max_width}"
            )
        return printer
    # Without a width python-escpos prints a notice to stdout on every image;
    # pin it on this instance (profile_data is shared by the profile class).
    pinned = {**media, "width": {**media.get("width", {}), "pixels": width}}
    printer.profile.profile_data = {**printer.profile.profile_data, "media": pinned}
    return printer
