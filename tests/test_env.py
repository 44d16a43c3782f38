"""Today's date as a command and a long-running server see it."""

from __future__ import annotations

from datetime import date

import pytest

from hedong_cli.common import env as env_module
from hedong_cli.common.env import Environment
from hedong_cli.tracking.workspace import Workspace


def clock_at(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    monkeypatch.setattr(env_module, "clock_day", lambda: day)


def test_a_command_keeps_the_day_it_started_on(monkeypatch: pytest.MonkeyPatch) -> None:
    clock_at(monkeypatch, date(2026, 12, 4))
    workspace = Workspace(env=Environment(environ={}))
    clock_at(monkeypatch, date(2026, 12, 5))
    assert workspace.today == date(2026, 12, 4)


def test_a_server_that_follows_the_clock_moves_to_the_new_day(monkeypatch: pytest.MonkeyPatch) -> None:
    clock_at(monkeypatch, date(2026, 12, 4))
    workspace = Workspace(env=Environment(environ={}, follow_clock=True))
    assert workspace.today == date(2026, 12, 4)
    clock_at(monkeypatch, date(2026, 12, 5))
    assert workspace.today == date(2026, 12, 5)


@pytest.mark.parametrize(
    "environment",
    [
        lambda: Environment(environ={"HEDONG_TODAY": "2026-06-01"}, follow_clock=True),
        lambda: Environment(environ={}, today=date(2026, 6, 1), follow_clock=True),
    ],
    ids=["HEDONG_TODAY", "given"],
)
def test_a_pinned_day_stays_pinned_even_on_a_server(monkeypatch: pytest.MonkeyPatch, environment) -> None:
    clock_at(monkeypatch, date(2026, 12, 4))
    workspace = Workspace(env=environment())
    clock_at(monkeypatch, date(2026, 12, 5))
    assert workspace.today == date(2026, 6, 1)
