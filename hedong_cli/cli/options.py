"""Parsing of option values shared by several commands: filters, dates, light rules."""

import math
from datetime import date
from typing import Annotated

import typer

from hedong_cli.cli import complete
from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import LIGHT_NAMES, STATUS_NAMES, status_key, t
from hedong_cli.tracking.progress import LightRules

FORMATS_STATUS = ("table", "json", "csv", "md")

AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="Report the journal as it stood on this date (YYYY-MM-DD).", show_default=False),
]
ToleranceOpt = Annotated[
    float, typer.Option("--tolerance", help="Points below 序时进度 that are still yellow rather than red.")
]
StaleOpt = Annotated[int, typer.Option("--stale-days", help="Days without an entry before a task turns yellow.")]
# Documented ranges (docs/robustness.md): a width or a count beyond them is a typo, and honouring it
# would lay out lines millions of columns wide or hand SQLite an integer it cannot hold.
MIN_WIDTH, MAX_WIDTH = 20, 1000
MAX_LIMIT = 10_000_000


def check_range(option: str, value: int, low: int, high: int) -> int:
    """``value`` if ``low <= value <= high``; else an ``InputError`` stating the range (exit 2)."""
    if not low <= value <= high:
        raise InputError(t("bad_range", option=option, min=low, max=high, value=value))
    return value


def width_option(value: int | None) -> int | None:
    """typer callback for every table's ``--width``."""
    return None if value is None else check_range("--width", value, MIN_WIDTH, MAX_WIDTH)


WarnOpt = Annotated[
    int, typer.Option("--warn-days", help="Days before a plan node or deadline that a task behind turns yellow.")
]
WidthOpt = Annotated[
    int | None,
    typer.Option(
        "--width",
        help=f"Output width in columns, {MIN_WIDTH}-{MAX_WIDTH} (default: the terminal's, 80 when piped).",
        show_default=False,
        callback=width_option,
    ),
]
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar on stderr (it shows only at a terminal, after 0.5 s).")
]
UnitOpt = Annotated[
    str | None,
    typer.Option(
        "--unit",
        help="Only tasks led by (or partnered with) this unit.",
        show_default=False,
        autocompletion=complete.unit_names,
    ),
]


def split_values(values: list[str] | None) -> list[str]:
    """``--light red,yellow --light 红`` → ["red", "yellow", "红"]."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def parse_status(text: str) -> str:
    key = status_key(text)
    if key is not None:
        return key
    allowed = ", ".join(f"{key}/{zh}" for key, (zh, _) in STATUS_NAMES.items())
    raise InputError(t("bad_status", status=text, allowed=allowed))


def parse_light(text: str) -> str:
    for key, (zh, _) in LIGHT_NAMES.items():
        if text.strip().lower() in (key, zh, zh + "灯"):
            return key
    allowed = ", ".join(f"{key}/{zh}" for key, (zh, _) in LIGHT_NAMES.items())
    raise InputError(t("bad_light", light=text, allowed=allowed))


def parse_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(t("bad_date", value=text)) from None


def check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        raise InputError(t("bad_format", fmt=fmt, allowed=", ".join(allowed)))
    return fmt


MAX_DAYS = 3660  # ten years: a longer span of days overflows the calendar, or means nothing for one year's tasks


def light_rules(tolerance: float, stale_days: int, warn_days: int = 14) -> LightRules:
    if not math.isfinite(tolerance) or tolerance < 0:
        raise InputError(t("bad_number", option="--tolerance", min=0, value=tolerance))
    if stale_days < 1:
        raise InputError(t("bad_number", option="--stale-days", min=1, value=stale_days))
    if warn_days < 0:
        raise InputError(t("bad_number", option="--warn-days", min=0, value=warn_days))
    check_range("--stale-days", stale_days, 1, MAX_DAYS)
    check_range("--warn-days", warn_days, 0, MAX_DAYS)
    return LightRules(tolerance=tolerance, stale_days=stale_days, warn_days=warn_days)


def sections_of(values: list[str] | None, known: list[str]) -> set[str]:
    chosen = set()
    for value in split_values(values):
        if value not in known:
            raise InputError(t("unknown_section", section=value, allowed=", ".join(known)))
        chosen.add(value)
    return chosen
