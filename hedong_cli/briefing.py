"""The weekly briefing (周报 / 督查通报) as data. Pure: no I/O, no typer, rich or docx.

A ``Briefing`` is built from the ``Report`` that ``Session.report(period.end, rules)`` returns, so
every figure in it equals ``hedong status --as-of <period end> --format json``, plus the journal
entries up to the period's end for the tasks it covers (the caller reads them; this module only
replays them to find each entry's "before" state).

Reprinting: everything depends only on the period, the rules and entries dated on or before the
period's last day, so a past week's briefing comes out the same after later entries are added.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from hedong_cli.catalog import Catalog
from hedong_cli.errors import InputError
from hedong_cli.journal import Entry, TaskState
from hedong_cli.messages import t
from hedong_cli.progress import Report, Summary, TaskView, summarize

MILESTONE_HORIZON_DAYS = 30  # 近期节点: deadlines within this many days after the as-of date
_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_QUARTER = re.compile(r"^\s*(\d{4})-?Q([1-4])\s*$", re.IGNORECASE)
_HALF = re.compile(r"^\s*(\d{4})-?H([12])\s*$", re.IGNORECASE)
SPAN_MONTHS = {"month": 1, "quarter": 3, "half": 6}


@dataclass(frozen=True)
class Period:
    """The days a briefing covers. ``week`` is (ISO year, ISO week) when the period is a week;
    ``span`` is ("month", 10), ("quarter", 3) or ("half", 1) for the office's longer periods."""

    start: date
    end: date
    week: tuple[int, int] | None = None
    span: tuple[str, int] | None = None

    @property
    def default_number(self) -> int:
        """第N期 when --no is not given: the ISO week number (of the week, or of --to's day); the
        month, quarter or half's own number for those."""
        if self.span:
            return self.span[1]
        return self.week[1] if self.week else self.end.isocalendar()[1]

    def label(self) -> str | None:
        """2026年10月, 2026年第三季度, 2026年上半年; None for a week or a custom range."""
        if self.span is None:
            return None
        kind, number = self.span
        half = ("上半年", "下半年")[number - 1] if kind == "half" else ""
        return t(f"brief_span_{kind}", year=self.start.year, n=number, cn=_CN_NUMBERS[number], half=half)

    def next_window(self, as_of: date) -> tuple[date, date]:
        """近期节点 look ahead: to the end of the next month, quarter or half; else 30 days."""
        if self.span is None:
            return as_of, as_of + timedelta(days=MILESTONE_HORIZON_DAYS)
        months = SPAN_MONTHS[self.span[0]]
        start = self.end + timedelta(days=1)
        return as_of, _months_later(start, months) - timedelta(days=1)


_CN_NUMBERS = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


def _months_later(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s month (``day`` is a first of month)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def parse_span(kind: str, text: str) -> tuple[int, int]:
    """``2026-10`` (month), ``2026-Q3`` (quarter) or ``2026-H1`` (half) → (year, number)."""
    pattern = {"month": _MONTH, "quarter": _QUARTER, "half": _HALF}[kind]
    match = pattern.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12 // SPAN_MONTHS[kind]:
        raise InputError(t(f"brief_bad_{kind}", value=text))
    return int(match.group(1)), int(match.group(2))


def parse_week(text: str) -> tuple[int, int]:
    match = _WEEK.match(text)
    if not match:
        raise InputError(t("brief_bad_week", value=text))
    year, week = int(match.group(1)), int(match.group(2))
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        raise InputError(t("brief_bad_week", value=text)) from None
    return year, week


def resolve_period(
    year: int,
    today: date,
    *,
    week: str | None = None,
    start: date | None = None,
    end: date | None = None,
    month: str | None = None,
    quarter: str | None = None,
    half: str | None = None,
) -> Period:
    """The period asked for: ``week``, a ``month``, ``quarter`` or ``half``, or ``start``..``end``,
    or else the ISO week containing ``today``.

    A week that straddles New Year is cut to the catalogue year (so 2026-W53 ends on 12-31); a week
    entirely outside it, or a range reaching outside it, is refused.
    """
    chosen = [
        week is not None,
        month is not None,
        quarter is not None,
        half is not None,
        start is not None or end is not None,
    ]
    if sum(chosen) > 1:
        raise InputError(t("brief_period_conflict"))
    for kind, text in (("month", month), ("quarter", quarter), ("half", half)):
        if text is not None:
            span_year, number = parse_span(kind, text)
            months = SPAN_MONTHS[kind]
            first_day = date(span_year, (number - 1) * months + 1, 1)
            last_day = _months_later(first_day, months) - timedelta(days=1)
            if span_year != year:
                raise InputError(
                    t("brief_outside_year", start=first_day.isoformat(), end=last_day.isoformat(), year=year)
                )
            return Period(first_day, last_day, span=(kind, number))
    if (start is None) != (end is None):
        raise InputError(t("brief_need_both"))
    first, last = date(year, 1, 1), date(year, 12, 31)
    if start is not None and end is not None:
        if start > end:
            raise InputError(t("brief_from_after_to", start=start.isoformat(), end=end.isoformat()))
        if start < first or end > last:
            raise InputError(t("brief_outside_year", start=start.isoformat(), end=end.isoformat(), year=year))
        return Period(start, end)
    iso_year, iso_week = parse_week(week) if week is not None else today.isocalendar()[:2]
    monday = date.fromisocalendar(iso_year, iso_week, 1)
    sunday = monday + timedelta(days=6)
    if sunday < first or monday > last:
        raise InputError(t("brief_outside_year", start=monday.isoformat(), end=sunday.isoformat(), year=year))
    return Period(max(monday, first), min(sunday, last), (iso_year, iso_week))


@dataclass(frozen=True)
class SectionRow:
    """One line of 分领域推进情况: a section's tasks summarised with the same code as status."""

    id: str
    title: str
    summary: Summary
    gap: float | None  # mean progress minus 序时进度, in percentage points


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


@dataclass(frozen=True)
class Briefing:
    period: Period
    number: int
    unit: str | None
    report: Report  # as of period.end, narrowed to ``unit`` when given
    sections: list[SectionRow]
    goals: list[TaskView]
    changes: list[Change]  # in catalogue section order, then by date and entry id
    red: list[TaskView]
    yellow: list[TaskView]
    upcoming: list[TaskView]  # not done, due within MILESTONE_HORIZON_DAYS from as_of (inclusive)
    overdue: list[TaskView]  # not done, due before as_of
    stale: list[TaskView]  # not done, newest entry stale_days or more before as_of
    never_reported: list[TaskView]  # no update entry at all (an assignment alone is not a report)
    horizon_days: int = MILESTONE_HORIZON_DAYS
    window: tuple[date, date] | None = None  # 近期节点 look-ahead (from as_of, inclusive)
    next_nodes: tuple[NodeItem, ...] = ()  # plan nodes of open tasks within ``window``
    missed_nodes: tuple[NodeItem, ...] = ()  # plan nodes dated in the period, passed and not reached
    plans: int = 0  # tasks that have a plan (the node tables are shown only when some do)

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

    @property
    def changed_tasks(self) -> int:
        return len({change.entry.task_id for change in self.changes})

    def share(self, count: int, of: int | None = None) -> float:
        """``count`` as a percentage of ``of`` (default: all tasks), one decimal, like Summary.done_pct."""
        base = self.summary.total if of is None else of
        return round(count / base * 100, 1) if base else 0.0

    def summary_sentence(self) -> str:
        """The one-sentence 通报 summary, in the current language."""
        s = self.summary
        day = long_date(self.as_of)
        if s.total == 0:
            return t("none_matched")
        if not self.reported:
            return t("brief_summary_empty", date=day, total=s.total)
        text = t(
            "brief_summary",
            date=day,
            expected=f"{self.report.expected_pct:.1f}",
            total=s.total,
            done=s.by_status["done"],
            done_pct=f"{s.done_pct:.1f}",
            green=s.by_light["green"],
            yellow=s.by_light["yellow"],
            red=s.by_light["red"],
            quant=s.quantitative,
            on=s.on_schedule,
            behind=s.behind_schedule,
        )
        alert = s.by_light["red"] or s.by_light["yellow"]
        return text + t("brief_summary_alert" if alert else "brief_summary_clear")


def long_date(day: date) -> str:
    """2026年11月22日 / 2026-11-22."""
    return t("brief_date", y=day.year, m=day.month, d=day.day, iso=day.isoformat())


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


def section_rows(catalog: Catalog, report: Report) -> list[SectionRow]:
    """One row per section that has tasks in the report, summarised by ``progress.summarize``."""
    rows = []
    for section in catalog.sections:
        views = [view for view in report.views if view.task.section == section.id]
        if not views:
            continue
        summary = summarize(views)
        mean = summary.mean_progress_pct
        gap = None if mean is None else round(mean - report.expected_pct, 1)
        rows.append(SectionRow(section.id, section.title, summary, gap))
    return rows


def build_briefing(
    catalog: Catalog,
    report: Report,
    entries: Iterable[Entry],
    period: Period,
    *,
    number: int | None = None,
    unit: str | None = None,
    base: Mapping[str, TaskState] | None = None,
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
    return Briefing(
        period=period,
        number=period.default_number if number is None else number,
        unit=unit,
        report=report,
        sections=section_rows(catalog, report),
        goals=[v for v in views if v.task.section == "0"],
        changes=period_changes(catalog, views, entries, period, base),
        red=[v for v in views if v.light == "red"],
        yellow=[v for v in views if v.light == "yellow"],
        upcoming=[v for v in open_with_due if v.due is not None and as_of <= v.due <= horizon],
        overdue=[v for v in open_with_due if v.due is not None and v.due < as_of],
        stale=[
            v
            for v in views
            if v.status != "done" and v.days_since_update is not None and v.days_since_update >= report.rules.stale_days
        ],
        never_reported=[v for v in views if v.updated is None],
        horizon_days=(horizon - as_of).days,
        window=window,
        next_nodes=next_nodes,
        missed_nodes=missed_nodes,
        plans=sum(1 for v in views if v.plan is not None),
    )


def plan_nodes(
    views: list[TaskView], period: Period, as_of: date, horizon: date
) -> tuple[tuple[NodeItem, ...], tuple[NodeItem, ...]]:
    """Nodes of open tasks after ``as_of`` up to ``horizon``, and nodes dated in the period up to ``as_of``
    that were missed (a node dated on ``as_of`` itself counts as come, as in the light rules)."""
    from hedong_cli.plans import node_expects

    upcoming, missed = [], []
    for view in views:
        if view.plan is None:
            continue
        for node in view.plan.plan.nodes:
            item = NodeItem(node.day, node_expects(node, view.task), view)
            if view.status != "done" and as_of < node.day <= horizon:
                upcoming.append(item)
            elif period.start <= node.day <= as_of and node in view.plan.missed:
                missed.append(item)
    position = {view.task.id: index for index, view in enumerate(views)}
    return (
        tuple(sorted(upcoming, key=lambda i: (i.day, position[i.view.task.id]))),
        tuple(sorted(missed, key=lambda i: (i.day, position[i.view.task.id]))),
    )
