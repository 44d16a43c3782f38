"""Start-up stays lean: which modules each kind of run loads (never how long it takes: no timed tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hedong_cli import __version__
from hedong_cli.cli import app
from tests.conftest import CATALOG, installed_hedong

HEAVY = ("yaml", "sqlite3", "rich", "platformdirs", "docx", "openpyxl", "pydantic")


def loaded_after(args: list[str], tmp_path: Path, entry: str = "hedong_cli.launch") -> tuple[str, set[str]]:
    """Run hedong in a fresh interpreter; return its stdout and the top-level modules it had loaded."""
    probe = (
        "import io, json, sys, contextlib\n"
        f"sys.argv = ['hedong', *{args!r}]\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try:\n"
        f"        from {entry} import main\n"
        "        main()\n"
        "    except SystemExit as exit:\n"
        "        assert exit.code in (0, None), exit.code\n"
        "sys.stderr.write(json.dumps([out.getvalue(), sorted({m.split('.')[0] for m in sys.modules})]))\n"
    )
    env = {
        **os.environ,
        "HEDONG_DB": str(tmp_path / "journal.sqlite"),
        "HEDONG_DATA": str(CATALOG),
        "HEDONG_CACHE_DIR": str(tmp_path / "cache"),
        "HEDONG_TODAY": "2026-11-26",
    }
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    stdout, modules = json.loads(done.stderr.strip().splitlines()[-1])
    return stdout, set(modules)


def test_version_needs_neither_typer_nor_any_heavy_module(tmp_path: Path) -> None:
    stdout, modules = loaded_after(["--version"], tmp_path)
    assert stdout == f"hedong {__version__}\n"
    assert not modules & {"typer", "click", *HEAVY}


def test_version_text_is_the_same_through_typer() -> None:
    # ``hedong_cli.launch`` answers --version itself; the typer option must say the same.
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"hedong {__version__}\n"
    assert CliRunner().invoke(app, ["-V"]).stdout == result.stdout


def test_installed_script_goes_through_the_launcher() -> None:
    done = subprocess.run([installed_hedong(), "--version"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, f"hedong {__version__}\n")


def test_help_loads_no_catalogue_journal_or_table_code(tmp_path: Path) -> None:
    stdout, modules = loaded_after(["--help"], tmp_path)
    assert "status" in stdout and "update" in stdout
    assert not modules & set(HEAVY)


@pytest.mark.parametrize("entry", ["hedong_cli.launch", "hedong_cli.cli"])
def test_json_status_from_a_warm_cache_parses_no_yaml(tmp_path: Path, entry: str) -> None:
    first, modules = loaded_after(["status", "--format", "json"], tmp_path, entry)
    assert "yaml" in modules  # the first run parses the catalogue and fills the cache
    second, modules = loaded_after(["status", "--format", "json"], tmp_path, entry)
    assert second == first
    assert not modules & {"yaml", "rich", "docx", "openpyxl", "platformdirs"}
    assert json.loads(second)["summary"]["total"] == len(json.loads(first)["tasks"])
