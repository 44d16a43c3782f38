"""An account's live sessions end when the office disables it or resets its password, though the desk keeps
sessions in its own memory and ``hedong user`` runs in another process: the next request of such a session is
treated as logged out. Written before the code that does it; on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import CATALOG, Hedong
from tests.web_helpers import Desk, csrf_of, make_desk, report_form


@pytest.fixture
def desk(hedong_both: Hedong, request: pytest.FixtureRequest) -> Desk:
    return make_desk(hedong_both, request)


def assert_logged_out(client, path: str = "/") -> None:  # type: ignore[no-untyped-def]
    response = client.get(path)
    assert response.status_code == 303 and response.headers["location"] == "/login", (path, response.status_code)


def test_disable_ends_every_session_of_the_account_at_once(desk: Desk) -> None:
    phone, office_pc = desk.client("shangwu"), desk.client("shangwu")
    other = desk.client("jiaoyu")
    for client in (phone, office_pc):
        assert client.get("/").status_code == 200
    assert desk.hedong("user", "disable", "shangwu").exit_code == 0
    assert_logged_out(phone)
    assert_logged_out(office_pc, "/task/2.1.3")
    assert_logged_out(phone)  # and it stays out: the session is gone, not only refused once
    assert other.get("/").status_code == 200  # another account's session goes on


def test_a_disabled_sessions_post_writes_nothing_and_goes_to_the_login(desk: Desk) -> None:
    client = desk.client("shangwu")
    csrf, form = report_form(client)
    assert desk.hedong("user", "disable", "shangwu").exit_code == 0
    response = client.post("/report", data={"csrf": csrf, "form": form, "value.2.1.3": "3"})
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert desk.entries() == []


def test_a_disabled_office_account_reads_no_office_page(desk: Desk) -> None:
    office = desk.client("boss")
    assert office.get("/office").status_code == 200
    assert desk.hedong("user", "disable", "boss").exit_code == 0
    for path in ("/office", "/office/units", "/office/download/ledger.xlsx", "/task/2.1.3"):
        assert_logged_out(office, path)


def test_reset_ends_the_old_sessions_and_the_new_password_must_be_changed(desk: Desk) -> None:
    client = desk.client("shangwu")
    assert client.get("/").status_code == 200
    result = desk.hedong("user", "reset", "shangwu")
    assert result.exit_code == 0, result.stderr
    assert_logged_out(client)
    password = re.search(r"一次性密码：(\S+)（", result.stdout).group(1)  # type: ignore[union-attr]
    fresh = desk.client()
    page = fresh.get("/login")
    response = fresh.post("/login", data={"csrf": csrf_of(page.text), "name": "shangwu", "password": password})
    assert response.status_code == 303 and response.headers["location"] == "/password"


def test_a_reset_to_the_same_password_still_ends_the_old_sessions(desk: Desk) -> None:
    client = desk.client("shangwu")
    assert client.get("/").status_code == 200
    result = desk.hedong("user", "reset", "shangwu", "--password-stdin", input="shangwu-password-1\n")
    assert result.exit_code == 0, result.stderr
    assert_logged_out(client)
    assert desk.client("shangwu").get("/").status_code == 200  # the same password logs in anew


def test_changing_ones_own_password_keeps_this_session_and_ends_the_others(desk: Desk) -> None:
    here, elsewhere = desk.client("shangwu"), desk.client("shangwu")
    page = here.get("/password")
    new = "shangwu-password-2"
    data = {"csrf": csrf_of(page.text), "old": "shangwu-password-1", "new": new, "again": new}
    assert here.post("/password", data=data).status_code == 303
    assert here.get("/").status_code == 200
    assert_logged_out(elsewhere)  # someone who knew the old password is out


def test_the_ended_session_is_dropped_from_memory(desk: Desk) -> None:
    client = desk.client("shangwu")
    sessions = desk.app.state.desk.sessions
    before = len(sessions)
    assert desk.hedong("user", "disable", "shangwu").exit_code == 0
    assert_logged_out(client)
    assert len(sessions) == before - 1


def test_disable_from_another_process_ends_the_session(hedong: Hedong, request: pytest.FixtureRequest) -> None:
    """The command line in a process of its own, as the office runs it beside ``hedong serve``."""
    desk = make_desk(hedong, request)
    client = desk.client("shangwu")
    assert client.get("/").status_code == 200
    environ = {**os.environ, "HEDONG_DB": str(hedong.db), "HEDONG_DATA": str(CATALOG)}
    done = subprocess.run(
        [sys.executable, "-m", "hedong_cli", "user", "disable", "shangwu"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert_logged_out(client)
