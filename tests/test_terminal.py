"""The terminal on rich: alignment by rich's own cell measurement, the status overview, colour and piping,
progress bars on stderr, completion, ``--lang`` anywhere, and checkin's line input."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.cells import cell_len

from hedong_cli import __version__
from tests.conftest import CATALOG, TODAY, Hedong, installed_hedong
from tests.test_cli_core import SECTION_COUNT, assert_tables_aligned, gap_columns
from tests.workflow_helpers import entries, ok, record_as_stored, workflow_hedong

ESC = "\x1b"


def seed(hedong: Hedong) -> None:
    ok(hedong("update", "2.1.3", "--value", "32", "--note", "新引进首店32家，其中区域首店5家"))
    ok(hedong("update", "1.2.3", "--value", "2.5"))
    ok(hedong("update", "1.1.2", "--value", "655"))
    ok(hedong("update", "6.3.1", "--status", "done"))
    ok(hedong("update", "2.1.10", "--status", "推进中", "--date", "2026-09-01"))  # “小”“微”: curly quotes
    ok(hedong("assign", "1.2.2", "--lead", "区发展改革委（区国资委）"))  # full-width brackets


def rules(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("-") and set(line) <= {"-", " "}]


# -- alignment ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 120])
def test_every_table_aligns_by_rich_cell_measurement(hedong: Hedong, columns: int) -> None:
    seed(hedong)
    width = str(columns)
    full = ok(hedong("status", "--all", "--width", width)).stdout
    assert assert_tables_aligned(full, columns) == SECTION_COUNT
    # the report's punctuation is kept: “” stay “” (measured narrow, as common terminals draw them)
    assert "“小”" in full and "「" not in full
    assert hedong.json("show", "2.1.10")["title"] == "落地首发首秀活动及“小”“微”会展"
    # one layout for the whole status: every section's table has the same columns
    assert len(set(rules(full))) == 1
    title_width = len(re.findall(r"-+", rules(full)[0])[1]) - 1
    assert title_width >= 16
    overview = ok(hedong("status", "--width", width)).stdout
    assert assert_tables_aligned(overview, columns) == 2
    assert "区发展改革委" in overview
    for args in (["show", "2.1.10"], ["log"], ["units"], ["status", "--section", "2"]):
        out = ok(hedong(*args, "--width", width)).stdout
        assert assert_tables_aligned(out, columns) >= 1, args
        assert all(cell_len(line) <= columns for line in out.splitlines())


def test_the_terminal_keeps_the_punctuation_of_the_report() -> None:
    from hedong_cli.catalogue.model import load_catalog
    from hedong_cli.render.console import shown

    for task in load_catalog(CATALOG).tasks:
        for text in (task.title, task.text):
            assert shown(text) == text, task.id


@pytest.mark.parametrize("columns", [80, 120])
def test_tables_align_on_a_terminal_set_to_ambiguous_wide(hedong: Hedong, columns: int) -> None:
    import unicodedata

    from hedong_cli.render.console import measure_ambiguous

    seed(hedong)
    hedong.extra_env = {"HEDONG_AMBIGUOUS_WIDE": "1"}
    try:
        wide = {
            args[0]: ok(hedong(*args, "--width", str(columns))).stdout
            for args in (["status", "--all"], ["show", "2.1.10"])
        }
    finally:
        measure_ambiguous({})  # rich's own narrow measure again, for the check below and for other tests

    def cells(line: str) -> list[str]:  # the screen of a terminal set to wide: "A" characters take two
        out: list[str] = []
        for ch in line:
            size = 2 if unicodedata.east_asian_width(ch) == "A" else cell_len(ch)
            out.extend([ch] + [""] * (size - 1))
        return out

    assert "“十五五”" in wide["status"] and "「" not in wide["status"]
    assert assert_tables_aligned(wide["status"], columns, cells) == SECTION_COUNT
    assert assert_tables_aligned(wide["show"], columns, cells) >= 1


def test_the_task_column_keeps_16_columns_at_80_while_targets_wrap(hedong: Hedong) -> None:
    out = ok(hedong("status", "--section", "1", "--width", "80")).stdout
    widths = [len(dashes) - 1 for dashes in re.findall(r"-+", rules(out)[0])]
    assert widths[1] >= 16 and widths[1] > widths[2]  # the task title wider than the target
    assert "引入市级高质量项目" in out


def test_markup_is_literal_in_every_table(hedong: Hedong) -> None:
    ok(hedong("assign", "2.1.3", "--lead", "[bold]区商务局[/bold] :smile:"))
    for args in (["status"], ["units"], ["show", "2.1.3"], ["log"]):
        out = ok(hedong(*args, "--width", "200")).stdout
        assert "[bold]区商务局[/bold] :smile:" in out, args


def test_bidi_and_control_characters_stay_visible(hedong: Hedong) -> None:
    record_as_stored(hedong.db, "2.1.3", note="正常\x1b[31m红\u202e倒置")  # update now removes them
    out = ok(hedong("show", "2.1.3")).stdout
    assert ESC not in out and "\\x1b[31m红" in out


# -- colour and piping -------------------------------------------------------------------------------------


def test_piped_output_is_plain_without_trailing_padding(hedong: Hedong) -> None:
    seed(hedong)
    for args in (["status"], ["status", "--all", "--width", "120"], ["units"], ["show", "2.1.3"], ["log"]):
        out = ok(hedong(*args)).stdout
        assert ESC not in out, args
        assert all(line == line.rstrip() for line in out.splitlines()), args


def test_force_color_and_no_color(tmp_path: Path) -> None:
    coloured = Hedong(db=tmp_path / "j.sqlite", extra_env={"FORCE_COLOR": "1"})
    out = ok(coloured("status", "--light", "red", "--width", "120")).stdout
    assert f"{ESC}[" in out and "红" in out
    both = Hedong(db=tmp_path / "j.sqlite", extra_env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert ESC not in ok(both("status")).stdout


def test_bars_from_100_columns_only_in_colour(tmp_path: Path) -> None:
    hedong = Hedong(db=tmp_path / "j.sqlite", extra_env={"FORCE_COLOR": "1"})
    ok(hedong("update", "1.1.2", "--value", "350"))
    wide = ok(hedong("status", "--section", "1", "--width", "120")).stdout
    narrow = ok(hedong("status", "--section", "1", "--width", "99")).stdout
    plain = re.sub(r"\x1b\[[0-9;]*m", "", wide)
    assert re.search(r"-{4,} *-* +50\.0%", plain), "rich's bar (drawn in ASCII) beside the percentage"
    assert "50.0%" in narrow and not re.search(r"-{4,} +50\.0%", re.sub(r"\x1b\[[0-9;]*m", "", narrow))


# -- the overview --------------------------------------------------------------------------------------------


def test_overview_opens_on_sections_then_red_then_yellow_with_reasons(hedong: Hedong) -> None:
    seed(hedong)
    ok(hedong("update", "6.3.1", "--status", "adjusted"))  # a yellow task
    out = ok(hedong("status")).stdout
    lines = out.splitlines()
    assert lines[0] == "河东区2026年政府工作报告重点任务推进情况" and "序时进度 90.4%" in lines[1]
    section_header = next(i for i, line in enumerate(lines) if line.startswith("领域"))
    assert "已完成" in lines[section_header] and "平均进度" in lines[section_header]
    assert sum(1 for line in lines if line.startswith("（")) == SECTION_COUNT - 1  # a row per section but 0
    red_at = out.index("落后序时进度")
    assert out.index("时间过半尚未启动") > 0 and out.index("任务已调整") > red_at  # red before yellow
    assert "落后序时进度" in out and "个百分点" in out
    # A rate is judged against its target all year, so its reason names the target, not 序时进度.
    reasons = {line.split()[0]: line.split()[-1] for line in lines if re.match(r"^0\.[14] ", line)}
    assert reasons["0.1"].startswith("距目标尚差") and reasons["0.4"].startswith("落后序时进度"), reasons
    # piped: the whole attention list, nothing cut, no "more" line
    attention = [line for line in lines if re.match(r"^\d+(\.\d+)+ ", line)]
    total = len(hedong.json("status")["tasks"])
    assert len(attention) == total - 1  # all but the one green task (1.1.2, at 93.6%)
    assert "未列出" not in out


def test_filtered_views_say_so_and_count_only_what_they_show(hedong: Hedong) -> None:
    seed(hedong)
    out = ok(hedong("status", "--light", "red,yellow", "--section", "2")).stdout
    lines = out.splitlines()
    assert lines[2].startswith("以下 ") and "筛选条件：--section 2 --light red,yellow" in lines[2]
    shown = len([line for line in lines if re.match(r"^2\.\d+\.\d+ ", line)])
    assert f"以下 {shown} 项中" in lines[2] and f"任务 {shown} 项" in lines[3]
    everything = ok(hedong("status", "--all")).stdout
    assert "以下" not in everything and everything.count("编号") == SECTION_COUNT


def test_json_csv_and_markdown_never_import_rich(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "HEDONG_DB": str(tmp_path / "j.sqlite"),
        "HEDONG_DATA": str(CATALOG),
        "HEDONG_CACHE_DIR": str(tmp_path / "cache"),
        "HEDONG_TODAY": TODAY.isoformat(),
    }
    probe = "import sys; from hedong_cli.launch import main; sys.argv = ['hedong', *sys.argv[1:]]; main()"
    for fmt in ("json", "csv", "md"):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", probe, "status", "--format", fmt],
            capture_output=True, text=True, env=env, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-500:]
        imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
        assert "typer" in imported  # the probe does see imports
        assert not {name for name in imported if name == "rich" or name.startswith("rich.")}, fmt
    table = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", probe, "status"], capture_output=True, text=True, env=env, timeout=60
    )
    assert "rich.table" in table.stderr


# -- the first screen, through the installed entry point under a pseudo-terminal ---------------------------------


def run_in_pty(args: list[str], env: dict[str, str], rows: int, columns: int, timeout: float = 30) -> str:
    import fcntl
    import pty
    import select
    import struct
    import termios

    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    proc = subprocess.Popen(args, stdin=child, stdout=child, stderr=child, env=env, close_fds=True)
    os.close(child)
    chunks, deadline = [], time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 0.2)
            if ready:
                try:
                    data = os.read(main, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                break
    finally:
        proc.kill() if proc.poll() is None else None
        proc.wait(timeout=5)
        os.close(main)
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_first_screen_of_a_50_row_terminal_shows_sections_and_red_tasks(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "HEDONG_DB": str(tmp_path / "j.sqlite"),
        "HEDONG_DATA": str(CATALOG),
        "HEDONG_CACHE_DIR": str(tmp_path / "cache"),
        "HEDONG_TODAY": TODAY.isoformat(),
        "TERM": "xterm-256color",
    }
    for key in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES"):
        env.pop(key, None)
    out = run_in_pty([installed_hedong(), "status"], env, rows=50, columns=80)
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out)
    lines = plain.rstrip("\n").split("\n")
    assert len(lines) <= 49, f"{len(lines)} lines do not fit 50 rows with the prompt"
    assert ESC in out, "a terminal gets colour"
    assert any(line.startswith("领域") for line in lines)
    assert sum(1 for line in lines if re.match(r"^\d+\.\d+(\.\d+)? .*红", line)) >= 10
    assert re.match(r"另有 \d+ 项未列出：hedong status --light red,yellow 或 --all$", lines[-1]), lines[-1]


# -- progress bars on stderr ---------------------------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_busy_bar_shows_on_a_terminal_after_the_delay_only() -> None:
    from hedong_cli.render.busy import Busy

    stream = FakeTerminal()
    with Busy("正在导出 台账.xlsx", total=4, stream=stream, environ={}, delay=0.05) as busy:
        for _ in range(4):
            time.sleep(0.08)
            busy.advance()
    assert "正在导出 台账.xlsx" in stream.getvalue()
    quick = FakeTerminal()
    with Busy("quick", stream=quick, environ={}, delay=0.5):
        pass
    assert quick.getvalue() == ""
    for kwargs in ({"quiet": True, "stream": FakeTerminal()}, {"stream": io.StringIO()}):
        with Busy("x", environ={}, delay=0.0, **kwargs) as busy:  # type: ignore[arg-type]
            time.sleep(0.1)
        assert busy.stream.getvalue() == ""


def test_export_with_quiet_or_piped_writes_no_bar(hedong: Hedong, tmp_path: Path) -> None:
    result = hedong("export", str(tmp_path / "a.csv"), "--quiet")
    assert result.exit_code == 0 and result.stderr == ""
    assert hedong("export", "--format", "json").stderr == ""


# -- completion ------------------------------------------------------------------------------------------------------


def complete(words: str, tmp_path: Path, shell: str = "zsh") -> str:
    """What the shell would offer after ``words``, from a real run of the installed entry point."""
    env = {
        **os.environ,
        "HEDONG_DB": str(tmp_path / "j.sqlite"),
        "HEDONG_DATA": str(CATALOG),
        "HEDONG_CACHE_DIR": str(tmp_path / "cache"),
        "_HEDONG_COMPLETE": f"complete_{shell}",
        "_TYPER_COMPLETE_ARGS": words,
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    }
    done = subprocess.run([installed_hedong()], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_completion_offers_ids_with_titles_units_statuses_and_formats(hedong: Hedong, tmp_path: Path) -> None:
    hedong.db = tmp_path / "j.sqlite"
    ok(hedong("assign", "2.1.3", "--lead", "区商务局", "--partner", "区文化和旅游局"))
    before = hedong.db.read_bytes()
    ids = complete("hedong show 2.1.1", tmp_path)
    assert '"2.1.1":"商业载体提质升级和商圈差异化发展"' in ids and '"2.1.10"' in ids and '"2.1.2"' not in ids
    assert "区文化和旅游局" in complete("hedong status --unit 区", tmp_path)
    statuses = complete("hedong update 1.1.1 --status ", tmp_path)
    assert "已完成" in statuses and "done" in statuses
    assert "docx" in complete("hedong brief --format ", tmp_path)
    assert "已完成" in complete("hedong update 1.1.1 --status ", tmp_path, shell="fish")
    assert hedong.db.read_bytes() == before  # read, never written
    assert not (tmp_path / "j.sqlite-journal").exists()


def test_completion_loads_no_rich_and_passes_titles_through_as_text(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "HEDONG_DB": str(tmp_path / "j.sqlite"),
        "HEDONG_DATA": str(CATALOG),
        "HEDONG_CACHE_DIR": str(tmp_path / "cache"),
        "_HEDONG_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": "hedong show 1.2.2",
    }
    probe = "import sys; sys.argv = ['hedong']; from hedong_cli.launch import main; main()"
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", probe], capture_output=True, text=True, env=env)
    assert "强化“站”的枢纽功能" in done.stdout  # exactly as the catalogue has it: a shell shows no table
    assert not re.search(r"\| +rich\b", done.stderr), "completion must not import rich"


def test_completion_never_creates_a_journal(tmp_path: Path) -> None:
    assert "区" not in complete("hedong status --unit 区", tmp_path)
    assert not (tmp_path / "j.sqlite").exists()


SHELL_SCRIPTS = {
    "bash": "COMPREPLY=",
    "zsh": "#compdef hedong",
    "fish": "complete --command hedong",
    "powershell": "Register-ArgumentCompleter",
}


def test_completion_script_for_each_shell(hedong: Hedong) -> None:
    # The script of the shell named, whatever shell runs the tests: typer's own option ignored the name
    # and guessed from the parent processes, so this failed when the suite ran under sh.
    for shell, marker in SHELL_SCRIPTS.items():
        result = hedong("--show-completion", shell)
        assert result.exit_code == 0 and "_HEDONG_COMPLETE" in result.stdout, shell
        assert marker in result.stdout, shell


def test_completion_script_does_not_depend_on_the_parent_shell(tmp_path: Path) -> None:
    script = f"{installed_hedong()} --show-completion zsh"
    done = subprocess.run(["/bin/sh", "-c", script], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert SHELL_SCRIPTS["zsh"] in done.stdout


# -- --lang anywhere -----------------------------------------------------------------------------------------------


def test_lang_before_or_after_the_command_and_with_version(hedong: Hedong) -> None:
    assert ok(hedong("--version", "--lang", "en")).stdout == f"hedong {__version__}\n"
    before = ok(hedong("--lang", "en", "status", "--light", "red")).stdout
    after = ok(hedong("status", "--light", "red", "--lang", "en")).stdout
    assert before == after and before.startswith("河东区 2026 work report")
    assert "unknown task id" in hedong("--lang", "en", "update", "9.9", "--value", "1").stderr
    done = subprocess.run([installed_hedong(), "--version", "--lang", "en"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, f"hedong {__version__}\n")


# -- checkin -----------------------------------------------------------------------------------------------------------


def test_checkin_prompt_shows_the_unit_and_never_stores_escape_sequences(tmp_path: Path) -> None:
    wf = workflow_hedong(tmp_path)
    typed = "已开诊\x1b[D\x1b[D正式\x1bOA\x07"
    result = wf("checkin", "--unit", "区教育局", input=f"5\n推进中\n{typed}\n\n\n\n")
    assert result.exit_code == 0, result.stdout
    assert "本期数值（" in result.stdout and "）[—]: " in result.stdout
    assert "输入中的控制字符和转义序列已去除" in result.stdout
    notes = [row[8] for row in entries(wf.db)]
    assert notes[0] == "已开诊正式"
    assert not any(ESC in (note or "") for note in notes)


def test_clean_answer() -> None:
    from hedong_cli.cli.checkin import clean_answer

    assert clean_answer("a\x1b[1;5Cb\x1b]0;title\x07c\x9b2Jd\te") == "abcde"
    assert clean_answer("正常的进展（含“引号”）") == "正常的进展（含“引号”）"
    assert gap_columns("---- ---") == [3, 4]
