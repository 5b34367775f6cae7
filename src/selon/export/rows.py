"""Rows of any table written as CSV or JSON lines: the one writer behind exports and CLI listings.

CSV cells are article-derived text opened in spreadsheets: a cell that would
start a formula (``= + - @``, tab, CR) is prefixed with a quote (OWASP "CSV
injection"), so opening the file runs nothing.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import IO, Any

_FORMULA = ("=", "+", "-", "@", "\t", "\r")
Batches = Iterable[Sequence[dict[str, Any]]]


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def write_csv(sink: IO[str], columns: Sequence[str], batches: Batches) -> int:
    """A header, then one line per row (None as an empty cell); returns the number of rows."""
    w = csv.DictWriter(sink, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    n = 0
    for rows in batches:
        for row in rows:
            w.writerow({k: safe_cell(v) for k, v in row.items()})
            n += 1
    return n


def write_jsonl(sink: IO[str], batches: Batches) -> int:
    """One JSON object per row (None as null); returns the number of rows."""
    n = 0
    for rows in batches:
        for row in rows:
            sink.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            n += 1
    return n
