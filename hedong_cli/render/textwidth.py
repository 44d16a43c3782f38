"""Plain-text layout for the txt briefing (``render.briefing``), a document people paste into chat.

Terminal tables are drawn by rich (``render.console``); this module lays out only the plain-text
document, which also needs Chinese line-breaking rules (禁则) that rich does not apply.

Widths follow Unicode East Asian Width: W (wide) and F (fullwidth) are two columns, combining
marks none, everything else one. Ambiguous (A) characters count as one, as in most non-CJK
terminals, so the renderers avoid emitting them themselves (they write ``->``, not ``→``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

GAP = 2  # spaces between table columns
FLEX_MIN = 8  # a wrapping column is never squeezed below this many columns
FLEX_COMFORT = 20  # wrapping columns give way down to this width before headers start to wrap


def char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    return sum(char_width(char) for char in text)


# Chinese typesetting (禁则): these never start a line, so the character before them moves down too.
NO_LINE_START = frozenset("，。、；：？！）》」』】”’,.;:?!)%")
# And these never end one: an opening bracket or quote moves down with what it opens.
NO_LINE_END = frozenset("（《「『【“‘(")


def _word_char(char: str) -> bool:
    return char.isascii() and not char.isspace()


def _glued(before: str, after: str) -> bool:
    """Whether a line may not break between ``before`` and ``after``: inside a run of ASCII, inside a
    date (12月15日, 2026年), or after an opening bracket."""
    if before in NO_LINE_END:
        return True
    if _word_char(before) and _word_char(after):
        return True
    return (before.isdigit() and after in "年月日") or (before in "年月" and after.isdigit())


def _split_at(line: str, char: str) -> int:
    """Where to break ``line`` when ``char`` does not fit after it: 0 means "nowhere good".

    Never inside a run of ASCII (a number, an id, a Latin word) or a date; never so that closing
    punctuation starts the next line or an opening bracket ends one.
    """
    cut = len(line) - 1 if char in NO_LINE_START else len(line)
    following = line[cut] if cut < len(line) else char
    while cut > 0 and _glued(line[cut - 1], following):
        cut -= 1
        following = line[cut]
    return cut if line[:cut].strip() else 0


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns; newlines in ``text`` start new lines."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for char in paragraph:
            size = char_width(char)
            if used + size > width and line:
                cut = _split_at(line, char)
                tail = line[cut:].lstrip(" ") if cut else ""
                if not cut or text_width(tail) + size > width:
                    cut, tail = len(line), ""
                lines.append(line[:cut].rstrip())
                line = tail
                used = text_width(line)
                if char == " " and not line:
                    continue
            line += char
            used += size
        lines.append(line.rstrip())
    return lines


def _header_floor(header: str) -> int:
    """A header may wrap onto two lines, never into a column of single characters."""
    width = max(text_width(line) for line in header.split("\n"))
    return min(width, max(4, -(-width // 2) + 1))  # +1: a wide character cannot straddle the halves


def pad(text: str, width: int, *, right: bool = False) -> str:
    fill = " " * max(width - text_width(text), 0)
    return fill + text if right else text + fill


def center(text: str, width: int) -> list[str]:
    return [pad("", (width - text_width(line)) // 2) + line for line in wrap(text, width)]


def _column_widths(
    headers: Sequence[str], rows: Sequence[Sequence[str]], width: int, flexible: set[int], gap: int = GAP
) -> list[int] | None:
    """Natural widths, shrunk in turn until the table fits; None when it cannot."""
    count = len(headers)
    cells = [[text_width(line) for row in rows for line in row[i].split("\n")] for i in range(count)]
    heads = [max(text_width(line) for line in headers[i].split("\n")) for i in range(count)]
    widths = [max([heads[i], 2, *cells[i]]) for i in range(count)]
    floors = [
        min(widths[i], FLEX_MIN) if i in flexible else max([_header_floor(headers[i]), *cells[i]]) for i in range(count)
    ]
    room = width - gap * (count - 1)
    comfortable = [max(floors[i], min(widths[i], FLEX_COMFORT)) if i in flexible else floors[i] for i in range(count)]
    fixed = [i for i in range(count) if i not in flexible]
    # Wrapping text down to a comfortable width first, then two-line headers, then text to its minimum.
    for candidates, limits in ((sorted(flexible), comfortable), (fixed, floors), (sorted(flexible), floors)):
        while sum(widths) > room:
            shrinkable = [i for i in candidates if widths[i] > limits[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i])
            widths[widest] -= 1
    if sum(widths) > room:
        return None
    return widths


# Paints one laid-out cell (row -1 is the header) for a terminal: returns the text with colour codes.
Painter = Callable[[int, int, str], str]


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int,
    *,
    numeric: set[int] | frozenset[int] = frozenset(),
    flexible: set[int] | frozenset[int] = frozenset(),
    sep: str = " " * GAP,
    paint: Painter | None = None,
) -> list[str]:
    """A table within ``width`` columns: a header, a rule of dashes, then the rows, cells wrapped.

    ``sep`` joins the columns (``" | "`` draws ruled columns, crossed by ``-+-`` under the header).
    ``paint`` styles each padded cell after layout, so colour codes never count towards widths.
    When even the narrowest layout does not fit, each row becomes a block of "header: value" lines.
    """
    widths = _column_widths(headers, rows, width, set(flexible), text_width(sep))
    if widths is None:
        return _records(headers, rows, width)
    out = _row_lines(headers, widths, set(), sep, paint, -1)
    joint = sep.replace(" ", "-").replace("|", "+") if "|" in sep else sep  # "-+-" under ruled columns
    out.append(joint.join("-" * w for w in widths))
    for index, row in enumerate(rows):
        out.extend(_row_lines(row, widths, set(numeric), sep, paint, index))
    return out


def _row_lines(
    cells: Sequence[str],
    widths: list[int],
    numeric: set[int],
    sep: str = " " * GAP,
    paint: Painter | None = None,
    row: int = 0,
) -> list[str]:
    wrapped = [wrap(cell, widths[i]) for i, cell in enumerate(cells)]
    height = max(len(lines) for lines in wrapped)
    out = []
    for n in range(height):
        parts = [
            pad(lines[n] if n < len(lines) else "", widths[i], right=i in numeric) for i, lines in enumerate(wrapped)
        ]
        if paint is not None:
            parts = [paint(row, i, part) for i, part in enumerate(parts)]
        out.append(sep.join(parts).rstrip())
    return out


def _records(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> list[str]:
    out: list[str] = []
    for row in rows:
        if out:
            out.append("")
        for header, cell in zip(headers, row, strict=True):
            out.extend(wrap(f"{header}: {cell}", width))
    return out
