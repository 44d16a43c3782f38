"""Shared fixtures: a CLI runner bound to a temporary journal and a pinned "today"."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from hedong_cli.cli import app
from hedong_cli.common.env import Environment
from hedong_cli.journal import JournalLocation
from tests.pg import Server, pg_server  # noqa: F401  (the server fixture: skipped, with the reason, without one)

REPO = Path(__file__).resolve().parents[1]
CATALOG = REPO / "data" / "targets_2026.yaml"
TODAY = date(2026, 11, 26)


@dataclass
class Hedong:
    """Runs ``hedong`` in-process against one journal, with an environment the test controls."""

    db: Path | str  # a SQLite file, or a postgresql:// URL
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


def init_server(server: Server) -> str:
    """``hedong db init`` on the test's database, as its office role; returns the office's URL."""
    result = Hedong(db=server.url)("db", "init", server.url)
    assert result.exit_code == 0, result.stderr
    return server.url


@pytest.fixture(params=["sqlite", "postgresql"])
def journal_target(request: pytest.FixtureRequest, tmp_path: Path) -> JournalLocation:
    """The same journal tests on both backends: a fresh SQLite file, or a fresh database on the test server."""
    if request.param == "sqlite":
        return JournalLocation(path=tmp_path / "journal.sqlite")
    return JournalLocation(url=init_server(request.getfixturevalue("pg_server")))


@pytest.fixture
def hedong_both(journal_target: JournalLocation, tmp_path: Path) -> Hedong:
    """The CLI against a fresh journal on each backend."""
    return Hedong(db=journal_target.url or journal_target.path)  # type: ignore[arg-type]


def installed_hedong() -> str:
    """The ``hedong`` entry point of the running environment (a venv in CI)."""
    beside = Path(sys.executable).with_name("hedong")
    if beside.exists():
        return str(beside)
    found = shutil.which("hedong")
    if found is None:
        pytest.skip("the hedong entry point is not installed in this environment")
    return found


@contextmanager
def made_read_only(path: Path, read_only_mode: int, writable_mode: int) -> Iterator[Path]:
    """``path`` (a file or folder) made unwritable for this process, then restored.

    As a normal user, ``chmod read_only_mode`` does it. Root ignores permission bits (CI runs as root), so
    there the path is made immutable with ``chattr +i``, which binds root too; where that is not possible (no
    chattr, no CAP_LINUX_IMMUTABLE, a filesystem without attributes) the test is skipped rather than pretending.
    """
    if os.geteuid() != 0:
        path.chmod(read_only_mode)
        try:
            yield path
        finally:
            path.chmod(writable_mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True, check=False).returncode:
        pytest.skip("running as root, where chmod does not stop writes, and chattr +i is unavailable here")
    try:
        yield path
    finally:
        subprocess.run([chattr, "-i", str(path)], check=False)
