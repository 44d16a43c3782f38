"""Exceptions raised by the core, each carrying its exit status.

The CLI turns every ``HedongError`` into one line on stderr and its exit code, in one place
(``hedong_cli.cli.app.HedongGroup.main``). Core modules never print and never exit.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    SUCCESS = 0
    FAILURE = 1  # the command could not do its work: broken catalogue, unreadable journal, failed check
    USAGE = 2  # the user asked for something invalid: bad id, value, date, option
    INTERRUPTED = 130


class HedongError(Exception):
    """Base error: a user-facing message (already in the user's language) and an exit status."""

    exit_status: ExitStatus = ExitStatus.FAILURE
    # One complaint stays on one line even when it quotes what the user typed, line breaks included;
    # a list of problems (a catalogue's, a ledger's) is printed one problem a line.
    multiline: bool = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(HedongError):
    """Bad input from the user: an unknown id, a value out of range, a malformed date."""

    exit_status = ExitStatus.USAGE


class InputProblems(InputError):
    """Several problems with the user's input (a ledger's bad rows), one a line; nothing was written."""

    multiline = True

    def __init__(self, problems: list[str]) -> None:
        from hedong_cli.common.textsafe import visible

        # Each problem may quote a cell: its own line breaks must not split it across lines.
        super().__init__("\n".join(visible(problem) for problem in problems))
        self.problems = problems


class ProblemsFound(HedongError):
    """A check ran and found problems (``hedong check``: entries for tasks the catalogue lacks), one a line."""

    multiline = True

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class CatalogError(ProblemsFound):
    """The catalogue file is missing or invalid. ``problems`` holds one ``FILE:LINE: message`` each."""


class JournalError(HedongError):
    """The journal cannot be opened, read or written."""


class Declined(HedongError):
    """The user answered no to a confirmation, or stopped answering: nothing more is written."""


class Interrupted(HedongError):
    """Ctrl-C (SIGINT) while hedong asked, read or wrote: the message says what was saved, if anything."""

    exit_status = ExitStatus.INTERRUPTED
