"""Machine- and paste-friendly renderings of a status report: JSON, CSV and Markdown.

The CSV writer and the table labels are imported by the functions that use them: ``status --format json``, the
path scripts call most, loads neither (about 1 % of its instructions).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from itertools import groupby

from hedong_cli.common.messages import t
from hedong_cli.common.textsafe import json_chunks, md_cell, md_text, neutralise_formula, visible
from hedong_cli.tracking.progress import Report, TaskView

CSV_FIELDS = (
    "id",
    "section",
    "subsection",
    "title",
    "kind",
    "target_value",
    "target_max",
    "target_unit",
    "comparator",
    "status",
    "value",
    "progress_pct",
    "expected_pct",
    "light",
    "light_reason",
    "note",
    "updated",
    "lead",
)


def status_json_chunks(report: Report, indent: int | None = 2) -> Iterator[str]:
    """The report as JSON, in pieces, for writing a large report without holding all of its text."""
    yield from json_chunks(report.as_json(), indent=indent)
    yield "\n"


def _csv_text(text: str) -> str:
    """A text cell: control characters made visible (the CSV may land on a terminal; JSON carries the exact
    text), then guarded against spreadsheet formula injection (OWASP)."""
    return neutralise_formula(visible(text, keep_newlines=True))


def status_csv(views: list[TaskView]) -> str:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for view in views:
        data = view.as_json()
        target = data["target"] or {}
        row = [
            data["id"],
            data["section"],
            data["subsection"],
            data["title"],
            data["kind"],
            target.get("value"),
            target.get("max"),
            target.get("unit"),
            target.get("comparator"),
            data["status"],
            data["value"],
            data["progress_pct"],
            data["expected_pct"],
            data["light"],
            data["light_reason"],
            data["note"],
            data["updated"],
            data["lead"],
        ]
        writer.writerow(["" if cell is None else _csv_text(cell) if isinstance(cell, str) else cell for cell in row])
    return buffer.getvalue()


def status_markdown(report: Report) -> str:
    from hedong_cli.documents.labels import STATUS_COLUMNS, section_heading, status_cells, summary_lines, titled

    views = report.views
    lines = [f"# {titled('lbl_report_title', report.region, year=report.year)}", ""]
    lines.append(
        f"{t('lbl_as_of', date=report.as_of.isoformat())}{t('lbl_sep')}"
        f"{t('lbl_expected', pct=f'{report.expected_pct:.1f}')}"
    )
    lines.append("")
    lines.extend(f"- {md_cell(line)}" for line in summary_lines(report.summary))
    headers = [t(key) for key in (*STATUS_COLUMNS, "col_note")]
    for section_id, group in groupby(views, key=lambda v: v.task.section):
        rows = list(group)
        lines += ["", f"## {md_cell(section_heading(section_id, rows[0].section_title))}", ""]
        lines.append("| " + " | ".join(md_cell(header) for header in headers) + " |")
        lines.append("|" + "---|" * len(headers))
        for view in rows:
            cells = [*status_cells(view), view.note or ""]
            lines.append("| " + " | ".join(md_cell(cell) for cell in cells) + " |")
    if not views:
        lines += ["", md_text(t("none_matched"))]
    return "\n".join(lines) + "\n"
