"""Which message keys a package asks for and uses, read from its source (``tests/test_messages.py``).

The code is read, never run, as ``test_layers.py`` reads imports: ``ast`` for Python, Jinja's lexer for the
web desk's templates. A key is asked for where it reaches ``t(...)``, ``MESSAGES[...]`` or
``MESSAGES.get(...)`` (a *sink*). What reaches a sink is followed back through the source:

- a literal, either branch of ``a if c else b``, a literal f-string;
- a name bound in the same function (``key = ...``, ``for key in (...)``, ``for i, key in enumerate(...)``),
  a module-level constant (a tuple, or the values of a dict such as ``COMPARATOR_MESSAGES``), or a
  parameter: its default, and what every call of that function passes for it (``titled("ldg_title", ...)``;
  ``frame("tb", ...)`` with ``t(f"{kind}_title")`` asks for ``tb_title``);
- an f-string whose part cannot be followed (``t(f"reason_{view.light_reason}")``): a *pattern*, which
  every key of that prefix and suffix matches. In a template, ``t("reason_" ~ view.light_reason)`` is one.

A key is used when a sink asks for it, a pattern matches it, or its name appears as a string literal anywhere
in the package or its templates (the literal before a ``:`` counts too: the drafter's notes carry their words
after it, ``"draft_note_existing:" + words``, split again by ``catalogue/draft/emit.note_text``). The messages
package itself is not read, since every key is a literal there.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest


@dataclass
class Keys:
    """What an expression may hold: whole keys, (prefix, suffix) patterns, and whether some of it is unknown."""

    exact: set[str] = field(default_factory=set)
    patterns: set[tuple[str, str]] = field(default_factory=set)
    open: bool = False

    def add(self, other: Keys) -> Keys:
        self.exact |= other.exact
        self.patterns |= other.patterns
        self.open |= other.open
        return self


OPEN = Keys(open=True)


@dataclass
class Uses:
    """Every key the package asks for (with where), every pattern, every literal, and the unfollowed sinks."""

    asked: dict[str, set[str]] = field(default_factory=dict)
    patterns: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    literals: set[str] = field(default_factory=set)
    unfollowed: set[str] = field(default_factory=set)

    def record(self, keys: Keys, where: str) -> None:
        for key in keys.exact:
            self.asked.setdefault(key, set()).add(where)
        for pattern in keys.patterns:
            self.patterns.setdefault(pattern, set()).add(where)


def matches(key: str, pattern: tuple[str, str]) -> bool:
    prefix, suffix = pattern
    return len(key) > len(prefix) + len(suffix) and key.startswith(prefix) and key.endswith(suffix)


class Source:
    """The Python modules of a package, indexed for following a value back to where it was written."""

    def __init__(self, root: Path, skip: Path | None = None) -> None:
        self.root = root
        self.trees: dict[str, ast.Module] = {}
        for path in sorted(root.rglob("*.py")):
            if skip is None or not path.is_relative_to(skip):
                self.trees[path.relative_to(root).as_posix()] = ast.parse(path.read_text(encoding="utf-8"))
        self.scope: dict[ast.AST, ast.AST] = {}  # node -> the function (or module) it is in
        self.functions: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
        self.calls: dict[str, list[ast.Call]] = {}
        self.constants: dict[str, list[ast.expr]] = {}  # module-level NAME = value, by name
        self.file: dict[ast.AST, str] = {}
        for name, tree in self.trees.items():
            for statement in tree.body:
                if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None:
                    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                    for target in targets:
                        if isinstance(target, ast.Name):
                            self.constants.setdefault(target.id, []).append(statement.value)
            self._index(tree, tree, name)

    def _index(self, node: ast.AST, scope: ast.AST, name: str) -> None:
        for child in ast.iter_child_nodes(node):
            self.scope[child] = scope
            self.file[child] = name
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                self.functions.setdefault(child.name, []).append(child)
                self._index(child, child, name)
                continue
            if isinstance(child, ast.Call):
                called = child.func
                if isinstance(called, ast.Name | ast.Attribute):
                    self.calls.setdefault(called.id if isinstance(called, ast.Name) else called.attr, []).append(child)
            self._index(child, scope, name)

    def where(self, node: ast.AST) -> str:
        scope = self.scope.get(node)
        inside = f":{scope.name}" if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef) else ""
        return f"{self.file[node]}{inside}"

    def sinks(self) -> Iterator[ast.expr]:
        """Every expression that names a key: the first argument of ``t``, a subscript of ``MESSAGES``."""
        for tree in self.trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and node.args:
                    called = node.func
                    said = isinstance(called, ast.Name) and called.id == "t"
                    if said or (isinstance(called, ast.Attribute) and called.attr == "get" and _is_table(called.value)):
                        yield node.args[0]
                elif isinstance(node, ast.Subscript) and _is_table(node.value):
                    yield node.slice

    def literals(self) -> set[str]:
        found = set()
        for tree in self.trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    found |= {node.value, node.value.partition(":")[0]}
        return found

    def keys(self, node: ast.expr, seen: frozenset[int] = frozenset()) -> Keys:
        """What ``node`` may hold, as far as the source tells."""
        if id(node) in seen:
            return Keys()
        seen |= {id(node)}
        if isinstance(node, ast.Constant):
            return Keys(exact={node.value}) if isinstance(node.value, str) else OPEN
        if isinstance(node, ast.IfExp):
            return self.keys(node.body, seen).add(self.keys(node.orelse, seen))
        if isinstance(node, ast.JoinedStr):
            return self._fstring(node, seen)
        if isinstance(node, ast.Name):
            return self._name(node, seen)
        if isinstance(node, ast.Subscript):
            return self._each(self._elements(node.value, seen, values=True), seen)
        return OPEN

    def _fstring(self, node: ast.JoinedStr, seen: frozenset[int]) -> Keys:
        holes = [part for part in node.values if isinstance(part, ast.FormattedValue)]
        if not holes:
            return Keys(exact={"".join(str(part.value) for part in node.values)})  # type: ignore[attr-defined]
        first, last = node.values[0], node.values[-1]
        prefix = first.value if isinstance(first, ast.Constant) else ""
        suffix = last.value if isinstance(last, ast.Constant) and len(node.values) > 1 else ""
        if len(holes) == 1:
            inner = self.keys(holes[0].value, seen)
            if inner.exact and not inner.open and not inner.patterns:
                return Keys(exact={f"{prefix}{key}{suffix}" for key in inner.exact})
        return Keys(patterns={(prefix, suffix)}) if prefix or suffix else OPEN

    def _each(self, elements: list[ast.expr] | None, seen: frozenset[int]) -> Keys:
        if elements is None:
            return OPEN
        found = Keys()
        for element in elements:
            found.add(self.keys(element, seen))
        return found

    def _elements(self, node: ast.expr, seen: frozenset[int], values: bool = False) -> list[ast.expr] | None:
        """The items of a literal tuple, list or set (a dict's values when ``values``), through names."""
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            items: list[ast.expr] = []
            for element in node.elts:
                inner = self._elements(element.value, seen) if isinstance(element, ast.Starred) else [element]
                if inner is None:
                    return None
                items += inner
            return items
        if isinstance(node, ast.Dict) and values:
            return list(node.values)
        if isinstance(node, ast.Name) and id(node) not in seen:
            bound = self._bindings(node) or self.constants.get(node.id, [])
            found: list[ast.expr] = []
            for value in bound:
                inner = self._elements(value, seen | {id(node)}, values)
                if inner is None:
                    return None
                found += inner
            return found or None
        return None

    def _bindings(self, node: ast.Name) -> list[ast.expr]:
        """The values assigned to ``node``'s name in its function (not loops: ``_name`` reads those)."""
        scope = self.scope.get(node)
        if not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
            return []
        found = []
        for statement in ast.walk(scope):
            if isinstance(statement, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == node.id for target in statement.targets
            ):
                found.append(statement.value)
        return found

    def _name(self, node: ast.Name, seen: frozenset[int]) -> Keys:
        scope = self.scope.get(node)
        if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
            found = Keys()
            bound = False
            for value in self._bindings(node):
                found.add(self.keys(value, seen))
                bound = True
            for loop in ast.walk(scope):
                if isinstance(loop, ast.For | ast.comprehension) and binds(loop.target, node.id):
                    found.add(self._each(self._loop_elements(loop.target, loop.iter, seen), seen))
                    bound = True
            if bound:
                return found
            if node.id in _parameters(scope):
                return self._parameter(scope, node.id, seen)
        if node.id in self.constants:
            return self._each(self.constants[node.id], seen)
        return OPEN

    def _loop_elements(self, target: ast.expr, iterated: ast.expr, seen: frozenset[int]) -> list[ast.expr] | None:
        """The values a loop's name takes: ``for name in items``, ``for i, name in enumerate(items)`` or
        ``for key, name in table.items()``."""
        if isinstance(target, ast.Name):
            return self._elements(iterated, seen)
        pair = isinstance(target, ast.Tuple) and len(target.elts) == 2 and isinstance(target.elts[1], ast.Name)
        if pair and isinstance(iterated, ast.Call):
            called = iterated.func
            if isinstance(called, ast.Name) and called.id == "enumerate" and iterated.args:
                return self._elements(iterated.args[0], seen)
            if isinstance(called, ast.Attribute) and called.attr == "items":
                return self._elements(called.value, seen, values=True)
        return None

    def _parameter(self, function: ast.FunctionDef | ast.AsyncFunctionDef, name: str, seen: frozenset[int]) -> Keys:
        """A parameter's default, and what every call of a function of that name passes for it."""
        positional = [arg.arg for arg in (*function.args.posonlyargs, *function.args.args)]
        found = Keys()
        defaults = dict(
            zip(positional[len(positional) - len(function.args.defaults) :], function.args.defaults, strict=True)
        )
        defaults |= {
            arg.arg: default
            for arg, default in zip(function.args.kwonlyargs, function.args.kw_defaults, strict=True)
            if default is not None
        }
        if name in defaults:
            found.add(self.keys(defaults[name], seen))
        method = bool(positional) and positional[0] in ("self", "cls")
        calls = self.calls.get(function.name, [])
        for call in calls:
            given = next((kw.value for kw in call.keywords if kw.arg == name), None)
            if given is None and name in positional:
                index = positional.index(name) - (method and isinstance(call.func, ast.Attribute))
                if any(isinstance(arg, ast.Starred) for arg in call.args[: index + 1]):
                    return OPEN
                given = call.args[index] if index < len(call.args) else None
            if given is not None:
                found.add(self.keys(given, seen))
        return found if calls or name in defaults else OPEN


def binds(target: ast.expr, name: str) -> bool:
    return any(isinstance(node, ast.Name) and node.id == name for node in ast.walk(target))


def _is_table(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "MESSAGES"


def _parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    arguments = function.args
    return {arg.arg for arg in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}


def template_uses(root: Path, uses: Uses) -> None:
    """The templates' string literals, and what their ``t(...)`` calls ask for (``"x_" ~ y`` is a pattern)."""
    jinja2 = pytest.importorskip("jinja2")
    lexer = jinja2.Environment()
    for path in sorted(root.rglob("*.html")):
        where = path.relative_to(root).as_posix()
        tokens = [(kind, value) for _, kind, value in lexer.lex(path.read_text(encoding="utf-8"))]
        tokens = [token for token in tokens if token[0] != "whitespace"]
        for index, (kind, value) in enumerate(tokens):
            if kind != "string":
                continue
            text = ast.literal_eval(value)
            uses.literals.add(text)
            if tokens[index - 2 : index] == [("name", "t"), ("operator", "(")]:
                joined = index + 1 < len(tokens) and tokens[index + 1] == ("operator", "~")
                uses.record(Keys(patterns={(text, "")}) if joined else Keys(exact={text}), where)


def read_uses(root: Path, skip: Path | None = None) -> Uses:
    source = Source(root, skip)
    uses = Uses(literals=source.literals())
    for sink in source.sinks():
        keys = source.keys(sink)
        where = source.where(sink)
        uses.record(keys, where)
        if keys.open:
            uses.unfollowed.add(where)
    template_uses(root, uses)
    return uses


def missing_keys(uses: Uses, table: dict[str, tuple[str, str]]) -> list[str]:
    """Each key asked for that the table lacks, and each pattern no key matches, with where."""
    missing = [f"{key} ({', '.join(sorted(where))})" for key, where in uses.asked.items() if key not in table]
    missing += [
        f"{prefix}*{suffix} ({', '.join(sorted(where))})"
        for (prefix, suffix), where in uses.patterns.items()
        if not any(matches(key, (prefix, suffix)) for key in table)
    ]
    return sorted(missing)


def unused_keys(uses: Uses, table: dict[str, tuple[str, str]]) -> list[str]:
    return sorted(
        key
        for key in table
        if key not in uses.asked
        and key not in uses.literals
        and not any(matches(key, pattern) for pattern in uses.patterns)
    )
