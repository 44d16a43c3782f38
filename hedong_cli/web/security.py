"""Sessions, CSRF tokens, login throttling and the security headers of the web desk.

Sessions live in the server's memory (a restart logs everyone out, which is acceptable for a desk that
forty liaisons open a few times a month); the cookie holds only a random token. Every form carries the
session's CSRF token; a login gets a fresh session, so a token planted before it is worth nothing.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

COOKIE = "hedong_session"
SESSION_SECONDS = 8 * 3600  # a working day; then log in again
ANONYMOUS_SECONDS = 3600  # the login form's own session
MAX_SESSIONS = 10_000  # past it, the oldest login forms' sessions go first (opening /login costs memory)
ADDRESS_FAILURES = 20  # failed logins from one address within ADDRESS_WINDOW, then it must wait
ADDRESS_WINDOW = 15 * 60
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass
class WebSession:
    token: str
    csrf: str
    expires: float
    account: str | None = None  # None: not logged in yet (the login form)
    unit: str | None = None
    office: bool = False
    must_change: bool = False
    stamp: str = ""  # accounts.stamp of the account at login: the account changed since ends the session
    forms: set[str] = field(default_factory=set)  # report forms handed out and not yet submitted
    receipts: dict[str, Any] = field(default_factory=dict)  # form id -> what it recorded (a double submit)
    lock: threading.Lock = field(default_factory=threading.Lock)  # one report of a session at a time

    def csrf_ok(self, sent: str | None) -> bool:
        return bool(sent) and hmac.compare_digest(self.csrf.encode(), str(sent).encode())

    def new_form(self) -> str:
        form = secrets.token_urlsafe(16)
        with self.lock:
            self.forms.add(form)
        return form


class Sessions:
    """Every live session, by its token. Thread-safe: requests run in a thread pool."""

    def __init__(self, clock: Any = time.monotonic) -> None:
        self._by_token: dict[str, WebSession] = {}
        self._lock = threading.Lock()
        self.clock = clock

    def new(self, seconds: float = ANONYMOUS_SECONDS, **fields: Any) -> WebSession:
        session = WebSession(
            token=secrets.token_urlsafe(32), csrf=secrets.token_urlsafe(32), expires=self.clock() + seconds, **fields
        )
        with self._lock:
            self._drop_expired()
            if len(self._by_token) >= MAX_SESSIONS:
                anonymous = [token for token, s in self._by_token.items() if s.account is None]
                for token in anonymous[: len(self._by_token) - MAX_SESSIONS + 1]:
                    del self._by_token[token]
            self._by_token[session.token] = session
        return session

    def __len__(self) -> int:
        return len(self._by_token)

    def get(self, token: str | None) -> WebSession | None:
        if not token:
            return None
        with self._lock:
            session = self._by_token.get(token)
            if session is not None and session.expires <= self.clock():
                del self._by_token[token]
                return None
            return session

    def end(self, token: str) -> None:
        with self._lock:
            self._by_token.pop(token, None)

    def _drop_expired(self) -> None:
        now = self.clock()
        for token in [token for token, s in self._by_token.items() if s.expires <= now]:
            del self._by_token[token]


class AddressThrottle:
    """Failed logins per client address: past ADDRESS_FAILURES in ADDRESS_WINDOW seconds, logins wait."""

    def __init__(self, clock: Any = time.monotonic) -> None:
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self.clock = clock

    def _recent(self, address: str) -> deque[float]:
        found = self._failures.setdefault(address, deque())
        while found and found[0] <= self.clock() - ADDRESS_WINDOW:
            found.popleft()
        return found

    def blocked(self, address: str) -> bool:
        with self._lock:
            return len(self._recent(address)) >= ADDRESS_FAILURES

    def failed(self, address: str) -> None:
        with self._lock:
            self._recent(address).append(self.clock())
