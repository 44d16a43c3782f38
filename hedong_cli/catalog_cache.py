"""The parsed-catalogue cache, wrapped around catalogue loading: ``load_catalog(path, cache_dir)``.

Parsing YAML costs far more than reading JSON (about 25 ms of a 150 ms ``hedong status`` for the
shipped file, seconds for a whole city's), so a valid catalogue is stored as tagged plain JSON, never
pickle: reading it back builds only the catalogue's own record types. Any failure to read, parse or
match is a miss, and the YAML is parsed (``hedong_cli.catalog``, which knows nothing of this cache).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from hedong_cli import catalog as catalog_module
from hedong_cli.catalog import Baseline, Catalog, Section, Subsection, Target, Task

CACHE_FORMAT = 1
CACHE_KEEP = 32  # cache files kept in the directory; the oldest go first
_CACHE_TYPES: dict[str, Any] = {cls.__name__: cls for cls in (Target, Baseline, Task, Subsection, Section, Catalog)}


def load_catalog(path: Path, cache_dir: Path | None = None) -> Catalog:
    """The catalogue at ``path``: from ``cache_dir`` while the entry matches the file, else parsed and kept there."""
    text = catalog_module.read_catalog_text(path)
    if cache_dir is None:
        return catalog_module.parse_catalog(text, path)
    cached = read(cache_dir, path, text)
    if cached is not None:
        return cached
    catalog = catalog_module.parse_catalog(text, path)
    write(cache_dir, path, text, catalog)
    return catalog


def cache_key(path: Path, text: str) -> dict[str, Any]:
    """What a cache entry must match. The checksum catches an edit that keeps size and mtime; the stamps of
    this module and of the catalogue module catch a change to validation between releases of one version."""
    import zlib

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
        "crc32": zlib.crc32(text.encode("utf-8")),
    }


def cache_file(cache_dir: Path, key: dict[str, Any]) -> Path:
    import zlib

    return cache_dir / f"catalog-{zlib.crc32(key['path'].encode('utf-8')):08x}.json"


def _to_plain(value: Any) -> Any:
    if _CACHE_TYPES.get(type(value).__name__) is type(value):
        import dataclasses

        names = [f.name for f in dataclasses.fields(value) if f.init]
        return {"@": type(value).__name__, "v": [_to_plain(getattr(value, name)) for name in names]}
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


def read(cache_dir: Path, path: Path, text: str) -> Catalog | None:
    """The cached catalogue when its key matches exactly; None on any doubt (then the YAML is parsed)."""
    import json

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
        return _CACHE_TYPES[tag](*obj["v"])

    try:
        key = cache_key(path, text)
        stored = json.loads(cache_file(cache_dir, key).read_text(encoding="utf-8"), object_hook=build)
        if isinstance(stored, dict) and stored.get("key") == key and isinstance(stored.get("catalog"), Catalog):
            return stored["catalog"]
        return None
    except Exception:  # a cache must never be a reason to fail: unreadable, corrupt or foreign means "miss"
        return None


def write(cache_dir: Path, path: Path, text: str, catalog: Catalog) -> None:
    """Store ``catalog`` atomically (temp file, then rename); failures are ignored."""
    import json
    import os

    temp: Path | None = None
    try:
        key = cache_key(path, text)
        target = cache_file(cache_dir, key)
        cache_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temp.write_text(json.dumps({"key": key, "catalog": _to_plain(catalog)}, ensure_ascii=False), encoding="utf-8")
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
