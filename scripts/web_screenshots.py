"""Screenshots of every page of the web desk at 390×844 (a phone) and 1280×800 (a desktop), into docs/web/.

    python scripts/web_screenshots.py          # needs hedong[web], playwright and /usr/bin/chromium

It makes a journal of its own in a temporary folder (two units, the office, a few reports), starts
``hedong serve`` on it, and drives Debian's Chromium with JavaScript off, as a liaison's locked-down PC may.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "web"
SIZES = {"390": (390, 844), "1280": (1280, 800)}
HEDONG = [sys.executable, "-m", "hedong_cli"]


def run(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    done = subprocess.run([*HEDONG, *args], env=env, input=stdin, text=True, check=True, capture_output=True)
    return done.stdout


def one_time_password(printed: str) -> str:
    """The password ``hedong user add`` / ``user reset`` prints: 一次性密码：XXXX（首次登录须修改）."""
    line = next(line for line in printed.splitlines() if "：" in line and "（" in line)
    return line.split("：", 1)[1].split("（", 1)[0]


def log_in(page: Page, url: str, name: str, password: str) -> None:
    page.goto(f"{url}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.click("form[action='/login'] button")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="hedong-shots-"))
    env = {**os.environ, "HEDONG_DB": str(folder / "journal.sqlite"), "HEDONG_TODAY": "2026-11-26"}
    run(env, "assign", "2.1.3", "2.1.4", "2.1.6", "--lead", "区商务局")
    run(env, "assign", "6.3.1", "6.3.2", "--lead", "区教育局")
    run(env, "update", "6.3.2", "--value", "300", "--note", "已新增学位300个", "--date", "2026-11-02")
    run(env, "user", "add", "shangwu", "--unit", "区商务局", "--password-stdin", stdin="shangwu-password-1\n")
    run(env, "user", "add", "boss", "--office", "--password-stdin", stdin="office-password-1\n")
    run(env, "user", "add", "jiaoyu", "--unit", "区教育局")  # a one-time password: the forced change page
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([*HEDONG, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        assert server.stdout is not None
        server.stdout.readline()
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for size, (width, height) in SIZES.items():
                page = browser.new_page(viewport={"width": width, "height": height}, java_script_enabled=False)
                page.goto(f"{url}/login")
                page.screenshot(path=OUT / f"login-{size}.png", full_page=True)
                log_in(page, url, "shangwu", "shangwu-password-1")
                page.screenshot(path=OUT / f"unit-{size}.png", full_page=True)
                page.fill("input[name='value.2.1.3']", "不是数字")
                page.click("form[action='/report'] button")
                page.screenshot(path=OUT / f"unit-error-{size}.png", full_page=True)
                page.fill("input[name='value.2.1.3']", str(40 + int(size) % 7))
                page.fill("textarea[name='note.2.1.4']", "11月举办促消费活动12场")
                page.click("form[action='/report'] button")
                page.screenshot(path=OUT / f"receipt-{size}.png", full_page=True)
                page.goto(f"{url}/task/2.1.3")
                page.screenshot(path=OUT / f"task-{size}.png", full_page=True)
                # the lead unit's plan change on 任务详情: a refusal (no reason), then the receipt
                page.fill("input[name=due]", "2026-12-20")
                page.fill("textarea[name=nodes]", f"2026-06-30 10\n2026-12-{10 + int(size) % 7} 100%")
                page.click("form[action='/task/2.1.3/plan'] button")
                page.screenshot(path=OUT / f"plan-error-{size}.png", full_page=True)
                page.fill("textarea[name=reason]", "受招商活动排期影响，年底节点顺延")
                page.click("form[action='/task/2.1.3/plan'] button")
                page.screenshot(path=OUT / f"plan-receipt-{size}.png", full_page=True)
                office = browser.new_page(viewport={"width": width, "height": height}, java_script_enabled=False)
                log_in(office, url, "boss", "office-password-1")
                # 退回: the office sends the unit's newest report back; the unit's home then shows it
                office.goto(f"{url}/office/retract")
                newest = "form[action='/office/retract'] >> nth=0"
                office.fill(f"{newest} >> input[name=reason]", "数据口径与台账不一致，请核实后重报")
                office.click(f"{newest} >> button")
                page.goto(f"{url}/")
                page.screenshot(path=OUT / f"unit-sent-back-{size}.png", full_page=True)
                first_login = browser.new_page(viewport={"width": width, "height": height}, java_script_enabled=False)
                log_in(first_login, url, "jiaoyu", one_time_password(run(env, "user", "reset", "jiaoyu")))
                first_login.screenshot(path=OUT / f"password-{size}.png", full_page=True)
                for name, path in (("overview", "/office"), ("units", "/office/units"), ("missing", "/office/missing"),
                                   ("downloads", "/office/downloads"), ("retract", "/office/retract")):  # fmt: skip
                    office.goto(url + path)
                    # the overview lists every red and yellow task: its first screen shows the figures
                    office.screenshot(path=OUT / f"{name}-{size}.png", full_page=name != "overview")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    main()
