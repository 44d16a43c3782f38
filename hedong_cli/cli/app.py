"""The typer application, its shared options, and the one place where errors become exit codes.

Commands are loaded lazily: ``hedong --help`` and completion of a command's name read the ``COMMANDS``
registry below, and only the module of the command that runs is imported (with what it needs).

Adding a command is one line here: write it in a module of this package with ``@app.command()`` (or a
sub-app with ``app.add_typer(...)``), then add ``Command("name", "hedong_cli.cli.module", "First
paragraph of its help.")`` to ``COMMANDS`` where it belongs in the weekly loop. ``tests/test_startup.py``
checks that every command a module registers is in the registry, with the help its docstring gives.
"""

import contextlib
import errno
import os
import sys
from collections.abc import Iterator, MutableMapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NamedTuple, NoReturn

import typer
from typer.core import TyperGroup

from hedong_cli import __version__
from hedong_cli.cli.complete import languages
from hedong_cli.common.env import Environment
from hedong_cli.common.errors import ExitStatus, HedongError, InputError
from hedong_cli.common.messages import LANGS, set_lang, t
from hedong_cli.common.textsafe import has_undecodable, visible
from hedong_cli.tracking.workspace import Workspace

# typer >= 0.26 vendors click privately; reach its exception base through the public BadParameter.
_ClickException: type[Exception] = next(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException")
# ... and click's plain command class through the root group's bases (click's, or typer's vendored copy).
_ClickCommand: Any = next(cls for cls in TyperGroup.__mro__ if cls.__name__ == "Command")


class Command(NamedTuple):
    """One top-level command as ``hedong --help`` lists it, known without importing its module.

    (A NamedTuple: the class is built once per start-up, and a frozen dataclass costs several times more.)
    """

    name: str
    module: str  # imported only when this command runs (or its options are completed)
    help: str  # the first paragraph of the command's docstring (a test checks they agree)


# In the order of the weekly loop, which is the order a newcomer reads ``hedong --help`` in.
COMMANDS = (
    Command(
        "init",
        "hedong_cli.cli.init",
        "Start tracking a work report: draft its catalogue, check it, make it the one in use, ready the journal.",
    ),
    Command(
        "status",
        "hedong_cli.cli.status",
        "Show progress against 序时进度 (the share of the year elapsed), with each task's 预警 light.",
    ),
    Command("update", "hedong_cli.cli.entries", "Record a task's status, value and/or note in the journal."),
    Command(
        "show", "hedong_cli.cli.entries", "Show every field of one task and its full history, retractions included."
    ),
    Command("log", "hedong_cli.cli.entries", "List journal entries, newest first."),
    Command(
        "undo",
        "hedong_cli.cli.entries",
        "Retract the newest entry (or --entry N). The retraction is itself an entry: history keeps both.",
    ),
    Command(
        "brief",
        "hedong_cli.cli.brief",
        "Write the 督查通报: 总体情况, 主要进展, 存在问题, 下步工作要求, then 附件1 (tasks) and 附件2 (silent units).",
    ),
    Command(
        "assign",
        "hedong_cli.cli.workflow",
        "Assign tasks to a lead unit and partner units. History keeps every assignment (hedong show, hedong log).",
    ),
    Command(
        "plan",
        "hedong_cli.cli.plan",
        "Show or change a task's plan; export or import the 分工方案 (responsibility table).",
    ),
    Command(
        "units",
        "hedong_cli.cli.workflow",
        "Scorecard per lead unit: tasks led, done, green/yellow/red, newest report, tasks silent 28+ days.",
    ),
    Command(
        "city",
        "hedong_cli.cli.city",
        "The city's view: one row per district (one catalogue each, in one journal), from its own report.",
    ),
    Command(
        "export",
        "hedong_cli.cli.workflow",
        "Write the 台账 (ledger) for the units to fill: a summary sheet, then one sheet per section.",
    ),
    Command(
        "import",
        "hedong_cli.cli.workflow",
        "Read a filled ledger back: check every row, preview the changes, then record them in one transaction.",
    ),
    Command(
        "checkin",
        "hedong_cli.cli.checkin",
        "Weekly check-in: walk one unit's or one section's tasks and record each answer at once.",
    ),
    Command(
        "check",
        "hedong_cli.cli.admin",
        "Validate the catalogue (every problem as FILE:LINE: message) and the journal's entries.",
    ),
    Command(
        "where",
        "hedong_cli.cli.admin",
        "Print the catalogue and journal in use, where each choice came from, the journal's backend, "
        "and the settings file (版头, 版记, ledger header).",
    ),
    Command(
        "db",
        "hedong_cli.cli.database",
        "Set up the journal: create it on a server, copy it between SQLite and PostgreSQL, grant unit roles.",
    ),
    Command("catalog", "hedong_cli.cli.catalog", "Draft a catalogue from a work report, and compare catalogues."),
    Command(
        "serve", "hedong_cli.cli.serve", "Start the web desk where units report and the office reads (hedong[web])."
    ),
    Command(
        "user",
        "hedong_cli.cli.user",
        "Accounts of the web desk (hedong serve): add one for a unit or the office, list, reset, disable.",
    ),
)
COMMAND_ORDER = tuple(command.name for command in COMMANDS)
_REGISTERED = {command.name: command for command in COMMANDS}


class LazyCommands(MutableMapping[str, Any]):
    """The root group's commands: every registered name, each command built on first use.

    Building a command means importing its module (which registers it on ``app`` with typer's decorators)
    and turning that registration into a click command. Commands that a module already registered before
    the group was built (the ``commands`` typer hands over) are kept as they are, so a module imported
    eagerly still works; it only costs its import.
    """

    def __init__(self, built: MutableMapping[str, Any]) -> None:
        self.built = built
        self._listing = False

    def __getitem__(self, name: str) -> Any:
        if name not in self.built:
            if name in _REGISTERED:
                if self._listing:
                    return _Listed(_REGISTERED[name].help)
                __import__(_REGISTERED[name].module)  # not importlib: only __import__ shows in -X importtime
            elif self._listing:
                raise KeyError(name)
            else:
                # Not in the registry (a typo, or a command whose line was forgotten): every command module is
                # loaded, so a registered command still runs; ``tests/test_startup.py`` reports the missing line.
                _import_every_command_module()
            command = _registered_command(name)
            if command is None:
                raise KeyError(name)
            self.built[name] = command
        return self.built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        del self.built[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMAND_ORDER
        yield from (name for name in self.built if name not in _REGISTERED)

    def __len__(self) -> int:
        return len(set(COMMAND_ORDER) | set(self.built))

    def __contains__(self, name: object) -> bool:
        return name in _REGISTERED or name in self.built

    @contextmanager
    def listing(self) -> Iterator[None]:
        """Within: a command not built yet is looked up as a stand-in that knows only its help line."""
        self._listing = True
        try:
            yield
        finally:
            self._listing = False


class _Listed(NamedTuple):
    """What listing a command needs (``--help``, completing its name), without its module."""

    help: str
    hidden: bool = False
    deprecated: bool = False

    def get_short_help_str(self, limit: int = 45) -> str:
        # click's own shortening, from the module that defines click's Command (click's or typer's copy).
        return str(sys.modules[_ClickCommand.__module__].make_default_short_help(self.help, limit))


def _registered_command(name: str) -> Any:
    """The click command that an imported module registered on ``app`` as ``name``; None if none did."""
    import typer.main

    for info in app.registered_commands:
        if (info.name or typer.main.get_command_name(info.callback.__name__)) == name:  # type: ignore[union-attr]
            return typer.main.get_command_from_info(
                info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
            )
    for group in app.registered_groups:
        if (group.name or group.typer_instance.info.name) == name:  # type: ignore[union-attr]
            return typer.main.get_group_from_info(
                group,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
                suggest_commands=app.suggest_commands,
            )
    return None


def command_modules() -> list[str]:
    """Every module of the command-line package (each may register commands on ``app``)."""
    import pkgutil

    return [f"{__package__}.{module.name}" for module in pkgutil.iter_modules([str(Path(__file__).parent)])]


def _import_every_command_module() -> None:
    for module in command_modules():
        __import__(module)


class HedongGroup(TyperGroup):
    """The root group: lazy commands, and the one place where every failure becomes one line and a status."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.lazy = LazyCommands(self.commands)
        self.commands = self.lazy

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        with self.lazy.listing():  # the help lines come from the registry: listing loads no command module
            super().format_commands(ctx, formatter)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        with self.lazy.listing():  # completing a command's name too; completing its options loads it
            return list(super().shell_complete(ctx, incomplete))

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
            self._named_shell_completion(argv, prog_name or "hedong")
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

    def _named_shell_completion(self, argv: list[str], prog_name: str) -> None:
        """``--show-completion SHELL`` / ``--install-completion SHELL`` for the shell named.

        typer's two options are flags that guess the shell from the parent processes and leave the word
        after them unread, so ``hedong --show-completion zsh`` printed the script of whatever shell ran
        hedong (bash's from bash) and failed under ``sh``. A shell named after the option is honoured here;
        without one, typer's guess stays.
        """
        if len(argv) != 2 or argv[0] not in ("--show-completion", "--install-completion"):
            return
        shell = argv[1]
        if shell not in COMPLETION_SHELLS:
            return
        from typer import completion

        callback = completion.show_callback if argv[0] == "--show-completion" else completion.install_callback
        with self.context_class(self, info_name=prog_name) as ctx:
            callback(ctx, None, shell)  # type: ignore[arg-type]  # prints or installs, then exits 0


COMPLETION_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


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


class Session(Workspace):
    """What one command works with: the workspace (``hedong_cli.tracking.workspace``), and its terminal."""

    def echo(self, line: str, *, err: bool = False) -> None:
        """Print one line of plain text; control characters in it are made visible."""
        stream = self.env.err if err else self.env.out
        stream.write(visible(line) + "\n")


ROOT_LANG = "hedong.lang"  # ctx.meta key: the --lang given before the command name


def session(ctx: typer.Context, data: Path | None = None, db: str | None = None, lang: str | None = None) -> Session:
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment()
    # --lang after the command name wins over --lang before it (``hedong --lang en status``).
    chosen = lang or ctx.meta.get(ROOT_LANG) or env.lang or "zh"
    if chosen not in LANGS:
        raise InputError(t("bad_lang", lang=chosen))
    env.lang = chosen
    env.activate()
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
