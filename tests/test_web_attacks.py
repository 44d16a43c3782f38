"""The web desk's attacks, each written as a test before the code that stops it; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import Hedong
from tests.web_helpers import Desk, csrf_of, login, make_desk, report_form


@pytest.fixture
def desk(hedong_both: Hedong, request: pytest.FixtureRequest) -> Desk:
    return make_desk(hedong_both, request)


def test_a_unit_cannot_write_another_units_task(desk: Desk) -> None:
    client = desk.client("shangwu")
    csrf, form = report_form(client)
    response = client.post("/report", data={"csrf": csrf, "form": form, "value.2.1.3": "3", "status.6.3.1": "done"})
    assert response.status_code == 403 and "6.3.1" in response.text and "区商务局" in response.text
    assert desk.entries() == []  # not even the unit's own task of the same form


def test_a_forged_task_id_writes_nothing(desk: Desk) -> None:
    client = desk.client("shangwu")
    csrf, form = report_form(client)
    for forged in ("9.9.9", "2.1.3 ", "../../etc/passwd", "2.1.3\u202e"):
        response = client.post("/report", data={"csrf": csrf, "form": form, f"value.{forged}": "3"})
        assert response.status_code == 400, forged
    assert desk.entries() == []


def test_office_pages_refuse_a_unit(desk: Desk) -> None:
    client = desk.client("shangwu")
    for path in ("/office", "/office/units", "/office/missing", "/office/downloads", "/office/download/ledger.xlsx"):
        response = client.get(path)
        assert response.status_code == 403 and "督查室" in response.text, path
    csrf, _ = report_form(client)
    assert client.post("/office/retract", data={"csrf": csrf, "entry": "1", "reason": "x"}).status_code == 403


def test_a_page_without_login_goes_to_the_login(desk: Desk) -> None:
    client = desk.client()
    for path in ("/", "/office", "/task/2.1.3"):
        response = client.get(path)
        assert response.status_code == 303 and response.headers["location"] == "/login"


def test_a_missing_or_wrong_csrf_token_writes_nothing(desk: Desk) -> None:
    client = desk.client("shangwu")
    _, form = report_form(client)
    for token in (None, "", "x" * 43, csrf_of(desk.client().get("/login").text)):
        data = {"form": form, "value.2.1.3": "3"} | ({"csrf": token} if token is not None else {})
        response = client.post("/report", data=data)
        assert response.status_code == 403 and "表单已失效" in response.text
    assert desk.entries() == []
    page = desk.client().get("/login")  # the login form too
    assert desk.client().post("/login", data={"name": "shangwu", "password": "shangwu-password-1"}).status_code == 403
    assert page.status_code == 200


def test_an_expired_session_must_log_in_again(desk: Desk) -> None:
    client = desk.client("shangwu")
    csrf, form = report_form(client)
    sessions = desk.app.state.desk.sessions
    clock = sessions.clock
    sessions.clock = lambda: clock() + 9 * 3600  # past the working day a session lasts
    try:
        assert client.get("/").status_code == 303
        response = client.post("/report", data={"csrf": csrf, "form": form, "value.2.1.3": "3"})
        assert response.status_code in (303, 403)
    finally:
        sessions.clock = clock
    assert desk.entries() == []


def _bad_value(desk: Desk, fields: dict[str, str], expected: str) -> None:
    client = desk.client("shangwu")
    csrf, form = report_form(client)
    response = client.post("/report", data={"csrf": csrf, "form": form, **fields})
    assert response.status_code == 400, response.text[-400:]
    assert expected in response.text
    assert desk.entries() == []


def test_an_empty_form_writes_nothing(desk: Desk) -> None:
    _bad_value(desk, {"value.2.1.3": "  ", "note.2.1.3": "", "status.2.1.3": ""}, "未填写任何内容")


def test_text_for_a_number_is_refused_and_kept_in_the_form(desk: Desk) -> None:
    _bad_value(desk, {"value.2.1.3": "三十<b>", "value.2.1.4": "12"}, "三十&lt;b&gt;")


def test_a_value_too_large_for_a_float_is_refused(desk: Desk) -> None:
    _bad_value(desk, {"value.2.1.3": "1e309"}, "1e309")
    _bad_value(desk, {"value.2.1.4": "2e15"}, "1e15")


def test_a_note_over_the_limit_is_refused(desk: Desk) -> None:
    _bad_value(desk, {"note.2.1.3": "进" * 32_768}, "32,767")


def test_a_status_not_in_the_list_is_refused(desk: Desk) -> None:
    _bad_value(desk, {"status.2.1.3": "finished"}, "状态无效")


def test_bidi_characters_are_removed_from_a_note(desk: Desk) -> None:
    client = desk.client("shangwu")
    csrf, form = report_form(client)
    response = client.post("/report", data={"csrf": csrf, "form": form, "note.2.1.3": "新引进\u202e首店\u2066"})
    assert response.status_code == 200, response.text[-300:]
    assert [entry.note for entry in desk.entries()] == ["新引进首店"]


def test_a_double_submit_writes_once(desk: Desk) -> None:
    client = desk.client("shangwu")
    csrf, form = report_form(client)
    data = {"csrf": csrf, "form": form, "value.2.1.3": "31", "value.2.1.4": "120"}
    first = client.post("/report", data=data)
    second = client.post("/report", data=data)
    assert first.status_code == second.status_code == 200
    assert "未重复写入" in second.text
    assert sorted(entry.value for entry in desk.entries()) == [31.0, 120.0]


def test_user_text_is_escaped_everywhere_it_is_shown(desk: Desk) -> None:
    client = desk.client("shangwu")
    csrf, form = report_form(client)
    client.post("/report", data={"csrf": csrf, "form": form, "note.2.1.3": "<script>alert(1)</script>"})
    page = client.get("/task/2.1.3")
    assert "<script>alert" not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_login_is_limited_per_account_and_per_address(desk: Desk) -> None:
    client = desk.client()
    for _ in range(5):
        assert login(client, "jiaoyu", "wrong-password").status_code == 401
    assert login(client, "jiaoyu", "jiaoyu-password-1").status_code == 401  # locked now
    for _ in range(15):
        login(client, "nobody", "wrong-password")
    response = login(client, "shangwu", "shangwu-password-1")  # right, but this address failed 20 times
    assert response.status_code == 429 and "15分钟" in response.text


def test_cookies_and_headers(desk: Desk) -> None:
    client = desk.client()
    response = login(client, "shangwu", "shangwu-password-1")
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax") and "Secure" not in cookie
    for path in ("/login", "/", "/nowhere"):
        headers = client.get(path).headers
        assert "default-src 'none'" in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
    from starlette.testclient import TestClient

    from hedong_cli.web.app import Settings, create_app

    secure = create_app(desk.app.state.desk.workspace, Settings(secure_cookie=True))
    over_tls = TestClient(secure, base_url="https://127.0.0.1", follow_redirects=False)  # a Secure cookie needs it
    assert "Secure" in login(over_tls, "shangwu", "shangwu-password-1").headers["set-cookie"]


def test_the_first_login_must_change_the_password(desk: Desk) -> None:
    result = desk.hedong("user", "add", "newbie", "--unit", "区商务局")
    one_time = next(line for line in result.stdout.splitlines() if "一次性密码" in line).split("：")[1].split("（")[0]
    client = desk.client()
    response = login(client, "newbie", one_time)
    assert response.headers["location"] == "/password"
    assert client.get("/").headers["location"] == "/password"
    page = client.get("/password")
    csrf = csrf_of(page.text)
    short = client.post("/password", data={"csrf": csrf, "old": one_time, "new": "short", "again": "short"})
    assert short.status_code == 400 and "10" in short.text
    done = client.post(
        "/password", data={"csrf": csrf, "old": one_time, "new": "a-long-new-pass", "again": "a-long-new-pass"}
    )
    assert done.status_code == 303 and client.get("/").status_code == 200


def test_no_request_reaches_the_file_system(desk: Desk) -> None:
    client = desk.client("boss")
    for name in ("..%2F..%2Fetc%2Fpasswd", "%2e%2e/journal.sqlite", "ledger.xlsx%00", "journal.sqlite"):
        response = client.get(f"/office/download/{name}")
        assert response.status_code == 404 and "root:" not in response.text


def test_errors_are_one_line_without_a_traceback(desk: Desk) -> None:
    client = desk.client("shangwu")
    response = client.get("/task/99.99")
    assert response.status_code == 404 and "Traceback" not in response.text
    broken = desk.app.state.desk.workspace
    saved = broken.db
    broken.db = (
        "postgresql://nobody@127.0.0.1:1/none" if str(saved).startswith("postgresql") else "/nonexistent/x.sqlite"
    )
    broken.close()  # the journals kept open since the login: from now on every page opens the unreachable one
    try:
        response = client.get("/")
    finally:
        broken.db = saved
    assert response.status_code == 503 and "无法连接" in response.text and "Traceback" not in response.text


def test_on_the_server_row_level_security_holds_without_the_desks_own_check(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not desk.roles:
        pytest.skip("a SQLite journal has no row-level security: the desk's own check is the only one")
    from hedong_cli.web import desk as work

    monkeypatch.setattr(work, "writes", lambda view, unit: True)  # as if the desk forgot to check
    monkeypatch.setattr(work, "check_still_assigned", lambda *args: None)  # both of its checks
    client = desk.client("shangwu")
    csrf, form = report_form(client)
    response = client.post("/report", data={"csrf": csrf, "form": form, "value.6.3.2": "3"})
    assert response.status_code == 400 and "Traceback" not in response.text
    assert desk.entries() == []


def test_the_log_never_holds_a_password(desk: Desk, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    client = desk.client()
    login(client, "shangwu", "typo-in-the-password-9")
    login(client, "shangwu", "shangwu-password-1")
    page = client.get("/password")
    client.post(
        "/password",
        data={"csrf": csrf_of(page.text), "old": "shangwu-password-1", "new": "next-password-77", "again": "x"},
    )
    logged = caplog.text + "".join(str(record.args) for record in caplog.records)
    for secret in ("typo-in-the-password-9", "shangwu-password-1", "next-password-77"):
        assert secret not in logged


def test_a_nul_in_a_login_name_logs_nobody_in_and_is_no_server_error(desk: Desk) -> None:
    """PostgreSQL text cannot hold a NUL: a login name holding one is refused on one line (SQLite finds no such
    account), never a server error, and logs nobody in."""
    client = desk.client()
    response = login(client, "shangwu\x00", "shangwu-password-1")
    assert response.status_code in (400, 401) and "Traceback" not in response.text
    assert client.get("/").status_code == 303  # still not logged in: the tasks page sends to the login
    assert login(client, "shangwu", "shangwu-password-1").status_code == 303
