"""Corpus tables as Parquet files (pyarrow), written in row groups: memory does not grow with the corpus.

A file holds one table with the same columns as its CSV and its DataFrame
(``selon.corpus.tables``); pandas, DuckDB and R's arrow read it as is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from selon.corpus.tables import Columns
from selon.export.frames import frame


def write(path: Path, columns: Columns, batches: Iterable[Sequence[dict[str, Any]]]) -> int:
    """Write each batch of rows as a row group; returns the number of rows.  An empty table is still a file
    with every column."""
    first = pa.Table.from_pandas(frame(columns, []), preserve_index=False)
    n = 0
    with pq.ParquetWriter(path, first.schema, compression="zstd") as writer:
        for rows in batches:
            if not rows:
                continue
            writer.write_table(pa.Table.from_pandas(frame(columns, rows), schema=first.schema, preserve_index=False))
            n += len(rows)
        if n == 0:
            writer.write_table(first)
    return n
