"""Figures: one way to read a typed number, one way to write a value, one measure of progress.

The core (plans, the CLI's entries) and the documents (ledger, renderers) read and write numbers the same
way, so these live here, below both: ``render/labels.py`` and ``ledger.py`` re-export them for their own
callers. Nothing here knows about cells, sheets or terminals.
"""

from __future__ import annotations

import math
import unicodedata
from typing import TYPE_CHECKING

from hedong_cli.common.textsafe import restore_formula

if TYPE_CHECKING:
    from hedong_cli.catalogue.model import TaskTarget


def number(value: float | None) -> str:
    """350.0 → "350", 4.5 → "4.5", None → ""."""
    if value is None:
        return ""
    if abs(value) >= 1e15:  # no target is that large: 1e300 as 301 digits would fill the screen
        return f"{value:.6g}"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def plain_number(value: float) -> str:
    """The shortest exact text for a value: 32.0 → "32", 4.5 → "4.5"."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def parse_number(typed: object, unit: str | None = None) -> float | None:
    """A number typed by a person: "1,200", "１２", "4.5%" when the unit is "%". None if it is not one.

    ``typed`` is a number (a spreadsheet cell's) or text; text guarded against formulas by an export
    (``'=1``) is read as what the person typed.
    """
    if isinstance(typed, bool):
        return None
    if isinstance(typed, (int, float)):
        return float(typed)
    return read_number(restore_formula(str(typed)), unit)


def read_number(text: str, unit: str | None = None) -> float | None:
    """``parse_number`` for text already read as the person typed it (a ledger cell's text)."""
    text = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    if unit and text.endswith(unit):
        text = text[: -len(unit)].strip()
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None  # "nan", "inf", and "1e400", which overflows to inf


def progress_pct(target: TaskTarget, value: float | None) -> float:
    """How far ``value`` has come towards ``target``, in percent, not capped (150.0 = 1.5 times)."""
    if value is None:
        return 0.0
    if target.comparator == ">":
        return 100.0 if value > target.value else 0.0
    if target.comparator == "<=":
        # Lower is better: at or under the bound is the whole way; above it, the further the worse.
        if value <= target.value:
            return 100.0
        return round(target.value / value * 100, 1) if target.value > 0 else 0.0
    if target.value <= 0:
        return 100.0 if value >= target.value else 0.0
    return round(value / target.value * 100, 1)
