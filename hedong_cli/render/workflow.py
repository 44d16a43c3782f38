"""Output of the workflow commands: the ``units`` scorecard and the ``import`` preview.

Tables are drawn with rich as in ``render.terminal`` (see ``render.console``): user text goes in as
``Text``, made visible first, and colour is added only on a terminal.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import TextIO

from hedong_cli.common.messages import status_name, t
from hedong_cli.common.textsafe import dumps_json, neutralise_formula
from hedong_cli.documents.labels import number, score_cells, score_headers, unit_label
from hedong_cli.documents.ledger_import import Change, ImportPlan
from hedong_cli.tracking.units import Scorecard

SCORE_FIELDS = ("unit", "tasks", "done", "green", "yellow", "red", "stale", "latest", "missed_nodes")


def scorecard_table(
    card: Scorecard, out: TextIO, width: int | None = None, environ: Mapping[str, str] | None = None
) -> None:
    from hedong_cli.render.console import ascii_table, finish, make_console, user_text

    headers = score_headers(card)  # with 节点未完成 once some plan node is missed
    missed = len(headers) > 8
    console = make_console(out, width, environ)
    console.print(user_text(t("unt_title"), "bold"))
    expected = t("lbl_expected", pct=f"{card.expected_pct:.1f}")
    console.print(user_text(f"{t('lbl_as_of', date=card.as_of.isoformat())}{t('lbl_sep')}{expected}"))
    table = ascii_table()
    table.add_column(headers[0], overflow="fold")
    for header in headers[1:7]:
        table.add_column(header, justify="right", no_wrap=True)
    table.add_column(headers[7], no_wrap=True)
    if missed:
        table.add_column(headers[8], justify="right", no_wrap=True)
    count_styles = {4: "yellow", 5: "bold red", 8: "bold red"}
    rows = [(row, score_cells(row, unit_label(row.unit))[: len(headers)]) for row in card.rows]
    for row, cells in rows:
        styled = [
            user_text(cell, count_styles.get(index, "") if cell != "0" else "") for index, cell in enumerate(cells)
        ]
        if row.unit is None:
            styled[0] = user_text(cells[0], "dim")
        table.add_row(*styled)
    footer = score_cells(card.total, t("unt_total"))
    footer[7] = card.total.latest.isoformat() if card.total.latest else ""
    table.add_row(*(user_text(cell, "bold") for cell in footer[: len(headers)]))
    console.print(table)
    finish(console)


def scorecard_csv(card: Scorecard) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SCORE_FIELDS)
    for row in card.rows:
        data = row.as_json()
        # The unassigned row has an empty unit; names are text a spreadsheet must not run.
        unit = neutralise_formula(data["unit"] or "")
        writer.writerow([unit, *(data[key] for key in SCORE_FIELDS[1:-2]), data["latest"] or "", data["missed_nodes"]])
    return buffer.getvalue()


def scorecard_json(card: Scorecard, indent: int | None = 2) -> str:
    return dumps_json(card.as_json(), indent=indent) + "\n"


# -- import ------------------------------------------------------------------------------------------


def change_parts(change: Change) -> list[str]:
    """What a change sets, in words, one field a line: "数值 2 -> 3", "状态 推进中 -> 已完成", "进展情况：…"."""
    parts = []
    if change.value is not None:
        parts.append(t("imp_chg_value", old=number(change.old_value) or t("imp_blank"), new=number(change.value)))
    if change.status is not None:
        parts.append(t("imp_chg_status", old=status_name(change.old_status), new=status_name(change.status)))
    if change.note is not None:
        parts.append(t("imp_chg_note", note=change.note))
    return parts


def import_preview(
    plan: ImportPlan,
    out: TextIO,
    width: int | None = None,
    limit: int = 0,
    environ: Mapping[str, str] | None = None,
) -> None:
    """The changes an import will record, at most ``limit`` of them (0: all), then the counts."""
    from hedong_cli.render.console import ascii_table, finish, make_console, shown, user_text

    console = make_console(out, width, environ)
    if plan.changes:
        # The task id finds the row in any sheet; sheet names are too long for an 80-column table.
        # Each field of a change on its own line; newlines inside a note are shown as \n.
        table = ascii_table()
        table.add_column(t("col_id"), no_wrap=True)
        table.add_column(t("col_title"), overflow="fold")
        table.add_column(t("col_change"), overflow="fold")
        for change in plan.changes[: limit or None]:
            lines = "\n".join(shown(part) for part in change_parts(change))
            table.add_row(user_text(change.task.id), user_text(change.task.title), user_text(lines, keep_newlines=True))
        console.print(table)
    if limit and len(plan.changes) > limit:
        console.print(user_text(t("imp_more", n=len(plan.changes) - limit)))
    summary = t("imp_summary", rows=plan.rows, changes=len(plan.changes), same=plan.unchanged, date=plan.as_of)
    console.print(user_text(summary))
    finish(console)
