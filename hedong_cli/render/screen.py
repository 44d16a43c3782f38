"""The terminal as hedong draws on it: a width, and colour only where a person is looking.

Tables are laid out by ``render.textwidth`` (CJK characters take two columns) and painted afterwards
with plain SGR codes, so colour never changes a width. This replaced rich for the terminal output:
rich's generic layout took about 100 ms for the 130-row status table, most of ``hedong status``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

from hedong_cli.render import textwidth
from hedong_cli.textsafe import visible

_SGR = {"bold": "1", "dim": "2", "strike": "9", "green": "32", "yellow": "33", "red": "1;31"}
RULED = " | "

# Chooses the style of a body cell from its row index and its (unpadded) text; None leaves it plain.
CellStyle = Callable[[int, str], str | None]


@dataclass
class Screen:
    out: TextIO
    width: int
    color: bool

    def paint(self, text: str, style: str | None) -> str:
        if not (self.color and style and text.strip()):
            return text
        return f"\x1b[{_SGR[style]}m{text}\x1b[0m"

    def line(self, text: str = "", style: str | None = None) -> None:
        """Write user text, made visible and wrapped to the width."""
        for part in textwidth.wrap(visible(text), self.width):
            self.out.write(self.paint(part, style) + "\n")

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        flexible: set[int] | frozenset[int] = frozenset(),
        numeric: set[int] | frozenset[int] = frozenset(),
        styles: Mapping[int, CellStyle] | None = None,
    ) -> None:
        """A ruled table of user text: every cell made visible, header in bold, ``styles`` per column."""
        safe_rows = [[visible(cell, keep_newlines=True) for cell in row] for row in rows]
        styles = styles or {}

        def paint(row: int, column: int, padded: str) -> str:
            if row < 0:
                return self.paint(padded, "bold")
            style = styles.get(column)
            return self.paint(padded, style(row, padded.strip()) if style else None)

        lines = textwidth.table(
            [visible(h) for h in headers],
            safe_rows,
            self.width,
            numeric=numeric,
            flexible=flexible,
            sep=RULED,
            paint=paint if self.color else None,
        )
        for line in lines:
            self.out.write(line + "\n")


def screen(out: TextIO, width: int | None = None, environ: Mapping[str, str] | None = None) -> Screen:
    """On a terminal: its width, and colour unless NO_COLOR is set or TERM is dumb. Piped or redirected:
    ``width`` or $COLUMNS or 80 columns, and never a colour code."""
    environ = os.environ if environ is None else environ
    tty = bool(getattr(out, "isatty", lambda: False)())
    if width is None:
        if tty:
            width = shutil.get_terminal_size((80, 24)).columns
        else:
            columns = environ.get("COLUMNS", "")
            width = int(columns) if columns.isdigit() and int(columns) > 0 else 80
    color = tty and "NO_COLOR" not in environ and environ.get("TERM") != "dumb"
    return Screen(out=out, width=max(width, 20), color=color)
