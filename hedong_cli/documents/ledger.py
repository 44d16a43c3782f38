"""The 台账 (ledger) layout shared by ``hedong export`` and ``hedong import``, and the export. Pure: no files,
no typer, no rich.

A ledger has one row per task and these columns, in this order:

    任务编号 任务内容 目标 单位(计量) 牵头单位 完成时限 当前值 状态 进展情况 更新日期   (protected)
    本期数值 本期状态 本期进展情况                                               (this round's report)
    校验码                                                                     (hidden, protected)

完成时限 is the task's deadline as the journal has it: the plan's where one is set, else the catalogue's
(``Adjustment`` records a moved one, which the xlsx marks). Units fill in only the three 本期 columns.
The hidden 校验码 (check code) column holds a 16-bit digest of each protected cell as exported
(``check_code``), so that import can name an edited protected cell.

This module holds what both directions share: the columns, the limits on what is recorded, the cell
helpers that read a typed number, status or date, the check code, and the forms a read sheet arrives in
(``Sheet``, ``Problem``; the 分工方案 import in ``plan_table`` reads them too). It also builds the export
(``build_ledger``, ``ledger_json``). Reading a filled ledger back and planning its entries is the other
half, in ``ledger_import``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from hedong_cli.common import figures
from hedong_cli.common.figures import plain_number
from hedong_cli.common.messages import MESSAGES, status_key, status_name, t
from hedong_cli.common.textsafe import neutralise_formula, restore_formula
from hedong_cli.documents.labels import section_heading, target_text
from hedong_cli.tracking.progress import Report, TaskView


@dataclass(frozen=True)
class Column:
    key: str
    kind: str  # "text", "number", "status", "date" or "code"
    protected: bool
    width: int  # in the sheet, in Excel's unit (a digit's width); the printed ones fill A4 landscape at 100%
    wrap: bool = False

    @property
    def names(self) -> tuple[str, str]:
        """The header in Chinese and in English; import accepts either."""
        return MESSAGES[f"ldg_col_{self.key}"]

    @property
    def title(self) -> str:
        return t(f"ldg_col_{self.key}")


COLUMNS: tuple[Column, ...] = (
    Column("id", "text", True, 8),
    Column("text", "text", True, 20, wrap=True),
    Column("target", "text", True, 8, wrap=True),
    Column("unit", "text", True, 6, wrap=True),
    Column("lead", "text", True, 9, wrap=True),
    Column("due", "date", True, 13),
    Column("value", "number", True, 7),
    Column("status", "status", True, 7, wrap=True),
    Column("note", "text", True, 15, wrap=True),
    Column("updated", "date", True, 11),
    Column("new_value", "number", False, 8),
    Column("new_status", "status", False, 8, wrap=True),
    Column("new_note", "text", False, 15, wrap=True),
    Column("check", "code", True, 12),
)
INDEX = {column.key: i for i, column in enumerate(COLUMNS)}
BY_KEY = {column.key: column for column in COLUMNS}
CHECKED = tuple(c for c in COLUMNS if c.protected and c.kind != "code")  # one digest each in the check code
# Columns import compares with the catalogue (so that figures never land on a renumbered task). Not 完成时限:
# it shows the plan's deadline where one is set, which the journal may move after the export.
CATALOGUE_COLUMNS = ("text", "target", "unit")
SUMMARY_SHEET_NAMES = MESSAGES["ldg_summary_sheet"]
MAX_SHEET_NAME = 31  # Excel's limit
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
# Characters XML 1.0 cannot carry; openpyxl refuses them, so xlsx cells show them as \xNN.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:0?0:00(?::00)?)?\s*$")


@dataclass(frozen=True)
class Formula:
    """A spreadsheet cell that holds a formula rather than a value; import refuses it."""

    text: str


# -- cell values --------------------------------------------------------------------------------


def xml_safe(text: str) -> str:
    return _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def cell_number(value: float | None) -> int | float | None:
    """A value as a spreadsheet number: whole numbers as int, so they show without ".0"."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else float(value)


def cell_text(cell: object) -> str:
    """A read cell as text, with the export's formula guard undone. Empty cells give ""."""
    if cell is None:
        return ""
    if isinstance(cell, Formula):
        return cell.text
    if isinstance(cell, bool):
        return str(cell).upper()
    if isinstance(cell, float):
        return plain_number(cell)
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat(sep=" ")
    if isinstance(cell, date):
        return cell.isoformat()
    return restore_formula(str(cell))


def parse_number(cell: object, unit: str | None = None) -> float | None:
    """A cell's number as a person typed it (``figures.parse_number``); ``cell_text`` undoes the formula guard."""
    if isinstance(cell, (int, float)):  # bool too: never a number
        return figures.parse_number(cell, unit)
    return figures.read_number(cell_text(cell), unit)


def parse_status(cell: object) -> str | None:
    """The status key for a typed status name (key, Chinese or English), or None."""
    return status_key(cell_text(cell))


def parse_day(cell: object) -> date | None:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    match = _DATE.match(cell_text(cell))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def unify_newlines(text: str) -> str:
    """Line breaks as ``\n`` whichever way a spreadsheet stored them (``\r\n``, ``\r``)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def canonical(column: Column, cell: object) -> str:
    """What a protected cell says, independent of how a spreadsheet stored it (2026/1/5 = 2026-01-05)."""
    if column.kind == "number":
        parsed = parse_number(cell)
        return plain_number(parsed) if parsed is not None else cell_text(cell)
    if column.kind == "date":
        day = parse_day(cell)
        return day.isoformat() if day else cell_text(cell).strip()
    if column.kind == "status":
        return parse_status(cell) or cell_text(cell)
    return xml_safe(unify_newlines(cell_text(cell)))


def cell_digest(column: Column, cell: object) -> str:
    """One protected cell's part of the check code: 4 hex digits of what the cell says (``canonical``)."""
    return hashlib.sha256(f"{column.key}\x1f{canonical(column, cell)}".encode()).hexdigest()[:4]


def check_code(cells: list[object]) -> str:
    return "-".join(cell_digest(column, cells[INDEX[column.key]]) for column in CHECKED)


# -- export ---------------------------------------------------------------------------------------


def export_row(view: TaskView) -> list[object]:
    """One ledger row as raw values (not yet guarded against formulas), check code included."""
    task = view.task
    cells: list[object] = [None] * len(COLUMNS)
    values: dict[str, object] = {
        "id": task.id,
        "text": task.text,
        "target": target_text(task.target),
        "unit": task.target.unit if task.target else "",
        "lead": view.lead or "",
        "due": view.due.isoformat() if view.due else "",  # the plan's 完成时限 where it sets one
        "value": cell_number(view.value),
        "status": status_name(view.status),
        "note": view.note or "",
        "updated": view.updated.isoformat() if view.updated else "",
    }
    for key, value in values.items():
        cells[INDEX[key]] = value
    # The digests cover the cells as written, formula guard included, which is what import reads back.
    cells[INDEX["check"]] = check_code([neutralise_formula(c) if isinstance(c, str) else c for c in cells])
    return cells


def with_cell(row: list[object], key: str, value: object) -> list[object]:
    """``row`` with one protected cell replaced (a long note cut to what a printed row holds) and its
    check code made again over what the row now says, so that import reads the cut cell as unedited."""
    cells = list(row)
    cells[INDEX[key]] = value
    cells[INDEX["check"]] = check_code([neutralise_formula(c) if isinstance(c, str) else c for c in cells])
    return cells


@dataclass(frozen=True)
class Adjustment:
    """A 完成时限 the plan moved from the catalogue's (or from 31 December), and the 调整说明 given."""

    task_id: str
    title: str
    original: date
    due: date
    reason: str | None


def adjustment(view: TaskView, year: int) -> Adjustment | None:
    """The task's moved deadline, or None when its plan keeps the catalogue's (or sets none)."""
    from hedong_cli.tracking.plans import default_due

    plan = view.plan.plan if view.plan is not None else None
    if plan is None or plan.due is None or plan.due == default_due(view.task, year):
        return None
    return Adjustment(view.task.id, view.task.title, default_due(view.task, year), plan.due, plan.reason)


@dataclass(frozen=True)
class LedgerSheet:
    section_id: str
    name: str
    rows: list[list[object]]
    heading: str  # the section heading, shown on the summary sheet


@dataclass(frozen=True)
class Ledger:
    """Everything an export writes, in the current language: the summary and one sheet per section."""

    report: Report
    unit: str | None
    sheets: list[LedgerSheet]
    adjustments: dict[str, Adjustment] = field(default_factory=dict)  # by task id, in report order
    header: list[str] = field(default_factory=lambda: [c.title for c in COLUMNS])

    @property
    def rows(self) -> int:
        return sum(len(sheet.rows) for sheet in self.sheets)


_CLAUSE_END = re.compile(r"[，,；;：:。、\s]")


def short_heading(heading: str, limit: int = MAX_SHEET_NAME) -> str:
    """A section heading shortened for a sheet tab, never cut inside a word: up to its first comma
    (the report's lead clause: （一）拓展服务融入京津冀协同发展的深度广度), else up to the last
    punctuation or space that leaves it within ``limit`` characters."""
    clause = _CLAUSE_END.split(heading, maxsplit=1)[0]
    if clause and len(clause) <= limit:
        return clause
    cut = max((m.start() for m in _CLAUSE_END.finditer(heading[: limit + 1])), default=0)
    return heading[:cut] if cut else heading[:limit]


def sheet_name(heading: str, taken: set[str]) -> str:
    """A legal, unique Excel sheet name from a section heading: its lead clause (``short_heading``)."""
    base = _SHEET_NAME_BAD.sub("_", short_heading(heading)).strip("'") or "_"
    name, n = base[:MAX_SHEET_NAME], 2
    while name in taken or name in SUMMARY_SHEET_NAMES:
        suffix = f"~{n}"
        name, n = base[: MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def build_ledger(report: Report, unit: str | None = None) -> Ledger:
    """The ledger for a report already narrowed to the exported tasks (``Report.narrowed``)."""
    sheets: list[LedgerSheet] = []
    taken: set[str] = set()
    by_section: dict[str, list[TaskView]] = {}
    for view in report.views:
        by_section.setdefault(view.task.section, []).append(view)
    for section_id, views in by_section.items():
        heading = section_heading(section_id, views[0].section_title)
        sheets.append(LedgerSheet(section_id, sheet_name(heading, taken), [export_row(v) for v in views], heading))
    moved = (adjustment(view, report.year) for view in report.views)
    adjustments = {item.task_id: item for item in moved if item is not None}
    return Ledger(report=report, unit=unit, sheets=sheets, adjustments=adjustments)


def ledger_json(ledger: Ledger) -> dict[str, Any]:
    """The ledger for scripts: column keys as field names, values unguarded (JSON is not a spreadsheet)."""
    keys = [c.key for c in COLUMNS if c.kind != "code"]
    tasks = []
    for sheet in ledger.sheets:
        for row in sheet.rows:
            item: dict[str, Any] = {"section": sheet.section_id}
            item.update({key: row[INDEX[key]] if row[INDEX[key]] != "" else None for key in keys})
            item["status"] = parse_status(item["status"])
            moved = ledger.adjustments.get(str(item["id"]))
            item["due_adjusted"] = (
                {"from": moved.original.isoformat(), "reason": moved.reason} if moved is not None else None
            )
            tasks.append(item)
    return {
        "as_of": ledger.report.as_of.isoformat(),
        "expected_pct": ledger.report.expected_pct,
        "unit": ledger.unit,
        "columns": {key: BY_KEY[key].title for key in keys},
        "tasks": tasks,
    }


# -- read sheets (ledger import, and the 分工方案 import in plan_table) -------------------------------


@dataclass(frozen=True)
class Sheet:
    """Rows read from one worksheet (or a CSV file, ``name`` None): (row number, cells), blank rows left out."""

    name: str | None
    rows: Iterable[tuple[int, list[object]]]  # read once, in order; an iterator when streamed from a file


@dataclass(frozen=True)
class Problem:
    file: str
    sheet: str | None
    row: int | None
    message: str

    def __str__(self) -> str:
        if self.row is not None:
            if self.sheet is not None:
                return t("ldg_at_sheet_row", file=self.file, sheet=self.sheet, row=self.row, message=self.message)
            return t("ldg_at_row", file=self.file, row=self.row, message=self.message)
        if self.sheet is not None:
            return t("ldg_at_sheet", file=self.file, sheet=self.sheet, message=self.message)
        return t("ldg_at_file", file=self.file, message=self.message)
