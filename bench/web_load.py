"""Load on the web desk: 40 unit accounts × 5 reports each, all at once, on a real ``hedong serve``.

    python bench/web_load.py [--db postgresql://office@host/db]     # default: a new SQLite journal

Each account logs in first (not timed), then all 40 start together; each submits 5 report forms one after
the other (GET its page for a fresh form, then POST a note on its task). The POST is timed. At the end the journal
must hold exactly 200 new update entries, and no request may have failed. Prints p50 and p95 of a report.
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
from pathlib import Path

import httpx

ACCOUNTS, REPORTS = 40, 5
HEDONG = [sys.executable, "-m", "hedong_cli"]
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
FORM = re.compile(r'name="form" value="([^"]+)"')
NOTE = re.compile(r'name="(note\.[^"]+)"')


def run(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    done = subprocess.run([*HEDONG, *args], env=env, input=stdin, text=True, capture_output=True, check=True)
    return done.stdout


def cpu_ms(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (Linux), in ms."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def updates(db: str) -> int:
    from hedong_cli.journal import open_reader, parse_location

    with open_reader(parse_location(db), os.environ) as journal:
        return sum(1 for entry in journal.all_entries() if entry.kind == "update")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="a postgresql:// URL of an initialised journal (the office's)")
    parser.add_argument("--accounts", type=int, default=ACCOUNTS, help="how many liaisons report at once (<= 150)")
    options = parser.parse_args()
    accounts = options.accounts
    folder = Path(tempfile.mkdtemp(prefix="hedong-load-"))
    run_tag = secrets.token_hex(3)  # roles are cluster-wide: each run's are its own
    env = {**os.environ, "HEDONG_DB": options.db or str(folder / "journal.sqlite")}
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
        if options.db:
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
        with httpx.Client(base_url=url, timeout=60) as client:
            page = client.get("/login")
            csrf = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
            answer = client.post(
                "/login", data={"csrf": csrf, "name": f"u{run_tag}_{number:02d}", "password": "load-password-1"}
            )
            if answer.status_code != 303:
                with lock:
                    failures.append(f"unit{number:02d} login: {answer.status_code} {answer.text[-300:]}")
            start.wait()
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
        began = time.perf_counter()
        for thread in threads:
            thread.join(timeout=600)
        wall = time.perf_counter() - began
        cpu = cpu_ms(server.pid) - cpu_before
        own = cpu_ms(os.getpid()) - own_before
    finally:
        server.terminate()
        server.wait(timeout=30)
    written = updates(env["HEDONG_DB"]) - before
    quantiles = statistics.quantiles(timings, n=20)
    backend = "PostgreSQL" if options.db else "SQLite"
    print(
        f"{backend}: {len(timings)} reports by {accounts} accounts at once, {written} entries written, "
        f"{len(failures)} failures; report p50 {statistics.median(timings) * 1000:.0f} ms, "
        f"p95 {quantiles[18] * 1000:.0f} ms; wall {wall:.1f} s; server CPU {cpu / (accounts * REPORTS):.1f} ms"
        f" a report (page + post), the clients' {own / (accounts * REPORTS):.1f} ms;"
        f" load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    )
    if failures or written != accounts * REPORTS:
        print("\n".join(failures[:10]))
        sys.exit(1)


if __name__ == "__main__":
    main()
