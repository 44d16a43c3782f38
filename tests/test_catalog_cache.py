"""The parsed-catalogue cache: used only while it matches the YAML, and never a reason to fail."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import hedong_cli
from hedong_cli.catalogue import model as catalog_module
from hedong_cli.catalogue.cache import CACHE_KEEP, load_catalog
from hedong_cli.catalogue.model import TaskTarget
from hedong_cli.common.errors import CatalogError
from hedong_cli.tracking.paths import cache_dir
from tests.conftest import CATALOG, Hedong
from tests.workflow_helpers import WORKFLOW_CATALOG

YAML = """\
year: 2026
source: {doc_no: 测试〔2026〕1号, issued: 2026-01-23}
sections:
  - id: "0"
    title: 主要预期目标
    tasks:
      - id: "0.1"
        title: TITLE
        text: 新增就业1.3万人以上
        kind: quantitative
        target: {value: 1.3, unit: 万人, comparator: ">="}
        baseline: {value: 1.5, unit: 万人, year: 2025}
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
            lead: 区住房建设委
"""


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every YAML parse, so a test can tell a cache hit (no parse) from a miss."""
    seen: list[str] = []
    real = catalog_module.parse_yaml

    def counting(text: str) -> object:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(catalog_module, "parse_yaml", counting)
    return seen


def write(path: Path, title: str = "新增就业") -> Path:
    path.write_text(YAML.replace("TITLE", title), encoding="utf-8")
    return path


def cache_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.json"))


def test_a_cached_catalogue_equals_the_parsed_one(tmp_path: Path, parses: list[str]) -> None:
    cache = tmp_path / "cache"
    parsed = load_catalog(CATALOG)
    first = load_catalog(CATALOG, cache_dir=cache)
    assert len(parses) == 2 and len(cache_files(cache)) == 1
    second = load_catalog(CATALOG, cache_dir=cache)
    assert len(parses) == 2, "the second load should come from the cache"
    assert second == first == parsed
    assert second.path == CATALOG
    task = second.by_id["0.4"]
    assert isinstance(task.target, TaskTarget) and task.target == parsed.by_id["0.4"].target
    assert isinstance(second.sections, tuple) and isinstance(second.sections[1].subsections, tuple)
    assert [t.due for t in second.tasks] == [t.due for t in parsed.tasks]


def test_a_cached_catalogue_keeps_one_copy_of_each_repeated_text(tmp_path: Path) -> None:
    """Section ids, kinds, lead units and units recur over every task: read from the cache, tasks share them
    (at 100,000 tasks a copy each cost about 25 MiB), and the values are those of the parsed catalogue."""
    cache = tmp_path / "cache"
    load_catalog(WORKFLOW_CATALOG, cache_dir=cache)
    cached = load_catalog(WORKFLOW_CATALOG, cache_dir=cache)
    assert cached == load_catalog(WORKFLOW_CATALOG)
    tasks = cached.tasks
    texts = {
        "kind": [task.kind for task in tasks],
        "lead": [task.lead for task in tasks if task.lead],
        "unit": [task.target.unit for task in tasks if task.target],
    }
    for field, values in texts.items():
        # as many objects as distinct texts, and fewer than the tasks that hold them
        assert len({id(value) for value in values}) == len(set(values)) < len(values), field


def test_the_cache_is_plain_json_a_line_at_a_time(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    catalog = load_catalog(write(tmp_path / "c.yaml"), cache_dir=cache)
    (file,) = cache_files(cache)
    lines = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["key"]["size"] == (tmp_path / "c.yaml").stat().st_size
    assert lines[-1] == ["end", len(catalog.tasks)]
    assert sum(1 for line in lines if isinstance(line, dict) and line.get("@") == "Task") == len(catalog.tasks)


def test_a_cache_cut_short_is_a_miss(tmp_path: Path, parses: list[str]) -> None:
    cache = tmp_path / "cache"
    path = write(tmp_path / "c.yaml")
    expected = load_catalog(path, cache_dir=cache)
    (file,) = cache_files(cache)
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    for keep in (len(lines) - 1, len(lines) - 2, 2):  # without its count, without a task, only the head
        file.write_text("".join(lines[:keep]), encoding="utf-8")
        assert load_catalog(path, cache_dir=cache) == expected
        file.write_text("".join(lines), encoding="utf-8")
    assert len(parses) == 4, "each cut file should have been parsed again"


def test_a_changed_yaml_of_the_same_size_and_mtime_is_parsed_again(tmp_path: Path, parses: list[str]) -> None:
    cache = tmp_path / "cache"
    path = write(tmp_path / "c.yaml", "新增就业一")
    assert load_catalog(path, cache_dir=cache).by_id["0.1"].title == "新增就业一"
    before = path.stat()
    write(path, "新增就业二")  # same length in bytes
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert load_catalog(path, cache_dir=cache).by_id["0.1"].title == "新增就业二"
    assert len(parses) == 2


def test_a_yaml_broken_after_caching_reports_its_errors(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    path = write(tmp_path / "c.yaml")
    load_catalog(path, cache_dir=cache)
    path.write_text(YAML.replace("kind: milestone", "kind: wish"), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path, cache_dir=cache)
    assert caught.value.problems[0].startswith(f"{path}:")


def test_another_hedong_version_does_not_use_the_cache(
    tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    path = write(tmp_path / "c.yaml")
    load_catalog(path, cache_dir=cache)
    monkeypatch.setattr(hedong_cli, "__version__", "99.0.0")
    load_catalog(path, cache_dir=cache)
    assert len(parses) == 2


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "garbage": lambda _: b"\x00\xff not json at all",
    "empty": lambda _: b"",
    "truncated": lambda raw: raw[: len(raw) // 2],
    "wrong shape": lambda _: b"[1, 2, 3]",
    "unknown type tag": lambda raw: raw.replace(b'"TaskTarget"', b'"Popen"'),
    "wrong field count": lambda raw: raw.replace(b'"@": "Baseline", "v": [', b'"@": "Baseline", "v": [1, '),
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_a_corrupt_cache_falls_back_to_parsing_and_is_rewritten(
    tmp_path: Path, parses: list[str], corrupt: Callable[[bytes], bytes]
) -> None:
    cache = tmp_path / "cache"
    path = write(tmp_path / "c.yaml")
    expected = load_catalog(path, cache_dir=cache)
    (file,) = cache_files(cache)
    damaged = corrupt(file.read_bytes())
    assert damaged != file.read_bytes()
    file.write_bytes(damaged)
    assert load_catalog(path, cache_dir=cache) == expected
    assert len(parses) == 2
    assert load_catalog(path, cache_dir=cache) == expected
    assert len(parses) == 2, "the fallback should have rewritten a good cache"


def test_an_unusable_cache_directory_is_ignored(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    path = write(tmp_path / "c.yaml")
    assert load_catalog(path, cache_dir=blocker / "cache") == load_catalog(path)
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_the_cache_keeps_a_bounded_number_of_files(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for number in range(CACHE_KEEP + 5):
        load_catalog(write(tmp_path / f"c{number}.yaml"), cache_dir=cache)
    assert len(cache_files(cache)) <= CACHE_KEEP
    assert not list(cache.glob(".*"))  # no temporary files left behind


def test_cache_directory_lookup() -> None:
    assert cache_dir({"HEDONG_CACHE_DIR": "/srv/cache"}) == Path("/srv/cache")
    if sys.platform not in ("win32", "darwin"):  # XDG platforms
        assert cache_dir({"XDG_CACHE_HOME": "/x/cache"}) == Path("/x/cache/hedong")


def test_the_cli_caches_the_catalogue(hedong: Hedong, tmp_path: Path) -> None:
    cache = tmp_path / "cli-cache"
    hedong.extra_env = {"HEDONG_CACHE_DIR": str(cache)}
    first = hedong("status", "--format", "json")
    assert first.exit_code == 0, first.stderr
    assert len(cache_files(cache)) == 1
    second = hedong("status", "--format", "json")
    assert second.stdout == first.stdout
