"""User text is data: helpers that keep notes, names and file contents from acting as code.

- ``visible``: for the terminal and plain text. C0/C1 control characters and DEL (ESC sequences
  among them) become visible escapes such as ``\\x1b``; newlines survive only where allowed.
- ``dumps_json``: JSON that keeps CJK readable but escapes every control character, C1 included
  (``json.dumps`` alone lets U+0080-U+009F through, and some terminals act on them).
- ``md_cell``: a Markdown table cell: ``|``, backslashes and newlines escaped.
- ``neutralise_formula`` / ``restore_formula``: OWASP CSV-injection guard for spreadsheets, and
  its exact inverse for the round trip.
"""

from __future__ import annotations

import json
import re
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_JSON_UNSAFE = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\t":
        return " "
    if char == "\n":
        return "\\n"
    return f"\\x{ord(char):02x}"


def visible(text: str | None, *, keep_newlines: bool = False) -> str:
    """Text safe to print on a terminal: no control character is left to act."""
    if not text:
        return ""
    pattern = _CONTROL if keep_newlines else _CONTROL_OR_NEWLINE
    if keep_newlines:
        text = text.replace("\r\n", "\n")
    return pattern.sub(_escape, text)


def dumps_json(data: Any, *, indent: int | None = 2) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent).translate(_JSON_UNSAFE)


def md_cell(text: str | None) -> str:
    if not text:
        return ""
    text = visible(text, keep_newlines=True)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """Prefix a cell that a spreadsheet would run as a formula with an apostrophe (OWASP)."""
    if text.startswith(FORMULA_START) or (text.startswith("'") and text[1:].startswith((*FORMULA_START, "'"))):
        return "'" + text
    return text


def restore_formula(text: str) -> str:
    """Undo ``neutralise_formula`` exactly."""
    if text.startswith("'") and text[1:].startswith((*FORMULA_START, "'")):
        return text[1:]
    return text
