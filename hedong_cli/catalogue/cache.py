"""The parsed-catalogue cache, wrapped around catalogue loading: ``load_catalog(path, cache_dir)``.

Parsing YAML costs far more than reading JSON (about 25 ms of a 150 ms ``hedong status`` for the
shipped file, seconds for a whole city's), so a valid catalogue is stored as tagged plain JSON, never
pickle: reading it back builds only the catalogue's own record types. Any failure to read, parse or
match is a miss, and the YAML is parsed (``hedong_cli.catalogue.model``, which knows nothing of this cache).

The file is JSON Lines, read one line at a time: the key, the catalogue's own fields, then each section,
subsection and task on a line of its own, and a last line counting the tasks (a file cut short is a miss).
Neither the cache's text nor the catalogue's YAML is ever held whole on a hit (the key's checksum is taken
as the file is read), so loading a 100,000-task catalogue costs little more than its records.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from hedong_cli.catalogue import model as catalog_module
from hedong_cli.catalogue.model import Baseline, Catalog, Section, Subsection, Task, TaskTarget

CACHE_FORMAT = 2  # 2: JSON Lines, read a line at a time
CACHE_KEEP = 32  # cache files kept in the directory; the oldest go first
_CACHE_TYPES: dict[str, Any] = {cls.__name__: cls for cls in (TaskTarget, Baseline, Task, Subsection, Section, Catalog)}
# Fields whose few distinct values recur across the tasks (section ids, kinds, lead units, units): JSON gives each
# task its own copy, so the reader keeps one of each. At 100,000 tasks the copies were about 25 MiB.
_SHARED_FIELDS = {
    "Task": ("section", "subsection", "kind", "lead"),
    "TaskTarget": ("unit", "comparator"),
    "Baseline": ("unit",),
}


def load_catalog(path: Path, cache_dir: Path | None = None) -> Catalog:
    """The catalogue at ``path``: from ``cache_dir`` while the entry matches the file, else parsed and kept there."""
    if cache_dir is not None:
        crc = _text_crc(path)
        if crc is not None:
            cached = read(cache_dir, path, cache_key(path, crc))
            if cached is not None:
                return cached
    text = catalog_module.read_catalog_text(path)
    catalog = catalog_module.parse_catalog(text, path)
    if cache_dir is not None:
        write(cache_dir, path, text, catalog)
    return catalog


def _text_crc(path: Path) -> int | None:
    """CRC-32 of the catalogue's text as ``read_catalog_text`` reads it, taken a chunk at a time; None when
    the file cannot be read as text (then it is read the ordinary way, which says why)."""
    import stat
    import zlib

    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would wait for a writer
            return None
        crc = 0
        with path.open(encoding="utf-8") as file:
            while chunk := file.read(1 << 20):
                crc = zlib.crc32(chunk.encode("utf-8"), crc)
        return crc
    except (OSError, UnicodeDecodeError):
        return None


def cache_key(path: Path, crc: int) -> dict[str, Any]:
    """What a cache entry must match. The checksum (``crc``, of the text) catches an edit that keeps size and
    mtime; the stamps of this module and of the catalogue module catch a change to validation between releases
    of one version."""
    from hedong_cli import __version__

    stat = path.stat()
    code = [Path(module).stat() for module in (__file__, catalog_module.__file__)]
    return {
        "format": CACHE_FORMAT,
        "hedong": __version__,
        "code": [[module.st_size, module.st_mtime_ns] for module in code],
        "path": str(path.resolve()),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "crc32": crc,
    }


def cache_file(cache_dir: Path, key: dict[str, Any]) -> Path:
    import zlib

    return cache_dir / f"catalog-{zlib.crc32(key['path'].encode('utf-8')):08x}.json"


def _field_names(cls: Any) -> list[str]:
    """A record type's fields in the order its constructor takes them, which is the order they are cached in."""
    return list(cls._fields)  # the record types are NamedTuples


def _to_plain(value: Any) -> Any:
    if _CACHE_TYPES.get(type(value).__name__) is type(value):  # a record: its fields, in order
        return {"@": type(value).__name__, "v": [_to_plain(item) for item in value]}
    if isinstance(value, Path):
        return {"@": "path"}  # the path the catalogue is loaded from, filled in when read
    if isinstance(value, date):
        return {"@": "date", "v": value.isoformat()}
    if isinstance(value, tuple):
        return {"@": "tuple", "v": [_to_plain(item) for item in value]}
    if isinstance(value, dict):
        return {"@": "dict", "v": [[key, _to_plain(item)] for key, item in value.items()]}
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"cannot cache {type(value).__name__}")


def read(cache_dir: Path, path: Path, key: dict[str, Any]) -> Catalog | None:
    """The cached catalogue when its key matches exactly; None on any doubt (then the YAML is parsed)."""
    import json

    shared_at: dict[str, list[int]] = {}  # each record type's shared fields, by position (``_SHARED_FIELDS``)
    shared: dict[str, str] = {}  # the one copy of each text of a shared field

    def build(obj: dict[str, Any]) -> Any:
        tag = obj.get("@")
        if tag is None:
            return obj
        if tag == "path":
            return path
        if tag == "date":
            return date.fromisoformat(obj["v"])
        if tag == "tuple":
            return tuple(obj["v"])
        if tag == "dict":
            return dict(obj["v"])
        values = obj["v"]
        for index in shared_at.get(tag, ()):
            if type(values[index]) is str:
                values[index] = shared.setdefault(values[index], values[index])
        return _CACHE_TYPES[tag](*values)

    # One decoder for every line: json.loads with an object_hook makes a new one per call (a tenth of the
    # load for 20,000 tasks).
    decode = json.JSONDecoder(object_hook=build).decode
    try:
        for tag, names in _SHARED_FIELDS.items():
            shared_at[tag] = [_field_names(_CACHE_TYPES[tag]).index(name) for name in names]
        with cache_file(cache_dir, key).open(encoding="utf-8") as lines:
            if json.loads(next(lines)) != {"key": key}:
                return None
            year, catalog_key, source = decode(next(lines))
            sections: list[Section] = []
            section: tuple[str, str, list[Task], list[Subsection]] | None = None  # the one being read
            subsection: tuple[str, str, list[Task]] | None = None
            count = None
            for line in lines:
                record = decode(line)
                if isinstance(record, Task):
                    (subsection or section or ((), (), None))[2].append(record)  # no section yet: corrupt
                    continue
                if subsection is not None and section is not None:  # what follows a subsection's tasks closes it
                    section[3].append(Subsection(subsection[0], subsection[1], tuple(subsection[2])))
                    subsection = None
                if record[0] in ("section", "end") and section is not None:
                    sections.append(Section(section[0], section[1], tuple(section[2]), tuple(section[3])))
                    section = None
                if record[0] == "section":
                    section = (record[1], record[2], [], [])
                elif record[0] == "subsection" and section is not None:
                    subsection = (record[1], record[2], [])
                elif record[0] == "end":
                    count = record[1]
                    break
                else:
                    return None
            catalog = Catalog(path, year, catalog_key, source, tuple(sections))
        return catalog if count == len(catalog.tasks) else None
    except Exception:  # a cache must never be a reason to fail: unreadable, corrupt or foreign means "miss"
        return None


def write(cache_dir: Path, path: Path, text: str, catalog: Catalog) -> None:
    """Store ``catalog`` atomically (temp file, then rename); failures are ignored."""
    import json
    import os
    import zlib

    def line(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False) + "\n"

    temp: Path | None = None
    try:
        key = cache_key(path, zlib.crc32(text.encode("utf-8")))
        target = cache_file(cache_dir, key)
        cache_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        with temp.open("w", encoding="utf-8") as file:
            file.write(line({"key": key}))
            file.write(line([catalog.year, catalog.key, _to_plain(catalog.source)]))
            for section in catalog.sections:
                file.write(line(["section", section.id, section.title]))
                file.writelines(line(_to_plain(task)) for task in section.tasks)
                for sub in section.subsections:
                    file.write(line(["subsection", sub.id, sub.title]))
                    file.writelines(line(_to_plain(task)) for task in sub.tasks)
            file.write(line(["end", len(catalog.tasks)]))
        os.replace(temp, target)
        temp = None
        entries = sorted(cache_dir.glob("catalog-*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in entries[CACHE_KEEP:]:
            old.unlink(missing_ok=True)
    except Exception:
        pass
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)
