"""Every user-facing word in one place, in Chinese (default) and English.

``t(key, **params)`` formats a message in the current language. The CLI sets the language once
from ``--lang`` or ``HEDONG_LANG``; core modules only call ``t``.

The table is kept by area, one module each, every one a plain dict ``MESSAGES`` of key: (中文, English);
this package joins them into the one ``MESSAGES`` everything reads. A key belongs to one area only: the same
key in two areas stops the first lookup (``t``, or reading ``MESSAGES``). ``tests/test_messages.py`` checks that
every key the package uses exists, that every key is used, and that both languages take the same
``{placeholders}``.
"""

from __future__ import annotations

import threading
from contextvars import ContextVar
from typing import Any

LANGS = ("zh", "en")
# The language belongs to the command's ``Environment`` (``Environment.lang``), which makes it the one
# spoken here with ``Environment.activate()``. It is held per context, not in a plain global, so that two
# requests served at once (a web face) each speak their own.
_lang: ContextVar[str] = ContextVar("hedong_lang", default="zh")


def set_lang(lang: str) -> None:
    _lang.set(lang if lang in LANGS else "zh")


def get_lang() -> str:
    return _lang.get()


def t(key: str, /, **params: object) -> str:
    zh, en = _TABLE.get(key) or _load()[key]
    text = zh if _lang.get() == "zh" else en
    return text.format(**params) if params else text


STATUS_NAMES: dict[str, tuple[str, str]] = {
    "not_started": ("未启动", "not started"),
    "in_progress": ("推进中", "in progress"),
    "done": ("已完成", "done"),
    "blocked": ("受阻", "blocked"),
    "adjusted": ("已调整", "adjusted"),
}
LIGHT_NAMES: dict[str, tuple[str, str]] = {
    "green": ("绿", "green"),
    "yellow": ("黄", "yellow"),
    "red": ("红", "red"),
}
KIND_NAMES: dict[str, tuple[str, str]] = {
    "quantitative": ("量化指标", "quantitative"),
    "milestone": ("节点任务", "milestone"),
    "ongoing": ("常态工作", "ongoing"),
}


def status_name(status: str) -> str:
    return STATUS_NAMES[status][0 if _lang.get() == "zh" else 1]


def status_key(text: str) -> str | None:
    """The status a person typed (its key, Chinese or English name, any case), or None."""
    typed = text.strip().lower()
    return next((key for key, (zh, en) in STATUS_NAMES.items() if typed in (key, zh, en)), None)


def light_name(light: str) -> str:
    return LIGHT_NAMES[light][0 if _lang.get() == "zh" else 1]


def kind_name(kind: str) -> str:
    return KIND_NAMES[kind][0 if _lang.get() == "zh" else 1]


# The areas are read when the first message is (``_load``), not when this package is imported: ``status
# --format json`` and ``--help`` say no word of them, and importing the twelve tables cost those commands about
# 2 % of their instructions.
_AREA_NAMES = (  # roughly from the records up to the faces; a new message goes in the area of the code that says it
    "catalogue",
    "journal",
    "server",
    "entries",
    "status",
    "workflow",
    "ledger",
    "plan",
    "briefing",
    "city",
    "web",
    "cli",
)
_TABLE: dict[str, tuple[str, str]] = {}  # MESSAGES once loaded; empty until the first lookup
_AREAS: dict[str, dict[str, tuple[str, str]]] = {}
_LOADING = threading.Lock()  # a web face's threads may ask for their first message at once


def assemble(areas: dict[str, dict[str, tuple[str, str]]]) -> dict[str, tuple[str, str]]:
    """The areas' tables as one. A key in two areas would silently speak one area's words in the other's
    place, so it stops the lookup instead."""
    table: dict[str, tuple[str, str]] = {}
    for name, messages in areas.items():
        twice = sorted(table.keys() & messages.keys())
        if twice:
            first = next(earlier for earlier, held in areas.items() if twice[0] in held)
            raise RuntimeError(f"messages area {name} defines keys area {first} already has: {', '.join(twice)}")
        table.update(messages)
    return table


def _load() -> dict[str, tuple[str, str]]:
    """Import every area and join them, once; the joined table (``MESSAGES``)."""
    with _LOADING:
        if not _TABLE:
            areas = {name: __import__(f"{__name__}.{name}", fromlist=["MESSAGES"]).MESSAGES for name in _AREA_NAMES}
            table = assemble(areas)
            _AREAS.update(areas)
            _TABLE.update(table)  # last: a reader that finds the table filled finds it whole
    return _TABLE


def __getattr__(name: str) -> Any:
    # ``MESSAGES`` (key: (中文, English)) and ``AREAS`` (each area's table by the area's name) are read on demand.
    if name == "MESSAGES":
        return _load()
    if name == "AREAS":
        _load()
        return _AREAS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
