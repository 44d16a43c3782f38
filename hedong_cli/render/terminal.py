"""Terminal tables for ``status``, ``show`` and ``log``, laid out by ``render.screen``.

User text is made visible (control characters escaped) before layout and never interpreted: there
is no markup language in this output at all. Lights are coloured only on a terminal.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from hedong_cli.messages import LIGHT_NAMES, kind_name, light_name, status_name, t
from hedong_cli.render.labels import (
    STATUS_COLUMNS,
    bar,
    number,
    pct,
    section_heading,
    status_cells,
    summary_lines,
    target_text,
    value_text,
)
from hedong_cli.render.screen import screen

if TYPE_CHECKING:
    from hedong_cli.journal import Entry
    from hedong_cli.progress import Report, TaskView

LIGHT_STYLES = {"green": "green", "yellow": "yellow", "red": "red"}
WIDE = 110  # from this width on, the progress column carries a bar and dates are shown in full


def light_style(_row: int, text: str) -> str | None:
    """The colour of a light cell, whichever language names it."""
    for key, names in LIGHT_NAMES.items():
        if text in names:
            return LIGHT_STYLES[key]
    return None


def status_tables(report: Report, out: TextIO, width: int | None = None) -> None:
    views = report.views
    scr = screen(out, width)
    wide = scr.width >= WIDE
    scr.line(t("lbl_report_title", year=report.year), "bold")
    scr.line(
        f"{t('lbl_as_of', date=report.as_of.isoformat())}{t('lbl_sep')}"
        f"{t('lbl_expected', pct=f'{report.expected_pct:.1f}')}"
    )
    for line in summary_lines(report.summary):
        scr.line(line)
    if not views:
        scr.line(t("none_matched"))
        return
    headers = [t(key) for key in STATUS_COLUMNS]
    for section_id, group in groupby(views, key=lambda v: v.task.section):
        rows = list(group)
        scr.line()
        scr.line(section_heading(section_id, rows[0].section_title), "bold")
        cells = []
        for view in rows:
            row = status_cells(view)
            if wide and view.progress_pct is not None:
                row[4] = f"{bar(view.progress_pct)} {row[4]:>6}"
            if not wide:
                row[7] = row[7][5:]  # MM-DD: the year is the catalogue's
            cells.append(row)
        scr.table(headers, cells, flexible={1, 2, 3}, numeric={4}, styles={5: light_style})


def task_detail(
    view: TaskView, history: list[Entry], changes: list[str], out: TextIO, width: int | None = None
) -> None:
    """``hedong show``: every field of one task, then its history."""
    from hedong_cli.render.textwidth import pad, text_width, wrap
    from hedong_cli.textsafe import visible

    scr = screen(out, width)
    task = view.task
    baseline = f"{number(task.baseline.value)}{task.baseline.unit}（{task.baseline.year}）" if task.baseline else ""
    fields = [
        (t("col_id"), task.id),
        (t("col_section"), section_heading(task.section, view.section_title)),
        (t("col_subsection"), view.subsection_title or ""),
        (t("col_title"), task.title),
        (t("col_text"), task.text),
        (t("col_kind"), kind_name(task.kind)),
        (t("col_target"), target_text(task.target)),
        (t("col_baseline"), baseline),
        (t("col_due"), task.due.isoformat() if task.due else ""),
        (t("col_lead"), view.lead or ""),
        *([(t("col_partners"), "、".join(view.partners))] if view.partners else []),
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
    label_width = max(text_width(label) for label, _ in fields) + 2
    for label, value in fields:
        lines = wrap(visible(value, keep_newlines=True), max(scr.width - label_width, 10)) or [""]
        style = LIGHT_STYLES[view.light] if label == t("col_light") else None
        scr.out.write((scr.paint(pad(label, label_width), "bold") + scr.paint(lines[0], style)).rstrip() + "\n")
        for more in lines[1:]:
            scr.out.write(" " * label_width + more + "\n")
    scr.line()
    scr.line(t("history"), "bold")
    if not history:
        scr.line(t("no_entries"))
        return
    rows = [
        [
            f"#{entry.id}",
            entry.effective.isoformat(),
            entry.author or "",
            change + (t("retracted_by", entry=entry.retracted_by) if entry.retracted_by else ""),
        ]
        for entry, change in zip(history, changes, strict=True)
    ]
    retracted = {index for index, entry in enumerate(history) if entry.retracted_by}
    scr.table(
        [t(k) for k in ("col_entry", "col_date", "col_author", "col_change")],
        rows,
        flexible={2, 3},
        styles={3: lambda row, _text: "strike" if row in retracted else None},
    )


def entry_table(
    entries: list[Entry], titles: dict[str, str], changes: list[str], out: TextIO, width: int | None = None
) -> None:
    """``hedong log``: entries newest first."""
    scr = screen(out, width)
    if not entries:
        scr.line(t("no_entries"))
        return
    rows = [
        [
            f"#{entry.id}",
            entry.effective.isoformat(),
            entry.task_id,
            titles.get(entry.task_id, ""),
            change + (t("retracted_by", entry=entry.retracted_by) if entry.retracted_by else ""),
            entry.author or "",
        ]
        for entry, change in zip(entries, changes, strict=True)
    ]
    headers = [t(k) for k in ("col_entry", "col_date", "col_id", "col_title", "col_change", "col_author")]
    scr.table(headers, rows, flexible={3, 4, 5})
