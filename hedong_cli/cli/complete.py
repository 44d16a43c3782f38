"""Shell completion (typer's ``--install-completion`` / ``--show-completion``): what each option can take.

Completion runs the whole command line on every Tab, so these functions stay cheap: task ids come from
the parsed-catalogue cache, unit names from the catalogue and a read-only look at the journal (which
is never opened for writing, and not at all when it does not exist yet). Any failure completes nothing:
a broken journal must not print a traceback into the user's shell.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hedong_cli.common.messages import LIGHT_NAMES, STATUS_NAMES

FORMATS = {
    "status": ("table", "json", "csv", "md"),
    "units": ("table", "json", "csv"),
    "show": ("table", "json"),
    "log": ("table", "json"),
    "export": ("xlsx", "csv", "json"),
    "brief": ("md", "txt", "html", "docx"),
}


def _root_params(ctx: Any) -> dict[str, Any]:
    params: dict[str, Any] = {}
    while ctx is not None:
        params = {**(ctx.params or {}), **params}
        ctx = ctx.parent
    return params


def _catalog(ctx: Any) -> Any:
    import os

    from hedong_cli.catalogue.cache import load_catalog
    from hedong_cli.tracking.paths import cache_dir, catalog_path

    data = _root_params(ctx).get("data")
    return load_catalog(catalog_path(Path(data) if data else None, os.environ).path, cache_dir(os.environ))


def plain_descriptions() -> None:
    """Descriptions (task titles) reach the shell as plain text with control characters made visible.

    typer passes each description through rich's markup renderer, which imports rich and typer's help
    formatting (about half of a completion's time) and would read a title containing "[...]" as markup.
    hedong's own help texts contain no markup, so the plain path is both faster and exact."""
    from typer import _completion_classes

    from hedong_cli.common.textsafe import visible

    if hasattr(_completion_classes, "_sanitize_help_text"):
        _completion_classes._sanitize_help_text = visible


def task_ids(ctx: Any, incomplete: str) -> Iterator[tuple[str, str]]:
    """Task ids that start with what was typed, each with its title as the description."""
    try:
        catalog = _catalog(ctx)
    except Exception:
        return
    for task in catalog.tasks:
        if task.id.startswith(incomplete):
            yield task.id, task.title


def unit_names(ctx: Any, incomplete: str) -> Iterator[str]:
    """Lead and partner units: from the catalogue's lead fields and the journal's assignments."""
    import os
    from datetime import date

    try:
        from hedong_cli.journal import open_reader
        from hedong_cli.tracking.paths import journal_path

        catalog = _catalog(ctx)
        units = {task.lead for task in catalog.tasks if getattr(task, "lead", None)}
        db = _root_params(ctx).get("db")
        target = journal_path(db or None, os.environ).target
        # Only a local file: completion must answer at once, and a server may take seconds to answer.
        if target.path is not None and target.path.is_file():
            with open_reader(target, os.environ) as journal:
                states = journal.latest(catalog.key, date(catalog.year, 12, 31), [task.id for task in catalog.tasks])
            for state in states.values():
                units.update(unit for unit in (state.lead, *(state.partners or ())) if unit)
    except Exception:
        return
    yield from sorted(unit for unit in units if unit and unit.startswith(incomplete))


def status_names(incomplete: str) -> Iterator[tuple[str, str]]:
    """Every status, by its English key and its Chinese name."""
    for key, (zh, _en) in STATUS_NAMES.items():
        for name, other in ((key, zh), (zh, key)):
            if name.startswith(incomplete):
                yield name, other


def light_names(incomplete: str) -> Iterator[tuple[str, str]]:
    for key, (zh, _en) in LIGHT_NAMES.items():
        for name, other in ((key, zh), (zh, key)):
            if name.startswith(incomplete):
                yield name, other


def formats_for(command: str) -> Any:
    def complete(incomplete: str) -> list[str]:
        return [name for name in FORMATS[command] if name.startswith(incomplete)]

    return complete


def languages(incomplete: str) -> list[tuple[str, str]]:
    return [(code, name) for code, name in (("zh", "中文"), ("en", "English")) if code.startswith(incomplete)]
