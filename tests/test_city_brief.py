"""``hedong brief --city``: the city's 通报 over the districts in one journal; every figure is the district's own."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from tests.conftest import Hedong
from tests.test_city import NANKAI, TODAY, hexi, record_two_districts


@pytest.fixture
def city(hedong_both: Hedong, tmp_path: Path) -> tuple[Hedong, dict[str, Path]]:
    """Two districts' catalogues stored as 'hedong init' keeps them, the 河西区 one in use, on either backend."""
    env = {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "HEDONG_CONFIG": str(tmp_path / "config.yaml"),
        "HEDONG_CACHE_DIR": str(tmp_path / "cache"),
    }
    runner = Hedong(db=hedong_both.db, today=TODAY, extra_env=env)
    folder = tmp_path / "data" / "hedong" / "catalogs"
    folder.mkdir(parents=True)
    nankai = folder / "nankai-2029.yaml"
    nankai.write_bytes(NANKAI.read_bytes())
    other = hexi(tmp_path).rename(folder / "hexi-2029.yaml")
    (tmp_path / "config.yaml").write_text(f'catalog: "{other}"\n', encoding="utf-8")
    record_two_districts(runner, nankai, other)
    return runner, {"南开区": nankai, "河西区": other}


def _district_paragraph(text: str, name: str) -> str:
    lines = [line for line in text.splitlines() if re.match(rf"^\*\*（[一二三]）{name}。\*\*", line)]
    assert len(lines) == 1, text
    return lines[0]


def _ranking_rows(text: str) -> dict[str, list[str]]:
    """附件's table rows by district (and 合计): [rank, district, tasks, done, g, y, r, g%, on/q, nr, nr%]."""
    rows = {}
    for line in text.split("## 附件1")[1].splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if line.startswith("|") and len(cells) == 11 and cells[0] != "排名" and not cells[0].startswith("-"):
            rows[cells[1]] = cells
    return rows


def test_every_figure_equals_the_districts_own_status(city: tuple[Hedong, dict[str, Path]]) -> None:
    runner, districts = city
    result = runner("brief", "--city", "--month", "2029-05")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("# 关于各区县2029年《政府工作报告》重点任务5月份推进情况的通报")
    assert "各区县人民政府：" in text and "现将2个区县2029年" in text
    assert (
        text.index("一、总体情况") < text.index("二、存在问题") < text.index("三、下步工作要求") < text.index("附件1")
    )
    ranking = _ranking_rows(text)
    assert set(ranking) == {"南开区", "河西区", "合计"}
    totals = [0] * 6
    for name, path in districts.items():
        status = runner.json("status", "--data", str(path), "--as-of", "2029-05-31")
        s = status["summary"]
        silent = sum(1 for task in status["tasks"] if task["updated"] is None)
        done, lights = s["by_status"]["done"], [s["by_light"][k] for k in ("green", "yellow", "red")]
        figures = [s["total"], done, *lights, silent]
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
        row = ranking[name]
        assert [int(row[i]) for i in (2, 3, 4, 5, 6, 9)] == figures
        assert row[8] == f"{s['on_schedule']}/{s['quantitative']}"
        assert row[10] == f"{silent / s['total'] * 100:.1f}%"
        paragraph = _district_paragraph(text, name)
        assert f"序时进度{status['expected_pct']:.1f}%" in paragraph
        assert f"重点任务{s['total']}项，已完成{done}项" in paragraph
        assert f"亮绿灯{lights[0]}项、黄灯{lights[1]}项、红灯{lights[2]}项" in paragraph
        assert f"量化指标{s['quantitative']}项，达到序时进度{s['on_schedule']}项" in paragraph
        assert f"尚未报送进展{silent}项" in paragraph
    assert [int(ranking["合计"][i]) for i in (2, 3, 4, 5, 6, 9)] == totals
    # 南开区 has more of its tasks green, so it ranks first; the ranking rule is stated under the table.
    assert ranking["南开区"][0] == "1" and ranking["河西区"][0] == "2"
    assert "排名依次按绿灯任务占比" in text


def test_the_problems_name_only_what_the_figures_hold(city: tuple[Hedong, dict[str, Path]]) -> None:
    runner, districts = city
    text = runner("brief", "--city", "--month", "2029-05", "--format", "txt", "--width", "100").stdout
    problems = text.split("二、存在问题")[1].split("三、下步工作要求")[0]
    hexi_red = runner.json("status", "--data", str(districts["河西区"]), "--as-of", "2029-05-31")["summary"]
    nankai_red = runner.json("status", "--data", str(districts["南开区"]), "--as-of", "2029-05-31")["summary"]
    red = hexi_red["by_light"]["red"] + nankai_red["by_light"]["red"]
    assert f"共{red}项" in problems and f"河西区{hexi_red['by_light']['red']}项" in problems
    # No adjective the figures do not hold.
    for word in ("较好", "显著", "明显", "突出", "成效"):
        assert word not in text


def test_a_city_with_nothing_wrong_says_so(tmp_path: Path) -> None:
    """One district, every task done: no problem is invented, no district is asked to rectify."""
    text = NANKAI.read_text(encoding="utf-8")
    folder = tmp_path / "data" / "hedong" / "catalogs"
    folder.mkdir(parents=True)
    only = folder / "nankai-2029.yaml"
    only.write_text(text, encoding="utf-8")
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    env["HEDONG_DATA"] = str(only)
    runner = Hedong(db=tmp_path / "j.sqlite", today=TODAY, extra_env=env)
    from hedong_cli.catalogue.model import load_catalog

    for task in load_catalog(only).tasks:
        assert runner("update", task.id, "--status", "已完成", "--date", "2029-05-02").exit_code == 0
    result = runner("brief", "--city", "--month", "2029-05")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    problems = out.split("二、存在问题")[1].split("三、下步工作要求")[0]
    assert "各区县均无红灯任务" in problems and "红灯任务整改" not in out


def test_docx_and_html_carry_the_same_figures(city: tuple[Hedong, dict[str, Path]], tmp_path: Path) -> None:
    runner, _ = city
    md = runner("brief", "--city", "--month", "2029-05").stdout
    html = runner("brief", "--city", "--month", "2029-05", "--format", "html").stdout
    out = tmp_path / "city.docx"
    assert runner("brief", "--city", "--month", "2029-05", "-f", "docx", "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(BytesIO(out.read_bytes())) as package:
        body = package.read("word/document.xml").decode("utf-8")
    for name, row in _ranking_rows(md).items():
        assert name in html and name in body
        assert "<td" in html and row[10] in html and row[10] in body


def test_city_refuses_unit_and_lagging(city: tuple[Hedong, dict[str, Path]]) -> None:
    runner, _ = city
    for extra in (("--unit", "区商务局"), ("--attach", "lagging")):
        result = runner("brief", "--city", *extra)
        assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1 and "--city" in result.stderr


def test_district_names_are_text_in_every_format(hedong_both: Hedong, tmp_path: Path) -> None:
    """A region from a drafted report is user text: markup in it is escaped, never run."""
    hostile = NANKAI.read_text(encoding="utf-8").replace("南开区", "<b>南开</b>|区")
    folder = tmp_path / "data" / "hedong" / "catalogs"
    folder.mkdir(parents=True)
    path = folder / "x.yaml"
    path.write_text(hostile, encoding="utf-8")
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "HEDONG_DATA": str(path)}
    runner = Hedong(db=hedong_both.db, today=TODAY, extra_env=env)
    html = runner("brief", "--city", "--month", "2029-05", "--format", "html").stdout
    assert "<b>南开</b>" not in html and "&lt;b&gt;南开&lt;/b&gt;|区" in html
    md = runner("brief", "--city", "--month", "2029-05").stdout
    assert "<b>南开</b>|区" not in md
