"""A hostile unit against the shared journal: each test is one attack, run as a unit role with its own
psycopg session (as with psql) or as the CLI, and what the database or hedong does about it.

PostgreSQL tests need ``HEDONG_TEST_PG`` (``scripts/test-pg.sh``); the SQLite halves run everywhere.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hedong_cli.catalogue.model import load_catalog
from hedong_cli.common.errors import ExitStatus
from hedong_cli.common.rules import MAX_NAME_CHARS, MAX_NOTE, MAX_REASON_CHARS, MAX_VALUE, STATUSES
from hedong_cli.journal import checks
from tests.conftest import CATALOG, Hedong, init_server
from tests.pg import Server, start, stop
from tests.test_postgres import ok, one_line_refusal

CATALOGUE = load_catalog(CATALOG)
AMOUNTS = [t.id for t in CATALOGUE.tasks if t.target is not None and not t.target.is_rate]
TASK, OTHER = AMOUNTS[0], AMOUNTS[1]  # TASK: 区商务局's, OTHER: 区教育局's


@pytest.fixture
def office(pg_server: Server) -> Hedong:
    init_server(pg_server)
    hedong = Hedong(db=pg_server.url)
    ok(hedong("assign", TASK, "--lead", "区商务局"))
    ok(hedong("assign", OTHER, "--lead", "区教育局"))
    return hedong


def grant(server: Server, office: Hedong, unit: str, prefix: str) -> tuple[str, str]:
    role, password = server.unit_role(prefix)
    ok(office("db", "grant", unit, "--role", role, "--password-stdin", input=password + "\n"))
    return role, password


def connect(url: str) -> Any:
    import psycopg

    return psycopg.connect(url, autocommit=True, connect_timeout=5)


def insert(conn: Any, task: str, kind: str = "update", table: str = "public.entries", **columns: Any) -> None:
    names = ["catalog", "task_id", "kind", "recorded_at", "effective", *columns]
    values = [CATALOGUE.key, task, kind, "2026-05-01T00:00:00", "2026-05-01", *columns.values()]
    conn.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(['%s'] * len(names))})", values)


def assignment_of(server: Server, task: str) -> list[tuple[Any, ...]]:
    return server.sql(
        "SELECT a.id, a.lead FROM entries a WHERE a.task_id = %s AND a.kind = 'assign'"
        " AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.retracts = a.id)",
        (task,),
    )


# -- 1. row-level security cannot be sidestepped --------------------------------------------------------


def test_a_unit_cannot_create_a_temporary_table(office: Hedong, pg_server: Server) -> None:
    import psycopg

    role, password = grant(pg_server, office, "区商务局", "shangwu")
    with connect(pg_server.url_as(role, password)) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("CREATE TEMP TABLE entries (LIKE public.entries)")


def test_temp_table_shadowing_forges_nothing_even_where_temp_is_allowed(office: Hedong, pg_server: Server) -> None:
    """The issue's attack, with TEMP granted back (an office that does not own its database cannot revoke it):
    a temporary ``entries`` that assigns 区教育局's task to 区商务局 changes nothing the policy decides."""
    import psycopg

    role, password = grant(pg_server, office, "区商务局", "shangwu")
    pg_server.sql(f'GRANT TEMPORARY ON DATABASE "{pg_server.dbname}" TO "{role}"')
    real = assignment_of(pg_server, OTHER)
    with connect(pg_server.url_as(role, password)) as conn:
        conn.execute("CREATE TEMP TABLE entries (LIKE public.entries)")
        insert(conn, OTHER, "assign", table="pg_temp.entries", id=10**9, lead="区商务局", role=role)
        conn.execute("CREATE TEMP TABLE hedong_units (role TEXT, unit TEXT)")
        conn.execute("INSERT INTO hedong_units VALUES (%s, '区教育局')", (role,))
        for attack in (
            lambda: insert(conn, OTHER, "update", status="done", unit="区教育局", role=role),
            lambda: insert(conn, OTHER, "retract", retracts=real[0][0], role=role),
        ):
            conn.execute("SET search_path = pg_temp, public")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                attack()
    assert assignment_of(pg_server, OTHER) == real
    assert pg_server.sql("SELECT count(*) FROM entries WHERE task_id = %s AND kind <> 'assign'", (OTHER,)) == [(0,)]
    shown = office.json("show", OTHER)
    assert shown["status"] != "done" and shown["lead"] == "区教育局"


def test_a_same_name_function_or_operator_in_another_schema_is_never_called(office: Hedong, pg_server: Server) -> None:
    import psycopg

    role, password = grant(pg_server, office, "区商务局", "shangwu")
    with (  # hedong's schema takes nothing new from a unit
        connect(pg_server.url_as(role, password)) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute("CREATE FUNCTION public.hedong_unit_of(who TEXT, x INT) RETURNS TEXT LANGUAGE sql AS 'SELECT 1'")
    # A schema of the unit's own (given by a careless administrator), first on its search_path, with functions
    # named as hedong's and an = on text that is always true.
    pg_server.sql(f'CREATE SCHEMA evil AUTHORIZATION "{role}"')
    with connect(pg_server.url_as(role, password)) as conn:
        conn.execute(
            "CREATE FUNCTION evil.hedong_unit_of(who TEXT) RETURNS TEXT LANGUAGE sql AS $$ SELECT '区教育局' $$"
        )
        conn.execute(
            "CREATE FUNCTION evil.hedong_task_units(cat TEXT, task TEXT) RETURNS TEXT[] LANGUAGE sql"
            " AS $$ SELECT ARRAY['区商务局'] $$"
        )
        conn.execute("CREATE FUNCTION evil.yes(a TEXT, b TEXT) RETURNS BOOLEAN LANGUAGE sql AS 'SELECT true'")
        conn.execute("CREATE OPERATOR evil.= (LEFTARG = TEXT, RIGHTARG = TEXT, FUNCTION = evil.yes)")
        conn.execute("SET search_path = evil, public, pg_catalog")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            insert(conn, OTHER, "update", status="done", role=role)
    assert pg_server.sql("SELECT count(*) FROM entries WHERE task_id = %s AND kind = 'update'", (OTHER,)) == [(0,)]


def test_the_units_search_path_changes_neither_the_policy_nor_the_stamp(office: Hedong, pg_server: Server) -> None:
    role, password = grant(pg_server, office, "区商务局", "shangwu")
    with connect(pg_server.url_as(role, password)) as conn:
        conn.execute("SET search_path = pg_temp")  # nothing hedong names is on it
        conn.execute(
            "INSERT INTO public.entries (catalog, task_id, kind, recorded_at, effective, role, unit)"
            " VALUES (%s, %s, 'update', 'now', '2026-05-01', 'postgres', '区教育局')",
            (CATALOGUE.key, TASK),
        )
    assert pg_server.sql("SELECT role, unit FROM entries WHERE kind = 'update'") == [(role, "区商务局")]


def test_every_policy_and_trigger_function_pins_its_search_path(office: Hedong, pg_server: Server) -> None:
    rows = pg_server.sql(
        "SELECT p.proname, p.proconfig, p.prosecdef FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
        " WHERE n.nspname = 'public' AND p.proname LIKE 'hedong%%'"
    )
    assert len(rows) >= 10
    for name, config, definer in rows:
        assert config and config[0].startswith("search_path=pg_catalog"), (name, config)
        # The one that keeps task_latest must write what a unit may not (pg_security.SECURITY[6]).
        assert config[0].endswith("pg_temp") and definer == (name == "hedong_keep_latest"), name


# -- 2. the database refuses what the client would refuse ----------------------------------------------------

LONG_NAME = "区" * (MAX_NAME_CHARS + 1)
HOSTILE_ROWS: dict[str, dict[str, Any]] = {
    "plan_not_json": {"kind": "plan", "plan": "{not json"},
    "plan_not_an_object": {"kind": "plan", "plan": "[1, 2]"},
    "plan_bad_due_date": {"kind": "plan", "plan": json.dumps({"due": "2026-02-30"})},
    "plan_node_without_date": {"kind": "plan", "plan": json.dumps({"nodes": [{"pct": 50}]})},
    "plan_node_of_two_kinds": {
        "kind": "plan",
        "plan": json.dumps({"nodes": [{"date": "2026-06-30", "pct": 5, "text": "x"}]}),
    },
    "plan_node_pct_over_100": {"kind": "plan", "plan": json.dumps({"nodes": [{"date": "2026-06-30", "pct": 500}]})},
    "plan_leader_with_bidi": {"kind": "plan", "plan": json.dumps({"leader": "王\u202e某"})},
    "plan_reason_too_long": {"kind": "plan", "plan": json.dumps({"reason": "因" * (MAX_REASON_CHARS + 1)})},
    "status_pwned": {"status": "pwned"},
    "value_nan": {"value": float("nan")},
    "value_infinity": {"value": float("inf")},
    "value_beyond_the_limit": {"value": MAX_VALUE * 10},
    "note_too_long": {"note": "进" * (MAX_NOTE + 1)},
    "by_with_escape": {"author": "王某\x1b[31m"},
    "by_too_long": {"author": LONG_NAME},
    "partners_not_json": {"kind": "assign", "lead": "区商务局", "partners": "[区教育局"},
    "lead_with_bidi": {"kind": "assign", "lead": "区商务局\u202e"},
    "kind_unknown": {"kind": "pwned"},
}
UNIT_ROWS = {name: row for name, row in HOSTILE_ROWS.items() if row.get("kind", "update") in ("update", "plan")}


@pytest.mark.parametrize("attack", sorted(UNIT_ROWS))
def test_a_unit_inserting_a_malformed_entry_by_hand_is_refused(office: Hedong, pg_server: Server, attack: str) -> None:
    import psycopg

    role, password = grant(pg_server, office, "区商务局", "shangwu")
    row = dict(UNIT_ROWS[attack])
    with connect(pg_server.url_as(role, password)) as conn, pytest.raises(psycopg.errors.IntegrityError):
        insert(conn, TASK, row.pop("kind", "update"), **row)
    assert pg_server.sql("SELECT count(*) FROM entries WHERE kind <> 'assign'") == [(0,)]
    ok(office("status"))


@pytest.mark.parametrize("attack", sorted(HOSTILE_ROWS))
def test_the_office_inserting_a_malformed_entry_by_hand_is_refused(
    office: Hedong, pg_server: Server, attack: str
) -> None:
    import psycopg

    row = dict(HOSTILE_ROWS[attack])
    with connect(pg_server.url) as conn, pytest.raises(psycopg.errors.IntegrityError):
        insert(conn, TASK, row.pop("kind", "update"), **row)


@pytest.mark.parametrize("attack", sorted(set(HOSTILE_ROWS) - {"value_nan"}))  # SQLite stores a NaN as NULL
def test_a_malformed_entry_written_into_a_sqlite_journal_is_refused(tmp_path: Path, attack: str) -> None:
    hedong = Hedong(db=tmp_path / "journal.sqlite")
    ok(hedong("update", TASK, "--value", "1"))
    row = dict(HOSTILE_ROWS[attack])
    kind = row.pop("kind", "update")
    names = ["catalog", "task_id", "kind", "recorded_at", "effective", *row]
    with sqlite3.connect(tmp_path / "journal.sqlite") as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            f"INSERT INTO entries ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [CATALOGUE.key, TASK, kind, "now", "2026-05-01", *row.values()],
        )


def test_what_hedong_writes_passes_the_journals_rules(hedong_both: Hedong) -> None:
    """The rules refuse no real entry: the longest name and note, every status, the largest value, a plan."""
    hedong = hedong_both
    for status in STATUSES:
        ok(hedong("update", TASK, "--status", status, "--by", "王" * MAX_NAME_CHARS))
    ok(hedong("update", TASK, "--value", f"{MAX_VALUE:.0f}", "--note", "进" * MAX_NOTE))
    ok(hedong("assign", TASK, "--lead", "区" * MAX_NAME_CHARS, "--partner", "区教育局"))
    nodes = ("--node", "2026-03-31:10%", "--node", "2026-06-30:开工", "--node", "2026-09-30:500")
    ok(hedong("plan", TASK, "--due", "2026-12-31", "--leader", "王" * MAX_NAME_CHARS, *nodes))
    assert [entry["kind"] for entry in hedong.json("log")][:2] == ["plan", "assign"]


def test_the_rules_are_built_from_the_constants_not_repeated() -> None:
    statements = "\n".join(checks.sqlite_triggers().split(";"))
    assert f"<= {MAX_NAME_CHARS}" in statements and f"<= {MAX_NOTE}" in statements
    assert f"<= {MAX_REASON_CHARS}" in statements and f"{MAX_VALUE:.0f}" in statements
    assert all(f"'{status}'" in statements for status in STATUSES)


def _break_the_rules_by_hand(db: Path | str, server: Server | None) -> int:
    """Write, as an older hedong could have, an entry the rules now refuse; returns its id."""
    if server is None:
        with sqlite3.connect(db) as conn:
            for rule in ("plan", "status", "value"):
                conn.execute(f"DROP TRIGGER entries_{rule}_ok")
            conn.execute(
                "INSERT INTO entries (catalog, task_id, kind, recorded_at, effective, plan, role)"
                " VALUES (?, ?, 'plan', 'now', '2026-05-02', '{not json', NULL)",
                (CATALOGUE.key, TASK),
            )
            conn.execute(
                "INSERT INTO entries (catalog, task_id, kind, recorded_at, effective, status, value)"
                " VALUES (?, ?, 'update', 'now', '2026-05-02', 'pwned', 1e999)",
                (CATALOGUE.key, TASK),
            )
            return conn.execute("SELECT max(id) FROM entries").fetchone()[0]
    server.sql("ALTER TABLE entries DROP CONSTRAINT entries_status_ok, DROP CONSTRAINT entries_value_ok")
    server.sql("ALTER TABLE entries DISABLE TRIGGER entries_valid")
    server.sql(
        "INSERT INTO entries (catalog, task_id, kind, recorded_at, effective, plan) VALUES"
        " (%s, %s, 'plan', 'now', '2026-05-02', '{not json')",
        (CATALOGUE.key, TASK),
    )
    return server.sql(
        "INSERT INTO entries (catalog, task_id, kind, recorded_at, effective, status, value) VALUES"
        " (%s, %s, 'update', 'now', '2026-05-02', 'pwned', 'NaN') RETURNING id",
        (CATALOGUE.key, TASK),
    )[0][0]


def test_readers_skip_an_entry_written_before_the_rules_with_one_warning(
    hedong_both: Hedong, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    server = None if isinstance(hedong_both.db, Path) else request.getfixturevalue("pg_server")
    ok(hedong_both("update", TASK, "--value", "12", "--status", "in_progress", "--date", "2026-05-01"))
    bad = _break_the_rules_by_hand(hedong_both.db, server)
    for args in (
        ("status",),
        ("status", "--format", "json"),
        ("show", TASK),
        ("show", TASK, "--format", "json"),
        ("log",),
        ("log", "--format", "json"),
        ("brief", "--format", "md", "-o", "-"),
        ("export", str(tmp_path / "台账.xlsx")),
    ):
        result = hedong_both(*args)
        assert result.exit_code == 0, (args, result.stderr)
        warnings = sorted(line for line in result.stderr.splitlines() if line)
        assert len(warnings) == 2, (args, warnings)  # the plan and the update: one line each
        assert [
            f"hedong undo --entry {entry}" in line for line, entry in zip(warnings, (bad - 1, bad), strict=True)
        ] == [1, 1]
        assert "NaN" not in result.stdout and "Infinity" not in result.stdout
    shown = hedong_both.json("show", TASK)
    assert (shown["status"], shown["value"]) == ("in_progress", 12)  # the older, readable entry stands
    ok(hedong_both("undo", "--entry", str(bad)))
    ok(hedong_both("undo", "--entry", str(bad - 1)))
    assert ok(hedong_both("status")).stderr == ""  # retracted as the warning said: quiet


def test_check_names_the_entries_it_cannot_read_until_they_are_retracted(
    hedong_both: Hedong, request: pytest.FixtureRequest
) -> None:
    server = None if isinstance(hedong_both.db, Path) else request.getfixturevalue("pg_server")
    ok(hedong_both("update", TASK, "--value", "12", "--date", "2026-05-01"))
    assert ok(hedong_both("check")).stderr == ""
    bad = _break_the_rules_by_hand(hedong_both.db, server)
    result = hedong_both("check")
    assert result.exit_code == ExitStatus.FAILURE and result.stdout.count("\n") == 1  # the catalogue's line
    lines = result.stderr.splitlines()
    assert sum(f"hedong undo --entry {entry}" in line for line in lines for entry in (bad - 1, bad)) == 2
    assert f"2 条记录无法读取，未计入任何统计：#{bad - 1}, #{bad}" in lines[-1]
    ok(hedong_both("undo", "--entry", str(bad)))
    ok(hedong_both("undo", "--entry", str(bad - 1)))
    result = ok(hedong_both("check"))
    assert result.stderr == "" and "均对应清单中的任务" in result.stdout


def test_db_copy_reports_the_entries_it_cannot_read(tmp_path: Path) -> None:
    source = tmp_path / "old.sqlite"
    hedong = Hedong(db=source)
    ok(hedong("update", TASK, "--value", "1"))
    bad = _break_the_rules_by_hand(source, None)
    result = ok(hedong("db", "copy", str(source), str(tmp_path / "new.sqlite")))
    assert f"#{bad - 1}, #{bad}" in result.stderr and "2" in result.stderr
    assert Hedong(db=tmp_path / "new.sqlite").json("log")[0]["value"] == 1


# -- 3. a unit cannot freeze the office -------------------------------------------------------------------


@pytest.fixture
def held_lock(office: Hedong, pg_server: Server) -> Iterator[str]:
    """A unit's session holding hedong's lock key for the catalogue (pg_advisory_lock, session-level)."""
    role, password = grant(pg_server, office, "区商务局", "shangwu")
    with connect(pg_server.url_as(role, password)) as conn:
        conn.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", (0x4844, CATALOGUE.key))
        yield role


def test_a_unit_holding_hedongs_lock_key_gets_the_office_one_line_not_a_hang(
    office: Hedong, held_lock: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hedong_cli.journal import postgres

    monkeypatch.setattr(postgres, "LOCK_WAIT_S", 0.5)
    outcome: list[Any] = []
    worker = threading.Thread(target=lambda: outcome.append(office("update", TASK, "--value", "3")), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert outcome, "the office's update waited for ever"
    message = one_line_refusal(outcome[0], code=1)
    assert held_lock in message and "pg_terminate_backend" in message


def test_hedongs_sessions_have_statement_and_idle_timeouts(office: Hedong, pg_server: Server) -> None:
    import os

    from hedong_cli.journal.postgres import PostgresJournal

    with PostgresJournal.for_reading(pg_server.url, os.environ) as journal:
        settings = [
            journal._rows(f"SHOW {name}")[0][0] for name in ("statement_timeout", "idle_in_transaction_session_timeout")
        ]
    assert all(value not in ("0", "") for value in settings), settings


# -- 4. who wrote an entry is true and visible --------------------------------------------------------------


def test_an_office_members_entry_is_stamped_and_the_office_cannot_forge_a_stamp(
    office: Hedong, pg_server: Server
) -> None:
    member, password = pg_server.unit_role("wang")
    pg_server.sql(f'CREATE ROLE "{member}" LOGIN PASSWORD \'{password}\' IN ROLE "{pg_server.office}"')
    ok(Hedong(db=pg_server.url_as(member, password))("update", TASK, "--value", "4"))
    with connect(pg_server.url) as conn:
        insert(conn, TASK, "update", note="forged", role="shangwu", unit="区商务局")
    rows = pg_server.sql("SELECT role, unit FROM entries WHERE kind = 'update' ORDER BY id")
    assert rows == [(member, None), (pg_server.office, None)]


def test_show_log_and_json_name_the_stamped_unit_beside_the_by_name(office: Hedong, pg_server: Server) -> None:
    role, password = grant(pg_server, office, "区商务局", "shangwu")
    unit = Hedong(db=pg_server.url_as(role, password))
    ok(unit("update", TASK, "--value", "5", "--by", "督查室 王主任"))
    signed = f"督查室 王主任（区商务局 / {role}）"
    assert signed in ok(office("show", TASK, "--width", "200")).stdout
    assert signed in ok(office("log", "--width", "200")).stdout
    newest = office.json("log")[0]
    assert (newest["by"], newest["role"], newest["unit"]) == ("督查室 王主任", role, "区商务局")


def test_undo_of_another_units_entry_names_who_wrote_it(office: Hedong, pg_server: Server) -> None:
    role, password = grant(pg_server, office, "区商务局", "shangwu")
    ok(office("update", TASK, "--value", "5", "--by", "王主任"))
    entry = pg_server.sql("SELECT max(id) FROM entries")[0][0]
    message = one_line_refusal(Hedong(db=pg_server.url_as(role, password))("undo", "--entry", str(entry)))
    assert f"王主任（{pg_server.office}）" in message and "?" not in message


# -- 5. db grant takes over no role it did not create ---------------------------------------------------------


def can_log_in(server: Server, role: str, password: str) -> bool:
    import psycopg

    try:
        connect(server.url_as(role, password)).close()
    except psycopg.OperationalError:
        return False
    return True


def test_grant_to_an_unrelated_existing_role_is_refused_unless_forced(office: Hedong, pg_server: Server) -> None:
    other, password = pg_server.unit_role("other_app")
    pg_server.sql(f"CREATE ROLE \"{other}\" LOGIN PASSWORD '{password}'")
    message = one_line_refusal(office("db", "grant", "区商务局", "--role", other, "--password-stdin", input="new-pw\n"))
    assert other in message and "--force" in message
    assert can_log_in(pg_server, other, password) and not can_log_in(pg_server, other, "new-pw")
    assert pg_server.sql("SELECT count(*) FROM hedong_units") == [(0,)]
    adopted = ok(office("db", "grant", "区商务局", "--role", other, "--password-stdin", "--force", input="new-pw\n"))
    assert other in adopted.stdout and "原有的其他权限不变" in adopted.stdout
    assert can_log_in(pg_server, other, "new-pw")
    ok(office("db", "grant", "区商务局", "--role", other))  # now hedong's: no --force needed


def test_a_unit_name_the_entries_would_refuse_is_refused_at_grant(office: Hedong, pg_server: Server) -> None:
    role, password = pg_server.unit_role("shangwu")
    for name in ("区商务局\u202e", "区" * (MAX_NAME_CHARS + 1)):
        one_line_refusal(office("db", "grant", name, "--role", role, "--password-stdin", input=password + "\n"))
    assert pg_server.sql("SELECT count(*) FROM hedong_units") == [(0,)]


@pytest.mark.parametrize("who", ["superuser", "office", "office_member", "createrole"])
def test_grant_never_takes_the_office_or_a_privileged_role(office: Hedong, pg_server: Server, who: str) -> None:
    if who == "superuser":
        role = "postgres"
    elif who == "office":
        role = pg_server.office
    else:
        role, _ = pg_server.unit_role(who)
        extra = f'IN ROLE "{pg_server.office}"' if who == "office_member" else "CREATEROLE"
        pg_server.sql(f'CREATE ROLE "{role}" LOGIN {extra}')
    group_before = pg_server.sql("SELECT count(*) FROM pg_auth_members")
    for force in ((), ("--force",)):  # --force adopts an ordinary role, never one of these
        message = one_line_refusal(office("db", "grant", "区商务局", "--role", role, *force))
        assert role in message and ("超级用户" in message or "督查室" in message), message
    assert pg_server.sql("SELECT count(*) FROM pg_auth_members") == group_before
    assert pg_server.sql("SELECT count(*) FROM hedong_units") == [(0,)]


def test_a_grant_in_one_database_gives_no_reach_into_another(office: Hedong, pg_server: Server) -> None:
    import psycopg

    role, password = grant(pg_server, office, "区商务局", "shangwu")
    second = start(pg_server.admin)
    try:
        init_server(second)
        other_office = Hedong(db=second.url)
        ok(other_office("assign", TASK, "--lead", "区商务局"))
        with connect(second.url_as(role, password)) as conn:
            for statement in ("SELECT count(*) FROM entries", "SELECT count(*) FROM hedong_units"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement)  # type: ignore[arg-type]
        one_line_refusal(Hedong(db=second.url_as(role, password))("update", TASK, "--value", "1"), code=1)
        message = one_line_refusal(other_office("db", "grant", "区商务局", "--role", role))
        assert "--force" in message
    finally:
        stop(second)


# -- 8. smaller holes -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    ["password={pw}", "%70assword={pw}", "pass%77ord={pw}", "password={pw_encoded}", "sslmode=disable&password={pw}"],
)
def test_a_password_in_the_url_query_is_never_printed(pg_server: Server, spelling: str) -> None:
    init_server(pg_server)
    password = pg_server.office_password
    query = spelling.format(pw=password, pw_encoded="".join(f"%{byte:02X}" for byte in password.encode()))
    host = pg_server.admin.split("@", 1)[1].split("/", 1)[0]
    url = f"postgresql://{pg_server.office}@{host}/{pg_server.dbname}?{query}"
    where = ok(Hedong(db=url)("where"))
    assert password not in where.stdout + where.stderr and "password=***" in where.stdout
    wrong = f"postgresql://{pg_server.office}@{host}/no_such_db_{pg_server.dbname}?{query}"
    for result in (Hedong(db=wrong)("status"), Hedong(db=wrong)("where")):
        assert password not in result.stdout + result.stderr
        assert query.split("=", 1)[1] not in result.stdout + result.stderr


@pytest.mark.parametrize("command", [("where",), ("status",), ("db", "grants")])
def test_a_keyword_connection_string_with_a_password_is_refused_unechoed(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    """libpq's key=value spelling is not a journal address: read as a file name, it was printed whole."""
    conninfo = "host=db.hedong.gov dbname=hedong user=shangwu password=s3cret-PW"
    result = Hedong(db=conninfo)(*command)
    message = one_line_refusal(result)
    assert "s3cret-PW" not in result.stdout + message and "postgresql://" in message


def test_db_copy_from_a_sqlite_path_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "typo.sqlite"
    hedong = Hedong(db=tmp_path / "journal.sqlite")
    for source in (str(missing), f"sqlite:///{missing}"):
        message = one_line_refusal(hedong("db", "copy", source, str(tmp_path / "copy.sqlite")))
        assert str(missing) in message
    assert not (tmp_path / "copy.sqlite").exists() and not missing.exists()


# -- journals made before the rules -------------------------------------------------------------------------


def test_a_server_journal_of_the_previous_schema_upgrades_to_a_group_of_its_own(pg_server: Server) -> None:
    """A version-3 journal (one cluster-wide hedong_unit group, functions without a pinned path) upgraded by
    ``db init``: its unit keeps writing, through this database's own group; hedong_unit keeps no right here."""
    import os

    from hedong_cli.journal.pg_security import SECURITY, placeholders
    from hedong_cli.journal.postgres import BOOTSTRAP, PostgresJournal
    from hedong_cli.journal.schema import statements

    pg_server.roles.append("hedong_unit")  # dropped at the end, as the earlier hedong left it on the cluster
    role, password = pg_server.unit_role("shangwu")
    with PostgresJournal.connect(pg_server.url, os.environ) as journal, journal.atomic():
        journal._execute(BOOTSTRAP)
        for number in range(3):
            for statement in statements(number, "postgresql"):
                journal._execute(statement)
        journal._execute(SECURITY[3].format(**placeholders("public", "hedong_unit", lambda n: f'"{n}"', repr)))
        journal._execute("INSERT INTO hedong_schema VALUES (3)")
        journal._execute(f"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}' IN ROLE hedong_unit")
        journal._rows("INSERT INTO hedong_units VALUES (%(r)s, '区商务局')", {"r": role})
    office = Hedong(db=pg_server.url)
    assert "3" in ok(office("db", "init", pg_server.url)).stdout
    ok(office("assign", TASK, "--lead", "区商务局"))
    ok(Hedong(db=pg_server.url_as(role, password))("update", TASK, "--value", "2"))
    assert pg_server.sql("SELECT role, unit FROM entries WHERE kind = 'update'") == [(role, "区商务局")]
    assert pg_server.sql("SELECT has_table_privilege('hedong_unit', 'entries', 'SELECT')") == [(False,)]
    assert pg_server.sql("SELECT has_database_privilege('hedong_unit', current_database(), 'TEMP')") == [(False,)]


def test_a_sqlite_journal_of_the_previous_schema_keeps_its_rows_and_gains_the_rules(tmp_path: Path) -> None:
    from hedong_cli.journal.schema import statements

    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:
        for number in range(3):
            for statement in statements(number, "sqlite"):
                conn.execute(statement)
        conn.execute(
            "INSERT INTO entries (catalog, task_id, kind, recorded_at, effective, status, value, author)"
            " VALUES (?, ?, 'update', 'now', '2026-05-01', 'done', 7, ?),"
            " (?, ?, 'update', 'now', '2026-05-02', 'pwned', 8, 'x')",
            (CATALOGUE.key, TASK, "王某\x1b[31m", CATALOGUE.key, TASK),
        )
        conn.execute("PRAGMA user_version = 3")
    hedong = Hedong(db=path)
    result = ok(hedong("update", TASK, "--note", "升级后"))  # migrates: the old rows stay as they are
    assert "#2" in result.stderr and result.stderr.count("\n") == 1
    shown = hedong.json("show", TASK)
    assert (shown["status"], shown["value"]) == ("done", 7)  # the readable old row still counts
    with sqlite3.connect(path) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO entries (catalog, task_id, kind, recorded_at, effective, status)"
            " VALUES (?, ?, 'update', 'now', '2026-05-03', 'pwned')",
            (CATALOGUE.key, TASK),
        )
