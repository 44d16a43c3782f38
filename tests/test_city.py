"""``hedong city``: one row per district over one journal; each row equals that district's own status."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.conftest import REPO, Hedong

NANKAI = REPO / "tests" / "fixtures" / "nankai_2029.yaml"
TODAY = date(2029, 6, 1)


def hexi(tmp_path: Path) -> Path:
    """A second district's catalogue: the same task ids, its own key and region."""
    text = NANKAI.read_text(encoding="utf-8").replace("南开", "河西").replace("nankai-2029", "hexi-2029")
    path = tmp_path / "hexi_2029.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def record(runner: Hedong, catalog: Path, *entries: tuple[str, ...]) -> None:
    for args in entries:
        result = runner(*args, "--data", str(catalog))
        assert result.exit_code == 0, result.stderr


@pytest.fixture
def city(hedong_both: Hedong, tmp_path: Path) -> tuple[Hedong, list[Path]]:
    runner = Hedong(db=hedong_both.db, today=TODAY, extra_env={"HEDONG_CACHE_DIR": str(tmp_path / "cache")})
    other = hexi(tmp_path)
    record_two_districts(runner, NANKAI, other)
    return runner, [NANKAI, other]


def record_two_districts(runner: Hedong, nankai: Path, other: Path) -> None:
    """The same task ids in both catalogues, each district its own entries."""
    record(
        runner,
        nankai,
        ("update", "1.1.1", "--value", "250", "--date", "2029-05-02"),
        ("update", "1.1.2", "--status", "已完成", "--date", "2029-04-01"),
        ("update", "0.2", "--value", "6.2", "--date", "2029-05-02"),
    )
    record(
        runner,
        other,
        ("update", "1.1.1", "--value", "20", "--date", "2029-05-02"),
        ("update", "1.1.3", "--status", "受阻", "--date", "2029-05-20"),
    )


def test_each_district_equals_its_own_status(city: tuple[Hedong, list[Path]]) -> None:
    runner, catalogs = city
    args = [arg for path in catalogs for arg in ("--data", str(path))]
    view = runner.json("city", *args)
    assert [row["region"] for row in view["districts"]] == ["南开区", "河西区"]
    for row, path in zip(view["districts"], catalogs, strict=True):
        status = runner.json("status", "--data", str(path))
        summary = status["summary"]
        assert row["tasks"] == summary["total"]
        assert row["done"] == summary["by_status"]["done"]
        assert [row["green"], row["yellow"], row["red"]] == [summary["by_light"][k] for k in ("green", "yellow", "red")]
        assert row["quantitative"] == summary["quantitative"] and row["on_schedule"] == summary["on_schedule"]
        assert row["not_reported"] == sum(1 for task in status["tasks"] if task["updated"] is None)
    nankai, other = view["districts"]
    # Entries never cross: the same ids, different figures.
    assert (nankai["done"], nankai["not_reported"]) == (1, 2)
    assert (other["done"], other["not_reported"], other["red"]) == (0, 3, 3)  # 受阻, 20 of 300, GDP unreported
    assert view["total"]["tasks"] == 10 and view["total"]["not_reported"] == 5
    table = runner("city", *args, "--width", "80").stdout
    assert "南开区" in table and "河西区" in table and "合计" in table
    assert all(len(line) <= 80 for line in table.splitlines())
    csv_lines = runner("city", *args, "--format", "csv").stdout.splitlines()
    assert csv_lines[0].startswith("region,key,year,tasks") and csv_lines[1].startswith("南开区,nankai-2029,2029,5,1,")


def test_two_catalogues_with_one_key_are_refused(city: tuple[Hedong, list[Path]]) -> None:
    runner, _ = city
    result = runner("city", "--data", str(NANKAI), "--data", str(NANKAI))
    assert result.exit_code == 2 and "nankai-2029" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_without_data_the_stored_catalogues_are_the_districts(tmp_path: Path) -> None:
    env = {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "HEDONG_CONFIG": str(tmp_path / "config.yaml"),
        "HEDONG_CACHE_DIR": str(tmp_path / "cache"),
    }
    runner = Hedong(db=tmp_path / "journal.sqlite", today=TODAY, extra_env=env)
    folder = tmp_path / "data" / "hedong" / "catalogs"
    folder.mkdir(parents=True)
    (folder / "nankai-2029.yaml").write_bytes(NANKAI.read_bytes())
    hexi(tmp_path).rename(folder / "hexi-2029.yaml")
    (tmp_path / "config.yaml").write_text(f'catalog: "{folder / "hexi-2029.yaml"}"\n', encoding="utf-8")
    view = runner.json("city")
    assert [row["key"] for row in view["districts"]] == ["hexi-2029", "nankai-2029"]
