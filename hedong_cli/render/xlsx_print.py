"""How a workbook prints: the page set-up and the row heights shared by the 台账 and the 分工方案 xlsx.

A4 landscape, one page wide, the header row(s) repeated on every page, the unit and the sheet's name in
the page header and "第 N 页 共 M 页" in the footer. Spreadsheets do not grow a row for wrapped text when
they open or print a file (the height is stored), so each row is given the lines its wrapped cells need,
measured the way ``cell_lines`` says; a row too short cuts its text on paper.

Widths are in Excel's unit, the width of a digit in the workbook's default font (Calibri 11: 7 px at
96 dpi, 5.25 pt). A4 landscape less 2 × 0.5 in of margin is 770 pt, about 140 such units with each
column's padding: columns that add up to no more than ``PAGE_UNITS`` print at 100 %, so their text
prints at the size its style names.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from hedong_cli.common.messages import t
from hedong_cli.documents.ledger import xml_safe

FONT_NAME = "等线"  # Excel's and WPS's default Chinese face (DengXian)
GB2312_CHARSET = 134  # tells a spreadsheet without 等线 to substitute a Simplified Chinese face
MAX_ROW_HEIGHT_PT = 409.0  # Excel's limit
LINE_SPACING = 1.45  # a CJK face's line height, in em (Noto Sans CJK and 等线 are about 1.3-1.45)
PAGE_UNITS = 138  # the widths one landscape A4 page holds at 100 % (see above)
MARGIN_IN = 0.5
HEADER_PT = 11  # the page header and footer (a whole number: the &nn code takes no fraction)


def line_height(font_pt: float) -> float:
    """Points one line of wrapped text takes at ``font_pt``."""
    return round(font_pt * LINE_SPACING, 1)


def display_width(text: str) -> int:
    """Columns a string takes on screen or in a cell: East Asian wide and fullwidth characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def cell_lines(text: str, width: float, font_pt: float = 11) -> int:
    """Lines ``text`` takes in a wrapped cell ``width`` units wide at ``font_pt``. At 11 pt a CJK character
    is about 2.2 units wide and a narrow one 1.1, on the safe side (both scale with the size), and the
    cell keeps about one unit of padding."""
    usable = max(width - 1.2, 1.0)
    wide, narrow = 2.2 * font_pt / 11, 1.1 * font_pt / 11
    lines = 0
    for part in text.split("\n"):
        units = sum(wide if unicodedata.east_asian_width(ch) in ("W", "F") else narrow for ch in part)
        lines += max(math.ceil(units / usable), 1)
    return lines


def row_height(values: list[object], widths: list[float], wrapped: list[bool], font_pt: float = 11) -> float | None:
    """The height (points) that shows every wrapped cell of a row whole; None: the default one line."""
    lines = 1
    for value, width, wrap in zip(values, widths, wrapped, strict=True):
        if wrap and value not in (None, ""):
            lines = max(lines, cell_lines(str(value), width, font_pt))
    return min(lines * line_height(font_pt) + 3, MAX_ROW_HEIGHT_PT) if lines > 1 else None


def max_lines(font_pt: float) -> int:
    """The most lines of wrapped text a row can show: Excel's highest row holds no more."""
    return int((MAX_ROW_HEIGHT_PT - 3) // line_height(font_pt))


def fit_text(text: str, width: float, font_pt: float, tail: str) -> str:
    """``text`` whole when a cell ``width`` wide shows it within ``max_lines``; else its longest start that
    fits with ``tail`` (which says where the rest is) after it."""
    lines = max_lines(font_pt)
    if cell_lines(text, width, font_pt) <= lines:
        return text
    low, high = 0, len(text)  # the longest prefix that fits lies in [low, high)
    while high - low > 1:
        middle = (low + high) // 2
        if cell_lines(text[:middle].rstrip() + tail, width, font_pt) <= lines:
            low = middle
        else:
            high = middle
    return text[:low].rstrip() + tail


def print_setup(ws: Any, unit: str, title_rows: str | None, footnote: str | None = None) -> None:
    """A4 landscape, one page wide, the unit and the sheet in the header, "第 N 页 共 M 页" below, and
    ``footnote`` (a note on what a mark in the sheet means) at the foot's left on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = MARGIN_IN
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows:
        ws.print_title_rows = title_rows
    # Header and footer codes: &A is the sheet's name, &P the page, &N the pages; && is a literal &.
    ws.oddHeader.left.text = header_text(unit)
    ws.oddHeader.right.text = "&A"
    ws.oddFooter.center.text = t("ldg_footer")
    parts = [ws.oddHeader.left, ws.oddHeader.right, ws.oddFooter.center]
    if footnote:
        ws.oddFooter.left.text = header_text(footnote)
        parts.append(ws.oddFooter.left)
    for part in parts:
        part.font = f"{FONT_NAME},Regular"
        part.size = HEADER_PT


def header_text(text: str) -> str:
    """User text for a page header or footer: XML-legal, its & doubled so that it is not read as a code."""
    return xml_safe(text).replace("&", "&&")


def default_font(workbook: Any) -> None:
    """Make 等线 11 the workbook's default font, as in Excel and WPS for Chinese, instead of openpyxl's
    Calibri. Column widths are counted in the default font's digits, so a spreadsheet that lacks Calibri
    (LibreOffice on Linux puts DejaVu Sans, a third wider, in its place) would widen every column and
    print the sheet smaller. Call it on a new workbook, before any style is added."""
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    font = Font(name=FONT_NAME, sz=11, family=2, charset=GB2312_CHARSET)
    workbook._fonts = IndexedList([font])  # openpyxl keeps the default font as the first of the list
    workbook._named_styles["Normal"].font = font
