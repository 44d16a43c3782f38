"""The progress journal: append-only entries, on SQLite (a file, the default) or PostgreSQL (a server).

Everything above this package (progress, briefing, ledger, the CLI) sees one interface, ``Journal``
in ``base``, opened with ``open_reader``/``open_writer`` from a ``JournalLocation`` (``--db``/``$HEDONG_DB``),
and never learns which backend runs. Each backend keeps its own connection, transactions and
error messages; the entry types, the queries that are the same and the schema are shared.
"""

from __future__ import annotations

from collections.abc import Mapping

from hedong_cli.journal.base import Journal
from hedong_cli.journal.entry import Entry, TaskState
from hedong_cli.journal.location import JournalLocation, parse_location
from hedong_cli.journal.schema import SCHEMA_VERSION
from hedong_cli.journal.sqlite import SQLiteJournal, is_read_only

__all__ = [
    "SCHEMA_VERSION",
    "Entry",
    "Journal",
    "JournalLocation",
    "SQLiteJournal",
    "TaskState",
    "is_read_only",
    "open_reader",
    "open_writer",
    "parse_location",
]


def open_reader(target: JournalLocation, environ: Mapping[str, str]) -> Journal:
    """Open for reading. A SQLite file that does not exist yet reads as an empty journal."""
    if target.path is not None:
        return SQLiteJournal.for_reading(target.path)
    from hedong_cli.journal.postgres import PostgresJournal

    assert target.url is not None
    return PostgresJournal.for_reading(target.url, environ)


def open_writer(target: JournalLocation, environ: Mapping[str, str]) -> Journal:
    """Open for appending. A SQLite file and its schema are created when needed; a server's schema is
    created only by ``hedong db init`` (by the office, which owns it)."""
    if target.path is not None:
        return SQLiteJournal.for_writing(target.path)
    from hedong_cli.journal.postgres import PostgresJournal

    assert target.url is not None
    return PostgresJournal.for_writing(target.url, environ)
