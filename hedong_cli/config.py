"""The office's settings for the documents that leave it: 版头, 版记 and the ledger's unit.

A small YAML file (PyYAML is already a dependency; its safe loader keeps line numbers, so a mistake
is reported as ``FILE:LINE: message`` like the catalogue's). Lookup order, first match wins:

    1. ``--config PATH``
    2. ``$HEDONG_CONFIG``
    3. ``config.yaml`` in the user config directory (platformdirs: ``~/.config/hedong`` on Linux,
       ``~/Library/Application Support/hedong`` on macOS, ``%LOCALAPPDATA%\\hedong`` on Windows).

A file named by 1 or 2 must exist; the default file may be absent, and then every setting keeps its
neutral default: the 版头 reads 督查通报, and the 版记 lines with nothing configured are left out.

Keys (all optional)::

    issuer: 河东区人民政府督查室          # 发文机关标志 (red, in the 版头) and the issuing office
    printer: 河东区人民政府办公室         # 印发机关 (版记)
    copy_to: [区委办公室, 区人大常委会办公室]  # 抄送 (版记)
    contact: 联系人：张某　电话：12345678   # the contact line (版记)
    unit: 河东区人民政府督查室            # the unit named in a ledger's header when --unit is not given
    catalog: /home/me/.local/share/hedong/catalogs/河东区2026.yaml   # the catalogue in use (hedong init
                                          # writes it); a relative path is read from this file's folder.
                                          # --data and $HEDONG_DATA still come first.

Pure apart from reading the one file: no typer, no rich.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hedong_cli.errors import InputError
from hedong_cli.messages import t

CONFIG_NAME = "config.yaml"
MAX_CONFIG_BYTES = 64 * 1024  # a settings file; anything bigger is a wrong path
_TEXT_KEYS = ("issuer", "printer", "contact", "unit")
KEYS = (*_TEXT_KEYS, "copy_to", "catalog")
# The line ``hedong init`` writes: one JSON-quoted path (a YAML double-quoted scalar too). Finding the
# catalogue reads it with this pattern alone, so that choosing the catalogue never imports PyYAML.
_CATALOG_LINE = re.compile(r'^catalog:[ \t]*("(?:[^"\\\n]|\\.)*")[ \t]*$', re.MULTILINE)
_ANY_CATALOG_LINE = re.compile(r"^catalog[ \t]*:", re.MULTILINE)


@dataclass(frozen=True)
class Config:
    issuer: str = ""
    printer: str = ""
    copy_to: tuple[str, ...] = ()
    contact: str = ""
    unit: str = ""
    catalog: Path | None = None  # the catalogue chosen by ``hedong init`` (absolute, or as read)
    path: Path | None = None  # the file read, None when the defaults are in use


@dataclass(frozen=True)
class ConfigLocation:
    path: Path
    origin: str  # "flag", "env" or "default"


def config_path(flag: Path | None, environ: Mapping[str, str]) -> ConfigLocation:
    if flag is not None:
        return ConfigLocation(flag, "flag")
    if environ.get("HEDONG_CONFIG"):
        return ConfigLocation(Path(environ["HEDONG_CONFIG"]), "env")
    if sys.platform not in ("win32", "darwin"):
        # Every command now looks here for catalog:, so the XDG path is worked out without importing
        # platformdirs (about 13 ms), as paths.cache_dir does; the result is platformdirs' own.
        base = environ.get("XDG_CONFIG_HOME", "").strip()
        return ConfigLocation(Path(base or os.path.expanduser("~/.config")) / "hedong" / CONFIG_NAME, "default")
    from platformdirs import user_config_dir

    return ConfigLocation(Path(user_config_dir("hedong", appauthor=False)) / CONFIG_NAME, "default")


def read_config_text(location: ConfigLocation) -> str | None:
    """The settings file's text; None when the default file does not exist."""
    path = location.path
    try:
        # Checked before opening, as the catalogue is: opening a FIFO waits for a writer, /dev/zero never ends.
        if not stat.S_ISREG(path.stat().st_mode):
            raise InputError(f"{path}:0: {t('cfg_not_regular')}")
        with path.open("rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        if location.origin == "default":
            return None
        raise InputError(f"{path}:0: {t('cfg_missing')}") from None
    except OSError as exc:
        raise InputError(f"{path}:0: {t('cfg_unreadable', error=exc.strerror or exc)}") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise InputError(f"{path}:0: {t('cfg_too_big', kib=MAX_CONFIG_BYTES // 1024)}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}:0: {t('cfg_not_utf8')}") from None


def load_config(location: ConfigLocation) -> Config:
    """The settings at ``location``; the defaults when the default file does not exist."""
    text = read_config_text(location)
    return Config() if text is None else parse_config(text, location.path)


def configured_catalog(location: ConfigLocation) -> Path | None:
    """The ``catalog:`` of the settings file, or None. The line ``hedong init`` writes is read without
    PyYAML (start-up); any other spelling of the key is read by the full parser, with its checks.

    A settings file that does not exist names no catalogue, wherever it was named: the commands that
    need the settings themselves (版头, 版记) still say that it is missing."""
    text = read_config_text(ConfigLocation(location.path, "default"))
    if text is None or not _ANY_CATALOG_LINE.search(text):
        return None
    found = _CATALOG_LINE.findall(text)
    if len(found) == 1 and len(_ANY_CATALOG_LINE.findall(text)) == 1:
        import json

        try:
            return _beside(location.path, json.loads(found[0]))
        except ValueError:
            pass  # not JSON after all: the full parser says what is wrong
    return parse_config(text, location.path).catalog


def _beside(config: Path, value: str) -> Path:
    """A catalogue path from the settings: ``~`` expanded, a relative one read from the file's folder."""
    path = Path(value).expanduser()
    return path if path.is_absolute() else config.parent / path


def with_catalog(text: str, catalog: Path) -> str:
    """The settings text with its ``catalog:`` set to ``catalog`` (replacing any single-line one)."""
    import json

    kept = [line for line in text.splitlines() if not _ANY_CATALOG_LINE.match(line)]
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join([*kept, f"catalog: {json.dumps(str(catalog), ensure_ascii=False)}"]) + "\n"


def parse_config(text: str, path: Path) -> Config:
    """Validate the settings; the first problem raises ``InputError`` as ``FILE:LINE: message``."""
    from hedong_cli.catalog import _Problems, parse_yaml

    try:
        data = parse_yaml(text)
    except _Problems as problem:
        raise InputError(f"{path}:{problem.line}: {problem.message}") from None
    except RecursionError:
        raise InputError(f"{path}:1: {t('cat_yaml', error='nesting too deep')}") from None
    if data is None:
        return Config(path=path)
    if not isinstance(data, dict):
        raise InputError(f"{path}:{getattr(data, 'line', 1)}: {t('cfg_not_mapping')}")

    def line(key: str) -> int:
        return getattr(data, "key_lines", {}).get(key, getattr(data, "line", 1))

    def fail(key: str, message: str) -> InputError:
        return InputError(f"{path}:{line(key)}: {message}")

    for key in data:
        if key not in KEYS:
            raise fail(key, t("cat_unknown_key", key=key, allowed=", ".join(KEYS)))
    values: dict[str, Any] = {}
    for key in _TEXT_KEYS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise fail(key, t("cfg_not_text", key=key))
        values[key] = _one_line(value)
    catalog = data.get("catalog")
    if catalog is not None:
        if not isinstance(catalog, str) or not catalog.strip() or "\n" in catalog or "\x00" in catalog:
            raise fail("catalog", t("cfg_not_text", key="catalog"))
        values["catalog"] = _beside(path, catalog.strip())
    copy_to = data.get("copy_to")
    if isinstance(copy_to, str):  # one recipient, or a list typed as 区委办、区人大办
        copy_to = [part for part in copy_to.replace("，", "、").replace(",", "、").split("、")]
    if copy_to is not None:
        if not isinstance(copy_to, list) or not all(isinstance(item, str) for item in copy_to):
            raise fail("copy_to", t("cfg_not_list", key="copy_to"))
        values["copy_to"] = tuple(name for name in (_one_line(item) for item in copy_to) if name)
    return Config(path=path, **values)


def _one_line(text: str) -> str:
    """Settings are printed on one line: line breaks and runs of ASCII whitespace become one space.
    The ideographic space (U+3000) is kept: Chinese text uses it on purpose (联系人：张某　电话：…)."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", text).strip(" ")
