"""``hedong brief``: the weekly briefing in md, txt, html and docx, on a fixed fixture journal.

The golden file is rewritten only on purpose: ``HEDONG_UPDATE_GOLDEN=1 pytest tests/test_brief.py``,
then read the diff before committing it.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import subprocess
import unicodedata
import zipfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hedong_cli.catalogue.model import load_catalog
from hedong_cli.common.errors import HedongError, InputError
from hedong_cli.common.fileio import write_atomic
from hedong_cli.documents.briefing import build_briefing
from hedong_cli.journal import SQLiteJournal
from hedong_cli.tracking.period import resolve_period
from hedong_cli.tracking.progress import build_report
from tests.conftest import CATALOG, TODAY, Hedong, installed_hedong
from tests.workflow_helpers import record_as_stored

GOLDEN = Path(__file__).parent / "golden" / "brief_2026-W47.md"
FIXTURES = Path(__file__).parent / "fixtures"
W47_END = "2026-11-22"
HOSTILE = "对接高校<script>alert(1)</script> & </td> | 管道\n第二行"
HEADINGS_ZH = ["一、总体情况", "二、主要进展", "三、存在问题", "四、下步工作要求"]
TITLE_W47 = "关于河东区2026年《政府工作报告》重点任务第47周推进情况的通报"


def record_fixture(db: Path) -> None:
    """A journal as the office might hold it on 2026-11-22: a few figures, a retraction, a lead unit."""
    with SQLiteJournal.for_writing(db) as journal:

        def up(task: str, day: str, **fields: object) -> int:
            return journal.append("2026", task, effective=date.fromisoformat(day), author="督查室", **fields).id

        journal.append(
            "2026", "2.1.3", effective=date(2026, 3, 1), kind="assign", lead="区商务局", partners=("区文旅局",)
        )
        up("0.1", "2026-10-20", value=4.2, note="前三季度地区生产总值增长4.2%")
        up("0.2", "2026-10-25", value=1.5, note="一般公共预算收入增长1.5%")
        up("0.4", "2026-10-31", value=1.1, note="新增就业1.1万人")
        up("1.1.2", "2026-10-15", value=560, status="in_progress", note="新落地京冀企业（项目）560个")
        up("2.1.3", "2026-09-30", value=30, note="新引进首店30家")
        up("2.1.4", "2026-11-02", value=380)
        up("6.3.1", "2026-08-01", status="done", note="缘诚小学改扩建工程竣工")
        up("1.1.6", "2026-11-05", status="blocked", note=HOSTILE)
        # week 47: Monday 2026-11-16 to Sunday 2026-11-22
        up("1.1.2", "2026-11-18", value=640, note="新落地京冀企业（项目）640个")
        up("0.1", "2026-11-20", value=4.4, note="预计全年增长4.4%")
        up("6.3.4", "2026-11-19", status="done", note="太阳城学校高中建设项目已开工")
        up("3.2.3", "2026-11-17", note="数字经济特色楼宇完成选址")
        wrong = up("2.1.4", "2026-11-17", value=400, note="误报")
        journal.retract("2026", wrong, effective=date(2026, 11, 18), author="督查室")


def record_later(db: Path) -> None:
    """Entries after week 47, one of them retracting a week-47 entry."""
    with SQLiteJournal.for_writing(db) as journal:
        w47 = next(e for e in journal.history("2026", task_id="1.1.2") if e.effective == date(2026, 11, 18))
        journal.append("2026", "1.1.2", effective=date(2026, 11, 24), value=700, status="done", note="提前完成")
        journal.retract("2026", w47.id, effective=date(2026, 11, 25), author="督查室")
        journal.append("2026", "2.1.3", effective=date(2026, 11, 25), value=45, note="首店45家")
        journal.append("2026", "1.1.7", effective=date(2026, 11, 26), status="blocked", note="场地未落实")
        gdp = next(e for e in journal.history("2026", task_id="0.1") if e.effective == date(2026, 11, 20))
        journal.retract("2026", gdp.id, effective=date(2026, 11, 26), author="督查室")


@pytest.fixture
def fixture_db(hedong: Hedong) -> Hedong:
    record_fixture(hedong.db)
    return hedong


def brief(hedong: Hedong, *args: str) -> str:
    result = hedong("brief", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


# -- Markdown: golden file, escaping, agreement with status -------------------------------------


def test_golden_markdown(fixture_db: Hedong) -> None:
    output = brief(fixture_db, "--week", "2026-W47")
    if os.environ.get("HEDONG_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(output, encoding="utf-8")
    assert output == GOLDEN.read_text(encoding="utf-8")
    positions = [output.index(f"## {heading}\n") for heading in HEADINGS_ZH]
    assert positions == sorted(positions), "sections in the genre's order"
    assert output.startswith(f"# {TITLE_W47}\n\n**督查通报**　第47期　2026年11月22日\n")
    assert output.index("## 附件1") < output.index("## 附件2") and output.index("印发") < output.index("## 附件1")


def md_tables(text: str) -> dict[str, list[list[str]]]:
    """Each Markdown table under its nearest heading (the first table only), rows split on unescaped |."""
    tables: dict[str, list[list[str]]] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("#"):
            heading = line.lstrip("# ")
        elif line.startswith("|") and not line.startswith("|---"):
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
            if heading in tables and tables[heading] and len(tables[heading][0]) != len(cells):
                continue
            tables.setdefault(heading, []).append(cells)
    return tables


def test_figures_agree_with_status_json(fixture_db: Hedong) -> None:
    """附件1 lists every task in the catalogue's order with status's light; the prose's counts are status's."""
    status = fixture_db.json("status", "--as-of", W47_END)
    output = brief(fixture_db, "--week", "2026-W47")
    tables = md_tables(output)
    rows = tables["附件1　重点任务推进情况表"]
    assert rows[0][:3] == ["编号", "任务", "牵头单位"]
    light = {"green": "绿", "yellow": "黄", "red": "红"}
    assert [row[0] for row in rows[1:]] == [task["id"] for task in status["tasks"]]
    assert [row[5] for row in rows[1:]] == [light[task["light"]] for task in status["tasks"]]
    summary = status["summary"]
    lights = "亮绿灯{green}项（含已完成）、黄灯{yellow}项、红灯{red}项".format(**summary["by_light"])
    assert lights in output.replace("\n", "")
    assert f"{summary['total']}项重点任务中，已完成{summary['by_status']['done']}项" in output
    goals = next(row for row in rows if row[0] == "0.1")
    assert goals[3:7] == ["4.5%", "4.4%（目标4.5%）", "黄", "11月20日：预计全年增长4.4%"]


def test_markdown_escapes_cells(fixture_db: Hedong) -> None:
    output = brief(fixture_db, "--week", "2026-W45")  # 1.1.6's hostile note is dated in week 45
    row = next(line for line in output.splitlines() if line.startswith("| 1.1.6 |"))
    assert "\\| 管道<br>第二行" in row and "&lt;script&gt;" in row and "<script>" not in output
    header = next(line for line in output.splitlines() if line.startswith("| 编号 | 任务 |"))
    assert len(re.findall(r"(?<!\\)\|", row)) == len(re.findall(r"(?<!\\)\|", header))
    progress = output.split("## 二、主要进展")[1].split("## 三、")[0]
    assert "<script>" not in progress and "对接高校&lt;script&gt;" in progress, "quoted, cut and escaped"


def test_changes_show_before_and_after(fixture_db: Hedong) -> None:
    output = brief(fixture_db, "--week", "2026-W47").replace("\n\n", "\n")
    assert "11月18日，“落地京冀企业（项目）”（1.1.2）报送完成640个，为年度目标700个以上的91.4%" in output
    progress = output.split("## 二、主要进展")[1].split("## 三、")[0]
    assert "误报" not in progress and "400场" not in progress, "a retracted entry is not progress"
    assert "11月17日，“打造数字经济特色楼宇”（3.2.3）报送：“数字经济特色楼宇完成选址”。" in output
    assert "本周共有4项任务报送进展4条" in output
    # After the last entry of the week, each task stands where status says it does.
    catalog = load_catalog(CATALOG)
    with SQLiteJournal.for_reading(fixture_db.db) as journal:
        end = date(2026, 11, 22)
        report = build_report(catalog, journal.latest(catalog.key, end, list(catalog.by_id)), end)
        entries = journal.history(catalog.key, until=end)
    period = resolve_period(catalog.year, end)
    briefing = build_briefing(catalog, report, entries, period)
    # The CLI's way: the day-before snapshot plus the period's entries gives the same changes.
    with SQLiteJournal.for_reading(fixture_db.db) as journal:
        in_period = journal.history(catalog.key, since=period.start, until=end)
        base = journal.latest(catalog.key, date(2026, 11, 15), list(catalog.by_id))
    assert build_briefing(catalog, report, in_period, period, base=base).changes == briefing.changes
    for change in briefing.changes:
        last = [c for c in briefing.changes if c.entry.task_id == change.entry.task_id][-1]
        view = next(v for v in report.views if v.task.id == change.entry.task_id)
        assert (last.after.value, last.after.updated) == (view.value, view.updated)


# -- plain text --------------------------------------------------------------------------------


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def occupant(line: str, column: int) -> str:
    """The character shown at display ``column`` of ``line`` ("" past its end)."""
    position = 0
    for ch in line:
        size = display_width(ch)
        if position <= column < position + size:
            return ch
        position += size
    return ""


def assert_txt_tables_aligned(text: str, width: int) -> int:
    """Every line fits; in each table the gaps between columns are blank on every line."""
    lines = text.splitlines()
    for line in lines:
        assert display_width(line) <= width, f"{display_width(line)} > {width}: {line!r}"
    tables = 0
    for index, line in enumerate(lines):
        if not re.fullmatch(r"-+(  -+)+", line):
            continue
        tables += 1
        spans = [(m.start(), m.end()) for m in re.finditer(r"-+", line)]
        gaps = [column for (_, end), (start, _) in itertools.pairwise(spans) for column in range(end, start)]
        top = index
        while top > 0 and lines[top - 1].strip():
            top -= 1
        bottom = index
        while bottom + 1 < len(lines) and lines[bottom + 1].strip():
            bottom += 1
        for row in lines[top:index] + lines[index + 1 : bottom + 1]:
            assert all(occupant(row, column) in ("", " ") for column in gaps), f"misaligned: {row!r}"
            assert display_width(row) <= spans[-1][1], f"row wider than its table: {row!r}"
    return tables


def test_txt_aligned_at_80(fixture_db: Hedong) -> None:
    text = brief(fixture_db, "--week", "2026-W47", "--format", "txt")
    assert assert_txt_tables_aligned(text, 80) == 2  # 附件1 and 附件2
    assert "→" not in text and "->" not in text and "###" not in text  # for chat: no arrows, no bars
    assert text.splitlines()[0].strip() == "督查通报" and text.splitlines()[4].strip() == TITLE_W47


@pytest.mark.parametrize(("width", "lang"), [(60, "zh"), (100, "zh"), (80, "en"), (40, "en")])
def test_txt_other_widths(fixture_db: Hedong, width: int, lang: str) -> None:
    text = brief(fixture_db, "--week", "2026-W47", "--format", "txt", "--width", str(width), "--lang", lang)
    assert_txt_tables_aligned(text, width)
    assert "\x1b" not in text


# -- HTML --------------------------------------------------------------------------------------


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_and_escaped(fixture_db: Hedong) -> None:
    page = brief(fixture_db, "--week", "2026-W45", "--format", "html")
    parser = Collector()
    parser.feed(page)
    parser.close()
    allowed = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "table", "thead", "tbody"}
    allowed |= {"tr", "th", "td", "br", "header", "footer", "span", "section", "colgroup", "col"}
    assert set(parser.tags) <= allowed, set(parser.tags) - allowed
    assert "script" not in parser.tags
    assert not [value for name, value in parser.attrs if name in ("src", "href")], "no external assets"
    text = "".join(parser.text)
    assert "对接高校<script>alert(1)</script> & </td> | 管道" in text  # the note, as text
    assert "@page" in page and "size: A4" in page and "break-inside: avoid" in page
    assert "display: table-header-group" in page
    assert parser.tags.count("table") == parser.tags.count("thead") == 2
    assert 'section class="attachment landscape"' in page and "size: A4 landscape" in page
    for heading in HEADINGS_ZH:
        assert f"<h2>{heading}</h2>" in page


# -- Word --------------------------------------------------------------------------------------


def test_docx_layout_fonts_and_tables(fixture_db: Hedong, tmp_path: Path) -> None:
    import docx

    # Stored past update (which now removes control characters), as an older hedong or psql could.
    record_as_stored(fixture_db.db, "3.1.3", note="响铃\x07退格\x08转义\x1b[31m完\x00", effective=date(2026, 11, 20))
    out = tmp_path / "周报.docx"
    result = fixture_db("brief", "--week", "2026-W47", "--format", "docx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and [p.name for p in tmp_path.glob("*.docx*")] == ["周报.docx"]
    document = docx.Document(str(out))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(margin.mm, 1) for margin in margins] == [37, 35, 28, 26]  # stored in twips: 37 mm = 2098
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == HEADINGS_ZH
    title = next(p for p in document.paragraphs if p.style.name == "Brief Title" and "关于" in p.text)
    assert title.text == "关于河东区2026年《政府工作报告》\n重点任务第47周推进情况的通报"  # broken between words
    assert title.runs[0].font.size.pt == 22 and title.alignment == 1  # centred
    assert len(document.tables) == 2 and len(document.sections) == 3
    assert document.sections[1].page_width > document.sections[1].page_height, "附件1 is landscape"
    body = [p for p in document.paragraphs if p.style.name == "Brief Body" and len(p.text) > 40]
    assert body and all(p.alignment == 3 for p in body), "the body is justified"
    for table in document.tables:
        tr_pr = table.rows[0]._tr.trPr
        assert tr_pr is not None and tr_pr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    with zipfile.ZipFile(out) as package:
        body = package.read("word/document.xml").decode("utf-8")
        styles = package.read("word/styles.xml").decode("utf-8")
        footer = "".join(package.read(n).decode("utf-8") for n in package.namelist() if "footer" in n)
    for font in ("方正小标宋简体", "黑体", "仿宋_GB2312"):
        assert f'w:eastAsia="{font}"' in body and f'w:eastAsia="{font}"' in styles
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "响铃退格转义[31m完" in cells  # 附件1 carries the note, controls dropped
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", body)


def test_docx_needs_output_and_holds_hostile_note(fixture_db: Hedong, tmp_path: Path) -> None:
    import docx

    result = fixture_db("brief", "--format", "docx")
    assert result.exit_code == 2 and result.stderr == "hedong: docx 格式须用 -o 指定输出文件\n"
    out = tmp_path / "w45.docx"
    assert fixture_db("brief", "--week", "2026-W45", "-f", "docx", "-o", str(out)).exit_code == 0
    cells = [cell.text for table in docx.Document(str(out)).tables for row in table.rows for cell in row.cells]
    assert any("对接高校<script>alert(1)</script> & </td> | 管道" in cell for cell in cells)


# -- reprinting, empty journal, periods ----------------------------------------------------------


def test_past_week_reprints_unchanged(fixture_db: Hedong, tmp_path: Path) -> None:
    before = {fmt: brief(fixture_db, "--week", "2026-W47", "--format", fmt) for fmt in ("md", "txt", "html")}
    assert fixture_db("brief", "--week", "2026-W47", "-f", "docx", "-o", str(tmp_path / "a.docx")).exit_code == 0
    record_later(fixture_db.db)
    for fmt, text in before.items():
        assert brief(fixture_db, "--week", "2026-W47", "--format", fmt) == text, fmt
    assert fixture_db("brief", "--week", "2026-W47", "-f", "docx", "-o", str(tmp_path / "b.docx")).exit_code == 0
    with zipfile.ZipFile(tmp_path / "a.docx") as a, zipfile.ZipFile(tmp_path / "b.docx") as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")
    week48 = brief(fixture_db, "--week", "2026-W48").replace("\n\n", "\n")
    assert "11月24日，“落地京冀企业（项目）”（1.1.2）已完成，报送完成700个" in week48
    # Retracting week 47's GDP figure brings the October one back, in the figures and 附件1.
    status = fixture_db.json("status", "--as-of", "2026-11-29")
    assert next(task for task in status["tasks"] if task["id"] == "0.1")["value"] == 4.2
    assert "| 0.1 | 地区生产总值增长4.5% |  | 4.5% | 4.2%（目标4.5%）" in week48
    assert "第48期" in week48 and before["md"] != week48


def test_empty_journal_gives_a_valid_briefing(hedong: Hedong, tmp_path: Path) -> None:
    output = brief(hedong, "--week", "2026-W47")
    total = len(load_catalog(CATALOG).tasks)
    assert f"{total}项重点任务中，已完成0项，占0.0%" in output and f"尚未报送进展{total}项，占100.0%" in output
    assert "本周无新报送进展。" in output and "本期未收到任何单位报送的进展" in output
    assert f"{total}项任务自年初以来未报送任何进展" in output.replace("\n", "")
    assert all(f"## {heading}" in output for heading in HEADINGS_ZH)
    assert_txt_tables_aligned(brief(hedong, "--week", "2026-W47", "-f", "txt"), 80)
    Collector().feed(brief(hedong, "--week", "2026-W47", "-f", "html"))
    assert hedong("brief", "-f", "docx", "-o", str(tmp_path / "empty.docx")).exit_code == 0
    assert not hedong.db.exists(), "briefing never creates a journal"


def test_default_period_number_and_as_of(fixture_db: Hedong) -> None:
    today = brief(fixture_db)  # TODAY is Thursday 2026-11-26: week 48, as of today while it runs
    assert "第48期" in today and "重点任务11月23日至11月26日推进情况" in today  # to today, while it runs
    assert "截至2026年11月26日" in today
    assert brief(fixture_db, "--as-of", "2026-11-18") == brief(fixture_db, "--week", "2026-W47")
    custom = brief(fixture_db, "--from", "2026-11-01", "--to", "2026-11-30", "--no", "11")
    assert "第11期" in custom and "本期共有" in custom and "重点任务推进情况的通报" in custom
    future = fixture_db("brief", "--from", "2026-11-30", "--to", "2026-12-01")
    assert future.exit_code == 2 and future.stderr == "hedong: 统计周期从 2026-11-30 开始，晚于今天（2026-11-26）\n"
    fixture_db.today = date(2026, 12, 1)
    assert "第49期" in brief(fixture_db, "--from", "2026-11-30", "--to", "2026-12-01")


def test_period_resolution() -> None:
    assert resolve_period(2026, date(2026, 1, 2)).start == date(2026, 1, 1)  # W01 starts 2025-12-29
    last = resolve_period(2026, date(2026, 12, 30))
    assert (last.start, last.end, last.default_number) == (date(2026, 12, 28), date(2026, 12, 31), 53)
    assert resolve_period(2026, TODAY, week="2026w47").end == date(2026, 11, 22)
    for kwargs in ({"week": "2026-W54"}, {"week": "2025-W52"}, {"start": date(2026, 5, 2), "end": date(2026, 5, 1)}):
        with pytest.raises(InputError):
            resolve_period(2026, TODAY, **kwargs)  # type: ignore[arg-type]


def test_deadlines_upcoming_and_overdue(hedong: Hedong) -> None:
    hedong.today = date(2026, 12, 7)
    upcoming = brief(hedong, "--week", "2026-W49").replace("\n", "")  # 12-06 + 30 days reaches 12-31
    assert "“华勘总部项目投入使用”完成时限为12月31日" in upcoming.split("## 四、下步工作要求")[1]
    mini = hedong("brief", "--week", "2026-W27", "--data", str(FIXTURES / "brief_catalog.yaml"))
    assert mini.exit_code == 0, mini.stderr
    problems = mini.stdout.split("## 三、存在问题")[1].split("## 四、")[0].replace("\n", "")
    assert "项任务已超过完成时限尚未完成：“上半年完成的节点”完成时限为2026年6月30日" in problems
    assert "九月底前完成的节点" not in problems


def test_unit_filter_agrees_with_status(fixture_db: Hedong) -> None:
    output = brief(fixture_db, "--week", "2026-W47", "--unit", "区商务局")
    status = fixture_db.json("status", "--as-of", W47_END, "--unit", "区商务局")
    assert status["summary"]["total"] == 1 and "1项重点任务中" in output
    assert "（区商务局牵头或配合的任务）" in output and "| 2.1.3 | 引进各类首店 | 区商务局 |" in output
    assert "| 2.1.3 | 引进各类首店 | 区商务局 |" in brief(fixture_db, "--week", "2026-W47", "--unit", "区文旅局")
    for fmt in ("md", "txt", "html"):  # a unit with no tasks still gets a briefing, saying so
        assert "没有符合条件的任务" in brief(fixture_db, "--week", "2026-W47", "--unit", "无此单位", "-f", fmt)


def test_docs_sample_is_current(fixture_db: Hedong) -> None:
    guide = (Path(__file__).resolve().parents[1] / "docs" / "brief.md").read_text(encoding="utf-8")
    sample = guide.split("```text\n", 1)[1].split("```", 1)[0]
    assert sample == brief(fixture_db, "--week", "2026-W47", "--unit", "区商务局", "--format", "txt")


def test_english_labels(fixture_db: Hedong) -> None:
    output = brief(fixture_db, "--week", "2026-W47", "--lang", "en")
    assert "# 河东区 2026 work report: key tasks, progress week 47" in output
    assert "## 1. Overview" in output and "## 4. Requirements for the next period" in output
    assert "## Attachment 1　Key tasks: progress" in output and "一是" not in output


# -- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--week", "2025-W10"], 2, "不在清单年度 2026 内"),
        (["--week", "2027-W02"], 2, "不在清单年度 2026 内"),
        (["--week", "2026-W60"], 2, "周次格式应为"),
        (["--from", "2026-11-20", "--to", "2026-11-10"], 2, "晚于 --to"),
        (["--from", "2025-12-20", "--to", "2026-01-10"], 2, "不在清单年度 2026 内"),
        (["--from", "2026-11-20"], 2, "须同时给出"),
        (["--week", "2026-W47", "--as-of", "2026-11-01"], 2, "--as-of"),
        (["--format", "pdf"], 2, "未知的输出格式“pdf”"),
        (["--width", "20", "-f", "txt"], 2, "--width"),
        (["-o", "{tmp}/missing/brief.md"], 1, "无法写入"),
        (["-o", "{tmp}/journal.sqlite/brief.md"], 1, "无法写入"),
        (["-o", "{tmp}/adir"], 2, "不是文件名"),  # a folder is not a file to write
        (["-o", ""], 2, "“”不是文件名"),
        (["-o", "."], 2, "“.”不是文件名"),
        (["--width", "1001", "-f", "txt"], 2, "--width 应为 40 到 1000 之间的整数"),
        (["--width", "9999999999", "-f", "txt"], 2, "--width"),
    ],
)
def test_bad_input_one_line_no_file(
    fixture_db: Hedong, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    (tmp_path / "adir").mkdir()

    def listing() -> list[str]:  # reading a WAL journal may add its -shm/-wal companions: not ours
        return sorted(p.name for p in tmp_path.rglob("*") if not p.name.startswith("journal.sqlite-"))

    before = listing()
    result = fixture_db("brief", *[arg.replace("{tmp}", str(tmp_path)) for arg in args])
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("hedong: ") and message in result.stderr
    assert "Traceback" not in result.stderr
    assert listing() == before, "no partial or temporary file left"


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "brief.md"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(HedongError, match="No space left on device"):
        write_atomic(target, b"new briefing")
    assert target.read_text(encoding="utf-8") == "old" and [p.name for p in tmp_path.iterdir()] == ["brief.md"]


# -- the installed entry point -------------------------------------------------------------------


def test_installed_hedong_brief(fixture_db: Hedong, tmp_path: Path) -> None:
    exe = installed_hedong()
    env = {**os.environ, "HEDONG_DB": str(fixture_db.db), "HEDONG_TODAY": TODAY.isoformat(), "HEDONG_LANG": "zh"}
    env.pop("HEDONG_DATA", None)
    run = subprocess.run(
        [exe, "brief", "--week", "2026-W47", "--format", "txt"], env=env, capture_output=True, check=False
    )
    assert run.returncode == 0 and run.stderr == b""
    assert run.stdout.decode("utf-8") == brief(fixture_db, "--week", "2026-W47", "--format", "txt")
    out = tmp_path / "周报.html"
    run = subprocess.run([exe, "brief", "-f", "html", "-o", str(out)], env=env, capture_output=True, check=False)
    assert run.returncode == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    bad = subprocess.run([exe, "brief", "--week", "1999-W01"], env=env, capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and bad.stdout == "" and len(bad.stderr.splitlines()) == 1


def test_docx_import_is_lazy() -> None:
    code = "import sys, hedong_cli.cli; print(json.dumps(sorted(m for m in ('docx', 'rich') if m in sys.modules)))"
    run = subprocess.run([os.sys.executable, "-c", "import json; " + code], capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == []


def test_docx_bytes_are_a_zip() -> None:
    from hedong_cli.render.briefing_docx import briefing_docx

    catalog = load_catalog(CATALOG)
    end = date(2026, 11, 22)
    briefing = build_briefing(catalog, build_report(catalog, {}, end), [], resolve_period(catalog.year, end))
    with zipfile.ZipFile(io.BytesIO(briefing_docx(briefing))) as package:
        assert "word/document.xml" in package.namelist()
