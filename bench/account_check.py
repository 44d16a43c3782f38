"""What the web desk's per-request account check costs, beside the journal-state query every page makes.

    python bench/account_check.py [postgresql://office@host/db]

A fresh SQLite journal in a temporary folder, and the given PostgreSQL journal (made with ``hedong db init``;
an account ``bench-account`` is added to it if missing): on one open reader, the median of 2,000 calls of
``accounts.get`` (what ``web/app.py``'s ``Desk.account_holds`` reads on every request of a logged-in session)
and of ``Journal.state``, after 200 calls of warm-up; then ``python -c pass`` and the load average.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from hedong_cli.catalogue.model import load_catalog
from hedong_cli.journal import accounts, open_reader, open_writer
from hedong_cli.journal.location import parse_location

CATALOG = load_catalog(Path(__file__).resolve().parents[1] / "data" / "targets_2026.yaml")
NAME = "bench-account"


def median_us(call: Callable[[], object], runs: int = 2000) -> float:
    for _ in range(200):
        call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def measure(url: str) -> None:
    location = parse_location(url)
    with open_writer(location, {}) as journal:
        if accounts.get(journal, NAME) is None:
            accounts.add(journal, NAME, "区商务局", "bench-password-1")
    with open_reader(location, {}) as journal:
        row = median_us(lambda: accounts.get(journal, NAME))
        state = median_us(lambda: journal.state(CATALOG.key))
    backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(f"{backend:10}  account row {row:7.1f} us   journal state {state:7.1f} us   ratio {row / state:.2f}")


def main() -> None:
    measure(str(Path(tempfile.mkdtemp(prefix="hedong-bench-")) / "journal.sqlite"))
    for url in sys.argv[1:]:
        measure(url)
    runs = []
    for _ in range(15):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        runs.append(time.perf_counter() - start)
    print(f"python -c pass  median {statistics.median(runs) * 1e3:.1f} ms   load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
