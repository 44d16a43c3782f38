"""Progress arithmetic: 序时进度, progress %, the 预警 light rules, and summaries. Pure: no I/O.

``status``, ``brief`` and ``export`` all build their figures with ``build_report``, so they
cannot disagree.

The light rules, in the order they are applied (the first that matches decides):

1. done (已完成) → green.
2. blocked (受阻) → red.
3. a task with a due date that has passed and is not done → red.
4. quantitative: progress at or above its expected progress → green; up to ``tolerance`` points
   (default 10) below → yellow; further below → red. The expected progress is 序时进度 for
   amounts that accumulate over the year, and 100% for rates (unit %), which are compared with the
   target itself all year. An ``about`` target (左右) counts as reached within 5% of its value, so its
   expected progress is 5% lower. A ceiling (``<=``, 以内, lower is better) reads on its own terms:

   - no value reported → 未报送 (reason ``not_reported``), never red: green while 序时进度 is under 25%,
     yellow from then on (the office should ask for the figure); its progress is unknown (None);
   - at or under its bound → on track, all year (expected 100%, progress 100%);
   - over its bound → reason ``over_ceiling`` (超出上限X, X the amount over), progress bound ÷ value,
     yellow within ``tolerance`` points of 100%, red further off.
5. adjusted (已调整) → yellow: the office must explain the change.
6. milestone or ongoing work not yet started (no status, or 未启动): green while 序时进度 is under
   25%, yellow from 25%, red from 50% (时间过半).
7. otherwise green.

Then staleness: a task that would be green but whose newest entry is ``stale_days`` (default 28)
or more days old turns yellow. A done task never goes stale.

A task with a plan (``hedong plan``: 完成时限, nodes; see ``plans``) is judged against the plan.
Its due date is the plan's (else the catalogue's), which rule 3 uses, and where the plan has nodes,
rules 4 to 6 give way to these, again the first that matches deciding:

4p. a node whose date has come (on or before the report's date, which speaks for the end of its
    day) and that is not reached → ``node_missed``: for a numeric node on a numeric task, yellow
    while within ``tolerance`` points of it, red further below; a described step (reached once
    reported 推进中/已完成 on or after its date) → red.
5p. the next node, or the due date, falls within ``warn_days`` (default 14) and the task is behind
    the plan's expected progress (or, for a step, has not started; for the due date, is not done)
    → yellow, ``due_soon``.
6p. a numeric task more than ``tolerance`` points below the plan's expected progress (straight
    lines between its nodes) → yellow, ``behind_plan``.
7p. adjusted (已调整) → yellow; otherwise green.

A plan without nodes changes only the due date (and rule 5p for it); no plan, today's rules.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from hedong_cli.common.figures import progress_pct  # measured below the plans, which use it too
from hedong_cli.common.rules import STATUSES

if TYPE_CHECKING:  # annotations only; importing them here would load sqlite3 and more at every start-up
    from hedong_cli.catalogue.model import Catalog, Task
    from hedong_cli.journal import TaskState
    from hedong_cli.tracking.plans import Node, Plan

LIGHTS = ("green", "yellow", "red")

# The record types below are NamedTuples, as the catalogue's are (``hedong_cli.catalogue.model`` says why).


class LightRules(NamedTuple):
    tolerance: float = 10.0  # points below expected progress that are still yellow
    stale_days: int = 28  # days without an entry before a green task turns yellow
    not_started_yellow: float = 25.0  # 序时进度 from which an unstarted task is yellow
    not_started_red: float = 50.0  # 序时进度 from which an unstarted task is red (时间过半)
    warn_days: int = 14  # a node or due date this close, with the task behind the plan, is yellow


def expected_pct(as_of: date, year: int) -> float:
    """序时进度: the share of ``year`` elapsed at the end of ``as_of``, in percent (one decimal)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    if as_of < start:
        return 0.0
    if as_of >= end:
        return 100.0
    return round(((as_of - start).days + 1) / ((end - start).days + 1) * 100, 1)


def task_expected_pct(task: Task, expected: float) -> float | None:
    """What progress a task should show by now; None when it has no numeric target."""
    if task.target is None:
        return None
    target = task.target
    should = 100.0 if target.is_rate or target.comparator in (">", "<=") else expected
    if target.comparator == "about":
        from hedong_cli.catalogue.model import ABOUT_TOLERANCE

        should = round(should * (1 - ABOUT_TOLERANCE), 1)
    return should


def is_unreported_ceiling(task: Task, value: float | None) -> bool:
    """A ceiling (``<=``) target with no value reported: 未报送 (unless it is done)."""
    return task.target is not None and task.target.comparator == "<=" and value is None


def effective_status(state: TaskState | None) -> str:
    """The recorded status; a task with entries but no status yet counts as in progress."""
    if state is None or state.updated is None:
        return "not_started"
    return state.status or "in_progress"


def light_for(
    task: Task,
    state: TaskState | None,
    progress: float | None,
    as_of: date,
    expected: float,
    rules: LightRules,
    plan: PlanCheck | None = None,
) -> tuple[str, str]:
    """The 预警 light and the reason code for one task. See the module docstring for the rules."""
    status = effective_status(state)
    if status == "done":
        return "green", "done"
    if status == "blocked":
        return "red", "blocked"
    due = plan.due if plan is not None and plan.due is not None else task.due
    if due is not None and due < as_of:
        return "red", "overdue"
    if is_unreported_ceiling(task, state.value if state else None):
        # A ceiling with no figure is unknown, not 100 points behind: never red on that ground alone.
        light = "yellow" if expected >= rules.not_started_yellow else "green"
        return light, "not_reported"
    if plan is not None and plan.has_nodes:
        light, reason = _plan_light(task, status, progress, rules, plan)
    elif task.target is not None and progress is not None:
        should = task_expected_pct(task, expected) or 0.0
        gap = should - min(progress, 100.0)
        behind = "over_ceiling" if task.target.comparator == "<=" else "behind"
        if gap > rules.tolerance:
            light, reason = "red", behind
        elif gap > 0:
            light, reason = "yellow", behind
        else:
            light, reason = "green", "on_track"
    elif status == "adjusted":
        light, reason = "yellow", "adjusted"
    elif status == "not_started":
        if expected >= rules.not_started_red:
            light, reason = "red", "not_started"
        elif expected >= rules.not_started_yellow:
            light, reason = "yellow", "not_started"
        else:
            light, reason = "green", "on_track"
    else:
        light, reason = "green", "on_track"
    if light == "green" and plan is not None and plan.due_soon:
        light, reason = "yellow", "due_soon"
    stale = state is not None and state.updated is not None and (as_of - state.updated).days >= rules.stale_days
    if light == "green" and stale:
        return "yellow", "stale"
    return light, reason


class PlanCheck(NamedTuple):
    """A task's plan weighed on one date: what the light rules 4p-7p and the views need."""

    plan: Plan
    due: date | None
    expected: float | None  # the plan's expected progress on the date (None: no nodes)
    missed: tuple[Node, ...]  # passed nodes not reached
    missed_gap: float | None  # points below the newest missed node (numeric nodes on numeric tasks)
    next_node: Node | None
    due_soon: bool  # rule 5p

    @property
    def has_nodes(self) -> bool:
        return bool(self.plan.nodes)


def check_against_plan(
    task: Task, plan: Plan, state: TaskState | None, progress: float | None, as_of: date, year: int, rules: LightRules
) -> PlanCheck:
    from hedong_cli.tracking.plans import deadline, expected_by_plan, node_pct, node_reached

    status = effective_status(state)
    reported = state.updated if state else None
    due = plan.due or task.due
    expected = expected_by_plan(plan, task, as_of, year)
    passed = [node for node in plan.nodes if node.day <= as_of]  # a report speaks for the end of its day
    missed = tuple(node for node in passed if not node_reached(node, task, progress, status, reported))
    gap = None
    if missed and task.target is not None and (pct := node_pct(missed[-1], task)) is not None:
        gap = round(pct - min(progress or 0.0, 100.0), 1)
    upcoming = [node for node in plan.nodes if node.day > as_of]
    next_node = upcoming[0] if upcoming else None
    soon = as_of + timedelta(days=rules.warn_days)
    behind = False
    if next_node is not None and next_node.day <= soon and status != "done":
        if node_pct(next_node, task) is not None and task.target is not None:
            target_now = expected_by_plan(plan, task, as_of, year) or 0.0
            behind = min(progress or 0.0, 100.0) < target_now
        else:
            behind = status == "not_started"
    in_force, _ = deadline(task, plan, year)
    if as_of <= in_force <= soon and status != "done" and (progress is None or progress < 100):
        behind = True
    return PlanCheck(plan, due, expected, missed, gap, next_node, behind)


def _plan_light(task: Task, status: str, progress: float | None, rules: LightRules, plan: PlanCheck) -> tuple[str, str]:
    """Rules 4p, 6p and 7p (5p is applied by ``light_for`` to whatever is green)."""
    if plan.missed:
        if plan.missed_gap is not None and plan.missed_gap <= rules.tolerance:
            return "yellow", "node_missed"
        return "red", "node_missed"
    behind = plan.expected is not None and plan.expected - min(progress or 0.0, 100.0) > rules.tolerance
    if task.target is not None and behind:
        return "yellow", "behind_plan"
    if status == "adjusted":
        return "yellow", "adjusted"
    return "green", "on_track"


class TaskView(NamedTuple):
    """One task as reported on a date: catalogue fields plus the journal's state and the light."""

    task: Task
    section_title: str
    subsection_title: str | None
    status: str
    value: float | None
    value_date: date | None
    progress_pct: float | None
    expected_pct: float | None
    light: str
    light_reason: str
    note: str | None
    updated: date | None
    lead: str | None
    partners: tuple[str, ...]
    days_since_update: int | None
    due: date | None = None  # the plan's 完成时限, else the catalogue's
    plan: PlanCheck | None = None  # the task's plan weighed on the report's date; None: no plan
    assigned: bool = False  # lead and partners are the journal's assignment (else the lead is the catalogue's)

    @property
    def leader(self) -> str | None:
        return self.plan.plan.leader if self.plan else None

    @property
    def plan_expected_pct(self) -> float | None:
        return self.plan.expected if self.plan else None

    @property
    def missed_nodes(self) -> tuple[Node, ...]:
        return self.plan.missed if self.plan else ()

    @property
    def on_schedule(self) -> bool | None:
        """达到序时进度: for quantitative tasks only."""
        if self.progress_pct is None or self.expected_pct is None:
            return None
        return self.status == "done" or min(self.progress_pct, 100.0) >= self.expected_pct

    def as_json(self) -> dict[str, Any]:
        task, plan = self.task, self.plan
        # Most tasks have no plan: its three fields are None without a call each (20,000 tasks' JSON).
        return {
            "id": task.id,
            "section": task.section,
            "section_title": self.section_title,
            "subsection": task.subsection,
            "subsection_title": self.subsection_title,
            "title": task.title,
            "text": task.text,
            "kind": task.kind,
            "target": task.target.as_dict() if task.target else None,
            "baseline": task.baseline.as_dict() if task.baseline else None,
            "due": self.due.isoformat() if self.due else None,
            "lead": self.lead,
            "partners": list(self.partners),
            "status": self.status,
            "value": self.value,
            "value_date": self.value_date.isoformat() if self.value_date else None,
            "progress_pct": self.progress_pct,
            "expected_pct": self.expected_pct,
            "light": self.light,
            "light_reason": self.light_reason,
            "note": self.note,
            "updated": self.updated.isoformat() if self.updated else None,
            "days_since_update": self.days_since_update,
            "leader": None if plan is None else self.leader,
            "next_node": None if plan is None else self._next_node_json(),
            "plan_expected_pct": None if plan is None else self.plan_expected_pct,
        }

    def _next_node_json(self) -> dict[str, str] | None:
        if self.plan is None or self.plan.next_node is None:
            return None
        from hedong_cli.tracking.plans import node_expects

        node = self.plan.next_node
        return {"date": node.day.isoformat(), "expects": node_expects(node, self.task)}


class Summary(NamedTuple):
    total: int
    by_status: dict[str, int]
    by_light: dict[str, int]
    quantitative: int
    on_schedule: int  # quantitative tasks at or above their expected progress (达到序时进度)
    behind_schedule: int
    done_pct: float  # share of tasks done
    mean_progress_pct: float | None  # mean progress of quantitative tasks, each capped at 100

    def as_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "by_status": self.by_status,
            "by_light": self.by_light,
            "quantitative": self.quantitative,
            "on_schedule": self.on_schedule,
            "behind_schedule": self.behind_schedule,
            "done_pct": self.done_pct,
            "mean_progress_pct": self.mean_progress_pct,
        }


def summarize(views: list[TaskView]) -> Summary:
    statuses = Counter(v.status for v in views)
    lights = Counter(v.light for v in views)
    # Every task with a target counts; a ceiling not yet reported (progress None) is neither on nor behind.
    quantitative = [v for v in views if v.task.target is not None]
    on_schedule = sum(1 for v in quantitative if v.on_schedule)
    behind = sum(1 for v in quantitative if v.on_schedule is False)
    progress = [min(v.progress_pct, 100.0) for v in quantitative if v.progress_pct is not None]
    return Summary(
        total=len(views),
        by_status={s: statuses.get(s, 0) for s in STATUSES},
        by_light={light: lights.get(light, 0) for light in LIGHTS},
        quantitative=len(quantitative),
        on_schedule=on_schedule,
        behind_schedule=behind,
        done_pct=round(statuses.get("done", 0) / len(views) * 100, 1) if views else 0.0,
        mean_progress_pct=round(sum(progress) / len(progress), 1) if progress else None,
    )


class Report(NamedTuple):
    as_of: date
    year: int
    expected_pct: float
    views: list[TaskView]
    summary: Summary
    rules: LightRules = LightRules()  # immutable: one default shared by every report
    region: str = ""  # the catalogue's ``source.region`` (河东区), named in every title; "" when unsaid

    def narrowed(self, views: list[TaskView]) -> Report:
        """The same report over a filtered set of tasks, its summary counting only those."""
        if views == self.views:
            return self
        return self._replace(views=views, summary=summarize(views))

    def as_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "expected_pct": self.expected_pct,
            "summary": self.summary.as_json(),
            "tasks": [v.as_json() for v in self.views],
        }


def view_task(
    catalog: Catalog, task: Task, state: TaskState | None, as_of: date, expected: float, rules: LightRules
) -> TaskView:
    progress: float | None = None
    status = effective_status(state)
    value = state.value if state else None
    if task.target is not None:
        if status == "done" and value is None:
            progress = 100.0
        elif is_unreported_ceiling(task, value):
            progress = None  # a ceiling with no figure is unknown (未报送), not 0% of the way
        else:
            progress = progress_pct(task.target, value)
    elif status == "done":
        progress = 100.0
    checked = None
    if state is not None and state.plan:
        from hedong_cli.tracking.plans import Plan

        plan = Plan.from_payload(state.plan)
        if plan is not None:
            checked = check_against_plan(task, plan, state, progress, as_of, catalog.year, rules)
    light, reason = light_for(task, state, progress, as_of, expected, rules, checked)
    updated = state.updated if state else None
    return TaskView(
        task=task,
        section_title=catalog.section(task.section).title,
        subsection_title=catalog.subsection_title(task),
        status=status,
        value=value,
        value_date=state.value_date if state else None,
        progress_pct=progress,
        expected_pct=task_expected_pct(task, expected),
        light=light,
        light_reason=reason,
        note=state.note if state else None,
        updated=updated,
        lead=(state.lead if state and state.lead else None) or task.lead,
        partners=state.partners if state else (),
        assigned=bool(state and state.lead),
        days_since_update=(as_of - updated).days if updated else None,
        due=checked.due if checked and checked.due else task.due,
        plan=checked,
    )


def build_report(
    catalog: Catalog,
    states: dict[str, TaskState],
    as_of: date,
    rules: LightRules | None = None,
    tasks: list[Task] | None = None,
) -> Report:
    """Every figure that status, brief and export show comes from here."""
    rules = rules or LightRules()
    expected = expected_pct(as_of, catalog.year)
    chosen = list(catalog.tasks) if tasks is None else tasks
    views = [view_task(catalog, task, states.get(task.id), as_of, expected, rules) for task in chosen]
    return Report(
        as_of=as_of,
        year=catalog.year,
        expected_pct=expected,
        views=views,
        summary=summarize(views),
        rules=rules,
        region=catalog.region,
    )


def filter_views(
    views: list[TaskView],
    *,
    sections: set[str] | None = None,
    statuses: set[str] | None = None,
    lights: set[str] | None = None,
    unit: str | None = None,
) -> list[TaskView]:
    """Keep the views that match every given filter. ``unit`` matches the lead or a partner unit."""
    return [
        v
        for v in views
        if (not sections or v.task.section in sections)
        and (not statuses or v.status in statuses)
        and (not lights or v.light in lights)
        and (unit is None or v.lead == unit or unit in v.partners)
    ]


def due_within_days(view: TaskView, as_of: date, days: int) -> bool:
    """An open task whose 完成时限 or next plan node falls from ``as_of`` to ``days`` days after it."""
    if view.status == "done":
        return False
    until = as_of + timedelta(days=days)
    dates = [view.due] + ([view.plan.next_node.day] if view.plan and view.plan.next_node else [])
    return any(day is not None and as_of <= day <= until for day in dates)


def is_overdue(view: TaskView, as_of: date) -> bool:
    """An open task past its 完成时限, or with a plan node that has come and is not reached."""
    return view.status != "done" and ((view.due is not None and view.due < as_of) or bool(view.missed_nodes))
