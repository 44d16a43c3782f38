"""Attacks on the text fields and the edges of a run, each refused or answered with one line.

One rule for every text field (``hedong_cli.common.rules``): a name (unit, leader, 填报人, ``--by``, $HEDONG_USER) and a
reason (调整说明) holding an escape, a control or a bidi character, or too long, is refused at every entry point;
a note loses such characters and says so. Then: plan dates (month 0, a deadline in 9999), ``--config`` on a
FIFO, a closed standard output, and Ctrl-C during an import.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from hedong_cli.cli.app import Session
from hedong_cli.journal import Journal, JournalLocation
from tests.conftest import Hedong, installed_hedong
from tests.workflow_helpers import (
    WORKFLOW_CATALOG,
    edit_csv_rows,
    edit_xlsx,
    entries,
    ok,
    read_csv_rows,
    record_as_stored,
    workflow_hedong,
    write_csv_rows,
)

ESC_RED = "\x1b[31m"
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: the Trojan Source character


@pytest.fixture
def wf(tmp_path: Path) -> Hedong:
    return workflow_hedong(tmp_path)


def journal_bytes(hedong: Hedong) -> bytes | None:
    db = Path(hedong.db)
    return db.read_bytes() if db.exists() else None


def refused(result: object, *expected: str) -> str:
    """The one-line refusal's text, after checking its exit status, that it shows no raw control, and ``expected``."""
    assert result.exit_code == 2, (result.stdout, result.stderr)  # type: ignore[attr-defined]
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert "\x1b" not in stderr and RLO not in stderr, stderr
    for text in expected:
        assert text in stderr, stderr
    return stderr


# -- 6. names: unit names, --by, $HEDONG_USER, the ledger's 填报人 ---------------------------------------------


@pytest.mark.parametrize("name", [f"区商务局{RLO}", f"区商务局{ESC_RED}X", "区\u2066商务局\u2069"])
@pytest.mark.parametrize("option", ["--lead", "--partner"])
def test_assign_refuses_a_unit_name_with_an_escape_or_a_bidi_override(wf: Hedong, option: str, name: str) -> None:
    # Before: U+202E and the isolates were stored, and a table then read right to left from there.
    args = ["--lead", name] if option == "--lead" else ["--lead", "区商务局", "--partner", name]
    field = "牵头单位" if option == "--lead" else "配合单位"
    refused(wf("assign", "1.1.1", *args), f"hedong: {field}“区", "”含控制字符")
    assert entries(wf.db) == []


def test_assign_refuses_a_three_million_character_unit_name_in_one_short_line(wf: Hedong) -> None:
    stderr = refused(wf("assign", "1.1.1", "--lead", "局" * 3_000_000))
    assert stderr == "hedong: 牵头单位“局局局局局局局局局局…”有 3,000,000 个字，超过 100 个字的上限\n"
    refused(wf("assign", "1.1.1", "--lead", "区商务局", "--partner", "配" * 101), "配合单位", "101 个字")
    assert entries(wf.db) == []
    ok(wf("assign", "1.1.1", "--lead", "局" * 100))  # the limit itself is a name


@pytest.mark.parametrize(
    "command",
    [
        ["update", "1.1.1", "--value", "5"],
        ["undo"],
        ["assign", "1.1.1", "--lead", "区商务局"],
        ["plan", "1.1.1", "--leader", "王副区长"],
        ["checkin", "--section", "1"],
    ],
    ids=lambda args: args[0],
)
@pytest.mark.parametrize("by", [f"督查室{RLO}王", f"王{ESC_RED}", "王" * 101])
def test_by_with_a_bidi_override_an_escape_or_a_paragraph_is_refused_by_every_writing_command(
    wf: Hedong, command: list[str], by: str
) -> None:
    record_as_stored(wf.db, "1.1.2", catalog=WORKFLOW_CATALOG, value=1.0)  # for undo
    before = entries(wf.db)
    refused(wf(*command, "--by", by, input="\n\n\n"), "hedong: 填报人（--by）“")
    assert entries(wf.db) == before


@pytest.mark.parametrize("variable", ["HEDONG_USER", "USER"])
def test_an_author_variable_with_an_escape_is_refused_before_anything_is_written(tmp_path: Path, variable: str) -> None:
    environment = {"HEDONG_DATA": str(WORKFLOW_CATALOG), "HEDONG_USER": "", variable: f"王{ESC_RED}\x1b]0;t\x07"}
    hedong = Hedong(db=tmp_path / "journal.sqlite", extra_env=environment)
    refused(hedong("update", "1.1.1", "--value", "5"), f"hedong: 环境变量 {variable}“王\\u001b[31m")
    assert entries(hedong.db) == []
    ok(hedong("update", "1.1.1", "--value", "5", "--by", "督查室"))  # --by stands in for it


def _ledger_with_filing_person(wf: Hedong, tmp_path: Path, person: str) -> Path:
    import openpyxl

    path = tmp_path / "台账.xlsx"
    ok(wf("export", str(path)))
    workbook = openpyxl.load_workbook(path)
    summary = workbook["汇总"]
    labels = {summary.cell(row, 1).value: row for row in range(1, summary.max_row + 1)}
    summary.cell(labels["填报人"], 2).value = person
    workbook.save(path)
    return edit_xlsx(path, {"1.1.1": {"new_value": 500}})


@pytest.mark.parametrize("person", [f"王{RLO}某", "王" * 101])
def test_a_filing_person_with_a_bidi_override_or_a_paragraph_is_refused_with_its_row(
    wf: Hedong, tmp_path: Path, person: str
) -> None:
    # Before: the 填报人 became the entries' author, escaped and cut at 100 characters without a word.
    path = _ledger_with_filing_person(wf, tmp_path, person)
    stderr = refused(wf("import", str(path), "--yes"), "台账.xlsx", "汇总", "填报人“王")
    assert stderr.count("\n") == 1
    assert entries(wf.db) == []
    ok(wf("import", str(_ledger_with_filing_person(wf, tmp_path, "王 某")), "--yes"))
    assert entries(wf.db)[-1][9] == "王 某"


# -- 6. reasons --------------------------------------------------------------------------------------------


def test_a_reason_with_an_escape_or_three_million_characters_is_refused(hedong: Hedong) -> None:
    move = ("plan", "2.1.3", "--due", "2027-03-31", "--reason")
    refused(hedong(*move, f"a{ESC_RED}X"), "hedong: 调整说明“a\\u001b[31mX”含控制字符")
    refused(hedong(*move, f"跨年{RLO}项目"), "调整说明")
    stderr = refused(hedong(*move, "理" * 3_000_000))
    assert stderr == "hedong: 调整说明“理理理理理理理理理理…”有 3,000,000 个字，超过 1,000 个字的上限\n"
    assert not Path(hedong.db).exists()
    ok(hedong(*move, "理" * 1_000))


def test_a_reason_typed_over_two_lines_is_one_paragraph(hedong: Hedong) -> None:
    ok(hedong("plan", "2.1.3", "--due", "2027-03-31", "--reason", "跨年项目\r\n 资金分两批到位"))
    assert hedong.json("plan", "2.1.3")["reason"] == "跨年项目 资金分两批到位"


# -- 6. notes: cleaned at every entry point, and the person told ----------------------------------------------


NOTE = f"第一批{ESC_RED}落地{RLO}\x00\r\n第二批\t在谈"
CLEAN = "第一批落地\n第二批\t在谈"  # the line break and the tab kept, the escape sequence gone whole


def test_a_note_with_an_escape_and_a_bidi_override_is_stored_without_them_by_update(wf: Hedong) -> None:
    result = ok(wf("update", "1.1.1", "--note", NOTE))
    assert result.stderr == "（进展说明中的控制字符和转义序列已去除）\n"
    assert entries(wf.db)[0][8] == CLEAN
    assert ok(wf("update", "1.1.1", "--note", "第三批")).stderr == ""  # nothing removed, nothing said


def test_a_note_with_an_escape_and_a_bidi_override_is_stored_without_them_by_the_ledger(
    wf: Hedong, tmp_path: Path
) -> None:
    path = tmp_path / "台账.csv"
    ok(wf("export", str(path)))
    note = NOTE.replace("\x00", "\x07")  # a NUL would make the file binary, which the import refuses whole
    write_csv_rows(path, edit_csv_rows(read_csv_rows(path), {"1.1.1": {"new_note": note}}))
    result = ok(wf("import", str(path), "--yes"))
    assert "（1 条进展说明中的控制字符和转义序列已去除）" in result.stdout
    assert entries(wf.db)[0][8] == CLEAN
    again = ok(wf("import", str(path), "--yes"))  # the same file again: the cleaned note is no change
    assert "没有需要写入的变更" in again.stdout and len(entries(wf.db)) == 1


def test_checkin_removes_a_bidi_override_as_it_removes_escapes(wf: Hedong) -> None:
    # Before: checkin removed escape sequences and C0/C1 controls, but kept U+202E.
    answers = ["", "", f"开工{RLO}建设{ESC_RED}", "", "", "", "", "", "", "", "", ""]
    result = ok(wf("checkin", "--section", "1", input="\n".join(answers) + "\n"))
    assert "（输入中的控制字符和转义序列已去除）" in result.stdout
    assert entries(wf.db)[0][8] == "开工建设"


# -- 6. the 分工方案: untouched is no change, a hostile cell is refused with its cell ---------------------------


def _stored_before_the_rule(hedong: Hedong) -> None:
    """A plan and an assignment holding what today's entry points refuse, as an older hedong stored them."""
    step = {"date": "2026-09-30", "text": f"主体{ESC_RED}开工"}
    plan = {"due": "2027-03-31", "leader": f"{RLO}甲", "nodes": [step], "reason": f"a{ESC_RED}X"}
    record_as_stored(hedong.db, "2.1.3", kind="plan", plan=plan)
    record_as_stored(hedong.db, "2.1.3", kind="assign", lead=f"区商务局{ESC_RED}", partners=(f"{RLO}区文旅局",))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_untouched_form_imports_as_no_change_even_when_the_journal_holds_control_characters(
    hedong: Hedong, tmp_path: Path, suffix: str
) -> None:
    # Before: the reason a\e[31mX came back as the literal text a\x1b[31mX, looked changed, and was written.
    _stored_before_the_rule(hedong)
    before = journal_bytes(hedong)
    form = tmp_path / f"分工方案{suffix}"
    ok(hedong("plan", "export", str(form)))
    result = ok(hedong("plan", "import", str(form), "--yes"))
    assert "没有需要写入的变更" in result.stdout
    assert journal_bytes(hedong) == before


def _form_row(hedong: Hedong, tmp_path: Path, task_id: str, **cells: str) -> Path:
    form = tmp_path / "分工方案.csv"
    ok(hedong("plan", "export", str(form)))
    rows = read_csv_rows(form)
    for row in rows[1:]:
        if row[1] == task_id:
            for title, value in cells.items():
                row[rows[0].index(title)] = value
    write_csv_rows(form, rows)
    return form


@pytest.mark.parametrize(
    ("column", "value", "cell"),
    [
        ("牵头单位", f"区商务局{RLO}", "D8: 牵头单位"),
        ("配合单位", f"区文旅局、区{ESC_RED}财政局", "E8: 配合单位"),
        ("配合单位", "、".join(["配" * 101, "区财政局"]), "E8: 配合单位"),
        ("调整说明", f"a{ESC_RED}X", "I8: 调整说明"),
        ("调整说明", "理" * 1_001, "I8: 调整说明"),
    ],
)
def test_a_form_cell_with_a_hostile_unit_name_or_reason_is_refused_naming_the_cell(
    hedong: Hedong, tmp_path: Path, column: str, value: str, cell: str
) -> None:
    form = _form_row(hedong, tmp_path, "1.1.1", **{column: value})
    refused(hedong("plan", "import", str(form), "--yes"), cell)
    assert not Path(hedong.db).exists()


@pytest.mark.parametrize("step", [f"主体{RLO}开工", f"主体开工{ESC_RED}", "工" * 101])
def test_a_described_step_with_a_bidi_override_or_a_paragraph_is_refused_by_the_option_and_the_form(
    hedong: Hedong, tmp_path: Path, step: str
) -> None:
    refused(hedong("plan", "6.3.1", "--node", f"2026-09-30:{step}"), "hedong: 形象进度“")
    form = _form_row(hedong, tmp_path, "6.3.1", 节点安排=f"2026-09-30 {step}")
    line = next(n for n, row in enumerate(read_csv_rows(form), start=1) if row[1:2] == ["6.3.1"])
    refused(hedong("plan", "import", str(form), "--yes"), f"H{line}: 形象进度“")
    assert not Path(hedong.db).exists()


# -- 8c. plan dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("due", ["2027年0月底", "0月底", "2026年0月", "2026-06-00", "6月0日", "2026年13月底"])
def test_month_zero_or_day_zero_is_not_a_deadline(hedong: Hedong, due: str) -> None:
    # Before: 2027年0月底 was read as 2026-12-31, the day before "month 0" of 2027.
    refused(hedong("plan", "2.1.3", "--due", due), f"hedong: 完成时限“{due}”无法识别")
    assert not Path(hedong.db).exists()


def test_a_deadline_in_9999_is_refused_unless_this_change_says_why(hedong: Hedong, tmp_path: Path) -> None:
    # Before: a reason given once for 2027 vouched for any later date, 9999-12-31 included.
    ok(hedong("plan", "2.1.3", "--due", "2027-03-31", "--reason", "跨年项目"))
    before = journal_bytes(hedong)
    stderr = refused(hedong("plan", "2.1.3", "--due", "9999-12-31"))
    assert stderr == (
        "hedong: 完成时限 9999-12-31 晚于 2031-12-31（清单年度后 5 年）；如确需如此，须同时用 --reason 说明理由\n"
    )
    form = _form_row(hedong, tmp_path, "2.1.3", 完成时限="9999-12-31")
    refused(hedong("plan", "import", str(form), "--yes"), "G25: 完成时限 9999-12-31 晚于 2031-12-31")
    assert journal_bytes(hedong) == before
    ok(hedong("plan", "2.1.3", "--due", "2031-12-31"))  # within five years, the reason kept is enough
    ok(hedong("plan", "2.1.3", "--due", "2040-12-31", "--reason", "二期工程纳入十六五规划"))
    assert hedong.json("plan", "2.1.3")["due"] == "2040-12-31"


# -- 8d. --config on a FIFO ---------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
def test_a_config_that_is_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    # A real process with a timeout: before, opening the FIFO waited for a writer for ever.
    fifo = tmp_path / "config.yaml"
    os.mkfifo(fifo)
    environment = {**os.environ, "HEDONG_DB": str(tmp_path / "journal.sqlite"), "HEDONG_TODAY": "2026-11-26"}
    result = subprocess.run(
        [installed_hedong(), "brief", "--config", str(fifo)],
        capture_output=True,
        text=True,
        timeout=30,
        env=environment,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == f"hedong: {fifo}:0: 不是普通文件（管道、设备或文件夹），无法作为设置文件读取\n"


# -- 8e. a closed standard output ---------------------------------------------------------------------------


def _with_stdout_closed(args: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``hedong ARGS`` writing into a pipe whose reader has already gone, as after ``| head -1``, every time."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [installed_hedong(), *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            env=environment,
            check=False,
        )
    finally:
        os.close(write_end)


def test_a_closed_stdout_ends_every_command_quietly_with_status_0(tmp_path: Path) -> None:
    # Before: status, show, units and json output exited 1 without a word (typer's and rich's broken-pipe exit).
    db = tmp_path / "journal.sqlite"
    environment = {**os.environ, "HEDONG_DB": str(db), "HEDONG_TODAY": "2026-11-26", "HEDONG_USER": "督查室"}
    for args in (
        ["update", "2.1.3", "--value", "3"],
        ["status"],
        ["status", "--format", "json"],
        ["show", "2.1.3"],
        ["units"],
        ["export", "--format", "csv"],
        ["--version"],
    ):
        result = _with_stdout_closed(args, environment)
        assert (result.returncode, result.stderr) == (0, ""), args
    assert len(entries(db)) == 1  # the update was written: 0 is the truth, and a script must not run it again


# -- 8f. Ctrl-C during an import ----------------------------------------------------------------------------


def _ledger_with_values(wf: Hedong, tmp_path: Path) -> Path:
    path = tmp_path / "台账.csv"
    ok(wf("export", str(path)))
    write_csv_rows(path, edit_csv_rows(read_csv_rows(path), {"1.1.1": {"new_value": "500"}, "1.1.2": {}}))
    return path


def test_ctrl_c_while_an_import_reads_says_nothing_was_written(
    wf: Hedong, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hedong_cli.documents.ledger_import as ledger_import

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ledger_import, "plan_import", interrupted)
    result = wf("import", str(_ledger_with_values(wf, tmp_path)), "--yes")
    assert (result.exit_code, result.stderr) == (130, "hedong: 已中断：没有写入任何记录\n")


def test_ctrl_c_while_an_import_writes_says_nothing_was_written_and_nothing_was(
    journal_target: JournalLocation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On both backends: the rows are rolled back with the transaction Ctrl-C interrupted.
    wf = Hedong(db=journal_target.url or journal_target.path, extra_env={"HEDONG_DATA": str(WORKFLOW_CATALOG)})  # type: ignore[arg-type]
    real_insert = Journal._insert_rows

    def insert_then_interrupt(self: Journal, rows: list[dict[str, object]]) -> list[int]:
        real_insert(self, rows)  # the rows are in the open transaction when Ctrl-C comes
        raise KeyboardInterrupt

    monkeypatch.setattr(Journal, "_insert_rows", insert_then_interrupt)
    result = wf("import", str(_ledger_with_values(wf, tmp_path)), "--yes")
    assert (result.exit_code, result.stderr) == (130, "hedong: 已中断：没有写入任何记录\n")
    monkeypatch.undo()
    assert wf.json("log") == []


def test_ctrl_c_after_an_import_committed_says_what_was_written(
    wf: Hedong, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_echo = Session.echo

    def echo_then_interrupt(self: Session, line: str, *, err: bool = False) -> None:
        if line.startswith("已写入"):  # the committed import's last line
            raise KeyboardInterrupt
        real_echo(self, line, err=err)

    monkeypatch.setattr(Session, "echo", echo_then_interrupt)
    result = wf("import", str(_ledger_with_values(wf, tmp_path)), "--yes")
    assert (result.exit_code, result.stderr) == (130, "hedong: 已中断：已写入 1 条记录（#1–#1）\n")
    assert len(entries(wf.db)) == 1


def test_ctrl_c_while_a_plan_form_is_imported_says_nothing_was_written(
    hedong: Hedong, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hedong_cli.documents.plan_table as plan_table

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    form = _form_row(hedong, tmp_path, "1.1.1", 分管区领导="王副区长")
    monkeypatch.setattr(plan_table, "import_changes", interrupted)
    result = hedong("plan", "import", str(form), "--yes")
    assert (result.exit_code, result.stderr) == (130, "hedong: 已中断：没有写入任何记录\n")
