"""``hedong db``: set up a journal, move it between backends, and say which unit role may write what."""

import re
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from hedong_cli.cli.app import DbOpt, LangOpt, app, session
from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import t
from hedong_cli.common.textsafe import visible

if TYPE_CHECKING:
    from hedong_cli.cli.app import Session
    from hedong_cli.journal.postgres import PostgresJournal

db_app = typer.Typer(
    name="db",
    help="Set up the journal: create it on a server, copy it between SQLite and PostgreSQL, grant unit roles.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(db_app)

# PostgreSQL allows more, but a role a liaison types into $HEDONG_DB should need no quoting.
_ROLE = re.compile(r"[a-z][a-z0-9_]{0,62}")


@db_app.command("init")
def init(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(metavar="URL", help="postgresql://office@host/dbname, or a SQLite path.")],
    lang: LangOpt = None,
) -> None:
    """Create the journal's schema, or upgrade it to this hedong's version. Run it as the office's role.

    \b
    Examples:
      hedong db init postgresql://hedong_office@db.hedong.gov/hedong
      hedong db init sqlite:///journal.sqlite
    """
    from hedong_cli.journal import SCHEMA_VERSION, open_writer, parse_location

    sess = session(ctx, None, url, lang)
    target = parse_location(url)
    if target.path is not None:
        open_writer(target, sess.env.environ).close()
        sess.echo(t("db_init_sqlite", url=target.shown(), version=SCHEMA_VERSION))
        return
    from hedong_cli.journal.postgres import PostgresJournal

    assert target.url is not None
    with PostgresJournal.connect(target.url, sess.env.environ) as journal:
        before, after = journal.init_schema()
    if before == after:
        sess.echo(t("db_init_current", url=target.shown(), version=after))
    elif before == 0:
        sess.echo(t("db_init_done", url=target.shown(), version=after))
    else:
        sess.echo(t("db_init_upgraded", url=target.shown(), found=before, version=after))


@db_app.command("copy")
def copy(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="FROM", help="The journal to copy: a path or a URL.")],
    target: Annotated[str, typer.Argument(metavar="TO", help="An empty journal: a path or a URL (after db init).")],
    lang: LangOpt = None,
) -> None:
    """Copy a whole journal, SQLite to PostgreSQL or back, keeping entry ids, dates, authors and recorded times.

    The target must hold no entries. The copy is one transaction, verified before it is committed: the
    same number of entries and the same SHA-256 digest of every entry on both sides.

    \b
    Examples:
      hedong db copy ~/.local/share/hedong/journal.sqlite postgresql://hedong_office@db/hedong
      hedong db copy postgresql://hedong_office@db/hedong backup.sqlite
    """
    from hedong_cli.journal import open_reader, open_writer, parse_location
    from hedong_cli.journal.copy import copy_journal

    sess = session(ctx, None, None, lang)
    src, dst = parse_location(source), parse_location(target)
    if src == dst:
        raise InputError(t("db_copy_same", target=dst.shown()))
    if src.path is not None and not src.path.exists():
        # A reader takes a missing file for an empty journal; a copy from it would "succeed" with nothing.
        raise InputError(t("db_copy_no_source", path=src.shown()))
    with open_reader(src, sess.env.environ) as reader, open_writer(dst, sess.env.environ) as writer:
        count, digest = copy_journal(reader, writer)
        skipped = reader.skipped_entries()
    sess.echo(t("db_copy_done", n=count, source=src.shown(), target=dst.shown(), digest=digest[:16]))
    if skipped:
        shown = ", #".join(str(entry) for entry in skipped[:20]) + (" …" if len(skipped) > 20 else "")
        sess.echo(t("db_copy_skipped", n=len(skipped), entries=shown), err=True)


def _server(ctx: typer.Context, db: str | None, lang: str | None) -> "tuple[Session, PostgresJournal]":
    """The session and its server journal, for the commands that only a server has (grant, grants)."""
    from hedong_cli.journal.postgres import PostgresJournal

    sess = session(ctx, None, db, lang)
    target = sess.journal_target()
    if target.url is None:
        raise InputError(t("db_grant_sqlite", path=target.shown()))
    return sess, PostgresJournal.for_reading(target.url, sess.env.environ)


@db_app.command("grant")
def grant(
    ctx: typer.Context,
    unit: Annotated[str, typer.Argument(metavar="UNIT", help="The unit, as assignments name it (e.g. 区商务局).")],
    role: Annotated[str, typer.Option("--role", help="The PostgreSQL login role for the unit (e.g. shangwu).")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Set the role's password from the first line of standard input.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Take on an existing role hedong did not create for this database (it keeps its other rights).",
        ),
    ] = False,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """Create or update a unit's login role on the server and map it to the unit. Run it as the office.

    The unit's role may then record updates, plans and retractions of its own entries for the tasks whose
    lead or partner is the unit, and read everything. The password is hashed before it is sent. Only roles
    hedong created for this database are updated; another existing role needs --force, and a superuser, a
    role that may create roles, or the office itself is always refused.

    \b
    Examples:
      hedong db grant 区商务局 --role shangwu --db postgresql://hedong_office@db/hedong
      printf '%s\\n' "$PW" | hedong db grant 区教育局 --role jiaoyu --password-stdin
    """
    from hedong_cli.cli.workflow import unit_name

    name = unit_name(unit)
    if not _ROLE.fullmatch(role):
        raise InputError(t("db_bad_role", role=role))
    password = None
    if password_stdin:
        password = (sys.stdin.readline() if sys.stdin else "").rstrip("\r\n")
        if not password:
            raise InputError(t("db_password_empty"))
    sess, journal = _server(ctx, db, lang)
    with journal:
        outcome = journal.grant(name, role, password, adopt=force)
    if outcome == "adopted":
        reset = t("db_grant_password_reset") if password is not None else ""
        sess.echo(t("db_grant_adopted", role=role, unit=name, password=reset))
    else:
        sess.echo(t("db_grant_new" if outcome == "new" else "db_grant_updated", role=role, unit=name))


@db_app.command("grants")
def grants(ctx: typer.Context, db: DbOpt = None, lang: LangOpt = None) -> None:
    """List the unit roles on the server: role, unit, and whether it may log in (tab-separated).

    \b
    Examples:
      hedong db grants --db postgresql://hedong_office@db/hedong
    """
    sess, journal = _server(ctx, db, lang)
    with journal:
        rows = journal.grants()
    if not rows:
        sess.echo(t("db_grants_none"), err=True)
    for row in rows:
        # Tab-separated for scripts; each part is made safe on its own.
        sess.env.out.write("\t".join(visible(part) for part in (row[0], row[1], "login" if row[2] else "nologin")))
        sess.env.out.write("\n")
