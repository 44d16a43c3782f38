"""How ``import`` reads the journal and holds its rows, so that a 100,000-row ledger stays within its memory
budget (bench/RESULTS.md): the journal is asked about the ledger's tasks a chunk at a time, not at all when a row
has a problem, and the rows for the journal are made as they are written. The answers stay those of one pass."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from hedong_cli.documents import ledger_import
from hedong_cli.documents.ledger_import import JournalRows, Request
from hedong_cli.journal.base import Journal
from tests.conftest import Hedong
from tests.workflow_helpers import edit_csv_rows, ok, read_csv_rows, workflow_hedong, write_csv_rows


@pytest.fixture
def wf(tmp_path: Path) -> Hedong:
    return workflow_hedong(tmp_path)


def asked_about(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Records the task ids of every ``Journal.latest`` call."""
    calls: list[list[str]] = []
    real = Journal.latest

    def recording(self: Journal, catalog: str, as_of: date, task_ids: Any) -> Any:
        calls.append(list(task_ids))
        return real(self, catalog, as_of, calls[-1])

    monkeypatch.setattr(Journal, "latest", recording)
    return calls


def written(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT task_id, status, value, note FROM entries ORDER BY id").fetchall()


def test_the_journal_is_asked_a_chunk_at_a_time_and_the_import_is_that_of_one_pass(
    wf: Hedong, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(wf("update", "1.1.1", "--value", "320", "--note", "季度进展", "--date", "2026-10-10"))
    path = tmp_path / "台账.csv"
    ok(wf("export", str(path)))
    edits = {
        "0.1": {"new_value": "4.7"},
        "0.2": {"new_value": "1"},
        "1.1.1": {"new_value": "320", "new_note": "新进展"},  # the value is the journal's: only the note is new
        "1.1.3": {"new_status": "推进中"},
        "2.1.1": {"new_value": "2"},
    }
    write_csv_rows(path, edit_csv_rows(read_csv_rows(path), edits))
    monkeypatch.setattr(ledger_import, "LATEST_CHUNK", 3)
    calls = asked_about(monkeypatch)
    result = ok(wf("import", str(path), "--yes"))
    assert "读取 8 行：5 项有变更，3 项不变" in result.stdout
    assert calls and all(len(ids) <= 3 for ids in calls)
    ledger_ids = ["0.1", "0.2", "1.1.1", "1.1.2", "1.1.3", "1.1.4", "2.1.1", "2.1.2"]
    # the plan, then the check inside the write transaction: each asks about every row's task once
    assert [task_id for ids in calls for task_id in ids] == ledger_ids * 2
    assert written(wf.db)[1:] == [
        ("0.1", None, 4.7, None),
        ("0.2", None, 1.0, None),
        ("1.1.1", None, None, "新进展"),
        ("1.1.3", "in_progress", None, None),
        ("2.1.1", None, 2.0, None),
    ]
    calls.clear()
    again = ok(wf("import", str(path), "--yes"))
    assert "读取 8 行：0 项有变更，8 项不变" in again.stdout and len(written(wf.db)) == 6
    assert all(len(ids) <= 3 for ids in calls)


def test_a_ledger_with_a_problem_never_reads_the_journal(
    wf: Hedong, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "台账.csv"
    ok(wf("export", str(path)))
    rows = edit_csv_rows(read_csv_rows(path), {"0.1": {"new_value": "4.7"}})
    write_csv_rows(path, [*rows, ["9.9.9"]])
    calls = asked_about(monkeypatch)
    result = wf("import", str(path), "--yes")
    assert result.exit_code == 2 and "第 10 行：未知的任务编号 9.9.9" in result.stderr
    assert calls == []


def test_a_row_repeated_on_another_sheet_names_the_first_sheet_and_row(wf: Hedong, tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    ok(wf("export", str(path)))
    workbook = openpyxl.load_workbook(path)
    first, last = workbook["主要预期目标"], workbook["（二）民生保障"]
    last.append([cell.value for cell in first[3]])  # 0.2, the first sheet's row 3, again as row 4 of the last
    workbook.save(path)
    result = wf("import", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "hedong: ledger.xlsx 工作表“（二）民生保障”第 4 行：任务 0.2 重复（工作表“主要预期目标”第 3 行已有）"
    )


def test_journal_rows_are_made_as_they_are_read() -> None:
    requests = [Request("表", 2, "0.1", 4.7, None, None), Request(None, 3, "1.1.3", None, "done", "完成")]
    rows = JournalRows(requests, "key", date(2026, 11, 20), "王某")
    common = {"catalog": "key", "effective": date(2026, 11, 20), "kind": "update", "author": "王某"}
    expected = [
        {**common, "task_id": "0.1", "status": None, "value": 4.7, "note": None},
        {**common, "task_id": "1.1.3", "status": "done", "value": None, "note": "完成"},
    ]
    assert list(rows) == expected and len(rows) == 2
    assert rows[1] == expected[1] and rows[-1:] == expected[1:]
