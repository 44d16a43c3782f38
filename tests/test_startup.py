"""Start-up stays lean: which modules each kind of run loads (never how long it takes: no timed tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hedong_cli import __version__
from hedong_cli.cli import app
from tests.conftest import CATALOG, Hedong, installed_hedong

HEAVY = ("yaml", "sqlite3", "rich", "platformdirs", "docx", "openpyxl", "pydantic")


def loaded_after(args: list[str], tmp_path: Path, entry: str = "hedong_cli.launch") -> tuple[str, set[str]]:
    """Run hedong in a fresh interpreter; return its stdout and the top-level modules it had loaded."""
    # The launcher ends the process itself (``launch._leave``) after running the exit handlers: the probe
    # reports from one of those, so it sees the modules loaded at the very end either way.
    probe = (
        "import atexit, io, json, sys, contextlib\n"
        f"sys.argv = ['hedong', *{args!r}]\n"
        "out = io.StringIO()\n"
        "def report():\n"
        "    sys.stderr.write(json.dumps([out.getvalue(), sorted({m.split('.')[0] for m in sys.modules})]))\n"
        "atexit.register(report)\n"
        "contextlib.redirect_stdout(out).__enter__()\n"
        f"from {entry} import main\n"
        "main()\n"
    )
    env = {
        **os.environ,
        "HEDONG_DB": str(tmp_path / "journal.sqlite"),
        "HEDONG_DATA": str(CATALOG),
        "HEDONG_CACHE_DIR": str(tmp_path / "cache"),
        "HEDONG_TODAY": "2026-11-26",
    }
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    stdout, modules = json.loads(done.stderr.strip().splitlines()[-1])
    return stdout, set(modules)


def test_version_needs_neither_typer_nor_any_heavy_module(tmp_path: Path) -> None:
    stdout, modules = loaded_after(["--version"], tmp_path)
    assert stdout == f"hedong {__version__}\n"
    assert not modules & {"typer", "click", *HEAVY}


def test_version_text_is_the_same_through_typer() -> None:
    # ``hedong_cli.launch`` answers --version itself; the typer option must say the same.
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"hedong {__version__}\n"
    assert CliRunner().invoke(app, ["-V"]).stdout == result.stdout


def test_installed_script_goes_through_the_launcher() -> None:
    done = subprocess.run([installed_hedong(), "--version"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, f"hedong {__version__}\n")


def test_help_loads_no_catalogue_journal_or_table_code(tmp_path: Path) -> None:
    stdout, modules = loaded_after(["--help"], tmp_path)
    assert "status" in stdout and "update" in stdout
    assert not modules & set(HEAVY)


@pytest.mark.parametrize("entry", ["hedong_cli.launch", "hedong_cli.cli"])
def test_json_status_from_a_warm_cache_parses_no_yaml(tmp_path: Path, entry: str) -> None:
    first, modules = loaded_after(["status", "--format", "json"], tmp_path, entry)
    assert "yaml" in modules  # the first run parses the catalogue and fills the cache
    second, modules = loaded_after(["status", "--format", "json"], tmp_path, entry)
    assert second == first
    assert not modules & {"yaml", "rich", "docx", "openpyxl", "platformdirs"}
    assert json.loads(second)["summary"]["total"] == len(json.loads(first)["tasks"])


# -- lazy commands ----------------------------------------------------------------------------


def imported(args: list[str], tmp_path: Path, *, default_journal: bool = False) -> set[str]:
    """Every module ``hedong ARGS`` imports, as ``python -X importtime`` lists them (a fresh interpreter).

    ``default_journal``: no $HEDONG_DB, and a home folder of its own, so the user data directory is used."""
    probe = "import sys; sys.argv = ['hedong', *sys.argv[1:]]\nfrom hedong_cli.launch import main\nmain()\n"
    journal = {"HOME": str(tmp_path)} if default_journal else {"HEDONG_DB": str(tmp_path / "journal.sqlite")}
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("HEDONG_DB", "XDG_DATA_HOME")},
        **journal,
        "HEDONG_DATA": str(CATALOG),
        "HEDONG_CACHE_DIR": str(tmp_path / "cache"),
        "HEDONG_TODAY": "2026-11-26",
        "HEDONG_USER": "测试员",
    }
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", probe, *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    assert lines, done.stderr
    return {line.rsplit("|", 1)[1].strip() for line in lines[1:]}  # the first line is the header


# The faces each command may load: its own module and the shared ones, never another command's.
SHARED_FACES = {"hedong_cli.cli", "hedong_cli.cli.app", "hedong_cli.cli.complete", "hedong_cli.cli.options"}
NEVER_FOR_STATUS_OR_UPDATE = {"yaml", "docx", "openpyxl", "platformdirs", "psycopg", "psycopg2", "pydantic"}


def faces(modules: set[str]) -> set[str]:
    return {name for name in modules if name.startswith("hedong_cli.cli")}


# The message areas (hedong_cli/common/messages/*.py) are imported at the first message a command says.
MESSAGE_AREAS = {
    f"hedong_cli.common.messages.{path.stem}"
    for path in (Path(__file__).parents[1] / "hedong_cli" / "common" / "messages").glob("*.py")
    if path.stem != "__init__"
}
# What JSON output never needs: the terminal's tables, the CSV writer and the tables' labels, a word of the
# message table (it has none), and the dataclasses module (no record type on the path is one).
JSON_NEVER = {"rich", "hedong_cli.render.terminal", "csv", "hedong_cli.documents.labels", "dataclasses"}


@pytest.mark.parametrize(
    ("args", "own", "also_forbidden"),
    [
        (["status", "--format", "json"], {"hedong_cli.cli.status"}, JSON_NEVER | MESSAGE_AREAS),
        (["status"], {"hedong_cli.cli.status"}, set()),
        (
            ["update", "2.1.3", "--value", "3"],
            {"hedong_cli.cli.entries"},
            {"rich", "hedong_cli.render.terminal", "dataclasses"},
        ),
    ],
    ids=["status-json", "status", "update"],
)
def test_a_command_imports_only_its_own_module_and_what_it_needs(
    tmp_path: Path, args: list[str], own: set[str], also_forbidden: set[str]
) -> None:
    imported(["status", "--format", "json"], tmp_path)  # fills the catalogue cache
    modules = imported(args, tmp_path)
    assert own <= modules
    assert faces(modules) <= SHARED_FACES | own, faces(modules) - SHARED_FACES - own
    assert not {name.split(".")[0] for name in modules} & NEVER_FOR_STATUS_OR_UPDATE
    assert not modules & also_forbidden


def test_version_imports_neither_typer_nor_any_command(tmp_path: Path) -> None:
    modules = imported(["--version"], tmp_path)
    assert {name for name in modules if name.startswith("hedong_cli")} == {"hedong_cli", "hedong_cli.launch"}
    assert not {name.split(".")[0] for name in modules} & {"typer", "click", *HEAVY}


def test_help_imports_no_command_module(tmp_path: Path) -> None:
    modules = imported(["--help"], tmp_path)
    assert faces(modules) <= {"hedong_cli.cli", "hedong_cli.cli.app", "hedong_cli.cli.complete"}
    assert not modules & (MESSAGE_AREAS | {"dataclasses"})  # the help is the commands' own English


def test_the_message_areas_are_loaded_at_the_first_message(tmp_path: Path) -> None:
    modules = imported(["status", "--format", "md"], tmp_path)  # Markdown has labels
    assert modules >= MESSAGE_AREAS and len(MESSAGE_AREAS) >= 12


def test_json_status_compiles_none_of_the_rules_patterns(tmp_path: Path) -> None:
    # The rules' patterns (a name's or a note's unsafe characters, escape sequences) and the journal location's
    # keyword-conninfo pattern are compiled on first use: a report read from a journal file uses none of them.
    probe = (
        "import atexit, sys\n"
        "sys.argv = ['hedong', 'status', '--format', 'json']\n"
        "def report():\n"
        "    from hedong_cli.common import rules\n"
        "    from hedong_cli.journal import location\n"
        "    sys.stderr.write(f'compiled {rules.pattern.cache_info().currsize} '\n"
        "                     f'{location._keyword_conninfo.cache_info().currsize}')\n"
        "atexit.register(report)\n"
        "from hedong_cli.launch import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=script_env(tmp_path), timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.endswith("compiled 0 0"), done.stderr


def test_the_registry_names_every_command_with_its_own_help() -> None:
    # Once every registered module is imported, typer builds every command from the modules' own
    # registrations: the registry must name exactly those, in its order, with each one's help.
    import typer.main

    from hedong_cli.cli.app import COMMANDS, HedongGroup, command_modules

    for module in command_modules():  # every module of the package, registered or not
        __import__(module)
    group = typer.main.get_command(app)
    assert isinstance(group, HedongGroup)
    assert set(group.lazy.built) == {command.name for command in COMMANDS}
    assert group.list_commands(None) == [command.name for command in COMMANDS]
    for command in COMMANDS:
        real = group.lazy.built[command.name]
        assert command.help == " ".join(real.help.split("\n\n", 1)[0].split()), command.name
        lazy = typer.main.get_command(app)
        lazy.lazy.built.clear()  # as at start-up: nothing built yet, so the registry answers
        with lazy.lazy.listing():
            for width in (45, 67, 200):  # completion, --help at 80 columns, a wide terminal
                assert lazy.lazy[command.name].get_short_help_str(width) == real.get_short_help_str(width)


def test_completing_a_command_name_imports_no_command_module(tmp_path: Path) -> None:
    env = {**os.environ, "_HEDONG_COMPLETE": "complete_bash", "COMP_WORDS": "hedong u", "COMP_CWORD": "1"}
    probe = (
        "import atexit, sys\nsys.argv = ['hedong']\nfrom hedong_cli.launch import main\n"
        "faces = lambda: sorted(m for m in sys.modules if m.startswith('hedong_cli.cli'))\n"
        "atexit.register(lambda: sys.stderr.write(repr(faces())))\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.split() == ["update", "undo", "units", "user"]
    assert "hedong_cli.cli.entries" not in done.stderr and "hedong_cli.cli.workflow" not in done.stderr


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG directories are worked out on Linux only")
@pytest.mark.parametrize("xdg", [None, "/srv/xdg"])
def test_the_default_directories_are_platformdirs_own_without_importing_it(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    import platformdirs

    from hedong_cli.tracking.paths import cache_dir, journal_path

    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, f"{xdg}/{variable}")
    environ = dict(os.environ)
    expected = Path(platformdirs.user_data_dir("hedong", appauthor=False)) / "journal.sqlite"
    assert journal_path(None, environ).target.path == expected
    assert cache_dir(environ) == Path(platformdirs.user_cache_dir("hedong", appauthor=False))


def test_status_on_the_default_journal_imports_no_platformdirs(tmp_path: Path) -> None:
    modules = imported(["status", "--format", "json"], tmp_path, default_journal=True)
    assert "hedong_cli.journal" in modules and "platformdirs" not in modules


def test_a_command_missing_from_the_registry_still_runs(hedong: Hedong, monkeypatch: pytest.MonkeyPatch) -> None:
    # A forgotten registry line (the test above names it) must not make a command vanish: an unknown name
    # loads every command module and looks again.
    import importlib

    registry = importlib.import_module("hedong_cli.cli.app")  # the module: ``hedong_cli.cli.app`` is the Typer
    monkeypatch.delitem(registry._REGISTERED, "where")
    result = hedong("where")
    assert result.exit_code == 0, result.stderr
    assert "journal" in result.stdout
    unknown = hedong("wher")
    assert unknown.exit_code == 2 and "where" in unknown.stderr  # still a usage error, with the suggestion


# -- the exit: the launcher ends the process without the interpreter's teardown ---------------------------------


def script_env(tmp_path: Path) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("HEDONG_")},
        "HEDONG_DB": str(tmp_path / "journal.sqlite"),
        "HEDONG_DATA": str(CATALOG),
        "HEDONG_CACHE_DIR": str(tmp_path / "cache"),
        "HEDONG_TODAY": "2026-11-26",
        "HEDONG_USER": "测试员",
    }


def test_the_installed_script_writes_all_its_output_and_leaves_the_journal_closed(tmp_path: Path) -> None:
    script, env = installed_hedong(), script_env(tmp_path)
    update = subprocess.run([script, "update", "2.1.3", "--value", "3"], capture_output=True, env=env, timeout=60)
    assert update.returncode == 0, update.stderr
    # SQLite folds its write-ahead log into the file when the last connection closes: no -wal file left means
    # the command closed the journal itself, and did not leave it to the teardown the launcher skips.
    assert (tmp_path / "journal.sqlite").exists() and not (tmp_path / "journal.sqlite-wal").exists()
    # A large output through a pipe arrives whole, and the same as the command line gives in process.
    piped = subprocess.run([script, "status", "--format", "json"], capture_output=True, text=True, env=env, timeout=60)
    assert piped.returncode == 0, piped.stderr
    in_process = CliRunner().invoke(app, ["status", "--format", "json"], env=env)
    assert piped.stdout == in_process.stdout and len(piped.stdout) > 50_000
    assert [task["value"] for task in json.loads(piped.stdout)["tasks"] if task["id"] == "2.1.3"] == [3]


@pytest.mark.parametrize(
    ("args", "status"),
    [(["update", "9.9.9", "--value", "3"], 2), (["nosuch"], 2), (["status", "--format", "json"], 0)],
    ids=["bad-task", "bad-command", "success"],
)
def test_the_installed_script_keeps_each_exit_status(tmp_path: Path, args: list[str], status: int) -> None:
    done = subprocess.run([installed_hedong(), *args], capture_output=True, text=True, env=script_env(tmp_path))
    assert done.returncode == status
    assert (done.stderr.startswith("hedong: ") and done.stderr.count("\n") == 1) if status else done.stderr == ""


def test_exit_handlers_run_and_a_running_thread_is_waited_for(tmp_path: Path) -> None:
    # What the skipped teardown did that can matter is kept: the atexit handlers (temporary folders are
    # removed by one), and, while another thread runs, Python's own exit, which waits for it.
    probe = (
        "import atexit, sys, tempfile, threading, time\n"
        "folder = tempfile.TemporaryDirectory()\n"
        "print(folder.name, flush=True)\n"
        "atexit.register(lambda: sys.stderr.write('handler ran\\n'))\n"
        "if sys.argv[1] == 'thread':\n"
        "    threading.Thread(target=lambda: (time.sleep(0.3), sys.stderr.write('thread done\\n'))).start()\n"
        "sys.argv = ['hedong', 'status', '--format', 'json']\n"
        "from hedong_cli.launch import main\n"
        "main()\n"
    )
    for mode in ("alone", "thread"):
        done = subprocess.run(
            [sys.executable, "-c", probe, mode], capture_output=True, text=True, env=script_env(tmp_path), timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert "handler ran" in done.stderr
        assert not Path(done.stdout.splitlines()[0]).exists()  # the temporary folder is gone
        assert ("thread done" in done.stderr) == (mode == "thread")
