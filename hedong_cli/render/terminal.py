"""Terminal tables drawn with rich. rich is imported here only, when a table is drawn.

User text goes in as ``rich.text.Text`` objects, never as markup strings, and control characters
are made visible first, so a note can neither style the table nor move the cursor.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from hedong_cli.messages import light_name, status_name, t
from hedong_cli.progress import Report, TaskView
from hedong_cli.render.labels import bar, pct, section_heading, summary_lines, target_text, value_text
from hedong_cli.textsafe import visible

if TYPE_CHECKING:
    from rich.console import Console

LIGHT_STYLES = {"green": "green", "yellow": "yellow", "red": "bold red"}
WIDE = 110  # from this width on, the progress column carries a bar


@contextmanager
def screen(out: TextIO, width: int | None = None) -> Iterator[Console]:
    """A rich console for ``out``. On a terminal it draws directly, with colour (rich honours NO_COLOR).

    Piped or redirected, it draws plain text without colour codes, at ``width`` or $COLUMNS or 80
    columns, and strips the padding rich leaves at line ends, so the output pastes and diffs cleanly.
    """
    from rich.console import Console

    options = dict(width=width, highlight=False, emoji=False, markup=False, soft_wrap=False)
    if getattr(out, "isatty", lambda: False)():
        yield Console(file=out, **options)
        return
    buffer = io.StringIO()
    yield Console(file=buffer, force_terminal=False, no_color=True, **options)
    out.write("\n".join(line.rstrip() for line in buffer.getvalue().split("\n")))


def _text(value: str | None, style: str = "") -> object:
    from rich.text import Text

    return Text(visible(value), style=style)


def status_tables(report: Report, views: list[TaskView], out: TextIO, width: int | None = None) -> None:
    from rich import box
    from rich.table import Table

    with screen(out, width) as con:
        wide = con.width >= WIDE
        con.print(_text(t("lbl_report_title", year=report.year), "bold"))
        con.print(
            _text(
                f"{t('lbl_as_of', date=report.as_of.isoformat())}{t('lbl_sep')}"
                f"{t('lbl_expected', pct=f'{report.expected_pct:.1f}')}"
            )
        )
        for line in summary_lines(report.summary):
            con.print(_text(line))
        if not views:
            con.print(_text(t("none_matched")))
            return
        for section_id, group in groupby(views, key=lambda v: v.task.section):
            rows = list(group)
            con.print()
            con.print(_text(section_heading(section_id, rows[0].section_title), "bold"))
            # ASCII rules: box-drawing characters are ambiguous-width and misalign in CJK terminals.
            table = Table(box=box.ASCII2, show_edge=False, pad_edge=False, expand=not wide, header_style="bold")
            table.add_column(t("col_id"), no_wrap=True)
            table.add_column(t("col_title"), ratio=5, min_width=10, overflow="fold")
            table.add_column(t("col_target"), ratio=2, min_width=6, overflow="fold")
            table.add_column(t("col_value"), ratio=2, min_width=4, overflow="fold")
            table.add_column(t("col_progress"), justify="right", no_wrap=True)
            table.add_column(t("col_light"), no_wrap=True)
            table.add_column(t("col_status"), no_wrap=True)
            table.add_column(t("col_updated"), no_wrap=True)
            for view in rows:
                progress = pct(view.progress_pct)
                if wide and view.progress_pct is not None:
                    progress = f"{bar(view.progress_pct)} {progress:>6}"
                updated = view.updated.isoformat() if view.updated else ""
                table.add_row(
                    _text(view.task.id),
                    _text(view.task.title),
                    _text(target_text(view.task.target)),
                    _text(value_text(view)),
                    _text(progress),
                    _text(light_name(view.light), LIGHT_STYLES[view.light]),
                    _text(status_name(view.status)),
                    _text(updated if wide else updated[5:]),
                )
            con.print(table)


def task_detail(view: TaskView, history: list, changes: list[str], out: TextIO, width: int | None = None) -> None:
    """``hedong show``: every field of one task, then its history."""
    from rich import box
    from rich.table import Table

    from hedong_cli.messages import kind_name
    from hedong_cli.render.labels import number

    with screen(out, width) as con:
        task = view.task
        fields = Table.grid(padding=(0, 2))
        fields.add_column(no_wrap=True, style="bold")
        fields.add_column(overflow="fold")
        baseline = f"{number(task.baseline.value)}{task.baseline.unit}（{task.baseline.year}）" if task.baseline else ""
        rows = [
            (t("col_id"), task.id),
            (t("col_section"), section_heading(task.section, view.section_title)),
            (t("col_subsection"), view.subsection_title or ""),
            (t("col_title"), task.title),
            (t("col_text"), task.text),
            (t("col_kind"), kind_name(task.kind)),
            (t("col_target"), target_text(task.target)),
            (t("col_baseline"), baseline),
            (t("col_due"), task.due.isoformat() if task.due else ""),
            (t("col_lead"), "、".join(filter(None, [view.lead or "", *view.partners]))),
            (t("col_status"), status_name(view.status)),
            (t("col_value"), value_text(view)),
            (t("fld_value_date"), view.value_date.isoformat() if view.value_date else ""),
            (t("col_progress"), pct(view.progress_pct)),
            (t("col_expected"), pct(view.expected_pct)),
            (t("col_light"), light_name(view.light)),
            (t("fld_reason"), t(f"reason_{view.light_reason}")),
            (t("col_note"), view.note or ""),
            (t("col_updated"), view.updated.isoformat() if view.updated else ""),
        ]
        for label, value in rows:
            style = LIGHT_STYLES[view.light] if label == t("col_light") else ""
            fields.add_row(_text(label), _text(value, style))
        con.print(fields)
        con.print()
        con.print(_text(t("history"), "bold"))
        if not history:
            con.print(_text(t("no_entries")))
            return
        table = Table(box=box.ASCII2, show_edge=False, pad_edge=False, header_style="bold")
        for key in ("col_entry", "col_date", "col_author", "col_change"):
            table.add_column(
                t(key), no_wrap=key != "col_change", ratio=1 if key == "col_change" else None, overflow="fold"
            )
        for entry, change in zip(history, changes, strict=False):
            retracted = t("retracted_by", entry=entry.retracted_by) if entry.retracted_by else ""
            table.add_row(
                _text(f"#{entry.id}"),
                _text(entry.effective.isoformat()),
                _text(entry.author or ""),
                _text(change + retracted, "strike" if entry.retracted_by else ""),
            )
        con.print(table)


def entry_table(
    entries: list, titles: dict[str, str], changes: list[str], out: TextIO, width: int | None = None
) -> None:
    """``hedong log``: entries newest first."""
    from rich import box
    from rich.table import Table

    with screen(out, width) as con:
        if not entries:
            con.print(_text(t("no_entries")))
            return
        table = Table(box=box.ASCII2, show_edge=False, pad_edge=False, header_style="bold")
        table.add_column(t("col_entry"), no_wrap=True)
        table.add_column(t("col_date"), no_wrap=True)
        table.add_column(t("col_id"), no_wrap=True)
        table.add_column(t("col_title"), ratio=1, min_width=8, overflow="fold")
        table.add_column(t("col_change"), ratio=2, min_width=10, overflow="fold")
        table.add_column(t("col_author"), ratio=1, min_width=4, overflow="fold")
        for entry, change in zip(entries, changes, strict=False):
            retracted = t("retracted_by", entry=entry.retracted_by) if entry.retracted_by else ""
            table.add_row(
                _text(f"#{entry.id}"),
                _text(entry.effective.isoformat()),
                _text(entry.task_id),
                _text(titles.get(entry.task_id, "")),
                _text(change + retracted),
                _text(entry.author or ""),
            )
        con.print(table)
