"""The shared journal on a PostgreSQL server: the CLI on both backends, who may write what, moving a
journal between backends, and what bad connection input gets.

Needs ``HEDONG_TEST_PG`` (``scripts/test-pg.sh`` starts a server); skipped, with the reason, without it.
The journal's own suite (tests/test_journal.py) runs on both backends too.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest

from hedong_cli.catalogue.model import load_catalog
from hedong_cli.journal import SCHEMA_VERSION
from tests.conftest import CATALOG, Hedong, init_server
from tests.pg import Server

CATALOGUE = load_catalog(CATALOG)
AMOUNTS = [t.id for t in CATALOGUE.tasks if t.target is not None and not t.target.is_rate]
TASK, OTHER, THIRD = AMOUNTS[0], AMOUNTS[1], AMOUNTS[2]


def ok(result):  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def one_line_refusal(result, code: int = 2) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.startswith("hedong: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return result.stderr


def count(server: Server) -> int:
    return server.sql("SELECT count(*) FROM entries")[0][0]


@pytest.fixture
def office(pg_server: Server) -> Hedong:
    """The office's hedong on a fresh, initialised server journal, with two units' tasks assigned."""
    init_server(pg_server)
    hedong = Hedong(db=pg_server.url)
    ok(hedong("assign", TASK, "--lead", "区商务局", "--partner", "区财政局"))
    ok(hedong("assign", OTHER, "--lead", "区教育局"))
    return hedong


def unit(server: Server, office: Hedong, name: str, prefix: str) -> Hedong:
    role, password = server.unit_role(prefix)
    ok(office("db", "grant", name, "--role", role, "--password-stdin", input=password + "\n"))
    return Hedong(db=server.url_as(role, password), extra_env={"HEDONG_USER": f"{name}联络员"})


# -- the same commands on both backends -------------------------------------------------------------


def test_the_reporting_loop_reads_the_same_on_both_backends(hedong_both: Hedong) -> None:
    ok(hedong_both("update", TASK, "--value", "12", "--note", "首批", "--date", "2026-05-01"))
    ok(hedong_both("update", TASK, "--value", "99", "--date", "2026-06-01"))
    ok(hedong_both("undo"))
    ok(hedong_both("assign", TASK, "--lead", "区商务局"))
    status = hedong_both.json("status", "--as-of", "2026-11-26")
    task = next(t for t in status["tasks"] if t["id"] == TASK)
    assert (task["value"], task["note"], task["lead"]) == (12, "首批", "区商务局")
    log = ok(hedong_both("log")).stdout
    assert "首批" in log and ok(hedong_both("check")).stdout


def test_where_names_backend_server_database_and_role_never_the_password(office: Hedong, pg_server: Server) -> None:
    out = ok(office("where")).stdout
    lines = dict(line.split("\t")[:2] for line in out.splitlines())
    assert lines["backend"] == "postgresql"
    assert lines["database"] == pg_server.dbname and lines["role"].startswith(pg_server.office)
    assert lines["schema"] == str(SCHEMA_VERSION) and lines["server"].startswith("127.0.0.1:")
    assert pg_server.office_password not in out


# -- who may write what -----------------------------------------------------------------------------------


def test_a_unit_writes_its_own_and_partnered_tasks_stamped_with_its_role(office: Hedong, pg_server: Server) -> None:
    shangwu = unit(pg_server, office, "区商务局", "shangwu")
    caizheng = unit(pg_server, office, "区财政局", "caizheng")
    ok(shangwu("update", TASK, "--value", "5", "--by", "张三"))
    ok(caizheng("update", TASK, "--note", "配合单位也可填报"))
    rows = pg_server.sql("SELECT author, role, unit FROM entries WHERE kind = 'update' ORDER BY id")
    roles = [role for role in pg_server.roles]
    assert rows == [("张三", roles[0], "区商务局"), ("区财政局联络员", roles[1], "区财政局")]
    grants = ok(office("db", "grants")).stdout
    assert f"{roles[0]}\t区商务局\tlogin" in grants


def test_a_unit_writing_another_units_task_is_refused_naming_task_and_unit(office: Hedong, pg_server: Server) -> None:
    shangwu = unit(pg_server, office, "区商务局", "shangwu")
    before = count(pg_server)
    message = one_line_refusal(shangwu("update", OTHER, "--value", "1"))
    assert OTHER in message and "区教育局" in message
    message = one_line_refusal(shangwu("update", THIRD, "--value", "1"))  # not assigned to anyone yet
    assert THIRD in message and "尚未分工" in message
    assert count(pg_server) == before


def test_a_unit_may_not_assign(office: Hedong, pg_server: Server) -> None:
    shangwu = unit(pg_server, office, "区商务局", "shangwu")
    before = count(pg_server)
    message = one_line_refusal(shangwu("assign", TASK, "--lead", "区商务局", "--partner", "区教育局"))
    assert "督查室" in message and TASK in message
    assert count(pg_server) == before


def test_a_unit_retracts_only_its_own_entries(office: Hedong, pg_server: Server) -> None:
    shangwu = unit(pg_server, office, "区商务局", "shangwu")
    caizheng = unit(pg_server, office, "区财政局", "caizheng")
    ok(shangwu("update", TASK, "--value", "5"))
    theirs = pg_server.sql("SELECT max(id) FROM entries")[0][0]
    ok(caizheng("update", TASK, "--value", "6"))
    before = count(pg_server)
    message = one_line_refusal(caizheng("undo", "--entry", str(theirs)))
    assert f"#{theirs}" in message and "区商务局" in message
    assert count(pg_server) == before
    ok(caizheng("undo"))  # its own newest entry
    assert pg_server.sql("SELECT retracts FROM entries ORDER BY id DESC LIMIT 1")[0][0] == theirs + 1


def test_row_level_security_refuses_even_without_hedong(office: Hedong, pg_server: Server) -> None:
    """The rule lives in the database: a unit's own psycopg session cannot insert what hedong would refuse."""
    import psycopg

    role, password = pg_server.unit_role("shangwu")
    ok(office("db", "grant", "区商务局", "--role", role, "--password-stdin", input=password + "\n"))
    insert = (
        "INSERT INTO entries (catalog, task_id, kind, recorded_at, effective, lead, role)"
        " VALUES (%s, %s, %s, 'now', '2026-05-01', %s, %s)"
    )
    with psycopg.connect(pg_server.url_as(role, password), autocommit=True) as conn:
        for params in (
            (CATALOGUE.key, OTHER, "update", None, role),  # another unit's task
            (CATALOGUE.key, TASK, "assign", "区商务局", role),  # assigning
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(insert, params)
        conn.execute(insert, (CATALOGUE.key, TASK, "update", None, "someone_else"))  # the server stamps the role
    assert pg_server.sql("SELECT role FROM entries WHERE kind = 'update'") == [(role,)]


@pytest.mark.parametrize("statement", ["UPDATE entries SET note = 'x'", "DELETE FROM entries", "TRUNCATE entries"])
def test_nobody_updates_deletes_or_truncates_entries(office: Hedong, pg_server: Server, statement: str) -> None:
    import psycopg

    role, password = pg_server.unit_role("shangwu")
    ok(office("db", "grant", "区商务局", "--role", role, "--password-stdin", input=password + "\n"))
    before = pg_server.sql("SELECT * FROM entries ORDER BY id")
    for url in (pg_server.url, pg_server.url_as(role, password)):  # the office (the owner) and a unit
        with psycopg.connect(url, autocommit=True) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement)  # type: ignore[arg-type]
    # Even the superuser, who passes every privilege check, meets the append-only trigger.
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        pg_server.sql(statement)
    assert pg_server.sql("SELECT * FROM entries ORDER BY id") == before
    privileges = pg_server.sql(
        "SELECT grantee, privilege_type FROM information_schema.role_table_grants"
        " WHERE table_name = 'entries' AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')"
    )
    assert privileges == []


def test_a_role_without_a_unit_gets_one_line(office: Hedong, pg_server: Server) -> None:
    role, password = pg_server.unit_role("stray")
    pg_server.sql(f'CREATE ROLE "{role}" LOGIN PASSWORD %s'.replace("%s", f"'{password}'"))
    stray = Hedong(db=pg_server.url_as(role, password))
    for args in (("update", TASK, "--value", "1"), ("status",)):
        message = one_line_refusal(stray(*args), code=1)
        assert role in message and "hedong db grant" in message and password not in message


def test_sql_metacharacters_in_unit_and_role_names_are_data(office: Hedong, pg_server: Server) -> None:
    hostile_unit = "区商务局'); DROP TABLE entries; --"
    role, password = pg_server.unit_role("q")
    ok(office("assign", TASK, "--lead", hostile_unit))
    ok(office("db", "grant", hostile_unit, "--role", role, "--password-stdin", input=password + "\n"))
    writer = Hedong(db=pg_server.url_as(role, password))
    ok(writer("update", TASK, "--note", "'; DELETE FROM entries; --"))
    assert pg_server.sql("SELECT unit, note FROM entries ORDER BY id DESC LIMIT 1") == [
        (hostile_unit, "'; DELETE FROM entries; --")
    ]
    bad_role = one_line_refusal(office("db", "grant", "区教育局", "--role", 'x"; DROP ROLE postgres; --'))
    assert "角色名" in bad_role


# -- moving a journal between backends ----------------------------------------------------------------------


def test_copy_sqlite_to_postgresql_and_back_keeps_every_entry(tmp_path: Path, pg_server: Server) -> None:
    url = init_server(pg_server)
    local = Hedong(db=tmp_path / "journal.sqlite")
    ok(local("assign", TASK, "--lead", "区商务局", "--partner", "区财政局"))
    ok(local("update", TASK, "--value", "3", "--note", "'引号' ; 与\t制表符", "--date", "2026-04-01"))
    ok(local("update", OTHER, "--status", "done", "--by", "李四"))
    ok(local("undo"))
    result = ok(local("db", "copy", str(tmp_path / "journal.sqlite"), url))
    assert result.stdout.count("\n") == 1 and "4" in result.stdout and "sha256" in result.stdout
    with sqlite3.connect(tmp_path / "journal.sqlite") as conn:
        original = conn.execute(
            "SELECT id, task_id, kind, recorded_at, effective, author, note FROM entries"
        ).fetchall()
    copied = pg_server.sql("SELECT id, task_id, kind, recorded_at, effective::text, author, note FROM entries")
    assert sorted(copied) == sorted(original)
    # New entries on the server continue after the copied ids.
    ok(Hedong(db=url)("update", TASK, "--value", "4"))
    assert pg_server.sql("SELECT max(id) FROM entries")[0][0] == 5
    back = tmp_path / "back.sqlite"
    ok(local("db", "copy", url, str(back)))
    assert Hedong(db=back).json("status")["tasks"] == Hedong(db=url).json("status")["tasks"]


def test_copied_text_cannot_end_a_row_or_a_column(pg_server: Server) -> None:
    """``db copy`` sends entries in COPY's text format: a value holding a tab, a line break, a backslash, ``\\N`` or
    ``\\.`` (a SQLite journal can hold any of them) arrives as it was, and cannot add or shift a row."""
    import os
    from datetime import date

    from hedong_cli.journal.base import Entry
    from hedong_cli.journal.postgres import PostgresJournal

    url = init_server(pg_server)
    notes = [
        "a\tb",
        "first line\nsecond line",
        "carriage\rreturn",
        "back\\slash",
        "\\N",
        "\\.",
        "end\n\\.\n",
        "x\n99\t2026\t1.1.1\tupdate\t2026-01-01T00:00:00+00:00\t2026-01-01\tdone",
        "",
    ]
    entries = [
        Entry(id=n, catalog="2026", task_id=TASK, kind="update", recorded_at="2026-04-01T08:00:00+00:00",
              effective=date(2026, 4, 1), value=float(n), note=note, author="李四" if n == 1 else None)
        for n, note in enumerate(notes, start=1)
    ]  # fmt: skip
    with PostgresJournal.for_writing(url, os.environ) as journal:
        with journal.atomic():
            journal.insert_copies(entries)
        back = list(journal.all_entries())
    assert [(e.id, e.note, e.author, e.value) for e in back] == [(e.id, e.note, e.author, e.value) for e in entries]


def test_copy_into_a_journal_that_holds_entries_is_refused(tmp_path: Path, office: Hedong, pg_server: Server) -> None:
    local = Hedong(db=tmp_path / "journal.sqlite")
    ok(local("update", TASK, "--value", "3"))
    before = count(pg_server)
    message = one_line_refusal(local("db", "copy", str(tmp_path / "journal.sqlite"), pg_server.url))
    assert str(before) in message and pg_server.office_password not in message
    assert count(pg_server) == before


# -- bad connection input ---------------------------------------------------------------------------------


def test_bad_connections_get_one_line_without_the_password(tmp_path: Path, pg_server: Server) -> None:
    secret = "s3cret-pw"
    host_port = pg_server.admin.split("@", 1)[1].split("/", 1)[0]
    cases = {
        "postgresql://a:b@[::1": 2,  # malformed
        f"postgresql://nobody:{secret}@127.0.0.1:1/x": 1,  # nothing listens on port 1
        f"postgresql://{pg_server.office}:{secret}@{host_port}/{pg_server.dbname}": 1,  # wrong password
        f"postgresql://{pg_server.office}:{pg_server.office_password}@{host_port}/{pg_server.dbname}": 1,  # no schema
        "mysql://root@localhost/x": 2,  # not a journal address
    }
    for url, code in cases.items():
        result = Hedong(db=url)("status")
        message = one_line_refusal(result, code)
        assert secret not in message and pg_server.office_password not in message, message
        where = Hedong(db=url)("where")
        assert secret not in where.stdout + where.stderr and pg_server.office_password not in where.stdout


def test_a_server_that_never_answers_times_out_in_seconds(tmp_path: Path) -> None:
    import socket
    import time

    with socket.socket() as listener:  # accepts the TCP connection but never speaks
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        start = time.monotonic()
        result = Hedong(db=f"postgresql://x@127.0.0.1:{port}/x", extra_env={"PGCONNECT_TIMEOUT": "2"})("status")
        elapsed = time.monotonic() - start
    message = one_line_refusal(result, 1)
    assert "2" in message and ("超时" in message) and elapsed < 10


def test_a_schema_from_a_newer_hedong_is_refused(office: Hedong, pg_server: Server) -> None:
    pg_server.sql("UPDATE hedong_schema SET version = 99")
    message = one_line_refusal(office("status"), 1)
    assert "99" in message


def test_without_psycopg2_a_url_names_the_extra(monkeypatch: pytest.MonkeyPatch, pg_server: Server) -> None:
    with monkeypatch.context() as patch:
        patch.setitem(sys.modules, "psycopg2", None)  # import psycopg2 now raises ImportError
        message = one_line_refusal(Hedong(db=pg_server.url)("status"), 1)
    assert "hedong[postgres]" in message


def test_db_init_is_idempotent_and_status_json_matches_sqlite(tmp_path: Path, pg_server: Server) -> None:
    url = init_server(pg_server)
    assert "无需改动" in ok(Hedong(db=url)("db", "init", url)).stdout
    assert (
        json.loads(ok(Hedong(db=url)("status", "--format", "json")).stdout)["tasks"]
        == json.loads(ok(Hedong(db=tmp_path / "empty.sqlite")("status", "--format", "json")).stdout)["tasks"]
    )


def test_a_partner_unit_may_report_but_not_change_the_plan(office: Hedong, pg_server: Server) -> None:
    caizheng = unit(pg_server, office, "区财政局", "caizheng")
    ok(caizheng("update", TASK, "--value", "3"))
    before = count(pg_server)
    message = one_line_refusal(caizheng("plan", TASK, "--due", "2026-12-31", "--reason", "配合单位试改"))
    assert TASK in message and "区商务局" in message and "配合单位" in message
    assert count(pg_server) == before


def test_the_server_refuses_a_partners_plan_even_past_hedongs_own_check(office: Hedong, pg_server: Server) -> None:
    import psycopg

    caizheng = unit(pg_server, office, "区财政局", "caizheng")
    with psycopg.connect(str(caizheng.db), autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO entries (catalog, task_id, kind, recorded_at, effective, plan)"
                " VALUES (%s, %s, 'plan', 'now', '2026-05-02', '{}')",
                (CATALOGUE.key, TASK),
            )
        conn.execute(
            "INSERT INTO entries (catalog, task_id, kind, recorded_at, effective, value)"
            " VALUES (%s, %s, 'update', 'now', '2026-05-02', 4)",
            (CATALOGUE.key, TASK),
        )  # the same role may still report on the task it partners


def test_a_unit_records_the_plan_of_its_own_task_only(office: Hedong, pg_server: Server) -> None:
    shangwu = unit(pg_server, office, "区商务局", "shangwu")
    ok(shangwu("plan", TASK, "--due", "2026-12-31", "--leader", "王副区长"))
    assert pg_server.sql("SELECT kind, unit FROM entries ORDER BY id DESC LIMIT 1") == [("plan", "区商务局")]
    before = count(pg_server)
    message = one_line_refusal(shangwu("plan", OTHER, "--due", "2026-12-31"))
    assert OTHER in message and "区教育局" in message
    assert count(pg_server) == before
