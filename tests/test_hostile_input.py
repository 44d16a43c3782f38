"""Hostile input, property-based: whatever a catalogue, note, value or date holds, hedong answers
cleanly (a valid result or a located, one-line error) and never with a traceback.

Every test uses a derandomized hypothesis profile, so CI replays the same examples on every run,
and no deadline, since YAML parsing and table drawing vary in speed on shared machines.
"""

from __future__ import annotations

import json
import math
import re
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from hedong_cli.catalogue.model import COMPARATORS, KINDS, load_catalog
from hedong_cli.common.errors import CatalogError
from hedong_cli.common.rules import ESCAPE_SEQUENCE, NOTE_UNSAFE
from hedong_cli.journal import SQLiteJournal
from tests.conftest import CATALOG, TODAY, Hedong


def profile(max_examples: int) -> settings:
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


# Raw C0 (newline aside), DEL and C1: what a terminal could act on.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
INTERNAL = ("内部错误", "internal error", "Traceback")

REAL_CATALOG = load_catalog(CATALOG)
REAL_TEXT = CATALOG.read_text(encoding="utf-8")
AMOUNT_TASK = next(t for t in REAL_CATALOG.tasks if t.target is not None and not t.target.is_rate)
RATE_TASK = next(t for t in REAL_CATALOG.tasks if t.target is not None and t.target.is_rate)
PLAIN_TASK = next(t for t in REAL_CATALOG.tasks if t.target is None)


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    # Module-scoped: hypothesis runs many examples per test and warns about function-scoped fixtures.
    with tempfile.TemporaryDirectory(prefix="hedong-hostile-") as name:
        yield Path(name)


def write_catalogue(folder: Path, content: str | bytes) -> Path:
    path = Path(tempfile.mkstemp(suffix=".yaml", dir=folder)[1])
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def assert_valid_or_located(path: Path, content: str | bytes) -> None:
    """``load_catalog`` gives a catalogue or ``FILE:LINE: message`` problems; any other exception fails."""
    try:
        catalog = load_catalog(path)
    except CatalogError as exc:
        assert exc.problems
        lines = (content.count(b"\n") if isinstance(content, bytes) else content.count("\n")) + 1
        located = re.compile(rf"^{re.escape(str(path))}:(\d+): \S")
        for problem in exc.problems:
            assert "\n" not in problem and "\r" not in problem, f"a problem must be one line: {problem!r}"
            match = located.match(problem)
            assert match, f"not FILE:LINE: message: {problem!r}"
            assert 0 <= int(match.group(1)) <= lines + 1, problem
    else:
        assert catalog.tasks, "a catalogue that loads has tasks"


def assert_clean_check(hedong: Hedong, path: Path) -> None:
    result = hedong("check", "--data", str(path))
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    if result.exit_code == 0:
        assert result.stderr == ""
        return
    lines = result.stderr.split("\n")
    assert lines[-1] == "" and len(lines) > 1
    for line in lines[:-1]:
        assert re.match(r"^hedong: .+:\d+: .+", line), line
        assert not any(word in line for word in INTERNAL), line


# -- catalogues --------------------------------------------------------------------------------

# Every key the catalogue knows, so that generated documents reach deep into validation.
KNOWN_KEYS = (
    "year",
    "key",
    "source",
    "sections",
    "id",
    "title",
    "text",
    "kind",
    "tasks",
    "subsections",
    "target",
    "baseline",
    "due",
    "lead",
    "value",
    "unit",
    "comparator",
    "max",
)
HUGE_NUMBERS = (10**400, -(10**400), 2**64, 1e308, -0.0)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from(HUGE_NUMBERS),
    st.floats(),
    st.text(max_size=20),
    st.dates(),
    st.datetimes(),
)
anything = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KNOWN_KEYS) | st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def either(plausible: st.SearchStrategy) -> st.SearchStrategy:
    """A field that is usually well-formed and sometimes anything at all."""
    return st.one_of(plausible, plausible, anything)


numbers = st.one_of(st.integers(-5, 1000), st.floats(), st.sampled_from(HUGE_NUMBERS), st.integers())
short_text = st.text(min_size=0, max_size=24)
# Required keys are always there (with a value that is usually plausible) so that examples get past
# the first check and into the validation of targets, numbers and dates; extra keys come and go.
targets = st.fixed_dictionaries(
    {
        "value": either(numbers),
        "unit": either(st.sampled_from(["%", "个", "亿元", "万人"])),
        "comparator": either(st.sampled_from(COMPARATORS)),
    },
    optional={"max": either(numbers), "extra": anything},
)
baselines = st.fixed_dictionaries(
    {"value": either(numbers), "unit": either(st.sampled_from(["%", "个"])), "year": either(numbers)},
    optional={"extra": anything},
)
tasks = st.fixed_dictionaries(
    {
        "id": either(st.sampled_from(["0.1", "1.0.1", "1.1.1", "1.1.2", "1.1.01", "2.1.1", "1.1"])),
        "title": either(short_text),
        "text": either(short_text),
        "kind": either(st.sampled_from(["quantitative", *KINDS])),
    },
    optional={
        "target": either(targets),
        "baseline": either(baselines),
        "due": either(st.dates() | st.dates().map(date.isoformat)),
        "lead": either(short_text),
    },
)
subsections = st.fixed_dictionaries(
    {
        "id": either(st.sampled_from(["1.1", "1.2", "2.1"])),
        "title": either(short_text),
        "tasks": either(st.lists(tasks, max_size=3)),
    }
)
sections = st.fixed_dictionaries(
    {"id": either(st.sampled_from(["0", "1", "2"])), "title": either(short_text)},
    optional={
        "tasks": either(st.lists(tasks, max_size=3)),
        "subsections": either(st.lists(subsections, max_size=2)),
    },
)
catalogue_shaped = st.fixed_dictionaries(
    {"year": either(st.integers(1990, 2110)), "sections": either(st.lists(sections, max_size=3))},
    optional={"key": either(short_text), "source": either(st.dictionaries(short_text, scalars, max_size=3))},
)


@st.composite
def yaml_documents(draw: st.DrawFn) -> str | bytes:
    """Arbitrary YAML: dumped data (catalogue-shaped or not), raw YAML-ish text, or raw bytes."""
    form = draw(st.sampled_from(["shaped", "shaped", "shaped", "anything", "yamlish", "text", "bytes"]))
    if form in ("shaped", "anything"):
        data = draw(catalogue_shaped if form == "shaped" else anything)
        return yaml.safe_dump(
            data,
            allow_unicode=draw(st.booleans()),
            sort_keys=False,
            default_flow_style=draw(st.sampled_from([False, None, True])),
        )
    if form == "yamlish":
        return draw(st.text(alphabet="-:{}[],&*!|>'\"#%@`?\n\t 0123456789.year:id", max_size=200))
    if form == "text":
        return draw(st.text(max_size=200))
    return draw(st.binary(max_size=200))


# Values a key may take instead of its own: every YAML type, plus numbers no float can hold.
OTHER_VALUES = (
    "",
    "null",
    "~",
    "true",
    "[]",
    "{}",
    "[1, 2]",
    "{a: 1}",
    "-1",
    "0",
    "1e999",
    "-.inf",
    ".nan",
    "1" + "0" * 400,
    "0x1F",
    "2026-02-30",
    "2026-01-01",
    "2026-01-01 08:00:00",
    "'text'",
    '"\\u0000\\x1b[31m"',
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!str",
    "&anchor 1",
    "*anchor",
    "|\n  block",
    '"a\\nb"',
)
KEY_LINE = re.compile(r"^(?P<indent>\s*(?:- )?)(?P<key>[A-Za-z_]+):(?P<value>.*)$")
NUMBER_SLOT = re.compile(r"\b(?:value|max|year): (-?\d+(?:\.\d+)?)")  # the numbers in targets and baselines
NUMBER_SWAPS = ("-1", "0", "1e999", "-.inf", ".nan", "1" + "0" * 400, "-" + "9" * 400, "0x1F", "1_000", "2026-02-30")


def swap_number(draw: st.DrawFn, lines: list[str], replacements: st.SearchStrategy[str]) -> None:
    i = draw(st.sampled_from([n for n, line in enumerate(lines) if NUMBER_SLOT.search(line)]))
    token = draw(st.sampled_from(list(NUMBER_SLOT.finditer(lines[i]))))
    lines[i] = lines[i][: token.start(1)] + draw(replacements) + lines[i][token.end(1) :]


@st.composite
def number_swapped_catalogues(draw: st.DrawFn) -> str:
    """The real catalogue with one target or baseline number replaced by a number no float holds,
    a special float, or another type: each value validation must meet every one of them."""
    lines = REAL_TEXT.split("\n")
    swap_number(draw, lines, st.sampled_from(NUMBER_SWAPS))
    return "\n".join(lines)


@st.composite
def mutated_catalogues(draw: st.DrawFn) -> str:
    """The real catalogue with one to four edits: keys deleted, duplicated, renamed or retyped,
    numbers swapped, tabs and stray characters injected, lines moved, and perhaps a cut-off end."""
    lines = REAL_TEXT.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        keyed = [i for i, line in enumerate(lines) if KEY_LINE.match(line)]
        i = draw(st.sampled_from(keyed))
        match = KEY_LINE.match(lines[i])
        assert match is not None
        edit = draw(
            st.sampled_from(
                [
                    "delete",
                    "duplicate",
                    "rename",
                    "retype",
                    "retype",
                    "number",
                    "number",
                    "tab",
                    "inject",
                    "indent",
                    "swap",
                ]
            )
        )
        if edit == "delete":
            del lines[i]
        elif edit == "duplicate":
            lines.insert(i, lines[i])
        elif edit == "rename":
            key = draw(
                st.sampled_from(KNOWN_KEYS) | st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8)
            )
            lines[i] = f"{match['indent']}{key}:{match['value']}"
        elif edit == "retype":
            lines[i] = f"{match['indent']}{match['key']}: {draw(st.sampled_from(OTHER_VALUES))}"
        elif edit == "number":
            swap_number(draw, lines, st.sampled_from(NUMBER_SWAPS) | st.sampled_from(OTHER_VALUES))
        elif edit in ("tab", "inject"):
            column = draw(st.integers(0, len(lines[i])))
            extra = "\t" if edit == "tab" else draw(st.text(min_size=1, max_size=3))
            lines[i] = lines[i][:column] + extra + lines[i][column:]
        elif edit == "indent":
            lines[i] = lines[i][2:] if draw(st.booleans()) else "  " + lines[i]
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    text = "\n".join(lines)
    if draw(st.integers(0, 4)) == 0:
        text = text[: draw(st.integers(0, len(text)))]
    return text


# A target value no float can hold (it once escaped validation as an OverflowError).
HUGE_TARGET = (
    "year: 2026\nsections:\n  - id: '1'\n    title: t\n    tasks:\n"
    "      - {id: '1.0.1', title: t, text: t, kind: quantitative,\n"
    f"         target: {{value: {'9' * 400}, unit: 个, comparator: '>='}}}}\n"
)


@profile(150)
@given(content=yaml_documents())
@example(content=HUGE_TARGET)
@example(content='year: 2026\n"bad\\nkey": 1\nsections: []\n')
@example(content='year: 2026\n"bad\\u2028key\\x1b[2J": 1\nsections: []\n')
@example(content=b"\xff\xfe\x00not utf-8")
@example(content="")
def test_arbitrary_yaml_gives_a_catalogue_or_located_errors(scratch: Path, content: str | bytes) -> None:
    assert_valid_or_located(write_catalogue(scratch, content), content)


@profile(150)
@given(content=mutated_catalogues() | number_swapped_catalogues())
def test_mutated_real_catalogue_gives_a_catalogue_or_located_errors(scratch: Path, content: str) -> None:
    assert_valid_or_located(write_catalogue(scratch, content), content)


@profile(40)
@given(content=st.one_of(yaml_documents(), mutated_catalogues()))
@example(content='year: 2026\n"bad\\nkey": 1\nsections: []\n')
def test_check_command_answers_with_located_lines(scratch: Path, content: str | bytes) -> None:
    hedong = Hedong(db=scratch / "check.sqlite", extra_env={"HEDONG_CACHE_DIR": str(scratch / "cache")})
    assert_clean_check(hedong, write_catalogue(scratch, content))


# -- notes ---------------------------------------------------------------------------------------

SPECIALS = (
    "\x00",
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\x9b2J",
    "\x85",
    "\u202e",
    "\u200f",
    "\u2028",
    "[bold]x[/bold]",
    "[/]",
    "[link=file:///etc/passwd]y[/link]",
    "😀👩‍👩‍👧",
    "进展顺利",
    "\r\n",
    "\t",
    "=1+1",
    "\\",
    "|",
)
notes = st.lists(st.one_of(st.text(), st.sampled_from(SPECIALS)), max_size=8).map("".join)
# The longest note hedong stores (32,767 characters, the xlsx cell limit; test_nothing_lost.py checks the refusal).
LONGEST = ("[bold]进展\x1b[1m\x00😀\u202e[/]" * 8000)[:32_767]


def section_of(task_id: str) -> str:
    return task_id.split(".")[0]


@profile(25)
@given(note=notes)
@example(note=LONGEST)
@example(note="x" * 32_767)
@example(note="")
@example(note="".join(SPECIALS))
def test_any_note_round_trips_cleaned_and_never_reaches_the_terminal_raw(note: str) -> None:
    # A note keeps every character but escape sequences and control or bidi characters (line breaks and tabs
    # stay, CR LF becomes LF); when some were removed, one line on stderr says so.
    task = AMOUNT_TASK
    kept = NOTE_UNSAFE.sub("", ESCAPE_SEQUENCE.sub("", note.replace("\r\n", "\n").replace("\r", "\n")))
    with tempfile.TemporaryDirectory(prefix="hedong-note-") as folder, pytest.MonkeyPatch.context() as env:
        env.delenv("FORCE_COLOR", raising=False)  # piped output carries no styles unless forced
        hedong = Hedong(db=Path(folder) / "journal.sqlite")
        recorded = hedong("update", task.id, f"--note={note}")
        assert recorded.exit_code == 0, recorded.stderr
        removed = kept != note.replace("\r\n", "\n").replace("\r", "\n")
        assert recorded.stderr == ("（进展说明中的控制字符和转义序列已去除）\n" if removed else ""), recorded.stderr
        shown = json.loads(hedong("show", task.id, "--format", "json").stdout)
        assert shown["note"] == kept
        assert shown["history"][0]["note"] == kept
        status = json.loads(hedong("status", "--section", section_of(task.id), "--format", "json").stdout)
        assert next(t for t in status["tasks"] if t["id"] == task.id)["note"] == kept
        for table in (
            hedong("show", task.id, "--width", "120"),
            hedong("status", "--section", section_of(task.id), "--width", "120"),
            hedong("log", "--width", "120"),
        ):
            assert table.exit_code == 0 and table.stderr == ""
            assert not CONTROL.search(table.stdout), repr(CONTROL.search(table.stdout))


def test_markup_in_a_note_is_printed_as_text() -> None:
    note = "[bold red]x[/bold red] [/] [link=http://example.com]y[/link] :smile:"
    with tempfile.TemporaryDirectory(prefix="hedong-note-") as folder:
        hedong = Hedong(db=Path(folder) / "journal.sqlite")
        assert hedong("update", AMOUNT_TASK.id, f"--note={note}").exit_code == 0
        assert note in hedong("show", AMOUNT_TASK.id, "--width", "200").stdout
        assert note in hedong("log", "--width", "200").stdout


# -- values and dates ----------------------------------------------------------------------------

value_texts = st.one_of(
    st.floats().map(repr),
    st.integers(-1000, 10**6).map(str),
    st.sampled_from(["nan", "inf", "-inf", "1e309", "-0", "0x10", "1_000", "１２", " 5 ", "5,0", "", "1\x00", "2\n3"]),
    st.text(max_size=12),
)
date_texts = st.one_of(
    st.dates().map(date.isoformat),
    st.dates(min_value=date(2025, 12, 1), max_value=date(2026, 12, 31)).map(date.isoformat),
    st.sampled_from(["2026-02-29", "2026-11-27", "20261101", "2026-W01-1", " 2026-11-01 ", "", "2026-11-01\nX"]),
    st.text(max_size=12),
)
statuses = st.one_of(st.none(), st.sampled_from(["done", "已完成", "推进中", "Blocked"]), st.text(max_size=8))
task_ids = st.one_of(st.sampled_from([AMOUNT_TASK.id, RATE_TASK.id, PLAIN_TASK.id]), st.text(max_size=8))


def value_accepted(task_id: str, text: str) -> bool | None:
    """Whether --value TEXT should be accepted; None when the text is not a plain float literal."""
    try:
        value = float(text)
    except ValueError:
        return None
    task = REAL_CATALOG.by_id[task_id]
    return task.target is not None and math.isfinite(value) and (value >= 0 or task.target.is_rate)


def date_accepted(text: str) -> bool | None:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day.year == REAL_CATALOG.year and day <= TODAY


def snapshot(db: Path) -> tuple[bytes | None, bytes]:
    """The journal's bytes and its write-ahead log's (an absent log and an empty one hold the same)."""
    wal = db.with_name(db.name + "-wal")
    return (db.read_bytes() if db.exists() else None, wal.read_bytes() if wal.exists() else b"")


def entry_count(db: Path) -> int:
    with SQLiteJournal.for_reading(db) as journal:
        return journal.count(REAL_CATALOG.key)


def assert_clean_reject(result: Result) -> None:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.startswith("hedong: ") and result.stderr.count("\n") == 1, repr(result.stderr)
    assert not CONTROL.search(result.stderr.rstrip("\n")), repr(result.stderr)
    assert not any(word in result.stderr for word in INTERNAL), result.stderr


@profile(100)
@given(task_id=task_ids, value=st.none() | value_texts, day=st.none() | date_texts, status=statuses)
@example(task_id=AMOUNT_TASK.id, value="12", day="2026-11-01\nX", status=None)
@example(task_id="1.1\n.1", value="1", day=None, status=None)
@example(task_id=AMOUNT_TASK.id, value="1", day=None, status="done\nnow")
@example(task_id=RATE_TASK.id, value="-2.5", day="2026-01-01", status=None)
@example(task_id=PLAIN_TASK.id, value="3", day=None, status=None)
def test_values_and_dates_are_accepted_or_rejected_cleanly(
    scratch: Path, task_id: str, value: str | None, day: str | None, status: str | None
) -> None:
    hedong = Hedong(db=scratch / "values.sqlite")
    args = ["update", task_id, "--note=n"]
    args += [f"--value={value}"] if value is not None else []
    args += [f"--date={day}"] if day is not None else []
    args += [f"--status={status}"] if status is not None else []
    before, count = snapshot(hedong.db), entry_count(hedong.db)
    result = hedong(*args)
    if task_id in REAL_CATALOG.by_id and status is None:
        # For well-formed literals the outcome is known in advance.
        expected = [value_accepted(task_id, value) if value is not None else True]
        expected.append(date_accepted(day) if day is not None else True)
        if None not in expected:
            assert (result.exit_code == 0) == all(expected), (args, result.stderr)
    if result.exit_code == 0:
        assert result.stderr == ""
        assert entry_count(hedong.db) == count + 1
        with SQLiteJournal.for_reading(hedong.db) as journal:
            # The entry just written is the one with the highest id; an earlier example may have a later date.
            newest = max(journal.history(REAL_CATALOG.key), key=lambda entry: entry.id)
        assert newest.task_id == task_id.strip()
        if value is not None:
            assert newest.value == float(value)
        if day is not None:
            assert newest.effective == date.fromisoformat(day.strip())
    else:
        assert_clean_reject(result)
        assert snapshot(hedong.db) == before, "a rejected update must leave the journal untouched"


@profile(60)
@given(
    command=st.sampled_from(["status", "show", "log"]),
    day=date_texts,
    number=value_texts,
    fmt=st.sampled_from(["json", "table", "csv", "md", "xml", ""]),
)
def test_read_commands_accept_or_reject_any_option_value_cleanly(
    scratch: Path, command: str, day: str, number: str, fmt: str
) -> None:
    hedong = Hedong(db=scratch / "values.sqlite")
    if command == "status":
        args = ["status", f"--as-of={day}", f"--tolerance={number}", "--section=1", f"--format={fmt}"]
    elif command == "show":
        args = ["show", AMOUNT_TASK.id, f"--as-of={day}", f"--format={fmt}"]
    else:
        args = ["log", f"--since={day}", f"--limit={number}", f"--format={fmt}"]
    result = hedong(*args)
    if result.exit_code == 0:
        assert result.stderr == ""
    else:
        assert_clean_reject(result)


@profile(40)
@given(entry=st.integers(-3, 12) | st.integers() | st.text(max_size=6))
@example(entry=999)
def test_undo_of_any_entry_number_is_accepted_or_rejected_cleanly(scratch: Path, entry: int | str) -> None:
    hedong = Hedong(db=scratch / "undo.sqlite")
    if entry_count(hedong.db) == 0:
        for value in ("1", "2", "3"):
            assert hedong("update", AMOUNT_TASK.id, f"--value={value}").exit_code == 0
    with SQLiteJournal.for_reading(hedong.db) as journal:
        history = {e.id: e for e in journal.history(REAL_CATALOG.key)}
    target = history.get(entry) if isinstance(entry, int) else None
    undoable = target is not None and target.kind != "retract" and target.retracted_by is None
    before = snapshot(hedong.db)
    result = hedong("undo", f"--entry={entry}")
    if undoable:
        assert result.exit_code == 0 and result.stderr == "", result.stderr
        assert entry_count(hedong.db) == len(history) + 1
    else:
        assert_clean_reject(result)
        assert snapshot(hedong.db) == before
