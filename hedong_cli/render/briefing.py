"""The weekly briefing as a format-neutral document, and its Markdown and plain-text renderings.

``document(briefing)`` lays the briefing out once, in the issue's order, as headings, paragraphs,
tables and a chart holding raw (unescaped) text; each format then renders those blocks and
escapes user text its own way. So md, txt, html and docx always say the same thing in the same
order. HTML lives in ``briefing_html``, Word in ``docx``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from hedong_cli.briefing import Briefing, Change, NodeItem, long_date
from hedong_cli.messages import get_lang, light_name, status_name, t
from hedong_cli.progress import TaskView, effective_status
from hedong_cli.render.labels import (
    number,
    pct,
    score_headers,
    score_rows,
    section_heading,
    target_text,
    titled,
    value_text,
)
from hedong_cli.textsafe import md_cell, md_text, visible

MD_BAR = 20  # width of the text bars in the Markdown chart


@dataclass(frozen=True)
class Heading:
    level: int  # 1: 一、总体情况; 2: （一）红灯任务 and the section groups of 本周进展
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    note: bool = False  # a 注 line: smaller print where the format has it


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()  # right-aligned columns
    flexible: frozenset[int] = frozenset()  # columns that may wrap in plain text
    lights: list[str | None] | None = None  # a light per row, for formats that can colour rows


@dataclass(frozen=True)
class ChartRow:
    label: str
    mean: float | None
    green: int
    yellow: int
    red: int
    expected: float | None = None  # this row's own mark (100% for rates), None: no quantitative tasks

    def mark(self, default: float) -> float:
        """Where this row's expected-progress marker stands: its own mark, else 序时进度."""
        return default if self.expected is None else self.expected


@dataclass(frozen=True)
class Chart:
    title: str
    expected: float
    rows: list[ChartRow]


Block = Heading | Para | Table | Chart
Add = Callable[[Block], None]


@dataclass(frozen=True)
class Masthead:
    """版头 (GB/T 9704): the 发文机关标志 in red, the 期号, then the issuing office and the date."""

    issuer: str
    number: str
    office: str  # "" when no issuer is configured: only the date is shown
    date: str


@dataclass(frozen=True)
class Colophon:
    """版记: 抄送, 印发机关 and 印发日期, a contact line. Lines with nothing configured are left out."""

    copy_to: str | None
    printer: str | None
    date: str
    contact: str | None

    @property
    def empty(self) -> bool:
        return not (self.copy_to or self.printer or self.contact)


@dataclass
class Document:
    title: str
    meta: list[str]
    blocks: list[Block] = field(default_factory=list)
    title_lines: list[str] = field(default_factory=list)  # the title broken at chosen points, for print
    masthead: Masthead | None = None
    colophon: Colophon | None = None


# -- building the document ---------------------------------------------------------------------


def document(b: Briefing, *, plain: bool = False) -> Document:
    """The briefing's content in order. ``plain`` uses ASCII arrows and dashes, for terminals."""
    arrow, blank = ("->", "-") if plain else ("→", "—")
    report = b.report
    period = t("brief_period", start=long_date(b.period.start), end=long_date(b.period.end))
    if b.period.week:
        period += t("brief_period_week", year=b.period.week[0], week=b.period.week[1])
    label = b.period.label()
    if label:
        period += t("brief_period_span", label=label)
    meta = [period, t("brief_as_of", date=long_date(b.as_of), pct=f"{report.expected_pct:.1f}")]
    if b.unit:
        meta.append(t("brief_unit", unit=b.unit))
    title = (
        titled("brief_title_span", report.region, label=label, no=b.number)
        if label
        else titled("brief_title", report.region, year=report.year, no=b.number)
    )
    doc = Document(title, meta)
    # The same title broken at a chosen point, for print (docx, html): between words, never inside one.
    lines = (
        titled("brief_title_span_lines", report.region, label=label, no=b.number)
        if label
        else titled("brief_title_lines", report.region, year=report.year, no=b.number)
    )
    doc.title_lines = lines.split("\n")
    doc.masthead, doc.colophon = _masthead(b), _colophon(b)
    add = doc.blocks.append
    add(Heading(1, t("brief_h_overview")))
    add(Para(b.summary_sentence()))
    add(_overview_table(b))
    add(Para(t("brief_overview_note"), note=True))
    add(Heading(1, t("brief_h_goals")))
    add(_goals_table(b.goals) if b.goals else Para(t("brief_none")))
    add(Heading(1, t("brief_h_sections")))
    _sections(b, add)
    add(Heading(1, t("brief_h_changes_week" if b.period.week else "brief_h_changes_period")))
    _changes(b, add, arrow, blank)
    add(Heading(1, t("brief_h_alerts")))
    add(Para(t("brief_alerts_count", red=len(b.red), yellow=len(b.yellow))))
    add(Heading(2, t("brief_h_red")))
    add(_alert_table(b.red) if b.red else Para(t("brief_none")))
    add(Heading(2, t("brief_h_yellow")))
    add(_alert_table(b.yellow) if b.yellow else Para(t("brief_none")))
    add(Heading(1, t("brief_h_milestones")))
    if b.period.span:
        add(Heading(2, t("brief_h_upcoming_until", date=long_date(b.as_of + timedelta(days=b.horizon_days)))))
    else:
        add(Heading(2, t("brief_h_upcoming", days=b.horizon_days)))
    add(_deadline_table(b.upcoming, b.as_of, overdue=False) if b.upcoming else Para(t("brief_none")))
    add(Heading(2, t("brief_h_overdue")))
    add(_deadline_table(b.overdue, b.as_of, overdue=True) if b.overdue else Para(t("brief_none")))
    if b.plans:  # the node tables appear once some task has a plan
        add(Heading(2, t("brief_h_next_nodes")))
        add(_node_table(b.next_nodes, b.as_of, missed=False) if b.next_nodes else Para(t("brief_none")))
        add(Heading(2, t("brief_h_missed_nodes")))
        add(_node_table(b.missed_nodes, b.as_of, missed=True) if b.missed_nodes else Para(t("brief_none")))
    add(Heading(1, t("brief_h_stale")))
    _stale(b, add)
    add(Heading(1, t("brief_h_units")))
    _units(b, add)
    return doc


def _masthead(b: Briefing) -> Masthead:
    config = b.config
    return Masthead(
        issuer=config.issuer or t("doc_issuer_default"),
        number=t("doc_number", no=b.number),
        office=config.issuer,
        date=long_date(b.as_of),
    )


def _colophon(b: Briefing) -> Colophon:
    config = b.config
    copy_to = t("doc_copy_to", names=t("doc_copy_sep").join(config.copy_to)) if config.copy_to else None
    return Colophon(copy_to, config.printer or None, t("doc_printed", date=long_date(b.as_of)), config.contact or None)


def _units(b: Briefing, add: Add) -> None:
    """各单位推进情况: the ``hedong units`` scorecard, ranked by red tasks, and who is red or silent."""
    card = b.units
    assigned = [row for row in card.rows if row.unit is not None]
    unassigned = sum(row.tasks for row in card.rows if row.unit is None)
    if not assigned:
        add(Para(t("brief_units_none")))
        return
    add(Para(t("brief_units_count", n=len(assigned), unassigned=unassigned)))
    numeric = frozenset({1, 2, 3, 4, 5, 6, 8})  # 8: 节点未完成, when shown
    add(Table(score_headers(card), score_rows(card), numeric=numeric, flexible=frozenset({0})))
    red = [t("brief_unit_count", unit=row.unit, n=row.red) for row in assigned if row.red]
    if red:
        add(Para(t("brief_units_red", units=t("brief_id_sep").join(red))))
    when = t("brief_this_week" if b.period.week else "brief_this_period")
    if b.silent_units:
        add(Para(t("brief_units_silent", when=when, units=t("brief_id_sep").join(b.silent_units))))
    else:
        add(Para(t("brief_units_all_reported", when=when)))


def _overview_table(b: Briefing) -> Table:
    s = b.summary
    rows = [
        ("brief_row_total", s.total, b.share(s.total)),
        ("brief_row_done", s.by_status["done"], b.share(s.by_status["done"])),
        ("brief_row_green", s.by_light["green"], b.share(s.by_light["green"])),
        ("brief_row_yellow", s.by_light["yellow"], b.share(s.by_light["yellow"])),
        ("brief_row_red", s.by_light["red"], b.share(s.by_light["red"])),
        ("brief_row_quant", s.quantitative, b.share(s.quantitative)),
        ("brief_row_on", s.on_schedule, b.share(s.on_schedule, s.quantitative)),
        ("brief_row_behind", s.behind_schedule, b.share(s.behind_schedule, s.quantitative)),
    ]
    return Table(
        [t("brief_col_item"), t("brief_col_count"), t("brief_col_share")],
        [[t(key), str(count), pct(share)] for key, count, share in rows],
        numeric=frozenset({1, 2}),
    )


def _goals_table(goals: list[TaskView]) -> Table:
    headers = [t(k) for k in ("col_id", "brief_col_goal", "brief_col_target", "brief_col_latest")]
    headers += [t("brief_col_value_date"), t("col_light"), t("col_note")]
    rows = [
        [
            v.task.id,
            v.task.title,
            target_text(v.task.target),
            value_text(v),
            _day(v.value_date),
            light_name(v.light),
            v.note or "",
        ]
        for v in goals
    ]
    return Table(headers, rows, flexible=frozenset({1, 2, 6}), lights=[v.light for v in goals])


def _sections(b: Briefing, add: Add) -> None:
    headers = [t("col_section"), t("brief_col_tasks"), t("brief_row_done")]
    headers += [
        t(k) for k in ("brief_row_green", "brief_row_yellow", "brief_row_red", "brief_col_mean", "brief_col_gap")
    ]
    from hedong_cli.briefing import progress_gap

    rows, chart = [], []
    for row in b.sections:
        s = row.summary
        label = section_heading(row.id, row.title)
        rows.append(
            [label, *_counts(s.total, s.by_status["done"], s.by_light), pct(s.mean_progress_pct), _gap(row.gap)]
        )
        lights = s.by_light
        mean = s.mean_progress_pct
        chart.append(ChartRow(label, mean, lights["green"], lights["yellow"], lights["red"], row.expected))
    s = b.summary
    total_gap = progress_gap(b.report.views, s)[1]
    rows.append(
        [
            t("brief_row_all"),
            *_counts(s.total, s.by_status["done"], s.by_light),
            pct(s.mean_progress_pct),
            _gap(total_gap),
        ]
    )
    add(Table(headers, rows, numeric=frozenset(range(1, 8)), flexible=frozenset({0})))
    if chart:
        add(Chart(t("brief_chart_title"), b.report.expected_pct, chart))
    add(Para(t("brief_sections_note"), note=True))


def _counts(total: int, done: int, lights: dict[str, int]) -> list[str]:
    return [str(total), str(done), str(lights["green"]), str(lights["yellow"]), str(lights["red"])]


def _gap(gap: float | None) -> str:
    return "" if gap is None else f"{gap:+.1f}"


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


def _amount(view: TaskView, value: float | None, blank: str) -> str:
    if value is None:
        return blank
    unit = view.task.target.unit if view.task.target else ""
    return f"{number(value)}{unit}" if get_lang() == "zh" else f"{number(value)} {unit}".strip()


def change_text(change: Change, arrow: str, blank: str) -> str:
    """What one entry changed: value and status before → after, a retraction, a new lead unit."""
    entry, before, after, view = change.entry, change.before, change.after, change.view
    parts = []
    if entry.kind == "retract":
        parts.append(t("retraction_of", entry=entry.retracts))
    if entry.kind == "plan":
        from hedong_cli.plans import plan_entry_text

        parts.append(plan_entry_text(entry.plan, view.task))
    if entry.kind == "assign" or before.lead != after.lead:
        lead_before = before.lead or view.task.lead or blank
        parts.append(t("brief_chg_lead", before=lead_before, arrow=arrow, after=after.lead or view.task.lead or blank))
    if entry.value is not None or before.value != after.value:
        value_before, value_after = _amount(view, before.value, blank), _amount(view, after.value, blank)
        parts.append(t("brief_chg_value", before=value_before, arrow=arrow, after=value_after))
    status_before, status_after = effective_status(before), effective_status(after)
    if entry.status is not None or status_before != status_after:
        before_name, after_name = status_name(status_before), status_name(status_after)
        parts.append(t("brief_chg_status", before=before_name, arrow=arrow, after=after_name))
    text = t("lbl_sep").join(parts)
    return text + t("brief_chg_retracted") if change.retracted else text


def _changes(b: Briefing, add: Add, arrow: str, blank: str) -> None:
    when = t("brief_this_week" if b.period.week else "brief_this_period")
    if not b.changes:
        add(Para(t("brief_changes_none", when=when)))
        return
    add(Para(t("brief_changes_count", when=when, n=len(b.changes), tasks=b.changed_tasks)))
    headers = [t("col_date"), t("col_id"), t("col_title"), t("brief_col_change"), t("col_note")]
    section: str | None = None
    rows: list[list[str]] = []
    for change in b.changes:
        view = change.view
        if view.task.section != section:
            if rows:
                add(Table(headers, rows, flexible=frozenset({2, 3, 4})))
            section, rows = view.task.section, []
            add(Heading(2, section_heading(view.task.section, view.section_title)))
        note = change.entry.note if change.entry.kind == "update" else None
        rows.append(
            [
                change.entry.effective.isoformat(),
                view.task.id,
                view.task.title,
                change_text(change, arrow, blank),
                note or "",
            ]
        )
    add(Table(headers, rows, flexible=frozenset({2, 3, 4})))


def _alert_table(views: list[TaskView]) -> Table:
    headers = [t("col_id"), t("col_title"), t("col_lead"), t("brief_col_progress"), t("fld_reason")]
    headers += [t("brief_col_last_note"), t("brief_col_idle")]
    rows = [
        [
            v.task.id,
            v.task.title,
            v.lead or "",
            _progress(v),
            t(f"reason_{v.light_reason}"),
            v.note or "",
            _idle(v),
        ]
        for v in views
    ]
    return Table(
        headers, rows, numeric=frozenset({6}), flexible=frozenset({1, 2, 4, 5}), lights=[v.light for v in views]
    )


def _progress(view: TaskView) -> str:
    """Progress against 序时进度 for amounts; a rate's value against its target ("4.4%（目标4.5%）")."""
    if view.expected_pct is None:
        return status_name(view.status)
    target = view.task.target
    if target is not None and target.is_rate:
        return t("brief_vs_target", value=value_text(view) or "—", target=target_text(target))
    return f"{pct(view.progress_pct)}/{pct(view.expected_pct)}"


def _idle(view: TaskView) -> str:
    return t("brief_idle_never") if view.days_since_update is None else str(view.days_since_update)


def _deadline_table(views: list[TaskView], as_of: date, *, overdue: bool) -> Table:
    days_header = t("brief_col_days_over" if overdue else "brief_col_days_left")
    headers = [t("col_id"), t("col_title"), t("col_due"), days_header, t("col_status"), t("col_light"), t("col_lead")]
    rows = []
    for v in views:
        assert v.due is not None
        days = (as_of - v.due).days if overdue else (v.due - as_of).days
        rows.append([v.task.id, v.task.title, v.due.isoformat(), str(days), status_name(v.status)])
        rows[-1] += [light_name(v.light), v.lead or ""]
    return Table(headers, rows, numeric=frozenset({3}), flexible=frozenset({1, 6}), lights=[v.light for v in views])


def _node_table(items: tuple[NodeItem, ...], as_of: date, *, missed: bool) -> Table:
    """Plan nodes with their lead units: those ahead (days left) or those missed in the period (days over)."""
    days_header = t("brief_col_days_over" if missed else "brief_col_days_left")
    headers = [t("plan_col_date"), t("col_id"), t("col_title"), t("plan_col_expects"), days_header]
    headers += [t("col_light"), t("col_lead")]
    rows = [
        [
            item.day.isoformat(),
            item.view.task.id,
            item.view.task.title,
            item.expects,
            str((as_of - item.day).days if missed else (item.day - as_of).days),
            light_name(item.view.light),
            item.view.lead or "",
        ]
        for item in items
    ]
    lights = [item.view.light for item in items]
    return Table(headers, rows, numeric=frozenset({4}), flexible=frozenset({2, 3, 6}), lights=lights)


def _stale(b: Briefing, add: Add) -> None:
    days = b.report.rules.stale_days
    add(Para(t("brief_stale_count", days=days, n=len(b.stale))))
    if b.stale:
        headers = [t("col_id"), t("col_title"), t("col_lead"), t("brief_col_last_update"), t("brief_col_idle")]
        rows = [[v.task.id, v.task.title, v.lead or "", _day(v.updated), _idle(v)] for v in b.stale]
        add(Table(headers, rows, numeric=frozenset({4}), flexible=frozenset({1, 2})))
    never = b.never_reported
    if never and len(never) == b.summary.total:
        add(Para(t("brief_never_all", n=len(never))))
    elif never:
        add(Para(t("brief_never_table", n=len(never))))
        rows = [[v.task.id, v.task.title, v.lead or ""] for v in never]
        add(Table([t("col_id"), t("col_title"), t("col_lead")], rows, flexible=frozenset({1, 2})))


def text_bar(mean: float | None, expected: float, width: int) -> str:
    """``#`` up to the mean progress, ``-`` beyond, ``|`` where 序时进度 stands. ASCII: CJK-safe."""
    if mean is None:
        return ""
    filled = round(min(max(mean, 0.0), 100.0) / 100 * width)
    cells = ["#"] * filled + ["-"] * (width - filled)
    cells[min(round(expected / 100 * width), width - 1)] = "|"
    return "".join(cells)


# -- Markdown --------------------------------------------------------------------------------


def briefing_markdown(b: Briefing) -> str:
    doc = document(b)
    lines = [f"# {md_cell(doc.title)}", ""]
    for line in doc.meta:
        lines += [md_text(line), ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines += [f"{'#' * (block.level + 1)} {md_cell(block.text)}", ""]
        elif isinstance(block, Para):
            lines += [f"*{md_cell(block.text)}*" if block.note else md_text(block.text), ""]
        elif isinstance(block, Table):
            lines += [*_md_table(block.headers, block.rows, block.numeric), ""]
        else:
            headers = [t("col_section"), t("brief_col_mean"), t("brief_col_bar"), t("brief_chart_lights")]
            rows = [
                [
                    row.label,
                    pct(row.mean) or t("brief_chart_none"),
                    f"`{text_bar(row.mean, row.mark(block.expected), MD_BAR)}`" if row.mean is not None else "",
                    f"{light_name('green')}{row.green} {light_name('yellow')}{row.yellow} {light_name('red')}{row.red}",
                ]
                for row in block.rows
            ]
            lines += [f"**{md_cell(block.title)}**", ""]
            lines += [*_md_table(headers, rows, frozenset({1}), raw={2}), ""]
            lines += [md_text(t("brief_chart_legend", pct=f"{block.expected:.1f}")), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_table(
    headers: list[str], rows: list[list[str]], numeric: frozenset[int], raw: set[int] | None = None
) -> list[str]:
    raw = raw or set()
    out = ["| " + " | ".join(md_cell(h) for h in headers) + " |"]
    out.append("|" + "|".join("---:" if i in numeric else "---" for i in range(len(headers))) + "|")
    for row in rows:
        out.append("| " + " | ".join(cell if i in raw else md_cell(cell) for i, cell in enumerate(row)) + " |")
    return out


# -- plain text ------------------------------------------------------------------------------


def briefing_text(b: Briefing, width: int = 80) -> str:
    from hedong_cli.render.textwidth import center, pad, table, text_width, wrap

    doc = document(b, plain=True)
    lines = center(visible(doc.title), width)
    for line in doc.meta:
        lines += center(visible(line), width)
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines += ["", *wrap(visible(block.text), width)]
            if block.level == 1:
                lines.append("=" * min(text_width(lines[-1]), width))
        elif isinstance(block, Para):
            lines += [*wrap(visible(block.text, keep_newlines=True), width)]
        elif isinstance(block, Table):
            rows = [[visible(cell, keep_newlines=True) for cell in row] for row in block.rows]
            headers = [visible(h) for h in block.headers]
            lines += ["", *table(headers, rows, width, numeric=block.numeric, flexible=block.flexible), ""]
        else:
            lines += ["", *wrap(visible(block.title), width)]
            # label, 2 spaces, [bar], a space, the percentage in 6 columns
            label_width = min(max(text_width(row.label) for row in block.rows), 24, width - 21)
            bar_width = max(width - label_width - 11, 10)
            for row in block.rows:
                label = _clip(visible(row.label), label_width)
                bar = f"[{text_bar(row.mean, row.mark(block.expected), bar_width)}] {pct(row.mean):>6}"
                if row.mean is None:
                    bar = _clip(visible(t("brief_chart_none")), width - label_width - 2)
                lines.append(f"{pad(label, label_width)}  {bar}".rstrip())
            lines += wrap(visible(t("brief_chart_legend", pct=f"{block.expected:.1f}")), width)
    while lines and not lines[-1]:
        lines.pop()
    squeezed = [line for i, line in enumerate(lines) if line or (i and lines[i - 1])]
    return "\n".join(squeezed) + "\n"


def _clip(text: str, width: int) -> str:
    from hedong_cli.render.textwidth import text_width

    while text_width(text) > width:
        text = text[:-1]
    return text
