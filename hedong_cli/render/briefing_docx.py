"""The 通报 as a Word file: body to GB/T 9704-2012, then each 附件 in a section of its own.

- 版头: the 发文机关标志 in red, one line with the 期号 (the office first when it is not the 标志)
  and the date, then the red separator across the 版心 (156 mm).
- Title 二号 小标宋, 主送, the body in 三号 仿宋 on the 28 × 22 grid, justified (两端对齐); run-in
  headings （一）… in 楷体 and 一是… in 黑体; the 附件 list.
- 版记 at the foot of the body's last page: each line a frame paragraph placed at a fixed height
  above the bottom margin (``w:framePr``, which Word, WPS and LibreOffice all honour, where a
  floating table is not), anchored to a closing spacer as tall as the 版记. Where the page has no
  room for the spacer, spacer and 版记 move to the next page together: never split, never over text.
- 版记 on an even page when the office's config says ``colophon_even_page: true``: where the body's
  lines (counted on the grid, ``briefing_pages``) do not surely end on an even page, the 版记 is a
  section of its own that starts on the next even page (alone at its foot).
- 附件1 in a landscape section, 附件2 in a portrait one, each starting a new page with 附件N in 黑体
  三号 at the top left; page numbers run on.
- Document properties: author the office, created the issue date, title the title.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from hedong_cli.documents.briefing import Briefing
from hedong_cli.render.briefing_blocks import Attachment, Colophon, Document, Heading, Masthead, Para, Table
from hedong_cli.render.briefing_doc import document
from hedong_cli.render.briefing_pages import surely_even
from hedong_cli.render.docx import (
    BODY_FONT,
    H1_FONT,
    H2_FONT,
    HEADING_PT,
    ISSUER_MAX_PT,
    ISSUER_RED,
    NOTE_PT,
    PAGE_MM,
    TEXT_WIDTH_MM,
    TITLE_FONT,
    TITLE_PT,
    TWIPS_PER_MM,
    TWIPS_PER_PT,
    _split_line,
    _table,
    _title,
    new_document,
    page_numbers,
)
from hedong_cli.render.docx_base import (
    BODY_PT,
    LANG,
    add_border,
    add_run,
    add_text,
    clean,
    display_chars,
    off_grid,
    successors,
)

LANDSCAPE_MARGINS_MM = {"top": 28, "bottom": 26, "left": 30, "right": 30}
COLOPHON_LINE_MM = 9  # each 版记 line's height
TEXT_HEIGHT_TWIPS = int((PAGE_MM[1] - 37 - 35) * TWIPS_PER_MM)  # down: the last frame ends inside the block


def briefing_docx(b: Briefing) -> bytes:
    """The briefing as the bytes of a .docx file."""
    return document_docx(document(b))


def document_docx(content: Document) -> bytes:
    """Any 通报 laid out as blocks (the district's, the city's) as the bytes of a .docx file."""
    doc = new_document()
    page_numbers(doc, doc.sections[0])
    _properties(doc, content)
    _masthead(doc, content.masthead)
    _title(doc, content.title_lines)
    _recipients(doc, content.recipients)
    for block in content.blocks:
        _block(doc, block)
    _attachment_list(doc, content)
    if content.colophon is not None:
        if content.colophon.even_page and not surely_even(content):
            # Word and LibreOffice start an even-page section on the next even page, adding a blank
            # one only when the body ends on an even page itself: right whatever the exact breaks are.
            _new_section(doc, landscape=False, even=True)
        _colophon(doc, content.colophon)
    for attachment in content.attachments:
        _attachment(doc, attachment)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _properties(doc: Any, content: Document) -> None:
    props = doc.core_properties
    props.title = clean(content.title)
    props.author = clean(content.author)
    props.last_modified_by = clean(content.author)
    props.language = LANG
    props.comments = ""
    if content.issued is not None:
        day = datetime(content.issued.year, content.issued.month, content.issued.day)
        props.created = props.modified = day
    props.revision = 1


def _justify(paragraph: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _masthead(doc: Any, masthead: Masthead) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    issuer = doc.add_paragraph(style="Brief Title")
    issuer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    off_grid(issuer)
    width_pt = TEXT_WIDTH_MM * TWIPS_PER_MM / TWIPS_PER_PT
    size = min(ISSUER_MAX_PT, int(width_pt / max(display_chars(masthead.issuer), 1)))
    issuer.paragraph_format.space_after = Pt(12)
    add_run(issuer, masthead.issuer, TITLE_FONT, size, colour=ISSUER_RED)
    line = _split_line(doc, masthead.number, masthead.date, BODY_PT, indent_pt=BODY_PT)
    line.paragraph_format.space_after = Pt(BODY_PT)
    add_border(line, "bottom", 12, ISSUER_RED)  # the red separator, 1.5 pt, across the 版心


def _recipients(doc: Any, text: str) -> None:
    paragraph = doc.add_paragraph(style="Brief Body")
    paragraph.paragraph_format.first_line_indent = 0
    _justify(paragraph)
    add_run(paragraph, text, BODY_FONT, BODY_PT)


def _block(doc: Any, block: Heading | Para | Table) -> None:
    from docx.shared import Pt

    if isinstance(block, Heading):
        paragraph = doc.add_paragraph(style="Heading 1" if block.level == 1 else "Heading 2")
        paragraph.paragraph_format.space_before = Pt(0)
        add_run(paragraph, block.text, H1_FONT if block.level == 1 else H2_FONT, HEADING_PT)
    elif isinstance(block, Para):
        if block.note:
            paragraph = doc.add_paragraph(style="Brief Table")
            paragraph.paragraph_format.space_before = Pt(3)
            add_run(paragraph, block.text, BODY_FONT, 10.5)
            return
        paragraph = doc.add_paragraph(style="Brief Body")
        _justify(paragraph)
        if block.lead:
            # （一）… run-in headings in 楷体, 一是… in 黑体 (as the genre sets them)
            font = H2_FONT if block.lead.startswith("（") else H1_FONT
            add_run(paragraph, block.lead, font, BODY_PT)
        add_text(paragraph, block.text, BODY_FONT, BODY_PT, whole_dates=True)
    elif isinstance(block, Table):
        _table(doc, block)


def _attachment_list(doc: Any, content: Document) -> None:
    from docx.shared import Pt

    for index, line in enumerate(content.attachment_list):
        paragraph = doc.add_paragraph(style="Brief Body")
        paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
        if index == 0:
            paragraph.paragraph_format.space_before = Pt(0)
        add_run(paragraph, line, BODY_FONT, BODY_PT)


def _colophon(doc: Any, colophon: Colophon) -> None:
    """Each line a frame at its fixed height above the bottom margin, 四号 仿宋, one character in,
    the 印发日期 against the right; thick rules first and last, thin between; then the spacer."""
    from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, Twips

    lines = colophon.lines()
    line_twips = round(COLOPHON_LINE_MM * TWIPS_PER_MM)
    width = round(TEXT_WIDTH_MM * TWIPS_PER_MM)
    for index, (left, right) in enumerate(lines):
        paragraph = doc.add_paragraph(style="Brief Table")
        fmt = paragraph.paragraph_format
        fmt.left_indent = fmt.right_indent = Pt(NOTE_PT)
        fmt.first_line_indent = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(NOTE_PT + 4)
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM) - Pt(2 * NOTE_PT), WD_TAB_ALIGNMENT.RIGHT)
        p_pr = paragraph._p.get_or_add_pPr()
        frame = OxmlElement("w:framePr")
        top = TEXT_HEIGHT_TWIPS - (len(lines) - index) * line_twips
        for key, value in (
            ("w", width), ("h", line_twips), ("hRule", "exact"), ("wrap", "none"), ("vAnchor", "margin"),
            ("hAnchor", "margin"), ("x", 0), ("y", top),
        ):  # fmt: skip
            frame.set(qn(f"w:{key}"), str(value))
        p_pr.insert_element_before(frame, *successors("w:framePr"))
        add_border(paragraph, "top", 8 if index == 0 else 4, "000000", space=2)
        if index == len(lines) - 1:
            add_border(paragraph, "bottom", 8, "000000", space=2)
        add_run(paragraph, f"{left}\t{right}" if right else left, BODY_FONT, NOTE_PT)
    # The spacer: as tall as the 版记 and a line more; the frames hang on it, so they go where it goes.
    spacer = doc.add_paragraph(style="Brief Table")
    off_grid(spacer)
    fmt = spacer.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(line_twips * len(lines) + round(2 * TWIPS_PER_MM))
    fmt.keep_together = True


def _new_section(doc: Any, *, landscape: bool, even: bool = False) -> None:
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    section = doc.add_section(WD_SECTION.EVEN_PAGE if even else WD_SECTION.NEW_PAGE)
    # python-docx ends the previous section with an empty paragraph of its own, one line that can
    # spill onto a page of its own; the section's properties go into the paragraph before it.
    from docx.oxml.ns import qn

    body = doc.element.body
    paragraphs = body.findall(qn("w:p"))
    carrier = paragraphs[-1]
    previous = carrier.getprevious()
    sect_pr = carrier.find(qn("w:pPr") + "/" + qn("w:sectPr"))
    alone = not carrier.findall(qn("w:r"))
    if sect_pr is not None and previous is not None and previous.tag == qn("w:p") and alone:
        previous.get_or_add_pPr().append(sect_pr)
        body.remove(carrier)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_MM[1]), Mm(PAGE_MM[0])
        margins = LANDSCAPE_MARGINS_MM
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        margins = {"top": 37, "bottom": 35, "left": 28, "right": 26}
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])


def _attachment(doc: Any, attachment: Attachment) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    _new_section(doc, landscape=attachment.landscape)
    label = doc.add_paragraph(style="Brief Body")
    label.paragraph_format.first_line_indent = Pt(0)
    add_run(label, attachment.label, H1_FONT, HEADING_PT)
    title = doc.add_paragraph(style="Brief Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(8)
    add_run(title, attachment.title, TITLE_FONT, TITLE_PT)
    margins = LANDSCAPE_MARGINS_MM if attachment.landscape else {"left": 28, "right": 26}
    width_mm = (PAGE_MM[1] if attachment.landscape else PAGE_MM[0]) - margins["left"] - margins["right"]
    width_pt = Mm(width_mm).pt
    previous = None
    for block in attachment.blocks:
        if isinstance(block, Table):
            if isinstance(previous, Table):
                doc.add_paragraph(style="Brief Table")
            from hedong_cli.render.docx_base import column_widths

            _table(doc, block, column_widths(block, width_pt), keep_together=False)  # 附件: rows flow on
        else:
            _block(doc, block)
        previous = block
