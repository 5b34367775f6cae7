"""Which rows of each corpus table an export holds, given the ``selon events`` filters.

With no filter, every row of every table.  With filters, the matching events
and what they bring along: their reports, the actors they name (as actor,
recipient or source), the articles those reports come from and the
quotations in those articles.  Rows come in batches, so an export streams.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from selon.corpus import listing, tables
from selon.corpus.filters import Filters
from selon.store import schema as s

Batches = Iterator[list[dict[str, Any]]]


def unfiltered(filters: Filters) -> bool:
    return not (filters.actor_ids or filters.types or filters.since or filters.until or filters.modality
                or filters.outlet)


def batches(conn: Connection, table: str, filters: Filters) -> Batches:
    """The rows of ``table`` (a key of ``tables.TABLES``) for an export with ``filters``."""
    if table == "events":
        return tables.iter_event_rows(conn, filters)
    ids = listing.event_ids(conn, filters)
    if table == "reports":
        return (tables.report_rows(conn, ids[i:i + tables.BATCH]) for i in range(0, len(ids), tables.BATCH))
    everything = unfiltered(filters)
    if table == "actors":
        return iter([tables.actor_rows(conn, ids=None if everything else _actors(conn, ids))])
    articles = None if everything else _articles(conn, ids)
    if table == "articles":
        return iter([tables.article_rows(conn, ids=articles)])
    if table == "quotes":
        return iter([tables.quote_rows(conn, article_ids=articles)])
    raise ValueError(f"table: unknown table {table!r}; one of {', '.join(tables.TABLES)}")


def _actors(conn: Connection, event_ids: list[int]) -> list[int]:
    cea = s.corpus_event_actors
    found: set[int] = set()
    for i in range(0, len(event_ids), tables.BATCH):
        found.update(conn.execute(select(cea.c.actor_id).distinct()
                                  .where(cea.c.corpus_event_id.in_(event_ids[i:i + tables.BATCH]))).scalars())
    return sorted(found)


def _articles(conn: Connection, event_ids: list[int]) -> list[int]:
    cr = s.corpus_reports
    found: set[int] = set()
    for i in range(0, len(event_ids), tables.BATCH):
        found.update(conn.execute(select(cr.c.article_id).distinct()
                                  .where(cr.c.corpus_event_id.in_(event_ids[i:i + tables.BATCH]))).scalars())
    return sorted(found)
