"""The layers of the package, read from its source: no import cycle, and no import from a higher layer.

Every ``import`` counts, at the top of a module or inside a function; only imports under
``if TYPE_CHECKING:`` are left out, since they never run. The layers, lowest first, are the top-level
packages, so the folder names show them:

- **common** (``common/``): errors, the message table, rules, figures, settings, file writing, text safety.
- **records** (``catalogue/``, ``journal/``): what the report commits to, and what was recorded against it.
  The two do not import each other.
- **tracking** (``tracking/``): progress and lights, plans, units, periods, the workspace that opens a
  catalogue and a journal together. Below here nothing imports typer, rich or a web framework.
- **documents** (``documents/``): the views built from a Report (briefing, ledger, 分工方案 table, labels).
- **render** (``render/``): drawing them (Word, HTML, xlsx, Markdown, the terminal).
- **faces** (``cli/``, ``web/``): they do not import each other; the web desk is started by ``hedong serve``
  (``cli/serve.py``, the one module of ``cli/`` that may import it).
- **entry**: the console script (``launch``) and ``python -m hedong_cli``.

A module may import from its own package, from a lower layer, and never from a sibling package of its own
layer; a new top-level module or package must be placed in a layer here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "hedong_cli"

LAYERS: dict[str, tuple[str, ...]] = {
    # a module belongs to the layer of the longest prefix that names it (a package names its modules)
    "common": ("hedong_cli", "hedong_cli.common"),
    "records": ("hedong_cli.catalogue", "hedong_cli.journal"),
    "tracking": ("hedong_cli.tracking",),
    "documents": ("hedong_cli.documents",),
    "render": ("hedong_cli.render",),
    "faces": ("hedong_cli.cli", "hedong_cli.web"),
    "entry": ("hedong_cli.launch", "hedong_cli.__main__"),
}
WEB_AND_TERMINAL = ("typer", "rich", "starlette", "jinja2", "uvicorn")
FORBIDDEN = {
    "common": WEB_AND_TERMINAL,
    "records": WEB_AND_TERMINAL,
    "tracking": WEB_AND_TERMINAL,
    "documents": WEB_AND_TERMINAL,
    "render": ("typer", "starlette", "jinja2", "uvicorn"),
}
SIBLING_LAYERS = ("records", "faces")  # layers whose packages stand side by side and do not import each other
LAUNCHERS = {"hedong_cli.cli.serve": "hedong_cli.web"}  # ``hedong serve`` starts the web desk


def module_names(root: Path) -> dict[str, Path]:
    """Every module of the package at ``root``, by its dotted name (a package by its ``__init__``)."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules ``name`` imports, first-party ones resolved to a module of ``known``, others top-level."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join([*parts[: len(parts) - node.level + 1], *([base] if base else [])])
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in known else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
    resolved = set()
    for target in found:
        while target not in known and "." in target and target.split(".")[0] in {n.split(".")[0] for n in known}:
            target = target.rpartition(".")[0]  # ``import pkg.mod.Name``-style paths: the module that holds it
        resolved.add(target if target in known else target.split(".")[0])
    resolved.discard(name)
    return resolved


def import_graph(root: Path) -> dict[str, set[str]]:
    known = module_names(root)
    return {name: imports_of(name, path, known) for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start] & graph.keys())))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child] & graph.keys()))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def layer_of(name: str, layers: dict[str, tuple[str, ...]] = LAYERS) -> str | None:
    best: tuple[int, str] | None = None
    for layer, prefixes in layers.items():
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), layer)
    return best[1] if best else None


def upward_imports(graph: dict[str, set[str]], layers: dict[str, tuple[str, ...]] = LAYERS) -> list[str]:
    rank = {layer: number for number, layer in enumerate(layers)}
    found = []
    for name, targets in sorted(graph.items()):
        own = layer_of(name, layers)
        for target in sorted(targets & graph.keys()):
            theirs = layer_of(target, layers)
            if own is not None and theirs is not None and rank[theirs] > rank[own]:
                found.append(f"{name} ({own}) imports {target} ({theirs})")
    return found


# -- the package --------------------------------------------------------------------------------------


def test_every_module_has_a_layer() -> None:
    assert [name for name in module_names(PACKAGE) if layer_of(name) is None] == []


def test_no_import_cycle() -> None:
    assert cycles(import_graph(PACKAGE)) == []


def test_no_import_from_a_higher_layer() -> None:
    assert upward_imports(import_graph(PACKAGE)) == []


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_lower_layers_import_no_face_library(layer: str) -> None:
    graph = import_graph(PACKAGE)
    offending = {
        name: sorted(target for target in targets if target.split(".")[0] in FORBIDDEN[layer])
        for name, targets in graph.items()
        if layer_of(name) == layer
    }
    assert {name: found for name, found in offending.items() if found} == {}


def sibling_crossings(graph: dict[str, set[str]], layers: dict[str, tuple[str, ...]] = LAYERS) -> list[str]:
    """Imports from one package into a sibling of the same layer, but for a launcher's import of what it starts."""
    packages = [package for layer in SIBLING_LAYERS if layer in layers for package in layers[layer]]

    def package_of(name: str) -> str | None:
        return next((p for p in packages if name == p or name.startswith(p + ".")), None)

    found = []
    for name, targets in sorted(graph.items()):
        for target in sorted(targets & graph.keys()):
            own, theirs = package_of(name), package_of(target)
            same_layer = own and theirs and own != theirs and layer_of(own, layers) == layer_of(theirs, layers)
            if same_layer and LAUNCHERS.get(name) != theirs:
                found.append(f"{name} imports {target}")
    return found


def test_sibling_packages_do_not_import_each_other() -> None:
    assert sibling_crossings(import_graph(PACKAGE)) == []


def test_the_sibling_checker_sees_the_web_importing_the_command_line_and_the_journal_the_catalogue() -> None:
    graph = {
        "hedong_cli.web.app": {"hedong_cli.cli.app"},
        "hedong_cli.cli.app": set(),
        "hedong_cli.cli.serve": {"hedong_cli.web"},
        "hedong_cli.web": set(),
        "hedong_cli.journal.base": {"hedong_cli.catalogue.model"},
        "hedong_cli.catalogue.model": set(),
    }
    assert sibling_crossings(graph) == [
        "hedong_cli.journal.base imports hedong_cli.catalogue.model",
        "hedong_cli.web.app imports hedong_cli.cli.app",
    ]


def test_faces_leave_through_the_one_exit_point() -> None:
    # A failure is a HedongError, printed and given its status by the root group; typer.Exit only ends a
    # run that succeeded (``--version``).
    failing_exits = []
    for name, path in module_names(PACKAGE).items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "Exit"
                and (node.args or node.keywords)
            ):
                failing_exits.append(f"{name}:{node.lineno}")
    assert failing_exits == []


# -- the checker itself, on a package made for it ---------------------------------------------------------


def write_package(root: Path, modules: dict[str, str]) -> Path:
    for name, text in modules.items():
        path = root / "pkg" / f"{name.replace('.', '/')}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "pkg" / "__init__.py").touch()
    return root / "pkg"


def test_the_checker_finds_a_cycle_through_an_import_inside_a_function(tmp_path: Path) -> None:
    package = write_package(
        tmp_path,
        {
            "a": "from pkg.b import thing\n",
            "b": "def thing():\n    from pkg import c\n",
            "c": "import pkg.a\n",
            "d": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import a\n",
        },
    )
    graph = import_graph(package)
    assert graph["pkg.b"] == {"pkg.c"} and graph["pkg.d"] == {"typing"}
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.c"]]


def test_the_checker_finds_an_upward_import_and_resolves_relative_ones(tmp_path: Path) -> None:
    package = write_package(
        tmp_path,
        {"low.model": "def f():\n    from ..high import view\n", "high.view": "from ..low import model\n"},
    )
    (package / "low" / "__init__.py").touch()
    (package / "high" / "__init__.py").touch()
    layers = {"core": ("pkg", "pkg.low"), "faces": ("pkg.high",)}
    graph = import_graph(package)
    assert graph["pkg.high.view"] == {"pkg.low.model"}
    assert upward_imports(graph, layers) == ["pkg.low.model (core) imports pkg.high.view (faces)"]
