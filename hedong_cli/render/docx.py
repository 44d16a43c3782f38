"""The briefing as a Word 督查通报 laid out to GB/T 9704-2012 (党政机关公文格式).

- Page: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, so the text block is
  156 mm × 225 mm; a document grid of 22 lines × 28 characters (``w:docGrid``).
- Text: title 二号 方正小标宋简体, broken between words at the point the message chooses; body 三号
  仿宋_GB2312; level-1 headings 黑体, level-2 headings 楷体_GB2312; East Asian font names on every
  style and run, their alternates and zh-CN in the package (``docx_package``).
- Page numbers: 四号 宋体 "— 1 —", odd pages right and even pages left, one character in from the
  edge, 7 mm below the text block.
- Tables: column widths follow the content (``column_widths``); cells that must not break (ids,
  dates, numbers, lights) get ``w:noWrap`` and room for their whole text; header rows bold, shaded
  and repeated on every page; no row split across pages. Tables are 五号, off the line grid, so a
  seven-column table fits and its rows are not stretched to the grid's line pitch.

This module holds the styles, the page and the tables; ``briefing_docx`` assembles the 通报 from
them. python-docx is imported inside the functions, when a Word briefing is asked for.
"""

from __future__ import annotations

import math
from typing import Any

from hedong_cli.render.briefing_blocks import Table
from hedong_cli.render.docx_base import (
    BODY_PT,
    CELL_MARGIN_PT,
    TABLE_PT,
    add_run,
    add_text,
    column_widths,
    fonts_element,
    lang_element,
    off_grid,
    set_table_property,
)
from hedong_cli.render.docx_base import clean as clean  # the 分工方案 (plan_doc) takes these from here
from hedong_cli.render.docx_package import fix_package as fix_package

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

TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_PT = 20


def grid_pitches() -> tuple[int, int]:
    """(line pitch in twips, character spacing in 1/4096 pt) for 22 lines × 28 三号 characters."""
    line_pitch = int(TEXT_HEIGHT_MM * TWIPS_PER_MM / GRID_LINES)  # rounded down, so 22 lines fit
    char_pitch_pt = TEXT_WIDTH_MM * TWIPS_PER_MM / TWIPS_PER_PT / GRID_CHARS
    return line_pitch, math.floor((char_pitch_pt - BODY_PT) * 4096)  # down: 28 characters fit


def _style(doc: Any, name: str, font: str, size: float, *, bold: bool = False, base: str | None = "Normal") -> Any:
    """A paragraph style with its font (Latin and East Asian names), size, weight and zh-CN; based on
    ``base`` (Normal) unless it is Normal itself."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base is not None and name != base:
        style.base_style = styles[base]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    r_pr = style.element.get_or_add_rPr()
    for old in r_pr.findall(qn("w:rFonts")):  # theme fonts there would override the names
        r_pr.remove(old)
    r_pr.insert(0, fonts_element(font))
    for old in r_pr.findall(qn("w:lang")):
        r_pr.remove(old)
    r_pr.append(lang_element())
    return style


def _defaults(doc: Any) -> None:
    """docDefaults: 仿宋_GB2312 三号 zh-CN, so the grid's character pitch is measured against 三号."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(r_pr):
        r_pr.remove(child)
    r_pr.append(fonts_element(BODY_FONT))
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), str(BODY_PT * 2))
        r_pr.append(size)
    r_pr.append(lang_element())


def _styles(doc: Any) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt, Twips

    _defaults(doc)
    normal = _style(doc, "Normal", BODY_FONT, BODY_PT)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Twips(grid_pitches()[0])
    off_grid(normal)
    title = _style(doc, "Brief Title", TITLE_FONT, TITLE_PT)
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    body = _style(doc, "Brief Body", BODY_FONT, BODY_PT)
    body.paragraph_format.first_line_indent = Pt(BODY_PT * 2)  # 首行缩进两字
    body.paragraph_format.widow_control = False  # the body fills each page to its 22nd line
    table = _style(doc, "Brief Table", BODY_FONT, TABLE_PT)
    table.paragraph_format.first_line_indent = Pt(0)
    table.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # small print keeps its own height
    for name, font in (("Heading 1", H1_FONT), ("Heading 2", H2_FONT)):
        heading = _style(doc, name, font, HEADING_PT)
        heading.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.space_before = Pt(6)
        heading.paragraph_format.space_after = Pt(0)


# -- page: size, grid, page numbers ---------------------------------------------------------------


def _page(doc: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    # The footer's bottom edge sits so that the number's top is 7 mm below the text block.
    section.footer_distance = Mm(MARGINS_MM["bottom"] - PAGE_NUMBER_GAP_MM) - Pt(PAGE_PT * 1.3)
    section.header_distance = Mm(15)
    line_pitch, char_space = grid_pitches()
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")  # not linesAndChars: LibreOffice then breaks inside figures
    grid.set(qn("w:linePitch"), str(line_pitch))
    grid.set(qn("w:charSpace"), str(char_space))
    sect_pr.append(grid)
    page_numbers(doc, section)


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
