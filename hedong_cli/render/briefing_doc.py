"""The 通报 as a format-neutral document: 版头, title, 主送, body, 版记, then the 附件.

``document(briefing)`` lays the briefing out once, as blocks (``briefing_blocks``) holding raw (unescaped)
text; md, txt, html and docx render those blocks and escape user text their own way, so every format says the
same thing in the same order. The body's prose is composed in ``briefing_prose``; this module holds the
document's frame and the two 附件 tables.
"""

from __future__ import annotations

import re
from datetime import date

from hedong_cli.common.config import Config
from hedong_cli.common.messages import light_name, status_name, t
from hedong_cli.documents.briefing import Briefing
from hedong_cli.documents.labels import pct, target_text, value_text
from hedong_cli.render.briefing_blocks import (
    Attachment,
    Block,
    Colophon,
    Document,
    Masthead,
    Para,
    Table,
    cn_date,
)
from hedong_cli.render.briefing_pages import MAX_BODY_LINES, body_lines
from hedong_cli.render.briefing_prose import MAX_NAMED, MAX_PROGRESS, body_blocks
from hedong_cli.tracking.progress import TaskView

# (tasks named in 二、主要进展, missed nodes named in 三), from the most to the fewest
BODY_LIMITS = ((MAX_PROGRESS, MAX_NAMED), (3, MAX_NAMED), (3, 2), (2, 2), (2, 1), (1, 1))


def document(b: Briefing) -> Document:
    fill = {"region": b.region, "year": b.report.year, "phrase": b.period.phrase()}
    doc = frame("tb", fill, b.issuer, b.number, b.config, b.as_of)
    doc.attachments = [_task_table(b), _silent_table(b)]
    # The body stays within MAX_BODY_PAGES: fewer tasks named in 二、主要进展 (the most notable kept)
    # and fewer missed nodes in 三、存在问题, the rest counted and in 附件1, until its lines, counted on
    # the grid, fit.
    for progress, missed in BODY_LIMITS:
        doc.blocks = body_blocks(b, progress, missed)
        if body_lines(doc) <= MAX_BODY_LINES:
            break
    return doc


def frame(kind: str, fill: dict[str, object], issuer: str, number: int, config: Config, day: date) -> Document:
    """A 通报's frame, its body and 附件 still empty: 版头, the title (messages ``{kind}_title`` and
    ``{kind}_title_lines`` filled with ``fill``), 主送 (the settings', else ``{kind}_recipients_default``), 版记
    and the document properties. The district's 通报 is kind ``tb``, the city's ``cb``."""
    # An English title without a region or a phrase would carry doubled spaces: one space between words.
    title = re.sub(" +", " ", t(f"{kind}_title", **fill)).strip()
    lines = [re.sub(" +", " ", line).strip() for line in t(f"{kind}_title_lines", **fill).split("\n")]
    office = config.issuer
    shown = t("doc_number", no=number)
    if office and office != issuer:
        shown = f"{office}　{shown}"
    return Document(
        title=title,
        title_lines=lines,
        masthead=Masthead(issuer, shown, cn_date(day)),
        recipients=config.recipients or t(f"{kind}_recipients_default"),
        colophon=colophon(config, day),
        author=office or issuer,
        issued=day,
    )


def colophon(config: Config, day: date) -> Colophon:
    """版记 from the office's settings: contact, 抄送, 印发机关 and the date printed."""
    copy_to = t("doc_copy_to", names=t("doc_copy_sep").join(config.copy_to)) if config.copy_to else None
    printer = config.printer or config.issuer
    printed = t("doc_printed", date=cn_date(day))
    return Colophon(copy_to, printer, printed, config.contact or None, even_page=config.colophon_even_page)


def progress_text(view: TaskView) -> str:
    """Against 序时进度 (or the plan): 82.0%（应达89.3%）; a rate: 4.4%（目标4.5%）; else the status."""
    target = view.task.target
    if view.updated is None:
        return t("tb_not_reported")
    if view.expected_pct is None or view.progress_pct is None:
        return status_name(view.status)
    if target is not None and target.is_rate:
        return t("brief_vs_target", value=value_text(view) or "—", target=target_text(target))
    mark = view.plan_expected_pct if view.plan_expected_pct is not None else view.expected_pct
    return t("tb_vs_mark", value=pct(view.progress_pct), mark=pct(mark))


def latest_text(view: TaskView) -> str:
    """附件1's 最新进展情况: the note whole, with its date; 未报送 for a task never reported."""
    if view.updated is None:
        return t("tb_not_reported")
    note = view.note or status_name(view.status)
    return t("tb_latest", date=cn_date(view.updated, year=False), note=note)


def _task_table(b: Briefing) -> Attachment:
    views = b.report.views
    if b.attach == "lagging":
        views = [v for v in views if v.light in ("red", "yellow")]
    headers = [t("col_id"), t("col_title"), t("col_lead"), t("brief_col_target")]
    headers += [t("tb_col_progress"), t("col_light"), t("tb_col_latest")]
    rows = [
        [
            v.task.id,
            v.task.title,
            v.lead or "",
            target_text(v.task.target) if v.task.target else "",
            progress_text(v),
            light_name(v.light),
            latest_text(v),
        ]
        for v in views
    ]
    title = t("tb_attach1_lagging" if b.attach == "lagging" else "tb_attach1")
    # Unit names never break inside (区发展改革/委): the unit column is as wide as its longest name.
    table = Table(headers, rows, flexible=frozenset({1, 6}), lights=[v.light for v in views])
    blocks: list[Block] = [table] if rows else [Para(t("brief_none"))]
    blocks.append(Para(t("tb_attach1_note", date=cn_date(b.as_of), pct=f"{b.report.expected_pct:.1f}"), note=True))
    return Attachment(t("tb_attach_label", n=1), title, blocks, landscape=True)


def _silent_table(b: Briefing) -> Attachment:
    """附件2: each lead unit with no report in the period, its tasks, and when it last reported."""
    by_unit: dict[str, list[TaskView]] = {}
    for view in b.report.views:
        if view.lead in b.silent_units:
            by_unit.setdefault(view.lead, []).append(view)
    rows = []
    for unit in b.silent_units:
        views = by_unit.get(unit, [])
        last = max((v.updated for v in views if v.updated is not None), default=None)
        tasks = t("tb_item_sep").join(f"{v.task.id} {v.task.title}" for v in views)
        rows.append([unit, str(len(views)), tasks, cn_date(last, year=False) if last else t("tb_never")])
    headers = [t("col_lead"), t("tb_col_tasks_n"), t("tb_col_tasks"), t("tb_col_last_report")]
    when = t("brief_this_week" if b.period.week else "brief_this_period")
    blocks: list[Block] = [Table(headers, rows, numeric=frozenset({1}), flexible=frozenset({2}))]
    if not rows:
        blocks = [Para(t("brief_units_all_reported", when=when))]
    unassigned = [v for v in b.never_reported if v.lead is None]
    if unassigned:
        blocks.append(Para(t("tb_unassigned_silent", n=len(unassigned)), note=True))
    return Attachment(t("tb_attach_label", n=2), t("tb_attach2"), blocks)
