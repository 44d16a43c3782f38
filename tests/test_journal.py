"""The journal on both backends: round trip, field-wise latest state, time travel, retraction, schema.

Every test taking ``journal`` runs on SQLite and on PostgreSQL (when ``HEDONG_TEST_PG`` names a server).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from hedong_cli.common.errors import InputError, JournalError
from hedong_cli.journal import (
    SCHEMA_VERSION,
    Entry,
    Journal,
    JournalLocation,
    SQLiteJournal,
    TaskState,
    open_reader,
    open_writer,
)

D = date


@pytest.fixture
def journal(journal_target: JournalLocation) -> Iterator[Journal]:
    with open_writer(journal_target, os.environ) as j:
        yield j


def test_an_entry_is_an_immutable_record_compared_by_its_fields() -> None:
    # Entry and TaskState are written without dataclasses (cheaper at start-up); they behave as the frozen
    # dataclasses they were: fields by keyword or position, equality on every field, a hash without the plan.
    fields = {"id": 7, "catalog": "2026", "task_id": "2.1.3", "kind": "plan", "recorded_at": "t"}
    entry = Entry(**fields, effective=D(2026, 5, 1), plan={"due": "2026-12-31"}, partners=("区商务局",))
    same = Entry(7, "2026", "2.1.3", "plan", "t", D(2026, 5, 1), partners=("区商务局",), plan={"due": "2026-12-31"})
    planless = Entry(**fields, effective=D(2026, 5, 1), partners=("区商务局",))
    assert entry == same and entry != planless and entry != Entry(**fields, effective=D(2026, 5, 2))
    assert hash(entry) == hash(same) == hash(planless) and {entry: 1}[same] == 1
    assert entry.__eq__((7, "2026")) is NotImplemented
    assert repr(planless) == (
        "Entry(id=7, catalog='2026', task_id='2.1.3', kind='plan', recorded_at='t', "
        "effective=datetime.date(2026, 5, 1), status=None, value=None, note=None, author=None, retracts=None, "
        "lead=None, partners=('区商务局',), role=None, unit=None, retracted_by=None, plan=None)"
    )
    with pytest.raises(AttributeError):
        entry.note = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del entry.id  # type: ignore[misc]
    assert entry.note is None and entry.id == 7
    assert Entry.from_row(entry.stored()) == entry  # a row read back is the same record
    assert TaskState(value=3.0) == TaskState(value=3.0) != TaskState() and TaskState().partners == ()
    with pytest.raises(AttributeError):
        TaskState().value = 1  # type: ignore[misc]


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


def test_a_retraction_keeps_its_reason_checked_as_every_reason_is(journal: Journal) -> None:
    from hedong_cli.common.rules import MAX_REASON_CHARS

    entry = journal.append("2026", "2.1.3", effective=D(2026, 5, 1), value=10)
    for hostile in ("数据有误\u202e", "因" * (MAX_REASON_CHARS + 1), "退回\x1b[31m"):
        with pytest.raises(InputError):
            journal.retract("2026", entry.id, effective=D(2026, 5, 2), author="督查室", note=hostile)
    assert journal.entry(entry.id).retracted_by is None  # nothing was written
    retraction = journal.retract("2026", entry.id, effective=D(2026, 5, 2), author="督查室", note=" 数据有误\n请核实 ")
    assert (retraction.note, retraction.retracts) == ("数据有误 请核实", entry.id)


def test_the_office_writes_as_a_units_role_only_inside_the_transaction(pg_server: object) -> None:
    from hedong_cli.journal.postgres import PostgresJournal
    from tests.conftest import Hedong, init_server

    url = init_server(pg_server)  # type: ignore[arg-type]
    role, password = pg_server.unit_role("shangwu")  # type: ignore[attr-defined]
    office = Hedong(db=url)
    assert office("db", "grant", "区商务局", "--role", role, "--password-stdin", input=password + "\n").exit_code == 0
    assert office("assign", "2.1.3", "--lead", "区商务局").exit_code == 0
    with PostgresJournal.for_writing(url, os.environ) as journal:
        with journal.atomic("2026"):
            assert journal.act_as_unit("区教育局") is None  # no role mapped: nothing changes
            assert journal.act_as_unit("区商务局") == role
            entry = journal.append("2026", "2.1.3", effective=D(2026, 5, 1), value=10)
        assert (entry.role, entry.unit) == (role, "区商务局")
        with pytest.raises(InputError), journal.atomic("2026"):  # the unit's row-level security applies
            journal.act_as_unit("区商务局")
            journal.append("2026", "2.1.4", effective=D(2026, 5, 1), value=10)  # not its task
        assert journal.count("2026") == 2  # the assignment and the unit's update
        assert journal._rows("SELECT current_user")[0][0] == pg_server.office  # type: ignore[attr-defined]
        with pytest.raises(AssertionError):
            journal.act_as_unit("区商务局")  # outside a transaction SET LOCAL would last no longer than itself


def test_append_many_is_all_or_nothing(journal: Journal) -> None:
    good = dict(catalog="2026", task_id="2.1.3", effective=D(2026, 5, 1), value=1)
    bad = dict(catalog="2026", task_id="2.1.3", effective=D(2026, 5, 1), kind="bogus")  # violates the CHECK
    with pytest.raises(InputError, match="kind"):  # the journal refuses what hedong refuses: bad input, exit 2
        journal.append_many([good, bad])
    assert journal.count("2026") == 0


def test_schema_version_wal_and_indexes(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    SQLiteJournal.for_writing(path).close()
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
    with SQLiteJournal.for_reading(path) as journal:
        assert journal.latest("2026", D(2026, 12, 31), ["1.1.1"]) == {}
        assert journal.history("2026") == []
    assert not path.exists()


def test_history_limit_and_dates(journal: Journal) -> None:
    for month in (3, 1, 2):
        journal.append("2026", "1.1.1", effective=D(2026, month, 1), value=month)
    assert [e.value for e in journal.history("2026", limit=2)] == [3, 2]
    assert [e.value for e in journal.history("2026", since=D(2026, 2, 1), newest_first=False)] == [2, 3]
    assert [e.value for e in journal.history("2026", until=D(2026, 1, 31))] == [1]
    assert journal.task_ids("2026") == {"1.1.1": 1}


def test_assignments_keep_partners_and_history(journal: Journal) -> None:
    journal.append("2026", "2.1.3", effective=D(2026, 3, 1), kind="assign", lead="区商务局", partners=["区财政局"])
    journal.append("2026", "2.1.3", effective=D(2026, 4, 1), kind="assign", lead="区发展改革委")
    assert journal.latest("2026", D(2026, 3, 15), ["2.1.3"])["2.1.3"].partners == ("区财政局",)
    assert journal.latest("2026", D(2026, 4, 1), ["2.1.3"])["2.1.3"].lead == "区发展改革委"


METACHARACTERS = "'; DROP TABLE entries; -- \\ %s %(x)s $1 ? :name \" ` 区商务局'); --"


def test_sql_metacharacters_in_every_text_field_are_stored_literally(journal: Journal) -> None:
    entry = journal.append(
        METACHARACTERS, METACHARACTERS, effective=D(2026, 5, 1), status="done", note=METACHARACTERS,
        author=METACHARACTERS,
    )  # fmt: skip  # the status is one of the set: the journal refuses any other (tests/test_server_attacks.py)
    assign = journal.append(
        METACHARACTERS, METACHARACTERS, effective=D(2026, 5, 1), kind="assign", lead=METACHARACTERS,
        partners=[METACHARACTERS],
    )  # fmt: skip
    again = journal.entry(entry.id)
    assert (again.catalog, again.task_id, again.note, again.author) == (METACHARACTERS,) * 4
    assert journal.entry(assign.id).partners == (METACHARACTERS,)
    state = journal.latest(METACHARACTERS, D(2026, 12, 31), [METACHARACTERS])[METACHARACTERS]
    assert (state.note, state.lead) == (METACHARACTERS, METACHARACTERS)
    assert journal.count(METACHARACTERS) == 2 and journal.count() == 2


def test_atomic_reads_its_own_writes_and_rolls_back_whole(journal: Journal) -> None:
    with pytest.raises(RuntimeError), journal.atomic("2026"):
        journal.append("2026", "1.1.1", effective=D(2026, 5, 1), value=1)
        assert journal.latest("2026", D(2026, 5, 1), ["1.1.1"])["1.1.1"].value == 1
        raise RuntimeError("stop before commit")
    assert journal.count("2026") == 0


def test_a_reader_sees_what_a_writer_committed(journal_target: JournalLocation) -> None:
    with open_writer(journal_target, os.environ) as writer:
        writer.append("2026", "1.1.1", effective=D(2026, 5, 1), value=7)
    with open_reader(journal_target, os.environ) as reader:
        assert reader.latest("2026", D(2026, 5, 1), ["1.1.1"])["1.1.1"].value == 7


# -- plan entries (schema version 2) ----------------------------------------------------------------

_V1_SCHEMA = """
CREATE TABLE entries (
    id INTEGER PRIMARY KEY, catalog TEXT NOT NULL, task_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('update', 'retract', 'assign')),
    recorded_at TEXT NOT NULL, effective TEXT NOT NULL, status TEXT, value REAL, note TEXT, author TEXT,
    retracts INTEGER REFERENCES entries(id), lead TEXT, partners TEXT
);
CREATE INDEX entries_by_task ON entries (catalog, task_id, kind, effective, id);
CREATE INDEX entries_by_effective ON entries (catalog, effective, id);
CREATE UNIQUE INDEX entries_retracts ON entries (retracts) WHERE retracts IS NOT NULL;
"""


def _v1_journal(path: Path) -> None:
    """A journal as the first schema wrote it: one update, one assignment and a retraction."""
    conn = sqlite3.connect(path)
    conn.executescript(_V1_SCHEMA)
    rows = [
        (1, "2026", "2.1.3", "update", "2026-05-01T00:00:00+00:00", "2026-05-01", "in_progress", 10, "五月", None,
         None, None, None),
        (2, "2026", "2.1.3", "assign", "2026-05-02T00:00:00+00:00", "2026-05-02", None, None, None, None, None,
         "区商务局", '["区发展改革委"]'),
        (3, "2026", "2.1.3", "update", "2026-05-03T00:00:00+00:00", "2026-05-03", None, 11, None, None, None,
         None, None),
        (4, "2026", "2.1.3", "retract", "2026-05-04T00:00:00+00:00", "2026-05-04", None, None, None, None, 3,
         None, None),
    ]  # fmt: skip
    conn.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()


def test_a_first_schema_journal_reads_and_upgrades_keeping_every_entry(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _v1_journal(path)
    with SQLiteJournal.for_reading(path) as old:  # reading never migrates
        before = old.history("2026")
        state = old.latest("2026", D(2026, 12, 31), ["2.1.3"])["2.1.3"]
        assert (state.value, state.lead, state.plan) == (10, "区商务局", None)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1
    with SQLiteJournal.for_writing(path) as journal:
        assert journal.history("2026") == before
        entry = journal.append("2026", "2.1.3", effective=D(2026, 6, 1), kind="plan", plan={"due": "2026-09-30"})
        assert journal.entry(entry.id).plan == {"due": "2026-09-30"}
        assert journal.entry(3).retracted_by == 4
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"entries_by_task", "entries_by_effective", "entries_retracts"} <= indexes


def test_the_newest_live_plan_is_the_plan_as_of_each_date(journal: Journal) -> None:
    first = {"due": "2026-12-31", "leader": "张三", "nodes": [{"date": "2026-06-30", "text": "开工"}]}
    second = {"due": "2026-10-31", "leader": "李四", "nodes": []}
    a = journal.append("2026", "2.1.3", effective=D(2026, 3, 1), kind="plan", plan=first)
    b = journal.append("2026", "2.1.3", effective=D(2026, 7, 1), kind="plan", plan=second)
    journal.append("2026", "2.1.3", effective=D(2026, 8, 1), value=5)  # updates leave the plan alone
    assert "2.1.3" not in journal.latest("2026", D(2026, 2, 28), ["2.1.3"])
    spring = journal.latest("2026", D(2026, 3, 1), ["2.1.3"])["2.1.3"]
    assert (spring.plan, spring.plan_date, spring.plan_entry, spring.updated) == (first, D(2026, 3, 1), a.id, None)
    summer = journal.latest("2026", D(2026, 8, 1), ["2.1.3"])["2.1.3"]
    assert (summer.plan, summer.plan_entry, summer.value) == (second, b.id, 5)
    # Undoing the change brings the earlier plan back from the retraction's date on, not before.
    journal.retract("2026", b.id, effective=D(2026, 9, 1), author=None)
    assert journal.latest("2026", D(2026, 8, 31), ["2.1.3"])["2.1.3"].plan == second
    assert journal.latest("2026", D(2026, 9, 1), ["2.1.3"])["2.1.3"].plan == first
    kinds = [entry.kind for entry in journal.history("2026", task_id="2.1.3", newest_first=False)]
    assert kinds == ["plan", "plan", "update", "retract"]
