"""Test stand-ins for the far end of a printer cable: a TCP listener that
behaves like a port-9100 printer, and a decoder from ESC/POS bytes back to
the printed picture. No mocks: real sockets, real bytes."""

from __future__ import annotations

import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from typing import Self

from PIL import Image, ImageChops

DLE_EOT = b"\x10\x04"


class FakePrinter:
    """Listens on 127.0.0.1 (ephemeral port) in a thread, like a printer.

    mode "collect": reads each connection to its end, keeps the bytes, and
        answers DLE EOT n with `replies[n]` when given.
    mode "stall": accepts, then never reads (a jammed or hung printer) until
        the mode is changed.
    mode "drop": reads `drop_after` bytes of each connection, then closes;
        with `abort` it resets the connection (power loss) instead.
    `mode` may be changed while it runs; it applies from the next connection.
    Connections that carry only status queries are not jobs (`queries` counts them).
    """

    def __init__(
        self,
        mode: str = "collect",
        *,
        replies: dict[int, bytes] | None = None,
        drop_after: int = 1024,
        abort: bool = False,
        rcvbuf: int | None = None,
        port: int = 0,
    ) -> None:
        self.mode, self.replies = mode, replies or {}
        self.drop_after, self.abort = drop_after, abort
        self.jobs: list[bytes] = []
        self.received = 0
        self.queries = 0
        self._stop = threading.Event()
        self._job_done = threading.Condition()
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if rcvbuf:  # set before listen(): accepted sockets inherit it
            self._server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", port))
        self._server.listen(4)
        self._server.settimeout(0.05)
        self.port = self._server.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def config(self) -> dict[str, object]:
        return {"kind": "network", "host": "127.0.0.1", "port": self.port}

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._server.close()

    def wait_for_jobs(self, count: int, timeout: float = 5.0) -> list[bytes]:
        with self._job_done:
            self._job_done.wait_for(lambda: len(self.jobs) >= count, timeout)
        return list(self.jobs)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            with conn:
                getattr(self, f"_{self.mode}")(conn)

    def _collect(self, conn: socket.socket) -> None:
        conn.settimeout(0.05)
        data = bytearray()
        while not self._stop.is_set():
            try:
                chunk = conn.recv(65536)
            except TimeoutError:
                continue
            if not chunk:
                break
            data += chunk
            self._answer_status_queries(conn, data, len(chunk))
        with self._job_done:
            if data and data.replace(DLE_EOT + b"\x02", b"").replace(
                DLE_EOT + b"\x04", b""
            ):
                self.jobs.append(bytes(data))
            else:
                self.queries += 1
            self._job_done.notify_all()

    def _answer_status_queries(
        self, conn: socket.socket, data: bytearray, new: int
    ) -> None:
        start = max(0, len(data) - new - 2)
        while (at := data.find(DLE_EOT, start)) >= 0 and at + 2 < len(data):
            reply = self.replies.get(data[at + 2])
            if reply:
                conn.sendall(reply)
            start = at + 3

    def _stall(self, conn: socket.socket) -> None:
        while self.mode == "stall" and not self._stop.wait(0.05):
            pass

    def _drop(self, conn: socket.socket) -> None:
        conn.settimeout(2.0)
        got = 0
        while got < self.drop_after:
            try:
                chunk = conn.recv(min(4096, self.drop_after - got))
            except TimeoutError:  # a status query, not a job: nothing more comes
                return
            if not chunk:
                return
            got += len(chunk)
            self.received += len(chunk)
        if self.abort:  # RST instead of FIN
            conn.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class DecodedJob:
    image: Image.Image  # mode "1", black on white, the printer's width
    bands: int = 0
    cuts: list[int] = field(default_factory=list)
    feed_lines: int = 0
    commands: list[str] = field(default_factory=list)


def decode_escpos(data: bytes, width_px: int) -> DecodedJob:
    """Rebuild what a printer `width_px` dots wide would print from `data`.

    Knows ESC @, ESC a, ESC J (dots), ESC d and LF (lines, counted apart
    from the picture), GS v 0 raster bands (any number, narrower bands
    placed by the current justification), GS V cuts and DLE EOT queries;
    anything else is an error, so stray bytes fail the test.
    """
    placed: list[tuple[int, int, Image.Image]] = []
    job = DecodedJob(Image.new("1", (width_px, 0), 255))
    align, y, i = 0, 0, 0
    while i < len(data):
        head = data[i : i + 2]
        if head == b"\x1b@":
            align, i = 0, i + 2
            job.commands.append("init")
        elif head == b"\x1ba":
            align, i = data[i + 2] % 48, i + 3
            job.commands.append(f"align {align}")
        elif head == b"\x1bJ":
            y, i = y + data[i + 2], i + 3
            job.commands.append(f"feed {data[i - 1]} dots")
        elif head == b"\x1bd":
            job.feed_lines, i = job.feed_lines + data[i + 2], i + 3
            job.commands.append(f"feed {data[i - 1]} lines")
        elif data[i] == 0x0A:
            job.feed_lines, i = job.feed_lines + 1, i + 1
            job.commands.append("LF")
        elif data[i : i + 3] == b"\x1dv0":
            band, i = _raster(data, i)
            x = _band_x(align, width_px, band.width)
            placed.append((x, y, band))
            y += band.height
            job.bands += 1
            job.commands.append(f"raster {band.width}x{band.height}")
        elif head == b"\x1dV":
            mode = data[i + 2]
            job.cuts.append(mode)
            i += 4 if mode in (65, 66) else 3
            job.commands.append("cut")
        elif head == DLE_EOT:
            job.commands.append(f"status query {data[i + 2]}")
            i += 3
        else:
            raise ValueError(f"unexpected byte 0x{data[i]:02x} at offset {i}")
    job.image = _compose(placed, width_px, y)
    return job


def _raster(data: bytes, i: int) -> tuple[Image.Image, int]:
    mode = data[i + 3]
    width_bytes = data[i + 4] + 256 * data[i + 5]
    height = data[i + 6] + 256 * data[i + 7]
    start, end = i + 8, i + 8 + width_bytes * height
    if end > len(data):
        raise ValueError(f"raster band at {i} cut short")
    # GS v 0 sets a bit for a printed dot; mode "1" sets it for white.
    band = ImageChops.invert(
        Image.frombytes("1", (width_bytes * 8, height), data[start:end])
    )
    if mode % 48 & 1:
        band = band.resize((band.width * 2, band.height), Image.Resampling.NEAREST)
    if mode % 48 & 2:
        band = band.resize((band.width, band.height * 2), Image.Resampling.NEAREST)
    return band, end


def _band_x(align: int, width_px: int, band_width: int) -> int:
    if band_width > width_px:
        raise ValueError(f"band {band_width} dots wide on a {width_px}-dot printer")
    return {0: 0, 1: (width_px - band_width) // 2, 2: width_px - band_width}[align]


def _compose(
    placed: list[tuple[int, int, Image.Image]], width: int, height: int
) -> Image.Image:
    canvas = Image.new("1", (width, height), 255)
    for x, y, band in placed:
        canvas.paste(band, (x, y))
    return canvas


def ink_blocks(image: Image.Image) -> list[tuple[int, int, int, int]]:
    """Bounding boxes of runs of consecutive rows holding ink (black)."""
    ink = ImageChops.invert(image.convert("1"))
    stride = (image.width + 7) // 8
    data, blank = ink.tobytes(), bytes(stride)
    boxes, top = [], None
    for row in range(image.height + 1):
        inked = row < image.height and data[row * stride : (row + 1) * stride] != blank
        if inked and top is None:
            top = row
        elif not inked and top is not None:
            box = ink.crop((0, top, image.width, row)).getbbox()
            assert box is not None
            boxes.append((box[0], top, box[2], row))
            top = None
    return boxes


def wait_until(predicate, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()
