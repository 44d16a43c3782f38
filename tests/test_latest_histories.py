"""``Journal.latest`` against its definition, on random histories (bounded and derandomized).

The definition (journal/entry.py): the state of a task on a date is, field by field, the newest live entry
whose effective date is on or before that date (newest = latest effective date, then latest id), and a
retraction counts from its own effective date on. The model below applies it to the entries it wrote, in
plain Python, and the journal's answer must be the same for every task and several dates: on both backends,
both by the kept states (``task_latest``, which answers on and after a task's newest date) and by probes only.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hedong_cli.common.rules import STATUSES
from hedong_cli.journal import Journal, SQLiteJournal, TaskState
from tests.pg import Server

START = date(2026, 1, 1)
TASKS = ("1.1", "1.2", "2.1")
days = st.integers(min_value=0, max_value=20).map(lambda n: START + timedelta(days=n))

update = st.fixed_dictionaries(
    {
        "task": st.sampled_from(TASKS),
        "effective": days,
        "status": st.none() | st.sampled_from(STATUSES),
        "value": st.none() | st.integers(min_value=-5, max_value=500).map(float),
        "note": st.none() | st.sampled_from(("推进中", "已完成招标", "note")),
    }
).filter(lambda row: any(row[key] is not None for key in ("status", "value", "note")))
assign = st.fixed_dictionaries(
    {"task": st.sampled_from(TASKS), "effective": days, "lead": st.sampled_from(("区商务局", "区发改委"))}
)
plan = st.fixed_dictionaries(
    {"task": st.sampled_from(TASKS), "effective": days, "plan": st.sampled_from(({"due": "2026-12-31"}, {"nodes": []}))}
)
retract = st.fixed_dictionaries({"pick": st.integers(min_value=0, max_value=1000), "effective": days})
steps = st.lists(
    st.one_of(update.map(lambda row: ("update", row)), assign.map(lambda row: ("assign", row)),
              plan.map(lambda row: ("plan", row)), retract.map(lambda row: ("retract", row))),
    min_size=1,
    max_size=25,
)  # fmt: skip


@dataclass
class Written:
    id: int
    kind: str
    task: str
    effective: date
    fields: dict[str, Any]


def expected(written: list[Written], retractions: dict[int, date], as_of: date) -> dict[str, TaskState]:
    """The definition, applied by hand."""

    def newest(task: str, kind: str, column: str | None) -> Written | None:
        live = [
            entry
            for entry in written
            if entry.task == task and entry.kind == kind and entry.effective <= as_of
            and (column is None or entry.fields.get(column) is not None)
            and not (entry.id in retractions and retractions[entry.id] <= as_of)
        ]  # fmt: skip
        return max(live, key=lambda entry: (entry.effective, entry.id), default=None)

    states = {}
    for task in TASKS:
        last, assigned, planned = (newest(task, kind, None) for kind in ("update", "assign", "plan"))
        if last is None and assigned is None and planned is None:
            continue
        status, value, note = (newest(task, "update", column) for column in ("status", "value", "note"))
        states[task] = TaskState(
            status=status.fields["status"] if status else None,
            value=value.fields["value"] if value else None,
            note=note.fields["note"] if note else None,
            updated=last.effective if last else None,
            value_date=value.effective if value else None,
            lead=assigned.fields["lead"] if assigned else None,
            partners=(),
            plan=planned.fields["plan"] if planned else None,
            plan_date=planned.effective if planned else None,
            plan_entry=planned.id if planned else None,
        )
    return states


@pytest.fixture(params=["sqlite", "postgresql"])
def journals(request: pytest.FixtureRequest) -> Iterator[Iterator[tuple[Journal, str]]]:
    """A journal for each example, and its catalogue key: a fresh SQLite file, or a fresh catalogue in one
    database on the test server (a database per example would make the test slow)."""
    if request.param == "sqlite":

        def files() -> Iterator[tuple[Journal, str]]:
            while True:
                with tempfile.TemporaryDirectory() as folder, SQLiteJournal.for_writing(Path(folder) / "j") as journal:
                    yield journal, "2026"

        yield files()
        return
    from hedong_cli.journal.postgres import PostgresJournal
    from tests.conftest import init_server

    server: Server = request.getfixturevalue("pg_server")
    with PostgresJournal.for_writing(init_server(server), os.environ) as journal:
        yield ((journal, f"c{number}") for number in itertools.count())


@contextmanager
def both_ways(journal: Journal) -> Iterator[None]:
    try:
        yield
    finally:
        journal.keeps_latest = True


@pytest.mark.parametrize("kept", [True, False], ids=["kept", "probes"])
def test_latest_is_the_definition_on_random_histories(journals: Iterator[tuple[Journal, str]], kept: bool) -> None:
    @settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(steps)
    def check(history: list[tuple[str, dict[str, Any]]]) -> None:
        journal, catalog = next(journals)
        written: list[Written] = []
        retractions: dict[int, date] = {}
        for kind, row in history:
            if kind == "retract":
                open_ones = [entry for entry in written if entry.id not in retractions]
                if not open_ones:
                    continue
                target = open_ones[row["pick"] % len(open_ones)]
                journal.retract(catalog, target.id, effective=row["effective"], author=None)
                retractions[target.id] = row["effective"]
                continue
            fields = {key: row[key] for key in ("status", "value", "note", "lead", "plan") if key in row}
            entry = journal.append(catalog, row["task"], effective=row["effective"], kind=kind, **fields)
            written.append(Written(entry.id, kind, row["task"], row["effective"], fields))
        journal.keeps_latest = kept
        with both_ways(journal):
            for offset in (-1, 0, 5, 10, 15, 20, 21):
                as_of = START + timedelta(days=offset)
                assert journal.latest(catalog, as_of, TASKS) == expected(written, retractions, as_of), as_of

    check()
