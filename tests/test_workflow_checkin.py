"""``hedong checkin``: the interactive weekly check-in, driven through CliRunner input and a real pipe."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import hedong_cli.cli.checkin as checkin
from tests.conftest import TODAY, Hedong, installed_hedong
from tests.workflow_helpers import WORKFLOW_CATALOG, entries, ok, workflow_hedong


@pytest.fixture
def wf(tmp_path: Path) -> Hedong:
    return workflow_hedong(tmp_path)


def task(hedong: Hedong, task_id: str) -> dict:
    return {t["id"]: t for t in hedong.json("status")["tasks"]}[task_id]


def test_checkin_shows_each_task_and_saves_each_answer(wf: Hedong) -> None:
    ok(wf("update", "1.1.1", "--value", "320", "--note", "季度进展", "--date", "2026-10-10"))
    answers = [
        "abc", "-3", "450", "", "新落地450个",  # 1.1.1: two bad values re-asked, status kept, new note
        "maybe", "已完成", "",  # 1.1.2: an unknown status re-asked
        "", "",  # 1.1.3: Enter twice keeps everything
        "4.8%", "in progress", "社零额回升",  # 1.1.4: a rate typed with its unit, an English status
    ]  # fmt: skip
    result = wf("checkin", "--section", "1", "--by", "区商务局", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("周报填报：板块 1，共 4 项（序时进度 90.4%）。")
    assert "[1/4] 1.1.1 落地京冀企业（项目）" in out
    assert "  目标 700个以上；当前值 320个（45.7%）；序时进度 90.4%；预警 红；状态 推进中" in out
    assert "  上次进展（2026-10-10）：季度进展" in out
    assert "  序时进度 90.4%；预警 红；状态 未启动" in out  # a milestone: no number to show
    assert "“本期数值”不是数字：abc；请重新输入" in out and "数值必须是有限的非负数：-3；请重新输入" in out
    assert "未知的状态“maybe”" in out
    assert out.count("已保存 #") == 3 and "  未变更" in out
    assert out.rstrip().endswith("填报结束：保存 3 项，未变更 1 项")
    new = entries(wf.db)[1:]
    assert [(row[2], row[6], row[7], row[8], row[9]) for row in new] == [
        ("1.1.1", None, 450.0, "新落地450个", "区商务局"),
        ("1.1.2", "done", None, None, "区商务局"),
        ("1.1.4", "in_progress", 4.8, "社零额回升", "区商务局"),
    ]


def test_end_of_input_midway_keeps_what_was_answered(wf: Hedong) -> None:
    # 1.1.1 answered in full; 1.1.2 gets a status, then the input ends before its note.
    result = wf("checkin", "--section", "1", input="120\n\n第一批\n已完成\n")
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    # The one exit point says why it stopped, on stderr, as every failure does.
    assert result.stderr == "hedong: 填报已中断：已保存 1 项（共 4 项），其余任务没有变化\n"
    (row,) = entries(wf.db)
    assert (row[2], row[7], row[8]) == ("1.1.1", 120.0, "第一批")
    assert task(wf, "1.1.2")["status"] == "not_started"  # nothing half-written


def test_ctrl_c_stops_cleanly_with_130(wf: Hedong, monkeypatch: pytest.MonkeyPatch) -> None:
    real_ask = checkin._ask
    calls = []

    def ask_then_interrupt(sess: object, prompt: str) -> str:
        calls.append(prompt)
        if len(calls) == 4:  # the first prompt of the second task
            raise KeyboardInterrupt
        return real_ask(sess, prompt)  # type: ignore[arg-type]

    monkeypatch.setattr(checkin, "_ask", ask_then_interrupt)
    result = wf("checkin", "--unit", "区教育局", input="5\n推进中\n开工建设\n")
    assert result.exit_code == 130
    assert result.stderr == "hedong: 填报已中断：已保存 1 项（共 2 项），其余任务没有变化\n"
    assert "Traceback" not in result.stdout + result.stderr
    (row,) = entries(wf.db)
    assert (row[2], row[6], row[7], row[8]) == ("2.1.1", "in_progress", 5.0, "开工建设")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "请用 --unit 或 --section 选择要填报的任务"),
        (["--unit", "区教育局", "--section", "2"], "--unit 和 --section 只能选一个"),
        (["--unit", "区教育"], "没有以“区教育”为牵头或配合单位的任务（已有单位：区教育局"),
        (["--section", "9"], "未知的板块“9”"),
        (["--section", "2", "--date", "2025-12-31"], "不在清单年度 2026 内"),
    ],
)
def test_checkin_scope_errors(wf: Hedong, args: list[str], message: str) -> None:
    result = wf("checkin", *args, input="\n")
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""
    assert entries(wf.db) == []


def test_checkin_through_a_real_pipe(tmp_path: Path) -> None:
    exe = installed_hedong()
    env = {
        **os.environ,
        "HEDONG_DB": str(tmp_path / "j.sqlite"),
        "HEDONG_DATA": str(WORKFLOW_CATALOG),
        "HEDONG_TODAY": TODAY.isoformat(),
        "HEDONG_USER": "区教育局",
    }
    run = subprocess.run(
        [exe, "checkin", "--unit", "区教育局"],
        input="3\n\n3所开工\n",  # the second task's questions meet the end of input
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert run.stderr == "hedong: 填报已中断：已保存 1 项（共 2 项），其余任务没有变化\n"
    status = subprocess.run(
        [exe, "show", "2.1.1", "--format", "json"], env=env, capture_output=True, text=True, check=False
    )
    assert '"value": 3' in status.stdout and '"author": "区教育局"' in status.stdout
