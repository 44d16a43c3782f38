"""What only a server journal has: roles, row-level security, the refusal of UPDATE and DELETE, and the
search_path pinned on every function a policy or trigger calls.

``SECURITY[N]`` runs right after the shared migration N (``schema.py``), as the office. Its text has
placeholders, filled in when it runs (``placeholders``): the schema that holds ``entries`` and the unit
group role of this database, so that nothing a policy or trigger runs depends on the caller's
``search_path``. PostgreSQL's own advice for functions that others' queries reach (CREATE FUNCTION,
"Writing SECURITY DEFINER Functions Safely"): set ``search_path`` to trusted schemas with ``pg_temp``
last, and qualify names. One function is SECURITY DEFINER, the trigger that keeps ``task_latest`` (migration 6:
why, beside it); every other runs with the rights of its caller, so none can lend the office's rights to a unit.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from hedong_cli.journal.checks import POSTGRES_ENTRY_TRIGGER, pg_name_ok
from hedong_cli.journal.latest import (
    ID_COLUMNS,
    LOCK_SPACE,
    advance,
    backfill,
    is_live_append,
    kept_columns,
    tasks_touched,
)

# The name of the group role of a database's unit roles. Per database, so that a grant in one database
# gives no reach into another on the same cluster; the office finds it again from the policy it names.
_SAFE_DBNAME = re.compile(r"[a-z0-9_]{1,40}")


def unit_group_name(dbname: str) -> str:
    suffix = dbname if _SAFE_DBNAME.fullmatch(dbname) else hashlib.sha256(dbname.encode()).hexdigest()[:16]
    return f"hedong_unit_{suffix}"


def placeholders(schema: str, group: str, quote_ident: Any, quote_literal: Any) -> dict[str, str]:
    """What the SECURITY texts' placeholders stand for, quoted by the driver's own quoting."""
    return {
        "schema": quote_ident(schema),
        "schema_name": quote_literal(schema),
        "group": quote_ident(group),
        "group_name": quote_literal(group),
        "entries": quote_literal(f"{quote_ident(schema)}.entries"),
    }


# The path every function runs with: the catalogue first, then hedong's schema, pg_temp last (unlisted, it
# would be searched first for tables, and a unit's temporary table could stand in for entries).
_PATH = "SET search_path = pg_catalog, {schema}, pg_temp"

_ENTRIES = "{schema}.entries"
_KEEP_LATEST = f"""
-- SECURITY DEFINER, run as its owner, the office: a unit role may read task_latest but not write it (it could
-- then write any state it liked), yet each entry a unit appends must bring its task's row up to date in the same
-- transaction. What it writes comes from entries alone, after the entry passed the unit's row-level security
-- (AFTER INSERT): the entry's own id where it is its task's newest of a field, or, for a retraction, the rows of
-- the tasks it touches recomputed from their history; never a value outside the stored entries. search_path
-- pinned, every name qualified, no dynamic SQL; a trigger function cannot be called but as a trigger, and
-- EXECUTE is revoked from PUBLIC besides.
CREATE FUNCTION {{schema}}.hedong_keep_latest() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER {_PATH} AS $$
BEGIN
    -- Writers of a catalogue queue (hedong takes this lock before it writes; a psql session may not have):
    -- two writers of one task must not each compute its row without the other's entry.
    PERFORM pg_catalog.pg_advisory_xact_lock({LOCK_SPACE}, pg_catalog.hashtext(NEW.catalog));
    IF {is_live_append("NEW", _ENTRIES)} THEN
        {advance("GREATEST", table="{schema}.task_latest", entries=_ENTRIES)};
        RETURN NULL;
    END IF;
    INSERT INTO {{schema}}.task_latest AS l (catalog, task_id, horizon, {", ".join(ID_COLUMNS)})
    SELECT k.catalog, k.task_id, NEW.effective, {kept_columns("k.catalog", "k.task_id", _ENTRIES)}
    FROM ({tasks_touched("NEW", _ENTRIES)}) AS k
    ON CONFLICT (catalog, task_id) DO UPDATE SET horizon = GREATEST(l.horizon, EXCLUDED.horizon),
        {", ".join(f"{column} = EXCLUDED.{column}" for column in ID_COLUMNS)};
    RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION {{schema}}.hedong_keep_latest() FROM PUBLIC;
CREATE TRIGGER entries_latest AFTER INSERT ON {{schema}}.entries
    FOR EACH ROW EXECUTE FUNCTION {{schema}}.hedong_keep_latest();
REVOKE ALL ON {{schema}}.task_latest FROM PUBLIC;
GRANT SELECT ON {{schema}}.task_latest TO {{group}};
-- Filled from the history after the trigger exists: creating it locked entries against writers till commit.
{backfill("{schema}.task_latest", _ENTRIES)}
"""

SECURITY: dict[int, str] = {
    3: """
CREATE TABLE hedong_units (
    role TEXT PRIMARY KEY,      -- the PostgreSQL login role
    unit TEXT NOT NULL          -- the unit it writes for, as in assignments (e.g. 区商务局)
);
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {group_name}) THEN
        CREATE ROLE {group} NOLOGIN;
    END IF;
END $$;
CREATE FUNCTION hedong_unit_of(who TEXT) RETURNS TEXT LANGUAGE sql STABLE
    AS $$ SELECT unit FROM hedong_units WHERE role = who $$;
CREATE FUNCTION hedong_is_office() RETURNS BOOLEAN LANGUAGE sql STABLE
    AS $$ SELECT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'entries'::regclass), 'USAGE') $$;
-- The units that may write a task: the lead and partners of its newest live assignment.
CREATE FUNCTION hedong_task_units(cat TEXT, task TEXT) RETURNS TEXT[] LANGUAGE sql STABLE AS $$
    SELECT ARRAY[a.lead] || COALESCE(ARRAY(SELECT jsonb_array_elements_text(a.partners::jsonb)), '{{}}')
    FROM entries a
    WHERE a.catalog = cat AND a.task_id = task AND a.kind = 'assign'
      AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.retracts = a.id)
    ORDER BY a.effective DESC, a.id DESC LIMIT 1 $$;
CREATE FUNCTION hedong_may_write(cat TEXT, task TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE
    AS $$ SELECT COALESCE(hedong_unit_of(current_user) = ANY(hedong_task_units(cat, task)), false) $$;
CREATE FUNCTION hedong_entry_role(entry BIGINT) RETURNS TEXT LANGUAGE sql STABLE
    AS $$ SELECT role FROM entries WHERE id = entry $$;
-- A foreign key would make every retraction lock the row it names (SELECT ... FOR KEY SHARE), which
-- needs UPDATE privilege, which no role has. Entries are never deleted, so checking at insert that the
-- retracted entry exists keeps the same guarantee.
ALTER TABLE entries DROP CONSTRAINT entries_retracts_fkey;
-- The author on the server is the role that writes, whatever the client sends; only the office's
-- `hedong db copy` keeps the role and unit of the entries it copies.
CREATE FUNCTION hedong_stamp_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.retracts IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entries WHERE id = NEW.retracts) THEN
        RAISE EXCEPTION 'entry % does not exist', NEW.retracts USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF NOT (hedong_is_office() AND current_setting('hedong.copying', true) = 'on') THEN
        NEW.role := current_user;
        NEW.unit := hedong_unit_of(current_user);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER entries_author BEFORE INSERT ON entries FOR EACH ROW EXECUTE FUNCTION hedong_stamp_author();
CREATE FUNCTION hedong_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'hedong entries are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
    FOR EACH ROW EXECUTE FUNCTION hedong_refuse_change();
CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON entries
    FOR EACH STATEMENT EXECUTE FUNCTION hedong_refuse_change();
REVOKE ALL ON entries, hedong_units, hedong_schema FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON entries FROM CURRENT_USER;
GRANT SELECT, INSERT ON entries TO {group};
GRANT SELECT ON hedong_units, hedong_schema TO {group};
ALTER TABLE entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY entries_read ON entries FOR SELECT USING (true);
CREATE POLICY entries_office_write ON entries FOR INSERT TO CURRENT_USER WITH CHECK (true);
CREATE POLICY entries_unit_write ON entries FOR INSERT TO {group} WITH CHECK (
    kind IN ('update', 'plan', 'retract')
    AND role = current_user
    AND hedong_may_write(catalog, task_id)
    AND (kind <> 'retract' OR hedong_entry_role(retracts) = current_user)
)
""",
    4: POSTGRES_ENTRY_TRIGGER
    + f""";
-- Every function a policy or trigger calls: search_path pinned, tables and functions schema-qualified.
CREATE OR REPLACE FUNCTION {{schema}}.hedong_unit_of(who TEXT) RETURNS TEXT LANGUAGE sql STABLE {_PATH}
    AS $$ SELECT u.unit FROM {{schema}}.hedong_units u WHERE u.role = who $$;
CREATE OR REPLACE FUNCTION {{schema}}.hedong_is_office() RETURNS BOOLEAN LANGUAGE sql STABLE {_PATH}
    AS $$ SELECT pg_catalog.pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_catalog.pg_class c
          WHERE c.oid = {{entries}}::pg_catalog.regclass $$;
CREATE OR REPLACE FUNCTION {{schema}}.hedong_task_units(cat TEXT, task TEXT) RETURNS TEXT[] LANGUAGE sql STABLE
    {_PATH} AS $$
    SELECT ARRAY[a.lead] || COALESCE(ARRAY(SELECT pg_catalog.jsonb_array_elements_text(p.doc)), ARRAY[]::TEXT[])
    FROM {{schema}}.entries a
    CROSS JOIN LATERAL (SELECT CASE WHEN pg_catalog.jsonb_typeof({{schema}}.hedong_json(a.partners)) = 'array'
                                    THEN {{schema}}.hedong_json(a.partners) END AS doc) p
    WHERE a.catalog = cat AND a.task_id = task AND a.kind = 'assign'
      AND NOT EXISTS (SELECT 1 FROM {{schema}}.entries r WHERE r.retracts = a.id)
    ORDER BY a.effective DESC, a.id DESC LIMIT 1 $$;
CREATE OR REPLACE FUNCTION {{schema}}.hedong_may_write(cat TEXT, task TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE
    {_PATH} AS $$
    SELECT COALESCE({{schema}}.hedong_unit_of(current_user) = ANY({{schema}}.hedong_task_units(cat, task)), false) $$;
CREATE OR REPLACE FUNCTION {{schema}}.hedong_entry_role(entry BIGINT) RETURNS TEXT LANGUAGE sql STABLE {_PATH}
    AS $$ SELECT e.role FROM {{schema}}.entries e WHERE e.id = entry $$;
-- The stamp comes from the trigger for every role, the office's members included (COALESCE: an unset
-- setting is NULL, and NOT (true AND NULL) is NULL, which skipped the stamp). Only the office's
-- `hedong db copy` keeps the role and unit of the entries it copies.
CREATE OR REPLACE FUNCTION {{schema}}.hedong_stamp_author() RETURNS trigger LANGUAGE plpgsql {_PATH} AS $$
BEGIN
    IF NEW.retracts IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {{schema}}.entries e WHERE e.id = NEW.retracts) THEN
        RAISE EXCEPTION 'entry % does not exist', NEW.retracts USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF NOT (COALESCE({{schema}}.hedong_is_office(), false)
            AND COALESCE(pg_catalog.current_setting('hedong.copying', true) = 'on', false)) THEN
        NEW.role := current_user;
        NEW.unit := {{schema}}.hedong_unit_of(current_user);
    END IF;
    RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION {{schema}}.hedong_refuse_change() RETURNS trigger LANGUAGE plpgsql {_PATH} AS $$
BEGIN
    RAISE EXCEPTION 'hedong entries are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
-- This database's group of unit roles (a journal of the previous schema had only the cluster-wide one).
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = {{group_name}}) THEN
        CREATE ROLE {{group}} NOLOGIN;
    END IF;
END $$;
-- Nobody but the office creates anything a unit's query could meet: no temporary tables (TEMP is granted to
-- PUBLIC by default), no objects in hedong's schema. Only the owner of each may revoke; an office that owns
-- neither relies on the pinned paths above.
DO $$ BEGIN
    IF pg_catalog.pg_has_role(current_user, (SELECT d.datdba FROM pg_catalog.pg_database d
                                             WHERE d.datname = pg_catalog.current_database()), 'USAGE') THEN
        EXECUTE pg_catalog.format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC, %I',
                                  pg_catalog.current_database(), {{group_name}});
    END IF;
    IF pg_catalog.pg_has_role(current_user, (SELECT n.nspowner FROM pg_catalog.pg_namespace n
                                             WHERE n.nspname = {{schema_name}}), 'USAGE') THEN
        REVOKE CREATE ON SCHEMA {{schema}} FROM PUBLIC;
    END IF;
END $$;
-- A journal made by an earlier hedong used one cluster-wide group, hedong_unit: its members mapped here
-- move to this database's group, and hedong_unit loses every right here.
DO $$
DECLARE
    member_role TEXT;
BEGIN
    IF {{group_name}} <> 'hedong_unit' AND EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'hedong_unit') THEN
        FOR member_role IN
            SELECT m.rolname FROM pg_catalog.pg_auth_members am
            JOIN pg_catalog.pg_roles g ON g.oid = am.roleid JOIN pg_catalog.pg_roles m ON m.oid = am.member
            WHERE g.rolname = 'hedong_unit' AND m.rolname IN (SELECT u.role FROM {{schema}}.hedong_units u)
        LOOP
            EXECUTE pg_catalog.format('GRANT %I TO %I', {{group_name}}, member_role);
        END LOOP;
        REVOKE ALL ON {{schema}}.entries, {{schema}}.hedong_units, {{schema}}.hedong_schema FROM hedong_unit;
    END IF;
END $$;
-- A unit's name obeys the rules of the entries stamped with it (else every one of its writes would be refused).
ALTER TABLE {{schema}}.hedong_units ADD CONSTRAINT hedong_units_unit_ok CHECK ({pg_name_ok("unit")}) NOT VALID;
ALTER POLICY entries_unit_write ON {{schema}}.entries TO {{group}};
GRANT SELECT, INSERT ON {{schema}}.entries TO {{group}};
GRANT SELECT ON {{schema}}.hedong_units, {{schema}}.hedong_schema TO {{group}}
""",
    6: _KEEP_LATEST,
    7: """
-- A unit writes updates for the tasks it leads or partners, and retracts its own entries; a plan only for a
-- task it leads (the first unit of the task's newest live assignment).
ALTER POLICY entries_unit_write ON {schema}.entries WITH CHECK (
    kind IN ('update', 'plan', 'retract')
    AND role = current_user
    AND {schema}.hedong_may_write(catalog, task_id)
    AND (kind <> 'plan' OR ({schema}.hedong_task_units(catalog, task_id))[1] = {schema}.hedong_unit_of(current_user))
    AND (kind <> 'retract' OR {schema}.hedong_entry_role(retracts) = current_user)
)
""",
}
