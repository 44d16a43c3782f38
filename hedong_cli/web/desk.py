"""What the web desk does, apart from HTTP: a unit's tasks, its report checked and written, the office's
lists. Every figure comes from ``Workspace.report`` (``progress.build_report``); every value, note and name
goes through ``rules`` and ``workspace.check_value`` as on the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hedong_cli.common.errors import HedongError, InputError
from hedong_cli.common.messages import t
from hedong_cli.common.rules import STATUSES, check_name, check_reason, clean_note, latest_due
from hedong_cli.tracking.period import Period, ReportingWindow, cycle_periods, report_day
from hedong_cli.tracking.period import reporting_window as period_window
from hedong_cli.tracking.progress import Report, TaskView
from hedong_cli.tracking.rights import Assignment, may_write, refused
from hedong_cli.tracking.workspace import Workspace, check_value, parse_value

FIELDS = ("value", "status", "note")
MAX_FORM_FIELDS = 3 * 2000  # every task of a large catalogue, three fields each


class Forbidden(HedongError):
    """A request the account may not make (another unit's task, an office page): 403, nothing written."""


def reporting_window(workspace: Workspace) -> ReportingWindow:
    """This reporting period and its due day, as the settings' ``reporting`` sets them (read on every
    request, so the office's change holds without a restart)."""
    return period_window(workspace.config().reporting, workspace.today)


BRIEFS = ("brief.docx", "brief-previous.docx")  # this period's 通报 and the one before: names, never paths


def briefing_periods(workspace: Workspace) -> dict[str, Period]:
    """The 通报 the office may download, by name: the reporting cycle's current period and the one before
    (weeks or months, as the settings' ``reporting`` says), those inside the catalogue's year."""
    kind = workspace.config().reporting.period
    periods = cycle_periods(kind, workspace.catalog().year, workspace.today)
    return {name: period for name, period in zip(BRIEFS, periods, strict=True) if period is not None}


def briefing_docx(workspace: Workspace, period: Period) -> bytes:
    """The district's 通报 for ``period`` as Word, built in memory the way ``hedong brief -f docx`` builds it
    (``documents.briefing.period_briefing``), so the two carry the same figures."""
    from hedong_cli.documents.briefing import period_briefing
    from hedong_cli.render.briefing_doc import document
    from hedong_cli.render.briefing_docx import document_docx

    return document_docx(document(period_briefing(workspace, period, report_day(period, workspace.today))))


def writes(view: TaskView, unit: str | None) -> bool:
    """Whether ``unit`` may report on the task (``rights.may_write``: it leads or partners it in the journal)."""
    return may_write(Assignment.of_view(view), unit, "update")


def unit_views(report: Report, unit: str) -> list[TaskView]:
    return [view for view in report.views if writes(view, unit)]


class FieldError(InputError):
    """A form's input refused, and the field it came from: the page marks that field and keeps what was typed."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


@contextmanager
def field_at_fault(name: str) -> Iterator[None]:
    """An ``InputError`` raised inside becomes a ``FieldError`` naming the form field ``name``."""
    try:
        yield
    except FieldError:
        raise
    except InputError as exc:
        raise FieldError(exc.message, name) from None


def may_plan(view: TaskView, unit: str | None) -> bool:
    """Whether ``unit`` may change the task's plan (``rights.may_write``: partners report, the lead plans)."""
    return may_write(Assignment.of_view(view), unit, "plan")


MAX_NODES_TEXT = 20_000  # the 节点安排 as typed: a node a day for a year fits; longer is refused unparsed


class PlanMoved(FieldError):
    """The plan in force is no longer the one the form started from (another change came first): 409."""


def plan_in_force(journal: Any, catalog: str, task_id: str, today: date) -> tuple[Any, str]:
    """The task's plan in force on ``today`` and the id of its entry ("" for none), read from ``journal``."""
    from hedong_cli.tracking.plans import Plan

    state = journal.latest(catalog, today, [task_id]).get(task_id)
    if state is None or state.plan_entry is None:
        return Plan(), ""
    return Plan.from_payload(state.plan) or Plan(), str(state.plan_entry)


def plan_change(
    workspace: Workspace, view: TaskView, unit: str, form: dict[str, str], *, account: str, stamp: str, author: str
) -> Any:
    """A lead unit's change of its task's 完成时限 and 节点, with its 调整说明, read from the task page's form and
    written as one ``plan`` entry (under the unit's role on PostgreSQL, as a report is). The form states the
    whole new plan: ``due`` as ``hedong plan --due`` reads it ("" = the catalogue's), ``nodes`` as the
    分工方案's 节点安排 cell reads them (one a line); the reason is required on the web. ``based_on`` is the
    plan entry the page showed: the write reads the plan in force inside its transaction and refuses
    (``PlanMoved``) when another change came in between, so two changes at once never overwrite each other."""
    from hedong_cli.tracking.plans import edited_plan, parse_deadline, parse_nodes_cell

    if not may_plan(view, unit):
        raise Forbidden(t("web_plan_lead_only", id=view.task.id, unit=unit))
    with field_at_fault("reason"):
        reason = check_reason(form.get("reason", ""))
        if not reason:
            raise InputError(t("web_plan_reason_empty"))
    year = workspace.catalog().year
    with field_at_fault("nodes"):
        nodes_text = form.get("nodes", "")
        if len(nodes_text) > MAX_NODES_TEXT:
            raise InputError(t("web_too_large"))
        nodes = parse_nodes_cell(nodes_text, view.task, year)
    due = form.get("due", "")
    with field_at_fault("due"):
        day = parse_deadline(due, year) if due.strip() else None
        if day is not None and day > latest_due(year):
            # The web always asks a reason, so a reason cannot be what lets a date this far through here.
            raise InputError(t("web_plan_due_too_far", due=day.isoformat(), latest=latest_due(year).isoformat()))

    def compute(journal: Any) -> list[dict[str, Any]]:
        old, based_on = plan_in_force(journal, journal_key, view.task.id, workspace.today)
        with field_at_fault("due"):  # the due date, and the plan as a whole (a node after it)
            new = edited_plan(old, view.task, year, due=due, nodes=nodes, clear_nodes=True, reason=reason)
            if (new.due, new.nodes) == (old.due, old.nodes):
                raise InputError(t("plan_same", id=view.task.id, title=view.task.title))
        if form.get("based_on") != based_on:
            raise PlanMoved(t("web_plan_moved", id=view.task.id), "")  # no field is at fault: none is marked
        row = {"task_id": view.task.id, "kind": "plan", "plan": new.as_payload(), "effective": workspace.today}
        return [{**row, "author": author}]

    journal_key = workspace.catalog().key
    return record(workspace, unit, [], account=account, stamp=stamp, compute=compute)[0]


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


def check_still_assigned(journal: Any, workspace: Workspace, unit: str, rows: list[dict[str, Any]]) -> None:
    """Refuse (``Forbidden``) a row ``unit`` may no longer write (``rights.refused``), read inside the write
    transaction: the office may have reassigned the task since the request read the report."""
    row = refused(journal, workspace.catalog().key, unit, rows)
    if row is not None:
        key = "web_plan_lead_only" if row.get("kind") == "plan" else "web_not_your_task"
        raise Forbidden(t(key, id=row["task_id"], unit=unit))


def check_holds(journal: Any, account: str, stamp: str) -> None:
    """Refuse (``Forbidden``) a write of a session whose account is gone, disabled, reset or moved to another unit
    since its login (``accounts.holds``), read in ``journal`` inside the write's transaction: the request's own
    check ran earlier, and ``hedong user`` may have changed the account in between."""
    from hedong_cli.journal import accounts

    if not accounts.holds(accounts.get(journal, account, for_share=True), stamp):
        raise Forbidden(t("web_account_disabled"))


def record(
    workspace: Workspace,
    unit: str,
    rows: list[dict[str, Any]],
    *,
    account: str,
    stamp: str,
    compute: Callable[[Any], list[dict[str, Any]]] | None = None,
) -> list[Any]:
    """Write ``rows`` (or the rows ``compute`` works out from the journal inside the write transaction) in one
    transaction, as ``account``, which must still hold then as at the session's login (``stamp``): an account
    disabled, reset or moved to another unit while its session lives writes nothing. On PostgreSQL the rows are
    written under the unit's own role (``SET LOCAL ROLE``), so the server's row-level security checks the web's
    writes as it checks a liaison's."""
    catalog = workspace.catalog()
    with workspace.writer() as journal, journal.atomic(catalog.key):
        check_holds(journal, account, stamp)
        if compute is not None:
            rows = compute(journal)
        check_still_assigned(journal, workspace, unit, rows)
        rows = [{**row, "catalog": catalog.key} for row in rows]
        if journal.backend == "postgresql" and journal.act_as_unit(unit) is None:
            raise Forbidden(t("web_unit_no_role", unit=unit))
        return journal.append_many(rows)


def retract(workspace: Workspace, entry_id: str, reason: str, author: str, *, account: str, stamp: str) -> Any:
    """退回: the office retracts a unit's entry, the reason kept as the retraction's note; only while the office
    account still holds as at its login (checked inside the transaction, as ``record`` does)."""
    reason = check_reason(reason)
    if not reason:
        raise InputError(t("web_reason_empty"))
    if not entry_id.isdigit() or len(entry_id) > 18:
        raise InputError(t("no_such_entry", entry=entry_id[:20]))
    catalog = workspace.catalog()
    with workspace.writer() as journal, journal.atomic(catalog.key):
        check_holds(journal, account, stamp)
        if journal.entry(int(entry_id)).kind != "update":  # the office sends back a unit's report, nothing else
            raise InputError(t("no_such_entry", entry=entry_id))
        return journal.retract(catalog.key, int(entry_id), effective=workspace.today, author=author, note=reason)


@dataclass(frozen=True)
class Missing:
    unit: str
    tasks: list[TaskView]
    reminder: str


def missing_units(workspace: Workspace, report: Report, period: ReportingWindow) -> list[Missing]:
    """The lead units with no live update of any task they lead in the period, each with a 催办 text."""
    entries = workspace.history(period.start, workspace.today, newest_first=False)
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
        reminder = t("web_reminder", unit=unit, ids=ids, n=len(views), due=period.due_text())
        found.append(Missing(unit, views, reminder))
    return found


def sent_back(workspace: Workspace, views: list[TaskView], since: date) -> list[Any]:
    """The office's retractions (退回) of entries on these tasks since ``since``, newest first: the unit sees
    each with its reason on its own page."""
    ids = {view.task.id for view in views}
    entries = workspace.history(since, workspace.today)
    return [entry for entry in entries if entry.kind == "retract" and entry.task_id in ids and entry.note]
