"""The French event gold standard (GSR): loading and checking its records.

A GSR record is one short passage with its hand-coded gold (eval/CODING.md).
This module reads and validates them without running the pipeline, so that
the people who write passages can check a batch they must never run selon on:

    python -m selon.evaluation.gsr check eval/gsr/dev/*.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EVENT_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT".split())
MODALITIES = frozenset({"asserted", "reported", "denied", "claimed", "planned", "threatened", "called-for",
                        "hypothetical"})
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "EVENT"})
TIME_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
MAX_WORDS = 120
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
REQUIRED = ("id", "style", "region", "real", "published", "text", "actors", "events", "quotes", "times")

# The shared scorer's normalisation (shared/eval/score.py), so that "occurs in the passage" means
# what the scorer's string matching will see.
_LEADING = re.compile(r"^(?:(?:l|d|the|le|la|les|du|de|des|de la|general|cheikh|sheikh|ayatollah|president|"
                      r"le general|commandant|agence|journal|quotidien)\s+)+")


def norm(text: str | None) -> str:
    """Accents, case, apostrophes and leading articles/titles folded, as the shared scorer does."""
    s = unicodedata.normalize("NFKD", text or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[’'`´]", " ", s)
    s = re.sub(r"[^0-9a-z]+", " ", s).strip()
    return _LEADING.sub("", s).strip()


def words(text: str) -> int:
    return len(re.findall(r"\w+(?:[’'-]\w+)*", text))


@dataclass
class GsrRecord:
    """One passage and its gold; ``origin`` is ``file:line`` for messages."""

    data: dict[str, Any]
    origin: str
    split: str = "dev"
    problems: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.data.get("id"))

    @property
    def text(self) -> str:
        return str(self.data.get("text") or "")


def load_styles(path: Path) -> dict[str, dict[str, Any]]:
    import yaml

    styles = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(styles, dict):
        raise ValueError(f"{path}: expected a mapping of style keys")
    return styles


def default_styles_path(start: Path) -> Path | None:
    for parent in [start, *start.parents]:
        candidate = parent / "styles.yaml"
        if candidate.is_file():
            return candidate
    return None


def read_records(paths: Iterable[Path]) -> Iterator[GsrRecord]:
    """Every record of the given JSON lines files (a line that is not JSON becomes a problem)."""
    for path in paths:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                origin = f"{path}:{n}"
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield GsrRecord({}, origin, problems=[f"not JSON: {exc}"])
                    continue
                if not isinstance(data, dict):
                    yield GsrRecord({}, origin, problems=["not a JSON object"])
                    continue
                yield GsrRecord(data, origin)


def _occurs(piece: str, padded_text: str) -> bool:
    n = norm(piece)
    return bool(n) and f" {n} " in padded_text


def check(rec: GsrRecord, styles: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """What is wrong with one record (empty when it is sound)."""
    d = rec.data
    problems = list(rec.problems)
    if not d:
        return problems
    problems += [f"missing field {k!r}" for k in REQUIRED if k not in d]
    text = rec.text
    if not text.strip():
        return problems + ["empty text"]
    padded = f" {norm(text)} "
    if words(text) > MAX_WORDS:
        problems.append(f"{words(text)} words (at most {MAX_WORDS})")
    if styles is not None and d.get("style") not in styles:
        problems.append(f"unknown style {d.get('style')!r}")
    published = d.get("published")
    if published is not None and not (isinstance(published, str) and ISO_DATE.match(published)):
        problems.append(f"published {published!r} is not an ISO date")
    actors = d.get("actors") or {}
    if not isinstance(actors, dict):
        return problems + ["actors is not a mapping"]
    owner: dict[str, str] = {}
    for key, actor in actors.items():
        if not isinstance(actor, dict) or not isinstance(actor.get("aliases"), list) or not actor["aliases"]:
            problems.append(f"actor {key}: needs a non-empty aliases list")
            continue
        if actor.get("type") not in ACTOR_TYPES:
            problems.append(f"actor {key}: type {actor.get('type')!r}")
        if not any(_occurs(a, padded) for a in actor["aliases"]):
            problems.append(f"actor {key}: no alias occurs in the text")
        for alias in actor["aliases"]:
            n = norm(alias)
            if n in owner and owner[n] != key:
                problems.append(f"alias {alias!r} belongs to {owner[n]} and {key}")
            owner[n] = key
    for i, ev in enumerate(d.get("events") or []):
        where = f"event {i + 1}"
        types = ev.get("types")
        if not isinstance(types, list) or not types or any(t not in EVENT_TYPES for t in types):
            problems.append(f"{where}: types {types!r}")
        for role in ("actor", "recipient", "location"):
            if ev.get(role) is not None and ev[role] not in actors:
                problems.append(f"{where}: {role} {ev[role]!r} is not an actor key")
        if ev.get("modality") is not None and ev["modality"] not in MODALITIES:
            problems.append(f"{where}: modality {ev['modality']!r}")
        if ev.get("date") is not None and not ISO_DATE.match(str(ev["date"])):
            problems.append(f"{where}: date {ev['date']!r}")
        if not isinstance(ev.get("optional"), bool):
            problems.append(f"{where}: optional must be true or false")
        if ev.get("trigger") and not _occurs(ev["trigger"], padded):
            problems.append(f"{where}: trigger {ev['trigger']!r} does not occur")
    for i, q in enumerate(d.get("quotes") or []):
        if not q.get("contains") or not _occurs(q["contains"], padded):
            problems.append(f"quote {i + 1}: contains {q.get('contains')!r} does not occur")
        if q.get("speaker") not in actors:
            problems.append(f"quote {i + 1}: speaker {q.get('speaker')!r} is not an actor key")
    for i, t in enumerate(d.get("times") or []):
        if not t.get("text") or t["text"] not in text:
            problems.append(f"time {i + 1}: text {t.get('text')!r} does not occur verbatim")
        if t.get("type") not in TIME_TYPES:
            problems.append(f"time {i + 1}: type {t.get('type')!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m selon.evaluation.gsr", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check", help="check GSR batches (JSON lines) without running the pipeline")
    c.add_argument("files", nargs="+", type=Path)
    c.add_argument("--styles", type=Path, help="styles.yaml (default: the nearest one above the first file)")
    a = ap.parse_args(argv)
    styles_path = a.styles or default_styles_path(a.files[0].resolve().parent)
    styles = load_styles(styles_path) if styles_path else None
    seen: dict[str, str] = {}
    bad = total = 0
    for rec in read_records(a.files):
        total += 1
        problems = check(rec, styles)
        if rec.id in seen:
            problems.append(f"id {rec.id} already used at {seen[rec.id]}")
        seen.setdefault(rec.id, rec.origin)
        if problems:
            bad += 1
            for p in problems:
                print(f"{rec.origin} [{rec.id}]: {p}")
    print(f"{total} records, {bad} with problems", file=sys.stderr)
    return 1 if bad or not total else 0


if __name__ == "__main__":
    sys.exit(main())
