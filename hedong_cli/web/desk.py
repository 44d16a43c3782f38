"""What the web desk does, apart from HTTP: a unit's tasks, its report checked and written, the office's
lists. Every figure comes from ``Workspace.report`` (``progress.build_report``); every value, note and name
goes through ``rules`` and ``workspace.check_value`` as on the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from hedong_cli.common.errors import HedongError, InputError
from hedong_cli.common.messages import t
from hedong_cli.common.rules import STATUSES, check_name, check_reason, clean_note
from hedong_cli.tracking.progress import Report, TaskView
from hedong_cli.tracking.workspace import Workspace, check_value, parse_value

FIELDS = ("value", "status", "note")
MAX_FORM_FIELDS = 3 * 2000  # every task of a large catalogue, three fields each


class Forbidden(HedongError):
    """A request the account may not make (another unit's task, an office page): 403, nothing written."""


@dataclass(frozen=True)
class Period:
    """The reporting period the office set: a week (due Friday) or a month (due the 25th)."""

    start: date
    due: date

    @classmethod
    def of(cls, kind: str, today: date) -> Period:
        if kind == "month":
            return cls(today.replace(day=1), today.replace(day=25))
        monday = today - timedelta(days=today.weekday())
        return cls(monday, monday + timedelta(days=4))


def writes(view: TaskView, unit: str | None) -> bool:
    """Whether ``unit`` leads or partners the task, and so may report on it."""
    return unit is not None and (view.lead == unit or unit in view.partners)


def unit_views(report: Report, unit: str) -> list[TaskView]:
    return [view for view in report.views if writes(view, unit)]


@dataclass
class ReportForm:
    """A unit's report as typed: per task, the three fields; and what is wrong with each, if anything."""

    typed: dict[str, dict[str, str]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)


def read_report(form: dict[str, str], report: Report, unit: str, today: date, author: str) -> ReportForm:
    """The rows a report form asks to write, checked. A task id the catalogue lacks, or one the unit may not
    write, refuses the whole form (``InputError``, ``Forbidden``); a bad value marks its task in ``errors``."""
    by_id = {view.task.id: view for view in report.views}
    result = ReportForm()
    for key, text in form.items():
        kind, _, task_id = key.partition(".")
        if kind not in FIELDS:
            continue
        view = by_id.get(task_id)
        if view is None:
            raise InputError(t("unknown_task", id=task_id[:40]))
        if not writes(view, unit):
            raise Forbidden(t("web_not_your_task", id=task_id, unit=unit))
        result.typed.setdefault(task_id, {})[kind] = text
    for task_id, typed in result.typed.items():
        view = by_id[task_id]
        try:
            row = _row(view, typed, today, author)
        except InputError as exc:
            result.errors[task_id] = exc.message
            continue
        if row is not None:
            result.rows.append(row)
    if not result.rows and not result.errors:
        raise InputError(t("web_nothing_typed"))
    return result


def _row(view: TaskView, typed: dict[str, str], today: date, author: str) -> dict[str, Any] | None:
    value_text, status, note_text = (typed.get(name, "").strip() for name in FIELDS)
    if not (value_text or status or note_text):
        return None
    value = check_value(view.task, parse_value(view.task, value_text)) if value_text else None
    if status and status not in STATUSES:
        raise InputError(t("web_bad_status"))
    note = clean_note(typed.get("note", ""))[0].strip() if note_text else None
    return {
        "catalog": "",  # filled in by record(): the catalogue's key
        "task_id": view.task.id,
        "effective": today,
        "status": status or None,
        "value": value,
        "note": note or None,
        "author": author,
    }


def web_author(account: str, unit: str | None) -> str:
    """Who a web entry is written as: the account, and its unit (which a server stamps again itself)."""
    return check_name(t("field_account"), t("author_stamp", by=account, stamp=unit) if unit else account)


def record(workspace: Workspace, unit: str, rows: list[dict[str, Any]]) -> list[Any]:
    """Write ``rows`` in one transaction. On PostgreSQL the rows are written under the unit's own role
    (``SET LOCAL ROLE``), so the server's row-level security checks the web's writes as it checks a liaison's."""
    catalog = workspace.catalog()
    rows = [{**row, "catalog": catalog.key} for row in rows]
    with workspace.writer() as journal, journal.atomic(catalog.key):
        if journal.backend == "postgresql" and journal.act_as_unit(unit) is None:
            raise Forbidden(t("web_unit_no_role", unit=unit))
        return journal.append_many(rows)


def retract(workspace: Workspace, entry_id: str, reason: str, author: str) -> Any:
    """退回: the office retracts a unit's entry, the reason kept as the retraction's note."""
    reason = check_reason(reason)
    if not reason:
        raise InputError(t("web_reason_empty"))
    if not entry_id.isdigit() or len(entry_id) > 18:
        raise InputError(t("no_such_entry", entry=entry_id[:20]))
    catalog = workspace.catalog()
    with workspace.writer() as journal, journal.atomic(catalog.key):
        if journal.entry(int(entry_id)).kind != "update":  # the office sends back a unit's report, nothing else
            raise InputError(t("no_such_entry", entry=entry_id))
        return journal.retract(catalog.key, int(entry_id), effective=workspace.today, author=author, note=reason)


@dataclass(frozen=True)
class Missing:
    unit: str
    tasks: list[TaskView]
    reminder: str


def missing_units(workspace: Workspace, report: Report, period: Period) -> list[Missing]:
    """The lead units with no live update of any task they lead in the period, each with a 催办 text."""
    catalog = workspace.catalog()
    with workspace.reader() as journal:
        entries = journal.history(catalog.key, since=period.start, until=workspace.today, newest_first=False)
    reported = {entry.task_id for entry in entries if entry.kind == "update" and entry.retracted_by is None}
    by_unit: dict[str, list[TaskView]] = {}
    for view in report.views:
        if view.lead:
            by_unit.setdefault(view.lead, []).append(view)
    found = []
    for unit, views in sorted(by_unit.items()):
        if any(view.task.id in reported for view in views):
            continue
        ids = "、".join(view.task.id for view in views)
        reminder = t("web_reminder", unit=unit, ids=ids, n=len(views), due=f"{period.due.month}月{period.due.day}日")
        found.append(Missing(unit, views, reminder))
    return found


def sent_back(workspace: Workspace, views: list[TaskView], since: date) -> list[Any]:
    """The office's retractions (退回) of entries on these tasks since ``since``, newest first: the unit sees
    each with its reason on its own page."""
    ids = {view.task.id for view in views}
    with workspace.reader() as journal:
        entries = journal.history(workspace.catalog().key, since=since, until=workspace.today)
    return [entry for entry in entries if entry.kind == "retract" and entry.task_id in ids and entry.note]
