"""Who may write a task (``tracking/rights.py``): the predicate itself, the web desk that uses it, and its
agreement, case by case, with the server's row-level security policy and with what ``hedong update`` and
``hedong plan`` of a unit's own role may write."""

from __future__ import annotations

from datetime import date
from itertools import product
from typing import Any

import pytest

from hedong_cli.catalogue.model import load_catalog
from hedong_cli.journal import open_reader
from hedong_cli.journal.entry import TaskState
from hedong_cli.journal.location import parse_location
from hedong_cli.tracking.rights import Assignment, may_write, refused
from tests.conftest import CATALOG, Hedong, init_server
from tests.pg import Server
from tests.test_postgres import ok

CATALOGUE = load_catalog(CATALOG)
SHANGWU, JIAOYU, CAIZHENG = "区商务局", "区教育局", "区财政局"


def test_the_lead_reports_and_plans_a_partner_only_reports_anyone_else_nothing() -> None:
    assigned = Assignment(SHANGWU, (JIAOYU,))
    assert may_write(assigned, SHANGWU, "update") and may_write(assigned, SHANGWU, "plan")
    assert may_write(assigned, JIAOYU, "update") and not may_write(assigned, JIAOYU, "plan")
    for kind in ("update", "plan", "assign", "retract"):
        assert not may_write(assigned, CAIZHENG, kind)
        assert not may_write(assigned, None, kind) and not may_write(assigned, "", kind)
    for kind in ("assign", "retract"):  # the office's, or a rule of its own (one's own entries)
        assert not may_write(assigned, SHANGWU, kind)


def test_an_unassigned_task_is_nobodys_to_write_whatever_the_catalogue_names() -> None:
    assert Assignment.of(None) == Assignment()
    assert Assignment.of(TaskState(status="done", lead=None)) == Assignment()  # reported, never assigned
    for kind in ("update", "plan"):
        assert not may_write(Assignment(), SHANGWU, kind)
        assert not may_write(Assignment(None, (SHANGWU,)), SHANGWU, kind)  # partners without a lead: no one


def test_a_catalogue_lead_alone_gives_no_right_on_the_web(tmp_path: Any) -> None:
    """The report shows the catalogue's lead for an unassigned task; the desk's form does not offer it."""
    from hedong_cli.tracking.progress import build_report
    from hedong_cli.web import desk

    catalog = load_catalog(CATALOG)
    task = catalog.tasks[0]
    catalog_led = task._replace(lead=SHANGWU)
    report = build_report(catalog, {}, date(2026, 6, 1), tasks=[catalog_led])
    [view] = report.views
    assert view.lead == SHANGWU and not view.assigned
    assert not desk.writes(view, SHANGWU) and not desk.may_plan(view, SHANGWU)
    assert desk.unit_views(report, SHANGWU) == []


# -- the predicate and the server's policy agree ---------------------------------------------------------

TASKS = {
    "2.1.3": "区商务局 leads, 区教育局 partners",
    "2.1.4": "reassigned from 区商务局 to 区教育局",
    "6.3.1": "区教育局's assignment retracted: back to 区商务局",
    "6.3.2": "never assigned",
    "6.3.3": "区商务局 from June; 区财政局 recorded later, dated March: 区商务局's stands",
}


def assign_cases(office: Hedong) -> None:
    ok(office("assign", "2.1.3", "--lead", SHANGWU, "--partner", JIAOYU))
    ok(office("assign", "2.1.4", "--lead", SHANGWU, "--date", "2026-03-01"))
    ok(office("assign", "2.1.4", "--lead", JIAOYU, "--date", "2026-06-01"))
    ok(office("assign", "6.3.1", "--lead", SHANGWU, "--date", "2026-03-01"))
    ok(office("assign", "6.3.1", "--lead", JIAOYU, "--date", "2026-06-01"))
    newest = office.json("log", "--task", "6.3.1", "--limit", "1")[0]["entry"]
    ok(office("undo", "--entry", str(newest)))
    ok(office("assign", "6.3.3", "--lead", SHANGWU, "--date", "2026-06-01"))
    ok(office("assign", "6.3.3", "--lead", CAIZHENG, "--date", "2026-03-01"))


def core_allows(url: str, unit: str, task: str, kind: str) -> bool:
    with open_reader(parse_location(url), {}) as journal:
        return refused(journal, CATALOGUE.key, unit, [{"task_id": task, "kind": kind}]) is None


def policy_allows(server: Server, role: str, password: str, task: str, kind: str) -> bool:
    """An INSERT of the unit's own role, as with psql (hedong's own check not in the way), rolled back."""
    import psycopg

    payload = {"update": ("status", "in_progress"), "plan": ("plan", '{"due": "2026-12-20"}')}[kind]
    with psycopg.connect(server.url_as(role, password), connect_timeout=5) as conn:
        try:
            conn.execute(
                f"INSERT INTO entries (catalog, task_id, kind, recorded_at, effective, {payload[0]}, role)"
                " VALUES (%s, %s, %s, 'now', '2026-11-26', %s, current_user)",
                (CATALOGUE.key, task, kind, payload[1]),
            )
        except psycopg.errors.InsufficientPrivilege:
            return False
        finally:
            conn.rollback()
    return True


DUES = iter(range(1, 31))  # a new 完成时限 each time: a plan the same as the one in force is not written


def cli_allows(unit_cli: Hedong, task: str, kind: str) -> bool:
    if kind == "update":
        result = unit_cli("update", task, "--status", "in_progress")
    else:
        result = unit_cli("plan", task, "--due", f"2026-11-{next(DUES):02d}", "--reason", "按计划调整")
    assert result.exit_code in (0, 2), result.output  # refused: one line and the exit code of bad input
    assert result.exit_code == 2 or "#" in result.output, result.output  # allowed: an entry written
    return result.exit_code == 0


@pytest.fixture
def roles(pg_server: Server) -> dict[str, tuple[str, str]]:
    """The office assigns the cases' tasks and grants each of the three units a role: unit -> (role, password)."""
    init_server(pg_server)
    office = Hedong(db=pg_server.url)
    assign_cases(office)
    granted = {}
    for unit, prefix in ((SHANGWU, "shangwu"), (JIAOYU, "jiaoyu"), (CAIZHENG, "caizheng")):
        role, password = pg_server.unit_role(prefix)
        ok(office("db", "grant", unit, "--role", role, "--password-stdin", input=password + "\n"))
        granted[unit] = (role, password)
    return granted


def test_the_predicate_the_policy_and_the_command_line_agree_on_every_case(
    roles: dict[str, tuple[str, str]], pg_server: Server
) -> None:
    decided = {}
    for unit, task, kind in product(roles, TASKS, ("update", "plan")):
        role, password = roles[unit]
        core = core_allows(pg_server.url, unit, task, kind)
        policy = policy_allows(pg_server, role, password, task, kind)
        cli = cli_allows(Hedong(db=pg_server.url_as(role, password)), task, kind)
        assert core == policy == cli, (unit, task, TASKS[task], kind, core, policy, cli)
        decided[unit, task, kind] = core
    # and the cases say what the rule says
    assert decided[SHANGWU, "2.1.3", "plan"] and decided[JIAOYU, "2.1.3", "update"]
    assert not decided[JIAOYU, "2.1.3", "plan"] and not decided[CAIZHENG, "2.1.3", "update"]
    assert not decided[SHANGWU, "2.1.4", "update"] and decided[JIAOYU, "2.1.4", "plan"]
    assert decided[SHANGWU, "6.3.1", "plan"] and not decided[JIAOYU, "6.3.1", "update"]
    assert not any(decided[unit, "6.3.2", kind] for unit in roles for kind in ("update", "plan"))
    assert decided[SHANGWU, "6.3.3", "plan"] and not decided[CAIZHENG, "6.3.3", "update"]
