"""``hedong plan``: a task's plan (完成时限, 分管区领导, 节点), and the 分工方案 document both ways."""

from pathlib import Path
from typing import Annotated, Any

import typer

from hedong_cli.cli.app import DataOpt, DbOpt, LangOpt, Session, app, session
from hedong_cli.cli.entries import entry_date, find_task, recorded_author, task_view
from hedong_cli.cli.options import WidthOpt, check_format, parse_date
from hedong_cli.common.errors import Declined, InputError
from hedong_cli.common.messages import t

PLAN_FORMATS = ("xlsx", "docx", "csv")
PLAN_EXTENSIONS = {".xlsx": "xlsx", ".docx": "docx", ".csv": "csv"}


@app.command()
def plan(
    ctx: typer.Context,
    target: Annotated[
        str, typer.Argument(metavar="ID|export|import", help="A task id; or export / import and a FILE.")
    ],
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE]",
            help="分工方案 .xlsx, .docx or .csv (export / import); export - writes to standard output.",
        ),
    ] = None,
    due: Annotated[
        str | None,
        typer.Option("--due", help="完成时限: 2026-06-30, 6月底, 三季度末, 年底前; '' clears.", show_default=False),
    ] = None,
    leader: Annotated[
        str | None, typer.Option("--leader", help="分管区领导 (free text); '' clears.", show_default=False)
    ] = None,
    node: Annotated[
        list[str] | None,
        typer.Option(
            "--node",
            help="DATE:VALUE, DATE:PCT% or DATE:TEXT; repeat, in date order. A node on an existing date replaces it.",
            show_default=False,
        ),
    ] = None,
    clear_nodes: Annotated[bool, typer.Option("--clear-nodes", help="Drop the current nodes first.")] = False,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason", help="Why the due date is later than the catalogue's (required then).", show_default=False
        ),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="The date the plan takes effect (default today).", show_default=False)
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Who records (default $HEDONG_USER or $USER).", show_default=False)
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="ID: the plan as it stood on this date.", show_default=False)
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help="import: check and preview only.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="import: write without asking.")] = False,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="ID: table or json; export: xlsx, docx or csv.", show_default=False),
    ] = None,
    width: WidthOpt = None,
    data: DataOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """Show or change a task's plan; export or import the 分工方案 (responsibility table).

    A plan gives a task its 完成时限 (default: the catalogue's due, else 31 December), its 分管区领导
    and dated nodes: a value in the target's unit, a percent of the whole, or a described step.
    Where a task has nodes, its light follows the plan instead of 序时进度 (see hedong status).
    Each change is one journal entry: hedong show and hedong log list it, hedong undo takes it back.

    \b
    Examples:
      hedong plan 2.1.3                          print the plan
      hedong plan 2.1.3 --as-of 2026-06-30 --format json
      hedong plan 2.1.3 --due 2026-10-31 --leader 王副区长 \\
          --node 2026-06-30:10 --node 2026-09-30:40%
      hedong plan 6.3.1 --node 2026-06-30:主体开工 --node 2026-11-30:投入使用
      hedong plan 2.1.3 --clear-nodes --node 2026-12-31:100%
      hedong plan export 分工方案.xlsx           the fill-in form (also .docx, .csv)
      hedong plan import 分工方案.xlsx --dry-run
    """
    sess = session(ctx, data, db, lang)
    editing = due is not None or leader is not None or node or clear_nodes or reason is not None
    if target in ("export", "import"):
        if editing:
            raise InputError(t("plan_edit_with_file", mode=target))
        if file is None:
            raise InputError(t("plan_need_file", mode=target))
        if target == "export":
            _export(sess, file, fmt)
            return
        from hedong_cli.cli.workflow import interrupt_reported

        written: list[int] = []
        with interrupt_reported(written):
            _import(sess, Path(file), dry_run, yes, on, by, width, written)
        return
    if file is not None:
        raise InputError(t("plan_extra_arg", arg=file))
    check_format(fmt or "table", ("table", "json"))
    if not editing:
        _print_plan(sess, target, fmt or "table", width, parse_date(as_of) or sess.today)
        return
    if as_of is not None:
        raise InputError(t("plan_as_of_edit"))
    _edit(sess, target, due, leader, node or [], clear_nodes, reason, on, by)


def current_plan(view: Any) -> Any:
    from hedong_cli.tracking.plans import Plan

    return view.plan.plan if view.plan is not None else Plan()


def _edit(
    sess: Session,
    task_id: str,
    due: str | None,
    leader: str | None,
    nodes: list[str],
    clear_nodes: bool,
    reason: str | None,
    on: str | None,
    by: str | None,
) -> None:
    from hedong_cli.tracking.plans import edited_plan, parse_node

    catalog = sess.catalog()
    task = find_task(catalog, task_id)
    effective = entry_date(on, sess, catalog.year)
    author = recorded_author(sess, by)
    view = task_view(sess, task, effective)
    old = current_plan(view)
    typed = tuple(parse_node(text, task, catalog.year) for text in nodes)
    new = edited_plan(
        old, task, catalog.year, due=due, leader=leader, nodes=typed, clear_nodes=clear_nodes, reason=reason
    )
    if new == old:
        sess.echo(t("plan_same", id=task.id, title=task.title))
        return
    with sess.writer() as journal:
        entry = journal.append(
            catalog.key, task.id, effective=effective, kind="plan", plan=new.as_payload(), author=author
        )
    from hedong_cli.tracking.plans import plan_summary

    sess.echo(t("plan_done", entry=entry.id, id=task.id, title=task.title, plan=plan_summary(new, task, catalog.year)))


def _print_plan(sess: Session, task_id: str, fmt: str, width: int | None, day: Any) -> None:
    from hedong_cli.tracking.plans import deadline, node_expects, node_reached

    catalog = sess.catalog()
    task = find_task(catalog, task_id)
    view = task_view(sess, task, day)
    plan_ = current_plan(view)
    due, due_source = deadline(task, plan_, catalog.year)
    nodes = []
    for item in plan_.nodes:
        if item.day <= day:
            reached = node_reached(item, task, view.progress_pct, view.status, view.updated)
            state = "reached" if reached else "missed"
        else:
            state = "upcoming"
        nodes.append({"date": item.day.isoformat(), "expects": node_expects(item, task), "state": state})
    if fmt == "json":
        from hedong_cli.common.textsafe import dumps_json

        out = {
            "id": task.id,
            "title": task.title,
            "due": due.isoformat(),
            "due_source": due_source,
            "leader": plan_.leader,
            "reason": plan_.reason,
            "nodes": nodes,
            "plan_expected_pct": view.plan_expected_pct,
            "progress_pct": view.progress_pct,
            "light": view.light,
            "light_reason": view.light_reason,
        }
        sess.env.out.write(dumps_json(out, indent=sess.env.json_indent()) + "\n")
        return
    from hedong_cli.common.messages import light_name, status_name
    from hedong_cli.documents.labels import pct
    from hedong_cli.render.console import ascii_table, finish, make_console, user_text

    console = make_console(sess.env.out, width, sess.env.environ)
    console.print(user_text(f"{task.id} {task.title}", "bold"))
    source = t(f"plan_src_{due_source}")
    console.print(user_text(t("plan_line_due", due=due.isoformat(), source=source)))
    if plan_.reason:
        console.print(user_text(t("plan_line_reason", reason=plan_.reason)))
    console.print(user_text(t("plan_line_leader", leader=plan_.leader or "—")))
    if not nodes:
        console.print(user_text(t("plan_line_no_nodes")))
    else:
        table = ascii_table()
        table.add_column(t("plan_col_date"), no_wrap=True)
        table.add_column(t("plan_col_expects"), overflow="fold")
        table.add_column(t("plan_col_state"), no_wrap=True)
        for item in nodes:
            style = "bold red" if item["state"] == "missed" else ""
            table.add_row(item["date"], user_text(item["expects"]), user_text(t(f"plan_node_{item['state']}"), style))
        console.print(table)
        progress = pct(view.progress_pct) or status_name(view.status)
        console.print(user_text(t("plan_line_expected", pct=pct(view.plan_expected_pct), progress=progress)))
    reason = t(f"reason_{view.light_reason}")
    console.print(user_text(t("plan_line_light", light=light_name(view.light), reason=reason)))
    finish(console)


def _export(sess: Session, file: str, fmt: str | None) -> None:
    from hedong_cli.documents.plan_table import build_plan_table
    from hedong_cli.render import plan_doc

    inferred = PLAN_EXTENSIONS.get(Path(file).suffix.lower())
    if fmt is None and inferred is None:
        raise InputError(t("plan_unknown_ext", path=file))
    if fmt is not None and inferred is not None and inferred != fmt:
        raise InputError(t("ldg_format_conflict", ext=Path(file).suffix, fmt=fmt))
    chosen = check_format(str(fmt or inferred), PLAN_FORMATS)
    from hedong_cli.common.fileio import check_output_path

    if file != "-":
        check_output_path(file, sess.protected_files())  # refused before the report is built
    table = build_plan_table(sess.report(sess.today))
    if chosen == "xlsx":  # the office, from the settings, in the printed page header
        data = plan_doc.plan_xlsx(table, header_unit=sess.config().unit or None)
    else:
        data = {"docx": plan_doc.plan_docx, "csv": plan_doc.plan_csv}[chosen](table)
    # '-' is standard output, as for export and brief -o, and then no line is added to the data.
    sess.write_output(file, data)
    if file != "-":
        sess.echo(t("plan_exported", n=len(table.rows), path=file))


def _import(
    sess: Session,
    file: Path,
    dry_run: bool,
    yes: bool,
    on: str | None,
    by: str | None,
    width: int | None,
    written: list[int],
) -> None:
    import sys

    from hedong_cli.documents.plan_table import import_changes, journal_rows
    from hedong_cli.render.plan_doc import read_plan_file

    catalog = sess.catalog()
    effective = entry_date(on, sess, catalog.year)
    author = recorded_author(sess, by)
    rows = read_plan_file(file)
    report = sess.report(effective)
    changes, problems = import_changes(catalog, report, rows, file.name)
    if problems:
        from hedong_cli.cli.workflow import problems_error

        raise problems_error(problems)
    for change in changes:
        sess.echo(t("plan_preview", id=change.task.id, title=change.task.title, what=change.describe(catalog.year)))
    if not changes:
        sess.echo(t("imp_nothing"))
        return
    if dry_run:
        sess.echo(t("imp_dry_run"))
        return
    interactive = sys.stdin is not None and sys.stdin.isatty()
    if interactive and not yes and not typer.confirm(t("imp_confirm", n=len(changes)), default=False):
        raise Declined(t("imp_cancelled"))
    with sess.writer() as journal:
        entries = journal.append_many(journal_rows(changes, catalog.key, effective, author))
    written.extend(entry.id for entry in entries)
    sess.echo(t("imp_written", n=len(entries), first=entries[0].id, last=entries[-1].id, date=effective.isoformat()))
