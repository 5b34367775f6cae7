"""Options and output helpers shared by the commands."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console

if TYPE_CHECKING:
    from rich.progress import Progress

err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Store: a SQLite path or a postgresql:// URL (default: $SELON_DB or ./selon.db)."),
]

T = TypeVar("T")


def steady() -> None:
    """Collect garbage as usual from here on (``main`` pauses it while a command starts); what is loaded by
    now is frozen, so later collections do not walk the modules again."""
    gc.freeze()
    gc.enable()


def warn(message: str) -> None:
    """One plain line on stderr (no markup, no :emoji: codes: paths and reasons are shown verbatim)."""
    err.print(f"selon: {message}", markup=False, highlight=False, emoji=False, soft_wrap=True)


@contextmanager
def progress(label: str, enabled: bool | None = None) -> Iterator[Progress]:
    """A rich progress bar on stderr, shown only when stderr is a terminal."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    show = sys.stderr.isatty() if enabled is None else enabled
    bar = Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[note]}"), TimeElapsedColumn(), console=err, disable=not show,
                   transient=False)
    with bar:
        bar.add_task(label, total=None, note="")
        yield bar


def tick(items: Iterable[T], bar: Progress, note: str = "") -> Iterator[T]:
    task = bar.task_ids[0]
    for item in items:
        yield item
        bar.update(task, advance=1, note=note)
