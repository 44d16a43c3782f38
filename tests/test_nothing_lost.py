"""Nothing lost, nothing overwritten: output files, imports, reading the journal, input that is not
what it seems. Each test here failed on the code before these fixes (see docs/robustness.md).

Everything is small and in tmp_path: zip bombs and long files are built in the test, with the limits
lowered where the real ones would need hundreds of MiB (the real figures are in bench/RESULTS.md).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from hedong_cli.common.fileio import write_atomic
from hedong_cli.common.textsafe import visible
from hedong_cli.documents.ledger import INDEX
from tests.conftest import CATALOG, TODAY, Hedong, installed_hedong, made_read_only
from tests.workflow_helpers import (
    WORKFLOW_CATALOG,
    edit_csv_rows,
    edit_xlsx,
    entries,
    ok,
    read_csv_rows,
    record_as_stored,
    workflow_hedong,
    write_csv_rows,
)

TASK = "2.1.3"  # a quantitative task of the shipped catalogue
MAX_NOTE = 32_767  # the stated note limit (hedong_cli.common.rules.MAX_NOTE): the xlsx cell limit


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(result: object, code: int, *words: str) -> None:
    stderr = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == code, (result.exit_code, stderr)  # type: ignore[attr-defined]
    assert stderr.startswith("hedong: ") and stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr and "内部错误" not in stderr
    for word in words:
        assert word in stderr, stderr


def run_installed(args: list[str | bytes], env: dict[str, str], **kwargs: object) -> subprocess.CompletedProcess:
    return subprocess.run([installed_hedong(), *args], env=env, capture_output=True, timeout=60, check=False, **kwargs)


def installed_env(tmp_path: Path, db: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "HEDONG_DB": str(db), "HEDONG_TODAY": TODAY.isoformat(), "HEDONG_LANG": "en"}
    env["HEDONG_CACHE_DIR"] = str(tmp_path / "cache")
    env.pop("HEDONG_DATA", None)
    env.update(extra)
    return env


@pytest.fixture
def recorded(tmp_path: Path) -> Hedong:
    hedong = Hedong(db=tmp_path / "journal.sqlite")
    ok(hedong("update", TASK, "--value", "3", "--note", "首店3家"))
    return hedong


# -- 1. output files ---------------------------------------------------------------------------------


def test_a_fifo_is_written_through_not_replaced(recorded: Hedong, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = recorded("brief", "-f", "html", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO is still a FIFO"
    assert received and received[0].startswith(b"<!DOCTYPE html>")


def test_a_symlink_is_followed_and_its_target_replaced(recorded: Hedong, tmp_path: Path) -> None:
    target = tmp_path / "real" / "周报.md"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    ok(recorded("brief", "-o", str(link)))
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert sorted(p.name for p in target.parent.iterdir()) == ["周报.md"], "no temp file left"


def test_other_non_regular_paths_are_refused(recorded: Hedong, tmp_path: Path) -> None:
    sock_path = tmp_path / "s.md"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(sock_path))
        one_line(recorded("brief", "-o", str(sock_path), "--lang", "en"), 2, "is not a regular file")
        assert stat.S_ISSOCK(os.lstat(sock_path).st_mode)
    finally:
        server.close()
    for name, shown in (("", "'' is not a file name"), (".", "'.' is not a file name")):
        one_line(recorded("brief", "-o", name, "--lang", "en"), 2, shown)
    one_line(recorded("export", str(tmp_path), "--format", "csv", "--lang", "en"), 2, "is not a file name")


def test_an_existing_file_keeps_its_mode(recorded: Hedong, tmp_path: Path) -> None:
    private = tmp_path / "private.md"
    private.write_text("old", encoding="utf-8")
    private.chmod(0o600)
    ok(recorded("brief", "-o", str(private)))
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    fresh = tmp_path / "new.md"
    ok(recorded("brief", "-o", str(fresh)))
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_the_journal_and_catalogue_in_use_are_never_written_over(recorded: Hedong, tmp_path: Path) -> None:
    journal = recorded.db
    before = digest(journal)
    hard = tmp_path / "hard-link.md"
    os.link(journal, hard)  # another name for the same file: caught by device and inode
    soft = tmp_path / "soft-link.md"
    soft.symlink_to(journal)
    catalogue = tmp_path / "catalogue.yaml"
    shutil.copyfile(CATALOG, catalogue)
    for path in (journal, Path(f"{journal}-wal"), Path(f"{journal}-journal"), hard, soft):
        one_line(recorded("brief", "-o", str(path), "--lang", "en"), 2, "refusing to write", "in use")
    one_line(recorded("export", str(hard), "--format", "csv", "--lang", "en"), 2, "refusing to write")
    with_catalogue = Hedong(db=journal, extra_env={"HEDONG_DATA": str(catalogue)})
    one_line(with_catalogue("brief", "-o", str(catalogue), "--lang", "en"), 2, "refusing to write")
    assert digest(journal) == before and catalogue.read_bytes() == CATALOG.read_bytes()
    assert not Path(f"{journal}-journal").exists()
    assert len(recorded.json("log", "--limit", "10")) == 1, "the history is intact"


def test_dash_is_standard_output_for_every_format(recorded: Hedong) -> None:
    docx = recorded("brief", "-f", "docx", "-o", "-")
    assert docx.exit_code == 0 and docx.stdout_bytes.startswith(b"PK") and docx.stderr == ""
    xlsx = recorded("export", "-", "--format", "xlsx")
    assert xlsx.exit_code == 0 and xlsx.stdout_bytes.startswith(b"PK")
    assert "word/document.xml" in zipfile.ZipFile(__import__("io").BytesIO(docx.stdout_bytes)).namelist()
    md = recorded("brief", "-o", "-")
    assert md.exit_code == 0 and md.stdout.startswith("# ")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["export", "full.xlsx"], ["brief", "-f", "docx", "-o", "full.xlsx"]])
def test_a_full_disk_is_one_line_and_no_zip_noise(recorded: Hedong, tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "full.xlsx").symlink_to("/dev/full")
    run = run_installed(args, installed_env(tmp_path, recorded.db), cwd=tmp_path, text=True)  # type: ignore[arg-type]
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr == "hedong: cannot write full.xlsx: No space left on device\n", run.stderr
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_the_temp_file_and_the_folder_are_fsynced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_atomic(tmp_path / "a.md", b"bytes")
    write_atomic(tmp_path / "b.md", lambda temp: temp.write_bytes(b"from a function"))
    assert synced == ["file", "folder", "file", "folder"]
    assert (tmp_path / "b.md").read_bytes() == b"from a function"


# -- 2. import -------------------------------------------------------------------------------------


def _filled_csv(wf: Hedong, tmp_path: Path, name: str = "ledger.csv") -> Path:
    path = tmp_path / name
    ok(wf("export", str(path)))
    edits = {"1.1.1": {"new_value": "450"}, "0.2": {"new_value": "1.1", "new_note": "新增就业"}}
    write_csv_rows(path, edit_csv_rows(read_csv_rows(path), edits))
    return path


def test_a_confirmed_preview_that_no_longer_holds_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two people: one stops at the [y/N] prompt, the other imports with --yes, then the first says y."""
    from hedong_cli.cli import workflow

    wf = workflow_hedong(tmp_path)
    path = _filled_csv(wf, tmp_path)
    second = workflow_hedong(tmp_path)

    def answer_after_someone_else_imports(*args: object, **kwargs: object) -> bool:
        ok(second("import", str(path), "--yes", "--lang", "en"))
        return True

    monkeypatch.setattr(workflow, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr(workflow.typer, "confirm", answer_after_someone_else_imports)
    result = wf("import", str(path), "--lang", "en")
    one_line(result, 1, "the journal changed after the preview", "nothing was written")
    assert len(entries(wf.db)) == 2, "only the other person's two entries"


def test_imports_interleaved_at_any_point_write_each_change_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--yes: another import lands between the preview and the write; this one then writes nothing more."""
    from hedong_cli.render import workflow as render_workflow

    wf = workflow_hedong(tmp_path)
    path = _filled_csv(wf, tmp_path)
    other = workflow_hedong(tmp_path)
    real_preview = render_workflow.import_preview
    calls: list[int] = []

    def preview_then_other_import(*args: object, **kwargs: object) -> None:
        real_preview(*args, **kwargs)  # type: ignore[arg-type]
        if not calls:
            calls.append(1)
            ok(other("import", str(path), "--yes", "--lang", "en"))

    monkeypatch.setattr(render_workflow, "import_preview", preview_then_other_import)
    result = ok(wf("import", str(path), "--yes", "--lang", "en"))
    assert result.stdout.splitlines()[-1].startswith("the previewed changes were recorded meanwhile")
    assert len(entries(wf.db)) == 2


def test_four_imports_started_together_write_each_change_once(tmp_path: Path) -> None:
    wf = workflow_hedong(tmp_path)
    path = _filled_csv(wf, tmp_path)
    env = {**installed_env(tmp_path, wf.db), "HEDONG_DATA": str(WORKFLOW_CATALOG)}
    exe = installed_hedong()
    processes = [
        subprocess.Popen([exe, "import", str(path), "--yes"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    results = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0, 0], results
    assert len(entries(wf.db)) == 2


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero", "folder"])
def test_import_refuses_what_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "ledger.csv"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero")
    # The installed command, with a timeout: before the fix a FIFO blocked and /dev/zero never ended.
    run = run_installed(["import", str(path), "--dry-run"], installed_env(tmp_path, tmp_path / "j.sqlite"), text=True)  # type: ignore[arg-type]
    assert run.returncode == 2 and run.stderr.count("\n") == 1, run.stderr
    assert "is not a regular file" in run.stderr and not (tmp_path / "j.sqlite").exists()


def _bomb(path: Path, megabytes: int) -> None:
    """An xlsx-shaped zip whose sheet inflates to ``megabytes`` MiB of rows (a few KiB on disk)."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 1000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(megabytes * 1024 * 1024 // len(row) + 1):
                sheet.write(row)


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hedong_cli.render import ledger as render_ledger

    monkeypatch.setattr(render_ledger, "MAX_IMPORT_MIB", 4)  # the real limit is 256 MiB: see bench/RESULTS.md
    path = tmp_path / "bomb.xlsx"
    _bomb(path, 12)
    assert path.stat().st_size < 200_000
    wf = workflow_hedong(tmp_path)
    one_line(wf("import", str(path), "--lang", "en"), 2, "over the import limit of 4 MiB uncompressed (12 MiB)")
    assert not wf.db.exists()


def test_the_row_limit_is_stated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hedong_cli.render import ledger as render_ledger

    monkeypatch.setattr(render_ledger, "MAX_IMPORT_ROWS", 5)
    wf = workflow_hedong(tmp_path)
    path = _filled_csv(wf, tmp_path)  # a header and 8 rows
    one_line(wf("import", str(path), "--lang", "en"), 2, "has more than 5 rows, the import limit")
    assert entries(wf.db) == []


def test_notes_are_capped_at_the_xlsx_cell_limit_everywhere(tmp_path: Path) -> None:
    wf = workflow_hedong(tmp_path)
    too_long = "长" * (MAX_NOTE + 1)
    one_line(wf("update", "1.1.1", "--note", too_long, "--lang", "en"), 2, "32,768 characters, at most 32,767")
    assert not wf.db.exists()
    longest = "长" * MAX_NOTE
    ok(wf("update", "1.1.1", "--note", longest))
    for suffix in (".xlsx", ".csv"):  # its own export comes back unchanged
        path = tmp_path / f"ledger{suffix}"
        ok(wf("export", str(path)))
        assert "0 项有变更" in ok(wf("import", str(path))).stdout
    # A CSV cell far over csv's default field limit (131,072) is read, then refused with its row.
    path = tmp_path / "ledger.csv"
    write_csv_rows(path, edit_csv_rows(read_csv_rows(path), {"1.1.2": {"new_note": "x" * 140_000}}))
    result = wf("import", str(path), "--lang", "en")
    assert result.exit_code == 2 and "the note is too long: 140,000 characters" in result.stderr, result.stderr
    assert "field larger than field limit" not in result.stderr
    checkin = wf("checkin", "--section", "2", "--lang", "en", input=f"\n\n{too_long}\n短\n" + "\n" * 40)
    assert "the note is too long: 32,768 characters, at most 32,767 (the Excel cell limit); try again" in checkin.stdout
    notes = [row[8] for row in entries(wf.db)]
    assert "短" in notes and too_long not in notes


# -- 3. reading the journal ------------------------------------------------------------------------


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A checkpointed journal (no -wal, no -shm) in a folder this process cannot write.

    ``made_read_only`` does it, for root too.
    """
    folder = tmp_path / "shared"
    folder.mkdir()
    journal = folder / "journal.sqlite"
    ok(Hedong(db=journal)("update", TASK, "--value", "3", "--note", "只读副本"))
    with sqlite3.connect(journal) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for side in ("-wal", "-shm"):
        Path(f"{journal}{side}").unlink(missing_ok=True)
    with made_read_only(folder, 0o555, 0o755):
        yield journal


def test_a_journal_in_a_read_only_folder_is_read_not_written(read_only_folder: Path) -> None:
    hedong = Hedong(db=read_only_folder)
    before = sorted(os.listdir(read_only_folder.parent)), digest(read_only_folder)
    log = hedong.json("log")
    assert [entry["note"] for entry in log] == ["只读副本"]
    assert ok(hedong("status")).stderr == ""
    where = ok(hedong("where", "--lang", "en")).stdout.splitlines()[1].split("\t")
    assert where[1] == str(read_only_folder) and where[3] == "read-only"
    one_line(hedong("update", TASK, "--value", "4", "--lang", "en"), 1, "is read-only; nothing was written")
    assert (sorted(os.listdir(read_only_folder.parent)), digest(read_only_folder)) == before


def _foreign(path: Path, schema: str) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(schema)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "schema",
    [
        "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); PRAGMA user_version=1;",
        "CREATE TABLE entries (x TEXT); INSERT INTO entries VALUES ('theirs'); PRAGMA user_version=1;",
    ],
    ids=["other tables", "another entries table"],
)
@pytest.mark.parametrize("command", [("log",), ("update", TASK, "--value", "1")], ids=["read", "write"])
def test_a_foreign_database_stays_byte_identical(tmp_path: Path, schema: str, command: tuple[str, ...]) -> None:
    path = tmp_path / "theirs.sqlite"
    _foreign(path, schema)
    before = digest(path)
    one_line(Hedong(db=path)(*command, "--lang", "en"), 1, "is not a hedong journal")
    assert digest(path) == before, "not even switched to WAL"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["theirs.sqlite"]


@pytest.mark.parametrize("command", [["log"], ["update", TASK, "--value", "1"]], ids=["read", "write"])
def test_a_device_or_fifo_as_journal_is_refused(tmp_path: Path, command: list[str]) -> None:
    fifo = tmp_path / "journal.fifo"
    os.mkfifo(fifo)
    for journal in (fifo, Path(os.devnull)):
        run = run_installed(command, installed_env(tmp_path, journal), text=True)  # type: ignore[arg-type]
        assert run.returncode == 1 and run.stderr.count("\n") == 1, run.stderr
        assert "is not a regular file" in run.stderr
    assert not Path(f"{os.devnull}-journal").exists() and not Path(f"{os.devnull}-wal").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["journal.fifo"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# -- 4. input that is not what it seems -----------------------------------------------------------

GBK = "你好".encode("gbk").decode("utf-8", "surrogateescape")  # what Python makes of GBK bytes in argv


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["update", TASK, "--note", GBK], "--note"),
        (["update", TASK, f"--note={GBK}"], "--note"),
        (["update", GBK, "--value", "1"], "argument 2"),
        (["update", TASK, "--value", "1", "--by", GBK], "--by"),
    ],
)
def test_an_argument_that_is_not_utf8_is_named(tmp_path: Path, args: list[str], named: str) -> None:
    hedong = Hedong(db=tmp_path / "journal.sqlite")
    one_line(hedong(*args, "--lang", "en"), 2, f"the text given for {named} is not valid UTF-8")
    assert list(tmp_path.iterdir()) == [], "no journal is created"


def test_an_author_variable_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    hedong = Hedong(db=tmp_path / "journal.sqlite", extra_env={"HEDONG_USER": GBK})
    one_line(hedong("update", TASK, "--value", "1", "--lang", "en"), 2, "HEDONG_USER is not valid UTF-8")
    assert list(tmp_path.iterdir()) == []
    env = installed_env(tmp_path, tmp_path / "journal.sqlite")
    run = subprocess.run(
        [os.fsencode(installed_hedong()), b"update", TASK.encode(), b"--note", "你好".encode("gbk")],
        env={**env, "HEDONG_LANG": "zh"},
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr.decode() == "hedong: --note 的内容不是有效的 UTF-8 文本（可能是 GBK 编码）；未写入任何内容\n"
    assert not (tmp_path / "journal.sqlite").exists()


HOSTILE_MD = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> [点我](javascript:alert(3)) ![](http://evil.example/t.png)"
)


def _rendered_html(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


@pytest.mark.parametrize("command", [("status", "--format", "md"), ("brief",)])
def test_markdown_output_carries_no_live_markup(tmp_path: Path, command: tuple[str, ...]) -> None:
    hedong = Hedong(db=tmp_path / "journal.sqlite")
    ok(hedong("update", TASK, "--value", "3", "--note", HOSTILE_MD))
    ok(hedong("assign", TASK, "--lead", "区商务局<b>x</b>[y](javascript:z)"))
    html = _rendered_html(ok(hedong(*command)).stdout)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "href=" not in html, "no link at all"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "[点我](javascript:alert(3))" in html


def test_one_escaper_keeps_text_readable() -> None:
    from hedong_cli.common.textsafe import md_text

    assert md_text("- 列表") == "\\- 列表" and md_text("12. x") == "12\\. x"
    assert md_text("2026-11-26 完成 1.5 万平方米") == "2026-11-26 完成 1.5 万平方米"
    assert md_text("a|b\nc") == "a\\|b<br>c"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "--limit", "99999999999999999999"], "--limit must be a whole number from 1 to 10000000"),
        (["log", "--limit", "0"], "--limit must be a whole number from 1 to 10000000"),
        (["status", "--width", "5000"], "--width must be a whole number from 20 to 1000"),
        (["show", TASK, "--width", "3"], "--width must be a whole number from 20 to 1000"),
        (["brief", "-f", "txt", "--width", "9999999999"], "--width must be a whole number from 40 to 1000"),
        (["update", TASK, "--value", "1e300"], "the value is too large: 1e+300; at most 1e15"),
        (["update", "0.1", "--value", "-2e15"], "the value is too large"),
    ],
)
def test_numbers_out_of_their_stated_range(tmp_path: Path, args: list[str], message: str) -> None:
    hedong = Hedong(db=tmp_path / "journal.sqlite")
    one_line(hedong(*args, "--lang", "en"), 2, message)
    assert not hedong.db.exists()


def test_an_import_value_above_the_bound_is_refused_with_its_row(tmp_path: Path) -> None:
    wf = workflow_hedong(tmp_path)
    path = tmp_path / "ledger.xlsx"
    ok(wf("export", str(path)))
    edit_xlsx(path, {"1.1.1": {"new_value": 1e300}})
    result = wf("import", str(path), "--lang", "en")
    assert result.exit_code == 2 and "the value is too large" in result.stderr and "at most 1e15" in result.stderr
    assert entries(wf.db) == []


SPOOF = "正常\u202e\u2066逆序\u2069\u200b隐藏\ufeff"


def test_bidi_and_zero_width_characters_are_shown_as_escapes(tmp_path: Path) -> None:
    hedong = Hedong(db=tmp_path / "journal.sqlite")
    record_as_stored(hedong.db, TASK, note=SPOOF)  # update now removes them; a stored one is still shown safely
    for command in (("show", TASK, "--width", "200"), ("log", "--width", "200")):
        out = ok(hedong(*command)).stdout
        assert not any(ch in out for ch in "\u202e\u2066\u2069\u200b\ufeff"), command
        assert "正常\\u202e\\u2066逆序\\u2069\\u200b隐藏\\ufeff" in out, (command, out)
    assert hedong.json("show", TASK)["note"] == SPOOF, "stored text stays exact"
    assert visible("a\u202eb") == "a\\u202eb" and visible("\udcc4") == "\\xc4"


def test_ledger_column_positions_used_here() -> None:
    assert INDEX["new_note"] == 12  # the tests above edit the 本期 columns by key
