"""Journal commands: ``update``, ``undo``, ``show`` and ``log``."""

import difflib
from datetime import date
from typing import Annotated, Any

import typer

from hedong_cli.cli import complete
from hedong_cli.cli.app import DataOpt, DbOpt, LangOpt, Session, app, session
from hedong_cli.cli.options import MAX_LIMIT, WidthOpt, check_format, check_range, parse_date, parse_status
from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import light_name, status_name, t
from hedong_cli.documents.labels import number, pct, target_text, value_text
from hedong_cli.tracking.progress import TaskView, build_report
from hedong_cli.tracking.workspace import check_value, parse_value


def find_task(catalog: Any, task_id: str) -> Any:
    """The task with this id, or an ``InputError`` naming the closest ids."""
    task = catalog.by_id.get(task_id.strip())
    if task is not None:
        return task
    ids = list(catalog.by_id)
    close = difflib.get_close_matches(task_id.strip(), ids, n=3, cutoff=0.6)
    if not close and task_id.strip():
        close = [task.id for task in catalog.tasks if task_id.strip() in task.title][:3]
    message = t("unknown_task", id=task_id)
    if close:
        message += t("did_you_mean", ids=", ".join(close))
    raise InputError(message)


def entry_date(text: str | None, sess: Session, year: int) -> date:
    """An effective date: default today; inside the catalogue year and not in the future."""
    day = parse_date(text) or sess.today
    if day.year != year:
        raise InputError(t("date_outside_year", date=day.isoformat(), year=year))
    if day > sess.today:
        raise InputError(t("date_future", date=day.isoformat(), today=sess.today.isoformat()))
    return day


# The variables that name who records when --by is not given, first set wins (``Environment.user``).
USER_VARIABLES = ("HEDONG_USER", "USER", "USERNAME")


def recorded_author(sess: Session, by: str | None, filed_by: str | None = None) -> str | None:
    """Who an entry is recorded as: ``--by``, else the ledger's 填报人 (``filed_by``, already checked), else
    $HEDONG_USER / $USER. Each is a name by the rule of every name (``rules.check_name``): a control or bidi
    character, or more than ``MAX_NAME_CHARS``, is refused before anything is written."""
    from hedong_cli.common.rules import check_name

    if by and by.strip():
        return check_name(t("field_by"), by)
    if filed_by:
        return filed_by
    for name in USER_VARIABLES:
        value = sess.env.environ.get(name)
        if value:
            return check_name(t("field_env", name=name), value) or None
    return None


def task_view(sess: Session, task: Any, as_of: date, journal: Any = None) -> TaskView:
    """The task's figures on ``as_of``; ``journal``: one already open (a write's, so no second connection)."""
    catalog = sess.catalog()
    if journal is not None:
        states = journal.latest(catalog.key, as_of, [task.id])
    else:
        with sess.reader() as reader:
            states = reader.latest(catalog.key, as_of, [task.id])
    return build_report(catalog, states, as_of, tasks=[task]).views[0]


def progress_line(view: TaskView) -> str:
    if view.task.target is None:
        return t("progress_line_plain", status=status_name(view.status), light=light_name(view.light))
    return t(
        "progress_line",
        value=value_text(view) or "0",
        target=target_text(view.task.target),
        pct=pct(view.progress_pct),
        expected=f"{view.expected_pct:.1f}" if view.expected_pct is not None else "",
        light=light_name(view.light),
        status=status_name(view.status),
    )


@app.command()
def update(
    ctx: typer.Context,
    task_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="Task id, e.g. 2.1.3 (see hedong status).", autocompletion=complete.task_ids),
    ],
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="not_started/未启动, in_progress/推进中, done/已完成, blocked/受阻, adjusted/已调整.",
            show_default=False,
            autocompletion=complete.status_names,
        ),
    ] = None,
    value: Annotated[
        str | None,
        typer.Option("--value", help="Current value, in the target's unit (1200, 1,200, 4.5%).", show_default=False),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="Progress note (进展情况), stored as typed.", show_default=False)
    ] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="The date the entry speaks for (default today).", show_default=False)
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Who reports (default $HEDONG_USER or $USER).", show_default=False)
    ] = None,
    data: DataOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """Record a task's status, value and/or note in the journal.

    \b
    Examples:
      hedong update 2.1.3 --value 32 --note "新引进首店32家"
      hedong update 6.3.1 --status 已完成 --date 2026-09-01 --by 区教育局
      hedong update 0.4 --value 1.1 --status in_progress
    """
    sess = session(ctx, data, db, lang)
    catalog = sess.catalog()
    task = find_task(catalog, task_id)
    if status is None and value is None and note is None:
        raise InputError(t("need_change"))
    status_key = parse_status(status) if status is not None else None
    stripped = False
    if note is not None:
        from hedong_cli.common.rules import clean_note

        note, stripped = clean_note(note)
    checked_value = check_value(task, parse_value(task, value)) if value is not None else None
    effective = entry_date(on, sess, catalog.year)
    author = recorded_author(sess, by)
    with sess.writer() as journal:
        entry = journal.append(
            catalog.key,
            task.id,
            effective=effective,
            status=status_key,
            value=checked_value,
            note=note,
            author=author,
        )
        view = task_view(sess, task, sess.today, journal)  # read back on the same connection
    if stripped:
        sess.echo(t("note_stripped"), err=True)
    sess.echo(t("updated", entry=entry.id, id=task.id, title=task.title, progress=progress_line(view)))


@app.command()
def undo(
    ctx: typer.Context,
    entry: Annotated[
        int | None, typer.Option("--entry", help="The entry to retract (default: the newest).", show_default=False)
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Who retracts (default $HEDONG_USER or $USER).", show_default=False)
    ] = None,
    data: DataOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """Retract the newest entry (or --entry N). The retraction is itself an entry: history keeps both.

    \b
    Examples:
      hedong undo
      hedong undo --entry 42
    """
    sess = session(ctx, data, db, lang)
    catalog = sess.catalog()
    author = recorded_author(sess, by)
    with sess.writer() as journal:
        retraction = journal.retract(catalog.key, entry, effective=sess.today, author=author)
    sess.echo(t("retracted", entry=retraction.retracts, id=retraction.task_id, by=retraction.id))


def describe_change(entry: Any, task: Any = None) -> str:
    """One entry in words: what it set, retracted or assigned."""
    sep = t("lbl_sep")
    if entry.kind == "retract":
        return t("retraction_of", entry=entry.retracts)
    if entry.kind == "plan":
        from hedong_cli.tracking.plans import plan_entry_text

        return plan_entry_text(entry.plan, task)
    if entry.kind == "assign":
        parts = [t("assigned", lead=entry.lead or "")]
        if entry.partners:
            parts.append(t("partners", partners="、".join(entry.partners)))
        return sep.join(parts)
    parts = []
    if entry.status is not None:
        parts.append(t("chg_status", status=status_name(entry.status)))
    if entry.value is not None:
        parts.append(t("chg_value", value=number(entry.value)))
    if entry.note is not None:
        parts.append(t("chg_note", note=entry.note))
    return sep.join(parts)


def entry_json(entry: Any) -> dict[str, Any]:
    return {
        "entry": entry.id,
        "task_id": entry.task_id,
        "kind": entry.kind,
        "date": entry.effective.isoformat(),
        "recorded_at": entry.recorded_at,
        "status": entry.status,
        "value": entry.value,
        "note": entry.note,
        "author": entry.author,  # kept for readers of earlier versions: the same as "by"
        "by": entry.author,  # the name given with --by
        "role": entry.role,  # on a server: the database role that wrote it, stamped by the server
        "unit": entry.unit,  # and the unit that role is mapped to
        "retracts": entry.retracts,
        "retracted_by": entry.retracted_by,
        "lead": entry.lead,
        "partners": list(entry.partners),
        "plan": entry.plan,
    }


@app.command()
def show(
    ctx: typer.Context,
    task_id: Annotated[
        str, typer.Argument(metavar="ID", help="Task id, e.g. 1.1.3.", autocompletion=complete.task_ids)
    ],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="State as it stood on this date.", show_default=False)
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table or json.", autocompletion=complete.formats_for("show"))
    ] = "table",
    width: WidthOpt = None,
    data: DataOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """Show every field of one task and its full history, retractions included.

    \b
    Examples:
      hedong show 2.1.2
      hedong show 0.1 --format json
    """
    sess = session(ctx, data, db, lang)
    check_format(fmt, ("table", "json"))
    catalog = sess.catalog()
    task = find_task(catalog, task_id)
    view = task_view(sess, task, parse_date(as_of) or sess.today)
    with sess.reader() as journal:
        history = journal.history(catalog.key, task_id=task.id)
    if fmt == "json":
        from hedong_cli.common.textsafe import dumps_json

        data_out = view.as_json()
        data_out["history"] = [entry_json(entry) for entry in history]
        sess.env.out.write(dumps_json(data_out, indent=sess.env.json_indent()) + "\n")
        return
    from hedong_cli.render.terminal import task_detail

    changes = [describe_change(entry, task) for entry in history]
    task_detail(view, catalog.year, history, changes, sess.env.out, width, sess.env.environ)


@app.command()
def log(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option("--since", help="Only entries dated on or after this day.", show_default=False)
    ] = None,
    task_id: Annotated[
        str | None,
        typer.Option("--task", help="Only this task's entries.", show_default=False, autocompletion=complete.task_ids),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many entries, newest first.")] = 20,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table or json.", autocompletion=complete.formats_for("log"))
    ] = "table",
    width: WidthOpt = None,
    data: DataOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """List journal entries, newest first.

    \b
    Examples:
      hedong log
      hedong log --since 2026-11-01 --limit 100
      hedong log --task 2.1.2 --format json
    """
    sess = session(ctx, data, db, lang)
    check_format(fmt, ("table", "json"))
    check_range("--limit", limit, 1, MAX_LIMIT)
    catalog = sess.catalog()
    task = find_task(catalog, task_id) if task_id is not None else None
    with sess.reader() as journal:
        entries = journal.history(catalog.key, task_id=task.id if task else None, since=parse_date(since), limit=limit)
    if fmt == "json":
        from hedong_cli.common.textsafe import dumps_json

        sess.env.out.write(dumps_json([entry_json(entry) for entry in entries], indent=sess.env.json_indent()) + "\n")
        return
    from hedong_cli.render.terminal import entry_table

    titles = {
        entry.task_id: (catalog.by_id[entry.task_id].title if entry.task_id in catalog.by_id else "")
        for entry in entries
    }
    changes = [describe_change(entry, catalog.by_id.get(entry.task_id)) for entry in entries]
    entry_table(entries, titles, changes, sess.env.out, width, sess.env.environ)
