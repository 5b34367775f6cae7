"""The actor network: who acts on whom, how often, by event type.

A tie is an (actor, recipient, type) triple over corpus events, with a
count and first/last dates; events with no recipient tie their co-actors
("A et B se sont parlé": ``directed`` false, stored once with the lower actor
id as source).  ``corpus_ties`` keeps these aggregates so that the graph of
an actor with tens of thousands of events reads a few hundred rows; the same
SQL, run over ``corpus_event_actors`` with filters, serves filtered graphs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    delete,
    false,
    func,
    insert,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.engine import Connection
from sqlalchemy.sql.util import ClauseAdapter

from selon.store import schema as s

cea, ties, stats, pairs = s.corpus_event_actors, s.corpus_ties, s.corpus_actor_stats, s.corpus_pairs
PARTICIPANT = ("actor", "recipient")
CHUNK = 400


def tie_selects(conditions: Sequence[ColumnElement[bool]] = (), around: Sequence[int] | None = None,
                pair: tuple[int, int] | None = None) -> list[Select[Any]]:
    """SELECTs of (source, target, type, directed, weight, first, last) over ``corpus_event_actors``.

    ``conditions`` are written against ``corpus_event_actors`` and apply to the acting side (its type,
    dates and corpus_event_id); ``around`` keeps ties touching these actors, as separate index-driven
    queries (an OR would scan the table); ``pair`` keeps one (source, target) pair.
    """
    out = []
    for directed in (True, False):
        x, y = cea.alias("x"), cea.alias("y")
        if directed:
            join = and_(y.c.corpus_event_id == x.c.corpus_event_id, y.c.role == "recipient")
            base = [x.c.role == "actor", x.c.actor_id != y.c.actor_id]
        else:
            z = cea.alias("z")
            no_recipient = ~select(z.c.actor_id).where(z.c.corpus_event_id == x.c.corpus_event_id,
                                                       z.c.role == "recipient").exists()
            join = and_(y.c.corpus_event_id == x.c.corpus_event_id, y.c.role == "actor")
            base = [x.c.role == "actor", x.c.actor_id < y.c.actor_id, no_recipient]
        if pair is not None:
            base += [x.c.actor_id == pair[0], y.c.actor_id == pair[1]]
        sides: list[list[ColumnElement[bool]]] = [[]]
        if around is not None:
            ids = sorted(set(around))
            sides = [[x.c.actor_id.in_(ids)], [y.c.actor_id.in_(ids), ~x.c.actor_id.in_(ids)]]
        adapt = ClauseAdapter(x)
        for side in sides:
            q = (select(x.c.actor_id.label("source"), y.c.actor_id.label("target"), x.c.type.label("type"),
                        (true() if directed else false()).label("directed"), func.count().label("weight"),
                        func.min(func.nullif(x.c.date_key, s.UNDATED)).label("first"),
                        func.max(x.c.date_end).label("last"))
                 .select_from(x).join(y, join)
                 .where(*base, *side, *[adapt.traverse(c) for c in conditions])
                 .group_by(x.c.actor_id, y.c.actor_id, x.c.type))
            out.append(q)
    return out


def pairs_of(conn: Connection, cluster_ids: Iterable[int]) -> set[tuple[int, int, str]]:
    """The (source, target, event type) ties that these corpus events count in."""
    ids = sorted(set(cluster_ids))
    out: set[tuple[int, int, str]] = set()
    x, y = cea.alias("x"), cea.alias("y")
    for i in range(0, len(ids), CHUNK):
        q = (select(x.c.actor_id, y.c.actor_id, x.c.type)
             .join(y, and_(y.c.corpus_event_id == x.c.corpus_event_id, y.c.role.in_(("actor", "recipient"))))
             .where(x.c.corpus_event_id.in_(ids[i:i + CHUNK]), x.c.role == "actor", x.c.actor_id != y.c.actor_id))
        out.update((int(a), int(b), str(t)) for a, b, t in conn.execute(q))
    return out


@cache
def _triple_selects() -> list[Select[Any]]:
    """The tie SELECTs for one (source, target, type), built once with bound parameters."""
    return tie_selects([cea.c.type == bindparam("t")], pair=(bindparam("a"), bindparam("b")))  # type: ignore[arg-type]


def refresh(conn: Connection, changed: Iterable[tuple[int, int, str]]) -> None:
    """Recount these ties (both directions) and their pairs' weights from the corpus events.

    One (source, target, type) at a time: the type is in the actor index, so a hub's thousands of events
    are skipped inside the index instead of being joined."""
    triples = sorted({k for a, b, t in changed for k in ((a, b, t), (b, a, t))})
    rows: list[dict[str, Any]] = []
    for a, b, t in triples:
        conn.execute(delete(ties).where(ties.c.source_id == a, ties.c.target_id == b, ties.c.type == t))
        for q in _triple_selects():
            rows.extend(_row(r) for r in dicts(conn.execute(q, {"a": a, "b": b, "t": t})))
    if rows:
        conn.execute(insert(ties), rows)
    for a, b in sorted({(min(a, b), max(a, b)) for a, b, _ in triples}):
        both = or_(and_(ties.c.source_id == a, ties.c.target_id == b), and_(ties.c.source_id == b, ties.c.target_id == a))
        w = conn.execute(select(func.coalesce(func.sum(ties.c.weight), 0)).where(both)).scalar_one()
        conn.execute(delete(pairs).where(or_(and_(pairs.c.a == a, pairs.c.b == b), and_(pairs.c.a == b, pairs.c.b == a))))
        if w:
            conn.execute(insert(pairs), [{"a": a, "b": b, "weight": int(w)}, {"a": b, "b": a, "weight": int(w)}])


def dicts(result: Any) -> list[dict[str, Any]]:
    """Rows as dicts, fast (``Row._mapping`` costs ~10 µs a row; a hub's graph reads thousands)."""
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result]


def _row(r: dict[str, Any]) -> dict[str, Any]:
    return {"source_id": r["source"], "target_id": r["target"], "type": r["type"], "directed": bool(r["directed"]),
            "weight": r["weight"], "first": r["first"], "last": r["last"]}


def rebuild(conn: Connection) -> int:
    """All ties and pair weights from scratch."""
    conn.execute(delete(ties))
    conn.execute(delete(pairs))
    n = 0
    for q in tie_selects():
        rows = [_row(r) for r in dicts(conn.execute(q))]
        for i in range(0, len(rows), 5000):
            conn.execute(insert(ties), rows[i:i + 5000])
        n += len(rows)
    both = union_all(select(ties.c.source_id.label("a"), ties.c.target_id.label("b"), ties.c.weight),
                     select(ties.c.target_id.label("a"), ties.c.source_id.label("b"), ties.c.weight)).subquery()
    conn.execute(insert(pairs).from_select(["a", "b", "weight"], select(both.c.a, both.c.b, func.sum(both.c.weight))
                                           .group_by(both.c.a, both.c.b)))
    return n


def read(conn: Connection, around: Sequence[int], types: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Stored ties touching these actors (optionally of these event types)."""
    ids = sorted(set(around))
    out: list[dict[str, Any]] = []
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        for side in ([ties.c.source_id.in_(chunk)], [ties.c.target_id.in_(chunk), ~ties.c.source_id.in_(chunk)]):
            q = select(ties.c.source_id.label("source"), ties.c.target_id.label("target"), ties.c.type,
                       ties.c.directed, ties.c.weight, ties.c.first.label("start"), ties.c.last.label("end")).where(*side)
            if types:
                q = q.where(ties.c.type.in_(list(types)))
            out.extend(dicts(conn.execute(q)))
    return out


def live(conn: Connection, conditions: Sequence[ColumnElement[bool]], around: Sequence[int] | None) -> list[dict[str, Any]]:
    """Ties computed from the corpus events under filters (what ``read`` gives when there are none)."""
    qs = tie_selects(conditions, around)
    rows = conn.execute(union_all(*qs)).all()
    return [{"source": r.source, "target": r.target, "type": r.type, "directed": bool(r.directed),
             "weight": r.weight, "start": r.first, "end": r.last} for r in rows]



# -- activity per actor ----------------------------------------------------------------------------------

def _stats_select() -> Select[Any]:
    return (select(cea.c.actor_id, func.count(func.distinct(cea.c.corpus_event_id)).label("events"),
                   func.min(func.nullif(cea.c.date_key, s.UNDATED)).label("first"),
                   func.max(cea.c.date_end).label("last"))
            .where(cea.c.role.in_(PARTICIPANT)).group_by(cea.c.actor_id))


Spans = dict[int, dict[int, tuple[str | None, str | None]]]  # actor -> corpus event -> (first day, last day)


def spans_of(conn: Connection, cluster_ids: Iterable[int]) -> Spans:
    """Who takes part in these corpus events, and their dates: what the activity counts are made of."""
    ids = sorted(set(cluster_ids))
    out: Spans = {}
    for i in range(0, len(ids), CHUNK):
        for a, cid, key, end in conn.execute(select(cea.c.actor_id, cea.c.corpus_event_id, cea.c.date_key, cea.c.date_end)
                                             .where(cea.c.corpus_event_id.in_(ids[i:i + CHUNK]),
                                                    cea.c.role.in_(PARTICIPANT))):
            out.setdefault(int(a), {})[int(cid)] = (None if key == s.UNDATED else key, end)
    return out


def update_activity(conn: Connection, before: Spans, after: Spans) -> None:
    """Apply the change from ``before`` to ``after`` (the same corpus events, before and after a merge) to
    each actor's activity; an actor whose first or last date may have gone is recounted."""
    recount = []
    for actor in sorted(set(before) | set(after)):
        old, new = before.get(actor, {}), after.get(actor, {})
        row = conn.execute(select(stats).where(stats.c.actor_id == actor)).first()
        if row is None:
            if old:
                recount.append(actor)
                continue
            events, first, last = 0, None, None
        else:
            if any(st == row.first or en == row.last for st, en in old.values()):
                recount.append(actor)
                continue
            events, first, last = row.events, row.first, row.last
        events += len(new) - len(old)
        firsts = [d for d in (first, *(st for st, _ in new.values())) if d]
        lasts = [d for d in (last, *(en for _, en in new.values())) if d]
        conn.execute(delete(stats).where(stats.c.actor_id == actor))
        if events > 0:
            conn.execute(insert(stats).values(actor_id=actor, events=events, first=min(firsts) if firsts else None,
                                              last=max(lasts) if lasts else None))
    refresh_activity(conn, recount)


def refresh_activity(conn: Connection, actor_ids: Iterable[int]) -> None:
    ids = sorted(set(actor_ids))
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        conn.execute(delete(stats).where(stats.c.actor_id.in_(chunk)))
        rows = dicts(conn.execute(_stats_select().where(cea.c.actor_id.in_(chunk))))
        if rows:
            conn.execute(insert(stats), rows)


def rebuild_activity(conn: Connection) -> None:
    conn.execute(delete(stats))
    rows = dicts(conn.execute(_stats_select()))
    for i in range(0, len(rows), 5000):
        conn.execute(insert(stats), rows[i:i + 5000])


def activity(conn: Connection, actor_ids: Sequence[int]) -> dict[int, int]:
    """Corpus events each actor takes part in (as actor or recipient)."""
    ids = sorted(set(actor_ids))
    out: dict[int, int] = {}
    for i in range(0, len(ids), CHUNK):
        out.update((int(a), int(n)) for a, n in conn.execute(
            select(stats.c.actor_id, stats.c.events).where(stats.c.actor_id.in_(ids[i:i + CHUNK]))))
    return out


def strongest_partners(conn: Connection, around: Sequence[int], limit: int, types: Sequence[str] = (),
                       exclude: Iterable[int] = ()) -> list[tuple[int, int]]:
    """(actor, tie weight) of the actors most tied to ``around``, strongest first (stored ties).

    Without a type filter each actor's strongest partners are the first rows of the pair index, so a
    hub with thousands of partners costs no more than a small actor."""
    ids = sorted(set(around))
    skip = set(exclude) | set(ids)
    if not types:
        per = limit + len(skip)
        weight: dict[int, int] = {}
        for a in ids:
            q = select(pairs.c.b, pairs.c.weight).where(pairs.c.a == a).order_by(pairs.c.weight.desc()).limit(per)
            for b, w in conn.execute(q):
                if b not in skip:
                    weight[int(b)] = weight.get(int(b), 0) + int(w)
        return sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    kinds = list(types)
    u = union_all(select(ties.c.target_id.label("partner"), ties.c.weight)
                  .where(ties.c.source_id.in_(ids), ties.c.type.in_(kinds)),
                  select(ties.c.source_id.label("partner"), ties.c.weight)
                  .where(ties.c.target_id.in_(ids), ties.c.type.in_(kinds))).subquery()
    q = (select(u.c.partner, func.sum(u.c.weight).label("w")).where(u.c.partner.not_in(sorted(skip)))
         .group_by(u.c.partner).order_by(func.sum(u.c.weight).desc(), u.c.partner).limit(limit))
    return [(int(p), int(w)) for p, w in conn.execute(q)]


def among(conn: Connection, nodes: Sequence[int], types: Sequence[str] = (), limit: int = 1000,
          targets: Sequence[int] | None = None) -> list[dict[str, Any]]:
    """The strongest stored ties between these actors (or between ``nodes`` and ``targets``, both ways).

    Each (source, target) pair is one primary-key probe, so callers keep the sets small."""
    ids = sorted(set(nodes))
    other = ids if targets is None else sorted(set(targets))
    cols = (ties.c.source_id.label("source"), ties.c.target_id.label("target"), ties.c.type, ties.c.directed,
            ties.c.weight, ties.c.first.label("start"), ties.c.last.label("end"))
    sides = [(ids, other)] if targets is None else [(ids, other), (other, ids)]
    parts = []
    for src, dst in sides:
        q = select(*cols).where(ties.c.source_id.in_(src), ties.c.target_id.in_(dst))
        if types:
            q = q.where(ties.c.type.in_(list(types)))
        parts.append(q)
    u = union_all(*parts).subquery()
    return dicts(conn.execute(select(u).order_by(u.c.weight.desc(), u.c.source, u.c.target, u.c.type).limit(limit)))


def incident(conn: Connection, actor_id: int, nodes: Sequence[int], types: Sequence[str] = (),
             limit: int = 1000) -> list[dict[str, Any]]:
    """The strongest stored ties between one actor and any of ``nodes``."""
    ids = sorted(set(nodes))
    parts = []
    for side in ([ties.c.source_id == actor_id, ties.c.target_id.in_(ids)],
                 [ties.c.target_id == actor_id, ties.c.source_id.in_(ids)]):
        q = select(ties.c.source_id.label("source"), ties.c.target_id.label("target"), ties.c.type, ties.c.directed,
                   ties.c.weight, ties.c.first.label("start"), ties.c.last.label("end")).where(*side)
        if types:
            q = q.where(ties.c.type.in_(list(types)))
        parts.append(q)
    u = union_all(*parts).subquery()
    return dicts(conn.execute(select(u).order_by(u.c.weight.desc(), u.c.source, u.c.target, u.c.type).limit(limit)))
