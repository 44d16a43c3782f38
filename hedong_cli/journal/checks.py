"""The rules a stored entry obeys, as the database enforces them and as readers check them.

The limits come from ``hedong_cli.common.rules`` (the status set too); nothing here
repeats a number. Three forms of the same rules:

- ``sqlite_triggers()``: ``BEFORE INSERT`` triggers that ``RAISE(ABORT)`` (a SQLite table cannot gain a
  CHECK constraint in place, and a rebuild would copy, and so refuse, an older malformed row);
- ``postgres_checks()`` and ``POSTGRES_ENTRY_TRIGGER``: CHECK constraints (``NOT VALID``: older rows stay
  readable) and a trigger for the two JSON columns, whose structure a CHECK expression cannot walk;
- ``entry_problem()``: what a reader asks of each row it reads, so that an entry written before the rules
  existed (or by hand into a SQLite file) is skipped with a warning instead of crashing every command.
"""

from __future__ import annotations

import json
import math
import re
import sys
import weakref
from datetime import date
from typing import Any

from hedong_cli.common.messages import t
from hedong_cli.common.rules import MAX_NAME_CHARS, MAX_NOTE, MAX_REASON_CHARS, MAX_VALUE, PATTERN_SOURCES, STATUSES

KINDS = ("update", "retract", "assign", "plan")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_PCT = 100


def unsafe_ranges() -> list[tuple[int, int]]:
    """The code point ranges of ``rules.NAME_UNSAFE`` (a single character class), read from its source (the
    server's constraints are built at import: reading the source needs no compiled pattern)."""
    body = PATTERN_SOURCES["NAME_UNSAFE"]
    assert body.startswith("[") and body.endswith("]"), "NAME_UNSAFE must stay one character class"
    chars, ranges, index = body[1:-1], [], 0
    while index < len(chars):
        if index + 2 < len(chars) and chars[index + 1] == "-":
            ranges.append((ord(chars[index]), ord(chars[index + 2])))
            index += 3
        else:
            ranges.append((ord(chars[index]), ord(chars[index])))
            index += 1
    return ranges


def _sql_list(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


# -- PostgreSQL ---------------------------------------------------------------------------------------


def _pg_unsafe_class() -> str:
    # PostgreSQL text cannot hold U+0000, so a range from it starts at U+0001.
    parts = [
        f"\\u{max(lo, 1):04x}" + (f"-\\u{hi:04x}" if hi != max(lo, 1) else "") for lo, hi in unsafe_ranges() if hi >= 1
    ]
    return "[" + "".join(parts) + "]"


def pg_name_ok(expr: str) -> str:
    return f"(pg_catalog.length({expr}) <= {MAX_NAME_CHARS} AND {expr} !~ '{_pg_unsafe_class()}')"


def postgres_checks() -> list[tuple[str, str]]:
    """(constraint name, condition) for each column rule a CHECK expresses."""
    name_columns = ("author", "lead", "role", "unit")
    return [
        ("entries_status_ok", f"status IS NULL OR status IN ({_sql_list(STATUSES)})"),
        ("entries_value_ok", f"value IS NULL OR value BETWEEN -{MAX_VALUE:.0f} AND {MAX_VALUE:.0f}"),
        ("entries_note_ok", f"note IS NULL OR pg_catalog.length(note) <= {MAX_NOTE}"),
        *((f"entries_{column}_ok", f"{column} IS NULL OR {pg_name_ok(column)}") for column in name_columns),
    ]


def postgres_constraints() -> str:
    return ";\n".join(
        f"ALTER TABLE entries ADD CONSTRAINT {name} CHECK ({condition}) NOT VALID"
        for name, condition in postgres_checks()
    )


_PARTNER, _LEADER = "(p #>> '{{}}')", "(doc ->> 'leader')"
# {schema} is filled in when the migration runs (postgres.py); braces of the SQL itself are doubled.
POSTGRES_ENTRY_TRIGGER = f"""
CREATE FUNCTION {{schema}}.hedong_day_ok(day TEXT) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RETURN day ~ '^[0-9]{{{{4}}}}-[0-9]{{{{2}}}}-[0-9]{{{{2}}}}$' AND pg_catalog.to_char(day::date, 'YYYY-MM-DD') = day;
EXCEPTION WHEN others THEN
    RETURN false;
END $$;
CREATE FUNCTION {{schema}}.hedong_json(doc TEXT) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RETURN doc::jsonb;
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$;
-- Which rule of the two JSON columns NEW breaks (NULL: none): partners is a list of unit names; plan an
-- object of the plan schema (due, leader, nodes of a date and one of value, pct or text, reason).
CREATE FUNCTION {{schema}}.hedong_json_problem(partners TEXT, plan TEXT) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog, {{schema}}, pg_temp AS $$
DECLARE
    doc jsonb;
    node jsonb;
BEGIN
    IF partners IS NOT NULL THEN
        doc := {{schema}}.hedong_json(partners);
        IF doc IS NULL OR jsonb_typeof(doc) <> 'array' OR EXISTS (
            SELECT 1 FROM jsonb_array_elements(doc) p
            WHERE jsonb_typeof(p) <> 'string' OR NOT {pg_name_ok(_PARTNER)}
        ) THEN
            RETURN 'partners';
        END IF;
    END IF;
    IF plan IS NULL THEN
        RETURN NULL;
    END IF;
    doc := {{schema}}.hedong_json(plan);
    IF doc IS NULL OR jsonb_typeof(doc) <> 'object' THEN
        RETURN 'plan';
    END IF;
    IF jsonb_typeof(doc -> 'due') NOT IN ('null', 'string')
        OR (jsonb_typeof(doc -> 'due') = 'string' AND NOT {{schema}}.hedong_day_ok(doc ->> 'due')) THEN
        RETURN 'plan.due';
    END IF;
    IF jsonb_typeof(doc -> 'leader') NOT IN ('null', 'string')
        OR (jsonb_typeof(doc -> 'leader') = 'string' AND NOT {pg_name_ok(_LEADER)}) THEN
        RETURN 'plan.leader';
    END IF;
    IF jsonb_typeof(doc -> 'reason') NOT IN ('null', 'string')
        OR pg_catalog.length(doc ->> 'reason') > {MAX_REASON_CHARS} THEN
        RETURN 'plan.reason';
    END IF;
    IF jsonb_typeof(doc -> 'nodes') NOT IN ('null', 'array') THEN
        RETURN 'plan.nodes';
    END IF;
    FOR node IN SELECT n FROM jsonb_array_elements(COALESCE(doc -> 'nodes', '[]'::jsonb)) n LOOP
        -- One test at a time: the casts below are safe only once the types are known.
        IF jsonb_typeof(node) <> 'object' OR jsonb_typeof(node -> 'date') IS DISTINCT FROM 'string' THEN
            RETURN 'plan.nodes';
        END IF;
        IF NOT {{schema}}.hedong_day_ok(node ->> 'date')
            OR COALESCE(jsonb_typeof(node -> 'value'), 'null') NOT IN ('null', 'number')
            OR COALESCE(jsonb_typeof(node -> 'pct'), 'null') NOT IN ('null', 'number')
            OR COALESCE(jsonb_typeof(node -> 'text'), 'null') NOT IN ('null', 'string') THEN
            RETURN 'plan.nodes';
        END IF;
        IF (COALESCE(jsonb_typeof(node -> 'value'), 'null') = 'number')::int
           + (COALESCE(jsonb_typeof(node -> 'pct'), 'null') = 'number')::int
           + (COALESCE(jsonb_typeof(node -> 'text'), 'null') = 'string')::int IS DISTINCT FROM 1 THEN
            RETURN 'plan.nodes';
        END IF;
        IF COALESCE(abs((node ->> 'value')::numeric) > {MAX_VALUE:.0f}, false)
            OR COALESCE((node ->> 'pct')::numeric NOT BETWEEN 0 AND {_MAX_PCT}, false)
            OR COALESCE(pg_catalog.length(node ->> 'text') > {MAX_NOTE}, false) THEN
            RETURN 'plan.nodes';
        END IF;
    END LOOP;
    RETURN NULL;
END $$;
CREATE FUNCTION {{schema}}.hedong_check_entry() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, {{schema}}, pg_temp AS $$
DECLARE
    problem TEXT := {{schema}}.hedong_json_problem(NEW.partners, NEW.plan);
BEGIN
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'entry refused: its % breaks the journal''s rules', problem USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER entries_valid BEFORE INSERT ON {{schema}}.entries
    FOR EACH ROW EXECUTE FUNCTION {{schema}}.hedong_check_entry()
"""


# -- SQLite -------------------------------------------------------------------------------------------


def _sqlite_unsafe_glob() -> str:
    # GLOB stops at U+0000 (C strings), so that one is looked for with instr().
    parts = "".join(
        f"char({max(lo, 1)})" + (f" || '-' || char({hi})" if hi != max(lo, 1) else "") + " || "
        for lo, hi in unsafe_ranges()
        if hi >= 1
    )
    return f"'*[' || {parts}']*'"


def sqlite_name_ok(expr: str) -> str:
    return (
        f"(typeof({expr}) = 'text' AND length({expr}) <= {MAX_NAME_CHARS}"
        f" AND instr({expr}, char(0)) = 0 AND NOT ({expr} GLOB {_sqlite_unsafe_glob()}))"
    )


def _sqlite_day_ok(expr: str) -> str:
    # date(x, '+0 days') normalises 2026-02-30 to 2026-03-02, so only a real YYYY-MM-DD day equals itself.
    return f"(typeof({expr}) = 'text' AND date({expr}, '+0 days') IS {expr})"


def _sqlite_rules() -> list[tuple[str, str]]:
    """(rule, condition on NEW) for each rule an entry obeys on SQLite."""
    node = "n.value"
    node_date = f"json_extract({node}, '$.date')"
    node_ok = (
        f"json_type({node}) = 'object' AND {_sqlite_day_ok(node_date)}"
        f" AND coalesce(json_type({node}, '$.value'), 'null') IN ('null', 'integer', 'real')"
        f" AND coalesce(json_type({node}, '$.pct'), 'null') IN ('null', 'integer', 'real')"
        f" AND coalesce(json_type({node}, '$.text'), 'null') IN ('null', 'text')"
        f" AND coalesce(json_type({node}, '$.value') IN ('integer', 'real'), 0)"
        f" + coalesce(json_type({node}, '$.pct') IN ('integer', 'real'), 0)"
        f" + (json_type({node}, '$.text') IS 'text') = 1"
        f" AND coalesce(abs(json_extract({node}, '$.value')) <= {MAX_VALUE:.0f}, 1)"
        f" AND coalesce(json_extract({node}, '$.pct') BETWEEN 0 AND {_MAX_PCT}, 1)"
        f" AND coalesce(length(json_extract({node}, '$.text')) <= {MAX_NOTE}, 1)"
    )
    plan = "NEW.plan"
    due, leader = f"json_extract({plan}, '$.due')", f"json_extract({plan}, '$.leader')"
    return [
        ("kind", f"NEW.kind IN ({_sql_list(KINDS)})"),
        ("status", f"NEW.status IS NULL OR NEW.status IN ({_sql_list(STATUSES)})"),
        (
            "value",
            f"NEW.value IS NULL OR (typeof(NEW.value) IN ('integer', 'real') AND abs(NEW.value) <= {MAX_VALUE:.0f})",
        ),
        ("note", f"NEW.note IS NULL OR (typeof(NEW.note) = 'text' AND length(NEW.note) <= {MAX_NOTE})"),
        ("effective", _sqlite_day_ok("NEW.effective")),
        *(
            (column, f"NEW.{column} IS NULL OR {sqlite_name_ok(f'NEW.{column}')}")
            for column in ("author", "lead", "role", "unit")
        ),
        (
            "partners",
            "NEW.partners IS NULL OR CASE WHEN json_valid(NEW.partners) AND json_type(NEW.partners) = 'array'"
            " THEN NOT EXISTS (SELECT 1 FROM json_each(NEW.partners) p"
            f" WHERE NOT {sqlite_name_ok('p.value')}) ELSE 0 END",
        ),
        (
            "plan",
            f"{plan} IS NULL OR CASE WHEN json_valid({plan}) AND json_type({plan}) = 'object' THEN"
            f" coalesce(json_type({plan}, '$.due'), 'null') IN ('null', 'text')"
            f" AND (json_type({plan}, '$.due') IS NOT 'text' OR {_sqlite_day_ok(due)})"
            f" AND coalesce(json_type({plan}, '$.leader'), 'null') IN ('null', 'text')"
            f" AND (json_type({plan}, '$.leader') IS NOT 'text'"
            f" OR {sqlite_name_ok(leader)})"
            f" AND coalesce(json_type({plan}, '$.reason'), 'null') IN ('null', 'text')"
            f" AND coalesce(length(json_extract({plan}, '$.reason')) <= {MAX_REASON_CHARS}, 1)"
            f" AND coalesce(json_type({plan}, '$.nodes'), 'null') IN ('null', 'array')"
            f" AND NOT EXISTS (SELECT 1 FROM json_each({plan}, '$.nodes') n WHERE NOT ({node_ok}))"
            " ELSE 0 END",
        ),
    ]


def sqlite_triggers() -> str:
    """One ``BEFORE INSERT`` trigger per rule, each naming its rule when it refuses."""
    return ";\n".join(
        f"CREATE TRIGGER entries_{rule}_ok BEFORE INSERT ON entries WHEN NOT ({condition})"
        f" BEGIN SELECT RAISE(ABORT, 'entry refused: its {rule} breaks the journal''s rules'); END"
        for rule, condition in _sqlite_rules()
    )


# -- readers ------------------------------------------------------------------------------------------
# A reader asks less than the database: what it needs to read an entry without failing (the types, the JSON
# structure, finite numbers, known kinds, statuses and days). A name too long, or holding a control
# character, from before the limits existed, is still read: every renderer makes such characters visible.


def _day_ok(value: Any) -> bool:
    if isinstance(value, date):
        return True
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _text(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _node_ok(node: Any) -> bool:
    if not isinstance(node, dict) or not isinstance(node.get("date"), str) or not _day_ok(node["date"]):
        return False
    value, pct, text = node.get("value"), node.get("pct"), node.get("text")
    if (value is not None) + (pct is not None) + (text is not None) != 1:
        return False
    return _number(value) if value is not None else _number(pct) if pct is not None else isinstance(text, str)


def plan_problem(plan: Any) -> str | None:
    if not isinstance(plan, dict):
        return "plan"
    if plan.get("due") is not None and not (isinstance(plan["due"], str) and _day_ok(plan["due"])):
        return "plan.due"
    if not (_text(plan.get("leader")) and _text(plan.get("reason"))):
        return "plan"
    nodes = plan.get("nodes")
    if nodes is not None and not (isinstance(nodes, list) and all(_node_ok(node) for node in nodes)):
        return "plan.nodes"
    return None


def entry_problem(entry: Any) -> str | None:
    """The first thing that keeps a read ``Entry`` from being used (a status outside the set, a NaN, a plan
    that is not of the plan schema...), or None. A row that could not even be made an Entry: ``row_problem``.

    Runs on every entry read, so the common case costs a few comparisons."""
    if entry.kind not in KINDS:
        return "kind"
    if entry.status is not None and entry.status not in STATUSES:
        return "status"
    value = entry.value
    if value is not None and not (value.__class__ in (float, int) and -math.inf < value < math.inf):
        return "value"
    texts = (entry.note, entry.author, entry.lead, entry.role, entry.unit)
    if not all(text is None or text.__class__ is str for text in texts):
        return next(name for name, text in zip(_TEXTS, texts, strict=True) if not _text(text))
    if partners_problem(entry.partners):
        return "partners"
    return plan_problem(entry.plan) if entry.plan is not None else None


_TEXTS = ("note", "author", "lead", "role", "unit")


def sql_readable(alias: str, backend: str, *, partners: bool = False, plan: bool = False) -> str:
    """A condition in SQL that holds only for a stored entry ``entry_problem`` reads without a problem: a
    sufficient test, never a looser one, so that ``latest`` can read the entries of the kept states without
    making each an ``Entry``. An entry it does not pass is read the usual way, and refused or not there.

    ``alias``: the entry's table alias; ``backend``: "sqlite" or "postgresql" (there the column types already
    hold most of it: dates are dates, names are text). ``partners``/``plan``: the entry may carry that JSON
    column, which the caller then parses and checks itself (``partners_problem``, ``plan_problem``); else it
    must be NULL (no kind but assign and plan writes them). The caller reads the effective day itself too."""
    a = alias
    parts = [
        f"{a}.kind IN ({_sql_list(KINDS)}) AND {a}.effective IS NOT NULL",
        f"({a}.status IS NULL OR {a}.status IN ({_sql_list(STATUSES)}))",
    ]
    if backend == "sqlite":
        # Numbers of either storage class and finite (9e999 is SQLite's infinity); names and notes text, whatever
        # was written into the file by hand. The effective day is left to the caller, who reads it as
        # ``Entry.from_row`` does (testing it here, with date(), doubled the cost of the whole query).
        parts += [
            f"({a}.value IS NULL OR (typeof({a}.value) IN ('integer', 'real')"
            f" AND {a}.value > -9e999 AND {a}.value < 9e999))",
            *(f"typeof({a}.{column}) IN ('text', 'null')" for column in _TEXTS),
        ]
        json_ok = "({a}.{column} IS NULL OR typeof({a}.{column}) = 'text')"
    else:
        # NaN sorts above infinity on PostgreSQL, so this leaves out both.
        parts.append(f"({a}.value IS NULL OR ({a}.value > '-Infinity'::float8 AND {a}.value < 'Infinity'::float8))")
        json_ok = "TRUE"
    for column, allowed in (("partners", partners), ("plan", plan)):
        parts.append(json_ok.format(a=a, column=column) if allowed else f"{a}.{column} IS NULL")
    return " AND ".join(parts)


def partners_problem(partners: tuple[Any, ...]) -> bool:
    """Whether a stored partner list (read by ``entry._partners``) holds anything but names: ``entry_problem``'s
    test of it."""
    return bool(partners) and not all(unit.__class__ is str for unit in partners)


def row_problem(row: tuple[Any, ...] | list[Any], columns: tuple[str, ...]) -> str:
    """Which column of a stored row keeps it from being read as an Entry at all."""
    get = dict(zip(columns, row, strict=False)).get
    if not _day_ok(get("effective")):
        return "effective"
    try:
        tuple(json.loads(get("partners") or "[]"))
    except (TypeError, ValueError):
        return "partners"
    try:
        json.loads(get("plan") or "null")
    except (TypeError, ValueError):
        return "plan"
    return "row"


# What a command has warned about already, per stderr stream (a command opens its journal more than once, and
# tests run many commands in one process, each with its own stream): one line per unreadable entry.
_WARNED: weakref.WeakKeyDictionary[Any, set[tuple[str, int]]] = weakref.WeakKeyDictionary()


def warn_unreadable(journal: str, entry_id: int, problem: str) -> None:
    """One line on stderr: entry ``entry_id`` of ``journal`` cannot be read, and how to retract it."""
    from hedong_cli.common.textsafe import visible

    stream = sys.stderr
    try:
        warned = _WARNED.setdefault(stream, set())
    except TypeError:  # a stream that takes no weak reference: warn every time
        warned = set()
    if (journal, entry_id) not in warned:
        warned.add((journal, entry_id))
        stream.write(f"hedong: {visible(t('db_entry_skipped', entry=entry_id, problem=problem))}\n")
