"""WordprocessingML building blocks for the Word briefing (``render.docx``).

Runs that carry their font (Latin and East Asian names alike), size, colour and zh-CN language;
paragraphs taken off the document grid; paragraph borders; properties inserted in the order the
schema demands (Word refuses a file whose elements are out of order, where LibreOffice shrugs);
and the measuring that gives table columns widths that follow their content. python-docx is
imported inside the functions, so importing this module costs nothing.
"""

from __future__ import annotations

import copy
import functools
import re
from typing import Any

from hedong_cli.render.briefing_blocks import Table

LANG = "zh-CN"

BODY_PT = 16  # 三号
TABLE_PT = 10.5  # 五号
CELL_MARGIN_PT = 2.8  # left and right padding in table cells (0.1 cm)
MAX_CLAIM = 0.4  # the largest share of a table's width one text column asks for
# 三号 is 15.75 pt in the Chinese size scale; Word rounds it to 16 pt, a little wider than the grid's
# 15.79 pt character pitch (see ``render.docx``). Condensing 三号 runs by ¼ pt gives 15.75 pt.
GRID_CONDENSE_TWIPS = -5


# XML 1.0 cannot carry these; python-docx (lxml) raises on them. Tab and newline are kept.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# Bidi embeddings, overrides and isolates: legal XML, but in user text they reorder what follows.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """User text safe for WordprocessingML: control characters (and lone surrogates) removed."""
    return _BIDI.sub("", _XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))


# -- runs and styles -------------------------------------------------------------------------------


def fonts_element(font: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(attribute), font)
    r_fonts.set(qn("w:hint"), "eastAsia")
    return r_fonts


def lang_element() -> Any:
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
    r_pr.append(fonts_element(font))
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
    r_pr.append(lang_element())
    return r_pr


def add_run(
    paragraph: Any, value: str, font: str, size: float, *, bold: bool = False, colour: str | None = None
) -> Any:
    """A run of ``value`` (control characters removed) with its own font, size, weight and colour."""
    run = paragraph.add_run(clean(value))
    run._r.insert(0, copy.deepcopy(_run_properties(font, size, bold, colour)))
    return run


# A figure (4.5%, 26.8%, 1380件's digits, 12月15日's 12) must not break across lines. LibreOffice
# breaks zh-CN text between any two characters, digits, point and % included (a word joiner does
# not stop it); marked as en-US, a figure is one Latin word, kept whole by Word and LibreOffice alike.
FIGURE = re.compile(r"[0-9][0-9.,%]*[0-9%]")
# A date is Chinese text, digits and 年月日 alike: a word joiner (U+2060) between each two of its
# characters keeps it whole in LibreOffice, where a figure run beside a zh-CN run would break at the seam.
DATE = re.compile(r"(?:[0-9]{4}年)?[0-9]{1,2}月[0-9]{1,2}日[，。、；：）”]?")
WORD_JOINER = "\u2060"


def add_text(
    paragraph: Any, value: str, font: str, size: float, *, bold: bool = False, whole_dates: bool = False
) -> None:
    """``value`` as runs, each figure in a run of its own marked en-US, so that it never breaks; with
    ``whole_dates`` (prose), each date (12月15日, 2026年12月15日) too, a word joiner between its characters.
    Table cells leave dates as they are: their columns are wide enough, and a cell is searched for its text."""
    position = 0
    for match in DATE.finditer(value) if whole_dates else ():
        _add_figures(paragraph, value[position : match.start()], font, size, bold)
        _latin(add_run(paragraph, WORD_JOINER.join(match.group(0)), font, size, bold=bold))
        position = match.end()
    if position < len(value) or not value:
        _add_figures(paragraph, value[position:], font, size, bold)


def _latin(run: Any) -> None:
    """Mark ``run`` en-US: LibreOffice breaks it as a Latin word (Unicode line breaking), not as zh-CN."""
    from docx.oxml.ns import qn

    lang = run._r.rPr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "en-US")


def _add_figures(paragraph: Any, value: str, font: str, size: float, bold: bool) -> None:
    position = 0
    for match in FIGURE.finditer(value):
        if match.start() > position:
            add_run(paragraph, value[position : match.start()], font, size, bold=bold)
        _latin(add_run(paragraph, match.group(0), font, size, bold=bold))
        position = match.end()
    if position < len(value) or not value:
        add_run(paragraph, value[position:], font, size, bold=bold)


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


def successors(tag: str, order: tuple[str, ...] = PPR_ORDER) -> tuple[str, ...]:
    """The tags that must follow ``tag`` in a paragraph's (or, with TBLPR_ORDER, a table's) properties."""
    return order[order.index(tag) + 1 :]


def set_table_property(tbl_pr: Any, element: Any) -> None:
    """Put ``element`` into a table's properties at its schema place, replacing one already there."""
    from docx.oxml.ns import qn

    tag = element.tag.split("}")[1]
    for old in tbl_pr.findall(qn(f"w:{tag}")):
        tbl_pr.remove(old)
    tbl_pr.insert_element_before(element, *successors(f"w:{tag}", TBLPR_ORDER))


def off_grid(paragraph_or_style: Any) -> None:
    """Take a paragraph (or style) off the document grid: small print keeps its own line height."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p_pr = paragraph_or_style.element.get_or_add_pPr() if hasattr(paragraph_or_style, "element") else None
    if p_pr is None:
        p_pr = paragraph_or_style._p.get_or_add_pPr()
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    p_pr.insert_element_before(snap, *successors("w:snapToGrid"))


def add_border(paragraph: Any, edge: str, size_eighths: int, colour: str, *, space: int = 4) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p_pr = paragraph._p.get_or_add_pPr()
    borders = p_pr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        p_pr.insert_element_before(borders, *successors("w:pBdr"))
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), str(space))
    line.set(qn("w:color"), colour)
    borders.append(line)


def display_chars(text: str) -> float:
    """Width of ``text`` in em: a CJK or fullwidth character is 1, anything else a little over ½
    (digits in the Chinese faces and their fallbacks run 0.5 to 0.55 em)."""
    import unicodedata

    return sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.56 for ch in text)


def natural_width(text: str, size: float) -> float:
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
    natural = [
        max([natural_width(c, size) for c in cells[i]] + [natural_width(table.headers[i], size * 1.1)]) for i in columns
    ]
    fixed = [i for i in columns if i not in table.flexible]
    flexible = [i for i in columns if i in table.flexible]
    padding = 2 * CELL_MARGIN_PT
    minimum = {i: max(min(natural[i], natural_width(table.headers[i][:4], size)), 3 * size + padding) for i in flexible}
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
    # One long note must not starve the task column: a text column's claim is capped at 40% of the
    # table, and the columns share the rest in proportion to their claims.
    claim = {i: min(natural[i], MAX_CLAIM * width_pt) for i in flexible}
    desired = sum(claim.values())
    if desired <= rest:
        for i in flexible:
            widths[i] = claim[i] + (rest - desired) * claim[i] / desired
        return widths
    # Share the rest in proportion to content, lifting any column below its minimum to it.
    floor: dict[int, float] = {}
    while True:
        free = [i for i in flexible if i not in floor]
        room = rest - sum(floor.values())
        share = sum(claim[i] for i in free)
        lifted = {i: minimum[i] for i in free if room * claim[i] / share < minimum[i]}
        if not lifted:
            break
        floor |= lifted
    for i in flexible:
        widths[i] = floor[i] if i in floor else room * claim[i] / share
    return widths
