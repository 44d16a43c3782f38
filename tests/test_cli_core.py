"""The core commands through typer's CliRunner, plus real runs of the installed entry point."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from hedong_cli import __version__
from hedong_cli.catalogue.model import load_catalog
from tests.conftest import CATALOG, TODAY, Hedong, installed_hedong
from tests.workflow_helpers import record_as_stored

ANSI_OR_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# status prints one table per section of the shipped catalogue (goals, six parts, 政府自身建设)
SECTION_COUNT = len(load_catalog(CATALOG).sections)


def width(text: str) -> int:
    """Display columns as rich measures them (its own East Asian Width tables)."""
    from rich.cells import cell_len

    return cell_len(text)


def screen_cells(line: str) -> list[str]:
    """The line as terminal cells: each character at its column, "" where a wide character continues."""
    from rich.cells import cell_len

    cells: list[str] = []
    for ch in line:
        cells.extend([ch] + [""] * (cell_len(ch) - 1))
    return cells


def gap_columns(rule: str) -> list[int]:
    """The two blank columns between each pair of table columns, read off the dashed rule under the header."""
    gaps = []
    for match in re.finditer(r"-+", rule):
        if match.end() < len(rule.rstrip()):
            gaps.extend([match.end() - 1, match.end()])
    return gaps


def assert_tables_aligned(output: str, max_width: int, cells: Callable[[str], list[str]] | None = None) -> int:
    """Every line fits; in each table (a header, a rule of dashes, rows up to a blank line) every row is blank
    in the gaps between the columns, so no cell runs into its neighbour and no wide character straddles.

    ``cells``: how a terminal lays a line out (default: rich's measure, ``screen_cells``)."""
    lines = output.splitlines()
    for line in lines:
        used = width(line) if cells is None else len(cells(line))
        assert used <= max_width, f"{used} > {max_width}: {line!r}"
    tables = 0
    for index, rule in enumerate(lines):
        if not (rule.startswith("-") and set(rule) <= {"-", " "}) or index == 0:
            continue
        tables += 1
        gaps = gap_columns(rule)
        assert gaps, f"a table of one column: {rule!r}"
        body = [lines[index - 1]]
        for line in lines[index + 1 :]:
            if not line.strip():
                break
            body.append(line)
        for line in body:
            screen = (cells or screen_cells)(line)
            for column in gaps:
                if column < len(screen):
                    assert screen[column] == " ", f"column {column} is {screen[column]!r}, not blank: {line!r}"
    return tables


def journal_rows(db: Path) -> list[tuple]:
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM entries ORDER BY id").fetchall()


# -- update ------------------------------------------------------------------------------------


def test_update_prints_one_line_with_new_progress(hedong: Hedong) -> None:
    result = hedong("update", "2.1.3", "--value", "32", "--status", "推进中", "--note", "新引进首店32家")
    assert result.exit_code == 0, result.stderr
    assert (
        result.stdout == "已记录 #1：2.1.3 引进各类首店  32家/50家以上（64.0%），序时进度 90.4%，预警 红，状态 推进中\n"
    )
    english = hedong("update", "2.1.3", "--value", "46", "--lang", "en")
    assert english.stdout.startswith("recorded #2: 2.1.3 引进各类首店  46 家 of >= 50 家 (92.0%)")
    row = journal_rows(hedong.db)[0]
    assert row[2:4] == ("2.1.3", "update") and row[5:10] == (
        "2026-11-26",
        "in_progress",
        32.0,
        "新引进首店32家",
        "测试员",
    )


def test_status_accepts_english_and_chinese_names(hedong: Hedong) -> None:
    for name in ("done", "已完成", "DONE", "not started"):
        assert hedong("update", "6.3.1", "--status", name).exit_code == 0
    assert [row[6] for row in journal_rows(hedong.db)] == ["done", "done", "done", "not_started"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["9.9.9", "--value", "1"], "hedong: 未知的任务编号 9.9.9\n"),
        (["1.1.20", "--value", "1"], "hedong: 未知的任务编号 1.1.20，是否要找：1.1.2"),
        (["2.1.3"], "hedong: 请至少提供 --status、--value 或 --note 之一\n"),
        (["2.1.3", "--value", "-1"], "hedong: 数值必须是有限的非负数：-1\n"),
        (["2.1.3", "--value", "nan"], "hedong: 数值应为有限的数字：nan\n"),
        (["2.1.3", "--value", "-inf"], "hedong: 数值应为有限的数字：-inf\n"),
        (["2.1.3", "--value", "lots"], "hedong: 数值应为有限的数字：lots\n"),
        (["1.1.1", "--value", "3"], "hedong: 任务 1.1.1 不是量化指标"),
        (["2.1.3", "--status", "finished"], "hedong: 未知的状态“finished”"),
        (["2.1.3", "--value", "1", "--date", "2026-13-01"], "hedong: 日期格式应为 YYYY-MM-DD：2026-13-01\n"),
        (["2.1.3", "--value", "1", "--date", "2025-12-31"], "hedong: 日期 2025-12-31 不在清单年度 2026 内\n"),
        (["2.1.3", "--value", "1", "--date", "2026-11-27"], "hedong: 日期 2026-11-27 晚于今天（2026-11-26）\n"),
        (["2.1.3", "--value", "1", "--lang", "fr"], "hedong: 未知的语言“fr”（可用：zh, en）\n"),
        (["2.1.3", "--valeu", "1"], "hedong: No such option: --valeu"),
    ],
)
def test_bad_update_gets_one_line_exit_2_and_writes_nothing(hedong: Hedong, args: list[str], message: str) -> None:
    assert hedong("update", "2.1.3", "--value", "1").exit_code == 0
    before = journal_rows(hedong.db)
    result = hedong("update", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr
    assert journal_rows(hedong.db) == before


def test_values_are_read_as_people_type_them(hedong: Hedong) -> None:
    assert hedong("update", "2.1.4", "--value", "1,200").exit_code == 0
    assert hedong("update", "0.1", "--value", "4.6%").exit_code == 0
    assert hedong("update", "2.1.3", "--value", "３２家").exit_code == 0
    assert [row[7] for row in journal_rows(hedong.db)] == [1200.0, 4.6, 32.0]


def test_a_rate_may_be_negative(hedong: Hedong) -> None:
    assert hedong("update", "0.2", "--value", "-2.5").exit_code == 0
    task = hedong.json("show", "0.2")
    assert task["value"] == -2.5 and task["light"] == "red"


def test_missing_catalogue_is_one_line_exit_1(hedong: Hedong, tmp_path: Path) -> None:
    result = hedong("status", "--data", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 1
    assert result.stderr == f"hedong: {tmp_path / 'missing.yaml'}:0: 找不到目标任务清单文件\n"


# -- time travel and undo ----------------------------------------------------------------------


def test_as_of_shows_the_journal_as_it_stood(hedong: Hedong) -> None:
    hedong("update", "2.1.3", "--value", "10", "--date", "2026-03-31")
    hedong("update", "2.1.3", "--value", "30", "--date", "2026-06-30")
    hedong("update", "2.1.3", "--value", "48", "--date", "2026-09-30")

    def first_stores(as_of: str) -> dict:
        data = hedong.json("status", "--as-of", as_of, "--section", "2")
        return next(task for task in data["tasks"] if task["id"] == "2.1.3")

    assert first_stores("2026-03-30")["value"] is None
    assert first_stores("2026-04-01")["value"] == 10
    june = first_stores("2026-07-01")
    assert (june["value"], june["progress_pct"], june["updated"]) == (30, 60.0, "2026-06-30")
    assert first_stores("2026-11-26")["value"] == 48
    assert hedong.json("status", "--as-of", "2026-07-01")["expected_pct"] == 49.9


def test_undo_retracts_newest_and_shows_in_history(hedong: Hedong) -> None:
    hedong("update", "2.1.3", "--value", "30")
    hedong("update", "2.1.3", "--value", "300", "--note", "多打了一个0")
    result = hedong("undo")
    assert result.exit_code == 0 and result.stdout == "已撤销记录 #2（2.1.3），撤销记录为 #3\n"
    task = hedong.json("show", "2.1.3")
    assert task["value"] == 30 and task["note"] is None
    assert [(h["entry"], h["kind"], h["retracted_by"]) for h in task["history"]] == [
        (3, "retract", None),
        (2, "update", 3),
        (1, "update", None),
    ]
    shown = hedong("show", "2.1.3").stdout
    assert "撤销记录 #2" in shown and "（已被 #3 撤销）" in shown
    assert hedong("undo", "--entry", "2").exit_code == 2
    assert hedong("undo", "--entry", "1").exit_code == 0
    assert hedong("undo").stderr == "hedong: 没有可撤销的记录\n"


def test_log_filters(hedong: Hedong) -> None:
    hedong("update", "2.1.3", "--value", "1", "--date", "2026-10-01")
    hedong("update", "2.1.4", "--value", "2", "--date", "2026-11-02")
    hedong("update", "2.1.3", "--value", "3", "--date", "2026-11-20")
    entries = hedong.json("log")
    assert [e["entry"] for e in entries] == [3, 2, 1]
    assert [e["entry"] for e in hedong.json("log", "--since", "2026-11-01")] == [3, 2]
    assert [e["entry"] for e in hedong.json("log", "--task", "2.1.3", "--limit", "1")] == [3]
    assert hedong("log", "--limit", "0").exit_code == 2


# -- status ------------------------------------------------------------------------------------


def test_status_json_shape(hedong: Hedong) -> None:
    hedong("update", "1.1.2", "--value", "350", "--note", "落地350个")
    data = hedong.json("status")
    assert set(data) == {"as_of", "expected_pct", "summary", "tasks"}
    assert data["as_of"] == "2026-11-26" and data["expected_pct"] == 90.4
    task = next(t for t in data["tasks"] if t["id"] == "1.1.2")
    required = {
        "id",
        "section",
        "section_title",
        "subsection",
        "subsection_title",
        "title",
        "text",
        "kind",
        "target",
        "baseline",
        "due",
        "lead",
        "status",
        "value",
        "progress_pct",
        "light",
        "note",
        "updated",
    }
    assert required <= set(task)
    assert task["target"] == {"value": 700, "unit": "个", "comparator": ">="}
    assert task["baseline"] == {"value": 708, "unit": "个", "year": 2025}
    assert (task["status"], task["value"], task["progress_pct"], task["light"]) == ("in_progress", 350, 50.0, "red")
    goals = [t for t in data["tasks"] if t["section"] == "0"]
    assert len(goals) == 6 and all(t["subsection"] is None for t in goals)
    assert data["summary"]["total"] == len(data["tasks"])


def test_status_filters_and_summary_follow_the_filter(hedong: Hedong) -> None:
    hedong("update", "6.3.1", "--status", "done")
    hedong("update", "2.1.3", "--status", "blocked")
    done = hedong.json("status", "--status", "已完成")
    assert [t["id"] for t in done["tasks"]] == ["6.3.1"] and done["summary"]["total"] == 1
    section = hedong.json("status", "--section", "0,1")
    assert {t["section"] for t in section["tasks"]} == {"0", "1"}
    red = hedong.json("status", "--light", "红", "--section", "2")
    assert "2.1.3" in [t["id"] for t in red["tasks"]] and all(t["light"] == "red" for t in red["tasks"])
    assert hedong("status", "--section", "9").exit_code == 2
    assert hedong("status", "--light", "purple").exit_code == 2
    assert hedong("status", "--format", "xml").stderr.startswith("hedong: 未知的输出格式“xml”")


def test_status_csv_and_markdown(hedong: Hedong) -> None:
    hedong("update", "2.1.3", "--value", "20", "--note", '=HYPERLINK("x")|a\nb')
    record_as_stored(hedong.db, "2.1.4", note="\x1b[2J清屏")  # past update, which removes the escape
    csv_text = hedong("status", "--format", "csv").stdout
    assert "\\x1b[2J清屏" in csv_text and "\x1b" not in csv_text
    header = csv_text.splitlines()[0]
    assert header.startswith("id,section,subsection,title")
    assert any(line.startswith("2.1.3,2,2.1,引进各类首店") and "'=HYPERLINK" in line for line in csv_text.split("\n"))
    md = hedong("status", "--format", "md").stdout
    assert md.startswith("# 河东区2026年政府工作报告重点任务推进情况\n")
    line = next(row for row in md.splitlines() if row.startswith("| 2.1.3 "))
    assert '=HYPERLINK("x")\\|a<br>b' in line and line.count(" | ") == 8


def test_english_labels(hedong: Hedong) -> None:
    out = hedong("status", "--lang", "en", "--section", "0", "--width", "140").stdout
    assert "河东区 2026 work report" in out and "Light" in out and "not started" in out
    assert "地区生产总值增长4.5%" in out  # task texts stay as they are


# -- user text is data ---------------------------------------------------------------------------

HOSTILE = "[bold]x[/bold] [/] \x1b[31mred\x1b[0m \x9b2J \x07 end"


def test_markup_and_escapes_are_stored_exactly_and_shown_literally(hedong: Hedong) -> None:
    # Stored past update's rules (which now remove the controls), as an older hedong or psql could.
    record_as_stored(hedong.db, "2.1.3", note=HOSTILE, author="[red]王[/red]")
    assert journal_rows(hedong.db)[0][8] == HOSTILE
    shown = hedong("show", "2.1.3", "--width", "200").stdout
    assert not ANSI_OR_CONTROL.search(shown)
    assert "[bold]x[/bold] [/] \\x1b[31mred\\x1b[0m \\x9b2J \\x07 end" in shown and "[red]王[/red]" in shown
    log = hedong("log", "--width", "200").stdout
    assert "[bold]x[/bold]" in log and not ANSI_OR_CONTROL.search(log)
    raw = hedong("status", "--format", "json").stdout
    assert not ANSI_OR_CONTROL.search(raw.replace("\n", ""))
    assert next(t for t in json.loads(raw)["tasks"] if t["id"] == "2.1.3")["note"] == HOSTILE


def test_hostile_task_id_in_error_is_made_visible(hedong: Hedong) -> None:
    result = hedong("update", "\x1b]0;pwned\x07", "--value", "1")
    assert result.exit_code == 2 and "\x1b" not in result.stderr and "\\x1b]0;pwned\\x07" in result.stderr


# -- CJK alignment ------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 120])
def test_tables_align_at_80_and_120_columns(hedong: Hedong, columns: int) -> None:
    hedong("update", "2.1.3", "--value", "32", "--note", "新引进首店32家，其中区域首店5家")
    hedong("update", "1.2.3", "--value", "2.5")
    hedong("update", "6.3.1", "--status", "done")
    out = hedong("status", "--all", "--width", str(columns)).stdout
    assert assert_tables_aligned(out, columns) == SECTION_COUNT  # one table per section
    assert "落地京冀企业" in out and "#" not in out
    for title in ("引进各类首店", "新增义务教育学位"):
        assert title in out, "short titles must not be cut"
    assert assert_tables_aligned(hedong("log", "--width", str(columns)).stdout, columns) == 1
    assert assert_tables_aligned(hedong("show", "2.1.3", "--width", str(columns)).stdout, columns) == 1


# -- where, version, subprocess ----------------------------------------------------------------


def test_where_and_version(hedong: Hedong, tmp_path: Path) -> None:
    lines = hedong("where").stdout.splitlines()
    assert lines[0].startswith("catalogue\t") and lines[0].endswith("(default)")
    assert lines[1] == f"journal\t{hedong.db}\t($HEDONG_DB)"
    assert hedong("where", "--db", str(tmp_path / "x.sqlite")).stdout.splitlines()[1].endswith("(--db)")
    assert hedong("--version").stdout == f"hedong {__version__}\n"


def test_installed_entry_point_runs_from_any_directory(tmp_path: Path) -> None:
    exe = installed_hedong()
    env = {**os.environ, "HEDONG_DB": str(tmp_path / "j.sqlite"), "HEDONG_TODAY": TODAY.isoformat()}
    env.pop("HEDONG_DATA", None)
    env.pop("COLUMNS", None)
    run = subprocess.run(
        [exe, "update", "2.1.3", "--value", "12"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    status = subprocess.run([exe, "status"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert status.returncode == 0 and status.stderr == ""
    assert "\x1b" not in status.stdout, "piped output must carry no colour codes"
    assert assert_tables_aligned(status.stdout, 80) == 2  # the overview: sections, then what needs attention
    bad = subprocess.run(
        [exe, "update", "nope", "--value", "1"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert bad.returncode == 2 and bad.stderr == "hedong: 未知的任务编号 nope\n" and "Traceback" not in bad.stderr
    module = subprocess.run(
        [Path(exe).with_name("python"), "-m", "hedong_cli", "--version"], capture_output=True, text=True, check=False
    )
    assert module.stdout == f"hedong {__version__}\n"
