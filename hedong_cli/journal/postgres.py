"""The PostgreSQL journal: one database shared by the office and its units.

Reached through libpq (psycopg 3, the optional extra ``hedong[postgres]``), so ``PGPASSWORD``,
``~/.pgpass``, ``PGSSLMODE`` and service files work as for ``psql``. psycopg is imported here only,
when a ``postgresql://`` journal is opened.

Isolation: every transaction runs at READ COMMITTED. A writing transaction first takes a transaction-
scoped advisory lock for its catalogue (``pg_advisory_xact_lock``), so writers of one catalogue queue
as SQLite's ``BEGIN IMMEDIATE`` makes them queue; since each READ COMMITTED statement sees everything
committed before it started, an ``import`` that reads its diff after taking the lock sees the previous
import's entries, and two imports of the same ledger write its changes once. Readers never wait.

Permissions live in the database (``SECURITY``): the role that runs ``hedong db init`` owns the schema
and is "the office"; unit roles (members of ``hedong_unit``, mapped to a unit in ``hedong_units``) may
read everything and, by row-level security, insert update, plan and retraction entries only for tasks
whose current lead or partner is their unit, and retract only their own entries. No role has UPDATE,
DELETE or TRUNCATE on entries, and a trigger refuses them as well. The server stamps each entry with
``current_user`` and its unit; ``author`` keeps the --by name.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from hedong_cli.errors import InputError, JournalError
from hedong_cli.journal.base import COLUMNS, INSERT, Entry, Journal
from hedong_cli.journal.schema import SCHEMA_VERSION, statements
from hedong_cli.journal.target import redact_url, url_password
from hedong_cli.messages import t

if TYPE_CHECKING:
    import psycopg

CONNECT_TIMEOUT_S = 5
UNIT_GROUP = "hedong_unit"
_LOCK_SPACE = 0x4844  # "HD": the first key of hedong's advisory locks

# libpq reads these from the process environment; hedong hands over the ones its Environment holds, so
# that a command run with another environment (tests, a service) connects as that environment says.
_LIBPQ_ENV = {
    "PGHOST": "host",
    "PGPORT": "port",
    "PGDATABASE": "dbname",
    "PGUSER": "user",
    "PGPASSWORD": "password",
    "PGPASSFILE": "passfile",
    "PGSERVICE": "service",
    "PGSSLMODE": "sslmode",
    "PGSSLROOTCERT": "sslrootcert",
    "PGCONNECT_TIMEOUT": "connect_timeout",
    "PGAPPNAME": "application_name",
}

BOOTSTRAP = "CREATE TABLE IF NOT EXISTS hedong_schema (version INTEGER NOT NULL)"

# What only a server has, added with the shared migration of the same number.
SECURITY: dict[int, str] = {
    3: """
CREATE TABLE hedong_units (
    role TEXT PRIMARY KEY,      -- the PostgreSQL login role
    unit TEXT NOT NULL          -- the unit it writes for, as in assignments (e.g. 区商务局)
);
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hedong_unit') THEN
        CREATE ROLE hedong_unit NOLOGIN;
    END IF;
END $$;
CREATE FUNCTION hedong_unit_of(who TEXT) RETURNS TEXT LANGUAGE sql STABLE
    AS $$ SELECT unit FROM hedong_units WHERE role = who $$;
CREATE FUNCTION hedong_is_office() RETURNS BOOLEAN LANGUAGE sql STABLE
    AS $$ SELECT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'entries'::regclass), 'USAGE') $$;
-- The units that may write a task: the lead and partners of its newest live assignment.
CREATE FUNCTION hedong_task_units(cat TEXT, task TEXT) RETURNS TEXT[] LANGUAGE sql STABLE AS $$
    SELECT ARRAY[a.lead] || COALESCE(ARRAY(SELECT jsonb_array_elements_text(a.partners::jsonb)), '{}')
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
GRANT SELECT, INSERT ON entries TO hedong_unit;
GRANT SELECT ON hedong_units, hedong_schema TO hedong_unit;
ALTER TABLE entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY entries_read ON entries FOR SELECT USING (true);
CREATE POLICY entries_office_write ON entries FOR INSERT TO CURRENT_USER WITH CHECK (true);
CREATE POLICY entries_unit_write ON entries FOR INSERT TO hedong_unit WITH CHECK (
    kind IN ('update', 'plan', 'retract')
    AND role = current_user
    AND hedong_may_write(catalog, task_id)
    AND (kind <> 'retract' OR hedong_entry_role(retracts) = current_user)
)
""",
}


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise JournalError(t("db_pg_missing")) from None
    return psycopg


class PostgresJournal(Journal):
    backend = "postgresql"

    def __init__(self, url: str, conn: psycopg.Connection[Any], secret: str | None) -> None:
        super().__init__(redact_url(url), conn)
        self.url = url
        self._secret = secret  # the password in use, if hedong knows it: scrubbed from every message
        self.role: str = ""
        self.unit: str | None = None
        self.office = False
        self._schema_readable: bool | None = None  # None: no hedong_schema table in the database

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def connect(cls, url: str, environ: Mapping[str, str]) -> PostgresJournal:
        psycopg = _psycopg()
        from psycopg.conninfo import conninfo_to_dict

        shown = redact_url(url)
        try:
            given = conninfo_to_dict(url)
        except psycopg.Error:
            raise InputError(t("db_bad_url", url=shown)) from None
        extra: dict[str, Any] = {
            keyword: environ[name] for name, keyword in _LIBPQ_ENV.items() if environ.get(name) and keyword not in given
        }
        if "connect_timeout" not in given and "connect_timeout" not in extra:
            extra["connect_timeout"] = CONNECT_TIMEOUT_S
        extra.setdefault("application_name", "hedong")
        # hedong's queries are many small index probes: compiling them (JIT) costs more than it saves.
        extra["options"] = f"{given.get('options', '')} -c jit=off".strip()
        secret = given.get("password") or extra.get("password") or url_password(url)
        try:
            conn = psycopg.connect(url, autocommit=True, **extra)
        except psycopg.Error as exc:
            raise JournalError(_connect_failure(shown, exc, extra.get("connect_timeout"), secret)) from None
        journal = cls(url, conn, secret)
        with journal._errors():
            # Who we are and whether a journal is there, in one round trip (has_table_privilege would fail on
            # a table that does not exist, hence the CASE).
            row = journal._rows(
                "SELECT current_user, CASE WHEN to_regclass('hedong_schema') IS NULL THEN NULL"
                " ELSE has_table_privilege('hedong_schema', 'SELECT') END"
            )[0]
        journal.role, journal._schema_readable = row[0], row[1]
        return journal

    @classmethod
    def for_reading(cls, url: str, environ: Mapping[str, str]) -> PostgresJournal:
        journal = cls.connect(url, environ)
        try:
            journal._check_schema()
            with journal._errors():
                office, unit, readable = journal._rows(
                    "SELECT hedong_is_office(), hedong_unit_of(current_user), has_table_privilege('entries', 'SELECT')"
                )[0]
            journal.office, journal.unit = bool(office), unit
            if not journal.office and journal.unit is None and not readable:
                raise JournalError(t("db_pg_unmapped", role=journal.role))
        except BaseException:
            journal.close()
            raise
        return journal

    @classmethod
    def for_writing(cls, url: str, environ: Mapping[str, str]) -> PostgresJournal:
        journal = cls.for_reading(url, environ)
        if not journal.office and journal.unit is None:
            journal.close()
            raise JournalError(t("db_pg_unmapped", role=journal.role))
        return journal

    def _version(self) -> int | None:
        """The schema version, or None when the database holds no hedong journal."""
        if self._schema_readable is None:
            return None
        if not self._schema_readable:
            # Neither the office nor a granted unit: every read would be refused.
            raise JournalError(t("db_pg_unmapped", role=self.role))
        with self._errors():
            rows = self._rows("SELECT max(version) FROM hedong_schema")
        return rows[0][0] or 0

    def _check_schema(self) -> None:
        version = self._version()
        if version is None or version == 0:
            raise JournalError(t("db_pg_no_schema", url=self.shown))
        if version > SCHEMA_VERSION:
            raise JournalError(t("db_newer", path=self.shown, found=version, known=SCHEMA_VERSION))
        if version < SCHEMA_VERSION:
            raise JournalError(t("db_pg_old_schema", url=self.shown, found=version, known=SCHEMA_VERSION))

    def _whoami(self) -> None:
        with self._errors():
            office, unit = self._rows("SELECT hedong_is_office(), hedong_unit_of(current_user)")[0]
        self.office, self.unit = bool(office), unit

    def init_schema(self) -> tuple[int, int]:
        """Create or upgrade the schema (``hedong db init``). Returns the versions before and after."""
        with self.atomic():
            self._rows("SELECT pg_advisory_xact_lock(%(space)s, 0)", {"space": _LOCK_SPACE})
            self._execute(BOOTSTRAP)
            version = self._rows("SELECT max(version) FROM hedong_schema")[0][0] or 0
            if version > SCHEMA_VERSION:
                raise JournalError(t("db_newer", path=self.shown, found=version, known=SCHEMA_VERSION))
            if version == 0 and self._rows("SELECT to_regclass('entries')")[0][0] is not None:
                raise JournalError(t("db_not_ours", path=self.shown))
            for number in range(version, SCHEMA_VERSION):
                for statement in statements(number, "postgresql"):
                    self._execute(statement)
                if number + 1 in SECURITY:
                    self._execute(SECURITY[number + 1])
            self._execute("DELETE FROM hedong_schema")
            self._rows("INSERT INTO hedong_schema (version) VALUES (%(v)s) RETURNING version", {"v": SCHEMA_VERSION})
        self._schema_readable = True
        self._whoami()
        return version, SCHEMA_VERSION

    # -- the connection ------------------------------------------------------------------------

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _scrub(self, text: str) -> str:
        text = " ".join(str(text).split())
        return text.replace(self._secret, "***") if self._secret else text

    @contextmanager
    def _errors(self) -> Iterator[None]:
        psycopg = _psycopg()
        try:
            yield
        except psycopg.errors.InsufficientPrivilege as exc:
            error = self._scrub(exc.diag.message_primary or str(exc))
            raise InputError(t("db_pg_refused", role=self.role, error=error)) from None
        except psycopg.OperationalError as exc:
            raise JournalError(t("db_pg_lost", url=self.shown, error=self._scrub(str(exc)))) from None
        except psycopg.Error as exc:
            message = exc.diag.message_primary if getattr(exc, "diag", None) else None
            raise JournalError(t("db_error", path=self.shown, error=self._scrub(message or str(exc)))) from None

    def _execute(self, sql: str) -> None:
        """A statement without parameters and without a result (schema changes)."""
        assert self._conn is not None
        self._conn.execute(sql)  # type: ignore[arg-type]  # our own constant text, never user input

    def _begin(self) -> None:
        self._execute("BEGIN ISOLATION LEVEL READ COMMITTED")

    def _commit(self) -> None:
        self._execute("COMMIT")

    def _rollback(self) -> None:
        assert self._conn is not None
        if not self._conn.closed:
            self._execute("ROLLBACK")

    def _write_lock(self, catalog: str) -> None:
        self._rows(
            "SELECT pg_advisory_xact_lock(%(space)s, hashtext(%(catalog)s))", {"space": _LOCK_SPACE, "catalog": catalog}
        )

    # -- the dialect ---------------------------------------------------------------------------

    def _rows(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        assert self._conn is not None
        cursor = self._conn.execute(sql, params)  # type: ignore[arg-type]
        return cursor.fetchall() if cursor.description is not None else []

    def _insert(self, params: dict[str, Any]) -> int:
        if not self.office:
            self._check_may_write(params)
        return self._rows(INSERT + " RETURNING id", params)[0][0]

    def _ids_as_rows(self, param: str) -> str:
        return f"unnest(%({param})s::text[]) AS ids(value)"

    def _in_ids(self, column: str, param: str) -> str:
        return f"{column} = ANY(%({param})s::bigint[])"

    def _list_param(self, values: list[Any]) -> Any:
        return values

    def _day(self, day: date) -> Any:
        return day

    def _own_entries_only(self) -> str:
        return "" if self.office else " AND role = current_user"

    def _check_may_write(self, params: dict[str, Any]) -> None:
        """Name the task and the units that may write it before the server refuses (row-level security
        enforces the same rule; this check only makes the refusal one clear line)."""
        task, kind = params["task_id"], params["kind"]
        if kind == "assign":
            raise InputError(t("db_pg_no_assign", task=task, role=self.role, unit=self.unit))
        if kind == "retract":
            owner = self._rows("SELECT role, unit FROM entries WHERE id = %(id)s", {"id": params["retracts"]})
            if owner and owner[0][0] != self.role:
                raise InputError(
                    t("db_pg_not_own", entry=params["retracts"], owner=owner[0][1] or owner[0][0] or "?",
                      role=self.role, unit=self.unit)
                )  # fmt: skip
        allowed = self._rows(
            "SELECT hedong_may_write(%(c)s, %(t)s), hedong_task_units(%(c)s, %(t)s)",
            {"c": params["catalog"], "t": task},
        )[0]
        if not allowed[0]:
            units = "、".join(unit for unit in allowed[1] or () if unit) or t("db_pg_unassigned")
            raise InputError(t("db_pg_not_yours", task=task, units=units, role=self.role, unit=self.unit))

    # -- whole journals ------------------------------------------------------------------------

    def insert_copies(self, entries: list[Entry]) -> None:
        assert self._conn is not None
        with self.atomic(), self._errors():
            self._execute("SET LOCAL hedong.copying = 'on'")
            with self._conn.cursor().copy(f"COPY entries ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for entry in entries:
                    copy.write_row(entry.stored())
            # Later entries get ids after the copied ones.
            self._rows("SELECT setval(pg_get_serial_sequence('entries', 'id'), (SELECT max(id) FROM entries))")

    def describe(self) -> dict[str, str]:
        assert self._conn is not None
        info = self._conn.info
        return {
            "backend": self.backend,
            "location": self.shown,
            "server": f"{info.host}:{info.port}",
            "database": info.dbname,
            "role": self.role + (f" ({self.unit})" if self.unit else " (office)" if self.office else ""),
            "schema": str(self._version()),
        }

    # -- roles (hedong db grant / grants) --------------------------------------------------------

    def grant(self, unit: str, role: str, password: str | None) -> bool:
        """Create or update login role ``role`` and map it to ``unit``. Returns True when the role is new."""
        from psycopg import sql

        assert self._conn is not None
        if not self.office:
            raise InputError(t("db_pg_office_only", role=self.role))
        with self.atomic(), self._errors():
            exists = bool(self._rows("SELECT 1 FROM pg_roles WHERE rolname = %(r)s", {"r": role}))
            ident = sql.Identifier(role)
            if not exists:
                self._conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(ident))
            self._conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(UNIT_GROUP), ident))
            if password is not None:
                # Hashed here (SCRAM), so the password itself never reaches the server or its logs.
                hashed = self._conn.pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256")
                self._conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(ident, sql.Literal(hashed.decode())))
            self._rows(
                "INSERT INTO hedong_units (role, unit) VALUES (%(r)s, %(u)s)"
                " ON CONFLICT (role) DO UPDATE SET unit = EXCLUDED.unit",
                {"r": role, "u": unit},
            )
        return not exists

    def grants(self) -> list[tuple[str, str, bool]]:
        """Each mapped role: (role, unit, whether it may log in)."""
        with self._errors():
            rows = self._rows(
                "SELECT u.role, u.unit, COALESCE(r.rolcanlogin, false) FROM hedong_units u"
                " LEFT JOIN pg_roles r ON r.rolname = u.role ORDER BY u.unit, u.role"
            )
        return [(role, unit, bool(login)) for role, unit, login in rows]


def _connect_failure(shown: str, exc: Exception, timeout: Any, secret: str | None) -> str:
    text = " ".join(str(exc).split())
    if secret:
        text = text.replace(secret, "***")
    lowered = text.lower()
    if "timeout expired" in lowered or "timed out" in lowered:
        return t("db_pg_timeout", url=shown, seconds=timeout)
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return t("db_pg_auth", url=shown)
    if "does not exist" in lowered and "database" in lowered:
        return t("db_pg_no_database", url=shown, error=text)
    return t("db_pg_unreachable", url=shown, error=text)
