"""The briefing as a Word 督查通报 laid out to GB/T 9704-2012 (党政机关公文格式).

- Page: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, so the text block is
  156 mm × 225 mm; a document grid of 22 lines × 28 characters (``w:docGrid``).
- Text: title 二号 方正小标宋简体, broken between words at the point the message chooses; body 三号
  仿宋_GB2312; level-1 headings 黑体, level-2 headings 楷体_GB2312; East Asian font names on every
  style and run. The styles, the page, the grid, the fonts' alternates and zh-CN everywhere come
  from the shipped template ``templates/gongwen.docx``, which ``scripts/build_docx_template.py``
  builds from python-docx's default template.
- Page numbers: 四号 宋体 "— 1 —", odd pages right and even pages left, one character in from the
  edge, 7 mm below the text block.
- Tables: column widths follow the content (``column_widths``); cells that must not break (ids,
  dates, numbers, lights) get ``w:noWrap`` and room for their whole text; header rows bold, shaded
  and repeated on every page; no row split across pages. Tables are 五号, off the line grid, so a
  seven-column table fits and its rows are not stretched to the grid's line pitch.

This module opens the template and holds the page numbers, the 版头's lines, the title and the tables;
``briefing_docx`` assembles the 通报 from them, ``plan_doc`` the 分工方案. python-docx is imported
inside the functions, when a Word document is asked for.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from hedong_cli.render.briefing_blocks import Table
from hedong_cli.render.docx_base import (
    BODY_PT,
    CELL_MARGIN_PT,
    TABLE_PT,
    add_run,
    add_text,
    column_widths,
    off_grid,
    set_table_property,
)
from hedong_cli.render.docx_base import clean as clean  # the 分工方案 (plan_doc) takes these from here

TITLE_FONT, TITLE_PT = "方正小标宋简体", 22  # 二号
H1_FONT, H2_FONT, HEADING_PT = "黑体", "楷体_GB2312", 16  # 三号
BODY_FONT = "仿宋_GB2312"  # 三号 (BODY_PT)
PAGE_FONT, PAGE_PT = "宋体", 14  # 四号
META_PT = 12  # 小四: the period line is longer than 28 三号 characters
NOTE_PT = 14  # 四号
ISSUER_MAX_PT = 36  # 发文机关标志: as large as fits one line, at most 小初
ISSUER_RED = "FF0000"
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
PAGE_MM = (210, 297)
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 156
TEXT_HEIGHT_MM = PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]  # 225
GRID_LINES, GRID_CHARS = 22, 28
PAGE_NUMBER_GAP_MM = 7  # from the text block down to the top of the page number
BAR_MM = (60, 5)  # size of a chart bar image
# Text paragraphs keep off the document grid and follow its metrics themselves: LibreOffice gives a
# 16 pt character two cells of a 15.79 pt grid (Word squeezes it into one), and both snap half-width
# digits to whole cells. So 三号 runs are condensed by ¼ pt (``docx_base.GRID_CONDENSE_TWIPS``: 28 ×
# 15.75 pt fit the 156 mm line) and lines are exactly one grid pitch high (22 fill the 225 mm block).
# The docGrid stays declared, so text typed into the file later in Word or WPS lands on the same grid.

TEMPLATE = Path(__file__).parent / "templates" / "gongwen.docx"  # scripts/build_docx_template.py makes it
TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_PT = 20


def grid_pitches() -> tuple[int, int]:
    """(line pitch in twips, character spacing in 1/4096 pt) for 22 lines × 28 三号 characters."""
    line_pitch = int(TEXT_HEIGHT_MM * TWIPS_PER_MM / GRID_LINES)  # rounded down, so 22 lines fit
    char_pitch_pt = TEXT_WIDTH_MM * TWIPS_PER_MM / TWIPS_PER_PT / GRID_CHARS
    return line_pitch, math.floor((char_pitch_pt - BODY_PT) * 4096)  # down: 28 characters fit


def new_document() -> Any:
    """A python-docx Document opened from the shipped template: its styles, page and grid, zh-CN."""
    import docx

    return docx.Document(str(TEMPLATE))


def footer_distance(bottom_margin_mm: float) -> Any:
    """The footer distance that puts the page number's top 7 mm below the text block."""
    from docx.shared import Mm, Pt

    return Mm(bottom_margin_mm - PAGE_NUMBER_GAP_MM) - Pt(PAGE_PT * 1.3)


def without_grid(doc: Any) -> None:
    """Turn the template's document grid off in the last section: a landscape table (the 分工方案) has
    lines of its own, and LibreOffice would centre the portrait grid's lines on its page."""
    from docx.oxml.ns import qn

    grid = doc.element.body.sectPr.find(qn("w:docGrid"))
    for attribute in ("w:type", "w:charSpace"):
        grid.attrib.pop(qn(attribute), None)  # a docGrid without a type is no grid


# -- page numbers -----------------------------------------------------------------------------------


def page_numbers(doc: Any, section: Any) -> None:
    """GB/T 9704 page numbers in ``section``: "— N —", odd pages right and even pages left."""
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _page_number(paragraph: Any, *, odd: bool) -> None:
    """ "— N —" in 四号 宋体, the N a PAGE field; odd pages right, even left, one character in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from hedong_cli.common.messages import t

    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    if odd:
        fmt.right_indent = Pt(PAGE_PT)
    else:
        fmt.left_indent = Pt(PAGE_PT)
    off_grid(paragraph)
    before, after = t("doc_page", n="\x00").split("\x00")
    add_run(paragraph, before, PAGE_FONT, PAGE_PT)
    for kind, instruction in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = add_run(paragraph, "", PAGE_FONT, PAGE_PT)
        if kind is not None:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        elif instruction == "1":
            run.text = "1"  # shown until Word updates the field
        else:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = instruction
            run._r.append(code)
    add_run(paragraph, after, PAGE_FONT, PAGE_PT)


# -- 版头, title, 版记 ----------------------------------------------------------------------------


def _split_line(doc: Any, left: str, right: str, size: float, *, indent_pt: float = 0) -> Any:
    """One line with ``left`` at the left edge and ``right`` against the right edge (a right tab)."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt

    paragraph = doc.add_paragraph(style="Brief Table")
    off_grid(paragraph)
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = Pt(indent_pt), Pt(indent_pt)
    fmt.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM) - Pt(2 * indent_pt), WD_TAB_ALIGNMENT.RIGHT)
    add_run(paragraph, f"{left}\t{right}" if left else f"\t{right}", BODY_FONT, size)
    return paragraph


def _title(doc: Any, lines: list[str]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    title = doc.add_paragraph(style="Brief Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, line in enumerate(lines):
        run = add_run(title, line, TITLE_FONT, TITLE_PT)
        if index < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)  # the chosen break: between words, never inside one


# -- tables ---------------------------------------------------------------------------------------


SPLITTABLE_CHARS = 1500  # a cell longer than this may run over a page break; shorter rows never split
SHORT_TABLE_ROWS = 8  # a table this short is kept on one page, as in the HTML


def _table(doc: Any, table: Table, widths_pt: list[float] | None = None, *, keep_together: bool | None = None) -> Any:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    width_pt = TEXT_WIDTH_MM * TWIPS_PER_MM / TWIPS_PER_PT
    widths = widths_pt or column_widths(table, width_pt)
    keep = len(table.rows) <= SHORT_TABLE_ROWS if keep_together is None else keep_together
    grid = doc.add_table(rows=1 + len(table.rows), cols=len(table.headers))
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    tbl_pr = grid._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")  # the widths below, not Word's own guess from the content
    set_table_property(tbl_pr, layout)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(CELL_MARGIN_PT * TWIPS_PER_PT)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    set_table_property(tbl_pr, margins)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Pt(width)
    # Set the paragraph style by id: python-docx's by-name lookup scans every style each time.
    style_id = doc.styles["Brief Table"].style_id
    for index, (row, values) in enumerate(zip(grid.rows, [table.headers, *table.rows], strict=True)):
        tr_pr = row._tr.get_or_add_trPr()
        if max(map(len, values)) <= SPLITTABLE_CHARS:  # a row is never broken across pages…
            tr_pr.append(OxmlElement("w:cantSplit"))  # …unless it holds more than a page can (a 32k note)
        if index == 0:
            header = OxmlElement("w:tblHeader")  # repeat the header row on every page
            header.set(qn("w:val"), "true")
            tr_pr.append(header)
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = Pt(widths[column])
            tc_pr = cell._tc.get_or_add_tcPr()
            if index == 0:
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:color"), "auto")
                shading.set(qn("w:fill"), "D9D9D9")
                tc_pr.append(shading)
            if column not in table.flexible:
                tc_pr.append(OxmlElement("w:noWrap"))  # ids, dates, numbers: one piece, never broken
            paragraph = cell.paragraphs[0]
            paragraph._p.style = style_id
            if index == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif column in table.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            add_text(paragraph, value, H1_FONT if index == 0 else BODY_FONT, TABLE_PT, bold=index == 0)
            if keep and index < len(table.rows):
                paragraph.paragraph_format.keep_with_next = True  # Word's way to keep a table on one page
    return grid
