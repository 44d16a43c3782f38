"""YAML abuse: tags that would run code and alias bombs are refused with ``FILE:LINE`` errors,
without running anything and without using much memory.

The catalogue is read with PyYAML's safe loader (no ``!!python/...`` constructors at all), and the
loader refuses anchors and aliases, so a "billion laughs" document stops at the first reuse of an anchor.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hedong_cli.catalogue.model import load_catalog
from hedong_cli.common.errors import CatalogError
from tests.conftest import CATALOG, Hedong, installed_hedong

REAL_LINES = CATALOG.read_text(encoding="utf-8").split("\n")
TITLE_LINE = next(n for n, line in enumerate(REAL_LINES) if line.lstrip().startswith("title: ") and n > 10)

# Each would run `touch SENTINEL` (or hand out a callable or module) under an unsafe loader.
CODE_TAGS = (
    "!!python/object/apply:os.system ['touch {sentinel}']",
    "!!python/object/new:os.system ['touch {sentinel}']",
    "!!python/object/apply:subprocess.check_call [[touch, {sentinel}]]",
    "!!python/object:builtins.dict {{}}",
    "!!python/name:os.system",
    "!!python/module:os",
)

RSS_LIMIT_MB = 300
# Loads a catalogue in a fresh interpreter whose address space is capped, so that a regression
# fails this test with a MemoryError instead of exhausting the machine.
LOAD = """
import resource, sys
cap = 1024 ** 3
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
from pathlib import Path
from hedong_cli.catalogue.model import load_catalog
from hedong_cli.common.errors import CatalogError
try:
    load_catalog(Path(sys.argv[1]))
except CatalogError as exc:
    print("\\n".join(exc.problems))
    sys.exit(1)
print("loaded")
"""
# Runs a command as its only child and reports the child's peak RSS (getrusage of children).
MEASURE = """
import json, resource, subprocess, sys
child = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=120)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": child.returncode, "out": child.stdout, "err": child.stderr, "peak": peak}))
"""


def peak_run(*command: str) -> tuple[int, str, str, float]:
    """Run ``command`` under the measuring parent; returns (exit status, stdout, stderr, peak RSS in MB)."""
    run = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    peak_mb = report["peak"] / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes on macOS, KiB on Linux
    return report["rc"], report["out"], report["err"], peak_mb


def with_title(value: str) -> str:
    """The real catalogue with one task title replaced by ``value``."""
    lines = list(REAL_LINES)
    indent = lines[TITLE_LINE].split("title:")[0]
    lines[TITLE_LINE] = f"{indent}title: {value}"
    return "\n".join(lines)


def billion_laughs(levels: int = 9, fan: int = 9) -> str:
    """``fan`` ** ``levels`` strings from a few hundred bytes, if aliases were expanded."""
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * fan) + "]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * fan) + "]")
    return "\n".join(lines) + "\nyear: 2026\nsections: [*a8]\n"


def assert_refused_at(path: Path, line: int, pattern: str) -> None:
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    assert caught.value.problems == [caught.value.problems[0]], "one problem, then stop"
    assert re.fullmatch(rf"{re.escape(str(path))}:{line}: .*{pattern}.*", caught.value.problems[0])


def assert_check_refuses(hedong: Hedong, path: Path, line: int) -> None:
    result = hedong("check", "--data", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"hedong: {path}:{line}: ") and result.stderr.count("\n") == 1, result.stderr


@pytest.mark.parametrize("tag", CODE_TAGS)
def test_python_tags_are_refused_and_nothing_runs(hedong: Hedong, tmp_path: Path, tag: str) -> None:
    sentinel = tmp_path / "pwned"
    path = tmp_path / "catalogue.yaml"
    path.write_text(with_title(tag.format(sentinel=sentinel)), encoding="utf-8")
    assert_refused_at(path, TITLE_LINE + 1, "python/")
    assert_check_refuses(hedong, path, TITLE_LINE + 1)
    assert not sentinel.exists()


def test_a_whole_document_tag_is_refused_by_the_installed_command(tmp_path: Path) -> None:
    sentinel = tmp_path / "pwned"
    path = tmp_path / "catalogue.yaml"
    path.write_text(f"!!python/object/apply:os.system ['touch {sentinel}']\n", encoding="utf-8")
    run = subprocess.run(
        [installed_hedong(), "check", "--data", str(path), "--db", str(tmp_path / "j.sqlite"), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1
    assert run.stderr.startswith(f"hedong: {path}:1: invalid YAML: ") and run.stderr.count("\n") == 1, run.stderr
    assert not sentinel.exists()


def test_billion_laughs_is_refused_at_its_first_anchor_with_little_memory(hedong: Hedong, tmp_path: Path) -> None:
    # An alias hands the loader its anchor's node again, so the error names the anchor's line.
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(billion_laughs(), encoding="utf-8")
    assert bomb.stat().st_size < 1000  # 9 ** 9 = 387,420,489 strings if expanded

    status, out, err, peak_mb = peak_run(sys.executable, "-c", LOAD, str(bomb))
    assert status == 1, err
    assert re.fullmatch(rf"{re.escape(str(bomb))}:1: .+\n", out), out
    assert peak_mb < RSS_LIMIT_MB, f"peak RSS {peak_mb:.0f} MB"

    status, out, err, peak_mb = peak_run(installed_hedong(), "check", "--data", str(bomb), "--lang", "en")
    assert status == 1 and out == ""
    assert err == f"hedong: {bomb}:1: YAML anchors and aliases are not allowed\n"
    assert peak_mb < RSS_LIMIT_MB, f"peak RSS {peak_mb:.0f} MB"

    # Once the subprocess has shown the refusal to be cheap, the in-process paths are safe to run.
    assert_refused_at(bomb, 1, "")
    assert_check_refuses(hedong, bomb, 1)


def test_the_real_catalogue_loads_under_the_same_memory_cap(tmp_path: Path) -> None:
    # The control for the bomb test: the cap and the measurement do not fail an honest catalogue.
    status, out, err, peak_mb = peak_run(sys.executable, "-c", LOAD, str(CATALOG))
    assert (status, out) == (0, "loaded\n"), err
    assert peak_mb < RSS_LIMIT_MB


@pytest.mark.parametrize(
    ("name", "document", "line", "pattern"),
    [
        ("self-reference", "year: 2026\nsections: &a [*a]\n", 2, ""),
        ("merge key", "year: 2026\nbase: &b {x: 1}\nsections: [{<<: *b}]\n", 3, ""),
        ("deep flow nesting", "[" * 100_000, 1, "YAML"),
        ("deep mapping nesting", "{a: " * 50_000, 1, "YAML"),
        ("two documents", "year: 2026\n---\nyear: 2027\n", 2, "single document"),
        ("bad typed scalar", "year: 2026-02-30\nsections: []\n", 1, "timestamp"),
        ("binary tag where a title goes", with_title("!!binary aGVsbG8="), TITLE_LINE + 1, "title"),
    ],
)
def test_other_abuse_is_refused_with_a_located_error(
    hedong: Hedong, tmp_path: Path, name: str, document: str, line: int, pattern: str
) -> None:
    path = tmp_path / "catalogue.yaml"
    path.write_text(document, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    first = caught.value.problems[0]
    assert re.fullmatch(rf"{re.escape(str(path))}:{line}: .*{pattern}.*", first), (name, first)
    result = hedong("check", "--data", str(path))
    assert result.exit_code == 1 and result.stderr.startswith(f"hedong: {path}:{line}: "), result.stderr
    assert all(re.match(r"hedong: .+:\d+: .+", row) for row in result.stderr.splitlines())
