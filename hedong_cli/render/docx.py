"""The weekly briefing as a Word document laid out like an official document (GB/T 9704).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; the title in 方正小标宋简体 二号
(22 pt) centred; headings in 黑体 三号 (16 pt); body text in 仿宋_GB2312 三号 (16 pt); page
numbers in the footer; table header rows repeated on every page. Word picks the font for Chinese
text from ``w:eastAsia`` on ``w:rFonts``, so it is set on every style and run, not only the Latin
name. python-docx is imported here only, when a Word briefing is asked for.
"""

from __future__ import annotations

import copy
import functools
import io
import re
from typing import Any

from hedong_cli.briefing import Briefing
from hedong_cli.render.briefing import Chart, Heading, Para, Table, document

TITLE_FONT, TITLE_PT = "方正小标宋简体", 22  # 二号
HEADING_FONT, HEADING_PT = "黑体", 16  # 三号
BODY_FONT, BODY_PT = "仿宋_GB2312", 16  # 三号
TABLE_PT = 10.5  # 五号: a table of seven columns does not fit A4 in 三号
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
BAR_CELLS = 10

# XML 1.0 cannot carry these; python-docx (lxml) raises on them. Tab and newline are kept.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """User text safe for WordprocessingML: control characters (and lone surrogates) removed."""
    return _XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _east_asian(element: Any, font: str) -> None:
    """Set the Latin and the East-Asian font name on a run's or a style's run properties."""
    from docx.oxml.ns import qn

    r_fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(attribute), font)
    # Theme fonts (the default template's headings use them) would override the names above.
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(attribute), None)


def _style(doc: Any, name: str, font: str, size: float, *, base: str | None = None, bold: bool = False) -> Any:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base is not None:
        style.base_style = styles[base]
    style.font.name = font
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _east_asian(style.element, font)
    return style


@functools.lru_cache(maxsize=16)
def _run_properties(font: str, size: float, bold: bool) -> Any:
    """A ``w:rPr`` with the font (Latin and East-Asian), size and weight; copied into each run."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_pr = OxmlElement("w:rPr")
    r_fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(attribute), font)
    r_pr.append(r_fonts)
    weight = OxmlElement("w:b")
    weight.set(qn("w:val"), "1" if bold else "0")
    r_pr.append(weight)
    for tag in ("w:sz", "w:szCs"):
        half_points = OxmlElement(tag)
        half_points.set(qn("w:val"), str(round(size * 2)))
        r_pr.append(half_points)
    return r_pr


def _run(paragraph: Any, value: str, font: str, size: float, *, bold: bool = False) -> Any:
    run = paragraph.add_run(clean(value))
    run._r.insert(0, copy.deepcopy(_run_properties(font, size, bold)))
    return run


def _page_number(section: Any) -> None:
    """A centred "— 1 —" in the footer, the number a PAGE field Word fills in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "— ", BODY_FONT, 14)
    for kind, instruction in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = _run(paragraph, "", BODY_FONT, 14)
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
    _run(paragraph, " —", BODY_FONT, 14)


def _table(doc: Any, table: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    grid = doc.add_table(rows=1 + len(table.rows), cols=len(table.headers))
    grid.style = doc.styles["Table Grid"]
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
            paragraph = cell.paragraphs[0]
            paragraph._p.style = style_id
            if index and column in table.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run(paragraph, value, HEADING_FONT if index == 0 else BODY_FONT, TABLE_PT)


def _chart(doc: Any, chart: Chart) -> None:
    """A table whose bars are drawn with ■ and □, both in GB2312 and in every Chinese font."""
    from hedong_cli.messages import t
    from hedong_cli.render.labels import pct

    rows = []
    for row in chart.rows:
        if row.mean is None:
            rows.append([row.label, t("brief_chart_none"), ""])
            continue
        filled = round(min(max(row.mean, 0.0), 100.0) / 100 * BAR_CELLS)
        rows.append([row.label, "■" * filled + "□" * (BAR_CELLS - filled), pct(row.mean)])
    paragraph = doc.add_paragraph(style="Brief Body")
    _run(paragraph, chart.title, BODY_FONT, BODY_PT)
    _table(doc, Table([t("col_section"), t("brief_col_bar"), t("brief_col_mean")], rows, numeric=frozenset({2})))


def briefing_docx(b: Briefing) -> bytes:
    """The briefing as the bytes of a .docx file."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    content = document(b)
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    _style(doc, "Normal", BODY_FONT, BODY_PT)
    _style(doc, "Brief Title", TITLE_FONT, TITLE_PT, base="Normal")
    _style(doc, "Brief Body", BODY_FONT, BODY_PT, base="Normal")
    _style(doc, "Brief Table", BODY_FONT, TABLE_PT, base="Normal")
    _style(doc, "Heading 1", HEADING_FONT, HEADING_PT)
    _style(doc, "Heading 2", HEADING_FONT, HEADING_PT)
    doc.styles["Brief Table"].paragraph_format.first_line_indent = Pt(0)
    doc.core_properties.title = clean(content.title)
    _page_number(section)

    title = doc.add_paragraph(style="Brief Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, content.title, TITLE_FONT, TITLE_PT)
    for line in content.meta:
        paragraph = doc.add_paragraph(style="Brief Body")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, line, BODY_FONT, BODY_PT)
    for block in content.blocks:
        if isinstance(block, Heading):
            paragraph = doc.add_paragraph(style="Heading 1" if block.level == 1 else "Heading 2")
            _run(paragraph, block.text, HEADING_FONT, HEADING_PT)
        elif isinstance(block, Para):
            paragraph = doc.add_paragraph(style="Brief Body")
            paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)  # 首行缩进两字
            _run(paragraph, block.text, BODY_FONT, TABLE_PT + 2 if block.note else BODY_PT)
        elif isinstance(block, Table):
            _table(doc, block)
        elif isinstance(block, Chart):
            _chart(doc, block)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
