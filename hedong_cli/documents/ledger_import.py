"""Reading a filled 台账 (ledger) back for ``hedong import``: check every row, work out the entries it asks
for, and compare them with the journal. Pure: no files, no typer, no rich.

The layout, the cell helpers and the export are in ``ledger``; this module is the import's rules, which
grow on their own (each new refusal is a rule here) and which the export never needs.

What import reads
    Only the three 本期 columns (this round's value, status and note). An empty 本期 cell means
    "no change". A row becomes one journal entry when a filled 本期 cell differs from the journal's
    state on the import date; the entry carries only the fields that differ.

What import refuses
    Every other column is protected: it shows what the journal and the catalogue said at export time.
    The hidden 校验码 (check code) column holds a 16-bit digest of each protected cell as exported, so
    an edited protected cell is found and named even when the journal has moved on since the export
    (comparing with the journal instead would either reject a file imported twice or revert newer
    entries). A unit that types its new figure over 当前值/状态/进展情况 instead of the 本期 columns
    gets an error naming the cell, not a silent guess: the rule "only the 本期 columns are read" is
    short enough to tell thirty liaisons, and the xlsx locks those cells anyway.
    Catalogue columns (任务内容, 目标, 单位(计量)) must also still match the catalogue, so a sheet
    exported before the catalogue was renumbered cannot file figures under the wrong task. 完成时限 is
    the plan's where one is set (the journal may move it after the export): the check code alone guards it.

Validation is all or nothing: ``plan_import`` collects every problem, with sheet and row, and the CLI
writes nothing unless the list is empty.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, overload

from hedong_cli.catalogue.model import COMPARATOR_MESSAGES, Catalog, Task, TaskTarget
from hedong_cli.common.errors import InputError
from hedong_cli.common.figures import number
from hedong_cli.common.messages import MESSAGES, STATUS_NAMES, get_lang, t
from hedong_cli.common.rules import MAX_VALUE, check_name, clean_note, value_limit_text
from hedong_cli.common.textsafe import visible
from hedong_cli.documents.ledger import (
    BY_KEY,
    CATALOGUE_COLUMNS,
    CHECKED,
    COLUMNS,
    INDEX,
    SUMMARY_SHEET_NAMES,
    Formula,
    Problem,
    Sheet,
    canonical,
    cell_digest,
    cell_text,
    parse_number,
    parse_status,
    unify_newlines,
    xml_safe,
)
from hedong_cli.tracking.progress import effective_status

if TYPE_CHECKING:
    from hedong_cli.journal import TaskState


# One of each per row of a 100,000-row ledger: slotted, so that a row costs its fields and no instance dict.
@dataclass(frozen=True, slots=True)
class Request:
    """What one valid row asks for, before it is compared with the journal: None = the cell is empty."""

    sheet: str | None
    row: int
    task_id: str
    value: float | None
    status: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Change:
    """One row that differs from the journal: the fields to record (in ``request``, None = unchanged), the
    task, and the journal's status and value before it, for the preview."""

    request: Request
    task: Task
    old_status: str
    old_value: float | None

    @property
    def sheet(self) -> str | None:
        return self.request.sheet

    @property
    def row(self) -> int:
        return self.request.row

    @property
    def value(self) -> float | None:
        return self.request.value

    @property
    def status(self) -> str | None:
        return self.request.status

    @property
    def note(self) -> str | None:
        return self.request.note


@dataclass(frozen=True)
class ImportPlan:
    changes: list[Change]
    rows: int
    problems: list[Problem]
    as_of: date
    requests: list[Request] = field(default_factory=list)  # every valid row, to compare again at write time
    stripped_notes: int = 0  # changed notes that had control characters or escape sequences removed (``clean_note``)

    @property
    def unchanged(self) -> int:
        return self.rows - len(self.changes)


def target_texts(target: TaskTarget | None) -> set[str]:
    """How a target reads in either language (a ledger may have been exported with --lang en)."""
    if target is None:
        return {""}
    key = COMPARATOR_MESSAGES[target.comparator]
    params = {"value": number(target.value), "unit": target.unit, "max": number(target.max)}
    return {xml_safe(unify_newlines(text.format(**params))) for text in MESSAGES[key]}


_ROW_BITS = 32  # a sheet's row numbers stay below 2**32: xlsx stops at 2**20, a CSV within the size limit below
_ROW_MASK = (1 << _ROW_BITS) - 1


def _header_matches(cells: list[object]) -> bool:
    names = [cell_text(c).strip() for c in cells]
    while names and not names[-1]:
        names.pop()
    return len(names) == len(COLUMNS) and all(name in col.names for name, col in zip(names, COLUMNS, strict=True))


class _Planner:
    def __init__(self, catalog: Catalog, file: str) -> None:
        self.catalog = catalog
        self.file = file
        self.problems: list[Problem] = []
        self.requests: list[Request] = []
        self.sheet_names: list[str | None] = []  # the sheets read so far, the current one last
        # Where each task's row was first seen, as one int (see ``_where``): a pair per row of a 100,000-row
        # ledger would cost twice the memory. Keyed by the catalogue's id string, which is kept anyway.
        self.seen: dict[str, int] = {}
        self.rows = 0
        self.stripped: set[str] = set()  # ids of the tasks whose note ``clean_note`` changed

    def problem(self, sheet: str | None, row: int | None, message: str) -> None:
        self.problems.append(Problem(self.file, sheet, row, message))

    def _where(self, row_number: int) -> int:
        """The current sheet and ``row_number`` as one int: the sheet's index above 32 bits, the row below."""
        return (len(self.sheet_names) - 1) << _ROW_BITS | row_number

    def sheet(self, sheet: Sheet) -> None:
        self.sheet_names.append(sheet.name)
        rows = iter(sheet.rows)
        first = next(rows, None)
        if first is None:
            self.problem(sheet.name, None, t("ldg_empty_sheet"))
            return
        header_row, header = first
        if header_row != 1 or not _header_matches(header):
            expected = " | ".join(c.title for c in COLUMNS)
            found = visible(" | ".join(cell_text(c) for c in header)).rstrip(" |") or "—"
            self.problem(sheet.name, header_row, t("ldg_bad_header", expected=expected, found=found))
            return
        for row_number, cells in rows:
            self.row(sheet.name, row_number, list(cells) + [None] * (len(COLUMNS) - len(cells)))

    def row(self, sheet: str | None, row_number: int, cells: list[object]) -> None:
        def bad(message: str) -> None:
            self.problem(sheet, row_number, message)

        formulas = [(c, cell) for c, cell in zip(COLUMNS, cells, strict=False) if isinstance(cell, Formula)]
        for column, cell in formulas:
            bad(t("ldg_formula", column=column.title, formula=visible(cell_text(cell))))
        task_id = cell_text(cells[INDEX["id"]]).strip()
        if not task_id:
            bad(t("ldg_missing_id"))
            return
        task = self.catalog.by_id.get(task_id)
        if task is None:
            bad(t("ldg_unknown_id", id=visible(task_id)))
            return
        self.rows += 1
        first = self.seen.get(task.id)
        if first is not None:
            first_sheet, first_row = self.sheet_names[first >> _ROW_BITS], first & _ROW_MASK
            where = t("ldg_sheet_row", sheet=first_sheet, row=first_row) if first_sheet else t("ldg_row", row=first_row)
            bad(t("ldg_duplicate", id=task_id, first=where))
            return
        self.seen[task.id] = self._where(row_number)
        if formulas:
            return
        self._protected(task, cells, bad)
        value = self._new_value(task, cells[INDEX["new_value"]], bad)
        status_cell = cells[INDEX["new_status"]]
        status = parse_status(status_cell) if cell_text(status_cell).strip() else None
        if cell_text(status_cell).strip() and status is None:
            allowed = "、".join(names[0 if get_lang() == "zh" else 1] for names in STATUS_NAMES.values())
            shown = visible(cell_text(status_cell))
            bad(t("ldg_bad_status", column=BY_KEY["new_status"].title, value=shown, allowed=allowed))
        try:
            # Removed, not refused (see ``clean_note``): the unit is told how many notes were cleaned.
            note, stripped = clean_note(cell_text(cells[INDEX["new_note"]]))
        except InputError as exc:
            bad(exc.message)
            return
        if stripped:
            self.stripped.add(task.id)
        self.requests.append(Request(sheet, row_number, task.id, value, status, note if note.strip() else None))

    def _protected(self, task: Task, cells: list[object], bad: Any) -> None:
        code = cell_text(cells[INDEX["check"]]).strip().lower().split("-")
        if len(code) != len(CHECKED) or not all(re.fullmatch(r"[0-9a-f]{4}", part) for part in code):
            bad(t("ldg_check_damaged"))
            return
        edited = {c.key for c, part in zip(CHECKED, code, strict=True) if cell_digest(c, cells[INDEX[c.key]]) != part}
        if "id" in edited:  # another task's id typed over this row's: every other check would mislead
            bad(t("ldg_protected_edited", column=BY_KEY["id"].title))
            return
        for column in CHECKED:
            if column.key in edited:
                bad(t("ldg_protected_edited", column=column.title))
        expected: dict[str, Iterable[str]] = {
            "text": {xml_safe(unify_newlines(task.text))},
            "target": target_texts(task.target),
            "unit": {task.target.unit if task.target else ""},
        }
        for key in CATALOGUE_COLUMNS:
            if key not in edited and canonical(BY_KEY[key], cells[INDEX[key]]) not in expected[key]:
                bad(t("ldg_catalog_changed", column=BY_KEY[key].title))

    def _new_value(self, task: Task, cell: object, bad: Any) -> float | None:
        if not cell_text(cell).strip():
            return None
        column = BY_KEY["new_value"].title
        shown = visible(cell_text(cell))
        if task.target is None:
            bad(t("ldg_value_not_quant", id=task.id, column=column))
            return None
        value = parse_number(cell, task.target.unit)
        if value is None or not math.isfinite(value):
            bad(t("ldg_not_number", column=column, value=shown))
            return None
        if value < 0 and not task.target.is_rate:  # a rate (unit %) may fall below zero; an amount cannot
            bad(t("ldg_negative", column=column, value=shown))
            return None
        if abs(value) > MAX_VALUE:
            bad(t("value_too_big", value=shown, limit=value_limit_text()))
            return None
        return value


def _differing(request: Request, status: str | None, value: float | None, note: str | None) -> Request | None:
    """The request with only the fields that differ from the current state; None when nothing does. The
    request itself when every filled field differs (the usual case), so that no second copy is kept."""
    new_value = request.value if request.value is not None and request.value != value else None
    new_status = request.status if request.status is not None and request.status != status else None
    new_note = (
        request.note
        if request.note is not None and unify_newlines(request.note) != unify_newlines(note or "")
        else None
    )
    if new_value is None and new_status is None and new_note is None:
        return None
    if (new_value, new_status, new_note) == (request.value, request.status, request.note):
        return request
    return Request(request.sheet, request.row, request.task_id, new_value, new_status, new_note)


def _state_differing(request: Request, state: TaskState | None) -> Request | None:
    """``_differing`` against the journal's raw state of the request's task: its status as every report
    shows it (``effective_status``), its value and its note."""
    return _differing(request, effective_status(state), state.value if state else None, state.note if state else None)


Latest = Callable[[list[str]], "dict[str, TaskState]"]  # the journal's state of the tasks asked about
LATEST_CHUNK = 5_000  # tasks asked about at once: their states (and the journal's work for them) stay small


def _with_states(requests: list[Request], latest: Latest) -> Iterator[tuple[Request, TaskState | None]]:
    """Each request with its task's state, asking ``latest`` about ``LATEST_CHUNK`` tasks at a time, so that
    the states of a 100,000-row ledger's tasks are never all held at once."""
    for start in range(0, len(requests), LATEST_CHUNK):
        chunk = requests[start : start + LATEST_CHUNK]
        states = latest([request.task_id for request in chunk])
        for request in chunk:
            yield request, states.get(request.task_id)


def diff_states(requests: list[Request], latest: Latest) -> list[Request]:
    """The requests that differ from the journal's states (``latest``, i.e. ``Journal.latest`` on the import's
    date), each with only the fields that differ: the check made again inside the write transaction."""
    return [
        changed
        for request, state in _with_states(requests, latest)
        if (changed := _state_differing(request, state)) is not None
    ]


def _changes(catalog: Catalog, requests: list[Request], latest: Latest) -> list[Change]:
    """``diff_states`` with each task and its old status and value, for the preview."""
    changes = []
    for request, state in _with_states(requests, latest):
        changed = _state_differing(request, state)
        if changed is not None:
            old_value = state.value if state else None
            changes.append(Change(changed, catalog.by_id[request.task_id], effective_status(state), old_value))
    return changes


def plan_import(
    catalog: Catalog,
    latest: Latest,
    as_of: date,
    sheets: list[Sheet],
    file: str,
) -> ImportPlan:
    """Check every row of a filled ledger and work out the entries it asks for.

    ``latest`` gives the journal's state on the import's effective date ``as_of`` of the tasks it is asked
    about (``Journal.latest``). It is asked about the tasks of the valid rows, a chunk at a time, once every
    row is read, and not at all when a row has a problem. The plan's ``problems`` list every fault found;
    the caller writes nothing unless it is empty.
    """
    planner = _Planner(catalog, file)
    data_sheets = [sheet for sheet in sheets if sheet.name not in SUMMARY_SHEET_NAMES]
    for sheet in data_sheets:
        planner.sheet(sheet)
    if not data_sheets:
        planner.problem(None, None, t("ldg_no_rows"))
    elif not planner.problems and planner.rows == 0:
        planner.problem(data_sheets[0].name if len(data_sheets) == 1 else None, None, t("ldg_no_rows"))
    changes = [] if planner.problems else _changes(catalog, planner.requests, latest)
    stripped = sum(1 for change in changes if change.note is not None and change.task.id in planner.stripped)
    return ImportPlan(changes, planner.rows, planner.problems, as_of, planner.requests, stripped)


@dataclass(frozen=True)
class Filing:
    """The 填报 block of a returned ledger's summary sheet: who filled it in (each "" when blank)."""

    unit: str = ""
    person: str = ""
    phone: str = ""
    reviewer: str = ""
    problems: tuple[Problem, ...] = ()  # a field that breaks the rule of every name (``check_name``)


FILING_FIELDS = {"unit": "ldg_fill_unit", "person": "ldg_fill_person", "phone": "ldg_fill_phone"}
FILING_FIELDS["reviewer"] = "ldg_fill_reviewer"


def read_filing(sheets: list[Sheet], file: str = "") -> Filing:
    """The 填报 block from the summary sheet, if there is one: a row whose first cell is a label
    (填报人 or Filed by, either language) and whose next filled cell is the answer. Each answer is a name
    (``check_name``): one with a control or bidi character, or too long, is a problem with its sheet and row,
    since the 填报人 becomes the entries' author."""
    labels = {name: key for key, message in FILING_FIELDS.items() for name in MESSAGES[message]}
    found: dict[str, str] = {}
    problems: list[Problem] = []
    for sheet in sheets:
        if sheet.name not in SUMMARY_SHEET_NAMES:
            continue
        for row_number, cells in sheet.rows:
            texts = [cell_text(cell).strip() for cell in cells]
            key = labels.get(texts[0].rstrip("：:")) if texts else None
            if key is None or key in found:
                continue
            answer = next((text for text in texts[1:] if text), "")
            try:
                # Spacing tidied first (a cell's line break is a space), then the rule of every name.
                found[key] = check_name(t(FILING_FIELDS[key]), " ".join(answer.split()))
            except InputError as exc:
                problems.append(Problem(file, sheet.name, row_number, exc.message))
    return Filing(**found, problems=tuple(problems))


class JournalRows(Sequence[dict[str, Any]]):
    """Differing requests (``diff_states``) as rows for the journal (``Journal.append_computed``): one update
    entry each, each row made when it is read. A list of 100,000 row dicts would cost more than the requests
    it is made from; the journal reads the rows once, one at a time, as it writes them."""

    def __init__(self, requests: list[Request], catalog_key: str, effective: date, author: str | None) -> None:
        self.requests = requests
        self.catalog_key = catalog_key
        self.effective = effective
        self.author = author

    def __len__(self) -> int:
        return len(self.requests)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self._row(request) for request in self.requests[index]]
        return self._row(self.requests[index])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return map(self._row, self.requests)

    def _row(self, request: Request) -> dict[str, Any]:
        return {
            "catalog": self.catalog_key,
            "task_id": request.task_id,
            "effective": self.effective,
            "kind": "update",
            "status": request.status,
            "value": request.value,
            "note": request.note,
            "author": self.author,
        }
