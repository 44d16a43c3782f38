"""Terminal output of ``status``, ``show`` and ``log``, drawn with rich (see ``render.console``).

``hedong status`` opens on an overview that fits the screen: the headline, one row per section, then
the tasks needing attention (red, then yellow) with the reason in words. ``--all`` and every filter
list the tasks in full, one table per section, with the same column widths in every section.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import groupby
from typing import TYPE_CHECKING, Any, TextIO

from hedong_cli.common.messages import light_name, status_name, t
from hedong_cli.documents.labels import (
    STATUS_COLUMNS,
    detail_fields,
    pct,
    reason_words,
    section_heading,
    status_cells,
    summary_lines,
    titled,
)
from hedong_cli.render.console import (
    LIGHT_STYLES,
    ascii_bar,
    ascii_table,
    finish,
    make_console,
    shown,
    terminal_height,
    user_text,
)
from hedong_cli.tracking.progress import summarize

if TYPE_CHECKING:
    from rich.console import Console

    from hedong_cli.journal import Entry
    from hedong_cli.tracking.progress import Report, TaskView

BAR_FROM = 100  # from this width on (and in colour), progress carries rich's bar
BAR_WIDTH = 10
TITLE_MIN = 16  # at 80 columns the task column keeps at least this many; numbers and targets give way first
GAP = 2  # columns between two table columns (see render.console.ascii_table)


def cell_width(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.split("\n")), default=0)


def fit_widths(natural: list[int], steps: list[tuple[int, int]], room: int) -> list[int]:
    """Natural widths, narrowed step by step until they fit in ``room``: each step takes one column
    (index) down to at most a floor. rich wraps a cell at its column's width; fixing the widths here keeps
    them the same in every table of one output and spares rich measuring every cell again."""
    widths = list(natural)
    excess = sum(widths) + GAP * (len(widths) - 1) - room
    for index, floor in steps:
        if excess <= 0:
            break
        cut = min(excess, widths[index] - floor)
        if cut > 0:
            widths[index] -= cut
            excess -= cut
    return widths


def _light_text(light: str) -> Any:
    return user_text(light_name(light), LIGHT_STYLES[light])


def _progress_cell(progress: float | None, bars: bool) -> Any:
    if progress is None:
        return ""
    if not bars:
        return pct(progress)
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=BAR_WIDTH)
    grid.add_column(width=6, justify="right")
    grid.add_row(ascii_bar(progress, BAR_WIDTH), pct(progress))
    return grid


def _headline(console: Console, report: Report, label: str | None = None) -> None:
    console.print(user_text(titled("lbl_report_title", report.region, year=report.year), "bold"))
    console.print(
        user_text(
            f"{t('lbl_as_of', date=report.as_of.isoformat())}{t('lbl_sep')}"
            f"{t('lbl_expected', pct=f'{report.expected_pct:.1f}')}"
        )
    )
    if label:
        console.print(user_text(label, "bold"))
    for line in summary_lines(report.summary):
        console.print(user_text(line))


# -- status, every task ------------------------------------------------------------------------------------


def status_tables(
    report: Report,
    out: TextIO,
    width: int | None = None,
    *,
    filtered: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> None:
    """Every task of the report, one table per section, the same column widths in all of them.

    ``filtered`` names the filter when the report is narrowed: the headline then says it counts only
    the tasks shown."""
    console = make_console(out, width, environ)
    views = report.views
    label = t("sts_filtered", filter=filtered, n=len(views)) if filtered else None
    _headline(console, report, label)
    if not views:
        console.print(user_text(t("none_matched")))
        finish(console)
        return
    bars = console.width >= BAR_FROM and console.is_terminal
    dates_full = console.width >= BAR_FROM
    rows = []
    for view in views:
        row = [shown(cell) for cell in status_cells(view)]
        if not dates_full:
            row[7] = row[7][5:]  # MM-DD: the year is the catalogue's
        rows.append(row)
    headers = [t(key) for key in STATUS_COLUMNS]
    natural = [max(cell_width(h), *(cell_width(r[i]) for r in rows)) for i, h in enumerate(headers)]
    if bars:
        natural[4] = max(natural[4], BAR_WIDTH + 1 + 6)
    floors = [cell_width(h) for h in headers]
    # Targets and values give way to a comfortable width, the task title to 20, then targets and values
    # to their headers' width; the title keeps at least TITLE_MIN columns.
    widths = fit_widths(
        natural,
        [(2, max(floors[2], 10)), (3, max(floors[3], 6)), (1, 20), (2, floors[2]), (3, floors[3]), (1, TITLE_MIN)],
        console.width,
    )
    justify = {3: "right", 4: "right"}
    for (section_id, group), start in _sections(views):
        group_views = list(group)
        console.print()
        console.print(user_text(section_heading(section_id, group_views[0].section_title), "bold"))
        table = ascii_table()
        for index, header in enumerate(headers):
            table.add_column(header, width=widths[index], justify=justify.get(index, "left"), overflow="fold")
        for offset, view in enumerate(group_views):
            row = rows[start + offset]
            cells: list[Any] = [user_text(cell) for cell in row]
            cells[4] = _progress_cell(view.progress_pct, bars) if bars else user_text(row[4])
            cells[5] = _light_text(view.light)
            table.add_row(*cells)
        console.print(table)
    finish(console)


def _sections(views: list[TaskView]) -> list[tuple[tuple[str, Any], int]]:
    groups, start = [], 0
    for section_id, group in groupby(views, key=lambda v: v.task.section):
        members = list(group)
        groups.append(((section_id, iter(members)), start))
        start += len(members)
    return groups


# -- status, the overview ------------------------------------------------------------------------------------


def attention(views: list[TaskView]) -> list[TaskView]:
    """The tasks needing attention: red first, then yellow, each in catalogue order."""
    return [v for v in views if v.light == "red"] + [v for v in views if v.light == "yellow"]


def status_overview(
    report: Report, out: TextIO, width: int | None = None, environ: Mapping[str, str] | None = None
) -> None:
    """The default ``hedong status``: headline, one row per section, then what needs attention.

    On a terminal the whole view fits its height; what does not fit ends in one line that says how
    many more tasks there are and which command lists them. Piped, the attention list is complete."""
    from rich.segment import Segment, Segments

    console = make_console(out, width, environ)
    _headline(console, report)
    console.print()
    # Laid out once: its lines are printed and, on a terminal, counted to fit the attention list below.
    section_lines = console.render_lines(
        _section_table(report, console.width, console.width >= BAR_FROM and console.is_terminal),
        console.options.update(height=None),
        pad=False,
    )
    console.print(Segments(segment for line in section_lines for segment in (*line, Segment.line())))
    needing = attention(report.views)
    console.print()
    if not needing:
        console.print(user_text(t("sts_none_needing")))
        finish(console)
        return
    red = sum(1 for view in needing if view.light == "red")
    console.print(user_text(t("sts_attention", red=red, yellow=len(needing) - red), "bold"))
    height = terminal_height(out)
    table, heights = _attention_table(needing, console, measure=height is not None)
    if height is not None:
        used = 2 + len(summary_lines(report.summary)) + 1 + len(section_lines) + 1 + 1  # headline, table, heading
        room = height - used - 2 - 2  # the table's header and rule; the closing line and the shell's prompt
        shown_rows = 0
        for row_height in heights:
            if room - row_height < 0:
                break
            room -= row_height
            shown_rows += 1
        if shown_rows < len(needing):
            table, _ = _attention_table(needing[:shown_rows], console)
            console.print(table)
            more = len(needing) - shown_rows
            console.print(user_text(t("sts_more", n=more)))
            finish(console)
            return
    console.print(table)
    finish(console)


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` display columns, ending in "..." when anything was cut."""
    if cell_width(shown(text)) <= width:
        return text
    while text and cell_width(shown(text)) > width - 3:
        text = text[:-1]
    return text + "..."


def _section_table(report: Report, width: int, bars: bool) -> Any:
    rows = []
    for (section_id, group), _start in _sections(report.views):
        members = list(group)
        summary = summarize(members)
        rows.append((section_heading(section_id, members[0].section_title), summary))
    headers = [
        t("sts_col_section"),
        t("sts_col_tasks"),
        status_name("done"),
        light_name("green"),
        light_name("yellow"),
        light_name("red"),
        t("sts_col_mean"),
    ]
    mean_width = BAR_WIDTH + 1 + 6 if bars else max(6, cell_width(headers[6]))
    numbers = [max(cell_width(h), 3) for h in headers[1:6]]
    room = width - sum(numbers) - mean_width - GAP * 6
    if max((cell_width(shown(title)) for title, _ in rows), default=0) > room:
        # One line per section: a title that does not fit is cut after its first clause (the full one is in --all),
        # and a first clause still too long ends in "..." rather than wrapping one character onto a new line.
        # (rich's own ellipsis is "…", an ambiguous-width character that CJK terminals draw two columns wide.)
        rows = [(_fit(title.split("，")[0], room), summary) for title, summary in rows]
    title_natural = max(cell_width(h) for h in [headers[0], *(shown(title) for title, _ in rows)])
    title_width = max(min(title_natural, room), 10)
    table = ascii_table()
    table.add_column(headers[0], width=title_width, overflow="fold")
    for header, column_width in zip(headers[1:6], numbers, strict=True):
        table.add_column(header, width=column_width, justify="right")
    table.add_column(headers[6], width=mean_width, justify="right")
    for title, summary in rows:
        lights = summary.by_light
        table.add_row(
            user_text(title),
            str(summary.total),
            str(summary.by_status["done"]),
            str(lights["green"]),
            user_text(str(lights["yellow"]), "yellow" if lights["yellow"] else ""),
            user_text(str(lights["red"]), "bold red" if lights["red"] else ""),
            _progress_cell(summary.mean_progress_pct, bars) if summary.mean_progress_pct is not None else "",
        )
    return table


def _attention_cells(view: TaskView) -> list[str]:
    lead = view.lead or t("unt_unassigned")
    return [shown(view.task.id), shown(view.task.title), shown(lead), light_name(view.light), reason_words(view)]


def _attention_table(views: list[TaskView], console: Console, measure: bool = False) -> tuple[Any, list[int]]:
    """The attention table and (with ``measure``) the height of each of its rows in lines, to fit the screen."""
    from rich.text import Text

    headers = [t("col_id"), t("col_title"), t("col_lead"), t("col_light"), t("sts_col_reason")]
    rows = [_attention_cells(view) for view in views]
    natural = [max(cell_width(h), *(cell_width(r[i]) for r in rows), 2) for i, h in enumerate(headers)]
    # The title gives way first, but only down to a comfortable width; then the unit, the reason, the title.
    # A unit name is cut only between words ("unassigned" stays whole), a Chinese name from 8 columns on.
    words = (word for row in rows for word in row[2].split() if word.isascii())
    lead_floor = min(natural[2], max([8, *(len(word) for word in words)]))
    widths = fit_widths(natural, [(1, 24), (2, lead_floor), (4, 12), (1, TITLE_MIN)], console.width)
    table = ascii_table()
    for index, header in enumerate(headers):
        table.add_column(header, width=widths[index], overflow="fold", no_wrap=index in (0, 3))
    heights = []
    for view, row in zip(views, rows, strict=True):
        cells = [user_text(row[0]), user_text(row[1]), user_text(row[2]), _light_text(view.light), user_text(row[4])]
        table.add_row(*cells)
        if measure:
            heights.append(max(len(Text(row[i]).wrap(console, widths[i], overflow="fold")) for i in (1, 2, 4)))
    return table, heights


# -- show and log ----------------------------------------------------------------------------------------------


def task_detail(
    view: TaskView,
    year: int,
    history: list[Entry],
    changes: list[str],
    out: TextIO,
    width: int | None = None,
    environ: Mapping[str, str] | None = None,
) -> None:
    """``hedong show``: every field of one task (``detail_fields``, as the web's task page shows them), then its
    history."""
    from rich.table import Table

    console = make_console(out, width, environ)
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in detail_fields(view, year):
        style = LIGHT_STYLES[view.light] if label == t("col_light") else ""
        grid.add_row(user_text(label), user_text(value, style, keep_newlines=True))
    console.print(grid)
    console.print()
    console.print(user_text(t("history"), "bold"))
    if not history:
        console.print(user_text(t("no_entries")))
        finish(console)
        return
    table = ascii_table()
    for header in (t(k) for k in ("col_entry", "col_date", "col_author", "col_change")):
        table.add_column(header, overflow="fold")
    for entry, change in zip(history, changes, strict=True):
        retracted = t("retracted_by", entry=entry.retracted_by) if entry.retracted_by else ""
        table.add_row(
            f"#{entry.id}",
            entry.effective.isoformat(),
            user_text(entry.signed()),
            user_text(change + retracted, "strike" if entry.retracted_by else ""),
        )
    console.print(table)
    finish(console)


def entry_table(
    entries: list[Entry],
    titles: dict[str, str],
    changes: list[str],
    out: TextIO,
    width: int | None = None,
    environ: Mapping[str, str] | None = None,
) -> None:
    """``hedong log``: entries newest first."""
    console = make_console(out, width, environ)
    if not entries:
        console.print(user_text(t("no_entries")))
        finish(console)
        return
    table = ascii_table()
    for index, key in enumerate(("col_entry", "col_date", "col_id", "col_title", "col_change", "col_author")):
        table.add_column(t(key), overflow="fold", no_wrap=index < 3)
    for entry, change in zip(entries, changes, strict=True):
        retracted = t("retracted_by", entry=entry.retracted_by) if entry.retracted_by else ""
        table.add_row(
            f"#{entry.id}",
            entry.effective.isoformat(),
            user_text(entry.task_id),
            user_text(titles.get(entry.task_id, "")),
            user_text(change + retracted),
            user_text(entry.signed()),
        )
    console.print(table)
    finish(console)
