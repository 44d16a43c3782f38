"""The days a briefing covers: an ISO week, a month, a quarter, a half year or a custom range.

Pure: no I/O. ``resolve_period`` reads the command's options; ``Period`` knows its own issue number
(第N期) when the office's series does not say otherwise, its label and the look-ahead window that
the 下步工作要求 use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from hedong_cli.common.config import Reporting
from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import t

MILESTONE_HORIZON_DAYS = 30  # 近期节点: deadlines within this many days after the as-of date
_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_QUARTER = re.compile(r"^\s*(\d{4})-?Q([1-4])\s*$", re.IGNORECASE)
_HALF = re.compile(r"^\s*(\d{4})-?H([12])\s*$", re.IGNORECASE)
SPAN_MONTHS = {"month": 1, "quarter": 3, "half": 6}


@dataclass(frozen=True)
class Period:
    """The days a briefing covers. ``week`` is (ISO year, ISO week) when the period is a week;
    ``span`` is ("month", 10), ("quarter", 3) or ("half", 1) for the office's longer periods."""

    start: date
    end: date
    week: tuple[int, int] | None = None
    span: tuple[str, int] | None = None

    @property
    def kind(self) -> str:
        """week, month, quarter or half (each its own 期号 series), or range for --from/--to."""
        if self.span:
            return self.span[0]
        return "week" if self.week else "range"

    @property
    def own_number(self) -> int:
        """The period's own number: its ISO week (of --to's day for a range), month, quarter or half."""
        if self.span:
            return self.span[1]
        return self.week[1] if self.week else self.end.isocalendar()[1]

    def phrase(self) -> str:
        """The period as the title names it: 第47周, 10月份, 第三季度, 上半年; "" for a range."""
        if self.kind == "range":
            return ""
        number = self.own_number
        half = ("上半年", "下半年")[number - 1] if self.kind == "half" else ""
        return t(f"tb_phrase_{self.kind}", n=number, cn=_CN_NUMBERS[min(number, 12)], half=half)

    @property
    def default_number(self) -> int:
        """第N期 when --no is not given: the ISO week number (of the week, or of --to's day); the
        month, quarter or half's own number for those."""
        if self.span:
            return self.span[1]
        return self.week[1] if self.week else self.end.isocalendar()[1]

    def label(self) -> str | None:
        """2026年10月, 2026年第三季度, 2026年上半年; None for a week or a custom range."""
        if self.span is None:
            return None
        kind, number = self.span
        half = ("上半年", "下半年")[number - 1] if kind == "half" else ""
        return t(f"brief_span_{kind}", year=self.start.year, n=number, cn=_CN_NUMBERS[number], half=half)

    def next_window(self, as_of: date) -> tuple[date, date]:
        """近期节点 look ahead: to the end of the next month, quarter or half; else 30 days."""
        if self.span is None:
            return as_of, as_of + timedelta(days=MILESTONE_HORIZON_DAYS)
        months = SPAN_MONTHS[self.span[0]]
        start = self.end + timedelta(days=1)
        return as_of, _months_later(start, months) - timedelta(days=1)


CN_NUMBERS = _CN_NUMBERS = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


def _months_later(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s month (``day`` is a first of month)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def parse_span(kind: str, text: str) -> tuple[int, int]:
    """``2026-10`` (month), ``2026-Q3`` (quarter) or ``2026-H1`` (half) → (year, number)."""
    pattern = {"month": _MONTH, "quarter": _QUARTER, "half": _HALF}[kind]
    match = pattern.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12 // SPAN_MONTHS[kind]:
        raise InputError(t(f"brief_bad_{kind}", value=text))
    return int(match.group(1)), int(match.group(2))


def parse_week(text: str) -> tuple[int, int]:
    match = _WEEK.match(text)
    if not match:
        raise InputError(t("brief_bad_week", value=text))
    year, week = int(match.group(1)), int(match.group(2))
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        raise InputError(t("brief_bad_week", value=text)) from None
    return year, week


def resolve_period(
    year: int,
    today: date,
    *,
    week: str | None = None,
    start: date | None = None,
    end: date | None = None,
    month: str | None = None,
    quarter: str | None = None,
    half: str | None = None,
) -> Period:
    """The period asked for: ``week``, a ``month``, ``quarter`` or ``half``, or ``start``..``end``,
    or else the ISO week containing ``today``.

    A week that straddles New Year is cut to the catalogue year (so 2026-W53 ends on 12-31); a week
    entirely outside it, or a range reaching outside it, is refused.
    """
    chosen = [
        week is not None,
        month is not None,
        quarter is not None,
        half is not None,
        start is not None or end is not None,
    ]
    if sum(chosen) > 1:
        raise InputError(t("brief_period_conflict"))
    for kind, text in (("month", month), ("quarter", quarter), ("half", half)):
        if text is not None:
            span_year, number = parse_span(kind, text)
            months = SPAN_MONTHS[kind]
            first_day = date(span_year, (number - 1) * months + 1, 1)
            last_day = _months_later(first_day, months) - timedelta(days=1)
            if span_year != year:
                raise InputError(
                    t("brief_outside_year", start=first_day.isoformat(), end=last_day.isoformat(), year=year)
                )
            return Period(first_day, last_day, span=(kind, number))
    if (start is None) != (end is None):
        raise InputError(t("brief_need_both"))
    first, last = date(year, 1, 1), date(year, 12, 31)
    if start is not None and end is not None:
        if start > end:
            raise InputError(t("brief_from_after_to", start=start.isoformat(), end=end.isoformat()))
        if start < first or end > last:
            raise InputError(t("brief_outside_year", start=start.isoformat(), end=end.isoformat(), year=year))
        return Period(start, end)
    iso_year, iso_week = parse_week(week) if week is not None else today.isocalendar()[:2]
    monday = date.fromisocalendar(iso_year, iso_week, 1)
    sunday = monday + timedelta(days=6)
    if sunday < first or monday > last:
        raise InputError(t("brief_outside_year", start=monday.isoformat(), end=sunday.isoformat(), year=year))
    return Period(max(monday, first), min(sunday, last), (iso_year, iso_week))


def report_day(period: Period, today: date) -> date:
    """The day a period is reported as of: its last day, or ``today`` while it runs; a period that has not
    begun is refused (a briefing never counts days that have not come)."""
    if period.start > today:
        raise InputError(t("brief_future", start=period.start.isoformat(), today=today.isoformat()))
    return min(period.end, today)


def cycle_periods(kind: str, year: int, today: date) -> tuple[Period | None, Period | None]:
    """The reporting cycle's period (ISO week or month) holding ``today``, and the one before it: those the
    web desk offers a 通报 of. None for one outside the catalogue's year."""

    def holding(day: date) -> Period | None:
        try:
            if kind == "month":
                return resolve_period(year, day, month=f"{day.year}-{day.month:02d}")
            return resolve_period(year, day)
        except InputError:
            return None  # outside the catalogue's year: nothing to brief

    first_day = today.replace(day=1) if kind == "month" else today - timedelta(days=today.weekday())
    return holding(today), holding(first_day - timedelta(days=1))


@dataclass(frozen=True)
class ReportingWindow:
    """The units' current reporting period (from the settings' ``reporting``) and the day reports are due."""

    start: date
    end: date
    due: date
    reporting: Reporting

    def rule(self) -> str:
        """周报：每周五前 / 月报：每月25日前."""
        return self.reporting.describe()

    def due_text(self) -> str:
        """The due day as the 催办 names it: 12月25日."""
        return t("cfg_due_day", month=self.due.month, day=self.due.day)


def reporting_window(reporting: Reporting, today: date) -> ReportingWindow:
    """The week (Monday to Sunday, due on ``due_weekday``, 1 = Monday) or month (due on ``due_day``, or on
    its last day when the month is shorter) that holds ``today``."""
    if reporting.period == "month":
        first = today.replace(day=1)
        last = _months_later(first, 1) - timedelta(days=1)
        return ReportingWindow(first, last, last.replace(day=min(reporting.due_day, last.day)), reporting)
    monday = today - timedelta(days=today.weekday())
    due = monday + timedelta(days=reporting.due_weekday - 1)
    return ReportingWindow(monday, monday + timedelta(days=6), due, reporting)
