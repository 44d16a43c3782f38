"""The SQLite journal: one file, the embedded default.

Every write runs in one ``BEGIN IMMEDIATE`` transaction, which takes the file's write lock first, so
writers queue and a diff computed inside the transaction is still true when it is written
(``append_computed``). The file uses WAL mode and a busy timeout so that several people can record at once.

Before anything can change a file, it is checked: it must be a regular file (never a device or a
pipe), whole pages long, and, when it has tables, hedong's own ``entries`` table. A journal in a
folder or on a filesystem this process cannot write is still read (``immutable`` open), never written.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from hedong_cli.common.errors import InputError, JournalError
from hedong_cli.common.messages import t
from hedong_cli.journal.base import Journal
from hedong_cli.journal.entry import COLUMNS, INSERT, Entry
from hedong_cli.journal.schema import SCHEMA_VERSION, statements

BUSY_TIMEOUT_MS = 30_000

_SQLITE_MAGIC = b"SQLite format 3\x00"
_PAGE_SIZES = frozenset(2**n for n in range(9, 17))  # 512 .. 65536; anything else SQLite rejects


@lru_cache(maxsize=64)
def _qmark(sql: str) -> str:
    """The shared ``%(name)s`` parameters in SQLite's ``:name`` spelling."""
    return re.sub(r"%\((\w+)\)s", r":\1", sql)


# (device, inode) -> a descriptor kept open, the most recently used last. A process works with a few journals;
# a long test run opens hundreds, so the oldest is closed past HEADER_FDS_KEPT (a journal opened that long ago
# is closed in all but a process that keeps that many open at once).
_HEADER_FDS: OrderedDict[tuple[int, int], int] = OrderedDict()
HEADER_FDS_KEPT = 32
_HEADER_LOCK = threading.Lock()


def _header_fd(path: Path) -> int:
    """A descriptor to read ``path``'s header with, opened once per file and kept open.

    Closing any descriptor of a file drops every POSIX lock the process holds on it, those of the process's
    open SQLite connections included (SQLite guards against this only for descriptors it opens itself). A
    process that keeps journals open while it opens another (the web desk) would then let a ``hedong`` in
    another process believe it closed the last connection and delete the ``-shm`` file the open connections
    still map: they would never see a new entry again.
    """
    found = os.stat(path)
    key = (found.st_dev, found.st_ino)
    with _HEADER_LOCK:
        if key in _HEADER_FDS:
            _HEADER_FDS.move_to_end(key)
        else:
            _HEADER_FDS[key] = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
            while len(_HEADER_FDS) > HEADER_FDS_KEPT:
                os.close(_HEADER_FDS.popitem(last=False)[1])
        return _HEADER_FDS[key]


def _check_whole_pages(path: Path) -> None:
    """Refuse a journal that was cut short (an interrupted copy, a full disk).

    SQLite writes whole pages, so a sound file is always a whole number of pages. A file cut
    mid-page would read with silent gaps, and a write could then change what is left of it.
    Anything that is not an SQLite file at all is left for SQLite to report.
    """
    try:
        fd = _header_fd(path)
        header = os.pread(fd, 100, 0)
        size = os.fstat(fd).st_size
    except OSError:
        return  # unreadable: sqlite3.connect reports it
    if not header or not _SQLITE_MAGIC.startswith(header[: len(_SQLITE_MAGIC)]):
        return
    if len(header) < 100:
        raise JournalError(t("db_truncated", path=path, size=size, page=512))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size  # the header stores 65536 as 1
    if page_size in _PAGE_SIZES and size % page_size:
        raise JournalError(t("db_truncated", path=path, size=size, page=page_size))


# The columns of the first schema: every hedong journal, of any version, has them.
_BASE_COLUMNS = frozenset(COLUMNS[:13])


def _check_regular(path: Path) -> bool:
    """Whether ``path`` exists; refuse it when it is not a regular file.

    SQLite would open a device or a FIFO: ``/dev/null`` reads as an empty database and a write then
    leaves ``/dev/null-journal`` behind; a FIFO blocks until someone writes to it. A folder would only
    fail later, with a vaguer message.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise JournalError(t("db_cannot_open", path=path, error=exc.strerror or exc)) from None
    if not stat.S_ISREG(mode):
        raise JournalError(t("db_not_a_file", path=path))
    return True


def is_read_only(path: Path) -> bool:
    """Whether an existing journal can be read but not written: the file, or its folder (where SQLite
    keeps the ``-wal`` and ``-shm`` files), is not writable by this process, or is on a read-only
    filesystem. ``os.access`` asks the kernel, so root, immutable files and read-only mounts count."""
    folder = path.parent if str(path.parent) else Path(".")
    return path.exists() and not (os.access(path, os.W_OK) and os.access(folder, os.W_OK))


def _check_ours(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a database that has tables but not hedong's ``entries`` table, whatever its user_version.

    Runs before anything writes (the switch to WAL rewrites the header), so another program's
    database stays byte-identical.
    """
    if not conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        return
    columns = {row[1] for row in conn.execute("SELECT * FROM pragma_table_info('entries')")}
    if not columns >= _BASE_COLUMNS:
        raise JournalError(t("db_not_ours", path=path))


class SQLiteJournal(Journal):
    """A journal file. Open it with ``SQLiteJournal.for_reading`` or ``SQLiteJournal.for_writing``."""

    backend = "sqlite"
    # Without statistics SQLite's planner scans the table and the list inside it; its CROSS JOIN keeps the order.
    _ids_first = "CROSS JOIN"

    def __init__(self, path: Path, conn: sqlite3.Connection | None) -> None:
        super().__init__(str(path), conn)
        self.path = path

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def for_reading(cls, path: Path) -> SQLiteJournal:
        """Open without creating anything. A missing file reads as an empty journal.

        A WAL journal needs its ``-shm`` file beside it, which SQLite cannot create in a folder it
        may not write (a shared copy for viewers, a read-only mount). There the file is opened
        ``immutable``: read as it is on disk, with no locks and no side files.
        """
        if not _check_regular(path):
            return cls(path, None)
        _check_whole_pages(path)
        journal = None
        try:
            journal = cls(path, cls._connect(path, readonly=True))
            version = journal._read_version()
        except JournalError:
            if not is_read_only(path):
                raise
            if journal is not None:
                journal.close()
            journal = cls(path, cls._connect(path, readonly=True, immutable=True))
            journal.read_only = True
            version = journal._read_version()
        if version == 0:
            journal.close()  # an empty SQLite file: nothing recorded yet
        return journal

    def _read_version(self) -> int:
        assert self._conn is not None
        conn = self._conn
        with self._errors():
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            self._check_version(version)
            _check_ours(conn, self.path)
            if 0 < version < SCHEMA_VERSION:  # a journal opened for reading is not migrated
                self._columns_present({row[1] for row in conn.execute("PRAGMA table_info(entries)")})
        return int(version)

    @classmethod
    def for_writing(cls, path: Path) -> SQLiteJournal:
        """Open for appending, creating the file and its schema when needed."""
        if not path.parent.is_dir():
            raise JournalError(t("db_dir_missing", path=path.parent))
        if _check_regular(path):
            if is_read_only(path):
                raise JournalError(t("db_readonly", path=path))
            _check_whole_pages(path)
        conn = cls._connect(path, readonly=False)
        journal = cls(path, conn)
        with journal._errors():
            # Check the version (and create the schema) before switching to WAL, which rewrites the
            # header: a journal from a newer hedong, or someone else's database, stays byte-identical.
            journal._migrate()
            journal._use_wal()
        return journal

    def _use_wal(self) -> None:
        """Switch to WAL mode (a no-op once done). SQLite does not apply the busy timeout to this
        switch, so when several processes create the journal at once, the losers retry."""
        assert self._conn is not None
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        pause = 0.005
        while True:
            try:
                if self._conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    self._conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 0.1)

    @staticmethod
    def _connect(path: Path, *, readonly: bool, immutable: bool = False) -> sqlite3.Connection:
        try:
            # check_same_thread off: the web desk keeps journals open and hands each to one worker thread at
            # a time (Python's sqlite3 is built serialized; the check only guards against sharing by mistake).
            if readonly:
                options = "mode=ro&immutable=1" if immutable else "mode=ro"
                conn = sqlite3.connect(
                    f"{path.resolve().as_uri()}?{options}", uri=True, isolation_level=None, check_same_thread=False
                )
            else:
                conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            return conn
        except sqlite3.Error as exc:
            raise JournalError(t("db_cannot_open", path=path, error=exc)) from None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def reusable(self) -> bool:
        return super().reusable() and self._conn is not None and not self._conn.in_transaction

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Translate sqlite3 failures into one clear ``JournalError``."""
        try:
            yield
        except sqlite3.IntegrityError as exc:
            if "entry refused" not in str(exc) and "check constraint" not in str(exc).lower():
                raise JournalError(t("db_error", path=self.path, error=exc)) from None
            raise InputError(t("db_entry_refused", path=self.path, error=exc)) from None
        except sqlite3.DatabaseError as exc:
            text = str(exc).lower()
            if "locked" in text or "busy" in text:
                raise JournalError(t("db_locked", path=self.path)) from None
            if "readonly" in text or "read-only" in text:
                raise JournalError(t("db_readonly", path=self.path)) from None
            if "not a database" in text or "malformed" in text or "disk image" in text:
                raise JournalError(t("db_corrupt", path=self.path, error=exc)) from None
            if "unable to open" in text:
                raise JournalError(t("db_cannot_open", path=self.path, error=exc)) from None
            raise JournalError(t("db_error", path=self.path, error=exc)) from None

    def _begin(self) -> None:
        assert self._conn is not None
        self._conn.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        assert self._conn is not None
        self._conn.execute("COMMIT")

    def _rollback(self) -> None:
        assert self._conn is not None
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def _check_version(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise JournalError(t("db_newer", path=self.path, found=version, known=SCHEMA_VERSION))

    def _migrate(self) -> None:
        with self.atomic():
            conn = self._conn
            assert conn is not None
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            self._check_version(version)
            _check_ours(conn, self.path)
            for number in range(version, SCHEMA_VERSION):
                for statement in statements(number, "sqlite"):
                    conn.execute(statement)
                # user_version takes no parameters; the value is our own integer.
                conn.execute(f"PRAGMA user_version={number + 1}")

    # -- the dialect ---------------------------------------------------------------------------

    def _rows(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        assert self._conn is not None
        return self._conn.execute(_qmark(sql), params or {}).fetchall()

    def _insert(self, params: dict[str, Any]) -> int:
        assert self._conn is not None
        cursor = self._conn.execute(_qmark(INSERT), params)
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _ids_as_rows(self, param: str) -> str:
        return f"json_each(%({param})s) AS ids"

    def _in_ids(self, column: str, param: str) -> str:
        return f"{column} IN (SELECT value FROM json_each(%({param})s))"

    def _list_param(self, values: list[Any]) -> Any:
        return json.dumps(values)

    def _day(self, day: date) -> Any:
        return day.isoformat()

    def insert_copies(self, entries: list[Entry]) -> None:
        placeholders = ", ".join("?" for _ in COLUMNS)
        at = COLUMNS.index("effective")
        rows = [[*row[:at], row[at].isoformat(), *row[at + 1 :]] for row in (entry.stored() for entry in entries)]
        with self.atomic():
            assert self._conn is not None
            self._conn.executemany(f"INSERT INTO entries ({', '.join(COLUMNS)}) VALUES ({placeholders})", rows)
