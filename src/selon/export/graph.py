"""The actor network as GEXF (Gephi, with dates for its timeline) or GraphML, via networkx.

Nodes are actors; each corpus event adds one edge per actor→recipient pair
(or between co-actors when an event has no recipient, "A et B se sont
parlé": ``directed`` is false), carrying the event's type, mode, modality, date, reports and
outlets.  GEXF edges get ``start``/``end`` (the event's date range) and nodes
their first and last event, so Gephi's timeline can play the corpus.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import IO, Any

import networkx as nx
from sqlalchemy.engine import Connection

from selon.corpus import query as q


def build(conn: Connection, filters: q.Filters, dynamic: bool = True) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(name="selon actor network")
    if dynamic:
        g.graph["mode"] = "dynamic"
    spans: dict[int, list[str]] = {}
    for ev in q.iter_events(conn, filters):
        people = {p["id"]: p for p in ev["actors"] + ev["recipients"]}
        for p in people.values():
            if p["id"] not in g:
                g.add_node(p["id"], label=p["name"], actor_type=p["type"])
        if ev["recipients"]:
            pairs = [(a["id"], r["id"], True) for a in ev["actors"] for r in ev["recipients"] if a["id"] != r["id"]]
        else:
            pairs = [(a["id"], b["id"], False) for a, b in combinations(ev["actors"], 2)]
        attrs: dict[str, Any] = {
            "label": ev["type"], "event_type": ev["type"], "modality": ev["modality"], "event": ev["id"],
            "reports": ev["n_reports"], "outlets": "; ".join(ev["outlets"]), "date_precision": ev["date_precision"],
        }
        for key in ("mode", "date", "location"):
            if ev[key]:
                attrs[key] = ev[key]
        if dynamic and ev["date_start"]:
            attrs["start"], attrs["end"] = ev["date_start"], ev["date_end"]
            for pid in people:
                spans.setdefault(pid, []).extend([ev["date_start"], ev["date_end"]])
        for src, dst, directed in pairs:
            g.add_edge(src, dst, key=f"{ev['id']}:{src}:{dst}", id=f"{ev['id']}:{src}:{dst}", directed=directed,
                       **attrs)
    for pid, ds in spans.items():
        g.nodes[pid]["start"], g.nodes[pid]["end"] = min(ds), max(ds)
    for pid in g:
        g.nodes[pid]["events"] = g.degree(pid)
    return g


def write_gexf(conn: Connection, filters: q.Filters, sink: IO[bytes] | Path) -> nx.MultiDiGraph:
    g = build(conn, filters, dynamic=True)
    nx.write_gexf(g, sink, version="1.2draft")
    return g


def write_graphml(conn: Connection, filters: q.Filters, sink: IO[bytes] | Path) -> nx.MultiDiGraph:
    g = build(conn, filters, dynamic=False)
    nx.write_graphml(g, sink, named_key_ids=True)
    return g
