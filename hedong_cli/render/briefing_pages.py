"""How many pages the 通报's body fills, counted on the 22 × 28 grid, and where its 版记 lands.

The html page makes the body a column that tall, so that the 版记 sits at the foot of its last page;
the Word file starts the 版记 on a page of its own only when the office asks for it on an even page
(GB/T 9704: the 版记 on the back of a sheet) and the body ends on an odd one. Both count the same lines.
"""

from __future__ import annotations

import math
import unicodedata

from hedong_cli.render.briefing_blocks import Document, Heading, Para
from hedong_cli.render.docx import GRID_CHARS, GRID_LINES

HEAD_LINES = 4 + 3  # 版头, title
SAFETY_LINES = 0  # the column, not the count, puts the 版记 at the foot
MAX_BODY_PAGES = 3
# The count runs a little short of the pages LibreOffice and Chromium set (a heading's line, a line
# pushed down by 禁则): a body that counts this many lines still ends on its third page.
SPARE_LINES = 3
MAX_BODY_LINES = MAX_BODY_PAGES * GRID_LINES - SPARE_LINES


def line_count(value: str, indent: int = 2) -> int:
    """Lines a paragraph takes: CJK, fullwidth and (in a zh-CN face) quotes one em, the rest 0.6."""
    width = sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.6 for ch in value)
    return max(1, math.ceil((indent + width) / GRID_CHARS))


def body_lines(doc: Document) -> int:
    """Grid lines of the body, 版记 included, as the page sets them."""
    lines = HEAD_LINES + line_count(doc.recipients, 0)
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines += line_count(block.text)
        elif isinstance(block, Para):
            lines += line_count(block.lead + block.text)
    lines += sum(line_count(line) for line in doc.attachment_list)
    return lines + (len(doc.colophon.lines()) if doc.colophon else 0) + SAFETY_LINES


def body_pages(doc: Document) -> int:
    """Pages the body fills with its 版记: the 版记 at the foot of the last, which is even when the
    office asks for it (one page more, holding the 版记 alone, when the body ends on an odd page)."""
    pages = math.ceil(body_lines(doc) / GRID_LINES)
    return pages + 1 if needs_blank_page(doc) else pages


def needs_blank_page(doc: Document) -> bool:
    """Whether the 版记 goes on a page of its own, after a body that ends on an odd page."""
    even = doc.colophon is not None and doc.colophon.even_page
    return even and math.ceil(body_lines(doc) / GRID_LINES) % 2 == 1


def surely_even(doc: Document) -> bool:
    """Whether the body, 版记 included, ends on an even page with lines to spare: the count runs a little
    short of the page (see MAX_BODY_LINES), so a body near a page's end may spill onto the next."""
    lines = body_lines(doc)
    pages = math.ceil(lines / GRID_LINES)
    return pages % 2 == 0 and lines <= pages * GRID_LINES - SPARE_LINES
