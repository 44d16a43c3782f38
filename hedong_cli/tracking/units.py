"""The per-unit scorecard behind ``hedong units``. Pure: it only reads a ``progress.Report``.

Each lead unit (牵头单位) gets one row: the tasks it leads, how many are done, green, yellow and red,
its newest report date, how many of its tasks have had no report for ``stale_days`` (28 by
default) or more, and how many plan nodes of its tasks have come and are not reached. Tasks are
counted under their lead only, never under partner units, so the rows add up to the whole
catalogue. Tasks with no lead form one "unassigned" row, which always sorts last.

"No report" counts from the task's newest update entry, or from 1 January for a task never
reported. A done task needs no further reports and is never counted as silent, as in the light rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from hedong_cli.tracking.progress import Report, TaskView

# Sort keys and their natural direction: counts and silence largest first, the newest report oldest
# first, so that the units most in need of a call come to the top either way.
SORT_KEYS: dict[str, bool] = {
    "unit": False,
    "tasks": True,
    "done": True,
    "green": True,
    "yellow": True,
    "red": True,
    "stale": True,
    "latest": False,
    "missed": True,
}
DEFAULT_SORT = "red"


@dataclass(frozen=True)
class UnitScore:
    unit: str | None  # None: the tasks no unit leads yet
    tasks: int
    done: int
    green: int
    yellow: int
    red: int
    stale: int
    latest: date | None
    task_ids: tuple[str, ...]
    missed: int = 0  # plan nodes whose date has come and that are not reached (see progress)

    def as_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "tasks": self.tasks,
            "done": self.done,
            "green": self.green,
            "yellow": self.yellow,
            "red": self.red,
            "stale": self.stale,
            "latest": self.latest.isoformat() if self.latest else None,
            "missed_nodes": self.missed,
            "task_ids": list(self.task_ids),
        }


@dataclass(frozen=True)
class Scorecard:
    as_of: date
    expected_pct: float
    stale_days: int
    rows: list[UnitScore]  # sorted; the unassigned row, if any, last
    total: UnitScore

    def as_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "expected_pct": self.expected_pct,
            "stale_days": self.stale_days,
            "units": [row.as_json() for row in self.rows],
            "total": self.total.as_json(),
        }


def is_silent(view: TaskView, as_of: date, year: int, stale_days: int) -> bool:
    """No report for ``stale_days`` or more (since 1 January when never reported); done tasks never are."""
    if view.status == "done":
        return False
    since = view.updated or date(year, 1, 1)
    return (as_of - since).days >= stale_days


def score(unit: str | None, views: list[TaskView], as_of: date, year: int, stale_days: int) -> UnitScore:
    dates = [v.updated for v in views if v.updated is not None]
    return UnitScore(
        unit=unit,
        tasks=len(views),
        done=sum(1 for v in views if v.status == "done"),
        green=sum(1 for v in views if v.light == "green"),
        yellow=sum(1 for v in views if v.light == "yellow"),
        red=sum(1 for v in views if v.light == "red"),
        stale=sum(1 for v in views if is_silent(v, as_of, year, stale_days)),
        latest=max(dates) if dates else None,
        task_ids=tuple(v.task.id for v in views),
        missed=sum(len(v.missed_nodes) for v in views),
    )


def sort_rows(rows: list[UnitScore], key: str = DEFAULT_SORT, reverse: bool = False) -> list[UnitScore]:
    """Rows ordered by ``key`` (see ``SORT_KEYS``), ties by unit name; the unassigned row stays last."""
    if key not in SORT_KEYS:
        raise KeyError(key)
    descending = SORT_KEYS[key] != reverse
    assigned = sorted((r for r in rows if r.unit is not None), key=lambda r: r.unit or "")
    if key == "unit":
        ordered = sorted(assigned, key=lambda r: r.unit or "", reverse=descending)
    elif key == "latest":
        # Never reported counts as the oldest report of all.
        ordered = sorted(assigned, key=lambda r: r.latest or date.min, reverse=descending)
    else:
        ordered = sorted(assigned, key=lambda r: getattr(r, key), reverse=descending)
    return ordered + [r for r in rows if r.unit is None]


def scorecard(report: Report, sort: str = DEFAULT_SORT, reverse: bool = False) -> Scorecard:
    """The scorecard of every lead unit in ``report``; staleness uses the report's ``stale_days``."""
    groups: dict[str | None, list[TaskView]] = {}
    for view in report.views:
        groups.setdefault(view.lead or None, []).append(view)
    stale_days = report.rules.stale_days
    rows = [score(unit, views, report.as_of, report.year, stale_days) for unit, views in groups.items()]
    total = score(None, report.views, report.as_of, report.year, stale_days)
    return Scorecard(report.as_of, report.expected_pct, stale_days, sort_rows(rows, sort, reverse), total)


def known_units(views: list[TaskView]) -> list[str]:
    """Every lead and partner unit named in ``views``, sorted."""
    return sorted({unit for v in views for unit in (v.lead, *v.partners) if unit})
