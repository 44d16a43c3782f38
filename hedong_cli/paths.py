"""Where hedong finds its catalogue and its journal.

Lookup order, first match wins:

Catalogue (the YAML list of targets)
    1. ``--data PATH``
    2. ``$HEDONG_DATA``
    3. the catalogue shipped with hedong: ``hedong_cli/data/targets_2026.yaml`` inside the installed
       package, or ``data/targets_2026.yaml`` when running from a source checkout.

Journal (the SQLite progress log)
    1. ``--db PATH``
    2. ``$HEDONG_DB``
    3. ``journal.sqlite`` in the user data directory (platformdirs: ``~/.local/share/hedong`` on
       Linux, ``~/Library/Application Support/hedong`` on macOS, ``%LOCALAPPDATA%\\hedong`` on Windows).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CATALOG_NAME = "targets_2026.yaml"


@dataclass(frozen=True)
class Located:
    path: Path
    origin: str  # "flag", "env" or "default"


def shipped_catalog() -> Path:
    installed = PACKAGE_DIR / "data" / CATALOG_NAME
    if installed.is_file():
        return installed
    return PACKAGE_DIR.parent / "data" / CATALOG_NAME  # source checkout


def catalog_path(flag: Path | None, environ: Mapping[str, str]) -> Located:
    if flag is not None:
        return Located(flag, "flag")
    if environ.get("HEDONG_DATA"):
        return Located(Path(environ["HEDONG_DATA"]), "env")
    return Located(shipped_catalog(), "default")


def journal_path(flag: Path | None, environ: Mapping[str, str]) -> Located:
    if flag is not None:
        return Located(flag, "flag")
    if environ.get("HEDONG_DB"):
        return Located(Path(environ["HEDONG_DB"]), "env")
    from platformdirs import user_data_dir

    return Located(Path(user_data_dir("hedong", appauthor=False)) / "journal.sqlite", "default")
