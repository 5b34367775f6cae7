"""Several extraction processes on one machine, the pipeline loaded once per process.

Documents are sent in chunks; results come back in input order, so the single
writer (stdout or the store) sees the same stream as with one process.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from itertools import islice

from selon.ingest import Item
from selon.pipeline import Extractor, Result

_extractor: Extractor | None = None


def _init(kb: str | None) -> None:
    global _extractor
    _extractor = Extractor(kb=kb)


def _work(chunk: list[Item]) -> list[Result]:
    assert _extractor is not None
    return list(_extractor.run(chunk))


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def parallel_extract(items: Iterable[Item], workers: int, kb: str | None = None,
                     chunk_size: int = 16) -> Iterator[Result]:
    """Extract on ``workers`` processes; ordered results; bounded memory (imap keeps a window)."""
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_init, initargs=(kb,)) as pool:
        for results in pool.imap(_work, _chunks(items, chunk_size)):
            yield from results
