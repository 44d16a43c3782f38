"""The blocks a 通报 is made of, format-neutral: headings, paragraphs, tables, 版头, 版记, 附件, the document.

``briefing_doc`` assembles them (the frame and the two 附件 tables) and ``briefing_prose`` writes the body's
text into them; md, txt, html and docx render them and escape user text their own way. Holding no prose and
no assembly, this module is what both of those import, so neither imports the other back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from hedong_cli.common.messages import t

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
    even_page: bool = False  # on an even page (GB/T 9704), when the office's config asks

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
