"""The 台账 (ledger) as an xlsx workbook, for the units to fill in and to print (openpyxl, imported only here).

A protected summary sheet comes first: the title, the date, the 填报 block (填报单位, 填报人, 联系电话,
审核人: its answers unlocked, read back by import), the figures, how to fill in, the tasks by section, and
the 完成时限 the plans moved, with their 调整说明. Then one sheet per section: a styled, frozen header row
printed on every page, wrapped long text, real date cells, a dropdown of status names on the status
columns, and sheet protection without a password (it guards against slips, not against intent) that
leaves only the three 本期 columns editable.

Printing (``render.xlsx_print``): the 13 shown columns fit landscape A4 at full size in Excel, so the
data prints at 10.5 pt (五号), and at 9 pt or more where a spreadsheet counts widths wider. They used
to be measured to their content and shrunk by "fit to width" to about 60 %, 6.5 pt on paper: now each
has a fixed width (``ledger.COLUMNS``), long text wraps, and the rows grow. The 填报 block sits under
the title, so it never lands alone on a page of its own. A 完成时限 the plan moved is marked "*" (a
number format: the cell is still a date), the page footer says what the mark means, and a comment on
the cell gives the original date and the reason.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from hedong_cli.common.messages import STATUS_NAMES, get_lang, light_name, status_name, t
from hedong_cli.common.textsafe import restore_formula
from hedong_cli.documents.labels import summary_lines, titled
from hedong_cli.documents.ledger import COLUMNS, INDEX, Adjustment, Ledger, with_cell
from hedong_cli.render.ledger import safe_cell
from hedong_cli.render.xlsx_print import (
    FONT_NAME,
    GB2312_CHARSET,
    default_font,
    fit_text,
    line_height,
    print_setup,
    row_height,
)
from hedong_cli.tracking.progress import Report, summarize

HEADER_FILL = "D9E1F2"  # protected columns: pale blue-grey
INPUT_HEADER_FILL = "FFD966"  # the 本期 columns: amber header ...
INPUT_FILL = "FFF2CC"  # ... and pale yellow cells, the usual "fill in here" convention
FONT_PT = 11  # the summary sheet
DATA_PT = 10.5  # 五号, the task sheets: 13 columns on landscape A4 at 100 % in Excel
DATE_FORMAT = "yyyy-mm-dd"
ADJUSTED_FORMAT = 'yyyy-mm-dd"*"'  # a moved 完成时限: still a date cell, shown with the mark
SUMMARY_WIDTHS = {"A": 44.0, "B": 30.0, **{letter: 8.0 for letter in "CDEFG"}}


def ledger_xlsx(ledger: Ledger, header_unit: str | None = None) -> bytes:
    """The workbook's bytes, built in memory: the file is then written in one go by ``fileio``, so a
    full disk is one clear error, never a half-closed zip complaining from its destructor.
    ``header_unit`` names the unit in the printed page header when the ledger is not one unit's (the
    office's own name from the settings; else "all units")."""
    from openpyxl import Workbook

    workbook = Workbook()
    default_font(workbook)
    styles = _styles(workbook)
    unit = ledger.unit or header_unit or t("ldg_all_units")
    _summary_sheet(workbook.active, ledger, styles)
    print_setup(workbook.active, unit, title_rows=None)
    for sheet in ledger.sheets:
        ws = workbook.create_sheet(sheet.name)
        moved = {str(row[INDEX["id"]]): ledger.adjustments[str(row[INDEX["id"]])] for row in sheet.rows
                 if str(row[INDEX["id"]]) in ledger.adjustments}  # fmt: skip
        _task_sheet(ws, ledger.header, sheet.rows, styles, ledger.report, moved)
        print_setup(ws, unit, title_rows="1:1", footnote=t("ldg_adjusted_footnote") if moved else None)
    workbook.properties.creator = "hedong"
    workbook.properties.title = titled("ldg_title", ledger.report.region, year=ledger.report.year)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text_row(ws: Any, text: str, style: str = "hedong-text") -> int:
    """A line of text across the summary's columns A:G, wrapped, so nothing runs past the printed width."""
    ws.append([safe_cell(text)])
    row = ws.max_row
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=7)
    ws.cell(row, 1).style = style
    height = row_height([text], [sum(SUMMARY_WIDTHS.values())], [True], FONT_PT)
    if height:
        ws.row_dimensions[row].height = height
    return row


def _summary_sheet(ws: Any, ledger: Ledger, styles: dict[tuple[bool, bool], str]) -> None:
    from openpyxl.styles import Font

    report = ledger.report
    ws.title = t("ldg_summary_sheet")
    for letter, width in SUMMARY_WIDTHS.items():
        ws.column_dimensions[letter].width = width
    _text_row(ws, titled("ldg_title", report.region, year=report.year))
    ws["A1"].font = Font(name=FONT_NAME, charset=GB2312_CHARSET, bold=True, size=14)
    ws.row_dimensions[1].height = 22
    expected = t("lbl_expected", pct=f"{report.expected_pct:.1f}")
    _text_row(ws, f"{t('lbl_as_of', date=report.as_of.isoformat())}{t('lbl_sep')}{expected}")
    _filing_block(ws, ledger)
    ws.append([])
    statuses = "、".join(status_name(key) for key in STATUS_NAMES)
    for line in (*summary_lines(report.summary), "", t("ldg_howto_1"), t("ldg_howto_2"),
                 t("ldg_howto_3", statuses=statuses), t("ldg_howto_4"), ""):  # fmt: skip
        _text_row(ws, line)
    header = [t("col_section"), t("ldg_col_sheet"), t("ldg_col_tasks"), status_name("done")]
    header += [light_name(light) for light in ("green", "yellow", "red")]
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.style = "hedong-header-locked"
    views_by_section: dict[str, list[Any]] = {}
    for view in report.views:
        views_by_section.setdefault(view.task.section, []).append(view)
    for sheet in ledger.sheets:
        summary = summarize(views_by_section.get(sheet.section_id, []))
        row = [sheet.heading, sheet.name, summary.total, summary.by_status["done"]]
        row += [summary.by_light[light] for light in ("green", "yellow", "red")]
        ws.append([safe_cell(cell) for cell in row])
        number = ws.max_row
        for column in range(1, 8):
            ws.cell(number, column).style = styles[(False, column <= 2)]
        wrapped = [True, True, False, False, False, False, False]
        height = row_height(row, list(SUMMARY_WIDTHS.values()), wrapped, FONT_PT)
        if height:
            ws.row_dimensions[number].height = height
    if ledger.adjustments:
        _adjustments(ws, list(ledger.adjustments.values()), styles)
    ws.protection.sheet = True  # read-only by default, but for the 填报 cells; no password


def _adjustments(ws: Any, items: list[Adjustment], styles: dict[tuple[bool, bool], str]) -> None:
    """完成时限调整情况: one row a moved deadline, A 任务, B 调整说明, C:D 原完成时限, E:G 调整为."""
    from openpyxl.styles import Font

    ws.append([])
    title = _text_row(ws, t("ldg_adjusted_title"))
    ws.cell(title, 1).font = Font(name=FONT_NAME, charset=GB2312_CHARSET, size=FONT_PT, bold=True)
    header = [t("ldg_col_text"), t("pln_col_reason"), t("ldg_adjusted_from"), None, t("ldg_adjusted_to")]
    ws.append(header)
    row = ws.max_row
    for column in range(1, 8):
        ws.cell(row, column).style = "hedong-header-locked"
    _merge_dates(ws, row)
    widths = [SUMMARY_WIDTHS["A"], SUMMARY_WIDTHS["B"]]
    for item in items:
        reason = item.reason or t("pln_no_reason")
        reason = fit_text(reason, widths[1], FONT_PT, t("ldg_reason_cut", n=f"{len(reason):,}", id=item.task_id))
        cells: list[object] = [f"{item.task_id} {item.title}", reason, item.original, None, item.due]
        ws.append([safe_cell(cell) for cell in cells])
        row = ws.max_row
        for column in range(1, 8):
            ws.cell(row, column).style = "hedong-date" if column > 2 else styles[(False, True)]
        _merge_dates(ws, row)
        height = row_height(cells[:2], widths, [True, True], FONT_PT)
        if height:
            ws.row_dimensions[row].height = height


def _merge_dates(ws: Any, row: int) -> None:
    ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=4)
    ws.merge_cells(start_row=row, start_column=5, end_row=row, end_column=7)


def _filing_block(ws: Any, ledger: Ledger) -> None:
    """填报单位, 填报人, 联系电话, 审核人, under the title: labels locked, answers unlocked for the unit;
    import reads them (``ledger_import.read_filing``). Here, not at the foot, so that the block never
    spills onto a page of its own."""
    for key in ("ldg_fill_unit", "ldg_fill_person", "ldg_fill_phone", "ldg_fill_reviewer"):
        answer = safe_cell(ledger.unit) if key == "ldg_fill_unit" and ledger.unit else None
        ws.append([t(key), answer])
        row = ws.max_row
        ws.cell(row, 1).style = "hedong-header-locked"
        ws.cell(row, 2).style = "hedong-input"
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        ws.row_dimensions[row].height = line_height(FONT_PT) + 6


def _styles(workbook: Any) -> dict[tuple[bool, bool], str]:
    """Register the ledger's cell styles once; cells then take a style by name, which costs little.

    Keys: (editable, wrapped) for the summary's body cells; the task sheets' cells take the same names
    with "-data" (``DATA_PT``). Setting fonts, fills and borders cell by cell instead makes openpyxl hash
    each style object for every cell, minutes for a large ledger. Every style names a Chinese font, so
    Excel, WPS and LibreOffice do not fall back to a Latin or Japanese face.
    """
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    names: dict[tuple[bool, bool], str] = {}
    text = NamedStyle(name="hedong-text")
    text.font = Font(name=FONT_NAME, charset=GB2312_CHARSET, size=FONT_PT)
    text.alignment = Alignment(vertical="top", wrap_text=True)
    workbook.add_named_style(text)
    for suffix, size in (("", FONT_PT), ("-data", DATA_PT)):
        for name, number_format in (("date", DATE_FORMAT), ("adjusted", ADJUSTED_FORMAT)):
            day = NamedStyle(name=f"hedong-{name}{suffix}", number_format=number_format)
            day.font = Font(name=FONT_NAME, charset=GB2312_CHARSET, size=size)
            day.alignment = Alignment(vertical="top", horizontal="left")
            day.border = border
            day.protection = Protection(locked=True)
            workbook.add_named_style(day)
        for editable in (False, True):
            header = NamedStyle(name=f"hedong-header-{'input' if editable else 'locked'}{suffix}")
            header.font = Font(name=FONT_NAME, charset=GB2312_CHARSET, size=size, bold=True)
            header.fill = PatternFill("solid", fgColor=INPUT_HEADER_FILL if editable else HEADER_FILL)
            header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            header.border = border
            workbook.add_named_style(header)
            for wrap in (False, True):
                body = NamedStyle(name=f"hedong-{'input' if editable else 'locked'}{'-wrap' if wrap else ''}{suffix}")
                body.font = Font(name=FONT_NAME, charset=GB2312_CHARSET, size=size)
                body.alignment = Alignment(vertical="top", wrap_text=wrap)
                body.border = border
                if editable:
                    body.fill = PatternFill("solid", fgColor=INPUT_FILL)
                body.protection = Protection(locked=not editable)
                workbook.add_named_style(body)
                if not suffix:
                    names[(editable, wrap)] = body.name
    return names


def _value_validations(ws: Any, rows: list[list[object]], report: Report) -> None:
    """本期数值: a decimal per row, the prompt naming the target's unit (one rule per unit of measure),
    rates may be negative; tasks without a number get a prompt that says so."""
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = _letter(INDEX["new_value"])
    targets = {view.task.id: view.task.target for view in report.views}
    groups: dict[tuple[str, bool] | None, list[int]] = {}
    for row_index, row in enumerate(rows, start=2):
        target = targets.get(str(row[INDEX["id"]]))
        key = None if target is None else (target.unit, target.is_rate)
        groups.setdefault(key, []).append(row_index)
    for key, row_numbers in groups.items():
        if key is None:
            rule = DataValidation(type="textLength", operator="equal", formula1="0", allow_blank=True)
            rule.prompt = t("ldg_dv_value_none")
        else:
            unit, rate = key
            if rate:
                rule = DataValidation(type="decimal", operator="between", formula1="-1E+300", formula2="1E+300")
            else:
                rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
            rule.allow_blank = True
            rule.prompt = t("ldg_dv_value_prompt", unit=unit) if unit else t("ldg_dv_value_prompt_plain")
        rule.promptTitle = t("ldg_dv_value_title")
        rule.showInputMessage = rule.showErrorMessage = True
        rule.errorTitle = t("ldg_dv_value_error_title")
        rule.error = t("ldg_dv_value_error") if key is not None else t("ldg_dv_value_none")
        for start, end in _runs(row_numbers):
            rule.add(f"{letter}{start}:{letter}{end}")
        ws.add_data_validation(rule)


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Consecutive row numbers as (first, last) ranges: 2,3,4,7 → (2,4), (7,7)."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _task_sheet(
    ws: Any,
    header: list[str],
    rows: list[list[object]],
    styles: dict[tuple[bool, bool], str],
    report: Report,
    moved: dict[str, Adjustment],
) -> None:
    from openpyxl.comments import Comment
    from openpyxl.worksheet.datavalidation import DataValidation

    ws.append(header)
    for index, column in enumerate(COLUMNS, start=1):
        ws.cell(1, index).style = f"hedong-header-{'locked' if column.protected else 'input'}-data"
    cell_styles = [f"{styles[(not column.protected, column.wrap)]}-data" for column in COLUMNS]
    date_columns = {INDEX[column.key] for column in COLUMNS if column.kind == "date"}
    due_column = INDEX["due"]
    widths = [float(column.width) for column in COLUMNS]
    wrapped = [column.wrap for column in COLUMNS]
    for index, column in enumerate(COLUMNS):
        ws.column_dimensions[_letter(index)].width = column.width
        if column.kind == "code":
            ws.column_dimensions[_letter(index)].hidden = True
    header_height = row_height(header, widths, [True] * len(header), DATA_PT)
    if header_height:
        ws.row_dimensions[1].height = header_height
    note_width = widths[INDEX["note"]]
    for row_index, row in enumerate(rows, start=2):
        note = row[INDEX["note"]]
        if isinstance(note, str) and note:
            # A note longer than the highest row shows is cut, saying where the whole of it is. Measured as
            # written (guarded against formulas); the row keeps it unguarded, as export_row does.
            written = str(safe_cell(note))
            tail = t("ldg_note_cut", n=f"{len(note):,}", id=str(row[INDEX["id"]]))
            shown = fit_text(written, note_width, DATA_PT, tail)
            if shown != written:
                row = with_cell(row, "note", restore_formula(shown))
        values = [safe_cell(cell) for cell in row]
        written = list(values)
        for index in date_columns:  # real date cells: sortable, filterable, shown as 2026-11-22
            if isinstance(values[index], str) and values[index]:
                values[index] = date.fromisoformat(str(values[index]))
        ws.append(values)
        for index in range(len(values)):
            ws.cell(row_index, index + 1).style = "hedong-date-data" if index in date_columns else cell_styles[index]
        adjusted = moved.get(str(row[INDEX["id"]]))
        if adjusted is not None:
            cell = ws.cell(row_index, due_column + 1)
            cell.style = "hedong-adjusted-data"
            text = t("ldg_adjusted_comment", original=adjusted.original.isoformat(), reason=adjusted.reason or "—")
            cell.comment = Comment(safe_cell(text), "hedong", width=240, height=120)
        height = row_height(written, widths, wrapped, DATA_PT)
        if height:
            ws.row_dimensions[row_index].height = height
    last = max(ws.max_row, 2)
    names = [names[0 if get_lang() == "zh" else 1] for names in STATUS_NAMES.values()]
    dropdown = DataValidation(type="list", formula1='"' + ",".join(names) + '"', allow_blank=True)
    dropdown.showErrorMessage = True
    dropdown.errorTitle = t("ldg_dv_title")
    dropdown.error = t("ldg_dv_error")
    for key in ("status", "new_status"):
        letter = _letter(INDEX[key])
        dropdown.add(f"{letter}2:{letter}{last}")
    ws.add_data_validation(dropdown)
    _value_validations(ws, rows, report)
    ws.freeze_panes = "B2"  # the header row and the task id stay in view
    ws.auto_filter.ref = f"A1:{_letter(len(COLUMNS) - 1)}{last}"
    protection = ws.protection
    protection.sheet = True  # no password: the lock stops slips; the check code catches the rest
    protection.formatColumns = False  # still allowed: widen columns, raise rows, filter
    protection.formatRows = False
    protection.autoFilter = False
