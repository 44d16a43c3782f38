"""The rules every recorded entry obeys, in one place.

Every entry point (``update``, ``checkin``, the ledger import, the 分工方案 form, ``plan``, the web desk)
checks what it records through these functions, and the server's database enforces the same limits
(``journal/schema.py`` builds its CHECK constraints from the constants below). Pure: no I/O.
"""

from __future__ import annotations

import math
import re

from hedong_cli.errors import InputError
from hedong_cli.messages import t

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

# C0, DEL, C1 and the bidirectional controls (the Trojan Source characters): a name holds none of them, and a
# right-to-left override in a table would make a cell read other than it is.
NAME_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def value_limit_text() -> str:
    """MAX_VALUE as people read it in a message: 1e15."""
    return f"{MAX_VALUE:.0e}".replace("e+", "e")


def check_note(note: str) -> str:
    """``note`` if it fits in a spreadsheet cell; else an ``InputError`` stating the limit."""
    if len(note) > MAX_NOTE:
        raise InputError(t("note_too_long", n=f"{len(note):,}", limit=f"{MAX_NOTE:,}"))
    return note


def value_in_bounds(value: float) -> bool:
    """Whether a value is finite and within MAX_VALUE (the database holds the same bound)."""
    return math.isfinite(value) and abs(value) <= MAX_VALUE


def unsafe_name_shown(name: str) -> str | None:
    """``name`` with its unsafe characters written as ``\\uXXXX`` escapes, or None when it has none."""
    if not NAME_UNSAFE.search(name):
        return None
    return NAME_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", name)
