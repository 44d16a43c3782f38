"""The 分工方案 both ways: export as xlsx/docx/csv, fill in, import (all or nothing), export again."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.workflow_helpers import entries, ok, workflow_hedong

ID_COLUMN, LEAD, PARTNERS, LEADER, DUE, NODES, REASON = 2, 4, 5, 6, 7, 8, 9  # 1-based xlsx columns
HEADER_ROW = 3


def fill(path: Path, edits: dict[str, dict[int, object]], out: Path) -> Path:
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    ws = workbook.active
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        for column, value in edits.get(ws.cell(row, ID_COLUMN).value, {}).items():
            ws.cell(row, column).value = value
    workbook.save(out)
    return out


def csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))


FILLED = {
    "1.1.1": {
        LEAD: "区发展改革委",
        PARTNERS: "区商务局、区科技局",
        LEADER: "王副区长",
        DUE: "2026年11月底",
        NODES: "6月30日前 70个；三季度末 280；11月底 700",
    },
    "1.1.2": {DUE: "三季度末", NODES: "2026-06-30 主体开工\n2026-09-30 投入使用"},
    "2.1.1": {DUE: "2027年3月底", REASON: "用地调整", NODES: "年底前:5"},
}


def test_round_trip_export_fill_import_export_gives_the_same_plan(tmp_path: Path) -> None:
    hedong = workflow_hedong(tmp_path)
    ok(hedong("plan", "export", str(tmp_path / "blank.xlsx")))
    filled = fill(tmp_path / "blank.xlsx", FILLED, tmp_path / "filled.xlsx")
    result = ok(hedong("plan", "import", str(filled), "--dry-run"))
    assert "试运行" in result.stdout and entries(hedong.db) == []
    ok(hedong("plan", "import", str(filled)))
    written = entries(hedong.db)
    assert [row[3] for row in written] == ["assign", "plan", "plan", "plan"]
    # A second import of the same file writes nothing.
    assert "没有需要写入" in ok(hedong("plan", "import", str(filled))).stdout
    assert len(entries(hedong.db)) == len(written)
    # Export again: the rows hold what was filled in, in the words the tool writes back.
    ok(hedong("plan", "export", str(tmp_path / "again.xlsx")))
    ok(hedong("plan", "export", str(tmp_path / "again.csv")))
    rows = {row[1]: row for row in csv_rows(tmp_path / "again.csv")[1:]}
    assert rows["1.1.1"][3:9] == [
        "区发展改革委",
        "区商务局、区科技局",
        "王副区长",
        "2026-11-30",
        "2026-06-30 70个；2026-09-30 280个；2026-11-30 700个",
        "",
    ]
    assert rows["1.1.2"][6:8] == ["2026-09-30", "2026-06-30 主体开工；2026-09-30 投入使用"]
    assert rows["2.1.1"][6:9] == ["2027-03-31", "2026-12-31 5所", "用地调整"]
    # ... and importing that export changes nothing: the plan is the same.
    assert "没有需要写入" in ok(hedong("plan", "import", str(tmp_path / "again.xlsx"))).stdout
    assert "没有需要写入" in ok(hedong("plan", "import", str(tmp_path / "again.csv"))).stdout
    shown = hedong.json("plan", "1.1.2")
    assert [n["expects"] for n in shown["nodes"]] == ["主体开工", "投入使用"]


def test_import_is_all_or_nothing_and_names_each_cell(tmp_path: Path) -> None:
    hedong = workflow_hedong(tmp_path)
    ok(hedong("plan", "export", str(tmp_path / "blank.xlsx")))
    bad = {
        "1.1.1": {DUE: "下个月"},  # unreadable: never a guess
        "1.1.2": {NODES: "2026-06-30:10"},  # a value on a task without a number
        "2.1.1": {LEADER: '=HYPERLINK("http://x")'},  # a real formula
        "1.1.3": {DUE: "2026-12-31", LEAD: "区科技局"},  # fine alone, but the file has errors
    }
    filled = fill(tmp_path / "blank.xlsx", bad, tmp_path / "bad.xlsx")
    result = hedong("plan", "import", str(filled))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert any("G6" in line and "下个月" in line for line in lines), lines
    assert any("H7" in line and "没有量化目标" in line for line in lines), lines
    assert any("F10" in line and "公式" in line for line in lines), lines
    assert all("分工方案" in line for line in lines[:-1])  # each names the sheet
    assert entries(hedong.db) == []


def test_export_and_import_are_formula_safe(tmp_path: Path) -> None:
    hedong = workflow_hedong(tmp_path)
    ok(hedong("plan", "1.1.3", "--leader", "=1+1 副区长", "--node", "2026-09-30:+立项"))
    ok(hedong("plan", "export", str(tmp_path / "out.csv")))
    row = next(r for r in csv_rows(tmp_path / "out.csv") if r[1] == "1.1.3")
    assert row[5] == "'=1+1 副区长"  # guarded: a spreadsheet shows it as text
    ok(hedong("plan", "export", str(tmp_path / "out.xlsx")))
    import openpyxl

    ws = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    cells = [c for r in ws.iter_rows() for c in r if c.value and "副区长" in str(c.value)]
    assert cells and all(cell.data_type == "s" for cell in cells)
    # Reading the guarded text back restores it exactly: nothing to change.
    assert "没有需要写入" in ok(hedong("plan", "import", str(tmp_path / "out.csv"))).stdout
    assert "没有需要写入" in ok(hedong("plan", "import", str(tmp_path / "out.xlsx"))).stdout


def test_the_docx_is_a_landscape_attachment_with_a_repeated_header(tmp_path: Path) -> None:
    import docx

    hedong = workflow_hedong(tmp_path)
    ok(hedong("plan", "2.1.1", "--leader", "李副区长", "--node", "2026-06-30:2", "--node", "2026-11-30:6"))
    ok(hedong("plan", "export", str(tmp_path / "分工方案.docx")))
    doc = docx.Document(str(tmp_path / "分工方案.docx"))
    section = doc.sections[0]
    assert section.page_width > section.page_height
    assert doc.paragraphs[0].text == "附件"
    assert "责任分解方案" in doc.paragraphs[1].text
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "序号", "任务编号", "目标任务", "牵头单位", "配合单位", "分管区领导", "完成时限", "节点安排",
    ]  # fmt: skip
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    row = next(r for r in table.rows if r.cells[1].text == "2.1.1")
    assert row.cells[5].text == "李副区长"
    assert row.cells[7].text == "2026-06-30 2所\n2026-11-30 6所"  # one node a line


def test_the_docx_explains_every_moved_deadline_under_the_table(tmp_path: Path) -> None:
    import docx

    hedong = workflow_hedong(tmp_path)
    ok(hedong("plan", "1.1.2", "--due", "2026-10-31", "--reason", "按市级部署提前完成"))  # catalogue: 2026-12-31
    ok(hedong("plan", "2.1.1", "--due", "2027-03-31", "--reason", "用地调整"))  # catalogue: none
    ok(hedong("plan", "1.1.1", "--due", "2026-12-31", "--leader", "王副区长"))  # the default kept: not moved
    ok(hedong("plan", "export", str(tmp_path / "分工方案.docx")))
    doc = docx.Document(str(tmp_path / "分工方案.docx"))
    rows = {row.cells[1].text: row.cells[6].text for row in doc.tables[0].rows[1:]}
    assert rows["1.1.2"] == "2026-10-31\n（调整）" and rows["2.1.1"] == "2027-03-31\n（调整）"
    assert rows["1.1.1"] == "2026-12-31"
    texts = [paragraph.text for paragraph in doc.paragraphs]
    start = texts.index("完成时限调整说明：")
    assert texts[start + 1 :] == [
        "1.1.2　华勘总部项目投入使用：原完成时限2026年12月31日，调整为2026年10月31日。按市级部署提前完成。",
        "2.1.1　新建改扩建学校：原完成时限2026年12月31日，调整为2027年3月31日。用地调整。",
    ]


def test_the_xlsx_prints_like_the_ledger(tmp_path: Path) -> None:
    import openpyxl

    from hedong_cli.render.plan_doc import XLSX_PT, XLSX_WIDTHS
    from hedong_cli.render.xlsx_print import PAGE_UNITS, cell_lines, line_height

    hedong = workflow_hedong(tmp_path)
    config = tmp_path / "config.yaml"
    config.write_text("unit: 河东区人民政府督查室\n", encoding="utf-8")
    hedong.extra_env = {**(hedong.extra_env or {}), "HEDONG_CONFIG": str(config)}
    ok(hedong("plan", "2.1.1", "--node", "2026-06-30:主体开工，完成基础工程与地下室结构施工", "--leader", "李副区长"))
    ok(hedong("plan", "export", str(tmp_path / "分工方案.xlsx")))
    ws = openpyxl.load_workbook(tmp_path / "分工方案.xlsx").active
    setup = ws.page_setup
    assert (int(setup.paperSize), setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "landscape", 1, 0)
    assert ws.print_title_rows == "$3:$3"
    assert ws.oddHeader.left.text == "河东区人民政府督查室" and ws.oddHeader.right.text == "&A"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert sum(XLSX_WIDTHS.values()) <= PAGE_UNITS  # full size on the page: the text prints at XLSX_PT
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in range(1, 10)]
    tall = 0
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        lines = max(cell_lines(str(ws.cell(row, c).value or ""), widths[c - 1], XLSX_PT) for c in range(1, 10))
        assert (ws.row_dimensions[row].height or line_height(XLSX_PT)) >= lines * line_height(XLSX_PT), row
        tall += lines > 1
    assert tall >= 2 and ws.cell(HEADER_ROW + 1, 3).font.size == XLSX_PT


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("plan", "export", "x.pdf"), "x.pdf"),
        (("plan", "export"), "分工方案.xlsx"),
        (("plan", "import", "missing.xlsx"), "missing.xlsx"),
        (("plan", "export", "x.xlsx", "--due", "2026-06-30"), "--due"),
    ],
)
def test_plan_file_usage_errors(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    hedong = workflow_hedong(tmp_path)
    result = hedong(*[str(tmp_path / a) if a.startswith(("x.", "missing")) else a for a in args])
    assert result.exit_code == 2 and message in result.stderr
