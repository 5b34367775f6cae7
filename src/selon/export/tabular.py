"""Corpus tables as CSV (events: an ACLED/POLECAT-like layout, one row per corpus event) or JSON lines.

The columns are those of ``selon.corpus.tables``, the same as the Parquet
files and the Python API's DataFrames.  CSV cells are article-derived text
opened in spreadsheets: a cell that would start a formula (``= + - @``, tab,
CR) is prefixed with a quote (OWASP "CSV injection"), so opening the file
runs nothing.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import IO, Any

from sqlalchemy.engine import Connection

from selon.corpus import evidence, listing, tables
from selon.corpus.filters import Filters

COLUMNS = tuple(name for name, _ in tables.EVENTS)
EVIDENCE_LIMIT = tables.EVIDENCE_LIMIT
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def write_rows_csv(sink: IO[str], columns: tables.Columns, batches: Iterable[Sequence[dict[str, Any]]]) -> int:
    """A header, then one line per row (None as an empty cell); returns the number of rows."""
    w = csv.DictWriter(sink, fieldnames=[name for name, _ in columns], lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    n = 0
    for rows in batches:
        for row in rows:
            w.writerow({k: safe_cell(v) for k, v in row.items()})
            n += 1
    return n


def write_rows_jsonl(sink: IO[str], batches: Iterable[Sequence[dict[str, Any]]]) -> int:
    n = 0
    for rows in batches:
        for row in rows:
            sink.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            n += 1
    return n


def write_csv(conn: Connection, filters: Filters, sink: IO[str]) -> int:
    """One row per corpus event; the evidence column holds each report's evidence, separated by " | "."""
    return write_rows_csv(sink, tables.EVENTS, tables.iter_event_rows(conn, filters))


def write_jsonl(conn: Connection, filters: Filters, sink: IO[str]) -> int:
    """One corpus event per line with all its reports, stance and denial links (``evidence.event``)."""
    n = 0
    for ev in listing.iter_events(conn, filters):
        full = evidence.event(conn, ev["id"])
        sink.write(json.dumps(full, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n
