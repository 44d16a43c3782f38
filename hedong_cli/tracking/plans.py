"""A task's plan (办理方案): its 完成时限, 分管区领导 and dated nodes. Pure: no I/O.

The journal stores a plan as one JSON object per ``plan`` entry (the whole plan, so the newest live
entry is the plan on any date). This module reads and writes that object, parses what people type
(``--node 2026-06-30:30``, a 完成时限 such as 三季度末), checks a plan against its task, and says
what progress the plan expects on a date:

- a node is a date plus a value (in the target's unit), a percent of the whole, or a described step;
- numeric nodes (values and percents) are joined by straight lines from 0% on 1 January, and,
  when the plan's due date comes after the last of them, on to 100% at the due date;
- described steps count step-wise: the share of steps whose date has passed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from hedong_cli.common.errors import InputError
from hedong_cli.common.figures import number, parse_number, progress_pct
from hedong_cli.common.messages import t
from hedong_cli.common.rules import (
    MAX_VALUE,
    MAX_YEARS_AHEAD,
    check_name,
    check_reason,
    latest_due,
    value_limit_text,
)

if TYPE_CHECKING:
    from hedong_cli.catalogue.model import Task


@dataclass(frozen=True)
class Node:
    """What should stand by ``day``: exactly one of ``value``, ``pct`` and ``text``."""

    day: date
    value: float | None = None  # in the target's unit
    pct: float | None = None  # percent of the whole
    text: str | None = None  # a described step (形象进度)

    @property
    def is_step(self) -> bool:
        return self.text is not None

    def as_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"date": self.day.isoformat()}
        if self.value is not None:
            payload["value"] = self.value
        elif self.pct is not None:
            payload["pct"] = self.pct
        else:
            payload["text"] = self.text
        return payload

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> Node:
        return cls(date.fromisoformat(data["date"]), data.get("value"), data.get("pct"), data.get("text"))


@dataclass(frozen=True)
class Plan:
    due: date | None = None
    leader: str | None = None
    nodes: tuple[Node, ...] = ()
    reason: str | None = None  # why the due date is later than the catalogue's

    @property
    def empty(self) -> bool:
        return self.due is None and self.leader is None and not self.nodes

    def as_payload(self) -> dict[str, Any]:
        return {
            "due": self.due.isoformat() if self.due else None,
            "leader": self.leader,
            "nodes": [node.as_payload() for node in self.nodes],
            "reason": self.reason,
        }

    @classmethod
    def from_payload(cls, data: dict[str, Any] | None) -> Plan | None:
        if not data:
            return None
        return cls(
            due=date.fromisoformat(data["due"]) if data.get("due") else None,
            leader=data.get("leader"),
            nodes=tuple(Node.from_payload(node) for node in data.get("nodes") or ()),
            reason=data.get("reason"),
        )


def default_due(task: Task, year: int) -> date:
    """The deadline a task has without a plan: the catalogue's ``due``, else the year's last day."""
    return task.due or date(year, 12, 31)


def deadline(task: Task, plan: Plan | None, year: int) -> tuple[date, str]:
    """The task's 完成时限 in force and where it comes from ("plan", "catalog" or "year_end"): the plan's, else
    the catalogue's, else 31 December. The one answer ``hedong plan``, ``hedong show`` and the web's task page
    give, and the date the lights weigh a task against (``progress.check_against_plan``)."""
    if plan is not None and plan.due is not None:
        return plan.due, "plan"
    return default_due(task, year), "catalog" if task.due else "year_end"


# -- reading what people write -----------------------------------------------------------------------

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_FULL = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})[日号]|(底|末|中旬|上旬|下旬|中))?$")
_QUARTER = re.compile(r"^(?:(\d{4})年)?(?:第)?([1-4一二三四])季度(?:末|底)?$|^(?:(\d{4})[-年]?)?Q([1-4])(?:末)?$", re.I)
_HALF = re.compile(r"^(?:(\d{4})年)?(上半年|年中|下半年|年底|年末|年内|全年)(?:末|底)?$")
_SUFFIXES = ("之前", "以前", "前", "完成", "内")


def _month_end(year: int, month: int) -> date:
    return date(year, 12, 31) if month == 12 else date(year, month + 1, 1) - timedelta(days=1)


def parse_deadline(text: object, year: int) -> date | None:
    """A 完成时限 as people write it, or None when it cannot be read for sure.

    2026-06-30, 2026/6/30, 2026年6月30日, 6月30日前, 2026年6月底, 6月底前, 三季度末, 2026年第三季度,
    Q3, 上半年, 年中, 年底前, 年内. A month, quarter or half without a day means its last day.
    """
    if isinstance(text, date):
        return text
    raw = unicodedata.normalize("NFKC", str(text)).strip().replace(" ", "")
    day = _deadline(raw, year)
    for suffix in _SUFFIXES:
        if day is None and raw.endswith(suffix) and len(raw) > len(suffix):
            day = _deadline(raw[: -len(suffix)], year)
    return day


def _deadline(raw: str, year: int) -> date | None:
    try:
        if match := _ISO.match(raw):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _FULL.match(raw):
            y, month = int(match[1] or year), int(match[2])
            if not 1 <= month <= 12:  # 0月底 would be the last day of the year before
                return None
            if match[3]:
                return date(y, month, int(match[3]))
            if match[4] in ("中旬", "中"):
                return date(y, month, 20) if match[4] == "中旬" else date(y, month, 15)
            if match[4] == "上旬":
                return date(y, month, 10)
            return _month_end(y, month)
        if match := _QUARTER.match(raw):
            y = int(match[1] or match[3] or year)
            quarter = match[2] or match[4]
            number = _CN_DIGITS.get(quarter) or int(quarter)
            return _month_end(y, number * 3)
        if match := _HALF.match(raw):
            y = int(match[1] or year)
            return date(y, 6, 30) if match[2] in ("上半年", "年中") else date(y, 12, 31)
    except ValueError:  # 2026年2月30日
        return None
    return None


def leader_name(text: str) -> str | None:
    """The 分管区领导 as typed (``--leader`` or the form's cell), stripped; None for blank. The rule of every
    name (``rules.check_name``): no control or bidi character, at most ``MAX_NAME_CHARS``."""
    return check_name(t("field_leader"), text) or None


_NODE_SEPARATOR = re.compile(r"[；;\n]")  # what parse_nodes_cell splits a 节点安排 cell by (after NFKC)


MAX_QUOTED = 60  # of what was typed, an error quotes this much: a megabyte typed is not a megabyte-long line


def _quoted(text: str) -> str:
    return text if len(text) <= MAX_QUOTED else text[:MAX_QUOTED] + "…"


def parse_node(typed: str, task: Task, year: int) -> Node:
    """``DATE:VALUE``, ``DATE:PCT%`` or ``DATE:TEXT`` (the date as parse_deadline reads it)."""
    text = _quoted(typed)  # as the errors quote it
    head, sep, tail = unicodedata.normalize("NFKC", typed).partition(":")
    if not sep or not tail.strip():
        raise InputError(t("plan_bad_node", node=text))
    day = parse_deadline(head, year)
    if day is None:
        raise InputError(t("plan_bad_node_date", node=text, date=_quoted(head)))
    what = tail.strip()
    unit = task.target.unit if task.target else None
    if what.endswith("%") and not (task.target is not None and task.target.is_rate):
        pct = parse_number(what[:-1])
        if pct is None:
            raise InputError(t("plan_node_not_finite" if _float_text(what[:-1]) else "plan_bad_node", node=text))
        return Node(day, pct=pct)
    value = parse_number(what, unit)
    if value is None and _float_text(what[: -len(unit)] if unit and what.endswith(unit) else what):
        # nan, inf, 1e400: a number no plan can reach, not the words of a step
        raise InputError(t("plan_node_not_finite", node=text))
    if value is not None:
        if task.target is None:
            raise InputError(t("plan_value_no_target", node=text, id=task.id))
        return Node(day, value=value)
    step = tail.strip()
    if _NODE_SEPARATOR.search(step):
        # The 节点安排 cell of the 分工方案 separates nodes by these; such a step would come back as two.
        raise InputError(t("plan_step_separator", node=text))
    # A described step is named like a unit or a leader: no control or bidi character, at most MAX_NAME_CHARS.
    return Node(day, text=check_name(t("field_step"), step))


def _float_text(text: str) -> bool:
    try:
        float(text.strip().replace(",", ""))
    except ValueError:
        return False
    return True


def check_plan(plan: Plan, task: Task, year: int) -> None:
    """Refuse a plan that cannot hold: one ``InputError`` naming the first problem."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    previous: Node | None = None
    for node in plan.nodes:
        shown = node_text(node, task)
        if not first <= node.day <= last:
            raise InputError(t("plan_node_outside_year", node=shown, year=year))
        if previous is not None and node.day <= previous.day:
            raise InputError(t("plan_nodes_order", node=shown, before=node_text(previous, task)))
        if node.pct is not None and not 0 <= node.pct <= 100:
            raise InputError(t("plan_bad_pct", node=shown))
        if node.value is not None:
            if task.target is None:
                raise InputError(t("plan_value_no_target", node=shown, id=task.id))
            if node.value < 0 and not task.target.is_rate:
                raise InputError(t("plan_bad_value", node=shown))
            if abs(node.value) > MAX_VALUE:  # the bound a recorded value has (update, import)
                raise InputError(t("plan_value_too_big", node=shown, limit=value_limit_text()))
        if node.text is not None and not node.text.strip():
            raise InputError(t("plan_bad_node", node=shown))
        previous = node
    if plan.due is not None:
        if plan.due < first:
            raise InputError(t("plan_due_outside_year", due=plan.due.isoformat(), year=year))
        late = [node for node in plan.nodes if node.day > plan.due]
        if late:
            raise InputError(t("plan_due_before_node", due=plan.due.isoformat(), node=node_text(late[-1], task)))
        if plan.due > default_due(task, year) and not (plan.reason and plan.reason.strip()):
            raise InputError(
                t("plan_due_needs_reason", due=plan.due.isoformat(), default=default_due(task, year).isoformat())
            )
        if plan.due > latest_due(year) and not (plan.reason and plan.reason.strip()):
            raise InputError(due_too_far(plan.due, year))


def edited_plan(
    old: Plan,
    task: Task,
    year: int,
    *,
    due: str | None = None,
    leader: str | None = None,
    nodes: tuple[Node, ...] = (),
    clear_nodes: bool = False,
    reason: str | None = None,
) -> Plan:
    """``old`` with what a change typed: ``due`` as typed ("" clears it), ``leader`` ("" clears), ``nodes`` in
    date order (each replaces a node on its date; all of them when ``clear_nodes``), ``reason`` (调整说明); then
    checked (``check_plan``). ``hedong plan ID`` and the web desk's plan change both come through here."""
    new = old
    if due is not None:
        day = parse_deadline(due, year) if due.strip() else None
        if due.strip() and day is None:
            raise InputError(t("plan_bad_due", value=_quoted(due), year=year))
        if day is not None and day > latest_due(year) and not (reason and reason.strip()):
            # A reason kept from an earlier change does not vouch for this far a date: this change must say why.
            raise InputError(due_too_far(day, year))
        new = replace(new, due=day)
    if leader is not None:
        new = replace(new, leader=leader_name(leader))
    for earlier, later in pairwise(nodes):
        if later.day <= earlier.day:
            raise InputError(t("plan_nodes_order", node=node_text(later, task), before=node_text(earlier, task)))
    if clear_nodes or nodes:
        kept = [] if clear_nodes else [n for n in new.nodes if n.day not in {m.day for m in nodes}]
        new = replace(new, nodes=tuple(sorted([*kept, *nodes], key=lambda n: n.day)))
    if reason is not None:
        new = replace(new, reason=check_reason(reason) or None)
    check_plan(new, task, year)
    return new


def due_too_far(due: date, year: int, key: str = "plan_due_too_far") -> str:
    """The refusal of a deadline after ``latest_due(year)`` given without a reason."""
    return t(key, due=due.isoformat(), latest=latest_due(year).isoformat(), years=MAX_YEARS_AHEAD)


# -- what the plan expects ---------------------------------------------------------------------------


def node_pct(node: Node, task: Task) -> float | None:
    """A numeric node as a percent of the whole (a value through the target); None for a step."""
    if node.pct is not None:
        return node.pct
    if node.value is not None and task.target is not None:
        return progress_pct(task.target, node.value)
    return None


def expected_by_plan(plan: Plan, task: Task, day: date, year: int) -> float | None:
    """The progress (percent) the plan expects on ``day``; None when the plan has no nodes."""
    if not plan.nodes:
        return None
    numeric = [(node.day, pct) for node in plan.nodes if (pct := node_pct(node, task)) is not None]
    if not numeric:
        steps = plan.nodes
        passed = sum(1 for node in steps if node.day <= day)
        return round(passed / len(steps) * 100, 1)
    points = [(date(year, 1, 1) - timedelta(days=1), 0.0), *numeric]
    if plan.due is not None and plan.due > numeric[-1][0] and numeric[-1][1] < 100:
        points.append((plan.due, 100.0))
    if day >= points[-1][0]:
        return round(points[-1][1], 1)
    for (d0, p0), (d1, p1) in pairwise(points):
        if d0 <= day < d1:
            return round(p0 + (p1 - p0) * (day - d0).days / (d1 - d0).days, 1)
    return 0.0  # before 1 January


def node_reached(node: Node, task: Task, progress: float | None, status: str, reported: date | None) -> bool:
    """Whether the task stands where ``node`` asks.

    A numeric node on a task with a numeric target compares progress; any other node (a described
    step, or a percent on a task without a number) is reached once the task is done, or once its
    unit reported it under way (推进中, 已调整) in an entry dated on or after the node's date.
    """
    if status == "done":
        return True
    pct = node_pct(node, task)
    if pct is not None and task.target is not None:
        return min(progress or 0.0, 100.0) >= pct
    return status in ("in_progress", "adjusted") and reported is not None and reported >= node.day


# -- words ------------------------------------------------------------------------------------------


def node_expects(node: Node, task: Task | None = None) -> str:
    """What a node asks for, in words: 30家, 70%, 主体开工."""
    if node.value is not None:
        unit = task.target.unit if task is not None and task.target is not None else ""
        return f"{number(node.value)}{unit}"
    if node.pct is not None:
        return f"{number(node.pct)}%"
    return node.text or ""


def node_text(node: Node, task: Task | None = None) -> str:
    """``2026-06-30 30家``: a node as one would type it back."""
    return f"{node.day.isoformat()} {node_expects(node, task)}"


def nodes_text(plan: Plan, task: Task | None = None, sep: str = "；") -> str:
    """节点安排 as one cell: ``2026-06-30 开工；2026-09-30 70%``."""
    return sep.join(node_text(node, task) for node in plan.nodes)


def parse_nodes_cell(text: str, task: Task, year: int) -> tuple[Node, ...]:
    """The 节点安排 cell of a 分工方案 back into nodes: items split by ；, ; or line breaks,
    each ``DATE EXPECTS`` or ``DATE:EXPECTS`` (a space, a colon or 前/底 may end the date)."""
    items = [item.strip() for item in _NODE_SEPARATOR.split(unicodedata.normalize("NFKC", text)) if item.strip()]
    nodes = []
    for item in items:
        match = re.match(r"^(\S+?)(?:[:：]|\s+)(.+)$", item)
        if match is None:
            match = re.match(r"^(.+?(?:前|底|末|日|号))(.+)$", item)
        if match is None:
            raise InputError(t("plan_bad_node", node=_quoted(item)))
        nodes.append(parse_node(f"{match[1]}:{match[2].strip()}", task, year))
    return tuple(nodes)


def plan_summary(plan: Plan, task: Task, year: int) -> str:
    """完成时限 2026-10-31，分管区领导 王副区长，节点 2026-06-30 10家；2026-09-30 40%."""
    return t("lbl_sep").join(_plan_parts(plan, task, plan.due or default_due(task, year)))


def plan_entry_text(payload: dict[str, Any] | None, task: Task | None = None) -> str:
    """A plan entry in words (log, show, the briefing's 本期进展): 调整计划：完成时限 …，节点 …."""
    plan = Plan.from_payload(payload) or Plan()
    parts = _plan_parts(plan, task, plan.due)
    return t("chg_plan", plan=t("lbl_sep").join(parts) if parts else t("plan_cleared"))


def _plan_parts(plan: Plan, task: Task | None, due: date | None) -> list[str]:
    """The plan's fields in words, in one order for every place that names them."""
    parts = [t("plan_due_is", due=due.isoformat())] if due else []
    if plan.leader:
        parts.append(t("plan_leader_is", leader=plan.leader))
    if plan.nodes:
        parts.append(t("plan_nodes_are", nodes=nodes_text(plan, task)))
    if plan.reason:
        parts.append(t("plan_reason_is", reason=plan.reason))
    return parts
