"""The briefing as a Word 督查通报 laid out to GB/T 9704-2012 (党政机关公文格式).

- Page: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, so the text block is
  156 mm × 225 mm; a document grid of 22 lines × 28 characters (``w:docGrid``).
- 版头: the 发文机关标志 in red 方正小标宋简体, the 期号 on its own line, the issuing office and the
  date, then the red separator line. 版记 at the end: 抄送, 印发机关 and 印发日期, a contact line
  (each left out when not configured, see ``hedong_cli.config``).
- Text: title 二号 方正小标宋简体, broken between words at the point the message chooses; body 三号
  仿宋_GB2312; level-1 headings 黑体, level-2 headings 楷体_GB2312; East Asian font names on every
  style and run, their alternates and zh-CN in the package (``docx_package``).
- Page numbers: 四号 宋体 "— 1 —", odd pages right and even pages left, one character in from the
  edge, 7 mm below the text block.
- Tables: column widths follow the content (``column_widths``); cells that must not break (ids,
  dates, numbers, lights) get ``w:noWrap`` and room for their whole text; header rows bold, shaded
  and repeated on every page; no row split across pages. Tables are 五号, off the line grid, so a
  seven-column table fits and its rows are not stretched to the grid's line pitch.
- The chart: per section, a PNG bar (``chart_png``) with a red marker at that section's own expected
  progress, the labels as text beside it.

python-docx is imported only here, when a Word briefing is asked for.
"""

from __future__ import annotations

import copy
import functools
import io
import re
from typing import Any

from hedong_cli.briefing import Briefing
from hedong_cli.render.briefing import Chart, Colophon, Heading, Masthead, Para, Table, document
from hedong_cli.render.docx_package import LANG, fix_package

TITLE_FONT, TITLE_PT = "方正小标宋简体", 22  # 二号
H1_FONT, H2_FONT, HEADING_PT = "黑体", "楷体_GB2312", 16  # 三号
BODY_FONT, BODY_PT = "仿宋_GB2312", 16  # 三号
PAGE_FONT, PAGE_PT = "宋体", 14  # 四号
META_PT = 12  # 小四: the period line is longer than 28 三号 characters
NOTE_PT = 14  # 四号
TABLE_PT = 10.5  # 五号: a table of seven columns does not fit A4 in 三号
ISSUER_MAX_PT = 36  # 发文机关标志: as large as fits one line, at most 小初
ISSUER_RED = "FF0000"
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
PAGE_MM = (210, 297)
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 156
TEXT_HEIGHT_MM = PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]  # 225
GRID_LINES, GRID_CHARS = 22, 28
PAGE_NUMBER_GAP_MM = 7  # from the text block down to the top of the page number
CELL_MARGIN_PT = 2.8  # left and right padding in table cells (0.1 cm)
BAR_MM = (60, 5)  # size of a chart bar image
# 三号 is 15.75 pt in the Chinese size scale; Word rounds it to 16 pt, a little wider than the grid's
# 15.79 pt character pitch. Word squeezes such characters into their cells, LibreOffice gives each
# two cells, and both snap half-width digits to whole cells. So text paragraphs keep off the grid and
# follow its metrics themselves: 三号 runs condensed by ¼ pt (28 × 15.75 pt fit the 156 mm line) and
# an exact line height of one grid line pitch (22 lines fill the 225 mm block). The docGrid stays
# declared, so anything typed into the file later in Word or WPS lands on the same 22 × 28 grid.
GRID_CONDENSE_TWIPS = -5

TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_PT = 20

# XML 1.0 cannot carry these; python-docx (lxml) raises on them. Tab and newline are kept.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """User text safe for WordprocessingML: control characters (and lone surrogates) removed."""
    return _XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def grid_pitches() -> tuple[int, int]:
    """(line pitch in twips, character spacing in 1/4096 pt) for 22 lines × 28 三号 characters."""
    line_pitch = int(TEXT_HEIGHT_MM * TWIPS_PER_MM / GRID_LINES)  # rounded down, so 22 lines fit
    char_pitch_pt = TEXT_WIDTH_MM * TWIPS_PER_MM / TWIPS_PER_PT / GRID_CHARS
    return line_pitch, int((char_pitch_pt - BODY_PT) * 4096)


# -- runs and styles -------------------------------------------------------------------------------


def _fonts_element(font: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(attribute), font)
    r_fonts.set(qn("w:hint"), "eastAsia")
    return r_fonts


def _lang_element() -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)
    return lang


@functools.lru_cache(maxsize=32)
def _run_properties(font: str, size: float, bold: bool, colour: str | None) -> Any:
    """A ``w:rPr`` (font Latin and East Asian, weight, colour, size, zh-CN), copied into each run."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_pr = OxmlElement("w:rPr")
    r_pr.append(_fonts_element(font))
    weight = OxmlElement("w:b")
    weight.set(qn("w:val"), "1" if bold else "0")
    r_pr.append(weight)
    if colour:
        color = OxmlElement("w:color")
        color.set(qn("w:val"), colour)
        r_pr.append(color)
    if size == BODY_PT:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(GRID_CONDENSE_TWIPS))
        r_pr.append(spacing)
    for tag in ("w:sz", "w:szCs"):
        half_points = OxmlElement(tag)
        half_points.set(qn("w:val"), str(round(size * 2)))
        r_pr.append(half_points)
    r_pr.append(_lang_element())
    return r_pr


def _run(paragraph: Any, value: str, font: str, size: float, *, bold: bool = False, colour: str | None = None) -> Any:
    run = paragraph.add_run(clean(value))
    run._r.insert(0, copy.deepcopy(_run_properties(font, size, bold, colour)))
    return run


def _style(doc: Any, name: str, font: str, size: float, *, bold: bool = False) -> Any:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != "Normal":
        style.base_style = styles["Normal"]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    r_pr = style.element.get_or_add_rPr()
    for old in r_pr.findall(qn("w:rFonts")):  # theme fonts there would override the names
        r_pr.remove(old)
    r_pr.insert(0, _fonts_element(font))
    for old in r_pr.findall(qn("w:lang")):
        r_pr.remove(old)
    r_pr.append(_lang_element())
    return style


# The order of a paragraph's properties in WordprocessingML (ECMA-376 CT_PPrBase); Word rejects others.
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)  # fmt: skip


# And of a table's properties (CT_TblPr).
TBLPR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize",
    "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
    "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
)  # fmt: skip


def _successors(tag: str, order: tuple[str, ...] = PPR_ORDER) -> tuple[str, ...]:
    """The tags that must follow ``tag`` in a paragraph's (or, with TBLPR_ORDER, a table's) properties."""
    return order[order.index(tag) + 1 :]


def _table_property(tbl_pr: Any, element: Any) -> None:
    """Put ``element`` into a table's properties at its schema place, replacing one already there."""
    from docx.oxml.ns import qn

    tag = element.tag.split("}")[1]
    for old in tbl_pr.findall(qn(f"w:{tag}")):
        tbl_pr.remove(old)
    tbl_pr.insert_element_before(element, *_successors(f"w:{tag}", TBLPR_ORDER))


def _off_grid(paragraph_or_style: Any) -> None:
    """Take a paragraph (or style) off the document grid: small print keeps its own line height."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p_pr = paragraph_or_style.element.get_or_add_pPr() if hasattr(paragraph_or_style, "element") else None
    if p_pr is None:
        p_pr = paragraph_or_style._p.get_or_add_pPr()
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    p_pr.insert_element_before(snap, *_successors("w:snapToGrid"))


def _defaults(doc: Any) -> None:
    """docDefaults: 仿宋_GB2312 三号 zh-CN, so the grid's character pitch is measured against 三号."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(r_pr):
        r_pr.remove(child)
    r_pr.append(_fonts_element(BODY_FONT))
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), str(BODY_PT * 2))
        r_pr.append(size)
    r_pr.append(_lang_element())


def _styles(doc: Any) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt, Twips

    _defaults(doc)
    normal = _style(doc, "Normal", BODY_FONT, BODY_PT)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Twips(grid_pitches()[0])
    _off_grid(normal)
    title = _style(doc, "Brief Title", TITLE_FONT, TITLE_PT)
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    body = _style(doc, "Brief Body", BODY_FONT, BODY_PT)
    body.paragraph_format.first_line_indent = Pt(BODY_PT * 2)  # 首行缩进两字
    body.paragraph_format.widow_control = True
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
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(line_pitch))
    grid.set(qn("w:charSpace"), str(char_space))
    sect_pr.append(grid)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _page_number(paragraph: Any, *, odd: bool) -> None:
    """ "— N —" in 四号 宋体, the N a PAGE field; odd pages right, even left, one character in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from hedong_cli.messages import t

    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    if odd:
        fmt.right_indent = Pt(PAGE_PT)
    else:
        fmt.left_indent = Pt(PAGE_PT)
    _off_grid(paragraph)
    before, after = t("doc_page", n="\x00").split("\x00")
    _run(paragraph, before, PAGE_FONT, PAGE_PT)
    for kind, instruction in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = _run(paragraph, "", PAGE_FONT, PAGE_PT)
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
    _run(paragraph, after, PAGE_FONT, PAGE_PT)


# -- 版头, title, 版记 ----------------------------------------------------------------------------


def _border(paragraph: Any, edge: str, size_eighths: int, colour: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p_pr = paragraph._p.get_or_add_pPr()
    borders = p_pr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        p_pr.insert_element_before(borders, *_successors("w:pBdr"))
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), "4")
    line.set(qn("w:color"), colour)
    borders.append(line)


def _split_line(doc: Any, left: str, right: str, size: float, *, indent_pt: float = 0) -> Any:
    """One line with ``left`` at the left edge and ``right`` against the right edge (a right tab)."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt

    paragraph = doc.add_paragraph(style="Brief Table")
    _off_grid(paragraph)
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = Pt(indent_pt), Pt(indent_pt)
    fmt.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM) - Pt(2 * indent_pt), WD_TAB_ALIGNMENT.RIGHT)
    _run(paragraph, f"{left}\t{right}" if left else f"\t{right}", BODY_FONT, size)
    return paragraph


def _masthead(doc: Any, masthead: Masthead) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    issuer = doc.add_paragraph(style="Brief Title")
    issuer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _off_grid(issuer)
    width_pt = TEXT_WIDTH_MM * TWIPS_PER_MM / TWIPS_PER_PT
    size = min(ISSUER_MAX_PT, int(width_pt / max(display_chars(masthead.issuer), 1)))
    issuer.paragraph_format.space_after = Pt(6)
    _run(issuer, masthead.issuer, TITLE_FONT, size, colour=ISSUER_RED)
    number = doc.add_paragraph(style="Brief Body")
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.first_line_indent = Pt(0)
    _run(number, masthead.number, BODY_FONT, BODY_PT)
    line = _split_line(doc, masthead.office, masthead.date, BODY_PT, indent_pt=BODY_PT)
    line.paragraph_format.space_after = Pt(BODY_PT)
    _border(line, "bottom", 12, ISSUER_RED)  # the red separator line, 1.5 pt, the width of the text block


def _title(doc: Any, lines: list[str]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    title = doc.add_paragraph(style="Brief Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, line in enumerate(lines):
        run = _run(title, line, TITLE_FONT, TITLE_PT)
        if index < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)  # the chosen break: between words, never inside one


def _colophon(doc: Any, colophon: Colophon) -> None:
    """版记 at the foot of the last page: a table floated to the bottom margin, thick rules first and
    last and thin ones between, 四号 仿宋, one character in on each side, 印发日期 against the right."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    lines: list[tuple[str, str]] = []
    if colophon.contact:
        lines.append((colophon.contact, ""))
    if colophon.copy_to:
        lines.append((colophon.copy_to, ""))
    if colophon.printer:
        lines.append((colophon.printer, colophon.date))
    grid = doc.add_table(rows=len(lines), cols=1)
    grid.autofit = False
    tbl_pr = grid._tbl.tblPr
    position = OxmlElement("w:tblpPr")  # floating: anchored to the bottom of the text block
    for attribute, value in (("vertAnchor", "margin"), ("horzAnchor", "margin"), ("tblpYSpec", "bottom")):
        position.set(qn(f"w:{attribute}"), value)
    _table_property(tbl_pr, position)
    borders = OxmlElement("w:tblBorders")
    for edge, size in (("top", 8), ("left", 0), ("bottom", 8), ("right", 0), ("insideH", 4), ("insideV", 0)):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single" if size else "nil")
        if size:
            line.set(qn("w:sz"), str(size))
            line.set(qn("w:color"), "000000")
        borders.append(line)
    _table_property(tbl_pr, borders)
    width = Mm(TEXT_WIDTH_MM)
    grid.columns[0].width = width
    style_id = doc.styles["Brief Table"].style_id
    for row, (left, right) in zip(grid.rows, lines, strict=True):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        cell = row.cells[0]
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph._p.style = style_id
        fmt = paragraph.paragraph_format
        fmt.left_indent = fmt.right_indent = Pt(NOTE_PT)
        fmt.space_before = fmt.space_after = Pt(3)
        fmt.tab_stops.add_tab_stop(width - Pt(2 * NOTE_PT + 2 * CELL_MARGIN_PT), WD_TAB_ALIGNMENT.RIGHT)
        _run(paragraph, f"{left}\t{right}" if right else left, BODY_FONT, NOTE_PT)
    doc.add_paragraph(style="Brief Table")  # a floating table is anchored to the paragraph after it


# -- tables ---------------------------------------------------------------------------------------


def display_chars(text: str) -> float:
    """Width of ``text`` in em: a CJK or fullwidth character is 1, anything else a little over ½
    (digits in the Chinese faces and their fallbacks run 0.5 to 0.55 em)."""
    import unicodedata

    return sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.56 for ch in text)


def _natural(text: str, size: float) -> float:
    """Points needed to show ``text`` (its longest line) unbroken, cell padding included."""
    longest = max((display_chars(line) for line in text.split("\n")), default=0.0)
    return longest * size + 2 * CELL_MARGIN_PT + 4


def column_widths(table: Table, width_pt: float, size: float = TABLE_PT) -> list[float]:
    """Column widths in points that add up to ``width_pt`` and follow the content.

    Columns that must not wrap (every column not in ``table.flexible``: ids, dates, numbers, lights,
    statuses) get the width of their longest cell or header. The flexible text columns share the
    rest in proportion to their longest cell, none narrower than its header allows (at most four
    characters of it, since a long header may wrap).
    """
    columns = range(len(table.headers))
    cells = [[row[i] for row in table.rows] for i in columns]
    # Headers are bold, and bold faces (or a renderer's synthetic bold) run about a tenth wider.
    natural = [max([_natural(c, size) for c in cells[i]] + [_natural(table.headers[i], size * 1.1)]) for i in columns]
    fixed = [i for i in columns if i not in table.flexible]
    flexible = [i for i in columns if i in table.flexible]
    padding = 2 * CELL_MARGIN_PT
    minimum = {i: max(min(natural[i], _natural(table.headers[i][:4], size)), 3 * size + padding) for i in flexible}
    widths = [0.0] * len(natural)
    fixed_total = sum(natural[i] for i in fixed)
    rest = width_pt - fixed_total
    if not flexible or rest < sum(minimum.values()):
        # All fixed, or too little room: scale what is there (the flexible columns at their minimum).
        wanted = {i: natural[i] for i in fixed} | minimum
        scale = width_pt / sum(wanted.values())
        return [wanted[i] * scale for i in columns]
    for i in fixed:
        widths[i] = natural[i]
    desired = sum(natural[i] for i in flexible)
    if desired <= rest:
        for i in flexible:
            widths[i] = natural[i] + (rest - desired) * natural[i] / desired
        return widths
    # Share the rest in proportion to content, lifting any column below its minimum to it.
    floor: dict[int, float] = {}
    while True:
        free = [i for i in flexible if i not in floor]
        room = rest - sum(floor.values())
        share = sum(natural[i] for i in free)
        lifted = {i: minimum[i] for i in free if room * natural[i] / share < minimum[i]}
        if not lifted:
            break
        floor |= lifted
    for i in flexible:
        widths[i] = floor[i] if i in floor else room * natural[i] / share
    return widths


def _table(doc: Any, table: Table, widths_pt: list[float] | None = None) -> Any:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    width_pt = TEXT_WIDTH_MM * TWIPS_PER_MM / TWIPS_PER_PT
    widths = widths_pt or column_widths(table, width_pt)
    grid = doc.add_table(rows=1 + len(table.rows), cols=len(table.headers))
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    tbl_pr = grid._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")  # the widths below, not Word's own guess from the content
    _table_property(tbl_pr, layout)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(CELL_MARGIN_PT * TWIPS_PER_PT)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    _table_property(tbl_pr, margins)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Pt(width)
    # Set the paragraph style by id: python-docx's by-name lookup scans every style each time.
    style_id = doc.styles["Brief Table"].style_id
    for index, (row, values) in enumerate(zip(grid.rows, [table.headers, *table.rows], strict=True)):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))  # a row is never broken across pages
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
            _run(paragraph, value, H1_FONT if index == 0 else BODY_FONT, TABLE_PT, bold=index == 0)
    return grid


def _chart(doc: Any, chart: Chart) -> None:
    """A table: the section, its progress bar image (red marker: its own expected progress), figures."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from hedong_cli.messages import light_name, t
    from hedong_cli.render.chart_png import progress_bar
    from hedong_cli.render.labels import pct

    caption = doc.add_paragraph(style="Brief Table")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(6)
    _run(caption, chart.title, H1_FONT, NOTE_PT)
    headers = [t("col_section"), t("brief_col_bar_marked"), t("brief_col_mean"), t("brief_chart_lights")]
    rows = []
    for row in chart.rows:
        counts = (("green", row.green), ("yellow", row.yellow), ("red", row.red))
        lights = " ".join(f"{light_name(light)}{count}" for light, count in counts)
        rows.append([row.label, "" if row.mean is not None else t("brief_chart_none"), pct(row.mean), lights])
    table = Table(headers, rows, numeric=frozenset({2}), flexible=frozenset({0}))
    width_pt = TEXT_WIDTH_MM * TWIPS_PER_MM / TWIPS_PER_PT
    bar_pt = BAR_MM[0] * TWIPS_PER_MM / TWIPS_PER_PT + 2 * CELL_MARGIN_PT + 2
    others = column_widths(Table([headers[0], *headers[2:]], [[r[0], *r[2:]] for r in rows], flexible=frozenset({0})),
                           width_pt - bar_pt)  # fmt: skip
    grid = _table(doc, table, [others[0], bar_pt, *others[1:]])
    for row, cells in zip(chart.rows, grid.rows[1:], strict=True):
        if row.mean is None:
            continue
        run = cells.cells[1].paragraphs[0].add_run()
        run.add_picture(io.BytesIO(progress_bar(row.mean, row.mark(chart.expected))), width=Mm(BAR_MM[0]))
    legend = doc.add_paragraph(style="Brief Table")
    _run(legend, t("brief_chart_legend_marked", pct=f"{chart.expected:.1f}"), BODY_FONT, TABLE_PT)


# -- the document ---------------------------------------------------------------------------------


def briefing_docx(b: Briefing) -> bytes:
    """The briefing as the bytes of a .docx file."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    content = document(b)
    doc = docx.Document()
    _styles(doc)
    _page(doc)
    fix_package(doc)
    doc.core_properties.title = clean(content.title)
    doc.core_properties.language = LANG
    # python-docx's template body starts empty; every paragraph below is ours.
    if content.masthead is not None:
        _masthead(doc, content.masthead)
    _title(doc, content.title_lines or [content.title])
    for line in content.meta:
        paragraph = doc.add_paragraph(style="Brief Table")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, line, BODY_FONT, META_PT)
    doc.add_paragraph(style="Brief Table")
    previous: object = None
    for block in content.blocks:
        if isinstance(block, Heading):
            paragraph = doc.add_paragraph(style="Heading 1" if block.level == 1 else "Heading 2")
            _run(paragraph, block.text, H1_FONT if block.level == 1 else H2_FONT, HEADING_PT)
        elif isinstance(block, Para):
            if block.note:
                paragraph = doc.add_paragraph(style="Brief Table")
                paragraph.paragraph_format.space_before = Pt(3)
                _run(paragraph, block.text, BODY_FONT, TABLE_PT)
            else:
                paragraph = doc.add_paragraph(style="Brief Body")
                paragraph.paragraph_format.keep_with_next = True  # an introduction stays with its table
                _run(paragraph, block.text, BODY_FONT, BODY_PT)
        elif isinstance(block, Table):
            if isinstance(previous, Table):
                doc.add_paragraph(style="Brief Table")  # two tables in a row would merge into one
            _table(doc, block)
        elif isinstance(block, Chart):
            _chart(doc, block)
        previous = block
    if content.colophon is not None and not content.colophon.empty:
        _colophon(doc, content.colophon)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
