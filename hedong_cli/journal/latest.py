"""A task's latest state: kept current in ``task_latest`` as entries are appended, or probed in ``entries``.

The state of a task on a date is, field by field, the newest live entry whose effective date is on or before
that date (``entry``). Six entries make it: the newest update with a status, with a value, with a note, the
newest update of any kind, the newest assignment and the newest plan (``FIELDS``).

``task_latest`` (migration 6) holds, per catalogue and task, the ids of those six entries over the whole
history, and ``horizon``: the latest effective date of any entry of the task or of any retraction of one. On a
date on or after the horizon no entry and no retraction of the task is filtered out by its date, so the kept
row is the state on that date; before it, the task is probed as before (one indexed probe per field). A
trigger on ``entries`` keeps the row current in the same transaction as the append (SQLite: in the migration's
SQL; PostgreSQL: ``pg_security.SECURITY[6]``): an entry that retracts nothing advances its task's row
(``advance``), a retraction recomputes the rows it touches (``kept_columns``). An entry a reader cannot read
(written before the rules) is passed over by the probes; a kept row that names one is probed instead.

The kept rows are read with what their entries show in one join (``kept_states``, ``read_kept``), without an
``Entry`` per entry: for 20,000 tasks (about 45,000 entries) that halves ``latest``. A row whose entries do not all
pass the readers' checks, in SQL (``checks.sql_readable``) and then in Python, is read entry by entry as before.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from hedong_cli.journal.checks import partners_problem, plan_problem, sql_readable
from hedong_cli.journal.entry import Entry, TaskState, _partners, _stored_day

# (kind, column): the newest live entry of that kind whose column is set. ``id`` is never NULL: any entry.
FIELDS = (("update", "status"), ("update", "value"), ("update", "note"), ("update", "id"), ("assign", "id"),
          ("plan", "id"))  # fmt: skip
# The first key of hedong's advisory locks ("HD"): a writer takes (LOCK_SPACE, catalogue) for its transaction
# (postgres.py), and the trigger that keeps task_latest takes the same one, so kept rows follow appends in order.
LOCK_SPACE = 0x4844
ID_COLUMNS = ("status_id", "value_id", "note_id", "update_id", "assign_id", "plan_id")


def newest(kind: str, column: str, catalog: str, task: str, *, entries: str = "entries", day: str = "",
           unless: str = "") -> str:  # fmt: skip
    """A scalar subquery: the id of the newest live ``kind`` entry of task ``task`` with ``column`` set.

    ``day``: the date (an SQL expression) that the entry's, and a retraction's, effective date must not pass;
    empty for the whole history. ``unless``: an extra condition on the entry ``e``. A scalar subquery, not NOT
    EXISTS: PostgreSQL turns NOT EXISTS into an anti-join that reads every entry of the task before sorting;
    this way the backward index scan stops at the first live entry on both backends.
    """
    on_day = f" AND e.effective <= {day}" if day else ""
    retracted_by_then = f" AND r.effective <= {day}" if day else ""
    return (
        f"(SELECT e.id FROM {entries} e WHERE e.catalog = {catalog} AND e.task_id = {task}"
        f" AND e.kind = '{kind}'{on_day} AND e.{column} IS NOT NULL{unless}"
        f" AND (SELECT r.id FROM {entries} r WHERE r.retracts = e.id{retracted_by_then}) IS NULL"
        f" ORDER BY e.effective DESC, e.id DESC LIMIT 1)"
    )


def kept_columns(catalog: str, task: str, entries: str = "entries") -> str:
    """The six ids of ``task_latest``, over the whole history, as a SELECT list."""
    return ", ".join(newest(kind, column, catalog, task, entries=entries) for kind, column in FIELDS)


def backfill(table: str = "task_latest", entries: str = "entries") -> str:
    """The statement that fills ``task_latest`` from a journal's history (migration 6, on an existing journal)."""
    return (
        f"INSERT INTO {table} (catalog, task_id, horizon, {', '.join(ID_COLUMNS)})"
        f" SELECT k.catalog, k.task_id, max(k.day), {kept_columns('k.catalog', 'k.task_id', entries)}"
        f" FROM (SELECT catalog, task_id, effective AS day FROM {entries}"
        # A retraction moves the horizon of the task whose entry it retracts.
        f" UNION ALL SELECT t.catalog, t.task_id, r.effective FROM {entries} r JOIN {entries} t ON t.id = r.retracts)"
        f" AS k GROUP BY k.catalog, k.task_id"
    )


def tasks_touched(new: str = "NEW", entries: str = "entries") -> str:
    """The tasks whose state an inserted entry may change: its own, and the one whose entry it retracts."""
    return (
        f"SELECT {new}.catalog AS catalog, {new}.task_id AS task_id"
        f" UNION SELECT t.catalog, t.task_id FROM {entries} t WHERE t.id = {new}.retracts"
    )


def is_live_append(new: str = "NEW", entries: str = "entries") -> str:
    """Whether an inserted entry can only advance its own task's row: it retracts nothing, and nothing retracts it
    (a hand-written SQLite retraction may name an id before it exists)."""
    return f"{new}.retracts IS NULL AND NOT EXISTS (SELECT 1 FROM {entries} r WHERE r.retracts = {new}.id)"


def advance(greatest: str, *, table: str = "task_latest", entries: str = "entries", new: str = "NEW") -> str:
    """The upsert that brings the row of a live inserted entry's task up to date without probing: each of its six
    ids becomes the new entry's when the entry is of that field and newer (later date, or the same date and a
    higher id) than the one kept, which is live and the newest. A retraction recomputes instead (``kept_columns``).

    ``greatest``: the backend's two-argument maximum (SQLite ``max``, PostgreSQL ``GREATEST``)."""
    name = table.rsplit(".", 1)[-1]

    def taken(kind: str, column: str) -> str:
        return f"{new}.kind = '{kind}' AND {new}.{column} IS NOT NULL"

    fresh = ", ".join(f"CASE WHEN {taken(kind, column)} THEN {new}.id END" for kind, column in FIELDS)
    kept = ", ".join(
        f"{kept} = CASE WHEN {taken(kind, column)} AND ({name}.{kept} IS NULL OR (SELECT {new}.effective > k.effective"
        f" OR ({new}.effective = k.effective AND {new}.id > k.id) FROM {entries} k WHERE k.id = {name}.{kept}))"
        f" THEN {new}.id ELSE {name}.{kept} END"
        for (kind, column), kept in zip(FIELDS, ID_COLUMNS, strict=True)
    )
    return (
        f"INSERT INTO {table} (catalog, task_id, horizon, {', '.join(ID_COLUMNS)})"
        f" VALUES ({new}.catalog, {new}.task_id, {new}.effective, {fresh})"
        f" ON CONFLICT (catalog, task_id) DO UPDATE SET horizon = {greatest}({name}.horizon, excluded.horizon), {kept}"
    )


def states(rows: list[tuple[Any, ...]], entries: dict[int, Entry]) -> dict[str, TaskState]:
    """Each task's state from its row (task id, then the six entry ids of ``FIELDS``) and the entries read."""
    found = {}
    for task_id, status_id, value_id, note_id, last_id, assign_id, plan_id in rows:
        if last_id is None and assign_id is None and plan_id is None:
            continue
        value_entry = entries.get(value_id)
        assign_entry = entries.get(assign_id)
        plan_entry = entries.get(plan_id)
        found[task_id] = TaskState(
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
    return found


# The kept states read whole (``kept_states``): one alias per entry of ``FIELDS``, and of those entries only the
# columns a state shows, in the order ``read_kept`` unpacks them.
_ALIASES = ("s", "v", "n", "u", "a", "p")
_SHOWN = (
    "s.status",
    "v.value",
    "n.note",
    "a.lead",
    "a.partners",
    "p.plan",
    *(f"{alias}.effective" for alias in _ALIASES),
)


def kept_states(ids_as_rows: str, ids_first: str, backend: str) -> str:
    """The query that reads, per task asked about (``ids_as_rows``), its kept row and what its state shows, in one
    set-based join, with a flag: 1 when the row answers on ``%(day)s`` (its horizon is not later) and every entry
    it names is there and passes the readers' checks (``checks.sql_readable``; what the SQL leaves to Python,
    ``read_kept`` checks). A task flagged 0 is read the usual way, entry by entry, and so refused, passed over or
    probed exactly as before."""
    checks = []
    for index, (alias, column) in enumerate(zip(_ALIASES, ID_COLUMNS, strict=True)):
        # The newest update is often the newest with a status, a value and a note as well: checked once.
        same = "".join(f" OR l.{column} = l.{earlier}" for earlier in ID_COLUMNS[:index] if index < 4)
        test = sql_readable(alias, backend, partners=alias == "a", plan=alias == "p")
        checks.append(f"(l.{column} IS NULL{same} OR ({alias}.id IS NOT NULL AND {test}))")
    readable = " AND ".join(checks)
    joins = " ".join(
        f"LEFT JOIN entries {alias} ON {alias}.id = l.{column}"
        for alias, column in zip(_ALIASES, ID_COLUMNS, strict=True)
    )
    # The joins are written in the order to run them (each a primary-key lookup from the kept row). PostgreSQL
    # would otherwise search every order of the seven relations: 2-3 ms of planning a call, more than the whole
    # execution for a few tasks (a command's one task, a web write's check), against 0.25 ms in written order.
    # SET LOCAL lasts to the end of the transaction: the statement's own when none is open (the two statements
    # of one query string run as one implicit transaction), else the caller's, whose later statements join less.
    fixed_order = "SET LOCAL join_collapse_limit = 1; " if backend == "postgresql" else ""
    return (
        f"{fixed_order}SELECT l.task_id, CASE WHEN l.horizon <= %(day)s AND {readable} THEN 1 ELSE 0 END,"
        f" {', '.join(f'l.{column}' for column in ID_COLUMNS)}, {', '.join(_SHOWN)}"
        f" FROM {ids_as_rows} {ids_first} task_latest l ON l.catalog = %(catalog)s AND l.task_id = ids.value {joins}"
    )


def _day(value: Any) -> date:
    return value if isinstance(value, date) else _stored_day(value)


def read_kept(rows: list[tuple[Any, ...]]) -> tuple[dict[str, TaskState], list[str]]:
    """The states of the rows ``kept_states`` flagged readable, and the tasks left to read the usual way: those
    flagged 0, and those whose partner list or plan (checked here, as ``entry_problem`` checks them) is not.

    The same states as ``states`` makes from the same entries: a field comes from its entry when the row names
    one (``states`` tests the status, note and newest update ids for truth, the others for None)."""
    found: dict[str, TaskState] = {}
    rest: list[str] = []
    days: dict[Any, date | None] = {None: None}  # each stored day as read
    new_state = tuple.__new__
    for row in rows:
        task_id, readable, status_id, value_id, note_id, last_id, assign_id, plan_id = row[:8]
        if not readable:
            rest.append(task_id)
            continue
        if last_id is None and assign_id is None and plan_id is None:
            continue
        status, value, note, lead, partners, plan = row[8:14]
        try:
            # Every entry's day is read, shown or not, as ``Entry.from_row`` reads it (a day that does not parse
            # makes an entry unreadable); a journal holds few distinct days, each parsed once.
            for day in row[14:]:
                if day not in days:
                    days[day] = _day(day)
            _, value_day, _, updated, _, plan_day = map(days.__getitem__, row[14:])
            units = _partners(partners) if partners else ()
            payload = json.loads(plan) if plan else None
        except (TypeError, ValueError):
            rest.append(task_id)
            continue
        if partners_problem(units) or (payload is not None and plan_problem(payload) is not None):
            rest.append(task_id)
            continue
        # A NamedTuple built from its fields in order, without the keyword-parsing __new__ (20,000 calls at L).
        state = new_state(
            TaskState,
            (
                status if status_id else None,  # status
                value if value_id is not None else None,  # value
                note if note_id else None,  # note
                updated if last_id else None,  # updated
                value_day if value_id is not None else None,  # value_date
                lead if assign_id is not None else None,  # lead
                units if assign_id is not None else (),  # partners
                payload if plan_id is not None else None,  # plan
                plan_day if plan_id is not None else None,  # plan_date
                plan_id,  # plan_entry
            ),
        )
        found[task_id] = state
    return found, rest
