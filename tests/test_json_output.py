"""``dumps_json`` / ``json_chunks``: the fast indented encoder writes exactly what ``json.dumps`` would."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hedong_cli.common.textsafe import dumps_json, finite, json_chunks

C1_ESCAPES = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


def reference(data: Any, indent: int | None = 2) -> str:
    """The original definition: the stdlib's text, with DEL and C1 escaped, and null for NaN and infinities."""
    return json.dumps(finite(data), ensure_ascii=False, indent=indent).translate(C1_ESCAPES)


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and infinities included: written as null, never as NaN / Infinity
    | st.text()  # control characters, C1, surrogates-free Unicode, emoji
)
keys = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(keys, inner, max_size=5), max_leaves=40
)


@settings(max_examples=300, deadline=None)
@given(values)
def test_same_text_as_json_dumps(data: Any) -> None:
    expected = reference(data)
    assert dumps_json(data) == expected
    assert "".join(json_chunks(data)) == expected
    assert dumps_json(data, indent=None) == reference(data, indent=None)
    assert dumps_json(data, indent=4) == reference(data, indent=4)


def test_c1_and_del_are_escaped_and_round_trip() -> None:
    note = "a\x7fb\x85c\x9bd\x1be中🚧"
    text = dumps_json({"tasks": [{"note": note}]})
    assert not any(0x7F <= ord(char) <= 0x9F or (ord(char) < 0x20 and char != "\n") for char in text)
    assert json.loads(text)["tasks"][0]["note"] == note


def test_nan_and_infinity_are_never_written() -> None:
    text = dumps_json({"value": math.nan, "rows": [math.inf, -math.inf, 1.5]})
    assert "NaN" not in text and "Infinity" not in text
    assert json.loads(text) == {"value": None, "rows": [None, None, 1.5]}
    assert json.loads(dumps_json([math.nan], indent=None)) == [None]


def test_tuples_and_nested_empties() -> None:
    data = {"a": (1, 2.5, ()), "b": {}, "c": [[], {}], "d": [{"x": (True, None)}], "e": -math.inf}
    assert dumps_json(data) == reference(data)


def test_a_large_report_comes_in_pieces() -> None:
    data = {"summary": {"total": 3}, "tasks": [{"id": str(n), "note": "进展" * n} for n in range(1000)]}
    pieces = list(json_chunks(data))
    assert len(pieces) > 1000
    assert max(len(piece) for piece in pieces) < len(dumps_json(data)) / 100


@pytest.mark.parametrize("bad", [{"k": object()}, {(1, 2): 1}, [{1, 2}]])
def test_what_json_refuses_is_refused(bad: Any) -> None:
    with pytest.raises(TypeError):
        json.dumps(bad)
    with pytest.raises(TypeError):
        dumps_json(bad)


def test_compact_text_naming_nan_or_infinity_is_written_as_it_is() -> None:
    # The compact writer looks for the words to know whether to replace non-finite numbers: text holding them
    # must come out unchanged, with or without a real NaN beside it.
    data = {"note": "NaN Infinity -Infinity", "values": [1.5, "NaN"]}
    assert dumps_json(data, indent=None) == reference(data, indent=None)
    data["values"].append(math.nan)
    assert dumps_json(data, indent=None) == reference(data, indent=None)
    assert json.loads(dumps_json(data, indent=None))["values"] == [1.5, "NaN", None]


class Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("chosen", "tty", "indent"),
    [
        (None, True, 2),  # a person at a terminal: indented
        (None, False, None),  # a pipe or a file: compact
        ("4", False, 4),
        ("0", True, None),
        (" 3 ", False, 3),
        # Not a number from 0 to 8: passed over. "²" and "٣" are digits to str.isdigit, and int() refuses
        # more than 4,300 digits; a huge indent would fill a disk.
        ("9", False, None),
        ("-1", True, 2),
        ("²", False, None),
        ("٣", True, 2),
        ("9" * 5000, False, None),
        ("2; rm -rf /", False, None),
        ("", True, 2),
    ],
)
def test_json_indent_follows_the_variable_else_the_terminal(chosen: str | None, tty: bool, indent: int | None) -> None:
    from hedong_cli.common.env import Environment

    environ = {} if chosen is None else {"HEDONG_JSON_INDENT": chosen}
    assert Environment(environ=environ, stdout=Stream(tty)).json_indent() == indent  # type: ignore[arg-type]


def test_status_json_is_compact_in_a_pipe_and_indented_when_asked(tmp_path: Any) -> None:
    from tests.conftest import Hedong

    piped = Hedong(db=tmp_path / "journal.sqlite")("status", "--format", "json").stdout
    asked = Hedong(db=tmp_path / "journal.sqlite", extra_env={"HEDONG_JSON_INDENT": "2"})
    indented = asked("status", "--format", "json").stdout
    assert piped.count("\n") == 1 and indented.startswith('{\n  "as_of": ')
    assert json.loads(piped) == json.loads(indented)
    assert dumps_json(json.loads(indented), indent=None) + "\n" == piped


@pytest.mark.parametrize("size", range(8))
def test_compact_lists_written_in_batches_are_the_whole_list(size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from hedong_cli.common import textsafe

    monkeypatch.setattr(textsafe, "_COMPACT_BATCH", 3)
    tasks = [
        {"id": str(n), "value": math.nan if n == 4 else n / 3, "note": "\x85", "units": ["a", "b"]} for n in range(size)
    ]
    data = {"as_of": "2026-11-26", "tasks": tasks, "rows": tuple(range(size)), "empty": []}
    assert dumps_json(data, indent=None) == reference(data, indent=None)
    assert dumps_json(tasks, indent=None) == reference(tasks, indent=None)
