"""A web desk on a journal made for the test: two units, the office, their accounts (and, on PostgreSQL, the
units' roles), with an HTTP client that logs in as any of them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pytest

from hedong_cli.journal import open_reader
from hedong_cli.journal.location import parse_location
from hedong_cli.tracking.workspace import Workspace
from tests.conftest import CATALOG, Hedong

pytest.importorskip("starlette", reason="the web desk's tests need the web extra: pip install 'hedong[web]'")

from starlette.testclient import TestClient

from hedong_cli.web.app import Settings, create_app

PASSWORD = {"shangwu": "shangwu-password-1", "jiaoyu": "jiaoyu-password-1", "boss": "office-password-1"}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
FORM = re.compile(r'name="form" value="([^"]+)"')


@dataclass
class Desk:
    hedong: Hedong
    app: Any
    roles: dict[str, str] = field(default_factory=dict)  # unit -> its PostgreSQL role

    def client(self, account: str | None = None, *, password: str | None = None) -> TestClient:
        client = TestClient(self.app, base_url="http://127.0.0.1", follow_redirects=False)
        if account is not None:
            response = login(client, account, password or PASSWORD[account])
            assert response.status_code == 303, response.text
        return client

    def entries(self) -> list[Any]:
        with open_reader(parse_location(str(self.hedong.db)), {}) as journal:
            return [entry for entry in journal.all_entries() if entry.kind != "assign"]


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, html[:500]
    return found.group(1)


def login(client: TestClient, name: str, password: str) -> Any:
    page = client.get("/login")
    return client.post("/login", data={"csrf": csrf_of(page.text), "name": name, "password": password})


def report_form(client: TestClient) -> tuple[str, str]:
    page = client.get("/")
    assert page.status_code == 200, page.text
    form = FORM.search(page.text)
    assert form
    return csrf_of(page.text), form.group(1)


def make_desk(hedong: Hedong, request: pytest.FixtureRequest, settings: Settings | None = None) -> Desk:
    for args in (("2.1.3", "2.1.4", "--lead", "区商务局"), ("6.3.1", "6.3.2", "--lead", "区教育局")):
        assert hedong("assign", *args).exit_code == 0
    for name, who in (("shangwu", ("--unit", "区商务局")), ("jiaoyu", ("--unit", "区教育局")), ("boss", ("--office",))):
        result = hedong("user", "add", name, *who, "--password-stdin", input=PASSWORD[name] + "\n")
        assert result.exit_code == 0, result.stderr
    roles = {}
    if str(hedong.db).startswith("postgresql"):
        server = request.getfixturevalue("pg_server")
        for unit in ("区商务局", "区教育局"):
            role, role_password = server.unit_role()
            result = hedong("db", "grant", unit, "--role", role, "--password-stdin", input=role_password + "\n")
            assert result.exit_code == 0, result.stderr
            roles[unit] = role
    workspace = Workspace(env=hedong.env(), data=CATALOG)
    app = create_app(workspace, settings)
    request.addfinalizer(app.state.desk.close)  # the journals the desk keeps open
    return Desk(hedong, app, roles)
