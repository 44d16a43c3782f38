"""A lead unit changes its task's plan on the web, with its reason: the same parsing and rules as ``hedong
plan``; partners, other units and the office refused; on SQLite and PostgreSQL (there under the unit's role)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import Hedong
from tests.web_helpers import Desk, csrf_of, make_desk

CHANGE = {"due": "2026-12-20", "nodes": "2026-06-30 10\n2026-12-15 100%", "reason": "受招商进度影响，节点顺延"}


@pytest.fixture
def desk(hedong_both: Hedong, request: pytest.FixtureRequest) -> Desk:
    made = make_desk(hedong_both, request)
    assert hedong_both("assign", "2.1.3", "--lead", "区商务局", "--partner", "区教育局").exit_code == 0
    return made


def plans(desk: Desk) -> list[Any]:
    return [entry for entry in desk.entries() if entry.kind == "plan"]


def post_plan(desk: Desk, account: str, task: str = "2.1.3", **fields: str) -> Any:
    client = desk.client(account)
    page = client.get(f"/task/{task}")
    based_on = re.search(r'name="based_on" value="([^"]*)"', page.text)
    hidden = {"csrf": csrf_of(page.text), "based_on": based_on.group(1) if based_on else ""}
    return client.post(f"/task/{task}/plan", data={**hidden, **CHANGE, **fields})


def test_the_lead_unit_changes_due_date_and_nodes_with_a_reason_as_hedong_plan_would(desk: Desk) -> None:
    page = desk.client("shangwu").get("/task/2.1.3").text
    assert 'action="/task/2.1.3/plan"' in page and "调整计划（仅牵头单位）" in page
    receipt = post_plan(desk, "shangwu")
    assert receipt.status_code == 200 and "报送回执" in receipt.text, receipt.text
    [entry] = plans(desk)
    assert f"#{entry.id}" in receipt.text and "完成时限 2026-12-20" in receipt.text
    assert entry.plan["due"] == "2026-12-20" and entry.plan["reason"] == CHANGE["reason"]
    assert [node["date"] for node in entry.plan["nodes"]] == ["2026-06-30", "2026-12-15"]
    assert entry.author.startswith("shangwu")
    if desk.roles:  # written under the unit's own role, stamped by the database
        assert (entry.role, entry.unit) == (desk.roles["区商务局"], "区商务局")
    shown = desk.hedong.json("plan", "2.1.3")  # the command line reads the same plan
    assert (shown["due"], shown["reason"]) == ("2026-12-20", CHANGE["reason"])
    assert [node["date"] for node in shown["nodes"]] == ["2026-06-30", "2026-12-15"]
    history = desk.client("jiaoyu").get("/task/2.1.3").text  # 任务详情's history, seen by anyone
    assert f"#{entry.id}" in history and "调整计划：完成时限 2026-12-20" in history and CHANGE["reason"] in history
    again = desk.client("shangwu").get("/task/2.1.3").text
    assert 'value="2026-12-20"' in again and "2026-06-30 10" in again  # the form starts from the plan in force


def test_a_double_submit_writes_one_plan_entry(desk: Desk) -> None:
    client = desk.client("shangwu")
    page = client.get("/task/2.1.3").text
    hidden = {"csrf": csrf_of(page), "based_on": ""}  # no plan yet
    first = client.post("/task/2.1.3/plan", data={**hidden, **CHANGE})
    second = client.post("/task/2.1.3/plan", data={**hidden, **CHANGE})
    assert first.status_code == 200 and second.status_code == 400 and "未变更" in second.text
    assert len(plans(desk)) == 1


@pytest.mark.parametrize(
    ("account", "task", "status", "words"),
    [
        ("jiaoyu", "2.1.3", 403, "只能由牵头单位调整"),  # a partner reports; it does not plan
        ("jiaoyu", "2.1.4", 403, "只能由牵头单位调整"),  # another unit's task
        ("boss", "2.1.3", 403, "仅单位账号"),  # the office plans with hedong plan, not as a unit
        ("shangwu", "9.9.9", 404, "9.9.9"),  # a forged task id
    ],
)
def test_only_the_lead_unit_may_change_a_plan(desk: Desk, account: str, task: str, status: int, words: str) -> None:
    response = post_plan(desk, account, task)
    assert response.status_code == status and words in response.text
    assert plans(desk) == []


def test_the_partner_sees_no_plan_form(desk: Desk) -> None:
    page = desk.client("jiaoyu").get("/task/2.1.3").text
    assert "/task/2.1.3/plan" not in page and "调整计划（仅牵头单位）" not in page


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"reason": ""}, "请写明计划调整的原因"),
        ({"reason": "   \n "}, "请写明计划调整的原因"),
        ({"reason": "顺延\u202e说明"}, "调整说明"),  # a bidi control in the reason
        ({"reason": "长" * 1001}, "调整说明"),
        ({"due": "明年某时"}, "明年某时"),
        ({"due": "2026-02-30"}, "2026-02-30"),
        ({"nodes": "2026-09-30 20\n2026-06-30 10"}, "2026-06-30"),  # out of order
        ({"nodes": "2026-06-30 1e309"}, "2026-06-30"),
        ({"nodes": "2026-06-30 -5"}, "2026-06-30"),
        ({"nodes": "2027-03-31 10"}, "2027-03-31"),  # outside the catalogue's year
        ({"nodes": "2026-06-30 开工\x1b[31m"}, "2026-06-30"),  # a control character in a step
        ({"nodes": "2026-06-30 10\n" * 2000}, "过大"),  # longer than any year's nodes
        ({"due": "2026-05-31"}, "2026-12-15"),  # before the last node
    ],
)
def test_a_bad_plan_change_writes_nothing_keeps_what_was_typed_and_says_why(
    desk: Desk, fields: dict[str, str], words: str
) -> None:
    response = post_plan(desk, "shangwu", **fields)
    assert response.status_code == 400 and words in response.text and "Traceback" not in response.text
    assert 'class="error"' in response.text and response.text.count('class="error"') == 1
    assert f'value="{fields.get("due", CHANGE["due"])}"' in response.text  # what was typed is kept
    assert plans(desk) == []


def test_a_plan_change_without_the_csrf_token_is_refused(desk: Desk) -> None:
    client = desk.client("shangwu")
    response = client.post("/task/2.1.3/plan", data=CHANGE)
    assert response.status_code == 403 and plans(desk) == []


def test_on_the_server_row_level_security_refuses_another_units_plan_without_the_desks_check(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not desk.roles:
        pytest.skip("a SQLite journal has no row-level security: the desk's own check is the only one")
    from hedong_cli.web import desk as work

    monkeypatch.setattr(work, "may_plan", lambda view, unit: True)  # as if the desk forgot to check
    monkeypatch.setattr(work, "check_still_assigned", lambda *args: None)  # both of its checks
    response = post_plan(desk, "jiaoyu", "2.1.4")  # 区商务局's task, neither led nor partnered by 区教育局
    assert response.status_code == 400 and "Traceback" not in response.text
    assert plans(desk) == []


@pytest.mark.parametrize(
    ("fields", "marked"),
    [({"reason": ""}, "reason"), ({"nodes": "2026-06-30 1e309"}, "nodes"), ({"due": "明年某时"}, "due")],
)
def test_the_field_at_fault_is_marked(desk: Desk, fields: dict[str, str], marked: str) -> None:
    response = post_plan(desk, "shangwu", **fields)
    invalid = re.findall(r'name="(\w+)"[^>]*aria-invalid="true"', response.text)
    assert response.status_code == 400 and invalid == [marked]
