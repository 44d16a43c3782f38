"""The 台账 round trip: ``hedong export`` → edit with openpyxl → ``hedong import``, and what bad files get."""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from hedong_cli.common.textsafe import FORMULA_START
from hedong_cli.documents.ledger import INDEX
from hedong_cli.render.xlsx_print import PAGE_UNITS
from tests.conftest import TODAY, Hedong, installed_hedong
from tests.workflow_helpers import (
    ENCRYPTED_XLSX,
    WORKFLOW_CATALOG,
    edit_csv_rows,
    edit_xlsx,
    entries,
    find_row,
    ok,
    read_csv_rows,
    workflow_hedong,
    write_csv_rows,
)

HOSTILE_NOTES = {
    "0.1": '=HYPERLINK("http://example.invalid/x","点此查看")',
    "0.2": "+1 新增就业岗位",
    "1.1.1": "-x 落地项目减少",
    "1.1.2": "@SUM(A1:A9) 已完工",
    "1.1.3": "\t首行缩进的说明",
    "2.1.1": "'=已带引号的公式样文本",
}


@pytest.fixture
def wf(tmp_path: Path) -> Hedong:
    return workflow_hedong(tmp_path)


def tasks_by_id(hedong: Hedong) -> dict[str, dict]:
    return {task["id"]: task for task in hedong.json("status")["tasks"]}


def seed(hedong: Hedong) -> None:
    ok(hedong("update", "1.1.1", "--value", "320", "--note", "季度进展", "--date", "2026-10-10"))
    ok(hedong("update", "0.1", "--value", "-0.5", "--note", "增速回落"))
    ok(hedong("assign", "1.1.1", "1.1.2", "1.1.3", "--lead", "区商务局", "--partner", "区发展改革委"))


# -- the round trip ------------------------------------------------------------------------------


def test_export_layout(wf: Hedong, tmp_path: Path) -> None:
    seed(wf)
    path = tmp_path / "台账.xlsx"
    result = ok(wf("export", str(path)))
    assert result.stdout == f"已导出 8 项任务（3 个板块）到 {path}\n"
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [
        "汇总",
        "主要预期目标",
        "（一）拓展服务融入京津冀协同发展的深度广度",  # the lead clause: a short tab, never cut mid-word
        "（二）民生保障",
    ]
    summary = workbook["汇总"]
    assert summary["A1"].value == "2026年政府工作报告重点任务推进台账"  # the fixture names no source.region
    assert summary.protection.sheet
    ws = workbook["（二）民生保障"]
    header = [cell.value for cell in ws[1]]
    assert header == [
        "任务编号", "任务内容", "目标", "单位(计量)", "牵头单位", "完成时限", "当前值", "状态",
        "进展情况", "更新日期", "本期数值", "本期状态", "本期进展情况", "校验码",
    ]  # fmt: skip
    assert [ws.cell(row, 1).value for row in (2, 3)] == ["2.1.1", "2.1.2"]
    assert ws.cell(2, INDEX["target"] + 1).value == "6所以上" and ws.cell(2, INDEX["lead"] + 1).value == "区教育局"
    assert ws.freeze_panes == "B2" and ws.protection.sheet and not ws.protection.password
    assert all(cell.font.bold for cell in ws[1])
    for row in (2, 3):
        for index in range(len(header)):
            locked = ws.cell(row, index + 1).protection.locked
            assert locked == (header[index] not in ("本期数值", "本期状态", "本期进展情况")), (row, header[index])
    widths = {header[i]: ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(14)}
    # 任务内容 holds the report's sentence: it gets the most room; the shown columns fit A4 at full size.
    assert widths["任务内容"] == max(widths.values()) and widths["任务编号"] <= 8
    assert sum(width for name, width in widths.items() if name != "校验码") <= PAGE_UNITS
    assert ws.cell(2, INDEX["text"] + 1).alignment.wrap_text
    assert ws.column_dimensions["N"].hidden  # the check code
    dropdown = next(rule for rule in ws.data_validations.dataValidation if rule.type == "list")
    assert dropdown.type == "list" and dropdown.formula1 == '"未启动,推进中,已完成,受阻,已调整"'
    assert str(dropdown.sqref) == "H2:H3 L2:L3"


def test_export_edit_import_round_trip(wf: Hedong, tmp_path: Path) -> None:
    seed(wf)
    path = tmp_path / "ledger.xlsx"
    ok(wf("export", str(path)))
    edit_xlsx(
        path,
        {
            "1.1.1": {"new_value": 450, "new_note": "新落地京冀项目450个"},
            "1.1.2": {"new_status": "已完成"},
            "0.1": {"new_value": "4.6%"},  # a unit typed with its unit: accepted for a % target
            "2.1.1": {"new_value": "3", "new_status": "in progress"},  # text digits, English status name
            "2.1.2": {"new_note": "   "},  # blank: no change
        },
    )
    before = len(entries(wf.db))
    result = ok(wf("import", str(path), "--by", "区商务局", "--width", "200"))
    lines = result.stdout.splitlines()
    assert any("1.1.1" in line and "数值 320 -> 450" in line for line in lines), result.stdout
    assert "读取 8 行：4 项有变更，4 项不变（与 2026-11-26 的进度日志比较）" in result.stdout
    assert lines[-1] == f"已写入 4 条记录（#{before + 1}–#{before + 4}），日期 2026-11-26"
    tasks = tasks_by_id(wf)
    assert (tasks["1.1.1"]["value"], tasks["1.1.1"]["note"]) == (450, "新落地京冀项目450个")
    assert tasks["1.1.2"]["status"] == "done" and tasks["0.1"]["value"] == 4.6
    assert (tasks["2.1.1"]["value"], tasks["2.1.1"]["status"]) == (3, "in_progress")
    written = entries(wf.db)[before:]
    assert [row[2] for row in written] == ["0.1", "1.1.1", "1.1.2", "2.1.1"]
    assert {row[9] for row in written} == {"区商务局"}  # author
    # Only the fields that changed are in each entry: 1.1.2 sets its status and nothing else.
    assert written[2][6:9] == ("done", None, None)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_unchanged_export_imports_as_zero_changes(wf: Hedong, tmp_path: Path, suffix: str) -> None:
    seed(wf)
    for task_id, note in HOSTILE_NOTES.items():
        ok(wf("update", task_id, "--note", note))
    path = tmp_path / f"ledger{suffix}"
    ok(wf("export", str(path)))
    before = entries(wf.db)
    result = ok(wf("import", str(path)))
    assert result.stdout.splitlines()[-1] == "与进度日志一致，没有需要写入的变更"
    assert "读取 8 行：0 项有变更，8 项不变" in result.stdout
    assert entries(wf.db) == before


def test_import_twice_adds_nothing_the_second_time(wf: Hedong, tmp_path: Path) -> None:
    seed(wf)
    path = tmp_path / "ledger.xlsx"
    ok(wf("export", str(path)))
    edit_xlsx(path, {"1.1.1": {"new_value": 500, "new_status": "推进中", "new_note": "五百"}, "0.2": {"new_value": 1}})
    ok(wf("import", str(path)))
    after_first = entries(wf.db)
    second = ok(wf("import", str(path)))
    assert "与进度日志一致" in second.stdout
    assert entries(wf.db) == after_first


def test_protected_columns_are_checked_against_the_export_not_the_moved_journal(wf: Hedong, tmp_path: Path) -> None:
    seed(wf)
    path = tmp_path / "ledger.xlsx"
    ok(wf("export", str(path)))
    ok(wf("update", "1.1.1", "--value", "600", "--note", "督查室另行登记"))  # the journal moves on
    edit_xlsx(path, {"2.1.1": {"new_value": 2}})
    result = ok(wf("import", str(path)))
    assert "1 项有变更" in result.stdout
    assert tasks_by_id(wf)["1.1.1"]["value"] == 600  # the stale 当前值 in the sheet did not revert it


# -- all or nothing --------------------------------------------------------------------------------


def test_one_bad_row_among_good_ones_writes_nothing(wf: Hedong, tmp_path: Path) -> None:
    seed(wf)
    path = tmp_path / "ledger.xlsx"
    ok(wf("export", str(path)))
    edit_xlsx(
        path,
        {
            "0.1": {"new_value": 4.7},  # good
            "0.2": {"new_value": "一万三"},  # not a number
            "1.1.1": {"value": 999, "new_value": 400},  # typed over the protected 当前值
            "1.1.2": {"new_status": "差不多"},  # unknown status
            "1.1.3": {"text": "改过的任务内容"},  # protected catalogue text edited
            "2.1.1": {"new_value": 2},  # good
            "2.1.2": {"new_value": 5},  # not a quantitative task
        },
    )
    workbook = openpyxl.load_workbook(path)
    ws = workbook["（二）民生保障"]
    ws.append([cell.value for cell in ws[2]])  # 2.1.1 again: a duplicated row, row 4
    ws.append(["9.9.9"])  # row 5: unknown id
    workbook.save(path)
    before = entries(wf.db)
    for args in ([], ["--dry-run"], ["--yes"]):
        result = wf("import", str(path), *args)
        assert result.exit_code == 2 and "Traceback" not in result.stderr
        assert entries(wf.db) == before, "nothing may be written"
    lines = result.stderr.splitlines()
    sheet0, sheet1, sheet2 = (
        "主要预期目标",
        "（一）拓展服务融入京津冀协同发展的深度广度",
        "（二）民生保障",
    )
    assert lines == [
        f"hedong: ledger.xlsx 工作表“{sheet0}”第 3 行：“本期数值”不是数字：一万三",
        f"hedong: ledger.xlsx 工作表“{sheet1}”第 2 行：受保护的“当前值”列被修改；"
        "本期情况请填在“本期数值”“本期状态”“本期进展情况”列",
        f"hedong: ledger.xlsx 工作表“{sheet1}”第 3 行：“本期状态”是未知的状态：差不多"
        "（可用：未启动、推进中、已完成、受阻、已调整）",
        f"hedong: ledger.xlsx 工作表“{sheet1}”第 4 行：受保护的“任务内容”列被修改；"
        "本期情况请填在“本期数值”“本期状态”“本期进展情况”列",
        f"hedong: ledger.xlsx 工作表“{sheet2}”第 3 行：任务 2.1.2 不是量化指标，“本期数值”应留空，情况请写在进展情况中",
        f"hedong: ledger.xlsx 工作表“{sheet2}”第 4 行：任务 2.1.1 重复（工作表“{sheet2}”第 2 行已有）",
        f"hedong: ledger.xlsx 工作表“{sheet2}”第 5 行：未知的任务编号 9.9.9",
        "hedong: 发现 7 个问题，未写入任何记录",
    ]


def test_formulas_typed_into_the_sheet_are_refused(wf: Hedong, tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    ok(wf("export", str(path)))
    edit_xlsx(path, {"0.1": {"new_value": "=2+2"}})  # openpyxl stores a leading "=" as a formula
    result = wf("import", str(path))
    assert result.exit_code == 2 and entries(wf.db) == []
    assert (
        result.stderr
        == "hedong: ledger.xlsx 工作表“主要预期目标”第 2 行：“本期数值”是公式（=2+2），请直接填写数值或文字\n"
    )


def test_catalogue_changed_since_export_is_refused(wf: Hedong, tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    ok(wf("export", str(path)))
    changed = tmp_path / "catalog.yaml"
    text = (
        WORKFLOW_CATALOG.read_text(encoding="utf-8")
        .replace("700个以上", "800个以上")
        .replace("value: 700", "value: 800")
    )
    changed.write_text(text, encoding="utf-8")
    edit_xlsx(path, {"1.1.1": {"new_value": 10}})
    result = wf("import", str(path), "--data", str(changed))
    assert result.exit_code == 2 and entries(wf.db) == []
    assert result.stderr.splitlines()[0].endswith(
        "第 2 行：“任务内容”与当前任务清单不符（台账导出后清单已变更），请重新导出"
    )
    assert "“目标”与当前任务清单不符" in result.stderr


# -- formula injection -----------------------------------------------------------------------------


def test_formula_neutralising_both_ways(wf: Hedong, tmp_path: Path) -> None:
    for task_id, note in HOSTILE_NOTES.items():
        ok(wf("update", task_id, "--note", note))
    xlsx, csv_path = tmp_path / "ledger.xlsx", tmp_path / "ledger.csv"
    ok(wf("export", str(xlsx)))
    ok(wf("export", str(csv_path)))

    # Out: every text cell that a spreadsheet would run starts with an apostrophe instead.
    workbook = openpyxl.load_workbook(xlsx)
    notes = {}
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_START), f"{ws.title}!{cell.coordinate}"
        if ws.title != "汇总":
            notes.update({ws.cell(r, 1).value: ws.cell(r, INDEX["note"] + 1).value for r in range(2, ws.max_row + 1)})
    assert notes["0.1"] == "'" + HOSTILE_NOTES["0.1"]
    assert notes["1.1.3"] == "'\t首行缩进的说明"
    assert notes["2.1.1"] == "''=已带引号的公式样文本"  # an existing apostrophe is doubled, so undoing is exact
    rows = read_csv_rows(csv_path)
    for row in rows:
        for field in row:
            assert not field.startswith(FORMULA_START) or _is_number(field), field
    catalogue_text = {row[0]: row[INDEX["text"]] for row in rows[1:]}["1.1.4"]
    assert catalogue_text.startswith("'+5%以上")

    # Back: importing either file finds every note unchanged, i.e. restored exactly.
    for path in (xlsx, csv_path):
        assert "0 项有变更" in ok(wf("import", str(path))).stdout

    # And a unit's own note that begins with a formula character arrives as typed.
    edit_xlsx(xlsx, {"1.1.1": {"new_note": "'+2 项，另有@提醒"}})
    ok(wf("import", str(xlsx)))
    assert tasks_by_id(wf)["1.1.1"]["note"] == "+2 项，另有@提醒"
    rows = edit_csv_rows(read_csv_rows(csv_path), {"1.1.2": {"new_note": "'=HYPERLINK(1)"}})
    write_csv_rows(csv_path, rows)
    ok(wf("import", str(csv_path)))
    assert tasks_by_id(wf)["1.1.2"]["note"] == "=HYPERLINK(1)"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# -- CSV -------------------------------------------------------------------------------------------


def test_csv_has_a_bom_and_survives_an_excel_save(wf: Hedong, tmp_path: Path) -> None:
    seed(wf)
    path = tmp_path / "ledger.csv"
    ok(wf("export", str(path)))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + "任务编号,任务内容".encode())
    # Excel in a Chinese locale saves "CSV" as GB18030 and rewrites dates as 2026/10/10.
    rows = read_csv_rows(path)
    for row in rows[1:]:
        for key in ("updated", "due"):
            row[INDEX[key]] = row[INDEX[key]].replace("-", "/")
    edit_csv_rows(rows, {"1.1.1": {"new_value": "1,200", "new_status": "推进中", "new_note": "超额完成"}})
    write_csv_rows(path, rows, encoding="gb18030")
    result = ok(wf("import", str(path)))
    assert "1 项有变更" in result.stdout and "数值 320 -> 1200" in result.stdout
    assert tasks_by_id(wf)["1.1.1"]["value"] == 1200
    # On standard output the CSV is for scripts: no BOM.
    piped = ok(wf("export", "--format", "csv"))
    assert piped.stdout.startswith("任务编号,")


def test_json_export_for_scripts(wf: Hedong) -> None:
    seed(wf)
    data = json.loads(ok(wf("export", "-", "--format", "json", "--unit", "区商务局")).stdout)
    assert data["unit"] == "区商务局" and data["as_of"] == "2026-11-26"
    assert [task["id"] for task in data["tasks"]] == ["1.1.1", "1.1.2", "1.1.3", "1.1.4"]
    first = data["tasks"][0]
    assert (first["value"], first["status"], first["note"], first["lead"]) == (
        320,
        "in_progress",
        "季度进展",
        "区商务局",
    )


# -- options and errors --------------------------------------------------------------------------


def test_export_per_unit(wf: Hedong, tmp_path: Path) -> None:
    seed(wf)
    path = tmp_path / "区教育局.xlsx"
    assert ok(wf("export", str(path), "--unit", "区教育局")).stdout == f"已导出 2 项任务（1 个板块）到 {path}\n"
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["汇总", "（二）民生保障"]
    assert [workbook["汇总"].cell(3, column).value for column in (1, 2)] == ["填报单位", "区教育局"]
    # A partner unit gets the tasks it works on too.
    data = json.loads(ok(wf("export", "--format", "json", "--unit", "区发展改革委")).stdout)
    assert [task["id"] for task in data["tasks"]] == ["1.1.1", "1.1.2", "1.1.3"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "请给出输出文件（如 台账.xlsx），或用 --format csv 或 --format json 输出到标准输出"),
        (["out.xlsx", "--format", "csv"], "文件扩展名 .xlsx 与 --format csv 不符"),
        (["out.txt"], "无法从文件名 out.txt 判断格式，请加 --format xlsx|csv|json"),
        (["out.xlsx", "--unit", "区商务"], "没有以“区商务”为牵头或配合单位的任务（已有单位：区商务局"),
        (["out.xlsx", "--section", "7"], "未知的板块“7”"),
    ],
)
def test_export_errors_are_one_line(
    wf: Hedong, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    seed(wf)
    monkeypatch.chdir(tmp_path)
    result = wf("export", *args)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr
    assert list(tmp_path.glob("out*")) == []


def test_export_replaces_atomically(wf: Hedong, tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(b"old contents")
    ok(wf("export", str(path)))
    assert zipfile.is_zipfile(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.xlsx"]  # no temp file left behind
    missing = wf("export", str(tmp_path / "no-such-dir" / "ledger.xlsx"))
    assert missing.exit_code == 1 and missing.stderr.startswith("hedong: 无法写入 ")
    assert len(missing.stderr.splitlines()) == 1


# -- damaged input ---------------------------------------------------------------------------------


def _corrupt(path: Path) -> None:
    path.write_bytes(b"\x00\x01 this is not a workbook \xff" * 20)


def _zip_not_xlsx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "just a zip")


def _truncated(path: Path, source: Path) -> None:
    path.write_bytes(source.read_bytes()[:2000])


def _empty_workbook(path: Path) -> None:
    openpyxl.Workbook().save(path)


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("corrupt.xlsx", _corrupt, "hedong: corrupt.xlsx 不是有效的 .xlsx 文件（File is not a zip file）"),
        ("zip.xlsx", _zip_not_xlsx, "hedong: zip.xlsx 不是有效的 .xlsx 文件"),
        ("truncated.xlsx", "truncate", "hedong: truncated.xlsx 不是有效的 .xlsx 文件"),
        ("locked.xlsx", "encrypted", "hedong: locked.xlsx 是设有打开密码的加密工作簿或旧版 .xls 文件"),
        ("empty.xlsx", _empty_workbook, "hedong: empty.xlsx 工作表“Sheet”：是空表（没有表头）"),
        ("empty.csv", lambda p: p.write_bytes(b""), "hedong: empty.csv：是空表（没有表头）"),
        ("bom-only.csv", lambda p: p.write_bytes(b"\xef\xbb\xbf\r\n"), "hedong: bom-only.csv：是空表（没有表头）"),
        (
            "header.csv",
            lambda p: p.write_text("id,value\n1.1.1,3\n"),
            "hedong: header.csv 第 1 行：表头不符：应为 任务编号",
        ),
        ("binary.csv", lambda p: p.write_bytes(b"\xff\xfe\x00\x00\x81\x30"), "不是 UTF-8 或 GB18030 编码的文本"),
        ("ledger.json", lambda p: p.write_text("{}"), "hedong: 无法导入"),
        ("missing.xlsx", None, "hedong: 找不到文件"),
    ],
)
def test_damaged_input_is_one_line_and_writes_nothing(
    wf: Hedong, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, make: object, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    ok(wf("update", "1.1.1", "--value", "1"))
    before = entries(wf.db)
    path = tmp_path / name
    if make == "encrypted":
        path.write_bytes(ENCRYPTED_XLSX.read_bytes())
    elif make == "truncate":
        good = tmp_path / "good.xlsx"
        ok(wf("export", str(good)))
        _truncated(path, good)
    elif callable(make):
        make(path)
    result = wf("import", name)
    assert result.exit_code == 2, result.stdout
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert message in result.stderr, result.stderr
    assert result.stdout == ""
    assert entries(wf.db) == before


def test_import_date_and_dry_run(wf: Hedong, tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    ok(wf("export", str(path)))
    edit_xlsx(path, {"1.1.1": {"new_value": 50}})
    dry = ok(wf("import", str(path), "--dry-run"))
    assert dry.stdout.splitlines()[-1] == "试运行（--dry-run）：未写入任何记录" and entries(wf.db) == []
    future = wf("import", str(path), "--date", "2026-12-01")
    assert future.exit_code == 2 and "晚于今天" in future.stderr and entries(wf.db) == []
    ok(wf("import", str(path), "--date", "2026-11-20"))
    (row,) = entries(wf.db)
    assert row[5] == "2026-11-20" and row[7] == 50
    # Idempotent for a back-dated import too: the state on its own date is what it is compared with.
    assert "0 项有变更" in ok(wf("import", str(path), "--date", "2026-11-20")).stdout


def test_english_export_imports_under_chinese_labels(wf: Hedong, tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    ok(wf("export", str(path), "--lang", "en"))
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[0] == "Summary" and workbook.worksheets[1]["K1"].value == "New value"
    edit_xlsx(path, {"1.1.2": {"new_status": "done"}})
    assert "1 项有变更" in ok(wf("import", str(path))).stdout


# -- the installed command -----------------------------------------------------------------------


def test_installed_hedong_weekly_loop(tmp_path: Path) -> None:
    exe = installed_hedong()
    env = {
        **os.environ,
        "HEDONG_DB": str(tmp_path / "j.sqlite"),
        "HEDONG_DATA": str(WORKFLOW_CATALOG),
        "HEDONG_TODAY": TODAY.isoformat(),
        "HEDONG_USER": "督查室",
    }

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [exe, *args], cwd=tmp_path, env=env, input=stdin, capture_output=True, text=True, check=False
        )

    assert run("assign", "2.1.1", "2.1.2", "--lead", "区教育局").returncode == 0
    exported = run("export", "区教育局.xlsx", "--unit", "区教育局")
    assert exported.returncode == 0, exported.stderr
    edit_xlsx(tmp_path / "区教育局.xlsx", {"2.1.1": {"new_value": 4, "new_note": "4所已开工"}})
    dry = run("import", "区教育局.xlsx", "--dry-run")
    assert dry.returncode == 0 and "试运行" in dry.stdout and "4所已开工" in dry.stdout
    assert not dry.stderr
    real = run("import", "区教育局.xlsx", "--by", "区教育局")  # stdin is not a terminal: no question asked
    assert real.returncode == 0 and "已写入 1 条记录" in real.stdout, real.stderr
    status = run("status", "--unit", "区教育局", "--format", "json")
    values = {task["id"]: task["value"] for task in json.loads(status.stdout)["tasks"]}
    assert values == {"2.1.1": 4, "2.1.2": None}
    broken = run("import", "nothing.csv")
    assert broken.returncode == 2 and broken.stderr.count("\n") == 1 and "Traceback" not in broken.stderr


def test_preview_aligns_at_80_columns_and_can_be_cut_short(wf: Hedong, tmp_path: Path) -> None:
    from tests.test_cli_core import assert_tables_aligned

    seed(wf)
    path = tmp_path / "ledger.xlsx"
    ok(wf("export", str(path)))
    edit_xlsx(
        path,
        {
            "1.1.1": {
                "new_value": 451,
                "new_status": "推进中",
                "new_note": "新落地京冀项目451个，含央企二三级公司12家",
            },
            "1.1.2": {"new_status": "已完成", "new_note": "多行\n说明"},
            "2.1.1": {"new_value": 1},
        },
    )
    preview = ok(wf("import", str(path), "--dry-run")).stdout
    table = preview.split("\n读取")[0]  # the closing counts follow the table directly
    assert assert_tables_aligned(table, 80) == 1
    assert "数值 320 -> 451" in preview and "状态 未启动 -> 已完成" in preview and "数值 空 -> 1" in preview
    assert "多行\\n说明" in preview  # a newline typed in a note is shown, not obeyed
    short = ok(wf("import", str(path), "--dry-run", "--limit", "1")).stdout
    assert "2.1.1" not in short and "……另有 2 项变更未列出（--limit 0 列出全部）" in short
    assert wf("import", str(path), "--limit", "-1").exit_code == 2


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a POSIX terminal")
@pytest.mark.parametrize(("answer", "code", "written"), [("n", 1, 0), ("y", 0, 1)])
def test_import_asks_at_a_terminal(tmp_path: Path, answer: str, code: int, written: int) -> None:
    exe = installed_hedong()
    env = {
        **os.environ,
        "HEDONG_DB": str(tmp_path / "j.sqlite"),
        "HEDONG_DATA": str(WORKFLOW_CATALOG),
        "HEDONG_TODAY": TODAY.isoformat(),
    }
    subprocess.run([exe, "export", "ledger.xlsx"], cwd=tmp_path, env=env, check=True, capture_output=True)
    edit_xlsx(tmp_path / "ledger.xlsx", {"1.1.1": {"new_value": 7}})
    controller, terminal = os.openpty()
    os.write(controller, f"{answer}\n".encode())  # typed ahead: the terminal keeps it until asked
    process = subprocess.Popen(
        [exe, "import", "ledger.xlsx"], cwd=tmp_path, env=env, stdin=terminal, stdout=terminal, stderr=terminal
    )
    os.close(terminal)
    output = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the process has exited
            break
        if not chunk:
            break
        output += chunk
    os.close(controller)
    assert process.wait() == code
    text = output.decode()
    assert "写入以上 1 条记录？ [y/N]:" in text
    assert ("已写入 1 条记录" in text) == bool(written) and ("已取消，未写入任何记录" in text) == (not written)
    assert len(entries(tmp_path / "j.sqlite")) == written


# -- the printed and filled-in workbook (issue: a 台账 that prints) --------------------------------


def test_xlsx_prints_on_a4_with_header_footer_and_fitting_rows(wf: Hedong, tmp_path: Path) -> None:
    from hedong_cli.render.ledger_xlsx import DATA_PT
    from hedong_cli.render.xlsx_print import FONT_NAME, cell_lines, line_height

    line = line_height(DATA_PT)

    seed(wf)
    long_note = "进展情况：" + "新落地京冀企业项目，完成年度目标的百分之四十六，" * 6 + "\n第二段说明"
    ok(wf("update", "1.1.2", "--note", long_note))
    path = tmp_path / "台账.xlsx"
    ok(wf("export", str(path), "--unit", "区商务局"))
    workbook = openpyxl.load_workbook(path)
    for ws in workbook.worksheets:  # 汇总 included: it prints one page wide too
        setup = ws.page_setup
        assert (int(setup.paperSize), setup.orientation) == (9, "landscape"), ws.title  # 9: A4
        assert (setup.fitToWidth, setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage) == (1, 0, True)
        assert ws.oddHeader.left.text == "区商务局" and ws.oddHeader.right.text == "&A"  # the unit, the sheet
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    ws = workbook["（一）拓展服务融入京津冀协同发展的深度广度"]
    assert ws.print_title_rows == "$1:$1"
    # Row heights: at least the lines the wrapped cells need at the columns' final widths.
    widths = {i: ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(14)}
    wrapped = [i for i in range(14) if ws.cell(2, i + 1).alignment.wrap_text]
    assert INDEX["note"] in wrapped and INDEX["text"] in wrapped
    checked = 0
    for row in range(2, ws.max_row + 1):
        lines = max(cell_lines(str(ws.cell(row, i + 1).value or ""), widths[i], DATA_PT) for i in wrapped)
        height = ws.row_dimensions[row].height
        assert (height or line) >= lines * line, (row, height, lines)
        checked += lines > 1
    assert checked >= 2, "some rows wrap, and their heights were checked"
    note_row = find_row(ws, "1.1.2")
    assert ws.row_dimensions[note_row].height >= 16 * line  # the long note, in a 16-wide column
    # Dates are date cells; every style names a Chinese font.
    due, updated = ws.cell(note_row, INDEX["due"] + 1), ws.cell(note_row, INDEX["updated"] + 1)
    assert updated.is_date and updated.value.date().isoformat() == TODAY.isoformat()
    assert updated.number_format == "yyyy-mm-dd" and due.is_date and due.number_format == "yyyy-mm-dd"
    assert {ws.cell(r, c).font.name for r in (1, note_row) for c in range(1, 15)} == {FONT_NAME}
    # 本期数值: decimal validation, the input message naming the unit of measure, an error message.
    letter = openpyxl.utils.get_column_letter(INDEX["new_value"] + 1)
    rules = [rule for rule in ws.data_validations.dataValidation if rule.type == "decimal"]
    assert rules and all(str(rule.sqref).startswith(letter) for rule in rules)
    (count_rule,) = [rule for rule in rules if "个" in (rule.prompt or "")]
    assert count_rule.operator == "greaterThanOrEqual" and count_rule.formula1 == "0"
    assert count_rule.showInputMessage and count_rule.showErrorMessage and "数字" in count_rule.error
    for row in range(2, ws.max_row + 1):  # every row's 本期数值 has a rule: a number, or "leave blank"
        assert any(f"{letter}{row}" in rule.sqref for rule in ws.data_validations.dataValidation), row


def test_rate_values_may_be_negative_and_the_summary_sheet_is_wrapped(wf: Hedong, tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    ok(wf("export", str(path)))
    workbook = openpyxl.load_workbook(path)
    ws = workbook["主要预期目标"]
    rate = next(rule for rule in ws.data_validations.dataValidation if "%" in (rule.prompt or ""))
    assert rate.type == "decimal" and rate.operator == "between" and float(rate.formula1) < 0  # 0.1: a rate
    summary = workbook["汇总"]
    # The text lines span the printed columns A:G and wrap, instead of running off the page.
    assert "A1:G1" in {str(rng) for rng in summary.merged_cells.ranges}
    assert summary.column_dimensions["A"].width + summary.column_dimensions["B"].width <= 80
    assert all(len(name) <= 31 and "，" not in name for name in workbook.sheetnames)


def test_filing_block_is_unlocked_and_its_person_becomes_the_author(wf: Hedong, tmp_path: Path) -> None:
    seed(wf)
    path = tmp_path / "区商务局.xlsx"
    ok(wf("export", str(path), "--unit", "区商务局"))
    workbook = openpyxl.load_workbook(path)
    summary = workbook["汇总"]
    labels = {summary.cell(row, 1).value: row for row in range(1, summary.max_row + 1)}
    for label in ("填报单位", "填报人", "联系电话", "审核人"):
        answer = summary.cell(labels[label], 2)
        assert not answer.protection.locked and summary.cell(labels[label], 1).protection.locked, label
    assert summary.cell(labels["填报单位"], 2).value == "区商务局" and summary.protection.sheet
    summary.cell(labels["填报人"], 2).value = "王  某\n"
    summary.cell(labels["联系电话"], 2).value = "12345678"
    workbook.save(path)
    edit_xlsx(path, {"1.1.1": {"new_value": 500}})
    before = len(entries(wf.db))
    result = ok(wf("import", str(path), "--yes"))
    assert "填报单位：区商务局，填报人：王 某（记录的录入人：王 某）" in result.stdout
    assert [row[9] for row in entries(wf.db)[before:]] == ["王 某"]  # 填报人, whitespace tidied
    edit_xlsx(path, {"1.1.1": {"new_value": 510}})
    ok(wf("import", str(path), "--by", "督查室"))  # --by still wins
    assert entries(wf.db)[-1][9] == "督查室"


# -- 完成时限: the plan's where it sets one (issue 18) ----------------------------------------------


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_ledger_shows_the_plans_deadline_and_an_untouched_one_imports_as_no_change(
    wf: Hedong, tmp_path: Path, suffix: str
) -> None:
    seed(wf)
    ok(wf("plan", "1.1.2", "--due", "2026-10-31", "--reason", "按市级部署提前完成"))  # catalogue: 2026-12-31
    ok(wf("plan", "1.1.3", "--due", "2027-03-31", "--reason", "跨年度实施"))  # catalogue: none (31 December)
    ok(wf("plan", "1.1.1", "--leader", "王副区长"))  # a plan that keeps the deadline
    path = tmp_path / f"ledger{suffix}"
    ok(wf("export", str(path)))
    data = wf.json("export")
    due = {task["id"]: (task["due"], task["due_adjusted"]) for task in data["tasks"]}
    assert due["1.1.2"] == ("2026-10-31", {"from": "2026-12-31", "reason": "按市级部署提前完成"})
    assert due["1.1.3"] == ("2027-03-31", {"from": "2026-12-31", "reason": "跨年度实施"})
    assert due["1.1.1"] == (None, None)
    if suffix == ".xlsx":
        workbook = openpyxl.load_workbook(path)
        ws = workbook["（一）拓展服务融入京津冀协同发展的深度广度"]
        moved, kept = ws.cell(find_row(ws, "1.1.2"), INDEX["due"] + 1), ws.cell(find_row(ws, "1.1.1"), INDEX["due"] + 1)
        assert moved.is_date and moved.value.date().isoformat() == "2026-10-31"
        assert moved.number_format == 'yyyy-mm-dd"*"'  # shown as 2026-10-31*
        assert "2026-12-31" in moved.comment.text and "按市级部署提前完成" in moved.comment.text
        assert kept.value is None and kept.comment is None
        assert ws.oddFooter.left.text == "* 完成时限已调整，原时限和调整说明见“汇总”表"
        assert not workbook["（二）民生保障"].oddFooter.left.text  # no moved deadline there, no footnote
        summary = [[cell.value for cell in row] for row in workbook["汇总"].iter_rows()]
        (row,) = [row for row in summary if row[0] == "1.1.2 华勘总部项目投入使用"]
        assert row[1] == "按市级部署提前完成" and row[2].date().isoformat() == "2026-12-31"
        assert row[4].date().isoformat() == "2026-10-31"
    before = entries(wf.db)
    result = ok(wf("import", str(path)))
    assert "读取 8 行：0 项有变更，8 项不变" in result.stdout
    assert entries(wf.db) == before
    # The check code still guards the cell: a 完成时限 typed over is refused, naming the column.
    if suffix == ".xlsx":
        edit_xlsx(path, {"1.1.2": {"due": "2026-12-31", "new_value": 1}})
        result = wf("import", str(path))
        assert result.exit_code != 0 and "完成时限" in result.stderr


def test_a_note_longer_than_a_row_holds_is_cut_saying_where_the_rest_is(wf: Hedong, tmp_path: Path) -> None:
    from hedong_cli.render.ledger_xlsx import DATA_PT
    from hedong_cli.render.xlsx_print import MAX_ROW_HEIGHT_PT, cell_lines, max_lines

    seed(wf)
    note = '=HYPERLINK("http://x")' + "第一阶段完成场地清表，第二阶段推进主体施工，" * 120 + "结尾文字"
    ok(wf("update", "1.1.3", "--note", note))
    path = tmp_path / "ledger.xlsx"
    ok(wf("export", str(path)))
    ws = openpyxl.load_workbook(path)["（一）拓展服务融入京津冀协同发展的深度广度"]
    row = find_row(ws, "1.1.3")
    shown = ws.cell(row, INDEX["note"] + 1).value
    width = ws.column_dimensions[openpyxl.utils.get_column_letter(INDEX["note"] + 1)].width
    assert shown.startswith("'=HYPERLINK") and shown.endswith(f"……（全文{len(note):,}字，见 hedong show 1.1.3）")
    assert "结尾文字" not in shown and len(shown) < len(note) // 5
    assert cell_lines(shown, width, DATA_PT) <= max_lines(DATA_PT)
    assert ws.row_dimensions[row].height <= MAX_ROW_HEIGHT_PT
    # The cut cell is what the check code covers: an untouched ledger imports as no change.
    before = entries(wf.db)
    assert "0 项有变更" in ok(wf("import", str(path))).stdout and entries(wf.db) == before
    (task,) = [task for task in wf.json("export")["tasks"] if task["id"] == "1.1.3"]
    assert task["note"] == note  # JSON keeps the whole note


def test_a_hostile_reason_stays_text_in_the_ledger_and_the_plan_document(wf: Hedong, tmp_path: Path) -> None:
    import docx

    reason = '=HYPERLINK("http://evil.example","点此")\x07\u202e经区政府同意'
    result = wf("plan", "1.1.2", "--due", "2027-03-31", "--reason", reason)
    if result.exit_code != 0:  # refused at the door (a rule on control characters) is as good
        assert result.exit_code == 2 and not entries(wf.db), result.stderr
        return
    path = tmp_path / "ledger.xlsx"
    ok(wf("export", str(path)))
    workbook = openpyxl.load_workbook(path)
    cells = [cell for row in workbook["汇总"].iter_rows() for cell in row if "HYPERLINK" in str(cell.value or "")]
    assert cells and all(cell.data_type == "s" and str(cell.value).startswith("'=") for cell in cells)
    assert all("\x07" not in str(cell.value) for cell in cells)
    ws = workbook["（一）拓展服务融入京津冀协同发展的深度广度"]
    comment = ws.cell(find_row(ws, "1.1.2"), INDEX["due"] + 1).comment.text
    assert "HYPERLINK" in comment and "\x07" not in comment
    before = entries(wf.db)
    assert "0 项有变更" in ok(wf("import", str(path))).stdout and entries(wf.db) == before
    ok(wf("plan", "export", str(tmp_path / "分工方案.docx")))
    texts = [p.text for p in docx.Document(str(tmp_path / "分工方案.docx")).paragraphs]
    (note,) = [text for text in texts if text.startswith("1.1.2")]
    assert "=HYPERLINK" in note and "\x07" not in note
