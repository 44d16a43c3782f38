"""Output of the workflow commands: the ``units`` scorecard and the ``import`` preview.

Tables are drawn with rich (imported inside the functions); user text goes in as ``rich.text.Text``
after ``visible``, as in ``render.terminal``.
"""

from __future__ import annotations

import csv
import io
from typing import TextIO

from hedong_cli.ledger import Change, ImportPlan
from hedong_cli.messages import light_name, status_name, t
from hedong_cli.render.labels import number
from hedong_cli.render.terminal import screen
from hedong_cli.textsafe import dumps_json, neutralise_formula, visible
from hedong_cli.units import Scorecard, UnitScore

SCORE_FIELDS = ("unit", "tasks", "done", "green", "yellow", "red", "stale", "latest")


def _text(value: str | None, style: str = "") -> object:
    from rich.text import Text

    return Text(visible(value), style=style)


def unit_label(unit: str | None) -> str:
    return unit if unit is not None else t("unt_unassigned")


def _score_cells(row: UnitScore, label: str) -> list[str]:
    return [
        label,
        str(row.tasks),
        str(row.done),
        str(row.green),
        str(row.yellow),
        str(row.red),
        str(row.stale),
        row.latest.isoformat() if row.latest else t("unt_never"),
    ]


def scorecard_table(card: Scorecard, out: TextIO, width: int | None = None) -> None:
    from rich import box
    from rich.table import Table

    table = Table(box=box.ASCII2, show_edge=False, pad_edge=False, header_style="bold", show_footer=True)
    headers = [
        t("unt_col_unit"),
        t("unt_col_tasks"),
        status_name("done"),
        light_name("green"),
        light_name("yellow"),
        light_name("red"),
        t("unt_col_stale", days=card.stale_days),
        t("unt_col_latest"),
    ]
    footer = _score_cells(card.total, t("unt_total"))
    footer[-1] = card.total.latest.isoformat() if card.total.latest else ""
    for index, (header, total) in enumerate(zip(headers, footer, strict=True)):
        justify = "left" if index in (0, len(headers) - 1) else "right"
        table.add_column(header, footer=total, justify=justify, overflow="fold", no_wrap=index != 0)
    styles = {4: "yellow", 5: "bold red"}
    for row in card.rows:
        cells = _score_cells(row, unit_label(row.unit))
        table.add_row(
            *(_text(cell, styles.get(i, "") if cell != "0" else "") for i, cell in enumerate(cells)),
            style="dim" if row.unit is None else "",
        )
    with screen(out, width) as con:
        con.print(_text(t("unt_title"), "bold"))
        con.print(
            _text(
                f"{t('lbl_as_of', date=card.as_of.isoformat())}{t('lbl_sep')}"
                f"{t('lbl_expected', pct=f'{card.expected_pct:.1f}')}"
            )
        )
        con.print(table)


def scorecard_csv(card: Scorecard) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SCORE_FIELDS)
    for row in card.rows:
        data = row.as_json()
        # The unassigned row has an empty unit; names are text a spreadsheet must not run.
        unit = neutralise_formula(data["unit"] or "")
        writer.writerow([unit, *(data[key] for key in SCORE_FIELDS[1:-1]), data["latest"] or ""])
    return buffer.getvalue()


def scorecard_json(card: Scorecard) -> str:
    return dumps_json(card.as_json()) + "\n"


# -- import ------------------------------------------------------------------------------------------


def change_parts(change: Change) -> list[str]:
    """What a change sets, in words, one field a line: "数值 2 -> 3", "状态 推进中 -> 已完成", "进展情况：…"."""
    view = change.view
    parts = []
    if change.value is not None:
        parts.append(t("imp_chg_value", old=number(view.value) or t("imp_blank"), new=number(change.value)))
    if change.status is not None:
        parts.append(t("imp_chg_status", old=status_name(view.status), new=status_name(change.status)))
    if change.note is not None:
        parts.append(t("imp_chg_note", note=change.note))
    return parts


def import_preview(plan: ImportPlan, out: TextIO, width: int | None = None, limit: int = 0) -> None:
    """The changes an import will record, at most ``limit`` of them (0: all), then the counts."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = None
    if plan.changes:
        # The task id finds the row in any sheet; sheet names are too long for an 80-column table.
        table = Table(box=box.ASCII2, show_edge=False, pad_edge=False, header_style="bold")
        table.add_column(t("col_id"), no_wrap=True)
        table.add_column(t("col_title"), ratio=1, min_width=8, overflow="fold")
        table.add_column(t("col_change"), ratio=2, min_width=16, overflow="fold")
        for change in plan.changes[: limit or None]:
            # Each field on its own line; the text inside each part is made visible, newlines included.
            lines = Text("\n").join(_text(part) for part in change_parts(change))  # type: ignore[misc]
            table.add_row(_text(change.view.task.id), _text(change.view.task.title), lines)
    summary = t("imp_summary", rows=plan.rows, changes=len(plan.changes), same=plan.unchanged, date=plan.as_of)
    with screen(out, width) as con:
        if table is not None:
            con.print(table)
        if limit and len(plan.changes) > limit:
            con.print(_text(t("imp_more", n=len(plan.changes) - limit)))
        con.print(_text(summary))
