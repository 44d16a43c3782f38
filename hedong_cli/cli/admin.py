"""Housekeeping commands: ``check`` and ``where``."""

import typer

from hedong_cli.cli.app import ConfigOpt, DataOpt, DbOpt, LangOpt, app, session
from hedong_cli.common.errors import ProblemsFound
from hedong_cli.common.messages import t
from hedong_cli.common.textsafe import visible


@app.command()
def check(ctx: typer.Context, data: DataOpt = None, db: DbOpt = None, lang: LangOpt = None) -> None:
    """Validate the catalogue (every problem as FILE:LINE: message) and the journal's entries.

    Every entry's task must be in the catalogue, and every entry must be readable: one written before
    today's rules is named, with how to retract it.

    \b
    Examples:
      hedong check
      hedong check --data targets_2027.yaml
    """
    sess = session(ctx, data, db, lang)
    catalog = sess.catalog()  # raises CatalogError listing every problem
    sess.echo(t("check_ok", path=catalog.path, sections=len(catalog.sections), tasks=len(catalog.tasks)))
    with sess.reader() as journal:
        mentioned = journal.task_ids(catalog.key)
        total = journal.count(catalog.key)
        # Reading every entry warns, one line each, of those that cannot be read (written before the rules),
        # naming how to retract it; one retracted already is skipped without a word and not counted here.
        entries = journal.history(catalog.key)
        retracted = {entry.retracts for entry in entries if entry.kind == "retract"}
        unreadable = [entry for entry in journal.skipped_entries() if entry not in retracted]
    db = sess.journal_path()
    orphans = {task_id: first for task_id, first in mentioned.items() if task_id not in catalog.by_id}
    problems = [t("check_orphan", db=db, entry=first, id=task_id) for task_id, first in orphans.items()]
    if unreadable:
        problems.append(t("check_unreadable", db=db, n=len(unreadable), entries=", #".join(map(str, unreadable))))
    if problems:
        raise ProblemsFound(problems)
    sess.echo(t("check_journal_ok", path=db, n=total))


@app.command()
def where(
    ctx: typer.Context, data: DataOpt = None, db: DbOpt = None, config: ConfigOpt = None, lang: LangOpt = None
) -> None:
    """Print the catalogue and journal in use, where each choice came from, the journal's backend, and
    the settings file (版头, 版记, ledger header).

    The catalogue comes from --data, else $HEDONG_DATA, else catalog: in the settings file (which
    'hedong init' writes), else the catalogue shipped with hedong; the line says which.

    For a server journal it also prints the server, the database and the role (never the password).
    The config line says "(default, absent)" when no settings file exists: the documents then use
    neutral defaults. The reporting line gives the units' reporting cycle the settings set (周报：每周五前
    unless reporting: says otherwise), which the web desk follows.

    A journal this process can read but not write (its file or folder is read-only, or it is on a
    read-only filesystem) gets a fourth field: read-only.

    \b
    Examples:
      hedong where
      HEDONG_DB=/srv/hedong/journal.sqlite hedong where
      HEDONG_DB=postgresql://shangwu@db.hedong.gov/hedong hedong where
    """
    from hedong_cli.common.config import config_path, load_config
    from hedong_cli.common.errors import HedongError
    from hedong_cli.journal import is_read_only
    from hedong_cli.tracking.paths import catalog_path, journal_path

    sess = session(ctx, data, db, lang)
    located_catalog = catalog_path(data, sess.env.environ, config)
    located_journal = journal_path(db, sess.env.environ)
    catalog_origin = {
        "flag": "--data",
        "env": "$HEDONG_DATA",
        "config": f"config: {located_catalog.config}",
        "default": "default",
    }[located_catalog.origin]
    journal_origin = {"flag": "--db", "env": "$HEDONG_DB", "default": "default"}[located_journal.origin]
    lines = [
        ("catalogue", str(located_catalog.path), f"({catalog_origin})"),
        ("journal", located_journal.target.shown(), f"({journal_origin})"),
        ("backend", located_journal.target.backend),
    ]
    path = located_journal.target.path
    if path is not None and is_read_only(path):
        lines[1] = (*lines[1], t("where_read_only"))
    if located_journal.target.url is not None:
        try:
            with sess.reader() as journal:
                details = journal.describe()
            lines += [(key, details[key]) for key in ("server", "database", "role", "schema")]
        except HedongError as exc:
            lines.append(("error", exc.message))
    settings = config_path(config, sess.env.environ)
    config_origins = {"flag": "--config", "env": "$HEDONG_CONFIG", "default": "default"}
    absent = "" if settings.path.exists() else ", absent"
    lines.append(("config", str(settings.path), f"({config_origins[settings.origin]}{absent})"))
    try:  # the units' reporting cycle (reporting:), which the web desk's period, due day and 催办 follow
        lines.append(("reporting", load_config(settings).reporting.describe()))
    except HedongError as exc:
        lines.append(("error", exc.message))
    for line in lines:
        # Tab-separated so scripts can cut the path out; each part is made safe on its own.
        sess.env.out.write("\t".join(visible(part) for part in line) + "\n")
