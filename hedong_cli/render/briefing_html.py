"""The weekly briefing as one self-contained, print-ready HTML page.

No external assets: the stylesheet and the chart (inline SVG) are in the page. It prints on A4
(``@page``) with table headers repeated on every page and no table row split across pages. Every
piece of text, the catalogue's and the journal's alike, goes through ``html.escape``.
"""

from __future__ import annotations

import html
import re

from hedong_cli.briefing import Briefing
from hedong_cli.messages import get_lang, light_name, t
from hedong_cli.render.briefing import Chart, Colophon, Heading, Masthead, Para, Table, document
from hedong_cli.render.labels import pct

# HTML cannot carry C0 controls (other than tab and newline) or C1 controls meaningfully.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

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
  font-size: 16pt; line-height: 1.6; color: #000; max-width: 156mm; margin: 0 auto; padding: 8mm; }
p { orphans: 3; widows: 3; margin: 0 0 4pt; }
p.body { text-indent: 2em; }
p.lead { break-after: avoid; page-break-after: avoid; }
.masthead { text-align: center; border-bottom: 1.5pt solid #f00; padding-bottom: 4pt; margin-bottom: 14pt; }
.issuer { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "小标宋", "宋体", "SimSun", serif; color: #f00;
  font-size: 36pt; line-height: 1.3; margin: 0 0 4pt; letter-spacing: 0.05em; }
.masthead .number { margin: 0; }
.masthead .office { display: flex; justify-content: space-between; margin: 0 1em; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "小标宋", "宋体", "SimSun", serif; font-size: 22pt;
  font-weight: normal; text-align: center; line-height: 1.4; margin: 0 0 6pt; }
h2, h3 { font-weight: normal; font-size: 16pt; margin: 10pt 0 4pt; text-indent: 2em;
  break-after: avoid; page-break-after: avoid; }
h2 { font-family: "黑体", "SimHei", "Heiti SC", sans-serif; }
h3 { font-family: "楷体_GB2312", "楷体", "KaiTi", "STKaiti", serif; }
p.meta { text-align: center; font-size: 12pt; margin: 0; }
p.note { font-size: 10.5pt; color: #333; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 10.5pt; line-height: 1.35; }
table.short { break-inside: avoid; page-break-inside: avoid; }
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
figure { margin: 6pt 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 10.5pt; }
figcaption.title { font-family: "黑体", "SimHei", sans-serif; font-size: 14pt; text-align: center; }
svg { width: 100%; height: auto; }
.colophon { margin-top: 24pt; border-top: 1pt solid #000; border-bottom: 1pt solid #000; font-size: 14pt;
  break-inside: avoid; page-break-inside: avoid; }
.colophon p { display: flex; justify-content: space-between; margin: 0; padding: 3pt 1em;
  border-top: 0.75pt solid #000; }
.colophon p:first-child { border-top: none; }
@media print { body { max-width: none; padding: 0; } th, .issuer, .masthead { -webkit-print-color-adjust: exact;
  print-color-adjust: exact; } }
"""
SHORT_TABLE_ROWS = 8  # a table this short is kept on one page

LIGHT_COLOURS = {"green": "#3a9a3a", "yellow": "#e0a800", "red": "#c62828"}


def text(value: str) -> str:
    """User or catalogue text as HTML text: controls dropped, markup escaped, newlines kept."""
    return html.escape(_CONTROL.sub("", value), quote=True).replace("\n", "<br>")


def briefing_html(b: Briefing) -> str:
    doc = document(b)
    lang = "zh-CN" if get_lang() == "zh" else "en"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{text(doc.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
    ]
    if doc.masthead is not None:
        out.append(_masthead(doc.masthead))
    # The title broken where the message says, between words; a line too long for the page (an
    # English one) may still wrap at its spaces, never run off the text block.
    lines = doc.title_lines or [doc.title]
    out.append("<h1>" + "<br>".join(text(line) for line in lines) + "</h1>")
    out += [f'<p class="meta">{text(line)}</p>' for line in doc.meta]
    for index, block in enumerate(doc.blocks):
        following = doc.blocks[index + 1] if index + 1 < len(doc.blocks) else None
        if isinstance(block, Heading):
            tag = "h2" if block.level == 1 else "h3"
            out.append(f"<{tag}>{text(block.text)}</{tag}>")
        elif isinstance(block, Para):
            kind = "note" if block.note else "body"
            if not block.note and isinstance(following, (Table, Chart)):
                kind += " lead"  # an introduction stays on the page of its table
            out.append(f'<p class="{kind}">{text(block.text)}</p>')
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, Chart):
            out.append(_chart(block))
    if doc.colophon is not None and not doc.colophon.empty:
        out.append(_colophon(doc.colophon))
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _masthead(masthead: Masthead) -> str:
    office = f"<span>{text(masthead.office)}</span>" if masthead.office else "<span></span>"
    return (
        '<header class="masthead">'
        f'<p class="issuer">{text(masthead.issuer)}</p>'
        f'<p class="number">{text(masthead.number)}</p>'
        f'<p class="office">{office}<span class="nw">{text(masthead.date)}</span></p>'
        "</header>"
    )


def _colophon(colophon: Colophon) -> str:
    lines = []
    if colophon.contact:
        lines.append(f"<p><span>{text(colophon.contact)}</span></p>")
    if colophon.copy_to:
        lines.append(f"<p><span>{text(colophon.copy_to)}</span></p>")
    if colophon.printer:
        lines.append(f'<p><span>{text(colophon.printer)}</span><span class="nw">{text(colophon.date)}</span></p>')
    return '<footer class="colophon">' + "".join(lines) + "</footer>"


def _cell_class(table: Table, column: int) -> str:
    """Numbers right-aligned; every column that is not free text (ids, dates, lights, figures) unbroken."""
    classes = (["num"] if column in table.numeric else []) + ([] if column in table.flexible else ["nw"])
    return f' class="{" ".join(classes)}"' if classes else ""


def _table(table: Table) -> str:
    heads = "".join(f"<th{_cell_class(table, i)}>{text(h)}</th>" for i, h in enumerate(table.headers))
    short = ' class="short"' if len(table.rows) <= SHORT_TABLE_ROWS else ""
    rows = [f"<table{short}>", f"<thead><tr>{heads}</tr></thead>"]
    rows.append("<tbody>")
    for index, row in enumerate(table.rows):
        light = table.lights[index] if table.lights else None
        attr = f' class="{light}"' if light in LIGHT_COLOURS else ""
        cells = "".join(f"<td{_cell_class(table, i)}>{text(cell)}</td>" for i, cell in enumerate(row))
        rows.append(f"<tr{attr}>{cells}</tr>")
    rows += ["</tbody>", "</table>"]
    return "\n".join(rows)


CHART_LABEL_CHARS = 20  # a chart label line: 20 characters of 11 px fit the 230 px label column


def label_lines(label: str) -> list[str]:
    """A section label on at most two lines, broken after its first comma when that fits, so that
    nothing is cut: （一）拓展服务融入京津冀协同发展的深度广度， / 持续释放协同红利."""
    if len(label) <= CHART_LABEL_CHARS:
        return [label]
    comma = label.find("，") + 1
    if 0 < comma <= CHART_LABEL_CHARS and len(label) - comma <= CHART_LABEL_CHARS:
        return [label[:comma], label[comma:]]
    return [label[:CHART_LABEL_CHARS], label[CHART_LABEL_CHARS:]]


def _chart(chart: Chart) -> str:
    """Per section: the lights as a stacked bar (share of tasks), and mean progress against 序时进度."""
    label_w, bar_w, gap, row_h = 235, 190, 20, 34
    left_x = label_w
    right_x = label_w + bar_w + gap + 40
    width = right_x + bar_w + 60
    height = 40 + row_h * len(chart.rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{text(chart.title)}" font-size="12">',
        f'<text x="{left_x}" y="16">{text(t("brief_chart_lights"))}</text>',
        f'<text x="{right_x}" y="16">{text(t("brief_col_mean"))}</text>',
    ]
    for index, row in enumerate(chart.rows):
        y = 30 + index * row_h
        lines = label_lines(row.label)
        spans = "".join(f'<tspan x="0" dy="{0 if i == 0 else 13}">{text(line)}</tspan>' for i, line in enumerate(lines))
        parts.append(f'<text y="{y + (14 if len(lines) == 1 else 7)}" font-size="11">{spans}</text>')
        total = row.green + row.yellow + row.red
        x = float(left_x)
        for light, count in (("green", row.green), ("yellow", row.yellow), ("red", row.red)):
            if total and count:
                w = bar_w * count / total
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="18" fill="{LIGHT_COLOURS[light]}">'
                    f"<title>{text(light_name(light))} {count}</title></rect>"
                )
                x += w
        parts.append(f'<text x="{left_x + bar_w + 4}" y="{y + 14}">{total}</text>')
        parts.append(f'<rect x="{right_x}" y="{y}" width="{bar_w}" height="18" fill="#eee"/>')
        if row.mean is None:
            parts.append(f'<text x="{right_x + 4}" y="{y + 14}">{text(t("brief_chart_none"))}</text>')
            continue
        mean_w = bar_w * min(max(row.mean, 0.0), 100.0) / 100
        parts.append(f'<rect x="{right_x}" y="{y}" width="{mean_w:.1f}" height="18" fill="#4a6fa5"/>')
        parts.append(f'<text x="{right_x + bar_w + 4}" y="{y + 14}">{text(pct(row.mean))}</text>')
        # Each row against its own mark: 序时进度 for amounts, 100% for rates, their mean in between.
        mark = row.mark(chart.expected)
        mark_x = right_x + bar_w * min(max(mark, 0.0), 100.0) / 100
        parts.append(
            f'<line x1="{mark_x:.1f}" y1="{y - 3}" x2="{mark_x:.1f}" y2="{y + 21}" stroke="#c62828" '
            f'stroke-width="2.5"><title>{text(t("brief_col_expected_mark"))} {mark:.1f}%</title></line>'
        )
    parts.append("</svg>")
    legend = t("brief_chart_legend_marked", pct=f"{chart.expected:.1f}")
    return (
        f'<figure><figcaption class="title">{text(chart.title)}</figcaption>{"".join(parts)}'
        f"<figcaption>{text(legend)}</figcaption></figure>"
    )
