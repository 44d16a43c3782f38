"""The weekly briefing (周报 / 督查通报) as data. Pure: no I/O, no typer, rich or docx.

A ``Briefing`` is built from the ``Report`` that ``Session.report(period.end, rules)`` returns, so
every figure in it equals ``hedong status --as-of <period end> --format json``, plus the journal
entries up to the period's end for the tasks it covers (the caller reads them; this module only
replays them to find each entry's "before" state).

Reprinting: everything depends only on the period, the rules and entries dated on or before the
period's last day, so a past week's briefing comes out the same after later entries are added.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from hedong_cli.catalogue.model import Catalog
from hedong_cli.common.config import Config
from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import t
from hedong_cli.journal import Entry, TaskState
from hedong_cli.tracking.period import Period
from hedong_cli.tracking.progress import LightRules, Report, Summary, TaskView, filter_views
from hedong_cli.tracking.units import Scorecard, scorecard
from hedong_cli.tracking.workspace import Workspace


@dataclass(frozen=True)
class Change:
    """One journal entry of the period, with the task's state just before and just after it."""

    entry: Entry
    view: TaskView  # the task as of the period's end (for its title, unit and section)
    before: TaskState
    after: TaskState
    retracted: bool  # retracted by an entry dated on or before the period's end


@dataclass(frozen=True)
class NodeItem:
    """One plan node in 近期节点: its date, what it asks for, and the task as of the period's end."""

    day: date
    expects: str
    view: TaskView
    step: bool = False  # a described step (形象进度), not a figure to reach


@dataclass(frozen=True)
class Briefing:
    period: Period
    number: int
    unit: str | None
    report: Report  # as of period.end, narrowed to ``unit`` when given
    goals: list[TaskView]
    changes: list[Change]  # in catalogue section order, then by date and entry id
    red: list[TaskView]
    yellow: list[TaskView]
    upcoming: list[TaskView]  # not done, due within MILESTONE_HORIZON_DAYS from as_of (inclusive)
    overdue: list[TaskView]  # not done, due before as_of
    never_reported: list[TaskView]  # no update entry at all (an assignment alone is not a report)
    units: Scorecard  # the ``hedong units`` scorecard as of the period's end, ranked by red tasks
    silent_units: list[str]  # lead units none of whose tasks has an update dated in the period
    config: Config = field(default_factory=Config)  # 版头 and 版记 settings
    window: tuple[date, date] | None = None  # 近期节点 look-ahead (from as_of, inclusive)
    next_nodes: tuple[NodeItem, ...] = ()  # plan nodes of open tasks within ``window``
    missed_nodes: tuple[NodeItem, ...] = ()  # plan nodes dated in the period, passed and not reached
    plans: int = 0  # tasks that have a plan (the node tables are shown only when some do)
    region: str = ""  # the catalogue's source.region (河东区), "" when it names none
    attach: str = "all"  # 附件1 holds every task ("all") or the red and yellow ones ("lagging")
    entries: tuple[Entry, ...] = ()  # the entries dated in the period, for tracing the prose to them

    @property
    def issuer(self) -> str:
        """The 发文机关标志 of this kind of 通报: the series' own, else the office's, else 督查通报."""
        return self.config.series_for(self.period.kind).issuer or self.config.issuer or t("doc_issuer_default")

    @property
    def as_of(self) -> date:
        return self.report.as_of

    @property
    def summary(self) -> Summary:
        return self.report.summary

    @property
    def reported(self) -> bool:
        """Whether any covered task has a recorded update by the period's end."""
        return any(view.updated is not None for view in self.report.views)


def state_after(entries: list[Entry], base: TaskState | None = None) -> TaskState:
    """The state ``Journal.latest`` gives after ``entries`` (one task's, in (effective, id) order).

    ``base`` is the task's state before the first of them; each field falls back to it when no
    live entry among ``entries`` sets that field.
    """
    base = base or TaskState()
    retracted = {e.retracts for e in entries if e.kind == "retract"}
    live = [e for e in entries if e.id not in retracted]
    updates = [e for e in live if e.kind == "update"]
    assigns = [e for e in live if e.kind == "assign"]
    plans = [e for e in live if e.kind == "plan"]

    def newest(field: str) -> Entry | None:
        return next((e for e in reversed(updates) if getattr(e, field) is not None), None)

    status, value, note = newest("status"), newest("value"), newest("note")
    assign = assigns[-1] if assigns else None
    return TaskState(
        status=status.status if status else base.status,
        value=value.value if value else base.value,
        note=note.note if note else base.note,
        updated=updates[-1].effective if updates else base.updated,
        value_date=value.effective if value else base.value_date,
        lead=assign.lead if assign else base.lead,
        partners=assign.partners if assign else base.partners,
        plan=plans[-1].plan if plans else base.plan,
        plan_date=plans[-1].effective if plans else base.plan_date,
        plan_entry=plans[-1].id if plans else base.plan_entry,
    )


def period_changes(
    catalog: Catalog,
    views: list[TaskView],
    entries: Iterable[Entry],
    period: Period,
    base: Mapping[str, TaskState] | None = None,
) -> list[Change]:
    """Each entry dated in ``period`` for a task in ``views``, with the state before and after it.

    For each task, ``entries`` holds either its whole history up to the period's end, or only its
    entries dated in the period, ``base[task id]`` then being its state on the day before the
    period (``Journal.latest``; absent when it had none). Whole history is needed only when the
    period retracts an entry from before it. Entries dated after the period are ignored, so later
    retractions do not alter a past briefing.
    """
    by_task: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.effective <= period.end:
            by_task.setdefault(entry.task_id, []).append(entry)
    order = {task.id: index for index, task in enumerate(catalog.tasks)}
    changes = []
    for view in views:
        history = sorted(by_task.get(view.task.id, []), key=lambda e: (e.effective, e.id))
        whole = bool(history) and history[0].effective < period.start
        start = None if whole else (base or {}).get(view.task.id)
        retracted = {e.retracts for e in history if e.kind == "retract"}
        for index, entry in enumerate(history):
            if entry.effective >= period.start:
                before, after = state_after(history[:index], start), state_after(history[: index + 1], start)
                changes.append(Change(entry, view, before, after, entry.id in retracted))
    section_order = {section.id: index for index, section in enumerate(catalog.sections)}
    changes.sort(
        key=lambda c: (section_order[c.view.task.section], c.entry.effective, order[c.view.task.id], c.entry.id)
    )
    return changes


def silent_units(card: Scorecard, report: Report, period: Period) -> list[str]:
    """Lead units with no update entry dated in ``period`` on any task they lead, in scorecard order."""
    reported = {view.lead for view in report.views if view.updated is not None and view.updated >= period.start}
    return [row.unit for row in card.rows if row.unit is not None and row.unit not in reported]


def build_briefing(
    catalog: Catalog,
    report: Report,
    entries: Iterable[Entry],
    period: Period,
    *,
    number: int | None = None,
    unit: str | None = None,
    base: Mapping[str, TaskState] | None = None,
    config: Config | None = None,
    region: str = "",
    attach: str = "all",
) -> Briefing:
    """Everything the renderers show. ``report`` must be the report as of ``period.end``, or of an
    earlier day inside the period while it is still running; ``entries`` and ``base`` are as
    ``period_changes`` describes."""
    if not period.start <= report.as_of <= period.end:
        raise ValueError("the report must be as of a day inside the period")
    views = report.views
    as_of = report.as_of
    window = period.next_window(as_of)
    horizon = window[1]
    position = {view.task.id: index for index, view in enumerate(views)}
    open_with_due = sorted(
        (v for v in views if v.due is not None and v.status != "done"),
        key=lambda v: (v.due, position[v.task.id]),
    )
    next_nodes, missed_nodes = plan_nodes(views, period, as_of, horizon)
    card = scorecard(report)
    config = config or Config()
    entries = tuple(entries)
    return Briefing(
        period=period,
        number=series_number(period, config) if number is None else number,
        unit=unit,
        report=report,
        goals=[v for v in views if v.task.section == "0"],
        changes=period_changes(catalog, views, entries, period, base),
        red=[v for v in views if v.light == "red"],
        yellow=[v for v in views if v.light == "yellow"],
        upcoming=[v for v in open_with_due if v.due is not None and as_of <= v.due <= horizon],
        overdue=[v for v in open_with_due if v.due is not None and v.due < as_of],
        never_reported=[v for v in views if v.updated is None],
        units=card,
        silent_units=silent_units(card, report, period),
        config=config,
        window=window,
        next_nodes=next_nodes,
        missed_nodes=missed_nodes,
        plans=sum(1 for v in views if v.plan is not None),
        region=region,
        attach=attach,
        entries=tuple(e for e in entries if period.start <= e.effective <= period.end),
    )


def period_briefing(
    workspace: Workspace,
    period: Period,
    as_of: date,
    rules: LightRules | None = None,
    *,
    number: int | None = None,
    unit: str | None = None,
) -> Briefing:
    """The district's 通报 for ``period`` as of ``as_of`` (``tracking.period``'s ``resolve_period`` and
    ``report_day`` give both): the report as of that day (the call status makes), narrowed to ``unit``'s tasks
    when given, the period's entries, the settings. ``hedong brief`` and the web desk's download both build it
    here, so their figures agree."""
    catalog = workspace.catalog()
    report = workspace.report(as_of, rules)
    if unit is not None:
        report = report.narrowed(filter_views(report.views, unit=unit))
    wanted = {view.task.id for view in report.views}
    with workspace.reader() as journal:
        in_period = journal.history(catalog.key, since=period.start, until=as_of, newest_first=False)
        in_period = [entry for entry in in_period if entry.task_id in wanted]
        # Each entry's "before" state: the day-before snapshot (one indexed query) replayed forward,
        # or, for a task whose earlier entry is retracted in the period, its whole history.
        ids = {entry.id for entry in in_period}
        retold = sorted({e.task_id for e in in_period if e.kind == "retract" and e.retracts not in ids})
        day_before = period.start - timedelta(days=1)
        earlier = [e for task_id in retold for e in journal.history(catalog.key, task_id=task_id, until=day_before)]
        touched = {entry.task_id for entry in in_period} - set(retold)
        base = journal.latest(catalog.key, day_before, sorted(touched)) if touched else {}
    region = str(catalog.source.get("region") or "")
    return build_briefing(
        catalog,
        report,
        earlier + in_period,
        period,
        number=number,
        unit=unit,
        base=base,
        config=workspace.config(),
        region=region,
    )


def series_number(period: Period, config: Config) -> int:
    """第N期 in the office's series for this kind of 通报: the period's own number counted from the
    series' first; the same period always gets the same number, so a reprint keeps it."""
    if period.kind == "range":
        return period.default_number
    first = config.series_for(period.kind).first
    number = period.own_number - first + 1
    if number < 1:
        raise InputError(t("tb_before_series", kind=period.kind, first=first))
    return number


def reached_nodes(view: TaskView, before: TaskState, after: TaskState) -> tuple[NodeItem, ...]:
    """The task's plan nodes (as of the period's end) that ``after`` reaches and ``before`` did not:
    the nodes its entries of the period reached, each as the plan states it."""
    from hedong_cli.common.figures import progress_pct
    from hedong_cli.tracking.plans import node_expects, node_reached
    from hedong_cli.tracking.progress import effective_status

    if view.plan is None:
        return ()
    task, nodes = view.task, view.plan.plan.nodes

    def reached(state: TaskState) -> set[int]:
        progress = progress_pct(task.target, state.value) if task.target and state.value is not None else None
        status = effective_status(state)
        return {i for i, node in enumerate(nodes) if node_reached(node, task, progress, status, state.updated)}

    new = sorted(reached(after) - reached(before))
    return tuple(NodeItem(nodes[i].day, node_expects(nodes[i], task), view, nodes[i].is_step) for i in new)


def plan_nodes(
    views: list[TaskView], period: Period, as_of: date, horizon: date
) -> tuple[tuple[NodeItem, ...], tuple[NodeItem, ...]]:
    """Nodes of open tasks after ``as_of`` up to ``horizon``, and nodes dated in the period up to ``as_of``
    that were missed (a node dated on ``as_of`` itself counts as come, as in the light rules)."""
    from hedong_cli.tracking.plans import node_expects

    upcoming, missed = [], []
    for view in views:
        if view.plan is None:
            continue
        for node in view.plan.plan.nodes:
            item = NodeItem(node.day, node_expects(node, view.task), view, node.is_step)
            if view.status != "done" and as_of < node.day <= horizon:
                upcoming.append(item)
            elif period.start <= node.day <= as_of and node in view.plan.missed:
                missed.append(item)
    position = {view.task.id: index for index, view in enumerate(views)}
    return (
        tuple(sorted(upcoming, key=lambda i: (i.day, position[i.view.task.id]))),
        tuple(sorted(missed, key=lambda i: (i.day, position[i.view.task.id]))),
    )
