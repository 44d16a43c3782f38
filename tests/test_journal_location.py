"""Which journal ``--db`` names (no server needed): paths and sqlite:/// stay SQLite, postgresql:// is a
server, anything else is refused; a URL's password never shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from hedong_cli.common.errors import InputError
from hedong_cli.journal.location import JournalLocation, parse_location, redact_url, url_password
from tests.conftest import Hedong


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("journal.sqlite", JournalLocation(path=Path("journal.sqlite"))),
        ("/srv/hedong/journal.sqlite", JournalLocation(path=Path("/srv/hedong/journal.sqlite"))),
        ("sqlite:///rel/j.sqlite", JournalLocation(path=Path("rel/j.sqlite"))),
        ("sqlite:////abs/j.sqlite", JournalLocation(path=Path("/abs/j.sqlite"))),
        ("C:\\hedong\\journal.sqlite", JournalLocation(path=Path("C:\\hedong\\journal.sqlite"))),
        ("postgresql://shangwu@db/hedong", JournalLocation(url="postgresql://shangwu@db/hedong")),
        ("postgres://shangwu@db/hedong", JournalLocation(url="postgres://shangwu@db/hedong")),
    ],
)
def test_paths_and_urls(text: str, expected: JournalLocation) -> None:
    assert parse_location(text) == expected


@pytest.mark.parametrize(
    "text", ["host=db dbname=hedong password=x", "  HOST = db", "dbname=hedong", "Service=hedong sslmode=require"]
)
def test_libpqs_keyword_spelling_is_refused(text: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_location(text)
    assert "postgresql://" in str(refused.value) and text.strip() not in str(refused.value)  # never echoed


def test_a_file_name_with_an_equals_sign_is_a_file() -> None:
    assert parse_location("week=48.sqlite") == JournalLocation(path=Path("week=48.sqlite"))


def test_an_unknown_scheme_is_refused() -> None:
    with pytest.raises(InputError, match="mysql"):
        parse_location("mysql://root@localhost/hedong")


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://shangwu:pa%40ss:word@db.hedong.gov:5432/hedong",
        "postgresql://shangwu@db/hedong?password=pa%40ss:word&sslmode=require",
    ],
)
def test_the_password_is_never_shown(url: str) -> None:
    assert url_password(url) == "pa@ss:word"
    shown = redact_url(url)
    assert "pa%40ss" not in shown and "pa@ss" not in shown and "shangwu" in shown


def test_where_on_sqlite_names_the_backend(tmp_path: Path) -> None:
    result = Hedong(db=f"sqlite:///{tmp_path}/j.sqlite")("where")
    assert result.exit_code == 0, result.stderr
    lines = dict(line.split("\t")[:2] for line in result.stdout.splitlines())
    assert lines["backend"] == "sqlite" and lines["journal"] == f"{tmp_path}/j.sqlite"


def test_where_on_an_unreachable_server_still_answers_without_the_password() -> None:
    result = Hedong(db="postgresql://u:topsecret@127.0.0.1:1/x")("where")
    assert result.exit_code == 0, result.stderr
    assert "topsecret" not in result.stdout and "backend\tpostgresql" in result.stdout
    assert "error\t" in result.stdout
