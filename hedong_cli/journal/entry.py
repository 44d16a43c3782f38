"""A journal entry and a task's state, and how entries are stored: the columns, the row codecs, the INSERT.

History is never rewritten. A status, value or note is an ``update`` entry; a lead-unit assignment is
an ``assign`` entry; a task's plan (完成时限, 分管区领导, 节点) is a ``plan`` entry holding the whole plan as
JSON, so the newest one is the plan; ``undo`` appends a ``retract`` entry naming the one it cancels. The state of a
task on a date is, field by field, the newest live entry whose effective date is on or before that
date ("newest" = latest effective date, then latest entry id). A retraction counts from its own
effective date on, so a past state can always be reproduced exactly.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any, NamedTuple

from hedong_cli.common.messages import t

COLUMNS = (
    "id",
    "catalog",
    "task_id",
    "kind",
    "recorded_at",
    "effective",
    "status",
    "value",
    "note",
    "author",
    "retracts",
    "lead",
    "partners",
    "plan",
    "role",
    "unit",
)
INT_MIN, INT_MAX = -(2**63), 2**63 - 1  # SQLite row ids and PostgreSQL bigint alike


class Entry:
    """One row of the journal, immutable.

    A plain class with what ``dataclass(frozen=True)`` would write for it (keyword or positional fields in the
    order below, equality on every field, a hash without the plan, refusing assignment): a dataclass compiles
    those methods from source when the class is created, at the start-up of every command that opens a journal.
    """

    id: int
    catalog: str
    task_id: str
    kind: str
    recorded_at: str
    effective: date
    status: str | None
    value: float | None
    note: str | None
    author: str | None  # the name given with --by (填报人)
    retracts: int | None
    lead: str | None
    partners: tuple[str, ...]
    role: str | None  # on a server: the database role that wrote it
    unit: str | None  # on a server: the unit that role is mapped to
    retracted_by: int | None  # filled in by history queries
    plan: dict[str, Any] | None  # plan: the whole plan, as stored

    # The fields in the order of __init__'s parameters (the order above), as equality, hash and repr read them.
    FIELDS = ("id", "catalog", "task_id", "kind", "recorded_at", "effective", "status", "value", "note", "author")
    FIELDS += ("retracts", "lead", "partners", "role", "unit", "retracted_by", "plan")

    def __init__(
        self,
        id: int,
        catalog: str,
        task_id: str,
        kind: str,
        recorded_at: str,
        effective: date,
        status: str | None = None,
        value: float | None = None,
        note: str | None = None,
        author: str | None = None,
        retracts: int | None = None,
        lead: str | None = None,
        partners: tuple[str, ...] = (),
        role: str | None = None,
        unit: str | None = None,
        retracted_by: int | None = None,
        plan: dict[str, Any] | None = None,
    ) -> None:
        self.__dict__.update(
            id=id,
            catalog=catalog,
            task_id=task_id,
            kind=kind,
            recorded_at=recorded_at,
            effective=effective,
            status=status,
            value=value,
            note=note,
            author=author,
            retracts=retracts,
            lead=lead,
            partners=partners,
            role=role,
            unit=unit,
            retracted_by=retracted_by,
            plan=plan,
        )

    def _fields(self) -> tuple[Any, ...]:
        return tuple(self.__dict__[name] for name in self.FIELDS)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._fields()[:-1])  # not the plan, a dict

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}({', '.join(f'{name}={self.__dict__[name]!r}' for name in self.FIELDS)})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    @classmethod
    def from_row(cls, row: tuple[Any, ...] | list[Any], retracted_by: int | None = None) -> Entry:
        effective = row[5]
        entry = object.__new__(cls)
        # The same object as ``cls(...)`` builds, filled in one step without the call's argument binding
        # (reading entries: 20,000 tasks' states read about 45,000). The instance stays frozen: its __setattr__
        # still refuses.
        entry.__dict__.update(
            id=row[0],
            catalog=row[1],
            task_id=row[2],
            kind=row[3],
            recorded_at=row[4],
            effective=effective if isinstance(effective, date) else _stored_day(effective),
            status=row[6],
            value=row[7],
            note=row[8],
            author=row[9],
            retracts=row[10],
            lead=row[11],
            partners=_partners(row[12]) if row[12] else (),
            plan=json.loads(row[13]) if row[13] else None,
            role=row[14],
            unit=row[15],
            retracted_by=retracted_by,
        )
        return entry

    def signed(self) -> str:
        """Who wrote the entry, as shown: 王某（区商务局 / shangwu）."""
        return signature(self.author, self.unit, self.role)

    def stored(self) -> list[Any]:
        """The entry's columns (``COLUMNS``) as they are stored: partners as JSON text."""
        stored = {"partners": partners_json(self.partners), "plan": plan_json(self.plan)}
        return [stored[column] if column in stored else getattr(self, column) for column in COLUMNS]

    def canonical(self) -> bytes:
        """The entry as bytes that are the same whichever backend it was read from (for copy digests)."""
        fields = [getattr(self, column) for column in COLUMNS]
        fields[COLUMNS.index("effective")] = self.effective.isoformat()
        fields[COLUMNS.index("partners")] = list(self.partners)
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()


@lru_cache(maxsize=4096)
def _stored_day(text: str) -> date:
    """A stored ISO date; a journal holds few distinct dates and many entries on each."""
    return date.fromisoformat(text)


@lru_cache(maxsize=4096)
def _partners(text: str) -> tuple[str, ...]:
    """A stored partner list; the same few lists recur across tasks. A tuple, so sharing it is safe."""
    return tuple(json.loads(text))


class TaskState(NamedTuple):
    """What the journal says about one task on a date. Each field comes from its newest live entry.

    A NamedTuple, as the catalogue's records are (``hedong_cli.catalogue.model`` says why)."""

    status: str | None = None
    value: float | None = None
    note: str | None = None
    updated: date | None = None  # effective date of the newest live update entry
    value_date: date | None = None
    lead: str | None = None
    partners: tuple[str, ...] = ()
    plan: dict[str, Any] | None = None  # the newest live plan entry's payload
    plan_date: date | None = None  # its effective date
    plan_entry: int | None = None  # its id


def signature(author: str | None, unit: str | None, role: str | None) -> str:
    """The --by name, then (on a server) the unit and role the database stamped: 王某（区商务局 / shangwu）.

    The --by name is what the writer typed; the stamp is what the server knows. Both are shown, so that a
    unit cannot pass its entry off as the office's by typing --by 督查室."""
    stamp = " / ".join(part for part in (unit, role) if part)
    if not stamp or stamp == author:
        return author or ""
    return t("author_stamp", by=author, stamp=stamp) if author else stamp


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def partners_json(partners: tuple[str, ...] | list[str]) -> str | None:
    return json.dumps(list(partners), ensure_ascii=False) if partners else None


def plan_json(plan: dict[str, Any] | None) -> str | None:
    return json.dumps(plan, ensure_ascii=False, sort_keys=True) if plan is not None else None


def entry_row(row: dict[str, Any], recorded_at: str) -> dict[str, Any]:
    """The parameters of one INSERT from a row given to ``append_many``."""
    partners = tuple(row.get("partners") or ())
    return {
        "catalog": row["catalog"],
        "task_id": row["task_id"],
        "kind": row.get("kind", "update"),
        "recorded_at": row.get("recorded_at") or recorded_at,
        "effective": row["effective"],
        "status": row.get("status"),
        "value": row.get("value"),
        "note": row.get("note"),
        "author": row.get("author"),
        "retracts": row.get("retracts"),
        "lead": row.get("lead"),
        "partners": partners_json(partners),
        "plan": plan_json(row.get("plan")),
    }


# What a client writes: the database assigns the id, and on a server a trigger stamps the role and its unit.
INSERT_COLUMNS = tuple(column for column in COLUMNS if column not in ("id", "role", "unit"))
INSERT = (
    f"INSERT INTO entries ({', '.join(INSERT_COLUMNS)})"
    f" VALUES ({', '.join(f'%({column})s' for column in INSERT_COLUMNS)})"
)
