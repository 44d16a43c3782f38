"""Check data/targets_2026.yaml against the text of the 2026 work report.

The source text is kept in the repository (data/source), so these faithfulness
tests run on every clone.
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
    section3: str  # section 三 (2026 work), whitespace removed
    goals: str  # the 主要预期目标 paragraph
    sections: list[Section]


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
    # The government self-building paragraph after （六） is not part of the
    # six sections.
    end = _line_index(lines, "各位代表！新征程")
    paras = _paragraphs(lines[s3 + 1 : end])

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
        section3=norm("".join(lines[s3:end])),
        goals=goals[0],
        sections=sections,
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
    sec = report.sections[int(scope[1]) - 1]
    if scope[0] == "section":
        return sec.opening
    return sec.subsections[int(scope[2].split(".")[1]) - 1]


# 1. structure: goals, section headings, subsection lead phrases
def test_structure_matches_source(catalog: dict, report: Report) -> None:
    secs = catalog["sections"]
    assert [s["id"] for s in secs] == ["0", "1", "2", "3", "4", "5", "6"]
    goals = secs[0]
    assert goals["title"] == "主要预期目标"
    assert [t["id"] for t in goals["tasks"]] == [f"0.{i}" for i in range(1, 7)]
    assert "subsections" not in goals

    assert [s.num for s in report.sections] == ["1", "2", "3", "4", "5", "6"]
    for sec, src in zip(secs[1:], report.sections, strict=True):
        assert norm(sec["title"]) == src.heading
        assert sec["title"] == norm(sec["title"])
        subs = sec["subsections"]
        assert [s["id"] for s in subs] == [f"{sec['id']}.{i}" for i in range(1, len(subs) + 1)]
        assert [s["title"] for s in subs] == [lead_phrase(p) for p in src.subsections]
    assert sum(len(s["subsections"]) for s in secs[1:]) == 20


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
# "政府工作的总体要求是…"), plus the paragraph after （六） on the government's
# own work, which is not one of the six sections.
def test_every_number_is_carried(catalog: dict, report: Report) -> None:
    texts = [t["text"] for _, t in all_tasks(catalog)]
    paragraphs = [report.goals]
    for sec in report.sections:
        paragraphs.append(sec.opening)
        paragraphs.extend(sec.subsections)
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
def test_baselines_from_section_one(catalog: dict, report: Report) -> None:
    baselines = [(t["id"], t["baseline"]) for _, t in all_tasks(catalog) if "baseline" in t]
    assert baselines
    for tid, base in baselines:
        assert set(base) == {"value", "unit", "year"}, tid
        assert base["year"] == 2025, tid
        value = base["value"]
        assert isinstance(value, (int, float)) and not isinstance(value, bool), tid
        pattern = rf"(?<![\d.]){re.escape(fmt(value))}余?{re.escape(base['unit'])}"
        assert re.search(pattern, report.section1), (tid, base)

    raw = CATALOG.read_text(encoding="utf-8").splitlines()
    comments = []
    for i, line in enumerate(raw):
        if line.strip().startswith("baseline:"):
            m = re.match(r"^\s*# 2025: (.+)$", raw[i - 1])
            assert m, f"no '# 2025:' comment above line {i + 1}"
            comments.append(m.group(1))
    assert len(comments) == len(baselines)
    for (tid, base), quote in zip(baselines, comments, strict=True):
        assert norm(quote) in report.section1, (tid, quote)
        assert fmt(base["value"]) in norm(quote), (tid, quote)
