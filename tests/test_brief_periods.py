"""Reporting periods (month, quarter, half), 近期节点 from plans, and the status and units views of plans.

The quarterly golden file is rewritten only on purpose: ``HEDONG_UPDATE_GOLDEN=1 pytest
tests/test_brief_periods.py``, then read the diff before committing it.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from hedong_cli.common.errors import InputError
from hedong_cli.tracking.period import resolve_period
from tests.conftest import Hedong
from tests.test_brief import record_fixture

GOLDEN_Q3 = Path(__file__).parent / "golden" / "brief_2026-Q3.md"


def record_plans(hedong: Hedong) -> None:
    """The fixture journal plus plans: a back-loaded count, steps, a tightened and a loosened deadline."""
    record_fixture(hedong.db)
    for args in (
        ("2.1.3", "--node", "2026-06-30:10", "--node", "2026-09-30:40", "--node", "2026-12-31:50",
         "--leader", "张副区长", "--date", "2026-04-10"),
        ("6.3.3", "--node", "2026-09-15:主体封顶", "--node", "2026-11-30:竣工验收", "--leader", "李副区长",
         "--date", "2026-04-10"),
        ("1.1.2", "--due", "2026-10-31", "--node", "2026-06-30:300", "--node", "2026-09-30:560",
         "--date", "2026-08-20"),
        ("6.3.3", "--due", "2027-06-30", "--reason", "征地拆迁滞后，经区政府常务会同意", "--date", "2026-09-10"),
    ):  # fmt: skip
        result = hedong("plan", *args)
        assert result.exit_code == 0, result.stderr


@pytest.fixture
def planned(hedong: Hedong) -> Hedong:
    record_plans(hedong)
    return hedong


def brief(hedong: Hedong, *args: str) -> str:
    result = hedong("brief", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_quarterly_golden_markdown(planned: Hedong) -> None:
    text = brief(planned, "--quarter", "2026-Q3")
    if os.environ.get("HEDONG_UPDATE_GOLDEN"):
        GOLDEN_Q3.write_text(text, encoding="utf-8")
    assert text == GOLDEN_Q3.read_text(encoding="utf-8")


def test_quarterly_title_period_and_sections(planned: Hedong) -> None:
    text = brief(planned, "--quarter", "2026-Q3")
    flat = text.replace("\n", "")
    assert text.startswith("# 关于河东区2026年《政府工作报告》重点任务第三季度推进情况的通报\n")
    assert "第3期　2026年9月30日" in text and "重点任务7月1日至9月30日推进情况通报如下" in text
    assert "本期共有" in text and "2026-04-10" not in text.split("## 附件1")[0]  # prose dates are Chinese
    problems = flat.split("## 三、存在问题")[1].split("## 四、")[0]
    # Missed: Q3 nodes not reached, each with its lead unit where it has one.
    assert "本期3个计划节点未按期实现" in problems
    assert "“推进津华学校和田庄中学建设”计划9月15日前主体封顶" in problems
    assert "区商务局牵头的“引进各类首店”计划9月30日前达到40家" in problems  # 30 of 50 < 40
    ahead = flat.split("## 四、下步工作要求")[1].split("附件：")[0]
    assert "2026年12月31日前到期的节点和时限有：" in ahead
    assert "“推进津华学校和田庄中学建设”须于11月30日前竣工验收" in ahead


@pytest.mark.parametrize(
    ("args", "title", "number"),
    [
        (("--month", "2026-10"), "重点任务10月份推进情况的通报", "第10期　2026年10月31日"),
        (("--half", "2026-H1"), "重点任务上半年推进情况的通报", "第1期　2026年6月30日"),
        (("--quarter", "2026-Q1", "--no", "7"), "重点任务第一季度推进情况的通报", "第7期　2026年3月31日"),
    ],
)
def test_month_half_and_numbering(planned: Hedong, args: tuple[str, ...], title: str, number: str) -> None:
    text = brief(planned, *args)
    assert text.startswith(f"# 关于河东区2026年《政府工作报告》{title}\n")
    assert number in text


def test_periods_resolve_and_bad_ones_are_refused() -> None:
    assert resolve_period(2026, date(2026, 11, 26), month="2026-02").end == date(2026, 2, 28)
    q4 = resolve_period(2026, date(2026, 11, 26), quarter="2026q4")
    assert (q4.start, q4.end, q4.default_number) == (date(2026, 10, 1), date(2026, 12, 31), 4)
    assert q4.next_window(date(2026, 11, 26)) == (date(2026, 11, 26), date(2027, 3, 31))
    h2 = resolve_period(2026, date(2026, 11, 26), half="2026-H2")
    assert (h2.start, h2.end, h2.label()) == (date(2026, 7, 1), date(2026, 12, 31), "2026年下半年")
    for kwargs in ({"month": "2026-13"}, {"quarter": "2026-Q5"}, {"half": "2026-H3"}, {"month": "2025-12"}):
        with pytest.raises(InputError):
            resolve_period(2026, date(2026, 11, 26), **kwargs)
    with pytest.raises(InputError, match="只能选用一种"):
        resolve_period(2026, date(2026, 11, 26), week="2026-W40", quarter="2026-Q3")


def test_bad_period_options_exit_2(planned: Hedong) -> None:
    for args in (
        ("--quarter", "Q3"),
        ("--month", "2026-10", "--week", "2026-W40"),
        ("--half", "2026-H1", "--as-of", "2026-06-01"),
    ):
        result = planned("brief", *args)
        assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_status_due_within_and_overdue_filter_the_table(planned: Hedong) -> None:
    soon = planned.json("status", "--as-of", "2026-10-20", "--due-within", "14")
    assert [t["id"] for t in soon["tasks"]] == ["1.1.2"]  # due 2026-10-31
    assert soon["summary"]["total"] == 1
    month = {t["id"] for t in planned.json("status", "--as-of", "2026-11-05", "--due-within", "30")["tasks"]}
    assert {"6.3.3", "1.1.2"} - month == {"1.1.2"}  # 6.3.3's node on 11-30; 1.1.2 is past due by then
    overdue = {t["id"] for t in planned.json("status", "--as-of", "2026-11-05", "--overdue")["tasks"]}
    assert {"1.1.2", "2.1.3", "6.3.3"} <= overdue
    assert "6.3.1" not in overdue  # done
    assert planned("status", "--due-within", "-1").exit_code == 2


def test_units_count_missed_nodes(planned: Hedong) -> None:
    card = planned.json("units", "--as-of", "2026-10-01")
    rows = {row["unit"]: row for row in card["units"]}
    assert rows["区商务局"]["missed_nodes"] == 1  # 2.1.3: 40家 by 09-30, 30 reported
    assert card["total"]["missed_nodes"] == 4  # and 1.1.2's 300个 and 560个, 6.3.3's 主体封顶
    by_missed = planned.json("units", "--as-of", "2026-10-01", "--sort", "missed")["units"]
    assigned = [row["missed_nodes"] for row in by_missed if row["unit"] is not None]
    assert assigned == sorted(assigned, reverse=True) and assigned[0] == 1
    assert by_missed[-1]["unit"] is None and by_missed[-1]["missed_nodes"] == 3  # unassigned stays last


def test_units_table_shows_missed_nodes_only_once_some_are_missed(planned: Hedong) -> None:
    before = planned("units", "--as-of", "2026-06-01", "--width", "120").stdout
    after = planned("units", "--as-of", "2026-10-01", "--width", "120").stdout
    assert "节点未完成" not in before
    header = next(line for line in after.splitlines() if "牵头任务" in line)
    assert header.split()[-1] == "节点未完成"
