"""The journal interface every backend shares, and the SQL that is the same on both.

What an entry is and how it is stored lives in ``entry``; how the latest state is found, in ``latest``. The
queries here are written once, with ``%(name)s`` parameters (never values pasted into SQL); a backend
supplies its connection, its transactions, its error messages and the two phrases its dialect spells
differently (a list of task ids as rows, and membership in a list of ids).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from typing import Any, ClassVar

from hedong_cli.common.errors import InputError, JournalError
from hedong_cli.common.messages import t
from hedong_cli.journal import latest
from hedong_cli.journal.checks import entry_problem, row_problem, warn_unreadable
from hedong_cli.journal.entry import COLUMNS, INT_MAX, INT_MIN, Entry, TaskState, entry_row, utc_now

# Columns a task's state does not show and a reader does not check (``checks.entry_problem``).
_NOT_IN_STATE = frozenset(("catalog", "task_id", "recorded_at", "retracts"))


class Journal(ABC):
    """One journal, on whichever backend. Opened by ``hedong_cli.journal.open_reader``/``open_writer``.

    ``self._conn`` is None for a journal that does not exist yet (reads as empty).
    """

    backend: ClassVar[str]
    # The join that reads the list of task ids first, then looks each up by its key.
    _ids_first: ClassVar[str] = "JOIN"

    def __init__(self, shown: str, conn: Any) -> None:
        self.shown = shown  # the path or the URL without its password: what messages name
        self._conn = conn
        self._depth = 0  # nesting of atomic(): only the outermost begins and commits
        self.read_only = False  # SQLite: opened immutable, because the folder or filesystem cannot be written
        self._skipped: dict[int, str] = {}  # entries that cannot be read (written before the rules): id -> why
        # What SELECTs read: every column, or NULL for a column an older, unmigrated journal lacks. And whether
        # ``latest`` reads the kept states (``task_latest``, migration 6); False: probes only (an older journal
        # opened for reading, or a test comparing the two ways).
        self._select = self._select_state = ""
        self.keeps_latest = True
        self._columns_present({*COLUMNS, "task_latest"})

    def _read(self, row: tuple[Any, ...] | list[Any], retracted_by: int | None = None) -> Entry | None:
        """The entry in ``row``, or None (and one warning line on stderr, once) when it cannot be read."""
        try:
            entry = Entry.from_row(row, retracted_by)
        except (TypeError, ValueError):  # a date or JSON that does not parse
            problem: str | None = row_problem(row, COLUMNS)
        else:
            problem = entry_problem(entry)
            if problem is None:
                return entry
        assert problem is not None
        self._skipped[row[0]] = problem
        if retracted_by is None:  # a retracted one (as the warning asks) is skipped without a word
            warn_unreadable(self.shown, row[0], problem)
        return None

    def skipped_entries(self) -> list[int]:
        """The ids of the entries read so far that could not be read, in order."""
        return sorted(self._skipped)

    def _columns_present(self, present: set[str]) -> None:
        """Read a journal of an older schema (opened for reading, so not migrated) as if it were current.

        ``present``: the columns of its entries table, and ``task_latest`` when it keeps the latest states."""
        self._select = ", ".join(f"e.{column}" if column in present else "NULL" for column in COLUMNS)
        # What a task's state is read with: the columns a reader checks and a state shows. Leaving out the rest
        # (the longest of them, recorded_at, above all) makes reading 20,000 tasks' states a third cheaper.
        self._select_state = ", ".join(
            f"e.{column}" if column in present and column not in _NOT_IN_STATE else "NULL" for column in COLUMNS
        )
        self.keeps_latest = "task_latest" in present

    # -- what a backend supplies ----------------------------------------------------------------

    @abstractmethod
    def _errors(self) -> AbstractContextManager[None]:
        """Translate the driver's failures into one clear ``JournalError`` or ``InputError``."""

    @abstractmethod
    def _begin(self) -> None: ...

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def _rollback(self) -> None: ...

    @abstractmethod
    def _rows(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """Run ``sql`` (``%(name)s`` parameters) and return every row."""

    @abstractmethod
    def _insert(self, params: dict[str, Any]) -> int:
        """Insert one entry (``INSERT``'s parameters) and return its id."""

    @abstractmethod
    def _ids_as_rows(self, param: str) -> str:
        """A FROM item listing the task ids in parameter ``param`` as rows with a ``value`` column."""

    @abstractmethod
    def _in_ids(self, column: str, param: str) -> str:
        """A condition: ``column`` is one of the integers in parameter ``param``."""

    @abstractmethod
    def _list_param(self, values: list[Any]) -> Any:
        """A list as a parameter for ``_ids_as_rows`` and ``_in_ids``."""

    @abstractmethod
    def _day(self, day: date) -> Any:
        """A date as a parameter compared with ``effective``."""

    @abstractmethod
    def close(self) -> None: ...

    def _write_lock(self, catalog: str) -> None:  # noqa: B027 - SQLite's BEGIN IMMEDIATE already is the lock
        """Make writers of ``catalog`` wait for each other, from here to the end of the transaction."""

    # -- shared --------------------------------------------------------------------------------

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def atomic(self, catalog: str | None = None) -> Iterator[Journal]:
        """One write transaction: reads inside it see what it has written, writers of ``catalog`` queue.

        ``import`` computes its diff and appends it inside one ``atomic`` block, so two imports of the same
        ledger cannot both see the old state and both write the change.
        """
        if self._conn is None:
            raise JournalError(t("db_cannot_open", path=self.shown, error="not opened for writing"))
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        with self._errors():
            self._begin()
            self._depth = 1
            try:
                if catalog is not None:
                    self._write_lock(catalog)
                yield self
            except BaseException:
                self._depth = 0
                self._rollback()
                raise
            self._depth = 0
            self._commit()

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
        row = dict(
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
        return self.append_many([row])[0]

    def append_many(self, rows: list[dict[str, Any]]) -> list[Entry]:
        """Append several entries in one transaction: all are written, or none."""
        catalogs = sorted({row["catalog"] for row in rows})
        with self.atomic(catalogs[0] if len(catalogs) == 1 else None):
            for catalog in catalogs[1:] if len(catalogs) > 1 else ():
                self._write_lock(catalog)
            return self._insert_entries(rows)

    def append_computed(
        self,
        compute: Callable[[Journal], list[dict[str, Any]]],
        *,
        expected: Callable[[list[dict[str, Any]]], None] | None = None,
        catalog: str | None = None,
    ) -> list[int]:
        """Append the rows ``compute`` works out from the journal as it stands inside the write lock.

        ``compute`` gets this journal and reads it (``latest``, ``history``) inside the same write
        transaction, which writers of ``catalog`` queue for (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: the
        catalogue's advisory lock), so no other writer can commit between the read and the write: rows
        that depend on the current state (an import writes only what differs) are never written twice.
        ``expected``, when given, sees the rows before they are written and may raise to stop (a preview
        someone confirmed that is no longer what would be written); then nothing is written. Returns the
        ids written, in order (an import may write 100,000 entries: reading each back would cost as much).
        """
        with self.atomic(catalog):
            rows = compute(self)
            if expected is not None:
                expected(rows)
            return self._insert_rows(rows)

    def _insert_rows(self, rows: list[dict[str, Any]]) -> list[int]:
        return [self._insert(params) for params in self._row_params(rows)]

    def _insert_entries(self, rows: list[dict[str, Any]]) -> list[Entry]:
        """Insert ``rows`` and return their entries as stored, in order."""
        ids = self._insert_rows(rows)
        entries = self._entries_by_id(set(ids))
        return [entries[entry_id] for entry_id in ids]

    def _row_params(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The INSERT parameters of each row, all with the same time of recording."""
        recorded_at = utc_now()
        params = [entry_row(row, recorded_at) for row in rows]
        for one in params:
            one["effective"] = self._day(one["effective"])
        return params

    def retract(
        self, catalog: str, entry_id: int | None, *, effective: date, author: str | None, note: str | None = None
    ) -> Entry:
        """Append a retraction of ``entry_id`` (default: the newest live entry). Returns the retraction.

        ``note``: why (a 退回's reason, which the unit sees), checked as every reason is (``rules.check_reason``)."""
        if note is not None:
            from hedong_cli.common.rules import check_reason

            note = check_reason(note) or None
        if entry_id is not None and not INT_MIN <= entry_id <= INT_MAX:
            raise InputError(t("no_such_entry", entry=entry_id))  # no entry id is that large
        with self.atomic(catalog):
            if entry_id is None:
                rows = self._rows(
                    "SELECT id FROM entries e WHERE catalog = %(catalog)s AND kind != 'retract'"
                    " AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.retracts = e.id)"
                    f"{self._own_entries_only()} ORDER BY id DESC LIMIT 1",
                    {"catalog": catalog},
                )
                if not rows:
                    raise JournalError(t("nothing_to_undo"))
                entry_id = rows[0][0]
            target = self._rows(
                "SELECT kind, task_id FROM entries WHERE id = %(id)s AND catalog = %(catalog)s",
                {"id": entry_id, "catalog": catalog},
            )
            if not target:
                raise InputError(t("no_such_entry", entry=entry_id))
            if target[0][0] == "retract":
                raise InputError(t("entry_is_retraction", entry=entry_id))
            by = self._rows("SELECT id FROM entries WHERE retracts = %(id)s", {"id": entry_id})
            if by:
                raise InputError(t("entry_retracted", entry=entry_id, by=by[0][0]))
            params = entry_row(
                dict(catalog=catalog, task_id=target[0][1], kind="retract", effective=effective, author=author,
                     retracts=entry_id, note=note),
                utc_now(),
            )  # fmt: skip
            params["effective"] = self._day(effective)
            new_id = self._insert(params)
        return self.entry(new_id)

    def _own_entries_only(self) -> str:
        """An extra condition for ``undo`` without an id: on a server a unit undoes its own newest entry."""
        return ""

    # -- reading -------------------------------------------------------------------------------

    def entry(self, entry_id: int) -> Entry:
        if self._conn is None or not INT_MIN <= entry_id <= INT_MAX:
            raise InputError(t("no_such_entry", entry=entry_id))
        with self._errors():
            rows = self._rows(f"SELECT {self._select} FROM entries e WHERE e.id = %(id)s", {"id": entry_id})
            if not rows:
                raise InputError(t("no_such_entry", entry=entry_id))
            by = self._rows("SELECT id FROM entries WHERE retracts = %(id)s", {"id": entry_id})
        entry = self._read(rows[0], by[0][0] if by else None)
        if entry is None:
            raise InputError(t("db_entry_skipped", entry=entry_id, problem=self._skipped[entry_id]))
        return entry

    def latest(self, catalog: str, as_of: date, task_ids: Iterable[str]) -> dict[str, TaskState]:
        """The state of each task on ``as_of``. Tasks with no live entry are left out.

        Each task's kept row (``task_latest``) answers when no entry of the task is dated after ``as_of``;
        the others are probed, one indexed probe per task and field, so the cost follows the number of
        tasks asked about, not the length of the history (``latest``).
        """
        if self._conn is None:
            return {}
        wanted = list(task_ids)
        found: dict[str, TaskState] = {}
        rows: list[tuple[Any, ...]] = []
        entries: dict[int, Entry] = {}
        if self.keeps_latest and wanted:
            # Kept rows read in one join (``latest.kept_states``); the rest entry by entry, as before.
            params = {"catalog": catalog, "day": self._day(as_of), "ids": self._list_param(wanted)}
            with self._errors():
                kept = self._rows(latest.kept_states(self._ids_as_rows("ids"), self._ids_first, self.backend), params)
            found, wanted = latest.read_kept(kept)
        if self.keeps_latest and wanted:
            rows, entries, wanted = self._kept(catalog, as_of, wanted)
        if wanted:
            probed, probed_entries = self._probe(catalog, as_of, wanted)
            rows += probed
            entries.update(probed_entries)
        return found | latest.states(rows, entries)

    def _kept(
        self, catalog: str, as_of: date, task_ids: list[str]
    ) -> tuple[list[tuple[Any, ...]], dict[int, Entry], list[str]]:
        """The kept rows that answer for ``as_of``, the entries they name, and the tasks left to probe."""
        day = self._day(as_of)
        with self._errors():
            found = self._rows(
                f"SELECT l.horizon, l.task_id, {', '.join(f'l.{column}' for column in latest.ID_COLUMNS)}"
                f" FROM {self._ids_as_rows('ids')} {self._ids_first} task_latest l"
                " ON l.catalog = %(catalog)s AND l.task_id = ids.value",
                {"catalog": catalog, "ids": self._list_param(task_ids)},
            )
            fresh = [row[1:] for row in found if row[0] <= day]
            kept = {entry_id for row in fresh for entry_id in row[1:] if entry_id is not None}
            entries = self._entries_by_id(kept, for_state=True)
        rows, probe = [], [row[1] for row in found if row[0] > day]
        for row in fresh:
            # A row that names an entry no reader can read (written before the rules) is probed, passing it over.
            if all(entry_id is None or entry_id in entries for entry_id in row[1:]):
                rows.append(row)
            else:
                probe.append(row[0])
        return rows, entries, probe

    def _probe(self, catalog: str, as_of: date, task_ids: list[str]) -> tuple[list[tuple[Any, ...]], dict[int, Entry]]:
        """Each task's six entry ids on ``as_of`` (``latest.FIELDS``), probed in ``entries``, and those entries."""
        params = {"catalog": catalog, "day": self._day(as_of), "ids": self._list_param(task_ids)}
        unreadable = ""
        while True:
            probes = ", ".join(
                latest.newest(kind, column, "%(catalog)s", "ids.value", day="%(day)s", unless=unreadable)
                for kind, column in latest.FIELDS
            )
            with self._errors():
                rows = self._rows(f"SELECT ids.value, {probes} FROM {self._ids_as_rows('ids')}", params)
                wanted = {entry_id for row in rows for entry_id in row[1:] if entry_id is not None}
                entries = self._entries_by_id(wanted, for_state=True)
            if wanted <= entries.keys() or params.get("unreadable") == self._list_param(sorted(self._skipped)):
                return rows, entries
            # An entry that cannot be read is passed over, as if it were not there: probe again without it.
            params["unreadable"] = self._list_param(sorted(self._skipped))
            unreadable = f" AND NOT ({self._in_ids('e.id', 'unreadable')})"

    def _entries_by_id(self, ids: set[int], *, for_state: bool = False) -> dict[int, Entry]:
        """The entries of ``ids`` that can be read; ``for_state``: only what a task's state shows of each."""
        if not ids:
            return {}
        rows = self._rows(
            f"SELECT {self._select_state if for_state else self._select} FROM entries e"
            f" WHERE {self._in_ids('e.id', 'ids')}",
            {"ids": self._list_param(sorted(ids))},
        )
        return {entry.id: entry for entry in map(self._read, rows) if entry is not None}

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
        clauses, params = ["e.catalog = %(catalog)s"], {"catalog": catalog}
        if task_id is not None:
            clauses.append("e.task_id = %(task_id)s")
            params["task_id"] = task_id
        if since is not None:
            clauses.append("e.effective >= %(since)s")
            params["since"] = self._day(since)
        if until is not None:
            clauses.append("e.effective <= %(until)s")
            params["until"] = self._day(until)
        order = "DESC" if newest_first else "ASC"
        sql = (
            f"SELECT {self._select}, (SELECT r.id FROM entries r WHERE r.retracts = e.id)"
            f" FROM entries e WHERE {' AND '.join(clauses)} ORDER BY e.effective {order}, e.id {order}"
        )
        if limit is not None:
            sql += " LIMIT %(limit)s"
            params["limit"] = limit
        with self._errors():
            rows = self._rows(sql, params)
        return [entry for row in rows if (entry := self._read(row[:-1], row[-1])) is not None]

    def task_ids(self, catalog: str) -> dict[str, int]:
        """Each task id the journal mentions for ``catalog``, with its first entry id."""
        if self._conn is None:
            return {}
        with self._errors():
            rows = self._rows(
                "SELECT task_id, min(id) FROM entries WHERE catalog = %(catalog)s GROUP BY task_id ORDER BY min(id)",
                {"catalog": catalog},
            )
        return dict(rows)

    def state(self, catalog: str) -> tuple[int, int]:
        """How many entries ``catalog`` holds and the newest id: it changes with every entry appended (a
        retraction is one), by any process. Entries are never changed or deleted, so a report built when the
        state was this is still true while it stays this. Both numbers: on PostgreSQL ids are taken before
        commit, so an entry may become visible after one with a higher id, which changes the count only."""
        if self._conn is None:
            return (0, 0)
        with self._errors():
            count, newest = self._rows(
                "SELECT count(*), max(id) FROM entries WHERE catalog = %(catalog)s", {"catalog": catalog}
            )[0]
        return (int(count), int(newest or 0))

    @property
    def opened(self) -> bool:
        """Whether a connection is open (a SQLite journal not created yet reads as empty, without one)."""
        return self._conn is not None

    def reusable(self) -> bool:
        """Whether this open journal may serve another request as it is: open, and no transaction left open.
        A backend adds what else would carry over from one request to the next."""
        return self._conn is not None and self._depth == 0

    def role_kept(self) -> bool:
        """Whether the connection still acts as the role it opened as (a server's journal may switch roles)."""
        return True

    def count(self, catalog: str | None = None) -> int:
        """Entries of ``catalog``, or of every catalogue when it is None."""
        if self._conn is None:
            return 0
        with self._errors():
            if catalog is None:
                return self._rows("SELECT count(*) FROM entries")[0][0]
            return self._rows("SELECT count(*) FROM entries WHERE catalog = %(catalog)s", {"catalog": catalog})[0][0]

    # -- whole journals (db copy) ----------------------------------------------------------------

    def all_entries(self, batch: int = 5000) -> Iterator[Entry]:
        """Every entry of every catalogue in id order, read in batches (the journal may be large)."""
        if self._conn is None:
            return
        last = INT_MIN
        while True:
            with self._errors():
                rows = self._rows(
                    f"SELECT {self._select} FROM entries e WHERE e.id > %(last)s ORDER BY e.id LIMIT %(batch)s",
                    {"last": last, "batch": batch},
                )
            if not rows:
                return
            for row in rows:
                entry = self._read(row)
                if entry is not None:
                    yield entry
            last = rows[-1][0]

    @abstractmethod
    def insert_copies(self, entries: list[Entry]) -> None:
        """Write ``entries`` as they are (ids, dates, authors, recorded times): the target of ``db copy``."""

    def digest(self) -> tuple[int, str]:
        """Row count and SHA-256 of every entry in id order, the same for equal journals on either backend."""
        import hashlib  # only ``db copy`` digests: loading OpenSSL's bindings cost every command 3-5 ms

        digest, count = hashlib.sha256(), 0
        for entry in self.all_entries():
            digest.update(entry.canonical())
            digest.update(b"\n")
            count += 1
        return count, digest.hexdigest()

    def describe(self) -> dict[str, str]:
        """What ``hedong where`` shows about the journal: backend and location (never a password)."""
        return {"backend": self.backend, "location": self.shown}
