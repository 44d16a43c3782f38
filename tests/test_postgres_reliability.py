"""Reliability of the shared journal on a real server, with real ``hedong`` processes.

- 8 processes × 50 updates as 4 unit roles, each update on its own connection: exactly 400 entries, every
  call silent and successful;
- 4 imports of the same ledger at once: the entries of one import (the diff is computed inside the
  write transaction, behind the catalogue's advisory lock);
- a client killed mid-import: the server rolls its transaction back, nothing half-written;
- the server restarted (crash-style, ``-m immediate``) between two commands: everything reported saved is there.

Needs ``HEDONG_TEST_PG``; the restart also needs the server's folder (``PG_SERVER_DIR``, set by scripts/test-pg.sh).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hedong_cli.catalogue.model import load_catalog
from tests.conftest import CATALOG, TODAY, Hedong, init_server, installed_hedong
from tests.pg import Server
from tests.workflow_helpers import edit_csv_rows, read_csv_rows, write_csv_rows

CATALOGUE = load_catalog(CATALOG)
AMOUNTS = [t.id for t in CATALOGUE.tasks if t.target is not None and not t.target.is_rate]
UNITS = ["区商务局", "区教育局", "区财政局", "区住房建设委"]
WORKERS, CALLS = 8, 50

# One worker process: CALLS updates through hedong's own command line, each opening its own connection as a
# separate `hedong update` would (one process per call costs 400 interpreter start-ups, which a shared
# 2-core machine turns into minutes; the server sees the same eight clients either way).
WORKER = """
import os, sys
from typer.testing import CliRunner
from hedong_cli.cli import app
from hedong_cli.common.env import Environment
worker, task = os.environ["WORKER"], os.environ["TASK"]
for i in range(1, int(os.environ["CALLS"]) + 1):
    args = ["update", task, "--value", str(i), "--note", f"w{worker}-{i}"]
    result = CliRunner().invoke(app, args, obj=Environment(environ=dict(os.environ)))
    print(i, result.exit_code, repr(result.stderr), flush=True)
"""


def environment(url: str, tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "HEDONG_DB": url, "HEDONG_TODAY": TODAY.isoformat(), "HEDONG_CACHE_DIR": str(tmp_path / "c")}
    env.pop("HEDONG_DATA", None)
    return env


def ok(result):  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def test_eight_processes_as_four_unit_roles_leave_four_hundred_entries(tmp_path: Path, pg_server: Server) -> None:
    office = Hedong(db=init_server(pg_server))
    urls = []
    for n, unit in enumerate(UNITS):
        ok(office("assign", AMOUNTS[n], "--lead", unit))
        role, password = pg_server.unit_role(f"u{n}")
        ok(office("db", "grant", unit, "--role", role, "--password-stdin", input=password + "\n"))
        urls.append(pg_server.url_as(role, password))
    before = pg_server.sql("SELECT count(*) FROM entries")[0][0]
    env = {**environment(urls[0], tmp_path), "CALLS": str(CALLS)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER],
            env={**env, "WORKER": str(n), "TASK": AMOUNTS[n % 4], "HEDONG_DB": urls[n % 4]},
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(WORKERS)
    ]
    outputs = [worker.communicate(timeout=300)[0] for worker in workers]
    assert [worker.returncode for worker in workers] == [0] * WORKERS
    calls = [line.split(" ", 2) for output in outputs for line in output.splitlines()]
    assert len(calls) == WORKERS * CALLS
    assert {(code, stderr) for _, code, stderr in calls} == {("0", "''")}, "every call succeeds, silently"
    rows = pg_server.sql("SELECT note, role, unit FROM entries WHERE kind = 'update'")
    assert len(rows) == WORKERS * CALLS and pg_server.sql("SELECT count(*) FROM entries")[0][0] == before + 400
    assert len({note for note, _, _ in rows}) == WORKERS * CALLS  # each exactly once
    assert {unit for _, _, unit in rows} == set(UNITS)


def filled_ledger(office: Hedong, tmp_path: Path, tasks: list[str]) -> Path:
    ledger = tmp_path / "ledger.csv"
    ok(office("export", str(ledger)))
    rows = edit_csv_rows(read_csv_rows(ledger), {task: {"new_value": str(10 + n)} for n, task in enumerate(tasks)})
    write_csv_rows(ledger, rows)
    return ledger


def test_four_imports_of_the_same_ledger_at_once_write_it_once(tmp_path: Path, pg_server: Server) -> None:
    url = init_server(pg_server)
    office = Hedong(db=url)
    tasks = AMOUNTS[:12]
    ledger = filled_ledger(office, tmp_path, tasks)
    env = environment(url, tmp_path)
    command = [installed_hedong(), "import", str(ledger), "--yes"]
    imports = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outputs = [proc.communicate(timeout=120) for proc in imports]
    assert [proc.returncode for proc in imports] == [0, 0, 0, 0], outputs
    assert pg_server.sql("SELECT count(*) FROM entries")[0][0] == len(tasks)
    assert sorted(row[0] for row in pg_server.sql("SELECT task_id FROM entries")) == sorted(tasks)
    written = [out.decode() for out, _ in outputs if "已写入" in out.decode()]
    assert len(written) == 1, outputs


def test_a_client_killed_mid_import_leaves_nothing_half_written(tmp_path: Path, pg_server: Server) -> None:
    url = init_server(pg_server)
    office = Hedong(db=url)
    tasks = AMOUNTS[:20]
    ledger = filled_ledger(office, tmp_path, tasks)
    # Slow each insert down on the server (a test-only trigger), so that the client can be killed while
    # its transaction holds some of the rows and not the others.
    pg_server.sql(
        "CREATE FUNCTION slow_insert() RETURNS trigger LANGUAGE plpgsql AS"
        " $$ BEGIN PERFORM pg_sleep(0.1); RETURN NEW; END $$"
    )
    pg_server.sql("CREATE TRIGGER slow BEFORE INSERT ON entries FOR EACH ROW EXECUTE FUNCTION slow_insert()")
    proc = subprocess.Popen(
        [installed_hedong(), "import", str(ledger), "--yes"],
        env=environment(url, tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    inserting = []
    while time.monotonic() < deadline and not inserting:
        inserting = pg_server.sql(
            "SELECT pid FROM pg_stat_activity WHERE application_name = 'hedong' AND query LIKE 'INSERT INTO entries%%'"
            " AND state = 'active'"
        )
        time.sleep(0.05)
    assert inserting, "the import never reached its inserts"
    time.sleep(0.5)  # a few rows into the transaction
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 30  # the server notices the dead client and rolls back
    while time.monotonic() < deadline and pg_server.sql(
        "SELECT 1 FROM pg_stat_activity WHERE pid = %s", (inserting[0][0],)
    ):
        time.sleep(0.05)
    assert pg_server.sql("SELECT count(*) FROM entries")[0][0] == 0
    pg_server.sql("DROP TRIGGER slow ON entries")
    ok(office("import", str(ledger), "--yes"))
    assert pg_server.sql("SELECT count(*) FROM entries")[0][0] == len(tasks)


def test_a_server_restart_between_two_commands_loses_nothing(tmp_path: Path, pg_server: Server) -> None:
    folder, bindir = os.environ.get("PG_SERVER_DIR"), os.environ.get("PG_SERVER_BINDIR")
    if not folder or not bindir:
        pytest.skip("restarting needs the test server's folder (PG_SERVER_DIR, set by scripts/test-pg.sh)")
    office = Hedong(db=init_server(pg_server))
    ok(office("update", AMOUNTS[0], "--value", "1", "--note", "重启前"))
    runner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(
        [*runner, f"{bindir}/pg_ctl", "-D", f"{folder}/data", "-m", "immediate", "-w", "restart"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=60,
    )
    ok(office("update", AMOUNTS[1], "--value", "2", "--note", "重启后"))
    notes = [row[0] for row in pg_server.sql("SELECT note FROM entries WHERE kind = 'update' ORDER BY id")]
    assert notes == ["重启前", "重启后"]
