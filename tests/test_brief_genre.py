"""The 通报 in its genre: prose traced to entries, figures equal to status, settings that fall back,
and, where LibreOffice is installed, the rendered pages of the Word file on the realistic journal."""

from __future__ import annotations

import itertools
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from hedong_cli.journal import SQLiteJournal
from tests.conftest import Hedong
from tests.realistic_journal import record_realistic
from tests.render_pages import chromium, html_to_pdf, pdftotext, soffice, to_pdf
from tests.render_pages import words as page_words
from tests.test_brief import record_fixture
from tests.workflow_helpers import record_as_stored

HEADINGS = ["一、总体情况", "二、主要进展", "三、存在问题", "四、下步工作要求"]
CONFIG = """issuer: 河东区人民政府督查室
printer: 河东区人民政府办公室
copy_to: [区委办公室, 区人大常委会办公室]
contact: 联系人：督查室　电话：（022）00000000
recipients: 各街道办事处，区政府各委、办、局，各有关单位：
"""


@pytest.fixture
def realistic(hedong: Hedong, tmp_path: Path) -> Hedong:
    record_realistic(hedong.db)
    (tmp_path / "office.yaml").write_text(CONFIG, encoding="utf-8")
    hedong.extra_env = {**(hedong.extra_env or {}), "HEDONG_CONFIG": str(tmp_path / "office.yaml")}
    return hedong


def brief(hedong: Hedong, *args: str) -> str:
    result = hedong("brief", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_body_in_the_genre_order_and_keeps_not_reported_apart(realistic: Hedong) -> None:
    text = brief(realistic, "--week", "2026-W48", "-f", "txt")
    positions = [text.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    assert text.index("附件：1．重点任务推进情况表") < text.index("印发") < text.index("\n附件1\n")
    assert "关于河东区2026年《政府工作报告》" in text and "第48期" in text and text.count("第48期") == 1
    assert "各街道办事处，区政府各委、办、局，各有关单位：" in text
    assert "尚未报送进展" in text and "未启动" not in text.split("二、主要进展")[0]
    assert "->" not in text and "#####" not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text.split("附件：")[0]), "prose dates are Chinese"


def test_overview_figures_equal_status(realistic: Hedong) -> None:
    status = realistic.json("status", "--as-of", "2026-11-26")
    summary = status["summary"]
    text = brief(realistic, "--week", "2026-W48", "-f", "md")
    overview = text.split("## 一、总体情况")[1].split("## 二、")[0].replace("\n", "")
    found = re.search(r"(\d+)项重点任务中，已完成(\d+)项", overview)
    assert found and int(found.group(1)) == summary["total"] and int(found.group(2)) == summary["by_status"]["done"]
    lights = re.search(r"亮绿灯(\d+)项（含已完成）、黄灯(\d+)项、红灯(\d+)项", overview)
    assert lights and tuple(map(int, lights.groups())) == tuple(summary["by_light"].values())
    never = sum(1 for task in status["tasks"] if task.get("updated") is None)
    assert f"尚未报送进展{never}项" in overview
    quant = re.search(r"(\d+)项量化指标中，达到序时进度(\d+)项", overview)
    assert quant and (int(quant.group(1)), int(quant.group(2))) == (summary["quantitative"], summary["on_schedule"])


def progress_paragraphs(db: Path, **period: str) -> tuple[object, list[object]]:
    """The briefing of ``period`` on the journal ``db``, and the paragraphs of its 二、主要进展 that carry sources."""
    from hedong_cli.catalogue.model import load_catalog
    from hedong_cli.documents.briefing import build_briefing
    from hedong_cli.render.briefing_blocks import Para
    from hedong_cli.render.briefing_doc import document
    from hedong_cli.tracking.period import resolve_period
    from hedong_cli.tracking.progress import build_report
    from tests.conftest import CATALOG

    catalog = load_catalog(CATALOG)
    resolved = resolve_period(2026, date(2026, 11, 26), **period)
    with SQLiteJournal.for_writing(db) as journal:
        report = build_report(
            catalog, journal.latest(catalog.key, resolved.end, [t.id for t in catalog.tasks]), resolved.end
        )
        entries = journal.history(catalog.key, until=resolved.end, newest_first=False)
    b = build_briefing(catalog, report, entries, resolved)
    blocks = document(b).blocks
    start = next(i for i, x in enumerate(blocks) if getattr(x, "text", "") == "二、主要进展")
    end = next(i for i, x in enumerate(blocks) if getattr(x, "text", "") == "三、存在问题")
    return b, [x for x in blocks[start:end] if isinstance(x, Para) and x.sources]


def test_each_progress_sentence_traces_to_its_entries(realistic: Hedong) -> None:
    """Every sentence of 二、主要进展 is built from entries of the period: their value and note."""
    b, sentences = progress_paragraphs(Path(realistic.db), quarter="2026-Q3")
    by_id = {entry.id: entry for entry in b.entries}
    assert sentences, "the fixture quarter has progress"
    for para in sentences:
        sources = [by_id[i] for i in para.sources]  # KeyError: an entry outside the period
        task_ids = {entry.task_id for entry in sources}
        assert len(task_ids) == 1 and f"（{task_ids.pop()}）" in para.text
        for entry in sources:
            if entry.note:
                assert entry.note[:20] in para.text or entry.note[:10] in para.text
            if entry.value is not None:
                assert re.sub(r"\.0$", "", str(entry.value)) in para.text


@pytest.mark.parametrize("period", [{"quarter": "2026-Q3"}, {"week": "2026-W47"}])
def test_nodes_reached_in_the_period_come_before_plain_figures(realistic: Hedong, period: dict[str, str]) -> None:
    """A plan node the period's entries reached is said, as the plan states it, right after the completions;
    the entry's value does reach it, and the task's value before the period did not."""
    from hedong_cli.common.figures import progress_pct

    b, sentences = progress_paragraphs(Path(realistic.db), **period)
    by_id = {entry.id: entry for entry in b.entries}
    views = {view.task.id: view for view in b.report.views}
    from hedong_cli.render.briefing_prose import progress_items

    items = {item.view.task.id: item for item in progress_items(b)}
    ranks = []
    for para in sentences:
        task_id = by_id[para.sources[0]].task_id
        ranks.append(items[task_id].rank)
        found = re.search(r"达到计划节点（(\d+)月(\d+)日前达到([\d.]+)", para.text)
        assert bool(found) == bool(items[task_id].reached)
        if not found:
            continue
        view = views[task_id]
        assert view.plan is not None and view.task.target is not None
        node = next(n for n in view.plan.plan.nodes if (n.day.month, n.day.day) == tuple(map(int, found.group(1, 2))))
        assert node.value is not None and f"{node.value:g}" == found.group(3)
        value = max(by_id[i].value or 0 for i in para.sources)
        assert progress_pct(view.task.target, value) >= progress_pct(view.task.target, node.value)
        earlier = [c.before.value for c in b.changes if c.entry.task_id == task_id]
        assert earlier[0] is None or earlier[0] < node.value, "reached in the period, not before"
    assert 1 in ranks, "the fixture has a node reached in the period"
    # The notable ones are chosen first: no task left to 附件1 ranks above one that is shown.
    shown = {by_id[para.sources[0]].task_id for para in sentences}
    left = [item.rank for item in items.values() if item.view.task.id not in shown]
    assert not left or min(left) >= max(ranks)


def test_attach_lagging_and_empty_period(realistic: Hedong, hedong: Hedong) -> None:
    lagging = brief(realistic, "--week", "2026-W48", "--attach", "lagging", "-f", "md")
    table = lagging.split("## 附件1")[1].split("## 附件2")[0]
    assert "| 绿 |" not in table and "| 红 |" in table
    assert realistic("brief", "--attach", "some").exit_code == 2
    empty = brief(hedong, "--week", "2026-W10", "-f", "txt")
    assert "本周无新报送进展" in empty and "未报送" in empty
    march = brief(realistic, "--week", "2026-W12", "-f", "txt").replace("\n", "")  # reports start in April
    assert "本期未收到任何单位报送的进展。未报送单位：区" in march and "本周无新报送进展" in march


def test_bad_or_missing_colophon_settings_fall_back_with_a_warning(hedong: Hedong, tmp_path: Path) -> None:
    record_fixture(hedong.db)
    config = tmp_path / "bad.yaml"
    config.write_text("issuer: 督查室\ncopy_to: {a: 1}\nrecipients: [x]\n", encoding="utf-8")
    result = hedong("brief", "--week", "2026-W47", "--config", str(config), "-f", "txt")
    assert result.exit_code == 0
    assert "copy_to" in result.stderr and "recipients" in result.stderr and "printer" in result.stderr
    # One line a fault: a malformed recipients is not also reported as missing.
    assert [line.split(": ", 1)[0] for line in result.stderr.splitlines()] == [
        f"{config}:3",
        f"{config}:2",
        f"{config}:1",
    ], result.stderr
    assert "抄送" not in result.stdout, "never an empty 抄送 line"
    assert "各有关单位：" in result.stdout
    assert re.search(r"\n督查室 +2026年11月22日印发\n", result.stdout), "印发机关 falls back to the issuer"


def test_series_numbers_and_docx_properties(hedong: Hedong, tmp_path: Path) -> None:
    record_fixture(hedong.db)
    config = tmp_path / "series.yaml"
    config.write_text(
        "issuer: 河东区人民政府督查室\nseries:\n  week: {issuer: 督查周报, first: 40}\n  quarter: {issuer: 督查通报}\n",
        encoding="utf-8",
    )
    week = brief(hedong, "--week", "2026-W47", "--config", str(config), "-f", "txt")
    assert "督查周报" in week and "第8期" in week and "河东区人民政府督查室　第8期" in week
    quarter = brief(hedong, "--quarter", "2026-Q3", "--config", str(config), "-f", "txt")
    assert "督查通报" in quarter and "第3期" in quarter
    assert hedong("brief", "--week", "2026-W30", "--config", str(config)).exit_code == 2
    out = tmp_path / "w.docx"
    assert hedong("brief", "--week", "2026-W47", "--config", str(config), "-f", "docx", "-o", str(out)).exit_code == 0
    core = zipfile.ZipFile(out).read("docProps/core.xml").decode()
    assert "<dc:creator>河东区人民政府督查室</dc:creator>" in core
    assert "2026-11-22T00:00:00" in core and "重点任务第47周推进情况的通报" in core


# -- the rendered Word file ---------------------------------------------------------------------

SOFFICE = soffice()
PDFTOTEXT = pdftotext()
CHROMIUM = chromium()


def render_pdf(hedong: Hedong, tmp_path: Path, *args: str) -> Path:
    docx = tmp_path / "brief.docx"
    assert hedong("brief", *args, "-f", "docx", "-o", str(docx)).exit_code == 0
    return to_pdf(docx, tmp_path)


def render_html_pdf(hedong: Hedong, tmp_path: Path, *args: str) -> Path:
    page = tmp_path / "brief-html.html"
    assert hedong("brief", *args, "-f", "html", "-o", str(page)).exit_code == 0
    return html_to_pdf(page, tmp_path)


@pytest.mark.skipif(not (SOFFICE and PDFTOTEXT), reason="LibreOffice (soffice) or poppler (pdftotext) missing")
@pytest.mark.parametrize("period", [("--week", "2026-W48"), ("--quarter", "2026-Q3")])
def test_rendered_body_fits_three_pages_with_the_colophon_at_the_foot(
    realistic: Hedong, tmp_path: Path, period: tuple[str, str]
) -> None:
    found = page_words(render_pdf(realistic, tmp_path, *period))
    attach = body_pages_with_colophon_at_foot(found)
    assert "".join(w for _, _, w in found[attach - 1]).endswith(f"印发—{attach}—"), (
        "附件1 starts on a new page, after the 版记"
    )
    assert not date_breaks(found[:attach]), "a date never breaks inside"
    # No cell line starts with the stray tail of a split figure (a lone digit, % or 日 after a break).
    for page in found[attach:]:
        rows: dict[float, list[str]] = {}
        for y, _, word in page:
            rows.setdefault(round(y), []).append(word)
        for line in rows.values():
            assert not re.match(r"^[.%][0-9%]*$|^\d%$", line[0]), line


def body_pages_with_colophon_at_foot(found: list[list[tuple[float, float, str]]]) -> int:
    """The body's page count, once checked: at most three pages, the 印发 line in the bottom fifth of the last."""
    words = ["".join(w for _, _, w in page) for page in found]
    attach = next(i for i, text in enumerate(words) if text.startswith("附件1"))
    assert attach <= 3, f"the body runs to {attach} pages"
    printed = [y for _, y, w in found[attach - 1] if w.endswith("印发")]
    assert printed and printed[0] > 842 * 0.8, "the 印发 line lies in the bottom fifth of the last body page"
    return attach


def date_breaks(found: list[list[tuple[float, float, str]]]) -> list[str]:
    """Line ends that split a date: a digit at the end and 年/月/日 next, or 年/月 at the end and a digit next."""
    lines = []
    for page in found:
        rows: dict[float, str] = {}
        for y, _, word in page:
            rows[round(y)] = rows.get(round(y), "") + word
        lines += [rows[y] for y in sorted(rows)]
    return [
        f"{a}|{b}"
        for a, b in itertools.pairwise(lines)
        if (a[-1:].isdigit() and b[:1] in "年月日" and b[:1]) or (a[-1:] in ("年", "月") and b[:1].isdigit())
    ]


@pytest.mark.skipif(not (CHROMIUM and PDFTOTEXT), reason="Chromium or poppler (pdftotext) missing")
@pytest.mark.parametrize("period", [("--week", "2026-W48"), ("--quarter", "2026-Q3")])
def test_printed_html_body_fits_three_pages_with_the_colophon_at_the_foot(
    realistic: Hedong, tmp_path: Path, period: tuple[str, str]
) -> None:
    body_pages_with_colophon_at_foot(page_words(render_html_pdf(realistic, tmp_path, *period)))


@pytest.mark.skipif(not (SOFFICE and CHROMIUM and PDFTOTEXT), reason="LibreOffice, Chromium or pdftotext missing")
def test_colophon_on_an_even_page_when_the_config_asks(realistic: Hedong, tmp_path: Path) -> None:
    """GB/T 9704: the 版记 on an even page. The weekly body ends on page 3, so the 版记 moves to the foot
    of page 4, alone; without the setting it stays on page 3 (the test above)."""
    config = Path(realistic.extra_env["HEDONG_CONFIG"])
    config.write_text(CONFIG + "colophon_even_page: true\n", encoding="utf-8")
    docx = render_pdf(realistic, tmp_path, "--week", "2026-W48")
    html = render_html_pdf(realistic, tmp_path, "--week", "2026-W48")
    for rendered in (docx, html):
        found = page_words(rendered)
        printed = [(number, y) for number, page in enumerate(found, 1) for _, y, w in page if w.endswith("印发")]
        assert len(printed) == 1 and printed[0][0] == 4 == printed_number(found[3]), printed
        assert printed[0][1] > 842 * 0.8, "in the bottom fifth"
        words = ["".join(w for _, _, w in page) for page in found]
        assert words[3].startswith("联系人") and words[4].startswith("附件1"), "alone on page 4, 附件1 after it"


def printed_number(page: list[tuple[float, float, str]]) -> int:
    """The page number printed at the page's foot (— N —)."""
    found = re.search(r"—(\d+)—", "".join(w for _, _, w in page))
    assert found, "a page number at the foot"
    return int(found.group(1))


@pytest.mark.skipif(not (SOFFICE and PDFTOTEXT), reason="LibreOffice (soffice) or poppler (pdftotext) missing")
def test_the_colophon_page_is_even_after_a_short_body(hedong: Hedong, tmp_path: Path) -> None:
    """A short body (a week without reports) near the foot of page 2: wherever the 版记 goes, its page
    number is even, and no more than one page follows the body."""
    record_fixture(hedong.db)
    config = tmp_path / "even.yaml"
    config.write_text(CONFIG + "colophon_even_page: true\n", encoding="utf-8")
    hedong.extra_env = {"HEDONG_CONFIG": str(config)}
    found = page_words(render_pdf(hedong, tmp_path, "--week", "2026-W12"))
    printed = [index for index, page in enumerate(found) for _, _, w in page if w.endswith("印发")]
    assert len(printed) == 1
    number = printed_number(found[printed[0]])
    assert number % 2 == 0 and number <= 4, number
    assert "".join(w for _, _, w in found[printed[0] + 1]).startswith("附件1")


def test_colophon_even_page_must_be_true_or_false(hedong: Hedong, tmp_path: Path) -> None:
    record_fixture(hedong.db)
    config = tmp_path / "even.yaml"
    config.write_text("issuer: 督查室\nprinter: 办公室\ncolophon_even_page: 'yes'\n", encoding="utf-8")
    result = hedong("brief", "--week", "2026-W47", "--config", str(config), "-f", "txt")
    assert result.exit_code == 2 and "colophon_even_page" in result.stderr


def test_plain_text_keeps_dates_whole_and_opening_brackets_down() -> None:
    from hedong_cli.render.textwidth import wrap

    text = "　　四、一是紧盯近期节点。区文化和旅游局须于2026年12月15日前完成（详见附件1）。"
    for width in range(20, 60):  # wider than a date
        lines = wrap(text, width)
        assert "".join(lines) == text
        for a, b in itertools.pairwise(lines):
            assert not a.endswith(("（", "“")), (width, lines)
            assert not (a[-1].isdigit() and b[0] in "年月日") and not (a[-1] in "年月" and b[0].isdigit()), lines


def test_hostile_long_note_is_cut_in_the_body_and_whole_in_attachment_1(hedong: Hedong, tmp_path: Path) -> None:
    """A 32k note with line breaks, markup and bidi controls: cut with … in the body, whole in 附件1."""
    record_fixture(hedong.db)
    note = "第一行<b>粗</b>\n\u202e反向\u202c" + "长" * 32_000
    # Stored as an older hedong, or a unit by psql, could have stored it: today's entry points strip bidi controls.
    record_as_stored(hedong.db, "2.1.3", value=41.0, note=note, effective=date(2026, 11, 20))
    md = brief(hedong, "--week", "2026-W47")
    body = md.split("## 三、")[0]
    sentence = next(line for line in body.splitlines() if "（2.1.3）" in line)
    assert "报送完成41家，为年度目标50家以上的82.0%" in sentence and sentence.endswith("…”。")
    assert len(sentence) < 200 and "<b>" not in md and "&lt;b&gt;" in sentence
    row = next(line for line in md.split("## 附件1")[1].splitlines() if line.startswith("| 2.1.3 |"))
    assert row.count("长") == 32_000 and "<br>" in row
    txt = brief(hedong, "--week", "2026-W47", "-f", "txt")
    assert "\u202e" not in txt and "\\u202e" in txt  # bidi controls made visible, never applied
    html = brief(hedong, "--week", "2026-W47", "-f", "html")
    assert "<b>粗" not in html and "&lt;b&gt;粗" in html
    out = tmp_path / "long.docx"
    assert hedong("brief", "--week", "2026-W47", "-f", "docx", "-o", str(out)).exit_code == 0
    document = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert "\u202e" not in document and "\u202e" not in html  # the note cannot reorder the page


def test_a_unit_is_asked_to_rectify_only_the_red_tasks_it_leads(hedong: Hedong) -> None:
    """Before: 区商务局要对152项红灯任务… though it led one task; the rest had no lead unit at all."""
    record_fixture(hedong.db)
    md = brief(hedong, "--week", "2026-W47")
    views = json.loads(hedong("status", "--as-of", "2026-11-22", "--format", "json").stdout)["tasks"]
    led = sum(1 for v in views if v["light"] == "red" and v["lead"] == "区商务局")
    unled = sum(1 for v in views if v["light"] == "red" and not v["lead"])
    assert f"区商务局要对所牵头的{led}项红灯任务逐项分析原因" in md
    assert f"另有{unled}项红灯任务尚未明确牵头单位" in md


def test_without_any_lead_unit_the_rectify_requirement_does_not_open_with_another(hedong: Hedong) -> None:
    """Before: 一是抓好滞后任务整改。另有153项红灯任务尚未明确牵头单位… with nothing before the 另有."""
    assert hedong("update", "2.1.3", "--value", "3", "--date", "2026-06-01").exit_code == 0
    md = brief(hedong, "--week", "2026-W47")
    views = json.loads(hedong("status", "--as-of", "2026-11-22", "--format", "json").stdout)["tasks"]
    red = sum(1 for v in views if v["light"] == "red")
    assert f"**一是抓好滞后任务整改。**{red}项红灯任务尚未明确牵头单位，要尽快明确责任单位。" in md
    assert "另有" not in md.split("## 四、")[1].split("## 附件")[0]
