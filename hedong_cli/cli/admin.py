"""Housekeeping commands: ``check`` and ``where``."""

import typer

from hedong_cli.cli.app import DataOpt, DbOpt, LangOpt, app, session
from hedong_cli.errors import ExitStatus
from hedong_cli.messages import t
from hedong_cli.textsafe import visible


@app.command()
def check(ctx: typer.Context, data: DataOpt = None, db: DbOpt = None, lang: LangOpt = None) -> None:
    """Validate the catalogue (every problem as FILE:LINE: message) and the journal's task ids.

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
    orphans = {task_id: first for task_id, first in mentioned.items() if task_id not in catalog.by_id}
    for task_id, first in orphans.items():
        sess.echo(t("check_orphan", db=sess.journal_path(), entry=first, id=task_id), err=True)
    if orphans:
        raise typer.Exit(ExitStatus.FAILURE)
    sess.echo(t("check_journal_ok", path=sess.journal_path(), n=total))


@app.command()
def where(ctx: typer.Context, data: DataOpt = None, db: DbOpt = None, lang: LangOpt = None) -> None:
    """Print the catalogue and journal paths in use, and where each choice came from.

    A journal this process can read but not write (its file or folder is read-only, or it is on a
    read-only filesystem) gets a fourth field: read-only.

    \b
    Examples:
      hedong where
      HEDONG_DB=/srv/hedong/journal.sqlite hedong where
    """
    from hedong_cli.journal import is_read_only
    from hedong_cli.paths import catalog_path, journal_path

    sess = session(ctx, data, db, lang)
    origins = {"flag": "--data/--db", "env": "$HEDONG_DATA/$HEDONG_DB", "default": "default"}
    for label, located in (
        ("catalogue", catalog_path(data, sess.env.environ)),
        ("journal", journal_path(db, sess.env.environ)),
    ):
        # Tab-separated so scripts can cut the path out; each part is made safe on its own.
        parts = [label, str(located.path), f"({origins[located.origin]})"]
        if label == "journal" and is_read_only(located.path):
            parts.append(t("where_read_only"))
        sess.env.out.write("\t".join(visible(part) for part in parts))
        sess.env.out.write("\n")
