"""The PostgreSQL journal: one database shared by the office and its units.

Reached through libpq (psycopg2, the optional extra ``hedong[postgres]``), so ``PGPASSWORD``,
``~/.pgpass``, ``PGSSLMODE`` and service files work as for ``psql``. psycopg2 is imported here only,
when a ``postgresql://`` journal is opened. Why psycopg2 and not psycopg 3: ``import psycopg`` alone cost
more than a whole ``update`` on SQLite (it loads asyncio, logging and importlib.metadata whatever one uses);
psycopg2's import is a fifth of it (bench/RESULTS.md, "PostgreSQL update"). psycopg2 binds parameters on the
client: each value is merged into the statement as a literal quoted by libpq (``PQescapeStringConn``).

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

import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from hedong_cli.common.errors import InputError, JournalError
from hedong_cli.common.messages import t
from hedong_cli.journal.entry import COLUMNS, INSERT, Entry, signature
from hedong_cli.journal.latest import LOCK_SPACE
from hedong_cli.journal.location import redact_url, url_passwords
from hedong_cli.journal.pg_roles import UnitRoles
from hedong_cli.journal.schema import SCHEMA_VERSION, statements

if TYPE_CHECKING:
    import psycopg2.extensions

CONNECT_TIMEOUT_S = 5
# Any role may take any advisory lock, a unit's session hedong's too, and hold it for as long as it stays
# connected: a writer waits this long for its catalogue's lock, then names the session that holds it.
LOCK_WAIT_S = 30.0
# Bounds on hedong's own sessions, so that a client that hangs cannot hold a lock or a transaction for ever.
SESSION_LIMITS = {"statement_timeout": "120s", "idle_in_transaction_session_timeout": "120s", "lock_timeout": "30s"}

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

BEGIN = "BEGIN ISOLATION LEVEL READ COMMITTED"
BOOTSTRAP = "CREATE TABLE IF NOT EXISTS hedong_schema (version INTEGER NOT NULL)"


def _psycopg2() -> Any:
    """psycopg2 with its ``errors`` module (one class per SQLSTATE, used by ``_errors``)."""
    # psycopg2's module init imports Python's ssl (15 ms, half of psycopg2's import, on every command on a
    # server) only to tell libpq that Python set up OpenSSL's thread callbacks; when ssl cannot be imported it
    # lets libpq set them up itself, as it does under a Python built without ssl. OpenSSL 1.1 and later need no
    # such callbacks, and psycopg2-binary's libpq links its own copy of OpenSSL, not Python's; libpq's TLS
    # (sslmode=require, verify-full) is libpq's own either way (bench/RESULTS.md, "PostgreSQL update, again").
    # So ssl is kept out of that one import, unless something in this process has loaded it already (the web
    # desk's server has), and importable as usual afterwards.
    ssl_absent = "ssl" not in sys.modules
    if ssl_absent:
        sys.modules["ssl"] = None  # type: ignore[assignment]  # import ssl raises ImportError while this is set
    try:
        import psycopg2
        import psycopg2.errors
        import psycopg2.extensions  # parse_dsn, encrypt_password
    except ImportError:
        raise JournalError(t("db_pg_missing")) from None
    finally:
        if ssl_absent and sys.modules.get("ssl", 0) is None:
            del sys.modules["ssl"]
    return psycopg2


class PostgresJournal(UnitRoles):
    backend = "postgresql"

    def __init__(self, url: str, conn: psycopg2.extensions.connection, secrets: list[str]) -> None:
        super().__init__(redact_url(url), conn)
        self.url = url
        self._secrets = secrets  # the passwords hedong knows of (URL, PGPASSWORD): scrubbed from every message
        self.role: str = ""
        self.unit: str | None = None
        self.office = False
        self._schema_readable: bool | None = None  # None: no hedong_schema table in the database
        # A BEGIN not sent yet: it goes with the transaction's first statement, in the same round trip (``_sent``).
        self._begin_pending = False
        # The role the session was in right after the last COMMIT (asked in the COMMIT's round trip), while no
        # statement has been sent since; None otherwise. ``role_kept`` answers from it without asking again.
        self._role_at_commit: str | None = None

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def connect(cls, url: str, environ: Mapping[str, str]) -> PostgresJournal:
        psycopg2 = _psycopg2()

        shown = redact_url(url)
        try:
            given = psycopg2.extensions.parse_dsn(url)
        except psycopg2.Error:
            raise InputError(t("db_bad_url", url=shown)) from None
        extra: dict[str, Any] = {
            keyword: environ[name] for name, keyword in _LIBPQ_ENV.items() if environ.get(name) and keyword not in given
        }
        if "connect_timeout" not in given and "connect_timeout" not in extra:
            extra["connect_timeout"] = CONNECT_TIMEOUT_S
        extra.setdefault("application_name", "hedong")
        # hedong's queries are many small index probes: compiling them (JIT) costs more than it saves.
        limits = " ".join(f"-c {name}={value}" for name, value in SESSION_LIMITS.items())
        extra["options"] = f"{given.get('options', '')} -c jit=off {limits}".strip()
        secrets = [text for text in (given.get("password"), extra.get("password"), *url_passwords(url)) if text]
        try:
            conn = psycopg2.connect(url, **extra)
        except psycopg2.Error as exc:
            raise JournalError(_connect_failure(shown, exc, extra.get("connect_timeout"), secrets)) from None
        # Statement by statement; hedong's transactions are its own BEGIN ... COMMIT (``atomic``).
        conn.autocommit = True
        journal = cls(url, conn, secrets)
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
        from psycopg2 import sql

        # The schema's security SQL is built only here: an update or a status never needs it (~11 M instructions).
        from hedong_cli.journal.pg_security import SECURITY, placeholders, unit_group_name

        assert self._conn is not None
        with self.atomic():
            self._advisory_lock("0", {}, "db init")
            self._execute(BOOTSTRAP)
            version = self._rows("SELECT max(version) FROM hedong_schema")[0][0] or 0
            if version > SCHEMA_VERSION:
                raise JournalError(t("db_newer", path=self.shown, found=version, known=SCHEMA_VERSION))
            if version == 0 and self._rows("SELECT to_regclass('entries')")[0][0] is not None:
                raise JournalError(t("db_not_ours", path=self.shown))
            schema, dbname = self._rows("SELECT current_schema(), current_database()")[0]
            names = placeholders(
                schema,
                # A journal of an earlier hedong names the cluster-wide hedong_unit: it moves to its own group.
                group if (group := self._unit_group()) not in (None, "hedong_unit") else unit_group_name(dbname),
                lambda name: sql.Identifier(name).as_string(self._conn),
                lambda text: sql.Literal(text).as_string(self._conn),
            )
            for number in range(version, SCHEMA_VERSION):
                for statement in statements(number, "postgresql"):
                    self._execute(statement)
                if number + 1 in SECURITY:
                    self._execute(SECURITY[number + 1].format(**names))
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

    def reusable(self) -> bool:
        """Also: the connection is sound and its transaction over (``SET LOCAL ROLE``, the web desk's write as a
        unit, ends with it). Asks the server nothing: ``role_kept`` does, where a role may have been set."""
        if not super().reusable() or self._conn is None or self._conn.closed or self._begin_pending:
            return False
        return self._conn.get_transaction_status() == _psycopg2().extensions.TRANSACTION_STATUS_IDLE

    def role_kept(self) -> bool:
        """Whether the session is still the role it connected as. A role left set (``SET ROLE``) would carry one
        request's rights into the next, so a connection that fails this is never reused. Answered from the last
        COMMIT's round trip when nothing was sent since (a write's), else asked: one round trip."""
        if self._role_at_commit is not None:
            return self._role_at_commit == self.role
        psycopg2 = _psycopg2()
        try:
            return self._conn is not None and self._rows("SELECT current_user")[0][0] == self.role
        except psycopg2.Error:
            return False

    def _scrub(self, text: str) -> str:
        return _scrubbed(text, self._secrets)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        psycopg2 = _psycopg2()
        try:
            yield
        except psycopg2.errors.InsufficientPrivilege as exc:
            error = self._scrub(exc.diag.message_primary or str(exc))
            raise InputError(t("db_pg_refused", role=self.role, error=error)) from None
        except psycopg2.errors.CheckViolation as exc:
            error = self._scrub(exc.diag.message_primary or str(exc))
            raise InputError(t("db_entry_refused", path=self.shown, error=error)) from None
        except (psycopg2.errors.LockNotAvailable, psycopg2.errors.QueryCanceled) as exc:
            error = self._scrub(exc.diag.message_primary or str(exc))
            raise JournalError(t("db_pg_waited", url=self.shown, error=error)) from None
        except psycopg2.OperationalError as exc:
            raise JournalError(t("db_pg_lost", url=self.shown, error=self._scrub(str(exc)))) from None
        except psycopg2.InterfaceError as exc:
            # psycopg2's word for a connection the server closed before this statement ("connection already closed").
            raise JournalError(t("db_pg_lost", url=self.shown, error=self._scrub(str(exc)))) from None
        except psycopg2.Error as exc:
            message = exc.diag.message_primary if getattr(exc, "diag", None) else None
            raise JournalError(t("db_error", path=self.shown, error=self._scrub(message or str(exc)))) from None

    def _execute(self, sql: Any) -> None:
        """A statement without parameters and without a result (schema changes)."""
        assert self._conn is not None
        with self._conn.cursor() as cursor:
            cursor.execute(self._sent(sql))  # our own constant text or composed identifiers, never user input

    def _sent(self, sql: Any) -> Any:
        """``sql`` as it goes to the server: after the transaction's deferred BEGIN, if that is still to be sent.
        Several statements in one string are one round trip (the simple query protocol), and a BEGIN in it opens a
        transaction that goes on after it. Any statement sent makes the role known at the last COMMIT stale."""
        from psycopg2 import sql as composed

        self._role_at_commit = None
        if not self._begin_pending:
            return sql
        self._begin_pending = False
        return (composed.SQL(BEGIN + "; ") + sql) if isinstance(sql, composed.Composable) else f"{BEGIN}; {sql}"

    def _begin(self) -> None:
        self._begin_pending = True  # sent with the first statement: one round trip fewer for every transaction

    def _commit(self) -> None:
        if self._begin_pending:  # nothing was sent: there is nothing to commit
            self._begin_pending = False
            return
        # The session's role once the transaction is over (a SET LOCAL ROLE ends with it), asked in the same round
        # trip: the pool's check before lending the connection again (``role_kept``) needs no round trip of its own.
        (role,) = self._rows("COMMIT; SELECT current_user")[0]
        self._role_at_commit = role

    def _rollback(self) -> None:
        assert self._conn is not None
        if self._begin_pending:
            self._begin_pending = False
        elif not self._conn.closed:
            self._execute("ROLLBACK")

    def _write_lock(self, catalog: str) -> None:
        self._advisory_lock("hashtext(%(catalog)s)", {"catalog": catalog}, catalog)

    def _advisory_lock(self, key: str, params: dict[str, Any], what: str) -> None:
        """Take hedong's transaction lock (``LOCK_SPACE``, ``key``), waiting at most ``LOCK_WAIT_S``.

        ``pg_try_advisory_xact_lock`` in a loop rather than a wait under ``lock_timeout``: the transaction stays
        usable, so that when the wait is over it can still ask ``pg_locks`` who holds the lock.
        """
        params = {**params, "space": LOCK_SPACE}
        deadline, pause = time.monotonic() + LOCK_WAIT_S, 0.005
        while not self._rows(f"SELECT pg_try_advisory_xact_lock(%(space)s, {key})", params)[0][0]:
            if time.monotonic() >= deadline:
                holder = self._rows(
                    "SELECT l.pid, a.usename FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                    " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.classid = %(space)s"
                    f" AND l.objid::bigint = ({key})::bigint & 4294967295 AND l.database = (SELECT oid FROM"
                    " pg_database WHERE datname = current_database()) LIMIT 1",
                    params,
                )
                pid, role = holder[0] if holder else ("?", "?")
                raise JournalError(
                    t("db_pg_lock_held", what=what, seconds=f"{LOCK_WAIT_S:g}", pid=pid, role=role or "?")
                )
            time.sleep(pause)
            pause = min(pause * 2, 0.2)

    # -- the dialect ---------------------------------------------------------------------------

    def _rows(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        assert self._conn is not None
        with self._conn.cursor() as cursor:
            pending = self._begin_pending
            try:
                cursor.execute(self._sent(sql), params)
            except ValueError:
                self._begin_pending = pending  # refused before anything was sent
                # psycopg2 refuses, before sending, a text value holding a NUL, which PostgreSQL text cannot hold
                # (its only ValueError here: the values are hedong's own str, int, float, date, list and None).
                raise InputError(t("db_pg_nul")) from None
            return cursor.fetchall() if cursor.description is not None else []

    def _insert(self, params: dict[str, Any]) -> int:
        return self._insert_returning(params, "id")[0]

    def _insert_returning(self, params: dict[str, Any], columns: str) -> tuple[Any, ...]:
        if not self.office:
            self._check_may_write(params)
        return self._rows(f"{INSERT} RETURNING {columns}", params)[0]

    def _insert_entries(self, rows: list[dict[str, Any]]) -> list[Entry]:
        """Each row inserted and its entry as stored (stamped by the server's trigger) returned by the INSERT
        itself: no read back. A writer's journal is at this schema: every column is there."""
        entries = []
        for params in self._row_params(rows):
            entry = self._read(self._insert_returning(params, ", ".join(COLUMNS)))
            assert entry is not None  # the server's checks refuse what could not be read back
            entries.append(entry)
        return entries

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
            owner = self._rows("SELECT role, unit, author FROM entries WHERE id = %(id)s", {"id": params["retracts"]})
            if owner and owner[0][0] != self.role:
                role, unit, author = owner[0]
                written_by = signature(author, unit, role) or "?"
                raise InputError(
                    t("db_pg_not_own", entry=params["retracts"], owner=written_by, role=self.role, unit=self.unit)
                )
        allowed = self._rows(
            "SELECT hedong_may_write(%(c)s, %(t)s), hedong_task_units(%(c)s, %(t)s)",
            {"c": params["catalog"], "t": task},
        )[0]
        if not allowed[0]:
            units = "、".join(unit for unit in allowed[1] or () if unit) or t("db_pg_unassigned")
            raise InputError(t("db_pg_not_yours", task=task, units=units, role=self.role, unit=self.unit))
        lead = (allowed[1] or [None])[0]
        if kind == "plan" and lead != self.unit:
            raise InputError(t("db_pg_plan_lead_only", task=task, lead=lead, role=self.role, unit=self.unit))

    # -- whole journals ------------------------------------------------------------------------

    def insert_copies(self, entries: list[Entry]) -> None:
        from hedong_cli.journal.copy_text import CopyText  # db copy's alone

        assert self._conn is not None
        with self.atomic(), self._errors():
            self._execute("SET LOCAL hedong.copying = 'on'")
            with self._conn.cursor() as cursor:
                cursor.copy_expert(f"COPY entries ({', '.join(COLUMNS)}) FROM STDIN", CopyText(entries))
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


def _scrubbed(text: object, secrets: list[str]) -> str:
    """``text`` on one line, with every known password (longest first) replaced by ***."""
    line = " ".join(str(text).split())
    for secret in sorted(secrets, key=len, reverse=True):
        line = line.replace(secret, "***")
    return line


def _connect_failure(shown: str, exc: Exception, timeout: Any, secrets: list[str]) -> str:
    text = _scrubbed(exc, secrets)
    lowered = text.lower()
    if "timeout expired" in lowered or "timed out" in lowered:
        return t("db_pg_timeout", url=shown, seconds=timeout)
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return t("db_pg_auth", url=shown)
    if "does not exist" in lowered and "database" in lowered:
        return t("db_pg_no_database", url=shown, error=text)
    return t("db_pg_unreachable", url=shown, error=text)
