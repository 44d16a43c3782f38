"""Attacks on ``hedong serve``'s start-up check: a journal it could open but never write stops it in one line,
exit 1, before it listens (the helpers' timeout fails a test whose server listens instead)."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import Hedong, init_server
from tests.pg import Server
from tests.test_web_reporting import assert_refused, serve_once


def test_a_journal_that_is_a_fifo_stops_serve_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "journal.sqlite"
    os.mkfifo(fifo)
    assert_refused(serve_once(str(fifo), tmp_path), "不是普通文件")


def test_a_journal_that_is_a_symlink_to_dev_null_stops_serve(tmp_path: Path) -> None:
    link = tmp_path / "journal.sqlite"
    link.symlink_to("/dev/null")
    assert_refused(serve_once(str(link), tmp_path), "不是普通文件")
    assert Path("/dev/null").is_char_device()  # and /dev/null is left as it was


def test_a_journal_that_is_a_folder_stops_serve(tmp_path: Path) -> None:
    folder = tmp_path / "journal.sqlite"
    folder.mkdir()
    assert_refused(serve_once(str(folder), tmp_path), "不是普通文件")


def test_a_journal_that_is_not_sqlite_stops_serve_and_is_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    path.write_bytes(b"not a database\n" * 100)
    run = serve_once(str(path), tmp_path)
    assert run.returncode in (1, 2) and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert path.read_bytes() == b"not a database\n" * 100


def test_an_office_role_the_server_keeps_read_only_stops_serve(pg_server: Server, tmp_path: Path) -> None:
    """The office's role, but every transaction of it read-only: opening succeeds, every write would fail."""
    server = pg_server
    url = init_server(server)
    server.sql(f'ALTER ROLE "{server.office}" SET default_transaction_read_only = on')
    try:
        run = serve_once(url, tmp_path)
    finally:
        server.sql(f'ALTER ROLE "{server.office}" RESET default_transaction_read_only')
    assert_refused(run, "无法写入（read-only）")
    assert server.office_password not in run.stderr


def test_a_role_with_no_grant_at_all_stops_serve(pg_server: Server, tmp_path: Path) -> None:
    server = pg_server
    init_server(server)
    role, password = server.unit_role("stranger")
    server.sql(f"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}'")
    run = serve_once(server.url_as(role, password), tmp_path)
    assert_refused(run, f"数据库角色 {role} 未对应任何单位")
    assert password not in run.stderr


def test_an_office_role_that_lost_its_insert_right_stops_serve(pg_server: Server, tmp_path: Path) -> None:
    server = pg_server
    url = init_server(server)
    Hedong(db=url)("update", "2.1.3", "--note", "x")
    server.sql(f'REVOKE INSERT ON entries FROM "{server.office}"')
    run = serve_once(url, tmp_path)
    assert_refused(run, "无法写入（INSERT ON entries）")
