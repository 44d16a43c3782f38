"""The typer application, its shared options, and the one place where errors become exit codes."""

import contextlib
import errno
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from hedong_cli import __version__
from hedong_cli.cli.complete import languages
from hedong_cli.env import Environment
from hedong_cli.errors import ExitStatus, HedongError, InputError, JournalError
from hedong_cli.messages import set_lang, t
from hedong_cli.textsafe import has_undecodable, visible

# typer >= 0.26 vendors click privately; reach its exception base through the public BadParameter.
_ClickException: type[Exception] = next(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException")


# The order of the weekly loop, which is the order a newcomer reads ``hedong --help`` in.
COMMAND_ORDER = (
    "init",
    "status",
    "update",
    "show",
    "log",
    "undo",
    "brief",
    "assign",
    "plan",
    "units",
    "city",
    "export",
    "import",
    "checkin",
    "check",
    "where",
    "db",
    "catalog",
)


class HedongGroup(TyperGroup):
    """Runs a command and turns every failure into one line on stderr and a named exit status."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda name: COMMAND_ORDER.index(name) if name in COMMAND_ORDER else len(names))

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        if f"_{(prog_name or 'hedong').upper()}_COMPLETE" in os.environ:
            from hedong_cli.cli.complete import plain_descriptions

            plain_descriptions()
        debug = "--debug" in argv or bool(os.environ.get("HEDONG_DEBUG"))
        _preselect_lang(argv)
        _refuse_undecodable(argv)
        try:
            result = super().main(
                argv, prog_name, complete_var, standalone_mode=False, windows_expand_args=windows_expand_args, **extra
            )
            sys.stdout.flush()  # a closed stdout shows here, not in the interpreter's last flush
        except SystemExit as exc:
            if _reader_left(exc):  # typer and rich turn a closed stdout into a bare exit 1
                _leave_quietly()
            raise
        except HedongError as exc:
            _fail(exc.message, exc.exit_status, multiline=exc.multiline)
        except _ClickException as exc:
            command = getattr(getattr(exc, "ctx", None), "command_path", None) or "hedong"
            message = exc.format_message()  # type: ignore[attr-defined]
            _fail(f"{message} {t('usage_hint', cmd=command)}", getattr(exc, "exit_code", ExitStatus.USAGE))
        except typer.Abort:
            _fail(t("interrupted"), ExitStatus.INTERRUPTED)
        except BrokenPipeError:
            _leave_quietly()
        except Exception as exc:
            if debug:
                raise
            _fail(t("internal_error", error=f"{type(exc).__name__}: {exc}"), ExitStatus.FAILURE)
        sys.exit(result if isinstance(result, int) else ExitStatus.SUCCESS)


def _reader_left(exc: BaseException) -> bool:
    """Whether ``exc`` was raised while handling a write to a pipe whose reader had gone (EPIPE)."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, OSError) and cause.errno == errno.EPIPE:
            return True
        cause = cause.__context__
    return False


def _leave_quietly() -> NoReturn:
    """Exit 0, silently, when the reader of stdout has gone (``hedong status | head -1``), for every command.

    0 and not 141 (git's "killed by SIGPIPE"): the command did its work, and for update, import or plan the
    entries are written, so a script must not read a failure and run it again; the reader took what it wanted.
    Standard output is pointed at the null device first, so the interpreter's last flush cannot fail again.
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(ExitStatus.SUCCESS)


def _fail(message: str, status: int, *, multiline: bool = False) -> None:
    lines = message.split("\n") if multiline else [" ".join(message.split())]
    for line in lines or [""]:
        sys.stderr.write(f"hedong: {visible(line)}\n")
    sys.exit(int(status))


def _refuse_undecodable(argv: list[str]) -> None:
    """Exit 2 when an argument is not valid UTF-8 (a GBK-encoded name typed in another terminal).

    Python hands such bytes over as lone surrogates, which no UTF-8 output, file or journal can hold;
    refusing them here, before any command runs, means nothing is written and no journal is created.
    """
    for index, arg in enumerate(argv):
        if not has_undecodable(arg):
            continue
        if arg.startswith("--") and "=" in arg and not has_undecodable(arg.split("=", 1)[0]):
            option = arg.split("=", 1)[0]
        elif index and argv[index - 1].startswith("-") and not has_undecodable(argv[index - 1]):
            option = argv[index - 1]
        else:
            option = t("arg_position", n=index + 1)
        _fail(t("not_utf8_option", option=option), ExitStatus.USAGE)


def _preselect_lang(argv: list[str]) -> None:
    """Pick the language before parsing, so that even parse errors speak it."""
    set_lang(os.environ.get("HEDONG_LANG", "zh"))
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            set_lang(argv[index + 1])
        elif arg.startswith("--lang="):
            set_lang(arg.split("=", 1)[1])


app = typer.Typer(
    cls=HedongGroup,
    name="hedong",
    help=(
        "政府工作报告重点任务跟踪 / Track the key tasks of a government work report: the district (county, "
        "city) and year come from the catalogue in use ('hedong where' names it; 'hedong init REPORT' makes "
        "one from a report).\n\n"
        "\b\nExamples:\n"
        "  hedong status                          the overview: sections, then red and yellow tasks\n"
        "  hedong status --light red --lang en    only the red lights, English labels\n"
        "  hedong update 2.1.3 --value 32 --note 新引进首店32家\n"
        "  hedong brief --format docx -o 周报.docx\n\n"
        "Exit codes: 0 success, 1 failure, 2 bad usage or input. Run 'hedong COMMAND --help' for each command. "
        "--lang goes before or after the command name. Tab completion: hedong --install-completion SHELL "
        "(bash, zsh, fish or powershell)."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# -- shared options --------------------------------------------------------------------------

DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Catalogue YAML (default: $HEDONG_DATA, then the config's catalog:, then the shipped catalogue).",
        show_default=False,
    ),
]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Journal: a file, or postgresql://user@host/db (default: $HEDONG_DB, then the user data directory).",
        show_default=False,
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Settings file for the 版头, 版记 and ledger header (default: $HEDONG_CONFIG, then config.yaml in "
        "the user config directory).",
        show_default=False,
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang", help="Labels: zh (default) or en; also $HEDONG_LANG.", show_default=False, autocompletion=languages
    ),
]


@dataclass
class Session:
    """What one command works with: the environment plus the chosen catalogue and journal."""

    env: Environment
    data: Path | None = None
    db: str | None = None
    config_flag: Path | None = None
    _catalog: Any = field(default=None, repr=False)

    @property
    def today(self) -> date:
        assert self.env.today is not None
        return self.env.today

    def catalog(self) -> Any:
        if self._catalog is None:
            from hedong_cli.catalog import load_catalog
            from hedong_cli.paths import cache_dir, catalog_path

            self._catalog = load_catalog(catalog_path(self.data, self.env.environ).path, cache_dir(self.env.environ))
        return self._catalog

    def config(self) -> Any:
        """The office's settings (``hedong_cli.config``): --config, $HEDONG_CONFIG, the user config file."""
        from hedong_cli.config import config_path, load_config

        return load_config(config_path(self.config_flag, self.env.environ))

    def _journal_location(self) -> Any:
        from hedong_cli.paths import journal_path

        return journal_path(self.db, self.env.environ)

    def journal_target(self) -> Any:
        """The journal chosen by --db, $HEDONG_DB or the default: a ``hedong_cli.journal.Target``."""
        return self._journal_location().target

    def journal_path(self) -> str:
        """The journal as messages name it: the file's path, or the server's URL without a password."""
        return self._journal_location().target.shown()

    def reader(self) -> Any:
        from hedong_cli.journal import open_reader

        located = self._journal_location()
        path = located.target.path
        if path is not None and located.origin != "default" and not path.parent.is_dir():
            # A folder named by --db or $HEDONG_DB that does not exist is a typo, not an empty journal.
            raise JournalError(t("db_dir_missing", path=path.parent))
        return open_reader(located.target, self.env.environ)

    def writer(self) -> Any:
        from hedong_cli.journal import open_writer

        self._check_user_variables()
        located = self._journal_location()
        path = located.target.path
        if path is not None and located.origin == "default":
            # The per-user data folder is hedong's own: create it on the first write.
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise JournalError(t("db_cannot_open", path=path, error=exc)) from None
        return open_writer(located.target, self.env.environ)

    def protected_files(self) -> list[Path]:
        """Files no output may be written over: the journal, the files SQLite keeps beside it, the catalogue."""
        from hedong_cli.fileio import journal_files
        from hedong_cli.paths import catalog_path

        journal = self.journal_target().path  # None: a server journal, which no output file can be
        return [*(journal_files(journal) if journal else []), catalog_path(self.data, self.env.environ).path]

    def write_output(self, path: Path | str, data: bytes) -> None:
        """Write a whole output file; ``-`` is standard output, for every format (docx and xlsx too)."""
        if str(path) == "-":
            out = self.env.out
            out.flush()
            binary = getattr(out, "buffer", None)
            if binary is None:  # a text-only stream (a test's StringIO): text formats only
                out.write(data.decode("utf-8"))
                return
            binary.write(data)
            binary.flush()
            return
        from hedong_cli.fileio import write_atomic

        write_atomic(path, data, protected=self.protected_files())

    def _check_user_variables(self) -> None:
        """Before a write: the variable that names the author must be text (UTF-8), or nothing is written."""
        for name in ("HEDONG_USER", "USER", "USERNAME"):
            value = self.env.environ.get(name)
            if value:
                if has_undecodable(value):
                    raise InputError(t("not_utf8_env", name=name))
                return  # the first one set is the author (Environment.user)

    def echo(self, line: str, *, err: bool = False) -> None:
        """Print one line of plain text; control characters in it are made visible."""
        stream = self.env.err if err else self.env.out
        stream.write(visible(line) + "\n")

    def report(self, as_of: date, rules: Any = None, journal: Any = None) -> Any:
        """The one way every command computes figures: catalogue + journal state → ``build_report``.

        ``journal``: an open journal to read (inside its write transaction, for ``import``); else a reader.
        """
        from hedong_cli.progress import build_report

        catalog = self.catalog()
        ids = [task.id for task in catalog.tasks]
        if journal is not None:
            return build_report(catalog, journal.latest(catalog.key, as_of, ids), as_of, rules)
        with self.reader() as reader:
            states = reader.latest(catalog.key, as_of, ids)
        return build_report(catalog, states, as_of, rules)


ROOT_LANG = "hedong.lang"  # ctx.meta key: the --lang given before the command name


def session(ctx: typer.Context, data: Path | None = None, db: str | None = None, lang: str | None = None) -> Session:
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment()
    # --lang after the command name wins over --lang before it (``hedong --lang en status``).
    chosen = lang or ctx.meta.get(ROOT_LANG) or env.environ.get("HEDONG_LANG") or "zh"
    if chosen not in ("zh", "en"):
        raise InputError(t("bad_lang", lang=chosen))
    set_lang(chosen)
    return Session(env=env, data=data, db=db)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"hedong {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for internal errors.")] = False,
    lang: LangOpt = None,
) -> None:
    if not isinstance(ctx.obj, Environment):
        ctx.obj = Environment()
    if lang is not None:
        ctx.meta[ROOT_LANG] = lang


def main() -> None:
    app()
