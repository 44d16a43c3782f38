"""``hedong catalog draft``: a checked draft catalogue from a government work report.

The drafter produces a catalogue; it does not change how catalogues load. Its YAML is validated with
``hedong_cli.catalogue.model.validate`` before it is handed back, so a draft always passes ``hedong check``.

    text = read_report(Path("report-2027.txt"))
    draft = draft_catalog(text, source_name="report-2027.txt")
    draft.yaml        # the catalogue, with # 待核 comments on every uncertain choice
    draft.summary()   # counts for the stderr summary

Modules: ``reading`` (files and encodings), ``structure`` (paragraphs, parts, sections), ``tasks`` (splitting,
kinds, titles), ``measures`` (targets, due dates), ``baselines`` (last year's figures), ``emit`` (YAML).
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from hedong_cli.catalogue.draft import structure
from hedong_cli.catalogue.draft.baselines import ANY_UNIT, WORDS_ONLY_SCORE, candidates, find_baseline
from hedong_cli.catalogue.draft.measures import cn_int
from hedong_cli.catalogue.draft.reading import read_report
from hedong_cli.catalogue.draft.source import Source, find_source
from hedong_cli.catalogue.draft.tasks import MAX_TASKS, DraftTask, TooManyTasks, block_tasks, clauses, goal_tasks
from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import t

__all__ = ["DraftCatalog", "DraftSection", "draft_catalog", "read_report"]


@dataclass
class DraftSection:
    id: str
    title: str
    tasks: list[DraftTask] = field(default_factory=list)
    subsections: list[tuple[str, list[DraftTask]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # # 待核 reasons about the whole section

    def all_tasks(self) -> list[DraftTask]:
        return self.tasks + [task for _, tasks in self.subsections for task in tasks]


@dataclass
class DraftCatalog:
    year: int
    source_name: str
    sections: list[DraftSection]
    yaml: str = ""
    notes: list[str] = field(default_factory=list)  # # 待核 reasons about the whole draft
    source: Source = field(default_factory=Source)  # region, title, document number, as the report states them

    def all_tasks(self) -> list[DraftTask]:
        return [task for section in self.sections for task in section.all_tasks()]

    def summary(self) -> dict[str, int]:
        tasks = self.all_tasks()
        kinds = Counter(task.kind for task in tasks)
        work = [s for s in self.sections if s.id != "0"]
        return {
            "sections": len(work),
            "subsections": sum(len(s.subsections) for s in work),
            "tasks": len(tasks),
            "quantitative": kinds["quantitative"],
            "milestone": kinds["milestone"],
            "ongoing": kinds["ongoing"],
            "targets": sum(1 for task in tasks if task.target is not None),
            "due": sum(1 for task in tasks if task.due is not None),
            "baselines": sum(1 for task in tasks if task.baseline is not None),
            "flagged": sum(1 for task in tasks if task.notes or task.baseline_note),
        }


def _section_ids(numerals: list[str]) -> list[str]:
    """The report's own numbers (（三） → "3") when they run in order, else 1, 2, 3…"""
    if numerals and numerals[0] == "" and len(numerals) > 1:
        # Paragraphs before the first heading: numbered just before it when there is room ((三) → "2").
        rest = _section_ids(numerals[1:])
        if rest[0].isdigit() and int(rest[0]) > 1:
            return [str(int(rest[0]) - 1), *rest]
        return [str(i) for i in range(1, len(numerals) + 1)]
    numbers = [cn_int(n) for n in numerals]
    if all(n is not None for n in numbers) and all(a < b for a, b in itertools.pairwise(numbers)):
        return [str(n) for n in numbers]
    return [str(i) for i in range(1, len(numerals) + 1)]


def draft_catalog(
    text: str, *, source_name: str, year: int | None = None, section_heading: str | None = None
) -> DraftCatalog:
    """Draft a catalogue from the text of a work report. Raises ``InputError`` when it is not one."""
    try:
        return _draft(text, source_name=source_name, year=year, section_heading=section_heading)
    except _NothingFound:
        if structure.looks_like_toc(text):
            raise InputError(t("draft_looks_like_toc")) from None
        raise


class _NothingFound(InputError):
    """No key-work part, section or task found: the text may be a table of contents."""


def _draft(text: str, *, source_name: str, year: int | None, section_heading: str | None) -> DraftCatalog:
    paras = structure.paragraphs(text)
    try:
        parts = structure.split_parts(paras, section_heading)
    except structure.NotAReport as exc:
        raise _NothingFound(t("draft_not_report", headings=str(exc))) from None
    except structure.HeadingNotFound as exc:
        raise InputError(t("draft_heading_not_found", heading=str(exc))) from None
    if not parts.sections and not parts.goals:
        raise _NothingFound(t("draft_no_sections"))
    year = year or parts.year
    if year is None:
        raise InputError(t("draft_no_year"))
    if not 2000 <= year <= 2100:
        raise InputError(t("draft_bad_year", year=year))
    try:
        sections = _draft_sections(parts, year)
    except TooManyTasks as exc:
        raise InputError(t("draft_too_many_tasks", n=f"{exc.args[0]:,}", max=f"{MAX_TASKS:,}")) from None
    draft = DraftCatalog(year=year, source_name=source_name, sections=sections)
    draft.source = find_source(structure.head(paras), year)
    if not parts.goals:
        draft.notes.append("draft_note_no_goals")
    if not parts.sections:
        draft.notes.append("draft_note_goals_only")
    if not parts.review:
        draft.notes.append("draft_note_no_review")
    if not draft.all_tasks():
        raise _NothingFound(t("draft_no_tasks"))
    _attach_baselines(draft, parts)
    from hedong_cli.catalogue.draft.emit import to_yaml

    draft.yaml = to_yaml(draft)
    _check(draft.yaml, source_name)
    return draft


def _draft_sections(parts: structure.Parts, year: int) -> list[DraftSection]:
    sections: list[DraftSection] = []
    total = 0

    def counted(tasks: list[DraftTask]) -> list[DraftTask]:
        nonlocal total
        total += len(tasks)
        if total > MAX_TASKS:
            raise TooManyTasks(total)
        return tasks

    if parts.goals:
        sections.append(DraftSection("0", t("draft_goals_title"), counted(goal_tasks(parts.goals, year))))
    for section_id, (_, title, body) in zip(_section_ids([s[0] for s in parts.sections]), parts.sections, strict=True):
        section = DraftSection(section_id, title)
        if not title:  # the paragraphs a --section-heading starts at, before any （一） heading
            section = DraftSection(section_id, t("draft_leading_title"), notes=["draft_note_leading"])
        if parts.style == "ordinal":
            section.tasks = counted(block_tasks("".join(body), year, opening=False))
            sections.append(section)
            continue
        found = structure.blocks(body)
        # A section without subsections is all tasks, not an opening (a province's （二） with one paragraph).
        has_subsections = any(block.title is not None for block in found)
        for block in found:
            if block.title is None:
                section.tasks += counted(block_tasks(block.text, year, opening=has_subsections))
            else:
                section.subsections.append((block.title, counted(block_tasks(block.text, year, opening=False))))
        sections.append(section)
    if parts.closing is not None:
        title, items = parts.closing
        ids = [int(section.id) for section in sections if section.id.isdigit()]
        closing = DraftSection(str(max(ids, default=0) + 1), title, notes=["draft_note_own_work"])
        closing.subsections = [(item, counted(block_tasks(body, year, opening=False))) for item, body in items]
        sections.append(closing)
    return sections


def _attach_baselines(draft: DraftCatalog, parts: structure.Parts) -> None:
    pool = candidates(parts.review)
    if not pool:
        return
    baseline_year = parts.review_year or draft.year - 1
    for task in draft.all_tasks():
        found = None
        if task.target is not None or task.measure_words:
            unit = task.target.unit if task.target is not None else None
            found = find_baseline(task.measure_words, unit, pool)
        if found is None and task.target is None:
            # A task without a figure may still name a measure the review counts ("加强创业型街区建设" /
            # "2个街区被认定为市级创业型街区"): clause by clause, on a stricter match, always flagged.
            finds = [find_baseline(clause, ANY_UNIT, pool, WORDS_ONLY_SCORE) for clause in clauses(task.text)]
            found = max((f for f in finds if f is not None), key=lambda f: f.score, default=None)
            if found is not None and found.note is None:
                found = replace(found, note="draft_note_baseline_no_target")
        if found is None:
            continue
        task.baseline_note = found.note
        task.baseline_rivals = found.rivals
        if found.value is not None and found.unit is not None and found.quote is not None:
            task.baseline = (found.value, found.unit, baseline_year, found.quote)


def _check(text: str, source_name: str) -> None:
    """The draft must load as it is; anything else is a bug in the drafter, reported as such."""
    from hedong_cli.catalogue.model import parse_yaml, validate

    validate(parse_yaml(text), Path(f"<draft of {source_name}>"))
