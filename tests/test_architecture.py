"""The house rules of the package: stages import one way, no cycle however imported, no import of
a dossier module hidden in a function, modules of a readable size that say what they are for."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "dossier"
#: A module longer than this is doing more than one job: split it.
MAX_MODULE_LINES = 900


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively: the groups of modules that import each other in a ring."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def test_the_tarjan_helper_finds_a_ring_and_nothing_else() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _strongly_connected(edges) == [["a", "b", "c"]]
    assert _strongly_connected({"a": {"b"}, "b": set()}) == []


def test_no_module_of_the_package_imports_itself_back_through_others() -> None:
    # grimp sees every import, also those inside functions and under TYPE_CHECKING: a cycle
    # dodged by a late import is still a cycle.
    graph = grimp.build_graph("dossier", cache_dir=None)
    edges = {
        module: {
            imported
            for imported in graph.find_modules_directly_imported_by(module)
            if imported.startswith("dossier")
        }
        for module in graph.modules
        if module.startswith("dossier")
    }
    assert _strongly_connected(edges) == []


def test_the_stages_import_one_way() -> None:
    """The layers contract of pyproject.toml ([tool.importlinter]) holds."""
    linter = Path(sys.executable).with_name("lint-imports")
    completed = subprocess.run(
        [str(linter), "--no-cache"],
        cwd=PACKAGE.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def _imports_inside_functions(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.extend(
                sub for sub in ast.walk(node) if isinstance(sub, ast.Import | ast.ImportFrom)
            )
    return found


def _imported_names(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""] if node.level == 0 else ["dossier"]
    return [alias.name for alias in node.names]


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_imports_inside_functions_are_heavy_third_party_ones_that_say_why(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    wrong = []
    for node in _imports_inside_functions(ast.parse(source)):
        names = _imported_names(node)
        line = lines[node.lineno - 1]
        above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
        if any(name.split(".")[0] == "dossier" for name in names):
            wrong.append(f"{node.lineno}: a dossier module imported inside a function")
        elif any(name.split(".")[0] in sys.stdlib_module_names for name in names):
            wrong.append(f"{node.lineno}: a standard-library module imported inside a function")
        elif "#" not in line and not above.startswith("#"):
            # Consecutive imports share the comment above the first one.
            previous = node.lineno - 2
            while previous >= 0 and lines[previous].strip().startswith(("import ", "from ")):
                previous -= 1
            if previous < 0 or not lines[previous].strip().startswith("#"):
                wrong.append(f"{node.lineno}: no comment says why this import waits")
    assert wrong == []


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_each_module_is_short_enough_and_says_what_it_is_for(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_MODULE_LINES
    docstring = ast.get_docstring(ast.parse(source))
    assert docstring, "the module opens with a docstring saying what it is for"
