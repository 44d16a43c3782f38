"""Attacks on the web desk's sessions and rights, each written before what stops it; on SQLite and PostgreSQL.

The desk checks a session's account on every request (``Desk.account_holds``), but a request then works for a
while before it writes: the office may disable the account, reset its password or move it to another unit in
between. The write itself must refuse then, inside its own transaction, as it refuses a task reassigned
meanwhile. The race is made certain here by running the office's command just as the request takes its writer.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from hedong_cli.journal import accounts, open_writer
from hedong_cli.journal.location import parse_location
from hedong_cli.tracking.workspace import Workspace
from tests.conftest import CATALOG, Hedong
from tests.test_web_plan import CHANGE, plans
from tests.test_web_plan_attacks import assert_one_line_refusal, plan_form
from tests.web_helpers import PASSWORD, Desk, csrf_of, login, make_desk, report_form


@pytest.fixture
def desk(hedong_both: Hedong, request: pytest.FixtureRequest) -> Desk:
    made = make_desk(hedong_both, request)
    assert hedong_both("assign", "2.1.3", "--lead", "区商务局", "--partner", "区教育局").exit_code == 0
    return made


def assert_logged_out(client: Any, path: str = "/") -> None:
    response = client.get(path)
    assert response.status_code == 303 and response.headers["location"] == "/login", (path, response.status_code)


def sql(desk: Desk, statement: str, **params: Any) -> None:
    """A change made to the accounts table by hand, as a site's administrator might."""
    with open_writer(parse_location(str(desk.hedong.db)), {}) as journal, journal.atomic():
        journal._rows(statement, params)


def just_before_the_write(desk: Desk, monkeypatch: pytest.MonkeyPatch, change: Callable[[], Any]) -> list[Any]:
    """Run ``change`` (the office's command) once, when the next request takes the desk's writer: after the
    request's own account check, before its write transaction."""
    workspace = desk.app.state.desk.workspace
    original = workspace.writer
    done: list[Any] = []

    @contextmanager
    def writer() -> Iterator[Any]:
        if not done:
            done.append(change())
        with original() as journal:
            yield journal

    monkeypatch.setattr(workspace, "writer", writer)
    return done


def reset_same_password(desk: Desk, name: str) -> Callable[[], Any]:
    return lambda: desk.hedong("user", "reset", name, "--password-stdin", input=PASSWORD[name] + "\n")


def move_to_jiaoyu(desk: Desk) -> Callable[[], Any]:
    return lambda: sql(desk, "UPDATE accounts SET unit = %(unit)s WHERE name = 'shangwu'", unit="区教育局")


def updates(desk: Desk) -> list[Any]:
    return [entry for entry in desk.entries() if entry.kind == "update"]


# -- the race between the account check and the write ------------------------------------------------------


@pytest.mark.parametrize("change", ["disable", "reset", "move"])
def test_an_account_changed_between_its_check_and_the_report_writes_nothing(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    client = desk.client("shangwu")
    csrf, form = report_form(client)
    office = {
        "disable": lambda: desk.hedong("user", "disable", "shangwu"),
        "reset": reset_same_password(desk, "shangwu"),
        "move": move_to_jiaoyu(desk),
    }[change]
    done = just_before_the_write(desk, monkeypatch, office)
    response = client.post("/report", data={"csrf": csrf, "form": form, "value.2.1.3": "3"})
    assert done, "the office's change ran"
    assert_one_line_refusal(response, 403)
    assert updates(desk) == []
    assert_logged_out(client)  # and the session is over


@pytest.mark.parametrize("change", ["reset", "move"])
def test_an_account_changed_between_its_check_and_the_plan_change_writes_nothing(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    client = desk.client("shangwu")
    hidden = plan_form(client)
    office = reset_same_password(desk, "shangwu") if change == "reset" else move_to_jiaoyu(desk)
    assert just_before_the_write(desk, monkeypatch, office) is not None
    response = client.post("/task/2.1.3/plan", data={**hidden, **CHANGE})
    assert_one_line_refusal(response, 403)
    assert plans(desk) == []


@pytest.mark.parametrize("change", ["disable", "reset"])
def test_an_office_account_changed_between_its_check_and_the_retraction_sends_nothing_back(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    unit = desk.client("shangwu")
    csrf, form = report_form(unit)
    assert unit.post("/report", data={"csrf": csrf, "form": form, "value.2.1.3": "3"}).status_code == 200
    [entry] = updates(desk)
    office = desk.client("boss")
    page = office.get("/office/retract").text
    command = (
        (lambda: desk.hedong("user", "disable", "boss")) if change == "disable" else reset_same_password(desk, "boss")
    )
    just_before_the_write(desk, monkeypatch, command)
    response = office.post(
        "/office/retract", data={"csrf": csrf_of(page), "entry": str(entry.id), "reason": "数据有误"}
    )
    assert_one_line_refusal(response, 403)
    assert [e.kind for e in desk.entries()] == ["update"]


def test_a_password_change_racing_the_offices_reset_does_not_undo_the_reset(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone holding a stolen session changes the password just as the office resets it: the reset holds."""
    thief = desk.client("shangwu")
    page = thief.get("/password")
    office_password = "office-chose-this-1"
    just_before_the_write(
        desk,
        monkeypatch,
        lambda: desk.hedong("user", "reset", "shangwu", "--password-stdin", input=office_password + "\n"),
    )
    stolen = "thief-password-123"
    data = {"csrf": csrf_of(page.text), "old": PASSWORD["shangwu"], "new": stolen, "again": stolen}
    response = thief.post("/password", data=data)
    assert response.status_code in (303, 403) and "Traceback" not in response.text
    assert_logged_out(thief)
    monkeypatch.undo()
    assert login(desk.client(), "shangwu", stolen).status_code == 401
    assert login(desk.client(), "shangwu", office_password).status_code == 303


# -- old sessions stay dead ------------------------------------------------------------------------------


def test_a_unit_moved_to_another_unit_loses_the_old_units_rights_in_its_old_session(desk: Desk) -> None:
    client = desk.client("shangwu")
    assert client.get("/task/2.1.3").status_code == 200
    move_to_jiaoyu(desk)()
    assert_logged_out(client, "/task/2.1.3")
    moved = desk.client("shangwu")  # logging in again gives the new unit's tasks only
    page = moved.get("/").text
    assert "6.3.1" in page and 'name="value.2.1.4"' not in page


def test_a_reset_leaves_no_old_cookie_alive_even_one_unused_meanwhile(desk: Desk) -> None:
    """The session was not used between the reset and now: it is not found dead by a request in between, yet
    it is dead; so is one from before a second reset back to the first password."""
    idle, used = desk.client("shangwu"), desk.client("shangwu")
    assert desk.hedong("user", "reset", "shangwu").exit_code == 0
    assert_logged_out(used)
    assert reset_same_password(desk, "shangwu")().exit_code == 0  # back to the password it logged in with
    assert_logged_out(idle)


def test_a_token_planted_before_the_login_is_worth_nothing_after_it(desk: Desk) -> None:
    attacker = desk.client()
    attacker.get("/login")
    planted = attacker.cookies["hedong_session"]
    victim = desk.client()
    victim.cookies.set("hedong_session", planted, domain="127.0.0.1")
    page = victim.get("/login")
    response = victim.post(
        "/login", data={"csrf": csrf_of(page.text), "name": "shangwu", "password": PASSWORD["shangwu"]}
    )
    assert response.status_code == 303 and victim.cookies["hedong_session"] != planted
    assert victim.get("/").status_code == 200
    assert_logged_out(attacker)


def test_a_cookie_copied_before_a_password_change_is_out_after_it(desk: Desk) -> None:
    """The liaison changes the password because the cookie may have been taken: the copy is logged out."""
    here = desk.client("shangwu")
    copy = desk.client()
    copy.cookies.set("hedong_session", here.cookies["hedong_session"], domain="127.0.0.1")
    assert copy.get("/").status_code == 200
    page = here.get("/password")
    new = "shangwu-password-2"
    data = {"csrf": csrf_of(page.text), "old": PASSWORD["shangwu"], "new": new, "again": new}
    assert here.post("/password", data=data).status_code == 303
    assert here.get("/").status_code == 200
    assert_logged_out(copy)


# -- the stamp -------------------------------------------------------------------------------------------


def test_two_accounts_with_one_password_have_different_hashes_and_stamps(hedong_both: Hedong) -> None:
    for name in ("a1", "a2"):
        result = hedong_both("user", "add", name, "--unit", "区商务局", "--password-stdin", input="same-password-1\n")
        assert result.exit_code == 0, result.stderr
    with open_writer(parse_location(str(hedong_both.db)), {}) as journal:
        first, second = accounts.get(journal, "a1"), accounts.get(journal, "a2")
    assert first is not None and second is not None
    assert first.password_hash.split("$")[4] != second.password_hash.split("$")[4]  # the salts differ
    assert accounts.stamp(first) != accounts.stamp(second)
    assert accounts.holds(first, accounts.stamp(first)) and not accounts.holds(second, accounts.stamp(first))


def test_the_stamp_is_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    account = accounts.Account("a", "区商务局", False, "scrypt$x", False, False, 0, None)
    compared: list[tuple[Any, Any]] = []
    real = accounts.hmac.compare_digest

    def spy(a: Any, b: Any) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(accounts.hmac, "compare_digest", spy)
    assert accounts.holds(account, accounts.stamp(account))
    assert not accounts.holds(account, "0" * 64)
    assert len(compared) == 2
    assert not accounts.holds(None, accounts.stamp(account))
    assert not accounts.holds(replace(account, disabled=True), accounts.stamp(account))


# -- timing: whether a name exists -------------------------------------------------------------------------


def test_every_login_costs_one_hash_whatever_the_accounts_state(hedong_both: Hedong) -> None:
    """An unknown name costs a hash; so must a disabled or locked one, or the time taken tells that it exists."""
    for name in ("on", "off", "shut"):
        result = hedong_both("user", "add", name, "--unit", "区商务局", "--password-stdin", input="right-password-1\n")
        assert result.exit_code == 0, result.stderr
    assert hedong_both("user", "disable", "off").exit_code == 0
    with open_writer(parse_location(str(hedong_both.db)), {}) as journal:
        for _ in range(accounts.LOCK_AFTER_FAILURES):
            assert accounts.login(journal, "shut", "wrong-password-1") is None
        accounts.login(journal, "nobody", "warm-the-unknown-hash")  # made once, when first needed
        real, counted = hashlib.scrypt, []

        def scrypt(*args: Any, **kwargs: Any) -> bytes:
            counted.append(1)
            return real(*args, **kwargs)

        try:
            hashlib.scrypt = scrypt  # type: ignore[assignment]
            for name, password, logged_in in (
                ("nobody", "right-password-1", False),
                ("on", "wrong-password-1", False),
                ("on", "right-password-1", True),
                ("off", "right-password-1", False),
                ("shut", "right-password-1", False),
            ):
                counted.clear()
                assert (accounts.login(journal, name, password) is not None) is logged_in, name
                assert len(counted) == 1, (name, len(counted))
        finally:
            hashlib.scrypt = real  # type: ignore[assignment]


# -- rights through the form and a forged POST -------------------------------------------------------------


def test_a_partner_gets_no_plan_form_and_its_forged_plan_post_writes_nothing(desk: Desk) -> None:
    partner = desk.client("jiaoyu")
    page = partner.get("/task/2.1.3")
    assert page.status_code == 200 and 'name="based_on"' not in page.text
    response = partner.post("/task/2.1.3/plan", data={"csrf": csrf_of(page.text), "based_on": "", **CHANGE})
    assert_one_line_refusal(response, 403, "2.1.3")
    assert plans(desk) == []


def test_a_task_assigned_undone_and_reassigned_is_written_only_by_its_unit_of_the_moment(desk: Desk) -> None:
    shangwu, jiaoyu = desk.client("shangwu"), desk.client("jiaoyu")
    newest = desk.hedong.json("log", "--task", "2.1.3", "--limit", "1")[0]["entry"]
    assert desk.hedong("undo", "--entry", str(newest)).exit_code == 0  # back to 区商务局 alone (make_desk's)
    assert desk.hedong("assign", "2.1.4", "--lead", "区教育局").exit_code == 0  # taken from 区商务局
    for client, task, status in ((jiaoyu, "2.1.3", 403), (shangwu, "2.1.4", 403), (jiaoyu, "2.1.4", 200)):
        csrf, form = report_form(client)
        response = client.post("/report", data={"csrf": csrf, "form": form, f"value.{task}": "3"})
        assert response.status_code == status, (task, response.text[-400:])
    assert [entry.task_id for entry in updates(desk)] == ["2.1.4"]


def test_a_catalogue_lead_with_no_assignment_is_neither_offered_nor_written(
    hedong_both: Hedong, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    made = make_desk(hedong_both, request)
    text = CATALOG.read_text(encoding="utf-8")
    marker = '            target: {value: 540, unit: 个, comparator: "="}\n'
    assert text.count(marker) == 1
    led = tmp_path / "led.yaml"
    led.write_text(text.replace(marker, marker + "            lead: 区商务局\n"), encoding="utf-8")
    from hedong_cli.web.app import create_app  # after web_helpers, which skips without the web extra

    app = create_app(Workspace(env=hedong_both.env(), data=led))
    request.addfinalizer(app.state.desk.close)
    made.app = app
    client = made.client("shangwu")
    page = client.get("/").text
    assert 'name="value.6.3.2"' not in page
    task_page = client.get("/task/6.3.2")
    assert task_page.status_code == 200 and 'name="based_on"' not in task_page.text
    csrf, form = report_form(client)
    response = client.post("/report", data={"csrf": csrf, "form": form, "value.6.3.2": "3"})
    assert_one_line_refusal(response, 403, "6.3.2")
    response = client.post("/task/6.3.2/plan", data={"csrf": csrf, "based_on": "", **CHANGE})
    assert_one_line_refusal(response, 403, "6.3.2")
    assert made.entries() == []


def test_an_assignment_in_another_catalogue_of_the_journal_grants_nothing_here(desk: Desk) -> None:
    """The same task ids in two districts' catalogues, one journal: 区商务局 leading 1.1.1 in Nankai's gives it no
    right on Hedong's 1.1.1."""
    nankai = Path(__file__).parent / "fixtures" / "nankai_2029.yaml"
    in_2029 = Hedong(desk.hedong.db, today=date(2029, 1, 5))
    result = in_2029("assign", "1.1.1", "--lead", "区商务局", "--data", str(nankai))
    assert result.exit_code == 0, result.stderr
    client = desk.client("shangwu")
    csrf, form = report_form(client)
    assert 'name="value.1.1.1"' not in client.get("/").text
    response = client.post("/report", data={"csrf": csrf, "form": form, "value.1.1.1": "3"})
    assert_one_line_refusal(response, 403, "1.1.1")
    assert updates(desk) == []


# -- the log -----------------------------------------------------------------------------------------------


def test_the_log_never_holds_a_session_token_or_a_csrf_token(desk: Desk, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    client = desk.client("shangwu")
    token = client.cookies["hedong_session"]
    csrf, form = report_form(client)
    client.post("/report", data={"csrf": csrf, "form": form, "value.2.1.3": "not a number"})
    client.post("/report", data={"csrf": "forged", "form": form, "value.2.1.3": "3"})
    client.get("/no/such/page")
    assert desk.hedong("user", "disable", "shangwu").exit_code == 0
    client.get("/")
    logged = caplog.text + "".join(str(record.args) for record in caplog.records)
    for secret in (token, csrf, form):
        assert secret not in logged
