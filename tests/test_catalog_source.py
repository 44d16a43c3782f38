"""Check data/targets_2026.yaml against the text of the 2026 work report.

The source text is kept in the repository (data/source), so these faithfulness
tests run on every clone.

Section 三 of the report holds the 主要预期目标, the six parts （一）…（六）, and a
closing paragraph on the government's own work (政府自身建设, 一是…四是) that has
no number of its own. The catalogue holds the goals as section "0", the six
parts as "1"…"6" and that paragraph as "7".
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

CATALOG = Path(__file__).resolve().parents[1] / "data" / "targets_2026.yaml"
SOURCE = Path(__file__).resolve().parents[1] / "data" / "source" / "hedong-2026-work-report.txt"

# Digits with an optional decimal part and an optional range ("1-2").
NUM_RE = re.compile(r"\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?")
HEADING_RE = re.compile(r"^（([一二三四五六])）")
CN_DIGITS = "一二三四五六"
# 一是加强思想政治建设。… in the paragraph on the government's own work
GOV_PART_RE = re.compile(r"([一二三四])是([^。]+)。")
GOV_SECTION = "7"
TASK_KEYS = ("id", "title", "text", "kind", "target", "baseline", "due")
KINDS = {"quantitative", "milestone", "ongoing"}
COMPARATORS = {"=", ">=", ">", "range"}


def norm(text: str) -> str:
    """Remove all whitespace (PDF line breaks, stray spaces around numbers)."""
    return re.sub(r"\s+", "", text)


def fmt(value: float) -> str:
    """Render a YAML number the way the report writes it (700, 4.5)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


@dataclass
class Section:
    num: str
    heading: str
    opening: str
    subsections: list[str] = field(default_factory=list)


@dataclass
class Report:
    section1: str  # section 一 (2025 review), whitespace removed
    section3: str  # section 三 (2026 work), whitespace removed, up to the closing 各位代表！时光向前
    goals: str  # the 主要预期目标 paragraph
    sections: list[Section]  # （一）…（六）
    government: str  # the paragraph on the government's own work that closes section 三
    government_parts: list[tuple[str, str]]  # (lead phrase, text) of its 一是…四是


def _line_index(lines: list[str], prefix: str) -> int:
    hits = [i for i, line in enumerate(lines) if norm(line).startswith(prefix)]
    assert len(hits) == 1, f"expected one line starting with {prefix!r}, got {hits}"
    return hits[0]


def _paragraphs(lines: list[str]) -> list[str]:
    """Rebuild paragraphs: a paragraph ends with a line ending in 。/：/！.

    Blank lines are ignored because page breaks insert them mid-sentence.
    A heading line （一）.. may be continued by a page-broken fragment that has
    no sentence punctuation (e.g. "产力").
    """
    paras: list[str] = []
    buf = ""
    in_heading = False
    for line in lines:
        s = norm(line)
        if not s:
            continue
        if HEADING_RE.match(s):
            assert not buf, f"unterminated paragraph before heading: {buf[:40]}"
            paras.append(s)
            in_heading = True
            continue
        if in_heading and not re.search("[，。；：]", s):
            paras[-1] += s
            continue
        in_heading = False
        buf += s
        if s.endswith(("。", "：", "！")):
            paras.append(buf)
            buf = ""
    assert not buf, f"unterminated paragraph at end: {buf[:40]}"
    return paras


def parse_report(text: str) -> Report:
    lines = text.splitlines()
    s1 = _line_index(lines, "一、2025年")
    s2 = _line_index(lines, "二、“十五五”时期")
    s3 = _line_index(lines, "三、2026年重点工作")
    # The paragraph on the government's own work follows （六） inside section 三;
    # the closing appeal (各位代表！时光向前…) ends the section.
    end = _line_index(lines, "各位代表！新征程")
    closing = _line_index(lines, "各位代表！时光向前")
    paras = _paragraphs(lines[s3 + 1 : end])
    government = "".join(_paragraphs(lines[end:closing]))
    starts = [m for m in GOV_PART_RE.finditer(government)]
    parts = [
        (m.group(2), government[m.start() : nxt.start() if nxt else len(government)])
        for m, nxt in zip(starts, [*starts[1:], None], strict=True)
    ]

    goals = [p for p in paras if p.startswith("今年经济社会发展的主要预期目标是：")]
    assert len(goals) == 1
    sections: list[Section] = []
    for p in paras:
        m = HEADING_RE.match(p)
        if m:
            sections.append(
                Section(
                    num=str(CN_DIGITS.index(m.group(1)) + 1),
                    heading=p[m.end() :],
                    opening="",
                )
            )
        elif sections and not sections[-1].opening:
            sections[-1].opening = p
        elif sections:
            sections[-1].subsections.append(p)
    return Report(
        section1=norm("".join(lines[s1:s2])),
        section3=norm("".join(lines[s3:closing])),
        goals=goals[0],
        sections=sections,
        government=government,
        government_parts=parts,
    )


def lead_phrase(paragraph: str) -> str:
    return paragraph.split("。", 1)[0]


@pytest.fixture(scope="module")
def catalog() -> dict:
    with CATALOG.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def report() -> Report:
    return parse_report(SOURCE.read_text(encoding="utf-8"))


def iter_tasks(catalog: dict):
    """Yield (scope, task): scope is ("goals",), ("section", S) or ("sub", S, N)."""
    for sec in catalog["sections"]:
        if sec["id"] == "0":
            for task in sec["tasks"]:
                yield ("goals",), task
            continue
        for task in sec.get("tasks", []):
            yield ("section", sec["id"]), task
        for sub in sec.get("subsections", []):
            for task in sub.get("tasks", []):
                yield ("sub", sec["id"], sub["id"]), task


def all_tasks(catalog: dict) -> list[tuple[tuple, dict]]:
    return list(iter_tasks(catalog))


def scope_paragraph(report: Report, scope: tuple) -> str:
    if scope[0] == "goals":
        return report.goals
    if scope[1] == GOV_SECTION:
        if scope[0] == "section":
            return report.government
        return report.government_parts[int(scope[2].split(".")[1]) - 1][1]
    sec = report.sections[int(scope[1]) - 1]
    if scope[0] == "section":
        return sec.opening
    return sec.subsections[int(scope[2].split(".")[1]) - 1]


# 1. structure: goals, section headings, subsection lead phrases
def test_structure_matches_source(catalog: dict, report: Report) -> None:
    secs = catalog["sections"]
    assert [s["id"] for s in secs] == ["0", "1", "2", "3", "4", "5", "6", GOV_SECTION]
    goals = secs[0]
    assert goals["title"] == "主要预期目标"
    assert [t["id"] for t in goals["tasks"]] == [f"0.{i}" for i in range(1, 7)]
    assert "subsections" not in goals

    assert [s.num for s in report.sections] == ["1", "2", "3", "4", "5", "6"]
    for sec, src in zip(secs[1:7], report.sections, strict=True):
        assert norm(sec["title"]) == src.heading
        assert sec["title"] == norm(sec["title"])
        subs = sec["subsections"]
        assert [s["id"] for s in subs] == [f"{sec['id']}.{i}" for i in range(1, len(subs) + 1)]
        assert [s["title"] for s in subs] == [lead_phrase(p) for p in src.subsections]
    assert sum(len(s["subsections"]) for s in secs[1:7]) == 20

    # The government's own work: titled with the report's words; its subsections are the
    # 一是… parts in order (a part with nothing a unit can report on may be left out at the end).
    gov = secs[7]
    assert gov["title"] == "政府自身建设" and gov["title"] in report.government
    assert [p[0] for p in report.government_parts] == [
        "加强思想政治建设",
        "深入推进依法行政",
        "改进作风提升能力",
        "一以贯之廉洁从政",
    ]
    subs = gov["subsections"]
    assert [s["id"] for s in subs] == [f"{GOV_SECTION}.{i}" for i in range(1, len(subs) + 1)]
    assert [s["title"] for s in subs] == [p[0] for p in report.government_parts[: len(subs)]]


# 2. every task text is a verbatim span of its own paragraph of section 三
def test_task_texts_are_verbatim(catalog: dict, report: Report) -> None:
    bad = []
    for scope, task in all_tasks(catalog):
        text = task["text"]
        if text != norm(text) or text.endswith("。"):
            bad.append((task["id"], "whitespace or trailing 。"))
        elif text not in report.section3:
            bad.append((task["id"], "not in section 三"))
        elif text not in scope_paragraph(report, scope):
            bad.append((task["id"], "not in its own paragraph"))
    assert not bad, bad


# 3. every number committed to in section 三 is carried by a task text.
# Excluded (stated here on purpose): the section headings and the general
# preamble paragraphs before 主要预期目标 ("2026年是“十五五”开局之年…",
# "政府工作的总体要求是…"). The paragraph on the government's own work is
# included (its 九五 and 十五五 are written in Chinese numerals).
def test_every_number_is_carried(catalog: dict, report: Report) -> None:
    texts = [t["text"] for _, t in all_tasks(catalog)]
    paragraphs = [report.goals]
    for sec in report.sections:
        paragraphs.append(sec.opening)
        paragraphs.extend(sec.subsections)
    paragraphs.append(report.government)
    missing = []
    for para in paragraphs:
        spans = []
        for text in texts:
            start = para.find(text)
            while start != -1:
                spans.append((start, start + len(text)))
                start = para.find(text, start + 1)
        for m in NUM_RE.finditer(para):
            if not any(a <= m.start() and m.end() <= b for a, b in spans):
                missing.append(para[max(0, m.start() - 12) : m.end() + 6])
    assert not missing, missing


# 4. targets are consistent with the text
def test_targets_consistent_with_text(catalog: dict) -> None:
    bad = []
    for _, task in all_tasks(catalog):
        tid, text, kind = task["id"], task["text"], task["kind"]
        if kind != "quantitative":
            if "target" in task:
                bad.append((tid, "target on non-quantitative task"))
            if "正增长" in text or re.search(r"\d[^，、\d]{0,4}以上", text):
                bad.append((tid, "text states a number to reach"))
            continue
        target = task.get("target")
        if not isinstance(target, dict):
            bad.append((tid, "quantitative task without target"))
            continue
        value, unit, comp = target.get("value"), target.get("unit"), target.get("comparator")
        if set(target) - {"value", "unit", "comparator", "max"}:
            bad.append((tid, f"unexpected target keys {sorted(target)}"))
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            bad.append((tid, f"value {value!r} is not a number"))
            continue
        if not isinstance(unit, str) or not unit or comp not in COMPARATORS:
            bad.append((tid, f"bad unit/comparator {unit!r} {comp!r}"))
            continue
        if ("max" in target) != (comp == "range"):
            bad.append((tid, "max must be given exactly for ranges"))
            continue
        numbers = {float(n) for m in NUM_RE.findall(text) for n in m.split("-")}
        v, u = re.escape(fmt(value)), re.escape(unit)
        if comp == ">":
            ok = value == 0 and "正增长" in text
        elif comp == "range":
            ok = value in numbers and target["max"] > value and f"{fmt(value)}-{fmt(target['max'])}{unit}" in text
        elif comp == ">=":
            ok = value in numbers and re.search(rf"(?<![\d.]){v}{u}以上", text)
        else:  # "="
            ok = value in numbers and re.search(rf"(?<![\d.\-]){v}{u}(?!以上)", text)
        if not ok:
            bad.append((tid, f"target {target} does not match text"))
    assert not bad, bad


# 5. titles, ids, kinds, key order, no lead, due dates
def _keys_anywhere(node) -> set:
    if isinstance(node, dict):
        return set(node).union(*(_keys_anywhere(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_keys_anywhere(v) for v in node))
    return set()


def test_ids_titles_kinds_due(catalog: dict) -> None:
    assert catalog["year"] == 2026
    assert catalog["source"]["doc_no"] == "河东政发〔2026〕1号"
    assert "lead" not in _keys_anywhere(catalog)

    ids = [t["id"] for _, t in all_tasks(catalog)]
    assert len(ids) == len(set(ids)), "duplicate task ids"

    groups: dict[str, list[str]] = {}
    for scope, task in all_tasks(catalog):
        prefix = {"goals": "0", "section": f"{scope[-1]}.0"}.get(scope[0], scope[-1])
        groups.setdefault(prefix, []).append(task["id"])
    for prefix, got in groups.items():
        assert got == [f"{prefix}.{i}" for i in range(1, len(got) + 1)], prefix

    for sec in catalog["sections"]:
        for sub in sec.get("subsections", []):
            assert sub["id"].split(".")[0] == sec["id"]
            assert sub["title"] and sub.get("tasks"), sub["id"]

    for _, task in all_tasks(catalog):
        tid = task["id"]
        keys = list(task)
        assert keys == [k for k in TASK_KEYS if k in task], (tid, keys)
        assert set(keys) <= set(TASK_KEYS), (tid, keys)
        assert isinstance(task["title"], str) and 0 < len(task["title"]) <= 20, tid
        assert task["kind"] in KINDS, tid
        if "due" in task:
            due = datetime.date.fromisoformat(task["due"])
            assert due.year == 2026, tid
            assert "年内" in task["text"], tid
        if "年内" in task["text"]:
            assert task.get("due") == "2026-12-31", tid


# 6. baselines come from section 一, with a quoting comment
# The measure word a baseline may be quoted with when the 2025 review counts the same things with
# another one than the 2026 target (新建4个户外微场地 / 新增户外微场地4处). The baseline takes the
# target's unit, and a "# unit:" comment says so.
UNIT_ALTERNATIVES = {"处": "个"}


def baseline_comments() -> list[list[str]]:
    """For each ``baseline:`` line of the file, the comment lines just above it, nearest last."""
    raw = CATALOG.read_text(encoding="utf-8").splitlines()
    blocks = []
    for i, line in enumerate(raw):
        if line.strip().startswith("baseline:"):
            start = i
            while start > 0 and raw[start - 1].strip().startswith("#"):
                start -= 1
            blocks.append([c.strip() for c in raw[start:i]])
    return blocks


def test_baselines_from_section_one(catalog: dict, report: Report) -> None:
    tasks = [t for _, t in all_tasks(catalog) if "baseline" in t]
    assert tasks
    blocks = baseline_comments()
    assert len(blocks) == len(tasks)
    for task, block in zip(tasks, blocks, strict=True):
        tid, base = task["id"], task["baseline"]
        assert set(base) == {"value", "unit", "year"}, tid
        assert base["year"] == 2025, tid
        value = base["value"]
        assert isinstance(value, (int, float)) and not isinstance(value, bool), tid
        if "target" in task:
            assert base["unit"] == task["target"]["unit"], (tid, "baseline and target in different units")

        assert block and block[-1].startswith("# 2025: "), f"{tid}: no '# 2025:' comment above its baseline"
        quote = norm(block[-1].removeprefix("# 2025: "))
        assert quote in report.section1, (tid, quote)
        number = rf"(?<![\d.]){re.escape(fmt(value))}(余?)"
        m = re.search(number + re.escape(base["unit"]), quote)
        if m is None and base["unit"] in UNIT_ALTERNATIVES:
            m = re.search(number + re.escape(UNIT_ALTERNATIVES[base["unit"]]), quote)
            assert m is None or any(c.startswith("# unit:") for c in block), (tid, "unit change not explained")
        assert m, (tid, base, quote)
        # 540余场 is more than 540: the comment must say the figure is a lower bound.
        if m.group(1):
            assert any("lower bound" in c for c in block), (tid, "余 figure not noted as a lower bound")


# 7. corrections from a second reading of the catalogue against the report
# Each phrase is one commitment; it lives in exactly one task (pinned, so journal entries keep
# pointing at the same commitment), and no task holds two of them.
COMMITMENT_HOMES = {
    "加快井冈山路片区等5个已启动城市更新项目建设": "2.3.4",
    "进一步谋划富民路等片区城市更新": "2.3.6",
    "提速成林道（工业大学）2、4号地6条配套道路及管线建设": "5.1.2",
    "协调推动万川路、晨阳道建设": "5.1.8",
    "推动矛盾纠纷源头化解": "5.4.7",
    "健全“三所联动”“三室一会”协同机制": "5.4.9",
    "加强社区综治站建设": "5.4.10",
    "新建就业驿站6个": "6.1.1",
    "实现街道就业驿站全覆盖": "6.1.6",
    "举办专场招聘会100场以上": "6.1.3",
    "开展产业人才河东行、高校学子河东行、公共就业服务进校园等活动": "6.1.7",
    "落实育儿补贴制度": "6.2.4",
    "深入实施妇女儿童健康提升计划": "6.2.6",
    "健全普惠托育服务体系": "6.2.7",
    "完善退役军人服务保障": "6.2.5",
    "发展青少年、残疾人、红十字等事业": "6.2.8",
    "全力以赴做好中央、市委巡视等指出问题整改工作": "7.1.1",
    "制定实施“九五”普法规划": "7.2.1",
    "高质量推进“十五五”重点专项规划编制实施": "7.3.1",
    # A one-off deliverable and the continuing work beside it are separate tasks: finishing the
    # deliverable must not close the continuing work.
    "出台鼓励青年人才来区创新创业若干政策": "3.3.4",
    "加强重点产业人力资源供需对接": "3.3.5",
    "吸引高层次人才集聚": "3.3.6",
    "打造河东区公共法律服务云地图": "4.2.4",
    "持续规范涉企执法": "4.2.6",
    "优化涉企法律服务": "4.2.7",
    "升级智慧监管2.0平台": "4.2.5",
    "强化诚信体系建设": "4.2.8",
    "建设智慧化养老服务管理平台": "6.2.3",
    "扩大普惠养老服务供给": "6.2.9",
    # Section 7: what a unit can report on (README: "only what a unit can report on is a task").
    "实质性化解行政争议": "7.2.2",
    "扎实做好政务公开": "7.2.3",
    "严格落实防治统计造假责任制": "7.2.4",
    "坚决整治侵害群众利益突出问题": "7.4.1",
    "抓实廉政警示教育": "7.4.2",
}

# Tasks per id group before the split; new tasks only ever go after these, so every id a journal
# may hold still exists.
ORIGINAL_COUNTS = {
    "0": 6, "1.1": 7, "1.2": 4, "1.3": 4, "2.1": 10, "2.2": 6, "2.3": 5, "3.1": 6, "3.2": 7,
    "3.3": 4, "4.1": 4, "4.2": 5, "4.3": 4, "5.1": 7, "5.2": 5, "5.3": 7, "5.4": 8, "6.0": 1,
    "6.1": 5, "6.2": 5, "6.3": 11, "6.4": 9,
}  # fmt: skip


def test_split_commitments_live_in_one_task_each(catalog: dict, report: Report) -> None:
    by_id = {t["id"]: t for _, t in all_tasks(catalog)}
    for phrase, home in COMMITMENT_HOMES.items():
        assert phrase in report.section3, phrase
        holders = [tid for tid, t in by_id.items() if phrase in t["text"]]
        assert holders == [home], (phrase, holders)
    for tid, task in by_id.items():
        held = [p for p in COMMITMENT_HOMES if p in task["text"]]
        assert len(held) <= 1, (tid, held)


def test_existing_ids_are_kept(catalog: dict) -> None:
    counts: dict[str, int] = {}
    for _, task in all_tasks(catalog):
        group = task["id"].rpartition(".")[0]
        counts[group] = counts.get(group, 0) + 1
    for group, before in ORIGINAL_COUNTS.items():
        assert counts.get(group, 0) >= before, group
    assert sum(ORIGINAL_COUNTS.values()) == 130


def test_corrected_titles_kinds_and_baselines(catalog: dict) -> None:
    by_id = {t["id"]: t for _, t in all_tasks(catalog)}
    assert by_id["1.1.1"]["title"] == "服务驻区央企总部型企业扩营增资"
    assert by_id["1.2.3"]["title"] == "盘活站区及周边商务楼宇面积"
    assert by_id["6.1.6"]["kind"] == "milestone"
    assert by_id["7.2.1"]["kind"] == "milestone"
    # 20 projects under way from January do not accumulate like 序时进度: 6.0.1 is ongoing.
    assert by_id["6.0.1"]["kind"] == "ongoing" and "target" not in by_id["6.0.1"]
    expected = {
        "6.2.1": {"value": 60.52, "unit": "万人", "year": 2025},
        "4.3.4": {"value": 2354, "unit": "万美元", "year": 2025},
        "6.1.4": {"value": 2, "unit": "个", "year": 2025},
        "6.4.5": {"value": 4, "unit": "处", "year": 2025},
    }
    for tid, baseline in expected.items():
        assert by_id[tid]["baseline"] == baseline, tid
    assert by_id["6.4.5"]["target"]["unit"] == "处"


def test_titles_name_every_commitment_of_their_text(catalog: dict) -> None:
    by_id = {t["id"]: t for _, t in all_tasks(catalog)}
    titles = {
        "5.4.7": ("源头", "多元", "有序"),
        "3.3.4": ("来区",),
        "6.1.5": ("就业困难", "灵活就业"),
        "5.3.7": ("土壤", "固废", "异味", "噪声"),
    }
    for tid, words in titles.items():
        assert all(word in by_id[tid]["title"] for word in words), (tid, by_id[tid]["title"])
    for tid in ("3.3.4", "4.2.4", "4.2.5", "6.2.3"):  # the deliverables left once the continuing work split off
        assert by_id[tid]["kind"] == "milestone", tid
    for tid in ("3.3.5", "3.3.6", "4.2.6", "4.2.7", "4.2.8", "6.2.9"):
        assert by_id[tid]["kind"] == "ongoing" and "lead" not in by_id[tid] and "due" not in by_id[tid], tid


def test_source_names_the_district(catalog: dict) -> None:
    assert catalog["source"]["region"] == "河东区"
    assert catalog["source"]["report"].startswith(catalog["source"]["region"])


def test_kind_change_of_6_0_1_is_explained() -> None:
    raw = CATALOG.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(raw) if line.strip() == '- id: "6.0.1"')
    end = next(i for i in range(start + 1, len(raw)) if raw[i].strip().startswith("kind:"))
    comment = " ".join(line.strip() for line in raw[start:end] if line.strip().startswith("#"))
    assert "ongoing" in comment and "序时进度" in comment, comment
