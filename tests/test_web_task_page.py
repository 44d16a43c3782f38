"""The web's 任务详情 shows what ``hedong show`` shows: the 完成时限 in force (the plan's, else the catalogue's,
else 31 December, with where it comes from) and the plan's nodes; on SQLite and PostgreSQL."""

from __future__ import annotations

import html
import re

import pytest

from tests.conftest import Hedong
from tests.test_web_plan import CHANGE, post_plan
from tests.web_helpers import Desk, make_desk


@pytest.fixture
def desk(hedong_both: Hedong, request: pytest.FixtureRequest) -> Desk:
    made = make_desk(hedong_both, request)
    assert hedong_both("assign", "2.1.3", "--lead", "区商务局", "--partner", "区教育局").exit_code == 0
    return made


def row(page: str, label: str) -> str:
    """The text of the task table's row named ``label``."""
    found = re.search(rf"<tr><th>{label}</th><td[^>]*>(.*?)</td></tr>", page, re.S)
    assert found, page[:2000]
    return html.unescape(re.sub(r"<br>", "\n", found.group(1))).strip()


def shown(hedong: Hedong, task: str, label: str) -> str:
    """The value ``hedong show`` prints beside ``label`` (its continuation lines joined)."""
    out = hedong("show", task, "--width", "200").stdout
    found = re.search(rf"^{label}\s+(.+)$", out, re.M)
    assert found, out
    return found.group(1).strip()


def test_a_task_without_a_plan_shows_the_year_end_as_hedong_show_does(desk: Desk) -> None:
    page = desk.client("jiaoyu").get("/task/2.1.3").text
    assert row(page, "完成时限") == "2026-12-31（年内完成）"
    assert shown(desk.hedong, "2.1.3", "完成时限") == "2026-12-31（年内完成）"


def test_a_planned_task_shows_the_plans_deadline_and_nodes_as_hedong_show_does(desk: Desk) -> None:
    assert post_plan(desk, "shangwu").status_code == 200
    page = desk.client("jiaoyu").get("/task/2.1.3").text
    assert row(page, "完成时限") == shown(desk.hedong, "2.1.3", "完成时限") == "2026-12-20（计划）"
    assert row(page, "节点安排") == shown(desk.hedong, "2.1.3", "节点安排") == "2026-06-30 10家；2026-12-15 100%"
    assert row(page, "调整说明") == CHANGE["reason"]


def test_the_plan_forms_blank_due_field_says_what_blank_means(desk: Desk) -> None:
    page = desk.client("shangwu").get("/task/2.1.3").text
    assert re.search(r'name="due" value="" placeholder="2026-12-31"', page), page


def test_the_light_row_carries_its_colour_and_the_reason_in_words(desk: Desk) -> None:
    page = desk.client("jiaoyu").get("/task/2.1.3").text
    assert '<tr><th>预警</th><td class="red">红</td></tr>' in page
    assert row(page, "预警原因") == shown(desk.hedong, "2.1.3", "预警原因")


def test_the_units_home_shows_each_tasks_deadline_and_the_lights_reason_in_words(desk: Desk) -> None:
    page = html.unescape(desk.client("shangwu").get("/").text)
    card = page.split('<a href="/task/2.1.3">')[1].split("</section>")[0]
    assert "完成时限：2026-12-31（年内完成）" in card
    assert f"（{shown(desk.hedong, '2.1.3', '预警原因')}）" in card  # 落后序时进度92.9个百分点, as hedong show says


def test_a_refused_value_on_the_units_form_is_kept_and_its_field_marked(desk: Desk) -> None:
    from tests.web_helpers import report_form

    client = desk.client("shangwu")
    csrf, form = report_form(client)
    response = client.post(
        "/report", data={"csrf": csrf, "form": form, "value.2.1.3": "不是数字", "note.2.1.4": "草稿"}
    )
    assert response.status_code == 400
    field = re.search(r'<input name="value\.2\.1\.3"[^>]*>', response.text)
    assert field and 'value="不是数字"' in field.group(0) and 'class="bad" aria-invalid="true"' in field.group(0)
    assert re.search(r'<input name="value\.2\.1\.4"[^>]*>', response.text).group(0).count("bad") == 0  # type: ignore[union-attr]
    assert ">草稿</textarea>" in response.text
    assert desk.entries() == []


def test_the_offices_overview_gives_each_lights_reason_as_hedong_status_does(desk: Desk) -> None:
    page = html.unescape(desk.client("boss").get("/office").text)
    reason = shown(desk.hedong, "2.1.3", "预警原因")
    assert f'<a href="/task/2.1.3">2.1.3</a> 引进各类首店</td><td class="red">红（{reason}）' in page
