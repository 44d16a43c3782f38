"""A PostgreSQL server for the tests, when one is given: ``HEDONG_TEST_PG=postgresql://superuser@host:port/db``.

``scripts/test-pg.sh`` (and ``.ci/run``) start a throw-away server and set it. Without it, every test
that needs a server is skipped with the reason. Each test gets its own database, owned by its own
office role (not a superuser, so privileges and row-level security apply to it as on a real server);
both, and the unit roles the test creates, are dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import pytest

SKIP_REASON = "PostgreSQL tests need a server: set HEDONG_TEST_PG=postgresql://… (scripts/test-pg.sh starts one)"


def admin_url() -> str | None:
    return os.environ.get("HEDONG_TEST_PG") or None


def with_login(url: str, user: str, password: str, dbname: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or "127.0.0.1"
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit((parts.scheme, f"{user}:{password}@{host}{port}", f"/{dbname}", "", ""))


@dataclass
class Server:
    """One test's database on the test server, its office role, and the unit roles it adds."""

    admin: str
    dbname: str
    office: str
    office_password: str
    roles: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        """The office's URL (password included, as a user might type it)."""
        return with_login(self.admin, self.office, self.office_password, self.dbname)

    def url_as(self, role: str, password: str) -> str:
        return with_login(self.admin, role, password, self.dbname)

    def sql(self, statement: str, params: tuple[object, ...] = (), *, dbname: str | None = None) -> list[tuple]:
        """Run a statement as the superuser (in this test's database unless told otherwise)."""
        import psycopg

        parts = urlsplit(self.admin)
        url = urlunsplit((parts.scheme, parts.netloc, f"/{dbname or self.dbname}", parts.query, ""))
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            cursor = conn.execute(statement, params)  # type: ignore[arg-type]
            return cursor.fetchall() if cursor.description else []

    def unit_role(self, prefix: str = "unit") -> tuple[str, str]:
        """A new login role name and password for a unit (created by ``hedong db grant``, dropped at the end)."""
        role = f"{prefix}_{secrets.token_hex(4)}"
        self.roles.append(role)
        return role, f"pw-{secrets.token_hex(6)}"


def start(admin: str) -> Server:
    import psycopg

    tag = secrets.token_hex(4)
    server = Server(admin=admin, dbname=f"hedong_test_{tag}", office=f"office_{tag}", office_password=f"o-{tag}x")
    parts = urlsplit(admin)
    maintenance = urlunsplit((parts.scheme, parts.netloc, parts.path or "/postgres", parts.query, ""))
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as conn:
        from psycopg import sql

        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD {}").format(
                sql.Identifier(server.office), sql.Literal(server.office_password)
            )
        )
        conn.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(server.dbname), sql.Identifier(server.office))
        )
    return server


def stop(server: Server) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(server.admin)
    maintenance = urlunsplit((parts.scheme, parts.netloc, parts.path or "/postgres", parts.query, ""))
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(server.dbname)))
        from hedong_cli.journal.pg_security import unit_group_name

        for role in [*server.roles, unit_group_name(server.dbname), server.office]:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@pytest.fixture
def pg_server() -> Iterator[Server]:
    admin = admin_url()
    if admin is None:
        pytest.skip(SKIP_REASON)
    # hedong reaches the server through psycopg2; the tests' own sessions (an attacker's psql, say) use psycopg 3.
    pytest.importorskip("psycopg2", reason='PostgreSQL tests need psycopg2: pip install -e ".[postgres]"')
    pytest.importorskip("psycopg", reason='PostgreSQL tests need psycopg: pip install -e ".[test]"')
    server = start(admin)
    try:
        yield server
    finally:
        stop(server)
