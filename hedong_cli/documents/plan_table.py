"""The 分工方案 (responsibility table) as data, and reading a filled one back. Pure: no I/O.

One row a task: 序号, 任务编号, 目标任务 (the report's text), 牵头单位, 配合单位, 分管区领导,
完成时限, 节点安排, and, in the fill-in forms only, 调整说明 (why a 完成时限 is later than the
catalogue's; the issued document lists it under the table for every moved deadline).
``render.plan_doc`` draws it as xlsx, docx or csv and reads xlsx/csv back into the ``Sheet`` rows
that ``import_changes`` turns into journal entries.

Import rules: a blank cell keeps what the journal holds, so exporting and importing an untouched
table writes nothing; every problem is collected with its sheet, row and cell, and any problem means
nothing is written; a cell holding a formula is refused.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import MESSAGES, t
from hedong_cli.common.rules import check_name, check_reason, latest_due
from hedong_cli.documents.ledger import Formula, Problem, Sheet, adjustment, cell_text, xml_safe
from hedong_cli.tracking.plans import (
    Plan,
    check_plan,
    due_too_far,
    leader_name,
    nodes_text,
    parse_deadline,
    parse_nodes_cell,
    plan_summary,
)

if TYPE_CHECKING:
    from hedong_cli.catalogue.model import Catalog, Task
    from hedong_cli.tracking.progress import Report

COLUMN_KEYS = ("seq", "id", "text", "lead", "partners", "leader", "due", "nodes", "reason")
DOCUMENT_KEYS = COLUMN_KEYS[:-1]  # the issued document has no 调整说明 column
FILL_IN = frozenset({"lead", "partners", "leader", "due", "nodes", "reason"})


def column_title(key: str) -> str:
    return t(f"pln_col_{key}")


def column_letter(index: int) -> str:
    """0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class PlanTable:
    year: int
    as_of: date
    rows: list[dict[str, Any]]  # one dict a task, keyed by COLUMN_KEYS, "title" and "moved_from" (a date or None)
    region: str = ""  # the catalogue's source.region, named in the title

    def cells(self, keys: tuple[str, ...] = COLUMN_KEYS) -> list[list[Any]]:
        return [[row[key] for key in keys] for row in self.rows]


def build_plan_table(report: Report) -> PlanTable:
    """The 分工方案 of every task in ``report``, as the journal stands on its date."""
    rows = []
    for index, view in enumerate(report.views, start=1):
        task = view.task
        plan = view.plan.plan if view.plan is not None else Plan()
        rows.append(
            {
                "seq": index,
                "id": task.id,
                "text": task.text,
                "lead": view.lead or "",
                "partners": "、".join(view.partners),
                "leader": plan.leader or "",
                "due": view.due.isoformat() if view.due else "",
                "nodes": nodes_text(plan, task),
                "reason": plan.reason or "",
                # not columns: the short title, and the deadline the plan moved (the catalogue's, else 31 December)
                "title": task.title,
                "moved_from": moved.original if (moved := adjustment(view, report.year)) else None,
            }
        )
    return PlanTable(report.year, report.as_of, rows, report.region)


# -- import ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanChange:
    """One row that differs from the journal: a new assignment and/or a new plan for one task."""

    task: Task
    sheet: str | None
    row: int
    assignment: tuple[str, tuple[str, ...]] | None  # (lead, partners) to record, or None
    plan: Plan | None  # the whole new plan to record, or None

    def describe(self, year: int) -> str:
        parts = []
        if self.assignment is not None:
            lead, partners = self.assignment
            parts.append(t("assigned", lead=lead))
            if partners:
                parts.append(t("partners", partners="、".join(partners)))
        if self.plan is not None:
            parts.append(plan_summary(self.plan, self.task, year))
        return t("lbl_sep").join(parts)


def _header_keys(cells: list[object]) -> dict[str, int] | None:
    """Column key → index when ``cells`` is the header row (Chinese or English titles), else None."""
    names = {}
    for key in COLUMN_KEYS:
        for name in MESSAGES[f"pln_col_{key}"]:
            names[_norm(name)] = key
    found = {}
    for index, cell in enumerate(cells):
        key = names.get(_norm(cell_text(cell)))
        if key is not None and key not in found:
            found[key] = index
    return found if "id" in found and len(found) >= 3 else None


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower().replace(" ", "")


def _units(text: str) -> tuple[str, ...]:
    parts = [p.strip() for p in unicodedata.normalize("NFKC", text).replace("、", ",").replace("，", ",").split(",")]
    return tuple(dict.fromkeys(p for p in parts if p))


@dataclass
class _Row:
    """One data row of a sheet, with its header's columns; ``bad`` records a problem naming the cell."""

    file: str
    sheet: str | None
    number: int
    cells: list[object]
    columns: dict[str, int]
    problems: list[Problem]

    def cell(self, key: str) -> object:
        index = self.columns.get(key)
        return self.cells[index] if index is not None and index < len(self.cells) else None

    def text(self, key: str) -> str:
        return cell_text(self.cell(key)).strip()

    def bad(self, key: str | None, message: str) -> None:
        where = f"{column_letter(self.columns[key])}{self.number}: " if key in self.columns else ""
        self.problems.append(Problem(self.file, self.sheet, self.number, where + message))


def import_changes(
    catalog: Catalog, report: Report, sheets: list[Sheet], file: str
) -> tuple[list[PlanChange], list[Problem]]:
    """The changes a filled 分工方案 asks for, and every problem found (with sheet, row and cell)."""
    views = {view.task.id: view for view in report.views}
    problems: list[Problem] = []
    changes: list[PlanChange] = []
    seen: dict[str, int] = {}
    any_header = False
    for sheet in sheets:
        columns: dict[str, int] | None = None
        for number, cells in sheet.rows:
            if columns is None:
                columns = _header_keys(cells)
                continue  # title lines above the header are skipped
            any_header = True
            row = _Row(file, sheet.name, number, cells, columns, problems)
            formulas = [key for key in columns if isinstance(row.cell(key), Formula)]
            for key in formulas:
                row.bad(key, t("pln_formula", column=column_title(key)))
            if formulas:
                continue
            task_id = row.text("id")
            if not task_id:
                row.bad("id", t("pln_no_id"))
                continue
            task = catalog.by_id.get(task_id)
            if task is None or task_id not in views:
                row.bad("id", t("unknown_task", id=task_id))
                continue
            if task_id in seen:
                row.bad("id", t("pln_duplicate", id=task_id, row=seen[task_id]))
                continue
            seen[task_id] = number
            if _edited_text(row.text("text"), task.text):
                # The report's words are the catalogue's, not the form's: an edit here would be silently lost.
                row.bad("text", t("pln_text_edited", column=column_title("text")))
                continue
            change = _row_change(catalog, task, views[task_id], row)
            if change is not None:
                changes.append(change)
        if columns is None and sheet.rows:
            problems.append(Problem(file, sheet.name, None, t("pln_no_header")))
    if not any_header and not problems:
        problems.append(Problem(file, None, None, t("pln_no_header")))
    return changes, problems


def _edited_text(cell: str, text: str) -> bool:
    """A 目标任务 cell that says other than the catalogue; blank, or a change of spacing or width only, is none."""
    if not cell:
        return False
    return _norm_text(cell) != _norm_text(text)


def _norm_text(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _changed_text(row: _Row, key: str, stored: str) -> str:
    """The cell's text, or "" (keep the journal's) when it still shows what the export wrote for ``stored``.

    Compared with the exported text, not the stored one: the export writes a control character that a cell
    cannot hold as a visible escape (``ledger.xml_safe``), and a value recorded before the rule of every name
    (``rules.check_name``) may break it; an untouched form must import as no change all the same.
    """
    cell = row.text(key)
    return "" if cell == xml_safe(stored).strip() else cell


def _unit_names(row: _Row, key: str, names: tuple[str, ...]) -> tuple[str, ...] | None:
    """``names`` if each is a unit name by the rule of every name; else None, with the problem recorded."""
    try:
        return tuple(check_name(t("field_lead" if key == "lead" else "field_partner"), name) for name in names)
    except InputError as exc:
        row.bad(key, exc.message)
        return None


def _checked(row: _Row, key: str, check: Callable[[str], str | None], stored: str | None) -> str | None:
    """The changed cell through ``check`` ("" when unchanged or blank); None, with the problem recorded, when
    ``check`` refuses it."""
    try:
        return check(_changed_text(row, key, stored or "")) or ""
    except InputError as exc:
        row.bad(key, exc.message)
        return None


def _row_change(catalog: Catalog, task: Task, view: Any, row: _Row) -> PlanChange | None:
    year = catalog.year
    lead_text = _changed_text(row, "lead", view.lead or "")
    partners_text = _changed_text(row, "partners", "、".join(view.partners))
    assignment = None
    if lead_text or partners_text:
        typed_lead = _unit_names(row, "lead", (lead_text,) if lead_text else ())
        typed = _unit_names(row, "partners", _units(partners_text))
        if typed_lead is None or typed is None:
            return None
        lead = typed_lead[0] if typed_lead else view.lead
        if not lead:
            row.bad("lead", t("pln_partners_without_lead"))
            return None
        partners = tuple(p for p in typed if p != lead) if partners_text else view.partners
        if (lead, tuple(partners)) != (view.lead, tuple(view.partners)):
            assignment = (lead, tuple(partners))
    old = view.plan.plan if view.plan is not None else Plan()
    new = old
    leader = _checked(row, "leader", leader_name, old.leader)
    reason = _checked(row, "reason", check_reason, old.reason)
    if leader is None or reason is None:
        return None
    if leader:
        new = replace(new, leader=leader)
    due_text = row.text("due")
    if due_text:
        day = parse_deadline(due_text, year)  # a date cell reads as its ISO text
        if day is None:
            row.bad("due", t("pln_bad_due", value=due_text, year=year))
            return None
        if day != view.due:  # the due shown by the export (catalogue's or plan's) is no change
            if day > latest_due(year) and not reason:  # as plan --due: this row must say why
                row.bad("due", due_too_far(day, year, "pln_due_too_far"))
                return None
            new = replace(new, due=day)
    nodes_cell = _changed_text(row, "nodes", nodes_text(old, task))
    if nodes_cell:
        try:
            nodes = parse_nodes_cell(nodes_cell, task, year)
        except InputError as exc:
            row.bad("nodes", exc.message)
            return None
        new = replace(new, nodes=nodes)
    if reason:
        new = replace(new, reason=reason)
    if new != old:
        try:
            check_plan(new, task, year)
        except InputError as exc:
            row.bad("nodes" if nodes_cell else "due", exc.message)
            return None
    if assignment is None and new == old:
        return None
    return PlanChange(task, row.sheet, row.number, assignment, new if new != old else None)


def journal_rows(changes: list[PlanChange], catalog_key: str, effective: date, author: str | None) -> list[dict]:  # type: ignore[type-arg]
    """The journal entries for ``changes``: an ``assign`` and/or a ``plan`` entry per task."""
    rows: list[dict] = []  # type: ignore[type-arg]
    for change in changes:
        base = dict(catalog=catalog_key, task_id=change.task.id, effective=effective, author=author)
        if change.assignment is not None:
            lead, partners = change.assignment
            rows.append(dict(base, kind="assign", lead=lead, partners=partners))
        if change.plan is not None:
            rows.append(dict(base, kind="plan", plan=change.plan.as_payload()))
    return rows
