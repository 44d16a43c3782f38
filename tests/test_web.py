"""The web desk's pages at work, on SQLite and PostgreSQL; and ``hedong serve`` as a command."""

from __future__ import annotations

import io
import re
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import Hedong, installed_hedong
from tests.web_helpers import Desk, csrf_of, make_desk, report_form


@pytest.fixture
def desk(hedong_both: Hedong, request: pytest.FixtureRequest) -> Desk:
    return make_desk(hedong_both, request)


def test_a_unit_reports_two_tasks_in_one_form_and_gets_a_receipt(desk: Desk) -> None:
    client = desk.client("shangwu")
    home = client.get("/")
    assert "引进各类首店" in home.text and "策划消费促进活动" in home.text
    assert "完成缘诚小学改扩建工程" not in home.text  # another unit's task is not on the form
    assert "尚未报送" in home.text
    csrf, form = report_form(client)
    data = {
        "csrf": csrf,
        "form": form,
        "value.2.1.3": "32",
        "note.2.1.3": "新引进首店32家",
        "status.2.1.4": "in_progress",
    }
    receipt = client.post("/report", data=data)
    assert receipt.status_code == 200 and "报送回执" in receipt.text
    entries = desk.entries()
    assert sorted((e.task_id, e.value, e.status, e.note) for e in entries) == [
        ("2.1.3", 32.0, None, "新引进首店32家"),
        ("2.1.4", None, "in_progress", None),
    ]
    assert all(f"#{entry.id}" in receipt.text for entry in entries)
    assert len({entry.recorded_at for entry in entries}) == 1  # one transaction
    if desk.roles:  # on the server: written under the unit's own role, stamped by the database
        assert {(entry.role, entry.unit) for entry in entries} == {(desk.roles["区商务局"], "区商务局")}
    assert all(entry.author and entry.author.startswith("shangwu") for entry in entries)
    assert "已报送" in client.get("/").text


def test_the_task_page_shows_every_field_and_the_history(desk: Desk) -> None:
    client = desk.client("jiaoyu")
    csrf, form = report_form(client)
    client.post("/report", data={"csrf": csrf, "form": form, "value.6.3.2": "300", "note.6.3.2": "已新增300个"})
    page = client.get("/task/6.3.2")
    assert page.status_code == 200
    for text in ("新增义务教育学位", "区教育局", "540", "300", "已新增300个", "jiaoyu"):
        assert text in page.text


def test_the_office_sees_the_figures_the_scorecard_and_who_has_not_reported(desk: Desk) -> None:
    office = desk.client("boss")
    assert office.get("/").headers["location"] == "/office"
    overview = office.get("/office")
    total = re.search(r"任务数</th><td>(\d+)", overview.text)
    report = desk.hedong.json("status")
    assert total and int(total.group(1)) == report["summary"]["total"]
    units = office.get("/office/units")
    assert "区商务局" in units.text and "区教育局" in units.text
    missing = office.get("/office/missing")
    assert "区商务局：贵单位牵头的 2 项重点任务（2.1.3、2.1.4）" in missing.text
    client = desk.client("shangwu")
    csrf, form = report_form(client)
    client.post("/report", data={"csrf": csrf, "form": form, "value.2.1.3": "40"})
    after = office.get("/office/missing")
    assert "区商务局：" not in after.text and "区教育局：" in after.text
    assert re.search(r"任务数</th><td>(\d+)", office.get("/office").text)


def test_the_office_downloads_the_ledger_and_the_plan_table(desk: Desk) -> None:
    office = desk.client("boss")
    assert "ledger.xlsx" in office.get("/office/downloads").text
    for name, part in (("ledger.xlsx", "xl/workbook.xml"), ("plan.docx", "word/document.xml")):
        response = office.get(f"/office/download/{name}")
        assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
        assert part in zipfile.ZipFile(io.BytesIO(response.content)).namelist()


def test_the_office_sends_a_report_back_with_a_reason(desk: Desk) -> None:
    client = desk.client("shangwu")
    csrf, form = report_form(client)
    client.post("/report", data={"csrf": csrf, "form": form, "value.2.1.3": "40"})
    entry = desk.entries()[0]
    office = desk.client("boss")
    page = office.get("/office/retract")
    assert f'value="{entry.id}"' in page.text
    csrf = csrf_of(page.text)
    empty = office.post("/office/retract", data={"csrf": csrf, "entry": str(entry.id), "reason": "  "})
    assert empty.status_code == 400 and len(desk.entries()) == 1
    done = office.post("/office/retract", data={"csrf": csrf, "entry": str(entry.id), "reason": "数据口径有误，请核实"})
    assert done.status_code == 200
    again = office.post("/office/retract", data={"csrf": csrf, "entry": str(entry.id), "reason": "再次"})
    assert again.status_code == 400
    retraction = [e for e in desk.entries() if e.kind == "retract"]
    assert [(e.retracts, e.note) for e in retraction] == [(entry.id, "数据口径有误，请核实")]
    seen = client.get("/task/2.1.3").text
    assert "数据口径有误，请核实" in seen and f"退回记录 #{entry.id}" in seen
    home = client.get("/").text  # and on the unit's own page
    assert "督查室退回的报送" in home and "数据口径有误，请核实" in home


# -- hedong serve -------------------------------------------------------------------------------------------


def test_status_does_not_import_the_web_libraries(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "hedong_cli", "status"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"HEDONG_DB": str(tmp_path / "j.sqlite"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr[-500:]
    loaded = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    assert {"starlette", "jinja2", "uvicorn", "hedong_cli"} & loaded == {"hedong_cli"}


def test_serve_on_a_port_in_use_is_one_line_and_exit_1(tmp_path: Path) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        result = subprocess.run(
            [installed_hedong(), "serve", "--port", str(port), "--db", str(tmp_path / "j.sqlite")],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        taken.close()
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and str(port) in result.stderr


def test_serve_answers_each_connection_with_tcp_nodelay() -> None:
    """The listening socket names TCP as its protocol, so asyncio (uvicorn's loop) sets TCP_NODELAY on every
    connection it accepts. Without it, each response on a kept-alive connection (its headers, then its body, two
    writes) waited for the browser's delayed ACK, about 40 ms a request on Linux."""
    import asyncio

    from hedong_cli.cli.serve import bind

    listener = bind("127.0.0.1", 0)
    nodelay: list[int] = []

    async def accept_one() -> None:
        def on_connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            nodelay.append(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(on_connection, sock=listener)
        async with server:
            reader, writer = await asyncio.open_connection(*listener.getsockname())
            await reader.read()  # the server closed it: the callback has run
            writer.close()

    asyncio.run(asyncio.wait_for(accept_one(), 30))
    assert nodelay == [1]


def test_serve_warns_when_it_listens_beyond_this_machine(tmp_path: Path) -> None:
    probe = socket.socket()
    probe.bind(("0.0.0.0", 0))
    port = probe.getsockname()[1]
    probe.close()
    process = subprocess.Popen(
        [installed_hedong(), "serve", "--host", "0.0.0.0", "--port", str(port), "--db", str(tmp_path / "j.sqlite")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        started = process.stdout.readline() if process.stdout else ""
        warning = process.stderr.readline() if process.stderr else ""
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert f"http://0.0.0.0:{port}" in started
    assert "不只本机可访问" in warning
