"""The 通报 as a format-neutral document: 版头, title, 主送, body, 版记, then the 附件.

``document(briefing)`` lays the briefing out once, as blocks holding raw (unescaped) text; md, txt,
html and docx render those blocks and escape user text their own way, so every format says the
same thing in the same order. The body's prose is composed in ``briefing_prose``; this module
holds the document's frame and the two 附件 tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from hedong_cli.briefing import Briefing
from hedong_cli.messages import light_name, status_name, t
from hedong_cli.progress import TaskView
from hedong_cli.render.labels import pct, target_text, value_text

NOTE_CHARS_BODY = 30  # a note quoted in the body is cut here, with an ellipsis; 附件1 has it whole


@dataclass(frozen=True)
class Heading:
    level: int  # 1: 一、总体情况
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    lead: str = ""  # a run-in heading, （一）… or 一是…, set in 楷体 / 黑体 where the format can
    note: bool = False  # a 注 line: smaller print where the format has it
    sources: tuple[int, ...] = ()  # the journal entries this sentence is built from (二、主要进展)


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()  # right-aligned columns
    flexible: frozenset[int] = frozenset()  # columns that may wrap; every other column never breaks
    lights: list[str | None] | None = None  # a light per row, for formats that can colour rows


Block = Heading | Para | Table
Add = Callable[[Block], None]


@dataclass(frozen=True)
class Masthead:
    """版头 (GB/T 9704): the 发文机关标志 in red, then one line with the 期号 and the date."""

    issuer: str
    number: str  # 第N期, the office first when it is not the 发文机关标志 itself
    date: str


@dataclass(frozen=True)
class Colophon:
    """版记: a contact line, 抄送, then 印发机关 and 印发日期. Unset lines are left out, never empty."""

    copy_to: str | None
    printer: str
    date: str
    contact: str | None

    def lines(self) -> list[tuple[str, str]]:
        """(left, right) per line, top to bottom."""
        out = [(self.contact, "")] if self.contact else []
        out += [(self.copy_to, "")] if self.copy_to else []
        return [*out, (self.printer, self.date)]


@dataclass
class Attachment:
    label: str  # 附件1
    title: str
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False


@dataclass
class Document:
    title: str
    title_lines: list[str]  # the title broken between words, for print
    masthead: Masthead
    recipients: str  # 主送
    blocks: list[Block] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    colophon: Colophon | None = None
    author: str = ""  # document properties: the office
    issued: date | None = None

    @property
    def attachment_list(self) -> list[str]:
        """附件：1．重点任务推进情况表 … as lines, after the body."""
        return [
            t("tb_attach_item" if index == 0 else "tb_attach_item_more", n=index + 1, title=item.title)
            for index, item in enumerate(self.attachments)
        ]


def cn_date(day: date, *, year: bool = True) -> str:
    """2026年11月26日, or 11月26日 (en: the ISO date)."""
    key = "brief_date" if year else "tb_date_short"
    return t(key, y=day.year, m=day.month, d=day.day, iso=day.isoformat())


def cut(text: str, limit: int = NOTE_CHARS_BODY) -> str:
    """One line of at most ``limit`` characters: line breaks become spaces, the rest an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def document(b: Briefing) -> Document:
    from hedong_cli.render.briefing_prose import body_blocks

    phrase = b.period.phrase()
    # An English title without a region or a phrase would carry doubled spaces: one space between words.
    title = re.sub(" +", " ", t("tb_title", region=b.region, year=b.report.year, phrase=phrase)).strip()
    lines = [
        re.sub(" +", " ", line).strip()
        for line in t("tb_title_lines", region=b.region, year=b.report.year, phrase=phrase).split("\n")
    ]
    office = b.config.issuer
    number = t("doc_number", no=b.number)
    if office and office != b.issuer:
        number = f"{office}　{number}"
    doc = Document(
        title=title,
        title_lines=lines,
        masthead=Masthead(b.issuer, number, cn_date(b.as_of)),
        recipients=b.config.recipients or t("tb_recipients_default"),
        colophon=_colophon(b),
        author=office or b.issuer,
        issued=b.as_of,
    )
    doc.blocks = body_blocks(b)
    doc.attachments = [_task_table(b), _silent_table(b)]
    return doc


def _colophon(b: Briefing) -> Colophon:
    config = b.config
    copy_to = t("doc_copy_to", names=t("doc_copy_sep").join(config.copy_to)) if config.copy_to else None
    printer = config.printer or config.issuer
    return Colophon(copy_to, printer, t("doc_printed", date=cn_date(b.as_of)), config.contact or None)


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
