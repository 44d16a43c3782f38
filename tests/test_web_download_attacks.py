"""Attacks on the office's downloads (``/office/download/{name}``): a name picks a builder from a fixed list and
never reaches the file system; a unit gets none; a period outside the catalogue's year offers no 通报."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import Hedong
from tests.web_helpers import Desk, csrf_of, make_desk

NAMES = ("brief.docx", "brief-previous.docx", "ledger.xlsx", "plan.docx")


@pytest.fixture
def desk(hedong: Hedong, request: pytest.FixtureRequest) -> Desk:
    return make_desk(hedong, request)


def assert_page_not_file(response: Any, status: int) -> None:
    assert response.status_code == status, (response.status_code, response.text[-300:])
    assert "content-disposition" not in response.headers
    assert response.headers["content-type"].startswith("text/html")
    assert "Traceback" not in response.text and response.text.count('class="error"') == 1


@pytest.mark.parametrize(
    "name",
    [
        "%2e%2e",  # a bare .. is resolved by the client before it is sent
        ".",
        "%2Fetc%2Fpasswd",  # an absolute path, its slashes encoded
        "%252Fetc%252Fpasswd",  # encoded twice
        "..%5C..%5Cjournal.sqlite",  # Windows separators
        "journal.sqlite",
        "ledger.xlsx%00",
        "ledger.xlsx%00.docx",
        "%00",
        "plan.docx%20",
        "ledger.xlsx%3F",
        "brief.docx%23",
        "ledger.XLSX",
        "ｌｅｄｇｅｒ.xlsx",  # full-width letters: NFKC would make them the list's name
        "brief-previous.docx.docx",
        "x" * 5000,
    ],
)
def test_a_name_off_the_fixed_list_is_a_one_line_not_found(desk: Desk, name: str) -> None:
    response = desk.client("boss").get(f"/office/download/{name}")
    assert_page_not_file(response, 404)
    assert len(response.text) < 20_000


@pytest.mark.parametrize(
    "path", ["/office/download//etc/passwd", "/office/download/../../etc/passwd", "/office/download/"]
)
def test_a_path_with_slashes_matches_no_download(desk: Desk, path: str) -> None:
    assert_page_not_file(desk.client("boss").get(path), 404)


@pytest.mark.parametrize("name", NAMES)
def test_a_unit_account_gets_no_office_download(desk: Desk, name: str) -> None:
    for account in ("shangwu", "jiaoyu"):
        assert_page_not_file(desk.client(account).get(f"/office/download/{name}"), 403)
    response = desk.client().get(f"/office/download/{name}")  # and no one not logged in
    assert response.status_code == 303 and response.headers["location"] == "/login"


@pytest.mark.parametrize("name", NAMES)
def test_post_on_a_download_is_refused_and_builds_nothing(
    desk: Desk, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hedong_cli.web import pages

    monkeypatch.setattr(pages, "download", lambda *args: pytest.fail("a POST built a document"))
    client = desk.client("boss")
    csrf = csrf_of(client.get("/office/retract").text)
    assert_page_not_file(client.post(f"/office/download/{name}", data={"csrf": csrf}), 404)


def test_head_on_a_download_answers_as_get_would_without_a_body(desk: Desk) -> None:
    office = desk.client("boss")
    got = office.get("/office/download/ledger.xlsx")
    head = office.head("/office/download/ledger.xlsx")
    assert got.status_code == head.status_code == 200 and head.content == b""
    assert head.headers["content-disposition"] == got.headers["content-disposition"]
    unit = desk.client("shangwu").head("/office/download/ledger.xlsx")
    assert unit.status_code == 403 and "content-disposition" not in unit.headers


@pytest.mark.parametrize("today", [date(2027, 3, 3), date(2025, 6, 30)])
def test_a_day_outside_the_catalogues_year_offers_no_briefing(desk: Desk, today: date) -> None:
    desk.app.state.desk.workspace.env.today = today  # the server's clock, past or before the catalogue's year
    office = desk.client("boss")
    page = office.get("/office/downloads")
    assert page.status_code == 200 and "Traceback" not in page.text
    assert "/office/download/brief" not in page.text
    for name in ("brief.docx", "brief-previous.docx"):
        assert_page_not_file(office.get(f"/office/download/{name}"), 404)
    assert office.get("/office/download/ledger.xlsx").status_code == 200  # the 台账 stands on any day
