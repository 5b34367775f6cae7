"""Corpus events as lists: a page in date order, every match in batches, one actor's timeline.

Each event comes as a JSON-ready dict with its participants, sources, outlets
and the number of denials linked to it (``decorate``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from selon.corpus.filters import PARTICIPANT, Filters
from selon.store import schema as s

ce, cr, cea, cl = s.corpus_events, s.corpus_reports, s.corpus_event_actors, s.corpus_links


EVENT_COLS = (ce.c.id, ce.c.type, ce.c.mode, ce.c.date, ce.c.date_precision, ce.c.date_start, ce.c.date_end,
               ce.c.location, ce.c.modality, ce.c.modalities, ce.c.outlets, ce.c.n_reports, ce.c.n_articles,
               ce.c.n_outlets)


def decorate(conn: Connection, rows: Sequence[Any], page: Any = None) -> list[dict[str, Any]]:
    """Corpus event rows as dicts with participants, sources and denial counts (two more queries).

    ``page``: a subquery whose ``cid`` column lists the same corpus events (joined rather than sent as a
    long IN list, which costs more to build than to run)."""
    people: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    denied_by: dict[int, int] = {}
    if rows:
        a = s.actors
        pq = (select(cea.c.corpus_event_id, cea.c.role, a.c.id, a.c.name, a.c.type)
              .join(a, a.c.id == cea.c.actor_id))
        dq = (select(cr.c.corpus_event_id, func.count(func.distinct(cl.c.from_event_id)))
              .join(cl, cl.c.to_event_id == cr.c.event_id).group_by(cr.c.corpus_event_id))
        if page is not None:
            pq = pq.join(page, page.c.cid == cea.c.corpus_event_id)
            dq = dq.join(page, page.c.cid == cr.c.corpus_event_id)
        else:
            ids = [r.id for r in rows]
            pq = pq.where(cea.c.corpus_event_id.in_(ids))
            dq = dq.where(cr.c.corpus_event_id.in_(ids))
        for cid, role, aid, name, atype in conn.execute(pq.order_by(cea.c.corpus_event_id, a.c.name)):
            people[cid][role].append({"id": aid, "name": name, "type": atype})
        denied_by = {int(cid): int(n) for cid, n in conn.execute(dq)}
    out = []
    keys = list(rows[0]._fields) if rows else []
    loads = json.loads
    for r in rows:
        d = dict(zip(keys, r, strict=True))
        d["modalities"] = loads(d["modalities"])
        d["outlets"] = loads(d["outlets"])
        who = people.get(r.id, {})
        d["actors"] = who.get("actor", [])
        d["recipients"] = who.get("recipient", [])
        d["sources"] = who.get("source", [])
        d["denials"] = denied_by.get(r.id, 0)
        out.append(d)
    return out


def events(conn: Connection, filters: Filters, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Corpus events matching the filters, by date (undated last), with participants, sources, outlets."""
    if filters.actor_ids:
        # Walk the actor's index in date order and stop at the page: a hub's whole history is never sorted.
        page = (select(cea.c.corpus_event_id.label("cid"), cea.c.date_key.label("k")).distinct()
                .where(cea.c.actor_id.in_(filters.actor_ids), cea.c.role.in_(PARTICIPANT), *filters.on_participants())
                .order_by(cea.c.date_key, cea.c.corpus_event_id).limit(limit).offset(offset)).subquery()
    else:
        page = (select(ce.c.id.label("cid"), ce.c.date_key.label("k")).where(*filters.on_events())
                .order_by(ce.c.date_key, ce.c.id).limit(limit).offset(offset)).subquery()
    rows = conn.execute(select(*EVENT_COLS).join(page, page.c.cid == ce.c.id).order_by(page.c.k, page.c.cid)).all()
    return decorate(conn, rows, page)


def count_events(conn: Connection, filters: Filters) -> int:
    return int(conn.execute(filters.apply(select(func.count()).select_from(ce))).scalar_one())


def iter_events(conn: Connection, filters: Filters, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every matching corpus event, in batches (for exports: memory does not grow with the corpus)."""
    last = 0
    while True:
        q = filters.apply(select(*EVENT_COLS)).where(ce.c.id > last).order_by(ce.c.id).limit(batch)
        rows = conn.execute(q).all()
        if not rows:
            return
        yield from decorate(conn, rows)
        last = rows[-1].id


def timeline(conn: Connection, actor_id: int, filters: Filters, limit: int | None = 500) -> list[dict[str, Any]]:
    """One actor's corpus events in date order (the actor filter is this actor)."""
    f = Filters(**{**filters.__dict__, "actor_ids": [actor_id]})
    return events(conn, f, limit=limit)



def evidence_texts(conn: Connection, corpus_event_id: int) -> list[str]:
    """Each report's evidence text, in report order."""
    e = s.events
    return list(conn.execute(select(e.c.evidence_text).join(cr, cr.c.event_id == e.c.id)
                             .where(cr.c.corpus_event_id == corpus_event_id).order_by(e.c.id)).scalars())


def evidence_by_event(conn: Connection, corpus_event_ids: Sequence[int]) -> dict[int, list[str]]:
    """Each event's report evidence texts, in report order, for many events in one query."""
    e = s.events
    out: dict[int, list[str]] = defaultdict(list)
    ids = list(corpus_event_ids)
    for i in range(0, len(ids), 500):
        for cid, text in conn.execute(select(cr.c.corpus_event_id, e.c.evidence_text)
                                      .join(cr, cr.c.event_id == e.c.id)
                                      .where(cr.c.corpus_event_id.in_(ids[i:i + 500]))
                                      .order_by(cr.c.corpus_event_id, e.c.id)):
            out[int(cid)].append(text)
    return out


def event_ids(conn: Connection, filters: Filters) -> list[int]:
    """The ids of every matching corpus event, in id order."""
    return [int(i) for i in conn.execute(filters.apply(select(ce.c.id)).order_by(ce.c.id)).scalars()]
