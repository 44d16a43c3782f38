"""Entries as PostgreSQL's COPY text format, for ``db copy`` into a server (``PostgresJournal.insert_copies``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hedong_cli.journal.entry import Entry


class CopyText:
    """Entries as the text format of ``COPY ... FROM STDIN``, read by psycopg2's ``copy_expert`` a chunk at a time.

    One line per entry, columns separated by tabs, NULL as ``\\N``; in a value, backslash, tab, newline and
    carriage return are escaped (PostgreSQL's documented text format), so no value can end a row or a column.
    """

    _ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})

    def __init__(self, entries: list[Entry]) -> None:
        self._lines = (self._line(entry) for entry in entries)
        self._pending = ""

    @classmethod
    def _line(cls, entry: Entry) -> str:
        return "\t".join(cls._field(value) for value in entry.stored()) + "\n"

    @classmethod
    def _field(cls, value: Any) -> str:
        if value is None:
            return "\\N"
        if isinstance(value, date):
            return value.isoformat()
        return str(value).translate(cls._ESCAPES)

    def read(self, size: int = -1) -> str:
        while size < 0 or len(self._pending) < size:
            line = next(self._lines, None)
            if line is None:
                break
            self._pending += line
        if size < 0:
            size = len(self._pending)
        chunk, self._pending = self._pending[:size], self._pending[size:]
        return chunk
