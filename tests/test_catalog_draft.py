"""``hedong catalog draft``: what it finds in a work report, measured against hand-made catalogues.

The 2026 report is compared with data/targets_2026.yaml as that file stands when the test runs; the fixture
reports (tests/fixtures/reports, see SOURCES.md) with their hand-made expected results.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hedong_cli.catalogue.draft import draft_catalog, read_report
from hedong_cli.catalogue.draft.measures import find_due, find_measures
from hedong_cli.catalogue.draft.structure import paragraphs
from hedong_cli.catalogue.model import load_catalog
from hedong_cli.common.errors import InputError
from tests.conftest import REPO

_spec = importlib.util.spec_from_file_location("draft_compare", REPO / "bench" / "draft_compare.py")
assert _spec is not None and _spec.loader is not None
draft_compare = importlib.util.module_from_spec(_spec)
sys.modules["draft_compare"] = draft_compare  # dataclasses look their module up while the class is built
_spec.loader.exec_module(draft_compare)

REPORT = REPO / "data" / "source" / "hedong-2026-work-report.txt"
FIXTURES = REPO / "tests" / "fixtures" / "reports"


@pytest.fixture(scope="module")
def draft_2026():
    return draft_catalog(read_report(REPORT), source_name=REPORT.name)


def test_the_2026_report_meets_the_issue_thresholds(draft_2026) -> None:
    result = draft_compare.compare(draft_2026, draft_compare._load_yaml(draft_compare.HAND_2026))
    # The issue asks for 6 of 6 and 20 of 20; the hand catalogue has since taken the closing part on the
    # government's own work as a seventh section, so all of whatever it holds must be found.
    assert result.sections.found == result.sections.total >= 6
    assert result.subsections.found == result.subsections.total >= 20
    assert result.target_recall.share >= 0.95, result.target_recall
    assert result.target_precision.share >= 0.90, result.target_precision
    assert result.due.found == result.due.total >= 2
    assert result.baselines.share >= 0.75, result.baselines
    assert result.wrong_unflagged == 0


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.txt")))
def test_other_reports_match_their_hand_made_results(name: str) -> None:
    report = FIXTURES / f"{name}.txt"
    result = draft_compare.run_case(
        report, report.with_suffix(".expected.yaml"), draft_compare.FIXTURE_OPTIONS.get(name, {})
    )
    assert result.sections.found == result.sections.total
    assert result.subsections.found == result.subsections.total
    assert result.tasks.share >= 0.9, result.tasks
    assert result.target_recall.share >= 0.9 and result.target_precision.share >= 0.9


def test_the_draft_loads_as_a_catalogue(draft_2026, tmp_path: Path) -> None:
    path = tmp_path / "targets_2026.yaml"
    path.write_text(draft_2026.yaml, encoding="utf-8")
    catalog = load_catalog(path)
    assert catalog.year == 2026 and len(catalog.tasks) == draft_2026.summary()["tasks"]
    assert all(len(task.title) <= 20 for task in catalog.tasks)
    assert catalog.by_id["0.4"].target is not None and catalog.by_id["0.4"].baseline is not None
    assert "# 2025：" in draft_2026.yaml and "# 待核：" in draft_2026.yaml


def test_task_text_is_the_reports_own_words(draft_2026) -> None:
    source = "".join(paragraphs(REPORT.read_text(encoding="utf-8")))
    for task in draft_2026.all_tasks():
        assert task.text in source, task.text


def test_nothing_is_invented(draft_2026) -> None:
    assert "lead:" not in draft_2026.yaml  # the report names no lead units
    source = "".join(paragraphs(REPORT.read_text(encoding="utf-8")))
    for task in draft_2026.all_tasks():
        if task.baseline is not None:
            assert task.baseline[3].strip("…") in source or all(p in source for p in task.baseline[3].split("…") if p)


@pytest.mark.parametrize(
    ("text", "value", "unit", "comparator", "maximum"),
    [
        ("落地京冀企业（项目）700个以上", 700, "个", ">=", None),
        ("盘活商务楼宇面积5万平方米以上", 5, "万平方米", ">=", None),
        ("城镇调查失业率5.5%以内", 5.5, "%", "<=", None),
        ("城镇登记失业率控制在4%以内", 4, "%", "<=", None),
        ("能耗不超过30万吨", 30, "万吨", "<=", None),
        ("地区生产总值增长5.5%左右", 5.5, "%", "about", None),
        ("新增1-2家国家、市级企业技术中心", 1, "家", "range", 2),
        ("增长4.5%—5%", 4.5, "%", "range", 5),
        ("新增就业不少于1.3万人", 1.3, "万人", ">=", None),
        ("新建口袋公园6个", 6, "个", "=", None),
        ("粮食产量保持在715亿斤以上", 715, "亿斤", ">=", None),
        ("植树造林1.2万株", 1.2, "万株", "=", None),
        ("一般公共预算收入实现正增长", 0, "%", ">", None),
    ],
)
def test_targets(text: str, value: float, unit: str, comparator: str, maximum: float | None) -> None:
    (measure,) = find_measures(text)
    assert (measure.value, measure.unit, measure.comparator, measure.max) == (value, unit, comparator, maximum)


def test_numbers_that_are_not_targets() -> None:
    for text in (
        "推动际华3522等地块具备挂牌出让条件",
        "办好第九届直沽文化旅游节",
        "加快井冈山路片区等5个已启动城市更新项目建设",
        "升级智慧监管2.0平台",
    ):
        assert find_measures(text) == [], text


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("服务华勘总部项目年内投入使用", date(2026, 12, 31)),
        ("年底前完成改造", date(2026, 12, 31)),
        ("上半年开工", date(2026, 6, 30)),
        ("一季度完成招标", date(2026, 3, 31)),
        ("三季度末建成", date(2026, 9, 30)),
        ("6月底前投用", date(2026, 6, 30)),
        ("二月底前出台", date(2026, 2, 28)),
        ("9月30日前完成", date(2026, 9, 30)),
    ],
)
def test_due_dates(text: str, when: date) -> None:
    due = find_due(text, 2026)
    assert due is not None and due.when == when


def test_vague_deadlines_are_flagged_not_guessed() -> None:
    draft = draft_catalog(
        "三、2026年重点工作\n（一）建设\n推进工程。推动体育馆下半年投入使用。五年内不算期限。\n", source_name="x.txt"
    )
    gym, later = draft.sections[0].subsections[0][1]
    assert later.due is None and not later.notes  # 五年内 is no deadline
    task = gym
    assert task.due is None and any(note.startswith("draft_note_due:下半年") for note in task.notes)
    assert "# 待核：期限“下半年”未换算为日期" in draft.yaml


def test_sections_marked_yi_shi_er_shi() -> None:
    text = (
        "二、2025年工作安排\n今年重点抓好以下几方面工作：\n"
        "一是扩大有效投资。新开工项目30个以上，年内建成体育中心。二是提振消费。举办促消费活动100场。\n"
    )
    draft = draft_catalog(text, source_name="x.txt")
    titles = [section.title for section in draft.sections]
    assert titles == ["扩大有效投资", "提振消费"]
    first = draft.sections[0].tasks
    kinds = [(t.kind, t.target.value if t.target else None) for t in first]
    assert kinds == [("quantitative", 30), ("milestone", None)]
    assert first[1].due == date(2025, 12, 31)


def test_numbered_subsections() -> None:
    text = "三、2027年重点工作\n（一）产业\n1.壮大主导产业。新增规上企业20家。\n2.培育新动能。建成孵化器2个以上。\n"
    draft = draft_catalog(text, source_name="x.txt")
    assert [title for title, _ in draft.sections[0].subsections] == ["壮大主导产业", "培育新动能"]
    assert draft.year == 2027


def test_gb18030_and_utf16_text_draft_like_utf8(tmp_path: Path) -> None:
    source = (FIXTURES / "dongcheng-2025.txt").read_text(encoding="utf-8")
    path = tmp_path / "report.txt"
    path.write_bytes(source.encode("gb18030"))
    assert read_report(path) == source
    utf16 = tmp_path / "notepad.txt"
    utf16.write_bytes(source.encode("utf-16"))  # with a BOM, as Windows Notepad saves "Unicode"
    assert read_report(utf16) == source
    summary = draft_catalog(source, source_name="r").summary()
    assert draft_catalog(read_report(path), source_name="r").summary() == summary


def test_docx_report(tmp_path: Path) -> None:
    import docx

    source = (FIXTURES / "hongqiao-2024-s3.txt").read_text(encoding="utf-8")
    document = docx.Document()
    for line in source.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "report.docx"
    document.save(str(path))
    options = {"section_heading": "(三)", "year": 2024}
    from_docx = draft_catalog(read_report(path), source_name="r", **options)
    assert from_docx.yaml == draft_catalog(source, source_name="r", **options).yaml


def test_no_year_asks_for_one() -> None:
    with pytest.raises(InputError, match="--year"):
        draft_catalog("重点抓好以下几方面工作：\n（一）产业\n壮大主导产业。新增规上企业20家。\n", source_name="x")


def test_pdf_report_drafts_like_its_text() -> None:
    pytest.importorskip("pypdf")
    # dongcheng-2025.pdf is dongcheng-2025.txt printed by LibreOffice: lines wrap inside sentences.
    from_pdf = draft_catalog(read_report(FIXTURES / "dongcheng-2025.pdf"), source_name="r")
    from_text = draft_catalog(read_report(FIXTURES / "dongcheng-2025.txt"), source_name="r")
    assert from_pdf.yaml == from_text.yaml


def test_yaml_special_characters_stay_text(tmp_path: Path) -> None:
    weird = "*a&b:c#d“引号”'e'|>{x}\\n工程，新建@项目3个"  # starts like a YAML alias; no spaces (those are dropped)
    draft = draft_catalog(f"三、2026年重点工作\n（一）建设\n推进城市建设。{weird}。\n", source_name="x: #.txt")
    path = tmp_path / "draft.yaml"
    path.write_text(draft.yaml, encoding="utf-8")
    (task,) = load_catalog(path).tasks
    assert task.text == weird and task.target is not None and task.target.value == 3


_FRAGMENTS = [
    "三、2026年重点工作\n",
    "重点抓好以下几方面工作：\n",
    "一、2025年工作回顾\n",
    "（一）扩大投资\n",
    "（二）提振消费\n",
    "1.",
    "一是",
    "主动承接优质资源。",
    "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，失业率控制在5.5%以内。\n",
    "新增企业30家以上，",
    "年内建成体育中心，",
    "新建公园3-2个",
    "完成改造1.5万平方米。",
    "下半年开工。",
    "13月底前完成",
    "2月30日前完成",
    "各位代表！",
    "，",
    "。",
    "\n\n",
    " 7 ",
    "“引号",
    ": # &a *b",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=40), st.sampled_from([None, 2026]))
def test_any_text_drafts_a_valid_catalogue_or_says_why(parts: list[str], year: int | None) -> None:
    text = "".join(parts)
    try:
        draft = draft_catalog(text, source_name="x", year=year)
    except InputError as exc:
        assert "\n" not in exc.message
        return
    from hedong_cli.catalogue.model import parse_yaml, validate

    catalog = validate(parse_yaml(draft.yaml), Path("x"))
    assert len(catalog.tasks) == draft.summary()["tasks"]


def test_the_closing_part_on_the_governments_own_work(draft_2026) -> None:
    last = draft_2026.sections[-1]
    assert (last.id, last.title) == ("7", "政府自身建设") and last.notes == ["draft_note_own_work"]
    assert [title for title, _ in last.subsections] == [
        "加强思想政治建设",
        "深入推进依法行政",
        "改进作风提升能力",
        "一以贯之廉洁从政",
    ]
    law = next(task for _, tasks in last.subsections for task in tasks if "制定实施“九五”普法规划" in task.text)
    assert law.kind == "milestone"


def test_review_figures_given_as_lower_bounds_are_flagged(draft_2026) -> None:
    culture = next(task for task in draft_2026.all_tasks() if task.text.startswith("健全现代公共文化服务体系"))
    assert culture.baseline is not None and culture.baseline[:2] == (540, "场")
    assert culture.baseline_note == "draft_note_baseline_lower_bound"
