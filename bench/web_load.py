"""Load on the web desk: 40 unit accounts × 5 reports each, all at once, on a real ``hedong serve``.

    python bench/web_load.py                                        # a new SQLite journal
    python bench/web_load.py --pg-admin postgresql://postgres@127.0.0.1:55432/postgres   # a new PostgreSQL one
    python bench/web_load.py --db postgresql://office@host/db       # a journal the office initialised

Each account logs in first (not timed), then all 40 start together; each submits 5 report forms one after
the other (GET its page for a fresh form, then POST a note on its task). The POST is timed. At the end the journal
must hold exactly 200 new update entries, and no request may have failed. Prints p50 and p95 of a report, the CPU
time per report of the desk and (on PostgreSQL, when this machine runs the server) of the server's backends.

``--pg-admin`` takes a superuser's URL (its password from ~/.pgpass or $PGPASSFILE, as libpq finds it) and makes
what a run needs, as the test suite does: an office role (not a superuser, so row-level security applies), its
database, ``hedong db init``; all of it, and the run's unit roles, are dropped at the end. A ``--db`` journal must
be at this hedong's schema version: the first command fails otherwise, and its one line is printed.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

ACCOUNTS, REPORTS = 40, 5
HEDONG = [sys.executable, "-m", "hedong_cli"]
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
FORM = re.compile(r'name="form" value="([^"]+)"')
NOTE = re.compile(r'name="(note\.[^"]+)"')


def run(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    done = subprocess.run([*HEDONG, *args], env=env, input=stdin, text=True, capture_output=True)
    if done.returncode != 0:  # hedong's own line says why (an old schema, a role that is not the office's, ...)
        sys.exit(f"hedong {' '.join(args)}: exit {done.returncode}: {done.stderr.strip()}")
    return done.stdout


def cpu_ms(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (Linux), in ms."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def backends_cpu_ms(db: str, pids: dict[int, float] | None = None) -> dict[int, float]:
    """CPU time so far of each PostgreSQL backend connected to ``db``'s database (the server on this machine),
    by pid; empty when the server's processes cannot be read here."""
    import psycopg2

    with psycopg2.connect(db) as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        found = [row[0] for row in cursor.fetchall()]
    conn.close()
    spent = {}
    for pid in found:
        try:
            spent[pid] = cpu_ms(pid)
        except OSError:
            continue
    return spent


def fresh_database(admin: str, tag: str) -> tuple[str, Callable[[], None]]:
    """A new office role and its database on the server of superuser URL ``admin``, initialised by ``hedong db
    init``; returns the office's URL and what drops them (with the run's unit roles) afterwards."""
    import psycopg2
    from psycopg2 import sql

    from hedong_cli.journal.pg_security import unit_group_name

    office, dbname, password = f"load_office_{tag}", f"hedong_load_{tag}", secrets.token_urlsafe(12)

    def admin_sql(*statements: Any) -> list[tuple[Any, ...]]:
        conn = psycopg2.connect(admin)
        conn.autocommit = True
        try:
            with conn.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
                return cursor.fetchall() if cursor.description else []
        finally:
            conn.close()

    admin_sql(
        sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD {}").format(sql.Identifier(office), sql.Literal(password)),
        sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(dbname), sql.Identifier(office)),
    )
    parts = urlsplit(admin)
    host = f"[{parts.hostname}]" if ":" in (parts.hostname or "") else parts.hostname or "127.0.0.1"
    url = urlunsplit((parts.scheme, f"{office}:{password}@{host}:{parts.port or 5432}", f"/{dbname}", "", ""))

    def drop() -> None:
        admin_sql(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))
        roles = [row[0] for row in admin_sql(f"SELECT rolname FROM pg_roles WHERE rolname LIKE 'load\\_{tag}\\_%'")]
        for role in [*roles, unit_group_name(dbname), office]:
            admin_sql(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))

    try:
        run(dict(os.environ), "db", "init", url)
    except BaseException:
        drop()
        raise
    return url, drop


def updates(db: str) -> int:
    from hedong_cli.journal import open_reader, parse_location

    with open_reader(parse_location(db), os.environ) as journal:
        return sum(1 for entry in journal.all_entries() if entry.kind == "update")


def main() -> None:
    parser = argparse.ArgumentParser()
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", help="a postgresql:// URL of an initialised journal (the office's)")
    where.add_argument("--pg-admin", help="a superuser's postgresql:// URL: the run makes and drops its own database")
    parser.add_argument("--accounts", type=int, default=ACCOUNTS, help="how many liaisons report at once (<= 150)")
    options = parser.parse_args()
    run_tag = secrets.token_hex(3)  # roles are cluster-wide: each run's are its own
    drop: Callable[[], None] | None = None
    if options.pg_admin:
        options.db, drop = fresh_database(options.pg_admin, run_tag)
    try:
        load(options.db, options.accounts, run_tag)
    finally:
        if drop is not None:
            drop()


def load(db: str | None, accounts: int, run_tag: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="hedong-load-"))
    env = {**os.environ, "HEDONG_DB": db or str(folder / "journal.sqlite")}
    rows = list(csv.DictReader(io.StringIO(run(env, "status", "--all", "--format", "csv"))))
    ids = [row["id"] for row in rows]  # one task each: the catalogue holds more than 40
    for number in range(accounts):
        unit = f"测试单位{number:02d}"
        run(env, "assign", ids[number], "--lead", unit)
        run(
            env,
            "user",
            "add",
            f"u{run_tag}_{number:02d}",
            "--unit",
            unit,
            "--password-stdin",
            stdin="load-password-1\n",
        )
        if db:
            run(env, "db", "grant", unit, "--role", f"load_{run_tag}_{number:02d}")
    before = updates(env["HEDONG_DB"])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([*HEDONG, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    timings: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(accounts + 1)  # the accounts and the clock

    def liaison(number: int) -> None:
        try:
            reports(number)
        except Exception as exc:  # a request that failed outright (a reset connection, a timeout) is a failure too
            with lock:
                failures.append(f"unit{number:02d}: {type(exc).__name__}: {exc}")

    def reports(number: int) -> None:
        with httpx.Client(base_url=url, timeout=60) as login:
            try:
                page = login.get("/login")
                csrf = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
                answer = login.post(
                    "/login", data={"csrf": csrf, "name": f"u{run_tag}_{number:02d}", "password": "load-password-1"}
                )
                if answer.status_code != 303:
                    with lock:
                        failures.append(f"unit{number:02d} login: {answer.status_code} {answer.text[-300:]}")
            finally:
                start.wait()
            cookies = login.cookies
        # A new connection after the wait: the server closes one idle longer than its keep-alive (5 s), and the
        # 40 logins (scrypt) may take longer than that on a busy machine. Its opening is not timed (the GET's).
        with httpx.Client(base_url=url, timeout=60, cookies=cookies) as client:
            for report in range(REPORTS):
                home = client.get("/")
                if home.status_code != 200:
                    with lock:
                        failures.append(f"unit{number:02d} page: {home.status_code} {home.text[-300:]}")
                    return
                csrf, form = CSRF.search(home.text).group(1), FORM.search(home.text).group(1)  # type: ignore[union-attr]
                field = NOTE.search(home.text).group(1)  # type: ignore[union-attr]
                began = time.perf_counter()
                done = client.post("/report", data={"csrf": csrf, "form": form, field: f"第{report + 1}次报送"})
                took = time.perf_counter() - began
                with lock:
                    timings.append(took)
                    if done.status_code != 200 or "报送回执" not in done.text:
                        failures.append(f"unit{number:02d} #{report}: {done.status_code}")

    try:
        assert server.stdout is not None
        server.stdout.readline()
        threads = [threading.Thread(target=liaison, args=(number,)) for number in range(accounts)]
        for thread in threads:
            thread.start()
        start.wait()  # every account has logged in: the scrypt hashes of the logins are not in what is measured
        cpu_before, load_before = cpu_ms(server.pid), os.getloadavg()[0]
        own_before = cpu_ms(os.getpid())
        backends_before = backends_cpu_ms(db) if db else {}
        began = time.perf_counter()
        for thread in threads:
            thread.join(timeout=600)
        wall = time.perf_counter() - began
        cpu = cpu_ms(server.pid) - cpu_before
        own = cpu_ms(os.getpid()) - own_before
        # The desk's backends stay connected (its pools); a backend opened during the run counts from zero.
        backends = (
            {pid: spent - backends_before.get(pid, 0.0) for pid, spent in backends_cpu_ms(db).items()} if db else {}
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    written = updates(env["HEDONG_DB"]) - before
    if not timings:
        sys.exit("no report was sent:\n" + "\n".join(failures[:10]))
    quantiles = statistics.quantiles(timings, n=20) if len(timings) > 1 else timings * 19
    backend = "PostgreSQL" if db else "SQLite"
    server_cpu = (
        f", the PostgreSQL backends' {sum(backends.values()) / (accounts * REPORTS):.1f} ms" if backends else ""
    )
    print(
        f"{backend}: {len(timings)} reports by {accounts} accounts at once, {written} entries written, "
        f"{len(failures)} failures; report p50 {statistics.median(timings) * 1000:.0f} ms, "
        f"p95 {quantiles[18] * 1000:.0f} ms; wall {wall:.1f} s; server CPU {cpu / (accounts * REPORTS):.1f} ms"
        f" a report (page + post){server_cpu}, the clients' {own / (accounts * REPORTS):.1f} ms;"
        f" load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    )
    if failures or written != accounts * REPORTS:
        print("\n".join(failures[:10]))
        sys.exit(1)


if __name__ == "__main__":
    main()
