"""The web desk's sessions and login throttle, on their own clock."""

from __future__ import annotations

import pytest

from hedong_cli.web import security


def test_opening_the_login_form_endlessly_cannot_fill_the_memory_or_drop_a_logged_in_session(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(security, "MAX_SESSIONS", 50)
    sessions = security.Sessions()
    logged_in = sessions.new(security.SESSION_SECONDS, account="shangwu", unit="区商务局")
    for _ in range(500):
        sessions.new()
    assert len(sessions) == 50 and sessions.get(logged_in.token) is logged_in


def test_a_session_ends_when_it_expires() -> None:
    now = [1000.0]
    sessions = security.Sessions(clock=lambda: now[0])
    session = sessions.new(60, account="boss", office=True)
    assert sessions.get(session.token) is session
    now[0] += 61
    assert sessions.get(session.token) is None and sessions.get(None) is None and sessions.get("forged") is None


def test_the_address_throttle_forgets_after_its_window() -> None:
    now = [0.0]
    throttle = security.AddressThrottle(clock=lambda: now[0])
    for _ in range(security.ADDRESS_FAILURES):
        throttle.failed("10.0.0.9")
    assert throttle.blocked("10.0.0.9") and not throttle.blocked("10.0.0.8")
    now[0] += security.ADDRESS_WINDOW + 1
    assert not throttle.blocked("10.0.0.9")
