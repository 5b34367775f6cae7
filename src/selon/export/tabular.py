"""Corpus events as CSV (an ACLED/POLECAT-like layout, one row per corpus event) or JSON lines.

CSV cells are article-derived text opened in spreadsheets: a cell that would
start a formula (``= + - @``, tab, CR) is prefixed with a quote (OWASP "CSV
injection"), so opening the file runs nothing.
"""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from sqlalchemy.engine import Connection

from selon.corpus import query as q

COLUMNS = (
    "event_id", "event_date", "date_precision", "date_start", "date_end", "event_type", "mode",
    "actor1", "actor1_ids", "actor1_types", "actor2", "actor2_ids", "actor2_types", "location", "modality",
    "modalities", "sources", "outlets", "report_count", "article_count", "outlet_count", "denials", "evidence",
)
EVIDENCE_LIMIT = 2000
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def row(ev: dict[str, Any], evidence: str) -> dict[str, Any]:
    def names(people: list[dict[str, Any]], key: str) -> str:
        return "; ".join(str(p[key]) for p in people)

    return {
        "event_id": ev["id"], "event_date": ev["date"] or "", "date_precision": ev["date_precision"],
        "date_start": ev["date_start"] or "", "date_end": ev["date_end"] or "",
        "event_type": ev["type"], "mode": ev["mode"] or "",
        "actor1": names(ev["actors"], "name"), "actor1_ids": names(ev["actors"], "id"),
        "actor1_types": names(ev["actors"], "type"),
        "actor2": names(ev["recipients"], "name"), "actor2_ids": names(ev["recipients"], "id"),
        "actor2_types": names(ev["recipients"], "type"),
        "location": ev["location"] or "", "modality": ev["modality"],
        "modalities": "; ".join(f"{k}:{v}" for k, v in sorted(ev["modalities"].items())),
        "sources": names(ev["sources"], "name"), "outlets": "; ".join(ev["outlets"]),
        "report_count": ev["n_reports"], "article_count": ev["n_articles"], "outlet_count": ev["n_outlets"],
        "denials": ev["denials"], "evidence": evidence[:EVIDENCE_LIMIT],
    }


def write_csv(conn: Connection, filters: q.Filters, sink: IO[str]) -> int:
    """One row per corpus event; the evidence column holds each report's evidence, separated by " | "."""
    w = csv.DictWriter(sink, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for ev in q.iter_events(conn, filters):
        evidence = " | ".join(q.evidence_texts(conn, ev["id"]))
        w.writerow({k: safe_cell(v) for k, v in row(ev, evidence).items()})
        n += 1
    return n


def write_jsonl(conn: Connection, filters: q.Filters, sink: IO[str]) -> int:
    """One corpus event per line with all its reports, stance and denial links (``query.event``)."""
    n = 0
    for ev in q.iter_events(conn, filters):
        full = q.event(conn, ev["id"])
        sink.write(json.dumps(full, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n
