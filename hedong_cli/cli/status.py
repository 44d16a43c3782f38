"""``hedong status``: every task against 序时进度, as tables, JSON, CSV or Markdown."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from hedong_cli.cli import complete
from hedong_cli.cli.app import DataOpt, DbOpt, LangOpt, app, session
from hedong_cli.cli.options import (
    FORMATS_STATUS,
    MAX_DAYS,
    AsOfOpt,
    StaleOpt,
    ToleranceOpt,
    UnitOpt,
    WarnOpt,
    WidthOpt,
    check_format,
    check_range,
    light_rules,
    parse_date,
    parse_light,
    parse_status,
    sections_of,
    split_values,
)
from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import t
from hedong_cli.tracking.progress import due_within_days, filter_views, is_overdue


@app.command()
def status(
    ctx: typer.Context,
    section: Annotated[
        list[str] | None, typer.Option("--section", "-s", help="Section id(s): 0 (goals), 1-6.", show_default=False)
    ] = None,
    status_: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            help="Status(es), English or Chinese.",
            show_default=False,
            autocompletion=complete.status_names,
        ),
    ] = None,
    light: Annotated[
        list[str] | None,
        typer.Option(
            "--light",
            help="Light(s): green/绿, yellow/黄, red/红.",
            show_default=False,
            autocompletion=complete.light_names,
        ),
    ] = None,
    unit: UnitOpt = None,
    due_within: Annotated[
        int | None,
        typer.Option(
            "--due-within",
            help="Only open tasks whose 完成时限 or next plan node falls within this many days.",
            show_default=False,
        ),
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only open tasks past their 完成时限 or with a missed plan node.")
    ] = False,
    warn_days: WarnOpt = 14,
    as_of: AsOfOpt = None,
    every: Annotated[
        bool, typer.Option("--all", "-a", help="List every task, one table per section (not the overview).")
    ] = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table, json, csv or md. Scripts use json or csv (or --all). JSON is indented on a terminal,"
            " one line when piped ($HEDONG_JSON_INDENT=N: N spaces, 0: one line).",
            autocompletion=complete.formats_for("status"),
        ),
    ] = "table",
    width: WidthOpt = None,
    tolerance: ToleranceOpt = 10.0,
    stale_days: StaleOpt = 28,
    data: DataOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """Show progress against 序时进度 (the share of the year elapsed), with each task's 预警 light.

    With no filter it prints an overview that fits the screen: the headline, one row per section, then
    the red and yellow tasks with the reason in words. --all lists every task; any filter lists the
    matching tasks in full, and the headline then counts only those. Scripts should use --format json
    or csv (or --all): the overview is for people.

    \b
    Examples:
      hedong status
      hedong status --all
      hedong status --section 2 --light red,yellow
      hedong status --as-of 2026-06-30 --format json > h1.json
      hedong status --status 受阻 --lang en
      hedong status --due-within 30          nodes and deadlines in the next 30 days
      hedong status --overdue --unit 区商务局
    """
    sess = session(ctx, data, db, lang)
    check_format(fmt, FORMATS_STATUS)
    rules = light_rules(tolerance, stale_days, warn_days)
    catalog = sess.catalog()  # parsing YAML (on a cache miss) may leave cycles: collected as ever
    with cycles_uncollected():
        sections = sections_of(section, [s.id for s in catalog.sections])
        statuses = {parse_status(s) for s in split_values(status_)}
        lights = {parse_light(s) for s in split_values(light)}
        report = sess.report(parse_date(as_of) or sess.today, rules)
        filters = _filter_words(section, status_, light, unit, due_within, overdue)
        if filters:
            # Renderers see only the chosen tasks; the summary counts only those, and says so.
            views = filter_views(report.views, sections=sections, statuses=statuses, lights=lights, unit=unit)
            if due_within is not None:
                if due_within < 0:
                    raise InputError(t("bad_number", option="--due-within", min=0, value=due_within))
                check_range("--due-within", due_within, 0, MAX_DAYS)
                views = [v for v in views if due_within_days(v, report.as_of, due_within)]
            if overdue:
                views = [v for v in views if is_overdue(v, report.as_of)]
            report = report.narrowed(views)
        out = sess.env.out
        if fmt == "json":
            from hedong_cli.render.formats import status_json_chunks

            out.writelines(status_json_chunks(report, sess.env.json_indent()))
        elif fmt == "csv":
            from hedong_cli.render.formats import status_csv

            out.write(status_csv(report.views))
        elif fmt == "md":
            from hedong_cli.render.formats import status_markdown

            out.write(status_markdown(report))
        elif every or filters:
            from hedong_cli.render.terminal import status_tables

            status_tables(report, out, width, filtered=filters or None, environ=sess.env.environ)
        else:
            from hedong_cli.render.terminal import status_overview

            status_overview(report, out, width, environ=sess.env.environ)


@contextmanager
def cycles_uncollected() -> Iterator[None]:
    """No cyclic garbage collection while the report is built and written. It makes no cycles, but a collection
    runs every few hundred new objects and, as they pile up, walks them all: a fifth of a 20,000-task JSON
    report's time. Objects are freed by their reference counts as ever; collection resumes after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _filter_words(
    sections: list[str] | None,
    statuses: list[str] | None,
    lights: list[str] | None,
    unit: str | None,
    due_within: int | None = None,
    overdue: bool = False,
) -> str:
    """The filters given, as the options that set them ("--light red,yellow --unit 区商务局"); "" for none."""
    parts = [
        f"{option} {','.join(split_values(values))}"
        for option, values in (("--section", sections), ("--status", statuses), ("--light", lights))
        if split_values(values)
    ]
    if unit is not None:
        parts.append(f"--unit {unit.strip()}")
    if due_within is not None:
        parts.append(f"--due-within {due_within}")
    if overdue:
        parts.append("--overdue")
    return " ".join(parts)
