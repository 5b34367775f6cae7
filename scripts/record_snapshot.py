#!/usr/bin/env python3
"""Snapshot every record selon produces on a fixed set of texts, and compare two snapshots.

    PYTHONPATH=$PWD/src .venv/bin/python scripts/record_snapshot.py write /tmp/before.jsonl
    ... refactor ...
    PYTHONPATH=$PWD/src .venv/bin/python scripts/record_snapshot.py write /tmp/after.jsonl \
        --fixtures /tmp/before.jsonl.fixtures.jsonl
    .venv/bin/python scripts/record_snapshot.py compare /tmp/before.jsonl /tmp/after.jsonl

Why: a change that is meant to move code, not behaviour (a package split, a
module cut in two), must leave every record byte-identical.  The texts are the
demo corpus, the dev samples (``../shared/samples``, when present), the private
held-out articles, the ``text:`` fields of the YAML test fixtures and every long
French string literal in the test suite.  Snapshots hold article text: keep them
outside the repository (the dev samples are copyrighted).
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
MIN_LITERAL = 80  # characters: a string literal this long with spaces is an article fixture


def shared_samples() -> Path | None:
    for parent in [REPO, *REPO.parents]:
        candidate = parent.parent / "shared" / "samples"
        if candidate.is_dir():
            return candidate
    return None


def file_inputs() -> list[Path]:
    """Article files selon reads from disk (demo corpus, dev samples, held-out set)."""
    roots = [REPO / "src" / "selon" / "demo", REPO / "bench" / "heldout" / "articles"]
    samples = shared_samples()
    if samples is not None:
        roots.append(samples)
    files: list[Path] = []
    for root in roots:
        files += sorted(p for p in root.rglob("*") if p.suffix in {".txt", ".html", ".htm", ".jsonl"})
    return files


def yaml_texts(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "text" and isinstance(item, str):
                yield item
            else:
                yield from yaml_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from yaml_texts(item)


def fixture_texts() -> Iterator[tuple[str, str]]:
    """(origin, text) for the fixtures written inside the test suite."""
    tests = REPO / "tests"
    for path in sorted(tests.rglob("*.yaml")):
        for n, text in enumerate(yaml_texts(yaml.safe_load(path.read_text(encoding="utf-8")))):
            yield f"{path.relative_to(REPO)}#{n}", text
    for path in sorted(tests.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if len(text) >= MIN_LITERAL and text.count(" ") >= 8 and not text.lstrip().startswith(("{", "<")):
                    yield f"{path.relative_to(REPO)}:{node.lineno}", text


def portable(line: str) -> str:
    """A record line with this checkout's absolute paths replaced, so two checkouts compare equal."""
    samples = shared_samples()
    if samples is not None:
        line = line.replace(json.dumps(str(samples.parent))[1:-1], "<shared>")
    return line.replace(json.dumps(str(REPO))[1:-1], "<repo>")


def load_fixtures(path: Path | None, out: Path) -> list[tuple[str, str]]:
    """The fixture texts: from a saved list (so that moving tests does not change the inputs), else
    collected from the test suite now and saved beside the snapshot for the next run."""
    if path is not None:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [(r["origin"], r["text"]) for r in rows]
    found = list(fixture_texts())
    saved = out.with_name(out.name + ".fixtures.jsonl")
    with saved.open("w", encoding="utf-8") as f:
        for origin, text in found:
            f.write(json.dumps({"origin": origin, "text": text}, ensure_ascii=False) + "\n")
    print(f"{saved}: {len(found)} fixture texts (pass it as --fixtures next time)", file=sys.stderr)
    return found


def write(out: Path, fixtures: Path | None = None) -> int:
    from selon.ingest import InputError, iter_documents
    from selon.ingest.document import Document
    from selon.pipeline import Extractor

    extractor = Extractor()
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for result in extractor.run(iter_documents([str(p) for p in file_inputs()])):
            line = f"ERROR {result.path} {result.reason}" if isinstance(result, InputError) else portable(result.record.to_json())
            f.write(line + "\n")
            n += 1
        seen: set[str] = set()
        docs = []
        for origin, text in load_fixtures(fixtures, out):
            key = hashlib.sha256(text.encode()).hexdigest()
            if key not in seen:
                seen.add(key)
                docs.append(Document.from_text(text, path=origin))
        for result in extractor.run(docs):
            line = f"ERROR {result.path} {result.reason}" if isinstance(result, InputError) else portable(result.record.to_json())
            f.write(line + "\n")
            n += 1
    print(f"{out}: {n} records", file=sys.stderr)
    return 0


def compare(before: Path, after: Path) -> int:
    a = before.read_text(encoding="utf-8").splitlines()
    b = after.read_text(encoding="utf-8").splitlines()
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y]
    if len(a) != len(b):
        print(f"record counts differ: {len(a)} before, {len(b)} after")
    for i in differ[:10]:
        path = json.loads(a[i]).get("path") if a[i].startswith("{") else a[i][:80]
        print(f"record {i + 1} differs ({path})")
    same = len(a) == len(b) and not differ
    print(f"{len(a)} records before, {len(b)} after: {'byte-identical' if same else f'{len(differ)} differ'}")
    return 0 if same else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write", help="extract every snapshot text, one JSON line per record")
    w.add_argument("out", type=Path)
    w.add_argument("--fixtures", type=Path, help="fixture texts saved by an earlier run (OUT.fixtures.jsonl)")
    c = sub.add_parser("compare", help="exit 1 unless the two snapshots are byte-identical")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    a = ap.parse_args()
    return write(a.out, a.fixtures) if a.cmd == "write" else compare(a.before, a.after)


if __name__ == "__main__":
    sys.exit(main())
