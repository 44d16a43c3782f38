"""``hedong brief``: the 督查通报 (周报, 月报, 季度通报, 半年通报)."""

import dataclasses
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from hedong_cli.cli.app import ConfigOpt, DataOpt, DbOpt, LangOpt, Session, app, session
from hedong_cli.cli.complete import formats_for
from hedong_cli.cli.options import (
    MAX_WIDTH,
    QuietOpt,
    StaleOpt,
    ToleranceOpt,
    UnitOpt,
    WarnOpt,
    check_format,
    check_range,
    light_rules,
    parse_date,
)
from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import t
from hedong_cli.tracking.progress import LightRules

if TYPE_CHECKING:
    from hedong_cli.documents.briefing import Briefing
    from hedong_cli.render.briefing_blocks import Document
    from hedong_cli.tracking.period import Period

FORMATS_BRIEF = ("md", "txt", "html", "docx")
MIN_WIDTH = 40


@app.command()
def brief(
    ctx: typer.Context,
    week: Annotated[
        str | None, typer.Option("--week", "-w", help="ISO week, e.g. 2026-W48.", show_default=False)
    ] = None,
    month: Annotated[
        str | None, typer.Option("--month", help="A month, e.g. 2026-10 (月报).", show_default=False)
    ] = None,
    quarter: Annotated[
        str | None, typer.Option("--quarter", help="A quarter, e.g. 2026-Q3 (季度通报).", show_default=False)
    ] = None,
    half: Annotated[
        str | None, typer.Option("--half", help="A half year: 2026-H1 or 2026-H2 (半年通报).", show_default=False)
    ] = None,
    from_: Annotated[
        str | None, typer.Option("--from", help="First day of a custom period (YYYY-MM-DD).", show_default=False)
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Last day of a custom period (YYYY-MM-DD).", show_default=False)
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Brief the ISO week containing this date (default: today).", show_default=False),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="md, txt, html or docx.", autocompletion=formats_for("brief"))
    ] = "md",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to FILE atomically (required for docx); '-' is standard output, for every format.",
            show_default=False,
        ),
    ] = None,
    no: Annotated[
        int | None,
        typer.Option(
            "--no",
            help="Issue number (第N期). Default: the ISO week number of the period (of --to's day for a custom "
            "period), or the month, quarter or half's number, so a reprint keeps its number.",
            show_default=False,
        ),
    ] = None,
    unit: UnitOpt = None,
    attach: Annotated[
        str, typer.Option("--attach", help="附件1: every task (all) or the red and yellow ones (lagging).")
    ] = "all",
    city: Annotated[
        bool,
        typer.Option(
            "--city",
            help="The city's 通报 over the districts' catalogues in the journal (those 'hedong city' reads).",
        ),
    ] = False,
    width: Annotated[
        int, typer.Option("--width", help=f"Line width of the txt format, {MIN_WIDTH}-{MAX_WIDTH} columns.")
    ] = 80,
    tolerance: ToleranceOpt = 10.0,
    stale_days: StaleOpt = 28,
    warn_days: WarnOpt = 14,
    data: DataOpt = None,
    quiet: QuietOpt = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
    lang: LangOpt = None,
) -> None:
    """Write the 督查通报: 总体情况, 主要进展, 存在问题, 下步工作要求, then 附件1 (tasks) and 附件2 (silent units).

    The briefing reports the journal as of the period's last day (today, while the period is still
    running), so every figure equals `hedong status --as-of <that day> --format json`, and a past week
    reprints unchanged.

    \b
    Examples:
      hedong brief                                  this week, Markdown
      hedong brief --week 2026-W47 --format txt     plain text for chat, 80 columns
      hedong brief --format html -o 周报.html       print from a browser (A4)
      hedong brief --format docx -o 周报.docx       Word, official-document layout
      hedong brief --from 2026-11-01 --to 2026-11-30 --no 11 --unit 区商务局
      hedong brief --quarter 2026-Q3 --format docx -o 三季度通报.docx
      hedong brief --quarter 2026-Q3 --attach lagging -f docx -o 三季度通报.docx
      hedong brief --month 2026-10                  月报 (第10期)
      hedong brief --half 2026-H1                   半年通报
      hedong brief --city --month 2026-10 -f docx -o 各区县10月.docx   the city's 通报, districts ranked
    """
    sess = session(ctx, data, db, lang)
    sess.config_flag = config
    check_format(fmt, FORMATS_BRIEF)
    if fmt == "docx" and output is None:
        raise InputError(t("brief_docx_needs_output"))
    check_range("--width", width, MIN_WIDTH, MAX_WIDTH)
    if no is not None and no < 1:
        raise InputError(t("bad_number", option="--no", min=1, value=no))
    spans = {"month": month, "quarter": quarter, "half": half}
    if as_of is not None and (week is not None or from_ is not None or to is not None or any(spans.values())):
        raise InputError(t("brief_as_of_conflict"))
    if attach not in ("all", "lagging"):
        raise InputError(t("tb_attach_option"))
    if city and (unit is not None or attach != "all"):
        raise InputError(t("cb_city_conflict"))
    rules = light_rules(tolerance, stale_days, warn_days)
    from hedong_cli.render.busy import Busy

    # A bar only for a file: on standard output (no -o, or -o -) the briefing itself shows the work is done.
    to_file = output is not None and output != "-"
    with Busy(t("busy_brief", path=output), quiet=quiet or not to_file, stream=sess.env.err):
        if city:
            period = _period(sess, week, parse_date(from_), parse_date(to), parse_date(as_of), spans)
            doc, warnings = city_document(sess, *period, rules, no)
        else:
            briefing = make_briefing(
                sess, week, parse_date(from_), parse_date(to), parse_date(as_of), rules, no, unit, spans=spans
            )
            briefing = dataclasses.replace(briefing, attach=attach)
            from hedong_cli.render.briefing_doc import document

            doc, warnings = document(briefing), briefing.config.warnings
        for warning in warnings:  # a 版记 or 主送 setting at fault fell back to its default
            sess.echo(warning, err=True)
        content = render(doc, fmt, width)
        data = content.encode("utf-8") if isinstance(content, str) else content
        if to_file:
            sess.write_output(str(output), data)
    if output is None:
        assert isinstance(content, str)
        sess.env.out.write(content)
        return
    if not to_file:
        sess.write_output("-", data)
        return
    sess.echo(t("brief_written", path=output), err=True)


def _period(
    sess: Session,
    week: str | None,
    start: date | None,
    end: date | None,
    as_of: date | None,
    spans: dict[str, str | None] | None,
) -> tuple["Period", date]:
    """The period asked for (``as_of``: the ISO week containing that day), and the day it is reported as of
    (``period.report_day``: its last day, or today while it runs), as the web desk's download works it out."""
    from hedong_cli.tracking.period import report_day, resolve_period

    period = resolve_period(sess.catalog().year, as_of or sess.today, week=week, start=start, end=end, **(spans or {}))
    return period, report_day(period, sess.today)


def city_document(
    sess: Session, period: "Period", as_of_day: date, rules: LightRules, no: int | None
) -> tuple["Document", tuple[str, ...]]:
    """The city's 通报: the districts' rows as of ``as_of_day`` (those of 'hedong city --as-of'), and the
    warnings of the settings file."""
    from hedong_cli.cli.city import city_view
    from hedong_cli.documents.briefing import series_number
    from hedong_cli.render.city_brief import CityBriefing
    from hedong_cli.render.city_brief import city_document as lay_out

    view = city_view(sess, [], as_of_day, rules)
    settings = sess.config()
    number = series_number(period, settings) if no is None else no
    return lay_out(CityBriefing(view, period, number, settings)), settings.warnings


def make_briefing(
    sess: Session,
    week: str | None,
    start: date | None,
    end: date | None,
    as_of: date | None,
    rules: LightRules,
    no: int | None,
    unit: str | None,
    spans: dict[str, str | None] | None = None,
) -> "Briefing":
    """Period → ``documents.briefing.period_briefing`` (what the web desk's download calls too)."""
    from hedong_cli.documents.briefing import period_briefing

    period, as_of_day = _period(sess, week, start, end, as_of, spans)
    return period_briefing(sess, period, as_of_day, rules, number=no, unit=unit)


def render(doc: "Document", fmt: str, width: int) -> str | bytes:
    """A 通报 laid out as blocks (the district's or the city's) in ``fmt``."""
    if fmt == "txt":
        from hedong_cli.render.briefing import document_text

        return document_text(doc, width)
    if fmt == "html":
        from hedong_cli.render.briefing_html import document_html

        return document_html(doc)
    if fmt == "docx":
        from hedong_cli.render.briefing_docx import document_docx

        return document_docx(doc)
    from hedong_cli.render.briefing import document_markdown

    return document_markdown(doc)
