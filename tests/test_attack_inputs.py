"""Bad input found by trying the plan and catalogue commands by hand: each is refused with one line,
the right exit status, and nothing written."""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from hedong_cli.catalogue.model import load_catalog
from tests.conftest import CATALOG, REPO, Hedong, installed_hedong

REPORT = REPO / "data" / "source" / "hedong-2026-work-report.txt"


@pytest.mark.parametrize("node", ["2026-07-30:1e400", "2026-07-30:nan", "2026-07-30:inf%", "2026-07-30:-inf家"])
def test_a_node_number_that_is_not_finite_is_refused(hedong: Hedong, node: str) -> None:
    # 1e400 overflows to inf; before, it was stored and the plan exported as "inf家".
    assert hedong("plan", "2.1.3", "--leader", "王副区长").exit_code == 0
    before = hedong.db.read_bytes()
    result = hedong("plan", "2.1.3", "--node", node)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"hedong: 节点“{node}”的数值应为有限的数字\n"
    assert hedong.db.read_bytes() == before


def test_an_absurdly_large_percent_is_shown_short_in_its_error(hedong: Hedong) -> None:
    result = hedong("plan", "2.1.3", "--node", "2026-07-30:1e300%")
    assert result.exit_code == 2
    assert result.stderr == "hedong: 节点“2026-07-30 1e+300%”的百分比应在0至100之间\n"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs a POSIX device file")
def test_a_report_that_is_a_device_or_a_link_to_one_is_refused_before_reading(hedong: Hedong, tmp_path: Path) -> None:
    # /dev/null stands for every file that is not a regular one: a FIFO would block the read, /dev/zero never end.
    link = tmp_path / "report.txt"
    link.symlink_to("/dev/null")
    for report in ("/dev/null", str(link)):
        result = hedong("catalog", "draft", report)
        assert result.exit_code == 2
        assert (
            result.stderr == f"hedong: 报告文件 {report} 不是普通文件（管道或设备）；请提供 .txt、.docx 或 .pdf 文件\n"
        )
        assert result.stdout == ""


def test_a_pdf_that_is_not_one_gets_one_line_without_the_reader_s_warnings(tmp_path: Path) -> None:
    # A real process: in-process, pytest's log capture would swallow the warnings this is about.
    pytest.importorskip("pypdf")
    path = tmp_path / "report.pdf"
    path.write_bytes(bytes(range(256)) * 20)  # no %PDF header, no EOF marker
    result = subprocess.run(
        [installed_hedong(), "catalog", "draft", str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 2
    assert result.stderr.startswith("hedong: 无法打开 PDF 文件") and result.stderr.count("\n") == 1, result.stderr


def _form_with_leader(
    hedong: Hedong, tmp_path: Path, task_id: str, leader: str | Callable[[str], str], column_title: str = "分管区领导"
) -> Path:
    form = tmp_path / "分工方案.csv"
    assert hedong("plan", "export", str(form)).exit_code == 0
    rows = list(csv.reader(io.StringIO(form.read_text(encoding="utf-8-sig"))))
    column = rows[0].index(column_title)
    for row in rows:
        if row[1] == task_id:
            row[column] = leader(row[column]) if callable(leader) else leader
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    form.write_text(out.getvalue(), encoding="utf-8-sig")
    return form


@pytest.mark.parametrize("leader", ["\u202e甲", "王\x07", "\u2066李\u2069"])
def test_a_leader_with_control_or_bidi_characters_is_refused_by_the_form_as_by_the_option(
    hedong: Hedong, tmp_path: Path, leader: str
) -> None:
    assert hedong("plan", "2.1.3", "--leader", "王副区长").exit_code == 0
    before = hedong.db.read_bytes()
    by_option = hedong("plan", "2.1.3", "--leader", leader)
    by_form = hedong("plan", "import", str(_form_with_leader(hedong, tmp_path, "1.1.1", leader)), "--yes")
    for result in (by_option, by_form):
        assert result.exit_code == 2, result.output
        assert "含控制字符" in result.stderr and "\\u" in result.stderr
        assert "\u202e" not in result.stderr and "\u2066" not in result.stderr
    assert "F8: 分管区领导" in by_form.stderr
    assert hedong.db.read_bytes() == before


def test_a_leader_longer_than_a_list_of_names_is_refused_by_the_form_as_by_the_option(
    hedong: Hedong, tmp_path: Path
) -> None:
    leader = "长" * 101
    by_option = hedong("plan", "2.1.3", "--leader", leader)
    by_form = hedong("plan", "import", str(_form_with_leader(hedong, tmp_path, "1.1.1", leader)), "--yes")
    assert by_option.exit_code == by_form.exit_code == 2
    assert by_option.stderr == "hedong: 分管区领导“长长长长长长长长长长…”有 101 个字，超过 100 个字的上限\n"
    assert "F8: 分管区领导“长长长长长长长长长长…”有 101 个字" in by_form.stderr
    assert not hedong.db.exists() or hedong("log").stdout.count("#") == 0
    assert hedong("plan", "2.1.3", "--leader", "长" * 100).exit_code == 0


@pytest.mark.parametrize(
    ("args", "option", "minimum", "maximum"),
    [
        (("status", "--due-within", "99999999999999999999"), "--due-within", 0, 3660),
        (("status", "--due-within", "999999999"), "--due-within", 0, 3660),
        (("status", "--warn-days", "2147483648"), "--warn-days", 0, 3660),
        (("brief", "--stale-days", "4000"), "--stale-days", 1, 3660),
    ],
)
def test_a_huge_count_of_days_is_refused_not_an_overflow(
    hedong: Hedong, args: tuple[str, ...], option: str, minimum: int, maximum: int
) -> None:
    # Before: OverflowError (internal error, exit 1) from the date arithmetic.
    assert hedong("plan", "2.1.3", "--leader", "王副区长").exit_code == 0
    result = hedong(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"hedong: {option} 应为 {minimum} 到 {maximum} 之间的整数：{args[-1]}\n"


def test_a_node_value_above_what_a_recorded_value_may_be_is_refused(hedong: Hedong, tmp_path: Path) -> None:
    # update refuses 1e300 (more than 1e15); a plan node expecting it is as absurd, by --node or in the form.
    by_option = hedong("plan", "2.1.3", "--node", "2026-07-30:1e300")
    assert by_option.exit_code == 2
    assert by_option.stderr == "hedong: 节点“2026-07-30 1e+300家”的数值过大，绝对值上限为 1e15\n"
    form = tmp_path / "分工方案.csv"
    assert hedong("plan", "export", str(form)).exit_code == 0
    rows = list(csv.reader(io.StringIO(form.read_text(encoding="utf-8-sig"))))
    column = rows[0].index("节点安排")
    for row in rows:
        if row[1] == "2.1.3":
            row[column] = "2026-07-30:1e300"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    form.write_text(out.getvalue(), encoding="utf-8-sig")
    by_form = hedong("plan", "import", str(form), "--yes")
    assert by_form.exit_code == 2 and "的数值过大" in by_form.stderr
    assert hedong("plan", "2.1.3", "--node", "2026-07-30:50").exit_code == 0


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs a POSIX device file")
def test_a_catalogue_that_is_a_device_is_refused_before_it_is_opened(hedong: Hedong, tmp_path: Path) -> None:
    # /dev/null stands for a FIFO (which would block the open) and /dev/zero (which would never end).
    link = tmp_path / "targets.yaml"
    link.symlink_to("/dev/null")
    for args in (
        ("check", "--data", str(link)),
        ("catalog", "diff", str(REPO / "data" / "targets_2026.yaml"), str(link)),
    ):
        result = hedong(*args)
        assert result.exit_code == 1
        assert result.stderr == f"hedong: {link}:0: 不是普通文件（管道、设备或文件夹），无法作为目标任务清单读取\n"


def test_an_edited_report_text_in_the_form_is_refused_not_silently_dropped(hedong: Hedong, tmp_path: Path) -> None:
    assert hedong("plan", "2.1.3", "--leader", "王副区长").exit_code == 0
    before = hedong.db.read_bytes()
    edited = _form_with_leader(hedong, tmp_path, "1.1.1", lambda text: text + "，年内完成10个", "目标任务")
    result = hedong("plan", "import", str(edited), "--yes")
    assert result.exit_code == 2
    assert "C8: “目标任务”列是报告原文，不能在分工方案中修改" in result.stderr
    assert hedong.db.read_bytes() == before
    # Spacing and full-width forms are no edit: an untouched form still imports as nothing.
    respaced = _form_with_leader(
        hedong, tmp_path, "1.1.1", lambda text: " " + text.replace("，", ", ") + " ", "目标任务"
    )
    assert hedong("plan", "import", str(respaced), "--yes").exit_code == 0
    assert hedong.db.read_bytes() == before


@pytest.mark.parametrize("step", ["主体开工；竣工", "主体开工;竣工", "主体开工\n竣工"])
def test_a_step_holding_the_forms_node_separator_is_refused_so_the_round_trip_holds(
    hedong: Hedong, tmp_path: Path, step: str
) -> None:
    # Stored, "a；b" came back from the 分工方案 as two nodes, the second without a date: the import failed.
    result = hedong("plan", "6.3.1", "--node", f"2026-09-30:{step}")
    assert result.exit_code == 2
    assert "的形象进度不能含“；”或换行" in result.stderr
    assert hedong("plan", "6.3.1", "--node", "2026-09-30:主体开工，竣工").exit_code == 0
    form = tmp_path / "分工方案.csv"
    assert hedong("plan", "export", str(form)).exit_code == 0
    again = hedong("plan", "import", str(form), "--yes")
    assert again.exit_code == 0 and "没有需要写入的变更" in again.stdout


def test_plan_export_to_dash_writes_the_form_to_standard_output_and_no_file(
    hedong: Hedong, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: a file named "-" was created in the working folder, and stdout said it was written there.
    monkeypatch.chdir(tmp_path)
    result = hedong("plan", "export", "-", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    tasks = len(load_catalog(CATALOG).tasks)
    assert rows[0][:3] == ["序号", "任务编号", "目标任务"] and len(rows) == 1 + tasks
    assert not (tmp_path / "-").exists()
