"""The package keeps its shape: imports run one way, no module takes another's private names, modules stay small.

Read with the standard library's ``ast`` from the source files (nothing is imported), so a new circle,
a ``from x import _helper`` across modules or an upward import fails here with the modules named.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "selon"
MAX_LINES = 500
# Pipeline order, bottom first: a package may import the ones before it, never the ones after it.
# Stages on one rung (times, sources) must not import each other; events may read both.
LAYERS: list[tuple[str, ...]] = [
    ("selon.record", "selon.data", "selon.ingest"),
    ("selon.clean",),
    ("selon.parse",),
    ("selon.entities",),
    ("selon.times", "selon.sources"),
    ("selon.events",),
]


def modules(root: Path = SRC, package: str = PACKAGE) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def owner(name: str, mods: dict[str, Path]) -> str | None:
    """The module of ours an imported dotted name lives in (``selon.a.b.f`` -> ``selon.a.b``)."""
    while name and name not in mods:
        name = name.rpartition(".")[0]
    return name or None


def imports(mods: dict[str, Path]) -> tuple[dict[str, set[str]], list[str]]:
    """Each module's imports of our own modules (module-level or inside functions), and private imports."""
    edges: dict[str, set[str]] = {m: set() for m in mods}
    private: list[str] = []
    for mod, path in mods.items():
        is_pkg = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    target = owner(alias.name, mods)
                    if target and target != mod:
                        edges[mod].add(target)
            elif isinstance(node, ast.ImportFrom):
                base = mod.split(".") if is_pkg else mod.split(".")[:-1]
                if node.level:
                    base = base[: len(base) - node.level + 1]
                    source = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    source = node.module or ""
                for alias in node.names:
                    target = owner(f"{source}.{alias.name}", mods)
                    if target is None or target == mod:
                        continue
                    if not (mods[target].name == "__init__.py" and mod.startswith(target + ".")):
                        edges[mod].add(target)
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        private.append(f"{mod} imports {alias.name} from {target}")
    return edges, private


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, children = work[-1]
            for w in children:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(edges.get(w, ())))))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        found.append(sorted(comp))
    return found


def layer_of(mod: str) -> int | None:
    for n, rung in enumerate(LAYERS):
        if any(mod == p or mod.startswith(p + ".") for p in rung):
            return n
    return None


def package_of(mod: str) -> str:
    return ".".join(mod.split(".")[:2])


MODS = modules()
EDGES, PRIVATE = imports(MODS)


def test_the_package_is_found():
    assert len(MODS) > 50 and "selon.parse.context" in MODS


def test_no_import_cycles():
    assert cycles(EDGES) == []


def test_no_private_name_imported_across_modules():
    assert PRIVATE == []


def test_imports_run_down_the_pipeline():
    upward = []
    for mod, targets in EDGES.items():
        here = layer_of(mod)
        for t in targets:
            there = layer_of(t)
            if here is None or there is None or package_of(mod) == package_of(t):
                continue
            if there > here or (there == here and package_of(mod) != package_of(t)):
                upward.append(f"{mod} -> {t}")
    assert upward == []


@pytest.mark.parametrize("mod", sorted(MODS))
def test_module_size(mod):
    lines = MODS[mod].read_text(encoding="utf-8").count("\n") + 1
    assert lines <= MAX_LINES, f"{mod}: {lines} lines (split it by what it does)"


def test_the_checks_catch_what_they_are_for(tmp_path):
    """A planted circle and a planted private import are found (so the tests above can fail)."""
    pkg = tmp_path / "demo"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from demo.b import helper\n")
    (pkg / "b.py").write_text("def helper():\n    from demo.a import _secret\n")
    mods = modules(tmp_path, "demo")
    edges, private = imports(mods)
    assert cycles(edges) == [["demo.a", "demo.b"]]
    assert private == ["demo.b imports _secret from demo.a"]
