"""The ``hedong`` console script.

``hedong --version`` is answered here, before the command line is loaded: importing typer and
registering every command is most of hedong's start-up, and printing the version needs none of it.
Everything else goes to ``hedong_cli.cli.main``; when it is done, the process ends without the
interpreter's teardown (``_leave``).
"""

from __future__ import annotations

import atexit
import os
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

    try:
        cli_main()
    except SystemExit as exc:
        _leave(exc)
        raise
    _leave(SystemExit(0))


def _leave(exc: SystemExit) -> None:
    """End the process once the command is done, without the interpreter's teardown.

    Tearing down (clearing every module, a last garbage collection, freeing each object) was a seventh of
    ``status --format json`` and has no effect a user can see: the journal is closed by the command that
    opened it (``with``), and files are written atomically and closed. What a normal exit does that can
    matter is done here: the ``atexit`` handlers run (they include ``weakref.finalize``'s, which remove
    temporary folders), then both standard streams are flushed. Returns, leaving the exit to Python, when
    the status is not a number (Python prints it), when another thread runs (Python would wait for it), or
    when a stream cannot be flushed (a reader gone: the command line's own exit point handles that).
    """
    status = 0 if exc.code is None else exc.code
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)  # CPython's; elsewhere the ordinary exit
    if not isinstance(status, int) or not 0 <= status <= 255 or run_exit_handlers is None:
        return
    if "threading" in sys.modules and sys.modules["threading"].active_count() > 1:
        return
    run_exit_handlers()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(status)
