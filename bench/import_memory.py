"""Where an import's memory goes: peak RSS (and, with --tracemalloc, Python's own allocations) at each stage.

Runs the real ``hedong import`` in this process and wraps the functions the import passes through, so the
stages are those of the code as it stands, not a copy of it:

    python bench/import_memory.py FILE [--tracemalloc] -- [more import options, e.g. --dry-run or --yes]

with ``$HEDONG_DATA``, ``$HEDONG_DB`` and ``$HEDONG_CACHE_DIR`` set, or ``--bench``: the catalogue and cache that
``bench.py --import-limits`` made under bench/work/import-limits, and a journal there (``--fresh``: empty; else
as the last run left it, e.g. to import the same file twice). Each line:
the stage, the RSS when it ended, the process's peak RSS so far, and with --tracemalloc the traced memory at its
end and the traced peak during it. tracemalloc costs time and some memory of its own; the RSS columns without it
are the ones to compare with GNU time's figure.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024

# (module, attribute, stage name): wrapped where the import looks them up at call time. A name this version of
# hedong does not have is passed over, so that the same script measures the code before and after a change.
STAGES = [
    ("hedong_cli.render.ledger", "open_ledger", None),  # a context manager: not timed, only opened
    ("hedong_cli.catalogue.cache", "load_catalog", "catalogue load"),
    ("hedong_cli.journal.base", "Journal.latest", "journal latest"),
    ("hedong_cli.tracking.progress", "build_report", "report (task views)"),
    ("hedong_cli.documents.ledger_import", "plan_import", "plan (read + check rows, diff)"),
    ("hedong_cli.documents.ledger_import", "read_filing", "filing block"),
    ("hedong_cli.render.workflow", "import_preview", "preview"),
    ("hedong_cli.documents.ledger_import", "diff_states", "diff in the write transaction"),
    ("hedong_cli.documents.ledger_import", "request_rows", "journal rows"),  # before the rows were made lazily
    ("hedong_cli.journal.base", "Journal._insert_rows", "insert rows"),
]


def rss_now() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MIB


def rss_peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Recorder:
    def __init__(self, traced: bool) -> None:
        self.traced = traced
        self.depth = 0
        self.calls: dict[str, int] = {}
        self.started = time.perf_counter()

    def line(self, label: str) -> None:
        cells = f"{rss_now():7.1f} {rss_peak():7.1f}"
        if self.traced:
            current, peak = tracemalloc.get_traced_memory()
            cells += f" {current / MIB:7.1f} {peak / MIB:7.1f}"
            tracemalloc.reset_peak()
        print(f"{time.perf_counter() - self.started:7.1f}s {'  ' * self.depth}{label:<40} {cells}", file=sys.stderr)

    def wrap(self, function: Callable[..., Any], name: str) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            # A stage run many times (``latest``, a chunk of tasks at a time) is shown for its first two calls.
            self.calls[name] = calls = self.calls.get(name, 0) + 1
            shown = calls <= 2
            if shown:
                self.line(f"> {name}")
            self.depth += 1
            try:
                return function(*args, **kwargs)
            finally:
                self.depth -= 1
                if shown:
                    self.line(f"< {name}")

        return wrapper

    def counts(self) -> None:
        """How many times each stage that ran more than twice ran."""
        for name, calls in self.calls.items():
            if calls > 2:
                print(f"{'':8} ({name}: {calls} calls in all, the first two shown)", file=sys.stderr)


def install(recorder: Recorder) -> None:
    for module_name, attribute, stage in STAGES:
        if stage is None:
            continue
        owner: Any = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        if hasattr(owner, name):
            setattr(owner, name, recorder.wrap(getattr(owner, name), stage))


def bench_files(fresh: bool) -> dict[str, str]:
    """The bench's 100,000-task catalogue and its cache, and a journal of this script's own (emptied if ``fresh``)."""
    import shutil

    folder = ROOT / "bench" / "work" / "import-limits"
    journal = folder / "stages.sqlite"
    if fresh or not journal.exists():
        shutil.copyfile(folder / "empty.sqlite", journal)
    return {
        "HEDONG_DATA": str(folder / "catalogue-100000.yaml"),
        "HEDONG_DB": str(journal),
        "HEDONG_CACHE_DIR": str(ROOT / "bench" / "work" / "cache"),
        "HEDONG_TODAY": "2026-11-26",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("file", help="the ledger to import")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python's allocations (slower)")
    parser.add_argument("--bench", action="store_true", help="the catalogue and journal of bench.py --import-limits")
    parser.add_argument("--fresh", action="store_true", help="with --bench: start from an empty journal")
    parser.add_argument("rest", nargs="*", help="options passed on to hedong import (after --)")
    args = parser.parse_args()
    if args.bench:
        os.environ.update(bench_files(args.fresh))
    if args.tracemalloc:
        tracemalloc.start()
    recorder = Recorder(args.tracemalloc)
    columns = "rss MiB peak MiB" + (" traced  tr.peak" if args.tracemalloc else "")
    print(f"{'':8} {'stage':<40} {columns}", file=sys.stderr)
    recorder.line("start")
    install(recorder)
    recorder.line("modules imported")
    from hedong_cli.cli import main as cli_main

    sys.argv = ["hedong", "import", args.file, *args.rest]
    try:
        cli_main()
    except SystemExit as exit:
        recorder.line(f"exit {exit.code}")
    recorder.counts()


if __name__ == "__main__":
    main()
