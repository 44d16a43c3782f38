"""Where hedong finds its catalogue and its journal.

Lookup order, first match wins:

Catalogue (the YAML list of targets)
    1. ``--data PATH``
    2. ``$HEDONG_DATA``
    3. ``catalog:`` in the settings file (``hedong_cli.common.config``; ``hedong init`` writes it)
    4. the catalogue shipped with hedong: ``hedong_cli/data/targets_2026.yaml`` inside the installed
       package, or ``data/targets_2026.yaml`` when running from a source checkout.

Journal (the progress log: a SQLite file, or a PostgreSQL server given as ``postgresql://…``)
    1. ``--db PATH|URL``
    2. ``$HEDONG_DB``
    3. ``journal.sqlite`` in the user data directory (platformdirs: ``~/.local/share/hedong`` on
       Linux, ``~/Library/Application Support/hedong`` on macOS, ``%LOCALAPPDATA%\\hedong`` on Windows).

Catalogues made by ``hedong init``
    ``catalogs/KEY.yaml`` in the user data directory (the journal's folder above; ``$XDG_DATA_HOME/hedong``
    when set).

Catalogue cache (parsed catalogues, safe to delete at any time)
    1. ``$HEDONG_CACHE_DIR``
    2. the user cache directory (``~/.cache/hedong`` on Linux, ``$XDG_CACHE_HOME/hedong`` when set).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from hedong_cli.journal.location import JournalLocation

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # hedong_cli/, two levels up from common/paths.py
CATALOG_NAME = "targets_2026.yaml"


class Located(NamedTuple):  # a NamedTuple: cheaper to create at start-up than a frozen dataclass
    path: Path
    origin: str  # "flag", "env", "config" or "default"
    config: Path | None = None  # the settings file that named it (origin "config")


def shipped_catalog() -> Path:
    installed = PACKAGE_DIR / "data" / CATALOG_NAME
    if installed.is_file():
        return installed
    return PACKAGE_DIR.parent / "data" / CATALOG_NAME  # source checkout


def catalog_path(flag: Path | None, environ: Mapping[str, str], config_flag: Path | None = None) -> Located:
    if flag is not None:
        return Located(flag, "flag")
    if environ.get("HEDONG_DATA"):
        return Located(Path(environ["HEDONG_DATA"]), "env")
    from hedong_cli.common.config import config_path, configured_catalog

    settings = config_path(config_flag, environ)
    configured = configured_catalog(settings)
    if configured is not None:
        return Located(configured, "config", settings.path)
    return Located(shipped_catalog(), "default")


def data_dir(environ: Mapping[str, str]) -> Path:
    """hedong's folder in the user data directory (where the default journal lives).

    On XDG systems it is worked out here from ``environ`` (``$XDG_DATA_HOME``), as ``cache_dir`` does."""
    if sys.platform not in ("win32", "darwin"):
        base = environ.get("XDG_DATA_HOME", "").strip()
        return Path(base or os.path.expanduser("~/.local/share")) / "hedong"
    from platformdirs import user_data_dir

    return Path(user_data_dir("hedong", appauthor=False))


def catalogs_dir(environ: Mapping[str, str]) -> Path:
    """Where ``hedong init`` keeps the catalogues it makes (and ``hedong city`` finds them)."""
    return data_dir(environ) / "catalogs"


class LocatedJournal(NamedTuple):
    target: JournalLocation
    origin: str  # "flag", "env" or "default"


def journal_path(flag: str | Path | None, environ: Mapping[str, str]) -> LocatedJournal:
    from hedong_cli.journal.location import JournalLocation, parse_location

    if flag is not None:
        return LocatedJournal(parse_location(flag), "flag")
    if environ.get("HEDONG_DB"):
        return LocatedJournal(parse_location(environ["HEDONG_DB"]), "env")
    return LocatedJournal(JournalLocation(path=user_dir("data", environ) / "journal.sqlite"), "default")


def cache_dir(environ: Mapping[str, str]) -> Path:
    """Where parsed catalogues are cached: ``$HEDONG_CACHE_DIR``, else the user cache directory."""
    if environ.get("HEDONG_CACHE_DIR"):
        return Path(environ["HEDONG_CACHE_DIR"])
    return user_dir("cache", environ)


_XDG = {"data": ("XDG_DATA_HOME", "~/.local/share"), "cache": ("XDG_CACHE_HOME", "~/.cache")}


def user_dir(kind: str, environ: Mapping[str, str]) -> Path:
    """hedong's per-user ``data`` or ``cache`` directory, as platformdirs names it.

    On XDG systems (Linux, the BSDs) the path is worked out here, as platformdirs does, because importing
    platformdirs costs every command that uses the default journal about as much as the catalogue cache saves.
    """
    if sys.platform not in ("win32", "darwin"):
        variable, default = _XDG[kind]
        base = environ.get(variable, "").strip()
        return Path(base or os.path.expanduser(default)) / "hedong"
    import platformdirs

    chosen = platformdirs.user_data_dir if kind == "data" else platformdirs.user_cache_dir
    return Path(chosen("hedong", appauthor=False))
