"""The ``hedong`` console script.

``hedong --version`` is answered here, before the command line is loaded: importing typer and
registering every command is most of hedong's start-up, and printing the version needs none of it.
Everything else goes to ``hedong_cli.cli.main``.
"""

from __future__ import annotations

import sys


def _only_version(args: list[str]) -> bool:
    """``--version`` or ``-V``, alone or with ``--lang X`` / ``--lang=X`` (the version line has no words)."""
    rest, skip = [], False
    for index, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--lang" and index + 1 < len(args):
            skip = True
        elif not arg.startswith("--lang="):
            rest.append(arg)
    return rest in (["--version"], ["-V"])


def main() -> None:
    if _only_version(sys.argv[1:]):
        from hedong_cli import __version__

        try:
            sys.stdout.write(f"hedong {__version__}\n")  # the same line and exit status as the typer option
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader has gone (``hedong --version | true``): exit 0 quietly, as every command does
            # (cli/app.py), with stdout on the null device so the interpreter's last flush cannot fail again.
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    from hedong_cli.cli import main as cli_main

    cli_main()
