"""Every output on another district's catalogue speaks of that district and year, never of Hedong 2026.

The fixture is a small 南开区 2029 catalogue (baselines of 2028): no "河东", no "Hedong" and no 2025 or 2026
may appear anywhere in status, show, units, the ledger, the 分工方案 or the briefing, in every format.
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import REPO, Hedong

NANKAI = REPO / "tests" / "fixtures" / "nankai_2029.yaml"
TODAY = date(2029, 6, 1)
FOREIGN = re.compile(r"河东|Hedong|2025|2026")


@pytest.fixture
def nankai(tmp_path: Path) -> Hedong:
    (tmp_path / "config.yaml").write_text("", encoding="utf-8")  # no office settings: the neutral defaults
    env = {
        "HEDONG_DATA": str(NANKAI),
        "HEDONG_CONFIG": str(tmp_path / "config.yaml"),
        "HEDONG_CACHE_DIR": str(tmp_path),
    }
    runner = Hedong(db=tmp_path / "journal.sqlite", today=TODAY, extra_env=env)
    for args in (
        ("update", "1.1.1", "--value", "120", "--note", "新增120家", "--date", "2029-05-02"),
        ("update", "0.2", "--value", "6", "--date", "2029-05-02"),
        ("update", "1.1.2", "--status", "推进中", "--date", "2029-03-01"),
    ):
        result = runner(*args)
        assert result.exit_code == 0, result.stderr
    return runner


def office_text(data: bytes) -> str:
    """The words a reader sees in a docx or xlsx: every XML part but the dates the file was made on."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                text = archive.read(name).decode("utf-8")
                text = re.sub(r"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", "", text)
                parts.append(html.unescape(text))  # openpyxl writes CJK as character references
    return "\n".join(parts)


def foreign_words(text: str) -> list[str]:
    return sorted({match.group(0) for match in FOREIGN.finditer(text)})


TEXT_OUTPUTS = [
    ("status",),
    ("status", "--all"),
    ("status", "--format", "json"),
    ("status", "--format", "csv"),
    ("status", "--format", "md"),
    ("status", "--light", "red,yellow"),
    ("show", "1.1.1"),
    ("show", "0.2"),
    ("units",),
    ("units", "--format", "json"),
    ("units", "--format", "csv"),
    ("export", "--format", "csv"),
    ("export", "--format", "json"),
    ("plan", "export", "-", "--format", "csv"),
    ("brief", "--format", "md"),
    ("brief", "--format", "txt"),
    ("brief", "--format", "html"),
    ("where",),
]


@pytest.mark.parametrize("args", TEXT_OUTPUTS, ids=" ".join)
def test_text_outputs_name_the_catalogues_district_and_year(nankai: Hedong, args: tuple[str, ...]) -> None:
    result = nankai(*args)
    assert result.exit_code == 0, result.stderr
    assert foreign_words(result.stdout) == [], result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("export", "ledger.xlsx"),
        ("plan", "export", "plan.xlsx"),
        ("plan", "export", "plan.docx"),
        ("brief", "-f", "docx", "-o", "brief.docx"),
    ],
    ids=" ".join,
)
def test_documents_name_the_catalogues_district_and_year(nankai: Hedong, tmp_path: Path, args: tuple[str, ...]) -> None:
    out = tmp_path / args[-1]
    result = nankai(*args[:-1], str(out))
    assert result.exit_code == 0, result.stderr
    text = office_text(out.read_bytes())
    assert foreign_words(text) == []
    assert "南开区" in text and "2029" in text


def test_titles_carry_the_region_and_year(nankai: Hedong) -> None:
    assert nankai("status").stdout.splitlines()[0] == "南开区2029年政府工作报告重点任务推进情况"
    assert nankai("status", "--format", "md").stdout.startswith("# 南开区2029年政府工作报告重点任务推进情况")
    assert "南开区2029年" in nankai("brief", "--format", "md").stdout
    english = nankai("status", "--lang", "en").stdout.splitlines()[0]
    assert english == "南开区 2029 work report: key task progress"


def test_show_prints_a_baseline_once(nankai: Hedong) -> None:
    shown = nankai("show", "1.1.1").stdout
    line = next(line for line in shown.splitlines() if "280" in line)
    assert line.split() == ["基数", "280家（2028）"]


def test_a_catalogue_without_a_region_names_no_district(tmp_path: Path) -> None:
    plain = tmp_path / "plain.yaml"
    text = NANKAI.read_text(encoding="utf-8").replace("  region: 南开区\n", "")
    plain.write_text(text, encoding="utf-8")
    runner = Hedong(db=tmp_path / "j.sqlite", today=TODAY, extra_env={"HEDONG_DATA": str(plain)})
    first = runner("status").stdout.splitlines()[0]
    assert first == "2029年政府工作报告重点任务推进情况"
    assert json.loads(runner("status", "--format", "json").stdout)["summary"]["total"] == 5


def test_root_help_names_no_district() -> None:
    result = Hedong(db="unused.sqlite")("--help")
    assert result.exit_code == 0
    assert foreign_words(result.stdout) == []


def test_every_output_reads_an_unreported_ceiling(tmp_path: Path) -> None:
    """No entry at all: the ceiling 0.2 is 未报送 (progress unknown) in every output, and none fails on it."""
    runner = Hedong(db=tmp_path / "journal.sqlite", today=TODAY, extra_env={"HEDONG_DATA": str(NANKAI)})
    for args in TEXT_OUTPUTS:
        result = runner(*args)
        assert result.exit_code == 0, (args, result.stderr)
    view = next(t for t in runner.json("status")["tasks"] if t["id"] == "0.2")
    assert (view["light"], view["light_reason"], view["progress_pct"]) == ("yellow", "not_reported", None)
    assert "未报送" in runner("show", "0.2").stdout


@pytest.mark.parametrize("region", ['"南开\\n区"', "[南开区]", '""', "1234", "区" * 31, '"\\u202e区"'])
def test_a_region_that_cannot_head_a_title_is_refused(tmp_path: Path, region: str) -> None:
    from hedong_cli.catalogue.model import load_catalog
    from hedong_cli.common.errors import CatalogError

    path = tmp_path / "bad.yaml"
    path.write_text(NANKAI.read_text(encoding="utf-8").replace("region: 南开区", f"region: {region}"), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    assert caught.value.message.startswith(f"{path}:5:") and "source.region" in caught.value.message
