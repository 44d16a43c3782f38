"""The rules every recorded entry obeys, in one place.

Every entry point (``update``, ``checkin``, the ledger import, the 分工方案 form, ``plan``, the web desk)
checks what it records through these functions, and the server's database enforces the same limits
(``journal/checks.py`` builds its CHECK constraints and triggers from the constants below). Pure: no I/O.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import t

# The statuses an entry may carry (the labels are in the message table, ``status_<name>``).
STATUSES = ("not_started", "in_progress", "done", "blocked", "adjusted")

# The longest note: an xlsx cell holds at most 32,767 characters, and a longer note would be cut in its
# own export, which import would then refuse as an edited protected cell.
MAX_NOTE = 32_767
# The largest value (in absolute terms): no target of a district report comes near it, and beyond it a
# float no longer holds every whole number, nor prints in a form that keeps a table's columns intact.
MAX_VALUE = 1e15
# Names of people and units (分管区领导, 牵头/配合单位, 填报人): a pasted paragraph is a mistake.
MAX_NAME_CHARS = 100
# A reason given for a change (调整说明 of a moved deadline, a 退回): a paragraph, not a document.
MAX_REASON_CHARS = 1_000

# A deadline further than this many years after the catalogue's year is a typo (9999-12-31) unless the change
# says why (--reason, or the 调整说明 cell of the 分工方案).
MAX_YEARS_AHEAD = 5

# The bidirectional controls (the Trojan Source characters): a right-to-left override in a table would make a
# cell read other than it is.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# The patterns' sources. Each is compiled on first use (``NAME_UNSAFE`` and the others below are read through the
# module's ``__getattr__``): compiling all three at import cost every command that loads the rules (``status``
# among them) about 2 % of its instructions, and most never check a name or a note.
PATTERN_SOURCES = {
    # C0, DEL, C1 and the bidirectional controls: a name or a reason holds none of them. One character class:
    # the server's CHECK constraints are built from its ranges (``journal/checks.py``).
    "NAME_UNSAFE": f"[\x00-\x1f\x7f-\x9f{_BIDI}]",
    # The same for a note, which keeps its line breaks and tabs (it is prose, pasted from a document).
    "NOTE_UNSAFE": f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]",
    # A terminal's escape sequences (CSI such as the arrow keys' ESC [ D, SS3, OSC ... BEL/ST, the 8-bit CSI):
    # removed whole, so that no "[31m" is left behind when the ESC itself goes.
    "ESCAPE_SEQUENCE": r"\x1b\[[0-?]*[ -/]*[@-~]|\x1bO[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]",
}


@cache
def pattern(name: str) -> re.Pattern[str]:
    """The compiled pattern ``name`` of ``PATTERN_SOURCES``, compiled once."""
    return re.compile(PATTERN_SOURCES[name])


def __getattr__(name: str) -> re.Pattern[str]:
    # ``rules.NAME_UNSAFE`` and ``from hedong_cli.common.rules import NOTE_UNSAFE`` keep working, compiled then.
    if name in PATTERN_SOURCES:
        return pattern(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def value_limit_text() -> str:
    """MAX_VALUE as people read it in a message: 1e15."""
    return f"{MAX_VALUE:.0e}".replace("e+", "e")


def check_note(note: str) -> str:
    """``note`` if it fits in a spreadsheet cell; else an ``InputError`` stating the limit."""
    if len(note) > MAX_NOTE:
        raise InputError(t("note_too_long", n=f"{len(note):,}", limit=f"{MAX_NOTE:,}"))
    return note


def strip_unsafe(text: str, *, multiline: bool = False) -> str:
    """``text`` without escape sequences and without the characters ``NAME_UNSAFE`` names; ``multiline`` keeps
    line breaks (any of CRLF, CR, LF, as LF) and tabs, as a note does (``NOTE_UNSAFE``)."""
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    unsafe = pattern("NOTE_UNSAFE" if multiline else "NAME_UNSAFE")
    return unsafe.sub("", pattern("ESCAPE_SEQUENCE").sub("", text))


def clean_note(note: str) -> tuple[str, bool]:
    """A note as it may be stored, and whether anything was removed from it.

    A note is prose, often pasted from a document, a chat or a terminal, which bring along characters nobody
    sees: a bidi mark, an escape sequence. They are removed (and the caller tells the person so) rather than
    refused, since a refusal would name a character the writer cannot see to delete; names and reasons, short
    and typed on purpose, are refused instead (``check_name``). Checked against ``MAX_NOTE`` after cleaning.
    """
    cleaned = strip_unsafe(note, multiline=True)
    check_note(cleaned)
    return cleaned, cleaned != note.replace("\r\n", "\n").replace("\r", "\n")


def _check_text(field: str, text: str, limit: int) -> str:
    shown = unsafe_name_shown(text)
    if shown is not None:
        raise InputError(t("name_unsafe", field=field, name=shown))
    if len(text) > limit:
        raise InputError(t("name_too_long", field=field, n=f"{len(text):,}", max=f"{limit:,}", start=text[:10]))
    return text


def check_name(field: str, text: str) -> str:
    """A name (分管区领导, 牵头/配合单位, 填报人) as typed, stripped: refused with an ``InputError`` naming
    ``field`` when it holds a control or bidi character or is longer than ``MAX_NAME_CHARS``. Blank gives ""."""
    return _check_text(field, text.strip(), MAX_NAME_CHARS)


def check_reason(text: str) -> str:
    """A reason (调整说明) as typed, stripped: one paragraph, so line breaks (a cell's Alt+Enter) read as spaces;
    refused when it holds a control or bidi character or is longer than ``MAX_REASON_CHARS``."""
    one_line = " ".join(part.strip() for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return _check_text(t("field_reason"), one_line.strip(), MAX_REASON_CHARS)


def latest_due(year: int) -> date:
    """The latest deadline a plan takes without a reason: the last day of ``year + MAX_YEARS_AHEAD``."""
    return date(year + MAX_YEARS_AHEAD, 12, 31)


def unsafe_name_shown(name: str) -> str | None:
    """``name`` with its unsafe characters written as ``\\uXXXX`` escapes, or None when it has none."""
    unsafe = pattern("NAME_UNSAFE")
    if not unsafe.search(name):
        return None
    return unsafe.sub(lambda m: f"\\u{ord(m.group()):04x}", name)
