"""YAML read safely with the line of every mapping, key and list kept, for messages that say FILE:LINE.

The catalogue and the settings file are both read through here. PyYAML is imported only when a file is
parsed, so a warm catalogue cache never loads it.
"""

from __future__ import annotations

from typing import Any

from hedong_cli.common.messages import t
from hedong_cli.common.textsafe import visible


class LinedMapping(dict):  # type: ignore[type-arg]
    """A dict that remembers the line of the mapping and of each key (1-based)."""

    line: int
    key_lines: dict[str, int]


class LinedList(list):  # type: ignore[type-arg]
    line: int


class YamlProblem(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = visible(message)  # one problem, one line: quoted YAML may hold line breaks


def _line_loader_class() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(base):  # type: ignore[misc, valid-type]
        def construct_object(self, node: Any, deep: bool = False) -> Any:
            # An alias makes the composer hand the same node over again. The catalogue never needs
            # one, and refusing them stops alias bombs before anything is expanded.
            if node in self.constructed_objects or node in self.recursive_objects:
                raise YamlProblem(node.start_mark.line + 1, t("cat_alias"))
            try:
                return super().construct_object(node, deep=deep)
            except (ValueError, TypeError, AttributeError, OverflowError) as exc:
                # PyYAML raises plain errors for a malformed typed scalar (2026-02-30, !!int abc).
                tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
                shown = f"{tag} {node.value[:40]!r}" if isinstance(node.value, str) else tag
                raise YamlProblem(node.start_mark.line + 1, t("cat_yaml", error=f"{shown}: {exc}")) from None

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            mapping = LinedMapping()
            mapping.line = node.start_mark.line + 1
            mapping.key_lines = {}
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                key = str(key)
                if key in mapping:
                    raise YamlProblem(key_node.start_mark.line + 1, t("cat_dup_key", key=key))
                mapping[key] = self.construct_object(value_node, deep=True)
                mapping.key_lines[key] = key_node.start_mark.line + 1
            return mapping

        def construct_sequence(self, node: Any, deep: bool = False) -> Any:
            seq = LinedList(self.construct_object(child, deep=True) for child in node.value)
            seq.line = node.start_mark.line + 1
            return seq

    # Route the standard tags to the line-keeping constructors above.
    LineLoader.add_constructor("tag:yaml.org,2002:map", lambda loader, node: loader.construct_mapping(node))
    LineLoader.add_constructor("tag:yaml.org,2002:seq", lambda loader, node: loader.construct_sequence(node))
    return LineLoader


def parse_yaml(text: str) -> Any:
    """Parse YAML safely, keeping line numbers. Raises ``YamlProblem`` for syntax and tag errors."""
    import yaml

    loader = _line_loader_class()(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        detail = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise YamlProblem(line, t("cat_yaml", error=detail)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, t("cat_yaml", error=str(exc).splitlines()[0])) from None
    finally:
        loader.dispose()
