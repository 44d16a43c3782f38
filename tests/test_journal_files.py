"""Journal files that are not what they should be: each gets one clear line on stderr and a
non-zero exit, never a traceback, and the file is left byte-for-byte as it was.

Cases: a text file, random bytes, a real journal cut mid-page, someone else's SQLite database, a
journal from a newer hedong (schema version 99), a directory, a path in a missing folder, and a
read-only journal (which can still be read, but not written).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import Result

from hedong_cli.catalogue.model import load_catalog
from hedong_cli.journal import SQLiteJournal
from tests.conftest import CATALOG, TODAY, Hedong, installed_hedong, made_read_only

CATALOGUE = load_catalog(CATALOG)
TASK = next(t for t in CATALOGUE.tasks if t.target is not None and not t.target.is_rate).id
ENTRIES = 120

READS = (("status",), ("show", TASK), ("log",))
WRITES = (("update", TASK, "--note", "不应写入"), ("undo",))
INTERNAL = ("internal error", "Traceback")


@pytest.fixture(scope="module")
def good_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real journal of several pages: one entry through the CLI, the rest in one transaction."""
    path = tmp_path_factory.mktemp("good") / "journal.sqlite"
    assert Hedong(db=path)("update", TASK, "--value", "1", "--note", "第一条").exit_code == 0
    rows = [
        dict(catalog=CATALOGUE.key, task_id=TASK, effective=date(2026, 3, 1), value=float(n), note=f"进展说明 {n} " * 8)
        for n in range(ENTRIES - 1)
    ]
    with SQLiteJournal.for_writing(path) as journal:
        journal.append_many(rows)
    assert not path.with_name(path.name + "-wal").exists() or path.with_name(path.name + "-wal").stat().st_size == 0
    return path


def copy_of(good_journal: Path, folder: Path) -> Path:
    path = folder / "journal.sqlite"
    shutil.copyfile(good_journal, path)
    return path


def page_size(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA page_size").fetchone()[0]


def text_file(folder: Path, good: Path) -> Path:
    path = folder / "journal.sqlite"
    path.write_text("这不是数据库\nnot a database\n", encoding="utf-8")
    return path


def random_bytes(folder: Path, good: Path) -> Path:
    path = folder / "journal.sqlite"
    path.write_bytes(random.Random(5).randbytes(3 * 4096))
    return path


def cut_in_the_middle(folder: Path, good: Path) -> Path:
    path = copy_of(good, folder)
    size = path.stat().st_size // 2 + 1000
    assert size % page_size(good)
    os.truncate(path, size)
    return path


def cut_in_the_last_page(folder: Path, good: Path) -> Path:
    # The worst cut: everything but the tail of the last page is there, and SQLite alone would
    # read the gap as zeros and let a write through.
    path = copy_of(good, folder)
    os.truncate(path, path.stat().st_size - 100)
    return path


def someone_elses_database(folder: Path, good: Path) -> Path:
    path = folder / "journal.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
        conn.execute("INSERT INTO invoices (amount) VALUES (12.5)")
    conn.close()
    return path


def newer_schema(folder: Path, good: Path) -> Path:
    # Version 99 in rollback-journal mode: even switching it to WAL would change its header.
    path = copy_of(good, folder)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA user_version=99")
    conn.close()
    return path


def a_directory(folder: Path, good: Path) -> Path:
    path = folder / "journal.sqlite"
    path.mkdir()
    return path


def in_a_missing_folder(folder: Path, good: Path) -> Path:
    return folder / "no-such-folder" / "journal.sqlite"


CASES: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "text file": (text_file, "is not a valid SQLite database"),
    "random bytes": (random_bytes, "is not a valid SQLite database"),
    "cut mid-page": (cut_in_the_middle, "is cut short"),
    "cut in the last page": (cut_in_the_last_page, "is cut short"),
    "someone else's database": (someone_elses_database, "is not a hedong journal"),
    "newer schema": (newer_schema, "has schema version 99, newer than this hedong knows"),
    "a directory": (a_directory, "cannot open journal"),
    "missing folder": (in_a_missing_folder, "does not exist"),
}


def fingerprint(path: Path) -> str | None:
    """The file's bytes (None if absent); for a directory, its listing."""
    if path.is_dir():
        return "dir:" + ",".join(sorted(os.listdir(path)))
    if not path.exists():
        return None if not path.parent.exists() else "absent"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_one_clear_line(result: Result, expected: str) -> None:
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert result.stdout == ""
    assert result.stderr.startswith("hedong: ") and result.stderr.count("\n") == 1, result.stderr
    assert expected in result.stderr, result.stderr
    assert not any(word in result.stderr for word in INTERNAL), result.stderr


@pytest.mark.parametrize("command", READS + WRITES, ids=lambda c: c[0])
@pytest.mark.parametrize("case", CASES)
def test_bad_journal_gets_one_line_and_stays_untouched(
    good_journal: Path, tmp_path: Path, case: str, command: tuple[str, ...]
) -> None:
    make, expected = CASES[case]
    path = make(tmp_path, good_journal)
    before = fingerprint(path)
    result = Hedong(db=path)(*command, "--lang", "en")
    assert_one_clear_line(result, expected)
    assert fingerprint(path) == before
    if case == "missing folder":
        assert not path.parent.exists(), "the folder is not created"


@pytest.mark.parametrize("case", ["cut in the last page", "newer schema"])
def test_the_installed_command_says_the_same(good_journal: Path, tmp_path: Path, case: str) -> None:
    make, expected = CASES[case]
    path = make(tmp_path, good_journal)
    before = fingerprint(path)
    env = {**os.environ, "HEDONG_DB": str(path), "HEDONG_TODAY": TODAY.isoformat(), "HEDONG_LANG": "en"}
    env["HEDONG_CACHE_DIR"] = str(tmp_path / "cache")
    env.pop("HEDONG_DATA", None)
    for command in (["log"], ["update", TASK, "--note", "x"]):
        run = subprocess.run(
            [installed_hedong(), *command], env=env, capture_output=True, text=True, timeout=60, check=False
        )
        assert run.returncode == 1 and run.stdout == ""
        assert run.stderr.startswith("hedong: ") and run.stderr.count("\n") == 1 and expected in run.stderr
    assert fingerprint(path) == before


@pytest.fixture
def read_only(good_journal: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the good journal that this process cannot write (see ``made_read_only``)."""
    with made_read_only(copy_of(good_journal, tmp_path), 0o444, 0o644) as path:
        yield path


def test_read_only_journal_is_read_but_not_written(read_only: Path) -> None:
    hedong = Hedong(db=read_only)
    before = fingerprint(read_only)
    log = hedong("log", "--limit", "1000", "--format", "json")
    assert log.exit_code == 0 and log.stderr == ""
    assert len(json.loads(log.stdout)) == ENTRIES
    for command in (("status",), ("show", TASK)):
        shown = hedong(*command)
        assert shown.exit_code == 0 and shown.stderr == "", shown.stderr
    for command in WRITES:
        assert_one_clear_line(hedong(*command, "--lang", "en"), "is read-only; nothing was written")
    assert fingerprint(read_only) == before
    assert len(json.loads(hedong("log", "--limit", "1000", "--format", "json").stdout)) == ENTRIES


def test_default_journal_folder_is_created_on_first_write(tmp_path: Path) -> None:
    # The per-user folder is hedong's own; only folders named by --db or $HEDONG_DB must already exist.
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"), "HEDONG_TODAY": "2026-11-26"}
    env["HEDONG_CACHE_DIR"] = str(tmp_path / "cache")
    for name in ("HEDONG_DB", "HEDONG_DATA", "HEDONG_LANG"):
        env.pop(name, None)
    exe = installed_hedong()
    first = subprocess.run([exe, "log"], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert first.returncode == 0 and first.stderr == "", "reading before the first write is an empty journal"
    assert not (tmp_path / "data").exists(), "reading creates nothing"
    wrote = subprocess.run([exe, "update", TASK, "--note", "x"], env=env, capture_output=True, text=True, timeout=60)
    assert wrote.returncode == 0 and wrote.stderr == "", wrote.stderr
    where = subprocess.run([exe, "where"], env=env, capture_output=True, text=True, timeout=60, check=True)
    assert Path(where.stdout.splitlines()[1].split("\t")[1]).is_file()
