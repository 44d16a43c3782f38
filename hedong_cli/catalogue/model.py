"""The target catalogue: typed records, YAML loading, and validation that names file and line.

The YAML is read with PyYAML's safe loader only (the C one when available). Anchors and aliases
are refused, which also defuses "billion laughs" documents. Every problem found is collected and
raised together as a ``CatalogError`` whose lines read ``FILE:LINE: message``.
"""

from __future__ import annotations

import math
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from hedong_cli.common.errors import CatalogError
from hedong_cli.common.messages import t
from hedong_cli.common.textsafe import visible
from hedong_cli.common.yamlfile import LinedMapping, YamlProblem, parse_yaml

KINDS = ("quantitative", "milestone", "ongoing")
COMPARATORS = (">=", "=", ">", "range", "<=", "about")
# How each comparator reads in tables and ledgers (hedong_cli.common.messages keys).
COMPARATOR_MESSAGES = {
    ">=": "target_ge",
    "=": "target_eq",
    ">": "target_gt",
    "range": "target_range",
    "<=": "target_le",
    "about": "target_about",
}
ABOUT_TOLERANCE = 0.05  # 左右: a value within 5% of the target counts as reaching it
TITLE_MAX = 20
REGION_MAX = 30  # source.region: a district, county or city name (河东区, 某某自治县)

# The record types are NamedTuples: immutable, hashable and compared by value as frozen dataclasses are, but
# creating the class costs a seventh of a frozen dataclass's (which compiles its methods at every start-up,
# about 5 M instructions each) and building a record is one tuple.


class TaskTarget(NamedTuple):
    value: float
    unit: str
    # ">=" 以上, "=" a plain number, ">" 正增长, "range" value..max, "<=" 以内 (lower is better), "about" 左右
    comparator: str
    max: float | None = None

    @property
    def is_rate(self) -> bool:
        """A rate (unit %) is judged against the full target all year, not against elapsed time."""
        return self.unit == "%"

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"value": self.value, "unit": self.unit, "comparator": self.comparator}
        if self.max is not None:
            d["max"] = self.max
        return d


class Baseline(NamedTuple):
    value: float
    unit: str
    year: int

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "unit": self.unit, "year": self.year}


class Task(NamedTuple):
    id: str
    section: str
    subsection: str | None  # None for the goals (section "0") and a section's own opening paragraph
    title: str
    text: str
    kind: str
    target: TaskTarget | None = None
    baseline: Baseline | None = None
    due: date | None = None
    lead: str | None = None
    line: int = 0


class Subsection(NamedTuple):
    id: str
    title: str
    tasks: tuple[Task, ...]


class Section(NamedTuple):
    id: str
    title: str
    tasks: tuple[Task, ...]  # tasks stated directly under the section (goals, opening paragraph)
    subsections: tuple[Subsection, ...]

    def all_tasks(self) -> Iterator[Task]:
        yield from self.tasks
        for sub in self.subsections:
            yield from sub.tasks


class Catalog:
    """A validated catalogue: its sections, and every task in order and by id.

    Immutable like the record types above; a plain class with slots because its lookup tables are derived
    from the sections when it is built.
    """

    __slots__ = ("_sections", "_subsection_titles", "by_id", "key", "path", "sections", "source", "tasks", "year")
    path: Path
    year: int
    key: str  # the journal keeps entries of several catalogues apart by this key
    source: dict[str, str]
    sections: tuple[Section, ...]
    tasks: tuple[Task, ...]
    by_id: dict[str, Task]
    # Titles looked up once per task in every report: dicts, not scans (20,000 tasks at the large scale).
    _sections: dict[str, Section]
    _subsection_titles: dict[str, str]

    def __init__(self, path: Path, year: int, key: str, source: dict[str, str], sections: tuple[Section, ...]) -> None:
        tasks = tuple(task for section in sections for task in section.all_tasks())
        titles = {sub.id: sub.title for section in sections for sub in section.subsections}
        for name, value in (
            ("path", path),
            ("year", year),
            ("key", key),
            ("source", source),
            ("sections", sections),
            ("tasks", tasks),
            ("by_id", {task.id: task for task in tasks}),
            ("_sections", {section.id: section for section in sections}),
            ("_subsection_titles", titles),
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a Catalog is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a Catalog is immutable")

    def _compared(self) -> tuple[object, ...]:
        return (self.path, self.year, self.key, self.source, self.sections)

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__ and self._compared() == other._compared()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # its source and lookup tables are dicts

    def __repr__(self) -> str:
        return f"Catalog(path={self.path!r}, year={self.year!r}, key={self.key!r}, sections={len(self.sections)})"

    @property
    def region(self) -> str:
        """The district, county or city whose report this is (``source.region``, e.g. 河东区); "" if unsaid."""
        return self.source.get("region", "").strip()

    def section(self, section_id: str) -> Section:
        return self._sections[section_id]

    def subsection_title(self, task: Task) -> str | None:
        return None if task.subsection is None else self._subsection_titles[task.subsection]


# ---------------------------------------------------------------------------------------------
# Validation


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer too large for any float
        return False


class _Checker:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[tuple[int, str]] = []

    def add(self, line: int, message: str) -> None:
        # One problem, one line: keys and values quoted from the file may hold line breaks.
        self.problems.append((line, visible(message)))

    def line_of(self, mapping: Any, key: str | None = None) -> int:
        if isinstance(mapping, LinedMapping):
            if key is not None and key in mapping.key_lines:
                return mapping.key_lines[key]
            return mapping.line
        return getattr(mapping, "line", 1)

    def mapping(self, node: Any, what: str, line: int) -> LinedMapping | None:
        if not isinstance(node, LinedMapping):
            self.add(getattr(node, "line", line), t("cat_not_mapping", what=what))
            return None
        return node

    def keys(self, node: LinedMapping, required: tuple[str, ...], optional: tuple[str, ...]) -> bool:
        allowed = required + optional
        for key in node:
            if key not in allowed:
                self.add(self.line_of(node, key), t("cat_unknown_key", key=key, allowed=", ".join(allowed)))
        missing = [key for key in required if key not in node]
        for key in missing:
            self.add(node.line, t("cat_missing_key", key=key))
        return not missing

    def text(self, node: LinedMapping, key: str) -> str:
        value = node.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # a numeric id or title written without quotes is still usable
        if not isinstance(value, str) or not value.strip():
            self.add(self.line_of(node, key), t("cat_not_text", key=key))
            return ""
        return value.strip()

    def number(self, node: LinedMapping, key: str, *, negative_ok: bool = False) -> float | None:
        value = node.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not _finite(value):
            self.add(self.line_of(node, key), t("cat_not_number", key=key))
            return None
        if value < 0 and not negative_ok:
            self.add(self.line_of(node, key), t("cat_negative", key=key))
            return None
        return value

    def date_in(self, node: LinedMapping, key: str, year: int | None) -> date | None:
        value = node.get(key)
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                value = None
        if not isinstance(value, date):
            self.add(self.line_of(node, key), t("cat_bad_date", key=key))
            return None
        if year is not None and value.year != year:
            self.add(self.line_of(node, key), t("cat_date_year", date=value.isoformat(), year=year))
        return value

    def seq(self, node: Any, what: str, line: int) -> list[Any]:
        if node is None:
            return []
        if not isinstance(node, list):
            self.add(getattr(node, "line", line), t("cat_not_list", what=what))
            return []
        return node


_TASK_KEYS_REQUIRED = ("id", "title", "text", "kind")
_TASK_KEYS_OPTIONAL = ("target", "baseline", "due", "lead")


def _check_target(c: _Checker, node: Any, line: int) -> TaskTarget | None:
    target = c.mapping(node, "target", line)
    if target is None or not c.keys(target, ("value", "unit", "comparator"), ("max",)):
        return None
    comparator = target.get("comparator")
    unit = c.text(target, "unit")
    # A rate (unit %) may be negative: a fall in growth is a real, recordable figure.
    value = c.number(target, "value", negative_ok=unit == "%")
    if comparator not in COMPARATORS:
        c.add(c.line_of(target, "comparator"), t("cat_bad_comparator", cmp=comparator, allowed=", ".join(COMPARATORS)))
        return None
    maximum = None
    if comparator == "range":
        maximum = c.number(target, "max") if "max" in target else None
        if maximum is None or (value is not None and maximum < value):
            c.add(c.line_of(target, "max"), t("cat_range_max"))
            return None
    elif "max" in target:
        c.add(c.line_of(target, "max"), t("cat_max_forbidden"))
    if value is None or not unit:
        return None
    return TaskTarget(value=value, unit=unit, comparator=comparator, max=maximum)


def _check_baseline(c: _Checker, node: Any, line: int) -> Baseline | None:
    baseline = c.mapping(node, "baseline", line)
    if baseline is None or not c.keys(baseline, ("value", "unit", "year"), ()):
        return None
    unit = c.text(baseline, "unit")
    value = c.number(baseline, "value", negative_ok=unit == "%")
    year = baseline.get("year")
    if isinstance(year, bool) or not isinstance(year, int):
        c.add(c.line_of(baseline, "year"), t("cat_not_number", key="year"))
        return None
    if value is None or not unit:
        return None
    return Baseline(value=value, unit=unit, year=year)


def _check_task(
    c: _Checker, node: Any, line: int, expected_prefix: str, year: int, seen: dict[str, int]
) -> Task | None:
    task = c.mapping(node, "task", line)
    if task is None or not c.keys(task, _TASK_KEYS_REQUIRED, _TASK_KEYS_OPTIONAL):
        return None
    task_id = c.text(task, "id")
    title = c.text(task, "title")
    text = c.text(task, "text")
    kind = task.get("kind")
    if task_id:
        if task_id in seen:
            c.add(c.line_of(task, "id"), t("cat_dup_id", id=task_id, first=seen[task_id]))
        else:
            seen[task_id] = c.line_of(task, "id")
        head, _, tail = task_id.rpartition(".")
        if head != expected_prefix or not tail.isdigit() or tail.startswith("0"):
            c.add(c.line_of(task, "id"), t("cat_bad_id", id=task_id, expected=f"{expected_prefix}.<n>"))
    if len(title) > TITLE_MAX:
        c.add(c.line_of(task, "title"), t("cat_title_long", n=len(title)))
    if kind not in KINDS:
        c.add(c.line_of(task, "kind"), t("cat_bad_kind", kind=kind, allowed=", ".join(KINDS)))
    target = None
    if "target" in task:
        if kind != "quantitative":
            c.add(c.line_of(task, "target"), t("cat_target_forbidden"))
        else:
            target = _check_target(c, task["target"], c.line_of(task, "target"))
    elif kind == "quantitative":
        c.add(task.line, t("cat_target_needed"))
    baseline = _check_baseline(c, task["baseline"], c.line_of(task, "baseline")) if "baseline" in task else None
    due = c.date_in(task, "due", year) if "due" in task else None
    lead = None
    if task.get("lead") not in (None, ""):
        lead = c.text(task, "lead") or None
    if not (task_id and title and text) or kind not in KINDS:
        return None
    section_id, _, rest = expected_prefix.partition(".")
    subsection = expected_prefix if rest and rest != "0" else None
    return Task(
        id=task_id,
        section=section_id,
        subsection=subsection,
        title=title,
        text=text,
        kind=kind,
        target=target,
        baseline=baseline,
        due=due,
        lead=lead,
        line=c.line_of(task, "id"),
    )


def _check_tasks(c: _Checker, parent: LinedMapping, prefix: str, year: int, seen: dict[str, int]) -> tuple[Task, ...]:
    nodes = c.seq(parent.get("tasks"), "tasks", c.line_of(parent, "tasks"))
    tasks = []
    for node in nodes:
        task = _check_task(c, node, getattr(nodes, "line", parent.line), prefix, year, seen)
        if task is not None:
            tasks.append(task)
    return tuple(tasks)


def validate(data: Any, path: Path) -> Catalog:
    """Turn parsed YAML into a ``Catalog``, or raise ``CatalogError`` listing every problem."""
    c = _Checker(path)
    root = c.mapping(data, "catalogue", 1)
    if root is None:
        raise CatalogError([f"{path}:{line}: {msg}" for line, msg in c.problems])
    c.keys(root, ("year", "sections"), ("source", "key"))
    year = root.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        c.add(c.line_of(root, "year"), t("cat_bad_year"))
        year = None
    source: dict[str, str] = {}
    if "source" in root:
        source_node = c.mapping(root["source"], "source", c.line_of(root, "source"))
        if source_node is not None:
            source = {str(k): (v.isoformat() if isinstance(v, date) else str(v)) for k, v in source_node.items()}
            region = source_node.get("region", "-")  # every title carries it: one short line of text, or none
            if not (isinstance(region, str) and region.strip() and len(region) <= REGION_MAX and region.isprintable()):
                c.add(c.line_of(source_node, "region"), t("cat_bad_region", max=REGION_MAX))
    key = c.text(root, "key") if "key" in root else str(year)
    seen: dict[str, int] = {}
    sections = []
    for node in c.seq(root.get("sections"), "sections", c.line_of(root, "sections")):
        section = c.mapping(node, "section", root.line)
        if section is None or not c.keys(section, ("id", "title"), ("tasks", "subsections")):
            continue
        section_id, section_title = c.text(section, "id"), c.text(section, "title")
        if section_id in seen:
            c.add(c.line_of(section, "id"), t("cat_dup_id", id=section_id, first=seen[section_id]))
        seen[section_id] = c.line_of(section, "id")
        # Goals (section "0") are numbered "0.n"; a section's opening-paragraph tasks "S.0.n".
        direct_prefix = section_id if section_id == "0" else f"{section_id}.0"
        tasks = _check_tasks(c, section, direct_prefix, year or 0, seen)
        subsections = []
        for index, sub_node in enumerate(
            c.seq(section.get("subsections"), "subsections", c.line_of(section, "subsections")), start=1
        ):
            sub = c.mapping(sub_node, "subsection", section.line)
            if sub is None or not c.keys(sub, ("id", "title", "tasks"), ()):
                continue
            sub_id, sub_title = c.text(sub, "id"), c.text(sub, "title")
            expected = f"{section_id}.{index}"
            if sub_id and sub_id != expected:
                c.add(c.line_of(sub, "id"), t("cat_bad_id", id=sub_id, expected=expected))
            subsections.append(Subsection(sub_id, sub_title, _check_tasks(c, sub, expected, year or 0, seen)))
        sections.append(Section(section_id, section_title, tasks, tuple(subsections)))
    if not c.problems and not any(s.tasks or s.subsections for s in sections):
        c.add(root.line, t("cat_no_sections"))
    if c.problems or year is None:
        c.problems.sort(key=lambda p: p[0])
        raise CatalogError([f"{path}:{line}: {msg}" for line, msg in c.problems])
    return Catalog(path=path, year=year, key=key, source=source, sections=tuple(sections))


def load_catalog(path: Path) -> Catalog:
    """Read, parse and validate the catalogue at ``path`` (``catalog_cache.load_catalog`` keeps the result)."""
    text = read_catalog_text(path)
    return parse_catalog(text, path)


def read_catalog_text(path: Path) -> str:
    """The catalogue file's text; a ``CatalogError`` naming the file when it cannot be read."""
    try:
        # Checked before opening: opening a FIFO waits for a writer, and /dev/zero would be read without end.
        if not stat.S_ISREG(path.stat().st_mode):
            raise CatalogError([f"{path}:0: {t('cat_not_regular')}"])
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError([f"{path}:0: {t('cat_missing')}"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError([f"{path}:0: {t('cat_unreadable', error=exc)}"]) from None
    return text


def parse_catalog(text: str, path: Path) -> Catalog:
    """Parse and validate a catalogue's text; ``path`` names it in every problem."""
    try:
        data = parse_yaml(text)
    except YamlProblem as problem:
        raise CatalogError([f"{path}:{problem.line}: {problem.message}"]) from None
    except RecursionError:
        raise CatalogError([f"{path}:1: {t('cat_yaml', error='nesting too deep')}"]) from None
    return validate(data, path)
