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


def _today(environ: Mapping[str, str]) -> date:
    # HEDONG_TODAY pins "today" for reproducible runs (tests, benchmarks, reprinting a report).
    pinned = environ.get("HEDONG_TODAY")
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            pass
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

    def __init__(
        self,
        environ: Mapping[str, str] | None = None,
        today: date | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        lang: str | None = None,
    ) -> None:
        self.environ = dict(os.environ) if environ is None else environ
        self.today = _today(self.environ) if today is None else today
        self.stdout = stdout
        self.stderr = stderr
        self.lang = (self.environ.get("HEDONG_LANG") or "zh") if lang is None else lang

    def __repr__(self) -> str:
        return f"Environment(today={self.today!r}, lang={self.lang!r})"

    def activate(self) -> None:
        """Make this environment's language the one every message speaks (``messages.t``) in this context."""
        from hedong_cli.common.messages import set_lang

        set_lang(self.lang or "zh")

    @property
    def out(self) -> TextIO:
        return self.stdout or sys.stdout

    @property
    def err(self) -> TextIO:
        return self.stderr or sys.stderr

    @property
    def user(self) -> str | None:
        return self.environ.get("HEDONG_USER") or self.environ.get("USER") or self.environ.get("USERNAME")
