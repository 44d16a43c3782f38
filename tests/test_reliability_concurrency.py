"""Concurrency: eight writers at once on one journal, as in an office where several liaisons
record at the same time. Every call succeeds, silently, and every entry is there exactly once.

The journal does not exist when the writers start, so they also race to create it: the schema
migration runs in a ``BEGIN IMMEDIATE`` transaction and the switch to WAL mode, to which SQLite
does not apply its busy timeout, is retried.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from hedong_cli.catalogue.model import load_catalog
from hedong_cli.journal import SQLiteJournal
from tests.conftest import CATALOG, TODAY, installed_hedong

CATALOGUE = load_catalog(CATALOG)
TASKS = [t.id for t in CATALOGUE.tasks if t.target is not None and not t.target.is_rate][:8]
WORKERS = 8
CALLS = 50

# One worker: CALLS separate `hedong update` processes in a row, each one's exit status and stderr kept.
WORKER = """
for i in $(seq 1 "$CALLS"); do
  "$HEDONG" update "$TASK" --value "$i" --note "w$WORKER-$i" >/dev/null 2>"$OUT/w$WORKER-$i.err"
  echo "$i $?" >> "$OUT/w$WORKER.status"
done
"""


def test_eight_processes_of_fifty_updates_leave_four_hundred_entries(tmp_path: Path) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("needs bash to run the eight worker loops")
    journal = tmp_path / "shared.sqlite"
    out = tmp_path / "out"
    out.mkdir()
    # A fresh catalogue cache too: the first calls race to create it as well.
    env = {**os.environ, "HEDONG_DB": str(journal), "HEDONG_TODAY": TODAY.isoformat()}
    env["HEDONG_CACHE_DIR"] = str(tmp_path / "cache")
    env.pop("HEDONG_DATA", None)
    env.update(HEDONG=installed_hedong(), CALLS=str(CALLS), OUT=str(out))
    workers = [
        subprocess.Popen([bash, "-c", WORKER], env={**env, "WORKER": str(n), "TASK": TASKS[n % len(TASKS)]})
        for n in range(WORKERS)
    ]
    for worker in workers:
        assert worker.wait(timeout=600) == 0

    statuses = [line.split() for n in range(WORKERS) for line in (out / f"w{n}.status").read_text().splitlines()]
    assert len(statuses) == WORKERS * CALLS
    failed = [(n, i) for n, i in statuses if i != "0"]
    assert not failed, f"{len(failed)} calls failed"
    errors = {p.name: p.read_text() for p in out.glob("*.err") if p.stat().st_size}
    assert not errors, f"stderr from {len(errors)} calls, e.g. {next(iter(errors.items()))}"

    expected = {f"w{n}-{i}" for n in range(WORKERS) for i in range(1, CALLS + 1)}
    conn = sqlite3.connect(journal)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = conn.execute("SELECT id, note FROM entries").fetchall()
    finally:
        conn.close()
    assert len(rows) == WORKERS * CALLS
    assert {note for _, note in rows} == expected
    assert sorted(entry_id for entry_id, _ in rows) == list(range(1, WORKERS * CALLS + 1))


def _open_and_append(path: str, barrier: Any, results: Any) -> None:
    barrier.wait()
    try:
        with SQLiteJournal.for_writing(Path(path)) as journal:
            journal.append(CATALOGUE.key, TASKS[0], effective=date(2026, 11, 1), note="first")
        results.put("ok")
    except Exception as exc:  # reported to the parent, which fails the test with it
        results.put(repr(exc))


def test_writers_that_create_the_journal_together_all_succeed(tmp_path: Path) -> None:
    # The first open is the narrowest race (creating the schema, switching to WAL). The processes
    # are released together by a barrier, 40 times over; without the retry, some round
    # failed with "database is locked".
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork to start the writers without re-importing the test module")
    context = multiprocessing.get_context("fork")
    for round_no in range(40):
        path = tmp_path / f"new-{round_no}.sqlite"
        barrier, results = context.Barrier(WORKERS), context.Queue()
        writers = [context.Process(target=_open_and_append, args=(str(path), barrier, results)) for _ in range(WORKERS)]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(timeout=120)
        outcomes = [results.get(timeout=10) for _ in writers]
        assert outcomes == ["ok"] * WORKERS, (round_no, outcomes)
        with SQLiteJournal.for_reading(path) as journal:
            assert journal.count(CATALOGUE.key) == WORKERS
