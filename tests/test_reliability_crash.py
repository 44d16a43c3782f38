"""Crash: a process killed with SIGKILL in the middle of a loop of updates leaves a journal that
opens cleanly, passes ``PRAGMA integrity_check``, and holds every update that reported success.

Two writers are killed: a Python loop calling the CLI in-process (dozens of commits a second, so
the kill lands inside a transaction as often as between two), and a shell loop of real ``hedong
update`` processes killed as a group. Each round reuses the journal the previous kill left behind.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from hedong_cli.catalogue.model import load_catalog
from hedong_cli.journal import SQLiteJournal
from tests.conftest import CATALOG, TODAY, Hedong, installed_hedong

CATALOGUE = load_catalog(CATALOG)
TASK = next(t for t in CATALOGUE.tasks if t.target is not None and not t.target.is_rate).id

# Prints "ok NOTE" only after ``hedong update`` returned success, i.e. after its commit.
IN_PROCESS_LOOP = """
import sys
from hedong_cli.cli import app
task, prefix = sys.argv[1], sys.argv[2]
i = 0
while True:
    i += 1
    note = f"{prefix}-{i}"
    try:
        app(["update", task, "--value", str(i), "--note", note])
    except SystemExit as done:
        if done.code not in (0, None):
            sys.exit(done.code)
    print("ok", note, flush=True)
"""
SHELL_LOOP = """
i=0
while :; do
  i=$((i+1))
  "$HEDONG" update "$TASK" --note "$PREFIX-$i" >/dev/null && echo "ok $PREFIX-$i"
done
"""


def environment(journal: Path) -> dict[str, str]:
    env = {**os.environ, "HEDONG_DB": str(journal), "HEDONG_TODAY": TODAY.isoformat()}
    env["HEDONG_CACHE_DIR"] = str(journal.with_name("cache"))
    env.pop("HEDONG_DATA", None)
    return env


def run_and_kill(command: list[str], env: dict[str, str], successes: int, delay: float) -> list[str]:
    """Start a writer, wait for ``successes`` reported updates, wait ``delay`` more, SIGKILL it (and
    its children). Returns the notes of every update it reported."""
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    watchdog = threading.Timer(90, lambda: os.killpg(proc.pid, signal.SIGKILL))
    watchdog.start()
    reported: list[str] = []
    try:
        assert proc.stdout is not None
        while len(reported) < successes:
            line = proc.stdout.readline()
            if not line:
                pytest.fail(f"the writer stopped by itself: {proc.wait()} {proc.stderr.read() if proc.stderr else ''}")
            if line.startswith("ok "):
                reported.append(line.split()[1])
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        # Lines already written before the kill count too: those updates reported success.
        reported += [line.split()[1] for line in proc.stdout.read().splitlines() if line.startswith("ok ")]
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return reported


def assert_sound(journal: Path, reported: list[str]) -> None:
    conn = sqlite3.connect(journal)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        notes = [row[0] for row in conn.execute("SELECT note FROM entries ORDER BY id")]
    finally:
        conn.close()
    missing = set(reported) - set(notes)
    assert not missing, f"reported as recorded but lost: {sorted(missing)[:5]}"
    assert len(notes) == len(set(notes)), "no entry was written twice"
    with SQLiteJournal.for_reading(journal) as opened:
        assert opened.count(CATALOGUE.key) == len(notes)
    log = Hedong(db=journal)("log", "--limit", "100000", "--format", "json")
    assert log.exit_code == 0 and log.stderr == ""
    assert len(json.loads(log.stdout)) == len(notes)


def test_sigkill_in_a_loop_of_updates_loses_nothing_reported(tmp_path: Path) -> None:
    journal = tmp_path / "journal.sqlite"
    env = environment(journal)
    chance = random.Random(2026)  # fixed: the same kill points on every run
    reported: list[str] = []
    for round_no in range(4):
        reported += run_and_kill(
            [sys.executable, "-c", IN_PROCESS_LOOP, TASK, f"py{round_no}"],
            env,
            successes=chance.randint(5, 40),
            delay=chance.uniform(0, 0.05),
        )
        assert_sound(journal, reported)
    # After a kill, a new writer carries on where the last one stopped.
    after = Hedong(db=journal)("update", TASK, "--note", "after-the-crash")
    assert after.exit_code == 0 and after.stderr == ""
    assert_sound(journal, [*reported, "after-the-crash"])


def test_sigkill_of_real_hedong_processes_loses_nothing_reported(tmp_path: Path) -> None:
    journal = tmp_path / "journal.sqlite"
    env = {**environment(journal), "HEDONG": installed_hedong(), "TASK": TASK}
    reported: list[str] = []
    for round_no, (successes, delay) in enumerate([(3, 0.05), (2, 0.13)]):
        reported += run_and_kill(["bash", "-c", SHELL_LOOP], {**env, "PREFIX": f"sh{round_no}"}, successes, delay)
        assert_sound(journal, reported)
