"""Which journal a ``--db`` / ``$HEDONG_DB`` value names: a SQLite file or a PostgreSQL URL.

A path, or ``sqlite:///path``, is a SQLite file. ``postgresql://…`` (or ``postgres://…``) is a server,
reached through libpq, so its conventions hold: ``PGPASSWORD``, ``~/.pgpass``, ``PGSSLMODE``,
``PGSERVICE`` and service files. This module imports no driver; a URL is only split here, and the
password, wherever it came from, is never part of what is shown.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import t

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
SQLITE_SCHEME = "sqlite:///"


class JournalLocation(NamedTuple):
    """A journal location: ``path`` for SQLite, ``url`` for PostgreSQL (exactly one is set).

    A NamedTuple, as ``tracking.paths.Located`` is: a frozen dataclass compiles its methods when the class is
    created, at the start-up of every command that opens a journal (about 1 % of ``status --format json``)."""

    path: Path | None = None
    url: str | None = None

    @property
    def backend(self) -> str:
        return "sqlite" if self.path is not None else "postgresql"

    def shown(self) -> str:
        """What messages and ``hedong where`` print: the path, or the URL without its password."""
        return str(self.path) if self.path is not None else redact_url(self.url or "")


def parse_location(text: str | Path) -> JournalLocation:
    """Read a ``--db`` value. Raises ``InputError`` for a URL of a scheme hedong does not know."""
    if isinstance(text, Path):
        return JournalLocation(path=text)
    if text.lower().startswith(POSTGRES_SCHEMES):
        return JournalLocation(url=text)
    if text.lower().startswith(SQLITE_SCHEME):
        # As SQLAlchemy writes them: sqlite:///relative/path, sqlite:////absolute/path.
        return JournalLocation(path=Path(unquote(text[len(SQLITE_SCHEME) :])))
    scheme = text.split("://", 1)[0] if "://" in text else ""
    if scheme and scheme.isascii() and scheme.replace("+", "").isalnum():
        raise InputError(t("db_bad_scheme", scheme=scheme))
    if "=" in text and _keyword_conninfo().match(text):
        # libpq's other spelling, "host=db dbname=hedong password=…": refused, and never echoed, since it may
        # hold a password (a journal file of that name would have been written as ./host=…).
        raise InputError(t("db_keyword_conninfo"))
    return JournalLocation(path=Path(text))


@cache
def _keyword_conninfo() -> re.Pattern[str]:
    # Compiled only for a value with an "=" in it: a journal's path rarely has one, and compiling the pattern
    # cost every command that opens a journal about 1 M instructions.
    return re.compile(
        r"\s*(host|hostaddr|port|dbname|user|password|passfile|service|sslmode|options|connect_timeout)\s*=",
        re.IGNORECASE,
    )


def _is_password_key(key: str) -> bool:
    # libpq decodes the parameter names of a URI too: %70assword and pass%77ord are "password".
    return unquote(key).strip().lower() == "password"


def redact_url(url: str) -> str:
    """``url`` with any password taken out: ``user:pw@``, and ``password=`` however its name is spelled."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.split("://", 1)[0] + "://…"
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        netloc = f"{userinfo.split(':', 1)[0]}@{host}"
    query = "&".join(
        "password=***" if _is_password_key(pair.split("=", 1)[0]) else pair for pair in parts.query.split("&") if pair
    )
    # A fragment is not part of a libpq URI: whatever follows '#' is dropped rather than shown.
    return parts._replace(netloc=netloc, query=query, fragment="").geturl()


def url_passwords(url: str) -> list[str]:
    """Every password written into ``url``, as written and decoded, so that messages can be scrubbed of them."""
    found: list[str] = []
    try:
        parts = urlsplit(url)
        userinfo = parts.netloc.rsplit("@", 1)[0] if "@" in parts.netloc else ""
    except ValueError:
        return found
    if ":" in userinfo:
        found.append(userinfo.split(":", 1)[1])
    pairs = [pair.split("=", 1) for pair in parts.query.split("&") if "=" in pair]
    found += [value for key, value in pairs if _is_password_key(key)]
    return [text for secret in found if secret for text in dict.fromkeys((secret, unquote(secret)))]


def url_password(url: str) -> str | None:
    """The password written into ``url``, if any (decoded)."""
    found = url_passwords(url)
    return unquote(found[0]) if found else None
