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
import importlib
import json
import pkgutil
import re
import signal
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
# Regex syntax, as opposed to a plain phrase: escapes, groups, classes, quantifiers, alternation.
LOOKS_LIKE_REGEX = re.compile(r"\\[a-zA-Z.()\[\]]|\(\?|\[[^\]]+\]|[^\s\\][*+]|\{\d+(?:,\d*)?\}|\|")
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


def data_patterns() -> Iterator[tuple[re.Pattern[str], str]]:
    for path in sorted(DATA.rglob("*")):
        if path.suffix in (".yaml", ".yml"):
            docs = [yaml.safe_load(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".json":
            docs = [json.loads(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".jsonl":
            docs = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        else:
            continue
        for doc in docs:
            for s, where in _strings(doc, path.name):
                if LOOKS_LIKE_REGEX.search(s):
                    try:
                        yield re.compile(s, re.IGNORECASE), where
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


def code_patterns() -> Iterator[tuple[re.Pattern[str], str]]:
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in FLAG_ARG and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                try:
                    yield (re.compile(node.args[0].value, _flags(node, node.func.attr)),
                           f"{path.relative_to(SRC.parent)}:{node.lineno}")
                except re.error:
                    continue
    for info in pkgutil.walk_packages([str(SRC)], "selon."):
        try:
            module = importlib.import_module(info.name)
        except Exception:
            continue
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                yield value, f"{info.name}.{name}"
    r = rules()
    for name in r.__dataclass_fields__:
        value = getattr(r, name)
        for i, p in enumerate(value if isinstance(value, tuple) else (value,)):
            if isinstance(p, re.Pattern):
                yield p, f"clean.rules().{name}[{i}]"


def all_patterns() -> list[tuple[re.Pattern[str], str]]:
    seen: dict[tuple[str, int], tuple[re.Pattern[str], str]] = {}
    for pattern, where in [*data_patterns(), *code_patterns()]:
        seen.setdefault((pattern.pattern, pattern.flags), (pattern, where))
    return list(seen.values())


PATTERNS = all_patterns()


def test_patterns_were_found():
    """The collection itself works: the cleaning rules and code patterns are among them."""
    wheres = {w for _, w in PATTERNS}
    assert any(w.startswith("boilerplate.yaml.byline") for w in wheres)
    assert any(w.startswith("clean.rules().platform") for w in wheres)
    assert any(w.startswith("selon/clean.py:") for w in wheres)
    assert len(PATTERNS) >= 30


@pytest.mark.parametrize("bad", [r"(a+)+$", r"^(\w+\s?)+$", r"(\s*,\s*)*x", r"^(?:[\w.-]+)*@", r"(x+x+)+y", r"^(a|aa)+$", r"a*a*a*a*a*b"])
def test_the_probe_catches_known_catastrophic_patterns(bad: str):
    """A probe that cannot fail proves nothing: it must flag the textbook cases."""
    finding, _ = slowest(re.compile(bad), "known", LIMIT / 5)
    assert finding is not None, f"{bad} should have been caught"


def test_no_pattern_backtracks_catastrophically():
    findings, tried = [], 0
    for pattern, where in PATTERNS:
        finding, n = slowest(pattern, where, LIMIT)
        tried += n
        if finding:
            findings.append(str(finding))
    print(f"{len(PATTERNS)} patterns, {tried} adversarial strings")
    assert not findings, "\n".join(findings)


# Patterns this test caught in selon itself (fixed since): a byline of "Par" + spaces took
# 0.15 s per 600-character line; "date" + 20,000 spaces on a first line took 12 s; a 20,000-
# character `published` field took 20 s in the date parser's clean-up.
FIXED = {
    "byline": r"^\s*(?:par|by)\s+[\w'’.\- ]{2,60}(?:,\s*[\w'’.\- ]{2,60})?\s*$",
    "published": r"^\s*(?:published|posted)\s*(?:on\s*)?:?\s*(?P<date>.{4,60})$",
    "date_marker": r"^\s*date\s*:?\s*(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[ \t]*",
    "date_words": r"\s+(?:à|a|at)\s+\d{1,2}\s*[h:]\s*\d{0,2}.*$",
}


@pytest.mark.parametrize("name", FIXED)
def test_the_probe_catches_what_it_caught_before(name: str):
    """Cubic and quadratic too: fine on a short line, hours on a 5 MB first line or metadata field."""
    finding, _ = slowest(re.compile(FIXED[name], re.IGNORECASE), name, LIMIT)
    assert finding is not None, f"{FIXED[name]} should have been caught"


def test_adversarial_strings_reach_deep_into_a_pattern():
    byline = next(p for p, w in PATTERNS if w.startswith("boilerplate.yaml.byline"))
    shapes = adversarial(byline)
    assert any(build(s).lower().startswith("par ") for s in shapes) and len(shapes) > 50
