"""The reporting workflow: ``assign``, ``units``, ``export`` and ``import``.

Each command parses its options, calls the core (``ledger``, ``ledger_import``, ``units``, ``progress``
through ``Session.report``) and hands the result to a renderer (``render.ledger``, ``render.workflow``).
The interactive ``checkin``, which asks a person task by task, is in ``cli.checkin``; it shares this
module's options (``--by``, ``--date``) and its unit lookup (``unit_views``).
"""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from hedong_cli.cli import complete
from hedong_cli.cli.app import ConfigOpt, DataOpt, DbOpt, LangOpt, Session, app, session
from hedong_cli.cli.entries import entry_date, find_task, recorded_author
from hedong_cli.cli.options import (
    MAX_LIMIT,
    AsOfOpt,
    QuietOpt,
    StaleOpt,
    ToleranceOpt,
    UnitOpt,
    WarnOpt,
    WidthOpt,
    check_format,
    check_range,
    light_rules,
    parse_date,
    sections_of,
    split_values,
)
from hedong_cli.common.errors import Declined, HedongError, InputError, InputProblems, Interrupted
from hedong_cli.common.messages import t
from hedong_cli.tracking.progress import Report, TaskView, filter_views

ByOpt = Annotated[
    str | None, typer.Option("--by", help="Who reports (default $HEDONG_USER or $USER).", show_default=False)
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="The date the entries speak for (default today).", show_default=False),
]
EXPORT_FORMATS = ("xlsx", "csv", "json")
EXTENSIONS = {".xlsx": "xlsx", ".csv": "csv", ".json": "json"}
MAX_PROBLEMS_SHOWN = 100


def unit_name(text: str, field: str = "field_lead") -> str:
    """A unit name as given, trimmed: by the rule of every name (``rules.check_name``), and not empty."""
    from hedong_cli.common.rules import check_name

    name = check_name(t(field), text)
    if not name:
        raise InputError(t("asg_bad_unit", unit=text))
    return name


def problems_error(problems: list[Any]) -> InputProblems:
    """A file's problems as one error: one problem (a wrong header, an empty sheet) is one line; at most
    ``MAX_PROBLEMS_SHOWN`` are listed, and several get a closing count."""
    lines = [str(problem) for problem in problems[:MAX_PROBLEMS_SHOWN]]
    if len(problems) > MAX_PROBLEMS_SHOWN:
        lines.append(t("ldg_more_problems", n=len(problems) - MAX_PROBLEMS_SHOWN))
    if len(problems) > 1:
        lines.append(t("ldg_problems", n=len(problems)))
    return InputProblems(lines)


@contextmanager
def interrupt_reported(written: list[int]) -> Iterator[None]:
    """Ctrl-C while an import reads or writes becomes one line saying what was written: nothing, since the
    entries go in one transaction, or, once it has committed (``written`` holds the ids), those entries."""
    try:
        yield
    except (KeyboardInterrupt, typer.Abort):
        if written:
            message = t("imp_interrupted_written", n=len(written), first=written[0], last=written[-1])
        else:
            message = t("imp_interrupted_nothing")
        raise Interrupted(message) from None


def unit_views(report: Report, unit: str | None, sections: set[str] | None = None) -> list[TaskView]:
    """The report's views for ``unit`` (lead or partner) and sections; an unknown unit is an error."""
    views = filter_views(report.views, sections=sections, unit=unit.strip() if unit else None)
    if unit is not None and not views:
        import difflib

        from hedong_cli.tracking.units import known_units

        units = known_units(report.views)
        if unit.strip() in units:  # a real unit, just none of its tasks in the chosen sections
            raise InputError(t("none_matched"))
        close = difflib.get_close_matches(unit.strip(), units, n=5, cutoff=0.3) or units[:10]
        message = t("unknown_unit", unit=unit)
        raise InputError(message + (t("known_units", units="、".join(close)) if close else ""))
    return views


def assignment_text(lead: str | None, partners: tuple[str, ...] | list[str]) -> str:
    parts = [t("assigned", lead=lead or "")]
    if partners:
        parts.append(t("partners", partners="、".join(partners)))
    return t("lbl_sep").join(parts)


@app.command()
def assign(
    ctx: typer.Context,
    task_ids: Annotated[
        list[str],
        typer.Argument(metavar="ID...", help="Task id(s), e.g. 2.1.3 2.1.4.", autocompletion=complete.task_ids),
    ],
    lead: Annotated[
        str,
        typer.Option(
            "--lead", help="The lead unit (牵头单位).", show_default=False, autocompletion=complete.unit_names
        ),
    ],
    partner: Annotated[
        list[str] | None,
        typer.Option(
            "--partner",
            "-p",
            help="A partner unit (配合单位); repeat or separate with 、 or commas.",
            autocompletion=complete.unit_names,
        ),
    ] = None,
    on: DateOpt = None,
    by: ByOpt = None,
    data: DataOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """Assign tasks to a lead unit and partner units. History keeps every assignment (hedong show, hedong log).

    The catalogue's optional lead: field is the default until a task is first assigned. Tasks that
    already have exactly this assignment are left alone; all others are written in one transaction.

    \b
    Examples:
      hedong assign 2.1.3 2.1.4 --lead 区商务局 --partner 区发展改革委
      hedong assign 6.3.1 --lead 区教育局 --partner 区财政局、区住房建设委 --date 2026-03-01
    """

    sess = session(ctx, data, db, lang)
    catalog = sess.catalog()
    tasks, problems = [], []
    for task_id in task_ids:
        try:
            task = find_task(catalog, task_id)
        except InputError as exc:
            problems.append(exc.message)
            continue
        if task not in tasks:
            tasks.append(task)
    if problems:
        raise InputProblems(problems)
    lead_name = unit_name(lead)
    partners: list[str] = []
    for value in split_values([p.replace("、", ",").replace("，", ",") for p in partner or []]):
        name = unit_name(value, "field_partner")
        if name != lead_name and name not in partners:
            partners.append(name)
    effective = entry_date(on, sess, catalog.year)
    author = recorded_author(sess, by)
    views = {view.task.id: view for view in sess.report(effective).views}
    changed = [task for task in tasks if (views[task.id].lead, list(views[task.id].partners)) != (lead_name, partners)]
    rows = [
        dict(catalog=catalog.key, task_id=task.id, effective=effective, kind="assign", lead=lead_name,
             partners=tuple(partners), author=author)
        for task in changed
    ]  # fmt: skip
    entries = {}
    if rows:
        with sess.writer() as journal:
            entries = {entry.task_id: entry for entry in journal.append_many(rows)}
    text = assignment_text(lead_name, partners)
    for task in tasks:
        if task.id in entries:
            sess.echo(t("asg_done", entry=entries[task.id].id, id=task.id, title=task.title, assignment=text))
        else:
            sess.echo(t("asg_same", id=task.id, title=task.title, assignment=text))


@app.command()
def units(
    ctx: typer.Context,
    sort: Annotated[
        str, typer.Option("--sort", help="Column: red, yellow, green, done, tasks, stale, latest, missed or unit.")
    ] = "red",
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    section: Annotated[
        list[str] | None, typer.Option("--section", "-s", help="Only tasks of these sections.", show_default=False)
    ] = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, json or csv.", autocompletion=complete.formats_for("units"))
    ] = "table",
    width: WidthOpt = None,
    tolerance: ToleranceOpt = 10.0,
    stale_days: StaleOpt = 28,
    warn_days: WarnOpt = 14,
    data: DataOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """Scorecard per lead unit: tasks led, done, green/yellow/red, newest report, tasks silent 28+ days.

    Counts are biggest first, the newest report oldest first, so the units to call come to the top;
    tasks with no lead unit form the 未分配 (unassigned) row, always last.

    \b
    Examples:
      hedong units
      hedong units --sort stale
      hedong units --sort latest --stale-days 14
      hedong units --format csv > units.csv
    """
    from hedong_cli.tracking.units import SORT_KEYS, scorecard

    sess = session(ctx, data, db, lang)
    check_format(fmt, ("table", "json", "csv"))
    if sort not in SORT_KEYS:
        raise InputError(t("unt_bad_sort", key=sort, allowed=", ".join(SORT_KEYS)))
    rules = light_rules(tolerance, stale_days, warn_days)
    catalog = sess.catalog()
    sections = sections_of(section, [s.id for s in catalog.sections])
    report = sess.report(parse_date(as_of) or sess.today, rules)
    report = report.narrowed(filter_views(report.views, sections=sections))
    card = scorecard(report, sort, reverse)
    from hedong_cli.render import workflow as render

    if fmt == "json":
        sess.env.out.write(render.scorecard_json(card, sess.env.json_indent()))
    elif fmt == "csv":
        sess.env.out.write(render.scorecard_csv(card))
    else:
        render.scorecard_table(card, sess.env.out, width, sess.env.environ)


@app.command()
def export(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE]", help="ledger.xlsx, .csv or .json; '-' or none writes to stdout (give --format)."
        ),
    ] = None,
    unit: UnitOpt = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="xlsx, csv or json (default: from FILE's extension).",
            show_default=False,
            autocompletion=complete.formats_for("export"),
        ),
    ] = None,
    section: Annotated[
        list[str] | None, typer.Option("--section", "-s", help="Only tasks of these sections.", show_default=False)
    ] = None,
    as_of: AsOfOpt = None,
    quiet: QuietOpt = False,
    data: DataOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    lang: LangOpt = None,
) -> None:
    """Write the 台账 (ledger) for the units to fill: a summary sheet, then one sheet per section.

    Units fill in only the three 本期 columns (本期数值, 本期状态, 本期进展情况); all other columns
    are locked and checked on import. CSV is UTF-8 with a BOM so that Excel reads the Chinese. An
    existing FILE is replaced (atomically).

    \b
    Examples:
      hedong export 台账.xlsx
      hedong export 区商务局.xlsx --unit 区商务局
      hedong export ledger.csv --section 2
      hedong export --format json | jq '.tasks | length'
    """
    sess = session(ctx, data, db, lang)
    sess.config_flag = config
    to_stdout = file in (None, "-")
    if to_stdout:
        if fmt is None:
            raise InputError(t("ldg_need_file"))
    else:
        inferred = EXTENSIONS.get(Path(str(file)).suffix.lower())
        if fmt is None and inferred is None:
            raise InputError(t("ldg_unknown_ext", path=file))
        if fmt is not None and inferred is not None and inferred != fmt:
            raise InputError(t("ldg_format_conflict", ext=Path(str(file)).suffix, fmt=fmt))
        fmt = fmt or inferred
    check_format(str(fmt), EXPORT_FORMATS)
    from hedong_cli.render.busy import Busy

    with Busy(t("busy_export", path=file or "-"), quiet=quiet or to_stdout, stream=sess.env.err):
        ledger = _write_ledger(sess, file, str(fmt), to_stdout, unit, section, as_of)
    if ledger is not None:
        sess.echo(t("ldg_exported", n=ledger.rows, sheets=len(ledger.sheets), path=file))


def _write_ledger(
    sess: Session,
    file: str | None,
    fmt: str,
    to_stdout: bool,
    unit: str | None,
    section: list[str] | None,
    as_of: str | None,
) -> Any:
    """Build the ledger and write it to FILE (returning it) or to stdout (returning None)."""
    catalog = sess.catalog()
    sections = sections_of(section, [s.id for s in catalog.sections])
    report = sess.report(parse_date(as_of) or sess.today)
    views = unit_views(report, unit, sections)
    from hedong_cli.documents.ledger import build_ledger, ledger_json
    from hedong_cli.render import ledger as render

    ledger = build_ledger(report.narrowed(views), unit.strip() if unit else None)
    if fmt == "json":
        from hedong_cli.common.textsafe import dumps_json

        data = (dumps_json(ledger_json(ledger)) + "\n").encode("utf-8")
    elif fmt == "csv":
        # On a terminal or a pipe, CSV comes without the BOM that Excel needs in a file.
        data = render.ledger_csv(ledger).encode("utf-8") if to_stdout else render.csv_bytes(ledger)
    else:
        from hedong_cli.render.ledger_xlsx import ledger_xlsx  # imports openpyxl

        data = ledger_xlsx(ledger, header_unit=sess.config().unit or None)
    sess.write_output("-" if to_stdout else str(file), data)
    return None if to_stdout else ledger


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A filled ledger: .xlsx or .csv from hedong export.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help="Check and preview only; never writes.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Write without asking, even at a terminal.")] = False,
    limit: Annotated[int, typer.Option("--limit", help="Preview at most this many changes; 0 lists all.")] = 100,
    by: ByOpt = None,
    on: DateOpt = None,
    width: WidthOpt = None,
    quiet: QuietOpt = False,
    data: DataOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """Read a filled ledger back: check every row, preview the changes, then record them in one transaction.

    Only the 本期 columns are read; an empty cell keeps the current value. A row whose 本期 value,
    status or note differs from the journal becomes one entry. Any unknown id, non-numeric value,
    unknown status, edited protected column or duplicated row is listed with sheet and row, and then
    nothing at all is written. Importing the same file again adds nothing.

    At a terminal it asks before writing; with --yes, or when standard input is not a terminal
    (scripts, cron), it writes after printing the preview. --dry-run never writes.

    \b
    Examples:
      hedong import 区商务局.xlsx --dry-run
      hedong import 区商务局.xlsx --by 区商务局
      hedong import ledger.csv --date 2026-11-20 --yes
    """
    sess = session(ctx, data, db, lang)
    check_range("--limit", limit, 0, MAX_LIMIT)
    written: list[int] = []
    with interrupt_reported(written):
        _import_ledger(sess, file, dry_run, yes, limit, by, on, width, quiet, written)


def _import_ledger(
    sess: Session,
    file: Path,
    dry_run: bool,
    yes: bool,
    limit: int,
    by: str | None,
    on: str | None,
    width: int | None,
    quiet: bool,
    written: list[int],
) -> None:
    """``import``'s work; ``written`` receives the ids once they are committed."""
    from hedong_cli.documents.ledger_import import JournalRows, diff_states, plan_import, read_filing
    from hedong_cli.render.busy import Busy
    from hedong_cli.render.ledger import open_ledger
    from hedong_cli.render.workflow import import_preview

    # The file is checked first (a regular file, within the size limits), before the catalogue is even
    # loaded, so a zip bomb or a FIFO is refused at once; its rows are then read while they are checked,
    # so memory stays flat with the file's size. The journal is opened before the rows are read (a journal
    # that cannot be read is said first, as by every command) and asked only about the tasks of the rows.
    with open_ledger(file) as sheets, Busy(t("busy_import_read", path=file), quiet=quiet, stream=sess.env.err):
        catalog = sess.catalog()
        effective = entry_date(on, sess, catalog.year)
        with sess.reader() as reader:
            plan = plan_import(
                catalog, lambda task_ids: reader.latest(catalog.key, effective, task_ids), effective, sheets, file.name
            )
        # the 汇总 sheet's 填报 block (plan_import reads the task sheets)
        filing = read_filing(sheets, file.name)
    problems = [*plan.problems, *filing.problems]
    if problems:
        raise problems_error(problems)
    # --by wins; else the 填报人 the unit wrote on the summary sheet; else $HEDONG_USER / $USER.
    author = recorded_author(sess, by, filing.person)
    import_preview(plan, sess.env.out, width, limit, sess.env.environ)
    if plan.stripped_notes and plan.changes:
        sess.echo(t("imp_notes_stripped", n=plan.stripped_notes))
    if filing.person and plan.changes:
        sess.echo(t("imp_filed_by", person=filing.person, unit=filing.unit or "—", author=author))
    if not plan.changes:
        sess.echo(t("imp_nothing"))
        return
    if dry_run:
        sess.echo(t("imp_dry_run"))
        return
    confirmed = stdin_is_terminal() and not yes
    if confirmed and not typer.confirm(t("imp_confirm", n=len(plan.changes)), default=False):
        raise Declined(t("imp_cancelled"))
    previewed = [change.request for change in plan.changes] if confirmed else []

    def still_changes(journal: Any) -> JournalRows:
        # Compared again inside the write transaction: whatever was recorded since the preview counts.
        differing = diff_states(plan.requests, lambda task_ids: journal.latest(catalog.key, effective, task_ids))
        return JournalRows(differing, catalog.key, effective, author)

    def as_previewed(rows: JournalRows) -> None:
        # A person said yes to the preview: write exactly that, or nothing. (The rows differ from the
        # previewed ones exactly when their requests do: date, author and catalogue are the same for all.)
        if confirmed and rows.requests != previewed:
            raise HedongError(
                t("imp_changed_since_preview", who=t("imp_someone_else"), now=len(rows), seen=len(previewed))
            )

    with (
        Busy(t("busy_import_write", n=len(plan.changes)), quiet=quiet, stream=sess.env.err),
        sess.writer() as journal,
    ):
        ids = journal.append_computed(still_changes, expected=as_previewed, catalog=catalog.key)
    written.extend(ids)
    if not ids:
        sess.echo(t("imp_already_recorded"))
        return
    sess.echo(t("imp_written", n=len(ids), first=ids[0], last=ids[-1], date=effective.isoformat()))


def stdin_is_terminal() -> bool:
    """Whether a person may be asked (import's confirmation): standard input is a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()
