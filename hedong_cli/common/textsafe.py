"""User text is data: helpers that keep notes, names and file contents from acting as code.

- ``visible``: for the terminal and plain text. C0/C1 control characters and DEL (ESC sequences
  among them) become visible escapes such as ``\\x1b``; newlines survive only where allowed. The
  invisible characters that reorder or hide text (bidirectional overrides and isolates U+202A-U+202E,
  U+2066-U+2069, the marks U+200E/U+200F/U+061C, zero-width U+200B-U+200D, U+2060-U+2064, U+FEFF)
  become ``\\u202e``-style escapes, so a note cannot make one row look like another. Stored text
  is never changed: only what is printed.
- ``dumps_json``: JSON that keeps CJK readable but escapes every control character, C1 included
  (``json.dumps`` alone lets U+0080-U+009F through, and some terminals act on them).
- ``md_text``: user text in Markdown (every md output: ``status --format md`` and ``brief``):
  HTML as entities, and every character that could start markup (links, images, emphasis, code)
  backslash-escaped, so ``<script>``, ``[x](javascript:…)`` and ``![](http://…)`` stay text.
- ``neutralise_formula`` / ``restore_formula``: OWASP CSV-injection guard for spreadsheets, and
  its exact inverse for the round trip.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

# The patterns are compiled on first use and json is imported by the JSON writers only: compiling them all and
# importing json cost every start-up (``--help`` included) about 5 % of its instructions.

# Invisible characters that reorder or hide text on screen (Unicode bidi controls and zero-width ones).
_INVISIBLE = "\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
# Lone surrogates: bytes that were not UTF-8 (os.fsdecode's surrogateescape); no UTF-8 stream can print them.
_INVISIBLE += "\ud800-\udfff"
_CONTROL = f"[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f{_INVISIBLE}]"  # all but newline; a tab becomes a space
_CONTROL_OR_NEWLINE = f"[\\x00-\\x1f\\x7f-\\x9f{_INVISIBLE}]"
_JSON_UNSAFE = r"[\x7f-\x9f]"  # DEL and C1: json.dumps(ensure_ascii=False) leaves them raw


@cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\t":
        return " "
    if char == "\n":
        return "\\n"
    if 0xDC80 <= ord(char) <= 0xDCFF:  # an undecodable byte, kept by surrogateescape: show the byte
        return f"\\x{ord(char) - 0xDC00:02x}"
    if ord(char) > 0xFF:
        return f"\\u{ord(char):04x}"
    return f"\\x{ord(char):02x}"


def visible(text: str | None, *, keep_newlines: bool = False) -> str:
    """Text safe to print on a terminal: no control character is left to act."""
    if not text:
        return ""
    pattern = _CONTROL if keep_newlines else _CONTROL_OR_NEWLINE
    if keep_newlines:
        text = text.replace("\r\n", "\n")
    return _pattern(pattern).sub(_escape, text)


def has_undecodable(text: str) -> bool:
    """Whether ``text`` holds lone surrogates: bytes that were not valid UTF-8 (an argument, a variable)."""
    try:
        text.encode("utf-8")  # strict UTF-8 refuses exactly the lone surrogates
    except UnicodeEncodeError:
        return True
    return False


def dumps_json(data: Any, *, indent: int | None = 2) -> str:
    """``data`` as JSON: indented by ``indent`` spaces, or on one compact line (None); see ``json_chunks``."""
    return "".join(json_chunks(data, indent=indent))


def json_chunks(data: Any, *, indent: int | None = 2) -> Iterator[str]:
    """``dumps_json(data)`` in pieces, so that a large report can be written as it is encoded.

    The text is exactly ``json.dumps(data, ensure_ascii=False, indent=indent)`` with DEL and C1 escaped and
    NaN and infinities as null (``finite``), but faster: with ``indent`` set, the stdlib takes its pure-Python
    path and first collects millions of fragments, which for a 20,000-task status cost 130 MiB and half a
    second. Here each member of a top-level value (each task of a status) is encoded whole, then handed over.
    Compact (``indent`` None): json's C encoder, a batch of a top-level list's members at a time
    (``_compact_chunks``), in about half the time.
    """
    if indent is None:
        for piece in _compact_chunks(data, 0):
            yield _escape_c1(piece)
        return
    step = " " * indent
    for piece in _chunks(data, "\n", step, 0):
        yield _escape_c1(piece)


def finite(data: Any) -> Any:
    """``data`` with every NaN and infinite float (values, not keys) replaced by None: JSON has no such number."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: finite(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [finite(value) for value in data]
    return data


_COMPACT_BATCH = 500  # members of a top-level list encoded by one call: the text held at a time stays small


def _compact_chunks(value: Any, depth: int) -> Iterator[str]:
    """``json.dumps(finite(value), ensure_ascii=False)`` in pieces: the top two levels walked here, as ``_chunks``
    walks them, and every list there encoded ``_COMPACT_BATCH`` members at a time by json's C encoder (one call
    per member cost more than the encoding; the whole text at once, 20,000 tasks' 70 MiB of str)."""
    if depth >= 2 or not value or not isinstance(value, (dict, list, tuple)):
        yield _compact(value)
    elif isinstance(value, dict):
        yield "{"
        for index, (key, item) in enumerate(value.items()):
            yield f"{', ' if index else ''}{_key(key)}: "
            yield from _compact_chunks(item, depth + 1)
        yield "}"
    else:
        yield "["
        for start in range(0, len(value), _COMPACT_BATCH):
            # "[a, b]" without its brackets; batches are joined as json joins members.
            yield (", " if start else "") + _compact(list(value[start : start + _COMPACT_BATCH]))[1:-1]
        yield "]"


def _compact(value: Any) -> str:
    import json

    text = json.dumps(value, ensure_ascii=False)
    # The C encoder writes a NaN or an infinity as such; walking the data to replace them first (``finite``)
    # cost more than the encoding. The text holds neither word unless one was there (or a string holds it):
    # only then is the value walked.
    if "NaN" in text or "Infinity" in text:
        text = json.dumps(finite(value), ensure_ascii=False)
    return text


def _escape_c1(text: str) -> str:
    # A regex pass, not str.translate: translate looks every character up in a dict, which took seconds
    # on a 20,000-task status; the regex scans in C and usually finds nothing.
    return _pattern(_JSON_UNSAFE).sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _chunks(value: Any, newline: str, step: str, depth: int) -> Iterator[str]:
    if depth >= 2 or not value or not isinstance(value, (dict, list, tuple)):
        yield _encode(value, newline, step)
        return
    inner = newline + step
    if isinstance(value, dict):
        yield "{"
        for index, (key, item) in enumerate(value.items()):
            yield f"{',' if index else ''}{inner}{_key(key)}: "
            yield from _chunks(item, inner, step, depth + 1)
        yield newline + "}"
    else:
        yield "["
        for index, item in enumerate(value):
            yield f"{',' if index else ''}{inner}"
            yield from _chunks(item, inner, step, depth + 1)
        yield newline + "]"


def _encode(value: Any, newline: str, step: str) -> str:
    """One value as ``json.dumps`` with ``indent`` writes it, nested at ``newline``."""
    if isinstance(value, str):
        return _encode_string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    inner = newline + step
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return f"[{inner}" + f",{inner}".join([_encode(item, inner, step) for item in value]) + f"{newline}]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{_key(key)}: {_encode(item, inner, step)}" for key, item in value.items()]
        return f"{{{inner}" + f",{inner}".join(items) + f"{newline}}}"
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _encode_string(text: str) -> str:
    """A JSON string as json.dumps writes it (non-ASCII kept); on first use this name is rebound to json's C
    function, so the recursive encoder pays neither an import nor an extra call per string."""
    global _encode_string
    from json.encoder import encode_basestring

    _encode_string = encode_basestring
    return str(encode_basestring(text))


def _key(key: Any) -> str:
    # json.dumps turns str, int, float, bool and None keys into strings, and refuses the rest.
    if isinstance(key, str):
        return _encode_string(key)
    if key is True or key is False or key is None:
        return _encode_string({True: "true", False: "false", None: "null"}[key])
    if isinstance(key, int):
        return _encode_string(int.__repr__(key))
    if isinstance(key, float):
        import json

        return _encode_string(json.dumps(key))  # a key is a string: "Infinity" is valid there
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _float(value: float) -> str:
    # NaN and Infinity are not JSON (json.dumps writes them anyway, and other readers then fail): null.
    if not math.isfinite(value):
        return "null"
    return float.__repr__(value)


# Characters that start Markdown markup inside a line: links and images ([ ]), emphasis (* _ ~), code (`),
# table cells (|) and the escape itself. < > & become entities instead (HTML and <autolinks>).
_MD_INLINE = r"([\\`*_\[\]~|])"
# What starts a block at the beginning of a line: a heading, quote, list item, rule or setext underline.
_MD_BLOCK_START = r"^(\s*|\s*\d+(?=[.)]))([#+=-]|(?<=\d)[.)])"


def md_text(text: str | None, *, inline: bool = False) -> str:
    """User text for any Markdown output (tables, headings, paragraphs): it reads as typed and never
    becomes markup. Control and invisible characters as in ``visible``; newlines become ``<br>``.

    HTML-significant characters become entities, so a renderer that allows raw HTML shows
    ``<script>`` or ``<img onerror=…>`` as text; ``[`` and ``]`` are backslash-escaped, so
    ``[x](javascript:…)`` and ``![](http://…)`` are neither links nor images; emphasis and code
    markers are escaped too, and, unless the text follows a marker on its line (``inline``: a table
    cell, a heading, a list item), so is a block marker (``#``, ``-``, ``1.``) at its start.
    CommonMark and GFM render every such escape as the bare character.
    """
    if not text:
        return ""
    text = visible(text, keep_newlines=True)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _pattern(_MD_INLINE).sub(r"\\\1", text)
    if not inline:
        text = _pattern(_MD_BLOCK_START).sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return text.replace("\n", "<br>")


def md_cell(text: str | None) -> str:
    """Markdown text after a marker on its line (a table cell, a heading, a list item): ``md_text``
    without the block-start escape, since such text cannot start a block."""
    return md_text(text, inline=True)


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
