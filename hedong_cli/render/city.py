"""Output of ``hedong city``: the districts' table, CSV and JSON (see ``hedong_cli.tracking.city``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import TextIO

from hedong_cli.common.messages import t
from hedong_cli.common.textsafe import dumps_json, neutralise_formula
from hedong_cli.documents.labels import pct
from hedong_cli.tracking.city import CityView

CSV_FIELDS = ("region", "key", "year", "tasks", "done", "green", "yellow", "red", "quantitative", "on_schedule",
              "not_reported", "not_reported_pct")  # fmt: skip
COUNTS = ("tasks", "done", "green", "yellow", "red", "quantitative", "on_schedule", "not_reported")


def city_json(view: CityView, indent: int | None = 2) -> str:
    return dumps_json(view.as_json(), indent=indent) + "\n"


def city_csv(view: CityView) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for row in view.rows:
        data = row.as_json()
        data["region"] = neutralise_formula(row.region)  # names are text a spreadsheet must not run
        data["key"] = neutralise_formula(row.key)
        writer.writerow([data[name] for name in CSV_FIELDS])
    return buffer.getvalue()


def city_table(view: CityView, out: TextIO, width: int | None = None, environ: Mapping[str, str] | None = None) -> None:
    """One row per district, then the total. 达到序时进度 reads on/quantified; 未报送 the count and share."""
    from hedong_cli.render.console import ascii_table, finish, make_console, user_text

    console = make_console(out, width, environ)
    console.print(user_text(t("city_title"), "bold"))
    console.print(user_text(t("lbl_as_of", date=view.as_of.isoformat())))
    table = ascii_table()
    table.add_column(t("city_col_district"), no_wrap=True)
    for key in ("tasks", "done", "green", "yellow", "red", "on_schedule", "not_reported"):
        table.add_column(t(f"city_col_{key}"), justify="right", no_wrap=True)
    styles = {3: "yellow", 4: "bold red"}

    def cells(name: str, counts: dict[str, int], share: float) -> list[str]:
        return [
            name,
            *(str(counts[key]) for key in ("tasks", "done", "green", "yellow", "red")),
            f"{counts['on_schedule']}/{counts['quantitative']}",
            f"{counts['not_reported']} {pct(share)}",
        ]

    for row in view.rows:
        row_cells = cells(view.label(row), row.as_json(), row.not_reported_pct)
        table.add_row(*(user_text(c, styles.get(i, "") if c != "0" else "") for i, c in enumerate(row_cells)))
    total = view.as_json()["total"]
    table.add_row(*(user_text(c, "bold") for c in cells(t("unt_total"), total, total["not_reported_pct"])))
    console.print(table)
    finish(console)
