"""Output of the workflow commands: the ``units`` scorecard and the ``import`` preview.

Tables are laid out by ``render.screen``, as in ``render.terminal``: user text is made visible
before layout, and colour is added only on a terminal.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import TextIO

from hedong_cli.ledger import Change, ImportPlan
from hedong_cli.messages import light_name, status_name, t
from hedong_cli.render.labels import number
from hedong_cli.render.screen import screen
from hedong_cli.textsafe import dumps_json, neutralise_formula
from hedong_cli.units import Scorecard, UnitScore

SCORE_FIELDS = ("unit", "tasks", "done", "green", "yellow", "red", "stale", "latest", "missed_nodes")


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
        str(row.missed),
    ]


def scorecard_table(card: Scorecard, out: TextIO, width: int | None = None) -> None:
    headers = [
        t("unt_col_unit"),
        t("unt_col_tasks"),
        status_name("done"),
        light_name("green"),
        light_name("yellow"),
        light_name("red"),
        t("unt_col_stale", days=card.stale_days),
        t("unt_col_latest"),
        t("unt_col_missed"),
    ]
    footer = _score_cells(card.total, t("unt_total"))
    footer[-2] = card.total.latest.isoformat() if card.total.latest else ""
    rows = [_score_cells(row, unit_label(row.unit)) for row in card.rows]
    if not card.total.missed:  # the 节点未完成 column appears once plan nodes are missed
        headers, footer, rows = headers[:-1], footer[:-1], [row[:-1] for row in rows]
    unassigned = {index for index, row in enumerate(card.rows) if row.unit is None}

    def counts(colour: str) -> Callable[[int, str], str | None]:
        return lambda row, text: None if text == "0" or row >= len(rows) else colour

    scr = screen(out, width)
    scr.line(t("unt_title"), "bold")
    expected = t("lbl_expected", pct=f"{card.expected_pct:.1f}")
    scr.line(f"{t('lbl_as_of', date=card.as_of.isoformat())}{t('lbl_sep')}{expected}")
    scr.table(
        headers,
        [*rows, footer],
        flexible={0},
        numeric={1, 2, 3, 4, 5, 6, 8},
        styles={
            0: lambda row, _: "dim" if row in unassigned else None,
            4: counts("yellow"),
            5: counts("red"),
            8: counts("red"),
        },
    )


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
    scr = screen(out, width)
    if plan.changes:
        # The task id finds the row in any sheet; sheet names are too long for an 80-column table.
        # Each field of a change on its own line; newlines inside a note are shown as \n.
        rows = [
            [change.view.task.id, change.view.task.title, "\n".join(_one_line(part) for part in change_parts(change))]
            for change in plan.changes[: limit or None]
        ]
        scr.table([t("col_id"), t("col_title"), t("col_change")], rows, flexible={1, 2})
    if limit and len(plan.changes) > limit:
        scr.line(t("imp_more", n=len(plan.changes) - limit))
    scr.line(t("imp_summary", rows=plan.rows, changes=len(plan.changes), same=plan.unchanged, date=plan.as_of))


def _one_line(text: str) -> str:
    from hedong_cli.textsafe import visible

    return visible(text)
