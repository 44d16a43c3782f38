"""A server journal's unit roles: the office maps a login role to a unit (``hedong db grant``), lists them
(``hedong db grants``), and writes as a unit's role for the web desk (``act_as_unit``). Part of
``PostgresJournal`` (postgres.py), kept apart so that each module stays short.
"""

from __future__ import annotations

from typing import Any

from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import t
from hedong_cli.journal.base import Journal


class UnitRoles(Journal):
    """The roles part of ``PostgresJournal``: it runs its statements through the journal's own runner."""

    role: str
    unit: str | None
    office: bool
    _conn: Any

    def act_as_unit(self, unit: str) -> str | None:
        """Write, from here to the end of the open transaction (``atomic``), as the role mapped to ``unit``
        (``SET LOCAL ROLE``), so that the server's row-level security checks these writes as it checks the
        unit's own; the entries are stamped with that role and unit. Returns the role, or None when no role is
        mapped to the unit (nothing changes). For the office's own services (the web desk): the office created
        the role (``hedong db grant``) and joins it, if it has not, to act as it only here."""
        from psycopg2 import sql

        assert self._conn is not None and self._depth, "act_as_unit needs an open transaction (atomic)"
        with self._errors():
            # Looked up, checked and switched to in one round trip: set_config('role', ..., true) is SET LOCAL ROLE
            # (the same setting, checked the same way: the session's role must be a member), and it runs only when
            # the office already is one. The subquery picks the role first: ORDER BY ... LIMIT stays inside it.
            found = self._rows(
                "SELECT r.role, r.member, CASE WHEN r.member THEN pg_catalog.set_config('role', r.role, true) END"
                " FROM (SELECT u.role, pg_catalog.pg_has_role(current_user, u.role, 'MEMBER') AS member"
                "       FROM hedong_units u WHERE u.unit = %(unit)s ORDER BY u.role LIMIT 1) AS r",
                {"unit": unit},
            )
            if not found:
                return None
            role, member, _ = found[0]
            if not member:  # the first write as this unit: the office joins the role it created, then switches
                self._execute(sql.SQL("GRANT {} TO CURRENT_USER").format(sql.Identifier(role)))
                self._execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(role)))
        return str(role)

    def _unit_group(self) -> str | None:
        """This database's group of unit roles: the role the units' write policy names (None before db init)."""
        rows = self._rows(
            "SELECT r.rolname FROM pg_policy p JOIN pg_roles r ON r.oid = p.polroles[1]"
            " WHERE p.polname = 'entries_unit_write' AND p.polrelid = to_regclass('entries')"
        )
        return rows[0][0] if rows else None

    def grant(self, unit: str, role: str, password: str | None, *, adopt: bool = False) -> str:
        """Create or update login role ``role`` and map it to ``unit``.

        Returns ``"new"``, ``"updated"`` (a role of this database's unit group) or ``"adopted"`` (an existing
        role, taken on with ``adopt``). Refuses, whatever ``adopt`` says, a superuser, a role that may create
        roles or bypass row-level security, and the office itself or a member of it.
        """
        from psycopg2 import sql
        from psycopg2.extensions import encrypt_password

        assert self._conn is not None
        if not self.office:
            raise InputError(t("db_pg_office_only", role=self.role))
        with self.atomic(), self._errors():
            group = self._unit_group()
            assert group is not None  # db init made it; for_reading checked the schema
            found = self._rows(
                "SELECT r.rolsuper OR r.rolcreaterole OR r.rolbypassrls OR r.rolreplication,"
                " r.rolname = current_user OR pg_has_role(r.oid, c.relowner, 'USAGE'),"
                " EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
                "         WHERE m.member = r.oid AND g.rolname = %(g)s)"
                " FROM pg_roles r, pg_class c WHERE r.rolname = %(r)s AND c.oid = 'entries'::regclass",
                {"r": role, "g": group},
            )
            if found:
                privileged, office, ours = found[0]
                if privileged:
                    raise InputError(t("db_grant_privileged", role=role))
                if office:
                    raise InputError(t("db_grant_office", role=role))
                if not ours and not adopt:
                    raise InputError(t("db_grant_not_ours", role=role, group=group))
            ident = sql.Identifier(role)
            if not found:
                self._execute(sql.SQL("CREATE ROLE {} LOGIN").format(ident))
            self._execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), ident))
            if password is not None:
                # Hashed here (SCRAM, by libpq), so the password itself never reaches the server or its logs.
                hashed = encrypt_password(password, role, self._conn, "scram-sha-256")
                self._execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(ident, sql.Literal(hashed)))
            self._rows(
                "INSERT INTO hedong_units (role, unit) VALUES (%(r)s, %(u)s)"
                " ON CONFLICT (role) DO UPDATE SET unit = EXCLUDED.unit",
                {"r": role, "u": unit},
            )
        return "new" if not found else "updated" if found[0][2] else "adopted"

    def grants(self) -> list[tuple[str, str, bool]]:
        """Each mapped role: (role, unit, whether it may log in)."""
        with self._errors():
            rows = self._rows(
                "SELECT u.role, u.unit, COALESCE(r.rolcanlogin, false) FROM hedong_units u"
                " LEFT JOIN pg_roles r ON r.rolname = u.role ORDER BY u.unit, u.role"
            )
        return [(role, unit, bool(login)) for role, unit, login in rows]
