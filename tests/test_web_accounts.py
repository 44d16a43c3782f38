"""Accounts of the web desk: ``hedong user`` and ``journal/accounts.py``, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from hedong_cli.journal import accounts, open_writer
from hedong_cli.journal.location import parse_location
from tests.conftest import Hedong


def _one_time_password(output: str) -> str:
    line = next(line for line in output.splitlines() if "一次性密码" in line)
    return line.split("：", 1)[1].split("（", 1)[0]


def test_user_add_prints_a_one_time_password_that_logs_in_once_changed(hedong_both: Hedong) -> None:
    result = hedong_both("user", "add", "shangwu", "--unit", "区商务局")
    assert result.exit_code == 0, result.stderr
    password = _one_time_password(result.stdout)
    assert len(password) == 16
    with open_writer(parse_location(str(hedong_both.db)), {}) as journal:
        account = accounts.login(journal, "shangwu", password)
        assert account is not None and account.unit == "区商务局" and account.must_change and not account.office
        stored = accounts.get(journal, "shangwu")
        assert stored is not None and password not in stored.password_hash
        assert stored.password_hash.startswith("scrypt$16384$8$1$")
        accounts.set_password(journal, "shangwu", "a-new-long-password", must_change=False)
        assert accounts.login(journal, "shangwu", password) is None
        changed = accounts.login(journal, "shangwu", "a-new-long-password")
        assert changed is not None and not changed.must_change
    listed = hedong_both("user", "list")
    assert listed.stdout.splitlines() == ["shangwu\t区商务局\t"]


def test_password_stdin_sets_it_and_office_accounts_have_no_unit(hedong_both: Hedong) -> None:
    result = hedong_both("user", "add", "boss", "--office", "--password-stdin", input="office-password-1\n")
    assert result.exit_code == 0 and "一次性密码" not in result.stdout
    assert "office-password-1" not in result.stdout + result.stderr
    with open_writer(parse_location(str(hedong_both.db)), {}) as journal:
        account = accounts.login(journal, "boss", "office-password-1")
    assert account is not None and account.office and account.unit is None and not account.must_change


def test_five_failures_lock_the_account_and_reset_unlocks_it(hedong_both: Hedong) -> None:
    hedong_both("user", "add", "jiaoyu", "--unit", "区教育局", "--password-stdin", input="right-password-1\n")
    target = parse_location(str(hedong_both.db))
    with open_writer(target, {}) as journal:
        for _ in range(accounts.LOCK_AFTER_FAILURES):
            assert accounts.login(journal, "jiaoyu", "wrong-password") is None
        assert accounts.login(journal, "jiaoyu", "right-password-1") is None  # locked, even with the right one
    result = hedong_both("user", "reset", "jiaoyu", "--password-stdin", input="right-password-2\n")
    assert result.exit_code == 0
    with open_writer(target, {}) as journal:
        assert accounts.login(journal, "jiaoyu", "right-password-2") is not None


def test_disabled_accounts_cannot_log_in(hedong_both: Hedong) -> None:
    hedong_both("user", "add", "a1", "--unit", "区商务局", "--password-stdin", input="right-password-1\n")
    assert hedong_both("user", "disable", "a1").exit_code == 0
    with open_writer(parse_location(str(hedong_both.db)), {}) as journal:
        assert accounts.login(journal, "a1", "right-password-1") is None
    assert "已停用" in hedong_both("user", "list").stdout


def test_bad_account_input_is_one_line_and_exit_2(hedong_both: Hedong) -> None:
    cases = [
        (["user", "add", "x", "--unit", "区商务局", "--office"], "--unit"),
        (["user", "add", "x"], "--unit"),
        (["user", "add", "x\u202e", "--unit", "区商务局"], "\\u202e"),
        (["user", "add", "x", "--unit", "区商务局\u2066"], "\\u2066"),
        (["user", "reset", "nobody"], "nobody"),
    ]
    for args, shown in cases:
        result = hedong_both(*args)
        assert result.exit_code == 2, (args, result.stderr)
        assert shown in result.stderr and len(result.stderr.strip().splitlines()) == 1
    short = hedong_both("user", "add", "y", "--unit", "区商务局", "--password-stdin", input="short\n")
    assert short.exit_code == 2 and "密码须为" in short.stderr
    hedong_both("user", "add", "z", "--unit", "区商务局")
    again = hedong_both("user", "add", "z", "--office")
    assert again.exit_code == 2 and "已存在" in again.stderr


def test_a_wrong_or_malformed_hash_never_verifies() -> None:
    stored = accounts.hash_password("secret-password")
    assert accounts.verify_password("secret-password", stored)
    assert not accounts.verify_password("secret-passwore", stored)
    assert not accounts.verify_password("secret-password", "scrypt$1$1$1$AA==$AA==")  # weaker parameters refused
    assert not accounts.verify_password("secret-password", "plain")
    assert stored != accounts.hash_password("secret-password")  # salted


def test_a_write_that_read_the_account_holds_it_until_it_commits(hedong_both: Hedong, tmp_path: Path) -> None:
    """``hedong user disable`` must not return while a write that found the account enabled can still commit:
    the desk reads the account inside its write transaction with ``for_share``, and a disable waits for it."""
    import sqlite3

    hedong_both("user", "add", "a1", "--unit", "区商务局", "--password-stdin", input="right-password-1\n")
    target = parse_location(str(hedong_both.db))
    with open_writer(target, {}) as journal, journal.atomic("2026"):
        assert accounts.get(journal, "a1", for_share=True) is not None
        if target.url:
            import psycopg

            with psycopg.connect(target.url, autocommit=True) as other:
                other.execute("SET lock_timeout = '200ms'")
                with pytest.raises(psycopg.errors.LockNotAvailable):
                    other.execute("UPDATE accounts SET disabled = 1 WHERE name = 'a1'")
        else:
            other = sqlite3.connect(target.path, timeout=0.2)
            try:
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    other.execute("UPDATE accounts SET disabled = 1 WHERE name = 'a1'")
            finally:
                other.close()
    assert hedong_both("user", "disable", "a1").exit_code == 0  # once the write is over, the disable goes through
