"""What the web desk's requests share: the report kept until the journal changes (by anyone: another process's
``hedong update`` shows on the next page), and journals kept open in pools that never hand a request's
transaction or PostgreSQL role on to the next one. On SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from hedong_cli.journal import Journal
from hedong_cli.tracking import progress
from hedong_cli.web.shared import JournalPool, StateCache
from tests.conftest import CATALOG, TODAY, Hedong
from tests.web_helpers import Desk, make_desk, report_form


@pytest.fixture
def desk(hedong_both: Hedong, request: pytest.FixtureRequest) -> Desk:
    return make_desk(hedong_both, request)


def hedong_process(desk: Desk, *args: str) -> None:
    """``hedong`` in a process of its own, as a liaison at the command line would run it."""
    env = {
        **os.environ,
        "HEDONG_DB": str(desk.hedong.db),
        "HEDONG_DATA": str(CATALOG),
        "HEDONG_TODAY": desk.hedong.today.isoformat(),
        "HEDONG_USER": "命令行",
    }
    done = subprocess.run([sys.executable, "-m", "hedong_cli", *args], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def latest_shown(page: str, task_id: str) -> str:
    """The 最新 value the unit's page shows for ``task_id``."""
    section = page.split(f'<a href="/task/{task_id}">', 1)[1].split("</section>", 1)[0]
    return section.split("最新值：", 1)[1].split("；", 1)[0]


def test_an_update_from_another_process_and_its_undo_show_on_the_next_page(desk: Desk) -> None:
    client = desk.client("shangwu")
    assert latest_shown(client.get("/").text, "2.1.3") == "—"
    assert latest_shown(client.get("/").text, "2.1.3") == "—"  # now from the kept report
    hedong_process(desk, "update", "2.1.3", "--value", "47")
    assert "47" in latest_shown(client.get("/").text, "2.1.3")
    hedong_process(desk, "undo")  # a retraction: an entry too, so the state changes again
    assert latest_shown(client.get("/").text, "2.1.3") == "—"


def test_pages_reuse_the_report_until_an_entry_is_appended(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    builds, reads = [], []
    real_build, real_history = progress.build_report, Journal.history
    monkeypatch.setattr(progress, "build_report", lambda *args, **kw: builds.append(1) or real_build(*args, **kw))
    monkeypatch.setattr(Journal, "history", lambda *args, **kw: reads.append(1) or real_history(*args, **kw))
    client, office = desk.client("shangwu"), desk.client("boss")
    client.get("/")
    read_by_one_page = len(reads)
    office.get("/office")
    office.get("/office/units")
    client.get("/")
    assert len(builds) == 1 and len(reads) == read_by_one_page  # the unit's page: the history windows kept too
    csrf, form = report_form(client)
    assert client.post("/report", data={"csrf": csrf, "form": form, "value.2.1.3": "12"}).status_code == 200
    assert len(builds) == 1  # the write itself checked the form against the kept report
    assert "12" in latest_shown(client.get("/").text, "2.1.3")
    office.get("/office")
    assert len(builds) == 2


def test_a_request_that_wrote_reads_the_journal_anew(desk: Desk) -> None:
    workspace = desk.app.state.desk.workspace
    key = workspace.catalog().key
    with workspace.request():
        before = workspace.state()
        assert desk.hedong("update", "2.1.3", "--value", "3").exit_code == 0
        assert workspace.state() == before  # asked once a request...
        with workspace.writer() as journal:
            journal.append(key, "2.1.4", effective=workspace.today, note="写")
        assert workspace.state() == (before[0] + 2, before[1] + 2)  # ...and again after a write


def test_the_report_of_another_day_is_built_for_that_day(desk: Desk) -> None:
    workspace = desk.app.state.desk.workspace
    today = workspace.today
    assert desk.hedong("update", "2.1.3", "--value", "5", "--date", today.isoformat()).exit_code == 0
    now = workspace.report(today)
    before = workspace.report(today.replace(day=1))
    assert next(v for v in now.views if v.task.id == "2.1.3").value == 5.0
    assert next(v for v in before.views if v.task.id == "2.1.3").value is None


def test_a_journal_is_lent_to_one_request_at_a_time_and_kept_open(desk: Desk) -> None:
    workspace = desk.app.state.desk.workspace
    with workspace.reader() as first, workspace.reader() as second:
        assert first is not second
    with workspace.reader() as again:
        assert again in (first, second) and again.opened


def test_a_journal_left_inside_a_transaction_is_closed_not_lent_again(desk: Desk) -> None:
    workspace = desk.app.state.desk.workspace
    with workspace.writer() as journal:
        journal._begin()  # a request that began and never ended its transaction
    assert not journal.opened
    with workspace.writer() as fresh:
        assert fresh is not journal and fresh.reusable()


@pytest.fixture
def pg_desk(hedong_both: Hedong, request: pytest.FixtureRequest) -> Desk:
    if not str(hedong_both.db).startswith("postgresql"):
        pytest.skip("roles are PostgreSQL's")
    return make_desk(hedong_both, request)


def who(journal: Any) -> tuple[str, int]:
    return journal._rows("SELECT current_user, pg_backend_pid()")[0]


def test_a_unit_role_set_for_a_write_never_reaches_the_next_request(pg_desk: Desk) -> None:
    workspace = pg_desk.app.state.desk.workspace
    assert workspace.writers == 1
    with workspace.writer() as journal:
        office, pid = who(journal)
    client = pg_desk.client("shangwu")
    csrf, form = report_form(client)
    assert client.post("/report", data={"csrf": csrf, "form": form, "value.2.1.3": "9"}).status_code == 200
    assert pg_desk.entries()[-1].role == pg_desk.roles["区商务局"]  # written as the unit
    with workspace.writer() as journal:
        assert who(journal) == (office, pid)  # the same connection, back in the office's role


def test_a_connection_whose_role_was_changed_for_the_session_is_closed(pg_desk: Desk) -> None:
    workspace = pg_desk.app.state.desk.workspace
    role = pg_desk.roles["区商务局"]
    with workspace.writer() as journal:
        office, pid = who(journal)
        journal._rows(f'GRANT "{role}" TO CURRENT_USER')
        journal._rows(f'SET ROLE "{role}"')  # not SET LOCAL: it would outlive the request
    assert not journal.opened
    with workspace.writer() as journal:
        now, new_pid = who(journal)
    assert now == office and new_pid != pid


class CountedConnection:
    """A psycopg2 connection that keeps each string it sends to the server: one string is one round trip."""

    def __init__(self, conn: Any) -> None:
        self.real = conn
        self.sent: list[str] = []

    def cursor(self) -> Any:
        counted, cursor = self, self.real.cursor()

        class Cursor:
            def __enter__(self) -> Any:
                return self

            def __exit__(self, *exc: object) -> None:
                cursor.close()

            def execute(self, sql: Any, params: Any = None) -> None:
                counted.sent.append(cursor.mogrify(sql, params).decode())
                cursor.execute(sql, params)

            def __getattr__(self, name: str) -> Any:
                return getattr(cursor, name)

        return Cursor()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def test_a_web_report_is_written_in_six_round_trips_and_the_role_check_costs_none(pg_desk: Desk) -> None:
    """Each round trip of the one writer is a wait for the server (and, under load, for a core): the BEGIN goes
    with the write lock, the unit's role is looked up, checked and set in one statement, the entry comes back from
    its INSERT, and the session's role is asked with the COMMIT, so that lending the connection again asks nothing."""
    workspace = pg_desk.app.state.desk.workspace
    client = pg_desk.client("shangwu")
    csrf, form = report_form(client)
    # The unit's first write through the desk: the office joins the unit's role (GRANT) and sets it, once.
    assert client.post("/report", data={"csrf": csrf, "form": form, "value.2.1.3": "8"}).status_code == 200
    csrf, form = report_form(client)
    with workspace.writer() as journal:
        journal._conn = counted = CountedConnection(journal._conn)
    assert client.post("/report", data={"csrf": csrf, "form": form, "value.2.1.3": "9"}).status_code == 200
    sent = counted.sent
    assert len(sent) == 6, sent
    assert sent[0].startswith("BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_try_advisory_xact_lock(")
    assert "FROM accounts WHERE name = 'shangwu'" in sent[1]  # the account still enabled, inside the write
    # the task still the unit's, inside it too: its kept state and the entries it names, in one query
    assert "task_latest" in sent[2] and "LEFT JOIN entries" in sent[2]
    assert "set_config('role', r.role, true)" in sent[3]
    assert sent[4].startswith("INSERT INTO entries") and sent[5] == "COMMIT; SELECT current_user"
    written = pg_desk.entries()[-1]
    assert (written.role, written.value) == (pg_desk.roles["区商务局"], 9)  # as the unit, under its row-level security
    with workspace.writer() as journal:
        assert journal._conn is counted and len(counted.sent) == 6  # lent again, back in the office's role: no ask
        assert who(journal)[0] != written.role


def test_no_more_than_workers_requests_are_at_work_at_once_and_the_others_wait_their_turn(desk: Desk) -> None:
    from hedong_cli.web.app import WORKERS

    desk_app = desk.app.state.desk
    lock, gate = threading.Lock(), threading.Event()
    active, peak, served = [0], [0], []

    def handler(desk_app: Any, request: Any, session: Any, form: dict[str, str]) -> str:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        gate.wait(30)
        with lock:
            active[0] -= 1
            served.append(1)
        return "ok"

    threads = [
        threading.Thread(target=desk_app.handle, args=(handler, None, None, {}, None)) for _ in range(3 * WORKERS)
    ]
    for thread in threads:
        thread.start()
    for _ in range(10_000):  # until the first WORKERS are at work (10 s at most; no timing is asserted)
        if active[0] == WORKERS:
            break
        threading.Event().wait(0.001)
    assert active[0] == WORKERS and not served  # the others wait, asleep, for one to finish
    gate.set()
    for thread in threads:
        thread.join(30)
    assert peak[0] == WORKERS and len(served) == 3 * WORKERS  # every request served in turn


# -- the pool and the cache on their own -------------------------------------------------------------------


class Fake:
    def __init__(self) -> None:
        self.opened = True
        self.fine = True

    def reusable(self) -> bool:
        return self.fine

    def close(self) -> None:
        self.opened = False


def test_a_request_waits_for_a_lent_journal_then_opens_its_own() -> None:
    made: list[Fake] = []
    pool = JournalPool(lambda: made.append(Fake()) or made[-1], size=1, wait=0.05)
    with pool.lease() as first, pool.lease() as extra:  # the only one is lent: after the wait, one of its own
        assert extra is not first
    assert [first.opened, extra.opened].count(True) == 1  # no more than the size is kept open
    got: list[Fake] = []
    with pool.lease() as held:
        waiter = threading.Thread(target=lambda: got.extend([pool._take()]))
        waiter.start()
    waiter.join(5)
    assert got == [held] and held.opened and len(made) == 2  # the waiter got the one given back, none new


def test_a_failed_journal_is_closed_and_replaced() -> None:
    pool = JournalPool(Fake, size=2)
    with pytest.raises(RuntimeError), pool.lease() as broken:
        broken.fine = False
        raise RuntimeError("the request failed")
    assert not broken.opened
    with pool.lease() as fresh:
        assert fresh is not broken


def test_threads_asking_for_the_same_report_build_it_once() -> None:
    cache, built, gate = StateCache(), [], threading.Event()

    def build() -> str:
        gate.wait(5)
        built.append(1)
        return "report"

    day = TODAY
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get(day, (3, 9), build))) for _ in range(8)]
    for thread in threads:
        thread.start()
    gate.set()
    for thread in threads:
        thread.join(5)
    assert results == ["report"] * 8 and len(built) == 1
    assert cache.get(day, (4, 10), lambda: "newer") == "newer"
    assert cache.get(day, (3, 9), lambda: "built again") == "built again"  # the older state was let go


def test_the_descriptors_kept_for_journal_headers_are_bounded(tmp_path: Path) -> None:
    from hedong_cli.journal import sqlite

    for number in range(sqlite.HEADER_FDS_KEPT + 8):
        sqlite.SQLiteJournal.for_writing(tmp_path / f"j{number}.sqlite").close()
        sqlite.SQLiteJournal.for_reading(tmp_path / f"j{number}.sqlite").close()
    assert len(sqlite._HEADER_FDS) == sqlite.HEADER_FDS_KEPT
    newest = os.stat(tmp_path / f"j{sqlite.HEADER_FDS_KEPT + 7}.sqlite")
    assert (newest.st_dev, newest.st_ino) in sqlite._HEADER_FDS
