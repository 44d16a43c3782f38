"""Last year's figure for a task's measure, found in the report's review part.

A candidate is any figure (number and unit) in a review sentence. It is scored by how much of the task's
measure words ("落地京冀企业（项目）") appear around the figure: the clause holding it, and the clause before
it at a lower weight (成交额 92 亿元 takes its measure from "技术合同认定登记" one clause earlier). The unit
must agree: the same unit for a target; for a task without a figure, a unit of the right sort (an amount in 元
or a rate for 投资, 收入, 资金, …额). When two candidates with different figures score alike, nothing is chosen
and the task is flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hedong_cli.catalogue.draft.measures import COUNT_UNITS, MONEY_UNITS, bigrams, review_measures

MIN_SCORE = 0.5
WORDS_ONLY_SCORE = 0.6  # for a task without a figure, whose words are all there is to go on
COMPETE_RATIO = 0.8  # a runner-up this close to the best, with another figure, makes the choice uncertain
_PREVIOUS_CLAUSE_WEIGHT = 0.8
_SHORT_CLAUSE = 3  # bigrams: a clause this short names no measure of its own
_SENTENCE_RE = re.compile(r"[^。！？；;]+[。！？；;]?")
_AMOUNT_WORDS_RE = re.compile(r"(?:投资|收入|资金|总值|产值|额)$")
QUOTE_MAX = 60


@dataclass(frozen=True)
class Candidate:
    value: float
    unit: str
    clause: str  # the words around the figure
    before: str  # the clause before it in the same sentence
    quote: str  # what the YAML comment quotes
    lower_bound: bool = False  # 540余场, 超42亿元: the figure is a floor, not the exact value
    # The bigrams of ``clause``, and of ``before`` + ``clause``: counted once, compared with every task.
    grams: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    wide_grams: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    lead: str = ""  # the two characters right before the figure: what it counts (首店45家 → 首店)


@dataclass
class Pool:
    """The review's candidates, with an index from each bigram to the candidates whose words hold it: a task
    is scored only against candidates that share a word with it, so a long report does not compare every
    task with every figure."""

    items: list[Candidate]
    by_gram: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for index, candidate in enumerate(self.items):
            for gram in candidate.wide_grams:
                self.by_gram.setdefault(gram, []).append(index)

    def __bool__(self) -> bool:
        return bool(self.items)

    def sharing(self, words: set[str]) -> list[Candidate]:
        """The candidates sharing a bigram with ``words``, in the review's order."""
        found: set[int] = set()
        for gram in words:
            found.update(self.by_gram.get(gram, ()))
        return [self.items[index] for index in sorted(found)]


@dataclass(frozen=True)
class BaselineFind:
    value: float | None
    unit: str | None
    quote: str | None
    note: str | None  # a # 待核 reason: competing candidates, or a count word that differs
    rivals: tuple[str, ...] = ()
    score: float = 0.0


def candidates(review: list[str]) -> Pool:
    found = []
    for paragraph in review:
        for sentence in _SENTENCE_RE.findall(paragraph):
            if "累计" in sentence:
                continue  # a running total over several years, not last year's figure
            clauses = re.split(r"[，,]", sentence)
            position = 0
            for index, clause in enumerate(clauses):
                for measure in review_measures(clause):
                    # The words of this figure: from the previous figure in the clause up to the next one.
                    pieces = re.split(r"(?<=[个家项场所处件条座名人元米%])、", clause)
                    words = next(
                        (p for p in pieces if clause.find(p) <= measure.start < clause.find(p) + len(p)), clause
                    )
                    before = clauses[index - 1] if index else ""
                    lead = _lead(clause[: measure.start])
                    found.append(
                        Candidate(
                            value=measure.value,
                            unit=measure.unit,
                            clause=words,
                            before=before,
                            quote=_quote(sentence, position + measure.start, position + measure.end),
                            lower_bound=measure.comparator == ">=",
                            grams=frozenset(bigrams(words)),
                            wide_grams=frozenset(bigrams(before + words)),
                            lead=lead,
                        )
                    )
                position += len(clause) + 1
    return Pool(found)


_NOT_A_THING = frozenset(
    {
        "增长",
        "下降",
        "提高",
        "降低",
        "达到",
        "实现",
        "超过",
        "突破",
        "新增",
        "完成",
        "累计",
        "控制",
        "保持",
        "稳定",
        "建成",
        "开工",
        "引进",
        "培育",
        "打造",
        "新建",
        "改造",
        "提升",
    }
)
_LEAD_RE = re.compile(r"[\u4e00-\u9fff]{2}$")


def _lead(words: str) -> str:
    m = _LEAD_RE.search(words)
    return m.group(0) if m else ""


def _quote(sentence: str, start: int, end: int) -> str:
    sentence = sentence.rstrip("。；;")
    if len(sentence) <= QUOTE_MAX:
        return sentence
    left = max(0, min(start - QUOTE_MAX // 2, len(sentence) - QUOTE_MAX))
    piece = sentence[left : left + QUOTE_MAX]
    return ("…" if left else "") + piece + ("…" if left + QUOTE_MAX < len(sentence) else "")


def _score(words: set[str], candidate: Candidate) -> float:
    if not words:
        return 0.0
    own_words = candidate.grams
    shared = len(words & own_words)
    # Coverage of the task's words, or the Dice overlap when the review says it in fewer words (引进首店90家).
    own = max(shared / len(words), 2 * shared / (len(words) + len(own_words)) if own_words else 0.0)
    if len(own_words) > _SHORT_CLAUSE:
        return own
    # A figure with hardly any words of its own ("成交额92亿元") borrows them from the clause before it.
    before = len(words & candidate.wide_grams) / len(words) * _PREVIOUS_CLAUSE_WEIGHT
    return max(own, before)


ANY_UNIT = "*"  # a task without a figure, matched on its words alone


def _by_lead(measure_words: str, target_unit: str | None, fitting: list[Candidate]) -> BaselineFind | None:
    """When the words overlap too little (引进各类首店 / 落地品牌首店45家), the thing counted right before
    both figures (首店), in the same unit, is a clue: taken when the review gives one figure for it, flagged."""
    lead = _lead(measure_words)
    if target_unit in (None, ANY_UNIT, "%", "‰") or not lead or lead in _NOT_A_THING:
        return None  # a rate grows everywhere; a verb (增长, 达到) counts nothing
    same = [c for c in fitting if c.lead == lead and c.unit == target_unit]
    values = {(c.value, c.unit) for c in same}
    if len(values) != 1:
        return None
    best = same[0]
    return BaselineFind(best.value, best.unit, best.quote, f"draft_note_baseline_lead:{lead}", (), 0.0)


def _unit_fits(target_unit: str | None, measure_words: str, unit: str) -> bool:
    if target_unit == ANY_UNIT:
        return True
    if target_unit is not None:
        return unit == target_unit or (unit in COUNT_UNITS and target_unit in COUNT_UNITS)
    if _AMOUNT_WORDS_RE.search(measure_words):
        return unit in MONEY_UNITS or unit == "%"
    return False


def find_baseline(
    measure_words: str, target_unit: str | None, pool: Pool, min_score: float = MIN_SCORE
) -> BaselineFind | None:
    """The review's figure for ``measure_words`` in ``target_unit``.

    ``target_unit`` None: a task asking an amount to grow (the unit must be money or a rate); ``ANY_UNIT``: a
    task without a figure, matched on its words alone.
    """
    words = bigrams(measure_words)
    fitting = [c for c in pool.sharing(words) if _unit_fits(target_unit, measure_words, c.unit)]
    scored = sorted(
        ((score, c) for c in fitting if (score := _score(words, c)) >= min_score), key=lambda pair: -pair[0]
    )
    if not scored:
        return _by_lead(measure_words, target_unit, fitting)
    best_score, best = scored[0]
    rivals = [
        c
        for score, c in scored[1:]
        if score >= best_score * COMPETE_RATIO and (c.value, c.unit) != (best.value, best.unit)
    ]
    if rivals:
        quotes = tuple(c.quote for c in [best, *rivals])
        return BaselineFind(None, None, None, "draft_note_baseline_rivals", quotes, best_score)
    if target_unit not in (None, ANY_UNIT) and best.unit != target_unit:
        # 新建4个 last year, 新增4处 this year: the same sites, counted with another word. The figure is
        # kept in the target's unit so the two compare; the comment says so.
        return BaselineFind(
            best.value, target_unit, best.quote, f"draft_note_baseline_unit:{best.unit}", (), best_score
        )
    note = "draft_note_baseline_lower_bound" if best.lower_bound else None
    return BaselineFind(best.value, best.unit, best.quote, note, (), best_score)
