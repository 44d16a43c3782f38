"""Ledger (台账) files: xlsx (openpyxl, imported only here, only when used), CSV and JSON, both ways.

Writing: every text cell passes ``neutralise_formula`` (OWASP CSV-injection guard), so a note that
begins with =, +, -, @, a tab or a carriage return shows as text and never runs; reading undoes it
with ``restore_formula`` (in ``ledger.cell_text``), so the round trip is exact. The writers return
bytes; ``fileio.write_atomic`` puts them on disk (atomically) or on a pipe.

The xlsx layout: a protected summary sheet first, then one sheet per section with a styled, frozen
header row, widths measured in display columns (a CJK character is two), wrapped long text, a
dropdown of status names on the status columns, and sheet protection without a password (it guards
against slips, not against intent) that leaves only the three 本期 columns editable.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import os
import stat
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from hedong_cli.errors import InputError
from hedong_cli.ledger import COLUMNS, INDEX, Formula, Ledger, Sheet, xml_safe
from hedong_cli.messages import STATUS_NAMES, get_lang, light_name, status_name, t
from hedong_cli.progress import Report, summarize
from hedong_cli.render.labels import summary_lines, titled
from hedong_cli.textsafe import neutralise_formula

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML and legacy .xls are OLE2 compound files
ZIP_MAGIC = b"PK"
HEADER_FILL = "D9E1F2"  # protected columns: pale blue-grey
INPUT_HEADER_FILL = "FFD966"  # the 本期 columns: amber header ...
INPUT_FILL = "FFF2CC"  # ... and pale yellow cells, the usual "fill in here" convention
# Import limits, stated in the refusal messages (and docs/robustness.md). A real ledger of the 2026
# report is about 130 rows and well under 1 MiB; a 100,000-row ledger is about 60 MiB of xlsx XML.
# Beyond these a file is a mistake or a zip bomb, and reading on would cost minutes or gigabytes.
MAX_IMPORT_MIB = 256  # uncompressed: the CSV file, or all the parts of an xlsx added up
MAX_IMPORT_ROWS = 200_000  # rows with content, over all sheets
LINE_HEIGHT_PT = 16.0  # one line of 11 pt CJK text: the fonts' line gap is about 1.4 em
FONT_NAME, FONT_PT = "等线", 11  # Excel's and WPS's default Chinese face (DengXian)
GB2312_CHARSET = 134  # tells a spreadsheet without 等线 to substitute a Simplified Chinese face
MAX_ROW_HEIGHT_PT = 409.0  # Excel's limit
MIB = 1024 * 1024


def display_width(text: str) -> int:
    """Columns a string takes on screen or in a cell: East Asian wide and fullwidth characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def safe_cell(value: object) -> object:
    """A value ready for a spreadsheet cell: text made XML-legal and guarded against formulas."""
    if isinstance(value, str):
        return neutralise_formula(xml_safe(value))
    return value


# -- writing ---------------------------------------------------------------------------------------


def ledger_csv(ledger: Ledger) -> str:
    """All sheets' rows under one header; text guarded against formulas. Callers add the BOM for files."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(ledger.header)
    for sheet in ledger.sheets:
        for row in sheet.rows:
            writer.writerow(["" if cell is None else safe_cell(cell) for cell in row])
    return buffer.getvalue()


def csv_bytes(ledger: Ledger) -> bytes:
    """The CSV file's bytes. UTF-8 with a BOM: without it Excel reads the file in the local code page
    and garbles Chinese."""
    return ledger_csv(ledger).encode("utf-8-sig")


def xlsx_bytes(ledger: Ledger, header_unit: str | None = None) -> bytes:
    """The workbook's bytes, built in memory: the file is then written in one go by ``fileio``, so a
    full disk is one clear error, never a half-closed zip complaining from its destructor.
    ``header_unit`` names the unit in the printed page header when the ledger is not one unit's (the
    office's own name from the settings; else "all units")."""
    from openpyxl import Workbook

    workbook = Workbook()
    styles = _styles(workbook)
    unit = ledger.unit or header_unit or t("ldg_all_units")
    _summary_sheet(workbook.active, ledger, styles)
    _print_setup(workbook.active, unit, title_rows=None)
    for sheet in ledger.sheets:
        ws = workbook.create_sheet(sheet.name)
        _task_sheet(ws, ledger.header, sheet.rows, styles, ledger.report)
        _print_setup(ws, unit, title_rows="1:1")
    workbook.properties.creator = "hedong"
    workbook.properties.title = titled("ldg_title", ledger.report.region, year=ledger.report.year)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _print_setup(ws: Any, unit: str, title_rows: str | None) -> None:
    """A4 landscape, one page wide, the unit and the sheet in the header, "第 N 页 共 M 页" below."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows:
        ws.print_title_rows = title_rows
    # Header and footer codes: &A is the sheet's name, &P the page, &N the pages; && is a literal &.
    ws.oddHeader.left.text = xml_safe(unit).replace("&", "&&")
    ws.oddHeader.right.text = "&A"
    ws.oddFooter.center.text = t("ldg_footer")
    for part in (ws.oddHeader.left, ws.oddHeader.right, ws.oddFooter.center):
        part.font = f"{FONT_NAME},Regular"
        part.size = 10


def cell_lines(text: str, width: float) -> int:
    """Lines ``text`` takes in a wrapped cell ``width`` characters wide (Excel's width unit, the width
    of a digit). A CJK character is about 2.2 digits wide and a narrow one 1.1, on the safe side, and
    the cell keeps about one unit of padding."""
    usable = max(width - 1.2, 1.0)
    lines = 0
    for part in text.split("\n"):
        units = sum(2.2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1.1 for ch in part)
        lines += max(math.ceil(units / usable), 1)
    return lines


def row_height(values: list[object], widths: list[float], wrapped: list[bool]) -> float | None:
    """The height (points) that shows every wrapped cell of a row whole; None: the default one line."""
    lines = 1
    for value, width, wrap in zip(values, widths, wrapped, strict=True):
        if wrap and value not in (None, ""):
            lines = max(lines, cell_lines(str(value), width))
    return min(lines * LINE_HEIGHT_PT + 2, MAX_ROW_HEIGHT_PT) if lines > 1 else None


def _summary_sheet(ws: Any, ledger: Ledger, styles: dict[tuple[bool, bool], str]) -> None:
    from openpyxl.styles import Font

    report = ledger.report
    ws.title = t("ldg_summary_sheet")
    statuses = "、".join(status_name(key) for key in STATUS_NAMES)
    lines = [
        titled("ldg_title", report.region, year=report.year),
        f"{t('lbl_as_of', date=report.as_of.isoformat())}{t('lbl_sep')}"
        f"{t('lbl_expected', pct=f'{report.expected_pct:.1f}')}",
        t("ldg_unit_line", unit=ledger.unit or t("ldg_all_units")),
        *summary_lines(report.summary),
        "",
        t("ldg_howto_1"),
        t("ldg_howto_2"),
        t("ldg_howto_3", statuses=statuses),
        t("ldg_howto_4"),
        "",
    ]
    widths = {"A": 44.0, "B": 30.0, **{letter: 8.0 for letter in "CDEFG"}}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    text_width = sum(widths.values())
    # Each text line spans the table's columns A:G, wrapped, so nothing runs past the printed width.
    for line in lines:
        ws.append([safe_cell(line)])
        row = ws.max_row
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=7)
        ws.cell(row, 1).style = "hedong-text"
        height = row_height([line], [text_width], [True])
        if height:
            ws.row_dimensions[row].height = height
    ws["A1"].font = Font(name=FONT_NAME, charset=GB2312_CHARSET, bold=True, size=14)
    ws.row_dimensions[1].height = 22
    header = [t("col_section"), t("ldg_col_sheet"), t("ldg_col_tasks"), status_name("done")]
    header += [light_name(light) for light in ("green", "yellow", "red")]
    ws.append(header)
    header_row = ws.max_row
    for cell in ws[header_row]:
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
        height = row_height(row, list(widths.values()), [True, True, False, False, False, False, False])
        if height:
            ws.row_dimensions[number].height = height
    _filing_block(ws, ledger)
    ws.protection.sheet = True  # read-only by default, but for the 填报 cells; no password


def _filing_block(ws: Any, ledger: Ledger) -> None:
    """填报单位, 填报人, 联系电话, 审核人: labels locked, answers unlocked for the unit; import reads them."""
    from openpyxl.styles import Font

    ws.append([])
    ws.append([t("ldg_fill_title")])
    ws.cell(ws.max_row, 1).style = "hedong-text"
    ws.cell(ws.max_row, 1).font = Font(name=FONT_NAME, charset=GB2312_CHARSET, size=FONT_PT, bold=True)
    for key in ("ldg_fill_unit", "ldg_fill_person", "ldg_fill_phone", "ldg_fill_reviewer"):
        answer = safe_cell(ledger.unit) if key == "ldg_fill_unit" and ledger.unit else None
        ws.append([t(key), answer])
        row = ws.max_row
        ws.cell(row, 1).style = "hedong-header-locked"
        ws.cell(row, 2).style = "hedong-input"
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        ws.row_dimensions[row].height = LINE_HEIGHT_PT + 6


def _styles(workbook: Any) -> dict[tuple[bool, bool], str]:
    """Register the ledger's cell styles once; cells then take a style by name, which costs little.

    Keys: (editable, wrapped) for body cells. Setting fonts, fills and borders cell by cell instead
    makes openpyxl hash each style object for every cell, minutes for a large ledger. Every style
    names a Chinese font, so Excel, WPS and LibreOffice do not fall back to a Latin or Japanese face.
    """
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    names: dict[tuple[bool, bool], str] = {}
    text = NamedStyle(name="hedong-text")
    text.font = Font(name=FONT_NAME, charset=GB2312_CHARSET, size=FONT_PT)
    text.alignment = Alignment(vertical="top", wrap_text=True)
    workbook.add_named_style(text)
    date = NamedStyle(name="hedong-date", number_format="yyyy-mm-dd")
    date.font = Font(name=FONT_NAME, charset=GB2312_CHARSET, size=FONT_PT)
    date.alignment = Alignment(vertical="top")
    date.border = border
    date.protection = Protection(locked=True)
    workbook.add_named_style(date)
    for editable in (False, True):
        header = NamedStyle(name=f"hedong-header-{'input' if editable else 'locked'}")
        header.font = Font(name=FONT_NAME, charset=GB2312_CHARSET, size=FONT_PT, bold=True)
        header.fill = PatternFill("solid", fgColor=INPUT_HEADER_FILL if editable else HEADER_FILL)
        header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header.border = border
        workbook.add_named_style(header)
        for wrap in (False, True):
            body = NamedStyle(name=f"hedong-{'input' if editable else 'locked'}{'-wrap' if wrap else ''}")
            body.font = Font(name=FONT_NAME, charset=GB2312_CHARSET, size=FONT_PT)
            body.alignment = Alignment(vertical="top", wrap_text=wrap)
            body.border = border
            if editable:
                body.fill = PatternFill("solid", fgColor=INPUT_FILL)
            body.protection = Protection(locked=not editable)
            workbook.add_named_style(body)
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
    ws: Any, header: list[str], rows: list[list[object]], styles: dict[tuple[bool, bool], str], report: Report
) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    ws.append(header)
    for index, column in enumerate(COLUMNS, start=1):
        ws.cell(1, index).style = f"hedong-header-{'locked' if column.protected else 'input'}"
    widths = [display_width(name) for name in header]
    cell_styles = [styles[(not column.protected, column.wrap)] for column in COLUMNS]
    date_columns = {INDEX[column.key] for column in COLUMNS if column.kind == "date"}
    written: list[list[object]] = []
    for row_index, row in enumerate(rows, start=2):
        values = [safe_cell(cell) for cell in row]
        written.append(values)
        for index in date_columns:  # real date cells: sortable, filterable, shown as 2026-11-22
            if isinstance(values[index], str) and values[index]:
                values[index] = date.fromisoformat(str(values[index]))
        ws.append(values)
        for index, value in enumerate(values):
            ws.cell(row_index, index + 1).style = "hedong-date" if index in date_columns else cell_styles[index]
            text = "" if value is None else str(value)
            widths[index] = max(widths[index], *(display_width(part) for part in text.split("\n")))
    final: list[float] = []
    for index, column in enumerate(COLUMNS):
        # Protected columns fit their content; the 本期 columns are still empty, so they get full width.
        fitted = min(max(widths[index], 4), column.width) if column.protected else column.width
        final.append(fitted + 2)
        ws.column_dimensions[_letter(index)].width = fitted + 2
        if column.kind == "code":
            ws.column_dimensions[_letter(index)].hidden = True
    wrapped = [column.wrap for column in COLUMNS]
    header_height = row_height(header, final, [True] * len(header))
    if header_height:
        ws.row_dimensions[1].height = header_height
    for row_index, values in enumerate(written, start=2):
        height = row_height(values, final, wrapped)
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


# -- reading ---------------------------------------------------------------------------------------


def read_ledger(path: Path) -> list[Sheet]:
    """The sheets of a filled ledger (.xlsx or .csv), every row read into memory (small files, tests)."""
    with open_ledger(path) as sheets:
        return [Sheet(sheet.name, list(sheet.rows)) for sheet in sheets]


@contextmanager
def open_ledger(path: Path) -> Iterator[list[Sheet]]:
    """The sheets of a filled ledger (.xlsx or .csv), their rows read one by one while the caller
    goes through them, so memory stays flat with the file's size. A damaged file raises one clear
    ``InputError``, before the first row or when its row is reached.

    Only a regular file is read (a FIFO would block, ``/dev/zero`` never ends), and only up to the
    import limits: ``MAX_IMPORT_MIB`` uncompressed and ``MAX_IMPORT_ROWS`` rows. An xlsx's size is
    checked from its zip directory before anything is inflated; ``zipfile`` then stops any part at
    its declared size, so a zip bomb is refused in milliseconds.
    """
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv"):
        raise InputError(t("ldg_import_ext", path=path))
    try:
        mode = os.stat(path).st_mode  # follows links: a link to /dev/zero is a device
    except FileNotFoundError:
        raise InputError(t("ldg_not_found", path=path)) from None
    except OSError as exc:
        raise InputError(t("ldg_unreadable", path=path, error=exc.strerror or exc)) from None
    if not stat.S_ISREG(mode):
        raise InputError(t("imp_not_regular", path=path))
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        raise InputError(t("ldg_unreadable", path=path, error=exc.strerror or exc)) from None
    if head.startswith(OLE2_MAGIC):
        raise InputError(t("ldg_encrypted", path=path))
    if suffix == ".csv":
        if head.startswith(ZIP_MAGIC):
            raise InputError(t("ldg_bad_csv", path=path, error="zip / xlsx"))
        _check_size(path, size)
        yield [Sheet(None, _csv_rows(path, _csv_encoding(path)))]
        return
    _check_zip_size(path)
    workbook = _open_workbook(path)
    try:
        counter = _RowCounter(path)
        yield [Sheet(ws.title, _xlsx_rows(path, ws, counter)) for ws in workbook.worksheets]
    finally:
        workbook.close()


class _RowCounter:
    """Counts rows with content over all sheets and stops at ``MAX_IMPORT_ROWS``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0

    def add(self) -> None:
        if self.count >= MAX_IMPORT_ROWS:
            raise InputError(t("imp_too_many_rows", path=self.path, limit=f"{MAX_IMPORT_ROWS:,}"))
        self.count += 1


def _check_size(path: Path, size: int) -> None:
    if size > MAX_IMPORT_MIB * MIB:
        raise InputError(t("imp_too_big", path=path, limit=MAX_IMPORT_MIB, size=f"{size / MIB:,.0f}"))


def _check_zip_size(path: Path) -> None:
    """Refuse an xlsx whose parts add up to more than the limit, from the zip directory alone."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(t("ldg_not_xlsx", path=path, error=detail[:200])) from None
    _check_size(path, total)


def _open_workbook(path: Path) -> Any:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # read_only: rows are parsed from the sheet XML as they are asked for, never all at once.
        return load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(t("ldg_not_xlsx", path=path, error=detail[:200])) from None
    except Exception as exc:  # lxml and zlib raise their own types on damaged parts
        raise InputError(t("ldg_not_xlsx", path=path, error=type(exc).__name__)) from None


def _xlsx_rows(path: Path, ws: Any, counter: _RowCounter) -> Iterator[tuple[int, list[object]]]:
    try:
        # read-only iter_rows yields every row from the first, empty ones too, so the count is the row number
        for number, row in enumerate(ws.iter_rows(min_row=1), start=1):
            cells: list[object] = []
            for cell in row:
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f" and isinstance(value, str):
                    value = Formula(value)
                cells.append(None if value == "" else value)
            if not _blank(cells):
                counter.add()
                yield number, _trimmed(cells)
    except InputError:
        raise
    except Exception as exc:  # a part that only fails when its rows are parsed
        raise InputError(t("ldg_not_xlsx", path=path, error=type(exc).__name__)) from None


def _csv_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), else GB18030, which Excel's "CSV" saves in a Chinese locale.

    Checked in one streaming pass before any row is read, so a file that turns out not to be UTF-8
    halfway through is never half planned in one encoding. NUL bytes mean UTF-16 or binary.
    """
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    if "\x00" in decoder.decode(chunk):
                        raise InputError(t("ldg_bad_encoding", path=path))
                decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    raise InputError(t("ldg_bad_encoding", path=path))


def _csv_rows(path: Path, encoding: str) -> Iterator[tuple[int, list[object]]]:
    counter = _RowCounter(path)
    # The csv module's default field limit (131,072 characters) is below what a file within the import
    # limit may hold; the note limit is checked per cell afterwards, with sheet and row.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_IMPORT_MIB * MIB))
    try:
        with path.open(encoding=encoding, newline="") as handle:
            for number, record in enumerate(csv.reader(handle), start=1):
                cells: list[object] = [cell if cell != "" else None for cell in record]
                if not _blank(cells):
                    counter.add()
                    yield number, _trimmed(cells)
    except csv.Error as exc:
        raise InputError(t("ldg_bad_csv", path=path, error=exc)) from None
    except OSError as exc:
        raise InputError(t("ldg_unreadable", path=path, error=exc.strerror or exc)) from None


def _blank(cells: list[object]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _trimmed(cells: list[object]) -> list[object]:
    while cells and cells[-1] is None:
        cells.pop()
    return cells
