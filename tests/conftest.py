"""Shared fixtures: a CLI runner bound to a temporary journal and a pinned "today"."""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from hedong_cli.cli import app
from hedong_cli.env import Environment

REPO = Path(__file__).resolve().parents[1]
CATALOG = REPO / "data" / "targets_2026.yaml"
TODAY = date(2026, 11, 26)


@dataclass
class Hedong:
    """Runs ``hedong`` in-process against one journal, with an environment the test controls."""

    db: Path
    today: date = TODAY
    extra_env: dict[str, str] | None = None

    def env(self) -> Environment:
        environ = {"HEDONG_DB": str(self.db), "HEDONG_USER": "测试员", **(self.extra_env or {})}
        return Environment(environ=environ, today=self.today)

    def __call__(self, *args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(app, list(args), obj=self.env(), input=input)

    def json(self, *args: str) -> dict:
        result = self(*args, "--format", "json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)


@pytest.fixture
def hedong(tmp_path: Path) -> Hedong:
    return Hedong(db=tmp_path / "journal.sqlite")


def installed_hedong() -> str:
    """The ``hedong`` entry point of the running environment (a venv in CI)."""
    beside = Path(sys.executable).with_name("hedong")
    if beside.exists():
        return str(beside)
    found = shutil.which("hedong")
    if found is None:
        pytest.skip("the hedong entry point is not installed in this environment")
    return found
