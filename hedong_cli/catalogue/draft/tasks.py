"""Sentences to tasks: where to split, which kind, what title, what target and due date.

Each sentence (ended by 。 or ；) is a task. A sentence that commits to two measured things is cut after the
first one's clause (at the next ， or a 、 right after the figure), so each task carries one target:
"新增1-2家国家、市级企业技术中心，技术合同登记额实现90亿元以上" is two tasks. A clause with a deadline
(年内投入使用) is cut the same way. The text stays the report's own words.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from hedong_cli.catalogue.draft.measures import Due, Measure, find_due, find_dues, find_measures, names_existing

TITLE_MAX = 20
# A district report holds 100-200 tasks and a province's 300-600; a 400,000-character report (the reader's
# limit) of real text about 3,500. Past this the text is not a report, and drafting stops there.
MAX_TASKS = 5_000


class TooManyTasks(Exception):
    """More than ``MAX_TASKS`` tasks; ``args[0]`` is how many were found before drafting stopped."""


_SENTENCE_RE = re.compile(r"[^。；;！!？?]+")
_CLAUSE_DELIMS = "，,；;"
# A deliverable that is done or not. Strong verbs decide anywhere in the task; the weaker ones only in the
# task's last clause (打造…楼宇 is a milestone, 打造…氛围 in a middle clause is not).
_STRONG_MILESTONE = re.compile(r"建成|竣工|投用|投入使用|投入运营|开工|出台|揭牌|开业|上线|通车|挂牌|销号|完工")
_WEAK_MILESTONE = re.compile(
    r"完成|启动|制定|搭建|举办|办好|纳入|落地|具备|打造|升级|建设.{0,12}(?:平台|中心|馆|公园)$"
)
# A clause that opens with one of these delivers something of its own ("完成缘诚小学改扩建工程").
_SPLIT_MILESTONE = re.compile(r"^(?:推动|实现|确保|力争)?(?:完成|启动|举办|办好|建成)")
# A clause that opens with one of these makes the task a milestone wherever the clause stands.
_DELIVER_RE = re.compile(r"^(?:推动|实现|确保|力争)?(?:完成|启动|举办|办好|建成|搭建|制定|出台)")
# Clauses that only qualify the one before them in the targets paragraph ("…增长4.5%，在实际工作中努力争取更好结果").
_QUALIFIER_RE = re.compile(r"^(?:在|努力|力争|争取|确保)")


@dataclass
class DraftTask:
    text: str
    kind: str
    title: str
    target: Measure | None = None
    due: date | None = None
    notes: list[str] = field(default_factory=list)  # the # 待核 reasons
    measure_words: str = ""  # what the target measures, for finding its baseline
    baseline: tuple[float, str, int, str] | None = None  # value, unit, year, the review's words
    baseline_note: str | None = None
    baseline_rivals: tuple[str, ...] = ()


def sentences(text: str) -> list[str]:
    return [s.strip("，, ") for s in _SENTENCE_RE.findall(text) if s.strip("，, ")]


def _cut_points(sentence: str, marks: list[tuple[int, int]]) -> list[int]:
    """Where to cut ``sentence`` so that each piece holds one of ``marks`` (start, end)."""
    cuts = []
    for (_, end), (next_start, _) in itertools.pairwise(marks):
        if end < len(sentence) and sentence[end] == "、":
            cuts.append(end)
            continue
        delim = next((i for i in range(end, next_start) if sentence[i] in _CLAUSE_DELIMS), None)
        if delim is not None:
            cuts.append(delim)
    return cuts


def chunks(sentence: str, year: int) -> list[str]:
    """``sentence`` cut so that no piece commits to two measured things, deadlines or deliverables."""
    return [piece for _, piece in _chunk_spans(sentence, year, find_measures(sentence))]


def _chunk_spans(sentence: str, year: int, measures: list[Measure]) -> list[tuple[int, str]]:
    """The pieces of ``chunks`` with where each starts in ``sentence``; linear in the sentence's length."""
    marks = [(m.start, m.end) for m in measures]
    measure_starts = sorted(start for start, _ in marks)
    for due in find_dues(sentence, year):
        # A deadline inside a figure's span is part of it; each other deadline is a commitment of its own.
        inside = bisect.bisect_right(measure_starts, due.start) - 1
        if inside < 0 or not marks_cover(marks, measure_starts[inside], due.start):
            marks.append((due.start, due.end))
    marks.sort()
    starts = [start for start, _ in marks]
    position = 0
    for clause in re.split(r"([，,])", sentence):
        end = position + len(clause)
        delivers = _STRONG_MILESTONE.search(clause) or _SPLIT_MILESTONE.match(clause)
        # A mark inside the clause already stands for it (bisect: a long sentence stays linear).
        if delivers and bisect.bisect_left(starts, position) == bisect.bisect_left(starts, end):
            marks.append((position, end))
        position = end
    marks.sort()
    pieces, last = [], 0
    for cut in [*_cut_points(sentence, marks), len(sentence)]:
        raw = sentence[last:cut]
        stripped = raw.strip("，,、 ")
        if stripped:
            pieces.append((last + raw.index(stripped), stripped))
        last = cut + 1
    return pieces


def marks_cover(marks: list[tuple[int, int]], start: int, position: int) -> bool:
    return any(s == start and s <= position < e for s, e in marks)


def _clause_around(text: str, start: int, end: int) -> str:
    left = max((text.rfind(d, 0, start) for d in _CLAUSE_DELIMS), default=-1)
    rights = [i for i in (text.find(d, end) for d in _CLAUSE_DELIMS) if i >= 0]
    return text[left + 1 : min(rights) if rights else len(text)]


def clauses(text: str) -> list[str]:
    return [c for c in re.split(r"[，,；;]", text) if c]


def make_title(text: str, focus: str | None = None) -> tuple[str, bool]:
    """A title of at most 20 characters, from ``focus`` (the clause that matters) or the first clause.

    Returns the title and whether it had to be cut short.
    """
    parts = clauses(text)
    title = (focus if focus else parts[0] if parts else text).strip("，,、。 ")
    if len(title) < 4 and len(parts) > 1 and focus is None:
        title = "，".join(parts[:2])
    title = title.rstrip("等")
    if len(title) <= TITLE_MAX:
        return title, False
    # Cut at a list or a comma, not inside a number list ("2、4号地").
    cuts = [i for i, ch in enumerate(title[: TITLE_MAX + 1]) if ch in "，、等" and not title[i - 1 : i].isdigit()]
    if cuts and cuts[-1] >= 6:
        return title[: cuts[-1]].rstrip("等"), False
    cut = title[:TITLE_MAX]
    for opening, closing in ("“”", "（）", "()", "《》"):
        if cut.count(opening) > cut.count(closing) and cut.rfind(opening) >= 6:
            cut = cut[: cut.rfind(opening)]  # no half quotation
    return cut, True


def _target_measures(text: str) -> tuple[list[Measure], list[str]]:
    """The figures of ``text`` that are targets, and the # 待核 notes for those that name existing things."""
    measures, notes = [], []
    for measure in find_measures(text):
        if names_existing(text, measure):
            notes.append(f"draft_note_existing:{text[measure.start : measure.end]}")
        else:
            measures.append(measure)
    return measures, notes


_LIST_JOIN_RE = re.compile(r"^[^，,；;由从到至]*?(?:和|及|以及|与|、)[^，,；;由从到至]*$")


def _listed(text: str, measures: list[Measure]) -> bool:
    """Figures joined as a list in one clause (3个市考断面和20个入河排污口): each is a target of its own.
    Not a change from one figure to another (由25%提高到26%), whose words hold 由, 到 or 至."""
    return len(measures) > 1 and all(
        _LIST_JOIN_RE.match(text[a.end : b.start]) for a, b in itertools.pairwise(measures)
    )


# Indicators named one after another before a single figure (一般公共预算收入、固定资产投资保持正增长).
_SUBJECTS_RE = re.compile(r"^[\u4e00-\u9fff（）()]{4,}(?:、[\u4e00-\u9fff（）()]{4,})+$")


def _shared_subjects(text: str, measures: list[Measure]) -> list[str]:
    """The indicators a clause's only figure is shared by, when it names several before it."""
    if len(measures) != 1:
        return []
    start = max((text.rfind(d, 0, measures[0].start) for d in "，,；;"), default=-1) + 1
    words = text[start : measures[0].start]
    words = re.sub(r"(?:增长|增速|提高|下降|达到|控制在)$", "", words)
    words = re.sub(r"(?:均|都)?(?:保持|实现)?$", "", words)
    return words.split("、") if _SUBJECTS_RE.match(words) else []


def make_tasks(text: str, year: int, *, opening: bool = False, goals: bool = False) -> list[DraftTask]:
    """The tasks of one chunk: one, or one per figure when the chunk lists several (3个…和20个…), or, in the
    targets paragraph (``goals``), one per indicator when several share the figure (一般公共预算收入、固定资产
    投资保持正增长)."""
    measures, _ = _target_measures(text)
    subjects = _shared_subjects(text, measures) if goals else []
    if subjects:
        tasks = []
        for subject in subjects:
            task = make_task(text, year)
            if task is None:
                continue
            task.title, cut = make_title(subject, subject)
            task.notes = [n for n in task.notes if n != "draft_note_title_cut"]
            task.notes.append("draft_note_shared_figure")
            if cut:
                task.notes.append("draft_note_title_cut")
            tasks.append(task)
        return tasks
    if not _listed(text, measures) or opening:
        task = make_task(text, year, opening=opening)
        return [task] if task is not None else []
    tasks = []
    for index, measure in enumerate(measures):
        task = make_task(text, year, measure=measure)
        if task is None:
            continue
        # What this figure counts: its words up to the next figure ("市考断面"), or to the end for the last.
        following = text[measure.end : measures[index + 1].start] if index + 1 < len(measures) else text[measure.end :]
        words = re.sub(r"(?:和|及|以及|与|、)$", "", following.strip("，,、 "))
        if words:
            task.title, cut = make_title(words, words)
            task.notes = [n for n in task.notes if n not in ("draft_note_two_figures", "draft_note_title_cut")]
            task.notes.append("draft_note_listed_figures")
            if cut:
                task.notes.append("draft_note_title_cut")
        tasks.append(task)
    return tasks


def make_task(text: str, year: int, *, opening: bool = False, measure: Measure | None = None) -> DraftTask | None:
    """One task from one chunk of a sentence; in a section's opening only a measured or dated commitment
    counts. ``measure``: the figure to take as the target when the chunk lists several."""
    measures, notes = _target_measures(text)
    target = measure if measure is not None else measures[0] if measures else None
    due: Due | None = find_due(text, year)
    if opening:
        if target is None and (due is None or due.when is None):
            return None
        anchor = (target.start, target.end) if target is not None else (due.start, due.end)  # type: ignore[union-attr]
        text = _clause_around(text, *anchor)
        measures, notes = _target_measures(text)
        target = measures[0] if measures else None
        due = find_due(text, year)
        notes.append("draft_note_opening")
    measure_words = ""
    if target is not None:
        kind = "quantitative"
        clause = _clause_around(text, target.start, target.end)
        offset = text.find(clause)
        measure_words = (clause[: target.start - offset] + clause[target.end - offset :]).strip("，,、 ")
        measure_words = _TRAILING_VERB_RE.sub("", measure_words)
        if target.unit.startswith("个") and len(target.unit) > 1:
            measure_words += target.unit[1:]  # 打造1-2个片区: the area the unit counts names the task too
        title, cut = make_title(text, measure_words or clause)
        if len(measures) > 1 and measure is None:
            notes.append("draft_note_two_figures")
    else:
        last = clauses(text)[-1] if clauses(text) else text
        ends = clauses(text)[:1] + clauses(text)[1:][-1:]  # a middle clause is usually the means, not the aim
        opening = [c for c in ends if _DELIVER_RE.match(c)]
        if _STRONG_MILESTONE.search(text) or _WEAK_MILESTONE.search(last) or opening:
            kind = "milestone"
            strong = [c for c in clauses(text) if _STRONG_MILESTONE.search(c)] or opening
            focus = strong[-1] if strong else last
        else:
            kind = "ongoing"
            focus = None
        if due is not None and due.when is not None:
            focus = _clause_around(text, due.start, due.end)
            focus = focus.replace(due.words, "")
        title, cut = make_title(text, focus)
        measure_words = _growth_words(text)
    if cut:
        notes.append("draft_note_title_cut")
    task = DraftTask(text=text, kind=kind, title=title, target=target, notes=notes, measure_words=measure_words)
    if due is not None:
        if due.when is None or due.when.year != year:
            task.notes.append(f"draft_note_due:{due.words}")
        else:
            task.due = due.when
    return task


_GROWTH_RE = re.compile(
    r"([^，,、]{2,30}?)(?:较上年|与[^，,]{0,8}(?:保持|持平)|持续增长|显著增长|保持增长|稳步增长|同比增长)"
)
_TRAILING_VERB_RE = re.compile(r"(?:实现|达到|突破|超过|完成|稳定在|保持在|控制在|提高到|提升到|降至|降到|达)$")
_LEADING_VERB_RE = re.compile(r"^(?:实现|力争|推动|确保|保持|争取)+")


def _growth_words(text: str) -> str:
    """For a task that asks for growth without a figure ("产业项目到位额持续增长"): what grows."""
    m = _GROWTH_RE.search(text)
    return _LEADING_VERB_RE.sub("", m.group(1)) if m else ""


def goal_tasks(goals: str, year: int) -> list[DraftTask]:
    """The targets paragraph: one task per clause, qualifiers kept with the clause they qualify."""
    parts: list[str] = []
    for piece in re.split(r"[；;]", goals):
        for clause in re.split(r"[，,]", piece):
            clause = clause.strip()
            if not clause:
                continue
            if parts and _QUALIFIER_RE.match(clause) and not find_measures(clause):
                parts[-1] += ("，" if "，" in goals else ",") + clause
            else:
                parts.append(clause)
    tasks = []
    for part in parts:
        single = len(find_measures(part)) == 1
        for task, shared in _sentence_tasks(part, year, goals=True):
            if task.kind == "milestone":
                task.kind = "ongoing"  # a target that is not a figure (完成市下达目标) is kept up all year
            if shared:
                # 分别增长6%、9%: each figure its own task, titled by the words they share.
                task.title, _ = make_title(shared, shared)
                task.notes.append("draft_note_shared_clause")
            elif (
                task.target is not None
                and task.kind == "quantitative"
                and single
                and "draft_note_shared_figure" not in task.notes
            ):
                task.title, _ = make_title(part, clauses(part)[0])
            tasks.append(task)
    return tasks


def _shared_title(sentence: str, start: int, piece: str, starts: set[int], ends: set[int]) -> str | None:
    """For a piece cut out of a clause at 、 ("12个、55万平方米项目完工"): the clause's words without figures.

    ``start`` is where the piece stands in ``sentence``; ``starts`` and ``ends`` are where the sentence's
    figures start and end, found once per sentence so that a long sentence stays linear.
    """
    end = start + len(piece)
    # Only figures joined directly ("12个、55万平方米…"); "基地5个、科技教育中心3个" name their own things.
    after = end < len(sentence) and sentence[end] == "、" and end in ends and end + 1 in starts
    before = start > 0 and sentence[start - 1] == "、" and start in starts and start - 1 in ends
    if not (after or before):
        return None
    clause = _clause_around(sentence, start, end) if start else _clause_around(sentence, 0, end)
    spans = [(m.start, m.end) for m in find_measures(clause)]
    # "12个、55万平方米项目" → "项目": a 、 standing between two figures goes with them.
    for (_, end), (start, _) in itertools.pairwise(list(spans)):
        if clause[end:start] == "、":
            spans.append((end, start))
    words = clause
    for start, end in sorted(spans, reverse=True):
        words = words[:start] + words[end:]
    return words.strip("、 ") or None


def _keep_sentence_comparator(task: DraftTask, start: int, piece: str, by_start: dict[int, Measure]) -> None:
    """A piece cut from 分别增长4.5%、5.5%左右 keeps the comparator its figure has in the whole sentence."""
    target = task.target
    if target is None or task.text != piece:
        return
    whole = by_start.get(start + target.start)
    if whole is not None and whole.end == start + target.end and whole.comparator != target.comparator:
        task.target = replace(target, comparator=whole.comparator)


def _sentence_tasks(
    sentence: str, year: int, *, opening: bool = False, goals: bool = False
) -> Iterator[tuple[DraftTask, str | None]]:
    """The tasks of one sentence, piece by piece, each with the words it shares with a figure joined to it by
    、 (12个、55万平方米项目完工 → 项目完工), or None. The sentence's figures are found once: linear time."""
    measures = find_measures(sentence)
    starts, ends = {m.start for m in measures}, {m.end for m in measures}
    by_start = {m.start: m for m in measures}
    for start, piece in _chunk_spans(sentence, year, measures):
        for task in make_tasks(piece, year, opening=opening, goals=goals):
            _keep_sentence_comparator(task, start, piece, by_start)
            shared = _shared_title(sentence, start, piece, starts, ends) if task.target is not None else None
            yield task, shared


def block_tasks(text: str, year: int, *, opening: bool) -> list[DraftTask]:
    tasks = []
    for sentence in sentences(text):
        for task, shared in _sentence_tasks(sentence, year, opening=opening):
            if shared:
                # Both figures share the clause's words: the title names them, the unit tells them apart.
                task.title, cut = make_title(shared, shared)
                task.notes.append("draft_note_shared_clause")
                if cut:
                    task.notes.append("draft_note_title_cut")
            tasks.append(task)
            if len(tasks) > MAX_TASKS:
                raise TooManyTasks(len(tasks))
    return tasks
