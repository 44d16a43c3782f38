"""A progress bar on stderr for long work: importing big ledgers, exports, Word briefings, copies.

It appears only when stderr is a terminal, ``--quiet`` was not given, and the work has already taken
``DELAY`` seconds, so quick runs and scripts never see it; it is transient (erased when the work ends)
and never writes to stdout or to an output file. rich is imported only once the bar is due.

Use it around any step, with a total when the step can count (``busy.advance()`` per item), or without
one for a step that cannot (the bar then pulses)::

    with Busy(t("busy_export", path=path), quiet=quiet) as busy:
        for row in rows:
            ...
            busy.advance()
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Mapping
from types import TracebackType
from typing import Any, TextIO

DELAY = 0.5  # seconds of work before a bar is worth showing


class _AsciiBars:
    """The stream as rich should see it: a terminal that gets ASCII bars. rich's ━ is ambiguous-width and
    doubles in Chinese terminals set to "ambiguous = wide" (see ``render.console``); text passes unchanged."""

    encoding = "ascii"

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.stream.fileno()


class Busy:
    def __init__(
        self,
        label: str,
        total: float | None = None,
        *,
        quiet: bool = False,
        stream: TextIO | None = None,
        environ: Mapping[str, str] | None = None,
        delay: float = DELAY,
    ) -> None:
        self.label = label
        self.total = total
        self.completed = 0.0
        self.stream = stream if stream is not None else sys.stderr
        environ = os.environ if environ is None else environ
        tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = tty and not quiet and environ.get("TERM") != "dumb"
        self.colour = tty and not environ.get("NO_COLOR")
        self.delay = delay
        self._progress: Any = None
        self._task: Any = None
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self._done = False

    def __enter__(self) -> Busy:
        if self.enabled:
            self._timer = threading.Timer(self.delay, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        with self._lock:
            if self._done:
                return
            console = Console(
                file=_AsciiBars(self.stream),  # type: ignore[arg-type]
                stderr=True,
                markup=False,
                highlight=False,
                emoji=False,
                no_color=not self.colour,
                color_system="standard" if self.colour else None,
            )
            columns = [TextColumn("{task.description}", markup=False), BarColumn(bar_width=30)]
            if self.total is not None:
                columns.append(TextColumn("{task.percentage:>3.0f}%", markup=False))
            columns.append(TimeElapsedColumn())
            progress = Progress(*columns, console=console, transient=True, refresh_per_second=8)
            self._task = progress.add_task(self.label, total=self.total, completed=self.completed)
            progress.start()
            self._progress = progress

    def advance(self, step: float = 1) -> None:
        self.completed += step
        if self._progress is not None:
            self._progress.update(self._task, completed=self.completed)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        with self._lock:
            self._done = True
            if self._timer is not None:
                self._timer.cancel()
            if self._progress is not None:
                self._progress.stop()
                self._progress = None

    @property
    def shown(self) -> bool:
        return self._progress is not None
