"""The reporting cycle in the settings (``reporting:``), the desk's 通报 download, and ``hedong serve``'s
start-up check on a journal it cannot write; on SQLite and PostgreSQL where the desk reads or writes."""

from __future__ import annotations

import io
import re
import socket
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest

from hedong_cli.common.config import Reporting, parse_config
from hedong_cli.common.errors import InputError
from hedong_cli.tracking.period import cycle_periods, reporting_window
from tests.conftest import TODAY, Hedong, init_server, installed_hedong, made_read_only
from tests.pg import Server
from tests.web_helpers import Desk, make_desk, report_form

# -- the settings' reporting: key ------------------------------------------------------------------------


def settings(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_reporting_is_read_from_the_settings_and_weekly_by_friday_when_unset(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    assert parse_config("issuer: 督查室\n", path).reporting == Reporting("week", 5, 25)
    monthly = parse_config("reporting: {period: month, due_day: 20}\n", path).reporting
    assert (monthly.period, monthly.due_day, monthly.describe()) == ("month", 20, "月报：每月20日前")
    weekly = parse_config("reporting:\n  period: week\n  due_weekday: 3\n", path).reporting
    assert (weekly.due_weekday, weekly.describe()) == (3, "周报：每周三前")
    assert parse_config("reporting: {period: month}\n", path).reporting.due_day == 25


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("issuer: x\nreporting: month\n", 2, "reporting 应为"),
        ("reporting:\n  period: quarter\n", 2, "reporting 应为"),
        ("reporting:\n  period: week\n  due_day: 25\n", 3, "reporting 应为"),  # a month's key on a week
        ("reporting:\n  period: month\n  due_weekday: 5\n", 3, "reporting 应为"),
        ("reporting:\n  period: week\n  due_weekday: 0\n", 3, "reporting.due_weekday"),
        ("reporting:\n  period: week\n  due_weekday: 8\n", 3, "reporting.due_weekday"),
        ("reporting:\n  period: month\n  due_day: 32\n", 3, "reporting.due_day"),
        ("reporting:\n  period: month\n  due_day: true\n", 3, "reporting.due_day"),
        ("reporting:\n  period: month\n  due_day: '25'\n", 3, "reporting.due_day"),
        ("reporting:\n  period: month\n  due_day: 2.5\n", 3, "reporting.due_day"),
        ("reporting:\n  period: month\n  when: 25\n", 3, "reporting 应为"),
    ],
)
def test_a_bad_reporting_setting_is_one_line_naming_its_file_and_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = tmp_path / "config.yaml"
    with pytest.raises(InputError) as caught:
        parse_config(text, path)
    assert caught.value.message.startswith(f"{path}:{line}: ") and words in caught.value.message
    assert "\n" not in caught.value.message


def test_the_window_holds_today_and_its_due_day_stays_inside_the_month() -> None:
    week = reporting_window(Reporting("week", 5, 25), date(2026, 11, 26))  # a Thursday
    assert (week.start, week.end, week.due, week.due_text()) == (
        date(2026, 11, 23),
        date(2026, 11, 29),
        date(2026, 11, 27),
        "11月27日",
    )
    february = reporting_window(Reporting("month", 5, 31), date(2026, 2, 10))
    assert (february.start, february.end, february.due) == (date(2026, 2, 1), date(2026, 2, 28), date(2026, 2, 28))
    assert reporting_window(Reporting("week", 7, 25), date(2026, 11, 29)).due == date(2026, 11, 29)


def test_the_cycle_offers_this_period_and_the_last_within_the_catalogue_year() -> None:
    this, last = cycle_periods("week", 2026, TODAY)
    assert this is not None and last is not None
    assert (this.week, last.week) == ((2026, 48), (2026, 47))
    this, last = cycle_periods("month", 2026, TODAY)
    assert this is not None and last is not None
    assert (this.span, last.span) == (("month", 11), ("month", 10))
    assert cycle_periods("month", 2026, date(2026, 1, 5))[1] is None  # December 2025 is not this catalogue's
    first_week = cycle_periods("week", 2026, date(2026, 1, 2))
    assert first_week[0] is not None and first_week[0].start == date(2026, 1, 1) and first_week[1] is None


def test_where_shows_the_reporting_cycle_and_a_bad_one_as_its_error(hedong: Hedong, tmp_path: Path) -> None:
    shown = hedong("where", "--config", str(tmp_path / "absent.yaml"))
    assert shown.exit_code == 0
    path = settings(tmp_path, "reporting: {period: month, due_day: 25}\n")
    shown = hedong("where", "--config", str(path))
    assert shown.exit_code == 0 and "reporting\t月报：每月25日前\n" in shown.stdout
    path = settings(tmp_path, "reporting: {period: month, due_day: 0}\n")
    shown = hedong("where", "--config", str(path))
    assert shown.exit_code == 0 and f"error\t{path}:1: " in shown.stdout


# -- the desk follows the settings ------------------------------------------------------------------------


@pytest.fixture
def desk(hedong_both: Hedong, request: pytest.FixtureRequest) -> Desk:
    return make_desk(hedong_both, request)


def use_settings(desk: Desk, path: Path) -> None:
    desk.app.state.desk.workspace.config_flag = path


def test_the_unit_page_and_the_reminders_follow_the_weekly_default(desk: Desk) -> None:
    home = desk.client("shangwu").get("/").text
    assert "周报：每周五前。" in home and "请于 2026-11-27 前报送" in home
    missing = desk.client("boss").get("/office/missing").text
    assert "周报：每周五前。本期自 2026-11-23 起，截止 2026-11-27" in missing
    assert "请于11月27日前登录报送" in missing


def test_a_monthly_cycle_in_the_settings_moves_the_period_the_due_day_and_the_reminder(
    desk: Desk, tmp_path: Path
) -> None:
    client = desk.client("shangwu")
    csrf, form = report_form(client)
    # Reported on Monday of this week: in this week, and so in this month as well.
    assert client.post("/report", data={"csrf": csrf, "form": form, "value.2.1.3": "30"}).status_code == 200
    use_settings(desk, settings(tmp_path, "reporting: {period: month, due_day: 20}\n"))
    home = client.get("/").text
    assert "月报：每月20日前。" in home and "本期（2026-11-01 起）已报送；截止 2026-11-20" in home
    missing = desk.client("boss").get("/office/missing").text
    assert "本期自 2026-11-01 起，截止 2026-11-20" in missing
    assert "区教育局：" in missing and "请于11月20日前登录报送" in missing and "区商务局：" not in missing


def test_a_settings_file_at_fault_is_a_one_line_page_not_a_traceback(desk: Desk, tmp_path: Path) -> None:
    use_settings(desk, settings(tmp_path, "reporting: {period: fortnight}\n"))
    page = desk.client("boss").get("/office/missing")
    assert page.status_code == 400 and "reporting 应为" in page.text and "Traceback" not in page.text


# -- the 通报 download ---------------------------------------------------------------------------------------


def docx_text(data: bytes) -> list[str]:
    """The document's paragraphs as text, in order (the body, its tables and the 附件)."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    return ["".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", part)) for part in xml.split("</w:p>")]


def cli_docx(hedong: Hedong, tmp_path: Path, *period: str, config: Path | None = None) -> list[str]:
    out = tmp_path / "cli.docx"
    extra = ("--config", str(config)) if config else ()
    result = hedong("brief", *period, "--format", "docx", "-o", str(out), *extra)
    assert result.exit_code == 0, result.stderr
    return docx_text(out.read_bytes())


def test_the_desk_offers_this_weeks_and_last_weeks_briefing_with_the_figures_of_hedong_brief(
    desk: Desk, tmp_path: Path
) -> None:
    client = desk.client("shangwu")
    csrf, form = report_form(client)
    sent = {"csrf": csrf, "form": form, "value.2.1.3": "32", "note.2.1.3": "新引进首店32家", "status.2.1.4": "done"}
    assert client.post("/report", data=sent).status_code == 200
    office = desk.client("boss")
    listed = office.get("/office/downloads").text
    assert "本期督查通报（第48周，2026-11-23 至 2026-11-29）" in listed
    assert "上期督查通报（第47周，2026-11-16 至 2026-11-22）" in listed
    this_week = office.get("/office/download/brief.docx")
    assert this_week.status_code == 200 and "attachment" in this_week.headers["content-disposition"]
    web_text = docx_text(this_week.content)
    assert web_text == cli_docx(desk.hedong, tmp_path, "--week", "2026-W48")
    assert any("32" in line and "首店" in line for line in web_text)  # the unit's report is in it
    last_week = office.get("/office/download/brief-previous.docx")
    assert docx_text(last_week.content) == cli_docx(desk.hedong, tmp_path, "--week", "2026-W47")
    assert docx_text(last_week.content) != web_text


def test_a_monthly_cycle_offers_this_months_and_last_months_briefing(desk: Desk, tmp_path: Path) -> None:
    path = settings(tmp_path, "reporting: {period: month, due_day: 25}\n")
    use_settings(desk, path)
    office = desk.client("boss")
    assert "本期督查通报（11月份，2026-11-01 至 2026-11-30）" in office.get("/office/downloads").text
    this_month = office.get("/office/download/brief.docx").content
    assert docx_text(this_month) == cli_docx(desk.hedong, tmp_path, "--month", "2026-11", config=path)
    last_month = office.get("/office/download/brief-previous.docx").content
    assert docx_text(last_month) == cli_docx(desk.hedong, tmp_path, "--month", "2026-10", config=path)


@pytest.mark.parametrize(
    "name",
    ["brief-next.docx", "brief.docx.", "..%2Fbrief.docx", "brief", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "BRIEF.DOCX"],
)
def test_a_briefing_name_off_the_list_is_not_found_and_reaches_no_file(desk: Desk, name: str) -> None:
    response = desk.client("boss").get(f"/office/download/{name}")
    assert response.status_code == 404 and "attachment" not in response.headers.get("content-disposition", "")


def test_a_unit_cannot_download_the_briefing(desk: Desk) -> None:
    response = desk.client("shangwu").get("/office/download/brief.docx")
    assert response.status_code == 403 and "content-disposition" not in response.headers


def test_in_the_first_week_of_the_year_no_earlier_briefing_is_offered(
    hedong: Hedong, request: pytest.FixtureRequest
) -> None:
    hedong.today = date(2026, 1, 2)
    desk = make_desk(hedong, request)
    office = desk.client("boss")
    assert "上期督查通报" not in office.get("/office/downloads").text
    assert office.get("/office/download/brief-previous.docx").status_code == 404
    assert office.get("/office/download/brief.docx").status_code == 200


# -- hedong serve on a journal it cannot write ------------------------------------------------------------------


def serve_once(db: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``hedong serve`` that must stop before listening (the timeout fails the test if it listens instead)."""
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HEDONG_LANG": "zh", "HEDONG_TODAY": TODAY.isoformat()}
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = str(probe.getsockname()[1])
    probe.close()
    command = [installed_hedong(), "serve", "--port", port, "--db", db]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)


def assert_refused(run: subprocess.CompletedProcess[str], words: str) -> None:
    assert run.returncode == 1 and run.stdout == "", run.stdout
    assert run.stderr.count("\n") == 1 and "hedong serve 未启动：" in run.stderr and words in run.stderr, run.stderr


def test_serve_on_a_read_only_journal_file_says_so_and_exits_1(hedong: Hedong, tmp_path: Path) -> None:
    assert hedong("update", "2.1.3", "--note", "x").exit_code == 0
    path = Path(hedong.db)
    with made_read_only(path, 0o444, 0o644):
        assert_refused(serve_once(str(path), tmp_path), "只读")


def test_serve_on_a_read_only_journal_folder_says_so_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    folder.mkdir()
    with made_read_only(folder, 0o555, 0o755):
        assert_refused(serve_once(str(folder / "journal.sqlite"), tmp_path), str(folder))


def test_serve_on_a_missing_journal_folder_says_so_and_exits_1(tmp_path: Path) -> None:
    assert_refused(serve_once(str(tmp_path / "nowhere" / "journal.sqlite"), tmp_path), "不存在")


def test_serve_as_a_units_role_on_the_server_says_the_desk_needs_the_office(pg_server: Server, tmp_path: Path) -> None:
    server = pg_server
    office = Hedong(db=init_server(server))
    role, password = server.unit_role()
    granted = office("db", "grant", "区商务局", "--role", role, "--password-stdin", input=password + "\n")
    assert granted.exit_code == 0, granted.stderr
    run = serve_once(server.url_as(role, password), tmp_path)
    assert_refused(run, f"数据库角色 {role} 不是督查室角色")
    assert password not in run.stderr
