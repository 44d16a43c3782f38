"""Lead units: ``hedong assign`` and its history, ``status --unit``, and the ``hedong units`` scorecard."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest

from hedong_cli.catalogue.model import load_catalog
from hedong_cli.journal import TaskState
from hedong_cli.tracking.progress import LightRules, build_report
from hedong_cli.tracking.units import is_silent, scorecard, sort_rows
from tests.conftest import Hedong
from tests.workflow_helpers import WORKFLOW_CATALOG, entries, ok, workflow_hedong

# -- assign ------------------------------------------------------------------------------------------


@pytest.fixture
def wf(tmp_path: Path) -> Hedong:
    return workflow_hedong(tmp_path)


def test_assign_records_history_shown_by_show_and_log(wf: Hedong) -> None:
    first = ok(
        wf("assign", "1.1.1", "1.1.2", "--lead", "区商务局", "-p", "区发展改革委、区财政局", "--date", "2026-03-01")
    )
    assert first.stdout.splitlines() == [
        "已分工 #1：1.1.1 落地京冀企业（项目）  牵头单位：区商务局，配合单位：区发展改革委、区财政局",
        "已分工 #2：1.1.2 华勘总部项目投入使用  牵头单位：区商务局，配合单位：区发展改革委、区财政局",
    ]
    ok(wf("assign", "1.1.1", "--lead", "区科技局", "--by", "督查室"))
    detail = ok(wf("show", "1.1.1", "--width", "160")).stdout
    assert "牵头单位：区科技局" in detail and "牵头单位：区商务局，配合单位：区发展改革委、区财政局" in detail
    history = wf.json("show", "1.1.1")["history"]
    assert [(e["kind"], e["lead"], e["partners"], e["date"], e["author"]) for e in history] == [
        ("assign", "区科技局", [], "2026-11-26", "督查室"),
        ("assign", "区商务局", ["区发展改革委", "区财政局"], "2026-03-01", "测试员"),
    ]
    log = wf.json("log", "--task", "1.1.1")
    assert [entry["kind"] for entry in log] == ["assign", "assign"]
    tasks = {task["id"]: task for task in wf.json("status")["tasks"]}
    assert (tasks["1.1.1"]["lead"], tasks["1.1.1"]["partners"]) == ("区科技局", [])
    assert (tasks["1.1.2"]["lead"], tasks["1.1.2"]["partners"]) == ("区商务局", ["区发展改革委", "区财政局"])
    # The journal as it stood before the reassignment still names the first lead.
    earlier = {task["id"]: task for task in wf.json("status", "--as-of", "2026-06-30")["tasks"]}
    assert earlier["1.1.1"]["lead"] == "区商务局"
    # Undo takes the reassignment back; the history keeps both.
    ok(wf("undo"))
    assert {t["id"]: t for t in wf.json("status")["tasks"]}["1.1.1"]["lead"] == "区商务局"


def test_assign_same_again_writes_nothing(wf: Hedong) -> None:
    ok(wf("assign", "2.1.1", "--lead", "区教育局"))  # already the catalogue's lead: nothing to record
    ok(wf("assign", "1.1.3", "--lead", "区商务局", "-p", "区财政局"))
    before = entries(wf.db)
    again = ok(wf("assign", "1.1.3", "1.1.3", "--lead", " 区商务局 ", "-p", "区财政局,区商务局"))
    assert again.stdout == "未变更：1.1.3 搭建企业与高校对接平台 已是 牵头单位：区商务局，配合单位：区财政局\n"
    assert entries(wf.db) == before and len(before) == 1


def test_assign_checks_everything_before_writing(wf: Hedong) -> None:
    result = wf("assign", "1.1.1", "9.9", "1.1.9", "--lead", "区商务局")
    assert result.exit_code == 2 and entries(wf.db) == []
    assert result.stderr.splitlines() == [
        "hedong: 未知的任务编号 9.9",
        "hedong: 未知的任务编号 1.1.9，是否要找：1.1.4, 1.1.3, 1.1.2？",
    ]
    blank = wf("assign", "1.1.1", "--lead", "  ")
    assert blank.exit_code == 2 and "无效：不能为空或含控制字符" in blank.stderr
    future = wf("assign", "1.1.1", "--lead", "区商务局", "--date", "2026-12-25")
    assert future.exit_code == 2 and entries(wf.db) == []


# -- status --unit -----------------------------------------------------------------------------------


def test_status_unit_filters_by_lead_or_partner(wf: Hedong) -> None:
    ok(wf("assign", "1.1.3", "--lead", "区商务局", "-p", "区教育局"))
    data = wf.json("status", "--unit", "区教育局")
    assert [task["id"] for task in data["tasks"]] == ["1.1.3", "2.1.1", "2.1.2"]
    assert data["summary"]["total"] == 3
    # The catalogue's lead: field counts without any assignment.
    assert [task["id"] for task in wf.json("status", "--unit", "区人社局")["tasks"]] == ["0.2"]
    table = ok(wf("status", "--unit", "区教育局", "--width", "100")).stdout
    assert "任务 3 项" in table and "1.1.3" in table and "0.2" not in table


# -- the scorecard -------------------------------------------------------------------------------------

# The fixture journal, as of 2026-11-26 (序时进度 90.4%):
#   0.1   no lead          value 4.6 on 11-20 (rate, 102%)  → green
#   0.2   区人社局 (catalogue) never reported               → red, silent
#   1.1.1 区商务局          value 650 on 11-25 (92.9%)       → green
#   1.1.2 区商务局          done on 06-01                    → green, done (never silent)
#   1.1.3 区商务局          in progress, last on 10-01       → yellow (stale), silent
#   1.1.4 区商务局 (catalogue) value 4.2 on 11-26 (rate, 84%) → red
#   2.1.1 区教育局 (catalogue) blocked on 11-10               → red, 16 days
#   2.1.2 区教育局 (catalogue) never reported                 → red, silent
JOURNAL = [
    ("update", "0.1", "--value", "4.6", "--date", "2026-11-20"),
    ("assign", "1.1.1", "1.1.2", "1.1.3", "--lead", "区商务局", "--date", "2026-02-01"),
    ("update", "1.1.1", "--value", "650", "--date", "2026-11-25"),
    ("update", "1.1.2", "--status", "done", "--date", "2026-06-01"),
    ("update", "1.1.3", "--status", "in_progress", "--date", "2026-10-01"),
    ("update", "1.1.4", "--value", "4.2"),
    ("update", "2.1.1", "--status", "受阻", "--date", "2026-11-10"),
]
EXPECTED = {
    "区教育局": dict(tasks=2, done=0, green=0, yellow=0, red=2, stale=1, latest="2026-11-10"),
    "区人社局": dict(tasks=1, done=0, green=0, yellow=0, red=1, stale=1, latest=None),
    "区商务局": dict(tasks=4, done=1, green=2, yellow=1, red=1, stale=1, latest="2026-11-26"),
    None: dict(tasks=1, done=0, green=1, yellow=0, red=0, stale=0, latest="2026-11-20"),
}


@pytest.fixture
def scored(wf: Hedong) -> Hedong:
    for args in JOURNAL:
        ok(wf(*args))
    return wf


def test_scorecard_figures(scored: Hedong) -> None:
    data = scored.json("units")
    rows = {row["unit"]: {k: row[k] for k in EXPECTED["区商务局"]} for row in data["units"]}
    assert rows == EXPECTED
    assert [row["unit"] for row in data["units"]] == ["区教育局", "区人社局", "区商务局", None]  # red, then name
    assert data["total"]["tasks"] == 8 and data["total"]["red"] == 4 and data["total"]["stale"] == 3
    assert data["stale_days"] == 28 and data["expected_pct"] == 90.4
    # The scorecard and status agree, task for task.
    lights = {t["id"]: t["light"] for t in scored.json("status")["tasks"]}
    assert [lights[i] for i in ("1.1.1", "1.1.2", "1.1.3", "1.1.4")] == ["green", "green", "yellow", "red"]


@pytest.mark.parametrize(
    ("args", "order"),
    [
        (["--sort", "latest"], ["区人社局", "区教育局", "区商务局", None]),  # never reported first
        (["--sort", "tasks"], ["区商务局", "区教育局", "区人社局", None]),
        (["--sort", "unit"], ["区人社局", "区商务局", "区教育局", None]),
        (["--sort", "red", "--reverse"], ["区人社局", "区商务局", "区教育局", None]),
        (["--sort", "stale", "--stale-days", "14"], ["区教育局", "区人社局", "区商务局", None]),
    ],
)
def test_scorecard_sorts(scored: Hedong, args: list[str], order: list[str | None]) -> None:
    assert [row["unit"] for row in scored.json("units", *args)["units"]] == order


def test_scorecard_stale_days_option(scored: Hedong) -> None:
    rows = {row["unit"]: row for row in scored.json("units", "--stale-days", "14")["units"]}
    assert rows["区教育局"]["stale"] == 2  # 2.1.1 was last heard of 16 days ago


def test_scorecard_table_and_csv(scored: Hedong) -> None:
    table = ok(scored("units", "--width", "100")).stdout.splitlines()
    assert table[0] == "各单位推进情况" and table[1] == "截至 2026-11-26，序时进度 90.4%"

    def cells(line: str) -> list[str]:
        return re.split(r" {2,}", line.strip())

    assert cells(table[2]) == [
        "单位",
        "牵头任务",
        "已完成",
        "绿",
        "黄",
        "红",
        "超28天未报",
        "最近报送",
    ]
    assert set(table[3]) <= {"-", " "}
    body = [cells(line) for line in table[4:] if line.strip()]
    assert body[0][0] == "区教育局"
    assert body[3][0] == "未分配" and body[3][-1] == "2026-11-20"
    assert body[1][-1] == "从未报送"
    assert body[-1][0] == "合计" and body[-1][1] == "8"
    english = ok(scored("units", "--lang", "en", "--width", "100")).stdout
    assert "unassigned" in english and "Silent 28d+" in english
    rows = list(csv.reader(io.StringIO(ok(scored("units", "--format", "csv")).stdout)))
    assert rows[0] == ["unit", "tasks", "done", "green", "yellow", "red", "stale", "latest", "missed_nodes"]
    assert rows[1] == ["区教育局", "2", "0", "0", "0", "2", "1", "2026-11-10", "0"]
    assert rows[-1] == ["", "1", "0", "1", "0", "0", "0", "2026-11-20", "0"]


def test_scorecard_bad_options(scored: Hedong) -> None:
    bad = scored("units", "--sort", "loudest")
    assert bad.exit_code == 2 and "未知的排序列“loudest”" in bad.stderr
    assert scored("units", "--format", "md").exit_code == 2


def test_scorecard_pure(tmp_path: Path) -> None:
    catalog = load_catalog(WORKFLOW_CATALOG)
    as_of = date(2026, 11, 26)
    states = {
        "1.1.4": TaskState(value=5.1, updated=date(2026, 10, 29), value_date=date(2026, 10, 29)),  # exactly 28 days
        "2.1.1": TaskState(status="done", updated=date(2026, 1, 5)),
        "1.1.1": TaskState(status="in_progress", updated=date(2026, 10, 30), lead="区商务局"),  # 27 days
    }
    report = build_report(catalog, states, as_of, LightRules(stale_days=28))
    views = {view.task.id: view for view in report.views}
    assert is_silent(views["1.1.4"], as_of, 2026, 28) and not is_silent(views["1.1.1"], as_of, 2026, 28)
    assert not is_silent(views["2.1.1"], as_of, 2026, 28)  # done: needs no more reports
    assert is_silent(views["0.1"], as_of, 2026, 28)  # never reported, 329 days into the year
    assert not is_silent(views["0.1"], date(2026, 1, 20), 2026, 28)  # but not in the year's first weeks
    card = scorecard(report)
    rows = {row.unit: row for row in card.rows}
    assert (rows["区商务局"].tasks, rows["区商务局"].stale, rows["区商务局"].latest) == (2, 1, date(2026, 10, 30))
    assert rows[None].task_ids == ("0.1", "1.1.2", "1.1.3")
    assert card.rows[-1].unit is None
    assert sum(row.tasks for row in card.rows) == card.total.tasks == 8
    with pytest.raises(KeyError):
        sort_rows(card.rows, "nonsense")


@pytest.mark.parametrize("columns", [80, 120])
def test_scorecard_table_aligns(scored: Hedong, columns: int) -> None:
    from tests.test_cli_core import assert_tables_aligned

    assert assert_tables_aligned(ok(scored("units", "--width", str(columns))).stdout, columns) == 1


def test_show_keeps_lead_and_partners_apart(wf: Hedong) -> None:
    ok(wf("assign", "1.1.3", "--lead", "区商务局", "--partner", "区文化和旅游局、区财政局"))
    for lang, lead_label, partner_label in (("zh", "牵头单位", "配合单位"), ("en", "Lead unit", "Partner units")):
        lines = ok(wf("show", "1.1.3", "--width", "160", "--lang", lang)).stdout.splitlines()
        lead_line = next(line for line in lines if line.startswith(lead_label))
        partner_line = next(line for line in lines if line.startswith(partner_label))
        assert lead_line.split()[-1] == "区商务局"
        assert partner_line.split()[-1] == "区文化和旅游局、区财政局"
    shown = wf.json("show", "1.1.3")
    assert (shown["lead"], shown["partners"]) == ("区商务局", ["区文化和旅游局", "区财政局"])
    # A task with a lead and no partners prints no empty 配合单位 line.
    ok(wf("assign", "1.1.2", "--lead", "区商务局"))
    lines = ok(wf("show", "1.1.2", "--width", "160")).stdout.splitlines()
    assert [line.split()[-1] for line in lines if line.startswith("牵头单位")] == ["区商务局"]
    assert not [line for line in lines if line.startswith("配合单位")]
