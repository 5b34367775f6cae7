"""Running selon over GSR passages and scoring them, by split; the recorded figures CI holds us to.

Each passage goes through the same pipeline as ``selon extract`` (cleaning
included), with its ``published`` date given as metadata, as a JSON lines
input would give it, and a title that is not in the text, so that the whole
passage is the article body.  A record's split is its style's
(``eval/gsr/styles.yaml``), or the name of the folder it sits in.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from selon.evaluation.gsr import GsrRecord, check, default_styles_path, load_styles, read_records
from selon.evaluation.scoring import Tally, score_record

# The figures the CI gate holds (issue 13): a drop of more than TOLERANCE below the recorded value fails.
GATED = ("event_f1", "modality_acc", "quote_speaker_acc")
TOLERANCE = 0.02


class GsrError(ValueError):
    """A GSR file that cannot be evaluated (missing, or records with problems): the message names it."""


def gsr_files(paths: Iterable[Path]) -> list[Path]:
    """JSON lines files as given, directories searched recursively (sorted)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(p.rglob("*.jsonl"))
        elif p.is_file():
            out.append(p)
        else:
            raise GsrError(f"{p}: no such file or directory")
    if not out:
        raise GsrError("no GSR files (*.jsonl) in " + ", ".join(str(p) for p in paths))
    return out


def load_gsr(paths: Iterable[Path], splits: Iterable[str] | None = None) -> list[GsrRecord]:
    """The records of the given files, each with its split; refuses records the checker rejects."""
    files = gsr_files(paths)
    styles_path = default_styles_path(files[0].resolve().parent)
    styles = load_styles(styles_path) if styles_path else {}
    wanted = set(splits) if splits else None
    records: list[GsrRecord] = []
    problems: list[str] = []
    seen: set[str] = set()
    for rec in read_records(files):
        style = styles.get(str(rec.data.get("style")), {})
        rec.split = str(style.get("split") or Path(rec.origin.rpartition(":")[0]).parent.name)
        found = check(rec, styles or None)
        if rec.id in seen:
            found.append(f"id {rec.id} used twice")
        seen.add(rec.id)
        problems += [f"{rec.origin} [{rec.id}]: {p}" for p in found]
        if wanted is None or rec.split in wanted:
            records.append(rec)
    if problems:
        shown = "\n  ".join(problems[:10])
        more = f"\n  … and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise GsrError(f"{len(problems)} problems in the GSR files (python -m selon.evaluation.gsr check):\n  "
                       f"{shown}{more}")
    return records


def extract(records: list[GsrRecord], progress: Callable[[int], None] | None = None) -> dict[str, dict[str, Any]]:
    """Record id -> the CONTRACT record selon makes of its passage (as JSON-ready dict)."""
    from selon.ingest import Document, InputError
    from selon.ingest.readers import finish
    from selon.pipeline import Extractor

    def documents() -> Iterator[Document]:
        for rec in records:
            meta: dict[str, str | None] = {"title": f"GSR {rec.id}", "language": "fr"}
            if rec.data.get("published"):
                meta["published"] = str(rec.data["published"])
            yield finish(Document.from_text(rec.text, path=rec.origin, id=rec.id, format="jsonl", meta=meta))

    out: dict[str, dict[str, Any]] = {}
    for result in Extractor().run(documents()):
        if isinstance(result, InputError):
            raise GsrError(str(result))
        rec = result.record.to_dict()
        out[str(rec["id"])] = rec
        if progress:
            progress(1)
    return out


def evaluate(records: list[GsrRecord], outputs: dict[str, dict[str, Any]]) -> dict[str, Tally]:
    """Split -> its counts (records without an output count as empty ones)."""
    tallies: dict[str, Tally] = {}
    for rec in records:
        score_record(rec, outputs.get(rec.id, {}), tallies.setdefault(rec.split, Tally()))
    return dict(sorted(tallies.items()))


def read_figures(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GsrError(f"{path}: cannot read the recorded figures: {exc}") from exc
    if not isinstance(data, dict):
        raise GsrError(f"{path}: expected an object of splits")
    return data


def record_figures(path: Path, figures: dict[str, dict[str, Any]]) -> None:
    """Write the gated figures (and the rest, for reading) of every split, rounded to 4 places."""
    def rounded(v: Any) -> Any:
        if isinstance(v, float):
            return round(v, 4)
        if isinstance(v, dict):
            return {k: rounded(x) for k, x in v.items()}
        return v

    path.write_text(json.dumps(rounded(figures), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def gate(figures: dict[str, dict[str, Any]], recorded: dict[str, dict[str, Any]],
         tolerance: float = TOLERANCE) -> list[str]:
    """Every gated figure of every recorded split that fell more than ``tolerance`` below its record."""
    failures: list[str] = []
    for split, want in recorded.items():
        got = figures.get(split)
        if got is None:
            continue
        for key in GATED:
            before, now = want.get(key), got.get(key)
            if before is None:
                continue
            if now is None or now < before - tolerance:
                failures.append(f"{split} {key}: {now if now is None else round(now, 4)} "
                                f"< recorded {before} - {tolerance}")
    return failures
