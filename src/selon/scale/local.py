"""Several extraction processes on one machine, the pipeline loaded once per process.

Documents are sent in chunks; results come back in input order, so the single
writer (stdout or the store) sees the same stream as with one process.  A
bounded window of chunks is in flight (``Pool.imap`` would buffer finished
results without limit while the writer lags).
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult

from selon.ingest import Item
from selon.pipeline import Extractor, Result
from selon.scale.window import chunked, ordered

_extractor: Extractor | None = None


def _init(kb: str | None) -> None:
    global _extractor
    _extractor = Extractor(kb=kb)


def _work(chunk: list[Item]) -> list[Result]:
    assert _extractor is not None
    return list(_extractor.run(chunk))


def parallel_extract(items: Iterable[Item], workers: int, kb: str | None = None,
                     chunk_size: int = 16, window: int | None = None) -> Iterator[Result]:
    """Extract on ``workers`` processes; ordered results; at most ``window`` chunks in flight."""
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_init, initargs=(kb,)) as pool:

        def submit(chunk: list[Item]) -> AsyncResult[list[Result]]:
            return pool.apply_async(_work, (chunk,))

        for results in ordered(chunked(items, chunk_size), submit, lambda r: r.get(), window or 2 * workers):
            yield from results
