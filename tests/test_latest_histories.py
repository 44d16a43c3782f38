"""``Journal.latest`` against its definition, on random histories (SQLite; bounded and derandomized).

The definition (journal/base.py): the state of a task on a date is, field by field, the newest live entry
whose effective date is on or before that date (newest = latest effective date, then latest id), and a
retraction counts from its own effective date on. The model below applies it to the entries it wrote, in
plain Python, and the journal's answer must be the same for every task and several dates.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hedong_cli.common.rules import STATUSES
from hedong_cli.journal import SQLiteJournal, TaskState

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
retract = st.fixed_dictionaries({"pick": st.integers(min_value=0, max_value=1000), "effective": days})
steps = st.lists(
    st.one_of(update.map(lambda row: ("update", row)), assign.map(lambda row: ("assign", row)),
              retract.map(lambda row: ("retract", row))),
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
        last, assigned = newest(task, "update", None), newest(task, "assign", None)
        if last is None and assigned is None:
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
        )
    return states


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_latest_is_the_definition_on_random_histories(history: list[tuple[str, dict[str, Any]]]) -> None:
    with tempfile.TemporaryDirectory() as folder, SQLiteJournal.for_writing(Path(folder) / "j.sqlite") as journal:
        written: list[Written] = []
        retractions: dict[int, date] = {}
        for kind, row in history:
            if kind == "retract":
                open_ones = [entry for entry in written if entry.id not in retractions]
                if not open_ones:
                    continue
                target = open_ones[row["pick"] % len(open_ones)]
                journal.retract("2026", target.id, effective=row["effective"], author=None)
                retractions[target.id] = row["effective"]
                continue
            fields = {key: row[key] for key in ("status", "value", "note", "lead") if key in row}
            entry = journal.append("2026", row["task"], effective=row["effective"], kind=kind, **fields)
            written.append(Written(entry.id, kind, row["task"], row["effective"], fields))
        for offset in (-1, 0, 5, 10, 15, 21):
            as_of = START + timedelta(days=offset)
            assert journal.latest("2026", as_of, TASKS) == expected(written, retractions, as_of), as_of
