"""Corpus events as CSV (an ACLED/POLECAT-like layout, one row per corpus event) or JSON lines.

The CSV columns are those of ``selon.corpus.tables.EVENTS``, the same as the
Parquet file and the Python API's DataFrame; cells that would start a
spreadsheet formula are defused (``selon.export.rows``).  The JSON lines hold
each event in full: its reports, stance and denial links.
"""

from __future__ import annotations

import json
from typing import IO

from sqlalchemy.engine import Connection

from selon.corpus import evidence, listing, tables
from selon.corpus.filters import Filters
from selon.export.rows import safe_cell
from selon.export.rows import write_csv as write_rows_csv

COLUMNS = tuple(name for name, _ in tables.EVENTS)
__all__ = ["COLUMNS", "EVIDENCE_LIMIT", "safe_cell", "write_csv", "write_jsonl"]
EVIDENCE_LIMIT = tables.EVIDENCE_LIMIT


def write_csv(conn: Connection, filters: Filters, sink: IO[str]) -> int:
    """One row per corpus event; the evidence column holds each report's evidence, separated by " | "."""
    return write_rows_csv(sink, COLUMNS, tables.iter_event_rows(conn, filters))


def write_jsonl(conn: Connection, filters: Filters, sink: IO[str]) -> int:
    """One corpus event per line with all its reports, stance and denial links (``evidence.event``)."""
    n = 0
    for ev in listing.iter_events(conn, filters):
        full = evidence.event(conn, ev["id"])
        sink.write(json.dumps(full, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n
