"""The progress journal: an append-only SQLite table of entries.

History is never rewritten. A status, value or note is an ``update`` entry; a lead-unit
assignment is an ``assign`` entry; a task's plan (完成时限, 分管区领导, 节点) is a ``plan`` entry holding
the whole plan as JSON, so the newest one is the plan; ``undo`` appends a ``retract`` entry naming the one it cancels.
The state of a task on a date is, field by field, the newest live entry whose effective date is on
or before that date ("newest" = latest effective date, then latest entry id). A retraction counts
from its own effective date on, so a past state can always be reproduced exactly.

Every write runs in one ``BEGIN IMMEDIATE`` transaction; the file uses WAL mode and a busy timeout
so that several people can record at once. A write that depends on what is already recorded (an
import writes only what differs) reads that state inside its own transaction: ``append_computed``.

Before anything can change a file, it is checked: it must be a regular file (never a device or a
pipe), whole pages long, and, when it has tables, hedong's own ``entries`` table. A journal in a
folder or on a filesystem this process cannot write is still read (``immutable`` open), never written.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from hedong_cli.errors import InputError, JournalError
from hedong_cli.messages import t

BUSY_TIMEOUT_MS = 30_000

# Each migration moves the schema from version N to N+1 (PRAGMA user_version).
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE entries (
        id          INTEGER PRIMARY KEY,
        catalog     TEXT NOT NULL,            -- catalogue key, e.g. '2026'
        task_id     TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('update', 'retract', 'assign')),
        recorded_at TEXT NOT NULL,            -- UTC timestamp, ISO 8601
        effective   TEXT NOT NULL,            -- the date the entry speaks for, YYYY-MM-DD
        status      TEXT,
        value       REAL,
        note        TEXT,
        author      TEXT,
        retracts    INTEGER REFERENCES entries(id),
        lead        TEXT,                     -- assign: the lead unit (牵头单位)
        partners    TEXT                      -- assign: JSON list of partner units (配合单位)
    );
    CREATE INDEX entries_by_task ON entries (catalog, task_id, kind, effective, id);
    CREATE INDEX entries_by_effective ON entries (catalog, effective, id);
    CREATE UNIQUE INDEX entries_retracts ON entries (retracts) WHERE retracts IS NOT NULL;
    """,
    # 2: the 'plan' kind and its payload. SQLite cannot change a CHECK constraint in place, so the
    # table is rebuilt (its rows copied as they are) and its indexes made again.
    """
    CREATE TABLE entries_v2 (
        id          INTEGER PRIMARY KEY,
        catalog     TEXT NOT NULL,
        task_id     TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('update', 'retract', 'assign', 'plan')),
        recorded_at TEXT NOT NULL,
        effective   TEXT NOT NULL,
        status      TEXT,
        value       REAL,
        note        TEXT,
        author      TEXT,
        retracts    INTEGER REFERENCES entries(id),
        lead        TEXT,
        partners    TEXT,
        plan        TEXT                      -- plan: JSON object {due, leader, nodes, reason}
    );
    INSERT INTO entries_v2 (id, catalog, task_id, kind, recorded_at, effective, status, value, note, author,
                            retracts, lead, partners)
        SELECT id, catalog, task_id, kind, recorded_at, effective, status, value, note, author,
               retracts, lead, partners FROM entries;
    DROP TABLE entries;
    ALTER TABLE entries_v2 RENAME TO entries;
    CREATE INDEX entries_by_task ON entries (catalog, task_id, kind, effective, id);
    CREATE INDEX entries_by_effective ON entries (catalog, effective, id);
    CREATE UNIQUE INDEX entries_retracts ON entries (retracts) WHERE retracts IS NOT NULL;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS = (
    "id, catalog, task_id, kind, recorded_at, effective, status, value, note, author, retracts, lead, partners, plan"
)
# A journal opened for reading is not migrated; before version 2 it has no plan column.
_COLUMNS_V1 = _COLUMNS.replace(", plan", ", NULL")
# The columns of the first schema: every hedong journal, of any version, has them.
_BASE_COLUMNS = frozenset(name.strip() for name in _COLUMNS_V1.split(",")) - {"NULL"}


@dataclass(frozen=True)
class Entry:
    id: int
    catalog: str
    task_id: str
    kind: str
    recorded_at: str
    effective: date
    status: str | None = None
    value: float | None = None
    note: str | None = None
    author: str | None = None
    retracts: int | None = None
    lead: str | None = None
    partners: tuple[str, ...] = ()
    retracted_by: int | None = None  # filled in by history queries
    plan: dict[str, Any] | None = field(default=None, hash=False)  # plan: the whole plan, as stored

    @classmethod
    def from_row(cls, row: tuple, retracted_by: int | None = None) -> Entry:  # type: ignore[type-arg]
        return cls(
            id=row[0],
            catalog=row[1],
            task_id=row[2],
            kind=row[3],
            recorded_at=row[4],
            effective=date.fromisoformat(row[5]),
            status=row[6],
            value=row[7],
            note=row[8],
            author=row[9],
            retracts=row[10],
            lead=row[11],
            partners=tuple(json.loads(row[12])) if row[12] else (),
            retracted_by=retracted_by,
            plan=json.loads(row[13]) if row[13] else None,
        )


@dataclass(frozen=True)
class TaskState:
    """What the journal says about one task on a date. Each field comes from its newest live entry."""

    status: str | None = None
    value: float | None = None
    note: str | None = None
    updated: date | None = None  # effective date of the newest live update entry
    value_date: date | None = None
    lead: str | None = None
    partners: tuple[str, ...] = ()
    plan: dict[str, Any] | None = field(default=None, hash=False)  # the newest live plan entry's payload
    plan_date: date | None = None  # its effective date
    plan_entry: int | None = None  # its id


def _prefixed(columns: str, prefix: str) -> str:
    """The column list with each name qualified by ``prefix`` (a NULL placeholder stays as it is)."""
    names = [name.strip() for name in columns.split(",")]
    return ", ".join(name if name == "NULL" else prefix + name for name in names)


def _utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


_SQLITE_MAGIC = b"SQLite format 3\x00"
_SQLITE_INT_MIN, _SQLITE_INT_MAX = -(2**63), 2**63 - 1
_PAGE_SIZES = frozenset(2**n for n in range(9, 17))  # 512 .. 65536; anything else SQLite rejects


def _check_whole_pages(path: Path) -> None:
    """Refuse a journal that was cut short (an interrupted copy, a full disk).

    SQLite writes whole pages, so a sound file is always a whole number of pages. A file cut
    mid-page would read with silent gaps, and a write could then change what is left of it.
    Anything that is not an SQLite file at all is left for SQLite to report.
    """
    try:
        with path.open("rb") as file:
            header = file.read(100)
            size = os.fstat(file.fileno()).st_size
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


class Journal:
    """A journal file. Open it with ``Journal.for_reading`` or ``Journal.for_writing``."""

    def __init__(self, path: Path, conn: sqlite3.Connection | None, *, read_only: bool = False) -> None:
        self.path = path
        self._conn = conn  # None: the file does not exist yet, so the journal is empty
        self.read_only = read_only  # opened immutable: the folder or filesystem cannot be written
        self._columns = _COLUMNS

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def for_reading(cls, path: Path) -> Journal:
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
            journal = cls(path, cls._connect(path, readonly=True, immutable=True), read_only=True)
            version = journal._read_version()
        if version == 0:
            journal.close()  # an empty SQLite file: nothing recorded yet
        return journal

    def _read_version(self) -> int:
        assert self._conn is not None
        with self._errors():
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            self._check_version(version)
            _check_ours(self._conn, self.path)
            if version < 2:
                self._columns = _COLUMNS_V1  # a journal opened for reading is not migrated
        return int(version)

    @classmethod
    def for_writing(cls, path: Path) -> Journal:
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
            if readonly:
                options = "mode=ro&immutable=1" if immutable else "mode=ro"
                conn = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True, isolation_level=None)
            else:
                conn = sqlite3.connect(path, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            return conn
        except sqlite3.Error as exc:
            raise JournalError(t("db_cannot_open", path=path, error=exc)) from None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Translate sqlite3 failures into one clear ``JournalError``."""
        try:
            yield
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

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        assert self._conn is not None
        conn = self._conn
        with self._errors():
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _check_version(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise JournalError(t("db_newer", path=self.path, found=version, known=SCHEMA_VERSION))

    def _migrate(self) -> None:
        with self._transaction() as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            self._check_version(version)
            _check_ours(conn, self.path)
            for number in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                # user_version takes no parameters; the value is our own integer.
                conn.execute(f"PRAGMA user_version={number + 1}")

    # -- writing -----------------------------------------------------------------------------

    def append(
        self,
        catalog: str,
        task_id: str,
        *,
        effective: date,
        kind: str = "update",
        status: str | None = None,
        value: float | None = None,
        note: str | None = None,
        author: str | None = None,
        lead: str | None = None,
        partners: Iterable[str] = (),
        plan: dict[str, Any] | None = None,
    ) -> Entry:
        return self.append_many(
            [
                dict(
                    catalog=catalog,
                    task_id=task_id,
                    effective=effective,
                    kind=kind,
                    status=status,
                    value=value,
                    note=note,
                    author=author,
                    lead=lead,
                    partners=tuple(partners),
                    plan=plan,
                )
            ]
        )[0]

    def append_many(self, rows: list[dict]) -> list[Entry]:  # type: ignore[type-arg]
        """Append several entries in one transaction: all are written, or none."""
        with self._transaction() as conn:
            ids = self._insert(conn, rows)
        return [self.entry(entry_id) for entry_id in ids]

    def append_computed(
        self,
        compute: Callable[[Journal], list[dict]],  # type: ignore[type-arg]
        *,
        expected: Callable[[list[dict]], None] | None = None,  # type: ignore[type-arg]
    ) -> list[int]:
        """Append the rows ``compute`` works out from the journal as it stands inside the write lock.

        ``compute`` gets this journal and reads it (``latest``, ``history``) inside the same
        ``BEGIN IMMEDIATE`` transaction, so no other writer can commit between the read and the
        write: rows that depend on the current state (an import writes only what differs) are
        never written twice, however imports and updates interleave. ``expected``, when given, sees
        the rows before they are written and may raise to stop (a preview someone confirmed that is
        no longer what would be written); then nothing is written. Returns the ids written, in order
        (an import may write 100,000 entries: reading each back would cost as much again).
        """
        with self._transaction() as conn:
            rows = compute(self)
            if expected is not None:
                expected(rows)
            return self._insert(conn, rows)

    @staticmethod
    def _insert(conn: sqlite3.Connection, rows: list[dict]) -> list[int]:  # type: ignore[type-arg]
        recorded_at = _utc_now()
        ids: list[int] = []
        for row in rows:
            partners = tuple(row.get("partners") or ())
            plan = row.get("plan")
            cursor = conn.execute(
                "INSERT INTO entries (catalog, task_id, kind, recorded_at, effective, status, value,"
                " note, author, retracts, lead, partners, plan) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    row["catalog"],
                    row["task_id"],
                    row.get("kind", "update"),
                    recorded_at,
                    row["effective"].isoformat(),
                    row.get("status"),
                    row.get("value"),
                    row.get("note"),
                    row.get("author"),
                    row.get("retracts"),
                    row.get("lead"),
                    json.dumps(list(partners), ensure_ascii=False) if partners else None,
                    json.dumps(plan, ensure_ascii=False, sort_keys=True) if plan is not None else None,
                ),
            )
            ids.append(cursor.lastrowid)
        return ids

    def retract(self, catalog: str, entry_id: int | None, *, effective: date, author: str | None) -> Entry:
        """Append a retraction of ``entry_id`` (default: the newest live entry). Returns the retraction."""
        if entry_id is not None and not _SQLITE_INT_MIN <= entry_id <= _SQLITE_INT_MAX:
            raise InputError(t("no_such_entry", entry=entry_id))  # no SQLite row id is that large
        with self._transaction() as conn:
            if entry_id is None:
                row = conn.execute(
                    "SELECT id FROM entries e WHERE catalog = ? AND kind != 'retract'"
                    " AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.retracts = e.id)"
                    " ORDER BY id DESC LIMIT 1",
                    (catalog,),
                ).fetchone()
                if row is None:
                    raise JournalError(t("nothing_to_undo"))
                entry_id = row[0]
            target = conn.execute(
                "SELECT kind, task_id FROM entries WHERE id = ? AND catalog = ?", (entry_id, catalog)
            ).fetchone()
            if target is None:
                raise InputError(t("no_such_entry", entry=entry_id))
            if target[0] == "retract":
                raise InputError(t("entry_is_retraction", entry=entry_id))
            by = conn.execute("SELECT id FROM entries WHERE retracts = ?", (entry_id,)).fetchone()
            if by is not None:
                raise InputError(t("entry_retracted", entry=entry_id, by=by[0]))
            cursor = conn.execute(
                "INSERT INTO entries (catalog, task_id, kind, recorded_at, effective, author, retracts)"
                " VALUES (?, ?, 'retract', ?, ?, ?, ?)",
                (catalog, target[1], _utc_now(), effective.isoformat(), author, entry_id),
            )
            new_id = cursor.lastrowid
        return self.entry(new_id)

    # -- reading -----------------------------------------------------------------------------

    def entry(self, entry_id: int) -> Entry:
        if self._conn is None or not _SQLITE_INT_MIN <= entry_id <= _SQLITE_INT_MAX:
            raise InputError(t("no_such_entry", entry=entry_id))
        with self._errors():
            row = self._conn.execute(f"SELECT {self._columns} FROM entries WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                raise InputError(t("no_such_entry", entry=entry_id))
            by = self._conn.execute("SELECT id FROM entries WHERE retracts = ?", (entry_id,)).fetchone()
        return Entry.from_row(row, by[0] if by else None)

    def latest(self, catalog: str, as_of: date, task_ids: Iterable[str]) -> dict[str, TaskState]:
        """The state of each task on ``as_of``. Tasks with no live entry are left out.

        One indexed probe per task and field, so the cost follows the number of tasks asked
        about, not the length of the history.
        """
        if self._conn is None:
            return {}
        day = as_of.isoformat()

        def newest(kind: str, column: str) -> str:
            return (
                f"(SELECT id FROM entries e WHERE e.catalog = :catalog AND e.task_id = ids.value"
                f" AND e.kind = '{kind}' AND e.effective <= :day AND e.{column} IS NOT NULL"
                f" AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.retracts = e.id AND r.effective <= :day)"
                f" ORDER BY e.effective DESC, e.id DESC LIMIT 1)"
            )

        query = (
            f"SELECT ids.value, {newest('update', 'status')}, {newest('update', 'value')},"
            f" {newest('update', 'note')}, {newest('update', 'id')}, {newest('assign', 'id')}, {newest('plan', 'id')}"
            " FROM json_each(:ids) AS ids"
        )
        with self._errors():
            probes = self._conn.execute(
                query, {"catalog": catalog, "day": day, "ids": json.dumps(list(task_ids))}
            ).fetchall()
            wanted = {entry_id for row in probes for entry_id in row[1:] if entry_id is not None}
            entries = self._entries_by_id(wanted)
        states = {}
        for task_id, status_id, value_id, note_id, last_id, assign_id, plan_id in probes:
            if last_id is None and assign_id is None and plan_id is None:
                continue
            value_entry = entries.get(value_id)
            assign_entry = entries.get(assign_id)
            plan_entry = entries.get(plan_id)
            states[task_id] = TaskState(
                status=entries[status_id].status if status_id else None,
                value=value_entry.value if value_entry else None,
                note=entries[note_id].note if note_id else None,
                updated=entries[last_id].effective if last_id else None,
                value_date=value_entry.effective if value_entry else None,
                lead=assign_entry.lead if assign_entry else None,
                partners=assign_entry.partners if assign_entry else (),
                plan=plan_entry.plan if plan_entry else None,
                plan_date=plan_entry.effective if plan_entry else None,
                plan_entry=plan_entry.id if plan_entry else None,
            )
        return states

    def _entries_by_id(self, ids: set[int]) -> dict[int, Entry]:
        assert self._conn is not None
        rows = self._conn.execute(
            f"SELECT {self._columns} FROM entries WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(ids)),),
        ).fetchall()
        return {row[0]: Entry.from_row(row) for row in rows}

    def history(
        self,
        catalog: str,
        *,
        task_id: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int | None = None,
        newest_first: bool = True,
    ) -> list[Entry]:
        """Entries (retractions included) filtered by task and effective date."""
        if self._conn is None:
            return []
        clauses, params = ["e.catalog = ?"], [catalog]
        if task_id is not None:
            clauses.append("e.task_id = ?")
            params.append(task_id)
        if since is not None:
            clauses.append("e.effective >= ?")
            params.append(since.isoformat())
        if until is not None:
            clauses.append("e.effective <= ?")
            params.append(until.isoformat())
        order = "DESC" if newest_first else "ASC"
        sql = (
            f"SELECT {_prefixed(self._columns, 'e.')},"
            " (SELECT r.id FROM entries r WHERE r.retracts = e.id)"
            f" FROM entries e WHERE {' AND '.join(clauses)} ORDER BY e.effective {order}, e.id {order}"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(str(limit))
        with self._errors():
            rows = self._conn.execute(sql, params).fetchall()
        return [Entry.from_row(row[:-1], row[-1]) for row in rows]

    def task_ids(self, catalog: str) -> dict[str, int]:
        """Each task id the journal mentions for ``catalog``, with its first entry id."""
        if self._conn is None:
            return {}
        with self._errors():
            rows = self._conn.execute(
                "SELECT task_id, min(id) FROM entries WHERE catalog = ? GROUP BY task_id ORDER BY min(id)",
                (catalog,),
            ).fetchall()
        return dict(rows)

    def count(self, catalog: str) -> int:
        if self._conn is None:
            return 0
        with self._errors():
            return self._conn.execute("SELECT count(*) FROM entries WHERE catalog = ?", (catalog,)).fetchone()[0]
