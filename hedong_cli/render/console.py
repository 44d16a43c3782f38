"""The terminal as hedong draws on it with rich: one console per output, colour only where a person looks.

- **Colour** only when the output is a terminal, unless ``NO_COLOR`` is set (then never) or
  ``FORCE_COLOR`` is set (then always, even piped); ``TERM=dumb`` turns it off too.
- **Width**: the terminal's; piped or redirected, ``--width`` or ``$COLUMNS`` or 80.
- **User text is data**: it goes into rich as ``Text`` objects, never as markup; the console has
  ``markup=False``, ``highlight=False`` and ``emoji=False``, and control, bidi and zero-width
  characters are made visible first by ``textsafe.visible``.
- **Ambiguous-width characters** (East Asian Width "A": the curly quotes “” ‘’, the middle dot ·,
  box drawing, ■□…) are one column in most terminals, the default of common ones (GNOME Terminal,
  iTerm2, Windows Terminal, tmux), and two in a terminal set to "ambiguous = wide". User text keeps
  its punctuation (the report writes “”, and so does the terminal) and is measured narrow;
  ``HEDONG_AMBIGUOUS_WIDE=1`` measures them two columns, for terminals set to wide. hedong emits
  none of its own (ASCII rules, ASCII bars), so only user text is concerned.
- **No trailing padding**: rich pads every cell to its column; lines are right-trimmed on the way out.

rich is imported here and only here (and by ``render.busy``), so JSON, CSV and Markdown output never load it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TextIO

from hedong_cli.common.textsafe import visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

AMBIGUOUS_WIDE = "HEDONG_AMBIGUOUS_WIDE"  # "1": the terminal draws ambiguous-width characters two columns wide
LIGHT_STYLES = {"green": "green", "yellow": "yellow", "red": "bold red"}
MIN_WIDTH = 20


def shown(text: str | None, *, keep_newlines: bool = False) -> str:
    """User text as the terminal shows it: control, bidi and zero-width characters made visible."""
    return visible(text, keep_newlines=keep_newlines)


_RICH_NARROW: tuple[Any, Any] | None = None  # rich's own measures, kept to switch back
_RICH_WIDE: tuple[Any, Any] | None = None


def measure_ambiguous(environ: Mapping[str, str]) -> bool:
    """Measure ambiguous-width characters as the terminal draws them; True when that is two columns.

    rich has no setting for it, so for ``HEDONG_AMBIGUOUS_WIDE=1`` its two measuring functions are
    swapped for ones that count East Asian Width "A" as two; any other value puts rich's own back.
    """
    import unicodedata
    from functools import lru_cache

    from rich import cells

    global _RICH_NARROW, _RICH_WIDE
    if _RICH_NARROW is None:
        _RICH_NARROW = (cells.get_character_cell_size, cells._is_single_cell_widths)
    if _RICH_WIDE is None:
        narrow_size = _RICH_NARROW[0]

        @lru_cache(maxsize=4096)
        def wide_size(character: str, unicode_version: str = "auto") -> int:
            if unicodedata.east_asian_width(character) == "A":
                return 2
            return int(narrow_size(character, unicode_version))

        single = frozenset(ch for ch in cells._SINGLE_CELLS if unicodedata.east_asian_width(ch) != "A")
        _RICH_WIDE = (wide_size, single.issuperset)
    wide = environ.get(AMBIGUOUS_WIDE) == "1"
    chosen = _RICH_WIDE if wide else _RICH_NARROW
    if cells.get_character_cell_size is not chosen[0]:
        cells.get_character_cell_size, cells._is_single_cell_widths = chosen
        cells.cached_cell_len.cache_clear()
    return wide


def user_text(text: str | None, style: str = "", *, keep_newlines: bool = False) -> Text:
    from rich.text import Text

    return Text(shown(text, keep_newlines=keep_newlines), style=style)


def wants_colour(out: TextIO, environ: Mapping[str, str]) -> bool:
    if environ.get("NO_COLOR") or environ.get("TERM") == "dumb":
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(out, "isatty", lambda: False)())


def is_terminal(out: TextIO) -> bool:
    return bool(getattr(out, "isatty", lambda: False)())


def output_width(out: TextIO, width: int | None, environ: Mapping[str, str]) -> int:
    if width is None:
        if is_terminal(out):
            width = shutil.get_terminal_size((80, 24)).columns
        else:
            columns = environ.get("COLUMNS", "")
            width = int(columns) if columns.isdigit() and int(columns) > 0 else 80
    return max(width, MIN_WIDTH)


def terminal_height(out: TextIO) -> int | None:
    """The terminal's rows, or None when the output is not a terminal (nothing to fit)."""
    if not is_terminal(out):
        return None
    return shutil.get_terminal_size((80, 24)).lines


class _TrimmedLines:
    """A file that right-trims every line written to it: rich pads cells, piped text must not end in spaces."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.pending = ""

    def write(self, text: str) -> int:
        lines = (self.pending + text).split("\n")
        self.pending = lines.pop()
        if lines:
            self.out.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self.out.write(self.pending.rstrip(" "))
            self.pending = ""
        self.out.flush()

    def isatty(self) -> bool:
        return is_terminal(self.out)

    @property
    def encoding(self) -> str:
        return getattr(self.out, "encoding", None) or "utf-8"


def make_console(out: TextIO, width: int | None = None, environ: Mapping[str, str] | None = None) -> Console:
    """The one console a command draws with."""
    from rich.console import Console

    environ = os.environ if environ is None else environ
    measure_ambiguous(environ)
    colour = wants_colour(out, environ)
    return Console(
        file=_TrimmedLines(out),  # type: ignore[arg-type]
        width=output_width(out, width, environ),
        height=terminal_height(out) or 25,
        force_terminal=colour,
        color_system="standard" if colour else None,
        no_color=not colour,
        markup=False,
        highlight=False,
        emoji=False,
        soft_wrap=False,
        legacy_windows=False,
        _environ={},  # the choices above are final: rich must not read NO_COLOR/COLUMNS again
    )


def finish(console: Console) -> None:
    console.file.flush()


def ascii_table(**options: Any) -> Any:
    """A table ruled in ASCII only: two spaces between columns, a row of dashes under the header."""
    from rich import box
    from rich.table import Table

    return Table(
        box=_ascii_ruled(box),
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        header_style="bold",
        **options,
    )


_BOX: Any = None


def _ascii_ruled(box: Any) -> Any:
    global _BOX
    if _BOX is None:
        # top, head, head/body rule, mid, row, foot rule, foot, bottom: only the head rule draws.
        _BOX = box.Box("    \n    \n -  \n    \n    \n -  \n    \n    \n", ascii=True)
    return _BOX


def ascii_bar(progress: float, width: int = 10) -> Any:
    """rich's own progress bar, drawn in ASCII (its default ━ is ambiguous-width, see the module docstring)."""
    from rich.progress_bar import ProgressBar

    class _AsciiBar(ProgressBar):
        def __rich_console__(self, console: Any, options: Any) -> Any:
            ascii_options = options.copy()
            ascii_options.encoding = "ascii"
            return super().__rich_console__(console, ascii_options)

    return _AsciiBar(
        total=100,
        completed=min(max(progress, 0.0), 100.0),
        width=width,
        complete_style="green",
        finished_style="green",
        style="bright_black",
    )
