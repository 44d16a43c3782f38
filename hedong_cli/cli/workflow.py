"""The reporting workflow: ``assign``, ``units``, ``export``, ``import`` and ``checkin``.

Each command parses its options, calls the core (``ledger``, ``units``, ``progress`` through
``Session.report``) and hands the result to a renderer (``render.ledger``, ``render.workflow``).
"""

import contextlib
import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from hedong_cli.cli import complete
from hedong_cli.cli.app import DataOpt, DbOpt, LangOpt, Session, app, session
from hedong_cli.cli.entries import check_value, entry_date, find_task, progress_line
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
    parse_status,
    sections_of,
    split_values,
)
from hedong_cli.errors import ExitStatus, HedongError, InputError, InputProblems
from hedong_cli.messages import STATUS_NAMES, get_lang, light_name, status_name, t
from hedong_cli.progress import Report, TaskView, filter_views

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


def unit_name(text: str) -> str:
    """A unit name as given, trimmed; empty names and control characters are refused."""
    name = text.strip()
    if not name or any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in name):
        raise InputError(t("asg_bad_unit", unit=text))
    return name


def unit_views(report: Report, unit: str | None, sections: set[str] | None = None) -> list[TaskView]:
    """The report's views for ``unit`` (lead or partner) and sections; an unknown unit is an error."""
    views = filter_views(report.views, sections=sections, unit=unit.strip() if unit else None)
    if unit is not None and not views:
        import difflib

        from hedong_cli.units import known_units

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
        name = unit_name(value)
        if name != lead_name and name not in partners:
            partners.append(name)
    effective = entry_date(on, sess, catalog.year)
    views = {view.task.id: view for view in sess.report(effective).views}
    author = by or sess.env.user
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
    from hedong_cli.units import SORT_KEYS, scorecard

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
        sess.env.out.write(render.scorecard_json(card))
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
    from hedong_cli.ledger import build_ledger, ledger_json
    from hedong_cli.render import ledger as render

    ledger = build_ledger(report.narrowed(views), unit.strip() if unit else None)
    if fmt == "json":
        from hedong_cli.textsafe import dumps_json

        data = (dumps_json(ledger_json(ledger)) + "\n").encode("utf-8")
    elif fmt == "csv":
        # On a terminal or a pipe, CSV comes without the BOM that Excel needs in a file.
        data = render.ledger_csv(ledger).encode("utf-8") if to_stdout else render.csv_bytes(ledger)
    else:
        data = render.xlsx_bytes(ledger)
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
    from hedong_cli.ledger import diff_states, journal_rows, plan_import, request_rows
    from hedong_cli.render.ledger import open_ledger
    from hedong_cli.render.workflow import import_preview

    sess = session(ctx, data, db, lang)
    check_range("--limit", limit, 0, MAX_LIMIT)
    from hedong_cli.render.busy import Busy

    # The file is checked first (a regular file, within the size limits), before the catalogue is even
    # loaded, so a zip bomb or a FIFO is refused at once; its rows are then read while they are checked,
    # so memory stays flat with the file's size.
    with open_ledger(file) as sheets, Busy(t("busy_import_read", path=file), quiet=quiet, stream=sess.env.err):
        catalog = sess.catalog()
        effective = entry_date(on, sess, catalog.year)
        plan = plan_import(catalog, sess.report(effective), sheets, file.name)
    if plan.problems:
        # One problem (a wrong header, an empty sheet) is one line; several get a closing count.
        lines = [str(problem) for problem in plan.problems[:MAX_PROBLEMS_SHOWN]]
        if len(plan.problems) > MAX_PROBLEMS_SHOWN:
            lines.append(t("ldg_more_problems", n=len(plan.problems) - MAX_PROBLEMS_SHOWN))
        if len(plan.problems) > 1:
            lines.append(t("ldg_problems", n=len(plan.problems)))
        raise InputProblems(lines)
    import_preview(plan, sess.env.out, width, limit, sess.env.environ)
    if not plan.changes:
        sess.echo(t("imp_nothing"))
        return
    if dry_run:
        sess.echo(t("imp_dry_run"))
        return
    confirmed = stdin_is_terminal() and not yes
    if confirmed and not typer.confirm(t("imp_confirm", n=len(plan.changes)), default=False):
        sess.echo(t("imp_cancelled"))
        raise typer.Exit(ExitStatus.FAILURE)
    author = by or sess.env.user
    previewed = journal_rows(plan, catalog.key, effective, author) if confirmed else []
    task_ids = [request.task_id for request in plan.requests]

    def still_changes(journal: Any) -> list[dict[str, Any]]:
        # Compared again inside the write transaction: whatever was recorded since the preview counts.
        states = journal.latest(catalog.key, effective, task_ids)
        return request_rows(diff_states(plan.requests, states), catalog.key, effective, author)

    def as_previewed(rows: list[dict[str, Any]]) -> None:
        # A person said yes to the preview: write exactly that, or nothing.
        if confirmed and rows != previewed:
            raise HedongError(
                t("imp_changed_since_preview", who=t("imp_someone_else"), now=len(rows), seen=len(previewed))
            )

    with (
        Busy(t("busy_import_write", n=len(plan.changes)), quiet=quiet, stream=sess.env.err),
        sess.writer() as journal,
    ):
        ids = journal.append_computed(still_changes, expected=as_previewed, catalog=catalog.key)
    if not ids:
        sess.echo(t("imp_already_recorded"))
        return
    sess.echo(t("imp_written", n=len(ids), first=ids[0], last=ids[-1], date=effective.isoformat()))


def stdin_is_terminal() -> bool:
    """Whether a person may be asked (import's confirmation): standard input is a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


# -- checkin ---------------------------------------------------------------------------------------


# A terminal's escape sequences (CSI such as the arrow keys' ESC [ D, SS3, OSC ... BEL/ST), then any other
# control character: none of them is ever stored from an interactive answer.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[O][@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_answer(text: str) -> str:
    """An answer as it may be stored: terminal escape sequences and control characters removed."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def _line_editing(sess: Session) -> bool:
    """At a terminal, answers are read with the standard ``readline`` module: CJK-aware backspace, arrow
    keys, and the answers of this session as history. It costs about 1 ms to import, where prompt_toolkit
    would add a dependency and about 100 ms of start-up. Where it is missing (Windows), ``input`` still
    edits the line through the console."""
    if not (sys.stdin is not None and sys.stdin.isatty() and sess.env.out is sys.stdout and sys.stdout.isatty()):
        return False
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (importing it is what turns line editing on for input())
    return True


def _ask(sess: Session, prompt: str) -> str:
    """One answer after a prompt, with line editing at a terminal; EOF (Ctrl-D, or the end of piped input)
    raises EOFError. Escape sequences and control characters are removed, and the person is told so."""
    if _line_editing(sess):
        line = input(prompt)
    else:
        sess.env.out.write(prompt)
        sess.env.out.flush()
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        line = line.rstrip("\r\n")
    cleaned = clean_answer(line)
    if cleaned != line:
        sess.echo(t("chk_stripped"))
    return cleaned


def _ask_value(sess: Session, view: TaskView) -> float | None:
    from hedong_cli.ledger import parse_number
    from hedong_cli.render.labels import number

    task = view.task
    assert task.target is not None
    while True:
        text = _ask(sess, t("chk_ask_value", unit=task.target.unit, current=number(view.value) or "—"))
        if not text.strip():
            return None
        value = parse_number(text, task.target.unit)
        try:
            if value is None:
                raise InputError(t("ldg_not_number", column=t("ldg_col_new_value"), value=text))
            return check_value(task, value)
        except InputError as exc:
            sess.echo(t("chk_retry", error=exc.message))


def _ask_status(sess: Session, view: TaskView) -> str | None:
    choices = "/".join(names[0 if get_lang() == "zh" else 1] for names in STATUS_NAMES.values())
    while True:
        text = _ask(sess, t("chk_ask_status", choices=choices, current=status_name(view.status)))
        if not text.strip():
            return None
        try:
            return parse_status(text)
        except InputError as exc:
            sess.echo(t("chk_retry", error=exc.message))


def _ask_note(sess: Session) -> str:
    from hedong_cli.ledger import check_note

    while True:
        note = _ask(sess, t("chk_ask_note"))
        try:
            return check_note(note)
        except InputError as exc:
            sess.echo(t("chk_retry", error=exc.message))


def _print_with_light(sess: Session, message: str, light: str) -> None:
    from rich.text import Text

    from hedong_cli.render.console import LIGHT_STYLES, finish, make_console, user_text

    before, _, after = message.partition("\0")
    console = make_console(sess.env.out, None, sess.env.environ)
    console.print(
        Text.assemble(user_text(before), user_text(light_name(light), LIGHT_STYLES[light]), user_text(after)),
        overflow="ignore",
        crop=False,
        soft_wrap=True,
    )
    finish(console)


def _show_task(sess: Session, view: TaskView, index: int, count: int, elapsed: float) -> None:
    from hedong_cli.render.labels import pct, target_text, value_text

    task = view.task
    sess.echo(t("chk_task", i=index, n=count, id=task.id, title=task.title))
    # A task's own expected progress (100% for rates); 序时进度 itself for tasks without a number.
    expected = pct(view.expected_pct if view.expected_pct is not None else elapsed)
    light = "\0"  # stands for the light in the message, which is then coloured as in ``hedong status``
    if task.target is not None:
        facts = t(
            "chk_facts",
            target=target_text(task.target),
            value=value_text(view) or "—",
            pct=pct(view.progress_pct),
            expected=expected,
            light=light,
            status=status_name(view.status),
        )
    else:
        facts = t("chk_facts_plain", expected=expected, light=light, status=status_name(view.status))
    _print_with_light(sess, facts, view.light)
    if view.note:
        sess.echo(t("chk_last_note", date=view.updated.isoformat() if view.updated else "", note=view.note))
    else:
        sess.echo(t("chk_no_note"))


@app.command()
def checkin(
    ctx: typer.Context,
    unit: UnitOpt = None,
    section: Annotated[
        str | None, typer.Option("--section", "-s", help="One section: 0-6.", show_default=False)
    ] = None,
    on: DateOpt = None,
    by: ByOpt = None,
    data: DataOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """Weekly check-in: walk one unit's or one section's tasks and record each answer at once.

    For each task it shows the target, the last value and note, 序时进度 and the light, then asks for
    the new value, status and note; Enter keeps the current one. Each answered task is saved
    (its own transaction) before the next question. Ctrl-C or Ctrl-D stops: what was saved stays,
    and it says how many (exit status 130 after Ctrl-C, 1 after end of input).

    \b
    Examples:
      hedong checkin --unit 区商务局
      hedong checkin --section 2 --by 督查室
    """
    sess = session(ctx, data, db, lang)
    if unit is not None and section is not None:
        raise InputError(t("chk_both_scope"))
    if unit is None and section is None:
        raise InputError(t("chk_need_scope"))
    catalog = sess.catalog()
    sections = sections_of([section], [s.id for s in catalog.sections]) if section is not None else None
    effective = entry_date(on, sess, catalog.year)
    report = sess.report(effective)
    views = unit_views(report, unit, sections)
    scope = t("chk_scope_unit", unit=unit.strip()) if unit else t("chk_scope_section", section=section)
    sess.echo(t("chk_header", scope=scope, n=len(views), pct=f"{report.expected_pct:.1f}"))
    saved = unchanged = 0
    author = by or sess.env.user
    try:
        with sess.writer() as journal:
            for index, view in enumerate(views, start=1):
                sess.echo("")
                _show_task(sess, view, index, len(views), report.expected_pct)
                value = _ask_value(sess, view) if view.task.target is not None else None
                status = _ask_status(sess, view)
                note = _ask_note(sess)
                change = _changed(view, value, status, note if note.strip() else None)
                if change is None:
                    unchanged += 1
                    sess.echo(t("chk_unchanged"))
                    continue
                entry = journal.append(catalog.key, view.task.id, effective=effective, author=author, **change)
                saved += 1
                sess.echo(t("chk_saved", entry=entry.id) + "  " + progress_line(_after(sess, view, effective)))
    except (KeyboardInterrupt, EOFError) as exc:
        sess.echo("")
        sess.echo(t("chk_stopped", saved=saved, n=len(views)))
        raise typer.Exit(ExitStatus.INTERRUPTED if isinstance(exc, KeyboardInterrupt) else ExitStatus.FAILURE) from None
    sess.echo("")
    sess.echo(t("chk_finished", saved=saved, same=unchanged))


def _changed(view: TaskView, value: float | None, status: str | None, note: str | None) -> dict[str, Any] | None:
    """The fields that differ from the task's current state, or None when nothing does."""
    change = {
        "value": value if value is not None and value != view.value else None,
        "status": status if status is not None and status != view.status else None,
        "note": note if note is not None and note != (view.note or "") else None,
    }
    return change if any(v is not None for v in change.values()) else None


def _after(sess: Session, view: TaskView, effective: Any) -> TaskView:
    from hedong_cli.cli.entries import task_view

    return task_view(sess, view.task, max(effective, sess.today))
