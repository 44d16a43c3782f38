"""The SQLite journal: round trip, field-wise latest state, time travel, retraction, schema."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from hedong_cli.errors import InputError, JournalError
from hedong_cli.journal import SCHEMA_VERSION, Journal

D = date


@pytest.fixture
def journal(tmp_path: Path):
    with Journal.for_writing(tmp_path / "j.sqlite") as j:
        yield j


def test_round_trip_keeps_every_field(journal: Journal) -> None:
    entry = journal.append(
        "2026",
        "2.1.3",
        effective=D(2026, 5, 1),
        status="in_progress",
        value=12.5,
        note="首店 [b]x[/b]\x1b[2J",
        author="商务局",
    )
    again = journal.entry(entry.id)
    assert (again.task_id, again.kind, again.effective, again.status, again.value, again.note, again.author) == (
        "2.1.3",
        "update",
        D(2026, 5, 1),
        "in_progress",
        12.5,
        "首店 [b]x[/b]\x1b[2J",
        "商务局",
    )
    assert again.recorded_at.endswith("+00:00")


def test_latest_is_field_by_field(journal: Journal) -> None:
    journal.append("2026", "2.1.3", effective=D(2026, 5, 1), status="in_progress", value=10, note="五月")
    journal.append("2026", "2.1.3", effective=D(2026, 6, 1), note="六月只写说明")
    state = journal.latest("2026", D(2026, 12, 31), ["2.1.3", "1.1.2"])["2.1.3"]
    assert (state.status, state.value, state.note) == ("in_progress", 10, "六月只写说明")
    assert state.updated == D(2026, 6, 1) and state.value_date == D(2026, 5, 1)
    assert "1.1.2" not in journal.latest("2026", D(2026, 12, 31), ["1.1.2"])


def test_as_of_counts_only_entries_effective_by_then(journal: Journal) -> None:
    journal.append("2026", "2.1.3", effective=D(2026, 3, 31), value=10)
    journal.append("2026", "2.1.3", effective=D(2026, 6, 30), value=25)
    # A late entry back-dated to April is ordered by its effective date, not by when it was typed.
    journal.append("2026", "2.1.3", effective=D(2026, 4, 30), value=15)
    assert "2.1.3" not in journal.latest("2026", D(2026, 3, 30), ["2.1.3"])
    assert journal.latest("2026", D(2026, 3, 31), ["2.1.3"])["2.1.3"].value == 10
    assert journal.latest("2026", D(2026, 5, 15), ["2.1.3"])["2.1.3"].value == 15
    assert journal.latest("2026", D(2026, 7, 1), ["2.1.3"])["2.1.3"].value == 25


def test_catalogues_are_kept_apart(journal: Journal) -> None:
    journal.append("2026", "1.1.1", effective=D(2026, 5, 1), value=1)
    journal.append("2027", "1.1.1", effective=D(2027, 5, 1), value=2)
    assert journal.latest("2026", D(2027, 12, 31), ["1.1.1"])["1.1.1"].value == 1
    assert journal.count("2027") == 1


def test_retraction_is_an_entry_and_counts_from_its_date(journal: Journal) -> None:
    first = journal.append("2026", "2.1.3", effective=D(2026, 5, 1), value=10)
    wrong = journal.append("2026", "2.1.3", effective=D(2026, 6, 1), value=100)
    retraction = journal.retract("2026", None, effective=D(2026, 6, 10), author="督查室")
    assert retraction.kind == "retract" and retraction.retracts == wrong.id
    assert journal.latest("2026", D(2026, 6, 5), ["2.1.3"])["2.1.3"].value == 100  # as it stood then
    assert journal.latest("2026", D(2026, 6, 10), ["2.1.3"])["2.1.3"].value == 10
    history = journal.history("2026", task_id="2.1.3")
    assert [e.id for e in history] == [retraction.id, wrong.id, first.id]
    assert history[1].retracted_by == retraction.id
    # The next undo takes the newest live entry, skipping the retracted one.
    assert journal.retract("2026", None, effective=D(2026, 6, 10), author=None).retracts == first.id
    with pytest.raises(JournalError):
        journal.retract("2026", None, effective=D(2026, 6, 10), author=None)


def test_retracting_twice_or_a_retraction_is_refused(journal: Journal) -> None:
    entry = journal.append("2026", "2.1.3", effective=D(2026, 5, 1), value=10)
    retraction = journal.retract("2026", entry.id, effective=D(2026, 5, 2), author=None)
    with pytest.raises(InputError, match="#1"):
        journal.retract("2026", entry.id, effective=D(2026, 5, 2), author=None)
    with pytest.raises(InputError):
        journal.retract("2026", retraction.id, effective=D(2026, 5, 2), author=None)
    with pytest.raises(InputError):
        journal.retract("2026", 999, effective=D(2026, 5, 2), author=None)


def test_append_many_is_all_or_nothing(journal: Journal) -> None:
    good = dict(catalog="2026", task_id="2.1.3", effective=D(2026, 5, 1), value=1)
    bad = dict(catalog="2026", task_id="2.1.3", effective=D(2026, 5, 1), kind="bogus")  # violates the CHECK
    with pytest.raises(JournalError):
        journal.append_many([good, bad])
    assert journal.count("2026") == 0


def test_schema_version_wal_and_indexes(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    Journal.for_writing(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    plan = conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM entries WHERE catalog='2026' AND task_id='1' AND kind='update'"
        " AND effective <= '2026-12-31' ORDER BY effective DESC, id DESC LIMIT 1"
    ).fetchall()
    assert any("entries_by_task" in row[-1] for row in plan), plan


def test_missing_file_reads_as_empty_without_creating_it(tmp_path: Path) -> None:
    path = tmp_path / "none.sqlite"
    with Journal.for_reading(path) as journal:
        assert journal.latest("2026", D(2026, 12, 31), ["1.1.1"]) == {}
        assert journal.history("2026") == []
    assert not path.exists()
