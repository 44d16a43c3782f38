"""Compare `hedong catalog draft` with hand-made catalogues, and time it.

    python bench/draft_compare.py            # the table for the 2026 report and every fixture report
    python bench/draft_compare.py --corpus   # the provincial corpus: one row per report, and the totals
    python bench/draft_compare.py --corpus --subsections   # subsection recall/precision where marked by hand
    python bench/draft_compare.py --time     # also: median time to draft the whole 2026 report

The hand catalogue is read as it is at run time (data/targets_2026.yaml, tests/fixtures/reports/*.expected.yaml),
so corrections to it change the figures, not the script. How things are matched:

- sections: a hand section is found when a drafted section's title says the same (bigram overlap ≥ 0.8);
- subsections: the same, by title, inside the matching section;
- tasks: one to one, best first, by the overlap coefficient of the texts' bigrams (≥ 0.6);
- targets: value + unit + comparator (+ max), counted per section (a multiset), for precision and recall;
- milestones: hand milestones whose matched drafted task is a milestone;
- due dates: a hand due date is found when a drafted task with that date holds the hand task's words (≥ 0.8);
- baselines: a hand baseline is found when a drafted task holding the hand task's words (≥ 0.6) carries the same
  value and unit; a drafted baseline that no hand task confirms is "wrong", and "unflagged" when it has no # 待核.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hedong_cli.catalogue.draft import DraftCatalog, draft_catalog, read_report  # noqa: E402
from hedong_cli.catalogue.draft.measures import bigrams  # noqa: E402

REPORT_2026 = ROOT / "data" / "source" / "hedong-2026-work-report.txt"
HAND_2026 = ROOT / "data" / "targets_2026.yaml"
FIXTURES = ROOT / "tests" / "fixtures" / "reports"
# Fixture reports that need an option (an excerpt without the key-work heading).
FIXTURE_OPTIONS: dict[str, dict[str, Any]] = {"hongqiao-2024-s3": {"section_heading": "(三)", "year": 2024}}
TASK_MATCH = 0.6
SUBSECTION_MATCH = 0.8  # a drafted subsection's title and a hand-marked one say the same (bigram overlap)
DUE_MATCH = 0.8


def coefficient(a: str, b: str) -> float:
    """Overlap coefficient of two texts' bigrams: 1.0 when one text's words all appear in the other."""
    x, y = bigrams(a), bigrams(b)
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def similar(a: str, b: str) -> float:
    x, y = bigrams(a), bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else float(a == b)


@dataclass
class Row:
    found: int
    total: int

    def __str__(self) -> str:
        return f"{self.found}/{self.total}"

    @property
    def share(self) -> float:
        return self.found / self.total if self.total else 1.0


@dataclass
class Comparison:
    sections: Row
    subsections: Row
    tasks: Row
    drafted_tasks: int
    target_recall: Row
    target_precision: Row
    milestones: Row
    drafted_milestones: int
    due: Row
    baselines: Row
    wrong_baselines: int
    wrong_unflagged: int

    def lines(self) -> list[tuple[str, str]]:
        pct = lambda row: f"{row} ({row.share:.0%})"  # noqa: E731
        return [
            ("sections", str(self.sections)),
            ("subsections", str(self.subsections)),
            ("tasks matched (hand)", f"{pct(self.tasks)}; {self.drafted_tasks} drafted"),
            ("target recall", pct(self.target_recall)),
            ("target precision", pct(self.target_precision)),
            ("milestones", f"{pct(self.milestones)}; {self.drafted_milestones} drafted"),
            ("due dates", str(self.due)),
            ("baseline recall", pct(self.baselines)),
            ("wrong baselines (unflagged)", f"{self.wrong_baselines} ({self.wrong_unflagged})"),
        ]


def _hand_tasks(section: dict[str, Any]) -> list[dict[str, Any]]:
    tasks = list(section.get("tasks") or [])
    for sub in section.get("subsections") or []:
        tasks += sub.get("tasks") or []
    return tasks


def _target_key(target: dict[str, Any] | None) -> tuple[Any, ...] | None:
    if not target:
        return None
    return (float(target["value"]), str(target["unit"]), str(target["comparator"]), target.get("max"))


def compare(draft: DraftCatalog, hand: dict[str, Any]) -> Comparison:
    hand_sections = [s for s in hand.get("sections") or [] if str(s["id"]) != "0"]
    drafted_sections = [s for s in draft.sections if s.id != "0"]
    section_pairs = {}
    for hs in hand_sections:
        best = max(drafted_sections, key=lambda ds: similar(hs["title"], ds.title), default=None)
        if best is not None and similar(hs["title"], best.title) >= 0.8:
            section_pairs[str(hs["id"])] = best
    sub_total = sub_found = 0
    for hs in hand_sections:
        for sub in hs.get("subsections") or []:
            sub_total += 1
            ds = section_pairs.get(str(hs["id"]))
            if ds and any(similar(sub["title"], title) >= 0.8 for title, _ in ds.subsections):
                sub_found += 1

    # Targets, per section.
    target_hits = hand_targets = drafted_targets = 0
    goal_draft = next((s for s in draft.sections if s.id == "0"), None)
    goal_hand = next((s for s in hand.get("sections") or [] if str(s["id"]) == "0"), None)
    pairs = [(goal_hand, goal_draft)] + [(hs, section_pairs.get(str(hs["id"]))) for hs in hand_sections]
    for hs, ds in pairs:
        h = Counter(k for k in (_target_key(t.get("target")) for t in (_hand_tasks(hs) if hs else [])) if k)
        d = Counter(
            (float(t.target.value), t.target.unit, t.target.comparator, t.target.max)
            for t in (ds.all_tasks() if ds else [])
            if t.target is not None
        )
        hand_targets += sum(h.values())
        target_hits += sum((h & d).values())
    drafted_targets = sum(1 for t in draft.all_tasks() if t.target is not None)

    # Tasks one to one, best pairs first.
    hand_tasks = [t for s in hand.get("sections") or [] for t in _hand_tasks(s)]
    drafted = draft.all_tasks()
    scored = sorted(
        (
            (coefficient(h["text"], d.text), i, j)
            for i, h in enumerate(hand_tasks)
            for j, d in enumerate(drafted)
            if coefficient(h["text"], d.text) >= TASK_MATCH
        ),
        reverse=True,
    )
    match: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in scored:
        if i not in match and j not in used:
            match[i] = j
            used.add(j)
    milestones = [i for i, h in enumerate(hand_tasks) if h.get("kind") == "milestone"]
    milestone_hits = sum(1 for i in milestones if i in match and drafted[match[i]].kind == "milestone")

    due_total = due_hits = 0
    for h in hand_tasks:
        if h.get("due"):
            due_total += 1
            due_hits += any(
                d.due is not None and d.due.isoformat() == str(h["due"]) and coefficient(h["text"], d.text) >= DUE_MATCH
                for d in drafted
            )

    base_total = base_hits = 0
    confirmed: set[int] = set()
    for h in hand_tasks:
        b = h.get("baseline")
        if not b:
            continue
        base_total += 1
        for j, d in enumerate(drafted):
            if (
                d.baseline is not None
                and coefficient(h["text"], d.text) >= TASK_MATCH
                and float(d.baseline[0]) == float(b["value"])
                and d.baseline[1] == str(b["unit"])
            ):
                base_hits += 1
                confirmed.add(j)
                break
    wrong = [j for j, d in enumerate(drafted) if d.baseline is not None and j not in confirmed]
    return Comparison(
        sections=Row(len(section_pairs), len(hand_sections)),
        subsections=Row(sub_found, sub_total),
        tasks=Row(len(match), len(hand_tasks)),
        drafted_tasks=len(drafted),
        target_recall=Row(target_hits, hand_targets),
        target_precision=Row(target_hits, drafted_targets),
        milestones=Row(milestone_hits, len(milestones)),
        drafted_milestones=sum(1 for d in drafted if d.kind == "milestone"),
        due=Row(due_hits, due_total),
        baselines=Row(base_hits, base_total),
        wrong_baselines=len(wrong),
        wrong_unflagged=sum(1 for j in wrong if not drafted[j].baseline_note),
    )


def _load_yaml(path: Path) -> dict[str, Any]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def cases() -> list[tuple[str, Path, Path, dict[str, Any]]]:
    """(name, report, hand catalogue, draft options) for the 2026 report and every fixture."""
    found = [("hedong-2026", REPORT_2026, HAND_2026, {})]
    for report in sorted(FIXTURES.glob("*.txt")):
        expected = report.with_suffix(".expected.yaml")
        if expected.exists():
            found.append((report.stem, report, expected, FIXTURE_OPTIONS.get(report.stem, {})))
    return found


def run_case(report: Path, hand_path: Path, options: dict[str, Any]) -> Comparison:
    draft = draft_catalog(read_report(report), source_name=report.name, **options)
    return compare(draft, _load_yaml(hand_path))


def table() -> str:
    results = [(name, run_case(report, hand, options)) for name, report, hand, options in cases()]
    names = [name for name, _ in results]
    rows = [label for label, _ in results[0][1].lines()]
    out = ["| measure | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for index, label in enumerate(rows):
        out.append(f"| {label} | " + " | ".join(result.lines()[index][1] for _, result in results) + " |")
    return "\n".join(out)


def timing(runs: int = 15) -> str:
    import subprocess

    text = read_report(REPORT_2026)
    # The 2026 report has about 14,500 characters; a longer report is stood in for by its key-work part twice.
    start_of_work = text.index("三、2026年重点工作")
    longer = text + "\n" + text[start_of_work:]
    samples, long_samples = [], []
    for _ in range(runs):
        start = time.perf_counter()
        draft_catalog(text, source_name=REPORT_2026.name)
        samples.append(time.perf_counter() - start)
        start = time.perf_counter()
        draft_catalog(longer, source_name=REPORT_2026.name)
        long_samples.append(time.perf_counter() - start)
    command = [sys.executable, "-m", "hedong_cli", "catalog", "draft", str(REPORT_2026)]
    processes, baseline = [], []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        processes.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        baseline.append(time.perf_counter() - start)
    return (
        f"{len(text)} characters: draft_catalog median {statistics.median(samples) * 1000:.0f} ms "
        f"(min {min(samples) * 1000:.0f} ms, {runs} runs); {len(longer)} characters: median "
        f"{statistics.median(long_samples) * 1000:.0f} ms; whole `hedong catalog draft` process median "
        f"{statistics.median(processes) * 1000:.0f} ms, `python -c pass` {statistics.median(baseline) * 1000:.0f} ms "
        f"(ratio {statistics.median(processes) / statistics.median(baseline):.1f}x)"
    )


# -- the corpus of provincial reports: marks of the targets paragraph, the sections and the region -------------

CORPUS = FIXTURES / "provinces"
DISTRICTS = FIXTURES / "districts"


@dataclass
class CorpusRow:
    name: str
    refused: str | None = None
    region: str = ""
    sections: Row = field(default_factory=lambda: Row(0, 0))
    goal_recall: Row = field(default_factory=lambda: Row(0, 0))
    goal_precision: Row = field(default_factory=lambda: Row(0, 0))
    silent_misses: int = 0
    tasks: int = 0
    subsections: int = 0
    # Hand targets whose value and unit were found: how many with the comparator too.
    comparators: Row = field(default_factory=lambda: Row(0, 0))
    # Marked only for the district excerpts: targets of the key-work sections, and due dates.
    work_recall: Row = field(default_factory=lambda: Row(0, 0))
    work_precision: Row = field(default_factory=lambda: Row(0, 0))
    due: Row = field(default_factory=lambda: Row(0, 0))
    marked_subsections: Row = field(default_factory=lambda: Row(0, 0))
    # Drafted subsections a hand mark confirms, of all drafted ones (only where subsections are marked).
    subsection_precision: Row = field(default_factory=lambda: Row(0, 0))
    subsections_marked: bool = False
    year: str = ""


def _goal_key(target: dict[str, Any]) -> tuple[Any, ...]:
    return (float(target["value"]), str(target["unit"]), str(target["comparator"]), target.get("max"))


def compare_marks(name: str, report: Path, marks: dict[str, Any]) -> CorpusRow:
    """A draft against a report's hand marks: region, sections by title, the targets paragraph's figures."""
    from hedong_cli.common.errors import InputError

    row = CorpusRow(name)
    hand_goals = [_goal_key(goal) for goal in marks.get("goals") or []]
    hand_sections = list(marks.get("sections") or [])
    try:
        draft = draft_catalog(read_report(report), source_name=report.name, **(marks.get("options") or {}))
    except InputError as exc:
        row.refused = str(exc)
        row.sections, row.goal_recall = Row(0, len(hand_sections)), Row(0, len(hand_goals))
        row.silent_misses = len(hand_goals)
        return row
    expected = marks.get("source") or {}
    region = expected.get("region")
    row.region = "ok" if draft.source.region == region else f"{draft.source.region} ≠ {region}"
    row.year = "ok" if draft.year == expected.get("year", draft.year) else f"{draft.year} ≠ {expected.get('year')}"
    if row.year != "ok":
        row.region += f"; year {row.year}"
    work = [s for s in draft.sections if s.id != "0"]
    found = sum(1 for h in hand_sections if any(similar(h, s.title) >= 0.8 for s in work))
    row.sections = Row(found, len(hand_sections))
    row.tasks = len(draft.all_tasks())
    row.subsections = sum(len(s.subsections) for s in work)
    goals = next((s for s in draft.sections if s.id == "0"), None)
    tasks = goals.all_tasks() if goals else []
    drafted = Counter(
        (float(t.target.value), t.target.unit, t.target.comparator, t.target.max) for t in tasks if t.target is not None
    )
    hand = Counter(hand_goals)
    hits = sum((hand & drafted).values())
    row.goal_recall, row.goal_precision = Row(hits, sum(hand.values())), Row(hits, sum(drafted.values()))
    loose_hand = Counter((v, u, m) for v, u, _, m in hand_goals)
    loose_drafted = Counter((v, u, m) for v, u, _, m in drafted.elements())
    row.comparators = Row(hits, sum((loose_hand & loose_drafted).values()))
    if "work_targets" in marks:
        hand_work = Counter(_goal_key(t) for t in marks.get("work_targets") or [])
        drafted_work = Counter(
            (float(t.target.value), t.target.unit, t.target.comparator, t.target.max)
            for s in work
            for t in s.all_tasks()
            if t.target is not None
        )
        work_hits = sum((hand_work & drafted_work).values())
        row.work_recall = Row(work_hits, sum(hand_work.values()))
        row.work_precision = Row(work_hits, sum(drafted_work.values()))
    hand_subs = list(marks.get("subsections") or [])
    drafted_subs = [title for s in work for title, _ in s.subsections]
    found_subs = sum(1 for h in hand_subs if any(similar(h, d) >= SUBSECTION_MATCH for d in drafted_subs))
    row.marked_subsections = Row(found_subs, len(hand_subs))
    row.subsections_marked = "subsections" in marks
    confirmed = sum(1 for d in drafted_subs if any(similar(h, d) >= SUBSECTION_MATCH for h in hand_subs))
    row.subsection_precision = Row(confirmed, len(drafted_subs))
    hand_due = Counter(str(d) for d in marks.get("due") or [])
    drafted_due = Counter(t.due.isoformat() for t in draft.all_tasks() if t.due is not None)
    row.due = Row(sum((hand_due & drafted_due).values()), sum(hand_due.values()))
    # A miss is silent unless a flagged task of the targets paragraph holds the missed figure's number.
    flagged_text = "".join(t.text for t in tasks if t.notes)
    for key, count in (hand - drafted).items():
        number = f"{key[0]:g}"
        if number not in flagged_text:
            row.silent_misses += count
    return row


def corpus_rows(folder: Path = CORPUS) -> list[CorpusRow]:
    rows = []
    for marks_path in sorted(folder.glob("*.marks.yaml")):
        report = marks_path.with_name(marks_path.name.replace(".marks.yaml", ".txt"))
        rows.append(compare_marks(report.stem, report, _load_yaml(marks_path)))
    return rows


def summed(rows: list[Any], attr: str) -> Row:
    """The ``attr`` counts (found of total) of every row, added up: the 'all' line of a table."""
    return Row(sum(getattr(r, attr).found for r in rows), sum(getattr(r, attr).total for r in rows))


def district_table(rows: list[CorpusRow]) -> str:
    """The district excerpts: also the key-work targets, due dates and the year."""
    out = [
        "| excerpt | sections | subsections | targets paragraph recall | precision | key-work targets recall "
        "| precision | due dates | silent misses | year | region |",
        "|---" * 11 + "|",
    ]
    for r in rows:
        if r.refused:
            out.append(f"| {r.name} | refused: {r.refused[:60]} |" + " — |" * 9)
            continue
        out.append(
            f"| {r.name} | {r.sections} | {r.marked_subsections} | {r.goal_recall} | {r.goal_precision} "
            f"| {r.work_recall} | {r.work_precision} "
            f"| {r.due} | {r.silent_misses} | {r.year} | {r.region} |"
        )
    total = functools.partial(summed, rows)
    recall, precision = total("goal_recall"), total("goal_precision")
    work_recall, work_precision = total("work_recall"), total("work_precision")
    out.append(
        f"| **all {len(rows)}** | {total('sections')} | {total('marked_subsections')} | {recall} ({recall.share:.0%}) "
        f"| {precision} ({precision.share:.0%}) "
        f"| {work_recall} ({work_recall.share:.0%}) | {work_precision} ({work_precision.share:.0%}) | {total('due')} "
        f"| {sum(r.silent_misses for r in rows)} | {sum(1 for r in rows if r.year == 'ok')}/{len(rows)} ok "
        f"| {sum(1 for r in rows if r.region == 'ok')}/{len(rows)} ok |"
    )
    return "\n".join(out)


def corpus_table(rows: list[CorpusRow]) -> str:
    columns = ("report", "sections", "targets recall", "precision", "comparators", "silent misses", "tasks")
    out = ["| " + " | ".join((*columns, "subsections", "region")) + " |", "|---" * (len(columns) + 2) + "|"]
    for r in rows:
        if r.refused:
            refused = f"refused: {r.refused[:60]}"
            out.append(f"| {r.name} | {refused} | 0/{r.goal_recall.total} | — | — | {r.silent_misses} | — | — | — |")
            continue
        out.append(
            f"| {r.name} | {r.sections} | {r.goal_recall} | {r.goal_precision} | {r.comparators} | {r.silent_misses} "
            f"| {r.tasks} | {r.subsections} | {r.region} |"
        )
    total = functools.partial(summed, rows)
    recall, precision, sections = total("goal_recall"), total("goal_precision"), total("sections")
    out.append(
        f"| **all {len(rows)}** | {sections} ({sections.share:.0%}) | {recall} ({recall.share:.0%}) "
        f"| {precision} ({precision.share:.0%}) | {total('comparators')} | {sum(r.silent_misses for r in rows)} "
        f"| {sum(r.tasks for r in rows)} | {sum(r.subsections for r in rows)} "
        f"| {sum(1 for r in rows if r.region == 'ok')}/{len(rows)} ok |"
    )
    return "\n".join(out)


def subsection_table(rows: list[CorpusRow]) -> str:
    """The reports whose subsections are marked by hand: recall (marks the draft found) and precision
    (drafted subsections a mark confirms), per report and over all of them."""
    marked = [r for r in rows if r.subsections_marked]
    out = ["| report | sections | subsections marked | found (recall) | drafted | confirmed (precision) |"]
    out.append("|---" * 6 + "|")

    def cell(row: Row) -> str:
        return f"{row} ({row.share:.0%})" if row.total else f"{row} (—)"

    for r in marked:
        if r.refused:
            out.append(f"| {r.name} | refused | {r.marked_subsections.total} | 0 | — | — |")
            continue
        recall, precision = r.marked_subsections, r.subsection_precision
        out.append(
            f"| {r.name} | {r.sections} | {recall.total} | {cell(recall)} | {precision.total} | {cell(precision)} |"
        )
    total = functools.partial(summed, marked)
    recall, precision = total("marked_subsections"), total("subsection_precision")
    out.append(f"| **all {len(marked)}** | | {recall.total} | {cell(recall)} | {precision.total} | {cell(precision)} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time", action="store_true", help="also time the draft of the whole 2026 report")
    parser.add_argument("--corpus", action="store_true", help="the provincial corpus against its hand marks")
    parser.add_argument("--folder", type=Path, default=CORPUS, help="the corpus folder (default: %(default)s)")
    parser.add_argument("--districts", action="store_true", help="the district excerpts against their hand marks")
    parser.add_argument(
        "--subsections", action="store_true", help="with --corpus: subsection recall and precision where marked"
    )
    args = parser.parse_args()
    if args.corpus:
        rows = corpus_rows(args.folder)
        print(subsection_table(rows) if args.subsections else corpus_table(rows))
        return
    if args.districts:
        print(district_table(corpus_rows(DISTRICTS)))
        return
    print(table())
    if args.time:
        print()
        print(timing())


if __name__ == "__main__":
    main()
