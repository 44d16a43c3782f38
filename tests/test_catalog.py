"""Loading and validating the catalogue: structure of the shipped file, and FILE:LINE errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hedong_cli.catalogue.model import load_catalog
from hedong_cli.common.errors import CatalogError
from tests.conftest import CATALOG

MINIMAL = """\
year: 2026
sections:
  - id: "0"
    title: 主要预期目标
    tasks:
      - id: "0.1"
        title: 新增就业
        text: 新增就业1.3万人以上
        kind: quantitative
        target: {value: 1.3, unit: 万人, comparator: ">="}
  - id: "1"
    title: 第一部分
    subsections:
      - id: "1.1"
        title: 分项
        tasks:
          - id: "1.1.1"
            title: 完成某工程
            text: 年内完成某工程
            kind: milestone
            due: "2026-12-31"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "catalog.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        load_catalog(write(tmp_path, text))
    return caught.value.problems


def test_shipped_catalogue_structure() -> None:
    catalog = load_catalog(CATALOG)
    assert catalog.year == 2026 and catalog.key == "2026"
    assert catalog.source["doc_no"] == "河东政发〔2026〕1号"
    # the goals, the six parts of section 三, and its closing paragraph on the government's own work
    assert [s.id for s in catalog.sections] == ["0", "1", "2", "3", "4", "5", "6", "7"]
    assert len(catalog.section("0").tasks) == 6
    assert sum(len(s.subsections) for s in catalog.sections[1:7]) == 20
    government = [s.title for s in catalog.section("7").subsections]
    assert government == ["加强思想政治建设", "深入推进依法行政", "改进作风提升能力", "一以贯之廉洁从政"]
    assert len(catalog.tasks) == len(catalog.by_id) == 6 + 139 + 8
    assert catalog.region == "河东区" and catalog.source["region"] == "河东区"
    quantitative = [t for t in catalog.tasks if t.kind == "quantitative"]
    assert quantitative and all(t.target is not None for t in quantitative)
    assert all(t.target is None for t in catalog.tasks if t.kind != "quantitative")
    assert all(t.lead is None for t in catalog.tasks), "the report names no lead unit"
    first_stores = catalog.by_id["2.1.3"]
    assert (first_stores.target.value, first_stores.target.unit, first_stores.target.comparator) == (50, "家", ">=")
    assert first_stores.baseline is not None and first_stores.baseline.value == 90
    assert catalog.by_id["1.1.5"].due == date(2026, 12, 31)
    assert catalog.subsection_title(catalog.by_id["2.1.3"]) == "多点发力提振消费"


def test_minimal_catalogue_loads(tmp_path: Path) -> None:
    catalog = load_catalog(write(tmp_path, MINIMAL))
    assert [t.id for t in catalog.tasks] == ["0.1", "1.1.1"]
    assert catalog.by_id["0.1"].subsection is None
    assert catalog.by_id["1.1.1"].subsection == "1.1"


@pytest.mark.parametrize(
    ("change", "line", "fragment"),
    [
        (('"1.1.1"', '"0.1"'), 17, "0.1"),  # duplicate id, reported where the duplicate stands
        (('"1.1.1"', '"1.2.1"'), 17, "1.1.<n>"),  # id does not match its subsection
        (("kind: milestone", "kind: someday"), 20, "someday"),
        (('comparator: ">="', 'comparator: "approx"'), 10, "approx"),  # about (左右) is a comparator now
        (("value: 1.3", "value: lots"), 10, "value"),
        (('due: "2026-12-31"', 'due: "2027-03-01"'), 21, "2027-03-01"),
        (('due: "2026-12-31"', 'due: "next spring"'), 21, "due"),
        (("title: 完成某工程", "title: 完成某工程完成某工程完成某工程完成某工程完成某工程"), 18, "20"),
        (("kind: milestone", "kind: milestone\n            owner: 某局"), 21, "owner"),
    ],
)
def test_each_problem_names_file_and_line(tmp_path: Path, change: tuple[str, str], line: int, fragment: str) -> None:
    found = problems(tmp_path, MINIMAL.replace(*change))
    assert any(p.startswith(f"{tmp_path / 'catalog.yaml'}:{line}: ") and fragment in p for p in found), found


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = MINIMAL.replace("kind: milestone", "kind: someday").replace("value: 1.3", "value: lots")
    assert len(problems(tmp_path, text)) == 2


def test_malformed_yaml_reports_its_line(tmp_path: Path) -> None:
    found = problems(tmp_path, MINIMAL.replace("    title: 分项", "    title: [分项"))
    assert len(found) == 1
    path, line, message = found[0].split(":", 2)  # tmp_path holds no colon
    assert path == str(tmp_path / "catalog.yaml") and 15 <= int(line) <= 17, found
    assert "YAML" in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as caught:
        load_catalog(tmp_path / "nope.yaml")
    assert caught.value.problems == [f"{tmp_path / 'nope.yaml'}:0: 找不到目标任务清单文件"]


def test_unsafe_tags_are_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, MINIMAL.replace("title: 分项", "title: !!python/object/apply:os.system ['true']"))
    assert len(found) == 1 and ".yaml:15:" in found[0]


def test_quantitative_needs_target_and_others_must_not_have_one(tmp_path: Path) -> None:
    text = MINIMAL.replace('        target: {value: 1.3, unit: 万人, comparator: ">="}\n', "")
    text = text.replace("kind: milestone", 'kind: milestone\n            target: {value: 1, unit: 个, comparator: "="}')
    found = problems(tmp_path, text)
    assert any("target" in p for p in found) and len(found) == 2


def test_check_command_reports_problems_and_orphans(hedong, tmp_path: Path) -> None:
    bad = write(tmp_path, MINIMAL.replace("kind: milestone", "kind: someday"))
    result = hedong("check", "--data", str(bad))
    assert result.exit_code == 1
    assert result.stderr == f"hedong: {bad}:20: 未知的任务类型“someday”（可用：quantitative, milestone, ongoing）\n"
    assert hedong("update", "2.1.3", "--value", "3").exit_code == 0
    good = write(tmp_path, MINIMAL)
    result = hedong("check", "--data", str(good))
    assert result.exit_code == 1
    assert "2.1.3" in result.stderr and "#1" in result.stderr
    assert hedong("check").exit_code == 0
