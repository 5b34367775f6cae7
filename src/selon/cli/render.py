"""Listings on a terminal, or for a pipe: ``--format table|csv|jsonl``.

A table fits the terminal by what a reader needs: when the columns are too
wide, the least important are dropped first (``Col.rank``: highest first), and
only then are the remaining droppable ones shortened with an ellipsis.
Columns of rank 0 (an event's date, type, who, whom, modality) are never
dropped nor cut: a long name wraps onto a second line instead.  CSV and JSON
lines carry every column of the table's rows (``selon.corpus.tables``), whatever
the terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from selon.cli.common import out
from selon.export.rows import write_csv, write_jsonl

GAP = 2  # cells between two columns (collapsed padding, no vertical rule)
MIN_CUT = 8  # a shortened column keeps at least this many cells (or its header's width)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


FormatOption = Annotated[Format, typer.Option(
    "--format", "-f", case_sensitive=False,
    help="table (fits the terminal), csv or jsonl (every column, for pipes and spreadsheets).")]


@dataclass(frozen=True)
class Col:
    """A column of a terminal table: its header, how a row shows in it, and how expendable it is."""

    header: str
    value: str | Callable[[dict[str, Any]], Any]
    rank: int = 1  # 0: never dropped nor cut; otherwise dropped from the highest rank up when space is short

    def cell(self, row: dict[str, Any]) -> str:
        v = row.get(self.value) if isinstance(self.value, str) else self.value(row)
        return "" if v is None else str(v)


def _longest_word(text: str) -> int:
    return max((cell_len(w) for w in text.split()), default=0)


def fit(cols: Sequence[Col], cells: Sequence[Sequence[str]], width: int) -> list[tuple[int, int]]:
    """Which columns to show, and how wide: (index, width) in table order.

    Droppable columns go first (highest rank first) until the kept ones fit at their full width beside
    what remains at its minimum; only when nothing is left to drop do kept columns wrap at word
    boundaries.  What space is left then widens the droppable columns, most important first.
    """
    natural = [max([cell_len(c.header), *(cell_len(r[i]) for r in cells)]) for i, c in enumerate(cols)]
    least = [max([cell_len(c.header), *(_longest_word(r[i]) for r in cells)]) if c.rank == 0
             else min(natural[i], max(cell_len(c.header), MIN_CUT)) for i, c in enumerate(cols)]
    widths = {i: natural[i] if c.rank == 0 else least[i] for i, c in enumerate(cols)}

    def need() -> int:
        return sum(widths.values()) + GAP * max(0, len(widths) - 1)

    for i in sorted((i for i, c in enumerate(cols) if c.rank > 0), key=lambda i: (-cols[i].rank, -i)):
        if need() <= width:
            break
        del widths[i]
    for i in sorted(widths, key=lambda i: -natural[i]):  # still too wide: the widest kept columns wrap
        if need() <= width:
            break
        widths[i] = max(least[i], widths[i] - (need() - width))
    for i in sorted((i for i in widths if cols[i].rank > 0), key=lambda i: (cols[i].rank, i)):
        widths[i] += max(0, min(width - need(), natural[i] - widths[i]))
    return sorted(widths.items())


def table(cols: Sequence[Col], rows: Sequence[dict[str, Any]], title: str | None = None,
          width: int | None = None) -> Table:
    """A rich table of ``rows`` fitted to ``width`` (the terminal's by default); cells are text, not markup."""
    cells = [[c.cell(r) for c in cols] for r in rows]
    layout = fit(cols, cells, width or out.width)
    t = Table(title=Text(title) if title else None, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
              collapse_padding=True, title_justify="left")
    for i, w in layout:
        keep = cols[i].rank == 0
        t.add_column(cols[i].header, width=w, no_wrap=not keep, overflow="fold" if keep else "ellipsis")
    for r in cells:
        t.add_row(*(Text(r[i]) for i, _ in layout))
    return t


def show(cols: Sequence[Col], rows: Sequence[dict[str, Any]], title: str | None = None) -> None:
    """Print a fitted table; when even the kept columns are wider than the terminal, the lines run past it
    rather than cut a date or a name."""
    t = table(cols, rows, title)
    needed = sum(c.width or 0 for c in t.columns) + GAP * max(0, len(t.columns) - 1)
    if needed <= out.width:
        out.print(t)
    else:  # (rich never prints wider than its console: a wider one for this table)
        Console(width=needed, highlight=False, force_terminal=out.is_terminal or None).print(t, crop=False)


def emit(fmt: Format, columns: Sequence[str], rows: Sequence[dict[str, Any]], cols: Sequence[Col],
         title: str | None = None) -> None:
    """Write ``rows`` as a fitted table of ``cols``, or as CSV / JSON lines with every one of ``columns``."""
    if fmt is Format.csv:
        write_csv(sys.stdout, columns, [rows])
    elif fmt is Format.jsonl:
        write_jsonl(sys.stdout, [[{k: r.get(k) for k in columns} for r in rows]])
    else:
        show(cols, rows, title)
