"""The ``hedong`` command line: a thin layer over catalog, journal and progress."""

from hedong_cli.cli import admin, brief, entries, status, workflow  # noqa: F401  (registers the commands)
from hedong_cli.cli.app import app, main

__all__ = ["app", "main"]
