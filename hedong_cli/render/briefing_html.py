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
from hedong_cli.render.briefing import Chart, Heading, Para, Table, document
from hedong_cli.render.labels import pct

# HTML cannot carry C0 controls (other than tab and newline) or C1 controls meaningfully.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

STYLE = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", serif;
  font-size: 12pt; line-height: 1.6; color: #000; max-width: 180mm; margin: 0 auto; padding: 8mm; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "宋体", serif; font-size: 20pt;
  font-weight: normal; text-align: center; margin: 0 0 6pt; }
h2, h3 { font-family: "黑体", "SimHei", "Heiti SC", sans-serif; font-weight: normal; break-after: avoid;
  page-break-after: avoid; }
h2 { font-size: 15pt; margin: 16pt 0 6pt; }
h3 { font-size: 13pt; margin: 10pt 0 4pt; }
p.meta { text-align: center; margin: 0; }
p.note { font-size: 10pt; color: #333; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; font-size: 10.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.5pt solid #555; padding: 2pt 4pt; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: bold; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.red td:first-child { border-left: 3pt solid #c00; }
tr.yellow td:first-child { border-left: 3pt solid #d90; }
tr.green td:first-child { border-left: 3pt solid #393; }
figure { margin: 6pt 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 10.5pt; text-align: center; }
svg { width: 100%; height: auto; }
@media print { body { max-width: none; padding: 0; } th { -webkit-print-color-adjust: exact;
  print-color-adjust: exact; } }
"""

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
        f"<h1>{text(doc.title)}</h1>",
    ]
    out += [f'<p class="meta">{text(line)}</p>' for line in doc.meta]
    for block in doc.blocks:
        if isinstance(block, Heading):
            tag = "h2" if block.level == 1 else "h3"
            out.append(f"<{tag}>{text(block.text)}</{tag}>")
        elif isinstance(block, Para):
            out.append(f'<p class="note">{text(block.text)}</p>' if block.note else f"<p>{text(block.text)}</p>")
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, Chart):
            out.append(_chart(block))
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _table(table: Table) -> str:
    heads = "".join(
        f'<th class="num">{text(h)}</th>' if i in table.numeric else f"<th>{text(h)}</th>"
        for i, h in enumerate(table.headers)
    )
    rows = ["<table>", f"<thead><tr>{heads}</tr></thead>"]
    rows.append("<tbody>")
    for index, row in enumerate(table.rows):
        light = table.lights[index] if table.lights else None
        attr = f' class="{light}"' if light in LIGHT_COLOURS else ""
        cells = "".join(
            f'<td class="num">{text(cell)}</td>' if i in table.numeric else f"<td>{text(cell)}</td>"
            for i, cell in enumerate(row)
        )
        rows.append(f"<tr{attr}>{cells}</tr>")
    rows += ["</tbody>", "</table>"]
    return "\n".join(rows)


def _chart(chart: Chart) -> str:
    """Per section: the lights as a stacked bar (share of tasks), and mean progress against 序时进度."""
    label_w, bar_w, gap, row_h = 230, 190, 20, 30
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
    expected_x = right_x + bar_w * min(max(chart.expected, 0.0), 100.0) / 100
    for index, row in enumerate(chart.rows):
        y = 30 + index * row_h
        label = row.label if len(row.label) <= 16 else row.label[:15] + "…"
        parts.append(f'<text x="0" y="{y + 14}"><title>{text(row.label)}</title>{text(label)}</text>')
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
    bottom = 30 + row_h * len(chart.rows)
    parts.append(
        f'<line x1="{expected_x:.1f}" y1="22" x2="{expected_x:.1f}" y2="{bottom}" stroke="#c62828" '
        f'stroke-width="2" stroke-dasharray="4 2"><title>{text(t("col_expected"))} {chart.expected:.1f}%</title></line>'
    )
    parts.append("</svg>")
    caption = f"{chart.title}（{t('col_expected')} {chart.expected:.1f}%）"
    if get_lang() != "zh":
        caption = f"{chart.title} ({t('col_expected')} {chart.expected:.1f}%)"
    return f"<figure>{''.join(parts)}<figcaption>{text(caption)}</figcaption></figure>"
