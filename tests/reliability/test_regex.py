"""No regex of selon backtracks catastrophically: every pattern in the data files and the code, attacked.

Article text is attacker-controlled, and a line like ``"Publié le " + " " * 5000``
must not stall an ingest.  Patterns are collected generically: every string in
``src/selon/data`` that looks like a regular expression (so the lexicons
others add are covered the day they land), every literal pattern passed to
``re`` in ``src/selon``, and every compiled pattern held at module level or by
the cleaning rules.
"""

from __future__ import annotations

import ast
import gc
import importlib
import json
import pkgutil
import re
import signal
import types
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import selon.data
from selon.clean import rules

from .redos import adversarial, build, slowest

SRC = Path(selon.data.__file__).parent.parent  # selon is a namespace package: no __file__
DATA = Path(selon.data.__file__).parent
LIMIT = 0.5  # seconds for one search over ~1,500 characters; linear patterns take microseconds
# Regex syntax, as opposed to a plain phrase or a name ("B+H Ocean Carriers", "Le Monde | Afrique"):
# escapes, groups with options, character classes, counted repeats; or a key that says "pattern".
LOOKS_LIKE_REGEX = re.compile(r"\\[a-zA-Z.()\[\]]|\(\?|\[[^\]]+\]|\{\d+(?:,\d*)?\}")
REGEX_KEY = re.compile(r"pattern|regex|(?:^|[._])re(?:$|[._\[])", re.IGNORECASE)
REGEX_KEY_IN_JSON = re.compile(r'"(?:[^"]*(?:pattern|regex)[^"]*|re)"\s*:', re.IGNORECASE)
SEARCHING = {"search", "findall", "finditer", "sub", "subn", "split"}
FLAG_ARG = {"compile": 1, "match": 2, "search": 2, "fullmatch": 2, "findall": 2, "finditer": 2,
            "split": 3, "sub": 4, "subn": 4}

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM timers")


def _strings(obj: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(obj, str):
        yield obj, where
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(k, where)
            yield from _strings(v, f"{where}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _strings(v, f"{where}[{i}]")


def data_patterns() -> Iterator[tuple[re.Pattern[str], str, str]]:
    for path in sorted(DATA.rglob("*")):
        if path.suffix in (".yaml", ".yml"):
            docs = [yaml.safe_load(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".json":
            docs = [json.loads(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".jsonl":  # records (a KB): only values under a key that says "pattern"
            docs = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines()
                    if ln.strip() and REGEX_KEY_IN_JSON.search(ln)]
        else:
            continue
        for doc in docs:
            for s, where in _strings(doc, path.name):
                if LOOKS_LIKE_REGEX.search(s) or REGEX_KEY.search(where.split(".", 1)[-1]):
                    try:
                        yield re.compile(s, re.IGNORECASE), where, "match"
                    except re.error:
                        continue  # a phrase with a stray bracket, not a pattern


def _flags(call: ast.Call, fn: str) -> int:
    node = next((k.value for k in call.keywords if k.arg == "flags"), None)
    if node is None and len(call.args) > FLAG_ARG[fn]:
        node = call.args[FLAG_ARG[fn]]
    return _flag_value(node) if node is not None else 0


def _flag_value(node: ast.expr) -> int:
    """``re.IGNORECASE | re.M`` and the like; anything else counts as no flags."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flag_value(node.left) | _flag_value(node.right)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re":
        return int(getattr(re, node.attr, 0))
    return 0


def literal_patterns() -> Iterator[tuple[re.Pattern[str], str, str]]:
    """Literal patterns in calls to ``re`` anywhere in selon, applied as the call says.

    A call on a line marked ``# redos: trusted input`` (a pattern applied to our own
    data, never to article text) is still checked for catastrophic backtracking,
    not for quadratic growth.
    """
    for path in sorted(SRC.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in FLAG_ARG and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                trusted = "redos: trusted input" in lines[node.lineno - 1]
                mode = "none" if trusted else "search" if node.func.attr in SEARCHING else "match"
                try:
                    yield (re.compile(node.args[0].value, _flags(node, node.func.attr)),
                           f"{path.relative_to(SRC.parent)}:{node.lineno}", mode)
                except re.error:
                    continue


ATOMS = {str, bytes, int, float, bool, type(None)}


def _ours(obj: Any) -> bool:
    return str(getattr(obj, "__module__", None) or "").startswith("selon")


def held_patterns(roots: dict[str, Any], depth: int = 8) -> Iterator[tuple[re.Pattern[str], str, str]]:
    """Compiled patterns reachable from selon's own objects: module globals, class attributes,
    the results of cached loaders (``functools.cache``), and pipeline components.

    Patterns built at run time from lexicons or f-strings are caught here, however
    they are stored; the walk never leaves selon's own modules, classes and functions.
    """
    seen: set[int] = set()
    queue = deque((obj, name, 0) for name, obj in roots.items())  # breadth first: shortest names, no depth cut
    while queue:
        obj, where, level = queue.popleft()
        if id(obj) in seen or level > depth:
            continue
        seen.add(id(obj))
        if isinstance(obj, re.Pattern):
            if isinstance(obj.pattern, str):
                yield obj, where, "match"
            continue
        children: list[tuple[str, Any]] = []
        if isinstance(obj, types.ModuleType):
            if obj.__name__.startswith("selon"):
                children = [(f"{obj.__name__}.{k}", v) for k, v in vars(obj).items()]
        elif isinstance(obj, dict):
            children = [(f"{where}[{k!r}]", v) for k, v in obj.items()]
        elif isinstance(obj, (list, tuple, set, frozenset)):
            children = [(f"{where}[{i}]", v) for i, v in enumerate(obj)]
        elif isinstance(obj, type):
            if _ours(obj):
                children = [(f"{where}.{k}", v) for k, v in vars(obj).items()]
        elif callable(obj) and _ours(obj):  # functions, their closures and defaults, cached results
            skip = getattr(obj, "__globals__", None)  # the module, walked on its own
            children = [(f"{where}()", v) for v in gc.get_referents(obj)
                        if v is not skip and not isinstance(v, types.ModuleType)]
        elif _ours(type(obj)):
            attrs = getattr(obj, "__dict__", None) or {}
            slots = [k for k in getattr(type(obj), "__slots__", ()) if hasattr(obj, k)]
            children = [(f"{where}.{k}", v) for k, v in attrs.items()]
            children += [(f"{where}.{k}", getattr(obj, k)) for k in slots]
        queue.extend((v, w, level + 1) for w, v in children if type(v) not in ATOMS)


def selon_modules() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for info in pkgutil.walk_packages([str(SRC)], "selon."):
        try:
            out[info.name] = importlib.import_module(info.name)
        except Exception:
            continue
    return out


def all_patterns(extra_roots: dict[str, Any] | None = None) -> list[tuple[re.Pattern[str], str, str]]:
    """(pattern, where it is defined, how it is applied), each pattern once (the most demanding use wins)."""
    rules()  # fill the cleaning rules' cache
    roots = {**selon_modules(), **(extra_roots or {})}
    literal = {(p.pattern, p.flags): (p, w, m) for p, w, m in literal_patterns()}  # the call says how it is used
    seen: dict[tuple[str, int], tuple[re.Pattern[str], str, str]] = {}
    for pattern, where, mode in [*data_patterns(), *held_patterns(roots)]:
        seen.setdefault((pattern.pattern, pattern.flags), (pattern, where, mode))
    seen.update(literal)
    return list(seen.values())


@pytest.fixture(scope="module")
def patterns(extract) -> list[tuple[re.Pattern[str], str, str]]:
    """Every pattern, after the pipeline has run once (lazy caches filled)."""
    extract("Le ministre a rencontré jeudi 3 mai 2024 son homologue à Rabat, selon l'AFP.")
    from selon.nlp import load_pipeline

    nlp = load_pipeline()
    return all_patterns({f"nlp.{name}": proc for name, proc in nlp.pipeline})


def test_patterns_were_found(patterns):
    """The collection itself works: data, literal and held patterns are among them."""
    wheres = {w for _, w, _ in patterns}
    assert any(w.startswith("boilerplate.yaml.byline") for w in wheres)
    assert any(w.startswith("selon/clean/") for w in wheres)
    assert any(p.pattern.startswith("^(?:Twitter|X|") for p, _, _ in patterns)  # built at run time
    assert len(patterns) >= 30


@pytest.mark.parametrize("bad", [r"(a+)+$", r"^(\w+\s?)+$", r"(\s*,\s*)*x", r"^(?:[\w.-]+)*@", r"(x+x+)+y", r"^(a|aa)+$", r"a*a*a*a*a*b"])
def test_the_probe_catches_known_catastrophic_patterns(bad: str):
    """A probe that cannot fail proves nothing: it must flag the textbook cases."""
    finding, _ = slowest(re.compile(bad), "known", LIMIT / 5)
    assert finding is not None, f"{bad} should have been caught"


def test_no_pattern_backtracks_catastrophically(patterns):
    findings, tried = [], 0
    for pattern, where, mode in patterns:
        finding, n = slowest(pattern, where, LIMIT, mode)
        tried += n
        if finding:
            findings.append(str(finding))
    print(f"{len(patterns)} patterns, {tried} adversarial strings")
    assert not findings, "\n".join(findings)


# Patterns this test caught in selon itself (fixed since): a byline of "Par" + spaces took
# 0.15 s per 600-character line; "date" + 20,000 spaces on a first line took 12 s; a 20,000-
# character `published` field took 20 s in the date parser's clean-up.
FIXED = {
    "byline": (r"^\s*(?:par|by)\s+[\w'’.\- ]{2,60}(?:,\s*[\w'’.\- ]{2,60})?\s*$", "match"),
    "published": (r"^\s*(?:published|posted)\s*(?:on\s*)?:?\s*(?P<date>.{4,60})$", "match"),
    "date_marker": (r"^\s*date\s*:?\s*(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[ \t]*", "match"),
    "date_words": (r"\s+(?:à|a|at)\s+\d{1,2}\s*[h:]\s*\d{0,2}.*$", "search"),  # re.sub
}


@pytest.mark.parametrize("name", FIXED)
def test_the_probe_catches_what_it_caught_before(name: str):
    """Cubic and quadratic too: fine on a short line, hours on a 5 MB first line or metadata field."""
    pattern, mode = FIXED[name]
    finding, _ = slowest(re.compile(pattern, re.IGNORECASE), name, LIMIT, mode)
    assert finding is not None, f"{pattern} should have been caught"


def test_adversarial_strings_reach_deep_into_a_pattern(patterns):
    byline = next(p for p, w, _ in patterns if w.startswith("boilerplate.yaml.byline"))
    shapes = adversarial(byline)
    assert any(build(s).lower().startswith("par ") for s in shapes) and len(shapes) > 50
