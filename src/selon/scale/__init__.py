"""Running the same extraction on several processes or a Dask cluster.

``extraction_stream`` chooses the backend; every backend yields the results of
``Extractor.run`` in input order, for one writer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from selon.ingest import Item
from selon.pipeline import Result


class SchedulerError(Exception):
    """The Dask scheduler cannot be reached or has no worker (one line, for the user)."""


def extraction_stream(items: Iterable[Item], workers: int = 1, scheduler: str | None = None,
                      kb: str | None = None) -> Iterator[Result]:
    """One process, a local pool (``workers`` > 1) or Dask (``scheduler``: ``local`` or an address).

    The pipeline is loaded before this returns, so a missing model or an
    unreachable scheduler is an error here rather than at the first record.
    """
    if scheduler:
        from selon.scale.dask import dask_extract

        return dask_extract(items, scheduler, workers=workers, kb=kb)
    if workers > 1:
        from selon.scale.local import parallel_extract

        return parallel_extract(items, workers=workers, kb=kb)
    from selon.pipeline import Extractor

    return Extractor(kb=kb).run(items)
