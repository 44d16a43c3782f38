"""``hedong init REPORT``: from a report to a working tracker, and several catalogues in one journal."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from hedong_cli.cli.init import catalog_key, stored_path, with_key
from hedong_cli.journal import open_reader
from tests.conftest import Hedong

TODAY = date(2029, 6, 1)
REPORT = """{region}2029年政府工作报告

一、2028年工作回顾
过去一年，新增科技型企业280家。

二、2029年工作安排
2029年全区经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇调查失业率控制在5.5%以内。
重点抓好以下几个方面工作：
（一）提升科技创新能级。新增国家科技型中小企业300家以上。三季度末前建成大学科技园二期。持续优化创新生态。
（二）扩大有效投资。完成固定资产投资100亿元。推进重点项目建设。
"""


@pytest.fixture
def home(tmp_path: Path) -> Hedong:
    """A user with no catalogue configured yet: data and settings folders of their own."""
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HEDONG_CONFIG": str(tmp_path / "cfg" / "config.yaml")}
    env["HEDONG_CACHE_DIR"] = str(tmp_path / "cache")
    return Hedong(db=tmp_path / "journal.sqlite", today=TODAY, extra_env=env)


def report(tmp_path: Path, name: str, region: str = "南开区") -> Path:
    path = tmp_path / name
    path.write_text(REPORT.format(region=region), encoding="utf-8")
    return path


def catalogs(tmp_path: Path) -> list[str]:
    folder = tmp_path / "data" / "hedong" / "catalogs"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_init_makes_a_working_tracker(home: Hedong, tmp_path: Path) -> None:
    result = home("init", str(report(tmp_path, "nankai-2029.txt")))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "有效" in lines[0] and lines[1].startswith("草稿：") and "# 待核" in lines[2]
    assert catalogs(tmp_path) == ["nankai-2029.yaml"]
    stored = tmp_path / "data" / "hedong" / "catalogs" / "nankai-2029.yaml"
    config = (tmp_path / "cfg" / "config.yaml").read_text(encoding="utf-8")
    assert config == f"catalog: {json.dumps(str(stored), ensure_ascii=False)}\n"
    assert (tmp_path / "journal.sqlite").exists()
    status = home("status", "--format", "json")
    assert status.exit_code == 0, status.stderr
    assert json.loads(status.stdout)["summary"]["total"] == 5
    where = home("where").stdout.splitlines()[0].split("\t")
    assert where == ["catalogue", str(stored), f"(config: {tmp_path / 'cfg' / 'config.yaml'})"]
    # --data and $HEDONG_DATA still come first.
    other = home("where", "--data", "x.yaml").stdout.splitlines()[0]
    assert other == "catalogue\tx.yaml\t(--data)"


def test_not_a_report_stores_nothing(home: Hedong, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("会议纪要\n今天讨论了三件事。\n", encoding="utf-8")
    result = home("init", str(notes))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "查找了" in result.stderr
    assert catalogs(tmp_path) == [] and not (tmp_path / "cfg").exists()
    assert not (tmp_path / "journal.sqlite").exists()


def test_a_configured_catalogue_needs_force_and_entries_are_kept(home: Hedong, tmp_path: Path) -> None:
    first = report(tmp_path, "nankai-2029.txt")
    assert home("init", str(first)).exit_code == 0
    assert home("update", "1.1.1", "--status", "推进中", "--date", "2029-05-01").exit_code == 0
    again = home("init", str(first))
    assert again.exit_code == 2 and "--force" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    forced = home("init", str(first), "--force")
    assert forced.exit_code == 0, forced.stderr
    with open_reader(_target(tmp_path), {}) as journal:
        assert journal.count() == 1  # the journal's entries are untouched
    view = json.loads(home("status", "--format", "json").stdout)
    assert next(t for t in view["tasks"] if t["id"] == "1.1.1")["status"] == "in_progress"


def _target(tmp_path: Path):  # type: ignore[no-untyped-def]
    from hedong_cli.journal import JournalLocation

    return JournalLocation(path=tmp_path / "journal.sqlite")


def test_switching_catalogues_never_mixes_entries(home: Hedong, tmp_path: Path) -> None:
    nankai, hexi = report(tmp_path, "nankai-2029.txt"), report(tmp_path, "hexi-2029.txt", "河西区")
    assert home("init", str(nankai)).exit_code == 0
    assert home("update", "1.1.1", "--status", "已完成", "--date", "2029-05-01").exit_code == 0
    assert home("init", str(hexi), "--force").exit_code == 0
    # The same task id in the other district's catalogue: nothing recorded for it there.
    hexi_view = json.loads(home("status", "--format", "json").stdout)
    assert all(t["status"] == "not_started" for t in hexi_view["tasks"])
    assert home("update", "2.1.1", "--status", "推进中", "--date", "2029-05-02").exit_code == 0
    nankai_stored = tmp_path / "data" / "hedong" / "catalogs" / "nankai-2029.yaml"
    nankai_view = json.loads(home("status", "--format", "json", "--data", str(nankai_stored)).stdout)
    statuses = {t["id"]: t["status"] for t in nankai_view["tasks"]}
    assert statuses["1.1.1"] == "done" and statuses["2.1.1"] == "not_started"
    assert catalogs(tmp_path) == ["hexi-2029.yaml", "nankai-2029.yaml"]


def test_a_key_taken_by_another_catalogue_is_refused(home: Hedong, tmp_path: Path) -> None:
    # Entries under the key "nankai-2029" for a task id the new draft does not have: another catalogue's.
    other = tmp_path / "other.yaml"
    other.write_text(
        'year: 2029\nkey: nankai-2029\nsections:\n  - id: "9"\n    title: 其他\n    tasks: []\n'
        '    subsections:\n      - id: "9.1"\n        title: 其他\n        tasks:\n'
        '          - {id: "9.1.1", title: 其他任务, text: 其他任务, kind: ongoing}\n',
        encoding="utf-8",
    )
    assert home("update", "9.1.1", "--status", "推进中", "--data", str(other), "--date", "2029-05-01").exit_code == 0
    result = home("init", str(report(tmp_path, "nankai-2029.txt")))
    assert result.exit_code == 2 and "nankai-2029" in result.stderr and "9.1.1" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert catalogs(tmp_path) == [] and not (tmp_path / "cfg" / "config.yaml").exists()


def test_a_key_from_the_report_text_cannot_leave_the_catalogues_folder(tmp_path: Path) -> None:
    folder = tmp_path / "catalogs"
    for key in ("../../etc/passwd", "..", "a/b\\c", "区\n\x00名", "", "." * 300):
        path = stored_path(folder, key)
        assert path.parent == folder and path.name.endswith(".yaml") and path.name not in (".yaml", "..yaml")
    # A drafted region with a line break or quotes still makes one valid key line.
    drafted = "year: 2029\nsource:\n  region: '南开\"区'\nsections: []\n"
    key = catalog_key(drafted, Path("x.txt"), 2029)
    assert key == '南开"区2029'
    from hedong_cli.catalogue.model import parse_yaml

    assert parse_yaml(with_key(drafted, key))["key"] == key


def test_the_configured_catalogue_is_read_without_yaml(tmp_path: Path) -> None:
    from hedong_cli.common.config import ConfigLocation, configured_catalog, with_catalog

    config = tmp_path / "config.yaml"
    config.write_text("issuer: 南开区人民政府督查室\ncatalog: old.yaml\n", encoding="utf-8")
    location = ConfigLocation(config, "env")
    assert configured_catalog(location) == tmp_path / "old.yaml"  # relative: beside the settings file
    config.write_text(with_catalog(config.read_text(encoding="utf-8"), Path("/srv/清单 2029.yaml")), encoding="utf-8")
    assert config.read_text(encoding="utf-8") == 'issuer: 南开区人民政府督查室\ncatalog: "/srv/清单 2029.yaml"\n'
    assert configured_catalog(location) == Path("/srv/清单 2029.yaml")
    assert configured_catalog(ConfigLocation(tmp_path / "absent.yaml", "env")) is None
    config.write_text("catalog: [1, 2]\n", encoding="utf-8")
    from hedong_cli.common.errors import InputError

    with pytest.raises(InputError, match=r"config\.yaml:1"):
        configured_catalog(location)


def test_init_on_both_backends(hedong_both: Hedong, tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HEDONG_CONFIG": str(tmp_path / "config.yaml")}
    runner = Hedong(db=hedong_both.db, today=TODAY, extra_env={**env, "HEDONG_CACHE_DIR": str(tmp_path / "c")})
    result = runner("init", str(report(tmp_path, "nankai-2029.txt")))
    assert result.exit_code == 0, result.stderr
    assert runner("update", "1.1.1", "--status", "推进中", "--date", "2029-05-01").exit_code == 0
    view = runner.json("status")
    assert view["summary"]["by_status"]["in_progress"] == 1


def test_a_broken_settings_file_stops_init_before_anything_is_stored(home: Hedong, tmp_path: Path) -> None:
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "config.yaml").write_text("issuer: [未闭合\n", encoding="utf-8")
    result = home("init", str(report(tmp_path, "nankai-2029.txt")))
    assert result.exit_code == 2 and "config.yaml:" in result.stderr
    assert catalogs(tmp_path) == [] and not (tmp_path / "journal.sqlite").exists()
    assert (tmp_path / "cfg" / "config.yaml").read_text(encoding="utf-8") == "issuer: [未闭合\n"


HEDONG_REPORT = """河东区2026年政府工作报告
——2026年1月10日在河东区第十八届人民代表大会第五次会议上

一、2025年工作回顾
过去一年，新增科技型企业280家。

二、2026年工作安排
2026年全区经济社会发展的主要预期目标是：地区生产总值增长4.5%左右。
重点抓好以下几个方面工作：
（一）提升科技创新能级。新增国家科技型中小企业300家以上。持续优化创新生态。
（二）扩大有效投资。完成固定资产投资100亿元。推进重点项目建设。
"""


def test_init_on_the_shipped_catalogues_report_keeps_its_key_and_entries(tmp_path: Path) -> None:
    """The shipped catalogue's report (河东区, 2026): a draft keyed 河东区2026 would hide the entries kept
    under the shipped key 2026, so init uses the shipped, reviewed catalogue and stores no draft."""
    from hedong_cli.catalogue.model import load_catalog
    from hedong_cli.tracking.paths import shipped_catalog

    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HEDONG_CONFIG": str(tmp_path / "cfg" / "config.yaml")}
    env["HEDONG_CACHE_DIR"] = str(tmp_path / "cache")
    user = Hedong(db=tmp_path / "journal.sqlite", today=date(2026, 6, 1), extra_env=env)
    assert user("update", "1.1.3", "--status", "推进中", "--date", "2026-05-01").exit_code == 0
    source = tmp_path / "hedong-2026.txt"
    source.write_text(HEDONG_REPORT, encoding="utf-8")
    result = user("init", str(source))
    assert result.exit_code == 0, result.stderr
    assert "清单键 2026" in result.stdout and "沿用" in result.stdout
    assert catalogs(tmp_path) == []  # no draft stored beside the shipped catalogue
    # No settings file is made: the shipped catalogue is the default, wherever an upgrade installs it.
    assert not (tmp_path / "cfg" / "config.yaml").exists()
    assert user("where").stdout.splitlines()[0] == f"catalogue\t{shipped_catalog()}\t(default)"
    view = json.loads(user("status", "--format", "json").stdout)
    assert view["summary"]["total"] == len(load_catalog(shipped_catalog()).tasks)
    assert next(t for t in view["tasks"] if t["id"] == "1.1.3")["status"] == "in_progress"
    # Run again: the configured catalogue is already the shipped one, so nothing asks for --force.
    assert user("init", str(source)).exit_code == 0


def test_init_on_the_shipped_catalogues_report_drops_a_drafted_catalogue_but_keeps_other_settings(
    tmp_path: Path,
) -> None:
    from hedong_cli.tracking.paths import shipped_catalog

    settings = tmp_path / "cfg" / "config.yaml"
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HEDONG_CONFIG": str(settings)}
    env["HEDONG_CACHE_DIR"] = str(tmp_path / "cache")
    user = Hedong(db=tmp_path / "journal.sqlite", today=date(2027, 6, 1), extra_env=env)
    other = tmp_path / "hedong-2027.txt"
    other.write_text(HEDONG_REPORT.replace("2026", "2027").replace("2025", "2026"), encoding="utf-8")
    assert user("init", str(other)).exit_code == 0
    settings.write_text("issuer: 河东区人民政府督查室\n" + settings.read_text(encoding="utf-8"), encoding="utf-8")
    source = tmp_path / "hedong-2026.txt"
    source.write_text(HEDONG_REPORT, encoding="utf-8")
    result = user("init", str(source), "--force")
    assert result.exit_code == 0, result.stderr
    assert settings.read_text(encoding="utf-8") == "issuer: 河东区人民政府督查室\n"
    assert user("where").stdout.splitlines()[0] == f"catalogue\t{shipped_catalog()}\t(default)"


def test_another_years_report_of_the_same_region_is_drafted_under_its_own_key(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HEDONG_CONFIG": str(tmp_path / "cfg" / "config.yaml")}
    env["HEDONG_CACHE_DIR"] = str(tmp_path / "cache")
    user = Hedong(db=tmp_path / "journal.sqlite", today=date(2027, 6, 1), extra_env=env)
    source = tmp_path / "hedong-2027.txt"
    source.write_text(HEDONG_REPORT.replace("2026", "2027").replace("2025", "2026"), encoding="utf-8")
    result = user("init", str(source))
    assert result.exit_code == 0, result.stderr
    assert catalogs(tmp_path) == ["河东区2027.yaml"] and "清单键 河东区2027" in result.stdout
