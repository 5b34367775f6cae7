"""The actor network of the corpus view: around one actor, or among the most active ones."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from selon.corpus import lookup, ties
from selon.corpus.filters import PARTICIPANT, Filters
from selon.store import schema as s

cea = s.corpus_event_actors
MAX_GRAPH_NODES = 150
MAX_EDGES = 600
FRONTIER = 10  # a further hop grows from this many of the strongest new actors
CORE = 60  # ties among this many of the strongest actors are drawn (each pair costs a lookup)


def _partners(edges: list[dict[str, Any]], around: set[int], exclude: set[int], limit: int) -> list[int]:
    weight: Counter[int] = Counter()
    for e in edges:
        for a, b in ((e["source"], e["target"]), (e["target"], e["source"])):
            if a in around and b not in exclude:
                weight[b] += e["weight"]
    return [n for n, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))][:limit]


def graph(conn: Connection, actor_id: int | None, filters: Filters, depth: int = 1,
          max_nodes: int = MAX_GRAPH_NODES, max_edges: int = MAX_EDGES) -> dict[str, Any]:
    """The actor network: around one actor (``depth`` hops), or the most active actors when ``actor_id``
    is None.  At most ``max_nodes`` actors, the most strongly tied first (a further hop grows from the
    ``FRONTIER`` strongest actors of the previous one); edges: the centre's own ties first, then ties
    among the ``CORE`` strongest actors and from each hop to the next, ``max_edges`` at most.  Edges are
    aggregated by event type.

    With no filter but event types this reads the stored ties (``corpus_ties``); any other filter
    computes ties from the filtered events.
    """
    stored = filters.only_types
    if actor_id is None:
        if stored and not filters.types:
            st = s.corpus_actor_stats
            order = select(st.c.actor_id).order_by(st.c.events.desc(), st.c.actor_id).limit(max_nodes)
            nodes = [int(a) for a in conn.execute(order).scalars()]
        else:
            q = (select(cea.c.actor_id, func.count().label("n"))
                 .where(cea.c.role.in_(PARTICIPANT), *filters.on_participants()).group_by(cea.c.actor_id)
                 .order_by(func.count().desc(), cea.c.actor_id).limit(max_nodes))
            nodes = [int(r.actor_id) for r in conn.execute(q)]
        centre_edges: list[dict[str, Any]] = []
        found = ties.among(conn, nodes[:CORE], filters.types, max_edges) if stored else ties.live(
            conn, filters.on_participants(), nodes[:CORE])
    else:
        nodes = [actor_id]
        frontier = [actor_id]
        found = []
        hops: list[tuple[list[int], list[int]]] = []
        for _ in range(max(1, depth)):
            room = max_nodes - len(nodes)
            if room <= 0 or not frontier:
                break
            if stored:
                new = [p for p, _ in ties.strongest_partners(conn, frontier, room, filters.types, exclude=nodes)]
            else:
                hop = ties.live(conn, filters.on_participants(), frontier)
                found.extend(hop)
                new = _partners(hop, set(frontier), set(nodes), room)
            hops.append((frontier, new))
            nodes.extend(new)
            frontier = new[:FRONTIER]
        if stored:
            centre_edges = ties.incident(conn, actor_id, nodes, filters.types, max_edges)
            found = ties.among(conn, nodes[:CORE], filters.types, max_edges)
            for parents, children in hops[1:]:
                found += ties.among(conn, parents, filters.types, max_edges, targets=children)
        else:
            centre_edges = sorted((e for e in found if actor_id in (e["source"], e["target"])),
                                  key=lambda e: -e["weight"])[:max_edges]
    keep = set(nodes)
    seen: set[tuple[Any, ...]] = set()
    edges_out: list[dict[str, Any]] = []
    for e in [*centre_edges, *sorted(found, key=lambda e: -e["weight"])]:
        k = (e["source"], e["target"], e["type"], e["directed"])
        if k in seen or e["source"] not in keep or e["target"] not in keep:
            continue
        if len(edges_out) >= max_edges:
            break
        seen.add(k)
        edges_out.append({**e, "directed": bool(e["directed"])})
    return {"nodes": lookup.nodes(conn, sorted(keep)),
            "edges": sorted(edges_out, key=lambda e: (e["source"], e["target"], e["type"], e["directed"]))}

