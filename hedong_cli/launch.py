"""The ``hedong`` console script.

``hedong --version`` is answered here, before the command line is loaded: importing typer and
registering every command is most of hedong's start-up, and printing the version needs none of it.
Everything else goes to ``hedong_cli.cli.main``.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from hedong_cli import __version__

        sys.stdout.write(f"hedong {__version__}\n")  # the same line and exit status as the typer option
        return
    from hedong_cli.cli import main as cli_main

    cli_main()
