"""Flat rows (``selon.corpus.tables``) as typed pandas DataFrames, for the Python API and Parquet.

The column kinds of a table decide the dtypes, whatever the rows hold (an
empty result still has every column, with its type): ids and counts are
``int64`` (``Int64`` where an id may be missing), text is pandas' string
dtype, days are ``datetime64[ms]`` (a unit Parquet stores as is, so a frame
read back from a file equals the one written).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from selon.corpus.tables import Columns

DTYPES = {"id": "int64", "id?": "Int64", "count": "int64", "int": "int64", "text": "str", "day": "datetime64[ms]"}


def series(values: list[Any], kind: str) -> pd.Series:
    if kind == "day":
        return pd.Series(np.array(values, dtype="datetime64[ms]"))
    return pd.Series(values, dtype=DTYPES[kind])


def frame(columns: Columns, rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """A DataFrame with exactly ``columns``, in order, typed by kind."""
    return pd.DataFrame({name: series([r[name] for r in rows], kind) for name, kind in columns})
