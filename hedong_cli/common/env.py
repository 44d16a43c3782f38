"""The outside world a command sees: environment variables, today's date, the terminal.

Commands read these only through an ``Environment``; tests hand in their own instead of
monkeypatching (``runner.invoke(app, args, obj=Environment(...))``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from datetime import date
from typing import TextIO


def _pinned_day(environ: Mapping[str, str]) -> date | None:
    # HEDONG_TODAY pins "today" for reproducible runs (tests, benchmarks, reprinting a report).
    pinned = environ.get("HEDONG_TODAY")
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            pass
    return None


def clock_day() -> date:
    """The clock's day (a function of its own, so a test can move the clock)."""
    return date.today()


class Environment:
    # A plain class, not a dataclass: one is made by every command, and a dataclass compiles its methods
    # when the class is created, at every start-up.
    environ: Mapping[str, str]
    today: date | None
    stdout: TextIO | None
    stderr: TextIO | None
    # The labels' language: --lang, else $HEDONG_LANG, else zh. The command line checks it is zh or en.
    lang: str | None
    # A command takes today's date once, when it starts; a server that runs for days (``hedong serve``) asks the
    # clock each time instead (``current_day``), unless today was given or pinned by $HEDONG_TODAY.
    follow_clock: bool

    def __init__(
        self,
        environ: Mapping[str, str] | None = None,
        today: date | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        lang: str | None = None,
        follow_clock: bool = False,
    ) -> None:
        self.environ = dict(os.environ) if environ is None else environ
        pinned = _pinned_day(self.environ)
        self.pinned = today is not None or pinned is not None
        self.today = today or pinned or clock_day()
        self.stdout = stdout
        self.stderr = stderr
        self.lang = (self.environ.get("HEDONG_LANG") or "zh") if lang is None else lang
        self.follow_clock = follow_clock

    def __repr__(self) -> str:
        return f"Environment(today={self.today!r}, lang={self.lang!r})"

    def activate(self) -> None:
        """Make this environment's language the one every message speaks (``messages.t``) in this context."""
        from hedong_cli.common.messages import set_lang

        set_lang(self.lang or "zh")

    def current_day(self) -> date:
        """Today: the day the command started, or for a server that follows the clock, the clock's day now."""
        if self.follow_clock and not self.pinned:
            return clock_day()
        assert self.today is not None
        return self.today

    @property
    def out(self) -> TextIO:
        return self.stdout or sys.stdout

    @property
    def err(self) -> TextIO:
        return self.stderr or sys.stderr

    def json_indent(self) -> int | None:
        """How JSON written to standard output is laid out: $HEDONG_JSON_INDENT spaces (0: one compact line),
        else indented by 2 on a terminal and compact otherwise, as gh does. A script reading a pipe or a file
        gets the same content without the spaces, written by json's C encoder: indentation takes the pure-Python
        one, which was the largest part of a 20,000-task ``status --format json``. A value that is not a
        number from 0 to 8 is passed over, as a $HEDONG_TODAY that is not a date is."""
        chosen = self.environ.get("HEDONG_JSON_INDENT", "").strip()
        if len(chosen) == 1 and chosen in "012345678":  # not int(): "²" is a digit, "9" * 5000 too long for it
            return int(chosen) or None
        return 2 if getattr(self.out, "isatty", lambda: False)() else None

    @property
    def user(self) -> str | None:
        return self.environ.get("HEDONG_USER") or self.environ.get("USER") or self.environ.get("USERNAME")
