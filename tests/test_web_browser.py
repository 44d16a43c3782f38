"""A real browser (Debian's Chromium, driven by Playwright) on a real ``hedong serve``: a unit logs in and
reports two tasks, sees the receipt; the office then finds the figures and the 未报送 list changed."""

from __future__ import annotations

import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Hedong, installed_hedong

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytest.importorskip("playwright.sync_api", reason="the browser test needs playwright (pip install playwright)")
if not Path(CHROMIUM).exists():
    pytest.skip("the browser test needs Chromium (/usr/bin/chromium)", allow_module_level=True)

from playwright.sync_api import Page, sync_playwright  # noqa: E402

PASSWORD = "shangwu-password-1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served(hedong: Hedong) -> Iterator[str]:
    hedong("assign", "2.1.3", "2.1.4", "--lead", "区商务局")
    hedong("assign", "6.3.1", "--lead", "区教育局")
    hedong("user", "add", "shangwu", "--unit", "区商务局", "--password-stdin", input=PASSWORD + "\n")
    hedong("user", "add", "boss", "--office", "--password-stdin", input="office-password-1\n")
    port = free_port()
    env = {**hedong.env().environ, "PATH": "/usr/bin:/bin", "HEDONG_TODAY": hedong.today.isoformat()}
    process = subprocess.Popen(
        [installed_hedong(), "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and f":{port}" in process.stdout.readline()
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def log_in(page: Page, url: str, name: str, password: str) -> None:
    page.goto(f"{url}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    # Wait for the page the login leads to: a bare click returns once the POST commits, and under load the
    # redirect's page may still be loading when the test reads it (content() was then empty).
    with page.expect_navigation(wait_until="load"):
        page.click("form[action='/login'] button")


def test_a_unit_reports_in_a_browser_and_the_office_sees_it(served: str) -> None:
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            office = browser.new_page(viewport={"width": 1280, "height": 800}, java_script_enabled=False)
            log_in(office, served, "boss", "office-password-1")
            office.goto(f"{served}/office/missing")
            assert "区商务局：" in office.content()
            red_before = office.goto(f"{served}/office").text()  # type: ignore[union-attr]

            unit = browser.new_page(viewport={"width": 390, "height": 844}, java_script_enabled=False)
            log_in(unit, served, "shangwu", PASSWORD)
            assert "本单位任务" in unit.content()
            unit.fill("input[name='value.2.1.3']", "48")
            unit.select_option("select[name='status.2.1.4']", "in_progress")
            unit.fill("textarea[name='note.2.1.4']", "已举办促消费活动")
            with unit.expect_navigation(wait_until="load"):
                unit.click("form[action='/report'] button")
            receipt = unit.content()
            assert "报送回执" in receipt and receipt.count("<tr>") == 3  # the header and two entries

            office.goto(f"{served}/office/missing")
            assert "区商务局：" not in office.content() and "区教育局：" in office.content()
            assert office.goto(f"{served}/office").text() != red_before  # type: ignore[union-attr]
        finally:
            browser.close()
