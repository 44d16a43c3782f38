"""The 分工方案 drawn as xlsx (the fill-in form), docx (a 公文 attachment) or csv, and read back.

Every text cell passes ``neutralise_formula`` on the way out and ``restore_formula`` on the way in
(``ledger.cell_text``), so a unit name or a step that begins with "=" stays text both ways; a cell that
holds a real formula is refused on import. openpyxl and python-docx are imported only here.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

from hedong_cli.common.messages import t
from hedong_cli.documents.labels import titled
from hedong_cli.documents.ledger import Sheet
from hedong_cli.documents.plan_table import COLUMN_KEYS, DOCUMENT_KEYS, FILL_IN, PlanTable, column_title
from hedong_cli.render.ledger import safe_cell
from hedong_cli.render.xlsx_print import FONT_NAME, GB2312_CHARSET, default_font, print_setup, row_height

# Column widths: xlsx in Excel's unit (a digit of the default font), docx in millimetres (landscape A4).
# The xlsx widths add up to what landscape A4 holds at full size (``xlsx_print.PAGE_UNITS``), so the form
# prints at XLSX_PT; 目标任务 holds the report's whole sentence and takes the most.
XLSX_WIDTHS = {"seq": 5, "id": 8, "text": 32, "lead": 12, "partners": 12, "leader": 10, "due": 12,
               "nodes": 22, "reason": 18}  # fmt: skip
XLSX_PT = 10.5  # 五号
# 225 mm: landscape A4 (297 mm) less the turned GB/T 9704 margins of 37 and 35 mm. 目标任务 holds the report's
# whole sentence, so it takes the most room; 完成时限 keeps 2026-12-31 on one line; 任务编号 and 分管区领导 keep
# their titles on one line at 五号.
DOCX_WIDTHS_MM = {"seq": 12, "id": 19, "text": 66, "lead": 24, "partners": 22, "leader": 23, "due": 25,
                  "nodes": 34}  # fmt: skip
assert sum(DOCX_WIDTHS_MM.values()) == 225


def title(table: PlanTable) -> str:
    return titled("pln_title", table.region, year=table.year)


def plan_csv(table: PlanTable) -> bytes:
    """The form as UTF-8 CSV with a BOM, so that Excel opens the Chinese as Chinese."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column_title(key) for key in COLUMN_KEYS])
    for row in table.cells():
        writer.writerow([safe_cell(cell) if isinstance(cell, str) else cell for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def plan_xlsx(table: PlanTable, header_unit: str | None = None) -> bytes:
    """The fill-in form: a title, a how-to line, the header (frozen, printed on every page), one row a task.

    The columns a unit or the office fills in are pale yellow; the others are grey and hold the
    catalogue's words. It prints as the 台账 does (``render.xlsx_print``): landscape A4 at full size,
    10.5 pt, the header row on every page, ``header_unit`` (the office, from the settings) and the sheet
    in the page header, 第 N 页 共 M 页 below, and every row as tall as its wrapped text.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    default_font(workbook)
    ws = workbook.active
    ws.title = t("pln_sheet")
    ws.append([safe_cell(title(table))])
    ws.append([safe_cell(t("pln_howto", year=table.year))])
    ws.append([column_title(key) for key in COLUMN_KEYS])
    for row in table.cells():
        ws.append([safe_cell(cell) for cell in row])
    last = get_column_letter(len(COLUMN_KEYS))
    ws.merge_cells(f"A1:{last}1")
    ws.merge_cells(f"A2:{last}2")
    ws["A1"].font = Font(name="黑体", charset=GB2312_CHARSET, size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 26
    ws["A2"].font = Font(name=FONT_NAME, charset=GB2312_CHARSET, size=XLSX_PT)
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    widths = [float(XLSX_WIDTHS[key]) for key in COLUMN_KEYS]
    ws.row_dimensions[2].height = row_height([t("pln_howto")], [sum(widths)], [True], XLSX_PT)
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill_in = PatternFill("solid", fgColor="FFF7CC")
    fixed = PatternFill("solid", fgColor="EEEEEE")
    body_font = Font(name=FONT_NAME, charset=GB2312_CHARSET, size=XLSX_PT)
    header_font = Font(name=FONT_NAME, charset=GB2312_CHARSET, size=XLSX_PT, bold=True)
    wrapped = [True] * len(COLUMN_KEYS)
    ws.row_dimensions[3].height = row_height([column_title(key) for key in COLUMN_KEYS], widths, wrapped, XLSX_PT)
    for row_number, row in enumerate(table.cells(), start=4):
        # Spreadsheets do not grow a row for wrapped text on opening: give each row the lines it needs.
        ws.row_dimensions[row_number].height = row_height([str(cell) for cell in row], widths, wrapped, XLSX_PT)
    for index, key in enumerate(COLUMN_KEYS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = XLSX_WIDTHS[key]
        header = ws.cell(row=3, column=index)
        header.font = header_font
        header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header.border = border
        for row_number in range(4, ws.max_row + 1):
            cell = ws.cell(row=row_number, column=index)
            cell.font = body_font
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = border
            cell.fill = fill_in if key in FILL_IN else fixed
            cell.number_format = "@"  # dates stay the text people typed
    ws.freeze_panes = "C4"
    print_setup(ws, header_unit or t("ldg_all_units"), title_rows="3:3")
    workbook.properties.creator = "hedong"
    workbook.properties.title = title(table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def plan_docx(table: PlanTable) -> bytes:
    """The 分工方案 as a 公文 attachment: landscape A4, 附件 in 黑体 at the top left, the title in
    小标宋 centred, then the table with its header row repeated on every page."""
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    from hedong_cli.render import docx as gw  # the briefing's 公文 template, fonts and helpers

    doc = gw.new_document()  # its Plan Body, Plan Title and Plan Table styles are the 分工方案's
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    # GB/T 9704 margins, turned with the page: read by turning the book clockwise, so the table's head
    # lies on the binding edge (the portrait left) and the portrait bottom becomes the left.
    section.top_margin, section.bottom_margin = Mm(gw.MARGINS_MM["left"]), Mm(gw.MARGINS_MM["right"])
    section.left_margin, section.right_margin = Mm(gw.MARGINS_MM["bottom"]), Mm(gw.MARGINS_MM["top"])
    section.footer_distance = gw.footer_distance(gw.MARGINS_MM["right"])
    gw.without_grid(doc)
    doc.core_properties.title = gw.clean(title(table))
    gw.page_numbers(doc, section)

    gw.add_run(doc.add_paragraph(style="Plan Body"), t("pln_attachment"), gw.H1_FONT, gw.HEADING_PT)
    heading = doc.add_paragraph(style="Plan Title")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    gw.add_run(heading, title(table), gw.TITLE_FONT, gw.TITLE_PT)

    keys = DOCUMENT_KEYS
    rows = [[column_title(key) for key in keys], *[[str(cell) for cell in row] for row in table.cells(keys)]]
    grid = doc.add_table(rows=len(rows), cols=len(keys))
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    style_id = doc.styles["Plan Table"].style_id
    centred = {"seq", "id", "due", "leader"}
    for index, (row, values) in enumerate(zip(grid.rows, rows, strict=True)):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if index == 0:
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            tr_pr.append(header)
        for key, cell, value in zip(keys, row.cells, values, strict=True):
            cell.width = Mm(DOCX_WIDTHS_MM[key])
            paragraph = cell.paragraphs[0]
            paragraph._p.style = style_id
            if index == 0 or key in centred:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            lines = value.split("；") if key == "nodes" else [value]
            if key == "due" and index and table.rows[index - 1]["moved_from"] is not None:
                lines.append(t("pln_adjusted_mark"))  # explained in the notes under the table
            for number, line in enumerate(lines):
                if number:
                    paragraph = cell.add_paragraph(style="Plan Table")
                gw.add_run(paragraph, line, gw.H1_FONT if index == 0 else gw.BODY_FONT, gw.TABLE_PT)
    _fixed_grid(grid, [DOCX_WIDTHS_MM[key] for key in keys])
    _adjustment_notes(doc, table)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def cn_date(day: date) -> str:
    """2026年6月30日: dates in a 公文's prose are written out."""
    return f"{day.year}年{day.month}月{day.day}日"


def adjustment_notes(table: PlanTable) -> list[str]:
    """The 调整说明 of every moved 完成时限, one sentence a task, in the table's order."""
    notes = []
    for row in table.rows:
        if row["moved_from"] is None:
            continue
        due = date.fromisoformat(row["due"])
        task_title = row["title"]
        reason = row["reason"].strip() or t("pln_no_reason")
        if reason[-1] not in "。！？；.!?）)":
            reason += "。"
        notes.append(
            t("pln_adjusted_note", id=row["id"], title=task_title, original=cn_date(row["moved_from"]),
              due=cn_date(due), reason=reason)
        )  # fmt: skip
    return notes


def _adjustment_notes(doc: Any, table: PlanTable) -> None:
    """完成时限调整说明 under the table: what each moved deadline was, what it is, and why."""
    from docx.shared import Pt

    from hedong_cli.render import docx as gw

    notes = adjustment_notes(table)
    if not notes:
        return
    heading = doc.add_paragraph(style="Plan Table")
    heading.paragraph_format.space_before = Pt(gw.TABLE_PT)
    gw.add_run(heading, t("pln_adjusted_notes"), gw.H1_FONT, gw.TABLE_PT)
    for note in notes:
        gw.add_run(doc.add_paragraph(style="Plan Table"), note, gw.BODY_FONT, gw.TABLE_PT)


def _fixed_grid(grid: Any, widths_mm: list[float]) -> None:
    """Fix the table's column widths (Word and LibreOffice both honour ``w:tblGrid`` + fixed layout)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    from hedong_cli.render.docx_base import set_table_property

    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    set_table_property(grid._tbl.tblPr, layout)  # at its schema place: Word refuses elements out of order
    for column, width in zip(grid._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        column.w = Mm(width)


def read_plan_file(path: Path) -> list[Sheet]:
    """The sheets of a filled 分工方案 (.xlsx or .csv), read as the ledger import reads them."""
    from hedong_cli.render.ledger import read_ledger

    return read_ledger(path)
