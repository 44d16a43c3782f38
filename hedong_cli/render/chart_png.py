"""Progress bars as PNG images, drawn in pure Python (zlib + struct), for the Word briefing.

Word has no vector drawing that python-docx can write, and an image library would cost start-up
time and a dependency for a few rectangles. Each chart row gets its own small image: a grey track,
a blue bar up to the mean progress and a red marker at that row's own expected progress (序时进度
for amounts, 100% for rates). The labels stay real text in the table around the images, so they
keep the document's fonts and can be searched and copied. Same input, same bytes.
"""

from __future__ import annotations

import struct
import zlib

Colour = tuple[int, int, int]

WHITE: Colour = (255, 255, 255)
TRACK: Colour = (224, 224, 224)
BAR: Colour = (74, 111, 165)  # the HTML chart's blue
MARK: Colour = (198, 40, 40)  # the HTML chart's red
TICK: Colour = (150, 150, 150)

WIDTH, HEIGHT = 480, 40  # pixels; drawn at about 70 mm x 6 mm, so about 170 dpi
BAR_TOP, BAR_BOTTOM = 10, 30
MARK_WIDTH = 4


def png(width: int, height: int, pixels: list[bytearray]) -> bytes:
    """An 8-bit RGB PNG from ``height`` rows of ``width * 3`` bytes each."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(row) for row in pixels)  # filter type 0 on every scanline
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def _fill(pixels: list[bytearray], x0: int, y0: int, x1: int, y1: int, colour: Colour) -> None:
    span = bytes(colour) * max(x1 - x0, 0)
    for y in range(max(y0, 0), min(y1, len(pixels))):
        pixels[y][x0 * 3 : x1 * 3] = span


def _x(pct: float) -> int:
    return round(min(max(pct, 0.0), 100.0) / 100 * (WIDTH - 1))


def progress_bar(mean: float, expected: float) -> bytes:
    """One row of the chart: ``mean`` progress as a bar, ``expected`` as a red marker (both in %)."""
    pixels = [bytearray(bytes(WHITE) * WIDTH) for _ in range(HEIGHT)]
    _fill(pixels, 0, BAR_TOP, WIDTH, BAR_BOTTOM, TRACK)
    _fill(pixels, 0, BAR_TOP, _x(mean), BAR_BOTTOM, BAR)
    for quarter in (25, 50, 75):  # faint ticks under the bar help read it without a scale
        tick = _x(quarter)
        _fill(pixels, tick, BAR_BOTTOM, tick + 1, BAR_BOTTOM + 4, TICK)
    centre = _x(expected)
    left = min(max(centre - MARK_WIDTH // 2, 0), WIDTH - MARK_WIDTH)
    _fill(pixels, left, 2, left + MARK_WIDTH, HEIGHT - 2, MARK)
    return png(WIDTH, HEIGHT, pixels)
