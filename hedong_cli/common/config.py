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
    recipients: 各街道办事处，区政府各委、办、局，各有关单位：   # 主送 of the 通报
    requirements:                        # standing 下步工作要求, after the generated ones
      - 压实工作责任。各牵头单位要……
    series:                              # each kind of 通报 its own 发文机关标志 and 期号 series
      week: {issuer: 督查通报, first: 10}  # 2026-W10 is 第1期 of the weekly series
      quarter: {issuer: 督查通报（季度）}   # first defaults to 1: Q3 is 第3期
    reporting: {period: month, due_day: 25}   # units report monthly, by the 25th (月报: 每月25日前);
                                          # {period: week, due_weekday: 5}: weekly, by Friday (周报: 每周五前)

Defaults: reporting weekly, due on Friday (``Reporting()``: the ISO week is also what ``hedong brief``
reports by default, and 周报 due 每周五前 is the commonest rule in published 分工方案);
主送 ``DEFAULT_RECIPIENTS``; the 下步工作要求 ``DEFAULT_REQUIREMENTS``; 印发机关 the issuer.
A 版记 or 主送 key (printer, copy_to, contact, recipients) that is malformed does not stop a
briefing: it falls back to its default and ``Config.warnings`` says so (the brief command prints
them on stderr), and a 抄送 line is never printed empty. A missing 主送 or 印发机关 is noted too.

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

from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import t

CONFIG_NAME = "config.yaml"
MAX_CONFIG_BYTES = 64 * 1024  # a settings file; anything bigger is a wrong path
_TEXT_KEYS = ("issuer", "printer", "contact", "unit", "recipients")
KEYS = (*_TEXT_KEYS, "copy_to", "requirements", "series", "catalog", "colophon_even_page", "reporting")
SOFT_KEYS = ("printer", "contact", "recipients", "copy_to")  # 版记 and 主送: a fault falls back, with a warning
SERIES_KINDS = ("week", "month", "quarter", "half")
MAX_REQUIREMENTS = 10
REPORTING_PERIODS = ("week", "month")


@dataclass(frozen=True)
class Series:
    """One kind of 通报's 发文机关标志 ("" = the issuer) and the period number that is its 第1期."""

    issuer: str = ""
    first: int = 1


@dataclass(frozen=True)
class Reporting:
    """How often the units report, and by which day: weekly by a weekday (1 = Monday … 7 = Sunday), or
    monthly by a day of the month (a day past the month's end means its last day)."""

    period: str = "week"
    due_weekday: int = 5
    due_day: int = 25

    def describe(self) -> str:
        """周报：每周五前 / 月报：每月25日前 (also what ``hedong where`` prints)."""
        if self.period == "month":
            return t("cfg_reporting_month", day=self.due_day)
        return t("cfg_reporting_week", weekday=t(f"cfg_weekday_{self.due_weekday}"))


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
    recipients: str = ""  # 主送; "" = the default (messages: tb_recipients_default)
    requirements: tuple[str, ...] | None = None  # None = the default standing requirements
    series: tuple[tuple[str, Series], ...] = ()  # (kind, Series)
    warnings: tuple[str, ...] = ()  # faults in the 版记 and 主送 keys that fell back to defaults
    path: Path | None = None  # the file read, None when the defaults are in use
    colophon_even_page: bool = False  # GB/T 9704: the 版记 on an even page (the back of a sheet)
    reporting: Reporting = Reporting()  # when the units report (the web desk's period, due day and 催办)

    def series_for(self, kind: str) -> Series:
        return dict(self.series).get(kind, Series())


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

    return "\n".join([*_other_lines(text), f"catalog: {json.dumps(str(catalog), ensure_ascii=False)}"]) + "\n"


def without_catalog(text: str) -> str:
    """The settings text with no ``catalog:`` line: the shipped catalogue is then the one in use, wherever an
    upgrade of hedong moves it."""
    kept = _other_lines(text)
    return "\n".join(kept) + "\n" if kept else ""


def _other_lines(text: str) -> list[str]:
    kept = [line for line in text.splitlines() if not _ANY_CATALOG_LINE.match(line)]
    while kept and not kept[-1].strip():
        kept.pop()
    return kept


def parse_config(text: str, path: Path) -> Config:
    """Validate the settings; the first problem raises ``InputError`` as ``FILE:LINE: message``."""
    from hedong_cli.common.yamlfile import YamlProblem, parse_yaml

    try:
        data = parse_yaml(text)
    except YamlProblem as problem:
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
    warnings: list[str] = []

    def soft(key: str, message: str) -> None:
        """A 版记 or 主送 key at fault: note it and keep the default; any other key stops here."""
        if key not in SOFT_KEYS:
            raise fail(key, message)
        warnings.append(f"{path}:{line(key)}: {message}{t('tb_cfg_fallback')}")

    for key in _TEXT_KEYS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not _one_line(value):
            soft(key, t("cfg_not_text", key=key))
            continue
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
            soft("copy_to", t("cfg_not_list", key="copy_to"))
        else:
            values["copy_to"] = tuple(name for name in (_one_line(item) for item in copy_to) if name)
    requirements = data.get("requirements")
    if requirements is not None:
        if isinstance(requirements, str):
            requirements = [requirements]
        if not isinstance(requirements, list) or not all(isinstance(item, str) for item in requirements):
            raise fail("requirements", t("cfg_not_list", key="requirements"))
        if len(requirements) > MAX_REQUIREMENTS:
            raise fail("requirements", t("tb_cfg_too_many", key="requirements", max=MAX_REQUIREMENTS))
        values["requirements"] = tuple(text for text in (_one_line(item) for item in requirements) if text)
    if data.get("series") is not None:
        values["series"] = _series(data["series"], fail)
    even = data.get("colophon_even_page")
    if even is not None:
        if not isinstance(even, bool):
            raise fail("colophon_even_page", t("cfg_not_bool", key="colophon_even_page"))
        values["colophon_even_page"] = even
    if data.get("reporting") is not None:
        values["reporting"] = _reporting(data["reporting"], path, line("reporting"))
    for key in ("recipients", "printer"):
        if key not in data:  # a malformed one has had its own line above
            warnings.append(f"{path}:{line(key)}: {t('tb_cfg_missing', key=key)}")
    return Config(path=path, warnings=tuple(warnings), **values)


def _series(raw: Any, fail: Any) -> tuple[tuple[str, Series], ...]:
    """``series: {week: {issuer: 督查通报, first: 10}, ...}``: unknown kinds and bad values stop."""
    if not isinstance(raw, dict):
        raise fail("series", t("tb_cfg_series", key="series"))
    out = []
    for kind, spec in raw.items():
        if kind not in SERIES_KINDS or not isinstance(spec, dict) or set(spec) - {"issuer", "first"}:
            raise fail("series", t("tb_cfg_series", key=f"series.{kind}"))
        issuer, first = spec.get("issuer", ""), spec.get("first", 1)
        if not isinstance(issuer, str) or isinstance(first, bool) or not isinstance(first, int) or not 1 <= first <= 53:
            raise fail("series", t("tb_cfg_series", key=f"series.{kind}"))
        out.append((kind, Series(_one_line(issuer), first)))
    return tuple(out)


def _reporting(raw: Any, path: Path, at: int) -> Reporting:
    """``reporting: {period: week, due_weekday: 5}`` or ``{period: month, due_day: 25}``; anything else stops,
    as ``FILE:LINE`` of the nested key at fault."""

    def fail(key: str, message: str) -> InputError:
        return InputError(f"{path}:{getattr(raw, 'key_lines', {}).get(key, at)}: {message}")

    if not isinstance(raw, dict):
        raise fail("", t("cfg_reporting_shape"))
    period = raw.get("period", "week")
    if period not in REPORTING_PERIODS:
        raise fail("period", t("cfg_reporting_shape"))
    due_key, low, high = ("due_day", 1, 31) if period == "month" else ("due_weekday", 1, 7)
    for key in raw:
        if key not in ("period", due_key):
            raise fail(str(key), t("cfg_reporting_shape"))
    due = raw.get(due_key, getattr(Reporting(), due_key))
    if isinstance(due, bool) or not isinstance(due, int) or not low <= due <= high:
        raise fail(due_key, t("cfg_reporting_due", key=f"reporting.{due_key}", low=low, high=high))
    return Reporting(period=period, **{due_key: due})


def _one_line(text: str) -> str:
    """Settings are printed on one line: line breaks and runs of ASCII whitespace become one space.
    The ideographic space (U+3000) is kept: Chinese text uses it on purpose (联系人：张某　电话：…)."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", text).strip(" ")
