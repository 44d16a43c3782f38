"""Helpers shared by the reporting-workflow tests: a runner on the workflow catalogue, ledger editing."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path
from typing import Any

from hedong_cli.documents.ledger import INDEX
from tests.conftest import Hedong

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WORKFLOW_CATALOG = FIXTURES / "workflow_catalog.yaml"
ENCRYPTED_XLSX = FIXTURES / "encrypted_ledger.xlsx"  # a real workbook encrypted with the password "hedong"


def workflow_hedong(tmp_path: Path) -> Hedong:
    """``hedong`` on the small workflow catalogue, a fresh journal and today = 2026-11-26."""
    return Hedong(db=tmp_path / "journal.sqlite", extra_env={"HEDONG_DATA": str(WORKFLOW_CATALOG)})


def entries(db: Path) -> list[tuple[Any, ...]]:
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM entries ORDER BY id").fetchall()


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def find_row(ws: Any, task_id: str) -> int:
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, INDEX["id"] + 1).value == task_id:
            return row
    raise AssertionError(f"task {task_id} not on sheet {ws.title}")


def edit_xlsx(path: Path, edits: dict[str, dict[str, object]], out: Path | None = None) -> Path:
    """Set ledger cells by task id and column key, on whichever sheet holds the task; save to ``out``."""
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    pending = dict(edits)
    for ws in workbook.worksheets[1:]:
        for task_id in list(pending):
            try:
                row = find_row(ws, task_id)
            except AssertionError:
                continue
            for key, value in pending.pop(task_id).items():
                ws.cell(row, INDEX[key] + 1).value = value
    assert not pending, f"tasks not found: {list(pending)}"
    target = out or path
    workbook.save(target)
    return target


def read_csv_rows(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline="")))


def write_csv_rows(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def edit_csv_rows(rows: list[list[str]], edits: dict[str, dict[str, str]]) -> list[list[str]]:
    for row in rows[1:]:
        for key, value in edits.get(row[INDEX["id"]], {}).items():
            row[INDEX[key]] = value
    return rows


def record_as_stored(db: Path, task_id: str, *, catalog: Path | None = None, **fields: Any) -> None:
    """An entry written straight into a SQLite journal, past the rules every entry point applies: what an older
    hedong, or a unit by psql on a server, may have stored. Display tests show such text made harmless."""
    from datetime import date

    from hedong_cli.catalogue.model import load_catalog
    from hedong_cli.journal import SQLiteJournal
    from tests.conftest import CATALOG

    key = load_catalog(catalog or CATALOG).key
    effective = fields.pop("effective", date(2026, 11, 26))
    with SQLiteJournal.for_writing(db):
        pass  # the journal and its schema exist, with the database's rules (migration 4)
    # An older hedong wrote without those rules: lift them for this one entry, then put them back as they were.
    conn = sqlite3.connect(db, isolation_level=None)  # closed at once, so the journal is checkpointed as hedong's is
    try:
        found = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'entries_%_ok'")
        rules = found.fetchall()
        for name, _ in rules:
            conn.execute(f'DROP TRIGGER "{name}"')
    finally:
        conn.close()
    try:
        with SQLiteJournal.for_writing(db) as journal:
            journal.append(key, task_id, effective=effective, **fields)
    finally:
        conn = sqlite3.connect(db, isolation_level=None)
        try:
            for _, sql in rules:
                conn.execute(sql)
        finally:
            conn.close()
