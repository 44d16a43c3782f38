"""The comparators ``<=`` (以内: lower is better) and ``about`` (左右) in the validator, light rules and labels."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hedong_cli.catalogue.model import Task, TaskTarget, load_catalog
from hedong_cli.common.errors import CatalogError
from hedong_cli.common.messages import set_lang
from hedong_cli.documents.labels import target_text
from hedong_cli.documents.ledger_import import target_texts
from hedong_cli.journal import TaskState
from hedong_cli.tracking.progress import (
    LightRules,
    build_report,
    expected_pct,
    light_for,
    progress_pct,
    task_expected_pct,
)

DAY = date(2026, 3, 1)  # 序时进度 16.4%: early in the year, when rates and bounds show their difference
UNEMPLOYMENT = Task("0.3", "0", None, "失业率", "城镇调查失业率5.5%以内", "quantitative", TaskTarget(5.5, "%", "<="))
GDP_ABOUT = Task("0.1", "0", None, "GDP", "地区生产总值增长5.5%左右", "quantitative", TaskTarget(5.5, "%", "about"))
ENERGY_CAP = Task(
    "0.4", "0", None, "能耗总量", "能耗总量控制在30万吨以内", "quantitative", TaskTarget(30, "万吨", "<=")
)
EVENTS_ABOUT = Task("6.1.1", "6", "6.1", "活动", "举办活动100场左右", "quantitative", TaskTarget(100, "场", "about"))


def light(task: Task, value: float | None, day: date = DAY) -> tuple[str, str]:
    state = TaskState(status="in_progress", value=value, updated=day)
    progress = progress_pct(task.target, value) if task.target else None
    return light_for(task, state, progress, day, expected_pct(day, 2026), LightRules())


def test_under_a_bound_is_on_track_all_year() -> None:
    assert progress_pct(TaskTarget(5.5, "%", "<="), 5.1) == 100.0
    assert progress_pct(TaskTarget(5.5, "%", "<="), 5.5) == 100.0
    assert progress_pct(TaskTarget(5.5, "%", "<="), 6.0) == 91.7
    assert light(UNEMPLOYMENT, 5.1) == ("green", "on_track")
    assert light(UNEMPLOYMENT, 6.0) == ("yellow", "over_ceiling")  # 8.3 points short of 100
    assert light(UNEMPLOYMENT, 7.0) == ("red", "over_ceiling")
    # An amount under its cap is on track from the first day, not measured against 序时进度.
    assert task_expected_pct(ENERGY_CAP, 16.4) == 100.0
    assert light(ENERGY_CAP, 2.0) == ("green", "on_track")
    assert light(ENERGY_CAP, 31.0, date(2026, 12, 1)) == ("yellow", "over_ceiling")


def test_about_counts_within_five_percent() -> None:
    assert task_expected_pct(GDP_ABOUT, 16.4) == 95.0  # a rate: the full target, less the tolerance
    assert light(GDP_ABOUT, 5.3) == ("green", "on_track")  # 96.4% of 5.5
    assert light(GDP_ABOUT, 4.8) == ("yellow", "behind")  # 87.3%
    assert light(GDP_ABOUT, 4.0) == ("red", "behind")
    # An amount "about" a figure follows 序时进度, less the tolerance.
    day = date(2026, 7, 2)  # 50.1%
    assert task_expected_pct(EVENTS_ABOUT, expected_pct(day, 2026)) == 47.6
    assert light(EVENTS_ABOUT, 48, day) == ("green", "on_track")


def test_labels_in_both_languages() -> None:
    try:
        set_lang("zh")
        assert target_text(TaskTarget(5.5, "%", "<=")) == "5.5%以内"
        assert target_text(TaskTarget(5.5, "%", "about")) == "5.5%左右"
        set_lang("en")
        assert target_text(TaskTarget(5.5, "%", "<=")) == "<= 5.5 %"
        assert target_text(TaskTarget(100, "场", "about")) == "about 100 场"
    finally:
        set_lang("zh")
    assert target_texts(TaskTarget(5.5, "%", "<=")) == {"5.5%以内", "<= 5.5 %"}


CATALOG = """\
year: 2026
sections:
  - id: "0"
    title: 主要预期目标
    tasks:
      - {id: "0.1", title: 地区生产总值增长, text: 地区生产总值增长5.5%左右, kind: quantitative,
         target: {value: 5.5, unit: "%", comparator: about}}
      - {id: "0.2", title: 城镇调查失业率, text: 城镇调查失业率5.5%以内, kind: quantitative,
         target: {value: 5.5, unit: "%", comparator: "<="}}
      - {id: "0.3", title: 居民收入, text: 居民收入增长, kind: quantitative,
         target: {value: 5, unit: "%", comparator: "<"}}
"""


def test_validator_knows_the_new_comparators(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    (problem,) = caught.value.problems
    assert problem.startswith(f"{path}:11:") and "“<”" in problem and "<=, about" in problem
    path.write_text(CATALOG.replace('"<"}', '"<="}'), encoding="utf-8")
    catalog = load_catalog(path)
    assert [task.target.comparator for task in catalog.tasks if task.target] == ["about", "<=", "<="]
    report = build_report(catalog, {"0.2": TaskState(value=5.0, updated=DAY)}, DAY)
    views = {view.task.id: view for view in report.views}
    assert views["0.2"].light == "green" and views["0.2"].on_schedule


def test_a_ceiling_without_a_value_is_not_reported_never_red() -> None:
    # Day one and December alike: an unreported ceiling is unknown, not 100 points behind.
    assert light(UNEMPLOYMENT, None) == ("green", "not_reported")
    assert light(UNEMPLOYMENT, None, date(2026, 12, 1)) == ("yellow", "not_reported")
    assert light(ENERGY_CAP, None, date(2026, 12, 1)) == ("yellow", "not_reported")
    for day in (date(2026, 1, 2), date(2026, 12, 30)):
        report = build_report(_two_task_catalog(), {}, day)
        view = next(v for v in report.views if v.task.target and v.task.target.comparator == "<=")
        assert view.light != "red" and view.light_reason == "not_reported" and view.progress_pct is None
        # It counts as a quantified target, neither on schedule nor behind.
        assert report.summary.quantitative == 2
        assert report.summary.on_schedule + report.summary.behind_schedule == 1


def _two_task_catalog():  # type: ignore[no-untyped-def]
    from hedong_cli.catalogue.model import Catalog, Section

    tasks = (UNEMPLOYMENT, Task("0.5", "0", None, "就业", "新增就业1万人", "quantitative", TaskTarget(1, "万人", ">=")))
    return Catalog(Path("x.yaml"), 2026, "2026", {}, (Section("0", "主要预期目标", tasks, ()),))


def test_over_a_ceiling_reads_the_amount_over() -> None:
    from hedong_cli.render.terminal import reason_words
    from hedong_cli.tracking.progress import view_task

    catalog = _two_task_catalog()
    day = date(2026, 6, 1)
    over = view_task(
        catalog, UNEMPLOYMENT, TaskState(value=6.0, updated=day), day, expected_pct(day, 2026), LightRules()
    )
    try:
        set_lang("zh")
        assert reason_words(over) == "超出上限0.5个百分点"
        set_lang("en")
        assert reason_words(over) == "0.5 points over its ceiling"
    finally:
        set_lang("zh")
    none = view_task(catalog, UNEMPLOYMENT, None, day, expected_pct(day, 2026), LightRules())
    assert reason_words(none) == "未报送"
