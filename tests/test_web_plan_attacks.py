"""Attacks on a lead unit's plan change (``POST /task/{id}/plan``), each written before what stops it; on SQLite
and PostgreSQL. Every refusal is one Chinese line on a page, with its status, and writes nothing."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest

from hedong_cli.common.rules import MAX_REASON_CHARS
from tests import test_web_plan
from tests.test_web_plan import CHANGE, plans
from tests.web_helpers import Desk, csrf_of

desk = test_web_plan.desk  # the fixture: 2.1.3 led by 区商务局, partnered by 区教育局

BASED_ON = re.compile(r'name="based_on" value="([^"]*)"')


def plan_form(client: Any, task: str = "2.1.3") -> dict[str, str]:
    """The hidden fields of the task page's plan form: the CSRF token and the plan it starts from."""
    page = client.get(f"/task/{task}")
    assert page.status_code == 200, page.text
    based_on = BASED_ON.search(page.text)
    return {"csrf": csrf_of(page.text), **({"based_on": based_on.group(1)} if based_on else {})}


def assert_one_line_refusal(response: Any, status: int, words: str = "") -> None:
    assert response.status_code == status, (response.status_code, response.text[-600:])
    assert "Traceback" not in response.text and words in response.text
    assert response.text.count('class="error"') == 1


# -- who posts ------------------------------------------------------------------------------------------


def test_a_disabled_accounts_live_session_writes_no_plan(desk: Desk) -> None:
    client = desk.client("shangwu")
    hidden = plan_form(client)
    assert desk.hedong("user", "disable", "shangwu").exit_code == 0  # the office disables it meanwhile
    response = client.post("/task/2.1.3/plan", data={**hidden, **CHANGE})
    assert response.status_code in (303, 403) and "Traceback" not in response.text
    assert plans(desk) == []


def test_a_disabled_accounts_live_session_writes_no_report(desk: Desk) -> None:
    from tests.web_helpers import report_form

    client = desk.client("shangwu")
    csrf, form = report_form(client)
    assert desk.hedong("user", "disable", "shangwu").exit_code == 0
    response = client.post("/report", data={"csrf": csrf, "form": form, "value.2.1.3": "3"})
    assert response.status_code in (303, 403) and "Traceback" not in response.text
    assert desk.entries() == []


def test_an_expired_session_writes_no_plan(desk: Desk) -> None:
    client = desk.client("shangwu")
    hidden = plan_form(client)
    sessions = desk.app.state.desk.sessions
    clock = sessions.clock
    sessions.clock = lambda: clock() + 9 * 3600
    try:
        response = client.post("/task/2.1.3/plan", data={**hidden, **CHANGE})
    finally:
        sessions.clock = clock
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert plans(desk) == []


@pytest.mark.parametrize("token", [None, "", "x" * 43, "another session's"])
def test_a_plan_change_with_no_or_another_sessions_csrf_token_is_refused(desk: Desk, token: str | None) -> None:
    client = desk.client("shangwu")
    hidden = plan_form(client)
    if token == "another session's":
        token = plan_form(desk.client("shangwu"))["csrf"]  # the same account, logged in elsewhere
    data = {**hidden, **CHANGE}
    data.pop("csrf")
    if token is not None:
        data["csrf"] = token
    assert_one_line_refusal(client.post("/task/2.1.3/plan", data=data), 403, "表单已失效")
    assert plans(desk) == []


def test_a_task_with_no_lead_unit_takes_no_plan_from_any_unit(desk: Desk) -> None:
    task = "1.1.1"
    assert desk.app.state.desk.workspace.catalog().by_id.get(task) is not None
    for account in ("shangwu", "jiaoyu"):
        client = desk.client(account)
        page = client.get(f"/task/{task}").text
        assert f"/task/{task}/plan" not in page
        response = client.post(f"/task/{task}/plan", data={"csrf": csrf_of(page), **CHANGE})
        assert_one_line_refusal(response, 403, "只能由牵头单位调整")
    assert plans(desk) == []


@pytest.mark.parametrize(
    "forged",
    [
        "..%2F..%2Fetc%2Fpasswd",
        "..",
        "%2e%2e",
        "2" * 5000,
        "２.１.３",  # full-width digits: not the catalogue's 2.1.3
        "2.1.3%E2%80%AE",  # with a bidi override
        "2.1.3'%20OR%20'1'='1",
        "2.1.3%3B%20DROP%20TABLE%20entries%3B--",
        "2.1.3%00",
    ],
)
def test_a_forged_task_id_is_not_found_and_writes_nothing(desk: Desk, forged: str) -> None:
    client = desk.client("shangwu")
    hidden = plan_form(client)
    response = client.post(f"/task/{forged}/plan", data={**hidden, **CHANGE})
    assert_one_line_refusal(response, 404)
    assert len(response.text) < 20_000  # the id is cut, not echoed whole
    assert plans(desk) == []
    assert client.get("/task/2.1.3").status_code == 200  # the database is still there


# -- two changes at once ------------------------------------------------------------------------------------


def test_a_change_made_on_a_page_older_than_the_plan_in_force_is_refused(desk: Desk) -> None:
    first, second = desk.client("shangwu"), desk.client("shangwu")  # two liaisons of one unit
    first_form, second_form = plan_form(first), plan_form(second)
    assert first.post("/task/2.1.3/plan", data={**first_form, **CHANGE}).status_code == 200
    other = {**CHANGE, "due": "2026-12-31", "nodes": "2026-09-30 50%", "reason": "另一种安排"}
    response = second.post("/task/2.1.3/plan", data={**second_form, **other})
    assert_one_line_refusal(response, 409, "计划已被调整")
    assert "2026-12-20" in response.text  # the page shows the plan now in force
    assert 'value="2026-12-31"' in response.text  # and keeps what was typed
    assert "aria-invalid" not in response.text  # no field is at fault
    [entry] = plans(desk)
    assert entry.plan["due"] == "2026-12-20"
    again = second.post("/task/2.1.3/plan", data={**plan_form(second), **other})  # read, then resubmitted
    assert again.status_code == 200 and len(plans(desk)) == 2


def test_a_plan_changed_from_the_command_line_meanwhile_is_not_overwritten(desk: Desk) -> None:
    client = desk.client("shangwu")
    hidden = plan_form(client)
    done = desk.hedong("plan", "2.1.3", "--leader", "王副区长")
    assert done.exit_code == 0, done.stderr
    response = client.post("/task/2.1.3/plan", data={**hidden, **CHANGE})
    assert_one_line_refusal(response, 409, "计划已被调整")
    [entry] = plans(desk)
    assert entry.plan["leader"] == "王副区长"


def test_a_plan_form_without_the_plan_it_started_from_is_refused(desk: Desk) -> None:
    client = desk.client("shangwu")
    hidden = plan_form(client)
    hidden.pop("based_on", None)
    for based_on in (None, "x", "-1", "9" * 40, "1' OR '1'='1"):
        data = {**hidden, **CHANGE, **({"based_on": based_on} if based_on is not None else {})}
        assert_one_line_refusal(client.post("/task/2.1.3/plan", data=data), 409, "计划已被调整")
    assert plans(desk) == []


def test_two_different_changes_posted_at_once_write_one_and_refuse_the_other(desk: Desk) -> None:
    clients = [desk.client("shangwu"), desk.client("shangwu")]
    forms = [plan_form(client) for client in clients]
    changes = [CHANGE, {**CHANGE, "due": "2026-12-31", "reason": "另一种安排"}]
    start = threading.Barrier(2)
    statuses: list[int] = []

    def post(index: int) -> None:
        start.wait()
        statuses.append(clients[index].post("/task/2.1.3/plan", data={**forms[index], **changes[index]}).status_code)

    threads = [threading.Thread(target=post, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [200, 409]
    assert len(plans(desk)) == 1


# -- what is typed --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "words"),
    [("1900-01-01", "1900-01-01"), ("2026-02-30", "2026-02-30"), ("0000-01-01", "0000-01-01"), ("2026-13-01", "")],
)
def test_a_due_date_out_of_range_is_refused(desk: Desk, due: str, words: str) -> None:
    client = desk.client("shangwu")
    response = client.post("/task/2.1.3/plan", data={**plan_form(client), **CHANGE, "due": due})
    assert_one_line_refusal(response, 400, words)
    assert plans(desk) == []


def test_a_due_date_in_9999_is_refused_even_with_a_reason(desk: Desk) -> None:
    """The web always asks a reason, so a reason cannot be what lets a date beyond ``latest_due`` through."""
    client = desk.client("shangwu")
    response = client.post("/task/2.1.3/plan", data={**plan_form(client), **CHANGE, "due": "9999-12-31"})
    assert_one_line_refusal(response, 400, "9999-12-31")
    assert plans(desk) == []


def test_ten_thousand_nodes_are_refused_unparsed(desk: Desk) -> None:
    client = desk.client("shangwu")
    nodes = "\n".join(f"2026-06-30 {n}" for n in range(10_000))
    response = client.post("/task/2.1.3/plan", data={**plan_form(client), **CHANGE, "nodes": nodes})
    assert_one_line_refusal(response, 400, "过大")
    assert plans(desk) == []


def test_a_node_a_day_for_the_whole_year_is_taken(desk: Desk) -> None:
    from datetime import date, timedelta

    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]
    nodes = "\n".join(f"{day.isoformat()} {round((n + 1) / 365 * 100, 2)}%" for n, day in enumerate(days))
    client = desk.client("shangwu")
    response = client.post("/task/2.1.3/plan", data={**plan_form(client), **CHANGE, "nodes": nodes, "due": ""})
    assert response.status_code == 200, response.text[-400:]
    [entry] = plans(desk)
    assert len(entry.plan["nodes"]) == 365


@pytest.mark.parametrize(("step", "status"), [("x", 400), ("节", 413)])
def test_a_node_line_of_a_megabyte_is_refused_and_not_echoed_whole(desk: Desk, step: str, status: int) -> None:
    """A megabyte of ASCII reaches the nodes' own limit; of Chinese, URL-encoded, the body's (``MAX_BODY``)."""
    client = desk.client("shangwu")
    nodes = "2026-06-30 " + step * 1_000_000
    response = client.post("/task/2.1.3/plan", data={**plan_form(client), **CHANGE, "nodes": nodes})
    assert_one_line_refusal(response, status, "过大")
    assert len(response.text) < 200_000
    assert plans(desk) == []


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("reason", "顺延\u2066说明"),
        ("reason", "顺延\x1b[2J说明"),
        ("reason", "顺延\x00说明"),
        ("reason", "顺延\x07说明"),
        ("reason", "顺延\u200f说明"),
        ("nodes", "2026-06-30 开工\u202e"),
        ("nodes", "2026-06-30 开工\x00"),
        ("nodes", "2026-06-30 开工\x08"),
        ("nodes", "2026-06-30 开工\u2067"),
        ("due", "2026-12-20\x00"),
        ("due", "2026-12-20\u202e"),
    ],
)
def test_control_and_bidi_characters_are_refused_in_every_field(desk: Desk, field: str, text: str) -> None:
    client = desk.client("shangwu")
    response = client.post("/task/2.1.3/plan", data={**plan_form(client), **CHANGE, field: text})
    assert_one_line_refusal(response, 400)
    marked = re.findall(r'name="(\w+)"[^>]*aria-invalid="true"', response.text)
    assert marked == [field]
    assert plans(desk) == []


def test_a_reason_of_exactly_the_limit_is_taken_and_one_more_is_refused(desk: Desk) -> None:
    client = desk.client("shangwu")
    over = client.post(
        "/task/2.1.3/plan", data={**plan_form(client), **CHANGE, "reason": "长" * (MAX_REASON_CHARS + 1)}
    )
    assert_one_line_refusal(over, 400, "调整说明")
    assert plans(desk) == []
    exact = client.post("/task/2.1.3/plan", data={**plan_form(client), **CHANGE, "reason": "长" * MAX_REASON_CHARS})
    assert exact.status_code == 200
    [entry] = plans(desk)
    assert entry.plan["reason"] == "长" * MAX_REASON_CHARS


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("due", "x" * 1_000_000),
        ("nodes", "x" * 1_000_000),
        ("nodes", "x" * 19_000),  # under the nodes' limit: parsed, and refused as one bad node
        ("nodes", "2026-06-30 开工\n" + "2026-0" + "9" * 19_000 + " 竣工"),
        ("reason", "x" * 1_000_000),
    ],
)
def test_a_huge_field_is_refused_in_a_short_line(desk: Desk, field: str, typed: str) -> None:
    """What was typed is kept in the form (cut to ``MAX_NODES_TEXT``), but the error line never quotes it whole."""
    client = desk.client("shangwu")
    response = client.post("/task/2.1.3/plan", data={**plan_form(client), **CHANGE, field: typed})
    assert_one_line_refusal(response, 400)
    [line] = re.findall(r'<p class="error" role="alert">(.*?)</p>', response.text, re.S)
    assert len(line) < 300, len(line)
    assert len(response.text) < 200_000
    assert plans(desk) == []


def test_a_disabled_office_accounts_live_session_sends_nothing_back(desk: Desk) -> None:
    from tests.web_helpers import report_form

    unit = desk.client("shangwu")
    csrf, form = report_form(unit)
    assert unit.post("/report", data={"csrf": csrf, "form": form, "value.2.1.3": "3"}).status_code == 200
    [entry] = desk.entries()
    office = desk.client("boss")
    page = office.get("/office/retract").text
    assert desk.hedong("user", "disable", "boss").exit_code == 0
    response = office.post(
        "/office/retract", data={"csrf": csrf_of(page), "entry": str(entry.id), "reason": "数据有误"}
    )
    assert response.status_code in (303, 403) and "Traceback" not in response.text
    assert [e.kind for e in desk.entries()] == ["update"]


def read_before_reassigned(desk: Desk, monkeypatch: pytest.MonkeyPatch, *assign: str) -> None:
    """The office reassigns a task just after a request read the report: the request goes on with the report
    as it read it (the race between the read and the write transaction, made certain)."""
    workspace = desk.app.state.desk.workspace
    before = workspace.report(workspace.today)
    assert desk.hedong("assign", *assign).exit_code == 0
    monkeypatch.setattr(workspace, "report", lambda day: before)


def test_a_report_on_a_task_reassigned_meanwhile_writes_nothing(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.web_helpers import report_form

    client = desk.client("jiaoyu")  # partners 2.1.3
    csrf, form = report_form(client)
    read_before_reassigned(desk, monkeypatch, "2.1.3", "--lead", "区商务局")  # no partner any more
    response = client.post("/report", data={"csrf": csrf, "form": form, "value.2.1.3": "3"})
    assert_one_line_refusal(response, 403, "2.1.3")
    assert [entry for entry in desk.entries() if entry.kind == "update"] == []


def test_a_plan_change_on_a_task_whose_lead_changed_meanwhile_writes_nothing(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = desk.client("shangwu")
    hidden = plan_form(client)
    read_before_reassigned(desk, monkeypatch, "2.1.3", "--lead", "区教育局")
    response = client.post("/task/2.1.3/plan", data={**hidden, **CHANGE})
    assert_one_line_refusal(response, 403, "2.1.3")
    assert plans(desk) == []
