"""The drafter's misses on real report text, each on a short text in the genre (a sentence at most of a real
report): figures lost, false targets, ceilings, ranges, dated commitments, baselines, a table of contents, a
--section-heading at a lead phrase, and the catalogue's ``source`` block."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from hedong_cli.catalogue.draft import draft_catalog
from hedong_cli.catalogue.draft.source import find_source
from hedong_cli.catalogue.draft.tasks import DraftTask, block_tasks, goal_tasks
from hedong_cli.common.errors import InputError


def _targets(tasks: list[DraftTask]) -> list[tuple[float, str, str]]:
    return [(t.target.value, t.target.unit, t.target.comparator) for t in tasks if t.target is not None]


@pytest.mark.parametrize("tasks_of", [goal_tasks, lambda text, year: block_tasks(text, year, opening=False)])
def test_two_growth_figures_after_fenbie_are_both_targets(tasks_of) -> None:  # type: ignore[no-untyped-def]
    tasks = tasks_of("城乡居民人均可支配收入分别增长6%、9%", 2026)
    assert _targets(tasks) == [(6, "%", "="), (9, "%", "=")]
    assert all("draft_note_shared_clause" in t.notes for t in tasks)
    assert all("可支配收入" in t.title for t in tasks)


def test_figures_listed_with_he_are_each_a_target() -> None:
    tasks = block_tasks("3个市考断面和20个入河排污口水质实现稳定达标", 2026, opening=False)
    assert _targets(tasks) == [(3, "个", "="), (20, "个", "=")]
    assert [t.title for t in tasks] == ["市考断面", "入河排污口水质实现稳定达标"]
    assert all("draft_note_listed_figures" in t.notes for t in tasks)


def test_a_change_from_one_figure_to_another_is_not_a_list() -> None:
    tasks = block_tasks("森林覆盖率由25%提高到26%", 2026, opening=False)
    assert len(tasks) == 1 and "draft_note_two_figures" in tasks[0].notes


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("西河底、平城2个建制镇污水处理厂平稳运行", "2个"),
        ("确保5个易地扶贫搬迁安置点稳定运行", "5个"),
        ("推进虹桥小学等8所学校建设", "8所"),
    ],
)
def test_counts_of_things_that_exist_are_flagged_not_targets(sentence: str, words: str) -> None:
    (task,) = block_tasks(sentence, 2026, opening=False)
    assert task.target is None and task.kind != "quantitative"
    assert f"draft_note_existing:{words}" in task.notes


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("完成人民医院、煤建东大道、团结路3个积水片区改造", 3),  # delivering the named things is a target
        ("与北京市、河北省6所学校开展结对共助活动", 6),  # two names, six schools: the names are not the schools
        ("启动子牙河北路雨水泵站、集平路等9个市政基础设施建设", 9),
    ],
)
def test_counts_after_names_that_are_commitments_stay_targets(sentence: str, value: int) -> None:
    (task,) = block_tasks(sentence, 2026, opening=False)
    assert task.target is not None and task.target.value == value


@pytest.mark.parametrize("tasks_of", [goal_tasks, lambda text, year: block_tasks(text, year, opening=False)])
def test_pm25_ceiling_is_a_target(tasks_of) -> None:  # type: ignore[no-untyped-def]
    (task,) = tasks_of("PM2.5浓度控制在35微克/立方米以内", 2026)
    assert _targets([task]) == [(35, "微克/立方米", "<=")]


def test_a_range_of_areas_keeps_what_it_counts() -> None:
    (task,) = block_tasks("打造1-2个片区", 2026, opening=False)
    assert task.target is not None and (task.target.value, task.target.max, task.target.unit) == (1, 2, "个片区")
    assert "片区" in task.title


def test_a_dated_commitment_in_a_section_opening_is_kept_and_flagged() -> None:
    (task,) = block_tasks("城市面貌持续改善，三季度末前完成复康路综合整治", 2026, opening=True)
    assert task.due == date(2026, 9, 30) and task.title == "完成复康路综合整治"
    assert "draft_note_opening" in task.notes


def test_two_dated_deliverables_in_a_chain_of_clauses_stay_apart() -> None:
    sentence = "加快推进道路建设，三季度末前完成复康路综合整治，推动学校改扩建工程年底前交付使用"
    tasks = block_tasks(sentence, 2026, opening=False)
    assert [t.due for t in tasks] == [date(2026, 9, 30), date(2026, 12, 31)]
    assert tasks[1].text == "推动学校改扩建工程年底前交付使用"


def test_a_review_figure_counted_by_the_same_thing_is_a_flagged_baseline() -> None:
    text = (
        "一、2025年工作回顾\n过去一年，消费持续回暖，落地品牌首店45家，新开业商业综合体2个。\n"
        "二、2026年重点工作\n（一）扩大消费\n1.繁荣商业。引进各类首店50家以上。\n"
    )
    (task,) = draft_catalog(text, source_name="r").all_tasks()
    assert task.baseline is not None and task.baseline[:3] == (45, "家", 2025)
    assert task.baseline_note == "draft_note_baseline_lead:首店"


def test_a_rate_is_not_matched_on_the_verb_alone() -> None:
    text = (
        "一、2025年工作回顾\n过去一年，全区税收收入增长3.2%。\n"
        "二、2026年重点工作\n（一）发展经济\n1.稳增长。地区生产总值增长5%。\n"
    )
    (task,) = draft_catalog(text, source_name="r").all_tasks()
    assert task.baseline is None


def test_a_table_of_contents_is_named_as_such() -> None:
    toc = "目  录\n一、2025年工作回顾……………… 1\n二、2026年重点工作……………… 8\n（一）加快产业发展…………… 8\n"
    with pytest.raises(InputError, match="目录"):
        draft_catalog(toc, source_name="toc")


def test_not_a_report_is_still_not_a_table_of_contents() -> None:
    with pytest.raises(InputError, match="没有找到重点工作部分"):
        draft_catalog("会议纪要\n今天讨论了食堂菜单。\n", source_name="x")


def test_section_heading_at_a_lead_phrase_drops_nothing() -> None:
    text = (
        "（二）优化发展环境\n厚植营商环境沃土。深化集成改革，新增高频事项20项。全面推行包容审慎监管。\n"
        "激发市场主体活力。新增市场主体3000户以上。\n（三）保障民生\n新建养老服务中心2个。\n"
    )
    draft = draft_catalog(text, source_name="x", year=2026, section_heading="厚植营商环境沃土")
    texts = [t.text for t in draft.all_tasks()]
    assert "深化集成改革，新增高频事项20项" in texts and "全面推行包容审慎监管" in texts
    assert "新增市场主体3000户以上" in texts
    first = draft.sections[0]
    assert first.id == "2" and first.notes == ["draft_note_leading"]
    assert [title for title, _ in first.subsections] == ["厚植营商环境沃土", "激发市场主体活力"]
    assert "# 待核：--section-heading" in draft.yaml


# -- the source block ---------------------------------------------------------------------------

_HEAD_PDF = [
    "河东政发〔2026〕1号河东区人民政府关于印发河东区2026年政府工作报告的通知",
    "现将河东区第十八届人民代表大会第八次会议审议批准的《河东区2026年政府工作报告》印发给你们。",
    "政府工作报告——2026年1月21日在河东区第十八届人民代表大会第八次会议上河东区区长张春",
]


def test_source_from_a_district_report_head() -> None:
    source = find_source(_HEAD_PDF, 2026)
    assert (source.region, source.report, source.doc_no) == (
        "河东区",
        "河东区2026年政府工作报告",
        "河东政发〔2026〕1号",
    )
    assert source.title == "河东区人民政府关于印发河东区2026年政府工作报告的通知"
    assert source.notes == {}


def test_source_region_is_the_last_level_named() -> None:
    source = find_source(["——2026年1月20日在天津市南开区第十八届人民代表大会第六次会议上"], 2026)
    assert source.region == "南开区" and source.report is None and source.doc_no is None


def test_source_of_a_province_report() -> None:
    head = ["2026年北京市政府工作报告", "——2026年1月25日在北京市第十六届人民代表大会第四次会议上", "北京市市长 殷勇"]
    source = find_source(head, 2026)
    assert (source.region, source.report) == ("北京市", "2026年北京市政府工作报告")


def test_source_title_run_into_the_page_furniture() -> None:
    head = ["下载打印【字号：加大还原减小】2026年北京市政府工作报告——2026年1月25日在北京市第十六届人民代表大会上"]
    source = find_source(head, 2026)
    assert (source.region, source.report) == ("北京市", "2026年北京市政府工作报告")


def test_source_region_from_a_weaker_clue_is_flagged() -> None:
    source = find_source(["现在，我代表红桥区人民政府，向大会报告工作。"], 2025)
    assert source.region == "红桥区" and source.notes == {"region": "draft_note_region_weak"}


def test_source_in_the_draft_yaml_and_flags_what_is_missing() -> None:
    work = "三、2026年重点工作\n（一）加快产业发展\n1.壮大企业。新增企业10家以上。\n"
    text = "\n".join(_HEAD_PDF) + "\n各位代表：\n" + work
    data = yaml.safe_load(draft_catalog(text, source_name="r.txt").yaml)
    assert data["source"]["region"] == "河东区" and data["source"]["doc_no"] == "河东政发〔2026〕1号"
    draft = draft_catalog(work, source_name="excerpt.txt")
    assert "region" not in yaml.safe_load(draft.yaml)["source"]
    assert "请填写 region" in draft.yaml and "此处为文件名" in draft.yaml


# -- excerpts and news reports ---------------------------------------------------------------------


def test_a_news_report_with_only_the_targets_drafts_them_flagged() -> None:
    goals = "主要预期目标是:地区生产总值增长5.6%以上,一般公共预算收入、固定资产投资保持正增长。"
    text = f"2025年是收官之年。\n{goals}\n"
    draft = draft_catalog(text, source_name="news.txt")
    assert draft.year == 2025 and "draft_note_goals_only" in draft.notes
    tasks = draft.all_tasks()
    assert [(t.title, t.target.comparator) for t in tasks if t.target] == [
        ("地区生产总值增长5.6%以上", ">="),
        ("一般公共预算收入", ">"),
        ("固定资产投资", ">"),
    ]
    assert all("draft_note_shared_figure" in t.notes for t in tasks[1:])


def test_numbered_parts_after_a_counted_lead_in_are_the_sections() -> None:
    text = (
        "2025年工作安排\n今年全区主要预期目标为:地区生产总值增长5%左右。\n重点抓好以下两方面工作:\n"
        "一、坚持三区并进,推动功能融合\n(一)做精老城区。完成3个片区更新。\n"
        "二、坚持民生为本,办好实事\n(一)办好教育。新增学位500个。\n三、加强政府自身建设\n"
    )
    draft = draft_catalog(text, source_name="x")
    assert draft.year == 2025
    titles = [(s.title, [t for t, _ in s.subsections]) for s in draft.sections if s.id != "0"]
    assert titles == [("坚持三区并进,推动功能融合", ["做精老城区"]), ("坚持民生为本,办好实事", ["办好教育"])]


def test_a_lead_in_that_counts_its_parts_without_a_heading_word() -> None:
    text = (
        "二、2025年发展目标任务\n全年主要预期目标是:全县地区生产总值增长6%。\n"
        "具体工作中,我们将坚定不移做好6个方面工作:\n(一)壮大特色产业\n推动主导产业发展壮大。标准化厂房上半年投用。\n"
    )
    (task,) = [t for t in draft_catalog(text, source_name="x").all_tasks() if t.due]
    assert task.due == date(2025, 6, 30)


def test_a_lead_phrase_on_its_own_line_heads_the_paragraph_below() -> None:
    text = (
        "二、2025年工作安排\n\n重点抓好以下几方面工作:\n\n(一)聚焦新质生产力。坚持实体经济。\n\n转型发展城市工业。\n\n"
        "坚持工业兴区,新增创新型中小企业10家。\n"
    )
    section = next(s for s in draft_catalog(text, source_name="x").sections if s.id == "1")
    assert [(title, [t.text for t in tasks]) for title, tasks in section.subsections] == [
        ("转型发展城市工业", ["坚持工业兴区,新增创新型中小企业10家"])
    ]


def test_a_striving_sentence_after_the_targets_is_no_task() -> None:
    goals = "主要预期目标为:地区生产总值增长5%左右;制造业投资增长8%左右。实际工作中,我们将努力争取更好结果。"
    text = f"{goals}\n重点抓好以下几方面工作:\n(一)发展产业\n新增企业10家。\n"
    tasks = next(s for s in draft_catalog(text, source_name="x", year=2025).sections if s.id == "0").tasks
    assert [t.text for t in tasks] == ["地区生产总值增长5%左右", "制造业投资增长8%左右"]


def test_the_year_of_a_lead_in_paragraph_is_not_taken_from_its_words() -> None:
    text = (
        "2026年福建省政府工作报告\n一、2025年工作回顾\n2025年是收官之年。\n三、一鼓作气勇争先\n"
        "主要预期目标是：地区生产总值增长5%左右，粮食产量比2025年稳中有增。具体抓好以下工作：\n"
        "（一）壮大实体经济。新增企业10家。\n"
    )
    assert draft_catalog(text, source_name="x").year == 2026
