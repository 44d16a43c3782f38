"""The weekly briefing as one self-contained, print-ready HTML page.

No external assets: the stylesheet and the chart (inline SVG) are in the page. It prints on A4
(``@page``) with table headers repeated on every page and no table row split across pages. Every
piece of text, the catalogue's and the journal's alike, goes through ``html.escape``.
"""

from __future__ import annotations

import html
import re

from hedong_cli.common.messages import get_lang
from hedong_cli.documents.briefing import Briefing
from hedong_cli.render.briefing_blocks import Colophon, Document, Heading, Masthead, Para, Table
from hedong_cli.render.briefing_doc import document
from hedong_cli.render.briefing_pages import body_pages

# HTML cannot carry C0 controls (other than tab and newline) or C1 controls meaningfully.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # and bidi controls

# Print layout after GB/T 9704, as the Word briefing: A4, text block 156 × 225 mm, body 三号 (16 pt)
# 仿宋, title 二号 (22 pt) 小标宋, 四号 宋体 page numbers "— N —" in the @page margin boxes (odd pages
# right, even pages left, one character in, 7 mm below the text block). Chromium draws @page margin
# boxes; print with --no-pdf-header-footer (or untick the browser's "Headers and footers") so that
# the browser's own file:// header and footer stay out.
STYLE = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; font: 14pt "宋体", "SimSun", "Songti SC",
  serif; vertical-align: top; text-align: right; padding: 7mm 14pt 0 0; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font: 14pt "宋体", "SimSun", "Songti SC",
  serif; vertical-align: top; text-align: left; padding: 7mm 0 0 14pt; } }
body { font-family: "仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", serif;
  font-size: 15.75pt; line-height: 10.2mm; color: #000; max-width: 156mm; margin: 0 auto; padding: 8mm; }
p { orphans: 1; widows: 1; margin: 0; }
p.body, p.attach-list { text-indent: 2em; text-align: justify; }
span.lead { font-family: "楷体_GB2312", "楷体", "KaiTi", "STKaiti", serif; }
span.hei { font-family: "黑体", "SimHei", "Heiti SC", sans-serif; }
p.attach-label { font-family: "黑体", "SimHei", sans-serif; margin: 0; }
section.attachment { break-before: page; page-break-before: always; line-height: 1.5; }
section.landscape { page: landscape; }
@page landscape { size: A4 landscape; margin: 28mm 30mm 26mm 30mm; }
.masthead { height: 40.8mm; box-sizing: border-box; display: flex; flex-direction: column;
  justify-content: flex-end; text-align: center; border-bottom: 1.5pt solid #f00; }
.issuer { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "小标宋", "宋体", "SimSun", serif; color: #f00;
  font-size: 36pt; line-height: 20.4mm; margin: 0; letter-spacing: 0.05em; }
.masthead .office { display: flex; justify-content: space-between; margin: 0 1em; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "小标宋", "宋体", "SimSun", serif; font-size: 22pt;
  font-weight: normal; text-align: center; line-height: 15.3mm; margin: 0; }
section.body h1 { height: 30.6mm; }
section.attachment h1 { line-height: 1.5; margin: 0 0 6pt; }
h2, h3 { font-weight: normal; font-size: 15.75pt; margin: 0; text-indent: 2em;
  break-after: avoid; page-break-after: avoid; }
h2 { font-family: "黑体", "SimHei", "Heiti SC", sans-serif; }
h3 { font-family: "楷体_GB2312", "楷体", "KaiTi", "STKaiti", serif; }
section.body { display: flex; flex-direction: column; }
section.body > footer.colophon { margin-top: auto; }
@media screen { section.body { min-height: 0 !important; } section.body > footer.colophon { margin-top: 2em; } }
p.meta { text-align: center; font-size: 12pt; margin: 0; }
p.note { font-size: 10.5pt; color: #333; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 10.5pt; line-height: 1.35;
  table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.5pt solid #555; padding: 1.5pt 3pt; vertical-align: top; text-align: left; }
th { background: #e6e6e6; font-weight: bold; font-family: "黑体", "SimHei", sans-serif; text-align: center;
  white-space: nowrap; }
td.num { text-align: right; }
.nw { white-space: nowrap; }
tr.red td:first-child { border-left: 3pt solid #c00; }
tr.yellow td:first-child { border-left: 3pt solid #d90; }
tr.green td:first-child { border-left: 3pt solid #393; }
.colophon { border-top: 1pt solid #000; border-bottom: 1pt solid #000; font-size: 14pt;
  break-inside: avoid; page-break-inside: avoid; }
.colophon p { display: flex; justify-content: space-between; margin: 0; padding: 0 1em; height: 10.2mm;
  line-height: 10.2mm; box-sizing: border-box; border-top: 0.75pt solid #000; }
.colophon p:first-child { border-top: none; }
@media print { body { max-width: none; padding: 0; } th, .issuer, .masthead { -webkit-print-color-adjust: exact;
  print-color-adjust: exact; } }
"""
# The body is set on the 22-line grid as in Word: every line 10.2 mm, 28 characters of 15.75 pt;
# the 版头 takes 4 lines, the title 3. ``briefing_pages.body_pages`` counts them: the body is a column
# that tall, the 版记 pushed to its foot, at the foot of the last page whatever the exact breaks are.
PAGE_TEXT_MM = 225
SLACK_MM = 12  # what page breaks leave unused at the foot of each page, at most about a line


LIGHT_COLOURS = {"green": "#3a9a3a", "yellow": "#e0a800", "red": "#c62828"}


# A figure or a date (26.8%, 1380件's digits, 12月15日, 2026年12月26日) never breaks across lines.
_UNBROKEN = re.compile(r"(?:\d+年)?\d+月\d+日|\d[\d.,%]*[\d%]")


def unbroken(escaped: str) -> str:
    """Escaped text with each figure and date in a no-wrap span."""
    return _UNBROKEN.sub(lambda m: f'<span class="nw">{m.group(0)}</span>', escaped)


def text(value: str) -> str:
    """User or catalogue text as HTML text: controls dropped, markup escaped, newlines kept."""
    return html.escape(_CONTROL.sub("", value), quote=True).replace("\n", "<br>")


def briefing_html(b: Briefing) -> str:
    return document_html(document(b))


def document_html(doc: Document) -> str:
    """Any 通报 laid out as blocks (the district's, the city's) as one print-ready page."""
    lang = "zh-CN" if get_lang() == "zh" else "en"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{text(doc.title)}</title>",
        f'<meta name="author" content="{text(doc.author)}">',
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f'<section class="body" style="min-height: {body_pages(doc) * PAGE_TEXT_MM - SLACK_MM:.1f}mm">',
        _masthead(doc.masthead),
    ]
    # The title broken where the message says, between words; a line too long for the page (an
    # English one) may still wrap at its spaces, never run off the text block.
    out.append("<h1>" + "<br>".join(text(line) for line in doc.title_lines) + "</h1>")
    out.append(f'<p class="recipients">{text(doc.recipients)}</p>')
    out += _blocks(doc.blocks)
    out += [f'<p class="attach-list">{text(line)}</p>' for line in doc.attachment_list]
    if doc.colophon is not None:
        out.append(_colophon(doc.colophon))
    out.append("</section>")
    for attachment in doc.attachments:
        kind = "attachment landscape" if attachment.landscape else "attachment"
        out.append(f'<section class="{kind}"><p class="attach-label">{text(attachment.label)}</p>')
        out.append(f"<h1>{text(attachment.title)}</h1>")
        out += _blocks(attachment.blocks, LANDSCAPE_PT if attachment.landscape else PORTRAIT_PT)
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


PORTRAIT_PT, LANDSCAPE_PT = 156 / 25.4 * 72, (297 - 60) / 25.4 * 72  # the text block's width


def _blocks(blocks: list[Heading | Para | Table], width_pt: float = PORTRAIT_PT) -> list[str]:
    out = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"<h2>{text(block.text)}</h2>")
        elif isinstance(block, Para):
            kind = "note" if block.note else "body"
            # （一）… run-in headings in 楷体, 一是… in 黑体, as in the Word file
            face = "lead" if block.lead.startswith("（") else "lead hei"
            lead = f'<span class="{face}">{text(block.lead)}</span>' if block.lead else ""
            out.append(f'<p class="{kind}">{lead}{unbroken(text(block.text))}</p>')
        elif isinstance(block, Table):
            out.append(_table(block, width_pt))
    return out


def _masthead(masthead: Masthead) -> str:
    return (
        '<header class="masthead">'
        f'<p class="issuer">{text(masthead.issuer)}</p>'
        f'<p class="office"><span>{text(masthead.number)}</span><span class="nw">{text(masthead.date)}</span></p>'
        "</header>"
    )


def _colophon(colophon: Colophon) -> str:
    lines = []
    for left, right in colophon.lines():
        right_html = f'<span class="nw">{text(right)}</span>' if right else ""
        lines.append(f"<p><span>{text(left)}</span>{right_html}</p>")
    return '<footer class="colophon">' + "".join(lines) + "</footer>"


def _cell_class(table: Table, column: int) -> str:
    """Numbers right-aligned; every column that is not free text (ids, dates, lights, figures) unbroken."""
    classes = (["num"] if column in table.numeric else []) + ([] if column in table.flexible else ["nw"])
    return f' class="{" ".join(classes)}"' if classes else ""


def _table(table: Table, width_pt: float) -> str:
    from hedong_cli.render.docx_base import column_widths

    # The Word file's column widths, as shares: ids, units, figures as wide as their longest entry.
    widths = column_widths(table, width_pt)
    cols = "".join(f'<col style="width: {width / width_pt * 100:.1f}%">' for width in widths)
    heads = "".join(f"<th{_cell_class(table, i)}>{text(h)}</th>" for i, h in enumerate(table.headers))
    rows = ["<table>", f"<colgroup>{cols}</colgroup>", f"<thead><tr>{heads}</tr></thead>"]
    rows.append("<tbody>")
    for index, row in enumerate(table.rows):
        light = table.lights[index] if table.lights else None
        attr = f' class="{light}"' if light in LIGHT_COLOURS else ""
        cells = "".join(f"<td{_cell_class(table, i)}>{text(cell)}</td>" for i, cell in enumerate(row))
        rows.append(f"<tr{attr}>{cells}</tr>")
    rows += ["</tbody>", "</table>"]
    return "\n".join(rows)
