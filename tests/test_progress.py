"""The pure progress rules: 序时进度, progress %, lights, summaries."""

from __future__ import annotations

from datetime import date

import pytest

from hedong_cli.catalogue.model import Task, TaskTarget, load_catalog
from hedong_cli.journal import TaskState
from hedong_cli.tracking.progress import LightRules, build_report, expected_pct, light_for, progress_pct
from tests.conftest import CATALOG

RULES = LightRules()
AMOUNT = Task("1.1.1", "1", "1.1", "首店", "引进首店50家以上", "quantitative", TaskTarget(50, "家", ">="))
RATE = Task("0.1", "0", None, "GDP", "地区生产总值增长4.5%", "quantitative", TaskTarget(4.5, "%", "="))
MILESTONE = Task("1.1.2", "1", "1.1", "工程", "年内完成工程", "milestone", due=date(2026, 12, 31))
ONGOING = Task("1.1.3", "1", "1.1", "常态", "持续推进", "ongoing")


@pytest.mark.parametrize(
    ("day", "pct"),
    [
        (date(2026, 1, 1), 0.3),
        (date(2026, 7, 2), 50.1),
        (date(2026, 11, 26), 90.4),
        (date(2026, 12, 31), 100.0),
        (date(2025, 12, 31), 0.0),
        (date(2027, 1, 5), 100.0),
    ],
)
def test_expected_pct_is_share_of_year_elapsed(day: date, pct: float) -> None:
    assert expected_pct(day, 2026) == pct


def test_progress_by_comparator() -> None:
    assert progress_pct(TaskTarget(50, "家", ">="), 32) == 64.0
    assert progress_pct(TaskTarget(50, "家", ">="), 75) == 150.0  # over-achievement is shown, capped only in means
    assert progress_pct(TaskTarget(1, "家", "range", max=2), 1) == 100.0
    assert progress_pct(TaskTarget(0, "%", ">"), 0.1) == 100.0
    assert progress_pct(TaskTarget(0, "%", ">"), -2) == 0.0
    assert progress_pct(TaskTarget(540, "个", "="), None) == 0.0


def state(status: str | None = None, value: float | None = None, updated: date | None = date(2026, 11, 20)):
    return TaskState(status=status, value=value, updated=updated)


def light(task: Task, st: TaskState | None, progress: float | None, day: date = date(2026, 11, 26)) -> tuple:
    return light_for(task, st, progress, day, expected_pct(day, 2026), RULES)


def test_light_rules_in_order() -> None:
    assert light(AMOUNT, state("done", 10), 20.0) == ("green", "done")
    assert light(AMOUNT, state("blocked", 50), 100.0) == ("red", "blocked")
    overdue = Task("x.1", "1", "1.1", "t", "t", "milestone", due=date(2026, 6, 30))
    assert light(overdue, state("in_progress"), None) == ("red", "overdue")
    assert light(AMOUNT, state(None, 46), 92.0) == ("green", "on_track")  # 92 >= 90.4
    assert light(AMOUNT, state(None, 41), 82.0) == ("yellow", "behind")  # 8.4 points behind
    assert light(AMOUNT, state(None, 39), 78.0) == ("red", "behind")  # 12.4 points behind
    # A rate is compared with its full target all year, not with 序时进度.
    assert light(RATE, state(None, 4.5), 100.0, date(2026, 3, 1)) == ("green", "on_track")
    assert light(RATE, state(None, 4.2), 93.3, date(2026, 3, 1)) == ("yellow", "behind")
    assert light(ONGOING, state("adjusted"), None) == ("yellow", "adjusted")


def test_unstarted_work_turns_yellow_then_red() -> None:
    assert light(ONGOING, None, None, date(2026, 2, 1)) == ("green", "on_track")
    assert light(ONGOING, None, None, date(2026, 4, 15)) == ("yellow", "not_started")
    assert light(ONGOING, None, None, date(2026, 7, 15)) == ("red", "not_started")


def test_stale_entries_turn_green_yellow_but_not_done() -> None:
    old = date(2026, 10, 1)
    assert light(ONGOING, state("in_progress", updated=old), None) == ("yellow", "stale")
    assert light(ONGOING, state("done", updated=old), None) == ("green", "done")
    assert light(ONGOING, state("in_progress", updated=date(2026, 11, 1)), None) == ("green", "on_track")


def test_tolerance_is_configurable() -> None:
    strict = LightRules(tolerance=5)
    day = date(2026, 11, 26)
    assert light_for(AMOUNT, state(None, 41), 82.0, day, expected_pct(day, 2026), strict) == ("red", "behind")


def test_report_summary_counts() -> None:
    catalog = load_catalog(CATALOG)
    day = date(2026, 11, 26)
    states = {
        "2.1.3": TaskState(status="in_progress", value=60, updated=day),  # 120%: green
        "6.3.1": TaskState(status="done", updated=day),
        "1.1.2": TaskState(value=350, updated=day),  # 50%: red
        "3.1.4": TaskState(status="blocked", updated=day),
    }
    report = build_report(catalog, states, day)
    views = {v.task.id: v for v in report.views}
    assert views["2.1.3"].light == "green" and views["2.1.3"].progress_pct == 120.0
    assert views["1.1.2"].status == "in_progress"  # a value without a status means work is under way
    assert views["6.3.1"].progress_pct == 100.0
    summary = report.summary
    assert summary.total == len(catalog.tasks)
    assert summary.by_status["done"] == 1 and summary.by_status["blocked"] == 1
    assert summary.by_status["in_progress"] == 2
    assert sum(summary.by_status.values()) == summary.total
    assert sum(summary.by_light.values()) == summary.total
    quantitative = [t for t in catalog.tasks if t.kind == "quantitative"]
    assert summary.quantitative == len(quantitative)
    assert summary.on_schedule == 1  # only 2.1.3; 3.1.4 is blocked at 0%
    assert summary.mean_progress_pct == round((100 + 50) / len(quantitative), 1)
