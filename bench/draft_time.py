"""How long `hedong catalog draft` takes as a report grows: it must stay linear.

    python bench/draft_time.py          # one row per input and size (10k, 100k, 400k characters)

Two inputs, each cut to the size: one sentence of measured clauses (新增企业1家以上，× n: the case that was
quadratic, 55 s at 18,000 characters), and the 2026 report's text repeated (every part grows: review figures,
key-work sentences, baselines). 400,000 characters is the reader's limit (``reading.MAX_CHARS``); the goal is
≤ 2 s there. Best of three runs, in process (the CLI's start-up is measured by draft_compare.py --time).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hedong_cli.catalogue.draft import draft_catalog  # noqa: E402
from hedong_cli.common.errors import InputError  # noqa: E402

REPORT_2026 = ROOT / "data" / "source" / "hedong-2026-work-report.txt"
SIZES = (10_000, 100_000, 400_000)
GOAL_SECONDS = 2.0


def clauses(size: int) -> str:
    head = "三、2026年重点工作\n（一）加快发展\n1.壮大企业。"
    clause = "新增企业1家以上，"
    return head + clause * ((size - len(head)) // len(clause)) + "。\n"


def repeated_report(size: int) -> str:
    """The 2026 report with its review paragraphs and its key-work sections repeated until ``size``."""
    lines = REPORT_2026.read_text(encoding="utf-8").splitlines(keepends=True)
    review = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    work = next(i for i, line in enumerate(lines) if line.startswith("三、"))
    end = next(i for i in range(work, len(lines)) if lines[i].startswith("各位代表"))
    head, past, plans, tail = lines[: review + 1], lines[review + 1 : work], lines[work + 1 : end], lines[end:]
    fixed = len("".join(head + tail)) + len(lines[work])
    times = max(1, (size - fixed) // len("".join(past + plans)))
    return "".join(head + past * times + [lines[work]] + plans * times + tail)


def best_of(text: str, runs: int = 3) -> tuple[float, str]:
    """The best time of ``runs`` drafts, and how many tasks (or the one line that refused the text)."""
    best, outcome = float("inf"), ""
    for _ in range(runs):
        start = time.perf_counter()
        try:
            draft = draft_catalog(text, source_name="bench", year=2026)
            outcome = f"{len(draft.all_tasks()):,}"
        except InputError as exc:
            outcome = f"refused: {exc}"
        best = min(best, time.perf_counter() - start)
    return best, outcome


def main() -> None:
    print("| input | characters | tasks (or refusal) | draft_catalog (best of 3) |")
    print("|---|---|---|---|")
    worst = 0.0
    for name, make in (("新增企业1家以上，× n", clauses), ("2026 report repeated", repeated_report)):
        for size in SIZES:
            text = make(size)
            seconds, tasks = best_of(text)
            worst = max(worst, seconds) if size == SIZES[-1] else worst
            print(f"| {name} | {len(text):,} | {tasks} | {seconds:.2f} s |")
    print(f"\nat {SIZES[-1]:,} characters: worst {worst:.2f} s (goal ≤ {GOAL_SECONDS:.0f} s)")


if __name__ == "__main__":
    main()
