"""Plans: reading nodes and 完成时限 as people write them, checking a plan, and lights against the plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hedong_cli.catalogue.model import load_catalog
from hedong_cli.common.errors import InputError
from hedong_cli.journal import TaskState
from hedong_cli.tracking.plans import (
    Node,
    Plan,
    check_plan,
    expected_by_plan,
    parse_deadline,
    parse_node,
    parse_nodes_cell,
)
from hedong_cli.tracking.progress import LightRules, build_report
from tests.workflow_helpers import WORKFLOW_CATALOG, entries, ok, workflow_hedong

D = date
CATALOG = load_catalog(WORKFLOW_CATALOG)
AMOUNT = CATALOG.by_id["1.1.1"]  # 700个 以上
MILESTONE = CATALOG.by_id["1.1.2"]  # due 2026-12-31 in the catalogue
ONGOING = CATALOG.by_id["1.1.3"]
RATE = CATALOG.by_id["1.1.4"]  # 5% 以上


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-06-30", D(2026, 6, 30)),
        ("2026/6/30", D(2026, 6, 30)),
        ("2026年6月30日", D(2026, 6, 30)),
        ("6月30日前", D(2026, 6, 30)),
        ("2026年6月底", D(2026, 6, 30)),
        ("6月底前", D(2026, 6, 30)),
        ("2月底", D(2026, 2, 28)),
        ("三季度末", D(2026, 9, 30)),
        ("第一季度", D(2026, 3, 31)),
        ("2026年第四季度末", D(2026, 12, 31)),
        ("Q2", D(2026, 6, 30)),
        ("上半年", D(2026, 6, 30)),
        ("年中", D(2026, 6, 30)),
        ("年底前", D(2026, 12, 31)),
        ("年内", D(2026, 12, 31)),
        ("２０２６年１０月底", D(2026, 10, 31)),  # full-width digits
    ],
)
def test_deadlines_read_as_people_write_them(text: str, day: date) -> None:
    assert parse_deadline(text, 2026) == day


@pytest.mark.parametrize("text", ["", "尽快", "下个月", "2026年2月30日", "13月底", "五季度末", "2026-13-01"])
def test_an_unreadable_deadline_is_none_never_a_guess(text: str) -> None:
    assert parse_deadline(text, 2026) is None


def test_nodes_are_values_percents_or_steps() -> None:
    assert parse_node("2026-06-30:70", AMOUNT, 2026) == Node(D(2026, 6, 30), value=70)
    assert parse_node("2026-06-30:70个", AMOUNT, 2026) == Node(D(2026, 6, 30), value=70)
    assert parse_node("2026-06-30:1,200", AMOUNT, 2026) == Node(D(2026, 6, 30), value=1200)
    assert parse_node("三季度末:70%", MILESTONE, 2026) == Node(D(2026, 9, 30), pct=70)
    assert parse_node("6月底:主体开工", MILESTONE, 2026) == Node(D(2026, 6, 30), text="主体开工")
    # A rate's own unit is %: "3%" on a rate task is a value, not a share of the whole.
    assert parse_node("2026-06-30:3%", RATE, 2026) == Node(D(2026, 6, 30), value=3)
    with pytest.raises(InputError, match="没有量化目标"):
        parse_node("2026-06-30:10", MILESTONE, 2026)
    with pytest.raises(InputError):
        parse_node("2026-06-30", AMOUNT, 2026)
    with pytest.raises(InputError):
        parse_node("明年:开工", AMOUNT, 2026)


def test_the_nodes_cell_of_the_table_reads_back() -> None:
    cell = "2026-06-30 主体开工；2026-09-30 70%\n年底前：投入使用"
    assert parse_nodes_cell(cell, MILESTONE, 2026) == (
        Node(D(2026, 6, 30), text="主体开工"),
        Node(D(2026, 9, 30), pct=70),
        Node(D(2026, 12, 31), text="投入使用"),
    )


@pytest.mark.parametrize(
    ("plan", "task", "message"),
    [
        (Plan(nodes=(Node(D(2027, 1, 31), pct=50),)), AMOUNT, "不在2026年内"),
        (Plan(nodes=(Node(D(2026, 9, 30), pct=50), Node(D(2026, 6, 30), pct=20))), AMOUNT, "应晚于"),
        (Plan(nodes=(Node(D(2026, 6, 30), pct=120),)), AMOUNT, "0至100"),
        (Plan(nodes=(Node(D(2026, 6, 30), value=3),)), ONGOING, "没有量化目标"),
        (Plan(due=D(2026, 6, 30), nodes=(Node(D(2026, 9, 30), pct=50),)), AMOUNT, "早于节点"),
        (Plan(due=D(2027, 3, 31)), MILESTONE, "--reason"),
    ],
)
def test_a_plan_that_cannot_hold_is_refused(plan: Plan, task, message: str) -> None:
    with pytest.raises(InputError, match=message):
        check_plan(plan, task, 2026)


def test_a_later_due_date_is_allowed_with_a_reason_and_an_earlier_one_always() -> None:
    check_plan(Plan(due=D(2027, 3, 31), reason="拆迁滞后"), MILESTONE, 2026)
    check_plan(Plan(due=D(2026, 10, 31)), MILESTONE, 2026)


BACK_LOADED = Plan(
    nodes=(Node(D(2026, 6, 30), value=70), Node(D(2026, 9, 30), value=280), Node(D(2026, 12, 31), value=700))
)


def test_expected_progress_is_linear_between_numeric_nodes_and_stepwise_for_steps() -> None:
    assert expected_by_plan(BACK_LOADED, AMOUNT, D(2026, 6, 30), 2026) == 10.0
    assert expected_by_plan(BACK_LOADED, AMOUNT, D(2026, 8, 15), 2026) == 25.0  # half-way from 10% to 40%
    assert expected_by_plan(BACK_LOADED, AMOUNT, D(2026, 12, 31), 2026) == 100.0
    steps = Plan(nodes=(Node(D(2026, 3, 31), text="立项"), Node(D(2026, 6, 30), text="开工")))
    assert expected_by_plan(steps, MILESTONE, D(2026, 3, 30), 2026) == 0.0
    assert expected_by_plan(steps, MILESTONE, D(2026, 4, 1), 2026) == 50.0
    assert expected_by_plan(Plan(due=D(2026, 9, 30)), AMOUNT, D(2026, 7, 1), 2026) is None


def view(task, day: date, plan: Plan | None, rules: LightRules | None = None, **state):
    payload = plan.as_payload() if plan is not None else None
    states = {task.id: TaskState(plan=payload, **state)} if (payload or state) else {}
    return build_report(CATALOG, states, day, rules, tasks=[task]).views[0]


def test_back_loaded_plan_is_green_where_the_straight_line_of_the_year_is_red() -> None:
    day = D(2026, 7, 15)
    reported = dict(value=84.0, updated=D(2026, 7, 10), value_date=D(2026, 7, 10))  # 12% of 700
    without = view(AMOUNT, day, None, **reported)
    assert (without.light, without.light_reason) == ("red", "behind")  # 序时进度 53.7%
    with_plan = view(AMOUNT, day, BACK_LOADED, **reported)
    assert (with_plan.light, with_plan.light_reason) == ("green", "on_track")
    assert with_plan.plan_expected_pct == 14.9
    data = with_plan.as_json()
    assert data["next_node"] == {"date": "2026-09-30", "expects": "280个"}
    assert data["plan_expected_pct"] == 14.9
    assert data["expected_pct"] == 53.7  # every field status had is kept


def test_a_passed_node_not_reached_is_red_or_yellow_within_tolerance() -> None:
    day = D(2026, 10, 5)
    far = view(AMOUNT, day, BACK_LOADED, value=140.0, updated=D(2026, 10, 1))  # 20% < 40%
    assert (far.light, far.light_reason) == ("red", "node_missed")
    assert [n.day for n in far.missed_nodes] == [D(2026, 9, 30)]
    near = view(AMOUNT, day, BACK_LOADED, value=245.0, updated=D(2026, 10, 1))  # 35%: 5 points short
    assert (near.light, near.light_reason) == ("yellow", "node_missed")
    strict = view(AMOUNT, day, BACK_LOADED, LightRules(tolerance=2), value=245.0, updated=D(2026, 10, 1))
    assert strict.light == "red"


def test_a_described_step_counts_once_reported_under_way_after_its_date() -> None:
    steps = Plan(nodes=(Node(D(2026, 6, 30), text="主体开工"), Node(D(2026, 11, 30), text="投入使用")))
    before = view(MILESTONE, D(2026, 7, 15), steps, status="in_progress", updated=D(2026, 6, 1))
    assert (before.light, before.light_reason) == ("red", "node_missed")
    after = view(MILESTONE, D(2026, 7, 15), steps, status="in_progress", updated=D(2026, 7, 2))
    assert (after.light, after.light_reason) == ("green", "on_track")


def test_a_near_node_or_deadline_with_the_task_behind_is_yellow() -> None:
    plan = Plan(due=D(2026, 9, 30), nodes=(Node(D(2026, 6, 30), value=70), Node(D(2026, 9, 30), value=700)))
    # 2026-09-20: the plan expects 10% + 90 * 82/92 = 90.2%; 82% is within tolerance, yet the node is near.
    soon = view(AMOUNT, D(2026, 9, 20), plan, value=574.0, updated=D(2026, 9, 19))
    assert (soon.light, soon.light_reason) == ("yellow", "due_soon")
    early = view(AMOUNT, D(2026, 9, 10), plan, LightRules(warn_days=7), value=560.0, updated=D(2026, 9, 9))
    assert early.light_reason != "due_soon"
    due_only = Plan(due=D(2026, 8, 10))  # no nodes: the deadline alone warns
    assert view(ONGOING, D(2026, 8, 1), due_only, status="in_progress", updated=D(2026, 7, 30)).light_reason == (
        "due_soon"
    )
    overdue = view(ONGOING, D(2026, 8, 11), due_only, status="in_progress", updated=D(2026, 8, 10))
    assert (overdue.light, overdue.light_reason, overdue.due) == ("red", "overdue", D(2026, 8, 10))


def test_behind_the_plan_beyond_tolerance_is_yellow_and_no_plan_keeps_todays_rules() -> None:
    day = D(2026, 8, 15)  # the plan expects 25%
    assert view(AMOUNT, day, BACK_LOADED, value=70.0, updated=D(2026, 8, 14)).light_reason == "behind_plan"  # 10%
    plain = view(AMOUNT, day, None, value=70.0, updated=D(2026, 8, 14))
    assert (plain.light, plain.light_reason, plain.plan, plain.due) == ("red", "behind", None, None)
    assert plain.as_json()["next_node"] is None and plain.as_json()["leader"] is None


# -- the command ------------------------------------------------------------------------------------


def test_plan_command_records_shows_and_undoes(tmp_path: Path) -> None:
    hedong = workflow_hedong(tmp_path)
    ok(hedong("plan", "1.1.1", "--leader", "王副区长", "--node", "2026-06-30:70", "--node", "三季度末:40%",
              "--date", "2026-03-01"))  # fmt: skip
    ok(hedong("plan", "1.1.1", "--due", "2026-11-30", "--date", "2026-05-01"))
    shown = hedong.json("plan", "1.1.1")
    assert (shown["due"], shown["due_source"], shown["leader"]) == ("2026-11-30", "plan", "王副区长")
    assert [n["expects"] for n in shown["nodes"]] == ["70个", "40%"]
    # As of April the plan was the first one; after undo the due date change is gone.
    april = hedong.json("status", "--as-of", "2026-04-01")
    task = next(t for t in april["tasks"] if t["id"] == "1.1.1")
    assert (task["due"], task["leader"]) == (None, "王副区长")
    history = hedong.json("show", "1.1.1")["history"]
    assert [entry["kind"] for entry in history] == ["plan", "plan"]
    assert history[0]["plan"]["due"] == "2026-11-30"
    log = ok(hedong("log")).stdout
    assert "调整计划" in log and "2026-11-30" in log
    ok(hedong("undo"))
    assert hedong.json("plan", "1.1.1")["due_source"] == "year_end"
    # The same plan again writes nothing.
    before = len(entries(hedong.db))
    assert "未变更" in ok(hedong("plan", "1.1.1", "--leader", "王副区长")).stdout
    assert len(entries(hedong.db)) == before


def test_a_later_due_date_needs_a_reason_which_is_stored_and_shown(tmp_path: Path) -> None:
    hedong = workflow_hedong(tmp_path)
    refused = hedong("plan", "1.1.2", "--due", "2027-03-31")
    assert refused.exit_code == 2 and "--reason" in refused.stderr
    assert entries(hedong.db) == []
    ok(hedong("plan", "1.1.2", "--due", "2027-03-31", "--reason", "拆迁滞后，经区政府同意"))
    assert hedong.json("plan", "1.1.2")["reason"] == "拆迁滞后，经区政府同意"
    assert "拆迁滞后" in ok(hedong("show", "1.1.2")).stdout


@pytest.mark.parametrize(
    "args",
    [
        ("1.1.1", "--node", "2027-01-31:100"),
        ("1.1.1", "--node", "2026-09-30:300", "--node", "2026-06-30:70"),
        ("1.1.1", "--node", "2026-06-30:120%"),
        ("1.1.3", "--node", "2026-06-30:5"),
        ("1.1.1", "--node", "2026-09-30:300", "--due", "2026-08-31"),
        ("1.1.1", "--due", "下个月"),
        ("9.9.9", "--due", "2026-08-31"),
    ],
)
def test_bad_plans_get_one_line_exit_2_and_nothing_written(tmp_path: Path, args: tuple[str, ...]) -> None:
    hedong = workflow_hedong(tmp_path)
    result = hedong("plan", *args)
    assert result.exit_code == 2, result.stdout
    assert len(result.stderr.strip().splitlines()) == 1
    assert entries(hedong.db) == []


def test_plan_as_of_and_warn_days_options(tmp_path: Path) -> None:
    hedong = workflow_hedong(tmp_path)
    ok(hedong("plan", "1.1.1", "--node", "2026-06-30:70", "--date", "2026-03-01"))
    ok(hedong("plan", "1.1.1", "--node", "2026-06-30:100", "--date", "2026-05-01"))
    assert hedong.json("plan", "1.1.1", "--as-of", "2026-04-01")["nodes"][0]["expects"] == "70个"
    assert hedong.json("plan", "1.1.1")["nodes"][0]["expects"] == "100个"
    assert hedong("plan", "1.1.1", "--as-of", "2026-04-01", "--leader", "x").exit_code == 2
    ok(hedong("update", "1.1.1", "--value", "50", "--date", "2026-06-10"))
    # 06-20: the node (100 by 06-30) is 10 days away and the task is behind the plan.
    near = hedong.json("status", "--as-of", "2026-06-20")
    assert next(t for t in near["tasks"] if t["id"] == "1.1.1")["light_reason"] == "due_soon"
    relaxed = hedong.json("status", "--as-of", "2026-06-20", "--warn-days", "5")
    assert next(t for t in relaxed["tasks"] if t["id"] == "1.1.1")["light_reason"] == "on_track"
    assert hedong("status", "--warn-days", "-1").exit_code == 2
