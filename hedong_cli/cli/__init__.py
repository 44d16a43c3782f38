"""The ``hedong`` command line: a thin layer over catalog, journal and progress.

The modules of this package do not use ``from __future__ import annotations``: typer reads every
parameter's annotation when it builds the commands, and evaluating them as strings cost about 12 ms of
each start-up.

Importing this package loads no command: ``app.COMMANDS`` names each one and its module, imported when
the command runs.
"""

from hedong_cli.cli.app import app, main

__all__ = ["app", "main"]
