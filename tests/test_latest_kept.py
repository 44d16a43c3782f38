"""The kept latest states (``task_latest``, migration 6): filled in for an existing journal, kept by the append's
own transaction, and, on a server, written by nobody but the trigger: each attack runs as a unit role with its own
psycopg session, as with psql.

PostgreSQL tests need ``HEDONG_TEST_PG`` (``scripts/test-pg.sh``); the SQLite ones run everywhere.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from hedong_cli.journal import Journal, SQLiteJournal, checks, latest
from hedong_cli.journal.latest import ID_COLUMNS
from tests.conftest import Hedong, init_server
from tests.pg import Server
from tests.test_postgres import ok
from tests.test_server_attacks import CATALOGUE, OTHER, TASK, connect, grant, insert, office  # noqa: F401

KEY = CATALOGUE.key
DAYS = [date(2026, 3, day) for day in range(1, 29)]
LATER = date(2027, 1, 1)


def write_history(journal: Journal, tasks: list[str]) -> None:
    """Updates, assignments, plans and retractions over several tasks, some retracted on a later day."""
    for number, task in enumerate(tasks):
        journal.append(KEY, task, effective=DAYS[number], kind="assign", lead="区商务局")
        first = journal.append(KEY, task, effective=DAYS[number + 1], status="in_progress", value=float(number))
        journal.append(KEY, task, effective=DAYS[number + 2], note=f"第{number}次")
        journal.append(KEY, task, effective=DAYS[number + 3], kind="plan", plan={"due": "2026-12-31"})
        if number % 2:
            journal.retract(KEY, first.id, effective=DAYS[number + 5], author=None)


def both_ways(journal: Journal, tasks: list[str], as_of: date) -> tuple[dict[str, Any], dict[str, Any]]:
    kept = journal.latest(KEY, as_of, tasks)
    journal.keeps_latest = False
    try:
        return kept, journal.latest(KEY, as_of, tasks)
    finally:
        journal.keeps_latest = True


def kept_rows(rows: list[tuple[Any, ...]]) -> dict[str, tuple[Any, ...]]:
    return {row[0]: tuple(row[1:]) for row in rows}


KEPT = f"SELECT task_id, horizon, {', '.join(ID_COLUMNS)} FROM task_latest ORDER BY task_id"
TASKS = [task.id for task in CATALOGUE.tasks[:6]]


def test_an_existing_sqlite_journal_gains_its_kept_states_from_its_history(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    with SQLiteJournal.for_writing(path) as journal:
        write_history(journal, TASKS[:3])
        made_as_appended = kept_rows(journal._rows(KEPT))
    with sqlite3.connect(path) as conn:  # back to schema 5, as an earlier hedong left it
        conn.execute("DROP TRIGGER entries_latest")
        conn.execute("DROP TRIGGER entries_latest_recomputed")
        conn.execute("DROP TABLE task_latest")
        conn.execute("PRAGMA user_version = 5")
    with SQLiteJournal.for_reading(path) as journal:  # read, not migrated: probes alone answer
        assert not journal.keeps_latest and journal.latest(KEY, LATER, TASKS)
    with SQLiteJournal.for_writing(path) as journal:
        assert kept_rows(journal._rows(KEPT)) == made_as_appended  # the backfill finds what the trigger kept
        write_history(journal, TASKS[3:])
        for as_of in (DAYS[4], DAYS[12], LATER):
            kept, probed = both_ways(journal, TASKS, as_of)
            assert kept == probed
        assert len(probed) == len(TASKS)
    rows = kept_rows(sqlite3.connect(path).execute(KEPT).fetchall())
    assert sorted(rows) == sorted(TASKS) and all(row[0] <= LATER.isoformat() for row in rows.values())


def test_a_retraction_moves_the_horizon_of_the_task_it_retracts_and_earlier_dates_are_probed(tmp_path: Path) -> None:
    with SQLiteJournal.for_writing(tmp_path / "j.sqlite") as journal:
        entry = journal.append(KEY, TASK, effective=DAYS[0], status="done")
        journal.append(KEY, TASK, effective=DAYS[1], note="保留")
        journal.retract(KEY, entry.id, effective=DAYS[9], author=None)
        assert journal._rows("SELECT horizon FROM task_latest") == [(DAYS[9].isoformat(),)]
        # Before the retraction's day the entry still counts: the kept row (without it) must not answer.
        assert journal.latest(KEY, DAYS[5], [TASK])[TASK].status == "done"
        assert journal.latest(KEY, DAYS[9], [TASK])[TASK].status is None


def test_an_entry_kept_but_unreadable_is_passed_over_as_the_probes_pass_it_over(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    with SQLiteJournal.for_writing(path) as journal:
        journal.append(KEY, TASK, effective=DAYS[0], status="in_progress", value=3.0)
    with sqlite3.connect(path) as conn:  # an older hedong's entry, past today's rules: the trigger keeps it
        conn.execute("DROP TRIGGER entries_status_ok")
        conn.execute(
            "INSERT INTO entries (catalog, task_id, kind, recorded_at, effective, status) VALUES"
            " (?, ?, 'update', 'now', ?, 'pwned')",
            (KEY, TASK, DAYS[1].isoformat()),
        )
    with SQLiteJournal.for_reading(path) as journal:
        state = journal.latest(KEY, LATER, [TASK])[TASK]
        assert (state.status, state.value) == ("in_progress", 3.0)
        assert journal.skipped_entries() == [2]


# -- PostgreSQL ------------------------------------------------------------------------------------------------


def test_a_server_journal_of_schema_5_gains_its_kept_states_at_db_init(pg_server: Server) -> None:
    from hedong_cli.journal.postgres import PostgresJournal

    url = init_server(pg_server)
    with PostgresJournal.for_writing(url, os.environ) as journal:
        write_history(journal, TASKS[:4])
        made_as_appended = kept_rows(journal._rows(KEPT))
    for statement in (
        "DROP TRIGGER entries_latest ON entries",
        "DROP FUNCTION hedong_keep_latest()",
        "DROP TABLE task_latest",
        "UPDATE hedong_schema SET version = 5",
    ):
        pg_server.sql(statement)
    assert "5" in ok(Hedong(db=url)("db", "init", url)).stdout
    with PostgresJournal.for_writing(url, os.environ) as journal:
        assert kept_rows(journal._rows(KEPT)) == made_as_appended
        write_history(journal, TASKS[4:])
        for as_of in (DAYS[4], DAYS[12], LATER):
            kept, probed = both_ways(journal, TASKS, as_of)
            assert kept == probed
        assert len(probed) == len(TASKS)


def test_a_unit_cannot_write_the_kept_states(office: Hedong, pg_server: Server) -> None:  # noqa: F811
    import psycopg

    role, password = grant(pg_server, office, "区商务局", "shangwu")
    before = pg_server.sql(KEPT)
    forged = ("INSERT INTO public.task_latest (catalog, task_id, horizon, status_id) VALUES (%s, %s, '2099-01-01', 1)",
              "UPDATE public.task_latest SET status_id = NULL, horizon = '2099-01-01' WHERE task_id = %s",
              "DELETE FROM public.task_latest WHERE task_id = %s",
              "TRUNCATE public.task_latest",
              "SELECT public.hedong_keep_latest()")  # fmt: skip
    with connect(pg_server.url_as(role, password)) as conn:
        assert conn.execute("SELECT count(*) FROM public.task_latest").fetchone()[0] == 2  # it may read them
        for statement in forged:
            params = (KEY, OTHER) if statement.count("%s") == 2 else (OTHER,) if "%s" in statement else ()
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement, params)
    assert pg_server.sql(KEPT) == before


def test_an_entry_the_policy_refuses_changes_no_kept_state(office: Hedong, pg_server: Server) -> None:  # noqa: F811
    import psycopg

    role, password = grant(pg_server, office, "区商务局", "shangwu")
    ok(office("update", OTHER, "--status", "blocked"))  # the office writes 区教育局's task
    theirs = pg_server.sql("SELECT max(id) FROM entries WHERE task_id = %s", (OTHER,))[0][0]
    before = pg_server.sql(KEPT)
    with connect(pg_server.url_as(role, password)) as conn:
        for attack in (
            lambda: insert(conn, OTHER, "update", status="done", role=role),  # not its task
            lambda: insert(conn, OTHER, "retract", retracts=theirs, role=role),  # not its entry
            lambda: insert(conn, TASK, "assign", lead="区商务局", role=role),  # units do not assign
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                attack()
    assert pg_server.sql(KEPT) == before
    assert office.json("show", OTHER)["status"] == "blocked"


def test_the_units_own_entry_keeps_its_row_whatever_its_search_path(office: Hedong, pg_server: Server) -> None:  # noqa: F811
    """A temporary ``task_latest`` and ``entries`` (TEMP granted back, as where the office cannot revoke it) and a
    schema of the unit's own first on its path, with a ``task_latest`` of its own: the trigger writes only
    hedong's table, with the ids of hedong's entries."""
    role, password = grant(pg_server, office, "区商务局", "shangwu")
    pg_server.sql(f'GRANT TEMPORARY ON DATABASE "{pg_server.dbname}" TO "{role}"')
    pg_server.sql(f'CREATE SCHEMA evil AUTHORIZATION "{role}"')
    with connect(pg_server.url_as(role, password)) as conn:
        conn.execute("CREATE TEMP TABLE task_latest (LIKE public.task_latest INCLUDING ALL)")
        conn.execute("CREATE TEMP TABLE entries (LIKE public.entries)")
        conn.execute("CREATE TABLE evil.task_latest (LIKE public.task_latest INCLUDING ALL)")
        for path in ("pg_temp, public", "evil, public, pg_catalog"):
            conn.execute(f"SET search_path = {path}")
            insert(conn, TASK, "update", table="public.entries", status="done", role=role)
        shadows = [conn.execute(f"SELECT count(*) FROM {t}.task_latest").fetchone()[0] for t in ("pg_temp", "evil")]
    assert shadows == [0, 0]
    newest = pg_server.sql("SELECT max(id) FROM entries WHERE task_id = %s AND kind = 'update'", (TASK,))[0][0]
    assert pg_server.sql("SELECT status_id, update_id FROM task_latest WHERE task_id = %s", (TASK,)) == [
        (newest, newest)
    ]
    assert office.json("show", TASK)["status"] == "done"


def test_only_the_keeping_trigger_runs_with_its_owners_rights_and_no_one_may_call_it(
    office: Hedong,  # noqa: F811
    pg_server: Server,
) -> None:
    rows = pg_server.sql(
        "SELECT p.proname, has_function_privilege('public', p.oid, 'EXECUTE') FROM pg_proc p"
        " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.prosecdef"
    )
    assert rows == [("hedong_keep_latest", False)]


def test_an_entry_retracted_before_it_was_written_is_kept_as_retracted(tmp_path: Path) -> None:
    """SQLite does not enforce the retraction's reference: a hand-written retraction may name an id not yet
    written. The entry that later takes the id is retracted from the start, and the kept row says so."""
    path = tmp_path / "j.sqlite"
    with SQLiteJournal.for_writing(path) as journal:
        journal.append(KEY, TASK, effective=DAYS[0], status="in_progress")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO entries (id, catalog, task_id, kind, recorded_at, effective, retracts) VALUES"
            " (10, ?, ?, 'retract', 'now', ?, 11)",
            (KEY, TASK, DAYS[1].isoformat()),
        )
        conn.execute(
            "INSERT INTO entries (id, catalog, task_id, kind, recorded_at, effective, status) VALUES"
            " (11, ?, ?, 'update', 'now', ?, 'done')",
            (KEY, TASK, DAYS[2].isoformat()),
        )
    with SQLiteJournal.for_reading(path) as journal:
        kept, probed = both_ways(journal, [TASK], LATER)
        assert kept == probed and kept[TASK].status == "in_progress"


# The kept states are read in one join, each entry tested in SQL (``checks.sql_readable``) and, for its day, partner
# list and plan, in Python (``latest.read_kept``); an entry edited by hand into the file past the readers' rules must
# be passed over there exactly as the probes pass it over, and reported the same way.
HAND_EDITS = {
    "a name that is not text": ("update", "UPDATE entries SET author = CAST('王某' AS BLOB) WHERE id = ?"),
    "a role that is not text": ("update", "UPDATE entries SET role = x'00ff' WHERE id = ?"),
    "a day that is not one": ("update", "UPDATE entries SET effective = '2026-02-30' WHERE id = ?"),
    "a day that is bytes": ("update", "UPDATE entries SET effective = CAST('2026-03-01' AS BLOB) WHERE id = ?"),
    "an infinite value": ("update", "UPDATE entries SET value = 9e999 WHERE id = ?"),
    "a value that is text": ("update", "UPDATE entries SET value = 'many' WHERE id = ?"),
    "a status outside the set": ("update", "UPDATE entries SET status = 'pwned' WHERE id = ?"),
    # Not written by hedong, but within what a reader reads: read, entry by entry.
    "a partner list on an update": ("update", "UPDATE entries SET partners = '[\"区商务局\"]' WHERE id = ?"),
    "a plan on an update": ("update", "UPDATE entries SET plan = '{}' WHERE id = ?"),
    "partners that are not JSON": ("assign", "UPDATE entries SET partners = '[\"区商务局\"' WHERE id = ?"),
    "partners that are not names": ("assign", "UPDATE entries SET partners = '[1, 2]' WHERE id = ?"),
    "partners of the wrong type": ("assign", "UPDATE entries SET partners = 12 WHERE id = ?"),
    "a plan that is not JSON": ("plan", "UPDATE entries SET plan = '{\"due\": ' WHERE id = ?"),
    "a plan past its schema": ("plan", 'UPDATE entries SET plan = \'{"due": "tomorrow"}\' WHERE id = ?'),
    "an entry gone": ("plan", "DELETE FROM entries WHERE id = ?"),
}


def read_entry_by_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``latest`` read every kept row entry by entry, as it did before the join (``Journal._kept``)."""
    monkeypatch.setattr(latest, "read_kept", lambda rows: ({}, [row[0] for row in rows]))


@pytest.mark.parametrize("edit", HAND_EDITS, ids=list(HAND_EDITS))
def test_an_entry_edited_by_hand_is_passed_over_by_the_kept_states_as_entry_by_entry(
    tmp_path: Path, edit: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    kind, statement = HAND_EDITS[edit]
    path = tmp_path / "j.sqlite"
    with SQLiteJournal.for_writing(path) as journal:
        write_history(journal, TASKS)
        newest = {
            "update": journal.append(KEY, TASK, effective=DAYS[20], status="done", value=9.0, note="完成"),
            "assign": journal.append(
                KEY, TASK, effective=DAYS[20], kind="assign", lead="区发改委", partners=("区商务局",)
            ),
            "plan": journal.append(KEY, TASK, effective=DAYS[20], kind="plan", plan={"due": "2026-11-30"}),
        }[kind]
    with sqlite3.connect(path) as conn:
        conn.execute(statement, (newest.id,))
    answers = []
    for way in ("joined", "entry by entry"):
        if way == "entry by entry":
            read_entry_by_entry(monkeypatch)
            checks._WARNED.clear()  # each entry is warned about once per stream: warn again
        with SQLiteJournal.for_reading(path) as journal:
            answers.append((journal.latest(KEY, LATER, TASKS), journal.skipped_entries(), capsys.readouterr().err))
    assert answers[0] == answers[1]
    states, skipped, warned = answers[0]
    shown = {"update": states[TASK].note, "assign": states[TASK].lead, "plan": states[TASK].plan}[kind]
    if edit.endswith("on an update"):
        assert shown == "完成" and skipped == [] and warned == ""
        return
    assert shown not in ("完成", "区发改委", {"due": "2026-11-30"})
    if edit != "an entry gone":
        assert skipped == [newest.id] and str(newest.id) in warned


def test_the_kept_states_read_in_one_join_are_the_states_the_entries_make(tmp_path: Path) -> None:
    with SQLiteJournal.for_writing(tmp_path / "j.sqlite") as journal:
        write_history(journal, TASKS)
        journal.append(
            KEY, TASKS[0], effective=DAYS[20], kind="assign", lead="区发改委", partners=("区商务局", "区科技局")
        )
        journal.append(KEY, TASKS[1], effective=DAYS[21], kind="plan", plan={"due": "2026-11-30", "nodes": []})
        journal.append(KEY, TASKS[2], effective=DAYS[22], value=12.5)
        for as_of in (DAYS[3], DAYS[10], DAYS[25], LATER):
            kept, probed = both_ways(journal, TASKS, as_of)
            assert kept == probed
