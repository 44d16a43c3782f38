"""The 通报 in Markdown (for review in a repository) and plain text (for chat).

Both render the blocks ``briefing_doc.document`` lays out, in the same order as the Word and HTML
files: 版头, title, 主送, body, 附件 list, 版记, then each 附件. Markdown escapes user text for
tables and text; plain text makes control characters visible and draws no bars or arrows.
"""

from __future__ import annotations

from hedong_cli.common.textsafe import md_cell, md_text, visible
from hedong_cli.documents.briefing import Briefing
from hedong_cli.render.briefing_blocks import Document, Heading, Para, Table
from hedong_cli.render.briefing_doc import document

__all__ = ["briefing_markdown", "briefing_text", "document", "document_markdown", "document_text"]


def _colophon_lines(doc: Document) -> list[str]:
    if doc.colophon is None:
        return []
    return ["　".join(part for part in line if part) for line in doc.colophon.lines()]


# -- Markdown --------------------------------------------------------------------------------


def briefing_markdown(b: Briefing) -> str:
    return document_markdown(document(b))


def document_markdown(doc: Document) -> str:
    """Any 通报 laid out as blocks (the district's, the city's) in Markdown."""
    head = doc.masthead
    # The title first, as every Markdown file here starts; the 版头 as a line under it.
    lines = [f"# {md_cell(doc.title)}", "", f"**{md_cell(head.issuer)}**　" + md_text(f"{head.number}　{head.date}")]
    lines += ["", md_text(doc.recipients), ""]
    lines += _md_blocks(doc.blocks)
    lines += [md_text(line) + "  " for line in doc.attachment_list]
    lines += ["", "---", ""]
    lines += [md_text(line) + "  " for line in _colophon_lines(doc)]
    for attachment in doc.attachments:
        lines += ["", "---", "", f"## {md_cell(attachment.label)}　{md_cell(attachment.title)}", ""]
        lines += _md_blocks(attachment.blocks)
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_blocks(blocks: list) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines += [f"{'#' * (block.level + 1)} {md_cell(block.text)}", ""]
        elif isinstance(block, Para):
            lead = f"**{md_cell(block.lead)}**" if block.lead else ""
            text = md_text(block.text)
            lines += [f"*{md_cell(block.text)}*" if block.note else lead + text, ""]
        elif isinstance(block, Table):
            lines += [*_md_table(block), ""]
    return lines


def _md_table(table: Table) -> list[str]:
    out = ["| " + " | ".join(md_cell(h) for h in table.headers) + " |"]
    out.append("|" + "|".join("---:" if i in table.numeric else "---" for i in range(len(table.headers))) + "|")
    for row in table.rows:
        out.append("| " + " | ".join(md_cell(cell) for cell in row) + " |")
    return out


# -- plain text ------------------------------------------------------------------------------


def briefing_text(b: Briefing, width: int = 80) -> str:
    return document_text(document(b), width)


def document_text(doc: Document, width: int = 80) -> str:
    """Any 通报 laid out as blocks in plain text, ``width`` columns."""
    from hedong_cli.render.textwidth import center, text_width, wrap

    head = doc.masthead
    lines = center(visible(head.issuer), width)
    number, day = visible(head.number), visible(head.date)
    gap = max(width - text_width(number) - text_width(day), 2)
    lines += [number + " " * gap + day if gap < width else f"{number}  {day}", "=" * width, ""]
    lines += center(visible(doc.title), width)
    lines += ["", *wrap(visible(doc.recipients), width)]
    lines += _txt_blocks(doc.blocks, width)
    lines += [""] + [line for item in doc.attachment_list for line in wrap(visible(item), width)]
    lines += ["", "-" * width]
    for line in doc.colophon.lines() if doc.colophon else []:
        left, right = visible(line[0]), visible(line[1])
        room = width - text_width(left) - text_width(right)
        lines += [left + " " * room + right] if room >= 2 else wrap(f"{left}　{right}".strip("　"), width)
        lines.append("-" * width)
    for attachment in doc.attachments:
        lines += ["", "", visible(attachment.label), *center(visible(attachment.title), width)]
        lines += _txt_blocks(attachment.blocks, width)
    while lines and not lines[-1]:
        lines.pop()
    squeezed = [line for i, line in enumerate(lines) if line or (i and lines[i - 1])]
    return "\n".join(squeezed) + "\n"


def _txt_blocks(blocks: list, width: int) -> list[str]:
    from hedong_cli.render.textwidth import table, wrap

    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines += ["", *wrap(visible(block.text), width)]
        elif isinstance(block, Para):
            indent = "" if block.note else "　　"
            lines += wrap(indent + visible(block.lead + block.text), width)
        elif isinstance(block, Table):
            rows = [[visible(cell, keep_newlines=True) for cell in row] for row in block.rows]
            headers = [visible(h) for h in block.headers]
            lines += ["", *table(headers, rows, width, numeric=block.numeric, flexible=block.flexible), ""]
    return lines
