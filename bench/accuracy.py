#!/usr/bin/env python3
"""Accuracy on the private held-out set (bench/heldout) and on the dev samples, with the shared scorer.

    PYTHONPATH=$PWD/src .venv/bin/python bench/accuracy.py [--score PATH] [--keep DIR] [--misses]

Runs ``selon extract`` on ``bench/heldout/articles`` and, when present, on the dev samples, then the
shared scorer (``shared/eval/score.py``) on each, and prints both tables.  ``--details`` adds what the
scorer only counts: boilerplate lines left in the body, wrong title/outlet/date, and events found
with the wrong modality.  The gold is checked for consistency with the articles first (an edited
article must not silently orphan its annotation).

The held-out articles are for measurement only: never tune rules, lexicons or the KB to them.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
HELDOUT = REPO / "bench" / "heldout"
PLOVER = set("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
             "PROTEST SANCTION MOBILIZE COERCE ASSAULT".split())
MODALITIES = {None, "asserted", "reported", "denied", "claimed", "threatened", "called-for", "planned",
              "hypothetical"}


def find_shared(relative: str) -> Path | None:
    """``../shared/<relative>`` next to the repository, or next to any parent (worktrees live deeper)."""
    for parent in [REPO, *REPO.parents]:
        candidate = parent.parent / "shared" / relative
        if candidate.is_file() or candidate.is_dir():
            return candidate
    return None


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("selon_shared_score", path)
    if spec is None or spec.loader is None:
        sys.exit(f"accuracy: cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_gold(gold: dict, articles: Path, norm) -> list[str]:
    """Problems in the gold file: keys, modalities, and strings that no longer occur in the articles."""
    problems: list[str] = []
    owner: dict[str, set[str]] = {}
    for key, actor in gold["actors"].items():
        for alias in actor["aliases"]:
            owner.setdefault(norm(alias), set()).add(key)
    problems += [f"alias {n!r} belongs to {sorted(ks)}" for n, ks in owner.items() if len(ks) > 1]
    problems += [f"forbidden {f!r} is also an actor alias" for f in gold.get("forbidden", []) if norm(f) in owner]
    for name, doc in gold["docs"].items():
        path = articles / name
        if not path.is_file():
            problems.append(f"{name}: no such article")
            continue
        text = norm(path.read_text(encoding="utf-8"))
        padded = f" {text} "
        for key in doc["actors"]:
            aliases = gold["actors"].get(key, {}).get("aliases", [])
            if not any(f" {norm(a)} " in padded for a in aliases):
                problems.append(f"{name}: actor {key} does not occur")
        for line in doc["removed_lines"] + doc["kept_lines"]:
            if norm(line) not in text:
                problems.append(f"{name}: line does not occur: {line[:50]!r}")
        for quote in doc["quotes"]:
            if norm(quote["contains"]) not in text:
                problems.append(f"{name}: quote does not occur: {quote['contains'][:50]!r}")
            if quote["speaker"] not in doc["actors"]:
                problems.append(f"{name}: quote speaker {quote['speaker']} not among the document's actors")
        for event in doc["events"]:
            if not set(event["types"]) <= PLOVER:
                problems.append(f"{name}: unknown event type in {event['types']}")
            if event.get("modality") not in MODALITIES:
                problems.append(f"{name}: unknown modality {event.get('modality')!r}")
            for role in ("actor", "recipient"):
                if event[role] and event[role] not in doc["actors"]:
                    problems.append(f"{name}: event {role} {event[role]} not among the document's actors")
        if doc["outlet"] and doc["outlet"] not in gold["actors"]:
            problems.append(f"{name}: outlet {doc['outlet']} is not an actor key")
    return problems


def extract(paths: list[Path], out: Path) -> None:
    """``selon extract`` with this interpreter (and its PYTHONPATH), one JSON line per article."""
    cmd = [sys.executable, "-c", "from selon.cli import main; main()", "extract", *map(str, paths),
           "--format", "jsonl", "--output", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True)  # noqa: S603 - our own interpreter and CLI
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        sys.exit(f"accuracy: selon extract failed ({done.returncode}) on {paths}")


def details(gold: dict, out: dict, scorer: ModuleType) -> list[str]:
    """What the scorer counts but does not list: cleaning, metadata and modality misses."""
    norm = scorer.norm
    actors = {k: {norm(x) for x in v["aliases"]} for k, v in gold["actors"].items()}
    lines: list[str] = []
    for name, g in gold["docs"].items():
        rec = out.get(name)
        if rec is None:
            continue
        body = norm(rec.get("body", ""))
        lines += [f"{name}: boilerplate kept {line[:50]!r}" for line in g["removed_lines"] if norm(line) in body]
        if not g.get("skip_meta"):
            title = norm(rec.get("title") or "")
            if not title.startswith(norm(g["title_startswith"])):
                lines.append(f"{name}: title {rec.get('title')!r}")
            outlet = rec.get("outlet")
            ok = outlet in (None, "") if g["outlet"] is None else bool(outlet) and norm(outlet) in actors[g["outlet"]]
            if not ok:
                lines.append(f"{name}: outlet {outlet!r}, gold {g['outlet']}")
            if (rec.get("published") or None) != g["published"]:
                lines.append(f"{name}: published {rec.get('published')!r}, gold {g['published']!r}")
        doc = scorer.Doc(rec, actors)
        events = rec.get("events") or []
        for ge in g["events"]:
            if ge["optional"] or not ge.get("modality"):
                continue
            found = [se for se in events if se.get("type") in ge["types"]
                     and (not ge["actor"] or doc.matches(se.get("actors"), ge["actor"]))
                     and (not ge["recipient"] or doc.matches(se.get("recipients"), ge["recipient"]))]
            if found and not any(se.get("modality") == ge["modality"] for se in found):
                got = sorted({str(se.get("modality")) for se in found})
                lines.append(f"{name}: modality {got} for {ge['types'][0]} {ge['actor']}->{ge['recipient']}, "
                             f"gold {ge['modality']} ({ge['note']})")
    return lines


def run(label: str, gold_path: Path, inputs: list[Path], scorer_path: Path, scorer: ModuleType, keep: Path | None,
        misses: bool, show_details: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = (keep or Path(tmp)) / f"{label}.jsonl"
        out.parent.mkdir(parents=True, exist_ok=True)
        extract(inputs, out)
        cmd = [sys.executable, str(scorer_path), str(gold_path), str(out)] + (["--show-misses"] if misses else [])
        table = subprocess.run(cmd, capture_output=True, text=True)  # noqa: S603 - the shared scorer
        print(f"== {label}: {gold_path}")
        print(table.stdout.rstrip() or table.stderr.rstrip())
        if show_details:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            for line in details(gold, scorer.load_output(str(out)), scorer):
                print("  detail:", line)
        print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--score", type=Path, default=find_shared("eval/score.py"),
                    help="the shared scorer (default: ../shared/eval/score.py next to the repository)")
    ap.add_argument("--heldout", type=Path, default=HELDOUT, help="held-out folder: articles/ and gold.json")
    ap.add_argument("--samples", type=Path, default=find_shared("samples"), help="the dev samples folder")
    ap.add_argument("--dev-gold", type=Path, default=None, help="dev gold (default: next to the scorer)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the extracted JSON lines in this folder")
    ap.add_argument("--misses", action="store_true", help="list the scorer's misses")
    ap.add_argument("--details", action="store_true", help="also list cleaning, metadata and modality misses")
    a = ap.parse_args()
    if a.score is None or not a.score.is_file():
        sys.exit("accuracy: no scorer found; pass --score PATH/TO/score.py")
    scorer = load_scorer(a.score)

    gold_path, articles = a.heldout / "gold.json", a.heldout / "articles"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    problems = check_gold(gold, articles, scorer.norm)
    for problem in problems:
        print("gold:", problem, file=sys.stderr)
    if problems:
        sys.exit(f"accuracy: {len(problems)} problem(s) in {gold_path}")
    run("heldout", gold_path, sorted(articles.glob("*.txt")), a.score, scorer, a.keep, a.misses, a.details)

    dev_gold = a.dev_gold or a.score.parent / "dev-gold.json"
    if a.samples and a.samples.is_dir() and dev_gold.is_file():
        run("dev", dev_gold, sorted(a.samples.glob("*.txt")), a.score, scorer, a.keep, a.misses, a.details)
    else:
        print("(no dev samples or dev gold found: dev table skipped)")


if __name__ == "__main__":
    main()
